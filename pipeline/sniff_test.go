package pipeline

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// lessonRows is one small lesson, written with each separator below.
var lessonRows = [][]string{
	{"title", "date", "kind", "authors", "notes"},
	{"Stalin leads the USSR", "1926–1953", "history", "", "Généralsekretär"},
	{"Politburo records", "1930s", "history", "", "café; naïve"},
	{"Émile's study", "March 1974", "historiography", "Émile Zola", ""},
}

func joinRows(rows [][]string, sep string) string {
	var b strings.Builder
	for _, r := range rows {
		for i, f := range r {
			if i > 0 {
				b.WriteString(sep)
			}
			if strings.Contains(f, sep) {
				f = `"` + f + `"`
			}
			b.WriteString(f)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

func utf16Bytes(s string, bigEndian bool) []byte {
	units := utf16.Encode([]rune("\uFEFF" + s))
	var b bytes.Buffer
	for _, u := range units {
		if bigEndian {
			b.WriteByte(byte(u >> 8))
			b.WriteByte(byte(u))
		} else {
			b.WriteByte(byte(u))
			b.WriteByte(byte(u >> 8))
		}
	}
	return b.Bytes()
}

func windows1252(t *testing.T, s string) []byte {
	t.Helper()
	// The en dash is in Windows-1252 too, at 0x96.
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadEncodings reads one lesson as spreadsheets save it: each
// encoding and separator gives the same facts, with a warning naming any
// encoding but UTF-8.
func TestReadEncodings(t *testing.T) {
	comma, semicolon, tab := joinRows(lessonRows, ","), joinRows(lessonRows, ";"), joinRows(lessonRows, "\t")
	tests := []struct {
		name string
		in   []byte
		warn string
	}{
		{"UTF-8, comma", []byte(comma), ""},
		{"UTF-8 with BOM, comma", []byte("\uFEFF" + comma), ""},
		{"UTF-8, semicolon (European Excel)", []byte(semicolon), ""},
		{"UTF-8, tab", []byte(tab), ""},
		{"UTF-16LE with BOM, tab (Excel's Unicode Text)", utf16Bytes(tab, false), "x.csv:1:1: warning: read as UTF-16LE, not UTF-8; the normalised CSV is UTF-8"},
		{"UTF-16BE with BOM, comma", utf16Bytes(comma, true), "x.csv:1:1: warning: read as UTF-16BE, not UTF-8; the normalised CSV is UTF-8"},
		{"Windows-1252, semicolon", windows1252(t, semicolon), "x.csv:1:1: warning: read as Windows-1252, not UTF-8; the normalised CSV is UTF-8"},
		{"Windows-1252, comma", windows1252(t, comma), "x.csv:1:1: warning: read as Windows-1252, not UTF-8; the normalised CSV is UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl, problems, err := Read(bytes.NewReader(tt.in), "x.csv", "x")
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			if tt.warn != "" {
				want = append(want, tt.warn)
			}
			assertProblems(t, problems, want)
			var got bytes.Buffer
			if err := WriteCSV(&got, tl); err != nil {
				t.Fatal(err)
			}
			wantCSV := "id,kind,title,date,start,end,precision,approximate,uncertain,edtf,group,description,authors,published_in,about,url,source,tags,notes\n" +
				"stalin-leads-the-ussr-1926,history,Stalin leads the USSR,1926–1953,1926-01-01,1953-12-31,year,,,1926/1953,,,,,,,,,Généralsekretär\n" +
				"politburo-records-1930,history,Politburo records,1930s,1930-01-01,1939-12-31,decade,,,193X,,,,,,,,,café; naïve\n" +
				"emile-s-study-1974,historiography,Émile's study,March 1974,1974-03-01,1974-03-31,month,,,1974-03,,,Émile Zola,,,,,,\n"
			if got.String() != wantCSV {
				t.Errorf("normalised CSV:\n%s\nwant:\n%s", got.String(), wantCSV)
			}
		})
	}
}

// TestReadColumnsInCharacters: a problem's column counts characters, as
// editors do, not bytes, in the row's first line and in the lines of a
// quoted field that spans lines.
func TestReadColumnsInCharacters(t *testing.T) {
	runProblemCases(t, []problemCase{
		{"accent before", "title,date\nÉmile,Febtember 1930\n", []string{
			`x.csv:2:7: date "Febtember 1930": not a date`}},
		{"Cyrillic before", "title,group,date\nСталин,Политбюро,1930x\n", []string{
			`x.csv:2:18: date "1930x": not a date`}},
		{"after a field that spans lines", "title,description,date\nT,\"première\nligne d'été\",1930x\n", []string{
			`x.csv:3:14: date "1930x": not a date`}},
		{"a bare quote after an accent", "title,date\nÉmile \"the\" Zola,1930\n", []string{
			`x.csv:2:7: bare " in non-quoted-field`}},
		{"a bare quote far into a file", "title,date\n" + strings.Repeat("Été,1930\n", 40000) + "Émile \"the\" Zola,1930\n", []string{
			`x.csv:40002:7: bare " in non-quoted-field`}},
		{"a link after an accent", "title,kind,about,date\nÉtude,work,nothing,1974\n", []string{
			`x.csv:2:12: about names "nothing", which is no id in this file`}},
		{"UTF-16", string(utf16Bytes("title,date\nÉmile,Febtember 1930\n", false)), []string{
			"x.csv:1:1: warning: read as UTF-16LE, not UTF-8; the normalised CSV is UTF-8",
			`x.csv:2:7: date "Febtember 1930": not a date`}},
	})
}

// TestReadZip: a workbook named .csv is told for what it is.
func TestReadZip(t *testing.T) {
	runProblemCases(t, []problemCase{
		{"xlsx renamed csv", "PK\x03\x04\x14\x00\x06\x00rest of a zip", []string{
			"x.csv:1:1: this is a zip file, as an Excel workbook (.xlsx) is, not a CSV: name it with .xlsx, or save it from the spreadsheet as CSV"}},
	})
}

func TestSeparator(t *testing.T) {
	tests := []struct {
		header string
		want   rune
	}{
		{"title,date", ','},
		{"title;date", ';'},
		{"title\tdate", '\t'},
		{`"a;b",date`, ','},
		{`title;"date, written";x`, ';'},
		{"title", ','},
		{"a,b;c", ','},
		{"title;date\nx,y,z,w", ';'},
	}
	for _, tt := range tests {
		if got := separator([]byte(tt.header)); got != tt.want {
			t.Errorf("separator(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

// TestReadStep: step is a whole number in decimal, or an error at its
// field.
func TestReadStep(t *testing.T) {
	runProblemCases(t, []problemCase{
		{"whole numbers", "title,date,step\na,1930,1\nb,1931,010\nc,1932,-2\nd,1933,\n", nil},
		{"not whole", "title,date,step\na,1930,first\nb,1931,1.5\nc,1932,0x10\nd,1933,-\n", []string{
			`x.csv:2:8: step "first" is not a whole number, such as 3`,
			`x.csv:3:8: step "1.5" is not a whole number, such as 3`,
			`x.csv:4:8: step "0x10" is not a whole number, such as 3`,
			`x.csv:5:8: step "-" is not a whole number, such as 3`}},
	})
}
