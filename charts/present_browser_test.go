package charts

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"timeline/internal/browsertest"
	"timeline/pipeline"
)

// slideJS gives what the presenter shows: its counter, the slide's title,
// and whether the page is presenting.
const slideJS = `(() => {
	const p = document.getElementById("tl-presenter");
	return [p && !p.hidden ? "presenting" : "not presenting",
		p ? p.querySelector(".tl-counter").textContent : "",
		p ? p.querySelector("#tl-slide-title").textContent : "",
		location.hash];
})()`

// waitSlide waits until the presenter shows the counter want.
func waitSlide(t *testing.T, tab *browsertest.Tab, counter string) []string {
	t.Helper()
	got, err := chromedp.Run(tab.Ctx, chromedp.Poll[[]string](fmt.Sprintf(`(s => s[1] === %q ? s : null)(%s)`, counter, slideJS)))
	if err != nil {
		t.Fatalf("the presenter never showed %s: %v; it shows %q", counter, err, browsertest.Eval[[]string](tab, slideJS))
	}
	return got
}

// TestBrowserPresent presents the seed timeline: the Present button, then
// ArrowRight through all 9 facts in date order, undated ones last (by
// id, as the table lists them); End,
// Home, PageDown and PageUp; Esc leaves; and the chart zooms to each
// dated fact.
func TestBrowserPresent(t *testing.T) {
	t.Parallel()
	_, seed := seedPages(t)
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	tab.Open(seedURL(t))
	want := []string{
		"Stalin leads the Soviet Communist Party and the USSR",
		"Top-level records of Stalin and the Politburo",
		"Stalinism: Criticism from Yugoslavia",
		"Stalinism as the Ideology of State Capitalism",
		"The Political Economy of Stalinism: A Bergson Retrospective",
		"Famines of forced agricultural collectivisation",
		"Lazar Kaganovich coins the term “Stalinism”",
		"Purges of the Communist Party",
		"The prison-camp system of Stalin's secret police",
	}
	if seed.Len() != len(want) {
		t.Fatalf("the seed has %d facts, want %d", seed.Len(), len(want))
	}
	tab.Do(chromedp.Click(chromedp.CSS("#tl-present")))
	for k, title := range want {
		if k > 0 {
			tab.Do(chromedp.KeyEvent(kb.ArrowRight))
		}
		got := waitSlide(t, tab, fmt.Sprintf("%d / 9", k+1))
		if got[0] != "presenting" || got[2] != title || got[3] != "#present/fact-"+seed.Field(k, pipeline.FieldID) {
			t.Errorf("step %d shows %q, want %q at #present/fact-%s", k+1, got, title, seed.Field(k, pipeline.FieldID))
		}
		if focus := browsertest.Eval[bool](tab, `document.getElementById("tl-presenter").contains(document.activeElement)`); !focus {
			t.Errorf("step %d: the focus left the presenter", k+1)
		}
		if k == 0 {
			// 1926–1953, with a margin of 60% of its length before it
			// (down to the chart's first year, 1920) and twice that after.
			ext := browsertest.Eval[[]float64](tab, xExtentJS)
			if ext[0] != 1920 || ext[1] < 1987 || ext[1] > 1988 {
				t.Errorf("step 1 shows the years %v, want 1920 to about 1987.5", ext)
			}
		}
	}
	live := browsertest.Eval[string](tab, `document.querySelector("#tl-presenter [aria-live]").textContent`)
	if live != "Step 9 of 9: The prison-camp system of Stalin's secret police" {
		t.Errorf("announced %q", live)
	}
	for _, step := range []struct {
		key     string
		counter string
	}{{kb.Home, "1 / 9"}, {kb.PageDown, "2 / 9"}, {kb.End, "9 / 9"}, {kb.PageUp, "8 / 9"}, {kb.ArrowLeft, "7 / 9"}, {" ", "8 / 9"}} {
		tab.Do(chromedp.KeyEvent(step.key))
		waitSlide(t, tab, step.counter)
	}
	tab.Do(chromedp.KeyEvent(kb.Escape))
	if got := browsertest.Eval[[]string](tab, slideJS); got[0] != "not presenting" || got[3] != "" {
		t.Errorf("after Esc: %q", got)
	}
	if f := browsertest.Eval[string](tab, `document.activeElement.id`); f != "tl-present" {
		t.Errorf("after Esc the focus is on %q, want the Present button", f)
	}
	tab.NoProblems()
}

