package pipeline

import "strings"

// record is one CSV row. Its struct tags are the one place the file's
// schema is declared: gocsv reads input columns by these names, in any
// order, and writes the normalised CSV in this field order.
type record struct {
	ID          string `csv:"id"`
	Kind        string `csv:"kind"`
	Title       string `csv:"title"`
	Date        string `csv:"date"`
	Start       string `csv:"start"`
	End         string `csv:"end"`
	Precision   string `csv:"precision"`
	Approximate string `csv:"approximate"`
	Uncertain   string `csv:"uncertain"`
	EDTF        string `csv:"edtf"`
	Group       string `csv:"group"`
	Description string `csv:"description"`
	Authors     string `csv:"authors"`
	PublishedIn string `csv:"published_in"`
	About       string `csv:"about"`
	URL         string `csv:"url"`
	Source      string `csv:"source"`
	Tags        string `csv:"tags"`
}

// listSeparator separates the items of authors, tags and about.
const listSeparator = ";"

// splitList reads "a; b;;c" as [a b c].
func splitList(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.Split(s, listSeparator)
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// JoinList writes a list column (authors, tags, about) as the normalised
// CSV does: "a; b".
func JoinList(items []string) string { return strings.Join(items, listSeparator+" ") }

func boolColumn(b bool) string {
	if b {
		return "true"
	}
	return ""
}

// toRecord gives the normalised row of a fact.
func toRecord(f *Fact) record {
	r := record{
		ID:          f.ID,
		Kind:        f.Kind.String(),
		Title:       f.Title,
		Date:        f.Date.Text,
		Group:       f.Group,
		Description: f.Description,
		Authors:     JoinList(f.Authors),
		PublishedIn: f.PublishedIn,
		About:       JoinList(f.About),
		URL:         f.URL,
		Source:      f.Source,
		Tags:        JoinList(f.Tags),
	}
	if d := f.Date; !d.IsZero() {
		r.Start = d.Start.String()
		if !d.OpenEnd {
			r.End = d.End.String()
		}
		r.Precision = d.Precision.String()
		r.Approximate = boolColumn(d.Approximate)
		r.Uncertain = boolColumn(d.Uncertain)
		r.EDTF = d.EDTF
	}
	return r
}
