package charts

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"timeline/internal/locale"
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
	Name  string `json:"name"` // the page is Name.html
	Title string `json:"title"`
	Facts int    `json:"facts"`
	Dated int    `json:"dated"`
	// Years are the first and last years dated, astronomical (0 is 1 BC),
	// which the index writes in its language; none when nothing is dated.
	Years []int `json:"years,omitempty"`
	// Range is the years in English, "1926 – 2005", as an index an older
	// version wrote has them instead of Years.
	Range  string `json:"range,omitempty"`
	Source string `json:"source"`         // the input's file name
	Lang   string `json:"lang,omitempty"` // the lesson's language, when it names one
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

// NewIndexEntry describes a timeline built from the file source with
// the options of its page: its title and language.
func NewIndexEntry(t *pipeline.Timeline, o Options, source string) IndexEntry {
	e := IndexEntry{Name: t.Name, Title: cmp.Or(o.Intro.Title, Humanise(t.Name)), Facts: t.Len(), Dated: t.Dated(),
		Source: source, Lang: o.namedLang(), Status: StatusBuilt, Page: true, Latest: true}
	if first, last, ok := t.Range(); ok {
		e.Years = []int{first.Year, last.Year}
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

// WriteIndex writes out/index.html, which lists every timeline, in the
// language lang: the build's; else the one every timeline's lesson names,
// if they all name one; else English. A language with no words is
// written in English.
func WriteIndex(w io.Writer, x Index, lang string) error {
	lang = cmp.Or(lang, x.commonLang(), DefaultLang)
	loc, _ := locale.For(lang)
	page := indexPage{CSS: template.CSS(pageCSS), Lang: lang, RTL: IsRTL(lang), Loc: loc}
	if x.Folder != "" {
		page.Read = htmlText(loc, "Index.ReadFolder", nil, map[string]string{"Folder": code(x.Folder)})
	} else {
		files := make([]string, len(x.Named))
		for i, f := range x.Named {
			files[i] = code(f)
		}
		page.Read = htmlText(loc, "Index.ReadFiles", nil, map[string]string{"Files": strings.Join(files, ", ")})
	}
	for _, e := range x.Entries {
		page.Rows = append(page.Rows, newIndexRow(e, loc))
	}
	return indexTemplate.Execute(w, page)
}

// commonLang gives the language every entry names, or "".
func (x Index) commonLang() string {
	if len(x.Entries) == 0 {
		return ""
	}
	lang := x.Entries[0].Lang
	for _, e := range x.Entries[1:] {
		if e.Lang != lang {
			return ""
		}
	}
	return lang
}

// indexPage is what the index's template is given.
type indexPage struct {
	CSS  template.CSS
	Lang string
	RTL  bool
	Loc  *locale.Locale
	Read template.HTML // what the latest build read
	Rows []indexRow
}

// indexRow is an entry as the index shows it, in its language.
type indexRow struct {
	IndexEntry
	FactsText string // "3 (2 dated)"
	Dates     string // its range, or "undated"
	Status    template.HTML
}

func newIndexRow(e IndexEntry, loc *locale.Locale) indexRow {
	r := indexRow{IndexEntry: e, FactsText: fmt.Sprint(e.Facts), Dates: cmp.Or(e.Range, loc.Word("UndatedMark"))}
	if len(e.Years) == 2 {
		r.Dates = loc.Year(e.Years[0])
		if e.Years[1] != e.Years[0] {
			r.Dates += " – " + loc.Year(e.Years[1])
		}
	}
	if e.Dated < e.Facts {
		r.FactsText += " " + loc.Text("Index.Dated", map[string]any{"Count": e.Dated})
	}
	source := map[string]string{"Source": code(e.Source)}
	if e.Status == StatusFailed {
		source["Failed"] = "<strong>" + template.HTMLEscapeString(loc.Word("Index.Failed")) + "</strong>"
		id := "Index.NoPage"
		if e.Page {
			id = "Index.LastGood"
		}
		r.Status = htmlText(loc, id, map[string]any{"Count": e.Errors}, source)
	} else {
		r.Status = htmlText(loc, "Index.BuiltFrom", nil, source)
	}
	if !e.Latest {
		r.Status += template.HTML(" " + template.HTMLEscapeString(loc.Word("Index.Earlier")))
	}
	return r
}

// code writes a file or folder name as HTML code.
func code(name string) string { return "<code>" + template.HTMLEscapeString(name) + "</code>" }

// htmlText gives message id as HTML: its words escaped, with the fields
// of markup given as that HTML.
func htmlText(loc *locale.Locale, id string, data map[string]any, markup map[string]string) template.HTML {
	if data == nil {
		data = map[string]any{}
	}
	for k := range markup {
		data[k] = "\u27ea" + k + "\u27eb" // ⟪k⟫, which escaping leaves alone
	}
	s := template.HTMLEscapeString(loc.Text(id, data))
	for k, v := range markup {
		s = strings.ReplaceAll(s, "\u27ea"+k+"\u27eb", v)
	}
	return template.HTML(s)
}
