package charts

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"timeline/internal/golden"
	"timeline/internal/synth"
	"timeline/pipeline"
)

func readTimeline(t testing.TB, path string) *pipeline.Timeline {
	t.Helper()
	tl, problems, err := pipeline.Read(bytes.NewReader(golden.Read(t, path)), path, strings.TrimSuffix(filepath.Base(path), ".csv"))
	if err != nil {
		t.Fatal(err)
	}
	if problems.Errors() > 0 {
		t.Fatalf("%s: %v", path, problems)
	}
	return tl
}

func render(t testing.TB, tl *pipeline.Timeline, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePage(&buf, tl, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// goldenScript stands for the page script in the golden pages.
const goldenScript = "/* charts/assets/js: tested apart */"

// TestGoldenPages compares pages with their golden files and checks that
// rendering is deterministic.
func TestGoldenPages(t *testing.T) {
	tl := readTimeline(t, "testdata/groups.csv")
	for path, o := range map[string]Options{
		"testdata/groups.html":       {},
		"testdata/groups.embed.html": {Embed: true},
	} {
		got := render(t, tl, o)
		if again := render(t, tl, o); !bytes.Equal(got, again) {
			t.Errorf("%s: two renders differ", path)
		}
		// The page script is compared apart, by its own tests: an edit of
		// it does not change the golden pages.
		if bytes.Count(got, []byte(timelineJS)) != 1 {
			t.Errorf("%s: the page script is not inlined once", path)
		}
		got = bytes.Replace(got, []byte(timelineJS), []byte(goldenScript), 1)
		golden.Check(t, path, got)
	}
}

// pagePayload decodes the page's data payload.
type pagePayload struct {
	Texts []string `json:"texts"`
	Rows  int      `json:"rows"`
	N     int      `json:"n"`
	Lanes []struct {
		Name      string
		Band, Row int
		Rows      int
	} `json:"lanes"`
	Lane, Row, S, E, Fl []int64
	payloadTexts
	Xn     []string
	Chunks []payloadTexts
	Links  []int
}

// payloadTexts are the payload's text columns, whole or in a chunk of facts.
type payloadTexts struct {
	ID, Title, Date    []string
	Desc, Au, Pub, Src []string
	URL, Tags          []string
	Media, Malt        []string
	Xv                 [][]string
}

func payloadOf(t *testing.T, page []byte) pagePayload {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var p pagePayload
	found := false
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "script" && attr(n, "id") == "timeline-data" {
			if err := json.Unmarshal([]byte(n.FirstChild.Data), &p); err != nil {
				t.Fatalf("payload: %v", err)
			}
			found = true
			// Join the chunks, as the page's script does.
			p.Xv = make([][]string, len(p.Xn))
			for i, c := range p.Chunks {
				if len(c.ID) == 0 || len(c.ID) > payloadChunk || (len(c.ID) < payloadChunk && i < len(p.Chunks)-1) {
					t.Errorf("chunk %d of %d holds %d facts", i, len(p.Chunks), len(c.ID))
				}
				for _, col := range []struct {
					to   *[]string
					from []string
				}{
					{&p.ID, c.ID}, {&p.Title, c.Title}, {&p.Date, c.Date}, {&p.Desc, c.Desc}, {&p.Au, c.Au},
					{&p.Pub, c.Pub}, {&p.Src, c.Src}, {&p.URL, c.URL}, {&p.Tags, c.Tags},
				} {
					if len(col.from) != len(c.ID) {
						t.Errorf("chunk %d: a column of %d facts, not %d", i, len(col.from), len(c.ID))
					}
					*col.to = append(*col.to, col.from...)
				}
				for x := range p.Xv {
					p.Xv[x] = append(p.Xv[x], c.Xv[x]...)
				}
			}
		}
	}
	if !found {
		t.Fatal("no payload in page")
	}
	return p
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestPayloadColumns sends the columns of the schema that have a payload
// key, and optional ones only when the timeline has them.
func TestPayloadColumns(t *testing.T) {
	tl := readTimeline(t, "testdata/groups.csv")
	if got, want := strings.Join(payloadOf(t, render(t, tl, Options{})).Texts, ","), "id,title,date,grp,desc,au,pub,ab,url,src,tags"; got != want {
		t.Errorf("texts = %s, want %s", got, want)
	}
	media := pipeline.NewTimeline("m", nil, pipeline.Fact{Title: "A", Media: "https://example.org/a.png", MediaAlt: "An A"})
	p := payloadOf(t, render(t, media, Options{}))
	if got, want := strings.Join(p.Texts, ","), "id,title,date,grp,desc,au,pub,ab,url,src,tags,media,malt"; got != want {
		t.Errorf("texts with media = %s, want %s", got, want)
	}
	if len(p.Chunks) != 1 || p.Chunks[0].Media[0] != "https://example.org/a.png" || p.Chunks[0].Malt[0] != "An A" {
		t.Errorf("media in the payload: %+v", p.Chunks)
	}
}

func TestPayload(t *testing.T) {
	tl := readTimeline(t, "testdata/groups.csv")
	p := payloadOf(t, render(t, tl, Options{}))
	// Sorted by start: c. 100 BC, 49 BC, 15 March 44 BC, 27 BC, ...
	if got, want := strings.Join(p.ID, " "), "han civil-war caesar augustus unsure syme open beard undated"; got != want {
		t.Errorf("ids = %q, want %q", got, want)
	}
	var lanes []string
	for _, l := range p.Lanes {
		lanes = append(lanes, l.Name)
	}
	if got, want := strings.Join(lanes, "|"), "China|Rome|Modern|Books"; got != want {
		t.Errorf("lanes = %q, want %q", got, want)
	}
	// 15 March 44 BC is day -735160.
	if p.S[2] != -735160 || p.E[2] != -735160 {
		t.Errorf("caesar s, e = %d, %d", p.S[2], p.E[2])
	}
	if p.N != 8 || len(p.S) != 8 || len(p.Lane) != 8 {
		t.Errorf("n = %d, %d starts, %d lanes; want 8 dated facts", p.N, len(p.S), len(p.Lane))
	}
	wantFlags := []int64{flagApproximate, flagPeriod, 0, flagPeriod, flagUncertain, flagHistoriography, flagPeriod | flagOpenEnd, flagHistoriography, 0}
	if fmt.Sprint(p.Fl) != fmt.Sprint(wantFlags) {
		t.Errorf("flags = %v, want %v", p.Fl, wantFlags)
	}
	// syme studies augustus and civil-war; beard studies caesar and augustus.
	if got, want := p.Links, []int{5, 3, 5, 1, 7, 2, 7, 3}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("links = %v, want %v", got, want)
	}
	if p.Xn[0] != "Region" || p.Xv[0][1] != "Italy" {
		t.Errorf("extra columns = %v %v", p.Xn, p.Xv)
	}
	// Overlapping Roman periods stack into rows of their lane.
	if p.Row[1] == p.Row[3] {
		t.Errorf("civil war and Augustus share row %d", p.Row[1])
	}
}

// injections are put in every text column; each must show as text.
var injections = []string{
	`</script><script>alert(1)</script>`,
	`__f__alert(1)__f__`,
	`"><img src=x onerror=alert(1)>`,
}

func TestNoScriptInjection(t *testing.T) {
	var facts []pipeline.Fact
	for i, s := range injections {
		date, _ := pipeline.ParseDate("1930")
		facts = append(facts, pipeline.Fact{
			ID: string(rune('a'+i)) + s, Title: s, Date: date, Group: s, Description: s,
			Authors: pipeline.List(s), PublishedIn: s, Source: s, Tags: pipeline.List(s), Extra: []string{s},
		})
	}
	tl := pipeline.NewTimeline("inject", []string{injections[0]}, facts...)
	page := render(t, tl, Options{})
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "script":
			scripts = append(scripts, attr(n, "src")+"|"+attr(n, "type"))
		case "img":
			t.Errorf("an injected <img> element is in the page")
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s> has an event handler attribute %s=%q", n.Data, a.Key, a.Val)
			}
		}
	}
	want := []string{EChartsURL + "|", "|application/json", "|", "|text/javascript"}
	if strings.Join(scripts, " ") != strings.Join(want, " ") {
		t.Errorf("script elements = %q, want %q", scripts, want)
	}
	// The legend, in go-echarts' unescaped option, holds the group names
	// with < escaped and the __f__ markers broken.
	for _, enc := range []string{`"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e"`, `"\u005f_f__alert(1)\u005f_f__"`} {
		if !bytes.Contains(page, []byte(`"data":[`)) || !bytes.Contains(page, []byte(enc)) {
			t.Errorf("page lacks the escaped legend entry %s", enc)
		}
	}
	p := payloadOf(t, page)
	for i, s := range injections {
		for col, got := range map[string]string{"title": p.Title[i], "desc": p.Desc[i], "au": p.Au[i], "pub": p.Pub[i], "src": p.Src[i], "tags": p.Tags[i], "extra": p.Xv[0][i]} {
			if got != s {
				t.Errorf("payload %s[%d] = %q, want %q", col, i, got, s)
			}
		}
	}
	// The table shows each payload as text.
	text := tableText(t, page)
	for _, s := range injections {
		if !strings.Contains(text, s) {
			t.Errorf("table text lacks %q", s)
		}
	}
}

