package pipeline

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"timeline/internal/locale"
)

// The forms historians write beyond a plain date or range: centuries and
// millennia, parts of decades and centuries, seasons and quarters, dates
// open on one side ("before 1926"), one of several dates ("1667 or 1668"),
// days of a month ("8–16 March 1917") and Old Style days. ParseDate tries
// them when a text is not a plain date, so the common forms stay fast.
// Each rule is written once here, and README's date table lists them.

// parseForm reads s, with its spaces normalised, as one of the forms. ok
// is false when s is none of them; err is for one that is, but names no
// date.
func parseForm(text, s string) (d Date, ok bool, err error) {
	if len(s) > maxFormLength {
		return Date{}, false, nil
	}
	// Every word the forms know is ASCII. Lowering ASCII alone keeps
	// lower and s the same length, so a position in one is one in the other.
	lower := asciiLower(s)
	for _, f := range forms {
		if d, ok, err := f(text, s, lower); ok {
			if err == nil {
				d.Text = text
			}
			return d, true, err
		}
	}
	return Date{}, false, nil
}

// asciiLower lowers the ASCII letters of s and leaves every other byte.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// maxFormLength bounds the texts read as forms: forms read their parts
// again, and no date a person writes is longer.
const maxFormLength = 120

// forms are tried in order; the first that knows a text reads it. They
// are set in init, as they parse their parts with ParseDate.
var forms []func(text, s, lower string) (Date, bool, error)

func init() {
	forms = []func(text, s, lower string) (Date, bool, error){
		calendarForm,
		openForm,
		setForm,
		twoDigitDecadeForm,
		theForm,
		seasonForm,
		quarterForm,
		centuryForm,
		millenniumXForm,
		decadePartForm,
		dayRangeForm,
		rangeOfForms,
		deepForm,
	}
}

// Deep time: years written with their thousands ("c. 12,000 BC"), and
// years before the present ("40,000 BP", "2.5 Ma", "2.5 million years
// ago"), which count back from 1950, as radiocarbon dating does. Each is
// a year: "2.5 Ma" is the year 2,498,050 BC.
var deepDate = regexp.MustCompile(`^(?:(c\.|ca\.|circa|about|around)\s*)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(bc|bce|b\.c\.|bp|years ago|years bp|ka|kya|thousand years ago|ma|mya|million years ago|ga|bya|billion years ago)$`)

// deepUnits are what each word after the number counts in, and whether
// it counts back from 1950.
var deepUnits = map[string]struct {
	years     float64
	before    bool
	precision Precision
}{
	"bc": {1, false, PrecisionYear}, "bce": {1, false, PrecisionYear}, "b.c.": {1, false, PrecisionYear},
	"bp": {1, true, PrecisionYear}, "years ago": {1, true, PrecisionYear}, "years bp": {1, true, PrecisionYear},
	"ka": {1e3, true, PrecisionThousandYears}, "kya": {1e3, true, PrecisionThousandYears}, "thousand years ago": {1e3, true, PrecisionThousandYears},
	"ma": {1e6, true, PrecisionMillionYears}, "mya": {1e6, true, PrecisionMillionYears}, "million years ago": {1e6, true, PrecisionMillionYears},
	"ga": {1e9, true, PrecisionBillionYears}, "bya": {1e9, true, PrecisionBillionYears}, "billion years ago": {1e9, true, PrecisionBillionYears},
}

// edtfLongYear is EDTF's form of a year of more than four digits, which
// the normalised CSV writes: "Y-38050", "Y-11999~".
var edtfLongYear = regexp.MustCompile(`^y(-?\d{5,11})([~?%]?)$`)

// longYearSide reads a side of a range written as EDTF's long year.
func longYearSide(s string) (side, error) {
	m := edtfLongYear.FindStringSubmatch(asciiLower(s))
	if m == nil {
		return side{}, ErrNotADate
	}
	y, err := strconv.Atoi(m[1])
	if err != nil || y < minYear || y > maxYear {
		return side{}, because(ErrYearRange, "year %s is out of range", m[1])
	}
	return side{span: Span{Start: Day{y, 1, 1}, End: Day{y, 12, 31}}, precision: PrecisionYear,
		approximate: m[2] == "~" || m[2] == "%", uncertain: m[2] == "?" || m[2] == "%"}, nil
}

