package pipeline

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
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

	entries   []entry
	texts     arena             // the entries' texts
	extraEnds []uint32          // per fact, where its extra values end in its text, from entry.extra
	groups    []string          // the distinct groups, in order of first appearance
	groupOf   map[string]uint32 // while facts are added, once there are many groups: groups by name
	idHashes  []uint64          // while facts are added: per fact, idHash of its id
	idStarts  []uint64          // while facts are added: per fact, idPrefix of its id
	keys      []uint64          // while facts are added: per fact, its sort key (see keysByStart)
	links     []Link
	dated     int   // the dated facts are entries[:dated]
	lastEnd   int32 // the latest end of a dated fact
}

// Link is a work of historiography and one fact it studies, as indexes of
// the timeline's facts.
type Link struct{ Work, Studied int }

// Field names one text field of a fact, for reading one column of many
// facts without making each Fact: see Timeline.Field.
type Field int

// The text fields of a fact, in the order an entry's text holds them.
// FieldDate is the date as written; FieldEDTF its EDTF form.
const (
	FieldID Field = iota
	FieldTitle
	FieldGroup
	FieldDescription
	FieldAuthors
	FieldPublishedIn
	FieldAbout
	FieldURL
	FieldSource
	FieldTags
	FieldDate
	FieldEDTF
	numFields = iota
)

// Flags of an entry: of its date, and of its id.
const (
	flagApproximate = 1 << iota
	flagUncertain
	flagInterval
	flagOpenEnd
	flagDerivedID // the id was empty; indexIDs makes it unique
	flagDated     // the fact has a date
)

