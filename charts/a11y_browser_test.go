package charts

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"timeline/internal/browsertest"
)

// TestBrowserAccessibility runs axe-core on the seed's page, on its embed,
// while presenting, and at a phone's size: no violation, and none on the
// page in dark colours.
func TestBrowserAccessibility(t *testing.T) {
	t.Parallel()
	dir, _ := seedPages(t)
	b := browsertest.Start(t)
	for _, c := range []struct {
		name, page, hash string
		phone            bool
	}{
		{"page", "stalinism.html", "", false},
		{"embed", "stalinism.embed.html", "", false},
		{"presenting", "stalinism.html", "#present/fact-gregory-2005", false},
		{"page on a phone", "stalinism.html", "", true},
		{"presenting on a phone", "stalinism.html", "#present", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			tab := b.NewTab(t, serveECharts(t))
			if c.phone {
				phone(t, tab)
			}
			tab.Open(fileURL(filepath.Join(dir, c.page)) + c.hash)
			if c.hash != "" {
				if _, err := chromedp.Run(tab.Ctx, chromedp.Poll[bool](`!!document.querySelector("#tl-presenter:not([hidden]) #tl-slide-title")`)); err != nil {
					t.Fatal(err)
				}
			}
			if c.hash == "" && c.page == "stalinism.html" {
				axeLightAndDark(t, tab)
			} else if v := browsertest.Axe(t, tab); len(v) > 0 {
				t.Errorf("axe-core finds %d violations:\n%s", len(v), strings.Join(v, "\n"))
			}
			tab.NoProblems()
		})
	}
}
