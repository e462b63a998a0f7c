package pipeline

import (
	"errors"
	"fmt"
	"math/bits"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Precision is how finely a date is known.
type Precision int

// The precisions a date can have, finest first. PrecisionNone marks an
// undated fact.
const (
	PrecisionNone Precision = iota
	PrecisionDay
	PrecisionMonth
	PrecisionSeason  // "Spring 1974": three months
	PrecisionQuarter // "Q1 1974"
	PrecisionYear
	PrecisionDecade
	PrecisionCentury
	PrecisionMillennium
	// Deep time counted in thousands, millions or billions of years:
	// "40 ka", "2.5 Ma", "13.8 Ga". Each such date is a year.
	PrecisionThousandYears
	PrecisionMillionYears
	PrecisionBillionYears
)

var precisionNames = [...]string{"", "day", "month", "season", "quarter", "year", "decade", "century", "millennium",
	"thousand years", "million years", "billion years"}

// String returns the precision's name as the normalised CSV writes it.
func (p Precision) String() string {
	if p < 0 || int(p) >= len(precisionNames) {
		return "Precision(" + strconv.Itoa(int(p)) + ")"
	}
	return precisionNames[p]
}

// Date is a date as a person wrote it, with what it means.
type Date struct {
	Text        string // as written, trimmed; empty for an undated fact
	Span               // the days it covers
	Precision   Precision
	Approximate bool   // "c. 1929", "1929~"
	Uncertain   bool   // "1929?"
	Interval    bool   // written as a range, "1926–1953"
	EDTF        string // Library of Congress EDTF form, "1926/1953"
}

// IsZero reports whether the date is empty: the fact is undated.
func (d Date) IsZero() bool { return d.Text == "" }

// IsPeriod reports whether the date is drawn as a bar rather than a marker:
// a range, an open range, a season or quarter, or a decade or longer.
func (d Date) IsPeriod() bool {
	return d.Interval || d.Precision >= PrecisionDecade || d.Precision == PrecisionSeason || d.Precision == PrecisionQuarter
}

// Known gives the day a date is drawn and sorted from: its start, or for
// an open start, its end.
func (d Date) Known() Day {
	if d.OpenStart {
		return d.End
	}
	return d.Start
}

// Validate checks that a parsed date is consistent.
func (d Date) Validate() error {
	if d.IsZero() {
		return nil
	}
	return d.Span.Validate()
}

// DateError reports a date that cannot be read. Its Err unwraps to one of
// ErrNotADate, ErrNoSuchDay, ErrEndBeforeStart or ErrYearRange.
type DateError struct {
	Text string // the date as written
	Err  error
}

// Error quotes the date as written: date "31 February 1930": no such day...
func (e *DateError) Error() string { return fmt.Sprintf("date %q: %v", e.Text, e.Err) }

// Unwrap gives the cause.
func (e *DateError) Unwrap() error { return e.Err }

// The years a date may have: back to 14 billion years ago, before the Big
// Bang, and up to 9999. A 32-bit int holds the day numbers of five million
// years only (the first stone tools are in reach), so there the years
// reach that far.
const (
	minYear = bits.UintSize/64*-14_000_000_000 + (1-bits.UintSize/64)*-5_000_000
	maxYear = 9999
)

// tooEarly says why a year before minYear is not one.
func tooEarly() string {
	if bits.UintSize < 64 {
		return "further back than five million years, as far as a 32-bit machine reaches"
	}
	return "further back than the Big Bang, 13.8 billion years ago"
}

var monthNames = [12]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// ParseDate reads a date the way people write it. See the package
// documentation for the forms it accepts. An empty text gives the zero Date.
func ParseDate(text string) (Date, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Date{}, nil
	}
	s := text
	if hasOddSpace(s) {
		s = normaliseSpaces(s)
	}
	d, err := parsePlain(text, s)
	if err == nil {
		return d, nil
	}
	if fd, ok, ferr := parseForm(text, s); ok {
		if ferr != nil {
			return Date{}, &DateError{Text: text, Err: ferr}
		}
		return fd, nil
	}
	return Date{}, err
}

