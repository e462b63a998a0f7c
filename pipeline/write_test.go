package pipeline

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFilesAtomic writes two files at once, then fails to write them
// again: the first contents stay, and no temporary file is left.
func TestWriteFilesAtomic(t *testing.T) {
	dir := t.TempDir()
	paths := []string{filepath.Join(dir, "a.html"), filepath.Join(dir, "a.embed.html")}
	write := func(texts ...string) func([]io.Writer) error {
		return func(w []io.Writer) error {
			for i, text := range texts {
				if _, err := io.WriteString(w[i], text); err != nil {
					return err
				}
			}
			return nil
		}
	}
	if err := WriteFilesAtomic(paths, write("page", "embed")); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("disk full")
	err := WriteFilesAtomic(paths, func(w []io.Writer) error {
		write("half a page", "half an embed")(w)
		return failed
	})
	if !errors.Is(err, failed) {
		t.Errorf("error %v, want %v", err, failed)
	}
	for i, want := range []string{"page", "embed"} {
		got, err := os.ReadFile(paths[i])
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", paths[i], got, err, want)
		}
		if st, err := os.Stat(paths[i]); err != nil || st.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, %v; want 0644", paths[i], st.Mode(), err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
}
