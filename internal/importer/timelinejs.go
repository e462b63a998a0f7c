package importer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"

	"timeline/internal/cite"
	"timeline/pipeline"
)

// tjsRow is a row of a TimelineJS sheet. Its csv tags are the template's
// columns, as TimelineJS documents them, in lower case; "to" says what
// becomes of each, for the report.
type tjsRow struct {
	Year         string `csv:"year" to:"date"`
	Month        string `csv:"month" to:"date"`
	Day          string `csv:"day" to:"date"`
	Time         string `csv:"time" to:"kept as an extra column: dates are kept to the day"`
	EndYear      string `csv:"end year" to:"date, as the end of its range"`
	EndMonth     string `csv:"end month" to:"date, as the end of its range"`
	EndDay       string `csv:"end day" to:"date, as the end of its range"`
	EndTime      string `csv:"end time" to:"kept as an extra column: dates are kept to the day"`
	DisplayDate  string `csv:"display date" to:"display_date, which the page shows in place of the date"`
	Headline     string `csv:"headline" to:"title"`
	Text         string `csv:"text" to:"description, as plain text: tags removed, links kept with their address"`
	Media        string `csv:"media" to:"media, when an http(s) address; else the extra column Media embed"`
	MediaCredit  string `csv:"media credit" to:"media_credit, as plain text"`
	MediaCaption string `csv:"media caption" to:"media_caption, as plain text"`
	MediaAlt     string `csv:"alt text" to:"media_alt"`
	Thumbnail    string `csv:"media thumbnail" to:"kept as an extra column"`
	Type         string `csv:"type" to:"title: NAME.md; era: a period in the Eras group"`
	Group        string `csv:"group" to:"group"`
	Background   string `csv:"background" to:"kept as an extra column"`
	// From TimelineJS JSON only.
	ID string `csv:"-" json:"unique_id" to:"id"`
}

// tjsFormat names the formats in reports.
const (
	tjsSheet = "TimelineJS sheet"
	tjsJSON  = "TimelineJS JSON"
)

// erasGroup is the group eras are drawn in.
const erasGroup = "Eras"

// mediaEmbed is the extra column for media that are no address: the embed
// codes TimelineJS takes for tweets and maps.
const mediaEmbed = "Media embed"

// IsTimelineJSSheet tells whether a header row is a TimelineJS sheet's:
// it has Year and Headline.
func IsTimelineJSSheet(header []string) bool {
	var year, headline bool
	for _, h := range header {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "year":
			year = true
		case "headline":
			headline = true
		}
	}
	return year && headline
}

// timelineJSSheet converts a TimelineJS sheet, read as CSV. place names
// a row in notes: "lesson.csv:4".
func timelineJSSheet(r *csv.Reader, place func(row int) string) (*Result, error) {
	r.FieldsPerRecord = -1
	um, err := gocsv.NewUnmarshaller(r, &tjsRow{})
	if errors.Is(err, io.EOF) {
		return nil, errors.New("the file is empty")
	}
	if err != nil {
		return nil, err
	}
	if !IsTimelineJSSheet(um.Headers) {
		return nil, errors.New("not a TimelineJS sheet: its header has no Year and Headline columns")
	}
	original := make(map[string]string, len(um.Headers))
	lower := make([]string, len(um.Headers))
	for i, h := range um.Headers {
		lower[i] = strings.ToLower(strings.TrimSpace(h))
		original[lower[i]] = h
	}
	if err := um.RenormalizeHeaders(func([]string) []string { return lower }); err != nil {
		return nil, err
	}
	c := newTJSConverter(tjsSheet)
	c.mapColumns(um.Headers, original)
	// The sheet's columns kept as they are come in its order.
	to := tjsTargets()
	for _, h := range lower {
		if t, ok := to[h]; !ok || strings.HasPrefix(t, "kept as an extra column") {
			c.extra.declare(original[h])
		}
	}
	for row := 2; ; row++ {
		v, unmatched, err := um.ReadUnmatched()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		var extra []cite.Field
		for _, h := range lower {
			if _, ok := unmatched[h]; ok {
				extra = append(extra, cite.Field{Name: original[h], Value: unmatched[h]})
			}
		}
		c.add(v.(*tjsRow), extra, place(row))
	}
	return c.finish(), nil
}

