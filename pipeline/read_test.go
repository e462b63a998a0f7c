package pipeline

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"timeline/internal/golden"
	"unsafe"
)

// normalise reads a CSV and writes its normalised form, failing the test on
// any error in the input.
func normalise(t *testing.T, name string, in []byte) []byte {
	t.Helper()
	tl, problems, err := Read(bytes.NewReader(in), name, strings.TrimSuffix(filepath.Base(name), ".csv"))
	if err != nil {
		t.Fatal(err)
	}
	if problems.Errors() > 0 {
		t.Fatalf("%s has errors: %v", name, problems)
	}
	var out bytes.Buffer
	if err := WriteCSV(&out, tl); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// TestGolden normalises each input and compares the result with its golden
// file; reading the golden file back must give it byte for byte.
func TestGolden(t *testing.T) {
	inputs := map[string]string{
		"testdata/forms.csv":      "testdata/forms.golden.csv",
		"testdata/stalinism.csv":  "testdata/stalinism.golden.csv",
		"testdata/extras-lf.csv":  "testdata/extras-lf.golden.csv",
		"testdata/historians.csv": "testdata/historians.golden.csv",
	}
	for in, path := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			got := normalise(t, in, golden.Read(t, in))
			golden.Check(t, path, got)
			if again := normalise(t, path, got); !bytes.Equal(again, got) {
				t.Errorf("normalising %s again changes it:\n%s", path, again)
			}
		})
	}
}

func TestReadForms(t *testing.T) {
	tl, problems, err := readFile(t, "testdata/forms.csv")
	if err != nil {
		t.Fatal(err)
	}
	wantProblems := []string{
		"testdata/forms.csv:11:16: warning: undated: listed in the table, not drawn",
	}
	assertProblems(t, problems, wantProblems)
	if got, want := strings.Join(tl.ExtraColumns, "|"), "Notes|Image URL"; got != want {
		t.Errorf("ExtraColumns = %q, want %q", got, want)
	}
	byTitle := map[string]Fact{}
	var ids []string
	for _, f := range tl.Facts() {
		byTitle[f.Title] = f
		ids = append(ids, f.ID)
	}
	wantIDs := "civil-war-49bc ides-of-march-44bc-2 ides-of-march-44bc study unsure-1929 stojanovic-accent-1930 berlin-airlift-1948 stalin-dies-1953 open-project-1989 undated-thing"
	if got := strings.Join(ids, " "); got != wantIDs {
		t.Errorf("ids in order:\n got %s\nwant %s", got, wantIDs)
	}
	study := byTitle["A study"]
	if study.Kind != Historiography || study.Line != 7 || study.Extra[0] != "multi\nline note" {
		t.Errorf("A study = kind %v, line %d, extra %q", study.Kind, study.Line, study.Extra)
	}
	if got := strings.Join(byTitle["Berlin airlift"].Tags.Items(), "|"); got != "Cold War|Berlin" {
		t.Errorf("Berlin airlift tags = %q", got)
	}
	if got := byTitle["Ides of March"].Extra; len(got) != 2 || got[0] != "Caesar" || got[1] != "caesar.jpg" {
		t.Errorf("Ides of March extra = %q", got)
	}
}

