package pipeline

import (
	"timeline/internal/schema"
)

// Timeline is the content of one CSV file: its facts, sorted by start, then
// id, with undated facts last, and the links from works to the facts they
// study.
//
// A timeline keeps each fact compactly: its text fields back to back in
// large shared blocks, and its date as day numbers, in an entry with no
// pointers for the garbage collector to follow. A file of a million facts
// fits in memory beside its own size. Fact gives one fact whole.
type Timeline struct {
	Name         string   // file name without directory or .csv
	ExtraColumns []string // input columns outside the schema, in input order

	optional uint64 // the optional columns the input has, by bit of their index in schema.Columns

	entries   []entry
	texts     arena    // the entries' texts
	extraEnds []uint32 // per fact, where its extra values end in its text, from entry.extra
	groups    []string // the distinct groups, in order of first appearance
	links     []Link
	dated     int   // the dated facts are entries[:dated]
	lastEnd   int64 // the latest end of a dated fact
}

// Link is a work of historiography and one fact it studies, as indexes of
// the timeline's facts.
type Link struct{ Work, Studied int }

// Flags of an entry: of its date, and of its id.
const (
	flagApproximate = 1 << iota
	flagUncertain
	flagInterval
	flagOpenEnd
	flagDerivedID // the id was empty; indexIDs makes it unique
	flagDated     // the fact has a date
	flagOpenStart
)

// entry is how a timeline keeps one fact.
type entry struct {
	start, end int64             // day numbers; end is start for an open end
	ends       [numFields]uint32 // where each text field ends, from the start of the entry's text
	block, off uint32            // the entry's text starts at texts.blocks[block][off:]
	extra      uint32            // the index in extraEnds of its first extra value's end
	group      uint32            // the index of its group in groups
	line       int32
	kind       uint8 // a Kind
	precision  uint8 // a Precision
	flags      uint8
}

// isDated reports whether the fact has a date.
func (e *entry) isDated() bool { return e.flags&flagDated != 0 }

// span gives where one text field of an entry starts and ends in its text.
func (e *entry) span(f Field) (from, to uint32) {
	if f > 0 {
		from = e.ends[f-1]
	}
	return from, e.ends[f]
}

// field returns one text field of an entry.
func (t *Timeline) field(e *entry, f Field) string {
	from, to := e.span(f)
	return t.texts.blocks[e.block][e.off+from : e.off+to]
}

// textOf returns an entry's whole text, its fields and extra values.
func (t *Timeline) textOf(e *entry) string {
	end := e.ends[numFields-1]
	if k := len(t.ExtraColumns); k > 0 {
		end = t.extraEnds[int(e.extra)+k-1]
	}
	return t.texts.blocks[e.block][e.off : e.off+end]
}

// NewTimeline makes a timeline of facts that a program built itself rather
// than read from a file. A fact's Extra holds its values of extraColumns,
// in order. It treats them as Read treats rows: a fact without
// an id gets one derived from its title and date, facts are sorted, and
// each about names the facts a work studies. It checks nothing: a later
// fact with an id already taken, or an about naming no fact, links nowhere.
func NewTimeline(name string, extraColumns []string, facts ...Fact) *Timeline {
	t := &Timeline{Name: name, ExtraColumns: extraColumns}
	b := newBuilder(t, len(facts))
	for i := range facts {
		b.add(&facts[i])
		for field, v := range facts[i].texts("") {
			if c := fieldColumn[field]; v != "" && schema.Columns[c].Optional {
				t.optional |= 1 << c
			}
		}
	}
	t, _ = b.finish()
	return t
}

// FieldOf gives the Field that keeps the column of index i in
// schema.Columns, if a text field keeps it.
func FieldOf(i int) (Field, bool) {
	for f, c := range fieldColumn {
		if c == i {
			return Field(f), true
		}
	}
	return 0, false
}

// HasColumn reports whether the timeline has a column of the schema. An
// optional column is there only when the input has it; the others always
// are.
func (t *Timeline) HasColumn(i int) bool {
	return !schema.Columns[i].Optional || t.optional&(1<<i) != 0
}

