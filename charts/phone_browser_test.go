package charts

import (
	"fmt"
	"os"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"timeline/internal/browsertest"
	"timeline/internal/synth"
)

// phone makes a tab a phone: 390 × 844 CSS pixels, touch.
func phone(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	if _, err := chromedp.Call(tab.Ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 390, Height: 844, DeviceScaleFactor: 3, Mobile: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tab.Ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{Enabled: true, MaxTouchPoints: 5}); err != nil {
		t.Fatal(err)
	}
}

// prefersColorScheme makes a tab's system ask for "light" or "dark" pages.
func prefersColorScheme(t *testing.T, tab *browsertest.Tab, scheme string) {
	t.Helper()
	if _, err := chromedp.Call(tab.Ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		t.Fatal(err)
	}
}

// labelBoxesJS gives the facts' labels drawn now: each its text, whole or
// cut with "...", and its box in the chart's pixels.
const labelBoxesJS = `(() => {
	const D = Timeline.data();
	const labels = D.title.map((t, i) => ((D.fl[i] & D.k.approx) ? "c. " : "") + t);
	const isLabel = s => labels.some(l => l === s || (s.endsWith("...") && s.length > 6 && l.startsWith(s.slice(0, -3))));
	return goecharts_timeline.getZr().storage.getDisplayList(true)
		.filter(el => el.style && el.style.text && !el.invisible && !el.ignore && isLabel(String(el.style.text)))
		.map(el => { const r = el.getBoundingRect().clone(); if (el.transform) r.applyTransform(el.transform); return [String(el.style.text), r]; });
})()`

// overlapsJS gives each pair of the facts' labels drawn now whose boxes
// overlap, and how many labels are drawn.
const overlapsJS = `(() => {
	const boxes = ` + labelBoxesJS + `;
	const out = [];
	for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) {
		const p = boxes[a][1], q = boxes[b][1];
		const w = Math.min(p.x + p.width, q.x + q.width) - Math.max(p.x, q.x), h = Math.min(p.y + p.height, q.y + q.height) - Math.max(p.y, q.y);
		if (w > 1 && h > 1) out.push(boxes[a][0] + " / " + boxes[b][0]);
	}
	return {overlaps: out, drawn: boxes.length};
})()`

type overlapReport struct {
	Overlaps []string
	Drawn    int
}

// settledLabels reports the labels once the chart has laid them out: two
// frames after its last render.
func settledLabels(t *testing.T, tab *browsertest.Tab) overlapReport {
	t.Helper()
	browsertest.Eval[bool](tab, `new Promise(resolve => {
		const c = goecharts_timeline;
		let last = performance.now(), quiet = 0;
		const finished = () => { last = performance.now(); quiet = 0; };
		c.on("finished", finished);
		(function frame() {
			requestAnimationFrame(() => {
				if (++quiet >= 3 && performance.now() - last > 50) { c.off("finished", finished); resolve(true); } else { frame(); }
			});
		})();
	})`)
	return browsertest.Eval[overlapReport](tab, overlapsJS)
}

// sidewaysJS gives the page's width against the window's.
const sidewaysJS = `[document.documentElement.scrollWidth, window.innerWidth]`

// legendToolboxJS gives the horizontal extents, in pixels, of what the
// legend and the toolbox draw: the legend's items as far as its scrolling
// box shows them, and its pager.
const legendToolboxJS = `(() => {
	const c = goecharts_timeline;
	const view = type => c.getViewOfComponentModel(c.getModel().getComponent(type));
	const rect = el => { const r = el.getBoundingRect().clone(), m = el.getComputedTransform(); if (m) r.applyTransform(m); return r; };
	const extent = group => {
		let lo = Infinity, hi = -Infinity;
		group.traverse(el => {
			if (el.isGroup || el.invisible || el.ignore) return;
			const r = rect(el);
			let x0 = r.x, x1 = r.x + r.width;
			for (let p = el; p; p = p.parent) {
				const clip = p.getClipPath && p.getClipPath();
				if (clip) { const cr = rect(clip); x0 = Math.max(x0, cr.x); x1 = Math.min(x1, cr.x + cr.width); }
			}
			if (x1 > x0) { lo = Math.min(lo, x0); hi = Math.max(hi, x1); }
		});
		return [lo, hi];
	};
	return [extent(view("legend").group), extent(view("toolbox").group)];
})()`

