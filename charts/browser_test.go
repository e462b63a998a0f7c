package charts

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"timeline/internal/browsertest"
	"timeline/pipeline"
)

// Scripts the tests run in a page. goecharts_timeline is the chart that
// go-echarts creates for the fixed chart id.
const (
	// drawnTextsJS lists the texts on the chart's canvas that are drawn now.
	drawnTextsJS = `goecharts_timeline.getZr().storage.getDisplayList(true)
		.filter(el => el.style && el.style.text && !el.invisible).map(el => String(el.style.text))`
	// afterRender dispatches an action and resolves once ECharts has
	// rendered its result.
	afterRenderJS = `new Promise(resolve => {
		const c = goecharts_timeline;
		c.on("finished", function done() { c.off("finished", done); resolve(true); });
		c.dispatchAction(%s);
	})`
	// labelHaloJS gives each fact's label drawn now, in the font given
	// (13px in small mode, 12px in large mode): its text,
	// the colour and width of its ring, whether the ring is under its
	// letters, and whether it is drawn after every link.
	labelHaloJS = `(() => {
		const list = goecharts_timeline.getZr().storage.getDisplayList(true);
		const lastLink = list.map(el => el.name === "tl-link").lastIndexOf(true);
		return list.map((el, i) => [el, i]).filter(([el]) => el.style && el.style.text && el.style.font === %q && !el.invisible)
			.map(([el, i]) => [el.style.text, el.style.stroke, el.style.lineWidth, !!el.style.strokeFirst, lastLink >= 0 && i > lastLink].join(" "));
	})()`
	// linkCountJS counts the links drawn now.
	linkCountJS = `goecharts_timeline.getZr().storage.getDisplayList(true).filter(el => el.name === "tl-link").length`
	// arrowsJS gives the links drawn now, how many of them have their
	// arrowhead drawn, and the paths of arrowheads: the arrowheads' path
	// covers the point 3 pixels back from the link's end, along its curve
	// (from its control point, or its start if that is its end).
	arrowsJS = `(() => {
		const els = goecharts_timeline.getZr().storage.getDisplayList(true);
		const links = els.filter(el => el.name === "tl-link"), arrows = els.filter(el => el.name === "tl-arrows");
		const headed = links.filter(el => {
			const s = el.shape;
			let dx = s.x2 - s.cpx1, dy = s.y2 - s.cpy1;
			if (Math.hypot(dx, dy) < 1) { dx = s.x2 - s.x1; dy = s.y2 - s.y1; }
			const d = Math.hypot(dx, dy) || 1;
			return arrows.some(a => a.contain(s.x2 - dx / d * 3, s.y2 - dy / d * 3));
		});
		return [links.length, headed.length, arrows.length];
	})()`
	xExtentJS = `goecharts_timeline.getModel().getComponent("xAxis", 0).axis.scale.getExtent()`
	// showTipJS shows the tooltip of fact %d, as hovering it does.
	showTipJS = `(() => {
		const D = Timeline.data(), i = %d;
		let n = 0;
		for (let j = 0; j < i; j++) if (D.lane[j] === D.lane[i]) n++;
		goecharts_timeline.dispatchAction({type: "showTip", seriesIndex: D.lane[i], dataIndex: n});
		return new Promise(r => setTimeout(() => r(document.querySelector(".tl-tip")?.textContent ?? ""), 0));
	})()`
)

// drawnFacts returns the titles, among titles, whose labels are on the
// canvas. A label cut short to fit ends in "...".
func drawnFacts(t *testing.T, tab *browsertest.Tab, titles []string) []string {
	t.Helper()
	texts := browsertest.Eval[[]string](tab, drawnTextsJS)
	var drawn []string
	for _, title := range titles {
		for _, text := range texts {
			text = strings.TrimPrefix(strings.TrimSuffix(text, " (?)"), "c. ")
			short := strings.TrimSuffix(text, "...")
			if text == title || (short != text && len(short) >= 6 && strings.HasPrefix(title, short)) {
				drawn = append(drawn, title)
				break
			}
		}
	}
	return drawn
}

