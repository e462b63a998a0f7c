package charts

import (
	"strings"
	"testing"

	"timeline/internal/browsertest"
	"timeline/pipeline"
)

// TestBrowserOpenDates draws a date open at its start and one open at its
// end: each is a bar from the first date drawn, or to the last, that fades
// toward its open side, and the table gives its range as open.
func TestBrowserOpenDates(t *testing.T) {
	t.Parallel()
	tl := pipeline.NewTimeline("open", nil,
		pipeline.Fact{Title: "Before the party", Date: mustDate(t, "before 1926")},
		pipeline.Fact{Title: "After Stalin", Date: mustDate(t, "after 1953")},
		pipeline.Fact{Title: "The war", Date: mustDate(t, "1914–1918")},
		pipeline.Fact{Title: "The thaw", Date: mustDate(t, "1960")},
	)
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	if got := tab.Open(browsertest.WritePage(t, "open.html", render(t, tl, Options{}))); got != "4" {
		t.Fatalf("data-timeline-ready = %s, want 4", got)
	}
	// Each bar's left and right edge in pixels, and the alpha of its first
	// and last colour stop (of its colour, when it is filled plain), by its
	// label.
	bars := browsertest.Eval[map[string][]float64](tab, `(() => {
		const out = {};
		for (const el of goecharts_timeline.getZr().storage.getDisplayList(true)) {
			const label = el.type === "rect" && el.style.fill && el.parent && el.parent.childAt && el.parent.childAt(1);
			if (!label || !label.style || !label.style.text) continue;
			const text = label.style.text, stops = el.style.fill.colorStops || [{color: el.style.fill}];
			const alpha = c => { const m = /rgba\([^)]*,\s*([\d.]+)\)/.exec(c); return m ? +m[1] : 1; };
			out[text] = [el.shape.x, el.shape.x + el.shape.width, alpha(stops[0].color), alpha(stops[stops.length - 1].color)];
		}
		return out;
	})()`)
	before, after, war := bars["Before the party"], bars["After Stalin"], bars["The war"]
	if len(before) != 4 || len(after) != 4 || len(war) != 4 {
		t.Fatalf("bars drawn: %v", bars)
	}
	if before[2] > 0.2 || before[3] != 1 {
		t.Errorf("before 1926 fades %v → %v, want toward its start only", before[2], before[3])
	}
	if after[2] != 1 || after[3] > 0.2 {
		t.Errorf("after 1953 fades %v → %v, want toward its end only", after[2], after[3])
	}
	if war[2] != 1 || war[3] != 1 {
		t.Errorf("1914–1918 fades %v → %v, want no fading", war[2], war[3])
	}
	if before[0] > war[0]+1 {
		t.Errorf("before 1926 starts at x %v, after the first date drawn, at %v", before[0], war[0])
	}
	if tip := browsertest.Eval[string](tab, `Timeline.factTip(Timeline.data().title.indexOf("Before the party"))`); !strings.Contains(tip, "(open) – 31 Dec 1925") {
		t.Errorf("the tooltip of before 1926 lacks its open range: %s", tip)
	}
	tab.NoProblems()
}
