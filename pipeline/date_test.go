package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"
)

// dateWant is a date's normalised form, as the normalised CSV writes it.
type dateWant struct {
	start, end, precision  string
	approximate, uncertain bool
	edtf                   string
}

func normalised(d Date) dateWant {
	w := dateWant{start: d.Start.String(), end: d.End.String(), precision: d.Precision.String(),
		approximate: d.Approximate, uncertain: d.Uncertain, edtf: d.EDTF}
	if d.OpenEnd {
		w.end = ""
	}
	if d.OpenStart {
		w.start = ""
	}
	return w
}

// parseDateTest is some ways of writing one date, and its normalised form.
type parseDateTest struct {
	in   []string
	want dateWant
}

var parseDateTests = []parseDateTest{
	// The table of issue 2, row by row.
	{[]string{"1926–1953", "1926-1953", "1926 to 1953", "from 1926 to 1953", "1926/1953"},
		dateWant{"1926-01-01", "1953-12-31", "year", false, false, "1926/1953"}},
	{[]string{"1930s", "193X"}, dateWant{"1930-01-01", "1939-12-31", "decade", false, false, "193X"}},
	{[]string{"March 1974", "Mar 1974", "1974-03"}, dateWant{"1974-03-01", "1974-03-31", "month", false, false, "1974-03"}},
	{[]string{"1981"}, dateWant{"1981-01-01", "1981-12-31", "year", false, false, "1981"}},
	{[]string{"5 March 1953", "March 5, 1953", "1953-03-05"}, dateWant{"1953-03-05", "1953-03-05", "day", false, false, "1953-03-05"}},
	{[]string{"c. 1929", "ca. 1929", "circa 1929", "~1929", "1929~"}, dateWant{"1929-01-01", "1929-12-31", "year", true, false, "1929~"}},
	{[]string{"1929?"}, dateWant{"1929-01-01", "1929-12-31", "year", false, true, "1929?"}},
	{[]string{"44 BC", "44 BCE"}, dateWant{"-0043-01-01", "-0043-12-31", "year", false, false, "-0043"}},
	{[]string{"15 March 44 BC"}, dateWant{"-0043-03-15", "-0043-03-15", "day", false, false, "-0043-03-15"}},
	{[]string{"June 1948 – May 1949"}, dateWant{"1948-06-01", "1949-05-31", "month", false, false, "1948-06/1949-05"}},
	{[]string{"1989/.."}, dateWant{"1989-01-01", "", "year", false, false, "1989/.."}},

	// Beyond the table.
	{[]string{"  1981 ", "AD 1981", "1981 AD", "1981 CE"}, dateWant{"1981-01-01", "1981-12-31", "year", false, false, "1981"}},
	{[]string{"0064", "64"}, dateWant{"0064-01-01", "0064-12-31", "year", false, false, "0064"}},
	{[]string{"-0043", "44 B.C."}, dateWant{"-0043-01-01", "-0043-12-31", "year", false, false, "-0043"}},
	{[]string{"1 BC"}, dateWant{"0000-01-01", "0000-12-31", "year", false, false, "0000"}},
	{[]string{"100–44 BC", "100 BC – 44 BC"}, dateWant{"-0099-01-01", "-0043-12-31", "year", false, false, "-0099/-0043"}},
	{[]string{"1914–18", "1914-18"}, dateWant{"1914-01-01", "1918-12-31", "year", false, false, "1914/1918"}},
	{[]string{"c. 1929 – 1953"}, dateWant{"1929-01-01", "1953-12-31", "year", true, false, "1929~/1953"}},
	{[]string{"1929%", "c. 1929?"}, dateWant{"1929-01-01", "1929-12-31", "year", true, true, "1929%"}},
	{[]string{"29 February 2000", "Feb 29, 2000", "29th Feb 2000"}, dateWant{"2000-02-29", "2000-02-29", "day", false, false, "2000-02-29"}},
	{[]string{"Sept 1939", "Sep. 1939", "september 1939", "SEPTEMBER 1939", "\u017fep 1939"}, dateWant{"1939-09-01", "1939-09-30", "month", false, false, "1939-09"}},
	{[]string{"MAY 1940", "may 1940", "May. 1940"}, dateWant{"1940-05-01", "1940-05-31", "month", false, false, "1940-05"}},
	{[]string{"19XX"}, dateWant{"1900-01-01", "1999-12-31", "century", false, false, "19XX"}},
	{[]string{"1930s–1950s"}, dateWant{"1930-01-01", "1959-12-31", "decade", false, false, "193X/195X"}},
	{[]string{"1926 - 5 March 1953"}, dateWant{"1926-01-01", "1953-03-05", "year", false, false, "1926/1953-03-05"}},
}

func TestParseDate(t *testing.T) {
	checkParseDate(t, parseDateTests)
}

func checkParseDate(t *testing.T, tests []parseDateTest) {
	t.Helper()
	checkParseDateIn(t, nil, tests)
}

