package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"timeline/charts"
	"timeline/internal/cite"
	"timeline/internal/outset"
	"timeline/internal/xlsx"
	"timeline/pipeline"
)

const buildUsage = `Usage: timeline build [-data DIR] [-out DIR] [FILE.csv|FILE.xlsx ...]

Build reads each CSV file or Excel workbook, by default every *.csv and
*.xlsx in the data directory, and writes into the out directory, for a file
NAME.csv or NAME.xlsx:

	NAME.csv         the normalised facts
	NAME.html        the timeline page
	NAME.embed.html  the chart alone, for an <iframe>
	NAME.bib         the works (historiography rows), as BibTeX
	NAME.csl.json    the same works, as CSL-JSON, for Zotero
	index.html       a list of every timeline the out directory holds
	index.json       the same list, kept for the next build

A CSV file may be separated by commas, semicolons or tabs, and saved as
UTF-8, as UTF-16 with a byte order mark, or as Windows-1252. A workbook's
sheet named "timeline" is read, or else its first sheet.

An optional NAME.md beside NAME.csv gives the page its title, from its first
# heading, and an introduction above the chart. A front matter block can set
the first view, and the lesson's language (see -lang):

	---
	view: 1925–1955
	lang: de
	---

In the lesson's language, the page's words and dates are that language's,
and the CSV's dates may be written in it as well as in English ("5. März
1953", "um 1929"). Ar and he pages read right to left.

A page loads the pinned ECharts from its CDN, checked by its Subresource
Integrity hash. With -offline, ECharts is inlined instead, so the single
.html file works with no network at all. That copy comes from -echarts FILE,
or from the user cache, or else is downloaded once into the cache; its
SHA-256 is checked in every case.

Nothing is written until every output is planned: build refuses, with
exit status 2, an out directory where an output would overwrite an input,
or two inputs that would write the same output. A file with errors, or one
that cannot be read, gets no output: its last good output stays as it was.
The others are still built, and the exit status is 1. Every file is staged
and moved into place at the end, so the out directory holds one build's
files: after Ctrl-C (exit status 130), or if the build is killed, the next
build finds it as the last one left it. One build or serve at a time
writes into an out directory.

Flags:
`

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	dataDir := fs.String("data", "data", "read `DIR`/*.csv and *.xlsx when no files are named")
	outDir := fs.String("out", "out", "write into `DIR`")
	wait := fs.Duration("wait", defaultLockWait, "wait this `long` for another build or serve writing into the same out directory")
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
	b := builder{outDir: *outDir, opts: opts, from: sourceOf(*dataDir, fs.Args()), crashAfter: crashAfterStep()}
	if fs.NArg() == 0 {
		if err := outset.SameDir(*outDir, *dataDir); err != nil {
			fmt.Fprintf(stderr, "timeline build: %v\n", err)
			return errUsage
		}
	}
	plan, err := b.plan(files, stderr)
	if err != nil {
		return err
	}
	lock, err := outset.Acquire(ctx, *outDir, *wait)
	if err != nil {
		return err
	}
	defer lock.Release()
	defer tuneGC(files)()
	report, err := b.build(ctx, plan, stdout, stderr)
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
	lang := fs.String("lang", "", "the lessons' `LANGUAGE` where NAME.md names none: en (the default), de, fr, es, it, pt, nl, pl, cs, sv, ru, uk, sr, sr-Latn, tr, el, ar, he, zh, ja, ko")
	return func(ctx context.Context, stderr io.Writer) (charts.Options, error) {
		var opts charts.Options
		if *lang != "" {
			l, err := charts.ParseLang(*lang)
			if err != nil {
				fmt.Fprintf(stderr, "timeline %s: -lang: %v\n", fs.Name(), err)
				return opts, errUsage
			}
			opts.Lang = l
		}
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

// loadECharts finds the pinned ECharts for -offline pages.
func loadECharts(ctx context.Context, file string) ([]byte, error) {
	cache, err := os.UserCacheDir()
	if err != nil && file == "" {
		return nil, fmt.Errorf("no user cache directory (%v): give ECharts with -echarts FILE", err)
	}
	return EChartsLoader{File: file, CacheDir: filepath.Join(cache, "timeline")}.Load(ctx)
}

// defaultLockWait is how long build and serve wait for another writer into
// the same out directory before they give up.
const defaultLockWait = 5 * time.Second

// crashAfterStepEnv, for tests only, makes build stop dead after that step
// of moving its files into place (0: the journal is written; k: k files
// are in place), as kill -9 would.
const crashAfterStepEnv = "TIMELINE_TEST_CRASH_AFTER_STEP"

// crashExit is the exit status of a build stopped by crashAfterStepEnv.
const crashExit = 99

func crashAfterStep() int {
	if n, err := strconv.Atoi(os.Getenv(crashAfterStepEnv)); err == nil {
		return n
	}
	return -1
}

// sourceOf says what a build reads, for the index: the data folder, or
// the files named.
func sourceOf(dataDir string, named []string) charts.Index {
	if len(named) == 0 {
		if abs, err := filepath.Abs(dataDir); err == nil {
			dataDir = abs
		}
		return charts.Index{Folder: filepath.Base(dataDir)}
	}
	var x charts.Index
	for _, f := range named {
		x.Named = append(x.Named, filepath.Base(f))
	}
	return x
}

// builder builds timelines into one directory.
type builder struct {
	outDir     string
	opts       charts.Options
	from       charts.Index // what the build reads, for the index
	crashAfter int          // see crashAfterStepEnv; -1 for never
}

// buildReport holds, per timeline name, the errors that kept it from
// being built. It is empty when every file was built.
type buildReport map[string][]string

// plan plans the outputs of files, printing every conflict when it is
// refused.
func (b builder) plan(files []string, stderr io.Writer) (*outset.Plan, error) {
	plan, err := outset.NewPlan(b.outDir, files)
	var conflicts outset.ConflictError
	if errors.As(err, &conflicts) {
		for _, c := range conflicts {
			fmt.Fprintf(stderr, "timeline: %v\n", c)
		}
		fmt.Fprintln(stderr, "timeline: nothing written")
		return nil, errUsage
	}
	return plan, err
}

// build builds every timeline of the plan and the index of the out
// directory, all in one transaction: the out directory holds either the
// old set or the new, never a mix, and nothing at all changes when ctx is
// cancelled. The caller holds the directory's lock.
func (b builder) build(ctx context.Context, plan *outset.Plan, stdout, stderr io.Writer) (report buildReport, err error) {
	tx, err := outset.Begin(plan.Dir)
	if err != nil {
		return nil, err
	}
	if b.crashAfter >= 0 {
		tx.AfterStep = func(k int) {
			if k == b.crashAfter {
				os.Exit(crashExit)
			}
		}
	}
	committed := false
	defer func() {
		if !committed {
			tx.Abort()
		}
	}()
	index := b.loadIndex(plan)
	report = buildReport{}
	for _, tl := range plan.Timelines {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		entry, errs, err := b.buildOne(ctx, tx, tl, &index, stderr)
		if err != nil {
			return nil, err
		}
		if len(errs) > 0 {
			report[tl.Name] = errs
		}
		index.Put(entry)
	}
	if err := writeTo(ctx, tx, outset.IndexPage, func(w io.Writer) error { return charts.WriteIndex(w, index, b.opts.Lang) }); err != nil {
		return nil, err
	}
	if err := writeTo(ctx, tx, outset.IndexData, func(w io.Writer) error { return charts.WriteIndexJSON(w, index) }); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	names := tx.Staged()
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	committed = true
	for _, name := range names {
		fmt.Fprintln(stdout, filepath.Join(plan.Dir, name))
	}
	return report, nil
}

// writeTo writes one file of the transaction.
func writeTo(ctx context.Context, tx *outset.Tx, name string, write func(io.Writer) error) error {
	w, err := create(ctx, tx, name)
	if err != nil {
		return err
	}
	return write(w)
}

// create makes a file of the transaction, whose writes stop once ctx ends.
func create(ctx context.Context, tx *outset.Tx, name string) (io.Writer, error) {
	w, err := tx.Create(name)
	if err != nil {
		return nil, err
	}
	return ctxWriter{ctx, w}, nil
}

// buildOne builds one timeline into tx. errs lists what is wrong with its
// input, if anything: then nothing is written for it, and its entry says
// so, with the last good output's if there is one. err is for a failure
// that stops the whole build: writing, or ctx ending.
func (b builder) buildOne(ctx context.Context, tx *outset.Tx, tl outset.Timeline, index *charts.Index, stderr io.Writer) (entry charts.IndexEntry, errs []string, err error) {
	in, err := readTimeline(ctx, tl, b.opts.Lang)
	if err != nil {
		return entry, nil, err
	}
	if errs = in.errors(); len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(stderr, e)
		}
		fmt.Fprintf(stderr, "%s: %s: nothing written for it\n", tl.Input, plural(len(errs), "error"))
		return b.failed(tl, index, len(errs)), errs, nil
	}
	if w := len(in.problems); w > 0 {
		fmt.Fprintf(stderr, "%s: %s; run timeline check to see them\n", tl.Input, plural(w, "warning"))
	}
	opts := b.opts
	opts.Intro = in.intro
	if lang := cmp.Or(opts.Intro.Lang, opts.Lang); lang != "" && !charts.Speaks(lang) {
		fmt.Fprintf(stderr, "%s: no words in %s yet: the page speaks English\n", tl.Input, lang)
	}
	if err := b.writeOutputs(ctx, tx, tl, in.t, opts); err != nil {
		return entry, nil, err
	}
	return charts.NewIndexEntry(in.t, opts, filepath.Base(tl.Input)), nil, nil
}

