package charts

import (
	"timeline/internal/cite"
	"timeline/internal/locale"
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

// bibliography gives the works of t, author–date in loc's words and sorted
// by author, up to bibliographyLimit, and how many works there are.
func bibliography(t *pipeline.Timeline, loc *locale.Locale) (entries []bibEntry, total int) {
	works, total := cite.Bibliography(t, bibliographyLimit)
	words := cite.Words{And: loc.Word("RefAnd"), NoDate: loc.Word("RefNoDate"), Year: loc.Year}
	entries = make([]bibEntry, len(works))
	for k, w := range works {
		entries[k] = bibEntry{ID: w.ID, Text: w.ReferenceIn(words)}
	}
	return entries, total
}
