package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"

	"timeline/charts"
)

// EChartsLoader finds the pinned ECharts for an offline page: from File if
// set, else from the cache, else by downloading it once into the cache.
// Whatever the source, the bytes must have the pinned SHA-256.
type EChartsLoader struct {
	File     string       // a copy the user gives; empty to use the cache
	CacheDir string       // where downloads are kept, such as os.UserCacheDir()/timeline
	URL      string       // where to download from; empty means charts.EChartsURL
	Client   *http.Client // nil means http.DefaultClient
}

// maxEChartsSize bounds a download.
const maxEChartsSize = 16 << 20

// Load returns the pinned ECharts.
func (l EChartsLoader) Load(ctx context.Context) ([]byte, error) {
	if l.File != "" {
		b, err := os.ReadFile(l.File)
		if err != nil {
			return nil, err
		}
		if err := charts.CheckECharts(b); err != nil {
			return nil, fmt.Errorf("%s: %w", l.File, err)
		}
		return b, nil
	}
	cached := filepath.Join(l.CacheDir, "echarts-"+charts.EChartsVersion+".min.js")
	if b, err := os.ReadFile(cached); err == nil && charts.CheckECharts(b) == nil {
		return b, nil
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	b, err := l.download(ctx)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(l.CacheDir, 0o755); err != nil {
		return nil, err
	}
	return b, writeFileAtomic(cached, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}

func (l EChartsLoader) download(ctx context.Context) ([]byte, error) {
	u := cmp.Or(l.URL, charts.EChartsURL)
	client := l.Client
	if client == nil {
		client = http.DefaultClient
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("downloading ECharts: %w (give a copy with -echarts FILE)", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("downloading ECharts from %s: %s", u, resp.Status)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxEChartsSize))
	if err != nil {
		return nil, fmt.Errorf("downloading ECharts from %s: %w", u, err)
	}
	if err := charts.CheckECharts(b); err != nil {
		return nil, fmt.Errorf("downloaded from %s: %w", u, err)
	}
	return b, nil
}
