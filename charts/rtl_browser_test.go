package charts

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"timeline/internal/browsertest"
	"timeline/pipeline"
)

// TestBrowserRTL draws the seed as a Hebrew lesson: the page reads right
// to left, time runs from right to left so that the first fact is on the
// right, no label runs into another, nothing scrolls sideways, and
// axe-core finds nothing wrong, on a desktop and on a phone.
func TestBrowserRTL(t *testing.T) {
	t.Parallel()
	_, seed := seedPages(t)
	pageURL := browsertest.WritePage(t, "he.html", render(t, seed, Options{Lang: "he"}))
	b := browsertest.Start(t)
	for _, size := range []string{"desktop", "phone"} {
		t.Run(size, func(t *testing.T) {
			tab := b.NewTab(t, serveECharts(t))
			if size == "phone" {
				phone(t, tab)
			}
			tab.Open(pageURL)
			if got := browsertest.Eval[[]string](tab, `[document.documentElement.lang, document.documentElement.dir, getComputedStyle(document.body).direction]`); strings.Join(got, " ") != "he rtl rtl" {
				t.Errorf("lang, dir and direction = %q, want he rtl rtl", got)
			}
			checkRightToLeft(t, tab, seed)
			if r := settledLabels(t, tab); len(r.Overlaps) > 0 || r.Drawn == 0 {
				t.Errorf("%d labels drawn; overlapping: %q", r.Drawn, r.Overlaps)
			}
			// The controls, the table and a tooltip read right to left.
			if tip := browsertest.Eval[string](tab, fmt.Sprintf(showTipJS, 0)); !strings.Contains(tip, seed.Field(0, pipeline.FieldTitle)) {
				t.Errorf("the tooltip shows %q", tip)
			}
			dirs := browsertest.Eval[[]string](tab, `["#tl-controls", "section.facts table", ".tl-tip"].map(q => getComputedStyle(document.querySelector(q)).direction)`)
			if strings.Join(dirs, " ") != "rtl rtl rtl" {
				t.Errorf("the controls, the table and the tooltip run %q, want rtl", dirs)
			}
			if w := browsertest.Eval[[]int](tab, sidewaysJS); w[0] > w[1] {
				t.Errorf("the page is %d px wide in a %d px window", w[0], w[1])
			}
			if v := browsertest.Axe(t, tab); len(v) > 0 {
				t.Errorf("axe-core: %s", strings.Join(v, "\n"))
			}
			if size == "desktop" {
				shot, err := chromedp.Run(tab.Ctx, chromedp.CaptureScreenshot())
				if err == nil {
					browsertest.SaveArtifact(t, os.Getenv("TIMELINE_RTL_SCREENSHOT"), "rtl.png", shot)
				}
			}
			tab.NoProblems()
		})
	}
}

// checkRightToLeft checks that tl's dated facts start from right to left,
// in date order.
func checkRightToLeft(t *testing.T, tab *browsertest.Tab, tl *pipeline.Timeline) {
	t.Helper()
	xs := browsertest.Eval[[]float64](tab, `Timeline.data().s.map(d => goecharts_timeline.convertToPixel({gridIndex: 0}, [TimelineDates.decimalYear(d, false), 0])[0])`)
	for i := 1; i < len(xs); i++ {
		if xs[i] >= xs[i-1] {
			t.Errorf("%s is at x %.0f, not left of %s at %.0f", tl.Field(i, pipeline.FieldID), xs[i], tl.Field(i-1, pipeline.FieldID), xs[i-1])
		}
	}
}
