package outset

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"timeline/internal/testenv"
)

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestPlanConflicts(t *testing.T) {
	dir := t.TempDir()
	data, out := filepath.Join(dir, "data"), filepath.Join(dir, "out")
	for _, f := range []string{"a.csv", "a.md", "A.csv", "index.csv", "x.csv", "x.embed.csv", "d2/a.csv"} {
		write(t, filepath.Join(data, f), "title\nA\n")
	}
	in := func(f string) string { return filepath.Join(data, f) }
	tests := []struct {
		name   string
		out    string
		inputs []string
		want   []string
	}{
		{"distinct", out, []string{in("a.csv"), in("x.csv")}, nil},
		{"the data folder", data, []string{in("a.csv")}, []string{
			in("a.csv") + " would overwrite the input " + in("a.csv") + ": choose another output folder",
		}},
		{"two of one name", out, []string{in("a.csv"), in("d2/a.csv")}, []string{
			in("d2/a.csv") + " and " + in("a.csv") + " would both write " + filepath.Join(out, "a.csv") + ": rename one",
			in("d2/a.csv") + " and " + in("a.csv") + " would both write " + filepath.Join(out, "a.html") + ": rename one",
			in("d2/a.csv") + " and " + in("a.csv") + " would both write " + filepath.Join(out, "a.embed.html") + ": rename one",
			in("d2/a.csv") + " and " + in("a.csv") + " would both write " + filepath.Join(out, "a.bib") + ": rename one",
			in("d2/a.csv") + " and " + in("a.csv") + " would both write " + filepath.Join(out, "a.csl.json") + ": rename one",
		}},
		{"names that differ only in case", out, []string{in("a.csv"), in("A.csv")}, []string{
			in("A.csv") + " and " + in("a.csv") + " would both write " + filepath.Join(out, "A.csv") + ": rename one",
			in("A.csv") + " and " + in("a.csv") + " would both write " + filepath.Join(out, "A.html") + ": rename one",
			in("A.csv") + " and " + in("a.csv") + " would both write " + filepath.Join(out, "A.embed.html") + ": rename one",
			in("A.csv") + " and " + in("a.csv") + " would both write " + filepath.Join(out, "A.bib") + ": rename one",
			in("A.csv") + " and " + in("a.csv") + " would both write " + filepath.Join(out, "A.csl.json") + ": rename one",
		}},
		{"the index", out, []string{in("index.csv")}, []string{
			in("index.csv") + " and the index of timelines would both write " + filepath.Join(out, "index.html") + ": rename one",
		}},
		{"an embed", out, []string{in("x.csv"), in("x.embed.csv")}, []string{
			in("x.embed.csv") + " and " + in("x.csv") + " would both write " + filepath.Join(out, "x.embed.html") + ": rename one",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := NewPlan(tt.out, tt.inputs)
			var ce ConflictError
			if tt.want == nil {
				if err != nil {
					t.Fatalf("NewPlan: %v", err)
				}
				if len(p.Timelines) != len(tt.inputs) {
					t.Errorf("%d timelines, want %d", len(p.Timelines), len(tt.inputs))
				}
				return
			}
			if !errors.As(err, &ce) {
				t.Fatalf("NewPlan: %v, want a ConflictError", err)
			}
			if got := strings.Split(err.Error(), "\n"); !slices.Equal(got, tt.want) {
				t.Errorf("conflicts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestPlanSameFileByAnotherName finds an input behind another name: a
// symbolic link to the data folder, used as the output folder.
func TestPlanSameFileByAnotherName(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	write(t, filepath.Join(data, "a.csv"), "title\nA\n")
	link := filepath.Join(dir, "out")
	if err := os.Symlink(data, link); err != nil {
		testenv.Skip(t, "no symbolic links here: %v", err)
	}
	_, err := NewPlan(link, []string{filepath.Join(data, "a.csv")})
	var c Conflict
	if !errors.As(err, &c) || !c.Same || c.Output != filepath.Join(link, "a.csv") {
		t.Errorf("NewPlan through a link: %v, want a conflict naming %s", err, filepath.Join(link, "a.csv"))
	}
	if err := SameDir(link, data); err == nil {
		t.Error("SameDir did not see that the output folder is the data folder")
	}
	if err := SameDir(filepath.Join(dir, "elsewhere"), data); err != nil {
		t.Errorf("SameDir on a folder yet to be made: %v", err)
	}
}

func TestLockIsExclusive(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	l, err := Acquire(context.Background(), dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = Acquire(context.Background(), dir, 200*time.Millisecond)
	if !errors.Is(err, ErrBusy) {
		t.Fatalf("a second Acquire: %v, want ErrBusy", err)
	}
	if waited := time.Since(start); waited < 200*time.Millisecond {
		t.Errorf("a second Acquire gave up after %s, before its wait of 200ms", waited)
	}
	// It gets the lock once the first is released while it waits.
	go func() {
		time.Sleep(100 * time.Millisecond)
		l.Release()
	}()
	l2, err := Acquire(context.Background(), dir, 5*time.Second)
	if err != nil {
		t.Fatalf("Acquire after a release: %v", err)
	}
	l2.Release()
}

func stage(t *testing.T, tx *Tx, files map[string]string) {
	t.Helper()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		w, err := tx.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, files[name])
	}
}

// contents gives every file of dir by name, hidden ones too.
func contents(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == LockName {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	return got
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestTxCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "a.csv"), "old a")
	write(t, filepath.Join(dir, "keep.html"), "kept")

	tx, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	stage(t, tx, map[string]string{"a.csv": "new a", "b.csv": "new b"})
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	if got, want := contents(t, dir), map[string]string{"a.csv": "old a", "keep.html": "kept"}; !equal(got, want) {
		t.Errorf("after Abort: %v, want %v", got, want)
	}

	tx, err = Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	stage(t, tx, map[string]string{"a.csv": "new a", "b.csv": "new b"})
	if _, err := tx.Create("a.csv"); err == nil {
		t.Error("a name created twice in one transaction")
	}
	for _, bad := range []string{".hidden", "sub/x.csv", journalName} {
		if _, err := tx.Create(bad); err == nil {
			t.Errorf("Create(%q) succeeded", bad)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, want := contents(t, dir), map[string]string{"a.csv": "new a", "b.csv": "new b", "keep.html": "kept"}; !equal(got, want) {
		t.Errorf("after Commit: %v, want %v", got, want)
	}
}

// TestRecover stops a commit after each of its steps, as a killed process
// would, and checks that every file is whole, old or new, and that the
// next Begin leaves exactly one build's set with nothing staged.
func TestRecover(t *testing.T) {
	old := map[string]string{"a.csv": "old a", "a.html": "old page", "index.html": "old index"}
	next := map[string]string{"a.csv": "new a", "a.html": "new page", "b.csv": "new b", "index.html": "new index"}
	want := map[string]string{"a.csv": "new a", "a.html": "new page", "b.csv": "new b", "index.html": "new index"}
	errStop := errors.New("stopped")
	for stop := -1; stop <= len(next); stop++ {
		dir := t.TempDir()
		for name, s := range old {
			write(t, filepath.Join(dir, name), s)
		}
		write(t, filepath.Join(dir, ".a.csv.123.tmp"), "an older version's temporary")
		tx, err := Begin(dir)
		if err != nil {
			t.Fatal(err)
		}
		stage(t, tx, next)
		tx.AfterStep = func(k int) {
			if k == stop {
				panic(errStop)
			}
		}
		func() {
			defer func() {
				if r := recover(); r != nil && r != errStop {
					panic(r)
				}
			}()
			if stop == -1 {
				tx.closeAll() // stopped before the journal was written
				return
			}
			tx.Commit()
		}()
		// Every visible file is whole: its old or its new version.
		for name, got := range contents(t, dir) {
			if strings.HasPrefix(name, ".") {
				continue
			}
			if got != old[name] && got != next[name] {
				t.Errorf("stopped after step %d: %s is %q, neither old nor new", stop, name, got)
			}
		}
		if err := Recover(dir); err != nil {
			t.Fatalf("stopped after step %d: Recover: %v", stop, err)
		}
		expect := want
		if stop == -1 {
			expect = old
		}
		if got := contents(t, dir); !equal(got, expect) {
			t.Errorf("stopped after step %d, then recovered: %v, want %v", stop, got, expect)
		}
	}
}

func TestRecoverRefusesABrokenJournal(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, StageName, journalName), "[\"a.cs")
	if err := Recover(dir); err == nil || !strings.Contains(err.Error(), "unreadable") {
		t.Errorf("Recover with a broken journal: %v", err)
	}
	b, _ := json.Marshal([]string{"gone.csv"})
	write(t, filepath.Join(dir, StageName, journalName), string(b))
	if err := Recover(dir); err != nil {
		t.Errorf("Recover of a journal whose files were all moved: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, StageName)); !os.IsNotExist(err) {
		t.Errorf("the staging folder outlived Recover: %v", err)
	}
}
