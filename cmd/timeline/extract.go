package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"timeline/internal/extract"
	"timeline/internal/outset"
	"timeline/pipeline"
)

const extractUsage = `Usage: timeline extract [-o data/NAME.csv] [-force] FILE.txt|FILE.md

Extract proposes the rows of a timeline from prose, for you to review: it
writes data/NAME.csv for FILE NAME.txt. Open it, correct it, delete what
is wrong, then build. It follows rules, with no model and no network:

	- each sentence with a date expression ("from 1926 to 1953", "the
	  1930s", "c. 1847", "15 March 44 BC") becomes a history row, with the
	  expression as written as its date, a short title, the sentence as
	  its description and FILE:LINE as its source;
	- each other sentence becomes an undated history row; it is never
	  given a date;
	- each reference entry, as journals print them, becomes a
	  historiography row with its title, authors (each once), venue,
	  volume, issue and pages, and its date as precise as written;
	- a work is linked (about) to the dated sentences of its abstract, or
	  else to the dated rows whose names its title holds.

Page ranges, issue numbers, list markers and quantities are not dates.
Every row says in the extra column found_by how it was found. It never
overwrites a file unless -force is given, and the CSV is then checked as
"timeline check" does.

Flags:
`

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	target := newTargetFlags(fs)
	if err := parseFlags(fs, extractUsage, args, stdout, stderr); err != nil {
		return err
	}
	src, csvPath, err := target.paths(fs, "name one text to extract from", extractUsage, stderr)
	if err != nil {
		return err
	}
	text, err := readText(src)
	if err != nil {
		return err
	}
	res := extract.Text(text, filepath.Base(src))
	if err := mayWrite(csvPath, src, *target.force); err != nil {
		return err
	}
	written, err := writeFacts(csvPath, res.Facts, pipeline.InputColumns{Extra: []string{extract.FoundBy}})
	if err != nil {
		return err
	}
	var dated, undated, works int
	for _, f := range res.Facts {
		switch {
		case f.Kind == pipeline.Historiography:
			works++
		case f.Date.IsZero():
			undated++
		default:
			dated++
		}
	}
	fmt.Fprintf(stdout, "wrote %s: %s, %s and %s, to review\n", csvPath, plural(dated, "dated statement"), plural(undated, "undated one"), plural(works, "work"))
	return checkWritten(ctx, stdout, csvPath, written)
}

// readText reads a text file, which must be UTF-8.
func readText(path string) (string, error) {
	f, err := openInput(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return string(bytes.TrimPrefix(b, []byte("\uFEFF"))), nil
}

// targetFlags are the flags of a command that makes a new timeline's CSV
// from one file: where it goes, and whether it may replace one.
type targetFlags struct {
	out   *string
	force *bool
}

func newTargetFlags(fs *flag.FlagSet) targetFlags {
	return targetFlags{
		out:   fs.String("o", "", "write the CSV to `FILE` (default data/NAME.csv)"),
		force: fs.Bool("force", false, "overwrite files that exist"),
	}
}

// paths gives the one file named, and the CSV to write: -o, or else
// data/NAME.csv for a file NAME.EXT. Any other number of files is a usage
// error, which says want.
func (tf targetFlags) paths(fs *flag.FlagSet, want, usage string, stderr io.Writer) (src, csvPath string, err error) {
	if fs.NArg() != 1 {
		fmt.Fprintf(stderr, "timeline %s: %s\n\n%s", fs.Name(), want, usage)
		return "", "", errUsage
	}
	src = fs.Arg(0)
	csvPath = *tf.out
	if csvPath == "" {
		csvPath = filepath.Join("data", outset.NameOf(src)+outset.CSVSuffix)
	}
	return src, csvPath, nil
}

// writeFacts writes facts as a new input CSV, and gives what it wrote.
func writeFacts(path string, facts []pipeline.Fact, cols pipeline.InputColumns) ([]byte, error) {
	var buf bytes.Buffer
	if err := pipeline.WriteFacts(&buf, slices.Values(facts), cols); err != nil {
		return nil, err
	}
	return buf.Bytes(), writeNew(path, buf.Bytes())
}

// writeNew writes a file that mayWrite allowed, making its folder.
func writeNew(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return writeFileAtomic(path, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// checkWritten checks a CSV just written, as check does, and prints its
// problems; errData when it has errors.
func checkWritten(ctx context.Context, stdout io.Writer, path string, b []byte) error {
	_, problems, err := pipeline.Read(bytes.NewReader(b), path, outset.NameOf(path))
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		fmt.Fprintf(stdout, "\nchecked %s:\n", path)
		printProblems(stdout, problems, pipeline.SeverityWarning)
	}
	if problems.Errors() > 0 {
		return errData
	}
	return ctx.Err()
}
