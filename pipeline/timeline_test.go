package pipeline

import (
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"testing"
)

// TestSortByID checks the order of facts that start on the same day: by
// id, compared whole where ids begin alike, with derived ids made unique
// first.
func TestSortByID(t *testing.T) {
	d, err := ParseDate("1930")
	if err != nil {
		t.Fatal(err)
	}
	var facts []Fact
	for _, id := range []string{"politburo-b", "politburo-a", "pol", "politburo", "", "", "same-1930", "politburo-a\x00", "z", "Politburo"} {
		facts = append(facts, Fact{ID: id, Title: "Same", Date: d})
	}
	facts = append(facts, Fact{ID: "early", Title: "Early", Date: Date{}})
	tl := NewTimeline("order", nil, facts...)
	var got []string
	for i := range tl.Len() {
		got = append(got, tl.Field(i, FieldID))
	}
	want := []string{"Politburo", "pol", "politburo", "politburo-a", "politburo-a\x00", "politburo-b", "same-1930", "same-1930-2", "same-1930-3", "z", "early"}
	if !slices.Equal(got, want) {
		t.Errorf("order = %q\nwant    %q", got, want)
	}
}

// TestManyDerivedIDs: many facts of one title and year are numbered in
// order, past an id that a row gives itself, in one pass.
func TestManyDerivedIDs(t *testing.T) {
	d, err := ParseDate("1930")
	if err != nil {
		t.Fatal(err)
	}
	const n = 20_000
	facts := []Fact{{ID: "same-1930-3", Title: "Given", Date: d}}
	for range n {
		facts = append(facts, Fact{Title: "Same", Date: d})
	}
	tl := NewTimeline("same", nil, facts...)
	ids := map[string]bool{}
	for i := range tl.Len() {
		ids[tl.Field(i, FieldID)] = true
	}
	for _, id := range []string{"same-1930", "same-1930-2", "same-1930-3", "same-1930-4", fmt.Sprintf("same-1930-%d", n+1)} {
		if !ids[id] {
			t.Errorf("no fact has id %q", id)
		}
	}
	if len(ids) != n+1 || ids[fmt.Sprintf("same-1930-%d", n+2)] {
		t.Errorf("%d distinct ids, want %d, up to same-1930-%d", len(ids), n+1, n+1)
	}
}

// TestLinksInOrder links many works to facts: the links come out in
// order of work, then of about.
func TestLinksInOrder(t *testing.T) {
	const n = 50_000
	facts := make([]Fact, 0, n)
	for i := range n {
		d, _ := ParseDate(fmt.Sprint(1000 + i%1000))
		f := Fact{ID: fmt.Sprintf("f%05d", i), Title: "Fact", Date: d}
		if i%7 == 0 {
			f.Kind = Historiography
			f.About = List(fmt.Sprintf("f%05d; f%05d", (i*31+1)%n, (i*17+3)%n))
		}
		facts = append(facts, f)
	}
	tl := NewTimeline("links", nil, facts...)
	var got, want []string
	for _, l := range tl.Links() {
		got = append(got, tl.Field(l.Work, FieldID)+">"+tl.Field(l.Studied, FieldID))
	}
	for i := range tl.Len() {
		for id := range List(tl.Field(i, FieldAbout)).All() {
			want = append(want, tl.Field(i, FieldID)+">"+id)
		}
	}
	if len(want) != 2*(n/7+1) || !slices.Equal(got, want) {
		t.Errorf("%d links, want %d; first differences:\n%s", len(got), len(want), firstDiff(got, want))
	}
}

func firstDiff(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("at %d: %q, want %q", i, got[i], want[i])
		}
	}
	return "one is a prefix of the other"
}