// legendClearOfToolbox fails t when the legend of the page in tab runs
// into the toolbox at the chart's top right.
func legendClearOfToolbox(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	x := browsertest.Eval[[2][2]float64](tab, legendToolboxJS)
	if legend, toolbox := x[0], x[1]; legend[1] > toolbox[0] || legend[0] >= legend[1] {
		t.Errorf("the legend spans %v pixels and the toolbox %v: they overlap", legend, toolbox)
	}
}

// TestBrowserPhone opens the seed page and a crowded one on a phone: no
// sideways scrolling, no label over another, the controls within the
// screen, the table as one card per fact, and a pinch and a drag that
// zoom and pan.
func TestBrowserPhone(t *testing.T) {
	t.Parallel()
	b := browsertest.Start(t)
	tab := b.NewTab(t, serveECharts(t))
	phone(t, tab)
	tab.Open(seedURL(t))
	if w := browsertest.Eval[[]int](tab, sidewaysJS); w[0] > w[1] {
		t.Errorf("the page is %d px wide in a %d px window: it scrolls sideways", w[0], w[1])
	}
	if r := settledLabels(t, tab); len(r.Overlaps) > 0 || r.Drawn == 0 {
		t.Errorf("%d labels drawn; overlapping: %q", r.Drawn, r.Overlaps)
	}
	outside := browsertest.Eval[[]string](tab, `[...document.querySelectorAll("#tl-controls button, #tl-controls input, #tl-controls label")]
		.filter(el => { const r = el.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth; }).map(el => el.id || el.textContent)`)
	if len(outside) > 0 {
		t.Errorf("controls past the screen's edge: %q", outside)
	}
	cards := browsertest.Eval[[]string](tab, `[...document.querySelectorAll("section.facts tbody tr")].map(tr => {
		const r = tr.getBoundingClientRect(), first = [...tr.children].filter(c => c.getClientRects().length).sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
		return getComputedStyle(tr).display + " " + (r.right <= window.innerWidth ? "fits" : "too wide") + " " + first.tagName;
	})`)
	if len(cards) != 9 {
		t.Errorf("%d cards, want 9", len(cards))
	}
	for i, c := range cards {
		if c != "flex fits TH" {
			t.Errorf("card %d: %s, want a flex box that fits, its title first", i+1, c)
		}
	}
	shot, err := chromedp.Run(tab.Ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	browsertest.SaveArtifact(t, os.Getenv("TIMELINE_PHONE_SCREENSHOT"), "phone.png", shot)

	// A pinch on the chart zooms in; a drag pans.
	before := browsertest.Eval[[]float64](tab, xExtentJS)
	mid := browsertest.Eval[[]float64](tab, `(() => { const r = goecharts_timeline.getDom().getBoundingClientRect(), g = goecharts_timeline.getModel().getComponent("grid", 0).coordinateSystem.getRect(); return [r.left + g.x + g.width / 2, r.top + g.y + g.height / 2]; })()`)
	touch := func(typ input.DispatchTouchEventType, points ...[2]float64) {
		t.Helper()
		tp := []*input.TouchPoint{}
		for k, p := range points {
			id := float64(k)
			tp = append(tp, &input.TouchPoint{X: p[0], Y: p[1], ID: &id})
		}
		if _, err := chromedp.Call(tab.Ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: tp}); err != nil {
			t.Fatal(err)
		}
	}
	x, y := mid[0], mid[1]
	touch(input.DispatchTouchEventTypeTouchStart, [2]float64{x - 20, y}, [2]float64{x + 20, y})
	for d := 30.0; d <= 120; d += 15 {
		touch(input.DispatchTouchEventTypeTouchMove, [2]float64{x - d, y}, [2]float64{x + d, y})
	}
	touch(input.DispatchTouchEventTypeTouchEnd)
	pinched, err := chromedp.Run(tab.Ctx, chromedp.Poll[[]float64](fmt.Sprintf(`(e => e[1] - e[0] < %f ? e : null)(%s)`, (before[1]-before[0])*0.8, xExtentJS)))
	if err != nil {
		t.Fatalf("a pinch did not zoom in: the view is %v, as before", browsertest.Eval[[]float64](tab, xExtentJS))
	}
	touch(input.DispatchTouchEventTypeTouchStart, [2]float64{x, y})
	for d := 10.0; d <= 100; d += 10 {
		touch(input.DispatchTouchEventTypeTouchMove, [2]float64{x + d, y})
	}
	touch(input.DispatchTouchEventTypeTouchEnd)
	if _, err := chromedp.Run(tab.Ctx, chromedp.Poll[[]float64](fmt.Sprintf(`(e => e[0] < %f - 0.5 ? e : null)(%s)`, pinched[0], xExtentJS))); err != nil {
		t.Errorf("a drag right did not pan to earlier years: the view is %v, was %v", browsertest.Eval[[]float64](tab, xExtentJS), pinched)
	}
	if r := settledLabels(t, tab); len(r.Overlaps) > 0 {
		t.Errorf("after zooming, labels overlap: %q", r.Overlaps)
	}
	tab.NoProblems()

	// A crowded timeline: 300 facts, many labels in each row.
	tl, err := synth.Timeline(300, 1)
	if err != nil {
		t.Fatal(err)
	}
	crowded := b.NewTab(t, serveECharts(t))
	phone(t, crowded)
	crowded.Open(browsertest.WritePage(t, "crowded.html", render(t, tl, Options{})))
	if w := browsertest.Eval[[]int](crowded, sidewaysJS); w[0] > w[1] {
		t.Errorf("the crowded page is %d px wide in a %d px window", w[0], w[1])
	}
	if r := settledLabels(t, crowded); len(r.Overlaps) > 0 || r.Drawn == 0 {
		t.Errorf("crowded: %d labels drawn; overlapping: %q", r.Drawn, r.Overlaps)
	}
	// Its six lanes' legend scrolls short of the toolbox.
	legendClearOfToolbox(t, crowded)
	crowded.NoProblems()
}

