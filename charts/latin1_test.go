package charts

import (
	"bytes"
	"html"
	"html/template"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"timeline/internal/browsertest"
	"timeline/pipeline"
)

func TestJSEscapes(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"var a = 1;", "var a = 1;"},
		{`s = "café";`, `s = "café";`},
		{`m = ["一月"];`, `m = ["\u4e00\u6708"];`},
		{`s = "Stojanović – ü";`, `s = "Stojanovi\u0107 \u2013 ü";`},
		{`f = "😀";`, `f = "\ud83d\ude00";`},
		{"bad \xff byte", `bad \ufffd byte`},
		{"x = '</script>';", "x = '</script>';"},
	} {
		if got := jsEscapes(tt.in); got != tt.want {
			t.Errorf("jsEscapes(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got, want := scriptText([]byte(`x = "</script></scripts—";`)), `x = "<\/script><\/scripts\u2014";`; got != want {
		t.Errorf("scriptText = %q, want %q", got, want)
	}
}

// TestLatin1Writer writes HTML in two parts, cut at every byte: the
// characters past Latin-1 become character references, whatever the cut.
func TestLatin1Writer(t *testing.T) {
	in := "<p title=\"“Вождь”\">Stalin – 斯大林 😀, café</p>"
	want := `<p title="&#x201c;&#x412;&#x43e;&#x436;&#x434;&#x44c;&#x201d;">Stalin &#x2013; &#x65af;&#x5927;&#x6797; &#x1f600;, café</p>`
	for cut := range len(in) + 1 {
		var out bytes.Buffer
		lw := &latin1Writer{w: &out}
		lw.Write([]byte(in[:cut]))
		lw.Write([]byte(in[cut:]))
		if err := lw.flush(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Fatalf("cut at %d: %q, want %q", cut, out.String(), want)
		}
	}
	if html.UnescapeString(want) != in {
		t.Errorf("the references read %q, not %q", html.UnescapeString(want), in)
	}
	// An unfinished character at the end is written as it is.
	var out bytes.Buffer
	lw := &latin1Writer{w: &out}
	lw.Write([]byte("a\xe2\x80"))
	lw.flush()
	if got := out.String(); got != "a\xe2\x80" {
		t.Errorf("unfinished: %q", got)
	}
}

// scriptElement matches a script element, its text the first group.
var scriptElement = regexp.MustCompile(`(?s)<script[^>]*>(.*?)</script>`)

// TestPageIsLatin1: a page and its embed, with text in Russian, Chinese
// and emoji in every place it goes, and the pinned ECharts inlined, hold
// no character past Latin-1. TestBrowserInjection shows such text in the
// tooltip and the table as it was written.
func TestPageIsLatin1(t *testing.T) {
	date, err := pipeline.ParseDate("1929")
	if err != nil {
		t.Fatal(err)
	}
	s := "“Вождь” – 斯大林 😀, café"
	f := pipeline.Fact{ID: "s", Title: s, Date: date, Group: s, Description: s, Source: s, Tags: pipeline.List(s), Extra: []string{s}}
	tl := pipeline.NewTimeline(s, []string{s}, f)
	js := browsertest.EChartsJS(t)
	for _, embed := range []bool{false, true} {
		page := render(t, tl, Options{EChartsJS: js, Embed: embed, Intro: Intro{HTML: template.HTML("<p>" + s + "</p>")}})
		if r := firstPastLatin1(string(page)); r >= 0 {
			t.Errorf("embed %v: the page holds %q", embed, r)
		}
		if !bytes.Contains(page, []byte("caf\u00e9")) {
			t.Errorf("embed %v: Latin-1's é is escaped", embed)
		}
		// No character reference in a script, where it would not be
		// read as its character: the scripts escape theirs themselves.
		for _, m := range scriptElement.FindAllSubmatch(page, -1) {
			if bytes.Contains(m[1], []byte("&#x")) {
				t.Errorf("embed %v: a script holds a character reference: %.80q", embed, m[1][bytes.Index(m[1], []byte("&#x")):])
			}
		}
		if !bytes.Contains(page, []byte(`\u201c\u0412\u043e\u0436\u0434\u044c\u201d`)) || !bytes.Contains(page, []byte("&#x201c;&#x412;&#x43e;&#x436;&#x434;&#x44c;&#x201d;")) {
			t.Errorf("embed %v: the text is not written with escapes in the scripts and references in the HTML", embed)
		}
	}
	// 335 characters of the pinned ECharts, each of three bytes, become
	// six.
	if d := len(scriptText(js)) - len(js); d != 335*3 {
		t.Errorf("the inlined ECharts grew by %d bytes, want %d", d, 335*3)
	}
}

// TestAssetsAreASCII: the page's own script, style and templates are
// ASCII; a character past it is written as an escape or a reference.
func TestAssetsAreASCII(t *testing.T) {
	assets := map[string]string{"page.css": pageCSS, "page.html.tmpl": pageTemplateText, "index.html.tmpl": indexTemplateText}
	for _, name := range append(scriptModules, scriptParts...) {
		assets[name] = string(mustScript(name))
	}
	for name, text := range assets {
		if i := strings.IndexFunc(text, func(r rune) bool { return r >= utf8.RuneSelf }); i >= 0 {
			t.Errorf("%s: %q is past ASCII", name, []rune(text[i:])[0])
		}
	}
}

// FuzzLatin1Writer: HTML written in two parts, cut anywhere, comes out in
// Latin-1 and reads as it was.
func FuzzLatin1Writer(f *testing.F) {
	f.Add("Stalin – 斯大林 😀, café", 9)
	f.Fuzz(func(t *testing.T, s string, cut int) {
		if !utf8.ValidString(s) || strings.Contains(s, "&") {
			return // a reference of its own would read as its character
		}
		cut = min(max(cut, 0), len(s))
		var out bytes.Buffer
		lw := &latin1Writer{w: &out}
		lw.Write([]byte(s[:cut]))
		lw.Write([]byte(s[cut:]))
		lw.flush()
		if r := firstPastLatin1(out.String()); r >= 0 {
			t.Fatalf("%q: %q holds %q", s, out.String(), r)
		}
		if back := html.UnescapeString(out.String()); back != s {
			t.Fatalf("%q: %q reads as %q", s, out.String(), back)
		}
	})
}
