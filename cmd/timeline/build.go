package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"

	"timeline/charts"
	"timeline/pipeline"
)

const buildUsage = `Usage: timeline build [-data DIR] [-out DIR] [FILE.csv ...]

Build reads each CSV file, by default every *.csv in the data directory,
and writes into the out directory, for a file NAME.csv:

	NAME.csv         the normalised facts
	NAME.html        the timeline page
	NAME.embed.html  the chart alone, for an <iframe>
	index.html       a list of every timeline built, linked to its page

An optional NAME.md beside NAME.csv gives the page its title, from its first
# heading, and an introduction above the chart. A front matter block can set
the first view:

	---
	view: 1925–1955
	---

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
data directory, as FILE:LINE:COLUMN: message, and in the NAME.md beside it.
It writes nothing. The exit
status is 1 when a file has errors, and 0 when there are only warnings.

Flags:
`

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	dataDir := fs.String("data", "data", "read `DIR`/*.csv when no files are named")
	outDir := fs.String("out", "out", "write into `DIR`")
	pageOpts := pageFlags(fs)
	if err := parseFlags(fs, buildUsage, args, stdout, stderr); err != nil {
		return err
	}
	opts, err := pageOpts(ctx, stderr)
	if err != nil {
		return err
	}
	files, err := inputFiles(*dataDir, fs.Args())
	if err != nil {
		return err
	}
	defer tuneGC(files)()
	report, err := builder{outDir: *outDir, opts: opts}.build(ctx, files, stdout, stderr)
	if err != nil {
		return err
	}
	if len(report) > 0 {
		return errData
	}
	return nil
}

// bigInputGCPercent is the garbage collector's GOGC while build reads an
// input of bigInput bytes or more, unless GOGC is set in the environment.
// A build holds most of what it allocates until it ends, and for a while
// two copies of its facts as it sorts them, so the default of 100 would
// let the heap grow to twice that; collecting often keeps the peak near
// what is live, and costs little: the facts hold no pointers (measured on
// a million facts: the same time as with 30, and 70 MB less). Below
// bigInput the default is faster, and memory no matter.
const (
	bigInput          = 64 << 20
	bigInputGCPercent = 10
)

// tuneGC sets the collector's GOGC for building files, and returns the
// func that restores it.
func tuneGC(files []string) (restore func()) {
	if os.Getenv("GOGC") != "" || largest(files) < bigInput {
		return func() {}
	}
	old := debug.SetGCPercent(bigInputGCPercent)
	return func() { debug.SetGCPercent(old) }
}

// largest returns the size of the largest of files, or 0.
func largest(files []string) int64 {
	var size int64
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			size = max(size, st.Size())
		}
	}
	return size
}

// pageFlags adds the flags that choose how pages load ECharts; the func it
// returns reads them once the flags are parsed.
func pageFlags(fs *flag.FlagSet) func(ctx context.Context, stderr io.Writer) (charts.Options, error) {
	offline := fs.Bool("offline", false, "inline ECharts, so pages work with no network")
	echartsFile := fs.String("echarts", "", "with -offline, inline this copy of ECharts "+charts.EChartsVersion+" (`FILE`)")
	return func(ctx context.Context, stderr io.Writer) (charts.Options, error) {
		var opts charts.Options
		switch {
		case *offline:
			js, err := loadECharts(ctx, *echartsFile)
			if err != nil {
				return opts, err
			}
			opts.EChartsJS = js
		case *echartsFile != "":
			fmt.Fprintf(stderr, "timeline %s: -echarts needs -offline\n", fs.Name())
			return opts, errUsage
		}
		return opts, nil
	}
}

// builder builds timelines into one directory.
type builder struct {
	outDir string
	opts   charts.Options
}

// buildReport holds, per timeline name, the errors that kept it from
// being built. It is empty when every file was built.
type buildReport map[string][]string

// build builds each file, then the index of them all.
func (b builder) build(ctx context.Context, files []string, stdout, stderr io.Writer) (buildReport, error) {
	if err := os.MkdirAll(b.outDir, 0o755); err != nil {
		return nil, err
	}
	report := buildReport{}
	var index []charts.IndexEntry
	for _, file := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		entry, name, errs, err := b.buildOne(file, stdout, stderr)
		if err != nil {
			return nil, err
		}
		if len(errs) > 0 {
			report[name] = errs
		}
		if entry != nil {
			index = append(index, *entry)
		}
	}
	indexPath := filepath.Join(b.outDir, "index.html")
	if err := pipeline.WriteFileAtomic(indexPath, func(w io.Writer) error { return charts.WriteIndex(w, index) }); err != nil {
		return nil, err
	}
	fmt.Fprintln(stdout, indexPath)
	return report, nil
}

// buildOne builds one CSV file and its NAME.md. errs lists the input's
// errors, if any: then nothing is written, and the entry describes the
// last good output, if there is one.
func (b builder) buildOne(file string, stdout, stderr io.Writer) (entry *charts.IndexEntry, name string, errs []string, err error) {
	t, problems, err := pipeline.ReadFile(file)
	if err != nil {
		return nil, "", nil, err
	}
	intro, introErr := charts.ReadIntro(introPath(file))
	for _, p := range problems {
		if p.Severity == pipeline.Error {
			errs = append(errs, p.String())
		}
	}
	if introErr != nil {
		errs = append(errs, introErr.Error())
	}
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(stderr, e)
		}
		fmt.Fprintf(stderr, "%s: %d errors: nothing written for it\n", file, len(errs))
		return lastGood(b.outDir, t.Name), t.Name, errs, nil
	}
	if w := len(problems); w > 0 {
		fmt.Fprintf(stderr, "%s: %d warnings; run timeline check to see them\n", file, w)
	}
	opts := b.opts
	opts.Intro = intro
	written, err := writeOutputs(b.outDir, t, opts)
	if err != nil {
		return nil, "", nil, err
	}
	for _, path := range written {
		fmt.Fprintln(stdout, path)
	}
	e := charts.NewIndexEntry(t, intro.Title)
	return &e, t.Name, nil, nil
}

// introPath gives the NAME.md beside NAME.csv.
func introPath(csvPath string) string {
	return strings.TrimSuffix(csvPath, filepath.Ext(csvPath)) + ".md"
}

// lastGood describes the output a failed build left in place, if any.
func lastGood(outDir, name string) *charts.IndexEntry {
	t, problems, err := pipeline.ReadFile(filepath.Join(outDir, name+".csv"))
	if err != nil || problems.Errors() > 0 {
		return nil
	}
	t.Name = name
	e := charts.NewIndexEntry(t, "")
	return &e
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
	err := pipeline.WriteFilesAtomic(paths[1:], func(w []io.Writer) error { return page.WriteBoth(w[0], w[1]) })
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
		if _, err := charts.ReadIntro(introPath(file)); err != nil {
			fmt.Fprintln(stdout, err)
			errs++
		}
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