// parsePlain reads the plain forms: one date, or a range of two.
func parsePlain(text, s string) (Date, error) {
	fail := func(err error) (Date, error) { return Date{}, &DateError{Text: text, Err: err} }

	single, err := parseSide(s)
	if err == nil {
		d := single.date(text)
		return d, nil
	}
	left, right, ok := splitRange(s)
	if !errors.Is(err, ErrNotADate) {
		// "1914-18" looks like a month that does not exist, but reads as a
		// range; otherwise the single date's error stands. EDTF keeps the
		// "months" 21 to 41 for seasons and quarters, which are never a
		// range: "0010-21" is spring of the year 10.
		if ok && !isSubYearCode(s) {
			if d, rangeErr := parseRange(text, left, right); rangeErr == nil {
				return d, nil
			}
		}
		return fail(err)
	}
	if !ok {
		return fail(ErrNotADate)
	}
	return parseRange(text, left, right)
}

// isSubYearCode reports whether s is written as EDTF writes a season or a
// quarter: a year of four digits, a hyphen and a code from 21 to 41.
func isSubYearCode(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if len(s) != 7 || s[4] != '-' || !isDigits(s[:4]) || !isDigits(s[5:]) {
		return false
	}
	code := atoi(s[5:])
	return code >= 21 && code <= 41
}

func parseRange(text, left, right string) (Date, error) {
	fail := func(err error) (Date, error) { return Date{}, &DateError{Text: text, Err: err} }
	if right == ".." {
		start, err := parseSide(left)
		if err != nil {
			return fail(err)
		}
		d := start.date(text)
		d.Interval = true
		d.OpenEnd = true
		d.End = Day{}
		d.EDTF = edtf(start, "/..", nil)
		return d, nil
	}
	end, err := parseSide(right)
	if err != nil {
		return fail(err)
	}
	if isDigits(left) && len(left) <= 2 {
		switch {
		case end.precision <= PrecisionMonth:
			// "8–16 March 1917": a day, which dayRangeForm reads.
			return fail(ErrNotADate)
		case end.span.Start.Year >= 100 || end.span.Start.Year <= -99:
			// "8–1917", "0–0100s": a year of one or two digits beside one
			// of three or more is a slip more often than a span of ages.
			return fail(because(ErrAmbiguous, "%s could be a year or part of %s: write both years in full, or AD %s", left, right, left))
		}
	}
	// "1914–18": an end year written short takes the start's leading digits.
	if isDigits(left) && isDigits(right) && len(right) < len(left) && end.era == eraNone {
		right = left[:len(left)-len(right)] + right
		if end, err = parseSide(right); err != nil {
			return fail(err)
		}
	}
	start, err := parseSide(left)
	// "100–44 BC": an era written once, after the end, applies to both.
	if err == nil && start.era == eraNone && end.era == eraBC {
		start, err = parseSide(left + " BC")
	}
	if err != nil {
		return fail(err)
	}
	if y := start.span.Start.Year; isDigits(right) && len(right) <= 2 && !isDigits(left) && (y >= 100 || y <= -99) {
		// "100 BC – 2": 2 BC, or AD 2? The era of the start is not the end's.
		return fail(because(ErrAmbiguous, "%s could be %s BC or AD %s: write its era", right, right, right))
	}
	d := Date{
		Text:        text,
		Span:        Span{Start: start.span.Start, End: end.span.End},
		Precision:   max(start.precision, end.precision),
		Approximate: start.approximate || end.approximate,
		Uncertain:   start.uncertain || end.uncertain,
		Interval:    true,
		EDTF:        edtf(start, "/", &end),
	}
	if d.End.Number() < d.Start.Number() {
		return fail(because(ErrEndBeforeStart, "end %s is before start %s", end.label(), start.label()))
	}
	return d, nil
}

