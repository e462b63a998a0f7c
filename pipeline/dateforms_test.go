package pipeline

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"timeline/internal/golden"
	"timeline/internal/locale"
)

// historianDateTests are the forms of README's date table beyond plain
// dates and ranges, group by group.
var historianDateTests = []parseDateTest{
	// Centuries and millennia, as museum catalogues record them (CCO).
	{[]string{"19th century", "19th c.", "nineteenth century", "19th Century", "19th cent.", "Nineteenth Century"},
		dateWant{"1800-01-01", "1899-12-31", "century", false, false, "18XX"}},
	{[]string{"20th century", "twentieth century"}, dateWant{"1900-01-01", "1999-12-31", "century", false, false, "19XX"}},
	{[]string{"21st century", "twenty-first century", "21st century AD"}, dateWant{"2000-01-01", "2099-12-31", "century", false, false, "20XX"}},
	{[]string{"1st century AD", "1st century", "first century CE"}, dateWant{"0001-01-01", "0099-12-31", "century", false, false, "0001/0099"}},
	{[]string{"5th century BC", "5th century BCE", "fifth century B.C."}, dateWant{"-0498-01-01", "-0399-12-31", "century", false, false, "-0498/-0399"}},
	{[]string{"4th century BC"}, dateWant{"-0398-01-01", "-0299-12-31", "century", false, false, "-0398/-0299"}},
	{[]string{"1st century BC"}, dateWant{"-0098-01-01", "0000-12-31", "century", false, false, "-0098/0000"}},
	{[]string{"3rd millennium BC", "third millennium BCE"}, dateWant{"-2998-01-01", "-1999-12-31", "millennium", false, false, "-2998/-1999"}},
	{[]string{"2nd millennium", "second millennium AD", "1XXX"}, dateWant{"1000-01-01", "1999-12-31", "millennium", false, false, "1XXX"}},
	{[]string{"1st millennium"}, dateWant{"0001-01-01", "0999-12-31", "millennium", false, false, "0001/0999"}},
	{[]string{"18th–19th century", "18th-19th century", "18th to 19th century", "18th century – 19th century", "eighteenth–nineteenth centuries"},
		dateWant{"1700-01-01", "1899-12-31", "century", false, false, "17XX/18XX"}},
	{[]string{"5th–4th century BC"}, dateWant{"-0498-01-01", "-0299-12-31", "century", false, false, "-0498/-0299"}},

	// Early, mid and late; halves and quarters.
	{[]string{"early 1930s", "early the 1930s"}, dateWant{"1930-01-01", "1933-12-31", "year", true, false, "1930~/1933~"}},
	{[]string{"mid-1950s", "mid 1950s", "middle 1950s"}, dateWant{"1954-01-01", "1956-12-31", "year", true, false, "1954~/1956~"}},
	{[]string{"late 1960s"}, dateWant{"1967-01-01", "1969-12-31", "year", true, false, "1967~/1969~"}},
	{[]string{"early 19th century", "early nineteenth century"}, dateWant{"1800-01-01", "1833-12-31", "year", true, false, "1800~/1833~"}},
	{[]string{"mid-19th century", "mid 19th century"}, dateWant{"1834-01-01", "1866-12-31", "year", true, false, "1834~/1866~"}},
	{[]string{"late 19th century"}, dateWant{"1867-01-01", "1899-12-31", "year", true, false, "1867~/1899~"}},
	{[]string{"first half of the 20th century", "first half of 20th century"}, dateWant{"1900-01-01", "1949-12-31", "year", true, false, "1900~/1949~"}},
	{[]string{"second half of the 20th century"}, dateWant{"1950-01-01", "1999-12-31", "year", true, false, "1950~/1999~"}},
	{[]string{"second quarter of the 18th century"}, dateWant{"1725-01-01", "1749-12-31", "year", true, false, "1725~/1749~"}},
	{[]string{"last quarter of the 19th century", "fourth quarter of the 19th century"}, dateWant{"1875-01-01", "1899-12-31", "year", true, false, "1875~/1899~"}},
	{[]string{"early 4th century BC"}, dateWant{"-0398-01-01", "-0365-12-31", "year", true, false, "-0398~/-0365~"}},

	// Seasons (EDTF level 1; meteorological, northern hemisphere) and quarters.
	{[]string{"Spring 1974", "spring 1974", "1974-21"}, dateWant{"1974-03-01", "1974-05-31", "season", false, false, "1974-21"}},
	{[]string{"Summer 1968"}, dateWant{"1968-06-01", "1968-08-31", "season", false, false, "1968-22"}},
	{[]string{"Autumn 1974", "Fall 1974"}, dateWant{"1974-09-01", "1974-11-30", "season", false, false, "1974-23"}},
	{[]string{"winter 1941–42", "Winter 1941", "winter 1941/42", "1941-24"}, dateWant{"1941-12-01", "1942-02-28", "season", false, false, "1941-24"}},
	{[]string{"Winter 1943"}, dateWant{"1943-12-01", "1944-02-29", "season", false, false, "1943-24"}},
	{[]string{"Q1 1974", "1974-Q1", "1974 Q1", "q1 1974", "1974-33"}, dateWant{"1974-01-01", "1974-03-31", "quarter", false, false, "1974-33"}},
	{[]string{"1974-Q2", "Q2 1974"}, dateWant{"1974-04-01", "1974-06-30", "quarter", false, false, "1974-34"}},
	{[]string{"Q4 1974"}, dateWant{"1974-10-01", "1974-12-31", "quarter", false, false, "1974-36"}},
	{[]string{"Q1 0", "0000-33", "Q1 1 BC"}, dateWant{"0000-01-01", "0000-03-31", "quarter", false, false, "0000-33"}},
	{[]string{"Spring 10", "0010-21"}, dateWant{"0010-03-01", "0010-05-31", "season", false, false, "0010-21"}},

	// Before, after, by and until: one side open.
	{[]string{"before 1926", "Before 1926"}, dateWant{"", "1925-12-31", "year", false, false, "../1925"}},
	{[]string{"after 1953"}, dateWant{"1954-01-01", "", "year", false, false, "1954/.."}},
	{[]string{"by 1926", "until 1926", "not after 1926", "no later than 1926", "../1926"}, dateWant{"", "1926-12-31", "year", false, false, "../1926"}},
	{[]string{"not before 1920", "no earlier than 1920"}, dateWant{"1920-01-01", "", "year", false, false, "1920/.."}},
	{[]string{"before March 1917"}, dateWant{"", "1917-02-28", "month", false, false, "../1917-02"}},
	{[]string{"after 5 March 1953"}, dateWant{"1953-03-06", "", "day", false, false, "1953-03-06/.."}},
	{[]string{"before the 1930s"}, dateWant{"", "1929-12-31", "year", false, false, "../1929"}},
	{[]string{"after c. 1929"}, dateWant{"1930-01-01", "", "year", true, false, "1930~/.."}},

	// Ranges inside one month or year.
	{[]string{"8–16 March 1917", "8-16 March 1917", "March 8–16, 1917", "8th–16th March 1917", "8 to 16 March 1917"},
		dateWant{"1917-03-08", "1917-03-16", "day", false, false, "1917-03-08/1917-03-16"}},
	{[]string{"8 March – 16 April 1917"}, dateWant{"1917-03-08", "1917-04-16", "day", false, false, "1917-03-08/1917-04-16"}},
	{[]string{"March–April 1917", "March - April 1917"}, dateWant{"1917-03-01", "1917-04-30", "month", false, false, "1917-03/1917-04"}},
	{[]string{"15–17 March 44 BC"}, dateWant{"-0043-03-15", "-0043-03-17", "day", false, false, "-0043-03-15/-0043-03-17"}},

	// One of several.
	{[]string{"1667 or 1668", "[1667,1668]", "1667 OR 1668", "[1667, 1668]"}, dateWant{"1667-01-01", "1668-12-31", "year", false, true, "[1667,1668]"}},
	{[]string{"[1667..1670]"}, dateWant{"1667-01-01", "1670-12-31", "year", false, true, "[1667..1670]"}},
	{[]string{"March 1917 or April 1917"}, dateWant{"1917-03-01", "1917-04-30", "month", false, true, "[1917-03,1917-04]"}},

	// Old Style (Julian) and New Style.
	{[]string{"25 October 1917 (O.S.)", "25 October 1917 OS", "25 October 1917 Julian", "25 October 1917 O.S.", "7 November 1917 (N.S.)", "7 November 1917 NS"},
		dateWant{"1917-11-07", "1917-11-07", "day", false, false, "1917-11-07"}},
	{[]string{"4 October 1582 Julian", "14 October 1582"}, dateWant{"1582-10-14", "1582-10-14", "day", false, false, "1582-10-14"}},
	{[]string{"5 October 1582 (O.S.)", "15 October 1582"}, dateWant{"1582-10-15", "1582-10-15", "day", false, false, "1582-10-15"}},
	{[]string{"1 March 1700 O.S."}, dateWant{"1700-03-12", "1700-03-12", "day", false, false, "1700-03-12"}},
	{[]string{"October 1917 (O.S.)"}, dateWant{"1917-10-14", "1917-11-13", "day", false, false, "1917-10-14/1917-11-13"}},

	// The decade with "the".
	{[]string{"the 1960s", "The 1960s"}, dateWant{"1960-01-01", "1969-12-31", "decade", false, false, "196X"}},
}