// TimelineJSRows converts a TimelineJS sheet given as rows, header first,
// as a spreadsheet holds it.
func TimelineJSRows(rows [][]string, place func(row int) string) (*Result, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.WriteAll(rows)
	if err := w.Error(); err != nil {
		return nil, err
	}
	return timelineJSSheet(csv.NewReader(&buf), place)
}

// tjsConverter turns TimelineJS rows into facts.
type tjsConverter struct {
	res   Result
	extra extraColumns
	// used notes the optional columns some fact has.
	used map[string]bool
	// names are the source's names of its columns, by their lower case.
	names map[string]string
}

func newTJSConverter(format string) *tjsConverter {
	return &tjsConverter{res: Result{Format: format}, used: map[string]bool{}}
}

// mapColumns reports where the columns of a sheet go.
func (c *tjsConverter) mapColumns(lower []string, original map[string]string) {
	c.names = original
	to := tjsTargets()
	for _, h := range lower {
		if t, ok := to[h]; ok {
			c.res.Mappings = append(c.res.Mappings, Mapping{original[h], t})
		} else {
			c.res.Mappings = append(c.res.Mappings, Mapping{original[h], "kept as an extra column"})
		}
	}
}

// tjsTargets maps each column of tjsRow, in lower case, to what becomes
// of it, from the struct's tags.
func tjsTargets() map[string]string {
	m := map[string]string{}
	t := reflect.TypeFor[tjsRow]()
	for i := range t.NumField() {
		if name := t.Field(i).Tag.Get("csv"); name != "-" {
			m[name] = t.Field(i).Tag.Get("to")
		}
	}
	return m
}

// add converts one row, with its values of the columns the template does
// not have, in order.
func (c *tjsConverter) add(r *tjsRow, extra []cite.Field, place string) {
	switch strings.ToLower(strings.TrimSpace(r.Type)) {
	case "title":
		if c.res.Title == "" && c.res.Intro == "" {
			c.res.Title = plainText(r.Headline)
			c.res.Intro = plainText(r.Text)
			if m := strings.TrimSpace(r.Media); m != "" {
				c.note(place, "the title's media %q is not in NAME.md", m)
			}
			return
		}
		c.note(place, "a second title row: kept as a fact")
	case "era":
		if strings.TrimSpace(r.Group) == "" {
			r.Group = erasGroup
		}
	}
	f := pipeline.Fact{
		ID:          strings.TrimSpace(r.ID),
		Title:       plainText(r.Headline),
		Description: plainText(r.Text),
		Group:       strings.TrimSpace(r.Group),
		DisplayDate: strings.TrimSpace(r.DisplayDate),
	}
	if f.Title == "" {
		f.Title = cutWords(f.Description, 60)
		if f.Title == "" {
			f.Title = "Untitled"
		}
		c.note(place, "no Headline: the title is %q", f.Title)
	}
	date, err := tjsDateRange(r)
	if err != nil {
		c.note(place, "%v: the date is left as written, for check to report", err)
	}
	f.Date.Text = date
	if date == "" {
		c.note(place, "no Year: an undated fact")
	}
	media := strings.TrimSpace(r.Media)
	switch {
	case media == "":
	case isHTTP(media):
		f.Media = media
	default:
		c.extra.add(&f, mediaEmbed, media)
		c.note(place, "the media is no http(s) address: kept in the extra column %q", mediaEmbed)
	}
	f.MediaCredit, f.MediaCaption, f.MediaAlt = plainText(r.MediaCredit), plainText(r.MediaCaption), strings.TrimSpace(r.MediaAlt)
	c.use("display_date", f.DisplayDate)
	c.use("media", f.Media, f.MediaCredit, f.MediaCaption, f.MediaAlt)
	c.use("media_credit", f.MediaCredit)
	c.use("media_caption", f.MediaCaption)
	c.use("media_alt", f.MediaAlt)
	for _, kept := range [][2]string{{c.keptName("time", "Time"), r.Time}, {c.keptName("end time", "End Time"), r.EndTime},
		{c.keptName("media thumbnail", "Media Thumbnail"), r.Thumbnail}, {c.keptName("background", "Background"), r.Background}} {
		if kept[1] != "" {
			c.extra.add(&f, kept[0], kept[1])
		}
	}
	for _, x := range extra {
		c.extra.add(&f, x.Name, x.Value)
	}
	c.res.Facts = append(c.res.Facts, f)
}

