package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"timeline/charts"
	"timeline/internal/browsertest"
)

func TestEChartsLoader(t *testing.T) {
	js := browsertest.EChartsJS(t)
	var hits atomic.Int32
	serve := func(body []byte) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			w.Write(body)
		}))
	}
	good, tampered := serve(js), serve(append([]byte("alert(1);"), js...))
	defer good.Close()
	defer tampered.Close()
	ctx := context.Background()

	t.Run("download once, then from the cache", func(t *testing.T) {
		hits.Store(0)
		l := EChartsLoader{CacheDir: t.TempDir(), URL: good.URL}
		for range 2 {
			b, err := l.Load(ctx)
			if err != nil || string(b) != string(js) {
				t.Fatalf("Load = %d bytes, %v", len(b), err)
			}
		}
		if hits.Load() != 1 {
			t.Errorf("downloaded %d times, want 1", hits.Load())
		}
	})
	t.Run("a tampered download is refused and not cached", func(t *testing.T) {
		dir := t.TempDir()
		l := EChartsLoader{CacheDir: dir, URL: tampered.URL}
		_, err := l.Load(ctx)
		if !errors.Is(err, charts.ErrEChartsChecksum) || !strings.Contains(err.Error(), "refusing it") {
			t.Fatalf("Load error = %v, want a refusal", err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("the cache holds %d files after a refused download", len(entries))
		}
	})
	t.Run("a corrupt cache is replaced", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "echarts-"+charts.EChartsVersion+".min.js"), []byte("corrupt"), 0o644)
		b, err := EChartsLoader{CacheDir: dir, URL: good.URL}.Load(ctx)
		if err != nil || string(b) != string(js) {
			t.Fatalf("Load = %d bytes, %v", len(b), err)
		}
	})
	t.Run("a given file must be the pinned release", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "other.js")
		os.WriteFile(path, []byte("window.echarts = {}"), 0o644)
		if _, err := (EChartsLoader{File: path}).Load(ctx); !errors.Is(err, charts.ErrEChartsChecksum) {
			t.Errorf("Load error = %v, want a refusal", err)
		}
	})
	t.Run("no network", func(t *testing.T) {
		_, err := EChartsLoader{CacheDir: t.TempDir(), URL: "http://127.0.0.1:1/echarts.js"}.Load(ctx)
		if err == nil || !strings.Contains(err.Error(), "-echarts FILE") {
			t.Errorf("Load error = %v, want one that names -echarts FILE", err)
		}
	})
}
