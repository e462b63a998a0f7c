package pipeline

import "strconv"

// Day is one day of the proleptic Gregorian calendar. Year uses
// astronomical numbering, as ISO 8601 and EDTF do: 1 BC is year 0 and
// 44 BC is year -43.
type Day struct {
	Year  int
	Month int // 1–12
	Day   int // 1–31
}

// String returns the day as an ISO 8601 date: 1953-03-05, or -0043-03-15
// for 15 March 44 BC.
func (d Day) String() string {
	return string(appendISODay(make([]byte, 0, maxISODay), d))
}

// appendISOYear appends an astronomical year with at least four digits:
// 1926, 0064, -0043.
func appendISOYear(b []byte, y int) []byte {
	if y < 0 {
		b = append(b, '-')
		y = -y
	}
	if y < 10000 {
		return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	}
	return strconv.AppendInt(b, int64(y), 10)
}

// maxISODay is the longest ISO 8601 day a Day writes: -5000000-12-31.
const maxISODay = 14

// appendISODay appends d as String writes it, without allocating.
func appendISODay(b []byte, d Day) []byte {
	b = appendISOYear(b, d.Year)
	if d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		return append(b, "-"+strconv.Itoa(d.Month)+"-"+strconv.Itoa(d.Day)...)
	}
	return append(b, '-', byte('0'+d.Month/10), byte('0'+d.Month%10), '-', byte('0'+d.Day/10), byte('0'+d.Day%10))
}

// Number returns the count of days from 1970-01-01 to d, negative before it.
// It orders days and is what pages use for their time axis.
func (d Day) Number() int64 {
	y, m := int64(d.Year), int64(d.Month)
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(d.Day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// DayOfNumber returns the day n days after 1970-01-01, before it when n is
// negative: the inverse of Number.
func DayOfNumber(n int64) Day {
	z := n + 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := Day{Year: int(yoe + era*400), Month: int(mp + 3), Day: int(doy - (153*mp+2)/5 + 1)}
	if d.Month > 12 {
		d.Month -= 12
		d.Year++
	}
	return d
}

// Validate reports whether d names a day that exists.
func (d Day) Validate() error {
	if d.Year < minYear || d.Year > maxYear {
		return because(ErrYearRange, "year %d is out of range", d.Year)
	}
	if d.Month < 1 || d.Month > 12 {
		return because(ErrNoSuchDay, "there is no month %d", d.Month)
	}
	if n := daysIn(d.Year, d.Month); d.Day < 1 || d.Day > n {
		return because(ErrNoSuchDay, "no such day: %s %s has %d days", monthNames[d.Month-1], YearLabel(d.Year), n)
	}
	return nil
}

// Span is the inclusive range of days a date covers. OpenEnd marks a span
// with no known end, as in "1989/.." or "after 1988": End is then the zero
// Day. OpenStart marks one with no known start, as in "before 1926": Start
// is then the zero Day.
type Span struct {
	Start, End Day
	OpenStart  bool
	OpenEnd    bool
}

// Validate reports a span whose end comes before its start.
func (s Span) Validate() error {
	if s.OpenStart {
		return s.End.Validate()
	}
	if err := s.Start.Validate(); err != nil {
		return err
	}
	if s.OpenEnd {
		return nil
	}
	if err := s.End.Validate(); err != nil {
		return err
	}
	if s.End.Number() < s.Start.Number() {
		return because(ErrEndBeforeStart, "end %s is before start %s", s.End, s.Start)
	}
	return nil
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// YearLabel writes an astronomical year as people read it: 1926, 44 BC.
func YearLabel(y int) string {
	if y <= 0 {
		return strconv.Itoa(1-y) + " BC"
	}
	return strconv.Itoa(y)
}

// MonthName gives the English name of month m, from 1: "March".
func MonthName(m int) string {
	if m < 1 || m > 12 {
		return strconv.Itoa(m)
	}
	return monthNames[m-1]
}

// PartsText writes a date known to the year, the month or the day, in a
// form ParseDate reads. year is astronomical (0 is 1 BC); month and day
// are 0 where they are not known. A year AD is written as ISO 8601 has
// it, 1974, 1974-03, 1974-03-05; a year BC in words, 44 BC, March 44 BC,
// 15 March 44 BC.
func PartsText(year, month, day int) string {
	if year <= 0 {
		s := YearLabel(year)
		if month > 0 {
			s = MonthName(month) + " " + s
			if day > 0 {
				s = strconv.Itoa(day) + " " + s
			}
		}
		return s
	}
	if month == 0 {
		return strconv.Itoa(year)
	}
	if day == 0 {
		return string(append(appendISOYear(nil, year), '-', byte('0'+month/10%10), byte('0'+month%10)))
	}
	return Day{year, month, day}.String()
}
