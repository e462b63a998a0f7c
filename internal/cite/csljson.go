package cite

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"timeline/pipeline"
)

// cslItem is an item of CSL-JSON, the citation format Zotero and
// citeproc read (https://citeproc-js.readthedocs.io/en/latest/csl-json/).
// Other holds its fields that cslItem does not name.
type cslItem struct {
	ID             json.RawMessage `json:"id"`
	CitationKey    string          `json:"citation-key,omitempty"`
	Type           string          `json:"type"`
	Title          string          `json:"title,omitempty"`
	Author         []cslName       `json:"author,omitempty"`
	Editor         []cslName       `json:"editor,omitempty"`
	Issued         *cslDate        `json:"issued,omitempty"`
	ContainerTitle string          `json:"container-title,omitempty"`
	Volume         Text            `json:"volume,omitempty"`
	Issue          Text            `json:"issue,omitempty"`
	Page           Text            `json:"page,omitempty"`
	DOI            string          `json:"DOI,omitempty"`
	URL            string          `json:"URL,omitempty"`
	Abstract       string          `json:"abstract,omitempty"`
	Keyword        string          `json:"keyword,omitempty"`
	Custom         *cslCustom      `json:"custom,omitempty"`
	Other          []Field         `json:"-"`
}

// cslCustom keeps what CSL has no field for, as CSL 1.0.2's custom
// object allows.
type cslCustom struct {
	Date   string `json:"timeline-date,omitempty"`
	About  string `json:"timeline-about,omitempty"`
	Source string `json:"timeline-source,omitempty"`
}

type cslName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
	// Particles, which Zotero may send apart.
	Dropping    string `json:"dropping-particle,omitempty"`
	NonDropping string `json:"non-dropping-particle,omitempty"`
}

// cslDate is a CSL date: date-parts, with season and circa, or a literal,
// or raw text; or, in CSL 1.0.2, an EDTF string.
type cslDate struct {
	DateParts [][]Text        `json:"date-parts,omitempty"`
	Season    Text            `json:"season,omitempty"`
	Circa     json.RawMessage `json:"circa,omitempty"`
	Literal   string          `json:"literal,omitempty"`
	Raw       string          `json:"raw,omitempty"`
	EDTF      string          `json:"-"`
}

func (d *cslDate) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		d.EDTF = s
		return nil
	}
	type plain cslDate
	return json.Unmarshal(b, (*plain)(d))
}

// Text reads a JSON string, or a number as it is written: CSL-JSON and
// TimelineJS JSON give numbers either way.
type Text string

func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = Text(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*t = Text(n)
	return nil
}

// cslFields are the fields cslItem reads.
var cslFields = map[string]bool{"id": true, "citation-key": true, "type": true, "title": true, "author": true, "editor": true, "issued": true,
	"container-title": true, "volume": true, "issue": true, "page": true, "DOI": true, "URL": true, "abstract": true, "keyword": true, "custom": true}

func (it *cslItem) UnmarshalJSON(b []byte) error {
	type plain cslItem
	if err := json.Unmarshal(b, (*plain)(it)); err != nil {
		return err
	}
	var err error
	it.Other, err = UnknownFields(b, cslFields)
	return err
}