// input is what reading a timeline's CSV and NAME.md gave.
type input struct {
	t        *pipeline.Timeline
	intro    charts.Intro
	problems pipeline.Problems // in the CSV, errors and warnings in file order
	failures []string          // the CSV could not be read, or its NAME.md is wrong
}

// errors gives every error, each a line to print.
func (in input) errors() []string {
	var errs []string
	for _, p := range in.problems {
		if p.Severity == pipeline.SeverityError {
			errs = append(errs, p.String())
		}
	}
	return append(errs, in.failures...)
}

// readTimeline reads a timeline's NAME.md and its CSV, whose dates may be
// written in the lesson's language: NAME.md's, else lang. Whatever is
// wrong with them is in the input; err is only ctx's end.
func readTimeline(ctx context.Context, tl outset.Timeline, lang string) (in input, err error) {
	src, err := readOptional(tl.Intro)
	if err == nil && src != nil {
		in.intro, err = charts.ParseIntro(tl.Intro, src)
	}
	if err != nil {
		in.failures = append(in.failures, err.Error())
	}
	f, err := openInput(tl.Input)
	if err != nil {
		in.failures = append(in.failures, err.Error())
		return in, nil
	}
	read := pipeline.Options{Lang: cmp.Or(in.intro.Lang, lang)}
	in.t, in.problems, err = readFacts(ctxFile{ctx, f}, tl, read)
	f.Close()
	if ctx.Err() != nil {
		return in, ctx.Err()
	}
	if err != nil {
		in.failures = append(in.failures, fmt.Sprintf("%s: %v", tl.Input, err))
	}
	return in, nil
}