func TestParseHistorianDates(t *testing.T) {
	n := 0
	for _, tt := range historianDateTests {
		n += len(tt.in)
	}
	if n < 60 {
		t.Errorf("%d cases, want at least 60", n)
	}
	checkParseDate(t, historianDateTests)
}

// TestDayRangeIsNoMisread is the regression of a silent misread: "8–16
// March 1917" was read as the year 8 to 16 March 1917.
func TestDayRangeIsNoMisread(t *testing.T) {
	d, err := ParseDate("8–16 March 1917")
	if err != nil || d.Start != (Day{1917, 3, 8}) || d.End != (Day{1917, 3, 16}) {
		t.Errorf("8–16 March 1917 = %+v, %v", normalised(d), err)
	}
}

func TestParseHistorianDateErrors(t *testing.T) {
	tests := []struct {
		in, want string
		cause    error
	}{
		{"'60s", `date "'60s": which century is meant is unclear: write 1960s, or the century you mean`, ErrAmbiguous},
		{"60s", `date "60s": which century is meant is unclear: write 1960s, or the century you mean`, ErrAmbiguous},
		{"8–1917", `date "8–1917": 8 could be a year or part of 1917: write both years in full, or AD 8`, ErrAmbiguous},
		{"19th–18th century", `date "19th–18th century": the centuries are not in order: write the earliest first`, ErrEndBeforeStart},
		{"15 billion years ago", `date "15 billion years ago": further back than the Big Bang, 13.8 billion years ago`, ErrYearRange},
		{"0 BC", `date "0 BC": there is no year 0 BC: 1 BC is followed by AD 1`, ErrNoSuchDay},
		{"3rd–2nd millennium", `date "3rd–2nd millennium": the millennia are not in order: write the earliest first`, ErrEndBeforeStart},
		{"Spring 1974–1976", `date "Spring 1974–1976": only winter spans two years, as in winter 1941–42`, ErrNotADate},
		{"Q5 1974", `date "Q5 1974": not a date`, ErrNotADate},
		{"before after 1926", `date "before after 1926": not a date`, ErrNotADate},
		{"31–33 March 1917", `date "31–33 March 1917": no such day: March 1917 has 31 days`, ErrNoSuchDay},
		{"16–8 March 1917", `date "16–8 March 1917": end 1917-03-08 is before start 1917-03-16`, ErrEndBeforeStart},
		{"100 BC – 2", `date "100 BC – 2": 2 could be 2 BC or AD 2: write its era`, ErrAmbiguous},
		{"0–0100s", `date "0–0100s": 0 could be a year or part of 0100s: write both years in full, or AD 0`, ErrAmbiguous},
		{"11th millennium", `date "11th millennium": year 10000 is out of range`, ErrYearRange},
		// Letters whose lower case is longer once made a form slice out of range.
		{"q1 ȺȺȺȺȺȺ", `date "q1 ȺȺȺȺȺȺ": not a date`, ErrNotADate},
		{"ȺȺȺȺ 1974-q1", `date "ȺȺȺȺ 1974-q1": not a date`, ErrNotADate},
	}
	for _, tt := range tests {
		_, err := ParseDate(tt.in)
		if err == nil || err.Error() != tt.want || !errors.Is(err, tt.cause) {
			t.Errorf("ParseDate(%q) error:\n got %v\nwant %s (%v)", tt.in, err, tt.want, tt.cause)
		}
	}
}

