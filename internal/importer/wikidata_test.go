package importer

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"timeline/pipeline"
)

// wikidataCSV is a query result as the query service downloads it as
// CSV: a date with each precision, dates stored with zeros, BCE dates, a
// range, and a column of the query's own. Centuries read as the timeline
// reads them (README: the 16th century is 1500–1599).
const wikidataCSV = `item,itemLabel,date,datePrecision,end,endPrecision,country
http://www.wikidata.org/entity/Q1,The 16th century,1550-01-01T00:00:00Z,7,,,
http://www.wikidata.org/entity/Q2,The 1930s,1930-01-01T00:00:00Z,8,,,Soviet Union
http://www.wikidata.org/entity/Q3,Founding of Lima,+1535-00-00T00:00:00Z,9,,,Peru
http://www.wikidata.org/entity/Q4,A month,1974-03-00T00:00:00Z,10,,,
http://www.wikidata.org/entity/Q5,Stalin dies,1953-03-05T00:00:00Z,11,,,Soviet Union
http://www.wikidata.org/entity/Q6,Caesar is killed,-0044-03-15T00:00:00Z,11,,,
http://www.wikidata.org/entity/Q7,The Republic,-0509-01-01T00:00:00Z,9,-0027-01-01T00:00:00Z,9,
http://www.wikidata.org/entity/Q8,Ninth century BC,-0850-01-01T00:00:00Z,7,,,
http://www.wikidata.org/entity/Q9,Zeros only,+1541-00-00T00:00:00Z,,,,
http://www.wikidata.org/entity/Q10,No date,,,,,
`

// TestWikidata converts each precision and BCE date, from CSV and from
// SPARQL JSON alike, to dates that read as Wikidata meant them.
func TestWikidata(t *testing.T) {
	want := []string{
		"Q1|The 16th century|16th century|1500-01-01 1599-12-31|https://www.wikidata.org/wiki/Q1|",
		"Q2|The 1930s|1930s|1930-01-01 1939-12-31|https://www.wikidata.org/wiki/Q2|Soviet Union",
		"Q3|Founding of Lima|1535|1535-01-01 1535-12-31|https://www.wikidata.org/wiki/Q3|Peru",
		"Q4|A month|1974-03|1974-03-01 1974-03-31|https://www.wikidata.org/wiki/Q4|",
		"Q5|Stalin dies|1953-03-05|1953-03-05 1953-03-05|https://www.wikidata.org/wiki/Q5|Soviet Union",
		"Q6|Caesar is killed|15 March 44 BC|-0043-03-15 -0043-03-15|https://www.wikidata.org/wiki/Q6|",
		"Q7|The Republic|509 BC – 27 BC|-0508-01-01 -0026-12-31|https://www.wikidata.org/wiki/Q7|",
		"Q8|Ninth century BC|9th century BC|-0898-01-01 -0799-12-31|https://www.wikidata.org/wiki/Q8|",
		"Q9|Zeros only|1541|1541-01-01 1541-12-31|https://www.wikidata.org/wiki/Q9|",
		"Q10|No date|| |https://www.wikidata.org/wiki/Q10|",
	}
	rows, err := ReadRows(strings.NewReader(wikidataCSV))
	if err != nil {
		t.Fatal(err)
	}
	fromCSV, err := Rows(rows, func(int) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	// The same result as SPARQL JSON.
	var b strings.Builder
	b.WriteString(`{"head": {"vars": ["item", "itemLabel", "date", "datePrecision", "end", "endPrecision", "country"]}, "results": {"bindings": [`)
	for k, row := range rows[1:] {
		if k > 0 {
			b.WriteString(",")
		}
		b.WriteString("{")
		first := true
		for i, v := range row {
			if v == "" {
				continue
			}
			if !first {
				b.WriteString(",")
			}
			first = false
			fmt.Fprintf(&b, "%q: {\"type\": \"literal\", \"value\": %q}", rows[0][i], v)
		}
		b.WriteString("}")
	}
	b.WriteString("]}}")
	if !IsSPARQLJSON([]byte(b.String())) {
		t.Fatal("IsSPARQLJSON says no")
	}
	fromJSON, err := WikidataJSON(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range []*Result{fromCSV, fromJSON} {
		var got []string
		for _, f := range res.Facts {
			d := f.Date
			if d.Text != "" {
				if d, err = pipeline.ParseDate(d.Text); err != nil {
					t.Errorf("%s: %v", f.ID, err)
				}
			}
			span := " "
			if !d.IsZero() {
				span = d.Start.String() + " " + d.End.String()
			}
			got = append(got, strings.Join([]string{f.ID, f.Title, f.Date.Text, span, f.URL, strings.Join(f.Extra, ",")}, "|"))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s:\n%s\nwant:\n%s", res.Format, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if !slices.Equal(res.Columns.Extra, []string{"country"}) {
			t.Errorf("extra columns %q", res.Columns.Extra)
		}
	}
}