// TestIDIndexClash gives two ids the same hash, as a clash would: each
// still finds its own fact, and a second fact with either id is a
// duplicate of the first.
func TestIDIndexClash(t *testing.T) {
	tl := NewTimeline("clash", nil, Fact{ID: "a", Title: "A"}, Fact{ID: "b", Title: "B"}, Fact{ID: "a", Title: "A again"}, Fact{ID: "b", Title: "B again"})
	// Sorted by id: a, a, b, b.
	x := &idIndex{t: tl, newIndex: []int{0, 1, 2, 3}}
	var dups []string
	for i := range tl.Len() {
		id := tl.Field(i, FieldID)
		if first, taken := x.add(id, 42, i); taken {
			dups = append(dups, fmt.Sprintf("%s:%d<%d", id, i, first))
		}
	}
	if got := strings.Join(dups, " "); got != "a:1<0 b:3<2" {
		t.Errorf("duplicates %s", got)
	}
	for id, want := range map[string]int{"a": 0, "b": 2} {
		if i, ok := x.find(id, 42); !ok || i != want {
			t.Errorf("find(%q) = %d, %v; want %d", id, i, ok, want)
		}
	}
	if i, ok := x.find("c", 42); ok {
		t.Errorf("find(c) = %d, want none", i)
	}
}

// TestManyGroups checks that each fact keeps its own group, and groups
// come in order of first appearance.
func TestManyGroups(t *testing.T) {
	const fewGroups = 8
	var facts []Fact
	for i := range 3 * fewGroups {
		facts = append(facts, Fact{ID: fmt.Sprint("f", i), Title: "T", Group: fmt.Sprint("g", (i*5)%(2*fewGroups+1))})
	}
	tl := NewTimeline("groups", nil, facts...)
	for i := range tl.Len() {
		if got, want := tl.Groups()[tl.GroupOf(i)], tl.Fact(i).Group; got != want {
			t.Errorf("fact %s: group %q, want %q", tl.Fact(i).ID, got, want)
		}
	}
	var want []string
	for i := range 2*fewGroups + 1 {
		want = append(want, fmt.Sprint("g", (i*5)%(2*fewGroups+1)))
	}
	if !slices.Equal(tl.Groups(), want) {
		t.Errorf("groups %q\nwant   %q", tl.Groups(), want)
	}
}

// TestRange checks the span of a timeline whose dates are all BC, whose
// day numbers are all below zero.
func TestRange(t *testing.T) {
	var facts []Fact
	for _, text := range []string{"44 BC", "100–60 BC", ""} {
		d, err := ParseDate(text)
		if err != nil {
			t.Fatal(err)
		}
		facts = append(facts, Fact{Title: "T " + text, Date: d})
	}
	first, last, ok := NewTimeline("rome", nil, facts...).Range()
	if got := fmt.Sprint(first, " ", last, " ", ok); got != "-0099-01-01 -0043-12-31 true" {
		t.Errorf("Range() = %s, want -0099-01-01 -0043-12-31 true", got)
	}
	if _, _, ok := NewTimeline("none", nil, Fact{Title: "undated"}).Range(); ok {
		t.Error("Range() of undated facts is ok")
	}
}

// TestDeepTimeOrder sorts facts from the Big Bang to 1953, written in the
// wrong order, by their start.
func TestDeepTimeOrder(t *testing.T) {
	if bits.UintSize < 64 {
		t.Skip("a 32-bit int reaches five million years back")
	}
	bigBang := int64(-13_799_998_050)
	in := "title,date\n1953,5 March 1953\nStone tools,3.3 Ma\nEarth,4.54 Ga\nBig Bang,13.8 Ga\nChauvet,\"c. 36,000 BP\"\n"
	tl, problems, err := Read(strings.NewReader(in), "deep.csv", "deep")
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	var got []string
	for i := range tl.Len() {
		got = append(got, tl.Field(i, FieldTitle))
	}
	if want := []string{"Big Bang", "Earth", "Stone tools", "Chauvet", "1953"}; !slices.Equal(got, want) {
		t.Errorf("sorted %q, want %q", got, want)
	}
	first, last, _ := tl.Range()
	if first != (Day{int(bigBang), 1, 1}) || last != (Day{1953, 3, 5}) {
		t.Errorf("range %v – %v", first, last)
	}
}

func TestStartKey(t *testing.T) {
	days := []int64{-5_040_000_000_000, -5_039_999_000_000, -exactDays - 1<<15, -exactDays, -1, 0, 1, exactDays - 1, exactDays, exactDays + 1<<20}
	for i := 1; i < len(days); i++ {
		if a, b := startKey(days[i-1])^1<<31, startKey(days[i])^1<<31; a >= b {
			t.Errorf("startKey(%d) = %d, not below startKey(%d) = %d", days[i-1], a, days[i], b)
		}
	}
}
