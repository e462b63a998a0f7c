package importer

import (
	"fmt"
	"io"

	"timeline/internal/cite"
	"timeline/pipeline"
)

// BibTeX converts a BibTeX or BibLaTeX file, as Zotero exports it: each
// entry a historiography row, its citation key the id.
func BibTeX(src string) (*Result, error) {
	entries, err := cite.ParseBibTeX(src)
	if err != nil {
		return nil, err
	}
	res := worksResult("BibTeX", len(entries), func(i int) (cite.Work, []cite.Field) { return entries[i].Work() })
	res.Mappings = []Mapping{
		{"citation key", "id"},
		{"title", "title"},
		{"author (or else editor)", "authors, each as Given Family"},
		{"date, or year, month and day", "date"},
		{"journal or journaltitle or booktitle, volume, number, pages", "published_in, as Venue 13(1), 40–54"},
		{"howpublished", "published_in, when there is no journal"},
		{"doi, or else url", "url, a DOI as https://doi.org/…"},
		{"abstract", "description"},
		{"keywords", "tags"},
		{"other fields", "kept as extra columns of their names"},
	}
	for i, e := range entries {
		if e.Key == "" {
			res.Notes = append(res.Notes, fmt.Sprintf("line %d: @%s has no citation key: its id is derived", e.Line, e.Type))
		}
		if res.Facts[i].Date.Text != "" && res.Facts[i].Date.Start == (pipeline.Day{}) {
			res.Notes = append(res.Notes, fmt.Sprintf("line %d: the date %q is not one the timeline reads: fix it in the CSV", e.Line, res.Facts[i].Date.Text))
		}
	}
	return res, nil
}

// CSLJSON converts CSL-JSON, as Zotero exports it: each item a
// historiography row, its citation key, or else its id, the id.
func CSLJSON(r io.Reader) (*Result, error) {
	ws, rest, err := cite.ReadCSLJSON(r)
	if err != nil {
		return nil, err
	}
	res := worksResult("CSL-JSON", len(ws), func(i int) (cite.Work, []cite.Field) { return ws[i], rest[i] })
	res.Mappings = []Mapping{
		{"citation-key, or else id", "id"},
		{"title", "title"},
		{"author (or else editor)", "authors, each as Given Family"},
		{"issued: date-parts, season, circa, literal, raw or EDTF", "date"},
		{"container-title, volume, issue, page", "published_in, as Venue 13(1), 40–54"},
		{"DOI, or else URL", "url, a DOI as https://doi.org/…"},
		{"abstract", "description"},
		{"keyword", "tags"},
		{"other fields", "kept as extra columns of their names"},
	}
	return res, nil
}

// worksResult makes the rows of n works, with the fields each leaves as
// extra columns.
func worksResult(format string, n int, work func(i int) (cite.Work, []cite.Field)) *Result {
	res := &Result{Format: format}
	var extra extraColumns
	for i := range n {
		w, rest := work(i)
		f := w.Fact()
		for _, x := range rest {
			extra.add(&f, x.Name, x.Value)
		}
		res.Facts = append(res.Facts, f)
	}
	res.Columns.Extra = extra.names
	return res
}