var yearHyphen = regexp.MustCompile(`^(\d{1,4}(?: ?(?i:bc|bce|ad|ce))?)-(\d{1,4}(?: ?(?i:bc|bce|ad|ce))?)$`)

// splitRange splits "1926–1953", "1926 to 1953", "from 1926 to 1953",
// "1926/1953" and "1926-1953" into their two sides.
func splitRange(s string) (left, right string, ok bool) {
	if hasPrefixFold(s, "from ") {
		s = s[len("from "):]
	}
	for i := 0; i+4 <= len(s); i++ {
		if s[i] == ' ' && s[i+3] == ' ' && hasPrefixFold(s[i+1:], "to") {
			return trimBoth(s[:i], s[i+4:])
		}
	}
	for _, dash := range []string{"–", "—", "/"} {
		if l, r, found := strings.Cut(s, dash); found {
			return trimBoth(l, r)
		}
	}
	if len(s) > 1 {
		if i := strings.Index(s[1:], " - "); i >= 0 && 1+i+3 < len(s) {
			return trimBoth(s[:1+i], s[1+i+3:])
		}
	}
	if m := yearHyphen.FindStringSubmatch(s); m != nil {
		return trimBoth(m[1], m[2])
	}
	return "", "", false
}

func trimBoth(l, r string) (string, string, bool) {
	l, r = strings.TrimSpace(l), strings.TrimSpace(r)
	return l, r, l != "" && r != ""
}

type era int

const (
	eraNone era = iota
	eraBC
	eraAD
)

// side is one end of a date: a single year, decade, month or day, with its
// qualifiers.
type side struct {
	span        Span
	precision   Precision
	approximate bool
	uncertain   bool
	era         era
}

func (sd side) date(text string) Date {
	return Date{
		Text:        text,
		Span:        sd.span,
		Precision:   sd.precision,
		Approximate: sd.approximate,
		Uncertain:   sd.uncertain,
		EDTF:        edtf(sd, "", nil),
	}
}

// appendEDTF appends the side's EDTF form, "1929~", "1930-03", "193X".
func (sd side) appendEDTF(b []byte) []byte {
	start := sd.span.Start
	n := len(b)
	switch {
	case start.Year < -9999:
		// EDTF's long year: "Y-38049".
		b = strconv.AppendInt(append(b, 'Y'), int64(start.Year), 10)
	default:
		b = sd.appendEDTFDay(b, n)
	}
	switch {
	case sd.approximate && sd.uncertain:
		b = append(b, '%')
	case sd.approximate:
		b = append(b, '~')
	case sd.uncertain:
		b = append(b, '?')
	}
	return b
}

// appendEDTFDay appends a side of four-digit years in its precision.
func (sd side) appendEDTFDay(b []byte, n int) []byte {
	start := sd.span.Start
	switch sd.precision {
	case PrecisionDay:
		b = appendISODay(b, start)
	case PrecisionMonth:
		b = append(appendISOYear(b, start.Year), '-', byte('0'+start.Month/10), byte('0'+start.Month%10))
	case PrecisionYear:
		b = appendISOYear(b, start.Year)
	case PrecisionDecade:
		b = append(appendISOYear(b, start.Year)[:n+3], 'X')
	case PrecisionCentury:
		b = append(appendISOYear(b, start.Year)[:n+2], "XX"...)
	}
	return b
}

// edtf gives the EDTF form of one side, or of two joined by sep when end
// is not nil: "1926/1953".
func edtf(start side, sep string, end *side) string {
	var buf [2*maxISODay + 4]byte
	b := append(start.appendEDTF(buf[:0]), sep...)
	if end != nil {
		b = end.appendEDTF(b)
	}
	return string(b)
}

// label names a side in an error message the way a person would.
func (sd side) label() string {
	st := sd.span.Start
	switch sd.precision {
	case PrecisionDay:
		return fmt.Sprintf("%d %s %s", st.Day, monthNames[st.Month-1], YearLabel(st.Year))
	case PrecisionMonth:
		return monthNames[st.Month-1] + " " + YearLabel(st.Year)
	case PrecisionDecade:
		return strconv.Itoa(st.Year) + "s"
	}
	return YearLabel(st.Year)
}

