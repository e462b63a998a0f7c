package charts

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"timeline/internal/golden"
	"timeline/internal/locale"
	"timeline/internal/schema"
)

// TestLocaleJSON keeps testdata/locales.json, the payload's loc for every
// language, from which the page script's tests (jstest) write the dates
// that internal/locale/testdata/dates.json holds. Run go test -update
// after changing a catalogue.
func TestLocaleJSON(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("{\n")
	for i, tag := range locale.Tags() {
		if i > 0 {
			b.WriteString(",\n")
		}
		l, _ := locale.For(tag)
		b.WriteString(`"` + tag + `": `)
		b.Write(localeJSON(l))
	}
	b.WriteString("\n}\n")
	golden.Check(t, "testdata/locales.json", b.Bytes())
}

func TestSummaryInLanguages(t *testing.T) {
	tl := readTimeline(t, "testdata/stalinism.csv")
	tests := map[string]string{
		"en": "9 facts: 5 drawn, from 1926 to 2005; 4 undated, listed in the table.",
		"de": "9 Einträge: 5 davon eingezeichnet, von 1926 bis 2005; 4 ohne Datum, in der Tabelle aufgeführt.",
		"ru": "9 фактов: на диаграмме 5, с 1926 по 2005; 4 без даты, в таблице.",
		"ja": "9 件：うち 5 件を描画（1926年～2005年）、4 件は日付なしで表に記載。",
	}
	for lang, want := range tests {
		loc, _ := locale.For(lang)
		if got := summary(tl, loc); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

// TestBibliographyInLanguages writes Works cited in the lesson's words.
func TestBibliographyInLanguages(t *testing.T) {
	tl := readTimeline(t, "testdata/stalinism.csv")
	tests := map[string]string{
		"en": "Bettelheim, Charles and Bernard Chavance (1981).",
		"de": "Bettelheim, Charles und Bernard Chavance (1981).",
		"ru": "Bettelheim, Charles и Bernard Chavance (1981).",
	}
	for lang, want := range tests {
		loc, _ := locale.For(lang)
		entries, _ := bibliography(tl, loc)
		found := false
		for _, e := range entries {
			found = found || strings.HasPrefix(e.Text, want)
		}
		if !found {
			t.Errorf("%s: no entry begins %q in %q", lang, want, entries)
		}
	}
}

// TestSchemaWords checks that the catalogue names every heading and
// tooltip label of the schema: a new column needs its words.
func TestSchemaWords(t *testing.T) {
	en := english()
	ids := en.IDs()
	for _, c := range schema.Columns {
		if c.Shown != "" && !slices.Contains(ids, "Heading."+c.Shown) {
			t.Errorf("column %s: no message Heading.%s", c.Name, c.Shown)
		}
		if c.Label != "" && !slices.Contains(ids, fieldWord(c.Label)) {
			t.Errorf("column %s: no message %s", c.Name, fieldWord(c.Label))
		}
	}
}
