package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"timeline/pipeline"
)

// A Wikidata Query Service result, downloaded as CSV or as SPARQL JSON,
// has a column per variable of the query. These are the variables read,
// by name; any other column passes through.
var (
	wdItem        = []string{"item"}
	wdLabel       = []string{"itemLabel", "label"}
	wdDescription = []string{"itemDescription", "description"}
	wdStart       = []string{"date", "start", "startDate", "time", "pointInTime", "inception"}
	wdEnd         = []string{"end", "endDate"}
)

// wdPrecision maps Wikidata's time precisions that a timeline keeps:
// 7 century, 8 decade, 9 year, 10 month, 11 day.
const (
	wdCentury = 7
	wdDecade  = 8
	wdYear    = 9
	wdMonth   = 10
	wdDay     = 11
)

// IsWikidata tells whether a header is a Wikidata Query Service result's:
// it has an item and its label.
func IsWikidata(header []string) bool {
	return column(header, wdItem) >= 0 && column(header, wdLabel) >= 0
}

func column(header []string, names []string) int {
	for _, n := range names {
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), n) {
				return i
			}
		}
	}
	return -1
}

// Rows converts a table another tool made, header first, as a CSV file
// or a spreadsheet holds it: a TimelineJS sheet, or a Wikidata Query
// Service result. place names a row in notes.
func Rows(rows [][]string, place func(row int) string) (*Result, error) {
	switch {
	case len(rows) == 0:
		return nil, errors.New("the file is empty")
	case IsTimelineJSSheet(rows[0]):
		return TimelineJSRows(rows, place)
	case IsWikidata(rows[0]):
		return wikidata(rows[0], rows[1:], "Wikidata query result"), nil
	}
	return nil, errors.New("neither a TimelineJS sheet (with Year and Headline columns) nor a Wikidata query result (with item and itemLabel columns)")
}

// ReadRows reads the rows of a CSV file as spreadsheets save it.
func ReadRows(in io.Reader) ([][]string, error) {
	r, _, err := pipeline.NewCSVReader(in)
	if err != nil {
		return nil, err
	}
	r.FieldsPerRecord = -1
	return r.ReadAll()
}

// sparqlJSON is the SPARQL 1.1 JSON results format the query service
// downloads.
type sparqlJSON struct {
	Head struct {
		Vars []string `json:"vars"`
	} `json:"head"`
	Results struct {
		Bindings []map[string]struct {
			Value string `json:"value"`
		} `json:"bindings"`
	} `json:"results"`
}

// IsSPARQLJSON tells whether JSON is a SPARQL result: it has head and
// results.
func IsSPARQLJSON(b []byte) bool {
	var probe map[string]json.RawMessage
	if json.Unmarshal(b, &probe) != nil {
		return false
	}
	_, head := probe["head"]
	_, results := probe["results"]
	return head && results
}

// WikidataJSON converts a query result downloaded as SPARQL JSON.
func WikidataJSON(r io.Reader) (*Result, error) {
	var res sparqlJSON
	if err := json.NewDecoder(r).Decode(&res); err != nil {
		return nil, fmt.Errorf("not a SPARQL JSON result: %w", err)
	}
	header := res.Head.Vars
	if !IsWikidata(header) {
		return nil, errors.New("not a Wikidata Query Service result: it has no item and itemLabel variables")
	}
	rows := make([][]string, len(res.Results.Bindings))
	for k, b := range res.Results.Bindings {
		rows[k] = make([]string, len(header))
		for i, v := range header {
			rows[k][i] = b[v].Value
		}
	}
	return wikidata(header, rows, "Wikidata query result (JSON)"), nil
}

