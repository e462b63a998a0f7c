// Command timeline turns CSV files of dated facts into normalised CSV and
// interactive timeline pages.
//
// Usage:
//
//	timeline build [-data DIR] [-out DIR] [FILE.csv|FILE.xlsx ...]
//	timeline check [-data DIR] [FILE.csv|FILE.xlsx ...]
//	timeline serve [-addr 127.0.0.1:8080] [-data DIR] [-out DIR]
//	timeline import [-o data/NAME.csv] [-force] FILE
//	timeline extract [-o data/NAME.csv] [-force] FILE.txt
//	timeline gen -n N [-seed S] [-o FILE]
//
// Run "timeline -h" or "timeline COMMAND -h" for details.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C ends the program at once
	}()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

const usage = `timeline turns CSV files of dated facts into timeline pages.

Usage:

	timeline <command> [flags] [FILE.csv|FILE.xlsx ...]

Commands:

	build    normalise every CSV in data/ and write its pages to out/
	check    report every problem in the CSV files, and change nothing
	serve    build, serve out/ and rebuild on every change: a live preview
	import   convert a TimelineJS sheet or JSON file into data/NAME.csv
	extract  propose the rows of data/NAME.csv from prose, to review
	gen      write a synthetic timeline of N facts, to try the tool at scale

Run "timeline <command> -h" for a command's flags.

Exit status: 0 when all is well, 1 when a file has errors, 2 on a usage
error or a refused output directory, 130 when interrupted (Ctrl-C).
`

// run is the whole program: main only maps its error to an exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		return runBuild(ctx, rest, stdout, stderr)
	case "check":
		return runCheck(ctx, rest, stdout, stderr)
	case "gen":
		return runGen(ctx, rest, stdout, stderr)
	case "import":
		return runImport(ctx, rest, stdout, stderr)
	case "extract":
		return runExtract(ctx, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "timeline: unknown command %q\n\n%s", cmd, usage)
		return errUsage
	}
}

var (
	// errUsage is a bad command line; the usage has been printed.
	errUsage = errors.New("usage")
	// errData means an input file has errors; they have been printed.
	errData = errors.New("input has errors")
)

// exitInterrupted is the exit status after Ctrl-C, as shells give it.
const exitInterrupted = 130

func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errData):
		return 1
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "timeline: interrupted: the output directory is as it was")
		return exitInterrupted
	}
	fmt.Fprintf(stderr, "timeline: %v\n", err)
	return 1
}

// parseFlags parses a subcommand's flags, printing its usage on -h or on
// a bad flag.
func parseFlags(fs *flag.FlagSet, usage string, args []string, stdout, stderr io.Writer) error {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return err
	case err != nil:
		fmt.Fprintf(stderr, "timeline %s: %v\n\n%s", fs.Name(), err, usage)
		fs.SetOutput(stderr)
		fs.PrintDefaults()
		return errUsage
	}
	return nil
}