func deepForm(text, s, lower string) (Date, bool, error) {
	if edtfLongYear.MatchString(lower) {
		sd, err := longYearSide(s)
		if err != nil {
			return Date{}, true, err
		}
		return sd.date(text), true, nil
	}
	m := deepDate.FindStringSubmatch(lower)
	if m == nil {
		return Date{}, false, nil
	}
	n, err := strconv.ParseFloat(strings.ReplaceAll(m[2], ",", ""), 64)
	unit := deepUnits[m[3]]
	if err != nil || n <= 0 || !unit.before && n != float64(int64(n)) {
		return Date{}, false, nil // 0 BC and 2.5 BC are no years
	}
	back := n * unit.years
	year := 1 - int64(back+0.5) // n BC
	if unit.before {
		// Years are astronomical, with 1 BC as 0: 1950 BP is 1 BC.
		year = locale.PresentYear - int64(back+0.5)
	}
	if year < minYear {
		return Date{}, true, because(ErrYearRange, "%s", tooEarly())
	}
	if year > maxYear {
		return Date{}, true, because(ErrYearRange, "year %d is out of range", year)
	}
	y := int(year)
	sd := side{span: Span{Start: Day{y, 1, 1}, End: Day{y, 12, 31}}, precision: unit.precision, approximate: m[1] != ""}
	return sd.date(text), true, nil
}

// parseInner parses a part of a form, with the spaces already normalised.
// Its error is the cause alone: the form's DateError quotes the whole text.
func parseInner(s string) (Date, error) {
	d, err := ParseDate(s)
	var de *DateError
	if errors.As(err, &de) {
		return d, de.Err
	}
	if err == nil && d.IsZero() {
		err = ErrNotADate
	}
	return d, err
}

// ---- Old Style and New Style.

// calendarMarks end a day in a calendar; julian is for Old Style.
var calendarMarks = []struct {
	mark   string
	julian bool
}{
	{"(o.s.)", true}, {"o.s.", true}, {" os", true}, {"(julian)", true}, {" julian", true}, {"(old style)", true}, {" old style", true},
	{"(n.s.)", false}, {"n.s.", false}, {" ns", false}, {"(gregorian)", false}, {" gregorian", false}, {"(new style)", false}, {" new style", false},
}

// calendarForm reads a date marked Old Style ("25 October 1917 (O.S.)"),
// which it converts from the Julian calendar to the Gregorian, or New
// Style, which changes nothing: a plain date is always Gregorian.
func calendarForm(text, s, lower string) (Date, bool, error) {
	for _, m := range calendarMarks {
		if !strings.HasSuffix(lower, m.mark) {
			continue
		}
		d, err := parseInner(strings.TrimSpace(s[:len(s)-len(m.mark)]))
		if err != nil || !m.julian {
			return d, true, err
		}
		if d.OpenStart || d.OpenEnd {
			return d, true, because(ErrUnsupported, "an open date in the Julian calendar is not supported")
		}
		start, end := julianToGregorian(d.Start), julianToGregorian(d.End)
		first := side{span: Span{Start: start, End: start}, precision: PrecisionDay, approximate: d.Approximate, uncertain: d.Uncertain}
		d.Span, d.Precision = Span{Start: start, End: end}, PrecisionDay
		if start == end {
			d.EDTF = edtf(first, "", nil)
		} else {
			last := first
			last.span = Span{Start: end, End: end}
			d.Interval, d.EDTF = true, edtf(first, "/", &last)
		}
		return d, true, nil
	}
	return Date{}, false, nil
}