// checkParseDateIn checks dates as r reads them: in its language, or in
// English for nil.
func checkParseDateIn(t *testing.T, r *DateReader, tests []parseDateTest) {
	t.Helper()
	for _, tt := range tests {
		for _, in := range tt.in {
			d, err := r.Parse(in)
			if err != nil {
				t.Errorf("ParseDate(%q): %v", in, err)
				continue
			}
			if got := normalised(d); got != tt.want {
				t.Errorf("ParseDate(%q) = %+v, want %+v", in, got, tt.want)
			}
			if err := d.Validate(); err != nil {
				t.Errorf("ParseDate(%q).Validate(): %v", in, err)
			}
			// The EDTF form is itself a date this parser reads, to the same days.
			back, err := ParseDate(d.EDTF)
			if err != nil {
				t.Errorf("ParseDate(EDTF %q of %q): %v", d.EDTF, in, err)
			} else if back.Span != d.Span || back.EDTF != d.EDTF {
				t.Errorf("EDTF %q of %q reads as %+v, want %+v", d.EDTF, in, normalised(back), tt.want)
			}
			// The range in words reads as the same range: nothing is
			// read but what is written.
			words := spanWords(d)
			if again, err := ParseDate(words); err != nil {
				t.Errorf("%q in words, %q: %v", in, words, err)
			} else if again.Span != d.Span {
				t.Errorf("%q in words, %q, reads as %+v, want %+v", in, words, normalised(again), tt.want)
			}
		}
	}
}

// spanWords writes the days a date covers in words, as a person would:
// "5 March 1953 – 16 March 1953", "by 31 December 1925".
func spanWords(d Date) string {
	day := func(x Day) string { return fmt.Sprintf("%d %s %s", x.Day, monthNames[x.Month-1], YearLabel(x.Year)) }
	// Deep time is told in whole years: "12000 BC".
	if d.Start.Year <= -9999 && d.Start.Month == 1 && d.Start.Day == 1 && (d.OpenEnd || d.End.Month == 12 && d.End.Day == 31) {
		day = func(x Day) string { return YearLabel(x.Year) }
	}
	switch {
	case d.OpenStart:
		return "by " + day(d.End)
	case d.OpenEnd:
		return "not before " + day(d.Start)
	case d.Start == d.End:
		return day(d.Start)
	}
	return day(d.Start) + " – " + day(d.End)
}