var (
	isoYearRe  = regexp.MustCompile(`^(-?)(\d{1,4})$`)
	isoMonthRe = regexp.MustCompile(`^(-?)(\d{4})-(\d{2})$`)
	isoDayRe   = regexp.MustCompile(`^(-?)(\d{4})-(\d{2})-(\d{2})$`)
	decadeRe   = regexp.MustCompile(`^(?:(\d{3})0'?s|(\d{3})[xX])$`)
	centuryRe  = regexp.MustCompile(`^(\d{2})[xX]{2}$`)
)

// parseSide reads one single date. A notDateError means s is not written
// like a date; any other error means it is, but names no real day.
func parseSide(s string) (side, error) {
	var sd side
	s = strings.TrimSpace(s)
	if len(s) > 5 && (s[0] == 'Y' || s[0] == 'y') {
		return longYearSide(s)
	}
	if s != "" && strings.IndexByte("cCaA~", s[0]) >= 0 {
		for _, p := range approxPrefixes {
			if hasPrefixFold(s, p) {
				sd.approximate = true
				s = strings.TrimLeft(s[len(p):], wordSpaces)
				break
			}
		}
	}
	var approx, uncertain bool
	s, approx, uncertain = trimQualifiers(s)
	sd.approximate = sd.approximate || approx
	sd.uncertain = uncertain
	if s == "" {
		return sd, ErrNotADate
	}
	// Only a letter or a dot can end an era, and only an a can start one.
	if last := s[len(s)-1]; last == '.' || last|0x20 == 'c' || last|0x20 == 'd' || last|0x20 == 'e' {
		for _, suffix := range eraSuffixes {
			if hasSuffixFold(s, suffix.text) {
				sd.era = suffix.era
				s = strings.TrimSpace(s[:len(s)-len(suffix.text)])
				break
			}
		}
	} else if s[0]|0x20 == 'a' {
		for _, p := range []string{"a.d.", "ad"} {
			if !hasPrefixFold(s, p) {
				continue
			}
			// A prefix era is followed by white space: "AD 79", not "Ad79".
			if rest := strings.TrimLeft(s[len(p):], wordSpaces); len(rest) < len(s)-len(p) {
				sd.era = eraAD
				s = rest
			}
			break
		}
	}
	if s == "" {
		return sd, ErrNotADate
	}
	var err error
	switch {
	// The common forms first, without regular expressions (measured, a
	// build of 1,000,000 facts: 6.6 s without this, 5.9 s with it).
	case isDigits(s) && len(s) <= 4:
		err = sd.setDay(atoi(s), 0, 0, PrecisionYear)
	case len(s) == 10 && s[4] == '-' && s[7] == '-' && isDigits(s[:4]) && isDigits(s[5:7]) && isDigits(s[8:]):
		err = sd.setDay(atoi(s[:4]), atoi(s[5:7]), atoi(s[8:]), PrecisionDay)
	case len(s) == 7 && s[4] == '-' && isDigits(s[:4]) && isDigits(s[5:]):
		err = sd.setDay(atoi(s[:4]), atoi(s[5:]), 0, PrecisionMonth)
	case !onlyBytes(s, &numericForm):
		// No form below has another character.
		err = sd.parseWords(s)
	case isoDayRe.MatchString(s):
		m := isoDayRe.FindStringSubmatch(s)
		err = sd.setDay(isoSign(m[1], m[2]), atoi(m[3]), atoi(m[4]), PrecisionDay)
	case isoMonthRe.MatchString(s):
		m := isoMonthRe.FindStringSubmatch(s)
		err = sd.setDay(isoSign(m[1], m[2]), atoi(m[3]), 0, PrecisionMonth)
	case isoYearRe.MatchString(s):
		m := isoYearRe.FindStringSubmatch(s)
		err = sd.setDay(isoSign(m[1], m[2]), 0, 0, PrecisionYear)
	case decadeRe.MatchString(s):
		m := decadeRe.FindStringSubmatch(s)
		err = sd.setDecade(atoi(m[1]+m[2])*10, 10, PrecisionDecade)
	case centuryRe.MatchString(s):
		m := centuryRe.FindStringSubmatch(s)
		err = sd.setDecade(atoi(m[1])*100, 100, PrecisionCentury)
	default:
		err = sd.parseWords(s)
	}
	return sd, err
}

