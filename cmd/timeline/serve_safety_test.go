package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"timeline/internal/testenv"
)

// serveBin runs "timeline serve" as a process in root until the test ends,
// and gives its address and process.
func serveBin(t *testing.T, root string, args ...string) (addr string, cmd *exec.Cmd, stderr *syncBuffer) {
	t.Helper()
	cmd = exec.Command(timelineBin(t), append([]string{"serve"}, args...)...)
	cmd.Dir = root
	cmd.Env = programEnv()
	var stdout syncBuffer
	stderr = new(syncBuffer)
	cmd.Stdout, cmd.Stderr = &stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Error("serve did not stop within 10 s of Ctrl-C")
		}
	})
	re := regexp.MustCompile(`at http://([^/]+)/`)
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(stdout.String()); m != nil {
			return m[1], cmd, stderr
		}
	}
	t.Fatalf("serve printed no address; stderr %q", stderr.String())
	return "", nil, nil
}

// get requests path from addr with the Host header host, and gives the
// status and body.
func get(t *testing.T, addr, host, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest("GET", "http://"+addr+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestServeServesOnlyOut checks what serve answers: only loopback names,
// and of the out folder only its plain files, never hidden or staged
// ones, folders, or links that lead out of it.
func TestServeServesOnlyOut(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"data/lesson.csv":              lessonCSV,
		"secret.txt":                   "the teacher's own file",
		"out/sub/note.txt":             "in a folder",
		"out/.lesson.csv.123.tmp":      "an older version's temporary",
		"out/.timeline-staging/x.html": "staged",
	})
	out := filepath.Join(root, "out")
	linked := os.Symlink(filepath.Join(root, "secret.txt"), filepath.Join(out, "leak.txt")) == nil
	os.Symlink(filepath.Join("sub", "note.txt"), filepath.Join(out, "inside.txt")) // relative: os.Root follows no absolute link
	addr, _, _ := serveBin(t, root, "-addr", "127.0.0.1:0")
	_, port, _ := net.SplitHostPort(addr)

	tests := []struct {
		host, path string
		status     int
		body       string // a part of it
	}{
		{addr, "/", 200, `<a href="lesson.html">Lesson</a>`},
		{"localhost:" + port, "/lesson.csv", 200, "stalin-leads-the-ussr-1926"},
		{"[::1]:" + port, "/lesson.csv", 200, "stalin-leads-the-ussr-1926"},
		{"evil.example:" + port, "/lesson.csv", 421, "answers only to localhost"},
		{"evil.example", "/", 421, ""},
		{"127.0.0.1.evil.example:" + port, "/", 421, ""},
		{addr, "/.timeline.lock", 404, ""},
		{addr, "/.lesson.csv.123.tmp", 404, ""},
		{addr, "/.timeline-staging/x.html", 404, ""},
		{addr, "/sub/", 404, ""},
		{addr, "/sub", 404, ""},
		{addr, "/sub/note.txt", 200, "in a folder"},
		{addr, "/inside.txt", 200, "in a folder"},
		{addr, "/../secret.txt", 404, ""},
	}
	if linked {
		tests = append(tests, struct {
			host, path string
			status     int
			body       string
		}{addr, "/leak.txt", 404, ""})
	}
	for _, tt := range tests {
		status, body := get(t, addr, tt.host, tt.path)
		if status != tt.status || !strings.Contains(body, tt.body) {
			t.Errorf("GET %s, Host %s: %d %.80q; want %d with %q", tt.path, tt.host, status, body, tt.status, tt.body)
		}
	}
}

// TestServeWarnsOffLoopback starts serve on every interface: it says that
// the pages can be seen from the network.
func TestServeWarnsOffLoopback(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"data/lesson.csv": lessonCSV})
	_, _, stderr := serveBin(t, root, "-addr", "0.0.0.0:0")
	if want := "warning: 0.0.0.0:0 is not a loopback address: every device on the network can see these pages\n"; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr %q lacks %q", stderr.String(), want)
	}
}

// TestServeWatchesARemadeDataFolder deletes the data folder while serve
// watches it, and makes it again with a new file: serve builds it.
func TestServeWatchesARemadeDataFolder(t *testing.T) {
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"data/lesson.csv": lessonCSV})
	addr, _, stderr := serveBin(t, root, "-addr", "127.0.0.1:0")
	if err := os.RemoveAll(filepath.Join(root, "data")); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	// Both the first file of the remade folder and one added later.
	for _, name := range []string{"again", "third"} {
		writeFiles(t, root, map[string]string{"data/" + name + ".csv": lessonCSV})
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			if status, _ := get(t, addr, addr, "/"+name+".html"); status == 200 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s.csv in the remade data folder was not built; stderr: %s", name, stderr.String())
			}
		}
	}
}

// rss gives a process's resident memory in bytes, from /proc.
func rss(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// TestServeStalledClients asks 24 clients for a page as big as a million
// facts' (214 MB) and lets none of them read it: serve's memory stays
// within 50 MB of where it was.
func TestServeStalledClients(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" {
		testenv.Skip(t, "reads memory from /proc")
	}
	root := t.TempDir()
	writeFiles(t, root, map[string]string{"data/lesson.csv": lessonCSV})
	page := filepath.Join(root, "out", "huge.html")
	os.MkdirAll(filepath.Dir(page), 0o755)
	f, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	chunk := []byte(strings.Repeat("<p>a fact of the timeline</p>\n", 2048))
	for written := 0; written < 214<<20; written += len(chunk) {
		f.Write(chunk)
	}
	f.Close()
	addr, cmd, _ := serveBin(t, root, "-addr", "127.0.0.1:0")
	get(t, addr, addr, "/") // warm up
	before := rss(t, cmd.Process.Pid)
	var conns []net.Conn
	for range 24 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "GET /huge.html HTTP/1.1\r\nHost: %s\r\n\r\n", addr)
		conns = append(conns, c)
	}
	// Each client takes the headers and a little, then stops reading.
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		line, err := bufio.NewReader(c).ReadString('\n')
		if err != nil || !strings.HasPrefix(line, "HTTP/1.1 200") {
			t.Fatalf("a client got %q, %v", line, err)
		}
	}
	time.Sleep(time.Second)
	after := rss(t, cmd.Process.Pid)
	t.Logf("serve's RSS: %d MB before, %d MB with 24 stalled clients", before>>20, after>>20)
	if after-before > 50<<20 {
		t.Errorf("serve's RSS grew by %d MB with 24 stalled clients, want at most 50 MB", (after-before)>>20)
	}
}

// TestServeDropsStalledClients checks the write timeout: a client that
// stops reading a page is dropped once no write has gone through for the
// server's stall time, while the event stream, which waits by design,
// is not.
func TestServeDropsStalledClients(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	big := strings.Repeat("x", 32<<20)
	writeFiles(t, dir, map[string]string{"big.csv": big, "big.html": big})
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	s := &server{root: root, stall: 100 * time.Millisecond, loopbackOnly: true, changed: make(chan struct{}), log: io.Discard}
	var closed atomic.Int32
	ts := httptest.NewUnstartedServer(s)
	ts.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateClosed {
			closed.Add(1)
		}
	}
	ts.Start()
	defer ts.Close()
	addr := ts.Listener.Addr().String()
	for _, path := range []string{"/big.csv", "/big.html", eventsPath} {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: localhost\r\n\r\n", path)
	}
	time.Sleep(time.Second)
	if got := closed.Load(); got != 2 {
		t.Errorf("%d connections closed, want the 2 stalled page requests and not the event stream", got)
	}
	s.stop()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	ts.Config.Shutdown(ctx)
}