func assertProblems(t *testing.T, problems Problems, want []string) {
	t.Helper()
	got := make([]string, len(problems))
	for i, p := range problems {
		got[i] = p.String()
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestReadProblems checks every reported position exactly: LINE is the
// physical line, so the quoted field over two lines shifts what follows.
func TestReadProblems(t *testing.T) {
	_, problems, err := readFile(t, "testdata/bad.csv")
	if err != nil {
		t.Fatal(err)
	}
	assertProblems(t, problems, []string{
		`testdata/bad.csv:4:8: date "1953–1926": end 1926 is before start 1953`,
		`testdata/bad.csv:5:7: date "31 February 1930": no such day: February 1930 has 28 days`,
		`testdata/bad.csv:6:8: date "Febtember 1930": not a date`,
		`testdata/bad.csv:6:31: duplicate id "a": line 2 has it too`,
		`testdata/bad.csv:7:7: date "0 BC": there is no year 0 BC: 1 BC is followed by AD 1`,
		`testdata/bad.csv:7:19: about names "zz", which is no id in this file`,
		`testdata/bad.csv:7:22: url "javascript:alert(1)" is not an http or https address`,
		`testdata/bad.csv:8:13: unknown kind "novel": use history or historiography`,
		`testdata/bad.csv:9:1: title is empty`,
		`testdata/bad.csv:10:1: wrong number of fields: the header has 6`,
		`testdata/bad.csv:11:4: bare " in non-quoted-field`,
		`testdata/bad.csv:12:25: warning: a history row has about; only historiography links to what it studies`,
		`testdata/bad.csv:13:9: warning: undated: listed in the table, not drawn`,
	})
	if got := problems.Errors(); got != 11 {
		t.Errorf("Errors() = %d, want 11", got)
	}
	// Each problem unwraps to its cause, as csv.ParseError does.
	causes := []error{ErrEndBeforeStart, ErrNoSuchDay, ErrNotADate, ErrDuplicateID, ErrNoSuchDay, ErrUnknownAbout,
		ErrBadURL, ErrUnknownKind, ErrEmptyTitle, csv.ErrFieldCount, csv.ErrBareQuote, ErrAboutOnHistory, ErrUndated}
	for i, cause := range causes {
		if i < len(problems) && !errors.Is(&problems[i], cause) {
			t.Errorf("problem %d, %v, is not %v", i, &problems[i], cause)
		}
	}
	var de *DateError
	if !errors.As(&problems[0], &de) || de.Text != "1953–1926" {
		t.Errorf("the first problem holds no *DateError for 1953–1926")
	}
}

// readFile reads a fixture as the command reads a file: its problems
// name it by its path.
func readFile(t *testing.T, path string) (*Timeline, Problems, error) {
	t.Helper()
	return Read(bytes.NewReader(golden.Read(t, path)), path, strings.TrimSuffix(filepath.Base(path), ".csv"))
}

// utf8Rows are 7,000 rows of UTF-8, more than the bytes Read looks at to
// tell a file's encoding, for the 9 columns of "latin-1 past the start".
var utf8Rows = strings.Repeat(",history,Ünïcödé,1930,,,,,\n", 7000)

// problemCase is an input read as x.csv and the problems it has.
type problemCase struct {
	name, in string
	want     []string
}

func runProblemCases(t *testing.T, tests []problemCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems, err := Read(strings.NewReader(tt.in), "x.csv", "x")
			if err != nil {
				t.Fatal(err)
			}
			assertProblems(t, problems, tt.want)
		})
	}
}

