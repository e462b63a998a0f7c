package extract

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"timeline/internal/golden"
	"timeline/pipeline"
)

// TestExtract proposes rows from texts written for the test, and compares
// them with testdata/NAME.golden.csv: the rows as found, with their dates
// as written, works with their authors, venues and links, and the traps
// (page ranges, issue numbers, list markers, quantities) left undated.
// The rows pass check.
func TestExtract(t *testing.T) {
	for _, name := range []string{"republic", "famine"} {
		t.Run(name, func(t *testing.T) {
			src := golden.Read(t, filepath.Join("testdata", name+".txt"))
			res := Text(string(src), name+".txt")
			var out bytes.Buffer
			if err := pipeline.WriteFacts(&out, slices.Values(res.Facts), pipeline.InputColumns{Extra: []string{FoundBy}}); err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", name+".golden.csv"), out.Bytes())
			_, problems, err := pipeline.Read(bytes.NewReader(out.Bytes()), name+".csv", name)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				if p.Severity == pipeline.SeverityError {
					t.Errorf("check: %v", p.Error())
				}
			}
		})
	}
}

// TestExtractDates: the first date expression of a sentence, as written,
// and what is no date.
func TestExtractDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Stalinism refers to the period from 1926 to 1953 when Stalin led.", "from 1926 to 1953"},
		{"This paper examines the dictatorship in the 1930s using records.", "the 1930s"},
		{"Caesar was killed on 15 March 44 BC in the Senate.", "15 March 44 BC"},
		{"Soup kitchens opened in c. 1847.", "c. 1847"},
		{"It happened in the 19th century, in schools.", "the 19th century"},
		{"Published in March 1974, it was read widely.", "March 1974"},
		// "By 1851" is a date: 1851 or before.
		{"By 1851 the population had fallen.", "By 1851"},
		{"It ended in 1851.", "1851"},
		{"Caesar died in 44 BC.", "44 BC"},
		// No dates.
		{"As many as 20 million people may have died.", ""},
		{"Some 1500 people signed it.", ""},
		{"See pages 40-54 and p. 32.", ""},
		{"It appeared in No.67 of the journal.", ""},
		{"It counts 1) the land laws and 2) the armies.", ""},
		{"Hundreds of thousands may have died.", ""},
		{"The records, in 2 volumes, are in the archive.", ""},
	}
	for _, tt := range tests {
		got, _, _ := findDate(tt.in)
		if got != tt.want {
			t.Errorf("findDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestExtractReferences reads each form of reference entry.
func TestExtractReferences(t *testing.T) {
	tests := []struct{ in, authors, publishedIn, date string }{
		{"Paul Gregory, University of Houston, Comparative Economic Studies (2005) 47, 402–417.", "Paul Gregory", "Comparative Economic Studies 47, 402–417", "2005"},
		{"Review of Radical Political Economics, Vol. 13, No. 1, 40-54 (1981)", "", "Review of Radical Political Economics 13(1), 40–54", "1981"},
		{"Extract From International Socialism (1st series), No.67, March 1974, p.32.", "", "International Socialism (1st series) No. 67, March 1974, p. 32", "March 1974"},
		{"Journal of Roman Studies (1998) 88(2), 1-27", "", "Journal of Roman Studies 88(2), 1–27", "1998"},
	}
	for _, tt := range tests {
		r, ok := readReference(tt.in)
		if !ok {
			t.Errorf("%q is no reference", tt.in)
			continue
		}
		if a := strings.Join(r.authors, "; "); a != tt.authors || r.publishedIn() != tt.publishedIn || r.date != tt.date {
			t.Errorf("%q: authors %q, published in %q, date %q; want %q, %q, %q", tt.in, a, r.publishedIn(), r.date, tt.authors, tt.publishedIn, tt.date)
		}
	}
	for _, no := range []string{"Stalinism as the Ideology of State Capitalism", "It is estimated that as many as 20 million people may have died.", "See pages 40-54 (1981 edition)."} {
		if _, ok := readReference(no); ok {
			t.Errorf("%q read as a reference", no)
		}
	}
}

// TestExtractAuthors: each author once, institutions left out.
func TestExtractAuthors(t *testing.T) {
	got := unique(names("Charles Bettelheim, Bernard Chavance, Charles Bettelheim, Bernard Chavance"))
	if want := []string{"Charles Bettelheim", "Bernard Chavance"}; !slices.Equal(got, want) {
		t.Errorf("authors %q, want %q", got, want)
	}
	if got := names("Maria Rossi, Anna Weber, University of Bologna"); !slices.Equal(got, []string{"Maria Rossi", "Anna Weber"}) {
		t.Errorf("authors %q", got)
	}
}

// TestExtractSeed extracts the source texts the bundled timeline was
// typed from (a copy of the project's seed, ../shared/seed), and finds
// its facts: 1926–1953 by the year, the 1930s as a decade, the three
// works with their dates at their precision, exact authors and venues,
// each linked to what it studies, and the undated statements undated.
func TestExtractSeed(t *testing.T) {
	src := golden.Read(t, filepath.Join("testdata", "stalinism-sources.txt"))
	res := Text(string(src), "stalinism-sources.txt")
	var out bytes.Buffer
	if err := pipeline.WriteFacts(&out, slices.Values(res.Facts), pipeline.InputColumns{Extra: []string{FoundBy}}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "stalinism-sources.golden.csv"), out.Bytes())
	ids := map[string]pipeline.Fact{}
	var dated []string
	for _, f := range res.Facts {
		ids[f.ID] = f
		if f.Kind == pipeline.History && !f.Date.IsZero() {
			dated = append(dated, fmt.Sprintf("%s %s–%s %s", f.Date.Text, f.Date.Start, f.Date.End, f.Date.Precision))
		}
	}
	if want := []string{"from 1926 to 1953 1926-01-01–1953-12-31 year", "the 1930s 1930-01-01–1939-12-31 decade"}; !slices.Equal(dated, want) {
		t.Errorf("dated history %q, want %q", dated, want)
	}
	var works []string
	for _, f := range res.Facts {
		if f.Kind != pipeline.Historiography {
			continue
		}
		var about []string
		for id := range f.About.All() {
			about = append(about, ids[id].Date.Text)
		}
		works = append(works, fmt.Sprintf("%s|%s|%s|%s|%s|%s", f.Title, f.Date.Text, f.Date.Precision, f.Authors, f.PublishedIn, strings.Join(about, ", ")))
	}
	want := []string{
		"The Political Economy of Stalinism: A Bergson Retrospective|2005|year|Paul Gregory|Comparative Economic Studies 47, 402–417|the 1930s",
		"Stalinism: Criticism from Yugoslavia|March 1974|month|Colin Barker|International Socialism (1st series) No. 67, March 1974, p. 32|from 1926 to 1953",
		"Stalinism as the Ideology of State Capitalism|1981|year|Charles Bettelheim; Bernard Chavance|Review of Radical Political Economics 13(1), 40–54|from 1926 to 1953",
	}
	if !slices.Equal(works, want) {
		t.Errorf("works:\n%s\nwant:\n%s", strings.Join(works, "\n"), strings.Join(want, "\n"))
	}
	// The famines, the purges, the camps and Kaganovich's coining are
	// kept, undated; 20 million is no date.
	for _, words := range []string{"famines", "purged", "prison camps", "coined by Lazar Kaganovich"} {
		found := false
		for _, f := range res.Facts {
			if strings.Contains(f.Description, words) && f.Kind == pipeline.History {
				found = true
				if !f.Date.IsZero() {
					t.Errorf("the statement on %s is dated %q", words, f.Date.Text)
				}
			}
		}
		if !found {
			t.Errorf("no row states %s", words)
		}
	}
}

func TestContainsWord(t *testing.T) {
	for _, tt := range []struct {
		s, word string
		want    bool
	}{
		{"Stalinism as the Ideology", "Stalinism", true},
		{"the Stalinist state", "Stalin", false},
		{"of Stalin's policies", "Stalin", true},
		{"Famine", "Famine", true},
		{"Famines, then the Famine.", "Famine", true},
		{"Éire-Ireland", "Ireland", true},
		{"", "x", false},
	} {
		if got := containsWord(tt.s, tt.word); got != tt.want {
			t.Errorf("containsWord(%q, %q) = %v", tt.s, tt.word, got)
		}
	}
}
