// Package extract proposes a timeline's rows from prose, for a person to
// review: "timeline extract". It is rule-based, with no model and no
// network.
//
// Text is read in paragraphs, split at blank lines. A paragraph holding a
// reference entry is a work: its title, authors and reference, then its
// abstract, in the paragraph or in the next one when that starts with
// "Abstract". Three forms of reference are known, as journals print them:
//
//	Comparative Economic Studies (2005) 47, 402–417.
//	Review of Radical Political Economics, Vol. 13, No. 1, 40-54 (1981)
//	Extract From International Socialism (1st series), No.67, March 1974, p.32.
//
// Each work becomes a historiography row. Every other paragraph is prose:
// each of its sentences becomes a history row, dated by the first date
// expression it holds (as pipeline.ParseDate reads it), or undated. In an
// abstract, only the dated sentences become history rows, and the work is
// linked to them; a work whose abstract dates nothing is linked to the
// dated prose rows whose names (capitalised words) its title or abstract
// holds.
//
// Page ranges, issue numbers, list markers and quantities are not dates:
// a bare number is a year only with four digits, and only where no
// "No.", "p.", "Vol." or quantity word is beside it. Every row says in
// the found_by column how it was found.
package extract

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"timeline/pipeline"
)

// FoundBy is the extra column that says how each row was found.
const FoundBy = "found_by"

// Result is the rows proposed from one text.
type Result struct {
	Facts []pipeline.Fact // each with its found_by as its one extra value
}

// Text proposes rows from text; file names it in each row's source, as
// FILE:LINE.
func Text(text, file string) *Result {
	x := &extractor{file: file, ids: map[string]bool{}}
	paras := paragraphs(text)
	for k := 0; k < len(paras); k++ {
		p := paras[k]
		if ref, at := findReference(p.lines); at >= 0 {
			var abstract []line
			if at+1 < len(p.lines) {
				abstract = p.lines[at+1:]
			} else if k+1 < len(paras) && strings.HasPrefix(strings.TrimSpace(paras[k+1].lines[0].text), "Abstract") {
				k++
				abstract = paras[k].lines
			}
			x.work(p.lines[:at], p.lines[at], ref, abstract)
			continue
		}
		x.prose(p.lines)
	}
	x.link()
	return &x.res
}

// line is a line of the text, with its number.
type line struct {
	n    int
	text string
}

type paragraph struct{ lines []line }

func paragraphs(text string) []paragraph {
	var out []paragraph
	var cur []line
	for i, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(l) == "" {
			if cur != nil {
				out = append(out, paragraph{cur})
				cur = nil
			}
			continue
		}
		cur = append(cur, line{i + 1, strings.TrimSpace(l)})
	}
	if cur != nil {
		out = append(out, paragraph{cur})
	}
	return out
}

// extractor holds the rows found so far.
type extractor struct {
	file  string
	res   Result
	ids   map[string]bool
	works []work
	dated []dated // the dated rows of prose
}

// dated is a dated row of prose, with its date expression.
type dated struct {
	fact int
	expr string
}

// work is a work found, for linking.
type work struct {
	fact int    // its row
	own  []int  // the history rows of its abstract
	text string // its title and abstract
}