// julianToGregorian gives the Gregorian day of a day of the Julian
// calendar, years numbered astronomically.
func julianToGregorian(d Day) Day {
	// The Julian Day Number of a Julian calendar date, then the Gregorian
	// day it is: day numbers count from 1970-01-01, JDN 2440588.
	a := int64((14 - d.Month) / 12)
	y := int64(d.Year) + 4800 - a
	m := int64(d.Month) + 12*a - 3
	jdn := int64(d.Day) + (153*m+2)/5 + 365*y + floorDiv(y, 4) - 32083
	return DayOfNumber(jdn - 2440588)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// ---- Open dates: before, after, by.

// openPrefixes open a date on one side. before and after leave out the
// date named; by, until and not after end with it; not before starts
// with it.
var openPrefixes = []struct {
	prefix     string
	openStart  bool
	leaveItOut bool
}{
	{"not before ", false, false}, {"no earlier than ", false, false}, {"not after ", true, false}, {"no later than ", true, false},
	{"before ", true, true}, {"after ", false, true}, {"by ", true, false}, {"until ", true, false}, {"till ", true, false},
	{"../", true, false},
}

// openForm reads a date open on one side: "before 1926" is every day up to
// 31 December 1925, EDTF "../1925"; "after 1953" every day from 1 January
// 1954, "1954/..".
func openForm(text, s, lower string) (Date, bool, error) {
	for _, p := range openPrefixes {
		if !strings.HasPrefix(lower, p.prefix) {
			continue
		}
		inner, err := parseInner(strings.TrimSpace(s[len(p.prefix):]))
		if err != nil {
			return Date{}, true, err
		}
		if inner.OpenStart || inner.OpenEnd || inner.Interval {
			// Before or after one date, not a range of them.
			return Date{}, true, ErrNotADate
		}
		d := Date{Approximate: inner.Approximate, Uncertain: inner.Uncertain, Interval: true}
		known := side{span: inner.Span, precision: inner.Precision, approximate: inner.Approximate, uncertain: inner.Uncertain}
		if p.leaveItOut {
			day := DayOfNumber(inner.End.Number() + 1)
			if p.openStart {
				day = DayOfNumber(inner.Start.Number() - 1)
			}
			known = side{span: Span{Start: day, End: day}, precision: shiftedPrecision(inner.Precision), approximate: inner.Approximate, uncertain: inner.Uncertain}
		}
		d.Precision = known.precision
		if p.openStart {
			d.Span = Span{End: known.span.End, OpenStart: true}
			d.EDTF = "../" + edtf(known, "", nil)
		} else {
			d.Span = Span{Start: known.span.Start, OpenEnd: true}
			d.EDTF = edtf(known, "/..", nil)
		}
		return d, true, d.Span.Validate()
	}
	return Date{}, false, nil
}

// shiftedPrecision is the precision of the day next to a date: the month
// before March 1917 is a month, the year before the 1930s a year.
func shiftedPrecision(p Precision) Precision {
	switch p {
	case PrecisionDay, PrecisionMonth:
		return p
	case PrecisionSeason, PrecisionQuarter:
		return PrecisionMonth
	}
	return PrecisionYear
}

// ---- One of several.

var orWord = regexp.MustCompile(`(?i)\s+or\s+`)

// setForm reads one of several dates, "1667 or 1668" or EDTF's
// "[1667,1668]": the range covers them all, and is uncertain.
func setForm(text, s, lower string) (Date, bool, error) {
	var items []string
	switch {
	case strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]"):
		items = strings.Split(s[1:len(s)-1], ",")
	case strings.Contains(lower, " or "):
		items = orWord.Split(s, -1)
	default:
		return Date{}, false, nil
	}
	d := Date{Uncertain: true, Interval: true}
	var edtfs []string
	for k, item := range items {
		item = strings.ReplaceAll(strings.TrimSpace(item), "..", "–")
		inner, err := parseInner(item)
		if err != nil {
			return Date{}, true, err
		}
		if inner.OpenStart || inner.OpenEnd {
			return Date{}, true, ErrNotADate
		}
		if k == 0 || inner.Start.Number() < d.Start.Number() {
			d.Start = inner.Start
		}
		if k == 0 || inner.End.Number() > d.End.Number() {
			d.End = inner.End
		}
		d.Precision = max(d.Precision, inner.Precision)
		d.Approximate = d.Approximate || inner.Approximate
		edtfs = append(edtfs, strings.ReplaceAll(inner.EDTF, "/", ".."))
	}
	d.EDTF = "[" + strings.Join(edtfs, ",") + "]"
	return d, true, nil
}

// ---- Decades and centuries written short, or with "the".