// UnknownFields gives the fields of a JSON object that known does not
// name, sorted by name: each a string as itself, and any other value as
// its JSON. They are what a reader of a format passes on as extra columns.
func UnknownFields(object []byte, known map[string]bool) ([]Field, error) {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(object, &all); err != nil {
		return nil, err
	}
	var out []Field
	for k, v := range all {
		if known[k] {
			continue
		}
		var s string
		if json.Unmarshal(v, &s) != nil {
			s = string(v)
		}
		out = append(out, Field{k, s})
	}
	slices.SortFunc(out, func(a, b Field) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// ReadCSLJSON reads CSL-JSON, as Zotero exports it: an array of items.
// It gives each item's work and the fields it does not read, to pass
// through, a string as itself and anything else as JSON.
func ReadCSLJSON(r io.Reader) ([]Work, [][]Field, error) {
	var items []cslItem
	dec := json.NewDecoder(r)
	if err := dec.Decode(&items); err != nil {
		return nil, nil, fmt.Errorf("not CSL-JSON: %w", err)
	}
	works := make([]Work, len(items))
	rest := make([][]Field, len(items))
	for i, it := range items {
		works[i], rest[i] = it.work()
	}
	return works, rest, nil
}

func (it cslItem) work() (Work, []Field) {
	w := Work{Title: it.Title, Abstract: it.Abstract, DOI: it.DOI, URL: it.URL,
		Container: it.ContainerTitle, Volume: string(it.Volume), Issue: string(it.Issue), Pages: string(it.Page)}
	// The citation key is the id; Zotero's own ids are its item URIs.
	w.ID = it.CitationKey
	if w.ID == "" {
		var s string
		if json.Unmarshal(it.ID, &s) != nil {
			s = string(it.ID)
		}
		w.ID = s
	}
	w.ID = strings.NewReplacer(";", "-", " ", "-").Replace(w.ID)
	people := it.Author
	if len(people) == 0 {
		people = it.Editor
	}
	for _, n := range people {
		if n.Literal != "" {
			w.Authors = append(w.Authors, Name{Family: n.Literal})
			continue
		}
		w.Authors = append(w.Authors, Name{
			Family: strings.TrimSpace(strings.Join([]string{n.NonDropping, n.Family}, " ")),
			Given:  strings.TrimSpace(strings.Join([]string{n.Given, n.Dropping}, " ")),
		})
	}
	if w.Container != "" {
		w.PublishedIn = PublishedIn(w.Container, w.Volume, w.Issue, w.Pages)
	}
	if w.DOI != "" {
		w.URL = doiPrefix + strings.TrimPrefix(w.DOI, doiPrefix)
	}
	w.Tags = ParseKeyList(it.Keyword)
	var custom cslCustom
	if it.Custom != nil {
		custom = *it.Custom
	}
	w.About, w.Source = ParseKeyList(custom.About), custom.Source
	w.Date = cslToDate(it.Issued, custom.Date)
	var rest []Field
	if len(it.Author) > 0 && len(it.Editor) > 0 {
		rest = append(rest, Field{"editor", namesText(it.Editor)})
	}
	if it.DOI != "" && it.URL != "" {
		rest = append(rest, Field{"URL", it.URL})
	}
	return w, append(rest, it.Other...)
}

func namesText(ns []cslName) string {
	var out []string
	for _, n := range ns {
		out = append(out, strings.TrimSpace(cmp.Or(n.Literal, n.Given+" "+n.Family)))
	}
	return strings.Join(out, "; ")
}

var seasons = map[string]string{"1": "Spring", "2": "Summer", "3": "Autumn", "4": "Winter",
	"spring": "Spring", "summer": "Summer", "autumn": "Autumn", "fall": "Autumn", "winter": "Winter"}

// cslToDate reads a CSL date: the date as written when the timeline wrote
// it, else raw, literal or EDTF text, else date-parts with their season
// and circa. An unreadable date is kept as written, for check to report.
func cslToDate(d *cslDate, written string) pipeline.Date {
	text := written
	if text == "" && d != nil {
		text = cmp.Or(d.Raw, d.Literal, d.EDTF)
		if text == "" && len(d.DateParts) > 0 {
			text = partsText(d.DateParts[0])
			if len(d.DateParts) > 1 {
				text += " – " + partsText(d.DateParts[1])
			}
			if s, ok := seasons[strings.ToLower(string(d.Season))]; ok && text != "" && !strings.Contains(text, "-") {
				text = s + " " + text
			}
			if c := strings.TrimSpace(string(d.Circa)); c != "" && c != "false" && c != "0" && c != `""` && text != "" {
				text = "c. " + text
			}
		}
	}
	return readDate(text)
}

// partsText writes date-parts, [1974, 3, 5], as pipeline.PartsText does;
// a year below 1 is that many years BC, as CSL processors read it: -44 is
// 44 BC, and 0 is taken for 1 BC.
func partsText(parts []Text) string {
	if len(parts) == 0 {
		return ""
	}
	y, err := strconv.Atoi(string(parts[0]))
	if err != nil {
		return string(parts[0])
	}
	var md [2]int
	for k, p := range parts[1:min(3, len(parts))] {
		n, err := strconv.Atoi(string(p))
		if err != nil {
			break
		}
		md[k] = n
	}
	if y < 0 {
		y++ // astronomical
	}
	return pipeline.PartsText(y, md[0], md[1])
}

// cslOut is an item as WriteCSLJSON writes it.
type cslOut struct {
	ID             string         `json:"id"`
	CitationKey    string         `json:"citation-key"`
	Type           string         `json:"type"`
	Title          string         `json:"title"`
	Author         []cslName      `json:"author,omitempty"`
	Issued         map[string]any `json:"issued,omitempty"`
	ContainerTitle string         `json:"container-title,omitempty"`
	Volume         string         `json:"volume,omitempty"`
	Issue          string         `json:"issue,omitempty"`
	Page           string         `json:"page,omitempty"`
	DOI            string         `json:"DOI,omitempty"`
	URL            string         `json:"URL,omitempty"`
	Abstract       string         `json:"abstract,omitempty"`
	Keyword        string         `json:"keyword,omitempty"`
	Custom         *cslCustom     `json:"custom,omitempty"`
}

// WriteCSLJSON writes works as CSL-JSON, for Zotero, one item a line: an
// article-journal for a work with a volume or pages, else a document.
// Years BC are negative, -44 for 44 BC.
func WriteCSLJSON(w io.Writer, works []Work) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("[")
	for i, wk := range works {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		it := cslOut{ID: wk.ID, CitationKey: wk.ID, Type: "document", Title: wk.Title,
			DOI: wk.DOI, Abstract: wk.Abstract, Keyword: strings.Join(wk.Tags, ", ")}
		if wk.Volume != "" || wk.Pages != "" {
			it.Type, it.ContainerTitle, it.Volume, it.Issue, it.Page = "article-journal", wk.Container, wk.Volume, wk.Issue, wk.Pages
		} else {
			it.ContainerTitle = wk.PublishedIn
		}
		for _, n := range wk.Authors {
			if n.Given == "" {
				it.Author = append(it.Author, cslName{Literal: n.Family})
			} else {
				it.Author = append(it.Author, cslName{Family: n.Family, Given: n.Given})
			}
		}
		if wk.DOI == "" {
			it.URL = wk.URL
		}
		custom := cslCustom{About: strings.Join(wk.About, ", "), Source: wk.Source}
		if !wk.Date.IsZero() {
			it.Issued = issued(wk.Date)
			custom.Date = wk.Date.Text
		}
		if custom != (cslCustom{}) {
			it.Custom = &custom
		}
		b, err := json.Marshal(it)
		if err != nil {
			return err
		}
		bw.Write(b)
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// issued gives a date's CSL date-parts, to its precision, with circa.
func issued(d pipeline.Date) map[string]any {
	part := func(day pipeline.Day, p pipeline.Precision) []int {
		y := day.Year
		if y <= 0 {
			y-- // astronomical 0 is 1 BC: -1
		}
		switch {
		case p == pipeline.PrecisionDay:
			return []int{y, day.Month, day.Day}
		case p == pipeline.PrecisionMonth:
			return []int{y, day.Month}
		}
		return []int{y}
	}
	var parts [][]int
	switch {
	case d.OpenStart:
		parts = [][]int{part(d.End, d.Precision)}
	case d.OpenEnd || d.Start == d.End || !d.Interval && d.Precision <= pipeline.PrecisionYear:
		parts = [][]int{part(d.Start, d.Precision)}
	default:
		parts = [][]int{part(d.Start, d.Precision), part(d.End, d.Precision)}
	}
	m := map[string]any{"date-parts": parts}
	if d.Approximate {
		m["circa"] = true
	}
	return m
}