// wikidata converts the rows of a query result.
func wikidata(header []string, rows [][]string, format string) *Result {
	res := &Result{Format: format}
	item, label, desc := column(header, wdItem), column(header, wdLabel), column(header, wdDescription)
	start, end := column(header, wdStart), column(header, wdEnd)
	precisionOf := func(i int) int {
		if i < 0 {
			return -1
		}
		if p := column(header, []string{header[i] + "Precision"}); p >= 0 {
			return p
		}
		if i == start {
			return column(header, []string{"precision"})
		}
		return -1
	}
	startP, endP := precisionOf(start), precisionOf(end)
	used := map[int]string{item: "id, and url: the item's page", label: "title"}
	if desc >= 0 {
		used[desc] = "description"
	}
	for _, c := range []struct{ col, prec int }{{start, startP}, {end, endP}} {
		if c.col >= 0 {
			used[c.col] = "date"
			if c.col == end {
				used[c.col] = "date, as the end of its range"
			}
		}
		if c.prec >= 0 {
			used[c.prec] = "the date's precision: 7 century, 8 decade, 9 year, 10 month, 11 day"
		}
	}
	var extra extraColumns
	for i, h := range header {
		if to, ok := used[i]; ok {
			res.Mappings = append(res.Mappings, Mapping{h, to})
		} else {
			res.Mappings = append(res.Mappings, Mapping{h, "kept as an extra column"})
			extra.declare(h)
		}
	}
	get := func(row []string, i int) string {
		if i < 0 || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	for k, row := range rows {
		uri := get(row, item)
		qid := uri[strings.LastIndexByte(uri, '/')+1:]
		f := pipeline.Fact{Kind: pipeline.History, ID: qid, Title: get(row, label), Description: get(row, desc)}
		if strings.HasPrefix(qid, "Q") {
			f.URL = "https://www.wikidata.org/wiki/" + qid
		}
		if f.Title == "" {
			f.Title = qid
		}
		text, err := wdDateRange(get(row, start), get(row, startP), get(row, end), get(row, endP))
		if err != nil {
			res.Notes = append(res.Notes, fmt.Sprintf("row %d (%s): %v", k+2, qid, err))
		}
		f.Date.Text = text
		for i, h := range header {
			if _, ok := used[i]; !ok {
				extra.add(&f, h, get(row, i))
			}
		}
		res.Facts = append(res.Facts, f)
	}
	res.Columns.Extra = extra.names
	return res
}

func wdDateRange(start, startP, end, endP string) (string, error) {
	a, err := wdDate(start, startP)
	if err != nil || end == "" {
		return a, err
	}
	b, err := wdDate(end, endP)
	if err != nil {
		return a, err
	}
	if a == "" {
		return "", nil
	}
	return a + " – " + b, nil
}

// wdDate writes a Wikidata time, +1541-03-05T00:00:00Z, at its precision,
// in a form the timeline reads. Wikidata's years before 1 count back
// historically: -0044 is 44 BC. Without a precision, zeros tell it:
// +1541-00-00 is a year, +1541-03-00 a month.
func wdDate(s, precision string) (string, error) {
	if s == "" {
		return "", nil
	}
	datePart, _, _ := strings.Cut(s, "T")
	neg := strings.HasPrefix(datePart, "-")
	fields := strings.Split(strings.TrimLeft(datePart, "+-"), "-")
	if len(fields) != 3 {
		return s, fmt.Errorf("%q is not a Wikidata time", s)
	}
	y, err1 := strconv.Atoi(fields[0])
	m, err2 := strconv.Atoi(fields[1])
	d, err3 := strconv.Atoi(fields[2])
	if err := errors.Join(err1, err2, err3); err != nil || m < 0 || m > 12 || d < 0 || d > 31 {
		return s, fmt.Errorf("%q is not a Wikidata time", s)
	}
	p := wdDay
	switch {
	case precision != "":
		if p, err1 = strconv.Atoi(precision); err1 != nil {
			return s, fmt.Errorf("precision %q is not a number", precision)
		}
	case m == 0:
		p = wdYear
	case d == 0:
		p = wdMonth
	}
	era := ""
	if neg {
		era = " BC"
	}
	switch {
	case p < wdCentury:
		return s, fmt.Errorf("precision %d (millennia or more) is not kept: the date is left for you to write", p)
	case p == wdCentury:
		c := (y + 99) / 100
		return ordinal(c) + " century" + era, nil
	case p == wdDecade:
		if neg {
			return s, fmt.Errorf("a decade BC (%s) is left for you to write", s)
		}
		return strconv.Itoa(y/10*10) + "s", nil
	}
	year := y
	if neg {
		year = 1 - y // astronomical
	}
	switch {
	case p == wdYear || m == 0:
		return pipeline.PartsText(year, 0, 0), nil
	case p == wdMonth || d == 0:
		return pipeline.PartsText(year, m, 0), nil
	}
	return pipeline.PartsText(year, m, d), nil
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}