// FuzzNoImplausibleSpan finds no accepted date that reads a bare number of
// one or two digits as a year beside a date more than a century away, as
// "8–16 March 1917" was once read: the year 8 to 1917. Every accepted date
// also reads the same in words, and from its EDTF form.
func FuzzNoImplausibleSpan(f *testing.F) {
	for _, tests := range [][]parseDateTest{parseDateTests, historianDateTests} {
		for _, tt := range tests {
			for _, in := range tt.in {
				f.Add(in)
			}
		}
	}
	for _, in := range []string{"8–16 March 1917", "8–March 1917", "8 – 1917", "16 March 1917 – 8", "1–14 AD", "9–12 BC", "3–5 May 44 BC", "q1 ȺȺȺȺ", "ȺȺȺȺ q1"} {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ParseDate(in)
		if err != nil || d.IsZero() {
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("ParseDate(%q) gave an invalid date %+v: %v", in, normalised(d), err)
		}
		if left, right, ok := splitRange(normaliseSpaces(in)); ok && !d.OpenStart && !d.OpenEnd {
			bare := func(s string) bool { return isDigits(s) && len(s) <= 2 }
			// Beside a century or millennium, a bare number is its ordinal.
			if (bare(left) || bare(right)) && d.End.Year-d.Start.Year > 100 && d.Precision < PrecisionCentury {
				t.Fatalf("ParseDate(%q) reads a bare %q or %q as a year: %+v", in, left, right, normalised(d))
			}
		}
		if again, err := ParseDate(spanWords(d)); err != nil || again.Span != d.Span {
			t.Fatalf("%q in words, %q, reads as %+v, %v; want %+v", in, spanWords(d), normalised(again), err, normalised(d))
		}
		if back, err := ParseDate(d.EDTF); err != nil || back.Span != d.Span {
			t.Fatalf("EDTF %q of %q reads back as %+v, %v", d.EDTF, in, normalised(back), err)
		}
	})
}