// entry is how a timeline keeps one fact.
type entry struct {
	ends       [numFields]uint32 // where each text field ends, from the start of the entry's text
	block, off uint32            // the entry's text starts at texts.blocks[block][off:]
	extra      uint32            // the index in extraEnds of its first extra value's end
	group      uint32            // the index of its group in groups
	start, end int32             // day numbers; end is start for an open end
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

// setField replaces one text field of an entry, writing its new text into
// the arena.
func (t *Timeline) setField(e *entry, f Field, s string) {
	from, to := e.span(f)
	text := t.textOf(e)
	buf := append(append(append(t.texts.scratch[:0], text[:from]...), s...), text[to:]...)
	e.block, e.off = t.texts.add(e.bucket(), buf)
	t.texts.scratch = buf
	delta := uint32(len(s)) - (to - from) // wraps around when shorter; the sums below wrap back
	for k := int(f); k < numFields; k++ {
		e.ends[k] += delta
	}
	for k := range len(t.ExtraColumns) {
		t.extraEnds[int(e.extra)+k] += delta
	}
}

// arena keeps strings in shared blocks: a million facts cost thousands of
// allocations rather than millions, and the garbage collector has few
// objects to look at, none with pointers. Texts go to the shelf of their
// bucket, so that the facts of a bucket share a few blocks.
type arena struct {
	blocks  []string // each block's text so far
	shelves []*shelf // while texts are added: by shelfOf their bucket
	scratch []byte   // while texts are added: where one is put together
}

// shelf is the block an arena writes one bucket's texts to.
type shelf struct {
	text  strings.Builder
	block uint32 // its index in blocks
}

// A bucket's first block is firstBlock bytes; each next one is twice as
// large, up to maxBlock.
const (
	firstBlock = 4 << 10
	maxBlock   = 64 << 10
)

// bucketsEachWay is how many buckets have a shelf of their own on each
// side of 0, enough for every year a date can have. Buckets beyond share
// the outermost shelves, undated facts among them.
const bucketsEachWay = 1 << 14

// add appends text to its bucket's shelf, and gives where it starts. A
// Builder never changes bytes once written, so the strings already cut
// from a block stay as they are.
func (a *arena) add(bucket int32, text []byte) (block, off uint32) {
	if a.shelves == nil {
		a.shelves = make([]*shelf, 2*bucketsEachWay+1)
	}
	k := int(min(max(bucket, -bucketsEachWay), bucketsEachWay)) + bucketsEachWay
	sh := a.shelves[k]
	if sh == nil || sh.text.Cap()-sh.text.Len() < len(text) {
		size := firstBlock
		if sh != nil {
			size = min(2*sh.text.Cap(), maxBlock)
		}
		sh = &shelf{block: uint32(len(a.blocks))}
		sh.text.Grow(max(size, len(text)))
		a.blocks = append(a.blocks, "")
		a.shelves[k] = sh
	}
	off = uint32(sh.text.Len())
	sh.text.Write(text)
	a.blocks[sh.block] = sh.text.String()
	return sh.block, off
}

// bucket groups facts for the arena by the year they start in, roughly:
// the facts of one year are next to each other in the order facts sort in,
// so writing their texts out reads a few blocks, not the whole arena.
func (e *entry) bucket() int32 {
	if !e.isDated() {
		return math.MaxInt32
	}
	return e.start / 366
}

// pack packs f into an entry, its text in t's arena, with a value for
// each of t's extra columns. An empty id is derived from the title and
// date, as DeriveID does.
func (t *Timeline) pack(f *Fact) entry {
	e := entry{line: int32(f.Line), kind: uint8(f.Kind)}
	if d := &f.Date; !d.IsZero() {
		e.flags |= flagDated
		e.precision = uint8(d.Precision)
		e.start = int32(d.Start.Number())
		e.end = int32(d.End.Number())
		if d.OpenEnd {
			e.end = e.start
		}
		for _, flag := range [...]struct {
			set  bool
			flag uint8
		}{{d.Approximate, flagApproximate}, {d.Uncertain, flagUncertain}, {d.Interval, flagInterval}, {d.OpenEnd, flagOpenEnd}} {
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
	fields := [...]string{
		FieldID: id, FieldTitle: f.Title, FieldGroup: f.Group, FieldDescription: f.Description,
		FieldAuthors: string(f.Authors), FieldPublishedIn: f.PublishedIn, FieldAbout: string(f.About),
		FieldURL: f.URL, FieldSource: f.Source, FieldTags: string(f.Tags), FieldDate: f.Date.Text, FieldEDTF: f.Date.EDTF,
	}
	extra := f.Extra[:min(len(f.Extra), len(t.ExtraColumns))]
	buf := t.texts.scratch[:0]
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
	e.block, e.off = t.texts.add(e.bucket(), buf)
	t.texts.scratch = buf
	e.group = t.groupIndex(f.Group, func() string { return t.field(&e, FieldGroup) })
	return e
}

// fewGroups is how many groups groupIndex looks through one by one, which
// is faster than a map for the handful a file has.
const fewGroups = 8

// groupIndex gives the index of group in groups, adding it if new, as
// kept gives it: in the arena, not to keep alive the row it was read from.
func (t *Timeline) groupIndex(group string, kept func() string) uint32 {
	if t.groupOf == nil {
		for g, name := range t.groups {
			if name == group {
				return uint32(g)
			}
		}
		if len(t.groups) < fewGroups {
			t.groups = append(t.groups, kept())
			return uint32(len(t.groups) - 1)
		}
		t.groupOf = make(map[string]uint32, 2*fewGroups)
		for g, name := range t.groups {
			t.groupOf[name] = uint32(g)
		}
	}
	g, ok := t.groupOf[group]
	if !ok {
		g = uint32(len(t.groups))
		t.groups = append(t.groups, kept())
		t.groupOf[t.groups[g]] = g
	}
	return g
}

// add packs f as the next fact, and notes what sorting will need of it
// while its text is at hand.
func (t *Timeline) add(f *Fact) {
	i := len(t.entries)
	t.entries = append(t.entries, t.pack(f))
	e := &t.entries[i]
	id := t.field(e, FieldID)
	t.idHashes = append(t.idHashes, idHash(id))
	t.idStarts = append(t.idStarts, idPrefix(id))
	start := uint64(uint32(e.start)^1<<31) << 32
	if !e.isDated() {
		start = math.MaxUint32 << 32
	}
	t.keys = append(t.keys, start|uint64(i))
}

// NewTimeline makes a timeline of facts that a program built itself rather
// than read from a file. A fact's Extra holds its values of extraColumns,
// in order. It treats them as Read treats rows: a fact without
// an id gets one derived from its title and date, facts are sorted, and
// each about names the facts a work studies. It checks nothing: a later
// fact with an id already taken, or an about naming no fact, links nowhere.
func NewTimeline(name string, extraColumns []string, facts ...Fact) *Timeline {
	t := &Timeline{Name: name, ExtraColumns: extraColumns, entries: make([]entry, 0, len(facts))}
	for i := range facts {
		t.add(&facts[i])
	}
	t.link(nil, nil)
	return t
}

// Len returns how many facts t has.
func (t *Timeline) Len() int { return len(t.entries) }

// Dated returns how many facts have a date, and so are drawn. They are the
// first facts of the timeline.
func (t *Timeline) Dated() int { return t.dated }

// Fact returns the i'th fact.
func (t *Timeline) Fact(i int) Fact {
	e := &t.entries[i]
	f := Fact{
		ID:          t.field(e, FieldID),
		Kind:        Kind(e.kind),
		Title:       t.field(e, FieldTitle),
		Group:       t.field(e, FieldGroup),
		Description: t.field(e, FieldDescription),
		Authors:     List(t.field(e, FieldAuthors)),
		PublishedIn: t.field(e, FieldPublishedIn),
		About:       List(t.field(e, FieldAbout)),
		URL:         t.field(e, FieldURL),
		Source:      t.field(e, FieldSource),
		Tags:        List(t.field(e, FieldTags)),
		Date:        t.date(e),
		Line:        int(e.line),
	}
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
	d.Start = DayOfNumber(int64(e.start))
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

// idSeed seeds idHash. It is made once and never changes.
var idSeed = maphash.MakeSeed()

// idHash hashes an id for an idIndex.
func idHash(id string) uint64 { return maphash.String(idSeed, id) }

// idIndex maps ids to the first fact that has each, by the ids' hashes:
// kept while a fact's text is at hand, they spare the index from reading
// the texts of a million facts again, scattered as they are in the arena.
// It is in parts, by the top byte of the hash: a part is small enough to
// stay in cache while it is made.
type idIndex struct {
	t        *Timeline
	parts    [idParts]idPart
	newIndex []int // once the facts are sorted: the place of each
}

// idParts is how many parts an idIndex has.
const idParts = 256

// partOf gives the part of an idIndex for the hash h.
func partOf(h uint64) int { return int(h >> 56) }

// idPart is the part of an idIndex for some of the hashes.
type idPart struct {
	byHash map[uint64]int32
	clash  map[string]int32 // ids whose hash an other id has, hardly ever any
}

// find gives the fact that has id, whose idHash is h, as a place before
// the facts were sorted. It is for once they are, and newIndex is set.
func (x *idIndex) find(id string, h uint64) (int, bool) {
	p := &x.parts[partOf(h)]
	if i, ok := p.byHash[h]; ok && x.t.field(&x.t.entries[x.newIndex[i]], FieldID) == id {
		return int(i), true
	}
	i, ok := p.clash[id]
	return int(i), ok
}

// add notes that fact i has id, whose idHash is h, unless a fact has it
// already: then it returns that first fact and taken true. It changes
// only the part of the index for h. An empty id stands for fact i's own,
// read only if another id has the same hash: ids are never empty.
func (x *idIndex) add(id string, h uint64, i int) (first int, taken bool) {
	p := &x.parts[partOf(h)]
	if p.byHash == nil {
		p.byHash = map[uint64]int32{}
	}
	j, ok := p.byHash[h]
	if !ok {
		p.byHash[h] = int32(i)
		return 0, false
	}
	if id == "" {
		id = x.t.field(&x.t.entries[i], FieldID)
	}
	if x.t.field(&x.t.entries[j], FieldID) == id {
		return int(j), true
	}
	if j, ok := p.clash[id]; ok {
		return int(j), true
	}
	if p.clash == nil {
		p.clash = map[string]int32{}
	}
	p.clash[id] = int32(i)
	return 0, false
}

// indexIDs makes the derived ids unique, with a suffix "-2", "-3" where
// another fact has the id, and indexes each id to the first fact that has
// it. dup, when not nil, is called for each later fact with an id taken
// before, in the order of the facts.
func (t *Timeline) indexIDs(dup func(i, first int)) *idIndex {
	// The given ids first. They are sorted into their parts, in the order
	// of the facts, then the parts are made, half of them on each core.
	type given struct {
		hash uint64
		i    int
	}
	var starts [idParts + 1]int
	for i, h := range t.idHashes {
		if t.entries[i].flags&flagDerivedID == 0 {
			starts[partOf(h)+1]++
		}
	}
	for k := range idParts {
		starts[k+1] += starts[k]
	}
	next := starts
	byPart := make([]given, starts[idParts])
	for i, h := range t.idHashes {
		if t.entries[i].flags&flagDerivedID == 0 {
			k := partOf(h)
			byPart[next[k]] = given{h, i}
			next[k]++
		}
	}
	x := &idIndex{t: t}
	var dups [2][][2]int
	var wg sync.WaitGroup
	for half := range dups {
		wg.Go(func() {
			for k := half; k < idParts; k += len(dups) {
				ids := byPart[starts[k]:starts[k+1]]
				x.parts[k].byHash = make(map[uint64]int32, len(ids))
				for _, g := range ids {
					if first, taken := x.add("", g.hash, g.i); taken {
						dups[half] = append(dups[half], [2]int{g.i, first})
					}
				}
			}
		})
	}
	wg.Wait()
	if dup != nil {
		all := append(dups[0], dups[1]...)
		slices.SortFunc(all, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
		for _, d := range all {
			dup(d[0], d[1])
		}
	}
	// Then the derived ones, in order, for each may take a suffix.
	for i := range t.entries {
		e := &t.entries[i]
		if e.flags&flagDerivedID == 0 {
			continue
		}
		base := t.field(e, FieldID)
		id, h := base, t.idHashes[i]
		for n := 2; ; n++ {
			if _, taken := x.add(id, h, i); !taken {
				break
			}
			id = fmt.Sprintf("%s-%d", base, n)
			h = idHash(id)
		}
		if id != base {
			t.setField(e, FieldID, id)
			t.idStarts[i] = idPrefix(id)
		}
	}
	t.idHashes = nil
	return x
}

// link gives every fact a unique id (see indexIDs), sorts the facts and
// resolves the links from works to what they study. It calls dup as
// indexIDs does, and about, when not nil, with each id in an about that
// names no fact (ok false) or a fact that is not history (studied is its
// kind); i is the place of the fact with the about as facts were added.
// dup and about are called from one goroutine at a time.
func (t *Timeline) link(dup func(i, first int), about func(i int, id string, studied Kind, ok bool)) {
	// Ordering by start needs no ids: it goes on while ids are indexed.
	byStart := make(chan []uint64, 1)
	go func() { byStart <- t.keysByStart() }()
	byID := t.indexIDs(dup)
	t.groupOf, t.texts.shelves, t.texts.scratch = nil, nil, nil
	keys := <-byStart
	// Then the runs of facts that start on the same day are sorted by id,
	// each half on its own core, and the facts put in order. Then what the
	// works study is found, reading their about fields in the order the
	// arena keeps them.
	half := len(keys) / 2
	for half > 0 && half < len(keys) && sameStart(keys[half], keys[half-1]) {
		half++
	}
	halves := [2][2]int{{0, half}, {half, len(keys)}}
	newIndex := make([]int, len(keys))
	var wg sync.WaitGroup
	for _, h := range halves {
		wg.Go(func() { t.sortRuns(keys, h[0], h[1], newIndex) })
	}
	wg.Wait()
	t.idStarts = nil
	t.gather(keys, halves)
	byID.newIndex = newIndex
	found := t.findAllLinks(byID, keys)
	var n int
	for _, f := range found {
		n += len(f.links)
	}
	t.links = make([]Link, 0, n)
	for _, f := range found {
		t.links = append(t.links, f.links...)
		if about != nil {
			for _, p := range f.problems {
				about(p.i, p.id, p.studied, p.ok)
			}
		}
	}
	t.dated, t.lastEnd = 0, math.MinInt32
	for t.dated < len(t.entries) && t.entries[t.dated].isDated() {
		t.lastEnd = max(t.lastEnd, t.entries[t.dated].end)
		t.dated++
	}
}

// foundLinks is what findLinks finds: the links, and the about ids that
// name no fact or no history, with the arguments of link's about.
type foundLinks struct {
	links    []Link
	problems []aboutProblem
}

// aboutProblem is an about id that names no fact or no history.
type aboutProblem struct {
	i       int // the fact with the about, as facts were added
	id      string
	studied Kind // the kind of the fact named, if ok
	ok      bool
}

// linkChunk is how many sorted facts findAllLinks gives a goroutine at a
// time. Works cluster in recent years, so halves would not share the work
// fairly; chunks do.
const linkChunk = 1 << 14

// findAllLinks runs findLinks over every fact, a chunk at a time on each
// core, and gives what it found per chunk, in order.
func (t *Timeline) findAllLinks(byID *idIndex, keys []uint64) []foundLinks {
	found := make([]foundLinks, (len(keys)+linkChunk-1)/linkChunk)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for c := int(next.Add(1)) - 1; c < len(found); c = int(next.Add(1)) - 1 {
				found[c] = t.findLinks(byID, keys, c*linkChunk, min((c+1)*linkChunk, len(keys)))
			}
		})
	}
	wg.Wait()
	return found
}

// findLinks finds the fact each about names, for the sorted facts from
// up to to; keys gives the place each had as it was added.
func (t *Timeline) findLinks(byID *idIndex, keys []uint64, from, to int) foundLinks {
	// Each step is a loop of its own over every about id in the chunk:
	// the facts each step reads are scattered, and a loop whose turns do
	// not wait for each other waits for many of them at once.
	type lookup struct {
		work, target int // target is a place after sorting, or -1
		id           string
	}
	var lookups []lookup
	for p := from; p < to; p++ {
		for id := range List(t.field(&t.entries[p], FieldAbout)).All() {
			lookups = append(lookups, lookup{p, -1, id})
		}
	}
	for k := range lookups {
		l := &lookups[k]
		h := idHash(l.id)
		if i, ok := byID.parts[partOf(h)].byHash[h]; ok {
			l.target = int(i)
		}
	}
	for k := range lookups {
		if l := &lookups[k]; l.target >= 0 {
			l.target = byID.newIndex[l.target]
		}
	}
	var found foundLinks
	for _, l := range lookups {
		if l.target < 0 || t.field(&t.entries[l.target], FieldID) != l.id {
			// No fact has the id, or its hash is an other id's.
			l.target = -1
			if i, ok := byID.find(l.id, idHash(l.id)); ok {
				l.target = byID.newIndex[i]
			}
		}
		studied := History
		if l.target >= 0 {
			found.links = append(found.links, Link{Work: l.work, Studied: l.target})
			studied = Kind(t.entries[l.target].kind)
		}
		if l.target < 0 || studied != History {
			found.problems = append(found.problems, aboutProblem{keyIndex(keys[l.work]), l.id, studied, l.target >= 0})
		}
	}
	return found
}

// keyIndex gives the index of a fact's sort key: its low half.
func keyIndex(k uint64) int { return int(uint32(k)) }

// sameStart reports whether two sort keys start on the same day.
func sameStart(a, b uint64) bool { return a>>32 == b>>32 }

// sortRuns finishes sorting keys[from:to], already in order of start and
// beginning a run of facts that start on the same day: it sorts each run by
// id, then notes where each fact goes: newIndex[old] = new. Ties, only
// possible between duplicate ids, keep file order.
func (t *Timeline) sortRuns(keys []uint64, from, to int, newIndex []int) {
	entries := t.entries
	id := func(k uint64) string { return t.field(&entries[keyIndex(k)], FieldID) }
	// A run is sorted by the ids' first bytes, kept by add, and only facts
	// whose ids begin alike compare the ids whole.
	type idKey struct{ prefix, key uint64 }
	var run []idKey
	for rest := keys[from:to]; len(rest) > 0; {
		n := 1
		for n < len(rest) && sameStart(rest[n], rest[0]) {
			n++
		}
		if n > 1 {
			run = run[:0]
			for _, k := range rest[:n] {
				run = append(run, idKey{t.idStarts[keyIndex(k)], k})
			}
			slices.SortFunc(run, func(a, b idKey) int {
				if a.prefix != b.prefix {
					return cmp.Compare(a.prefix, b.prefix)
				}
				return cmp.Or(strings.Compare(id(a.key), id(b.key)), cmp.Compare(a.key, b.key))
			})
			for j, r := range run {
				rest[j] = r.key
			}
		}
		rest = rest[n:]
	}
	for i := from; i < to; i++ {
		newIndex[keyIndex(keys[i])] = i
	}
}

// idPrefix gives the first 8 bytes of id as a number, padded with zeros,
// that orders as the ids do when two prefixes differ.
func idPrefix(id string) uint64 {
	var b [8]byte
	copy(b[:], id)
	return binary.BigEndian.Uint64(b[:])
}

// keysByStart gives the facts' sort keys, sorted: a key is the start,
// ordered as unsigned, above the index; an undated fact starts at the
// largest start. add makes them.
func (t *Timeline) keysByStart() []uint64 {
	keys := t.keys
	t.keys = nil
	slices.Sort(keys)
	return keys
}

// gather puts the facts in the order of the sorted keys, into a new slice,
// each of the halves of keys on its own core. (Moving them in place, one
// cycle of the permutation at a time, needs no second slice, but runs on
// one core and takes twice as long.)
func (t *Timeline) gather(keys []uint64, halves [2][2]int) {
	sorted := make([]entry, len(t.entries))
	var wg sync.WaitGroup
	for _, h := range halves {
		wg.Go(func() {
			for p := h[0]; p < h[1]; p++ {
				sorted[p] = t.entries[keyIndex(keys[p])]
			}
		})
	}
	wg.Wait()
	t.entries = sorted
}
