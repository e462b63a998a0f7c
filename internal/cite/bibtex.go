package cite

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"timeline/pipeline"
)

// Field is one field of a citation, by name, as text.
type Field struct{ Name, Value string }

// Entry is one BibTeX or BibLaTeX entry: its type, its citation key and
// its fields, in order, with macros expanded and TeX turned into text.
type Entry struct {
	Type, Key string
	Fields    []Field
	Line      int // where it starts
}

// Get gives a field's value, or "".
func (e Entry) Get(name string) string {
	for _, f := range e.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// ParseError is a problem in a BibTeX file, at a line.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// months are BibTeX's month macros.
var months = map[string]string{"jan": "1", "feb": "2", "mar": "3", "apr": "4", "may": "5", "jun": "6",
	"jul": "7", "aug": "8", "sep": "9", "oct": "10", "nov": "11", "dec": "12"}

// ParseBibTeX reads the entries of a BibTeX or BibLaTeX file. @string
// macros, the month macros and # concatenation are expanded; @comment and
// @preamble are skipped, as is text between entries.
func ParseBibTeX(src string) ([]Entry, error) {
	p := &bibParser{src: src, line: 1, macros: map[string]string{}}
	for k, v := range months {
		p.macros[k] = v
	}
	var out []Entry
	for {
		if !p.skipTo('@') {
			return out, nil
		}
		start := p.line
		typ := strings.ToLower(p.ident())
		p.space()
		open := p.next()
		if open != '{' && open != '(' {
			return out, p.errorf("@%s: want { after it", typ)
		}
		close := byte('}')
		if open == '(' {
			close = ')'
		}
		switch typ {
		case "comment":
			if err := p.skipBalanced(open, close); err != nil {
				return out, err
			}
			continue
		case "preamble":
			if _, err := p.value(close); err != nil {
				return out, err
			}
			p.space()
			p.next()
			continue
		case "string":
			fields, err := p.fields(close)
			if err != nil {
				return out, err
			}
			for _, f := range fields {
				p.macros[f.Name] = f.Value
			}
			continue
		case "":
			return out, p.errorf("an @ with no entry type")
		}
		p.space()
		key := strings.TrimSpace(p.until(",", close))
		if p.peek() == ',' {
			p.next()
		}
		fields, err := p.fields(close)
		if err != nil {
			return out, err
		}
		out = append(out, Entry{Type: typ, Key: key, Fields: fields, Line: start})
	}
}

type bibParser struct {
	src    string
	pos    int
	line   int
	macros map[string]string
}

func (p *bibParser) errorf(format string, args ...any) error {
	return &ParseError{Line: p.line, Msg: fmt.Sprintf(format, args...)}
}

func (p *bibParser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *bibParser) next() byte {
	c := p.peek()
	if p.pos < len(p.src) {
		p.pos++
		if c == '\n' {
			p.line++
		}
	}
	return c
}

func (p *bibParser) space() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t' || p.src[p.pos] == '\n' || p.src[p.pos] == '\r') {
		p.next()
	}
}

// skipTo moves past the next c, and tells whether there was one.
func (p *bibParser) skipTo(c byte) bool {
	for p.pos < len(p.src) {
		if p.next() == c {
			return true
		}
	}
	return false
}

func (p *bibParser) ident() string {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("_-:.+/", c) >= 0) {
			break
		}
		p.next()
	}
	return p.src[start:p.pos]
}

// until reads up to one of stops, or the close, not past them.
func (p *bibParser) until(stops string, close byte) string {
	start := p.pos
	for p.pos < len(p.src) && strings.IndexByte(stops, p.src[p.pos]) < 0 && p.src[p.pos] != close {
		p.next()
	}
	return p.src[start:p.pos]
}

func (p *bibParser) skipBalanced(open, close byte) error {
	depth := 1
	for p.pos < len(p.src) {
		switch p.next() {
		case open:
			depth++
		case close:
			if depth--; depth == 0 {
				return nil
			}
		}
	}
	return p.errorf("the file ends inside an entry")
}

