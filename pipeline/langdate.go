package pipeline

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"timeline/internal/locale"

	"golang.org/x/text/unicode/norm"
)

// A DateReader reads dates written in a lesson's language as well as in
// English: "5. März 1953", "um 1929", "1930er", "44 v. Chr." in German.
// Its month names and era words are CLDR's (see internal/locale), its
// circa, decade and filler words its catalogue's. English forms always
// read; a form that reads one way in English and another in the
// language, or as two months, or as day–month and month–day, is an
// ErrAmbiguous error that names both readings.
type DateReader struct {
	loc     *locale.Locale
	phrases []phrase // longest first
	months  map[string]int
	decades []*regexp.Regexp
}

// phrase is a word or words of the language and what it is in English.
type phrase struct{ from, to string }

// DatesIn gives the reader of dates in a language, a BCP 47 tag. English,
// and a language with no catalogue, give nil, which reads English only.
func DatesIn(lang string) *DateReader {
	l, ok := locale.For(lang)
	if !ok || l.Tag == locale.Default {
		return nil
	}
	return newDateReader(l)
}

func newDateReader(l *locale.Locale) *DateReader {
	r := &DateReader{loc: l, months: map[string]int{}}
	lower := func(s string) string { return strings.ToLower(norm.NFC.String(s)) }
	add := func(from, to string) {
		if from = lower(strings.TrimSpace(from)); from != "" {
			r.phrases = append(r.phrases, phrase{from, to})
		}
	}
	for _, w := range l.BC {
		add(w, " bc ")
	}
	for _, w := range l.AD {
		add(w, " ad ")
	}
	for _, w := range l.List("Parse.Circa") {
		add(w, " c. ")
	}
	for _, w := range l.List("Parse.Drop") {
		add(w, " ")
	}
	for _, f := range l.List("Parse.Decade") {
		before, after, _ := strings.Cut(f, "{{.Decade}}")
		pat := regexp.QuoteMeta(lower(before)) + `(\d{2,3}0)` + regexp.QuoteMeta(lower(after))
		r.decades = append(r.decades, regexp.MustCompile(`(^|\s)`+pat+`(\s|$|[–—-])`))
	}
	// The letters a day pattern puts before a month's name, as Hebrew's
	// "ב" in "5 במרץ 1953".
	before := ""
	if _, rest, ok := strings.Cut(l.Patterns.Day, "{d}"); ok {
		if i := strings.Index(rest, "{MMM}"); i > 0 {
			before = strings.TrimSpace(rest[:i])
		}
	}
	for m := range 12 {
		for _, names := range [][12]string{l.Months, l.MonthsAbbr, l.StandAlone, l.StandAloneAbbr} {
			name := lower(names[m])
			r.months[strings.TrimSuffix(name, ".")] = m + 1
			add(name, " "+strings.ToLower(monthNames[m])+" ")
			if before != "" && !strings.ContainsAny(before, " .") {
				add(lower(before)+name, " "+strings.ToLower(monthNames[m])+" ")
			}
		}
	}
	slices.SortStableFunc(r.phrases, func(a, b phrase) int { return cmp.Compare(len(b.from), len(a.from)) })
	return r
}

// Parse reads a date in the reader's language or in English. A nil reader
// reads English only, as ParseDate does.
func (r *DateReader) Parse(text string) (Date, error) {
	d, err := ParseDate(text)
	if r == nil {
		return d, err
	}
	text = strings.TrimSpace(text)
	if err == nil && !strings.ContainsFunc(text, unicode.IsLetter) && !numericDate.MatchString(text) {
		return d, nil // digits and signs alone: English's reading is the only one
	}
	s, rerr := r.english(text)
	if rerr != nil {
		return Date{}, &DateError{Text: text, Err: rerr}
	}
	if s == strings.ToLower(text) || s == "" {
		return d, err // nothing of the language, or nothing but its filler words
	}
	ld, lerr := ParseDate(s)
	switch {
	case lerr != nil:
		return d, err
	case err == nil && !sameDate(d, ld):
		return Date{}, &DateError{Text: text, Err: because(ErrAmbiguous, "reads two ways: in English %s, in %s %s; write the month in words",
			readingOf(d), r.loc.Tag, readingOf(ld))}
	}
	ld.Text = text
	return ld, nil
}

// sameDate tells whether two readings of a date mean the same.
func sameDate(a, b Date) bool {
	return a.Span == b.Span && a.Precision == b.Precision && a.Approximate == b.Approximate
}

// readingOf writes what a date means, as its range of days.
func readingOf(d Date) string {
	if d.Start == d.End {
		return d.Start.String()
	}
	return d.Start.String() + " to " + d.End.String()
}

var (
	dayDot      = regexp.MustCompile(`(\d)\.(\s|$|[–—-])`)
	eraFirst    = regexp.MustCompile(`\bbc\s*(\d[\d,. ]*)`)
	adFirst     = regexp.MustCompile(`\bad\s*(\d[\d,. ]*)`)
	yearMonth   = regexp.MustCompile(`(\d{3,})\s+(` + monthPattern() + `)(?:\s+(\d{1,2}))?\b`)
	numericDate = regexp.MustCompile(`^(\d{1,2})([./])(\d{1,2})[./](\d{3,4})\.?$`)
	spaces      = regexp.MustCompile(`\s+`)
	letters     = regexp.MustCompile(`\pL[\pL\pM'׳״]*\.?`)
)

func monthPattern() string {
	var names []string
	for _, m := range monthNames {
		names = append(names, strings.ToLower(m))
	}
	return strings.Join(names, "|")
}