func TestReadHeaderProblems(t *testing.T) {
	tests := []problemCase{
		{"empty", "", []string{"x.csv:1:1: the file is empty: it needs a header row naming its columns, such as date,title"}},
		{"no title", "date,name\n1930,x\n", []string{`x.csv:1:1: missing required column "title": the header, read as comma-separated UTF-8, has "date", "name"`}},
		{"twice", "title,date,Title\nx,1930,y\n", []string{"x.csv:1:12: column \"Title\" appears twice in the header"}},
		{"unterminated quote", "title,date\n\"x,1930\n", []string{"x.csv:2:9: extraneous or missing \" in quoted-field"}},
		{"history about", "title,date,kind,about,id\nx,1930,event,y,y\n", []string{
			"x.csv:2:14: warning: a history row has about; only historiography links to what it studies"}},
		{"id with separator", "title,id\nx,a;b\n", []string{
			"x.csv:2:1: warning: undated: listed in the table, not drawn",
			`x.csv:2:3: id "a;b" must not contain ";", which separates ids in about`}},
		{"latin-1", "title,date,notes\nCaf\xe9,1930,ok\nok,M\xe4rz 1931,na\xefve\n", []string{
			"x.csv:1:1: warning: read as Windows-1252, not UTF-8; the normalised CSV is UTF-8",
			`x.csv:3:4: date "März 1931": not a date`}},
		// Past the bytes that tell the encoding, a file that began as
		// UTF-8 is read as UTF-8, and what is not is an error.
		{"latin-1 past the start", "id,kind,title,date,group,description,authors,about,tags\n" + utf8Rows +
			"a,history,T,1930,G,d\xe9,,,\n" +
			"b,hist\xf6ry,T,1930,G,,,,\n" +
			"c,history,T,M\xe4rz 1930,G,,,,\n" +
			"d,work,T,1930,G,,x; \xe9,,\n" +
			"e,history,T,1930,G,,,,  \xe9 ;t\n", []string{
			"x.csv:7002:20: description is not valid UTF-8: save the file as UTF-8",
			`x.csv:7003:3: unknown kind "hist\xf6ry": use history or historiography`,
			"x.csv:7003:3: kind is not valid UTF-8: save the file as UTF-8",
			`x.csv:7004:13: date "M\xe4rz 1930": not a date`,
			"x.csv:7004:13: date is not valid UTF-8: save the file as UTF-8",
			"x.csv:7005:18: authors is not valid UTF-8: save the file as UTF-8",
			"x.csv:7006:23: tags is not valid UTF-8: save the file as UTF-8"}},
		{"about names a work", "title,date,kind,about,id\nx,1930,work,,w\ny,1931,work,w,v\n", []string{
			`x.csv:3:13: warning: about names "w", which is historiography, not history`}},
	}
	runProblemCases(t, tests)
}