var twoDigitDecade = regexp.MustCompile(`^[''’]?(\d)0[''’]?s$`)

// twoDigitDecadeForm refuses "'60s" and "60s": which century is meant is
// not written.
func twoDigitDecadeForm(text, s, lower string) (Date, bool, error) {
	m := twoDigitDecade.FindStringSubmatch(lower)
	if m == nil {
		return Date{}, false, nil
	}
	return Date{}, true, because(ErrAmbiguous, "which century is meant is unclear: write 19%s0s, or the century you mean", m[1])
}

// theForm reads "the 1960s" as "1960s".
func theForm(text, s, lower string) (Date, bool, error) {
	if !strings.HasPrefix(lower, "the ") {
		return Date{}, false, nil
	}
	d, err := parseInner(strings.TrimSpace(s[len("the "):]))
	return d, true, err
}

// ---- Seasons and quarters.

// seasons are the meteorological seasons of the northern hemisphere, by
// EDTF's codes 21 to 24: spring is March to May, and winter is December to
// February, of the year named and the next.
var seasons = []struct {
	names []string
	code  int
	month int // the first month
}{
	{[]string{"spring"}, 21, 3}, {[]string{"summer"}, 22, 6}, {[]string{"autumn", "fall"}, 23, 9}, {[]string{"winter"}, 24, 12},
}

var edtfSubYear = regexp.MustCompile(`^(-?\d{4})-(2[1-4]|3[3-6])$`)

// seasonForm reads "Spring 1974", "winter 1941–42" and EDTF's "1974-21".
func seasonForm(text, s, lower string) (Date, bool, error) {
	if m := edtfSubYear.FindStringSubmatch(s); m != nil {
		code := atoi(m[2])
		year := isoSign(m[1][:len(m[1])-4], m[1][len(m[1])-4:])
		if code >= 33 {
			return quarter(year, code-32)
		}
		return season(year, code)
	}
	for _, se := range seasons {
		for _, name := range se.names {
			if !strings.HasPrefix(lower, name+" ") {
				continue
			}
			rest := strings.TrimSpace(s[len(name):])
			inner, err := parseInner(rest)
			if err != nil {
				return Date{}, true, err
			}
			year := inner.Start.Year
			switch {
			case inner.Precision != PrecisionYear:
				return Date{}, true, because(ErrNotADate, "a season is of a year: %s 1974", name)
			case inner.Interval && !(se.code == 24 && inner.End.Year == year+1):
				return Date{}, true, because(ErrNotADate, "only winter spans two years, as in winter 1941–42")
			}
			return season(year, se.code)
		}
	}
	return Date{}, false, nil
}

// season gives the season of EDTF code 21 to 24 of a year.
func season(year, code int) (Date, bool, error) {
	first := seasons[code-21].month
	start := Day{year, first, 1}
	endYear, endMonth := year, first+2
	if endMonth > 12 {
		endYear, endMonth = year+1, endMonth-12
	}
	end := Day{endYear, endMonth, daysIn(endYear, endMonth)}
	return subYear(start, end, PrecisionSeason, code)
}

var (
	quarterBefore = regexp.MustCompile(`^q([1-4])\s+(.+)$`)
	quarterAfter  = regexp.MustCompile(`^(.+?)(?:\s+|-)q([1-4])$`)
)

// quarterForm reads "Q1 1974" and "1974-Q2"; EDTF's "1974-33" to
// "1974-36" are read with the seasons.
func quarterForm(text, s, lower string) (Date, bool, error) {
	var q int
	var rest string
	if m := quarterBefore.FindStringSubmatch(lower); m != nil {
		q, rest = atoi(m[1]), s[len(s)-len(m[2]):]
	} else if m := quarterAfter.FindStringSubmatch(lower); m != nil {
		q, rest = atoi(m[2]), s[:len(m[1])]
	} else {
		return Date{}, false, nil
	}
	inner, err := parseInner(rest)
	if err != nil {
		return Date{}, true, err
	}
	if inner.Precision != PrecisionYear || inner.Interval {
		return Date{}, true, because(ErrNotADate, "a quarter is of a year: Q1 1974")
	}
	return quarter(inner.Start.Year, q)
}

