package charts

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"timeline/internal/browsertest"
)

// TestBrowserIndex opens the index in English and in Arabic, on a
// desktop and on a phone: axe-core finds no violation, Arabic reads right
// to left, and a phone's index does not scroll sideways.
func TestBrowserIndex(t *testing.T) {
	t.Parallel()
	x := Index{Folder: "data", Entries: []IndexEntry{
		{Name: "stalinism", Title: "Stalinism and its historians", Facts: 9, Dated: 5, Years: []int{1926, 2005}, Source: "stalinism.csv", Status: StatusBuilt, Page: true, Latest: true},
		{Name: "rome", Title: "The end of the Republic", Facts: 3, Dated: 3, Years: []int{-48, 14}, Source: "rome.csv", Status: StatusFailed, Errors: 2, Page: true, Latest: true},
		{Name: "notes", Title: "Notes", Source: "notes.csv", Status: StatusFailed, Errors: 1, Latest: false},
	}}
	b := browsertest.Start(t)
	for _, c := range []struct {
		name, lang, dir string
		phone           bool
	}{
		{"English", "en", "ltr", false},
		{"Arabic", "ar", "rtl", false},
		{"English on a phone", "en", "ltr", true},
		{"Arabic on a phone", "ar", "rtl", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var page bytes.Buffer
			if err := WriteIndex(&page, x, c.lang); err != nil {
				t.Fatal(err)
			}
			tab := b.NewTab(t, serveECharts(t))
			if c.phone {
				phone(t, tab)
			}
			tab.Do(chromedp.Navigate(browsertest.WritePage(t, "index.html", page.Bytes())))
			if got := browsertest.Eval[string](tab, `getComputedStyle(document.querySelector("table.index")).direction`); got != c.dir {
				t.Errorf("the table reads %s, want %s", got, c.dir)
			}
			if v := browsertest.Axe(t, tab); len(v) > 0 {
				t.Errorf("axe-core finds %d violations:\n%s", len(v), strings.Join(v, "\n"))
			}
			// The table is within the window, whose width a phone's
			// browser may widen to fit what overflows it.
			if box := browsertest.Eval[[]float64](tab, `(r => [r.left, r.right, document.documentElement.clientWidth])(document.querySelector("table.index").getBoundingClientRect())`); box[0] < 0 || box[1] > box[2] || c.phone && box[2] > 390 {
				t.Errorf("the table spans %v–%v px of a %v px window", box[0], box[1], box[2])
			}
			shot, err := chromedp.Run(tab.Ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			// TIMELINE_INDEX_SCREENSHOTS=/tmp/index keeps them to look at.
			name := strings.ReplaceAll(c.name, " ", "-") + ".png"
			path := ""
			if dir := os.Getenv("TIMELINE_INDEX_SCREENSHOTS"); dir != "" {
				path = filepath.Join(dir, name)
			}
			browsertest.SaveArtifact(t, path, name, shot)
			tab.NoProblems()
		})
	}
}
