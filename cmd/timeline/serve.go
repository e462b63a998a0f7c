package main

import (
	"bytes"
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
)

const serveUsage = `Usage: timeline serve [-addr 127.0.0.1:8080] [-data DIR] [-out DIR]

Serve builds every *.csv in the data directory, serves the out directory,
and watches the data directory. When a CSV or its NAME.md changes, it builds
again and the open pages reload themselves. A page whose CSV has errors
shows them, with line and column, instead of a stale chart; the last good
output on disk stays as it was. Stop it with Ctrl-C.

Flags:
`

// eventsPath is where pages listen for rebuilds, as server-sent events.
const eventsPath = "/_timeline/events"

// debounce lets an editor finish saving before a rebuild.
const debounce = 150 * time.Millisecond

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`; keep it on loopback unless you mean to share")
	dataDir := fs.String("data", "data", "build and watch `DIR`/*.csv")
	outDir := fs.String("out", "out", "write into and serve `DIR`")
	pageOpts := pageFlags(fs)
	if err := parseFlags(fs, serveUsage, args, stdout, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "timeline serve: it takes no files: it builds %s/*.csv\n\n%s", *dataDir, serveUsage)
		return errUsage
	}
	opts, err := pageOpts(ctx, stderr)
	if err != nil {
		return err
	}
	s := &server{data: *dataDir, b: builder{outDir: *outDir, opts: opts}, log: stderr,
		files: http.FileServer(http.Dir(*outDir)), changed: make(chan struct{})}
	if err := s.rebuild(ctx); err != nil {
		return err
	}
	watcher, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer watcher.Close()
	if err := watcher.Add(*dataDir); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving %s at http://%s/ and watching %s; stop with Ctrl-C\n", *outDir, ln.Addr(), *dataDir)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	watchErr := s.watch(ctx, watcher)
	s.stop()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	if errors.Is(watchErr, context.Canceled) {
		return nil
	}
	return watchErr
}

// server serves the out directory and what the last build found.
type server struct {
	data  string
	b     builder
	log   io.Writer
	files http.Handler // serves out

	mu      sync.Mutex
	version int           // counts builds
	report  buildReport   // the last build's errors, per timeline
	changed chan struct{} // closed, and replaced, at each build
	stopped bool
}

// rebuild builds every CSV of the data directory and tells the pages.
func (s *server) rebuild(ctx context.Context) error {
	files, err := inputFiles(s.data, nil)
	if err != nil {
		fmt.Fprintln(s.log, err)
	}
	report, err := s.b.build(ctx, files, io.Discard, s.log)
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

// watch rebuilds after changes to the data directory until ctx ends.
func (s *server) watch(ctx context.Context, w *fsnotify.Watcher) error {
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ext := filepath.Ext(ev.Name); ext == ".csv" || ext == ".md" {
				timer = time.After(debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(s.log, "watching %s: %v\n", s.data, err)
		case <-timer:
			timer = nil
			if err := s.rebuild(ctx); err != nil {
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
	if r.URL.Path == eventsPath {
		s.events(w, r)
		return
	}
	name := path.Clean("/" + r.URL.Path)
	if name == "/" {
		name = "/index.html"
	}
	if !strings.HasSuffix(name, ".html") {
		s.files.ServeHTTP(w, r)
		return
	}
	version, report, _, _ := s.state()
	timeline := strings.TrimSuffix(strings.TrimSuffix(path.Base(name), ".html"), ".embed")
	if errs, bad := report[timeline]; bad {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		errorPage.Execute(w, errorPageData{Name: timeline, Errors: errs, Reload: reloadScript(version)})
		return
	}
	page, err := os.ReadFile(filepath.Join(s.b.outDir, filepath.FromSlash(name)))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	// The page reloads itself after the next build.
	at := bytes.LastIndex(page, []byte("</body>"))
	if at < 0 {
		at = len(page)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(page[:at])
	io.WriteString(w, string(reloadScript(version)))
	w.Write(page[at:])
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
