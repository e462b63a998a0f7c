package pipeline

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
)

// Sheet is a worksheet's cells as text, as a spreadsheet program holds
// them: what ReadSheet reads. Dates the sheet keeps as numbers are given
// as text in a form ParseDate reads, such as 1974-03-05 or 1974-03.
type Sheet struct {
	// Name is the sheet's name, which positions name: Sheet1!C4.
	Name string
	// Rows are the sheet's rows that hold anything, the header first.
	Rows [][]string
	// RowNumbers are the number of each of Rows in the sheet, from 1.
	RowNumbers []int
}

// ReadSheet reads and checks a timeline from a worksheet, as Read does
// from CSV. Its problems are positioned by cell, as file:Sheet1!C4.
func ReadSheet(s Sheet, file, name string) (*Timeline, Problems, error) {
	return Options{}.ReadSheet(s, file, name)
}

// ReadSheet reads and checks a timeline from a worksheet, as the package's
// ReadSheet does.
func (o Options) ReadSheet(s Sheet, file, name string) (*Timeline, Problems, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	var problems Problems
	width := 0
	if len(s.Rows) > 0 {
		width = len(s.Rows[0])
	}
	for k, row := range s.Rows {
		// Every row has the header's cells: what lies past them is an
		// error at its cell, and is then left out.
		for c := width; c < len(row); c++ {
			if strings.TrimSpace(row[c]) != "" {
				problems = append(problems, Problem{File: file, Sheet: s.Name, Line: s.RowNumbers[k], Column: c + 1, Severity: SeverityError,
					Err: because(ErrHeader, "a value in a column the header does not name")})
				break
			}
		}
		padded := make([]string, width)
		copy(padded, row)
		w.Write(padded)
	}
	w.Flush()
	rd := &reader{file: file, sheet: &s, sizeHint: int64(buf.Len()), dates: DatesIn(o.Lang)}
	t, more, err := rd.readAll(&buf, name)
	if err != nil {
		return nil, nil, err
	}
	return t, sortProblems(append(problems, more...)), nil
}

// cellName names a cell as spreadsheets do: column 3 of row 4 is C4.
func cellName(col, row int) string {
	var letters []byte
	for n := col; n > 0; n = (n - 1) / 26 {
		letters = append([]byte{byte('A' + (n-1)%26)}, letters...)
	}
	return string(letters) + strconv.Itoa(row)
}

// sheetRef writes a sheet's name as a reference to it needs it: quoted
// when it holds anything but letters, digits and underscores.
func sheetRef(name string) string {
	for _, r := range name {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && r != '\u00a0') {
			return "'" + strings.ReplaceAll(name, "'", "''") + "'"
		}
	}
	return name
}