// quarter gives quarter q, 1 to 4, of a year.
func quarter(year, q int) (Date, bool, error) {
	start := Day{year, 3*q - 2, 1}
	end := Day{year, 3 * q, daysIn(year, 3*q)}
	return subYear(start, end, PrecisionQuarter, 32+q)
}

// subYear gives a season or quarter, with its EDTF code.
func subYear(start, end Day, p Precision, code int) (Date, bool, error) {
	b := appendISOYear(nil, start.Year) // winter is of the year it starts in
	d := Date{Span: Span{Start: start, End: end}, Precision: p, EDTF: string(b) + "-" + strconv.Itoa(code)}
	return d, true, d.Span.Validate()
}

// ---- Centuries and millennia, and their parts.

// ordinalWords are the ordinals written as words that name centuries and
// millennia.
var ordinalWords = []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"}

var (
	ordinalWord   = regexp.MustCompile(`\b(twenty-|twenty )?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)\b`)
	ordinalUnitRe = regexp.MustCompile(`^(?:(early|mid|middle|late|first half of|second half of|first quarter of|second quarter of|third quarter of|fourth quarter of|last quarter of)(?:\s+|-)(?:the\s+)?)?(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:–|—|-|/|to)\s*(\d{1,2})(?:st|nd|rd|th)?)?\s*(centuries|century|cent\.?|c\.|millennia|millennium)(?:\s+(bce|bc|b\.c\.e\.|b\.c\.|ad|a\.d\.|ce|c\.e\.))?$`)
)