// factPoint gives the point in the page at the middle of fact i's mark.
func factPoint(tab *browsertest.Tab, i int) []float64 {
	return browsertest.Eval[[]float64](tab, fmt.Sprintf(`(() => {
		const p = Timeline.pixelOf(%d), r = goecharts_timeline.getDom().getBoundingClientRect();
		return [p[0] + r.left, p[1] + r.top];
	})()`, i))
}

func titles(facts []pipeline.Fact) []string {
	var out []string
	for _, f := range facts {
		out = append(out, f.Title)
	}
	return out
}

func serveECharts(t *testing.T) browsertest.TabOptions {
	return browsertest.TabOptions{Serve: map[string][]byte{EChartsURL: browsertest.EChartsJS(t)}}
}

func fileURL(path string) string { return browsertest.FileURL(path) }

// TestBrowserSeedPage opens the seed page the way people do: from disk,
// over http, and inside an iframe on another origin.
func TestBrowserSeedPage(t *testing.T) {
	t.Parallel()
	dir, seed := seedPages(t)
	dated := seed.Facts()[:seed.Dated()]
	if len(dated) != 5 {
		t.Fatalf("the seed has %d dated facts, want 5", len(dated))
	}
	b := browsertest.Start(t)
	outURL := browsertest.ServeDir(t, dir)

	t.Run("file", func(t *testing.T) {
		tab := b.NewTab(t, serveECharts(t))
		if got := tab.Open(seedURL(t)); got != "5" {
			t.Errorf("data-timeline-ready = %s, want 5", got)
		}
		checkSeedInteractions(t, tab, dated)
		tab.NoProblems()
	})
	t.Run("http", func(t *testing.T) {
		tab := b.NewTab(t, serveECharts(t))
		if got := tab.Open(outURL + "/stalinism.html"); got != "5" {
			t.Errorf("data-timeline-ready = %s, want 5", got)
		}
		if got := drawnFacts(t, tab, titles(seed.Facts())); !slices.Equal(got, titles(dated)) {
			t.Errorf("drawn facts = %q, want %q", got, titles(dated))
		}
		// The links run beneath the labels, and a label outside its bar
		// is ringed in the background's colour, so that a link crossing
		// it does not cross its letters.
		want := []string{
			"Stalin leads the Soviet Communis... #fff 3 true true",
			"Top-level records of Stalin and ... #fff 3 true true",
			"Stalinism: Criticism from Yugoslavia #fff 3 true true",
			"Stalinism as the Ideology of Sta... #fff 3 true true",
			"The Political Economy o... #fff 3 true true",
		}
		if got := browsertest.Eval[[]string](tab, fmt.Sprintf(labelHaloJS, "13px sans-serif")); !slices.Equal(got, want) {
			t.Errorf("labels: text, halo colour and width, under the letters, above the links:\n%q\nwant\n%q", got, want)
		}
		tab.NoProblems()
	})
	t.Run("iframe on another origin", func(t *testing.T) {
		// The lesson page is on localhost, the timeline on 127.0.0.1: two origins.
		embedURL := outURL + "/stalinism.embed.html"
		lessonURL := browsertest.ServePage(t, fmt.Sprintf(`<!DOCTYPE html><html><body><h1>Lesson</h1>
<iframe src=%q width="900" height="420" title="Timeline"></iframe>
<script>addEventListener("message", e => {
  if (e.origin === %q && e.data && e.data.type === "timeline-ready")
    document.documentElement.setAttribute("data-timeline-ready", String(e.data.facts));
});</script></body></html>`, embedURL, outURL))
		// Keep the cross-site iframe in the page's process, so that its request
		// for ECharts is answered too.
		tab := browsertest.Start(t, browsertest.SameProcessFrames).NewTab(t, serveECharts(t))
		lessonURL = strings.Replace(lessonURL, "127.0.0.1", "localhost", 1)
		if got := tab.Open(lessonURL); got != "5" {
			t.Errorf("the embedded page reported %s facts drawn, want 5", got)
		}
		shot, err := chromedp.Run(tab.Ctx, chromedp.Screenshot(chromedp.CSS("iframe")))
		if err != nil {
			t.Fatal(err)
		}
		if n := colours(t, shot); n < 8 {
			t.Errorf("the iframe shows %d colours: is the chart drawn?", n)
		}
		tab.NoProblems()
	})
}

