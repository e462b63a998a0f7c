// Package browsertest drives Debian's Chromium from Go tests, through
// github.com/chromedp/chromedp, with no access to the internet.
//
// It prefers Debian's chromium-headless-shell to the full chromium: the
// same Blink and Skia of the same version without the browser around
// them, it drew the seed and phone pages byte for byte as the full one,
// in half the time (README's Tests section has the figures). With
// CHROMIUM=/usr/bin/chromium the tests run in the full one.
//
// A Tab records everything that would make a page not work: console
// errors, uncaught exceptions, JavaScript dialogs and requests that fail or
// would leave this machine. It answers requests for the pinned ECharts
// from the copy the npm package installed, so pages that load ECharts from
// its CDN work offline, and their Subresource Integrity is checked against
// the real file.
package browsertest

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"timeline/internal/testenv"
)

// installHint tells how to get what the browser tests need.
const installHint = "install Chromium with: apt-get update && apt-get install -y chromium-headless-shell; and the pinned ECharts with: npm ci"

// skipOrFail skips the test on a developer's machine that lacks a tool,
// and fails it under CI, where a missing tool is a broken setup.
func skipOrFail(t testing.TB, format string, args ...any) {
	t.Helper()
	testenv.Skip(t, "%s; %s", fmt.Sprintf(format, args...), installHint)
}

// ChromiumPath returns the path of Chromium, from $CHROMIUM or the PATH,
// where the headless shell comes first.
func ChromiumPath(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	skipOrFail(t, "no Chromium found")
	return ""
}

// RepoRoot returns the directory of the module's go.mod.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// EChartsJS returns the pinned ECharts that npm installed.
func EChartsJS(t testing.TB) []byte {
	t.Helper()
	path := filepath.Join(RepoRoot(t), "node_modules", "echarts", "dist", "echarts.min.js")
	b, err := os.ReadFile(path)
	if err != nil {
		skipOrFail(t, "no %s", path)
	}
	return b
}

// Browser is one headless Chromium with a fresh profile, shared by the
// tests of a package: each test opens its own tabs in it, and tests that
// call t.Parallel run their tabs at once.
type Browser struct {
	ctx context.Context
}

// Mode is a way of launching Chromium; each mode has its own browser.
type Mode int

const (
	// Default is Chromium as a person runs it, with site isolation.
	Default Mode = iota
	// SameProcessFrames keeps iframes from other sites in their page's
	// process, so that a tab's request routing applies to them too. The
	// same-origin policy still holds between them.
	SameProcessFrames
)

var (
	browsersMu sync.Mutex
	browsers   = map[Mode]*shared{}
	tempDirs   []string // made by WriteFiles
)

// shared is a browser and how to stop it.
type shared struct {
	b       *Browser
	err     error
	dir     string
	cancels []context.CancelFunc
}

// Start gives the package's browser of a mode, launching it on first use.
// Under -short it skips the test: the browser tests are the slow ones. Call
// Close from TestMain once the tests have run.
func Start(t testing.TB, modes ...Mode) *Browser {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: skipping a browser test")
	}
	mode := Default
	if len(modes) > 0 {
		mode = modes[0]
	}
	path := ChromiumPath(t)
	browsersMu.Lock()
	defer browsersMu.Unlock()
	sh, ok := browsers[mode]
	if !ok {
		sh = launch(path, mode)
		browsers[mode] = sh
	}
	if sh.err != nil {
		t.Fatalf("starting Chromium: %v", sh.err)
	}
	return sh.b
}

func launch(path string, mode Mode) *shared {
	sh := &shared{}
	sh.dir, sh.err = os.MkdirTemp("", "browsertest-")
	if sh.err != nil {
		return sh
	}
	// Chromium keeps its singleton socket in a folder of TMPDIR, which a
	// browser stopped by its context leaves behind: give it one inside
	// the folder Close removes.
	tmp := filepath.Join(sh.dir, "tmp")
	if sh.err = os.Mkdir(tmp, 0o700); sh.err != nil {
		return sh
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		// Tabs run side by side: none is throttled as a background tab.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.UserDataDir(sh.dir),
		chromedp.Env("TMPDIR="+tmp),
		chromedp.WindowSize(1280, 900),
	)
	if mode == Default {
		// The full browser isolates sites by default, the headless
		// shell only when asked: a cross-site iframe then gets a
		// process and a target of its own in both.
		opts = append(opts, chromedp.Flag("site-per-process", true))
	}
	if mode == SameProcessFrames {
		opts = append(opts,
			chromedp.Flag("disable-features", "SitePerProcess,IsolateOrigins,Translate,BlinkGenPropertyTrees"),
			chromedp.Flag("disable-site-isolation-trials", true))
	}
	ctx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	sh.cancels = append(sh.cancels, cancel)
	ctx, cancelBrowser := chromedp.NewContext(ctx)
	sh.cancels = append(sh.cancels, cancelBrowser)
	if sh.err = chromedp.Do(ctx); sh.err == nil {
		sh.b = &Browser{ctx: ctx}
	}
	return sh
}