// keptName is the name of a column kept as an extra one: as the source
// writes it, or else as the template does.
func (c *tjsConverter) keptName(lower, template string) string {
	if n, ok := c.names[lower]; ok {
		return n
	}
	return template
}

// use notes that the optional column name is used when a value is set.
func (c *tjsConverter) use(name string, values ...string) {
	for _, v := range values {
		if v != "" {
			c.used[name] = true
		}
	}
}

func (c *tjsConverter) note(place, format string, args ...any) {
	c.res.Notes = append(c.res.Notes, place+": "+fmt.Sprintf(format, args...))
}

func (c *tjsConverter) finish() *Result {
	for _, name := range []string{"display_date", "media", "media_credit", "media_caption", "media_alt"} {
		if c.used[name] {
			c.res.Columns.Optional = append(c.res.Columns.Optional, name)
		}
	}
	c.res.Columns.Extra = c.extra.names
	return &c.res
}

// tjsDateRange writes a row's date, and its end, in the forms ParseDate
// reads. A year that is no whole number is an error, and the date is the
// row's values as written.
func tjsDateRange(r *tjsRow) (string, error) {
	start, err := tjsDate(r.Year, r.Month, r.Day)
	if err != nil || start == "" {
		return start, err
	}
	end, err := tjsDate(r.EndYear, r.EndMonth, r.EndDay)
	if err != nil || end == "" {
		return start, err
	}
	return start + " – " + end, nil
}

// tjsDate writes a TimelineJS date: 1974, March 1974, 5 March 1953. A
// negative year is that many years BC, as a teacher who types -500 means:
// TimelineJS itself counts -500 as 501 BC.
func tjsDate(year, month, day string) (string, error) {
	year, month, day = number(year), number(month), number(day)
	if year == "" {
		if month != "" || day != "" {
			return strings.TrimSpace(strings.Join([]string{day, month}, " ")), fmt.Errorf("a month or day with no year")
		}
		return "", nil
	}
	y, err := strconv.Atoi(year)
	if err != nil {
		return strings.TrimSpace(strings.Join([]string{day, month, year}, " ")), fmt.Errorf("year %q is no whole number", year)
	}
	s := strconv.Itoa(y)
	if y < 0 {
		s = pipeline.YearLabel(y + 1) // historical -44 is astronomical -43
	}
	if month == "" {
		return s, nil
	}
	m, err := strconv.Atoi(month)
	if err != nil || m < 1 || m > 12 {
		return strings.TrimSpace(day + " " + month + " " + s), fmt.Errorf("month %q is not 1 to 12", month)
	}
	s = pipeline.MonthName(m) + " " + s
	if day == "" {
		return s, nil
	}
	return day + " " + s, nil
}

// number trims a number a spreadsheet may write as 1974.0.
func number(s string) string {
	s = strings.TrimSpace(s)
	if whole, ok := strings.CutSuffix(s, ".0"); ok {
		return whole
	}
	return s
}

func isHTTP(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// cutWords cuts s to at most n bytes, at a space, with "…".
func cutWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut <= 0 {
		cut = n
	}
	return strings.TrimSpace(s[:cut]) + "…"
}

// tjsDoc is TimelineJS's JSON: a title slide, events and eras.
type tjsDoc struct {
	Title  *tjsSlide  `json:"title"`
	Events []tjsSlide `json:"events"`
	Eras   []tjsSlide `json:"eras"`
	// Other holds the fields the document has besides, such as scale.
	Other []cite.Field `json:"-"`
}

// tjsSlide is one slide of TimelineJS JSON; Other holds the fields it
// does not name, kept as extra columns.
type tjsSlide struct {
	StartDate   *tjsDateJSON `json:"start_date"`
	EndDate     *tjsDateJSON `json:"end_date"`
	Text        *struct{ Headline, Text string }
	Media       *struct{ URL, Caption, Credit, Thumbnail, Alt string }
	Group       string `json:"group"`
	DisplayDate string `json:"display_date"`
	UniqueID    string `json:"unique_id"`
	Background  *struct{ URL, Color string }
	Other       []cite.Field `json:"-"`
}

// tjsDateJSON is a date in TimelineJS JSON, whose numbers may be strings.
type tjsDateJSON struct {
	Year, Month, Day, Hour, Minute, Second cite.Text
	DisplayDate                            string `json:"display_date"`
}