// Len returns how many facts t has.
func (t *Timeline) Len() int { return len(t.entries) }

// Dated returns how many facts have a date, and so are drawn. They are the
// first facts of the timeline.
func (t *Timeline) Dated() int { return t.dated }

// Fact returns the i'th fact.
func (t *Timeline) Fact(i int) Fact {
	e := &t.entries[i]
	f := Fact{Kind: Kind(e.kind), Date: t.date(e), Line: int(e.line)}
	t.factTexts(e, &f)
	if k := len(t.ExtraColumns); k > 0 {
		f.Extra = make([]string, k)
		for c := range k {
			f.Extra[c] = t.Extra(i, c)
		}
	}
	return f
}

func (t *Timeline) date(e *entry) Date {
	d := Date{Text: t.field(e, FieldDate)}
	if d.Text == "" {
		return d
	}
	d.EDTF = t.field(e, FieldEDTF)
	d.Precision = Precision(e.precision)
	d.Approximate = e.flags&flagApproximate != 0
	d.Uncertain = e.flags&flagUncertain != 0
	d.Interval = e.flags&flagInterval != 0
	d.OpenEnd = e.flags&flagOpenEnd != 0
	d.OpenStart = e.flags&flagOpenStart != 0
	if !d.OpenStart {
		d.Start = DayOfNumber(int64(e.start))
	}
	if !d.OpenEnd {
		d.End = DayOfNumber(int64(e.end))
	}
	return d
}

// Facts returns every fact, in order.
func (t *Timeline) Facts() []Fact {
	facts := make([]Fact, len(t.entries))
	for i := range facts {
		facts[i] = t.Fact(i)
	}
	return facts
}

// Extra returns the i'th fact's value of the extra column col.
func (t *Timeline) Extra(i, col int) string {
	e := &t.entries[i]
	ends := t.extraEnds[e.extra : int(e.extra)+len(t.ExtraColumns)]
	from := e.ends[numFields-1]
	if col > 0 {
		from = ends[col-1]
	}
	return t.texts.blocks[e.block][e.off+from : e.off+ends[col]]
}

// Field returns one text field of the i'th fact: t.Field(i, FieldTitle) is
// t.Fact(i).Title, without the rest.
func (t *Timeline) Field(i int, f Field) string { return t.field(&t.entries[i], f) }

// Kind returns the i'th fact's kind.
func (t *Timeline) Kind(i int) Kind { return Kind(t.entries[i].kind) }

// Date returns the i'th fact's date.
func (t *Timeline) Date(i int) Date { return t.date(&t.entries[i]) }

// Groups returns the distinct groups of the timeline's facts, "" among
// them if a fact has none, in the order the file first names them.
func (t *Timeline) Groups() []string { return t.groups }

// groupCount counts the groups that are named.
func (t *Timeline) groupCount() int {
	n := len(t.groups)
	for _, g := range t.groups {
		if g == "" {
			n--
		}
	}
	return n
}

// GroupOf returns the index in Groups of the i'th fact's group.
func (t *Timeline) GroupOf(i int) int { return int(t.entries[i].group) }

// Days returns the day numbers (see Day.Number) the i'th fact's date runs
// from and to. An open end gives the start as the end.
func (t *Timeline) Days(i int) (start, end int64) {
	return int64(t.entries[i].start), int64(t.entries[i].end)
}

// Links returns each work and fact it studies, by the work's order and
// then its about's. Both ends may be undated.
func (t *Timeline) Links() []Link { return t.links }

// Range returns the first and last day the dated facts cover. ok is false
// when no fact is dated. An open end counts as its start.
func (t *Timeline) Range() (first, last Day, ok bool) {
	if t.dated == 0 {
		return Day{}, Day{}, false
	}
	return DayOfNumber(int64(t.entries[0].start)), DayOfNumber(int64(t.lastEnd)), true
}