// fields reads name = value pairs up to the entry's close.
func (p *bibParser) fields(close byte) ([]Field, error) {
	var out []Field
	for {
		p.space()
		switch p.peek() {
		case close:
			p.next()
			return out, nil
		case 0:
			return out, p.errorf("the file ends inside an entry")
		case ',':
			p.next()
			continue
		}
		name := strings.ToLower(p.ident())
		if name == "" {
			return out, p.errorf("want a field name, not %q", string(p.peek()))
		}
		p.space()
		if p.next() != '=' {
			return out, p.errorf("field %s: want = after its name", name)
		}
		v, err := p.value(close)
		if err != nil {
			return out, err
		}
		out = append(out, Field{name, v})
	}
}

// value reads a field's value: braced or quoted text, numbers and macros,
// joined with #.
func (p *bibParser) value(close byte) (string, error) {
	var b strings.Builder
	for {
		p.space()
		switch c := p.peek(); {
		case c == '{' || c == '"':
			p.next()
			end := byte('}')
			if c == '"' {
				end = '"'
			}
			s, err := p.braced(end)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		case c >= '0' && c <= '9':
			b.WriteString(p.ident())
		case c == 0:
			return "", p.errorf("the file ends inside a value")
		default:
			name := strings.ToLower(p.ident())
			if name == "" {
				return "", p.errorf("want a value, not %q", string(c))
			}
			v, ok := p.macros[name]
			if !ok {
				return "", p.errorf("no @string named %s", name)
			}
			b.WriteString(v)
		}
		p.space()
		if p.peek() != '#' {
			return TeXText(b.String()), nil
		}
		p.next()
	}
}

// braced reads raw text up to end at brace depth 0.
func (p *bibParser) braced(end byte) (string, error) {
	start, depth := p.pos, 0
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '\\' && p.pos+1 < len(p.src):
			p.next()
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == end && depth == 0:
			s := p.src[start:p.pos]
			p.next()
			return s, nil
		case c == '}':
			return "", p.errorf("a } that closes nothing")
		}
		p.next()
	}
	return "", p.errorf("the file ends inside a value")
}

// accents are TeX's accent commands, with the combining mark each puts on
// a letter.
var accents = map[string]rune{"'": '\u0301', "`": '\u0300', "^": '\u0302', "\"": '\u0308', "~": '\u0303', "=": '\u0304',
	".": '\u0307', "u": '\u0306', "v": '\u030C', "H": '\u030B', "c": '\u0327', "k": '\u0328', "r": '\u030A', "d": '\u0323', "b": '\u0331'}

// symbols are TeX's commands for letters and signs.
var symbols = map[string]string{"aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø", "O": "Ø",
	"ss": "ß", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}",
	"textendash": "–", "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
	"textquotedblright": "”", "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^", "ldots": "…", "dots": "…", "textellipsis": "…", " ": " ", "S": "§", "P": "¶", "copyright": "©"}

// TeXText turns a field's TeX into text: accents and symbols into their
// characters, -- and --- into dashes, ~ into a space, and the braces that
// protect case dropped.
func TeXText(s string) string {
	if !strings.ContainsAny(s, "\\{}~-") {
		return collapse(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{' || c == '}':
			i++
		case c == '~':
			b.WriteByte(' ')
			i++
		case strings.HasPrefix(s[i:], "---"):
			b.WriteString("—")
			i += 3
		case strings.HasPrefix(s[i:], "--"):
			b.WriteString("–")
			i += 2
		case c == '\\' && i+1 < len(s):
			i = texCommand(&b, s, i+1)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			b.WriteRune(r)
			i += size
		}
	}
	return collapse(b.String())
}