// checkSeedInteractions hovers, zooms, hides a lane and saves a PNG.
func checkSeedInteractions(t *testing.T, tab *browsertest.Tab, dated []pipeline.Fact) {
	t.Helper()
	if got := drawnFacts(t, tab, titles(dated)); !slices.Equal(got, titles(dated)) {
		t.Errorf("drawn facts = %q, want %q", got, titles(dated))
	}
	if got := browsertest.Eval[[]int](tab, arrowsJS); !slices.Equal(got, []int{3, 3, 1}) {
		t.Errorf("links drawn, with their arrowheads, and arrowhead paths = %v, want [3 3 1]", got)
	}
	// Every label ends within the chart: the last work's, which would
	// run past its right edge, is cut there with an ellipsis.
	labels := browsertest.Eval[[]string](tab, `(() => {
		const g = goecharts_timeline.getModel().getComponent("grid", 0).coordinateSystem.getRect();
		return `+labelBoxesJS+`.map(([text, r]) => text + (r.x + r.width <= g.x + g.width + 0.5 ? "" : " (past the edge)"));
	})()`)
	if len(labels) != len(dated) {
		t.Errorf("%d labels drawn, want %d: %q", len(labels), len(dated), labels)
	}
	for _, l := range labels {
		if strings.HasSuffix(l, "(past the edge)") {
			t.Errorf("the label %q runs past the chart's right edge", l)
		}
	}
	if !slices.ContainsFunc(labels, func(l string) bool {
		return strings.HasPrefix(l, "The Political Economy") && strings.HasSuffix(l, "...")
	}) {
		t.Errorf("no label of the 2005 work cut with an ellipsis: %q", labels)
	}

	// A screenshot of the chart, and the chart's own PNG export at 2×.
	shot, err := chromedp.Run(tab.Ctx, chromedp.Screenshot(chromedp.CSS("#timeline")))
	if err != nil {
		t.Fatal(err)
	}
	savePNG(t, "seed.png", shot)
	if n := colours(t, shot); n < 8 {
		t.Errorf("the screenshot has %d colours: is the chart drawn?", n)
	}
	export := browsertest.Eval[string](tab, `goecharts_timeline.getDataURL({type: "png", pixelRatio: 2})`)
	width := browsertest.Eval[int](tab, `goecharts_timeline.getWidth()`)
	png2x := decodeDataURL(t, export)
	savePNG(t, "export.png", png2x)
	img, err := png.Decode(bytes.NewReader(png2x))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Dx(); got != 2*width {
		t.Errorf("exported PNG is %d px wide, want 2 × %d", got, width)
	}
	if n := colours(t, png2x); n < 8 {
		t.Errorf("the exported PNG has %d colours", n)
	}

	// Hover Barker's 1974 work with the mouse.
	i := slices.IndexFunc(dated, func(f pipeline.Fact) bool { return f.ID == "barker-1974" })
	xy := factPoint(tab, i)
	tab.Do(chromedp.MouseEvent(chromedp.MouseMoved, xy[0], xy[1]))
	tip, err := chromedp.Run(tab.Ctx, chromedp.Poll[string](`document.querySelector(".tl-tip")?.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Stalinism: Criticism from Yugoslavia", "March 1974", "1 Mar 1974 – 31 Mar 1974",
		"Colin Barker", "International Socialism (1st series) No. 67, March 1974, p. 32", "Stojanović", "Seed text: Barker (1974), extract"} {
		if !strings.Contains(tip, want) {
			t.Errorf("tooltip %q lacks %q", tip, want)
		}
	}

	// Zoom to the 1930s: only the periods that reach into them are drawn.
	browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "dataZoom", startValue: 1930, endValue: 1940}`))
	if got := browsertest.Eval[[]float64](tab, xExtentJS); !slices.Equal(got, []float64{1930, 1940}) {
		t.Errorf("x extent after zoom = %v, want [1930 1940]", got)
	}
	want := []string{dated[0].Title, dated[1].Title}
	if got := drawnFacts(t, tab, titles(dated)); !slices.Equal(got, want) {
		t.Errorf("drawn after zoom = %q, want %q", got, want)
	}
	browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "dataZoom", start: 0, end: 100}`))

	// Hide the historiography lane: its works and their links go.
	browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "legendUnSelect", name: "Historiography"}`))
	if got := drawnFacts(t, tab, titles(dated)); !slices.Equal(got, want) {
		t.Errorf("drawn with Historiography hidden = %q, want %q", got, want)
	}
	if got := browsertest.Eval[[]int](tab, arrowsJS); !slices.Equal(got, []int{0, 0, 0}) {
		t.Errorf("with Historiography hidden, links drawn, with their arrowheads, and arrowhead paths = %v, want [0 0 0]", got)
	}
	browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "legendSelect", name: "Historiography"}`))

}

// screenshotPath, when set, is where TestBrowserSeedPage saves the seed
// screenshot: README's picture is made this way.
var screenshotPath = os.Getenv("TIMELINE_SCREENSHOT")

func savePNG(t *testing.T, name string, b []byte) {
	t.Helper()
	path := ""
	if name == "seed.png" {
		path = screenshotPath
	}
	browsertest.SaveArtifact(t, path, name, b)
}

func decodeDataURL(t *testing.T, u string) []byte {
	t.Helper()
	const prefix = "data:image/png;base64,"
	if !strings.HasPrefix(u, prefix) {
		t.Fatalf("not a PNG data URL: %.40s", u)
	}
	b, err := base64.StdEncoding.DecodeString(u[len(prefix):])
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// colours counts the distinct colours of a PNG, up to 1000.
func colours(t *testing.T, b []byte) int {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[[4]uint32]bool{}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y && len(seen) < 1000; y += 2 {
		for x := r.Min.X; x < r.Max.X; x += 2 {
			cr, cg, cb, ca := img.At(x, y).RGBA()
			seen[[4]uint32{cr, cg, cb, ca}] = true
		}
	}
	return len(seen)
}

// zhSaveTitleJS gives the title of ECharts' toolbox button that saves an
// image, in its Chinese locale.
const zhSaveTitleJS = `(() => {
	const c = echarts.init(document.createElement("div"), null, {locale: "ZH", width: 100, height: 100});
	c.setOption({toolbox: {feature: {saveAsImage: {}}}});
	const title = c.getOption().toolbox[0].feature.saveAsImage.title;
	c.dispose();
	return title;
})()`

// TestBrowserOfflinePage loads a page with ECharts inlined while every
// request fails: it needs none.
func TestBrowserOfflinePage(t *testing.T) {
	t.Parallel()
	tl := readTimeline(t, "testdata/groups.csv")
	pageURL := browsertest.WritePage(t, "groups.html", render(t, tl, Options{EChartsJS: browsertest.EChartsJS(t)}))
	b := browsertest.Start(t)
	tab := b.NewTab(t, browsertest.TabOptions{Offline: true})
	if got, want := tab.Open(pageURL), fmt.Sprint(tl.Dated()); got != want {
		t.Errorf("data-timeline-ready = %s, want %s", got, want)
	}
	dated := titles(tl.Facts()[:tl.Dated()])
	if got := drawnFacts(t, tab, titles(tl.Facts())); !slices.Equal(got, dated) {
		t.Errorf("drawn facts = %q, want %q", got, dated)
	}
	// The inlined ECharts is written in Latin-1 (scriptText): its Chinese
	// locale reads as before.
	if got := browsertest.Eval[string](tab, zhSaveTitleJS); got != "保存为图片" {
		t.Errorf("ECharts' Chinese title of saveAsImage = %q, want 保存为图片", got)
	}
	// Approximate and uncertain dates say so in their labels.
	texts := browsertest.Eval[[]string](tab, drawnTextsJS)
	for _, want := range []string{"c. Han dynasty silk road trade", "An uncertain year (?)"} {
		if !slices.Contains(texts, want) {
			t.Errorf("no label %q among %q", want, texts)
		}
	}
	// Clicking a fact with a url opens it in a new tab.
	browsertest.Eval[bool](tab, `(window.open = (...args) => { window.__opened = args; return null; }, true)`)
	syme := slices.IndexFunc(tl.Facts(), func(f pipeline.Fact) bool { return f.ID == "syme" })
	xy := factPoint(tab, syme)
	tab.Do(chromedp.MouseClickXY(xy[0], xy[1]))
	if got := browsertest.Eval[[]string](tab, `window.__opened || []`); !slices.Equal(got, []string{"https://example.org/syme", "_blank", "noopener"}) {
		t.Errorf("clicking Syme opened %q", got)
	}
	tip := browsertest.Eval[string](tab, fmt.Sprintf(showTipJS, 2))
	if want := "Assassination of Caesar15 March 44 BC"; !strings.Contains(tip, "Assassination of Caesar") || !strings.Contains(tip, "15 Mar 44 BC") {
		t.Errorf("Caesar's tooltip %q, want %q and the range 15 Mar 44 BC", tip, want)
	}
	// Zoomed to the fixture's first century, 100 BC to AD 1, axis labels
	// read BC, at round years.
	browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "dataZoom", startValue: -99, endValue: 1}`))
	if texts := browsertest.Eval[[]string](tab, drawnTextsJS); !slices.Contains(texts, "20 BC") {
		t.Errorf("zoomed to 100 BC – AD 1, no label reads 20 BC among %q", texts)
	}
	tab.NoProblems()

	// A link to one fact works offline too: zoomed to 1939, its details shown.
	linked := b.NewTab(t, browsertest.TabOptions{Offline: true})
	linked.Open(pageURL + "#fact-syme")
	ext, err := chromedp.Run(linked.Ctx, chromedp.Poll[[]float64](`(e => e[1] - e[0] < 5 ? e : null)(`+xExtentJS+`)`))
	if err != nil || ext[0] > 1939 || ext[1] < 1940 {
		t.Errorf("#fact-syme offline shows the years %v (%v), want 1939 and a year around it", ext, err)
	}
	if tip, err := chromedp.Run(linked.Ctx, chromedp.Poll[string](`document.querySelector(".tl-tip")?.textContent`)); err != nil || !strings.Contains(tip, "The Roman Revolution") {
		t.Errorf("#fact-syme offline shows the details %q (%v)", tip, err)
	}
	linked.NoProblems()
}

// TestBrowserEmbedFollowsResize checks that the embed page fills its
// window and follows its size.
func TestBrowserEmbedFollowsResize(t *testing.T) {
	t.Parallel()
	tl := readTimeline(t, "testdata/groups.csv")
	pageURL := browsertest.WritePage(t, "groups.embed.html", render(t, tl, Options{Embed: true}))
	b := browsertest.Start(t)
	tab := b.NewTab(t, serveECharts(t))
	tab.Do(chromedp.EmulateViewport(700, 400))
	tab.Open(pageURL)
	size := `[goecharts_timeline.getWidth(), goecharts_timeline.getHeight()]`
	if got := browsertest.Eval[[]int](tab, size); !slices.Equal(got, []int{700, 400}) {
		t.Errorf("chart size = %v, want [700 400]", got)
	}
	tab.Do(chromedp.EmulateViewport(520, 300))
	got, err := chromedp.Run(tab.Ctx, chromedp.Poll[[]int](`goecharts_timeline.getWidth() === 520 && `+size))
	if err != nil || !slices.Equal(got, []int{520, 300}) {
		t.Errorf("after resize, chart size = %v (%v), want [520 300]", got, err)
	}
	tab.NoProblems()
}
