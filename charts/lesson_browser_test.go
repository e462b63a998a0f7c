package charts

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"timeline/internal/browsertest"
)

// openSeed opens the seed page in a new tab.
func openSeed(t *testing.T, b *browsertest.Browser) *browsertest.Tab {
	t.Helper()
	tab := b.NewTab(t, serveECharts(t))
	if got := tab.Open(seedURL(t)); got != "5" {
		t.Fatalf("data-timeline-ready = %s, want 5", got)
	}
	return tab
}

const visibleRowsJS = `[...document.querySelectorAll("section.facts tbody tr")].filter(tr => !tr.hidden).map(tr => tr.id)`
const searchMarksJS = `goecharts_timeline.getOption().series.find(s => s.id === "search").data.map(d => Timeline.data().id[d[2]])`

// TestBrowserSearch types in the search box: matching ignores case and
// accents, the chart marks the matches, the table keeps their rows, and
// Enter zooms to them.
func TestBrowserSearch(t *testing.T) {
	t.Parallel()
	tab := openSeed(t, browsertest.Start(t))
	tab.Do(chromedp.SendKeys(chromedp.CSS("#tl-search"), "STOJANOVIC"))
	status, err := chromedp.Run(tab.Ctx, chromedp.Poll[string](`(s => s === "1 match" && s)(document.getElementById("tl-search-status").textContent)`))
	if err != nil {
		t.Fatalf("search status: %v", err)
	}
	if status != "1 match" {
		t.Errorf("status = %q", status)
	}
	if got := browsertest.Eval[[]string](tab, visibleRowsJS); !slices.Equal(got, []string{"fact-barker-1974"}) {
		t.Errorf("table rows = %q, want only Barker's", got)
	}
	if got := browsertest.Eval[[]string](tab, searchMarksJS); !slices.Equal(got, []string{"barker-1974"}) {
		t.Errorf("marked on the chart = %q, want barker-1974", got)
	}
	// Enter zooms to the match, March 1974, with a margin.
	tab.Do(chromedp.KeyEvent(kb.Enter))
	ext, err := chromedp.Run(tab.Ctx, chromedp.Poll[[]float64](`(e => e[1] - e[0] < 10 && e)(`+xExtentJS+`)`))
	if err != nil || ext[0] > 1974.2 || ext[1] < 1974.3 {
		t.Errorf("after Enter the view is %v (%v), want a few years around March 1974", ext, err)
	}
	// Two words must both match; several facts can.
	clearSearch(tab)
	tab.Do(chromedp.SendKeys(chromedp.CSS("#tl-search"), "politburo stalin"))
	if _, err := chromedp.Run(tab.Ctx, chromedp.Poll[bool](`document.getElementById("tl-search-status").textContent === "2 matches"`)); err != nil {
		t.Errorf("status %q, want 2 matches", browsertest.Eval[string](tab, `document.getElementById("tl-search-status").textContent`))
	}
	want := []string{"fact-politburo-records-1930s", "fact-gregory-2005"}
	if got := browsertest.Eval[[]string](tab, visibleRowsJS); !slices.Equal(got, want) {
		t.Errorf("table rows = %q, want %q", got, want)
	}
	// Clearing the box shows every row again.
	clearSearch(tab)
	tab.Do(chromedp.SendKeys(chromedp.CSS("#tl-search"), " "))
	if _, err := chromedp.Run(tab.Ctx, chromedp.Poll[bool](visibleRowsJS+`.length === 9`)); err != nil {
		t.Errorf("after clearing, %d rows", len(browsertest.Eval[[]string](tab, visibleRowsJS)))
	}
	tab.NoProblems()
}

func clearSearch(tab *browsertest.Tab) {
	browsertest.Eval[string](tab, `document.getElementById("tl-search").value = ""`)
}

// TestBrowserKeyboard tabs through the page: every control is reached.
func TestBrowserKeyboard(t *testing.T) {
	t.Parallel()
	tab := openSeed(t, browsertest.Start(t))
	var reached []string
	for range 14 {
		tab.Do(chromedp.KeyEvent(kb.Tab))
		reached = append(reached, browsertest.Eval[string](tab, `(el => el.id || el.dataset.lane || el.tagName)(document.activeElement)`))
	}
	for _, want := range []string{"tl-search", "tl-zoom-in", "tl-zoom-out", "tl-reset", "tl-patterns", "tl-png", "History", "Historiography"} {
		if !slices.Contains(reached, want) {
			t.Errorf("Tab never reaches %s; it reached %q", want, reached)
		}
	}
	// The lane checkbox hides its lane, from the keyboard.
	tab.Do(chromedp.Focus(chromedp.CSS(`input[data-lane="Historiography"]`)), chromedp.KeyEvent(" "))
	if n, err := chromedp.Run(tab.Ctx, chromedp.Poll[int](linkCountJS+` === 0 ? 1 : 0`)); err != nil || n != 1 {
		t.Errorf("unchecking Historiography left %d links (%v)", browsertest.Eval[int](tab, linkCountJS), err)
	}
	// Zoom in from the keyboard halves the view.
	before := browsertest.Eval[[]float64](tab, xExtentJS)
	tab.Do(chromedp.Focus(chromedp.CSS("#tl-zoom-in")), chromedp.KeyEvent(kb.Enter))
	after, err := chromedp.Run(tab.Ctx, chromedp.Poll[[]float64](fmt.Sprintf(`(e => e[1] - e[0] < %g && e)(%s)`, (before[1]-before[0])*0.6, xExtentJS)))
	if err != nil {
		t.Errorf("Zoom in: view %v, then %v (%v)", before, after, err)
	}
	tab.NoProblems()
}

