package pipeline

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"slices"
)

// idSeed seeds idHash. It is made once and never changes.
var idSeed = maphash.MakeSeed()

// idHash hashes an id for an idIndex.
func idHash(id string) uint64 { return maphash.String(idSeed, id) }

// idIndex maps ids to the first fact that has each, by the ids' hashes:
// kept while a fact's text is at hand, they spare the index from reading
// the texts of a million facts again, scattered as they are in the arena.
// It is in parts, by the top byte of the hash: a part is small enough to
// stay in cache while it is made. With the ids' prefixes in sortRuns, the
// parts pay 10% of a build of 1,000,000 facts (measured, alternating both
// versions: 6.1 s without, 5.5 s with; see docs/performance.md).
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
// it. It gives the later facts with an id taken before, in the order of the
// facts.
func (b *builder) indexIDs() (*idIndex, []linkProblem) {
	t := b.t
	// The given ids first. They are sorted into their parts, in the order
	// of the facts, then the parts are made one after another.
	type given struct {
		hash uint64
		i    int
	}
	var starts [idParts + 1]int
	for i, h := range b.idHashes {
		if t.entries[i].flags&flagDerivedID == 0 {
			starts[partOf(h)+1]++
		}
	}
	for k := range idParts {
		starts[k+1] += starts[k]
	}
	next := starts
	byPart := make([]given, starts[idParts])
	for i, h := range b.idHashes {
		if t.entries[i].flags&flagDerivedID == 0 {
			k := partOf(h)
			byPart[next[k]] = given{h, i}
			next[k]++
		}
	}
	x := &idIndex{t: t}
	var all [][2]int // later facts with an id taken, and the first that has it
	for k := range idParts {
		ids := byPart[starts[k]:starts[k+1]]
		x.parts[k].byHash = make(map[uint64]int32, len(ids))
		for _, g := range ids {
			if first, taken := x.add("", g.hash, g.i); taken {
				all = append(all, [2]int{g.i, first})
			}
		}
	}
	slices.SortFunc(all, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	problems := make([]linkProblem, len(all))
	for k, d := range all {
		problems[k] = linkProblem{fact: d[0], id: t.field(&t.entries[d[0]], FieldID), duplicate: true, firstLine: int(t.entries[d[1]].line)}
	}
	// Then the derived ones, in order, for each may take a suffix. suffix
	// keeps the suffix to try next for each id taken, so that many facts
	// of one title and year are numbered in one pass, not each from 2.
	var suffix map[string]int
	for i := range t.entries {
		e := &t.entries[i]
		if e.flags&flagDerivedID == 0 {
			continue
		}
		base := t.field(e, FieldID)
		id, h := base, b.idHashes[i]
		for n := 2; ; n++ {
			if _, taken := x.add(id, h, i); !taken {
				break
			}
			if n == 2 {
				if suffix == nil {
					suffix = map[string]int{}
				}
				n = max(n, suffix[base])
			}
			suffix[base] = n + 1
			id = fmt.Sprintf("%s-%d", base, n)
			h = idHash(id)
		}
		if id != base {
			b.setField(e, FieldID, id)
			b.idStarts[i] = idPrefix(id)
		}
	}
	b.idHashes = nil
	return x, problems
}

// idPrefix gives the first 8 bytes of id as a number, padded with zeros,
// that orders as the ids do when two prefixes differ.
func idPrefix(id string) uint64 {
	var b [8]byte
	copy(b[:], id)
	return binary.BigEndian.Uint64(b[:])
}
