package charts

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"timeline/internal/browsertest"
	"timeline/pipeline"
)

// TestBrowserDeepTime draws one timeline from the first stone tools to
// 1953: its axis reads in millions of years ago, and it still zooms down
// to the days of March 1953.
func TestBrowserDeepTime(t *testing.T) {
	t.Parallel()
	csv := "title,date\n" +
		"First stone tools,3.3 Ma\n" +
		"Homo erectus,1.9 million years ago\n" +
		"Cave paintings of Chauvet,\"c. 36,000 BP\"\n" +
		"Jericho's walls,c. 8000 BC\n" +
		"Stalin dies,5 March 1953\n"
	tl, problems, err := pipeline.Read(strings.NewReader(csv), "deep.csv", "deep")
	if err != nil || problems.Errors() > 0 {
		t.Fatal(err, problems)
	}
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	tab.Open(browsertest.WritePage(t, "deep.html", render(t, tl, Options{})))
	texts := browsertest.Eval[[]string](tab, drawnTextsJS)
	if !slices.ContainsFunc(texts, func(s string) bool { return strings.HasSuffix(s, " million years ago") }) {
		t.Errorf("no axis label in millions of years ago among %q", texts)
	}
	if got := drawnFacts(t, tab, titles(tl.Facts())); len(got) != 5 {
		t.Errorf("drawn %q, want all 5", got)
	}
	// Down to days: the first days of March 1953.
	browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "dataZoom", startValue: 1953.15, endValue: 1953.22}`))
	if ext := browsertest.Eval[[]float64](tab, xExtentJS); ext[1]-ext[0] > 0.1 {
		t.Errorf("the zoom shows %v, not a few weeks", ext)
	}
	texts = browsertest.Eval[[]string](tab, drawnTextsJS)
	if !slices.Contains(texts, "Stalin dies") || !slices.ContainsFunc(texts, func(s string) bool { return strings.HasSuffix(s, " 1953") && strings.HasPrefix(s, "Mar") }) {
		t.Errorf("zoomed to March 1953, the chart shows %q", texts)
	}
	tab.NoProblems()

	// From the Big Bang, in German: the axis reads in billions of years ago.
	big, problems, err := pipeline.Read(strings.NewReader(csv+"Urknall,13.8 Ga\n"), "big.csv", "big")
	if err != nil || problems.Errors() > 0 {
		t.Fatal(err, problems)
	}
	tab = browsertest.Start(t).NewTab(t, serveECharts(t))
	tab.Open(browsertest.WritePage(t, "big.html", render(t, big, Options{Lang: "de"})))
	texts = browsertest.Eval[[]string](tab, drawnTextsJS)
	if !slices.ContainsFunc(texts, func(s string) bool { return strings.HasPrefix(s, "vor ") && strings.HasSuffix(s, " Milliarden Jahren") }) {
		t.Errorf("no axis label in billions of years ago among %q", texts)
	}
	// The last 40,000 years are one point at this scale: their labels may
	// hide each other, the first fact's may not.
	if got := drawnFacts(t, tab, titles(big.Facts())); !slices.Contains(got, "Urknall") {
		t.Errorf("drawn %q, without the Big Bang", got)
	}
	tab.NoProblems()
}

// TestBrowserRoundYearsBC draws Rome from 753 BC to 476: its axis is
// marked at round years as historians count them, 300 BC and not 301 BC
// (astronomical year -300 is 301 BC), each mark where that year starts,
// at full view and zoomed in, and at years AD alone as ECharts marks them.
func TestBrowserRoundYearsBC(t *testing.T) {
	t.Parallel()
	csv := "title,date\n" +
		"Founding of Rome,753 BC\n" +
		"Roman Republic,509 BC – 27 BC\n" +
		"Caesar killed,15 March 44 BC\n" +
		"Augustus,27 BC – AD 14\n" +
		"Fall of the Western Empire,476\n"
	tl, problems, err := pipeline.Read(strings.NewReader(csv), "rome.csv", "rome")
	if err != nil || problems.Errors() > 0 {
		t.Fatal(err, problems)
	}
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	tab.Open(browsertest.WritePage(t, "rome.html", render(t, tl, Options{})))
	// Each axis label with the axis value its pixel is at, to a tenth of
	// a year.
	const marksJS = `(() => {
		const c = goecharts_timeline, y = c.convertToPixel({gridIndex: 0}, [0, 0])[1];
		return c.getZr().storage.getDisplayList(true)
			.filter(el => el.style && /^\d|BC$/.test(String(el.style.text)) && !el.invisible && el.getBoundingRect)
			.filter(el => { const r = el.getBoundingRect().clone(); r.applyTransform(el.getComputedTransform()); return r.y > y; })
			.map(el => { const r = el.getBoundingRect().clone(); r.applyTransform(el.getComputedTransform());
				return el.style.text + " @ " + (Math.round(c.convertFromPixel({gridIndex: 0}, [r.x + r.width / 2, y])[0] * 10) / 10); });
	})()`
	for _, tt := range []struct {
		zoom string
		want []string
	}{
		{"", []string{"600 BC @ -599", "300 BC @ -299", "1 AD @ 1", "300 @ 300", "600 @ 600"}},
		{`{type: "dataZoom", startValue: -50, endValue: -40}`, []string{"50 BC @ -49", "48 BC @ -47", "46 BC @ -45", "44 BC @ -43", "42 BC @ -41"}},
		{`{type: "dataZoom", startValue: 1, endValue: 100}`, []string{"1 AD @ 1", "20 @ 20", "40 @ 40", "60 @ 60", "80 @ 80", "100 @ 100"}},
		{`{type: "dataZoom", start: 0, end: 100}`, []string{"600 BC @ -599", "300 BC @ -299", "1 AD @ 1", "300 @ 300", "600 @ 600"}},
	} {
		if tt.zoom != "" {
			browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, tt.zoom))
		}
		if got := browsertest.Eval[[]string](tab, marksJS); !slices.Equal(got, tt.want) {
			t.Errorf("zoom %s: axis labels %q, want %q", cmp.Or(tt.zoom, "none"), got, tt.want)
		}
	}
	tab.NoProblems()
}
