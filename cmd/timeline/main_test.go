package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"timeline/internal/browsertest"
)

// runCLI runs the program as main would and returns its exit status and
// output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	code = exitCode(err, &errOut)
	return code, out.String(), errOut.String()
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue // the lock file
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

// TestOutIsFresh fails when the committed out/ is not what building data/
// gives now.
func TestOutIsFresh(t *testing.T) {
	tmp := t.TempDir()
	if code, _, stderr := runCLI(t, "build", "-data", "../../data", "-out", tmp); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	built, committed := readDir(t, tmp), readDir(t, "../../out")
	for name, b := range built {
		if !bytes.Equal(b, committed[name]) {
			t.Errorf("out/%s is stale: run go run ./cmd/timeline build, and commit out/", name)
		}
	}
	for name := range committed {
		if _, ok := built[name]; !ok {
			t.Errorf("out/%s is not built from data/ any more: remove it", name)
		}
	}
	// A second build is byte-identical.
	if code, _, _ := runCLI(t, "build", "-data", "../../data", "-out", tmp); code != 0 {
		t.Fatal("second build failed")
	}
	for name, b := range readDir(t, tmp) {
		if !bytes.Equal(b, built[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// TestSeedTimeline checks the bundled example: its five dated facts and
// their normalised dates, then the undated rows.
func TestSeedTimeline(t *testing.T) {
	tmp := t.TempDir()
	code, stdout, stderr := runCLI(t, "build", "-data", "testdata/seed", "-out", tmp)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	wantOut := strings.Join([]string{"stalinism.csv", "stalinism.html", "stalinism.embed.html", "stalinism.bib", "stalinism.csl.json", "index.html", "index.json"}, "\n")
	if got := strings.ReplaceAll(stdout, tmp+string(filepath.Separator), ""); strings.TrimSpace(got) != wantOut {
		t.Errorf("stdout = %q, want %q", got, wantOut)
	}
	if want := "testdata/seed/stalinism.csv: 4 warnings; run timeline check to see them\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	csv, err := os.ReadFile(filepath.Join(tmp, "stalinism.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(string(csv)), "\n")[1:] {
		f := strings.SplitN(line, ",", 8)
		got = append(got, strings.Join([]string{f[0], f[1], f[4], f[5], f[6]}, " "))
	}
	want := []string{
		"stalin-leadership history 1926-01-01 1953-12-31 year",
		"politburo-records-1930s history 1930-01-01 1939-12-31 decade",
		"barker-1974 historiography 1974-03-01 1974-03-31 month",
		"bettelheim-chavance-1981 historiography 1981-01-01 1981-12-31 year",
		"gregory-2005 historiography 2005-01-01 2005-12-31 year",
		"collectivisation-famines history   ",
		"kaganovich-coins-stalinism history   ",
		"party-purges history   ",
		"prison-camps history   ",
	}
	if !slices.Equal(got, want) {
		t.Errorf("normalised seed:\n got %q\nwant %q", got, want)
	}
}

func TestCheckReportsEveryProblem(t *testing.T) {
	code, stdout, _ := runCLI(t, "check", "../../pipeline/testdata/bad.csv", "testdata/seed/stalinism.csv")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	want := []string{
		`../../pipeline/testdata/bad.csv:4:8: date "1953–1926": end 1926 is before start 1953`,
		`../../pipeline/testdata/bad.csv:5:7: date "31 February 1930": no such day: February 1930 has 28 days`,
		`../../pipeline/testdata/bad.csv:6:8: date "Febtember 1930": not a date`,
		`../../pipeline/testdata/bad.csv:6:31: duplicate id "a": line 2 has it too`,
		`../../pipeline/testdata/bad.csv:7:7: date "0 BC": there is no year 0 BC: 1 BC is followed by AD 1`,
		`../../pipeline/testdata/bad.csv:7:19: about names "zz", which is no id in this file`,
		`../../pipeline/testdata/bad.csv:7:22: url "javascript:alert(1)" is not an http or https address`,
		`../../pipeline/testdata/bad.csv:8:13: unknown kind "novel": use history or historiography`,
		`../../pipeline/testdata/bad.csv:9:1: title is empty`,
		`../../pipeline/testdata/bad.csv:10:1: wrong number of fields: the header has 6`,
		`../../pipeline/testdata/bad.csv:11:4: bare " in non-quoted-field`,
		`../../pipeline/testdata/bad.csv:12:25: warning: a history row has about; only historiography links to what it studies`,
		`../../pipeline/testdata/bad.csv:13:9: warning: undated: listed in the table, not drawn`,
		`testdata/seed/stalinism.csv:4:36: warning: undated: listed in the table, not drawn`,
		`testdata/seed/stalinism.csv:5:34: warning: undated: listed in the table, not drawn`,
		`testdata/seed/stalinism.csv:6:22: warning: undated: listed in the table, not drawn`,
		`testdata/seed/stalinism.csv:7:22: warning: undated: listed in the table, not drawn`,
		`2 files: 11 errors, 6 warnings`,
	}
	if !slices.Equal(lines, want) {
		t.Errorf("check output:\n%s\nwant:\n%s", stdout, strings.Join(want, "\n"))
	}
	if code, _, _ := runCLI(t, "check", "testdata/seed/stalinism.csv"); code != 0 {
		t.Errorf("check with warnings only: exit %d, want 0", code)
	}
}

// TestBuildKeepsLastGoodOutput builds a good and a bad file: the good one
// is written, the bad one's earlier output is left as it was, and no
// temporary file remains.
func TestBuildKeepsLastGoodOutput(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	write := func(path, s string) {
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(data, "good.csv"), "title,date\nA,1930\n")
	write(filepath.Join(data, "bad.csv"), "title,date\nA,1930\nB,31 February 1930\n")
	write(filepath.Join(out, "bad.html"), "last good page")
	code, _, stderr := runCLI(t, "build", "-data", data, "-out", out)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	wantErr := filepath.Join(data, "bad.csv") + `:3:3: date "31 February 1930": no such day: February 1930 has 28 days`
	if !strings.Contains(stderr, wantErr) {
		t.Errorf("stderr %q lacks %q", stderr, wantErr)
	}
	files := readDir(t, out)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	if got, want := strings.Join(names, " "), "bad.html good.bib good.csl.json good.csv good.embed.html good.html index.html index.json"; got != want {
		t.Errorf("out holds %q, want %q", got, want)
	}
	index := string(files["index.html"])
	if !strings.Contains(index, `<a href="good.html">Good</a>`) || strings.Contains(index, "bad.html") {
		t.Errorf("the index should link good and not bad, which has no whole set of outputs:\n%s", index)
	}
	if want := `<tr><th scope="row">Bad</th><td data-label="Facts"></td><td data-label="Dates"></td><td data-label="Embed"></td><td data-label="Latest build"><strong>failed</strong>: 1 error in <code>bad.csv</code>; no page yet</td></tr>`; !strings.Contains(index, want) {
		t.Errorf("the index lacks %s:\n%s", want, index)
	}
	if string(files["bad.html"]) != "last good page" {
		t.Errorf("bad.html was overwritten")
	}
	if got := string(readDir(t, data)["bad.csv"]); got != "title,date\nA,1930\nB,31 February 1930\n" {
		t.Errorf("the input was rewritten: %q", got)
	}
}

// TestIntroAndIndex builds a timeline with a NAME.md: its title heads the
// page and the index, and a broken one is an error.
func TestIntroAndIndex(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(data, "rome.csv"), []byte("title,date\nIdes of March,15 March 44 BC\nAugustus,27 BC – AD 14\nUndated,\n"), 0o644)
	os.WriteFile(filepath.Join(data, "rome.md"), []byte("---\nview: 50–20 BC\n---\n# The end of the *Republic*\n\nFrom Caesar to Augustus.\n"), 0o644)
	if code, _, stderr := runCLI(t, "build", "-data", data, "-out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	files := readDir(t, out)
	page := string(files["rome.html"])
	// The view is 1 January 50 BC to 31 December 20 BC, as day numbers.
	for _, want := range []string{"<title>The end of the Republic</title>", "<h1>The end of the Republic</h1>", "<p>From Caesar to Augustus.</p>", `"view":[-737425,-726103]`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	index := string(files["index.html"])
	want := `<tr><th scope="row"><a href="rome.html">The end of the Republic</a></th><td data-label="Facts">3 (2 dated)</td><td data-label="Dates">44 BC – 14</td><td data-label="Embed"><a href="rome.embed.html">chart alone</a></td><td data-label="Latest build">built from <code>rome.csv</code></td></tr>`
	if !strings.Contains(index, want) {
		t.Errorf("the index lacks %s:\n%s", want, index)
	}
	os.WriteFile(filepath.Join(data, "rome.md"), []byte("---\nview: soon\n---\n"), 0o644)
	if code, stdout, _ := runCLI(t, "check", "-data", data); code != 1 || !strings.Contains(stdout, `rome.md: view: date "soon": not a date`) {
		t.Errorf("check with a broken intro: exit %d, %q", code, stdout)
	}
	code, _, stderr := runCLI(t, "build", "-data", data, "-out", out)
	if wantErr := filepath.Join(data, "rome.md") + `: view: date "soon": not a date`; code != 1 || !strings.Contains(stderr, wantErr) {
		t.Errorf("a broken intro: exit %d, stderr %q, want 1 and %q", code, stderr, wantErr)
	}
	files = readDir(t, out)
	if string(files["rome.html"]) != page {
		t.Errorf("a broken intro changed the last good page")
	}
	// The index keeps the last good title, and says the latest build failed.
	want = `<tr><th scope="row"><a href="rome.html">The end of the Republic</a></th><td data-label="Facts">3 (2 dated)</td><td data-label="Dates">44 BC – 14</td><td data-label="Embed"><a href="rome.embed.html">chart alone</a></td><td data-label="Latest build"><strong>failed</strong>: 1 error in <code>rome.csv</code>; this is the last good version</td></tr>`
	if index := string(files["index.html"]); !strings.Contains(index, want) {
		t.Errorf("after a failed build, the index lacks %s:\n%s", want, index)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{nil, 2, "", "Usage:"},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"-h"}, 0, "Commands:", ""},
		{[]string{"build", "-h"}, 0, "Usage: timeline build", ""},
		{[]string{"check", "-h"}, 0, "Usage: timeline check", ""},
		{[]string{"gen", "-h"}, 0, "Usage: timeline gen", ""},
		{[]string{"gen", "-n", "-1"}, 2, "", "-n must be at least 0"},
		{[]string{"build", "-nope"}, 2, "", "flag provided but not defined: -nope"},
		{[]string{"check", "no-such-file.csv"}, 1, "no-such-file.csv: no such file or directory\n1 file: 1 error, 0 warnings", ""},
		{[]string{"build", "-data", "no-such-dir"}, 1, "", "no *.csv or *.xlsx files in no-such-dir"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(stdout, tt.inStdout) || !strings.Contains(stderr, tt.inStderr) {
			t.Errorf("timeline %q: exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
				tt.args, code, stdout, stderr, tt.code, tt.inStdout, tt.inStderr)
		}
	}
}

func TestBuildOffline(t *testing.T) {
	browsertest.EChartsJS(t) // skips, or fails under CI, without npm ci
	echarts := "../../node_modules/echarts/dist/echarts.min.js"
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "build", "-data", "testdata/seed", "-out", out, "-offline", "-echarts", echarts); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(out, "stalinism.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte("<script src=")) || !bytes.Contains(page, []byte("Apache License")) {
		t.Errorf("the offline page loads a script or lacks the inlined ECharts")
	}

	bad := filepath.Join(t.TempDir(), "echarts.js")
	os.WriteFile(bad, []byte("window.echarts = {}"), 0o644)
	empty := t.TempDir()
	code, _, stderr := runCLI(t, "build", "-data", "testdata/seed", "-out", empty, "-offline", "-echarts", bad)
	if code != 1 || !strings.Contains(stderr, "refusing it") {
		t.Errorf("with a wrong ECharts: exit %d, stderr %q", code, stderr)
	}
	if files := readDir(t, empty); len(files) != 0 {
		t.Errorf("a refused build wrote %d files", len(files))
	}
	if code, _, _ := runCLI(t, "build", "-echarts", echarts, "-data", "testdata/seed", "-out", t.TempDir()); code != 2 {
		t.Errorf("-echarts without -offline: exit %d, want 2", code)
	}
}

// TestTuneGC checks that a build of a big input collects garbage more
// often, and that the collector is as before afterwards.
func TestTuneGC(t *testing.T) {
	dir := t.TempDir()
	small, big := filepath.Join(dir, "small.csv"), filepath.Join(dir, "big.csv")
	os.WriteFile(small, []byte("title\nA\n"), 0o644)
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(bigInput) // sparse: only its size is looked at
	f.Close()
	gcPercent := func() int { p := debug.SetGCPercent(0); debug.SetGCPercent(p); return p }
	before := debug.SetGCPercent(77)
	defer debug.SetGCPercent(before)
	for _, tt := range []struct {
		gogc   string
		files  []string
		during int
	}{
		{"", []string{small, big}, bigInputGCPercent},
		{"", []string{small}, 77},
		{"50", []string{big}, 77},
	} {
		t.Setenv("GOGC", tt.gogc)
		restore := tuneGC(tt.files)
		if got := gcPercent(); got != tt.during {
			t.Errorf("GOGC=%q, %d files: GOGC during the build is %d, want %d", tt.gogc, len(tt.files), got, tt.during)
		}
		restore()
		if got := gcPercent(); got != 77 {
			t.Errorf("GOGC=%q, %d files: after the build, GOGC is %d, want 77", tt.gogc, len(tt.files), got)
		}
	}
}

// TestIndexListsWhatOutHolds builds into one out folder in turns: the
// index lists every timeline there, how its latest build went, and what
// the latest build read.
func TestIndexListsWhatOutHolds(t *testing.T) {
	root := t.TempDir()
	data, out := filepath.Join(root, "data"), filepath.Join(root, "out")
	os.MkdirAll(data, 0o755)
	os.WriteFile(filepath.Join(data, "a.csv"), []byte("title,date\nA,1930\n"), 0o644)
	os.WriteFile(filepath.Join(data, "a.md"), []byte("# Alpha\n"), 0o644)
	b := filepath.Join(root, "b.csv")
	os.WriteFile(b, []byte("title,date\nB,1940\nC,1941\n"), 0o644)
	row := func(name, title, facts, dates, status string) string {
		if facts == "" {
			return `<tr><th scope="row">` + title + `</th><td data-label="Facts"></td><td data-label="Dates"></td><td data-label="Embed"></td><td data-label="Latest build">` + status + `</td></tr>`
		}
		return `<tr><th scope="row"><a href="` + name + `.html">` + title + `</a></th><td data-label="Facts">` + facts + `</td><td data-label="Dates">` + dates +
			`</td><td data-label="Embed"><a href="` + name + `.embed.html">chart alone</a></td><td data-label="Latest build">` + status + `</td></tr>`
	}
	index := func(want ...string) {
		t.Helper()
		got := string(readDir(t, out)["index.html"])
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("the index lacks\n%s\nin\n%s", w, got)
			}
		}
	}
	if code, _, stderr := runCLI(t, "build", "-data", data, "-out", out); code != 0 {
		t.Fatal(stderr)
	}
	index(`The latest build read every CSV file in the folder <code>data</code>.`,
		row("a", "Alpha", "1", "1930", "built from <code>a.csv</code>"))

	// A build of one named file keeps the others listed, as earlier.
	if code, _, stderr := runCLI(t, "build", "-out", out, b); code != 0 {
		t.Fatal(stderr)
	}
	index(`The latest build read the files named: <code>b.csv</code>.`,
		row("a", "Alpha", "1", "1930", "built from <code>a.csv</code> (an earlier build)"),
		row("b", "B", "2", "1940 – 1941", "built from <code>b.csv</code>"))

	// b breaks: the index keeps its last good page and says so.
	os.WriteFile(b, []byte("title,date\nB,1940\nC,1941\nD,Febtember 1941\n"), 0o644)
	if code, _, _ := runCLI(t, "build", "-out", out, b); code != 1 {
		t.Fatalf("a broken file: exit %d, want 1", code)
	}
	index(row("b", "B", "2", "1940 – 1941", "<strong>failed</strong>: 1 error in <code>b.csv</code>; this is the last good version"))

	// An out folder of an older version, with no index.json: its pages are
	// listed from their normalised CSV.
	os.Remove(filepath.Join(out, "index.json"))
	if code, _, _ := runCLI(t, "build", "-out", out, b); code != 1 {
		t.Fatalf("a broken file: exit %d, want 1", code)
	}
	index(row("a", "A", "1", "1930", "built from <code>a.csv</code> (an earlier build)"),
		row("b", "B", "2", "1940 – 1941", "<strong>failed</strong>: 1 error in <code>b.csv</code>; this is the last good version"))

	// A file that fails into an empty out folder is listed, with no page.
	empty := filepath.Join(root, "empty")
	if code, _, _ := runCLI(t, "build", "-out", empty, b); code != 1 {
		t.Fatalf("a broken file: exit %d, want 1", code)
	}
	out = empty
	index(row("b", "B", "", "", "<strong>failed</strong>: 1 error in <code>b.csv</code>; no page yet"))
}