// english rewrites text in the reader's language as English that
// ParseDate reads, in lower case: "5. März 1953" becomes "5 march 1953".
func (r *DateReader) english(text string) (string, error) {
	s := strings.ToLower(norm.NFC.String(text))
	s = asciiDigits(s)
	if m := numericDate.FindStringSubmatch(s); m != nil {
		return r.numeric(m)
	}
	for _, re := range r.decades {
		s = re.ReplaceAllString(s, "${1}${2}s${3}") // "1930er" is "1930s"
	}
	s = r.replacePhrases(s)
	var err error
	s = letters.ReplaceAllStringFunc(s, func(w string) string {
		if err != nil || isEnglishWord(w) {
			return w
		}
		m, rerr := r.monthByPrefix(w)
		if rerr != nil {
			err = rerr
		}
		if m == 0 {
			return w
		}
		return strings.ToLower(monthNames[m-1])
	})
	if err != nil {
		return "", err
	}
	s = dayDot.ReplaceAllString(s, "$1$2")
	s = eraFirst.ReplaceAllString(s, "$1 bc")
	s = adFirst.ReplaceAllString(s, "$1 ad")
	s = yearMonth.ReplaceAllString(s, "$3 $2 $1") // "1953 march 5" is "5 march 1953"
	return strings.TrimSpace(spaces.ReplaceAllString(s, " ")), nil
}

// replacePhrases puts English for each of the reader's phrases that stands
// as a word or words of its own: at the text's ends, or beside a space, a
// digit or punctuation. Han, kana and Hangul, written without spaces,
// border on anything.
func (r *DateReader) replacePhrases(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		hit := false
		for _, p := range r.phrases {
			if strings.HasPrefix(s[i:], p.from) && border(s[:i], p.from, s[i+len(p.from):]) {
				b.WriteString(p.to)
				i += len(p.from)
				hit = true
				break
			}
		}
		if !hit {
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}

func border(before, word, after string) bool {
	first, _ := utf8.DecodeRuneInString(word)
	last, _ := utf8.DecodeLastRuneInString(word)
	if r, n := utf8.DecodeLastRuneInString(before); n > 0 && isWordRune(r) && isWordRune(first) && !isUnspaced(r) && !isUnspaced(first) {
		return false
	}
	if r, n := utf8.DecodeRuneInString(after); n > 0 && isWordRune(r) && isWordRune(last) && !isUnspaced(r) && !isUnspaced(last) {
		return false
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isUnspaced tells the scripts written without spaces between words.
func isUnspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// englishWords are the words ParseDate reads that a month prefix must not
// take: those of its tables (months, circa, eras, open ends, seasons, deep
// time, Old Style), and the few its forms read in code.
var englishWords = func() map[string]bool {
	set := map[string]bool{}
	words := func(s string) {
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == '(' || r == ')' || r == '/' }) {
			set[w] = true
		}
	}
	for _, m := range monthNames {
		words(m)
		words(m[:3])
	}
	for _, w := range approxPrefixes {
		words(w)
	}
	for _, e := range eraSuffixes {
		words(e.text)
	}
	for _, p := range openPrefixes {
		words(p.prefix)
	}
	for _, sn := range seasons {
		words(strings.Join(sn.names, " "))
	}
	for unit := range deepUnits {
		words(unit)
	}
	for _, c := range calendarMarks {
		words(c.mark)
	}
	words("sept early mid late the s or and to from")
	return set
}()

func isEnglishWord(w string) bool {
	return englishWords[w] || englishWords[strings.TrimSuffix(w, ".")]
}

// monthByPrefix reads a word of three letters or more that begins one
// month's name in the language, as "febr." or "juil": 0 when it begins
// none, an ErrAmbiguous error naming the months when it begins several.
func (r *DateReader) monthByPrefix(w string) (int, error) {
	w = strings.TrimSuffix(w, ".")
	if m, ok := r.months[w]; ok {
		return m, nil
	}
	if len([]rune(w)) < 3 {
		return 0, nil
	}
	var found []int
	for name, m := range r.months {
		if strings.HasPrefix(name, w) && !slices.Contains(found, m) {
			found = append(found, m)
		}
	}
	slices.Sort(found)
	switch len(found) {
	case 0:
		return 0, nil
	case 1:
		return found[0], nil
	}
	var names []string
	for _, m := range found {
		names = append(names, r.loc.Months[m-1])
	}
	return 0, because(ErrAmbiguous, "%q begins %s: write more of the month", w, strings.Join(names, " and "))
}

// numeric reads a day written in numbers. Day.month.year, with dots, is
// how every language that writes dots orders it. With slashes the day
// may come first or the month, as in the United States: when both could
// be the month it is an error that names both readings.
func (r *DateReader) numeric(m []string) (string, error) {
	d, mo, y := atoi(m[1]), atoi(m[3]), m[4]
	switch {
	case m[2] == ".":
	case mo > 12 && d <= 12:
		d, mo = mo, d
	case d <= 12 && mo <= 12 && d != mo:
		return "", because(ErrAmbiguous, "reads two ways: %d %s %s or %d %s %s; write the month in words",
			d, monthNames[mo-1], y, mo, monthNames[d-1], y)
	}
	if mo < 1 || mo > 12 {
		return "", because(ErrNoSuchDay, "no month %d", mo)
	}
	return strconv.Itoa(d) + " " + strings.ToLower(monthNames[mo-1]) + " " + y, nil
}

// asciiDigits writes Arabic-Indic and Persian digits as 0–9.
func asciiDigits(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0x660 && r <= 0x6f9 }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0x660 && r <= 0x669:
			return '0' + r - 0x660
		case r >= 0x6f0 && r <= 0x6f9:
			return '0' + r - 0x6f0
		}
		return r
	}, s)
}

// String names the language the reader reads, besides English.
func (r *DateReader) String() string {
	if r == nil {
		return locale.Default
	}
	return r.loc.Tag
}