func tableText(t *testing.T, page []byte) string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for n := range doc.Descendants() {
		if n.Type == html.TextNode && n.Parent != nil && (n.Parent.Data == "td" || n.Parent.Data == "th") {
			b.WriteString(n.Data)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func TestRangeLabel(t *testing.T) {
	tests := map[string]string{
		"1926–1953":      "1 Jan 1926 – 31 Dec 1953",
		"15 March 44 BC": "15 Mar 44 BC",
		"1989/..":        "1 Jan 1989 – (open)",
		"":               "",
	}
	for in, want := range tests {
		d, err := pipeline.ParseDate(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := RangeLabel(d); got != want {
			t.Errorf("RangeLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHumanise(t *testing.T) {
	for in, want := range map[string]string{"stalinism": "Stalinism", "soviet_history-1930s": "Soviet history 1930s", "": "Timeline", "église": "Église"} {
		if got := Humanise(in); got != want {
			t.Errorf("Humanise(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTableRows checks how many facts the page's HTML table holds: all of
// them up to tableRowsLimit, and past it the first tablePage, with a note.
func TestTableRows(t *testing.T) {
	for _, tt := range []struct{ facts, rows int }{{tableRowsLimit, tableRowsLimit}, {tableRowsLimit + 1, tablePage}} {
		facts := make([]pipeline.Fact, tt.facts)
		for i := range facts {
			facts[i] = pipeline.Fact{ID: fmt.Sprintf("f%04d", i), Title: "Fact"}
		}
		page := string(render(t, pipeline.NewTimeline("rows", nil, facts...), Options{}))
		if got := strings.Count(page, `<tr id="fact-`); got != tt.rows {
			t.Errorf("%d facts: %d table rows, want %d", tt.facts, got, tt.rows)
		}
		note := fmt.Sprintf("The table shows the first %d of %d facts", tablePage, tt.facts)
		if got, want := strings.Contains(page, note), tt.rows < tt.facts; got != want {
			t.Errorf("%d facts: note %q shown: %v, want %v", tt.facts, note, got, want)
		}
	}
}

// TestOpenStartPayload sends a date open at its start as a mark at its
// end, flagged so that the script fades it toward the start.
func TestOpenStartPayload(t *testing.T) {
	before, err := pipeline.ParseDate("before 1926")
	if err != nil {
		t.Fatal(err)
	}
	tl := pipeline.NewTimeline("open", nil, pipeline.Fact{Title: "Before", Date: before}, pipeline.Fact{Title: "Then", Date: mustDate(t, "1930")})
	p := payloadOf(t, render(t, tl, Options{}))
	// 31 December 1925 is day -16072.
	if p.S[0] != -16072 || p.E[0] != -16072 || p.Fl[0] != flagOpenStart|flagPeriod {
		t.Errorf("open start: s %d, e %d, flags %d", p.S[0], p.E[0], p.Fl[0])
	}
	if got := RangeLabel(before); got != "(open) – 31 Dec 1925" {
		t.Errorf("RangeLabel = %q", got)
	}
}

func mustDate(t *testing.T, s string) pipeline.Date {
	t.Helper()
	d, err := pipeline.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestCompressedPayload renders a timeline past compressedFacts: its
// payload is gzip in base64, the same bytes each time, and inflates to
// the JSON a small page carries as it is.
func TestCompressedPayload(t *testing.T) {
	tl, err := synth.Timeline(compressedFacts+1, 1) // texts apart, and gzipped
	if err != nil {
		t.Fatal(err)
	}
	page := render(t, tl, Options{})
	if again := render(t, tl, Options{}); !bytes.Equal(page, again) {
		t.Fatal("two renders of one timeline differ")
	}
	// inflated reads the element with id, gzipped in base64, into v.
	inflated := func(id string, v any) {
		t.Helper()
		open := `<script type="text/plain" data-encoding="gzip+base64" id="` + id + `">`
		_, rest, ok := bytes.Cut(page, []byte(open))
		if !ok {
			t.Fatalf("no %s in the page", open)
		}
		b64, _, _ := bytes.Cut(rest, []byte("</script>"))
		zr, err := gzip.NewReader(base64.NewDecoder(base64.StdEncoding, bytes.NewReader(b64)))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.NewDecoder(zr).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	var payload struct {
		Name   string          `json:"name"`
		Fl     []uint8         `json:"fl"`
		Chunks json.RawMessage `json:"chunks"`
	}
	inflated("timeline-data", &payload)
	if payload.Name != tl.Name || len(payload.Fl) != tl.Len() || string(payload.Chunks) != "null" {
		t.Errorf("the payload names %q with %d facts and chunks %.20s; want %q with %d, and chunks null", payload.Name, len(payload.Fl), payload.Chunks, tl.Name, tl.Len())
	}
	// The texts come apart, in chunks of payloadChunk facts.
	var chunks []struct {
		Title []string `json:"title"`
	}
	inflated("timeline-texts", &chunks)
	if len(chunks) != (tl.Len()+payloadChunk-1)/payloadChunk || len(chunks[0].Title) != min(payloadChunk, tl.Len()) || chunks[0].Title[0] != tl.Field(0, pipeline.FieldTitle) {
		t.Errorf("%d chunks of texts, the first of %d titles", len(chunks), len(chunks[0].Title))
	}
}

// TestTextsApart renders a timeline past textsApartFacts but not past
// compressedFacts: its texts come in their own JSON element, and the
// payload's chunks is null.
func TestTextsApart(t *testing.T) {
	tl, err := synth.Timeline(textsApartFacts+1, 1)
	if err != nil {
		t.Fatal(err)
	}
	page := string(render(t, tl, Options{}))
	element := func(id string) (string, bool) {
		_, rest, ok := strings.Cut(page, `<script type="application/json" id="`+id+`">`)
		text, _, _ := strings.Cut(rest, "</script>")
		return text, ok
	}
	core, ok := element("timeline-data")
	if !ok || !strings.Contains(core, `"chunks":null`) {
		t.Fatalf("the payload has chunks: %v", ok)
	}
	texts, ok := element("timeline-texts")
	var chunks []struct {
		Title []string `json:"title"`
	}
	if err := json.Unmarshal([]byte(texts), &chunks); !ok || err != nil || len(chunks) != 1 || chunks[0].Title[0] != tl.Field(0, pipeline.FieldTitle) {
		t.Errorf("the texts element: %v, %v, %d chunks", ok, err, len(chunks))
	}
}
