package charts

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"timeline/internal/browsertest"
	"timeline/internal/locale"
)

// TestBrowserLanguages draws the seed as a German, Russian, Arabic and
// Japanese lesson. The page's words are the catalogue's: the controls,
// the summary, the caption, the table's headings, the tooltip's field
// names, the band names; the axis writes months as the language does,
// time runs right to left in Arabic, no label runs into another, and
// nothing scrolls sideways. axe-core finds nothing wrong with the German
// and Arabic pages, in light and dark.
func TestBrowserLanguages(t *testing.T) {
	t.Parallel()
	_, seed := seedPages(t)
	b := browsertest.Start(t)
	for _, lang := range []string{"de", "ru", "ar", "ja"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			loc, _ := locale.For(lang)
			tab := b.NewTab(t, serveECharts(t))
			tab.Open(browsertest.WritePage(t, lang+".html", render(t, seed, Options{Lang: lang})))
			dir := ""
			if lang == "ar" {
				dir = "rtl"
			}
			if got := browsertest.Eval[[]string](tab, `[document.documentElement.lang, document.documentElement.dir]`); got[0] != lang || got[1] != dir {
				t.Errorf("lang and dir = %q, want %s %q", got, lang, dir)
			}
			words := browsertest.Eval[[]string](tab, `["#tl-zoom-in", "#tl-present", "label[for=tl-search]", "p.summary", "figure.chart figcaption", "#facts", "section.facts thead th"].map(q => document.querySelector(q).textContent)`)
			want := []string{loc.Word("ZoomIn"), loc.Word("Present"), loc.Word("Search"), summary(seed, loc), loc.Word("Caption"), loc.Word("EveryFact"), loc.Word("Heading.Date")}
			if !slices.Equal(words, want) {
				t.Errorf("the page shows\n%q\nwant\n%q", words, want)
			}
			if tip := browsertest.Eval[string](tab, fmt.Sprintf(showTipJS, 0)); !strings.Contains(tip, loc.Word("Field.Date")) || !strings.Contains(tip, loc.Word("Field.Range")) {
				t.Errorf("the tooltip reads %q, without %q and %q", tip, loc.Word("Field.Date"), loc.Word("Field.Range"))
			}
			texts := browsertest.Eval[[]string](tab, drawnTextsJS)
			if !slices.Contains(texts, loc.Word("History")) || !slices.Contains(texts, loc.Word("Historiography")) {
				t.Errorf("no band names %q and %q among %q", loc.Word("History"), loc.Word("Historiography"), texts)
			}
			// Zoomed to the first months of 1953, the axis names them.
			browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "dataZoom", startValue: 1952.9, endValue: 1953.5}`))
			texts = browsertest.Eval[[]string](tab, drawnTextsJS)
			for _, m := range []int{2, 3} {
				if label := loc.Month(1953, m); !slices.Contains(texts, label) {
					t.Errorf("no axis label %q among %q", label, texts)
				}
			}
			browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "dataZoom", start: 0, end: 100}`))
			if lang == "ar" {
				checkRightToLeft(t, tab, seed)
			}
			if r := settledLabels(t, tab); len(r.Overlaps) > 0 || r.Drawn == 0 {
				t.Errorf("%d labels drawn; overlapping: %q", r.Drawn, r.Overlaps)
			}
			if w := browsertest.Eval[[]int](tab, sidewaysJS); w[0] > w[1] {
				t.Errorf("the page is %d px wide in a %d px window", w[0], w[1])
			}
			tab.NoProblems()
		})
	}
}

// TestBrowserAccessibilityInLanguages runs axe-core on the seed's page in
// German and Arabic on a phone, in light and dark; TestBrowserAccessibility
// runs it on the English page at both sizes. (axe-core takes a second or
// two of the browser's time a run, so the languages' desktop pages, whose
// colours and markup are the English page's and whose words and direction
// are the phone's, are not checked a third time.)
func TestBrowserAccessibilityInLanguages(t *testing.T) {
	t.Parallel()
	_, seed := seedPages(t)
	b := browsertest.Start(t)
	for _, lang := range []string{"de", "ar"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			tab := b.NewTab(t, serveECharts(t))
			phone(t, tab)
			tab.Open(browsertest.WritePage(t, "a11y-"+lang+".html", render(t, seed, Options{Lang: lang})))
			axeLightAndDark(t, tab)
			tab.NoProblems()
		})
	}
}

// axeLightAndDark runs axe-core on the page in tab as it is, then with
// the system asking for dark colours, which the page's style follows.
func axeLightAndDark(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	for _, scheme := range []string{"light", "dark"} {
		prefersColorScheme(t, tab, scheme)
		bg := browsertest.Eval[string](tab, `getComputedStyle(document.body).backgroundColor`)
		if dark := bg != "rgb(255, 255, 255)"; dark != (scheme == "dark") {
			t.Fatalf("%s: the page's background is %s", scheme, bg)
		}
		// The script recolours the chart, and a tooltip on show, when the
		// scheme changes: wait for an open tooltip to take the page's
		// background.
		ctx, cancel := context.WithTimeout(tab.Ctx, 5*time.Second)
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`(() => {
			const tip = document.querySelector(".tl-tip");
			return !tip || tip.offsetParent === null || getComputedStyle(tip.parentElement).backgroundColor === %q;
		})()`, bg)))
		cancel()
		if err != nil {
			t.Fatalf("%s: the open tooltip keeps its colours: %v", scheme, err)
		}
		if v := browsertest.Axe(t, tab); len(v) > 0 {
			t.Errorf("%s: axe-core finds %d violations:\n%s", scheme, len(v), strings.Join(v, "\n"))
		}
	}
}