// numberOrdinals writes as numbers the ordinal words of s that number a
// century or millennium: "nineteenth century" is "19th century", and
// "first half of" stays as it is.
func numberOrdinals(lower string) string {
	var b strings.Builder
	last := 0
	for _, loc := range ordinalWord.FindAllStringIndex(lower, -1) {
		after := strings.TrimLeft(lower[loc[1]:], " ")
		if !hasAnyPrefix(after, "cent", "c.", "millenni", "–", "—", "-", "to ") {
			continue
		}
		w := lower[loc[0]:loc[1]]
		tens := 0
		if strings.HasPrefix(w, "twenty") {
			tens, w = 20, strings.TrimLeft(w[len("twenty"):], "- ")
		}
		for n, word := range ordinalWords {
			if word == w && n > 0 {
				b.WriteString(lower[last:loc[0]])
				b.WriteString(strconv.Itoa(tens+n) + "th")
				last = loc[1]
			}
		}
	}
	b.WriteString(lower[last:])
	return b.String()
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// centuryForm reads centuries and millennia as museum catalogues record
// them (CCO): the 19th century is the hundred years whose numbers start
// with 18, 1800–1899; the 4th century BC is 399–300 BC. There is no year 0
// AD: the 1st century is 1–99. With a part: early, mid and late are the
// first, middle and last third, and halves and quarters are what they say.
func centuryForm(text, s, lower string) (Date, bool, error) {
	m := ordinalUnitRe.FindStringSubmatch(numberOrdinals(lower))
	if m == nil {
		return Date{}, false, nil
	}
	part, from, to, unit, era := m[1], atoi(m[2]), atoi(m[3]), m[4], m[5]
	if to == 0 {
		to = from
	}
	size, p := 100, PrecisionCentury
	if strings.HasPrefix(unit, "millenni") {
		size, p = 1000, PrecisionMillennium
	}
	bc := strings.HasPrefix(era, "b")
	// Earliest first: "18th–19th century", "5th–4th century BC".
	if from < 1 || to < from && !bc || to > from && bc {
		units := "centuries"
		if p == PrecisionMillennium {
			units = "millennia"
		}
		return Date{}, true, because(ErrEndBeforeStart, "the %s are not in order: write the earliest first", units)
	}
	first, _ := unitYears(from, size, bc)
	_, last := unitYears(to, size, bc)
	d := Date{Span: Span{Start: Day{first, 1, 1}, End: Day{last, 12, 31}}, Precision: p, Interval: from != to}
	if part != "" {
		if from != to {
			return Date{}, true, because(ErrNotADate, "a part is of one century: early 19th century")
		}
		first, last = yearsPart(part, first, last)
		d.Span = Span{Start: Day{first, 1, 1}, End: Day{last, 12, 31}}
		d.Precision, d.Approximate, d.Interval = PrecisionYear, true, true
	}
	d.EDTF = yearsEDTF(first, last, d.Approximate, size)
	if from != to && part == "" {
		// Each end in its own form: "17XX/18XX".
		a, _ := unitYears(from, size, bc)
		_, b := unitYears(to, size, bc)
		d.EDTF = strings.SplitN(yearsEDTF(a, a+size-1, false, size), "/", 2)[0] + "/" + lastOf(yearsEDTF(b-size+1, b, false, size))
	}
	return d, true, d.Span.Validate()
}

// unitYears gives the first and last astronomical year of century or
// millennium n, AD or BC.
func unitYears(n, size int, bc bool) (first, last int) {
	if bc {
		// n BC runs from n*size-1 BC to (n-1)*size BC, or 1 BC.
		return 1 - (n*size - 1), 1 - max((n-1)*size, 1)
	}
	return max((n-1)*size, 1), n*size - 1
}

// yearsPart gives the years of a part of the years first to last: early,
// mid and late are thirds, the first taking the odd year (1800–1833,
// 1834–1866, 1867–1899; 1930–1933, 1934–1936, 1937–1939).
func yearsPart(part string, first, last int) (int, int) {
	n := last - first + 1
	cut := func(num, den int) int { return first + (n*num+den-1)/den } // the first year past num/den of them
	switch part {
	case "early":
		return first, cut(1, 3) - 1
	case "mid", "middle":
		return cut(1, 3), cut(2, 3) - 1
	case "late":
		return cut(2, 3), last
	case "first half of":
		return first, first + n/2 - 1
	case "second half of":
		return first + n/2, last
	case "first quarter of":
		return first, first + n/4 - 1
	case "second quarter of":
		return first + n/4, first + n/2 - 1
	case "third quarter of":
		return first + n/2, first + 3*n/4 - 1
	}
	return first + 3*n/4, last // fourth or last quarter
}

// yearsEDTF gives the EDTF form of whole years first to last: "18XX" for
// a century that X digits can say, else an interval of years.
func yearsEDTF(first, last int, approx bool, size int) string {
	if !approx && first > 0 && first%size == 0 && last == first+size-1 {
		unspecified := len(strconv.Itoa(size)) - 1 // 2 for a century, 3 for a millennium
		year := string(appendISOYear(nil, first))
		return year[:len(year)-unspecified] + strings.Repeat("X", unspecified)
	}
	a := side{span: Span{Start: Day{first, 1, 1}}, precision: PrecisionYear, approximate: approx}
	b := side{span: Span{Start: Day{last, 1, 1}}, precision: PrecisionYear, approximate: approx}
	return edtf(a, "/", &b)
}

var millenniumX = regexp.MustCompile(`^(\d)xxx$`)

// millenniumXForm reads EDTF's "1XXX", the years 1000 to 1999.
func millenniumXForm(text, s, lower string) (Date, bool, error) {
	m := millenniumX.FindStringSubmatch(lower)
	if m == nil || m[1] == "0" {
		return Date{}, false, nil
	}
	first := atoi(m[1]) * 1000
	d := Date{Span: Span{Start: Day{first, 1, 1}, End: Day{first + 999, 12, 31}}, Precision: PrecisionMillennium, EDTF: m[1] + "XXX"}
	return d, true, nil
}

var decadePart = regexp.MustCompile(`^(early|mid|middle|late)(?:\s+|-)(?:the\s+)?(\d{3}0)s$`)

// decadePartForm reads "early 1930s", "mid-1950s" and "late 1960s": the
// first four years, the middle three and the last three.
func decadePartForm(text, s, lower string) (Date, bool, error) {
	m := decadePart.FindStringSubmatch(lower)
	if m == nil {
		return Date{}, false, nil
	}
	first, last := yearsPart(m[1], atoi(m[2]), atoi(m[2])+9)
	d := Date{Span: Span{Start: Day{first, 1, 1}, End: Day{last, 12, 31}}, Precision: PrecisionYear, Approximate: true, Interval: true,
		EDTF: yearsEDTF(first, last, true, 10)}
	return d, true, d.Span.Validate()
}

// ---- Days of one month.

var (
	daysThenMonth = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?\s*(?:–|—|-|to)\s*(\d{1,2})(?:st|nd|rd|th)?\s+(\S+\s+.+)$`)
	monthThenDays = regexp.MustCompile(`^(\S+)\s+(\d{1,2})(?:st|nd|rd|th)?\s*(?:–|—|-|to)\s*(\d{1,2})(?:st|nd|rd|th)?,?\s+(.+)$`)
)

// dayRangeForm reads days of one month: "8–16 March 1917" and "March
// 8–16, 1917".
func dayRangeForm(text, s, lower string) (Date, bool, error) {
	var from, to, month string
	if m := daysThenMonth.FindStringSubmatch(s); m != nil {
		from, to, month = m[1], m[2], m[3]
	} else if m := monthThenDays.FindStringSubmatch(s); m != nil && monthNumber(m[1]) != 0 {
		from, to, month = m[2], m[3], m[1]+" "+m[4]
	} else {
		return Date{}, false, nil
	}
	first, err := parseInner(from + " " + month)
	if err != nil {
		return Date{}, true, err
	}
	last, err := parseInner(to + " " + month)
	if err != nil {
		return Date{}, true, err
	}
	if first.Interval || last.Interval || first.Precision != PrecisionDay {
		return Date{}, false, nil // the month and year are not one month of one year
	}
	return joinRange(first, last)
}

// ---- Ranges of the forms above, and ranges whose start takes its year
// from its end.

// rangeOfForms reads a range whose sides are forms above, "18th century –
// 19th century", "Spring 1974 – Summer 1975", or whose start lacks the
// year its end has: "March–April 1917", "8 March – 16 April 1917".
func rangeOfForms(text, s, lower string) (Date, bool, error) {
	left, right, ok := splitRange(s)
	if !ok || right == ".." || isDigits(left) && len(left) <= 2 || isDigits(right) && len(right) <= 2 {
		// A bare number of one or two digits is a day or an unclear year,
		// never silently a year beside a longer one.
		return Date{}, false, nil
	}
	if _, err := parsePlain(left, left); err == nil {
		if _, err := parsePlain(right, right); err == nil {
			return Date{}, false, nil // a plain range, whose own error stands
		}
	}
	last, err := parseInner(right)
	if err != nil {
		return Date{}, false, nil
	}
	first, err := parseInner(left)
	if err != nil {
		if year := trailingYear(right); year != "" {
			first, err = parseInner(left + " " + year)
		}
	}
	if err != nil {
		return Date{}, false, nil
	}
	return joinRange(first, last)
}

var trailingYearRe = regexp.MustCompile(`(?i)\s(\d{1,4}(?:\s*(?:bce|bc|b\.c\.e\.|b\.c\.|ad|a\.d\.|ce|c\.e\.))?)$`)

// trailingYear gives the year a text ends with, with its era: "16 April
// 1917" ends with 1917.
func trailingYear(s string) string {
	if m := trailingYearRe.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// joinRange gives the range from the start of one date to the end of
// another.
func joinRange(first, last Date) (Date, bool, error) {
	if first.OpenStart || first.OpenEnd || last.OpenStart || last.OpenEnd {
		return Date{}, true, ErrNotADate
	}
	d := Date{
		Span:        Span{Start: first.Start, End: last.End},
		Precision:   max(first.Precision, last.Precision),
		Approximate: first.Approximate || last.Approximate,
		Uncertain:   first.Uncertain || last.Uncertain,
		Interval:    true,
		EDTF:        strings.SplitN(first.EDTF, "/", 2)[0] + "/" + lastOf(last.EDTF),
	}
	if d.End.Number() < d.Start.Number() {
		return Date{}, true, because(ErrEndBeforeStart, "end %s is before start %s", last.End, first.Start)
	}
	return d, true, nil
}

// lastOf gives the end of an EDTF interval, or the form itself.
func lastOf(e string) string {
	if i := strings.LastIndexByte(e, '/'); i >= 0 {
		return e[i+1:]
	}
	return e
}
