package pipeline

import (
	"iter"
	"slices"
	"strings"
)

// listSeparator separates the items of authors, tags and about.
const listSeparator = ";"

// List is a list column (authors, about or tags) in the form the normalised
// CSV writes it: items trimmed and separated by "; ", as in
// "Conquest; Getty". The zero List is empty.
type List string

// parseList reads a list column as written, "a;b ; ;c", as the List
// "a; b; c".
func parseList(s string) List {
	if s == "" {
		return ""
	}
	return List(appendList(nil, s))
}

// appendList appends the items of s, trimmed and without empty ones, to b,
// separated by "; ".
func appendList(b []byte, s string) []byte {
	first := true
	for item := range strings.SplitSeq(s, listSeparator) {
		if item = strings.TrimSpace(item); item != "" {
			if !first {
				b = append(b, listSeparator+" "...)
			}
			b = append(b, item...)
			first = false
		}
	}
	return b
}

// All iterates over the list's items.
func (l List) All() iter.Seq[string] {
	return func(yield func(string) bool) {
		if l == "" {
			return
		}
		for item := range strings.SplitSeq(string(l), listSeparator+" ") {
			if !yield(item) {
				return
			}
		}
	}
}

// Items returns the list's items, or nil for an empty list.
func (l List) Items() []string { return slices.Collect(l.All()) }

func boolColumn(b bool) string {
	if b {
		return "true"
	}
	return ""
}

// record gives the normalised row of the i'th fact, but for its start and
// end days, which it appends to days as ISO 8601: the start up to split,
// then the end.
func (t *Timeline) record(i int, days []byte) (r record, out []byte, split int) {
	e := &t.entries[i]
	t.recordTexts(e, &r)
	r.Kind = Kind(e.kind).String()
	split = len(days)
	if e.isDated() {
		if e.flags&flagOpenStart == 0 {
			days = appendISODay(days, DayOfNumber(int64(e.start)))
		}
		split = len(days)
		if e.flags&flagOpenEnd == 0 {
			days = appendISODay(days, DayOfNumber(int64(e.end)))
		}
		r.Precision = Precision(e.precision).String()
		r.Approximate = boolColumn(e.flags&flagApproximate != 0)
		r.Uncertain = boolColumn(e.flags&flagUncertain != 0)
	}
	return r, days, split
}