// TestREADMEDates reads every row of README's date tables: each form
// written there reads as its row says.
func TestREADMEDates(t *testing.T) {
	readme := string(golden.Read(t, "../README.md"))
	start := strings.Index(readme, "\n## Dates\n")
	end := strings.Index(readme, "\n## The page\n")
	if start < 0 || end < start {
		t.Fatal("README has no Dates section before The page")
	}
	code := regexp.MustCompile("`([^`]*)`")
	// A heading "#### Deutsch (`de`)" reads the rows after it in German.
	langHeading := regexp.MustCompile("^#### .*\\(`([a-zA-Z-]+)`\\)$")
	rows := 0
	var r *DateReader
	langs := map[string]int{}
	for _, line := range strings.Split(readme[start:end], "\n") {
		if m := langHeading.FindStringSubmatch(line); m != nil {
			if r = DatesIn(m[1]); r == nil {
				t.Errorf("README: no catalogue for %s", m[1])
			}
			continue
		}
		cells := strings.Split(line, " | ")
		if !strings.HasPrefix(line, "| `") || len(cells) != 7 {
			continue
		}
		rows++
		open := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "(open)", "")) }
		want := dateWant{open(cells[1]), open(cells[2]), cells[3], cells[4] == "true", cells[5] == "true",
			code.FindStringSubmatch(cells[6])[1]}
		var forms []string
		for _, m := range code.FindAllStringSubmatch(cells[0], -1) {
			forms = append(forms, m[1])
		}
		checkParseDateIn(t, r, []parseDateTest{{forms, want}})
		langs[r.String()]++
	}
	if rows < 40 {
		t.Errorf("README's date tables have %d rows, want at least 40", rows)
	}
	// A section for every language but English, each with a few rows.
	for _, tag := range locale.Tags() {
		if tag != locale.Default && langs[tag] < 3 {
			t.Errorf("README's dates in %s: %d rows, want a section of at least 3", tag, langs[tag])
		}
	}
}