func TestDeriveID(t *testing.T) {
	d := func(s string) Date {
		date, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return date
	}
	tests := []struct {
		title string
		date  Date
		want  string
	}{
		{"Stalin leads the USSR", d("1926–1953"), "stalin-leads-the-ussr-1926"},
		{"Ides of March", d("44 BC"), "ides-of-march-44bc"},
		{"Stojanović's critique", d(""), "stojanovic-s-critique"},
		{"Сталин", d("1953"), "сталин-1953"},
		{"!!!", d("1953"), "fact-1953"},
		{"A very long title that goes on and on well beyond what an id needs to be", d("1930s"),
			"a-very-long-title-that-goes-on-and-on-well-beyond-1930"},
	}
	for _, tt := range tests {
		if got := DeriveID(tt.title, tt.date); got != tt.want {
			t.Errorf("DeriveID(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

// FuzzRoundTrip checks that any CSV the reader accepts without errors
// normalises to a file that normalises to itself.
func FuzzRoundTrip(f *testing.F) {
	for _, name := range []string{"testdata/forms.csv", "testdata/bad.csv", "testdata/stalinism.csv"} {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Add([]byte("title,date,x\n\"a\"\"b\",44 BC,\"q\nr\"\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		tl, problems, err := Read(bytes.NewReader(in), "f.csv", "f")
		if err != nil || problems.Errors() > 0 {
			return
		}
		var once bytes.Buffer
		if err := WriteCSV(&once, tl); err != nil {
			t.Fatal(err)
		}
		tl2, problems, err := Read(bytes.NewReader(once.Bytes()), "f.csv", "f")
		if err != nil || problems.Errors() > 0 {
			t.Fatalf("normalised output has errors: %v %v\n%s", err, problems, once.Bytes())
		}
		var twice bytes.Buffer
		if err := WriteCSV(&twice, tl2); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatalf("not idempotent:\nonce:\n%s\ntwice:\n%s", once.Bytes(), twice.Bytes())
		}
	})
}

func TestParseList(t *testing.T) {
	tests := []struct {
		in   string
		want List
	}{
		{"", ""},
		{"  ", ""},
		{"Conquest", "Conquest"},
		{"Conquest; Getty", "Conquest; Getty"},
		{"Conquest;Getty", "Conquest; Getty"},
		{" Conquest ;  Getty ; ", "Conquest; Getty"},
		{";;a;;b;;", "a; b"},
		{"a;  b", "a; b"},
		{"Stojanović ;\u00a0Čapek", "Stojanović; Čapek"},
		{"a b; c d", "a b; c d"},
	}
	for _, tt := range tests {
		if got := parseList(tt.in); got != tt.want {
			t.Errorf("parseList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := List("a; b c; d").Items(); strings.Join(got, "|") != "a|b c|d" {
		t.Errorf("Items = %q", got)
	}
	if got := List("").Items(); got != nil {
		t.Errorf("Items of an empty list = %q, want nil", got)
	}
}

// TestReadAcrossBatches reads a file of many rows, which reach the facts
// in several batches, and checks the rows and positions at their ends.
func TestReadAcrossBatches(t *testing.T) {
	var in strings.Builder
	in.WriteString("id,date,title,about\n")
	const rows = 3*batchRows + 7
	for i := 1; i <= rows; i++ {
		date := fmt.Sprint(1000 + i)
		switch i {
		case batchRows, batchRows + 1, rows:
			date = "31 February 1930"
		}
		about := ""
		if i == 2*batchRows {
			about = "nowhere"
		}
		fmt.Fprintf(&in, "r%d,%s,\"Row\n%d\",%s\n", i, date, i, about)
	}
	tl, problems, err := Read(strings.NewReader(in.String()), "many.csv", "many")
	if err != nil {
		t.Fatal(err)
	}
	// Row i starts on line 2i: each title spans two lines.
	msg := `date "31 February 1930": no such day: February 1930 has 28 days`
	assertProblems(t, problems, []string{
		fmt.Sprintf("many.csv:%d:%d: %s", 2*batchRows, len(fmt.Sprint("r", batchRows, ","))+1, msg),
		fmt.Sprintf("many.csv:%d:%d: %s", 2*(batchRows+1), len(fmt.Sprint("r", batchRows+1, ","))+1, msg),
		fmt.Sprintf("many.csv:%d:%d: warning: a history row has about; only historiography links to what it studies", 2*2*batchRows+1, len(fmt.Sprint(2*batchRows, `",`))+1),
		fmt.Sprintf("many.csv:%d:%d: about names \"nowhere\", which is no id in this file", 2*2*batchRows+1, len(fmt.Sprint(2*batchRows, `",`))+1),
		fmt.Sprintf("many.csv:%d:%d: %s", 2*rows, len(fmt.Sprint("r", rows, ","))+1, msg),
	})
	if tl.Len() != rows || tl.Dated() != rows-3 {
		t.Fatalf("%d facts, %d dated; want %d, %d", tl.Len(), tl.Dated(), rows, rows-3)
	}
	if f := tl.Fact(rows - 4); f.ID != fmt.Sprintf("r%d", rows-1) || f.Line != 2*(rows-1) || f.Title != fmt.Sprintf("Row\n%d", rows-1) {
		t.Errorf("last dated fact = %q %q at line %d", f.ID, f.Title, f.Line)
	}
}

// TestWriteManyBatches writes a timeline of several of gocsv's batches of
// rows, with extra columns, and reads it back: every row comes back in
// order, with its own extra values.
func TestWriteManyBatches(t *testing.T) {
	const n = 2*rowsPerMarshal + 3
	facts := make([]Fact, n)
	for i := range facts {
		d, _ := ParseDate(fmt.Sprint(1000 + i%900))
		facts[i] = Fact{ID: fmt.Sprintf("f%05d", i), Title: fmt.Sprintf("Fact %d", i), Date: d, Extra: []string{fmt.Sprint("note ", i), fmt.Sprint(i * 7)}}
	}
	tl := NewTimeline("many", []string{"Note", "Number"}, facts...)
	var out bytes.Buffer
	if err := WriteCSV(&out, tl); err != nil {
		t.Fatal(err)
	}
	back, problems, err := Read(bytes.NewReader(out.Bytes()), "many.csv", "many")
	if err != nil || problems.Errors() > 0 {
		t.Fatal(err, problems)
	}
	if back.Len() != n {
		t.Fatalf("%d facts back, want %d", back.Len(), n)
	}
	for i := range n {
		want, got := tl.Fact(i), back.Fact(i)
		if got.ID != want.ID || got.Title != want.Title || got.Date.EDTF != want.Date.EDTF || strings.Join(got.Extra, "|") != strings.Join(want.Extra, "|") {
			t.Fatalf("fact %d back = %q %q %q %q, want %q %q %q %q", i, got.ID, got.Title, got.Date.EDTF, got.Extra, want.ID, want.Title, want.Date.EDTF, want.Extra)
		}
	}
	if first := strings.SplitN(out.String(), "\n", 2)[0]; !strings.HasSuffix(first, ",tags,Note,Number") {
		t.Errorf("header = %q", first)
	}
}

// TestEntrySize keeps a fact's entry at the 112 bytes docs/performance.md
// gives: a million facts take 112 MB besides their text. Each text column
// of the schema costs 4 of them.
func TestEntrySize(t *testing.T) {
	if got := unsafe.Sizeof(entry{}); got != 112 {
		t.Errorf("an entry takes %d bytes, want 112", got)
	}
}

// TestReadControlCharacters checks the characters no one types: NUL is an
// error, the other C0 controls and the bidirectional overrides and isolates
// are warnings, each at its field; tab, line ends and the bidi marks that
// Arabic and Hebrew text needs are not reported.
func TestReadControlCharacters(t *testing.T) {
	tests := []problemCase{
		{"clean, with tab, quoted line end and marks", "title,date,description\nA\tB,1930,\"two\nlines \u200f\u200e\u061c\"\n", nil},
		{"NUL in a title", "title,date\nA\x00B,1930\n", []string{
			"x.csv:2:1: title holds the character U+0000 NUL, which cuts text short in many programs: remove it"}},
		{"NUL in a date", "title,date\nA,19\x0030\n", []string{
			`x.csv:2:3: date "19\x0030": not a date`,
			"x.csv:2:3: date holds the character U+0000 NUL, which cuts text short in many programs: remove it"}},
		{"escape in a description", "title,date,description\nA,1930,x\x1b[31m\n", []string{
			"x.csv:2:8: warning: description holds the control character U+001B ESCAPE, which shows as nothing or as a box"}},
		{"bell in the kind", "title,kind\nA,history\x07\n", []string{
			"x.csv:2:1: warning: undated: listed in the table, not drawn",
			"x.csv:2:3: unknown kind \"history\\a\": use history or historiography",
			"x.csv:2:3: warning: kind holds the control character U+0007, which shows as nothing or as a box"}},
		{"override in a title", "title,date\nevil\u202etxt.exe,1930\n", []string{
			"x.csv:2:1: warning: title holds the invisible character U+202E RIGHT-TO-LEFT OVERRIDE, which can show the text in another order than it is written"}},
		{"isolate in an extra column, NUL in another field", "title,date,Notes\n\"A\x00\",1930,a\u2066b\n", []string{
			"x.csv:2:1: title holds the character U+0000 NUL, which cuts text short in many programs: remove it",
			"x.csv:2:11: warning: notes holds the invisible character U+2066 LEFT-TO-RIGHT ISOLATE, which can show the text in another order than it is written"}},
		{"after eight clean bytes", "title,date\nabcdefghijklmnop\x01,1930\n", []string{
			"x.csv:2:1: warning: title holds the control character U+0001, which shows as nothing or as a box"}},
		{"an é is no bidi control", "title,date\n\u00e9\u2014\u20ac\u2013,1930\n", nil},
	}
	runProblemCases(t, tests)
}

func TestHasOddByte(t *testing.T) {
	for s, want := range map[string]bool{
		"": false, "plain text of some length": false, "tab\tand\nline\r": false,
		"\x00": true, "12345678\x1f": true, "\u202e": true, "1234567\u2069": true, "é€—–…": false, "éà": false,
		"1926–1953 “quoted”": false, "12345678\u202a": true, "\u2066": true, "\u2060\u206a": false,
	} {
		if got := hasOddByte(s); got != want {
			t.Errorf("hasOddByte(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestReadManyGroups warns past MaxGroups distinct groups, at the group
// column of the header.
func TestReadManyGroups(t *testing.T) {
	var b strings.Builder
	b.WriteString("title,date,group\n")
	for i := range MaxGroups + 1 {
		fmt.Fprintf(&b, "F%d,1930,G%d\n", i, i)
	}
	b.WriteString("Last,1931,\n")
	_, problems, err := Read(strings.NewReader(b.String()), "x.csv", "x")
	if err != nil {
		t.Fatal(err)
	}
	assertProblems(t, problems, []string{
		"x.csv:1:12: warning: 201 distinct groups, more than 200: the page gives lanes to the largest groups only, and draws the others in one lane"})
	_, problems, _ = Read(strings.NewReader(strings.Replace(b.String(), "G200\n", "G199\n", 1)), "x.csv", "x")
	assertProblems(t, problems, nil)
}

// TestMediaColumns reads the optional media columns, by their names and
// aliases: they reach the normalised CSV only when the input has them, and
// a media address that is not http(s) is an error where it is.
func TestMediaColumns(t *testing.T) {
	in := "title,date,Media,Media Credit,media_caption,MEDIA ALT\n" +
		"Stalin dies,5 March 1953,https://example.org/stalin.jpg,Photo: TASS,The funeral,Crowds in Moscow\n" +
		"A bad one,1953,javascript:alert(1),,,\n"
	tl, problems, err := Read(strings.NewReader(in), "x.csv", "x")
	if err != nil {
		t.Fatal(err)
	}
	assertProblems(t, problems, []string{`x.csv:3:16: media "javascript:alert(1)" is not an http or https address`})
	if !errors.Is(&problems[0], ErrBadURL) {
		t.Errorf("%v is not ErrBadURL", &problems[0])
	}
	f := tl.Fact(slices.IndexFunc(tl.Facts(), func(f Fact) bool { return f.Title == "Stalin dies" }))
	if f.Media != "https://example.org/stalin.jpg" || f.MediaCredit != "Photo: TASS" || f.MediaCaption != "The funeral" || f.MediaAlt != "Crowds in Moscow" {
		t.Errorf("media of %q: %q %q %q %q", f.Title, f.Media, f.MediaCredit, f.MediaCaption, f.MediaAlt)
	}
	good, _ := strings.CutSuffix(in, "A bad one,1953,javascript:alert(1),,,\n")
	tl, problems, _ = Read(strings.NewReader(good), "x.csv", "x")
	assertProblems(t, problems, nil)
	var out bytes.Buffer
	if err := WriteCSV(&out, tl); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if want := "id,kind,title,date,start,end,precision,approximate,uncertain,edtf,group,description,authors,published_in,about,url,source,tags,media,media_credit,media_caption,media_alt"; lines[0] != want {
		t.Errorf("header %q, want %q", lines[0], want)
	}
	if want := ",https://example.org/stalin.jpg,Photo: TASS,The funeral,Crowds in Moscow"; !strings.HasSuffix(lines[1], want) {
		t.Errorf("row %q does not end %q", lines[1], want)
	}
	// Read back, the normalised CSV gives itself.
	if again := normalise(t, "again.csv", out.Bytes()); !bytes.Equal(again, out.Bytes()) {
		t.Errorf("normalising the media columns again changes them:\n%s", again)
	}
	// One media column is enough to have it; the others stay out.
	tl, _, _ = Read(strings.NewReader("title,media_alt\nA,An alt text\n"), "x.csv", "x")
	out.Reset()
	WriteCSV(&out, tl)
	if got := strings.SplitN(out.String(), "\n", 2)[0]; !strings.HasSuffix(got, ",tags,media_alt") {
		t.Errorf("header %q", got)
	}
}

// TestFactValidate is Read's check of a row, for a fact a program made.
func TestFactValidate(t *testing.T) {
	f := Fact{Title: "x", Media: "ftp://example.org/a.png", ID: "a;b"}
	err := f.Validate()
	if !errors.Is(err, ErrBadURL) || !errors.Is(err, ErrBadID) {
		t.Errorf("Validate() = %v, want a bad media address and a bad id", err)
	}
}