// TestBrowserPresentDeepLinks opens the seed page at #present/fact-ID and
// at #fact-ID, from file:, and in the embed page.
func TestBrowserPresentDeepLinks(t *testing.T) {
	t.Parallel()
	dir, _ := seedPages(t)
	b := browsertest.Start(t)

	tab := b.NewTab(t, serveECharts(t))
	tab.Open(seedURL(t) + "#present/fact-gregory-2005")
	got := waitSlide(t, tab, "5 / 9")
	if got[2] != "The Political Economy of Stalinism: A Bergson Retrospective" {
		t.Errorf("#present/fact-gregory-2005 shows %q", got)
	}
	studies := browsertest.Eval[[]string](tab, `[...document.querySelectorAll("#tl-presenter .tl-links a")].map(a => a.textContent + " " + a.getAttribute("href"))`)
	if want := []string{"Top-level records of Stalin and the Politburo #present/fact-politburo-records-1930s"}; !slices.Equal(studies, want) {
		t.Errorf("the 2005 study's links: %q, want %q", studies, want)
	}
	if n := browsertest.Eval[int](tab, linkCountJS); n == 0 {
		t.Error("no link is drawn while presenting the 2005 study")
	}
	// README's picture of a slide: TIMELINE_PRESENT_SCREENSHOT=$PWD/docs/present.png.
	shot, err := chromedp.Run(tab.Ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	browsertest.SaveArtifact(t, os.Getenv("TIMELINE_PRESENT_SCREENSHOT"), "present.png", shot)
	// Its link jumps to the step of what it studies.
	tab.Do(chromedp.Click(chromedp.CSS("#tl-presenter .tl-links a")))
	if got := waitSlide(t, tab, "2 / 9"); got[2] != "Top-level records of Stalin and the Politburo" {
		t.Errorf("the link led to %q", got)
	}
	tab.NoProblems()

	for _, page := range []string{"stalinism.html", "stalinism.embed.html"} {
		tab := b.NewTab(t, serveECharts(t))
		tab.Open(fileURL(filepath.Join(dir, page)) + "#fact-barker-1974")
		// March 1974, with a year before it and two after.
		ext, err := chromedp.Run(tab.Ctx, chromedp.Poll[[]float64](`(e => e[1] - e[0] < 5 ? e : null)(`+xExtentJS+`)`))
		if err != nil {
			t.Fatalf("%s#fact-barker-1974 did not zoom: %v", page, err)
		}
		if ext[0] < 1973.1 || ext[0] > 1973.2 || ext[1] < 1976.2 || ext[1] > 1976.3 {
			t.Errorf("%s#fact-barker-1974 shows the years %v, want 1973.16 to 1976.25", page, ext)
		}
		tip, err := chromedp.Run(tab.Ctx, chromedp.Poll[string](`document.querySelector(".tl-tip")?.textContent`))
		if err != nil || !strings.Contains(tip, "Stalinism: Criticism from Yugoslavia") || !strings.Contains(tip, "1 Mar 1974 – 31 Mar 1974") {
			t.Errorf("%s#fact-barker-1974 shows the details %q (%v)", page, tip, err)
		}
		tab.NoProblems()
	}
}

// TestBrowserPresentSteps: a step column chooses and orders the steps.
func TestBrowserPresentSteps(t *testing.T) {
	t.Parallel()
	csv := "title,date,step\nFirst by date,1926,\nSecond by date,1930,2\nThird by date,1974,1\nUndated,,3\n"
	tl, problems, err := pipeline.Read(strings.NewReader(csv), "steps.csv", "steps")
	if err != nil || problems.Errors() > 0 {
		t.Fatal(err, problems)
	}
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	tab.Open(browsertest.WritePage(t, "steps.html", render(t, tl, Options{})) + "#present")
	for k, title := range []string{"Third by date", "Second by date", "Undated"} {
		if k > 0 {
			tab.Do(chromedp.KeyEvent(kb.ArrowRight))
		}
		if got := waitSlide(t, tab, fmt.Sprintf("%d / 3", k+1)); got[2] != title {
			t.Errorf("step %d shows %q, want %q", k+1, got[2], title)
		}
	}
	tab.NoProblems()
}

// TestBrowserSVG exports the seed's view as SVG: each fact drawn is there
// as text (cut short as the chart cuts it), and the file is named by the timeline and the view's years.
func TestBrowserSVG(t *testing.T) {
	t.Parallel()
	_, seed := seedPages(t)
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	tab.Open(seedURL(t))
	browsertest.Eval[bool](tab, fmt.Sprintf(afterRenderJS, `{type: "dataZoom", startValue: 1920, endValue: 1990}`))
	svg := browsertest.Eval[string](tab, `Timeline.svg()`)
	texts := svgTexts(t, svg)
	for i := range seed.Dated() {
		title := seed.Field(i, pipeline.FieldTitle)
		if slices.ContainsFunc(texts, func(s string) bool { return strings.HasPrefix(title, strings.TrimSuffix(s, "...")) && len(s) > 8 }) {
			continue
		}
		if seed.Fact(i).Date.Start.Year > 1990 {
			continue // out of view
		}
		t.Errorf("the SVG has no text for %q; its texts: %q", title, texts)
	}
	if name := browsertest.Eval[string](tab, `Timeline.svgFileName()`); name != "stalinism_1920-1990.svg" {
		t.Errorf("SVG file name %q", name)
	}
	browsertest.SaveArtifact(t, os.Getenv("TIMELINE_SVG"), "view.svg", []byte(svg))
	tab.NoProblems()
}

// svgTexts gives the text of every <text> element of an SVG.
func svgTexts(t *testing.T, svg string) []string {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var texts []string
	depth := 0
	var cur bytes.Buffer
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not XML: %v", err)
		}
		switch v := tok.(type) {
		case xml.StartElement:
			if v.Name.Local == "text" {
				depth++
				cur.Reset()
			}
		case xml.CharData:
			if depth > 0 {
				cur.Write(v)
			}
		case xml.EndElement:
			if v.Name.Local == "text" && depth > 0 {
				depth--
				texts = append(texts, cur.String())
			}
		}
	}
	return texts
}