// tjsSlideFields are the fields of a slide that tjsSlide reads.
var tjsSlideFields = map[string]bool{"start_date": true, "end_date": true, "text": true, "media": true, "group": true, "display_date": true, "unique_id": true, "background": true}

func (s *tjsSlide) UnmarshalJSON(b []byte) error {
	type plain tjsSlide
	if err := json.Unmarshal(b, (*plain)(s)); err != nil {
		return err
	}
	var err error
	s.Other, err = cite.UnknownFields(b, tjsSlideFields)
	return err
}

// TimelineJSJSON converts TimelineJS's JSON. place names a slide in notes:
// place("events", 3).
func TimelineJSJSON(in io.Reader, place func(list string, i int) string) (*Result, error) {
	b, err := io.ReadAll(in)
	if err != nil {
		return nil, err
	}
	var doc tjsDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("not TimelineJS JSON: %w", err)
	}
	if doc.Other, err = cite.UnknownFields(b, map[string]bool{"title": true, "events": true, "eras": true}); err != nil {
		return nil, fmt.Errorf("not TimelineJS JSON: %w", err)
	}
	if doc.Events == nil && doc.Title == nil && doc.Eras == nil {
		return nil, errors.New("not TimelineJS JSON: it has no title, events or eras")
	}
	c := newTJSConverter(tjsJSON)
	c.res.Mappings = []Mapping{
		{"start_date", "date"},
		{"end_date", "date, as the end of its range"},
		{"display_date", "display_date, which the page shows in place of the date"},
		{"text.headline", "title"},
		{"text.text", "description, as plain text: tags removed, links kept with their address"},
		{"media.url", "media, when an http(s) address; else the extra column Media embed"},
		{"media.caption, media.credit, media.alt", "media_caption, media_credit, media_alt"},
		{"media.thumbnail, background", "kept as extra columns"},
		{"group", "group"},
		{"unique_id", "id"},
		{"title", "NAME.md"},
		{"eras", "periods in the Eras group"},
		{"other fields", "kept as extra columns, as JSON"},
	}
	if doc.Title != nil {
		row := doc.Title.row()
		row.Type = "title"
		c.add(row, nil, place("title", 0))
	}
	for i, s := range doc.Events {
		c.add(s.row(), s.Other, place("events", i))
	}
	for i, s := range doc.Eras {
		row := s.row()
		row.Type = "era"
		c.add(row, s.Other, place("eras", i))
	}
	for _, f := range doc.Other {
		c.note(place("", 0), "%s is %s: a setting of TimelineJS's, not of the facts, left aside", f.Name, f.Value)
	}
	return c.finish(), nil
}

// row gives the slide as a sheet's row.
func (s *tjsSlide) row() *tjsRow {
	r := &tjsRow{Group: s.Group, DisplayDate: s.DisplayDate, ID: s.UniqueID}
	if d := s.StartDate; d != nil {
		r.Year, r.Month, r.Day, r.Time = string(d.Year), string(d.Month), string(d.Day), d.clock()
		if r.DisplayDate == "" {
			r.DisplayDate = d.DisplayDate
		}
	}
	if d := s.EndDate; d != nil {
		r.EndYear, r.EndMonth, r.EndDay, r.EndTime = string(d.Year), string(d.Month), string(d.Day), d.clock()
	}
	if s.Text != nil {
		r.Headline, r.Text = s.Text.Headline, s.Text.Text
	}
	if m := s.Media; m != nil {
		r.Media, r.MediaCaption, r.MediaCredit, r.Thumbnail, r.MediaAlt = m.URL, m.Caption, m.Credit, m.Thumbnail, m.Alt
	}
	if b := s.Background; b != nil {
		r.Background = b.URL
		if r.Background == "" {
			r.Background = b.Color
		}
	}
	return r
}

// clock writes a date's time of day, or "".
func (d *tjsDateJSON) clock() string {
	if d.Hour == "" {
		return ""
	}
	parts := []string{string(d.Hour), string(d.Minute)}
	if d.Second != "" {
		parts = append(parts, string(d.Second))
	}
	for i, p := range parts {
		if len(p) < 2 {
			parts[i] = strings.Repeat("0", 2-len(p)) + p
		}
	}
	return strings.Join(parts, ":")
}