// texCommand writes the command that starts at s[i], after its
// backslash, and gives where it ends.
func texCommand(b *strings.Builder, s string, i int) int {
	j := i + 1
	if unicode.IsLetter(rune(s[i])) {
		for j < len(s) && unicode.IsLetter(rune(s[j])) {
			j++
		}
	}
	name := s[i:j]
	if mark, ok := accents[name]; ok {
		// The letter it marks: \'e, \'{e}, \c c, {\"o}.
		k := j
		for k < len(s) && s[k] == ' ' && unicode.IsLetter(rune(name[0])) {
			k++
		}
		braced := k < len(s) && s[k] == '{'
		if braced {
			k++
		}
		if k < len(s) && s[k] == '\\' { // \'{\i}
			k++
			if k < len(s) && (s[k] == 'i' || s[k] == 'j') {
				b.WriteString(composed(rune(s[k]), mark))
				k++
				if braced && k < len(s) && s[k] == '}' {
					k++
				}
				return k
			}
		}
		if k < len(s) {
			r, size := utf8.DecodeRuneInString(s[k:])
			b.WriteString(composed(r, mark))
			k += size
			if braced && k < len(s) && s[k] == '}' {
				k++
			}
			return k
		}
		return k
	}
	if sym, ok := symbols[name]; ok {
		// A command's name ends at a space, which is not text.
		if unicode.IsLetter(rune(name[0])) && j < len(s) && s[j] == ' ' {
			j++
		}
		b.WriteString(sym)
		return j
	}
	// Anything else: its argument's text, if any.
	return j
}

// composed gives a letter with a combining mark, composed where Unicode
// has the composed character.
func composed(r rune, mark rune) string {
	return norm.NFC.String(string(r) + string(mark))
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// WriteBibTeX writes works as BibTeX: @article for a work with a volume
// or pages, else @misc. Dates go in date (BibLaTeX, as EDTF) and year,
// month and day; timelinedate keeps the date as written and
// timelineabout what the work studies.
func WriteBibTeX(w io.Writer, works []Work) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	for k, wk := range works {
		if k > 0 {
			bw.WriteString("\n")
		}
		typ := "misc"
		if wk.Volume != "" || wk.Pages != "" {
			typ = "article"
		}
		bw.WriteString("@" + typ + "{" + bibKey(wk.ID) + ",\n")
		raw := func(name, v string) {
			if v != "" {
				bw.WriteString("  " + name + " = {" + v + "},\n")
			}
		}
		field := func(name, v string) { raw(name, bibEscape(v)) }
		field("title", wk.Title)
		names := make([]string, len(wk.Authors))
		for i, n := range wk.Authors {
			names[i] = strings.TrimSuffix(n.Family+", "+n.Given, ", ")
		}
		field("author", strings.Join(names, " and "))
		if !wk.Date.IsZero() {
			field("date", wk.Date.EDTF)
			if wk.Date.Start.Year == wk.Date.End.Year && !wk.Date.OpenStart {
				field("year", strconv.Itoa(wk.Date.Start.Year))
				if wk.Date.Precision <= pipeline.PrecisionMonth {
					field("month", strconv.Itoa(wk.Date.Start.Month))
				}
				if wk.Date.Precision == pipeline.PrecisionDay {
					field("day", strconv.Itoa(wk.Date.Start.Day))
				}
			}
			field("timelinedate", wk.Date.Text)
		}
		if typ == "article" {
			field("journal", wk.Container)
			field("volume", wk.Volume)
			field("number", wk.Issue)
			// A range of pages takes TeX's en dash.
			raw("pages", strings.ReplaceAll(bibEscape(strings.ReplaceAll(wk.Pages, "–", "\x00")), "\x00", "--"))
		} else {
			field("howpublished", wk.PublishedIn)
		}
		field("doi", wk.DOI)
		if wk.DOI == "" {
			field("url", wk.URL)
		}
		field("abstract", wk.Abstract)
		field("keywords", strings.Join(wk.Tags, ", "))
		field("timelineabout", strings.Join(wk.About, ", "))
		field("timelinesource", wk.Source)
		bw.WriteString("}\n")
	}
	return bw.Flush()
}

// bibKey makes an id a citation key: BibTeX's keys take no spaces, commas
// or braces.
func bibKey(id string) string {
	if !strings.ContainsAny(id, " \t\n\r,{}()\"#%'=~\\") {
		return id
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune(",{}()\"#%'=~\\", r) {
			return '-'
		}
		return r
	}, id)
}

