package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"timeline/internal/outset"
	"timeline/pipeline"
)

const checkUsage = `Usage: timeline check [-data DIR] [FILE.csv|FILE.xlsx ...]

Check reports every problem in each CSV file or workbook, by default every
*.csv and *.xlsx in the data directory, as FILE:LINE:COLUMN: message (in a
workbook, FILE:SHEET!C4: message), and in the NAME.md beside it.
A file that cannot be read at all is an error of its own, and the others
are still checked. It writes nothing. The exit status is 1 when a file has
errors, and 0 when there are only warnings.

Flags:
`

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	dataDir := fs.String("data", "data", "read `DIR`/*.csv and *.xlsx when no files are named")
	lang := fs.String("lang", "", "the `LANGUAGE` dates may be written in, besides English, where NAME.md names none")
	if err := parseFlags(fs, checkUsage, args, stdout, stderr); err != nil {
		return err
	}
	files, err := inputFiles(*dataDir, fs.Args())
	if err != nil {
		return err
	}
	var errs, warns int
	for _, file := range files {
		in, err := readTimeline(ctx, outset.Timeline{Name: outset.NameOf(file), Input: file, Intro: outset.IntroOf(file)}, *lang)
		if err != nil {
			return err
		}
		printProblems(stdout, in.problems, pipeline.SeverityWarning)
		for _, f := range in.failures {
			fmt.Fprintln(stdout, f)
		}
		e := len(in.errors())
		errs += e
		warns += len(in.problems) - (e - len(in.failures))
	}
	fmt.Fprintf(stdout, "%s: %s, %s\n", plural(len(files), "file"), plural(errs, "error"), plural(warns, "warning"))
	if errs > 0 {
		return errData
	}
	return nil
}

// plural writes a count of things: "1 file", "2 files".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// printProblems prints the problems at least as severe as upTo.
func printProblems(w io.Writer, problems pipeline.Problems, upTo pipeline.Severity) {
	for _, p := range problems {
		if p.Severity <= upTo {
			fmt.Fprintln(w, p)
		}
	}
}
