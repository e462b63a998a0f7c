// Package golden compares what a test makes with a golden file under
// testdata, as cmd/gofmt's tests do: go test -update rewrites the golden
// files, for review in the diff.
package golden

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Check compares got with the golden file at path, after rewriting it
// under -update.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if want := Read(t, path); !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the test made; run go test -update and review the diff", path)
	}
}

// Read reads a test's fixture.
func Read(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
