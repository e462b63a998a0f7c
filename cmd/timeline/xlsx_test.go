package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"timeline/internal/xlsx/xlsxtest"
)

// TestBuildWorkbook: data/NAME.xlsx builds exactly as data/NAME.csv with
// the same facts does, and its problems name their cells.
func TestBuildWorkbook(t *testing.T) {
	root := t.TempDir()
	stalinDies := time.Date(1953, time.March, 5, 0, 0, 0, 0, time.UTC)
	barker := time.Date(1974, time.March, 1, 0, 0, 0, 0, time.UTC)
	book := xlsxtest.Workbook(t,
		xlsxtest.Sheet{Name: "Read me", Cells: xlsxtest.Rows([]any{"This sheet is not the timeline."})},
		xlsxtest.Sheet{Name: "timeline", Cells: append(xlsxtest.Rows(
			[]any{"id", "kind", "title", "date", "about", "Notes"},
			[]any{"leader", "history", "Stalin leads the USSR", "1926–1953", nil, "from the overview"},
			[]any{"dies", "history", "Stalin dies", nil},
			[]any{"barker", "historiography", "The Revolutionary Communist Party", nil, "leader"},
		), xlsxtest.Cell{Ref: "D3", Value: stalinDies, Format: "d mmmm yyyy"}, xlsxtest.Cell{Ref: "D4", Value: barker, Format: "mmmm yyyy"})},
	)
	csv := "id,kind,title,date,about,Notes\n" +
		"leader,history,Stalin leads the USSR,1926–1953,,from the overview\n" +
		"dies,history,Stalin dies,1953-03-05,,\n" +
		"barker,historiography,The Revolutionary Communist Party,1974-03,leader,\n"
	for dir, files := range map[string]map[string][]byte{
		"book": {"lesson.xlsx": book},
		"csv":  {"lesson.csv": []byte(csv)},
	} {
		for name, b := range files {
			if err := os.MkdirAll(filepath.Join(root, dir, "data"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, dir, "data", name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if code, _, stderr := runCLI(t, "build", "-data", filepath.Join(root, dir, "data"), "-out", filepath.Join(root, dir, "out")); code != 0 {
			t.Fatalf("build %s: exit %d: %s", dir, code, stderr)
		}
	}
	fromBook, fromCSV := readDir(t, filepath.Join(root, "book", "out")), readDir(t, filepath.Join(root, "csv", "out"))
	for name, want := range fromCSV {
		got := fromBook[name]
		if name == "index.html" || name == "index.json" {
			// They name the input file.
			got = bytes.ReplaceAll(got, []byte("lesson.xlsx"), []byte("lesson.csv"))
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s from the workbook differs from the one from the CSV:\n%s\nwant:\n%s", name, got, want)
		}
	}
	if len(fromBook) != len(fromCSV) {
		t.Errorf("%d files from the workbook, %d from the CSV", len(fromBook), len(fromCSV))
	}

	bad := xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "Sheet1", Cells: xlsxtest.Rows(
		[]any{"title", "date"},
		[]any{"Stalin dies", "Febtember 1953"},
	)})
	path := filepath.Join(root, "bad.xlsx")
	if err := os.WriteFile(path, bad, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := runCLI(t, "check", path)
	if want := path + `:Sheet1!B2: date "Febtember 1953": not a date` + "\n1 file: 1 error, 0 warnings\n"; code != 1 || stdout != want {
		t.Errorf("check: exit %d, stdout %q; want 1, %q", code, stdout, want)
	}
}