// add adds a row with a unique id, derived from its title and date.
func (x *extractor) add(f pipeline.Fact, foundBy string) int {
	base := pipeline.DeriveID(f.Title, f.Date)
	id := base
	for n := 2; x.ids[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	x.ids[id] = true
	f.ID = id
	f.Extra = []string{foundBy}
	x.res.Facts = append(x.res.Facts, f)
	return len(x.res.Facts) - 1
}

func (x *extractor) source(n int) string { return fmt.Sprintf("%s:%d", x.file, n) }

// prose makes a history row of each sentence.
func (x *extractor) prose(lines []line) {
	for _, s := range sentences(lines) {
		expr, d, ok := findDate(s.text)
		f := pipeline.Fact{Kind: pipeline.History, Description: s.text, Source: x.source(s.line)}
		if !ok {
			f.Title = shortTitle(s.text, "")
			x.add(f, "a sentence with no date: undated")
			continue
		}
		f.Date, f.Title = d, shortTitle(s.text, expr)
		x.dated = append(x.dated, dated{x.add(f, fmt.Sprintf("the date expression %q in a sentence", expr)), expr})
	}
}

// work makes a historiography row of a reference entry, with its title
// and authors from the lines before it, and history rows of its
// abstract's dated sentences.
func (x *extractor) work(head []line, refLine line, ref reference, abstract []line) {
	title, authors := "", ref.authors
	for k, l := range head {
		t := l.text
		if k == 0 {
			// "Title - Author" on one line.
			if a, b, ok := cutAuthor(t); ok {
				title, authors = a, append(authors, b...)
				continue
			}
			title = t
			continue
		}
		authors = append(authors, names(t)...)
	}
	if title == "" {
		title = ref.venue
	}
	w := pipeline.Fact{
		Kind: pipeline.Historiography, Title: strings.TrimSuffix(title, "."),
		Authors: pipeline.List(strings.Join(unique(authors), "; ")), PublishedIn: ref.publishedIn(),
		Source: x.source(refLine.n),
	}
	if d, err := pipeline.ParseDate(ref.date); err == nil {
		w.Date = d
	}
	var own []int
	all := []string{w.Title}
	for k, s := range sentences(abstract) {
		all = append(all, s.text)
		s.text = strings.TrimSpace(strings.TrimPrefix(s.text, "Abstract:"))
		if k == 0 {
			w.Description = s.text
		}
		if expr, d, ok := findDate(s.text); ok {
			f := pipeline.Fact{Kind: pipeline.History, Date: d, Title: shortTitle(s.text, expr), Description: s.text, Source: x.source(s.line)}
			own = append(own, x.add(f, fmt.Sprintf("the date expression %q in the abstract of %q", expr, w.Title)))
		}
	}
	at := x.add(w, fmt.Sprintf("a reference entry (%s)", ref.form))
	x.works = append(x.works, work{fact: at, own: own, text: strings.Join(all, " ")})
}

// link proposes each work's about: the history rows of its abstract, or
// else the dated prose rows whose names its title or abstract holds.
func (x *extractor) link() {
	for _, w := range x.works {
		f := &x.res.Facts[w.fact]
		var about []string
		why := ""
		if len(w.own) > 0 {
			for _, i := range w.own {
				about = append(about, x.res.Facts[i].ID)
			}
			why = "its abstract dates it"
		} else {
			for _, d := range x.dated {
				for _, name := range subjects(x.res.Facts[d.fact].Description, d.expr) {
					if containsWord(w.text, name) {
						about = append(about, x.res.Facts[d.fact].ID)
						why = fmt.Sprintf("it names %s, as %s does", name, x.res.Facts[d.fact].Source)
						break
					}
				}
			}
		}
		if len(about) > 0 {
			f.About = pipeline.List(strings.Join(about, "; "))
			f.Extra[0] += "; about: " + why
		}
	}
}

// sentence is a sentence and the line it starts on.
type sentence struct {
	line int
	text string
}

// abbreviations end with a full stop that ends no sentence.
var abbreviations = map[string]bool{"c": true, "ca": true, "no": true, "p": true, "pp": true, "vol": true, "e.g": true, "i.e": true,
	"dr": true, "mr": true, "mrs": true, "st": true, "vs": true, "cf": true, "ed": true, "eds": true, "al": true, "fig": true}

// sentences splits lines into sentences: at a full stop, a question or
// an exclamation mark followed by a capital or a quote, but not after an
// abbreviation or an initial.
func sentences(lines []line) []sentence {
	var out []sentence
	var cur strings.Builder
	start := 0
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, sentence{start, s})
		}
		cur.Reset()
	}
	for _, l := range lines {
		if cur.Len() == 0 {
			start = l.n
		} else {
			cur.WriteByte(' ')
		}
		t := l.text
		for i := 0; i < len(t); {
			r, size := utf8.DecodeRuneInString(t[i:])
			cur.WriteRune(r)
			i += size
			if r != '.' && r != '?' && r != '!' {
				continue
			}
			rest := strings.TrimLeft(t[i:], "”’\")")
			cur.WriteString(t[i : len(t)-len(rest)])
			i = len(t) - len(rest)
			if rest != "" && !startsSentence(rest) {
				continue
			}
			if r == '.' && isAbbreviation(cur.String()) {
				continue
			}
			flush()
			start = l.n
		}
	}
	flush()
	return out
}