// TestBrowserPresentPhone presents on a phone: the page never scrolls
// sideways, and a swipe left moves on.
func TestBrowserPresentPhone(t *testing.T) {
	t.Parallel()
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	phone(t, tab)
	tab.Open(seedURL(t) + "#present")
	waitSlide(t, tab, "1 / 9")
	if w := browsertest.Eval[[]int](tab, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
		t.Errorf("the page is %d px wide in a %d px window: it scrolls sideways", w[0], w[1])
	}
	shot, err := chromedp.Run(tab.Ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	browsertest.SaveArtifact(t, os.Getenv("TIMELINE_PRESENT_PHONE"), "present-phone.png", shot)
	// Swipe left across the slide.
	y := 700.0
	for _, ev := range []struct {
		typ input.DispatchTouchEventType
		x   float64
	}{{input.DispatchTouchEventTypeTouchStart, 320}, {input.DispatchTouchEventTypeTouchMove, 200}, {input.DispatchTouchEventTypeTouchMove, 120}, {input.DispatchTouchEventTypeTouchEnd, 80}} {
		points := []*input.TouchPoint{{X: ev.x, Y: y}}
		if ev.typ == input.DispatchTouchEventTypeTouchEnd {
			points = []*input.TouchPoint{}
		}
		if _, err := chromedp.Call(tab.Ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: ev.typ, TouchPoints: points}); err != nil {
			t.Fatal(err)
		}
	}
	waitSlide(t, tab, "2 / 9")
	if w := browsertest.Eval[[]int](tab, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
		t.Errorf("after a swipe the page is %d px wide in a %d px window", w[0], w[1])
	}
	tab.NoProblems()
}