// Close stops every browser the package's tests launched, and removes
// the folders WriteFiles made.
func Close() {
	browsersMu.Lock()
	defer browsersMu.Unlock()
	for mode, sh := range browsers {
		for i := len(sh.cancels) - 1; i >= 0; i-- {
			sh.cancels[i]()
		}
		if sh.dir != "" {
			os.RemoveAll(sh.dir)
		}
		delete(browsers, mode)
	}
	for _, dir := range tempDirs {
		os.RemoveAll(dir)
	}
	tempDirs = nil
}

// TabOptions says how a tab treats the network.
type TabOptions struct {
	// Serve answers requests for these URLs with these bodies, as
	// JavaScript that any origin may load.
	Serve map[string][]byte
	// Offline fails every request other than for file: and data: URLs,
	// even to this machine, and reports each as a problem.
	Offline bool
}

// Tab is one browser tab that records what goes wrong in it.
type Tab struct {
	Ctx      context.Context
	t        testing.TB
	mu       sync.Mutex
	problems []string
	dialogs  []string
}

// NewTab opens a tab. Requests to hosts other than this machine fail and
// are reported, unless Serve answers them.
func (b *Browser) NewTab(t testing.TB, o TabOptions) *Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	tab := &Tab{Ctx: ctx, t: t}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	paused := chromedp.Events(ctx, fetch.RequestPaused)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	failed := chromedp.Events(ctx, network.LoadingFailed)
	console := chromedp.Console(ctx)
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			tab.route(ev, o)
		}
	}()
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			tab.mu.Lock()
			tab.dialogs = append(tab.dialogs, string(ev.Type)+": "+ev.Message)
			tab.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	go func() {
		for ev, err := range failed {
			if err != nil {
				return
			}
			// A page that reloads itself aborts its own event stream.
			if ev.Type == network.ResourceTypeEventSource && ev.Canceled {
				continue
			}
			tab.report("request failed: %s (%s)", ev.ErrorText, ev.Type)
		}
	}()
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				tab.report("console %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1)
			}
		}
	}()
	return tab
}

func (tab *Tab) report(format string, args ...any) {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	tab.problems = append(tab.problems, fmt.Sprintf(format, args...))
}

// route answers one paused request.
func (tab *Tab) route(ev fetch.EventRequestPaused, o TabOptions) {
	u := ev.Request.URL
	if body, ok := o.Serve[u]; ok && !o.Offline {
		chromedp.Call(tab.Ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
			RequestID:    ev.RequestID,
			ResponseCode: 200,
			ResponseHeaders: []*fetch.HeaderEntry{
				{Name: "Content-Type", Value: "application/javascript; charset=utf-8"},
				{Name: "Access-Control-Allow-Origin", Value: "*"},
			},
			Body: body,
		})
		return
	}
	parsed, err := url.Parse(u)
	inPage := err == nil && (parsed.Scheme == "file" || parsed.Scheme == "data" || parsed.Scheme == "blob")
	loopback := err == nil && (parsed.Hostname() == "127.0.0.1" || parsed.Hostname() == "localhost" || parsed.Hostname() == "::1")
	if inPage || loopback && !o.Offline {
		chromedp.Call(tab.Ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
		return
	}
	tab.report("blocked a request to %s", u)
	chromedp.Call(tab.Ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonInternetDisconnected})
}

// Problems returns what went wrong in the tab so far.
func (tab *Tab) Problems() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.problems...)
}

// Dialogs returns the JavaScript dialogs that opened in the tab.
func (tab *Tab) Dialogs() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.dialogs...)
}

// Open navigates to u and waits for the timeline page to be ready. It
// returns the number of facts the page says it drew.
func (tab *Tab) Open(u string) string {
	tab.t.Helper()
	if err := chromedp.Do(tab.Ctx, chromedp.Navigate(u)); err != nil {
		tab.t.Fatalf("open %s: %v", u, err)
	}
	return tab.WaitReady()
}

// WaitReady waits for data-timeline-ready on <html> and returns it; on a
// large page, whose texts come after the chart is drawn, it waits for
// data-timeline-texts too.
func (tab *Tab) WaitReady() string {
	tab.t.Helper()
	ready, err := chromedp.Run(tab.Ctx, chromedp.Poll[string](`document.documentElement.getAttribute("data-timeline-ready")`))
	if err == nil {
		_, err = chromedp.Run(tab.Ctx, chromedp.Poll[bool](`!document.getElementById("timeline-texts") || document.documentElement.hasAttribute("data-timeline-texts")`))
	}
	if err != nil {
		tab.t.Fatalf("waiting for data-timeline-ready: %v; problems: %q", err, tab.Problems())
	}
	return ready
}

