package charts

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"timeline/pipeline"
)

// Intro is what a timeline's optional NAME.md beside its CSV gives the
// page: a title, an introduction, a first view and the lesson's language.
//
//	---
//	view: 1925–1955
//	lang: he
//	---
//	# Stalinism
//
//	How the Soviet Union was ruled from 1926 to 1953, and how historians
//	have read it since.
type Intro struct {
	Title string        // the first # heading, as text; empty if none
	HTML  template.HTML // the rest, rendered with raw HTML left out
	View  pipeline.Span // the range the chart first shows; zero for all of it
	Lang  string        // the lesson's language, a BCP 47 tag; empty for the default
}

// markdown renders with goldmark's defaults: raw HTML and dangerous links
// (javascript: and the like) are left out.
var markdown = goldmark.New()

// ParseIntro reads an introduction in Markdown; name is used in errors.
func ParseIntro(name string, src []byte) (Intro, error) {
	var intro Intro
	src, settings, err := frontMatter(src)
	if err != nil {
		return intro, fmt.Errorf("%s: %w", name, err)
	}
	view := settings["view"]
	if lang := settings["lang"]; lang != "" {
		if intro.Lang, err = ParseLang(lang); err != nil {
			return intro, fmt.Errorf("%s: lang: %w", name, err)
		}
	}
	if view != "" {
		d, err := pipeline.ParseDate(view)
		if err != nil {
			return intro, fmt.Errorf("%s: view: %w", name, err)
		}
		intro.View = d.Span
	}
	doc := markdown.Parser().Parse(text.NewReader(src))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 1 {
			intro.Title = plainText(h, src)
			doc.RemoveChild(doc, h)
			break
		}
	}
	var buf bytes.Buffer
	if err := markdown.Renderer().Render(&buf, src, doc); err != nil {
		return intro, err
	}
	intro.HTML = template.HTML(buf.String())
	return intro, nil
}

// plainText gives the text of a node and its children.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// frontSettings are the keys the front matter knows.
var frontSettings = []string{"view", "lang"}

// frontMatter splits off a leading block between --- lines and returns its
// settings, by key.
func frontMatter(src []byte) (rest []byte, settings map[string]string, err error) {
	settings = map[string]string{}
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if strings.TrimSpace(string(first)) != "---" {
		return src, settings, nil
	}
	for n := 2; ; n++ {
		line, after, more := bytes.Cut(rest, []byte("\n"))
		text := strings.TrimSpace(string(line))
		key, value, ok := strings.Cut(text, ":")
		key = strings.TrimSpace(key)
		switch {
		case text == "---":
			return after, settings, nil
		case text == "":
		case ok && slices.Contains(frontSettings, key):
			settings[key] = strings.TrimSpace(value)
		default:
			return nil, nil, fmt.Errorf("line %d: unknown setting %q: the front matter knows %s", n, text, strings.Join(frontSettings, " and "))
		}
		if !more {
			return nil, nil, fmt.Errorf("the front matter opened by --- on line 1 is not closed")
		}
		rest = after
	}
}