// trimQualifiers removes EDTF's trailing qualifiers: ~ approximate,
// ? uncertain, % both.
func trimQualifiers(s string) (rest string, approx, uncertain bool) {
	for s != "" {
		switch s[len(s)-1] {
		case '~':
			approx = true
		case '?':
			uncertain = true
		case '%':
			approx, uncertain = true, true
		default:
			return s, approx, uncertain
		}
		s = strings.TrimSpace(s[:len(s)-1])
	}
	return s, approx, uncertain
}

// isoSign gives the year of an ISO form: "-0043" is year -43.
func isoSign(sign, digits string) int {
	if sign == "-" {
		return -atoi(digits)
	}
	return atoi(digits)
}

// approxPrefixes start an approximate date, tried in this order.
var approxPrefixes = []string{"circa", "approx.", "approx", "about", "around", "ca.", "ca", "c.", "c", "~"}

// eraSuffixes end a date with its era, longest first, so that "b.c.e."
// is not read as "c.e.".
var eraSuffixes = []struct {
	text string
	era  era
}{
	{"b.c.e.", eraBC}, {"b.c.", eraBC}, {"a.d.", eraAD}, {"c.e.", eraAD},
	{"bce", eraBC}, {"bc", eraBC}, {"ad", eraAD}, {"ce", eraAD},
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}

// wordSpaces are the bytes that separate the words of a date: ASCII white
// space, as \s in a regular expression.
const wordSpaces = " \t\n\f\r"

func isWordSpace(c byte) bool { return strings.IndexByte(wordSpaces, c) >= 0 }

// splitWords splits s at runs of white space and commas, as "5 March,
// 1953", into words; n is how many there are, up to len(words)+1 for "more".
func splitWords(s string, words *[3]string) (n int) {
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && !isWordSpace(s[i]) && s[i] != ',' {
			continue
		}
		if i < len(s) && i == start && i > 0 { // inside a run of separators
			start = i + 1
			continue
		}
		if n == len(words) {
			return n + 1
		}
		words[n] = s[start:i]
		n++
		for i+1 < len(s) && (isWordSpace(s[i+1]) || s[i+1] == ',') {
			i++
		}
		start = i + 1
	}
	return n
}

// parseWords reads "March 1974", "5 March 1953" and "March 5, 1953".
func (sd *side) parseWords(s string) error {
	var words [3]string
	var day, month, year int
	switch splitWords(s, &words) {
	case 2:
		month, year = monthNumber(words[0]), yearNumber(words[1])
		return sd.setDay(year, month, 0, PrecisionMonth)
	case 3:
		if m := monthNumber(words[0]); m != 0 {
			month, day = m, dayNumber(words[1])
		} else {
			day, month = dayNumber(words[0]), monthNumber(words[1])
		}
		year = yearNumber(words[2])
		return sd.setDay(year, month, day, PrecisionDay)
	}
	return ErrNotADate
}

func monthNumber(w string) int {
	w = strings.TrimSuffix(w, ".")
	if len(w) < 3 {
		return 0
	}
	for k := range len(w) {
		if w[k] >= utf8.RuneSelf {
			return monthNumberFold(w) // "ſep" folds to "sep"
		}
	}
	// Months differ in their first three letters: find the one, then
	// check the rest.
	var abbr [3]byte
	for k := range abbr {
		abbr[k] = w[k] | 0x20
	}
	i, ok := monthOfAbbr[abbr]
	if !ok {
		return 0
	}
	name := monthNames[i]
	if strings.EqualFold(w, name) || len(w) == 3 || (i == 8 && strings.EqualFold(w, "sept")) {
		return i + 1
	}
	return 0
}

