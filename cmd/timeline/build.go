package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"timeline/charts"
	"timeline/pipeline"
)

const buildUsage = `Usage: timeline build [-data DIR] [-out DIR] [FILE.csv ...]

Build reads each CSV file, by default every *.csv in the data directory,
and writes into the out directory, for a file NAME.csv:

	NAME.csv         the normalised facts
	NAME.html        the timeline page
	NAME.embed.html  the chart alone, for an <iframe>

A page loads the pinned ECharts from its CDN, checked by its Subresource
Integrity hash. With -offline, ECharts is inlined instead, so the single
.html file works with no network at all. That copy comes from -echarts FILE,
or from the user cache, or else is downloaded once into the cache; its
SHA-256 is checked in every case.

A file with errors gets no output: its last good output stays as it was.
The others are still built, and the exit status is 1.

Flags:
`

const checkUsage = `Usage: timeline check [-data DIR] [FILE.csv ...]

Check reports every problem in each CSV file, by default every *.csv in the
data directory, as FILE:LINE:COLUMN: message. It writes nothing. The exit
status is 1 when a file has errors, and 0 when there are only warnings.

Flags:
`

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	dataDir := fs.String("data", "data", "read `DIR`/*.csv when no files are named")
	outDir := fs.String("out", "out", "write into `DIR`")
	offline := fs.Bool("offline", false, "inline ECharts, so pages work with no network")
	echartsFile := fs.String("echarts", "", "with -offline, inline this copy of ECharts "+charts.EChartsVersion+" (`FILE`)")
	if err := parseFlags(fs, buildUsage, args, stdout, stderr); err != nil {
		return err
	}
	var pageOpts charts.Options
	if *offline {
		js, err := loadECharts(ctx, *echartsFile)
		if err != nil {
			return err
		}
		pageOpts.EChartsJS = js
	} else if *echartsFile != "" {
		fmt.Fprintf(stderr, "timeline build: -echarts needs -offline\n\n%s", buildUsage)
		return errUsage
	}
	files, err := inputFiles(*dataDir, fs.Args())
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		return err
	}
	failed := false
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		t, problems, err := pipeline.ReadFile(file)
		if err != nil {
			return err
		}
		if n := problems.Errors(); n > 0 {
			printProblems(stderr, problems, pipeline.Error)
			fmt.Fprintf(stderr, "%s: %d errors: nothing written for it\n", file, n)
			failed = true
			continue
		}
		if w := len(problems); w > 0 {
			fmt.Fprintf(stderr, "%s: %d warnings; run timeline check to see them\n", file, w)
		}
		written, err := writeOutputs(*outDir, t, pageOpts)
		if err != nil {
			return err
		}
		for _, path := range written {
			fmt.Fprintln(stdout, path)
		}
	}
	if failed {
		return errData
	}
	return nil
}

// writeOutputs writes every output of one timeline, each atomically: the
// normalised CSV and the pages at the same time.
func writeOutputs(outDir string, t *pipeline.Timeline, opts charts.Options) ([]string, error) {
	base := filepath.Join(outDir, t.Name)
	paths := []string{base + ".csv", base + ".html", base + ".embed.html"}
	var csvErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		csvErr = pipeline.WriteFileAtomic(paths[0], func(w io.Writer) error { return pipeline.WriteCSV(w, t) })
	}()
	page := charts.NewPage(t, opts)
	err := pipeline.WriteFileAtomic(paths[1], page.WriteHTML)
	if err == nil {
		err = pipeline.WriteFileAtomic(paths[2], page.WriteEmbed)
	}
	<-done
	if err := errors.Join(csvErr, err); err != nil {
		return nil, err
	}
	return paths, nil
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	dataDir := fs.String("data", "data", "read `DIR`/*.csv when no files are named")
	if err := parseFlags(fs, checkUsage, args, stdout, stderr); err != nil {
		return err
	}
	files, err := inputFiles(*dataDir, fs.Args())
	if err != nil {
		return err
	}
	var errs, warns int
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		_, problems, err := pipeline.ReadFile(file)
		if err != nil {
			return err
		}
		printProblems(stdout, problems, pipeline.Warning)
		errs += problems.Errors()
		warns += len(problems) - problems.Errors()
	}
	fmt.Fprintf(stdout, "%d files: %d errors, %d warnings\n", len(files), errs, warns)
	if errs > 0 {
		return errData
	}
	return nil
}

// printProblems prints the problems at least as severe as upTo.
func printProblems(w io.Writer, problems pipeline.Problems, upTo pipeline.Severity) {
	for _, p := range problems {
		if p.Severity <= upTo {
			fmt.Fprintln(w, p)
		}
	}
}

// loadECharts finds the pinned ECharts for -offline pages.
func loadECharts(ctx context.Context, file string) ([]byte, error) {
	cache, err := os.UserCacheDir()
	if err != nil && file == "" {
		return nil, fmt.Errorf("no user cache directory (%v): give ECharts with -echarts FILE", err)
	}
	return charts.EChartsLoader{File: file, CacheDir: filepath.Join(cache, "timeline")}.Load(ctx)
}

// inputFiles gives the named files, or every *.csv in dir, sorted.
func inputFiles(dir string, named []string) ([]string, error) {
	if len(named) > 0 {
		return named, nil
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no *.csv files in %s", dir)
	}
	sort.Strings(files)
	return files, nil
}
