package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildInLanguage builds a German lesson: NAME.md's lang reads its
// dates in German, the normalised CSV has them in ISO form, and the page
// speaks German. -lang sets the language of a timeline whose NAME.md names
// none; check reads the same way; and a language without words warns.
func TestBuildInLanguage(t *testing.T) {
	data, out := t.TempDir(), t.TempDir()
	csv := "title,date\nStalin stirbt,5. März 1953\nHungersnot,um 1932\nDie Dreißiger,1930er\nCäsar,44 v. Chr.\n"
	writeFiles(t, data, map[string]string{"de.csv": csv, "de.md": "---\nlang: de\n---\n# Stalin\n"})
	if code, _, stderr := runCLI(t, "build", "-data", data, "-out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	files := readDir(t, out)
	for _, want := range []string{
		"\ncasar-44bc,history,Cäsar,44 v. Chr.,-0043-01-01,-0043-12-31,year,,,-0043,",
		"\ndie-dreißiger-1930,history,Die Dreißiger,1930er,1930-01-01,1939-12-31,decade,,,193X,",
		"\nhungersnot-1932,history,Hungersnot,um 1932,1932-01-01,1932-12-31,year,true,,1932~,",
		"\nstalin-stirbt-1953,history,Stalin stirbt,5. März 1953,1953-03-05,1953-03-05,day,,,1953-03-05,",
	} {
		if !strings.Contains(string(files["de.csv"]), want) {
			t.Errorf("de.csv lacks %s:\n%s", want, files["de.csv"])
		}
	}
	for _, want := range []string{`<html lang="de">`, ">Vergrößern</button>", "4 Einträge: 4 davon eingezeichnet, von 44 v. Chr. bis 1953."} {
		if !strings.Contains(string(files["de.html"]), want) {
			t.Errorf("de.html lacks %s", want)
		}
	}
	// The index speaks the language its only lesson names.
	for _, want := range []string{`<html lang="de">`, "<title>Zeitleisten</title>", `<td data-label="Letzter Build">erstellt aus <code>de.csv</code></td>`} {
		if !strings.Contains(string(files["index.html"]), want) {
			t.Errorf("index.html lacks %s:\n%s", want, files["index.html"])
		}
	}
	// Without NAME.md, English reads none of it, and -lang de reads all.
	os.Remove(filepath.Join(data, "de.md"))
	if code, stdout, _ := runCLI(t, "check", "-data", data); code != 1 || !strings.Contains(stdout, `de.csv:2:`) {
		t.Errorf("check in English: exit %d, %s", code, stdout)
	}
	if code, stdout, _ := runCLI(t, "check", "-data", data, "-lang", "de"); code != 0 {
		t.Errorf("check -lang de: exit %d, %s", code, stdout)
	}
	writeFiles(t, data, map[string]string{"de.csv": "title,date\nTalvisota,1939\n"})
	code, _, stderr := runCLI(t, "build", "-data", data, "-out", out, "-lang", "fi")
	if want := "de.csv: no words in fi yet: the page speaks English"; code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("-lang fi: exit %d, stderr %q, want %q", code, stderr, want)
	}
}