// bibEscape writes text for a braced BibTeX value: the signs TeX reads
// escaped, hyphens kept apart so that TeX makes no dash of them, and
// braces balanced.
func bibEscape(s string) string {
	if !strings.ContainsAny(s, "\\{}&%$#_~^") && !strings.Contains(s, "--") {
		return s
	}
	var b strings.Builder
	prev := rune(0)
	for _, r := range s {
		if r == '-' && prev == '-' {
			b.WriteString("{}") // "--" is a dash to TeX: keep two hyphens
		}
		prev = r
		switch r {
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '{', '}', '&', '%', '$', '#', '_':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ParseKeyList splits a list written with commas or semicolons.
func ParseKeyList(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return slices.DeleteFunc(parts, func(p string) bool { return p == "" })
}

// bibMapped are the fields Work reads; the others pass through.
var bibMapped = map[string]bool{"title": true, "author": true, "editor": true, "date": true, "year": true, "month": true, "day": true,
	"journal": true, "journaltitle": true, "booktitle": true, "volume": true, "number": true, "issue": true, "pages": true,
	"doi": true, "url": true, "abstract": true, "keywords": true, "howpublished": true, "timelinedate": true, "timelineabout": true, "timelinesource": true}

// Work gives the work an entry describes, and its fields that Work does
// not read, to pass through. Editors stand as authors when there are no
// authors. The venue is the journal, or else the book the work is in, or
// howpublished; the date is timelinedate, or else date, or else year,
// month and day.
func (e Entry) Work() (Work, []Field) {
	w := Work{ID: e.Key, Title: e.Get("title"), Abstract: e.Get("abstract"), DOI: e.Get("doi"), URL: e.Get("url")}
	people := e.Get("author")
	if people == "" {
		people = e.Get("editor")
	}
	for _, n := range splitAnd(people) {
		w.Authors = append(w.Authors, ParseName(n))
	}
	w.Container = cmp.Or(e.Get("journal"), e.Get("journaltitle"), e.Get("booktitle"))
	w.Volume, w.Issue, w.Pages = e.Get("volume"), cmp.Or(e.Get("number"), e.Get("issue")), e.Get("pages")
	if w.Container != "" {
		w.PublishedIn = PublishedIn(w.Container, w.Volume, w.Issue, w.Pages)
	} else {
		w.PublishedIn = e.Get("howpublished")
	}
	if w.DOI != "" {
		w.DOI = strings.TrimPrefix(strings.TrimPrefix(w.DOI, "https://doi.org/"), "doi:")
		w.URL = doiPrefix + w.DOI
	}
	w.Tags = ParseKeyList(e.Get("keywords"))
	w.About = ParseKeyList(e.Get("timelineabout"))
	w.Source = e.Get("timelinesource")
	w.Date = bibDate(e)
	var rest []Field
	for _, f := range e.Fields {
		if !bibMapped[f.Name] || f.Name == "editor" && e.Get("author") != "" || f.Name == "url" && e.Get("doi") != "" {
			rest = append(rest, f)
		}
	}
	return w, rest
}

// splitAnd splits BibTeX's "A and B and C".
func splitAnd(s string) []string {
	var out []string
	for _, part := range strings.Split(s, " and ") {
		if part = strings.TrimSpace(part); part != "" && part != "others" {
			out = append(out, part)
		}
	}
	return out
}

// bibDate reads an entry's date. An unreadable one is kept as written,
// for check to report.
func bibDate(e Entry) pipeline.Date {
	text := cmp.Or(e.Get("timelinedate"), e.Get("date"))
	if text == "" {
		text = e.Get("year")
		if m := e.Get("month"); text != "" && m != "" {
			if n, err := strconv.Atoi(m); err == nil && n >= 1 && n <= 12 {
				m = fmt.Sprintf("%02d", n)
			} else if n, ok := months[strings.ToLower(m)[:min(3, len(m))]]; ok {
				k, _ := strconv.Atoi(n)
				m = fmt.Sprintf("%02d", k)
			}
			text += "-" + m
			if d := e.Get("day"); d != "" {
				if n, err := strconv.Atoi(d); err == nil {
					text += fmt.Sprintf("-%02d", n)
				}
			}
		}
	}
	return readDate(text)
}

// readDate reads a date a citation gives. One the timeline cannot read is
// kept as written, for check to report.
func readDate(text string) pipeline.Date {
	d, err := pipeline.ParseDate(text)
	if err != nil {
		return pipeline.Date{Text: text}
	}
	return d
}
