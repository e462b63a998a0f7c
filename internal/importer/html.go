package importer

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// plainText gives the text of HTML as a page shows it, on one line: tags
// removed, entities decoded, white space collapsed, and each link's
// address after its text, "the records (https://…)", unless the text is
// the address. Scripts, styles and templates give nothing.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"})
	if err != nil {
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	for _, n := range nodes {
		writeText(&b, n)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func writeText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Template:
			return
		case atom.Br, atom.P, atom.Div, atom.Li, atom.Tr, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote:
			b.WriteString(" ")
		}
	}
	start := b.Len()
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		writeText(b, c)
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		href := strings.TrimSpace(attr(n, "href"))
		text := strings.TrimSpace(b.String()[start:])
		if href != "" && text != href && !strings.HasPrefix(strings.ToLower(href), "javascript:") {
			b.WriteString(" (" + href + ")")
		}
	}
	if n.Type == html.ElementNode && (n.DataAtom == atom.P || n.DataAtom == atom.Li || n.DataAtom == atom.Div) {
		b.WriteString(" ")
	}
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}