// TestBrowserPatternsAndPNG turns on decal patterns and exports the PNG
// the Save PNG button makes, at twice the pixels.
func TestBrowserPatternsAndPNG(t *testing.T) {
	t.Parallel()
	tab := openSeed(t, browsertest.Start(t))
	tab.Do(chromedp.Click(chromedp.CSS("#tl-patterns")))
	if on := browsertest.Eval[bool](tab, `[].concat(goecharts_timeline.getOption().aria)[0].decal.show === true && document.getElementById("tl-patterns").getAttribute("aria-pressed") === "true"`); !on {
		t.Error("Patterns did not turn decal patterns on")
	}
	if r := browsertest.Eval[float64](tab, `goecharts_timeline.getOption().toolbox[0].feature.saveAsImage.pixelRatio`); r != 2 {
		t.Errorf("the toolbox saves PNG at pixel ratio %g, want 2", r)
	}
	b64 := browsertest.Eval[string](tab, `Timeline.png()`)
	img, err := png.Decode(bytes.NewReader(decodeDataURL(t, b64)))
	if err != nil {
		t.Fatal(err)
	}
	if w := browsertest.Eval[int](tab, `goecharts_timeline.getWidth()`); img.Bounds().Dx() != 2*w {
		t.Errorf("PNG is %d px wide, want 2 × %d", img.Bounds().Dx(), w)
	}
	tab.NoProblems()
}

// TestBrowserDarkMode emulates a reader who prefers dark pages.
func TestBrowserDarkMode(t *testing.T) {
	t.Parallel()
	b := browsertest.Start(t)
	tab := b.NewTab(t, serveECharts(t))
	prefersColorScheme(t, tab, "dark")
	tab.Open(seedURL(t))
	got := browsertest.Eval[[]string](tab, `[getComputedStyle(document.body).backgroundColor, goecharts_timeline.getOption().backgroundColor]`)
	if want := []string{"rgb(21, 25, 30)", "#15191e"}; !slices.Equal(got, want) {
		t.Errorf("page and chart backgrounds = %q, want %q", got, want)
	}
	tab.NoProblems()
}

// TestBrowserFirstView opens a page whose introduction sets the first view.
func TestBrowserFirstView(t *testing.T) {
	t.Parallel()
	_, tl := seedPages(t)
	intro, err := ParseIntro("x.md", []byte("---\nview: 1925–1955\n---\n# Zoomed\n"))
	if err != nil {
		t.Fatal(err)
	}
	pageURL := browsertest.WritePage(t, "view.html", render(t, tl, Options{Intro: intro}))
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	tab.Open(pageURL)
	if got := browsertest.Eval[[]float64](tab, xExtentJS); !slices.Equal(got, []float64{1925, 1956}) {
		t.Errorf("first view = %v, want [1925 1956] (1 January 1925 to the end of 1955)", got)
	}
	if got := browsertest.Eval[string](tab, `document.querySelector("h1").textContent`); got != "Zoomed" {
		t.Errorf("h1 = %q", got)
	}
	tab.NoProblems()
}

// TestBrowserPrint prints the seed page to PDF, landscape A4 and Letter:
// the first page holds the chart, in the lanes' colours.
func TestBrowserPrint(t *testing.T) {
	t.Parallel()
	tab := openSeed(t, browsertest.Start(t))
	for name, paper := range map[string]chromedp.PaperSize{"a4": chromedp.PaperA4, "letter": chromedp.PaperLetter} {
		pdf, err := chromedp.Run(tab.Ctx, chromedp.PrintToPDF(chromedp.PDFPaper(paper), chromedp.PDFLandscape(), chromedp.PDFPrintBackground()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
			t.Fatalf("%s: not a PDF", name)
		}
		img, err := png.Decode(bytes.NewReader(browsertest.PDFFirstPage(t, pdf, 60)))
		if err != nil {
			t.Fatal(err)
		}
		if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w <= h {
			t.Errorf("%s: first page is %d×%d, not landscape", name, w, h)
		}
		// The history bars' blue and the works' vermillion are on page 1.
		for colour, rgb := range map[string][3]uint8{"History blue": {0x00, 0x72, 0xB2}, "Historiography vermillion": {0xD5, 0x5E, 0x00}} {
			if n := countNear(img, rgb); n < 20 {
				t.Errorf("%s: page 1 has %d pixels of %s: is the chart on it?", name, n, colour)
			}
		}
	}
	tab.NoProblems()
}

// countNear counts the pixels within a small distance of a colour.
func countNear(img image.Image, c [3]uint8) int {
	n := 0
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if near(cr>>8, c[0]) && near(cg>>8, c[1]) && near(cb>>8, c[2]) {
				n++
			}
		}
	}
	return n
}

func near(v uint32, want uint8) bool {
	d := int(v) - int(want)
	return d > -24 && d < 24
}
