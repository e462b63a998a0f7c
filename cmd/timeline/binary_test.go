package main

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"timeline/internal/browsertest"
	"timeline/internal/outset"
	"timeline/internal/synth"

	"timeline/internal/testenv"
)

// The tests in this file drive the built program, as a user does: its exit
// status, its output, and what it leaves on disk when it is refused,
// interrupted or killed.

// asProgramEnv makes the test binary run as the program itself, so that
// the tests drive the real main without building it apart.
const asProgramEnv = "TIMELINE_TEST_AS_PROGRAM"

func TestMain(m *testing.M) {
	if os.Getenv(asProgramEnv) == "1" {
		main()
		return
	}
	code := m.Run()
	browsertest.Close()
	os.Exit(code)
}

// timelineBin gives the path of the program: this test binary, run with
// asProgramEnv set.
func timelineBin(t testing.TB) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

// programEnv is the environment the program runs in.
func programEnv(extra ...string) []string {
	return append(append(os.Environ(), asProgramEnv+"=1"), extra...)
}

// result is what one run of the program did.
type result struct {
	code           int
	stdout, stderr string
	took           time.Duration
}

// runBin runs the program in dir (empty: the test's own) with args, and
// waits at most a minute for it.
func runBin(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, timelineBin(t), args...)
	cmd.Dir = dir
	cmd.Env = programEnv(env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String(), took: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("timeline %q did not finish within a minute", args)
	case errors.As(err, &exit):
		r.code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return r
}

// writeFiles writes files under dir, by slash-separated name.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, s := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// snapshot gives every file under dir by slash-separated name, hidden
// ones too, but for the lock file, which is empty and stays.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".timeline.lock" {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return files
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}

func names(files map[string]string) string {
	return strings.Join(slices.Sorted(maps.Keys(files)), " ")
}

const lessonCSV = "title,date\nStalin leads the USSR,1926–1953\n"

// TestRefusedPlans tries the slips that used to overwrite a teacher's CSV
// or let one output clobber another: each is refused with exit status 2
// and one line naming both paths, and nothing is written anywhere.
func TestRefusedPlans(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		dir   string // where the program runs, under the test's folder
		args  []string
		want  []string // lines of stderr; paths are relative to the test's folder
	}{
		{"out is the data folder", map[string]string{"d/lesson.csv": lessonCSV}, ".",
			[]string{"build", "-data", "d", "-out", "d"},
			[]string{"timeline build: the output folder d is the data folder d: choose another output folder"}},
		{"out is the default data folder", map[string]string{"data/lesson.csv": lessonCSV}, ".",
			[]string{"build", "-out", "data"},
			[]string{"timeline build: the output folder data is the data folder data: choose another output folder"}},
		{"out is the named file's folder", map[string]string{"d/x.csv": lessonCSV}, "d",
			[]string{"build", "-out", ".", "x.csv"},
			[]string{"timeline: x.csv would overwrite the input x.csv: choose another output folder", "timeline: nothing written"}},
		{"serve into the data folder", map[string]string{"data/lesson.csv": lessonCSV}, ".",
			[]string{"serve", "-out", "data", "-addr", "127.0.0.1:0"},
			[]string{"timeline serve: the output folder data is the data folder data: choose another output folder"}},
		{"two files of one name", map[string]string{"d1/same.csv": lessonCSV, "d2/same.csv": lessonCSV}, ".",
			[]string{"build", "-out", "o", "d1/same.csv", "d2/same.csv"},
			[]string{
				"timeline: d2/same.csv and d1/same.csv would both write o/same.csv: rename one",
				"timeline: d2/same.csv and d1/same.csv would both write o/same.html: rename one",
				"timeline: d2/same.csv and d1/same.csv would both write o/same.embed.html: rename one",
				"timeline: d2/same.csv and d1/same.csv would both write o/same.bib: rename one",
				"timeline: d2/same.csv and d1/same.csv would both write o/same.csl.json: rename one",
				"timeline: nothing written",
			}},
		{"a CSV and a workbook of one name", map[string]string{"data/lesson.csv": lessonCSV, "data/lesson.xlsx": "a workbook"}, ".",
			[]string{"build"},
			[]string{
				"timeline: data/lesson.xlsx and data/lesson.csv would both write out/lesson.csv: rename one",
				"timeline: data/lesson.xlsx and data/lesson.csv would both write out/lesson.html: rename one",
				"timeline: data/lesson.xlsx and data/lesson.csv would both write out/lesson.embed.html: rename one",
				"timeline: data/lesson.xlsx and data/lesson.csv would both write out/lesson.bib: rename one",
				"timeline: data/lesson.xlsx and data/lesson.csv would both write out/lesson.csl.json: rename one",
				"timeline: nothing written",
			}},
		{"a timeline named index", map[string]string{"data/index.csv": lessonCSV, "data/lesson.csv": lessonCSV}, ".",
			[]string{"build"},
			[]string{"timeline: data/index.csv and the index of timelines would both write out/index.html: rename one", "timeline: nothing written"}},
		{"a timeline named as another's embed", map[string]string{"data/a.csv": lessonCSV, "data/a.embed.csv": lessonCSV}, ".",
			[]string{"build"},
			[]string{"timeline: data/a.embed.csv and data/a.csv would both write out/a.embed.html: rename one", "timeline: nothing written"}},
		{"serve with a timeline named index", map[string]string{"data/index.csv": lessonCSV}, ".",
			[]string{"serve", "-addr", "127.0.0.1:0"},
			[]string{"timeline: data/index.csv and the index of timelines would both write out/index.html: rename one", "timeline: nothing written"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			writeFiles(t, root, tt.files)
			before := snapshot(t, root)
			r := runBin(t, filepath.Join(root, tt.dir), nil, tt.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			want := strings.Join(tt.want, "\n") + "\n"
			if filepath.Separator != '/' {
				want = strings.ReplaceAll(want, "/", string(filepath.Separator))
			}
			if r.stderr != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", r.stderr, want)
			}
			if after := snapshot(t, root); !sameFiles(before, after) {
				t.Errorf("files changed: before %s, after %s", names(before), names(after))
			}
		})
	}
}

