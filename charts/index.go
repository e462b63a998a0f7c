package charts

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"html/template"
	"io"
	"slices"

	"timeline/pipeline"
)

var (
	//go:embed assets/index.html.tmpl
	indexTemplateText string

	indexTemplate = template.Must(template.New("index").Parse(indexTemplateText))
)

// Index lists every timeline an output folder holds: out/index.html shows
// it, and out/index.json keeps it for the next build, which updates it
// rather than forgetting what it did not build.
type Index struct {
	// Folder is the data folder the latest build read, by its base name;
	// empty when the build was given files by name.
	Folder string `json:"folder,omitempty"`
	// Named lists the files the latest build was given, by base name, when
	// it was given files.
	Named   []string     `json:"named,omitempty"`
	Entries []IndexEntry `json:"timelines"`
}

// The states of a timeline's latest build.
const (
	StatusBuilt  = "built"  // its pages are from its latest build
	StatusFailed = "failed" // its latest build failed: its pages, if any, are the last good ones
)

// IndexEntry is one timeline on the index page.
type IndexEntry struct {
	Name   string `json:"name"` // the page is Name.html
	Title  string `json:"title"`
	Facts  int    `json:"facts"`
	Dated  int    `json:"dated"`
	Range  string `json:"range,omitempty"` // "1926 – 2005", or empty when nothing is dated
	Source string `json:"source"`          // the input's file name
	// Status is the outcome of the latest build of Source: StatusBuilt or
	// StatusFailed, with Errors errors.
	Status string `json:"status"`
	Errors int    `json:"errors,omitempty"`
	// Page is whether the folder holds the timeline's pages, from the
	// latest good build.
	Page bool `json:"page"`
	// Latest is whether the latest build of the folder built or tried this
	// timeline; when false, the entry is from an earlier build.
	Latest bool `json:"-"`
}

// NewIndexEntry describes a timeline built from the file source.
func NewIndexEntry(t *pipeline.Timeline, title, source string) IndexEntry {
	e := IndexEntry{Name: t.Name, Title: cmp.Or(title, Humanise(t.Name)), Facts: t.Len(), Dated: t.Dated(),
		Source: source, Status: StatusBuilt, Page: true, Latest: true}
	if first, last, ok := t.Range(); ok {
		e.Range = pipeline.YearLabel(first.Year)
		if last.Year != first.Year {
			e.Range += " – " + pipeline.YearLabel(last.Year)
		}
	}
	return e
}

// Put adds e to the index, in place of the entry of the same name. The
// entries stay sorted by name.
func (x *Index) Put(e IndexEntry) {
	i, found := x.find(e.Name)
	if found {
		x.Entries[i] = e
		return
	}
	x.Entries = slices.Insert(x.Entries, i, e)
}

// Get gives the entry of a name.
func (x *Index) Get(name string) (IndexEntry, bool) {
	i, found := x.find(name)
	if !found {
		return IndexEntry{}, false
	}
	return x.Entries[i], true
}

// find gives where the entry of a name is, or would be.
func (x *Index) find(name string) (int, bool) {
	return slices.BinarySearchFunc(x.Entries, name, func(a IndexEntry, name string) int { return cmp.Compare(a.Name, name) })
}

// ReadIndex reads an index that WriteIndexJSON wrote.
func ReadIndex(r io.Reader) (Index, error) {
	var x Index
	err := json.NewDecoder(r).Decode(&x)
	slices.SortFunc(x.Entries, func(a, b IndexEntry) int { return cmp.Compare(a.Name, b.Name) })
	return x, err
}

// WriteIndexJSON writes the index as out/index.json keeps it.
func WriteIndexJSON(w io.Writer, x Index) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(x)
}

// WriteIndex writes out/index.html, which lists every timeline.
func WriteIndex(w io.Writer, x Index) error {
	return indexTemplate.Execute(w, struct {
		CSS template.CSS
		Index
	}{template.CSS(pageCSS), x})
}
