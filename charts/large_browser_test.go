package charts

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"timeline/internal/browsertest"
	"timeline/internal/synth"
)

// TestBrowserLargeTimeline opens pages of 5,000 and 100,000 synthetic
// facts, whose texts come apart (the larger's gzipped): each becomes
// ready, a zoom changes the view and brings labels, a hover shows a
// tooltip, and the table pages through every fact.
func TestBrowserLargeTimeline(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: skipping the large pages")
	}
	for _, n := range []int{5_000, 100_000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			t.Parallel()
			largeTimeline(t, n)
		})
	}
}

func largeTimeline(t *testing.T, n int) {
	tl, err := synth.Timeline(n, 1)
	if err != nil {
		t.Fatal(err)
	}
	pageURL := browsertest.WritePage(t, fmt.Sprintf("large%d.html", n), render(t, tl, Options{}))
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	if got, want := tab.Open(pageURL), fmt.Sprint(tl.Dated()); got != want {
		t.Fatalf("data-timeline-ready = %s, want %s", got, want)
	}
	// The slider traces no data shadow, whose zigzag would be the first
	// lane's rows.
	if n := browsertest.Eval[int](tab, `goecharts_timeline.getZr().storage.getDisplayList(true).filter(el => el.type === "polyline").length`); n != 0 {
		t.Errorf("%d polylines drawn, want none: the slider traces a data shadow", n)
	}
	// The lanes' marks share one canvas, beside ECharts' own: a canvas per
	// series, as ECharts gives series past 10,000 marks, made the
	// 100,000-fact page draw and composite 13.
	if got := browsertest.Eval[int](tab, `goecharts_timeline.getDom().querySelectorAll("canvas").length`); got > 2 {
		t.Errorf("the chart has %d canvases, want at most 2", got)
	}
	// Zoomed out, no labels: the page draws the density.
	labels := `goecharts_timeline.getOption().series.find(s => s.id === "labels").data.length`
	if n := browsertest.Eval[int](tab, labels); n != 0 {
		t.Errorf("%d labels at full view, want none", n)
	}
	browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "dataZoom", startValue: 1930, endValue: 1940}`))
	if got := browsertest.Eval[[]float64](tab, xExtentJS); !slices.Equal(got, []float64{1930, 1940}) {
		t.Errorf("x extent after zoom = %v, want [1930 1940]", got)
	}
	// Labels come once the window holds few enough facts: of 100,000,
	// about 280 start in a year.
	browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "dataZoom", startValue: 1930, endValue: 1931}`))
	shown, err := chromedp.Run(tab.Ctx, chromedp.Poll[int](labels))
	if err != nil || shown == 0 || shown > 400 {
		t.Errorf("%d labels after zooming to a year (%v), want 1 to 400", shown, err)
	}
	// Every label is for a mark in view: none for a point of 1929, which
	// ends where 1930 starts, and whose label would be out of sight.
	if out := browsertest.Eval[[]float64](tab, `goecharts_timeline.getOption().series.find(s => s.id === "labels").data.map(d => d[0]).filter(x => x < 1930 || x > 1931)`); len(out) > 0 {
		t.Errorf("%d labels out of view, at %v", len(out), out[:min(len(out), 5)])
	}
	want := browsertest.Eval[[]string](tab, `goecharts_timeline.getOption().series.find(s => s.id === "labels").data.map(d => Timeline.data().title[d[2]]).slice(0, 3)`)
	if drawn := drawnFacts(t, tab, want); !slices.Equal(drawn, want) {
		t.Errorf("labels drawn = %q, want %q", drawn, want)
	}
	// benchZoom, as benchmark harnesses zoom, takes times in milliseconds
	// and resolves once the view's labels are drawn.
	// 1 July 1930 is day 181 of 365; the slider keeps four decimals.
	browsertest.Eval[bool](tab, `benchZoom(Date.UTC(1930, 6, 1), Date.UTC(1931, 0, 1)).then(() => true)`)
	if got := browsertest.Eval[[]float64](tab, xExtentJS); !slices.Equal(got, []float64{1930.4959, 1931}) {
		t.Errorf("x extent after benchZoom = %v, want [1930.4959 1931]", got)
	}
	if n := browsertest.Eval[int](tab, labels); n == 0 || n > 400 {
		t.Errorf("%d labels once benchZoom resolved, want 1 to 400", n)
	}
	// The links of the facts labelled, each with its arrowhead.
	if a := browsertest.Eval[[]int](tab, arrowsJS); a[0] == 0 || a[1] != a[0] || a[2] != 1 {
		t.Errorf("%d links drawn, %d with their arrowhead, in %d arrowhead paths", a[0], a[1], a[2])
	}
	// Each label ringed, above the links.
	halos := browsertest.Eval[[]string](tab, fmt.Sprintf(labelHaloJS, "12px sans-serif"))
	if len(halos) == 0 {
		t.Error("no label drawn")
	}
	for _, h := range halos {
		if !strings.HasSuffix(h, " #fff 3 true true") {
			t.Errorf("label %q: want a ring of #fff, 3 wide, under its letters, above the links", h)
			break
		}
	}
	// A point's tooltip in large mode, at full view, where no link is
	// drawn, nor any arrowhead.
	browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "dataZoom", start: 0, end: 100}`))
	if _, err := chromedp.Run(tab.Ctx, chromedp.Poll[bool](arrowsJS+`.every(n => n === 0)`)); err != nil {
		t.Errorf("at full view, links, arrowheads and arrowhead paths = %v, want none", browsertest.Eval[[]int](tab, arrowsJS))
	}
	// Hover a point: its tooltip, or that of a point drawn on the same
	// pixels, shows.
	i := browsertest.Eval[int](tab, `Timeline.seriesFact("m-0", 0)`)
	xy := factPoint(tab, i)
	tab.Do(chromedp.MouseEvent(chromedp.MouseMoved, xy[0], xy[1]))
	tip, err := chromedp.Run(tab.Ctx, chromedp.Poll[string](`document.querySelector(".tl-tip strong")?.textContent`))
	if err != nil {
		t.Fatalf("no tooltip on hovering a point: %v", err)
	}
	near := browsertest.Eval[[]string](tab, fmt.Sprintf(`(() => {
		const D = Timeline.data(), me = Timeline.pixelOf(%d), out = [];
		for (let j = 0; j < D.s.length; j++) {
			if (D.row[j] !== D.row[%d]) continue;
			const p = Timeline.pixelOf(j);
			if (Math.abs(p[0] - me[0]) <= 4) out.push(D.title[j]);
		}
		return out;
	})()`, i, i))
	if !slices.Contains(near, tip) {
		t.Errorf("hovering fact %d shows %q, which is none of the %d facts drawn there", i, tip, len(near))
	}
	// The table: the first 100 rows in the HTML, then pages of 100 from the payload.
	rows := `document.querySelectorAll("section.facts tbody tr").length`
	if got := browsertest.Eval[int](tab, rows); got != 100 {
		t.Errorf("%d table rows, want a page of 100", got)
	}
	tab.Do(chromedp.Click(chromedp.CSS("nav.pager button:last-child")))
	// Its title, then the visible link to the fact.
	firstRow := browsertest.Eval[string](tab, `(th => th.firstChild.textContent.trim() + "|" + th.querySelector("a.permalink").getAttribute("href"))(document.querySelector("section.facts tbody th"))`)
	if want := tl.Fact(100).Title + "|#fact-" + tl.Fact(100).ID; firstRow != want {
		t.Errorf("after Next, the first row is %q, want %q", firstRow, want)
	}
	// Search pages through its matches in the table, and marks them.
	last := fmt.Sprintf("fact %d", n-7)
	tab.Do(chromedp.SendKeys(chromedp.CSS("#tl-search"), last+"\n"))
	if _, err := chromedp.Run(tab.Ctx, chromedp.Poll[bool](`document.getElementById("tl-search-status").textContent === "1 match"`)); err != nil {
		t.Errorf("search status %q, want 1 match", browsertest.Eval[string](tab, `document.getElementById("tl-search-status").textContent`))
	}
	got := browsertest.Eval[[]string](tab, `[...document.querySelectorAll("section.facts tbody th")].map(th => th.firstChild.textContent.trim())`)
	if len(got) != 1 || !strings.HasSuffix(got[0], " of "+last) {
		t.Errorf("table after search = %q", got)
	}
	if n := browsertest.Eval[int](tab, `goecharts_timeline.getOption().series.find(s => s.id === "search").data.length`); n != 1 {
		t.Errorf("%d search marks, want 1", n)
	}
	tab.NoProblems()
	if n > compressedFacts {
		oldBrowser(t, pageURL, n)
	}
}

// oldBrowser opens a page whose payload is gzipped in a browser without
// DecompressionStream, as browsers before 2023 are: the page says why it
// draws no chart, in words a person sees, and the table keeps its first
// rows, which its note says are all it shows of the n facts.
func oldBrowser(t *testing.T, pageURL string, n int) {
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	if _, err := chromedp.Call(tab.Ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: "delete window.DecompressionStream"}); err != nil {
		t.Fatal(err)
	}
	tab.Do(chromedp.Navigate(pageURL))
	shown := `(p => p && !p.hidden && p.getBoundingClientRect().height > 0 && getComputedStyle(p).visibility === "visible")(document.querySelector(".old-browser"))`
	if _, err := chromedp.Run(tab.Ctx, chromedp.Poll[bool](shown)); err != nil {
		t.Fatalf("without DecompressionStream, the page does not show why it draws no chart: %v; problems: %q", err, tab.Problems())
	}
	want := english().Word("OldBrowser")
	if got := browsertest.Eval[string](tab, `document.querySelector(".old-browser").textContent`); got != want {
		t.Errorf("the old browser's note says %q, want %q", got, want)
	}
	if got := browsertest.Eval[int](tab, `document.querySelectorAll("section.facts tbody tr").length`); got != 100 {
		t.Errorf("%d table rows in an old browser, want the first 100", got)
	}
	want = english().Text("TableShows", map[string]any{"First": 1, "Last": 100, "Count": n})
	if got := browsertest.Eval[string](tab, `document.querySelector("section.facts .paged-note").textContent`); got != want {
		t.Errorf("the table's note in an old browser says %q, want %q", got, want)
	}
	if browsertest.Eval[bool](tab, `document.documentElement.hasAttribute("data-timeline-ready")`) {
		t.Error("the page says it is ready, with no chart drawn")
	}
	if h := browsertest.Eval[float64](tab, `goecharts_timeline.getDom().getBoundingClientRect().height`); h != 0 {
		t.Errorf("the empty chart takes %v px in an old browser, want none", h)
	}
	tab.NoProblems()
}
