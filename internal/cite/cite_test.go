package cite

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"timeline/pipeline"
)

func date(t testing.TB, s string) pipeline.Date {
	t.Helper()
	d, err := pipeline.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// works are the works of a lesson, with every kind of date and venue.
func works(t testing.TB) []pipeline.Fact {
	return []pipeline.Fact{
		{ID: "barker-1974", Kind: pipeline.Historiography, Title: "Stalinism: Criticism from Yugoslavia", Date: date(t, "March 1974"),
			Authors: "Colin Barker", PublishedIn: "International Socialism (1st series) No. 67, March 1974, p. 32",
			About: "stalin-leadership", Description: "Discusses Stojanović's critique & its 100% {braced} claims_",
			Source: "Seed text: Barker (1974), abstract, p. 32 {sic} & 100%"},
		{ID: "bettelheim-chavance-1981", Kind: pipeline.Historiography, Title: "Stalinism as the Ideology of State Capitalism", Date: date(t, "1981"),
			Authors: "Charles Bettelheim; Bernard Chavance", PublishedIn: "Review of Radical Political Economics 13(1), 40–54",
			About: "stalin-leadership; politburo-records-1930s", Tags: "ideology; state"},
		{ID: "gregory-2005", Kind: pipeline.Historiography, Title: "The Political Economy of Stalinism", Date: date(t, "c. 2005"),
			Authors: "Paul Gregory", PublishedIn: "Comparative Economic Studies 47, 402–417", URL: "https://doi.org/10.1057/palgrave.ces.8100125"},
		{ID: "livy", Kind: pipeline.Historiography, Title: "Ab urbe condita", Date: date(t, "c. 27 BC – AD 9"), Authors: "Titus Livius",
			URL: "https://example.org/livy?a=1&b=2"},
		{ID: "beethoven", Kind: pipeline.Historiography, Title: "Letters", Date: date(t, "1810s"), Authors: "Ludwig van Beethoven; Anonymous",
			PublishedIn: "Collected in Vienna"},
		{ID: "caesar", Kind: pipeline.Historiography, Title: "Commentarii", Date: date(t, "15 March 44 BC"), Authors: "Gaius Iulius Caesar"},
		{ID: "undated", Kind: pipeline.Historiography, Title: "A study with no date"},
	}
}

func fields(f pipeline.Fact) string {
	return fmt.Sprintf("%s|%s|%s|%s %s %s|%s|%s|%s|%s|%s|%s|%s", f.ID, f.Title, f.Date.Text, f.Date.Start, f.Date.End, f.Date.Precision,
		f.Authors, f.PublishedIn, f.URL, f.Description, f.About, f.Tags, f.Source)
}

// TestRoundTrip writes works as BibTeX and as CSL-JSON and reads them
// back: the same rows, with nothing left over.
func TestRoundTrip(t *testing.T) {
	var ws []Work
	for _, f := range works(t) {
		ws = append(ws, FromFact(f))
	}
	var bib, csl bytes.Buffer
	if err := WriteBibTeX(&bib, ws); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSLJSON(&csl, ws); err != nil {
		t.Fatal(err)
	}
	entries, err := ParseBibTeX(bib.String())
	if err != nil {
		t.Fatalf("%v in\n%s", err, bib.String())
	}
	cslWorks, cslRest, err := ReadCSLJSON(&csl)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(ws) || len(cslWorks) != len(ws) {
		t.Fatalf("%d BibTeX entries and %d CSL items for %d works", len(entries), len(cslWorks), len(ws))
	}
	for i, want := range works(t) {
		w, rest := entries[i].Work()
		if got := w.Fact(); fields(got) != fields(want) {
			t.Errorf("BibTeX gives back\n%s\nwant\n%s", fields(got), fields(want))
		}
		if len(rest) > 0 {
			t.Errorf("BibTeX %s leaves %v", want.ID, rest)
		}
		if got := cslWorks[i].Fact(); fields(got) != fields(want) {
			t.Errorf("CSL-JSON gives back\n%s\nwant\n%s", fields(got), fields(want))
		}
		if len(cslRest[i]) > 0 {
			t.Errorf("CSL-JSON %s leaves %v", want.ID, cslRest[i])
		}
	}
}

func TestParseBibTeX(t *testing.T) {
	src := `Text before entries is ignored, as BibTeX does.
@string{ ris = "Review of " # {International} # " Studies" }
@comment{ a comment, with {braces} }
@Article{smith2001,
  author = {Smith, John and Jane {van der} Berg and {\"O}zt{\"u}rk, Ay{\c{s}}e and others},
  title = "The {USSR} and \emph{its} neighbours --- a survey",
  journal = ris,
  year = 2001, month = mar, day = {5},
  volume = {12}, number = 3,
  pages = {101--120},
  doi = {https://doi.org/10.1000/xyz},
  publisher = {Oxford University Press},
  note = {Caf\'e, na\"{\i}ve, \ss{} and \aa; 50\% off},
}
@book(jones, editor = {Jones, Ann}, title = {Edited}, date = {1930/1939}, isbn = {978-0})
@misc{bare, title = {No date}}
@incollection{x, title = {Chapter}, booktitle = {The Book}, year = {1999}, month = {September}}
`
	entries, err := ParseBibTeX(src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		w, rest := e.Work()
		f := w.Fact()
		var r []string
		for _, x := range rest {
			r = append(r, x.Name+"="+x.Value)
		}
		got = append(got, fmt.Sprintf("%s %s|%s|%s|%s|%s|%s|%s", e.Type, f.ID, f.Title, f.Authors, f.Date.Text, f.PublishedIn, f.URL, strings.Join(r, ", ")))
	}
	want := []string{
		"article smith2001|The USSR and its neighbours — a survey|John Smith; Jane van der Berg; Ayşe Öztürk|2001-03-05|Review of International Studies 12(3), 101–120|https://doi.org/10.1000/xyz|publisher=Oxford University Press, note=Café, naïve, ß and å; 50% off",
		"book jones|Edited|Ann Jones|1930/1939|||isbn=978-0",
		"misc bare|No date|||||",
		"incollection x|Chapter||1999-09|The Book||",
	}
	if !slices.Equal(got, want) {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseBibTeXErrors(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"@article{a, title = {unclosed}\n", "line 2: the file ends inside an entry"},
		{"@article{a,\n title = nosuchmacro}", "line 2: no @string named nosuchmacro"},
		{"@article{a, title {x}}", "line 1: field title: want = after its name"},
		{"@article{a, title = {x}}}\n@misc{b, title = {y} }", ""},
		{"@article{a,\n\n title = \"x}\"}", "line 3: a } that closes nothing"},
	} {
		_, err := ParseBibTeX(tt.src)
		if got := fmt.Sprint(err); tt.want == "" && err != nil || tt.want != "" && got != tt.want {
			t.Errorf("ParseBibTeX(%q) = %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestReadCSLJSON(t *testing.T) {
	src := `[
 {"id": "http://zotero.org/users/1/items/ABCD", "citation-key": "gregory2005", "type": "article-journal",
  "title": "The Political Economy of Stalinism", "author": [{"family": "Gregory", "given": "Paul"}],
  "issued": {"date-parts": [["2005", 6]]}, "container-title": "Comparative Economic Studies", "volume": 47, "issue": "3", "page": "402-417",
  "DOI": "10.1057/palgrave.ces.8100125", "URL": "https://link.example/x", "language": "en", "note": "Read twice"},
 {"id": "ed", "type": "book", "title": "Edited", "editor": [{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}],
  "issued": {"date-parts": [[1974]], "season": 1}},
 {"id": "c", "type": "book", "title": "Circa", "author": [{"literal": "Académie française"}], "issued": {"date-parts": [[1929]], "circa": true}},
 {"id": "lit", "type": "book", "title": "Literal", "issued": {"literal": "the 1930s"}},
 {"id": "edtf", "type": "book", "title": "EDTF", "issued": "1926/1953"},
 {"id": "bc", "type": "book", "title": "BC", "issued": {"date-parts": [[-44, 3, 15]]}},
 {"id": "range", "type": "book", "title": "Range", "issued": {"date-parts": [[1926], [1953]]}},
 {"id": "bad", "type": "book", "title": "Bad date", "issued": {"literal": "sometime"}}
]`
	ws, rest, err := ReadCSLJSON(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, w := range ws {
		f := w.Fact()
		var r []string
		for _, x := range rest[i] {
			r = append(r, x.Name+"="+x.Value)
		}
		got = append(got, fmt.Sprintf("%s|%s|%s|%s|%s|%s", f.ID, f.Authors, f.Date.Text, f.PublishedIn, f.URL, strings.Join(r, ", ")))
	}
	want := []string{
		"gregory2005|Paul Gregory|2005-06|Comparative Economic Studies 47(3), 402–417|https://doi.org/10.1057/palgrave.ces.8100125|URL=https://link.example/x, language=en, note=Read twice",
		"ed|Ludwig van Beethoven|Spring 1974|||",
		"c|Académie française|c. 1929|||",
		"lit||the 1930s|||",
		"edtf||1926/1953|||",
		"bc||15 March 44 BC|||",
		"range||1926 – 1953|||",
		"bad||sometime|||",
	}
	if !slices.Equal(got, want) {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d := ws[5].Date; d.Start.Year != -43 || d.Start.Month != 3 || d.Start.Day != 15 {
		t.Errorf("-44 reads as %v, want 44 BC (astronomical -43)", d.Start)
	}
}

func TestReference(t *testing.T) {
	var got []string
	ws, total := Bibliography(pipeline.NewTimeline("works", nil, works(t)...), 10)
	for _, w := range ws {
		got = append(got, w.Reference())
	}
	if total != 7 {
		t.Errorf("%d works, want 7", total)
	}
	want := []string{
		"A study with no date (n.d.).",
		"Barker, Colin (1974). Stalinism: Criticism from Yugoslavia. International Socialism (1st series) No. 67, March 1974, p. 32.",
		"Beethoven, Ludwig van and Anonymous (1810–1819). Letters. Collected in Vienna.",
		"Bettelheim, Charles and Bernard Chavance (1981). Stalinism as the Ideology of State Capitalism. Review of Radical Political Economics 13(1), 40–54.",
		"Caesar, Gaius Iulius (44 BC). Commentarii.",
		"Gregory, Paul (2005). The Political Economy of Stalinism. Comparative Economic Studies 47, 402–417.",
		"Livius, Titus (27 BC–9). Ab urbe condita.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("references:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A shorter list keeps the first by author.
	ws, _ = Bibliography(pipeline.NewTimeline("works", nil, works(t)...), 3)
	for k, w := range ws {
		if w.Reference() != want[k] {
			t.Errorf("the first 3: %d is %q, want %q", k, w.Reference(), want[k])
		}
	}
	if len(ws) != 3 {
		t.Errorf("the first 3 are %d", len(ws))
	}
}

// FuzzBibTeX: no input makes the parser panic, and what WriteBibTeX
// writes of any title and author reads back the same.
func FuzzBibTeX(f *testing.F) {
	f.Add("@article{a, title = {x}}", "Title", "Ann Smith")
	f.Add("@string{s = \"a\"} @misc{b, title = s # {b}}", "50% {off} & $5_a", "Jane van der Berg")
	f.Add("@book(x, title = \"q{\\\"o}\")", `back\slash ~tilde^ #hash`, "Ö, Ä")
	f.Fuzz(func(t *testing.T, src, title, author string) {
		ParseBibTeX(src) // must not panic
		title = strings.Join(strings.Fields(title), " ")
		author = strings.Join(strings.Fields(strings.NewReplacer(";", " ", " and ", " ").Replace(author)), " ")
		if title == "" || strings.ContainsAny(title+author, "\x00") || !utf8.ValidString(title) || !utf8.ValidString(author) {
			return
		}
		w := Work{ID: "k", Title: title}
		if author != "" {
			w.Authors = []Name{ParseName(author)}
		}
		var b bytes.Buffer
		if err := WriteBibTeX(&b, []Work{w}); err != nil {
			t.Fatal(err)
		}
		entries, err := ParseBibTeX(b.String())
		if err != nil || len(entries) != 1 {
			t.Fatalf("%v reading back\n%s", err, b.String())
		}
		back, _ := entries[0].Work()
		if back.Title != title {
			t.Errorf("title %q reads back as %q from\n%s", title, back.Title, b.String())
		}
	})
}
