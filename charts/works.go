package charts

import (
	"cmp"
	"slices"
	"strings"

	"timeline/internal/cite"
	"timeline/pipeline"
)

// Citations names the files beside the page that hold its works as
// citations, for reference managers; empty when there are none.
type Citations struct {
	BibTeX, CSLJSON string
}

// bibliographyLimit is how many works the page's bibliography lists; a
// timeline with more lists the first by author, and the citation files
// hold every one.
const bibliographyLimit = 300

// bibEntry is one work of the page's bibliography.
type bibEntry struct{ ID, Text string }

// bibliography gives the works of t, author–date and sorted by author,
// up to bibliographyLimit, and how many works there are. Past
// cite.MaxWorks works, it lists none.
func bibliography(t *pipeline.Timeline) (entries []bibEntry, total int) {
	if total = cite.Count(t); total > cite.MaxWorks {
		return nil, total
	}
	total = 0
	type ranked struct {
		key  string
		year int
		i    int
	}
	// The first works by author, kept sorted as they come.
	var best []ranked
	less := func(a, b ranked) int {
		return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.year, b.year),
			strings.Compare(t.Field(a.i, pipeline.FieldTitle), t.Field(b.i, pipeline.FieldTitle)), cmp.Compare(a.i, b.i))
	}
	for i := range t.Len() {
		if t.Kind(i) != pipeline.Historiography {
			continue
		}
		total++
		r := ranked{key: sortKey(t, i), i: i}
		if d := t.Date(i); !d.IsZero() {
			r.year = d.Start.Year
		}
		if len(best) == bibliographyLimit && less(r, best[len(best)-1]) >= 0 {
			continue
		}
		at, _ := slices.BinarySearchFunc(best, r, less)
		best = slices.Insert(best, at, r)
		if len(best) > bibliographyLimit {
			best = best[:bibliographyLimit]
		}
	}
	entries = make([]bibEntry, len(best))
	for k, r := range best {
		f := t.Fact(r.i)
		entries[k] = bibEntry{ID: f.ID, Text: cite.FromFact(f).Reference()}
	}
	return entries, total
}

// sortKey is what a bibliography sorts a work by: its first author's
// name, family first, or else its title.
func sortKey(t *pipeline.Timeline, i int) string {
	for a := range pipeline.List(t.Field(i, pipeline.FieldAuthors)).All() {
		return strings.ToLower(cite.ParseName(a).Inverted())
	}
	return strings.ToLower(t.Field(i, pipeline.FieldTitle))
}
