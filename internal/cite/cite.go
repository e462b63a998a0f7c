// Package cite turns a timeline's works into citations and back: the
// bibliography the page lists, the BibTeX and CSL-JSON files "build"
// writes beside it for Zotero and other reference managers, and the
// BibTeX, BibLaTeX and CSL-JSON files "timeline import" reads.
//
// A work is a historiography row. Its published_in is written one way,
// "Venue 13(1), 40–54", which is split back into a journal's title,
// volume, issue and pages where it has that form. What a citation format
// has no field for keeps a field of ours: BibTeX's timelinedate,
// timelineabout and timelinesource, CSL-JSON's custom object. So importing the files build
// writes gives back the same rows.
package cite

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"timeline/pipeline"
)

// Work is one work, as citations need it.
type Work struct {
	ID, Title   string
	Authors     []Name
	Date        pipeline.Date
	PublishedIn string
	// Container, Volume, Issue and Pages split PublishedIn when it has the
	// form PublishedIn writes; else Container is all of it.
	Container, Volume, Issue, Pages string
	URL, DOI                        string
	Abstract                        string
	Tags, About                     []string
	// Source is where the teacher found the work: the row's source
	// column, which no citation format has a field for.
	Source string
}

// Name is a person's name, split as citations want it.
type Name struct {
	Family, Given string
}

// String writes the name as a timeline's authors column has it: "Given
// Family".
func (n Name) String() string { return strings.TrimSpace(n.Given + " " + n.Family) }

// ParseName splits a name: "Family, Given", or else "Given Family", where
// lower-case particles before the family name go with it ("Ludwig van
// Beethoven": van Beethoven, Ludwig).
func ParseName(s string) Name {
	s = strings.Join(strings.Fields(s), " ")
	if family, given, ok := strings.Cut(s, ","); ok {
		return Name{Family: strings.TrimSpace(family), Given: strings.TrimSpace(given)}
	}
	words := strings.Fields(s)
	if len(words) <= 1 {
		return Name{Family: s}
	}
	k := len(words) - 1
	for k > 1 && isParticle(words[k-1]) {
		k--
	}
	return Name{Family: strings.Join(words[k:], " "), Given: strings.Join(words[:k], " ")}
}

func isParticle(w string) bool {
	r := []rune(w)
	return len(r) > 0 && unicode.IsLower(r[0])
}

// MaxWorks is the most works a timeline's citation files and its page's
// bibliography hold. A bibliography of more is no reading list but a data
// set, and its files would cost a build more than its pages do; the
// normalised CSV has every work.
const MaxWorks = 10_000

// Count gives how many works a timeline has.
func Count(t *pipeline.Timeline) int {
	n := 0
	for i := range t.Len() {
		if t.Kind(i) == pipeline.Historiography {
			n++
		}
	}
	return n
}

// Works gives the works of a timeline, in its order.
func Works(t *pipeline.Timeline) []Work {
	var out []Work
	for i := range t.Len() {
		if t.Kind(i) != pipeline.Historiography {
			continue
		}
		out = append(out, FromFact(t.Fact(i)))
	}
	return out
}

// FromFact gives the work a historiography row describes.
func FromFact(f pipeline.Fact) Work {
	w := Work{ID: f.ID, Title: f.Title, Date: f.Date, PublishedIn: f.PublishedIn, Abstract: f.Description}
	for a := range f.Authors.All() {
		w.Authors = append(w.Authors, ParseName(a))
	}
	w.Tags = slices.Collect(f.Tags.All())
	w.About = slices.Collect(f.About.All())
	w.Container, w.Volume, w.Issue, w.Pages = SplitPublishedIn(f.PublishedIn)
	w.URL, w.Source = f.URL, f.Source
	if doi, ok := strings.CutPrefix(f.URL, doiPrefix); ok {
		w.DOI = doi
	}
	return w
}

const doiPrefix = "https://doi.org/"

// Fact gives the row of a work.
func (w Work) Fact() pipeline.Fact {
	names := make([]string, len(w.Authors))
	for i, n := range w.Authors {
		names[i] = n.String()
	}
	f := pipeline.Fact{
		ID: w.ID, Kind: pipeline.Historiography, Title: w.Title, Date: w.Date,
		Authors:     pipeline.List(strings.Join(names, "; ")),
		PublishedIn: cmp.Or(w.PublishedIn, PublishedIn(w.Container, w.Volume, w.Issue, w.Pages)),
		Description: w.Abstract, URL: w.URL, Source: w.Source,
		Tags:  pipeline.List(strings.Join(w.Tags, "; ")),
		About: pipeline.List(strings.Join(w.About, "; ")),
	}
	if f.URL == "" && w.DOI != "" {
		f.URL = doiPrefix + w.DOI
	}
	return f
}

