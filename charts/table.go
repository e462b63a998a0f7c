package charts

import (
	"cmp"
	"net/url"
	"path"
	"slices"
	"strings"

	"timeline/internal/locale"
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
	// LinkLabel names that link for screen readers.
	LinkLabel string
	Links     []aboutLink
	Media     *mediaView
}

type aboutLink struct{ ID, Title string }

// mediaView is a fact's media as the page shows them: an image with its
// caption and credit, or a link.
type mediaView struct {
	Image                     bool
	URL, Alt, Caption, Credit string
}

// cellContext is what a table cell may need besides its fact: the titles
// of the facts that facts study, by id, and the lesson's language, with
// the words every row repeats looked up once.
type cellContext struct {
	titles  map[string]string
	loc     *locale.Locale
	undated string    // the Date cell of an undated fact
	link    string    // names the link to a fact itself
	kinds   [2]string // the names of History and Historiography
}

// newCellContext gives the context of a table's cells.
func newCellContext(titles map[string]string, loc *locale.Locale) cellContext {
	return cellContext{titles: titles, loc: loc, undated: loc.Word("UndatedMark"), link: loc.Word("LinkToFact"),
		kinds: [2]string{loc.Word(kindWord(pipeline.History)), loc.Word(kindWord(pipeline.Historiography))}}
}

// cellMakers make each heading's cell of a fact. A test checks every
// heading has one, and table.js makes the same cells.
var cellMakers = map[string]func(f *pipeline.Fact, c cellContext) tableCell{
	"Date": func(f *pipeline.Fact, c cellContext) tableCell {
		return tableCell{Text: cmp.Or(f.DisplayDate, f.Date.Text), Em: c.undated}
	},
	"Range": func(f *pipeline.Fact, c cellContext) tableCell { return tableCell{Text: rangeLabel(c.loc, f.Date)} },
	"Kind": func(f *pipeline.Fact, c cellContext) tableCell {
		return tableCell{Text: joinNonEmpty(": ", c.kinds[f.Kind], f.Group)}
	},
	"Title": func(f *pipeline.Fact, c cellContext) tableCell {
		return tableCell{Header: true, Text: f.Title, Href: f.URL, Anchor: f.ID, LinkLabel: c.link}
	},
	"Description": func(f *pipeline.Fact, _ cellContext) tableCell { return tableCell{Text: f.Description} },
	"Citation":    func(f *pipeline.Fact, _ cellContext) tableCell { return tableCell{Text: citation(f)} },
	"Studies": func(f *pipeline.Fact, c cellContext) tableCell {
		var cell tableCell
		for id := range f.About.All() {
			cell.Links = append(cell.Links, aboutLink{ID: id, Title: cmp.Or(c.titles[id], id)})
		}
		return cell
	},
	"Source": func(f *pipeline.Fact, _ cellContext) tableCell { return tableCell{Text: f.Source} },
	"Tags":   func(f *pipeline.Fact, _ cellContext) tableCell { return tableCell{Text: string(f.Tags)} },
	"Media": func(f *pipeline.Fact, _ cellContext) tableCell {
		return tableCell{Media: newMediaView(f)}
	},
}

// kindWord is the catalogue's id of a kind's name: "Kind.History".
func kindWord(k pipeline.Kind) string {
	if k == pipeline.Historiography {
		return "Kind.Historiography"
	}
	return "Kind.History"
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
