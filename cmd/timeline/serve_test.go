package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"timeline/charts"
	"timeline/internal/browsertest"
)

// syncBuffer is a bytes.Buffer that run may write while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs "timeline serve" on a free loopback port until the test
// ends, and returns its address. Then it stops serve as Ctrl-C does, and
// serve must stop within 2 s: at once, but for a response on its way.
func startServe(t *testing.T, data, out string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-data", data, "-out", out}, &stdout, &stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v after Ctrl-C; stderr: %s", err, stderr.String())
			}
		case <-time.After(2 * time.Second):
			t.Error("serve did not stop within 2 s of Ctrl-C")
		}
	})
	addr := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)/`)
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(stdout.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v; stderr: %s", err, stderr.String())
		default:
		}
	}
	t.Fatalf("serve printed no address; stdout %q, stderr %q", stdout.String(), stderr.String())
	return ""
}

// TestServeStopsWithUnusedConnection stops serve while a connection is
// open that no request came on, as browsers open them ahead of need: the
// server used to wait 5 s for it before it stopped.
func TestServeStopsWithUnusedConnection(t *testing.T) {
	t.Parallel()
	data, out := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(data, "lesson.csv"), []byte("title,date\nFirst,1930\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var c net.Conn
	t.Cleanup(func() { // once serve has stopped
		if c != nil {
			c.Close()
		}
	})
	base := startServe(t, data, out)
	var err error
	if c, err = net.Dial("tcp", strings.TrimPrefix(base, "http://")); err != nil {
		t.Fatal(err)
	}
}

// TestServeLiveReload edits a CSV while its page is open: the page reloads
// with the new fact; after a bad edit it shows the error with its line and
// column while the last good page stays on disk; a fix brings the chart
// back.
func TestServeLiveReload(t *testing.T) {
	t.Parallel()
	data, out := t.TempDir(), t.TempDir()
	csvPath := filepath.Join(data, "lesson.csv")
	write := func(s string) {
		t.Helper()
		// Save as editors do: a new file renamed over the old one.
		tmp := csvPath + ".tmp"
		if err := os.WriteFile(tmp, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, csvPath); err != nil {
			t.Fatal(err)
		}
	}
	good := "title,date\nFirst,1930\nSecond,1940\n"
	write(good)
	base := startServe(t, data, out)

	tab := browsertest.Start(t).NewTab(t, browsertest.TabOptions{Serve: map[string][]byte{charts.EChartsURL: browsertest.EChartsJS(t)}})
	if got := tab.Open(base + "/lesson.html"); got != "2" {
		t.Fatalf("data-timeline-ready = %s, want 2", got)
	}
	index, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[string](`fetch("/").then(r => r.text())`, chromedp.EvalAwaitPromise))
	if err != nil || !strings.Contains(index, `<a href="lesson.html">Lesson</a>`) {
		t.Errorf("the index at / does not list the lesson: %v\n%s", err, index)
	}

	write(good + "Third,1950\n")
	waitFor(t, tab, `document.documentElement.getAttribute("data-timeline-ready") === "3"`, "the page to reload with 3 facts")
	lastGood, err := os.ReadFile(filepath.Join(out, "lesson.html"))
	if err != nil {
		t.Fatal(err)
	}

	write(good + "Third,1950\nFourth,31 February 1930\n")
	waitFor(t, tab, `document.querySelector("ul.errors") !== null`, "the page to show the errors")
	shown := browsertest.Eval[string](tab, `document.querySelector("ul.errors").textContent`)
	if want := `lesson.csv:5:8: date "31 February 1930": no such day: February 1930 has 28 days`; !strings.Contains(shown, want) {
		t.Errorf("the page shows %q, want %q", shown, want)
	}
	if onDisk, _ := os.ReadFile(filepath.Join(out, "lesson.html")); !bytes.Equal(onDisk, lastGood) {
		t.Error("a bad edit changed the last good page on disk")
	}

	write(good + "Third,1950\nFourth,28 February 1930\n")
	waitFor(t, tab, `document.documentElement.getAttribute("data-timeline-ready") === "4"`, "the chart to come back with 4 facts")
	tab.NoProblems()
}

// waitFor polls cond in the page until it holds, across the page's own
// reloads, for up to 20 s.
func waitFor(t *testing.T, tab *browsertest.Tab, cond, what string) {
	t.Helper()
	var last error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ok, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		last = err
	}
	t.Fatalf("waiting for %s: %v", what, last)
}

// TestServeListensOnLoopback checks the default address.
func TestServeListensOnLoopback(t *testing.T) {
	code, stdout, _ := runCLI(t, "serve", "-h")
	if code != 0 || !strings.Contains(stdout, "127.0.0.1:8080") {
		t.Errorf("serve -h: exit %d, %q", code, stdout)
	}
	if code, _, stderr := runCLI(t, "serve", "x.csv"); code != 2 || !strings.Contains(stderr, "takes no files") {
		t.Errorf("serve x.csv: exit %d, %q", code, stderr)
	}
}
