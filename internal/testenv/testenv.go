// Package testenv lets a test skip what a machine lacks on a developer's
// machine, and fail for it under CI, where a missing tool is a broken
// setup rather than a reason to test less.
package testenv

import (
	"fmt"
	"os"
	"testing"
)

// CI reports whether the tests run under CI (CI=true, as .ci/run sets it).
func CI() bool { return os.Getenv("CI") == "true" }

// Skip skips the test, saying why, or fails it under CI. -short skips are
// not for Skip: they are asked for, so they hold under CI too.
func Skip(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if CI() {
		t.Fatal("under CI, a test may not skip: " + msg)
	}
	t.Skip(msg)
}
