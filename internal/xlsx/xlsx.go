// Package xlsx reads the sheet of an Excel workbook (.xlsx) that holds a
// timeline, as the text pipeline.ReadSheet reads, through
// github.com/xuri/excelize/v2.
//
// The sheet is the one named "timeline", in any case, or else the first.
// A cell Excel keeps as a serial number with a date format is written as
// the day, month or year its format shows: 1974-03-05 under d/m/yyyy,
// 1974-03 under mmm yyyy, 1974 under yyyy. A date Excel keeps as text,
// as it does for years before 1900 and for "1930s", is read as written.
package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"timeline/pipeline"
)

// SheetName is the name of the sheet read when a workbook has several.
const SheetName = "timeline"

// Read reads a workbook's timeline sheet.
func Read(r io.Reader) (pipeline.Sheet, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return pipeline.Sheet{}, fmt.Errorf("not an Excel workbook (.xlsx) that can be read: %w", err)
	}
	defer f.Close()
	return readSheet(f, pickSheet(f.GetSheetList()))
}

// pickSheet chooses the sheet named SheetName, or else the first.
func pickSheet(names []string) string {
	for _, n := range names {
		if strings.EqualFold(strings.TrimSpace(n), SheetName) {
			return n
		}
	}
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

func readSheet(f *excelize.File, name string) (pipeline.Sheet, error) {
	s := pipeline.Sheet{Name: name}
	rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return s, err
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		return s, err
	}
	date1904 := props.Date1904 != nil && *props.Date1904
	formats := map[int]precision{} // by style id
	for i, row := range rows {
		if isEmpty(row) {
			continue
		}
		cells := make([]string, len(row))
		for c, v := range row {
			cells[c] = v
			if _, err := strconv.ParseFloat(v, 64); err != nil || len(s.Rows) == 0 {
				continue // a date only when a number, and never in the header
			}
			ref, err := excelize.CoordinatesToCellName(c+1, i+1)
			if err != nil {
				return s, err
			}
			style, err := f.GetCellStyle(name, ref)
			if err != nil {
				return s, err
			}
			p, ok := formats[style]
			if !ok {
				p = datePrecision(f, style)
				formats[style] = p
			}
			if p != notADate {
				cells[c] = dateText(v, p, date1904)
			}
		}
		s.Rows = append(s.Rows, cells)
		s.RowNumbers = append(s.RowNumbers, i+1)
	}
	return s, nil
}

func isEmpty(row []string) bool {
	for _, v := range row {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// precision is how much of a date a number format shows.
type precision int

const (
	notADate precision = iota
	day
	month
	year
)

// builtInDates are the number formats ECMA-376 (Part 1, 18.8.30, numFmt)
// builds in that show dates, by id, with what they show: 14 is mm-dd-yy,
// 15 d-mmm-yy, 16 d-mmm, 17 mmm-yy, 22 m/d/yy h:mm; 27 to 36 and 50 to 58
// are the East Asian dates, which show the day.
var builtInDates = map[int]precision{14: day, 15: day, 16: day, 17: month, 22: day}

func init() {
	for id := 27; id <= 36; id++ {
		if id != 32 && id != 33 { // 32 and 33 are times
			builtInDates[id] = day
		}
	}
	for id := 50; id <= 58; id++ {
		builtInDates[id] = day
	}
}

// datePrecision tells what of a date the style's number format shows.
func datePrecision(f *excelize.File, style int) precision {
	st, err := f.GetStyle(style)
	if err != nil || st == nil {
		return notADate
	}
	if st.CustomNumFmt != nil {
		return formatPrecision(*st.CustomNumFmt)
	}
	return builtInDates[st.NumFmt]
}

// formatPrecision reads a custom number format's code: a d shows the day;
// an m (not minutes, beside h or s) with a y, the month; a y alone, the
// year. Quoted text, escaped characters and [bracketed] parts but elapsed
// time ([h], [mm], [ss]) are not the format's.
func formatPrecision(code string) precision {
	code, _, _ = strings.Cut(code, ";") // the format of positive numbers
	var tokens []byte
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				continue
			}
			if inner := strings.ToLower(code[i+1 : i+j]); strings.Trim(inner, "hms") == "" && inner != "" {
				tokens = append(tokens, inner[0])
			}
			i += j
		default:
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			// One token per run of a letter: mmm is one month.
			if strings.IndexByte("dmyhs", c) >= 0 && (len(tokens) == 0 || tokens[len(tokens)-1] != c || i == 0 || code[i-1]|0x20 != c) {
				tokens = append(tokens, c)
			}
		}
	}
	has := func(c byte) bool { return strings.IndexByte(string(tokens), c) >= 0 }
	months := false
	for i, c := range tokens {
		if c != 'm' {
			continue
		}
		afterHour := i > 0 && tokens[i-1] == 'h'
		beforeSecond := i+1 < len(tokens) && tokens[i+1] == 's'
		if !afterHour && !beforeSecond {
			months = true
		}
	}
	switch {
	case has('d'):
		return day
	case months && has('y'):
		return month
	case has('y'):
		return year
	case months:
		return month
	}
	return notADate
}

// dateText writes the serial number v as a date at precision p.
func dateText(v string, p precision, date1904 bool) string {
	serial, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if err != nil {
		return v
	}
	switch p {
	case year:
		return t.Format("2006")
	case month:
		return t.Format("2006-01")
	}
	return t.Format(time.DateOnly)
}
