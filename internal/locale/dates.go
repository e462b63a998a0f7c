package locale

import (
	"strconv"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Years up to DeepYear are written in years ago or with their thousands
// apart, as the page's axis writes them too.
const DeepYear = -9999

// PresentYear is the present of "before present" and of "years ago":
// 1950, from which radiocarbon dating counts back.
const PresentYear = 1950

// Year writes an astronomical year (0 is 1 BC) as the language does:
// "1953", "44 v. Chr.", "紀元前44年"; from 10,000 BC on with its thousands
// apart ("12.000 v. Chr."), and from a million years ago in millions of
// years ago ("vor 2,5 Millionen Jahren"). AD 1 is written with its era,
// "1 AD", "1 n. Chr.": alone, "1" reads as a count, not as the first year
// of the era, where a view of years BC turns to years AD.
func (l *Locale) Year(y int) string {
	if y <= DeepYear {
		if ago := PresentYear - y; ago >= 1_000_000 {
			return l.ago(float64(ago))
		}
		return l.fill(l.Patterns.YearBC, l.Number(float64(1-y)), 0, 0)
	}
	if y <= 0 {
		return l.fill(l.Patterns.YearBC, strconv.Itoa(1-y), 0, 0)
	}
	if y == 1 {
		return l.fillEra(l.Patterns.YearBC, "1", 0, 0, l.AD[0])
	}
	return l.fill(l.Patterns.Year, strconv.Itoa(y), 0, 0)
}

// Month writes a month of a year: "März 1974", "1974年3月".
func (l *Locale) Month(y, m int) string {
	if y <= 0 {
		return l.fill(l.Patterns.MonthBC, strconv.Itoa(1-y), m, 0)
	}
	return l.fill(l.Patterns.Month, strconv.Itoa(y), m, 0)
}

// Day writes a day: "5. März 1953", "5 Mar 1953", "1953年3月5日".
func (l *Locale) Day(y, m, d int) string {
	if y <= 0 {
		return l.fill(l.Patterns.DayBC, strconv.Itoa(1-y), m, d)
	}
	return l.fill(l.Patterns.Day, strconv.Itoa(y), m, d)
}

// ago writes a time of a million years or more before 1950, in millions
// or billions of years ago, with two decimals at most: "2.5 million years
// ago". The plural form is chosen by the number, and the number written
// as the language writes it.
func (l *Locale) ago(years float64) string {
	id, unit := "MillionYearsAgo", 1e6
	if years >= 1e9 {
		id, unit = "BillionYearsAgo", 1e9
	}
	n := years / unit
	count := strconv.FormatFloat(float64(int64(n*100+0.5))/100, 'f', -1, 64)
	return l.localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: map[string]any{"Count": l.Number(n)}})
}

// Number writes a number as the language does, in Latin digits, with at
// most two decimals: "12.000", "2,5". Its group and decimal separators are
// those x/text writes for the language; the page script groups with the
// same, from Separators.
func (l *Locale) Number(x float64) string {
	group, decimal := l.group, l.decimal
	s := strconv.FormatFloat(float64(int64(x*100+0.5))/100, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 && len(whole) > 4 {
			b.WriteString(group)
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString(decimal + frac)
	}
	return b.String()
}

// Separators gives the characters the language puts between groups of
// thousands and before decimals: "." and "," in German.
func (l *Locale) Separators() (group, decimal string) { return l.group, l.decimal }

// separators finds a language's separators, as x/text writes numbers in
// it.
func separators(tag string) (group, decimal string) {
	p := message.NewPrinter(language.Make(tag + "-u-nu-latn"))
	s := p.Sprint(number.Decimal(1234.5))
	// s is "1" group "234" decimal "5".
	rest := strings.TrimPrefix(s, "1")
	group, rest, _ = strings.Cut(rest, "234")
	decimal = strings.TrimSuffix(rest, "5")
	return group, decimal
}

// fill puts a year (already written), a month and a day into a pattern,
// and BC as its era.
func (l *Locale) fill(pattern, year string, m, d int) string {
	return l.fillEra(pattern, year, m, d, l.BC[0])
}

// fillEra is fill with the era's word given: a pattern of years BC
// writes AD 1 in the same order, with AD's word.
func (l *Locale) fillEra(pattern, year string, m, d int, era string) string {
	r := strings.NewReplacer("{y}", year, "{G}", era, "{d}", strconv.Itoa(d), "{M}", strconv.Itoa(m),
		"{MMM}", l.monthAbbr(m, false), "{LLL}", l.monthAbbr(m, true))
	return r.Replace(pattern)
}

func (l *Locale) monthAbbr(m int, standAlone bool) string {
	if m < 1 || m > 12 {
		return ""
	}
	if standAlone {
		return l.StandAloneAbbr[m-1]
	}
	return l.MonthsAbbr[m-1]
}