func TestParseDateEmpty(t *testing.T) {
	for _, in := range []string{"", "   "} {
		d, err := ParseDate(in)
		if err != nil || !d.IsZero() {
			t.Errorf("ParseDate(%q) = %+v, %v; want the zero Date", in, d, err)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		in, want string
		cause    error
	}{
		{"1953–1926", `date "1953–1926": end 1926 is before start 1953`, ErrEndBeforeStart},
		{"31 February 1930", `date "31 February 1930": no such day: February 1930 has 28 days`, ErrNoSuchDay},
		{"29 February 1900", `date "29 February 1900": no such day: February 1900 has 28 days`, ErrNoSuchDay},
		{"Febtember 1930", `date "Febtember 1930": not a date`, ErrNotADate},
		{"Mayo 1930", `date "Mayo 1930": not a date`, ErrNotADate},
		{"Septe 1930", `date "Septe 1930": not a date`, ErrNotADate},
		{"1930  \t 5", `date "1930  \t 5": not a date`, ErrNotADate},
		{"0 BC", `date "0 BC": there is no year 0 BC: 1 BC is followed by AD 1`, ErrNoSuchDay},
		{"1974-13", `date "1974-13": there is no month 13`, ErrNoSuchDay},
		{"March 1974 – February 1974", `date "March 1974 – February 1974": end February 1974 is before start March 1974`, ErrEndBeforeStart},
		{"soon", `date "soon": not a date`, ErrNotADate},
		{"1930s BC", `date "1930s BC": decades and centuries BC are not supported; write a range such as 49–40 BC`, ErrUnsupported},
		{"12345", `date "12345": not a date`, ErrNotADate},
		{"1926–", `date "1926–": not a date`, ErrNotADate},
	}
	for _, tt := range tests {
		_, err := ParseDate(tt.in)
		var de *DateError
		if !errors.As(err, &de) {
			t.Errorf("ParseDate(%q) error = %v, want a *DateError", tt.in, err)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("ParseDate(%q) error:\n got %s\nwant %s", tt.in, err, tt.want)
		}
		if !errors.Is(err, tt.cause) {
			t.Errorf("ParseDate(%q) error is not %v", tt.in, tt.cause)
		}
	}
}

// sharedDays are the day numbers and year labels of testdata/days.json,
// which the page script's node tests check too.
type sharedDays struct {
	Days       [][4]int64 `json:"days"`
	YearLabels [][2]any   `json:"yearLabels"`
}

func readSharedDays(t *testing.T) sharedDays {
	t.Helper()
	b, err := os.ReadFile("testdata/days.json")
	if err != nil {
		t.Fatal(err)
	}
	var sd sharedDays
	if err := json.Unmarshal(b, &sd); err != nil {
		t.Fatal(err)
	}
	return sd
}

func TestYearLabel(t *testing.T) {
	for _, c := range readSharedDays(t).YearLabels {
		if got := YearLabel(int(c[0].(float64))); got != c[1] {
			t.Errorf("YearLabel(%v) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestDayNumber(t *testing.T) {
	for _, c := range readSharedDays(t).Days {
		d, want := Day{int(c[0]), int(c[1]), int(c[2])}, c[3]
		if got := d.Number(); got != want {
			t.Errorf("%v.Number() = %d, want %d", d, got, want)
		}
		if got := DayOfNumber(want); got != d {
			t.Errorf("DayOfNumber(%d) = %v, want %v", want, got, d)
		}
	}
	// Consecutive days have consecutive numbers, across years, leap days and
	// year 0, and DayOfNumber gives each day back: every day of the years
	// people write in four digits, and the first thousand years of deep
	// time, two and a half cycles of 400 years.
	for _, years := range [][2]int{{-9999, maxYear}, {minYear, minYear + 1000}} {
		prev := Day{years[0] - 1, 12, 31}.Number()
		for y := years[0]; y <= years[1]; y++ {
			for m := 1; m <= 12; m++ {
				for d := 1; d <= daysIn(y, m); d++ {
					day := Day{y, m, d}
					n := day.Number()
					if n != prev+1 {
						t.Fatalf("%v.Number() = %d, want %d", day, n, prev+1)
					}
					if back := DayOfNumber(n); back != day {
						t.Fatalf("DayOfNumber(%d) = %v, want %v", n, back, day)
					}
					prev = n
				}
			}
		}
	}
	// The first day of all is a number a float64 holds exactly, as the
	// page script's day numbers are.
	if n := (Day{minYear, 1, 1}).Number(); n < -1<<53 || DayOfNumber(n) != (Day{minYear, 1, 1}) {
		t.Errorf("the first day of %s is day %d", YearLabel(minYear), n)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, tt := range parseDateTests {
		for _, in := range tt.in {
			f.Add(in)
		}
	}
	f.Add("31 February 1930")
	f.Fuzz(func(t *testing.T, in string) {
		d, err := ParseDate(in)
		if err != nil || d.IsZero() {
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("ParseDate(%q) gave an invalid date %+v: %v", in, d, err)
		}
		back, err := ParseDate(d.EDTF)
		if err != nil || back.Span != d.Span || back.EDTF != d.EDTF {
			t.Fatalf("EDTF %q of %q reads back as %+v, %v", d.EDTF, in, back, err)
		}
	})
}

func TestValidate(t *testing.T) {
	d := func(s string) Date {
		date, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return date
	}
	backwards := d("1926–1953")
	backwards.Start, backwards.End = backwards.End, backwards.Start
	tests := []struct {
		name string
		f    Fact
		want string
	}{
		{"ok", Fact{Title: "Stalin dies", Date: d("5 March 1953"), URL: "https://example.org/x"}, ""},
		{"undated", Fact{Title: "The purges"}, ""},
		{"no title", Fact{Title: "  ", Date: d("1953")}, "title is empty"},
		{"backwards", Fact{Title: "x", Date: backwards}, "end 1926-01-01 is before start 1953-12-31"},
		{"no such day", Fact{Title: "x", Date: Date{Text: "x", Span: Span{Start: Day{1930, 2, 31}, End: Day{1930, 2, 31}}}}, "no such day: February 1930 has 28 days"},
		{"bad url", Fact{Title: "x", URL: "javascript:alert(1)"}, `url "javascript:alert(1)" is not an http or https address`},
		{"open end", Fact{Title: "x", Date: d("1989/..")}, ""},
	}
	for _, tt := range tests {
		err := tt.f.Validate()
		if got := fmt.Sprint(err); (err == nil && tt.want != "") || (err != nil && got != tt.want) {
			t.Errorf("%s: Validate() = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestPartsText: each written form reads back as the parts it was made of.
func TestPartsText(t *testing.T) {
	tests := []struct {
		year, month, day int
		want             string
	}{
		{1974, 0, 0, "1974"}, {1974, 3, 0, "1974-03"}, {1953, 3, 5, "1953-03-05"}, {800, 3, 0, "0800-03"}, {800, 0, 0, "800"},
		{-43, 0, 0, "44 BC"}, {-43, 3, 0, "March 44 BC"}, {-43, 3, 15, "15 March 44 BC"}, {0, 0, 0, "1 BC"},
	}
	for _, tt := range tests {
		got := PartsText(tt.year, tt.month, tt.day)
		d, err := ParseDate(got)
		if got != tt.want || err != nil || d.Start.Year != tt.year || tt.month > 0 && d.Start.Month != tt.month || tt.day > 0 && d.Start.Day != tt.day {
			t.Errorf("PartsText(%d, %d, %d) = %q, reading as %v, %v; want %q", tt.year, tt.month, tt.day, got, d.Start, err, tt.want)
		}
	}
}