// startsSentence: after a space, a capital, a digit or an opening quote.
func startsSentence(rest string) bool {
	if !strings.HasPrefix(rest, " ") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(rest, " "))
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("“‘\"(", r)
}

// isAbbreviation tells whether s ends with an abbreviation or an
// initial and its full stop.
func isAbbreviation(s string) bool {
	s = strings.TrimSuffix(s, ".")
	k := strings.LastIndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '(' })
	word := s[k+1:]
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
		return true
	}
	return abbreviations[strings.ToLower(word)]
}

// shortTitle gives a clause's short title: the words before its date
// expression, when they say something, else the words after it; cut to
// ten words.
func shortTitle(s, expr string) string {
	if expr != "" {
		before, after, _ := strings.Cut(s, expr)
		words := strings.Fields(before)
		for n := len(words); n > 0 && leadIns[strings.ToLower(strings.Trim(words[n-1], ",;:–"))]; n = len(words) {
			words = words[:n-1]
		}
		if len(words) >= 3 {
			s = strings.Join(words, " ")
		} else {
			s = strings.TrimLeft(after, " ,;:")
			if r, size := utf8.DecodeRuneInString(s); size > 0 {
				s = string(unicode.ToUpper(r)) + s[size:]
			}
		}
	}
	s = strings.TrimRight(s, ".!?,;:– ")
	words := strings.Fields(s)
	if len(words) > 10 {
		words = words[:10]
		for len(words) > 1 && leadIns[strings.ToLower(strings.Trim(words[len(words)-1], ",;:–"))] {
			words = words[:len(words)-1]
		}
		return strings.TrimSpace(strings.TrimRight(strings.Join(words, " "), ",;:–- ")) + "…"
	}
	return strings.Join(words, " ")
}

// leadIns are words that lead to a date, or end a cut title badly.
var leadIns = map[string]bool{"in": true, "on": true, "at": true, "by": true, "during": true, "since": true, "until": true,
	"of": true, "the": true, "a": true, "an": true, "and": true, "or": true, "to": true, "for": true, "with": true, "from": true, "when": true}

// subjects gives the names a sentence holds, outside its date
// expression: its capitalised words of four letters or more, but the
// first word's when it only starts the sentence.
func subjects(s, expr string) []string {
	if expr != "" {
		s = strings.Replace(s, expr, " ", 1)
	}
	var out []string
	for k, w := range strings.Fields(s) {
		w = strings.Trim(w, ",.;:“”‘’\"'()–")
		r, _ := utf8.DecodeRuneInString(w)
		if utf8.RuneCountInString(w) < 4 || !unicode.IsUpper(r) || leadIns[strings.ToLower(w)] || k == 0 && starters[strings.ToLower(w)] {
			continue
		}
		out = append(out, strings.TrimSuffix(strings.TrimSuffix(w, "’s"), "'s"))
	}
	return unique(out)
}

// starters begin sentences without naming anything.
var starters = map[string]bool{"this": true, "that": true, "these": true, "those": true, "some": true, "many": true, "most": true,
	"there": true, "here": true, "under": true, "during": true, "after": true, "before": true, "while": true, "however": true}

// containsWord tells whether s holds word as a whole word.
func containsWord(s, word string) bool {
	for at := 0; word != ""; {
		i := strings.Index(s[at:], word)
		if i < 0 {
			return false
		}
		start, end := at+i, at+i+len(word)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if (start == 0 || !unicode.IsLetter(before)) && (end == len(s) || !unicode.IsLetter(after)) {
			return true
		}
		at = start + 1
	}
	return false
}

func unique(items []string) []string {
	var out []string
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" && !slices.Contains(out, it) {
			out = append(out, it)
		}
	}
	return out
}