// readFacts reads a timeline's facts from its CSV file, or from its
// workbook's sheet.
func readFacts(r io.Reader, tl outset.Timeline, o pipeline.Options) (*pipeline.Timeline, pipeline.Problems, error) {
	if !strings.EqualFold(filepath.Ext(tl.Input), ".xlsx") {
		return o.Read(r, tl.Input, tl.Name)
	}
	sheet, err := xlsx.Read(r)
	if err != nil {
		return nil, nil, err
	}
	return o.ReadSheet(sheet, tl.Input, tl.Name)
}

// failed gives the index entry of a timeline whose build failed: its last
// good one, if the out directory holds it, marked failed.
func (b builder) failed(tl outset.Timeline, index *charts.Index, errs int) charts.IndexEntry {
	e, ok := index.Get(tl.Name)
	if !ok || !e.Page {
		e = b.earlier(tl.Name)
	}
	if !e.Page {
		e = charts.IndexEntry{Name: tl.Name, Title: charts.Humanise(tl.Name)}
	}
	e.Source, e.Status, e.Errors, e.Latest = filepath.Base(tl.Input), charts.StatusFailed, errs, true
	return e
}

// writeOutputs writes every output of one timeline: the normalised CSV
// and the pages at the same time.
func (b builder) writeOutputs(ctx context.Context, tx *outset.Tx, tl outset.Timeline, t *pipeline.Timeline, opts charts.Options) error {
	names := tl.Outputs()
	var ws [5]io.Writer
	for i, name := range names {
		var err error
		if ws[i], err = create(ctx, tx, name); err != nil {
			return err
		}
	}
	// The page links the citation files when there are works, up to
	// cite.MaxWorks; past that they are written empty.
	n := cite.Count(t)
	cited := n > 0 && n <= cite.MaxWorks
	if cited {
		opts.Citations = charts.Citations{BibTeX: names[3], CSLJSON: names[4]}
	} else if n > cite.MaxWorks {
		fmt.Fprintf(ws[3], "%% %d works, more than the %d the citation files hold: %s has them all.\n", n, cite.MaxWorks, names[0])
	}
	var csvErr, citeErr error
	var wg sync.WaitGroup
	wg.Go(func() { csvErr = pipeline.WriteCSV(ws[0], t) })
	wg.Go(func() {
		var works []cite.Work
		if cited {
			works = cite.Works(t)
		}
		citeErr = errors.Join(cite.WriteBibTeX(ws[3], works), cite.WriteCSLJSON(ws[4], works))
	})
	err := charts.NewPage(t, opts).WriteBoth(ws[1], ws[2])
	wg.Wait()
	return errors.Join(csvErr, citeErr, err)
}