// Eval evaluates a JavaScript expression in the page.
func Eval[T any](tab *Tab, expr string) T {
	tab.t.Helper()
	v, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		var zero T
		tab.t.Fatalf("evaluating %s: %v", expr, err)
		return zero
	}
	return v
}

// Do runs chromedp actions in the tab.
func (tab *Tab) Do(actions ...chromedp.Action[chromedp.Void]) {
	tab.t.Helper()
	if err := chromedp.Do(tab.Ctx, actions...); err != nil && !errors.Is(err, context.Canceled) {
		tab.t.Fatal(err)
	}
}

// NoProblems fails the test if anything went wrong in the tab.
func (tab *Tab) NoProblems() {
	tab.t.Helper()
	// Let events in flight arrive.
	time.Sleep(100 * time.Millisecond)
	if p := tab.Problems(); len(p) > 0 {
		tab.t.Errorf("problems in the page:\n%s", strings.Join(p, "\n"))
	}
	if d := tab.Dialogs(); len(d) > 0 {
		tab.t.Errorf("dialogs opened: %q", d)
	}
}

// WritePage writes a page into a folder of the test's, and gives its
// file: URL.
func WritePage(t testing.TB, name string, page []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	return FileURL(path)
}

// FileURL gives the file: URL of a path.
func FileURL(path string) string {
	abs, _ := filepath.Abs(path)
	return "file://" + filepath.ToSlash(abs)
}

// WriteFiles writes files, by name, into a new folder that Close removes,
// and gives the folder: pages that tests share, made once.
func WriteFiles(files map[string][]byte) (string, error) {
	dir, err := os.MkdirTemp("", "browsertest-pages-")
	if err != nil {
		return "", err
	}
	browsersMu.Lock()
	tempDirs = append(tempDirs, dir)
	browsersMu.Unlock()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// ServeDir serves a folder over http on loopback until the test ends, and
// gives its URL.
func ServeDir(t testing.TB, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// Server serves files, by path, over http on loopback until the test
// ends, and keeps the referrer of each request for them.
type Server struct {
	URL      string
	mu       sync.Mutex
	files    map[string][]byte
	referers map[string][]string
}

// Serve starts a Server with no files: Put adds them, once their
// contents can name the server's URL.
func Serve(t testing.TB) *Server {
	t.Helper()
	s := &Server{files: map[string][]byte{}, referers: map[string][]string{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		body, ok := s.files[r.URL.Path]
		s.referers[r.URL.Path] = append(s.referers[r.URL.Path], r.Referer())
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", cmp.Or(mime.TypeByExtension(path.Ext(r.URL.Path)), http.DetectContentType(body)))
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Put serves body at path, which begins with a slash.
func (s *Server) Put(path string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[path] = body
}

// Referers gives the referrer each request for path came with, "" for
// none, in the order they came.
func (s *Server) Referers(path string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.referers[path]...)
}

// ServePage serves one page, at every path, on loopback until the test
// ends, and gives its URL.
func ServePage(t testing.TB, page string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// SaveArtifact writes what a test made, such as a screenshot, to path, or
// into a folder of the test's when path is empty, and logs where.
func SaveArtifact(t testing.TB, path, name string, b []byte) {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), name)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved %s", path)
}

// PDFFirstPage renders the first page of a PDF to PNG at dpi with
// pdftoppm, from Debian's poppler-utils.
func PDFFirstPage(t testing.TB, pdf []byte, dpi int) []byte {
	t.Helper()
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		testenv.Skip(t, "no pdftoppm: apt-get install -y poppler-utils")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pdftoppm, "-png", "-r", fmt.Sprint(dpi), "-f", "1", "-l", "1", "-singlefile", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// NPMPin gives the version package.json pins a package at.
func NPMPin(t testing.TB, pkg string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(RepoRoot(t), "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var p struct{ Dependencies map[string]string }
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p.Dependencies[pkg]
}

// Axe runs axe-core, the pinned npm package, on the tab's page and gives
// each violation of its rules (WCAG 2.x A and AA, and best practices) as
// "rule (impact): help: the elements".
func Axe(t testing.TB, tab *Tab) []string {
	t.Helper()
	// A page checked twice has it already.
	if !Eval[bool](tab, `typeof axe === "object"`) {
		path := filepath.Join(RepoRoot(t), "node_modules", "axe-core", "axe.min.js")
		src, err := os.ReadFile(path)
		if err != nil {
			skipOrFail(t, "no %s: run npm ci", path)
		}
		if _, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[bool](string(src)+";true")); err != nil {
			t.Fatalf("loading axe-core: %v", err)
		}
	}
	return Eval[[]string](tab, `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v =>
		v.id + " (" + v.impact + "): " + v.help + ": " + v.nodes.map(n => n.target.join(" ")).join(", ")))`)
}
