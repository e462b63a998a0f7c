package pipeline

import "math"

// builder makes a Timeline of facts added one at a time. What adding and
// linking facts need (the arena's shelves, the groups by name, each id's
// hash and first bytes, the sort keys) is kept here, apart from the
// Timeline, which finish gives without any of it.
type builder struct {
	t        *Timeline
	shelves  []*shelf          // the arena's shelves, by bucket (see store)
	scratch  []byte            // where a fact's text is put together
	groupOf  map[string]uint32 // once there are many groups: groups by name
	idHashes []uint64          // per fact, idHash of its id
	idStarts []uint64          // per fact, idPrefix of its id
	keys     []uint64          // per fact, its sort key (see keysByStart)
}

// newBuilder makes a builder of t, which has its name and columns, with
// room for n facts.
func newBuilder(t *Timeline, n int) *builder {
	t.entries = make([]entry, 0, n)
	return &builder{t: t, idHashes: make([]uint64, 0, n), idStarts: make([]uint64, 0, n), keys: make([]uint64, 0, n)}
}

// linkProblem is what finish finds wrong across facts: a later fact with
// an id taken (first is then the line of the fact that has it), or an
// about id that names no fact (ok false) or a fact that is not history.
type linkProblem struct {
	fact      int // the fact, in the order facts were added
	id        string
	duplicate bool
	firstLine int
	studied   Kind
	ok        bool
}

// setField replaces one text field of an entry, writing its new text into
// the arena.
func (b *builder) setField(e *entry, f Field, s string) {
	t := b.t
	from, to := e.span(f)
	text := t.textOf(e)
	buf := append(append(append(b.scratch[:0], text[:from]...), s...), text[to:]...)
	e.block, e.off = b.store(e.bucket(), buf)
	b.scratch = buf
	delta := uint32(len(s)) - (to - from) // wraps around when shorter; the sums below wrap back
	for k := int(f); k < numFields; k++ {
		e.ends[k] += delta
	}
	for k := range len(t.ExtraColumns) {
		t.extraEnds[int(e.extra)+k] += delta
	}
}

// pack packs f into an entry, its text in t's arena, with a value for
// each of t's extra columns. An empty id is derived from the title and
// date, as DeriveID does.
func (b *builder) pack(f *Fact) entry {
	t := b.t
	e := entry{line: int32(f.Line), kind: uint8(f.Kind)}
	if d := &f.Date; !d.IsZero() {
		e.flags |= flagDated
		e.precision = uint8(d.Precision)
		e.start = d.Start.Number()
		e.end = d.End.Number()
		switch {
		case d.OpenEnd:
			e.end = e.start
		case d.OpenStart:
			e.start = e.end
		}
		for _, flag := range [...]struct {
			set  bool
			flag uint8
		}{{d.Approximate, flagApproximate}, {d.Uncertain, flagUncertain}, {d.Interval, flagInterval}, {d.OpenEnd, flagOpenEnd}, {d.OpenStart, flagOpenStart}} {
			if flag.set {
				e.flags |= flag.flag
			}
		}
	}
	id := f.ID
	if id == "" {
		id = DeriveID(f.Title, f.Date)
		e.flags |= flagDerivedID
	}
	fields := f.texts(id)
	extra := f.Extra[:min(len(f.Extra), len(t.ExtraColumns))]
	buf := b.scratch[:0]
	for i, s := range fields {
		buf = append(buf, s...)
		e.ends[i] = uint32(len(buf))
	}
	e.extra = uint32(len(t.extraEnds))
	for c := range t.ExtraColumns {
		if c < len(extra) {
			buf = append(buf, extra[c]...)
		}
		t.extraEnds = append(t.extraEnds, uint32(len(buf)))
	}
	e.block, e.off = b.store(e.bucket(), buf)
	b.scratch = buf
	e.group = b.groupIndex(f.Group, func() string { return t.field(&e, FieldGroup) })
	return e
}

// groupIndex gives the index of group in groups, adding it if new, as
// kept gives it: in the arena, not to keep alive the row it was read from.
func (b *builder) groupIndex(group string, kept func() string) uint32 {
	t := b.t
	if b.groupOf == nil {
		b.groupOf = map[string]uint32{}
	}
	g, ok := b.groupOf[group]
	if !ok {
		g = uint32(len(t.groups))
		t.groups = append(t.groups, kept())
		b.groupOf[t.groups[g]] = g
	}
	return g
}

// add packs f as the next fact, and notes what sorting will need of it
// while its text is at hand.
func (b *builder) add(f *Fact) {
	t := b.t
	i := len(t.entries)
	t.entries = append(t.entries, b.pack(f))
	e := &t.entries[i]
	id := t.field(e, FieldID)
	b.idHashes = append(b.idHashes, idHash(id))
	b.idStarts = append(b.idStarts, idPrefix(id))
	start := uint64(startKey(e.start)^1<<31) << 32
	if !e.isDated() {
		start = math.MaxUint32 << 32
	}
	b.keys = append(b.keys, start|uint64(i))
}

// exactDays is how far from 1970 startKey keeps days apart: 5.1 million
// years.
const exactDays = 1<<31 - 1<<28

// startKey orders a start day in the 32 bits the sort key has for it. Days
// within exactDays of 1970 keep their number; further back or on, days
// share a key 2^15 days (90 years) wide, and facts of one key keep the
// order of the file: a date written in millions or billions of years ago
// is not known to within 90 years.
func startKey(day int64) uint32 {
	switch {
	case day >= exactDays:
		return uint32(min(exactDays+(day-exactDays)>>15, math.MaxInt32))
	case day <= -exactDays:
		return uint32(max(-exactDays-(-exactDays-day)>>15, math.MinInt32))
	}
	return uint32(day)
}
