package charts

import (
	"bytes"
	"fmt"
	"testing"

	"timeline/internal/browsertest"
	"timeline/internal/synth"
	"timeline/pipeline"
)

// BenchmarkBrowser measures, in headless Chromium, the time from
// navigation to the first full render (ms/ready) and of one dataZoom to a
// ten-year window until ECharts has rendered it (ms/zoom), for synthetic
// pages of 1,000 to 100,000 facts; and, in the same run, from the same
// facts, the same for referencePage, a hand-tuned ECharts page (ref-ms/...),
// with the ratios of ours to it (x-ready, x-zoom, x-bytes). It also reports
// the page's size against its normalised CSV's. Run it with:
//
//	go test ./charts -run '^$' -bench Browser -benchtime 3x
//
// zoomTimeJS zooms the chart to 1930–1940 and gives the time until the
// last render the zoom causes: a large page draws again once its script
// has updated the window (labels, links), as pagebench's harness counts.
// It waits for a quiet of three frames and 100 ms after a render.
const zoomTimeJS = `new Promise(resolve => {
	const c = goecharts_timeline, t0 = performance.now();
	let last = t0, quiet = 0;
	const done = () => { last = performance.now(); quiet = 0; };
	c.on("finished", done);
	c.dispatchAction({type: "dataZoom", startValue: 1930, endValue: 1940});
	(function frame() {
		requestAnimationFrame(() => {
			if (++quiet >= 3 && performance.now() - last > 100) { c.off("finished", done); resolve(last - t0); } else { frame(); }
		});
	})();
})`

func BenchmarkBrowser(b *testing.B) {
	browser := browsertest.Start(b)
	opts := serveEChartsB(b)
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			t, err := synth.Timeline(n, 1)
			if err != nil {
				b.Fatal(err)
			}
			var page, normalised bytes.Buffer
			if err := WritePage(&page, t, Options{}); err != nil {
				b.Fatal(err)
			}
			if err := pipeline.WriteCSV(&normalised, t); err != nil {
				b.Fatal(err)
			}
			pageURL := browsertest.WritePage(b, "bench.html", page.Bytes())
			ref := referencePage(b, t)
			refURL := browsertest.WritePage(b, "reference.html", ref)
			var ready, zoom, refReady, refZoom float64
			measure := func(u string) (float64, float64) {
				tab := browser.NewTab(b, opts)
				tab.Open(u)
				r := browsertest.Eval[float64](tab, `performance.getEntriesByName("timeline-ready")[0].startTime`)
				z := browsertest.Eval[float64](tab, zoomTimeJS)
				tab.NoProblems()
				return r, z
			}
			for b.Loop() {
				// One after the other, in one run.
				r, z := measure(pageURL)
				ready, zoom = ready+r, zoom+z
				r, z = measure(refURL)
				refReady, refZoom = refReady+r, refZoom+z
			}
			n := float64(b.N)
			b.ReportMetric(ready/n, "ms/ready")
			b.ReportMetric(zoom/n, "ms/zoom")
			b.ReportMetric(refReady/n, "ref-ms/ready")
			b.ReportMetric(refZoom/n, "ref-ms/zoom")
			b.ReportMetric(ready/refReady, "x-ready")
			b.ReportMetric(zoom/refZoom, "x-zoom")
			b.ReportMetric(float64(page.Len())/float64(len(ref)), "x-bytes")
			b.ReportMetric(0, "ns/op")
			// Page bytes without ECharts, which is loaded, against the CSV's.
			b.ReportMetric(float64(page.Len())/float64(normalised.Len()), "page/csv")
		})
	}
}

func serveEChartsB(b *testing.B) browsertest.TabOptions {
	return browsertest.TabOptions{Serve: map[string][]byte{EChartsURL: browsertest.EChartsJS(b)}}
}

// BenchmarkBrowserPresentStep measures presenter mode's step at 10,000
// facts: from the key that moves on to the last render it causes (the
// zoom, the marks, the labels of large mode), as the mean and the
// slowest of 30 steps (ms/step, ms/slowest). Run it with:
//
//	go test ./charts -run '^$' -bench BrowserPresentStep -benchtime 1x
func BenchmarkBrowserPresentStep(b *testing.B) {
	t, err := synth.Timeline(10_000, 1)
	if err != nil {
		b.Fatal(err)
	}
	var page bytes.Buffer
	if err := WritePage(&page, t, Options{}); err != nil {
		b.Fatal(err)
	}
	pageURL := browsertest.WritePage(b, "bench.html", page.Bytes())
	browser := browsertest.Start(b)
	var sum, slowest float64
	steps := 0
	for b.Loop() {
		tab := browser.NewTab(b, serveEChartsB(b))
		tab.Open(pageURL + "#present")
		for range 30 {
			ms := browsertest.Eval[float64](tab, `new Promise(resolve => {
				const c = goecharts_timeline, t0 = performance.now();
				let last = 0, seen = -1, quiet = 0;
				const finished = () => { last = performance.now(); };
				c.on("finished", finished);
				document.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowRight", bubbles: true}));
				(function frame() {
					requestAnimationFrame(() => {
						if (last === seen) { quiet++; } else { quiet = 0; seen = last; }
						if (last && quiet >= 2) { c.off("finished", finished); resolve(last - t0); } else { frame(); }
					});
				})();
			})`)
			sum += ms
			slowest = max(slowest, ms)
			steps++
		}
		tab.NoProblems()
	}
	b.ReportMetric(sum/float64(steps), "ms/step")
	b.ReportMetric(slowest, "ms/slowest")
	b.ReportMetric(0, "ns/op")
}