// PublishedIn writes a venue, volume, issue and pages as published_in:
// "Comparative Economic Studies 47, 402–417", "Review of Radical Political
// Economics 13(1), 40–54". A page range takes an en dash.
func PublishedIn(venue, volume, issue, pages string) string {
	pages = strings.Join(strings.FieldsFunc(pages, func(r rune) bool { return r == '-' || r == '–' || r == ' ' }), "–")
	s := venue
	if volume != "" {
		s += " " + volume
	}
	if issue != "" {
		if volume != "" {
			s += "(" + issue + ")"
		} else {
			s += " No. " + issue
		}
	}
	if pages != "" {
		s += ", " + pages
	}
	return strings.TrimSpace(s)
}

var publishedInForm = regexp.MustCompile(`^([^,]+?) (\d+)(?:\((\d+)\))?(?:, (\d+(?:–\d+)?))?$`)

// SplitPublishedIn splits what PublishedIn writes; anything else is all
// venue.
func SplitPublishedIn(s string) (venue, volume, issue, pages string) {
	if m := publishedInForm.FindStringSubmatch(s); m != nil {
		return m[1], m[2], m[3], m[4]
	}
	return s, "", "", ""
}

// Bibliography gives the first limit works of t as a bibliography lists
// them: by the first author's name, family first (or else the title),
// then year, then title; and how many works t has. Past MaxWorks works it
// gives none.
func Bibliography(t *pipeline.Timeline, limit int) (works []Work, total int) {
	if total = Count(t); total > MaxWorks {
		return nil, total
	}
	type ranked struct {
		key  string
		year int
		i    int
	}
	less := func(a, b ranked) int {
		return cmp.Or(strings.Compare(a.key, b.key), cmp.Compare(a.year, b.year),
			strings.Compare(t.Field(a.i, pipeline.FieldTitle), t.Field(b.i, pipeline.FieldTitle)), cmp.Compare(a.i, b.i))
	}
	// The first works, kept in order as they come.
	var first []ranked
	for i := range t.Len() {
		if t.Kind(i) != pipeline.Historiography {
			continue
		}
		r := ranked{key: sortKey(t, i), i: i}
		if d := t.Date(i); !d.IsZero() {
			r.year = d.Start.Year
		}
		if len(first) == limit && less(r, first[len(first)-1]) >= 0 {
			continue
		}
		at, _ := slices.BinarySearchFunc(first, r, less)
		first = slices.Insert(first, at, r)
		if len(first) > limit {
			first = first[:limit]
		}
	}
	works = make([]Work, len(first))
	for k, r := range first {
		works[k] = FromFact(t.Fact(r.i))
	}
	return works, total
}

// sortKey is what a bibliography sorts work i by.
func sortKey(t *pipeline.Timeline, i int) string {
	for a := range pipeline.List(t.Field(i, pipeline.FieldAuthors)).All() {
		return strings.ToLower(ParseName(a).Inverted())
	}
	return strings.ToLower(t.Field(i, pipeline.FieldTitle))
}

// Inverted writes the name family first, as a bibliography sorts it, with
// its particles after the given name: "Beethoven, Ludwig van".
func (n Name) Inverted() string {
	family, particles := n.Family, ""
	words := strings.Fields(n.Family)
	k := 0
	for k < len(words)-1 && isParticle(words[k]) {
		k++
	}
	if k > 0 {
		family, particles = strings.Join(words[k:], " "), strings.Join(words[:k], " ")
	}
	given := strings.TrimSpace(n.Given + " " + particles)
	if given == "" {
		return family
	}
	return family + ", " + given
}

// Words are the words a reference is written with in a language.
type Words struct {
	And    string           // between the last two authors, spaces included: " and "
	NoDate string           // for a work with no date: "n.d."
	Year   func(int) string // writes an astronomical year: "44 BC"
}

// English are a reference's words in English.
var English = Words{And: " and ", NoDate: "n.d.", Year: pipeline.YearLabel}

// Reference writes a work author–date: "Barker, Colin (1974). Stalinism:
// Criticism from Yugoslavia. International Socialism (1st series) No. 67,
// March 1974, p. 32."
func (w Work) Reference() string { return w.ReferenceIn(English) }

// ReferenceIn writes a work author–date with the words of a language.
func (w Work) ReferenceIn(words Words) string {
	var b strings.Builder
	for i, n := range w.Authors {
		switch {
		case i == 0:
			b.WriteString(n.Inverted())
		case i == len(w.Authors)-1:
			b.WriteString(words.And + n.String())
		default:
			b.WriteString(", " + n.String())
		}
	}
	year := words.NoDate
	if !w.Date.IsZero() {
		year = words.Year(w.Date.Start.Year)
		if w.Date.Start.Year != w.Date.End.Year {
			year += "–" + words.Year(w.Date.End.Year)
		}
	}
	if b.Len() > 0 {
		b.WriteString(" (" + year + "). " + strings.TrimSuffix(w.Title, "."))
	} else {
		// No author: the title leads.
		b.WriteString(strings.TrimSuffix(w.Title, ".") + " (" + year + ")")
	}
	if w.PublishedIn != "" {
		b.WriteString(". " + strings.TrimSuffix(w.PublishedIn, "."))
	}
	b.WriteString(".")
	return b.String()
}