// TestBrowserCrowdedDesktop opens 1,000 synthetic facts, drawn one by one
// with their labels, on a desktop: at full view and zoomed to a decade, no
// label runs into another and some are drawn; zoomed, every link drawn
// has its work or what it studies in view.
func TestBrowserCrowdedDesktop(t *testing.T) {
	t.Parallel()
	tl, err := synth.Timeline(1_000, 1)
	if err != nil {
		t.Fatal(err)
	}
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	tab.Open(browsertest.WritePage(t, "crowded.html", render(t, tl, Options{})))
	legendClearOfToolbox(t, tab)
	// Its rows would make it 960 pixels high: it fits the window, with 2rem
	// to spare, slider and all.
	if got := browsertest.Eval[[]int](tab, `[innerHeight, goecharts_timeline.getHeight()]`); got[1] != got[0]-32 {
		t.Errorf("the chart is %d pixels high in a window of %d, want %d", got[1], got[0], got[0]-32)
	}
	if r := settledLabels(t, tab); len(r.Overlaps) > 0 || r.Drawn < 20 {
		t.Errorf("full view: %d labels drawn; %d pairs overlap, such as %q", r.Drawn, len(r.Overlaps), r.Overlaps[:min(3, len(r.Overlaps))])
	}
	if a := browsertest.Eval[[]int](tab, arrowsJS); a[0] == 0 || a[1] != a[0] || a[2] != 1 {
		t.Errorf("full view: %d links drawn, %d with their arrowhead, in %d arrowhead paths", a[0], a[1], a[2])
	}
	browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "dataZoom", startValue: 1930, endValue: 1940}`))
	if a := browsertest.Eval[[]int](tab, arrowsJS); a[0] == 0 || a[1] != a[0] || a[2] != 1 {
		t.Errorf("zoomed: %d links drawn, %d with their arrowhead, in %d arrowhead paths", a[0], a[1], a[2])
	}
	if r := settledLabels(t, tab); len(r.Overlaps) > 0 || r.Drawn < 10 {
		t.Errorf("zoomed: %d labels drawn; %d pairs overlap, such as %q", r.Drawn, len(r.Overlaps), r.Overlaps[:min(3, len(r.Overlaps))])
	}
	// A link starts 10 pixels from its work's mark, along the curve.
	links := browsertest.Eval[[]int](tab, `(() => {
		const r = goecharts_timeline.getModel().getComponent("grid", 0).coordinateSystem.getRect();
		const inView = x => x >= r.x - 10 && x <= r.x + r.width + 10;
		const links = goecharts_timeline.getZr().storage.getDisplayList(true).filter(el => el.name === "tl-link");
		return [links.length, links.filter(el => !inView(el.shape.x1) && !inView(el.shape.x2)).length];
	})()`)
	if links[0] == 0 || links[1] > 0 {
		t.Errorf("zoomed: %d links drawn, %d of them with neither end in view", links[0], links[1])
	}
	tab.NoProblems()
}
