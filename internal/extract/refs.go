package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// reference is a reference entry, read.
type reference struct {
	form                       string // which of the forms it has
	authors                    []string
	venue, volume, issue, page string
	date                       string // the publication's date, as written
}

// The forms of reference entries, as journals print them. Pages are a
// number or a range; dashes may be hyphens or en dashes.
var (
	// Paul Gregory, University of Houston, Comparative Economic Studies (2005) 47, 402–417.
	yearVolumeForm = regexp.MustCompile(`^(?:(?P<pre>.*),\s*)?(?P<venue>[^,()]+?)\s*\((?P<date>\d{4})\)\s*(?P<volume>\d+)(?:\s*\((?P<issue>\d+)\))?,\s*(?:pp?\.\s*)?(?P<page>\d+(?:\s*[-–]\s*\d+)?)\.?$`)
	// Review of Radical Political Economics, Vol. 13, No. 1, 40-54 (1981)
	volumeIssueForm = regexp.MustCompile(`^(?:(?P<pre>.*),\s*)?(?P<venue>[^,]+?),\s*Vol\.\s*(?P<volume>\d+),\s*(?:No\.\s*(?P<issue>\d+),\s*)?(?:pp?\.\s*)?(?P<page>\d+(?:\s*[-–]\s*\d+)?)\s*\((?P<date>(?:[A-Z][a-z]+\s+)?\d{4})\)\.?$`)
	// Extract From International Socialism (1st series), No.67, March 1974, p.32.
	issueDateForm = regexp.MustCompile(`^(?:(?:Extract|Reprinted|Excerpt)\s+[Ff]rom\s+)?(?P<venue>.+?),\s*No\.\s*(?P<issue>\d+),\s*(?P<date>(?:\d{1,2}\s+)?(?:[A-Z][a-z]+\s+)?\d{4}),\s*(?:pp?\.\s*(?P<page>\d+(?:\s*[-–]\s*\d+)?))?\.?$`)
)

var forms = []struct {
	name string
	re   *regexp.Regexp
}{
	{"venue (year) volume, pages", yearVolumeForm},
	{"venue, Vol., No., pages (year)", volumeIssueForm},
	{"venue, No., date, page", issueDateForm},
}

// findReference finds the first line that is a reference entry.
func findReference(lines []line) (reference, int) {
	for k, l := range lines {
		if r, ok := readReference(l.text); ok {
			return r, k
		}
	}
	return reference{}, -1
}

func readReference(s string) (reference, bool) {
	s = strings.TrimSpace(s)
	for _, f := range forms {
		m := f.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		get := func(name string) string {
			if i := f.re.SubexpIndex(name); i >= 0 {
				return strings.TrimSpace(m[i])
			}
			return ""
		}
		r := reference{form: f.name, venue: get("venue"), volume: get("volume"), issue: get("issue"), page: get("page"), date: get("date")}
		if i := f.re.SubexpIndex("pre"); i >= 0 {
			r.authors = names(m[i])
		}
		return r, true
	}
	return reference{}, false
}

// publishedIn writes venue, volume, issue and pages, one way for all:
// "Comparative Economic Studies 47, 402–417", "Review of Radical Political
// Economics 13(1), 40–54"; a periodical numbered by issue alone, with
// the issue's date: "International Socialism (1st series) No. 67, March
// 1974, p. 32".
func (r reference) publishedIn() string {
	page := strings.Join(strings.FieldsFunc(r.page, func(r rune) bool { return r == '-' || r == '–' || r == ' ' }), "–")
	var b strings.Builder
	b.WriteString(r.venue)
	switch {
	case r.volume != "":
		b.WriteString(" " + r.volume)
		if r.issue != "" {
			b.WriteString("(" + r.issue + ")")
		}
		if page != "" {
			b.WriteString(", " + page)
		}
	case r.issue != "":
		b.WriteString(" No. " + r.issue + ", " + r.date)
		if page != "" {
			if strings.Contains(page, "–") {
				b.WriteString(", pp. " + page)
			} else {
				b.WriteString(", p. " + page)
			}
		}
	}
	return b.String()
}

// institutions mark a part of an author line that is no person.
var institutions = []string{"university", "institute", "college", "school", "department", "academy", "centre", "center", "faculty", "press"}

// names gives the people an author line names: its parts between commas,
// semicolons, "and" and "&" that are two to four capitalised words.
func names(s string) []string {
	s = strings.NewReplacer(" and ", ",", " & ", ",", ";", ",").Replace(s)
	var out []string
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		words := strings.Fields(part)
		if len(words) < 2 || len(words) > 4 {
			continue
		}
		person := true
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) {
				person = false
			}
			for _, inst := range institutions {
				if strings.EqualFold(w, inst) {
					person = false
				}
			}
		}
		if person {
			out = append(out, part)
		}
	}
	return out
}

// cutAuthor splits "Title - Author" when what follows the dash is names.
func cutAuthor(s string) (title string, authors []string, ok bool) {
	for _, dash := range []string{" - ", " – ", " — "} {
		if i := strings.LastIndex(s, dash); i > 0 {
			if n := names(s[i+len(dash):]); len(n) > 0 {
				return strings.TrimSpace(s[:i]), n, true
			}
		}
	}
	return s, nil, false
}
