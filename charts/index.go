package charts

import (
	"cmp"
	_ "embed"
	"html/template"
	"io"

	"timeline/pipeline"
)

var (
	//go:embed assets/index.html.tmpl
	indexTemplateText string

	indexTemplate = template.Must(template.New("index").Parse(indexTemplateText))
)

// IndexEntry is one timeline on the index page.
type IndexEntry struct {
	Name  string // the page is Name.html
	Title string
	Facts int
	Dated int
	Range string // "1926 – 2005", or empty when nothing is dated
}

// NewIndexEntry describes a built timeline for the index.
func NewIndexEntry(t *pipeline.Timeline, title string) IndexEntry {
	e := IndexEntry{Name: t.Name, Title: cmp.Or(title, Humanise(t.Name)), Facts: t.Len(), Dated: t.Dated()}
	if first, last, ok := t.Range(); ok {
		e.Range = pipeline.YearLabel(first.Year)
		if last.Year != first.Year {
			e.Range += " – " + pipeline.YearLabel(last.Year)
		}
	}
	return e
}

// WriteIndex writes out/index.html, which lists every timeline.
func WriteIndex(w io.Writer, entries []IndexEntry) error {
	return indexTemplate.Execute(w, struct {
		CSS     template.CSS
		Entries []IndexEntry
	}{template.CSS(pageCSS), entries})
}