// monthNumberFold is monthNumber for a word with letters beyond ASCII,
// which strings.EqualFold folds with Unicode's rules.
func monthNumberFold(w string) int {
	for i, name := range monthNames {
		if strings.EqualFold(w, name) || strings.EqualFold(w, name[:3]) || (i == 8 && strings.EqualFold(w, "sept")) {
			return i + 1
		}
	}
	return 0
}

// monthOfAbbr gives the index in monthNames of each month's first three
// letters, in lower case.
var monthOfAbbr = func() map[[3]byte]int {
	m := map[[3]byte]int{}
	for i, name := range monthNames {
		m[[3]byte([]byte(strings.ToLower(name[:3])))] = i
	}
	return m
}()

// dayNumber reads a day of the month, "5" or "5th"; 0 means none.
func dayNumber(w string) int {
	digits := w
	for _, suffix := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(w, suffix) {
			digits = w[:len(w)-2]
			break
		}
	}
	if len(digits) < 1 || len(digits) > 2 || !isDigits(digits) {
		return 0
	}
	return atoi(digits)
}

func yearNumber(w string) int {
	if isDigits(w) && len(w) <= 4 {
		return atoi(w)
	}
	return -1 << 20
}

// setDay fills a side from a written year, month and day. Month and day are
// zero when the date is less precise than that. The year is as written:
// a BC year is turned into an astronomical one here.
func (sd *side) setDay(year, month, day int, p Precision) error {
	if year == -1<<20 || (month == 0 && p <= PrecisionMonth) || (day == 0 && p == PrecisionDay) {
		return ErrNotADate
	}
	if sd.era == eraBC {
		if year < 0 {
			return ErrNotADate
		}
		if year == 0 {
			return because(ErrNoSuchDay, "there is no year 0 BC: 1 BC is followed by AD 1")
		}
		year = 1 - year
	} else if sd.era == eraAD && year == 0 {
		return because(ErrNoSuchDay, "there is no year AD 0: 1 BC is followed by AD 1")
	}
	first, last := Day{year, 1, 1}, Day{year, 12, 31}
	if month != 0 {
		first.Month, last.Month = month, month
		if month < 1 || month > 12 {
			return because(ErrNoSuchDay, "there is no month %d", month)
		}
		last.Day = daysIn(year, month)
	}
	if day != 0 {
		first.Day, last.Day = day, day
	}
	if err := first.Validate(); err != nil {
		return err
	}
	sd.span, sd.precision = Span{Start: first, End: last}, p
	return nil
}

// setDecade fills a side for a decade or century beginning in year from.
func (sd *side) setDecade(from, length int, p Precision) error {
	if sd.era == eraBC {
		return because(ErrUnsupported, "decades and centuries BC are not supported; write a range such as 49–40 BC")
	}
	sd.span = Span{Start: Day{from, 1, 1}, End: Day{from + length - 1, 12, 31}}
	sd.precision = p
	return nil
}

// atoi reads decimal digits. Unlike gocsv's base-0 ints, "0064" is 64.
func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// hasOddSpace reports whether s has white space other than single spaces,
// which normaliseSpaces makes single spaces.
func hasOddSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\n', '\r':
			return true
		case ' ':
			if i+1 < len(s) && s[i+1] == ' ' {
				return true
			}
		}
	}
	return false
}

// byteSet is a set of bytes.
type byteSet [256]bool

// numericForm holds the bytes of the dates written with no words:
// "1930", "1930s", "193X", "1930-03-05", "-0043".
var numericForm = func() (set byteSet) {
	for _, c := range "0123456789-xXs'" {
		set[c] = true
	}
	return set
}()

// onlyBytes reports whether every byte of s is in set.
func onlyBytes(s string, set *byteSet) bool {
	for i := 0; i < len(s); i++ {
		if !set[s[i]] {
			return false
		}
	}
	return true
}

func normaliseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
