package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"timeline/internal/golden"
	"timeline/internal/xlsx/xlsxtest"
)

// importGolden imports src into a fresh folder and compares the CSV, the
// NAME.md and the report with testdata/import/NAME.golden.*.
func importGolden(t *testing.T, src, name string, wantCode int) {
	t.Helper()
	dir := t.TempDir()
	out := filepath.Join(dir, "data", "lesson.csv")
	code, stdout, stderr := runCLI(t, "import", "-o", out, src)
	if code != wantCode || stderr != "" {
		t.Fatalf("import %s: exit %d, stderr %q; want %d", src, code, stderr, wantCode)
	}
	stdout = strings.ReplaceAll(stdout, dir+string(filepath.Separator), "")
	stdout = strings.ReplaceAll(stdout, filepath.ToSlash(src), "SOURCE")
	golden.Check(t, filepath.Join("testdata", "import", name+".golden.txt"), []byte(filepath.ToSlash(stdout)))
	for _, f := range []string{"lesson.csv", "lesson.md"} {
		b, err := os.ReadFile(filepath.Join(dir, "data", f))
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", "import", name+".golden."+strings.TrimPrefix(filepath.Ext(f), ".")), b)
	}
}

// TestImportTimelineJSSheet imports the TimelineJS template, written from
// its documented columns: HTML in Text, BC years, an era, a title row,
// Display Date, every kind of media, and a column of the teacher's own.
func TestImportTimelineJSSheet(t *testing.T) {
	importGolden(t, filepath.Join("testdata", "import", "template.csv"), "template", 0)
}

// TestImportTimelineJSWorkbook imports the same sheet downloaded as .xlsx:
// the same CSV and NAME.md.
func TestImportTimelineJSWorkbook(t *testing.T) {
	rows := readCSVRows(t, filepath.Join("testdata", "import", "template.csv"))
	var cells [][]any
	for _, r := range rows {
		row := make([]any, len(r))
		for i, v := range r {
			if v != "" {
				row[i] = v
			}
		}
		cells = append(cells, row)
	}
	path := filepath.Join(t.TempDir(), "template.xlsx")
	if err := os.WriteFile(path, xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "od1", Cells: xlsxtest.Rows(cells...)}), 0o644); err != nil {
		t.Fatal(err)
	}
	importGolden(t, path, "template-xlsx", 0)
}

// TestImportTimelineJSJSON imports TimelineJS JSON of the same lesson.
func TestImportTimelineJSJSON(t *testing.T) {
	importGolden(t, filepath.Join("testdata", "import", "template.json"), "template-json", 0)
}

// TestImportNeverOverwrites: an existing file stays as it was unless
// -force is given, and the source is never overwritten.
func TestImportNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("testdata", "import", "template.csv")
	out := filepath.Join(dir, "lesson.csv")
	if err := os.WriteFile(out, []byte("title\nmine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "import", "-o", out, src)
	if want := "timeline: " + out + " exists: name another with -o, or replace it with -force\n"; code != 1 || stderr != want {
		t.Errorf("exit %d, stderr %q; want 1, %q", code, stderr, want)
	}
	if b, _ := os.ReadFile(out); string(b) != "title\nmine\n" {
		t.Errorf("the existing file was changed: %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "lesson.md")); err == nil {
		t.Error("lesson.md was written beside a refused lesson.csv")
	}
	if code, _, stderr := runCLI(t, "import", "-force", "-o", out, src); code != 0 {
		t.Errorf("with -force: exit %d, %s", code, stderr)
	}
	copied := filepath.Join(dir, "copy.csv")
	b, _ := os.ReadFile(src)
	os.WriteFile(copied, b, 0o644)
	code, _, stderr = runCLI(t, "import", "-force", "-o", copied, copied)
	if want := "timeline: " + copied + " is the file imported: name another with -o\n"; code != 1 || stderr != want {
		t.Errorf("importing onto itself: exit %d, stderr %q; want 1, %q", code, stderr, want)
	}
	if after, _ := os.ReadFile(copied); string(after) != string(b) {
		t.Error("the source was overwritten")
	}
}

// TestImportRefusesOtherFiles: a file in no format import knows is told so.
func TestImportRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "ours.csv")
	os.WriteFile(src, []byte("title,date\nx,1930\n"), 0o644)
	code, _, stderr := runCLI(t, "import", "-o", filepath.Join(dir, "out.csv"), src)
	if want := "timeline: " + src + ": neither a TimelineJS sheet (with Year and Headline columns) nor a Wikidata query result (with item and itemLabel columns)\n"; code != 1 || stderr != want {
		t.Errorf("exit %d, stderr %q; want 1, %q", code, stderr, want)
	}
}

func readCSVRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestImportREADMEExamples imports README's TimelineJS examples: each
// gives Caesar's death on 15 March 44 BC.
func TestImportREADMEExamples(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "**Other tools' timelines.**")
	section, _, _ = strings.Cut(section, "## Checking")
	blocks := map[string]string{}
	for _, ext := range []string{"csv", "json"} {
		_, rest, ok := strings.Cut(section, "```"+ext+"\n")
		block, _, ok2 := strings.Cut(rest, "```")
		if !ok || !ok2 {
			t.Fatalf("README has no %s example of import", ext)
		}
		blocks[ext] = block
	}
	for ext, block := range blocks {
		dir := t.TempDir()
		src := filepath.Join(dir, "rome."+ext)
		if err := os.WriteFile(src, []byte(strings.ReplaceAll(block, "\n  ", "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "data", "rome.csv")
		if code, _, stderr := runCLI(t, "import", "-o", out, src); code != 0 {
			t.Fatalf("%s: exit %d: %s", ext, code, stderr)
		}
		b, _ := os.ReadFile(out)
		if !strings.Contains(string(b), ",history,Caesar is killed,15 March 44 BC,") {
			t.Errorf("%s example gives:\n%s", ext, b)
		}
	}
}

// TestExtractCommand extracts a text of the test's own into a new CSV,
// which builds; a second run refuses to overwrite it.
func TestExtractCommand(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "rome.txt")
	text := "Julius Caesar was killed on 15 March 44 BC in the Senate house. Some 60 senators took part.\n\n" +
		"The Ides of March - Thomas Grant\nExtract From History Today, No.52, May 2002, pp.10-15.\nA short account of how Julius Caesar was killed.\n"
	if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "data", "rome.csv")
	code, stdout, stderr := runCLI(t, "extract", "-o", out, src)
	if code != 0 || !strings.HasPrefix(stdout, "wrote "+out+": 1 dated statement, 1 undated one and 1 work, to review\n") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	b, _ := os.ReadFile(out)
	want := "id,kind,title,date,group,description,authors,published_in,about,url,source,tags,found_by\n" +
		"julius-caesar-was-killed-44bc,history,Julius Caesar was killed,15 March 44 BC,,Julius Caesar was killed on 15 March 44 BC in the Senate house.,,,,,rome.txt:1,,\"the date expression \"\"15 March 44 BC\"\" in a sentence\"\n" +
		"some-60-senators-took-part,history,Some 60 senators took part,,,Some 60 senators took part.,,,,,rome.txt:1,,a sentence with no date: undated\n" +
		"the-ides-of-march-2002,historiography,The Ides of March,May 2002,,A short account of how Julius Caesar was killed.,Thomas Grant,\"History Today No. 52, May 2002, pp. 10–15\",julius-caesar-was-killed-44bc,,rome.txt:4,,\"a reference entry (venue, No., date, page); about: it names Julius, as rome.txt:1 does\"\n"
	if string(b) != want {
		t.Errorf("extracted:\n%s\nwant:\n%s", b, want)
	}
	if code, _, stderr := runCLI(t, "build", "-data", filepath.Join(dir, "data"), "-out", filepath.Join(dir, "out")); code != 0 {
		t.Errorf("the extracted CSV does not build: %s", stderr)
	}
	code, _, stderr = runCLI(t, "extract", "-o", out, src)
	if code != 1 || !strings.Contains(stderr, "exists: name another with -o, or replace it with -force") {
		t.Errorf("a second extract: exit %d, %q", code, stderr)
	}
	if after, _ := os.ReadFile(out); string(after) != string(b) {
		t.Error("the CSV was overwritten")
	}
}

// TestCitationFilesRoundTrip builds the seed, then imports the BibTeX and
// CSL-JSON files the build wrote: each gives back the seed's works, row
// for row, their source included.
func TestCitationFilesRoundTrip(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "build", "-data", filepath.Join("testdata", "seed"), "-out", out); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	seed := readCSVRows(t, filepath.Join("testdata", "seed", "stalinism.csv"))
	header := seed[0]
	var want []string
	for _, row := range seed[1:] {
		if row[slices.Index(header, "kind")] == "historiography" {
			want = append(want, workRow(header, row))
		}
	}
	for _, file := range []string{"stalinism.bib", "stalinism.csl.json"} {
		back := filepath.Join(dir, file+".csv")
		code, _, stderr := runCLI(t, "import", "-o", back, filepath.Join(out, file))
		// Their about names history rows, which are not in the file.
		if code != 1 || stderr != "" {
			t.Fatalf("import %s: exit %d, %s", file, code, stderr)
		}
		rows := readCSVRows(t, back)
		var got []string
		for _, row := range rows[1:] {
			got = append(got, workRow(rows[0], row))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s gives back\n%s\nwant\n%s", file, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// workRow writes a work's columns of a row, by name.
func workRow(header, row []string) string {
	var parts []string
	for _, col := range []string{"id", "kind", "title", "date", "description", "authors", "published_in", "about", "url", "source"} {
		if i := slices.Index(header, col); i >= 0 {
			parts = append(parts, row[i])
		} else {
			parts = append(parts, "")
		}
	}
	return strings.Join(parts, "|")
}
