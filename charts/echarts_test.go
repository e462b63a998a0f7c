package charts

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"timeline/internal/browsertest"
)

// TestPinnedECharts checks that the pins agree with the npm package the
// tests use: the SHA-256 and the Subresource Integrity hash.
func TestPinnedECharts(t *testing.T) {
	js := browsertest.EChartsJS(t)
	sum := sha256.Sum256(js)
	if got := hex.EncodeToString(sum[:]); got != EChartsSHA256 {
		t.Errorf("node_modules ECharts SHA-256 = %s, want %s", got, EChartsSHA256)
	}
	sri := sha512.Sum384(js)
	if got := "sha384-" + base64.StdEncoding.EncodeToString(sri[:]); got != EChartsIntegrity {
		t.Errorf("node_modules ECharts integrity = %s, want %s", got, EChartsIntegrity)
	}
	pkg, err := os.ReadFile(filepath.Join(browsertest.RepoRoot(t), "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(pkg), `"echarts": "`+EChartsVersion+`"`) {
		t.Errorf("package.json does not pin echarts %s", EChartsVersion)
	}
}

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
		if err == nil || !strings.Contains(err.Error(), "refusing it") {
			t.Fatalf("Load error = %v, want a refusal", err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("the cache holds %d files after a refused download", len(entries))
		}
	})
	t.Run("a corrupt cache is replaced", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "echarts-"+EChartsVersion+".min.js"), []byte("corrupt"), 0o644)
		b, err := EChartsLoader{CacheDir: dir, URL: good.URL}.Load(ctx)
		if err != nil || string(b) != string(js) {
			t.Fatalf("Load = %d bytes, %v", len(b), err)
		}
	})
	t.Run("a given file must be the pinned release", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "other.js")
		os.WriteFile(path, []byte("window.echarts = {}"), 0o644)
		if _, err := (EChartsLoader{File: path}).Load(ctx); err == nil || !strings.Contains(err.Error(), "refusing it") {
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
