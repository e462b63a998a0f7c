package charts

import (
	"encoding/json"
	"strings"

	"timeline/internal/locale"
	"timeline/pipeline"
)

// english is the catalogue of a page in English.
func english() *locale.Locale {
	l, _ := locale.For(locale.Default)
	return l
}

// scriptLocale is the payload's loc: what the page script needs to write
// dates and words in the lesson's language.
type scriptLocale struct {
	Tag    string          `json:"tag"`
	Group  string          `json:"group"`   // between thousands
	Point  string          `json:"decimal"` // before decimals
	Months [12]string      `json:"months"`  // abbreviated, in a date
	Alone  [12]string      `json:"alone"`   // abbreviated, on their own
	BC     string          `json:"bc"`
	AD     string          `json:"ad"` // for AD 1 on the axis, as Locale.Year writes it
	Pat    locale.Patterns `json:"pat"`
	// Deep and Present are locale.DeepYear and locale.PresentYear.
	Deep    int            `json:"deep"`
	Present int            `json:"present"`
	Words   map[string]any `json:"w"` // id: text, or plural forms by CLDR category
}

// htmlOnly names the words the page's HTML says for a browser that cannot
// run the page script, or not all of it: the script never says them.
var htmlOnly = map[string]bool{"NoScript": true, "OldBrowser": true}

// localeJSON gives loc's scriptLocale as JSON.
// Every page word but the date parser's is in it; encoding/json escapes
// <, > and & in it, so it is safe inside the payload's script element.
func localeJSON(loc *locale.Locale) []byte {
	group, point := loc.Separators()
	sl := scriptLocale{Tag: loc.Tag, Group: group, Point: point, Months: loc.MonthsAbbr, Alone: loc.StandAloneAbbr,
		BC: loc.BC[0], AD: loc.AD[0], Pat: loc.Patterns, Deep: locale.DeepYear, Present: locale.PresentYear, Words: map[string]any{}}
	for _, id := range loc.IDs() {
		if strings.HasPrefix(id, "Parse.") || strings.HasPrefix(id, "Ref") || strings.HasPrefix(id, "Index.") || htmlOnly[id] {
			continue // the date reader's, Works cited's, the index page's and the page's HTML's, Go's alone
		}
		forms := loc.Forms(id)
		if len(forms) == 1 {
			sl.Words[id] = forms["other"]
		} else {
			sl.Words[id] = forms
		}
	}
	b, err := json.Marshal(sl)
	if err != nil {
		panic(err) // strings only: cannot fail
	}
	return b
}

// dayLabel writes a day as the lesson's language does: "5 Mar 1953",
// "5. März 1953".
func dayLabel(loc *locale.Locale, d pipeline.Day) string {
	return loc.Day(d.Year, d.Month, d.Day)
}

// rangeLabel writes the days a date covers, as the page's tooltips do:
// "1 Jan 1926 – 31 Dec 1953". It is empty for an undated fact.
func rangeLabel(loc *locale.Locale, d pipeline.Date) string {
	open := loc.Word("Open")
	switch {
	case d.IsZero():
		return ""
	case d.OpenEnd:
		return dayLabel(loc, d.Start) + " – " + open
	case d.OpenStart:
		return open + " – " + dayLabel(loc, d.End)
	case d.Start == d.End:
		return dayLabel(loc, d.Start)
	}
	return dayLabel(loc, d.Start) + " – " + dayLabel(loc, d.End)
}

// Speaks tells whether pages in a language, a BCP 47 tag, have its words:
// a language without a catalogue gets English ones.
func Speaks(lang string) bool {
	_, ok := locale.For(lang)
	return ok
}
