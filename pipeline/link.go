package pipeline

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// finish gives every fact a unique id (see indexIDs), sorts the facts and
// resolves the links from works to what they study. It gives the timeline,
// and what it found wrong: duplicate ids, in the order of the facts, then
// about ids that name no fact or a fact that is not history.
func (b *builder) finish() (*Timeline, []linkProblem) {
	t := b.t
	// Ordering by start needs no ids: it goes on while ids are indexed.
	byStart := make(chan []uint64, 1)
	go func() { byStart <- b.keysByStart() }()
	byID, problems := b.indexIDs()
	b.groupOf, b.shelves, b.scratch = nil, nil, nil
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
		wg.Go(func() { b.sortRuns(keys, h[0], h[1], newIndex) })
	}
	wg.Wait()
	b.idStarts = nil
	t.gather(keys)
	byID.newIndex = newIndex
	found := t.findAllLinks(byID, keys)
	var n int
	for _, f := range found {
		n += len(f.links)
	}
	t.links = make([]Link, 0, n)
	for _, f := range found {
		t.links = append(t.links, f.links...)
		for _, p := range f.problems {
			problems = append(problems, linkProblem{fact: p.i, id: p.id, studied: p.studied, ok: p.ok})
		}
	}
	t.dated, t.lastEnd = 0, math.MinInt64
	for t.dated < len(t.entries) && t.entries[t.dated].isDated() {
		t.lastEnd = max(t.lastEnd, t.entries[t.dated].end)
		t.dated++
	}
	b.t = nil
	return t, problems
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

// The link phase's tricks (works' abouts looked up a chunk at a time on
// every core, each step of the look-up a loop of its own, the sort in
// halves on two cores; the gather, once in halves too, is now in place,
// for memory) and hasOddByte's eight bytes at a time
// each pay less than 10% alone, but together 15% of a build of 1,000,000
// facts (6.9 s without them, 5.9 s with, measured in one run): they stand
// or go together.

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
func (b *builder) sortRuns(keys []uint64, from, to int, newIndex []int) {
	t := b.t
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
				run = append(run, idKey{b.idStarts[keyIndex(k)], k})
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

// keysByStart gives the facts' sort keys, sorted: a key is the start,
// ordered as unsigned, above the index; an undated fact starts at the
// largest start. add makes them.
func (b *builder) keysByStart() []uint64 {
	keys := b.keys
	b.keys = nil
	slices.Sort(keys)
	return keys
}

// gather puts the facts in the order of the sorted keys, in place, one
// cycle of the permutation at a time. (Gathering them into a new slice,
// each half of keys on its own core, made a build of a million facts
// 0.1–0.4 s quicker in three alternated runs, but held every fact twice:
// its peak memory was 100 MB more.)
func (t *Timeline) gather(keys []uint64) {
	placed := make([]bool, len(keys))
	for p := range keys {
		if placed[p] {
			continue
		}
		first := t.entries[p]
		for q := p; ; {
			placed[q] = true
			from := keyIndex(keys[q])
			if from == p {
				t.entries[q] = first
				break
			}
			t.entries[q] = t.entries[from]
			q = from
		}
	}
}
