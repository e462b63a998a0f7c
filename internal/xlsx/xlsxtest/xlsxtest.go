// Package xlsxtest makes Excel workbooks for tests, with excelize, so that
// no test needs a workbook committed as a binary.
package xlsxtest

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Cell is one cell of a test workbook: a value, as excelize's
// SetCellValue takes it, and a number format for a date or a number.
type Cell struct {
	Ref    string // such as "B4"
	Value  any
	Format string // a custom number format, or empty
	NumFmt int    // a built-in number format, or 0
}

// Sheet is one sheet of a test workbook.
type Sheet struct {
	Name  string
	Cells []Cell
}

// Rows gives the cells of rows of values from A1 on, with no format.
func Rows(rows ...[]any) []Cell {
	var cells []Cell
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			cells = append(cells, Cell{Ref: ref, Value: v})
		}
	}
	return cells
}

// Workbook makes an .xlsx file of the sheets, in order.
func Workbook(t testing.TB, sheets ...Sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			t.Fatal(err)
		}
		for _, c := range s.Cells {
			if err := f.SetCellValue(s.Name, c.Ref, c.Value); err != nil {
				t.Fatal(err)
			}
			if c.Format == "" && c.NumFmt == 0 {
				continue
			}
			st := &excelize.Style{NumFmt: c.NumFmt}
			if c.Format != "" {
				st.CustomNumFmt = &c.Format
			}
			id, err := f.NewStyle(st)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle(s.Name, c.Ref, c.Ref, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
