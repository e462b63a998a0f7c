package charts

import (
	"strings"
	"testing"
)

func TestParseIntro(t *testing.T) {
	src := "---\r\nview: 1925–1955\r\n---\r\n# Stalinism *and* its historians\n\nHow the USSR was ruled, with [a link](https://example.org) and <script>alert(1)</script> raw HTML and [bad](javascript:alert(1)).\n\n## More\n"
	intro, err := ParseIntro("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if intro.Title != "Stalinism and its historians" {
		t.Errorf("Title = %q", intro.Title)
	}
	if got := intro.View.Start.String() + " " + intro.View.End.String(); got != "1925-01-01 1955-12-31" {
		t.Errorf("View = %s", got)
	}
	html := string(intro.HTML)
	for _, want := range []string{`<a href="https://example.org">a link</a>`, "<h2>More</h2>", "<!-- raw HTML omitted -->"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q:\n%s", want, html)
		}
	}
	for _, bad := range []string{"<script", "javascript:", "<h1>"} {
		if strings.Contains(html, bad) {
			t.Errorf("HTML has %q:\n%s", bad, html)
		}
	}
}

func TestParseIntroErrors(t *testing.T) {
	tests := map[string]string{
		"---\nview: soon\n---\n":  `x.md: view: date "soon": not a date`,
		"---\ncolour: red\n---\n": `x.md: line 2: unknown setting "colour: red": the front matter knows view and lang`,
		"---\nview: 1930\n":       `x.md: the front matter opened by --- on line 1 is not closed`,
	}
	for src, want := range tests {
		if _, err := ParseIntro("x.md", []byte(src)); err == nil || err.Error() != want {
			t.Errorf("ParseIntro(%q) error = %v, want %s", src, err, want)
		}
	}
}
