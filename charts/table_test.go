package charts

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"timeline/internal/golden"
	"timeline/internal/schema"
	"timeline/pipeline"
)

// TestIsImage runs the cases charts/jstest runs against the script's
// isImage, which takes the payload's list of endings.
func TestIsImage(t *testing.T) {
	b := golden.Read(t, "testdata/images.json")
	var cases struct {
		Extensions []string
		Cases      [][2]any
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cases.Extensions, imageExtensions) {
		t.Errorf("testdata/images.json has the endings %q, the page %q", cases.Extensions, imageExtensions)
	}
	for _, c := range cases.Cases {
		if got := IsImage(c[0].(string)); got != c[1].(bool) {
			t.Errorf("IsImage(%q) = %v, want %v", c[0], got, c[1])
		}
	}
}

// TestHeadingsShowColumns: every heading of the table shows a column of
// the schema and has a maker of its cells, and every column shown has
// its heading.
func TestHeadingsShowColumns(t *testing.T) {
	shown := map[string]bool{}
	for _, c := range schema.Columns {
		if c.Shown == "" {
			continue
		}
		if !slices.Contains(schema.Headings, c.Shown) {
			t.Errorf("column %s is shown under %q, which is no heading", c.Name, c.Shown)
		}
		shown[c.Shown] = true
	}
	for _, h := range schema.Headings {
		if !shown[h] {
			t.Errorf("heading %q shows no column", h)
		}
		if cellMakers[h] == nil {
			t.Errorf("heading %q has no cell maker", h)
		}
	}
	if len(cellMakers) != len(schema.Headings) {
		t.Errorf("%d cell makers for %d headings", len(cellMakers), len(schema.Headings))
	}
}

// TestOfflinePageLinksImages: a page with ECharts inlined, for use with no
// network, shows a fact's image by its address: it does not hold it.
func TestOfflinePageLinksImages(t *testing.T) {
	tl := pipeline.NewTimeline("media", nil, pipeline.Fact{Title: "Stalin", Media: "https://example.org/stalin.jpg", MediaCaption: "Stalin in 1937"})
	page := string(render(t, tl, Options{EChartsJS: []byte("/* ECharts */")}))
	if !strings.Contains(page, `<img src="https://example.org/stalin.jpg" alt="Stalin in 1937" loading="lazy" referrerpolicy="no-referrer">`) {
		t.Error("the offline page does not show the image by its address")
	}
	if strings.Contains(page, `src="data:`) {
		t.Error("the offline page holds an image")
	}
}
