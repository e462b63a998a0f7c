package charts

import (
	"cmp"
	"net/url"
	"path"
	"slices"
	"strings"

	"timeline/internal/schema"
	"timeline/pipeline"
)

// tableHeadings gives the headings of t's table: those of
// schema.Headings that show a column t has.
func tableHeadings(t *pipeline.Timeline) []string {
	var hs []string
	for _, h := range schema.Headings {
		for i, c := range schema.Columns {
			if c.Shown == h && t.HasColumn(i) {
				hs = append(hs, h)
				break
			}
		}
	}
	return hs
}

// tableCell is one cell of the page's table, as the template writes it.
type tableCell struct {
	Heading string // its column's, which a phone shows beside it
	Header  bool   // the row's header cell, <th scope="row">
	Text    string // the cell's text
	Em      string // in italics, when Text is empty: "undated"
	Href    string // an address Text links to, in a new tab
	Anchor  string // a fact's id, for a link to the fact itself
	Links   []aboutLink
	Media   *mediaView
}

type aboutLink struct{ ID, Title string }

// mediaView is a fact's media as the page shows them: an image with its
// caption and credit, or a link.
type mediaView struct {
	Image                     bool
	URL, Alt, Caption, Credit string
}

// cellMakers make each heading's cell of a fact; titles maps the ids that
// facts study to their titles. A test checks every heading has one, and
// table.js makes the same cells.
var cellMakers = map[string]func(f *pipeline.Fact, titles map[string]string) tableCell{
	"Date": func(f *pipeline.Fact, _ map[string]string) tableCell {
		return tableCell{Text: cmp.Or(f.DisplayDate, f.Date.Text), Em: "undated"}
	},
	"Range": func(f *pipeline.Fact, _ map[string]string) tableCell { return tableCell{Text: RangeLabel(f.Date)} },
	"Kind": func(f *pipeline.Fact, _ map[string]string) tableCell {
		return tableCell{Text: joinNonEmpty(": ", f.Kind.String(), f.Group)}
	},
	"Title": func(f *pipeline.Fact, _ map[string]string) tableCell {
		return tableCell{Header: true, Text: f.Title, Href: f.URL, Anchor: f.ID}
	},
	"Description": func(f *pipeline.Fact, _ map[string]string) tableCell { return tableCell{Text: f.Description} },
	"Citation":    func(f *pipeline.Fact, _ map[string]string) tableCell { return tableCell{Text: citation(f)} },
	"Studies": func(f *pipeline.Fact, titles map[string]string) tableCell {
		var c tableCell
		for id := range f.About.All() {
			c.Links = append(c.Links, aboutLink{ID: id, Title: cmp.Or(titles[id], id)})
		}
		return c
	},
	"Source": func(f *pipeline.Fact, _ map[string]string) tableCell { return tableCell{Text: f.Source} },
	"Tags":   func(f *pipeline.Fact, _ map[string]string) tableCell { return tableCell{Text: string(f.Tags)} },
	"Media": func(f *pipeline.Fact, _ map[string]string) tableCell {
		return tableCell{Media: newMediaView(f)}
	},
}

func citation(f *pipeline.Fact) string { return joinNonEmpty(", ", string(f.Authors), f.PublishedIn) }

func joinNonEmpty(sep string, parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), sep)
}

// newMediaView gives a fact's media as shown, or nil for none. Its alt
// text is media_alt, or else the caption, or else the fact's title.
func newMediaView(f *pipeline.Fact) *mediaView {
	if f.Media == "" {
		return nil
	}
	return &mediaView{
		Image:   IsImage(f.Media),
		URL:     f.Media,
		Alt:     cmp.Or(f.MediaAlt, f.MediaCaption, f.Title),
		Caption: f.MediaCaption,
		Credit:  f.MediaCredit,
	}
}

// imageExtensions are the endings of the addresses the page shows as
// images; it links to any other. The script reads them from the payload.
var imageExtensions = []string{".apng", ".avif", ".gif", ".jpeg", ".jpg", ".png", ".svg", ".webp"}

// IsImage tells whether an http(s) address names an image, by the ending
// of its path: https://example.org/a/stalin.jpg?w=300 does.
func IsImage(address string) bool {
	u, err := url.Parse(address)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	return slices.Contains(imageExtensions, strings.ToLower(path.Ext(u.Path)))
}
