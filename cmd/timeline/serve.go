package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"timeline/internal/outset"
)

const serveUsage = `Usage: timeline serve [-addr 127.0.0.1:8080] [-data DIR] [-out DIR]

Serve builds every *.csv and *.xlsx in the data directory, serves the out directory,
and watches the data directory. When a CSV or its NAME.md changes, it builds
again and the open pages reload themselves. A page whose CSV has errors
shows them, with line and column, instead of a stale chart; the last good
output on disk stays as it was. Stop it with Ctrl-C.

It refuses to start where build would refuse to write (an out directory
that is the data directory, or two inputs writing one output), and no
build can write into the out directory while it runs. On a loopback
address it answers only requests for a loopback name (localhost,
127.0.0.1, [::1]), so that no web page can read the pages through another
name. Hidden files, folders and links that lead out of the out directory
are never served.

Flags:
`

// eventsPath is where pages listen for rebuilds, as server-sent events.
const eventsPath = "/_timeline/events"

// debounce lets an editor finish saving before a rebuild.
const debounce = 150 * time.Millisecond

// writeStall is how long a response may wait for its client to take more
// of it before the connection is dropped.
const writeStall = 30 * time.Second

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`; keep it on loopback unless you mean to share")
	dataDir := fs.String("data", "data", "build and watch `DIR`/*.csv and *.xlsx")
	outDir := fs.String("out", "out", "write into and serve `DIR`")
	wait := fs.Duration("wait", defaultLockWait, "wait this `long` for another build writing into the same out directory")
	pageOpts := pageFlags(fs)
	if err := parseFlags(fs, serveUsage, args, stdout, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "timeline serve: it takes no files: it builds %s/*.csv and *.xlsx\n\n%s", *dataDir, serveUsage)
		return errUsage
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "timeline serve: -addr %s: %v\n", *addr, err)
		return errUsage
	}
	if err := outset.SameDir(*outDir, *dataDir); err != nil {
		fmt.Fprintf(stderr, "timeline serve: %v\n", err)
		return errUsage
	}
	opts, err := pageOpts(ctx, stderr)
	if err != nil {
		return err
	}
	s := &server{data: *dataDir, b: builder{outDir: *outDir, opts: opts, from: sourceOf(*dataDir, nil), crashAfter: -1},
		log: stderr, loopbackOnly: isLoopback(host), stall: writeStall, changed: make(chan struct{})}
	// Refuse at start what build would refuse.
	files, _ := inputFiles(*dataDir, nil)
	if _, err := s.b.plan(files, stderr); err != nil {
		return err
	}
	lock, err := outset.Acquire(ctx, *outDir, *wait)
	if err != nil {
		return err
	}
	defer lock.Release()
	if err := s.rebuild(ctx); err != nil {
		return err
	}
	if s.root, err = os.OpenRoot(*outDir); err != nil {
		return err
	}
	defer s.root.Close()
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer watcher.Close()
	if err := s.watchDirs(watcher); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	var unused unusedConns
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, IdleTimeout: 60 * time.Second, ConnState: unused.track}
	if !s.loopbackOnly {
		fmt.Fprintf(stderr, "warning: %s is not a loopback address: every device on the network can see these pages\n", *addr)
	}
	fmt.Fprintf(stdout, "serving %s at http://%s/ and watching %s; stop with Ctrl-C\n", *outDir, ln.Addr(), *dataDir)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	watchErr := s.watch(ctx, watcher)
	s.stop()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	go unused.closeUntil(shutdown)
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close() // clients that do not take their responses
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if errors.Is(watchErr, context.Canceled) {
		return nil
	}
	return watchErr
}

// unusedConns are the connections no request has come on yet. A browser
// opens them ahead of need, and http.Server.Shutdown waits 5 s before it
// counts one as idle: Ctrl-C took 5 s while a page was open.
type unusedConns struct {
	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

// track is the server's ConnState hook.
func (u *unusedConns) track(c net.Conn, state http.ConnState) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.conns == nil {
		u.conns = make(map[net.Conn]struct{})
	}
	if state == http.StateNew {
		u.conns[c] = struct{}{}
	} else {
		delete(u.conns, c)
	}
}

// closeUntil closes the unused connections, and those still to come,
// while the server shuts down, until ctx ends.
func (u *unusedConns) closeUntil(ctx context.Context) {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		u.mu.Lock()
		for c := range u.conns {
			c.Close()
			delete(u.conns, c)
		}
		u.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// isLoopback reports whether a host name or address is this machine alone.
func isLoopback(host string) bool {
	host = strings.TrimSuffix(strings.TrimPrefix(strings.ToLower(host), "["), "]")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// server serves the out directory and what the last build found.
type server struct {
	data         string
	b            builder
	log          io.Writer
	root         *os.Root      // the out directory: nothing outside it is served
	stall        time.Duration // how long a response may wait for its client: writeStall
	loopbackOnly bool          // answer only requests for a loopback name

	mu      sync.Mutex
	version int           // counts builds
	report  buildReport   // the last build's errors, per timeline
	changed chan struct{} // closed, and replaced, at each build
	stopped bool
}

// rebuild builds every CSV of the data directory and tells the pages. The
// caller holds the out directory's lock.
func (s *server) rebuild(ctx context.Context) error {
	files, err := inputFiles(s.data, nil)
	if err != nil {
		fmt.Fprintln(s.log, err)
	}
	plan, err := s.b.plan(files, s.log)
	if err != nil {
		return nil // printed: the last build's files stay
	}
	report, err := s.b.build(ctx, plan, io.Discard, s.log)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.version++
	s.report = report
	close(s.changed)
	s.changed = make(chan struct{})
	return nil
}

// watchDirs watches the data directory and the one it is in, so that a
// data directory deleted and made again is watched again.
func (s *server) watchDirs(w *fsnotify.Watcher) error {
	abs, err := filepath.Abs(s.data)
	if err != nil {
		return err
	}
	if err := w.Add(filepath.Dir(abs)); err != nil {
		return err
	}
	return w.Add(abs)
}

// watch rebuilds after changes to the data directory until ctx ends.
func (s *server) watch(ctx context.Context, w *fsnotify.Watcher) error {
	data, err := filepath.Abs(s.data)
	if err != nil {
		return err
	}
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			name, _ := filepath.Abs(ev.Name)
			switch {
			case name == data:
				if ev.Has(fsnotify.Create) {
					if err := w.Add(data); err != nil {
						fmt.Fprintf(s.log, "watching %s: %v\n", s.data, err)
					}
				}
				timer = time.After(debounce)
			case filepath.Dir(name) != data:
				// Something else beside the data directory.
			case isInput(name) || strings.EqualFold(filepath.Ext(name), ".md"):
				timer = time.After(debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(s.log, "watching %s: %v\n", s.data, err)
		case <-timer:
			timer = nil
			if err := s.rebuild(ctx); err != nil && ctx.Err() == nil {
				fmt.Fprintf(s.log, "build: %v\n", err)
			}
		}
	}
}

// stop ends the pages' event streams.
func (s *server) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopped = true
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *server) state() (version int, report buildReport, changed chan struct{}, stopped bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.version, s.report, s.changed, s.stopped
}

// ServeHTTP serves the event stream, the pages (each with its reload
// script, or its errors in place of it) and the other files of out.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.loopbackOnly && !isLoopback(hostOnly(r.Host)) {
		http.Error(w, "this server answers only to localhost", http.StatusMisdirectedRequest)
		return
	}
	if r.URL.Path == eventsPath {
		s.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	name := path.Clean("/" + r.URL.Path)
	if name == "/" {
		name = "/index.html"
	}
	name = name[1:]
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			http.NotFound(w, r) // the lock, staged files, anything hidden
			return
		}
	}
	version, report, _, _ := s.state()
	isPage := strings.HasSuffix(name, ".html")
	if isPage {
		timeline := strings.TrimSuffix(strings.TrimSuffix(path.Base(name), ".html"), ".embed")
		if errs, bad := report[timeline]; bad {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			errorPage.Execute(w, errorPageData{Name: timeline, Errors: errs, Reload: reloadScript(version)})
			return
		}
	}
	// The root refuses links that lead out of the out directory.
	f, err := s.root.Open(filepath.FromSlash(name))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		http.NotFound(w, r) // no directory listings
		return
	}
	sw := stallWriter{w, http.NewResponseController(w), s.stall}
	if !isPage {
		http.ServeContent(sw, r, name, st.ModTime(), f)
		return
	}
	// The page is streamed, and reloads itself after the next build: the
	// script after its end is run as part of its body.
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if r.Method == http.MethodHead {
		return
	}
	if _, err := io.Copy(sw, f); err != nil {
		return
	}
	io.WriteString(sw, string(reloadScript(version)))
}

// hostOnly gives the host of a Host header, without its port.
func hostOnly(hostport string) string {
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		return host
	}
	return hostport
}

// stallWriter drops a client that takes no part of a response for stall:
// each write must finish by then.
type stallWriter struct {
	http.ResponseWriter
	rc    *http.ResponseController
	stall time.Duration
}

func (s stallWriter) Write(p []byte) (int, error) {
	s.rc.SetWriteDeadline(time.Now().Add(s.stall))
	return s.ResponseWriter.Write(p)
}

// events streams the build version to a page, at once and after each build.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	for {
		version, _, changed, stopped := s.state()
		if stopped {
			return
		}
		fmt.Fprintf(w, "event: version\ndata: %d\n\n", version)
		flusher.Flush()
		select {
		case <-r.Context().Done():
			return
		case <-changed:
		}
	}
}

// reloadScript reloads a page served at a build version once a later build
// is done.
func reloadScript(version int) template.HTML {
	return template.HTML(`<script>(function () {
  var served = "` + strconv.Itoa(version) + `";
  var events = new EventSource("` + eventsPath + `");
  events.addEventListener("version", function (e) { if (e.data !== served) { events.close(); location.reload(); } });
})();</script>
`)
}

type errorPageData struct {
	Name   string
	Errors []string
	Reload template.HTML
}

var errorPage = template.Must(template.New("errors").Parse(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{.Name}}: errors</title><link rel="icon" href="data:,">
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; } code { font-size: 0.95rem; } li { margin: 0.3rem 0; }</style>
</head>
<body>
<h1>{{.Name}} has errors</h1>
<p>Fix them in the CSV and save: this page will show the timeline again. The last good page stays in the output directory until then.</p>
<ul class="errors">
{{- range .Errors}}
<li><code>{{.}}</code></li>
{{- end}}
</ul>
{{.Reload}}</body>
</html>
`))