// TestOneWriterAtATime starts builds while another holds the out folder:
// a build waits, then fails with a clear message; two builds at once both
// finish, one after the other, and leave one build's set.
func TestOneWriterAtATime(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"data/lesson.csv": lessonCSV})
	bin := timelineBin(t)

	// serve holds the lock while it runs.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	serve := exec.CommandContext(ctx, bin, "serve", "-addr", "127.0.0.1:0")
	serve.Dir = root
	serve.Env = programEnv()
	var serveOut syncBuffer
	serve.Stdout = &serveOut
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(serveOut.String(), "serving"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("serve did not start")
		}
	}
	r := runBin(t, root, nil, "build", "-wait", "300ms")
	if r.code != 1 || !strings.Contains(r.stderr, "out: another timeline build or serve is writing there; waited 300ms for it") {
		t.Errorf("build while serve runs: exit %d, stderr %q", r.code, r.stderr)
	}
	if r.took < 300*time.Millisecond {
		t.Errorf("build gave up after %s, before its wait", r.took)
	}
	cancel()
	serve.Wait()

	// Two builds at once, of different inputs, into one folder.
	writeFiles(t, root, map[string]string{"a/lesson.csv": lessonCSV, "b/lesson.csv": lessonCSV + "Stalin dies,5 March 1953\n"})
	var wg sync.WaitGroup
	results := make([]result, 2)
	for i, dir := range []string{"a", "b"} {
		wg.Go(func() { results[i] = runBin(t, root, nil, "build", "-data", dir, "-out", "shared") })
	}
	wg.Wait()
	for i, r := range results {
		if r.code != 0 {
			t.Errorf("build %d: exit %d, %s", i, r.code, r.stderr)
		}
	}
	got := snapshot(t, filepath.Join(root, "shared"))
	for _, dir := range []string{"a", "b"} {
		runBin(t, root, nil, "build", "-data", dir, "-out", "alone-"+dir)
	}
	a, b := snapshot(t, filepath.Join(root, "alone-a")), snapshot(t, filepath.Join(root, "alone-b"))
	if !sameFiles(got, a) && !sameFiles(got, b) {
		t.Errorf("two builds at once left a mix: %s", names(got))
	}
}

