package pipeline

import (
	"fmt"
	"hash/maphash"
)

// idSeed seeds idHash. It is made once and never changes.
var idSeed = maphash.MakeSeed()

// idHash hashes an id for an idIndex.
func idHash(id string) uint64 { return maphash.String(idSeed, id) }

// idIndex maps ids to the first fact that has each, by the ids' hashes:
// kept while a fact's text is at hand, they spare the index from reading
// the texts of a million facts again, scattered as they are in the arena.
type idIndex struct {
	t        *Timeline
	byHash   map[uint64]int32
	clash    map[string]int32 // ids whose hash an other id has, hardly ever any
	newIndex []int            // once the facts are sorted: the place of each
}

// find gives the fact that has id, whose idHash is h, as a place before
// the facts were sorted. It is for once they are, and newIndex is set.
func (x *idIndex) find(id string, h uint64) (int, bool) {
	if i, ok := x.byHash[h]; ok && x.t.field(&x.t.entries[x.newIndex[i]], FieldID) == id {
		return int(i), true
	}
	i, ok := x.clash[id]
	return int(i), ok
}

// add notes that fact i has id, whose idHash is h, unless a fact has it
// already: then it returns that first fact and taken true. An empty id
// stands for fact i's own, read only if another id has the same hash: ids
// are never empty.
func (x *idIndex) add(id string, h uint64, i int) (first int, taken bool) {
	j, ok := x.byHash[h]
	if !ok {
		x.byHash[h] = int32(i)
		return 0, false
	}
	if id == "" {
		id = x.t.field(&x.t.entries[i], FieldID)
	}
	if x.t.field(&x.t.entries[j], FieldID) == id {
		return int(j), true
	}
	if j, ok := x.clash[id]; ok {
		return int(j), true
	}
	if x.clash == nil {
		x.clash = map[string]int32{}
	}
	x.clash[id] = int32(i)
	return 0, false
}

// indexIDs makes the derived ids unique, with a suffix "-2", "-3" where
// another fact has the id, and indexes each id to the first fact that has
// it. It gives the later facts with an id taken before, in the order of the
// facts.
func (b *builder) indexIDs() (*idIndex, []linkProblem) {
	t := b.t
	x := &idIndex{t: t, byHash: make(map[uint64]int32, len(t.entries))}
	// The given ids first, in the order of the facts.
	var problems []linkProblem
	for i, h := range b.idHashes {
		if t.entries[i].flags&flagDerivedID != 0 {
			continue
		}
		if first, taken := x.add("", h, i); taken {
			problems = append(problems, linkProblem{fact: i, id: t.field(&t.entries[i], FieldID), duplicate: true, firstLine: int(t.entries[first].line)})
		}
	}
	// Then the derived ones, in order, for each may take a suffix.
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
			id = fmt.Sprintf("%s-%d", base, n)
			h = idHash(id)
		}
		if id != base {
			b.setField(e, FieldID, id)
		}
	}
	b.idHashes = nil
	return x, problems
}
