package xlsx

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"timeline/internal/xlsx/xlsxtest"

	"timeline/pipeline"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// lessonCells is a lesson with a date in each way Excel keeps one.
var lessonCells = []xlsxtest.Cell{
	{Ref: "A1", Value: "Title"}, {Ref: "B1", Value: "Date"}, {Ref: "C1", Value: "Kind"}, {Ref: "D1", Value: "Notes"},
	{Ref: "A2", Value: "Stalin dies"}, {Ref: "B2", Value: date(1953, time.March, 5), Format: "d/m/yyyy"},
	{Ref: "A3", Value: "Barker's study"}, {Ref: "B3", Value: date(1974, time.March, 1), Format: "mmm yyyy"}, {Ref: "C3", Value: "historiography"},
	{Ref: "A4", Value: "Gregory's study"}, {Ref: "B4", Value: date(2005, time.June, 30), Format: "yyyy"}, {Ref: "C4", Value: "historiography"},
	// Row 5 is empty, and left out.
	{Ref: "A6", Value: "Politburo records"}, {Ref: "B6", Value: "1930s"},
	{Ref: "A7", Value: "Emancipation"}, {Ref: "B7", Value: "1861"}, // before 1900: text
	{Ref: "A8", Value: "Caesar dies"}, {Ref: "B8", Value: "15 March 44 BC"}, {Ref: "D8", Value: 3.5},
	{Ref: "A9", Value: "Built-in format"}, {Ref: "B9", Value: date(1926, time.January, 2), NumFmt: 14},
	{Ref: "A10", Value: "Month, built in"}, {Ref: "B10", Value: date(1941, time.June, 22), NumFmt: 17},
	{Ref: "A11", Value: "Time of day is no date"}, {Ref: "B11", Value: "1930"}, {Ref: "D11", Value: 0.5, Format: "h:mm"},
}

func TestRead(t *testing.T) {
	b := xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "Sheet1", Cells: lessonCells})
	s, err := Read(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Title", "Date", "Kind", "Notes"},
		{"Stalin dies", "1953-03-05"},
		{"Barker's study", "1974-03", "historiography"},
		{"Gregory's study", "2005", "historiography"},
		{"Politburo records", "1930s"},
		{"Emancipation", "1861"},
		{"Caesar dies", "15 March 44 BC", "", "3.5"},
		{"Built-in format", "1926-01-02"},
		{"Month, built in", "1941-06"},
		{"Time of day is no date", "1930", "", "0.5"},
	}
	if s.Name != "Sheet1" || !slices.EqualFunc(s.Rows, want, slices.Equal) {
		t.Errorf("sheet %q rows:\n%q\nwant:\n%q", s.Name, s.Rows, want)
	}
	if wantRows := []int{1, 2, 3, 4, 6, 7, 8, 9, 10, 11}; !slices.Equal(s.RowNumbers, wantRows) {
		t.Errorf("row numbers %v, want %v", s.RowNumbers, wantRows)
	}
}

// TestReadTimelineSheet: the sheet named timeline is read, wherever it
// is, and problems name its cells.
func TestReadTimelineSheet(t *testing.T) {
	b := xlsxtest.Workbook(t,
		xlsxtest.Sheet{Name: "Notes", Cells: []xlsxtest.Cell{{Ref: "A1", Value: "Not this"}}},
		xlsxtest.Sheet{Name: "Timeline", Cells: []xlsxtest.Cell{
			{Ref: "A1", Value: "title"}, {Ref: "B1", Value: "date"}, {Ref: "C1", Value: "about"},
			{Ref: "A2", Value: "Stalin dies"}, {Ref: "B2", Value: date(1953, time.March, 5), Format: "dd.mm.yyyy"},
			{Ref: "A3", Value: "A study"}, {Ref: "B3", Value: "Febtember 1974"},
			{Ref: "A4", Value: "Another"}, {Ref: "B4", Value: "1975"}, {Ref: "C4", Value: "nothing"}, {Ref: "E4", Value: "stray"},
		}})
	s, err := Read(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	tl, problems, err := pipeline.ReadSheet(s, "data/lesson.xlsx", "lesson")
	if err != nil {
		t.Fatal(err)
	}
	got := problemTexts(problems)
	want := []string{
		`data/lesson.xlsx:Timeline!B3: date "Febtember 1974": not a date`,
		`data/lesson.xlsx:Timeline!C4: about names "nothing", which is no id in this file`,
		`data/lesson.xlsx:Timeline!E4: a value in a column the header does not name`,
		`data/lesson.xlsx:Timeline!C4: warning: a history row has about; only historiography links to what it studies`,
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if tl.Len() != 3 || tl.Field(0, pipeline.FieldDate) != "1953-03-05" {
		t.Errorf("%d facts, the first dated %q; want 3, 1953-03-05", tl.Len(), tl.Field(0, pipeline.FieldDate))
	}
}

// TestReadNoHeader: a sheet without a title column is told by its cell.
func TestReadNoHeader(t *testing.T) {
	b := xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "My sheet", Cells: []xlsxtest.Cell{
		{Ref: "B3", Value: "when"}, {Ref: "C3", Value: "what"},
		{Ref: "B4", Value: "1930"}, {Ref: "C4", Value: "x"},
	}})
	s, err := Read(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	_, problems, err := pipeline.ReadSheet(s, "x.xlsx", "x")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`x.xlsx:'My sheet'!A3: missing required column "title": the header, in row 3, has "", "when", "what"`,
		`x.xlsx:'My sheet'!A4: warning: undated: listed in the table, not drawn`,
	}
	if got := problemTexts(problems); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func problemTexts(ps pipeline.Problems) []string {
	var s []string
	for _, p := range ps {
		s = append(s, p.Error())
	}
	return s
}

func TestReadNotAWorkbook(t *testing.T) {
	_, err := Read(strings.NewReader("title,date\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "not an Excel workbook (.xlsx) that can be read") {
		t.Errorf("err = %v", err)
	}
}

func TestFormatPrecision(t *testing.T) {
	tests := []struct {
		code string
		want precision
	}{
		{"d/m/yyyy", day},
		{"dd.mm.yyyy", day},
		{"[$-409]mmmm d, yyyy;@", day},
		{"mmm yyyy", month},
		{"mmmm\\ yyyy", month},
		{"yyyy", year},
		{`"Year "yyyy`, year},
		{"h:mm", notADate},
		{"[h]:mm:ss", notADate},
		{"mm:ss", notADate},
		{"0.00", notADate},
		{"General", notADate},
		{`"day" 0`, notADate},
		{"yyyy-mm-dd hh:mm", day},
	}
	for _, tt := range tests {
		if got := formatPrecision(tt.code); got != tt.want {
			t.Errorf("formatPrecision(%q) = %d, want %d", tt.code, got, tt.want)
		}
	}
}