// bigInputs writes two versions of one big timeline, old and new, and
// gives the folder they are in.
func bigInputs(t *testing.T, n int) (root string) {
	t.Helper()
	root = t.TempDir()
	for _, v := range []struct {
		dir  string
		seed uint64
	}{{"old", 1}, {"new", 2}} {
		path := filepath.Join(root, v.dir, "big.csv")
		os.MkdirAll(filepath.Dir(path), 0o755)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := synth.Write(context.Background(), f, n, v.seed); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	return root
}

// TestKilledBuild kills a real build process at many moments, from its
// start to its end, and at each step of moving its files into place. After
// each, every output file is whole, old or new; once the next build has
// begun, the set is one build's, all old or all new, and no temporary file
// is left; and the next build gives exactly the new set.
func TestKilledBuild(t *testing.T) {
	t.Parallel()
	root := bigInputs(t, 4_000)
	bin := timelineBin(t)
	build := func(t *testing.T, in, out string, env ...string) result {
		return runBin(t, root, env, "build", "-out", out, filepath.Join(in, "big.csv"))
	}
	// The set each version gives, built alone. The index names the file
	// built, the same in both.
	for _, v := range []string{"old", "new"} {
		if r := build(t, v, "want-"+v); r.code != 0 {
			t.Fatalf("building %s: %s", v, r.stderr)
		}
	}
	old, next := snapshot(t, filepath.Join(root, "want-old")), snapshot(t, filepath.Join(root, "want-new"))
	if sameFiles(old, next) {
		t.Fatal("the two versions build the same files")
	}
	full := build(t, "new", "timing").took

	check := func(t *testing.T, out string) {
		t.Helper()
		for name, got := range snapshot(t, out) {
			if strings.HasPrefix(name, ".") {
				continue
			}
			if got != old[name] && got != next[name] {
				t.Errorf("%s is neither the old nor the new version (%d bytes)", name, len(got))
			}
		}
		// What the next build does first: finish or drop the last one.
		if err := outset.Recover(out); err != nil {
			t.Fatal(err)
		}
		if got := snapshot(t, out); !sameFiles(got, old) && !sameFiles(got, next) {
			t.Errorf("after recovery, the set is a mix: %s", names(got))
		}
		if r := build(t, "new", out); r.code != 0 || !sameFiles(snapshot(t, out), next) {
			t.Errorf("the next build: exit %d, %s; files %s", r.code, r.stderr, names(snapshot(t, out)))
		}
	}
	fresh := func(t *testing.T) string {
		out := filepath.Join(t.TempDir(), "out")
		if r := build(t, "old", out); r.code != 0 {
			t.Fatal(r.stderr)
		}
		return out
	}

	// Stopped dead at each step of the commit: after the journal, after
	// each of the seven files (the timeline's five, the index's two).
	if n := len(old); n != 7 {
		t.Fatalf("a build writes %d files, want 7: %s", n, names(old))
	}
	for step := 0; step <= 7; step++ {
		t.Run("after commit step "+strconv.Itoa(step), func(t *testing.T) {
			t.Parallel()
			out := fresh(t)
			r := build(t, "new", out, crashAfterStepEnv+"="+strconv.Itoa(step))
			if r.code != crashExit {
				t.Fatalf("exit %d, want %d: %s", r.code, crashExit, r.stderr)
			}
			check(t, out)
		})
	}
	// Killed at moments spread over a whole build.
	const points = 10
	for k := range points {
		at := full * time.Duration(k) / points
		t.Run("killed at "+at.Round(time.Millisecond).String(), func(t *testing.T) {
			t.Parallel()
			out := fresh(t)
			cmd := exec.Command(bin, "build", "-out", out, filepath.Join("new", "big.csv"))
			cmd.Dir = root
			cmd.Env = programEnv()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(at)
			cmd.Process.Kill()
			cmd.Wait()
			check(t, out)
		})
	}
}

// TestUnusableInputs builds a folder in which some CSV files cannot be
// used at all: a folder, a named pipe, a link to nothing. Each is an error
// of its own, "file: message"; the good file is built, nothing waits on
// the pipe, and the exit status is 1. check says the same.
func TestUnusableInputs(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"data/good.csv": lessonCSV, "data/folder.csv/inside.txt": "x"})
	var want []string
	if err := os.Symlink(filepath.Join(root, "nowhere.csv"), filepath.Join(root, "data", "dangling.csv")); err == nil {
		want = append(want, filepath.Join("data", "dangling.csv")+": no such file or directory")
	}
	want = append(want, filepath.Join("data", "folder.csv")+": not a regular file (a folder)")
	if err := mkfifo(filepath.Join(root, "data", "pipe.csv")); err == nil {
		want = append(want, filepath.Join("data", "pipe.csv")+": not a regular file (a named pipe)")
	}
	r := runBin(t, root, nil, "build")
	if r.code != 1 {
		t.Errorf("build: exit %d, want 1", r.code)
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w+"\n") {
			t.Errorf("build's stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	if got := names(snapshot(t, filepath.Join(root, "out"))); got != "good.bib good.csl.json good.csv good.embed.html good.html index.html index.json" {
		t.Errorf("out holds %s", got)
	}
	r = runBin(t, root, nil, "check")
	if r.code != 1 {
		t.Errorf("check: exit %d, want 1", r.code)
	}
	for _, w := range want {
		if !strings.Contains(r.stdout, w+"\n") {
			t.Errorf("check's output lacks %q:\n%s", w, r.stdout)
		}
	}
	if wantLast := plural(len(want)+1, "file") + ": " + plural(len(want), "error") + ", 0 warnings\n"; !strings.HasSuffix(r.stdout, wantLast) {
		t.Errorf("check's output ends %q, want %q", r.stdout, wantLast)
	}
}