// loadIndex gives the index of what the out directory holds before the
// build: from its index.json, and for pages an older version left without
// one, from their normalised CSV.
func (b builder) loadIndex(plan *outset.Plan) charts.Index {
	var index charts.Index
	if f, err := os.Open(filepath.Join(plan.Dir, outset.IndexData)); err == nil {
		index, err = charts.ReadIndex(f)
		f.Close()
		if err != nil {
			index = charts.Index{}
		}
	}
	var kept []charts.IndexEntry
	for _, e := range index.Entries {
		if e.Page = b.holds(e.Name); e.Page {
			kept = append(kept, e)
		}
	}
	index.Entries = kept
	pages, _ := filepath.Glob(filepath.Join(plan.Dir, "*"+outset.CSVSuffix))
	for _, p := range pages {
		name := outset.NameOf(p)
		if _, ok := index.Get(name); !ok && !slices.ContainsFunc(plan.Timelines, func(t outset.Timeline) bool { return t.Name == name }) {
			if e := b.earlier(name); e.Page {
				index.Put(e)
			}
		}
	}
	index.Folder, index.Named = b.from.Folder, b.from.Named
	return index
}

// holds reports whether the out directory holds a timeline's outputs.
func (b builder) holds(name string) bool {
	for _, out := range (outset.Timeline{Name: name}).Pages() {
		if st, err := os.Stat(filepath.Join(b.outDir, out)); err != nil || !st.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// earlier describes a timeline that an earlier build left in the out
// directory with no index.json, from its normalised CSV. Its Page is false
// when there is none, or it is unreadable.
func (b builder) earlier(name string) charts.IndexEntry {
	if !b.holds(name) {
		return charts.IndexEntry{}
	}
	f, err := openInput(filepath.Join(b.outDir, name+outset.CSVSuffix))
	if err != nil {
		return charts.IndexEntry{}
	}
	defer f.Close()
	// Its dates are as written, maybe in the lessons' language.
	t, problems, err := pipeline.Options{Lang: b.opts.Lang}.Read(f, f.Name(), name)
	if err != nil || problems.Errors() > 0 {
		return charts.IndexEntry{}
	}
	t.Name = name
	e := charts.NewIndexEntry(t, charts.Options{Lang: b.opts.Lang}, name+outset.CSVSuffix)
	e.Latest = false
	return e
}