// TestInterruptedBuild sends Ctrl-C to a build of a big file part way:
// it stops at once with exit status 130, the old outputs stay as they
// were, and nothing it staged is left.
func TestInterruptedBuild(t *testing.T) {
	if runtime.GOOS == "windows" {
		testenv.Skip(t, "no Ctrl-C signal to send on Windows")
	}
	// Beside the other tests: a build stops 15–50 ms after Ctrl-C on a
	// 2-core machine, a tenth of what the test allows.
	t.Parallel()
	root := bigInputs(t, 80_000)
	bin := timelineBin(t)
	out := filepath.Join(root, "out")
	if r := runBin(t, root, nil, "build", "-out", out, filepath.Join("old", "big.csv")); r.code != 0 {
		t.Fatal(r.stderr)
	}
	before := snapshot(t, out)
	full := runBin(t, root, nil, "build", "-out", filepath.Join(root, "timing"), filepath.Join("new", "big.csv")).took
	for _, frac := range []int{30, 70} {
		at := full * time.Duration(frac) / 100
		cmd := exec.Command(bin, "build", "-out", out, filepath.Join("new", "big.csv"))
		cmd.Dir = root
		cmd.Env = programEnv()
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(at)
		sent := time.Now()
		cmd.Process.Signal(os.Interrupt)
		err := cmd.Wait()
		took := time.Since(sent)
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			// It finished before the signal came: nothing to check.
			t.Logf("at %d%% (%s), the build had finished", frac, at)
			continue
		}
		if exit.ExitCode() != exitInterrupted {
			t.Errorf("at %d%%: exit %d, want %d; %s", frac, exit.ExitCode(), exitInterrupted, stderr.String())
		}
		t.Logf("at %d%% of %s: stopped %s after Ctrl-C", frac, full.Round(time.Millisecond), took.Round(time.Millisecond))
		if took > 500*time.Millisecond {
			t.Errorf("at %d%%: stopped %s after Ctrl-C, want within 500ms", frac, took)
		}
		if after := snapshot(t, out); !sameFiles(before, after) {
			t.Errorf("at %d%%: the out folder changed: %s", frac, names(after))
		}
	}
}
