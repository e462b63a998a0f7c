package charts

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"timeline/internal/locale"
	"timeline/internal/schema"
	"timeline/pipeline"
)

// Okabe–Ito's eight colours (Okabe and Ito, "Color Universal Design",
// 2008), safe for colour-blind readers: history's lanes take blues and
// greens first, historiography's oranges and reds, and then the rest, so
// that eight lanes of a band differ before a colour comes again.
var bandPalettes = [2][]string{
	{"#0072B2", "#009E73", "#56B4E9", "#CC79A7", "#000000", "#E69F00", "#D55E00", "#F0E442"},
	{"#D55E00", "#E69F00", "#CC79A7", "#0072B2", "#000000", "#009E73", "#56B4E9", "#F0E442"},
}

// bandWords are the catalogue's names of the two bands.
var bandWords = [2]string{"History", "Historiography"}

// maxRowsPerLane bounds how many rows overlapping facts stack into within
// one lane; past it they share rows.
const maxRowsPerLane = 12

// lane is one sub-lane: the facts of one kind and group.
type lane struct {
	Name  string
	Band  int // 0 history, 1 historiography
	Row   int // first row
	Rows  int
	Color string
}

// layout places every dated fact of a timeline on a row of a lane. It is
// computed in Go so that the same input always gives the same page.
type layout struct {
	t     *pipeline.Timeline
	loc   *locale.Locale // the lesson's language
	lanes []lane
	bands [2]struct{ Row, Rows int }
	rows  int
	// Per dated fact, in the timeline's order (dated facts come first).
	lane, row []int
	dated     int
	flags     []uint8 // per fact, its payload flags
}

func newLayout(t *pipeline.Timeline, loc *locale.Locale) *layout {
	l := &layout{t: t, loc: loc, dated: t.Dated()}
	first, last, _ := t.Range()
	total := last.Number() - first.Number() + 1
	// Markers carry their label to the right; keep that space free of the
	// next marker on the same row.
	markerGap, periodGap := total*22/100, total/100

	type laneKey struct{ band, group int }
	// Number the lanes in order of first appearance, noting each fact's.
	groups := t.Groups()
	keyNumber := make([]int, 2*len(groups)) // by 2*group + band, 1 more than the number
	var keys []laneKey
	var keyCount []int // facts per key
	factKey := make([]int, l.dated)
	l.flags = make([]uint8, t.Len())
	for i := range t.Len() {
		kind := t.Kind(i)
		l.flags[i] = factFlags(kind, t.Date(i))
		if i >= l.dated {
			continue
		}
		k := laneKey{int(kind), t.GroupOf(i)}
		n := keyNumber[2*k.group+k.band] - 1
		if n < 0 {
			n = len(keys)
			keyNumber[2*k.group+k.band] = n + 1
			keys = append(keys, k)
			keyCount = append(keyCount, 0)
		}
		keyCount[n]++
		factKey[i] = n
	}
	// History lanes come first, then historiography.
	var order [2][]int
	for n, k := range keys {
		order[k.band] = append(order[k.band], n)
	}
	laneOf := make([]int, len(keys))
	used := map[string]bool{}
	for band, numbers := range order {
		numbers, others := largestLanes(numbers, keyCount)
		for n, kn := range numbers {
			k := keys[kn]
			name := groups[k.group]
			if name == "" {
				name = l.bandName(band)
			}
			if used[name] {
				name = l.bandName(band) + ": " + name
			}
			used[name] = true
			laneOf[kn] = len(l.lanes)
			palette := bandPalettes[band]
			l.lanes = append(l.lanes, lane{Name: name, Band: band, Color: palette[n%len(palette)]})
		}
		if len(others) > 0 {
			for _, kn := range others {
				laneOf[kn] = len(l.lanes)
			}
			l.lanes = append(l.lanes, lane{Name: loc.Text("OtherGroups", map[string]any{"Band": l.bandName(band)}), Band: band, Color: otherLaneColor})
		}
	}

	// Greedy interval packing, in start order, within each lane.
	rowEnds := make([][]int64, len(l.lanes))
	l.lane = make([]int, l.dated)
	l.row = make([]int, l.dated)
	for i := 0; i < l.dated; i++ {
		li := laneOf[factKey[i]]
		start, end := t.Days(i)
		if l.flags[i]&flagOpenEnd != 0 {
			end = last.Number()
		}
		if l.flags[i]&flagOpenStart != 0 {
			start = first.Number()
		}
		if l.flags[i]&flagPeriod != 0 {
			end += periodGap
		} else {
			start = (start + end) >> 1
			end = start + markerGap
		}
		ends := rowEnds[li]
		r := -1
		for j, e := range ends {
			if e < start {
				r = j
				break
			}
		}
		if r < 0 && len(ends) < maxRowsPerLane {
			r = len(ends)
			ends = append(ends, 0)
		}
		if r < 0 { // full: share the row that frees up first
			r = 0
			for j, e := range ends {
				if e < ends[r] {
					r = j
				}
			}
		}
		ends[r] = end
		rowEnds[li] = ends
		l.lane[i], l.row[i] = li, r
	}
	for i := range l.lanes {
		ln := &l.lanes[i]
		ln.Row, ln.Rows = l.rows, max(1, len(rowEnds[i]))
		l.rows += ln.Rows
		b := &l.bands[ln.Band]
		if b.Rows == 0 {
			b.Row = ln.Row
		}
		b.Rows += ln.Rows
	}
	for i := range l.row {
		l.row[i] += l.lanes[l.lane[i]].Row
	}
	return l
}

// maxLanesPerBand is how many lanes a band draws. Past it, the largest
// groups keep their lanes and the others share one, "other groups": a page
// of thousands of lanes is neither readable nor quick to draw. Each fact's
// group is still in its tooltip and the table.
const maxLanesPerBand = 20

// otherLaneColor is the colour of a band's lane of other groups.
const otherLaneColor = "#777777"

// largestLanes splits a band's lane keys, numbered in order of first
// appearance, into those that keep a lane of their own, in that order,
// and the others, when there are more than maxLanesPerBand: the groups
// with the most facts keep theirs, the first to appear among equals.
func largestLanes(numbers, count []int) (own, others []int) {
	if len(numbers) <= maxLanesPerBand {
		return numbers, nil
	}
	byCount := slices.Clone(numbers)
	slices.SortStableFunc(byCount, func(a, b int) int { return cmp.Compare(count[b], count[a]) })
	keep := make(map[int]bool, maxLanesPerBand-1)
	for _, kn := range byCount[:maxLanesPerBand-1] {
		keep[kn] = true
	}
	for _, kn := range numbers {
		if keep[kn] {
			own = append(own, kn)
		} else {
			others = append(others, kn)
		}
	}
	return own, others
}

// bandName names band 0, history, or 1, historiography, in the lesson's
// language.
func (l *layout) bandName(band int) string { return l.loc.Word(bandWords[band]) }

// laneNames lists the lanes' names, in order, for the legend.
func (l *layout) laneNames() []string {
	names := make([]string, len(l.lanes))
	for i, ln := range l.lanes {
		names[i] = ln.Name
	}
	return names
}

// Limits of the page script, which it reads from the payload's k.
const (
	// largeFacts: past it, a page draws each lane in ECharts' large mode.
	largeFacts = 3000
	// labelFacts: in large mode, labels and links appear once a zoom shows
	// at most this many facts.
	labelFacts = 400
)

// scriptConstants is the payload's k: the fact flags and the limits, so
// that the script and Go use the same.
var scriptConstants = fmt.Sprintf(`{"period":%d,"approx":%d,"uncertain":%d,"coarse":%d,"open":%d,"work":%d,"openstart":%d,"large":%d,"labels":%d,"page":%d,"img":%s}`,
	flagPeriod, flagApproximate, flagUncertain, flagCoarse, flagOpenEnd, flagHistoriography, flagOpenStart, largeFacts, labelFacts, tablePage,
	must(json.Marshal(imageExtensions)))

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err) // marshals a fixed list of strings: cannot fail
	}
	return b
}

// Fact flags in the page's payload.
const (
	flagPeriod = 1 << iota
	flagApproximate
	flagUncertain
	flagCoarse // decade or century: the ends are not known to the year
	flagOpenEnd
	flagHistoriography
	flagOpenStart
)

func factFlags(kind pipeline.Kind, d pipeline.Date) uint8 {
	var fl uint8
	if d.IsPeriod() {
		fl |= flagPeriod
	}
	if d.Approximate {
		fl |= flagApproximate
	}
	if d.Uncertain {
		fl |= flagUncertain
	}
	if d.Precision >= pipeline.PrecisionDecade {
		fl |= flagCoarse
	}
	if d.OpenEnd {
		fl |= flagOpenEnd
	}
	if d.OpenStart {
		fl |= flagOpenStart
	}
	if kind == pipeline.Historiography {
		fl |= flagHistoriography
	}
	return fl
}

// payloadChunk is how many facts' texts one chunk of the payload holds.
const payloadChunk = 4096

// payloadColumn is a text column of the payload.
type payloadColumn struct {
	key   string
	field pipeline.Field
}

// textColumns gives the payload's text columns: those of the schema with
// a payload key, that t has.
func textColumns(t *pipeline.Timeline) []payloadColumn {
	var cols []payloadColumn
	for i, c := range schema.Columns {
		if f, ok := pipeline.FieldOf(i); ok && c.Payload != "" && t.HasColumn(i) {
			cols = append(cols, payloadColumn{c.Payload, f})
		}
	}
	return cols
}

// tooltipRows gives the rows of a fact's tooltip that t has, from the
// schema: each its label and its payload key; "range" is the fact's range.
func tooltipRows(t *pipeline.Timeline, loc *locale.Locale) [][2]string {
	var rows [][2]string
	for i, c := range schema.Columns {
		if c.Label == "" || !t.HasColumn(i) {
			continue
		}
		label := loc.Word(fieldWord(c.Label))
		if c.Value == schema.Derived {
			rows = append(rows, [2]string{label, "range"})
		} else {
			rows = append(rows, [2]string{label, c.Payload})
		}
	}
	return rows
}

// fieldWord is the catalogue's id of a tooltip label: "Field.Published in".
func fieldWord(label string) string { return "Field." + label }

// writePayload writes the data the page's script draws and lists, as one
// compact JSON object of columns. lane, row, s and e hold the n dated
// facts, fl every fact, dated ones first. The text columns, named in
// texts, and xv for the extra columns, come in chunks of payloadChunk
// facts, which the script joins; given textsTo, the chunks are written there,
// as a JSON array, and the payload's chunks is null. Days are day numbers
// from 1970-01-01. Every string goes through appendJSONString.
func (l *layout) writePayload(w, textsTo *bufio.Writer, view pipeline.Span) error {
	t := l.t
	n := t.Len()
	// Each value is appended to the writer's free buffer, then written.
	put := func(f func(b []byte) []byte) { w.Write(f(w.AvailableBuffer())) }
	str := func(s string) { put(func(b []byte) []byte { return appendJSONString(b, s) }) }
	num := func(v int64) { put(func(b []byte) []byte { return strconv.AppendInt(b, v, 10) }) }
	// list writes n items as a JSON array. It stops early once the writer
	// has failed, as it does when a build is cancelled: what is left would
	// only be thrown away.
	list := func(n int, item func(i int)) {
		w.WriteByte('[')
		for i := range n {
			if i%1024 == 0 {
				if _, err := w.Write(nil); err != nil {
					return
				}
			}
			if i > 0 {
				w.WriteByte(',')
			}
			item(i)
		}
		w.WriteByte(']')
	}
	key := func(k string) { w.WriteString(`,"` + k + `":`) }

	w.WriteString(`{"name":`)
	str(t.Name)
	key("k")
	w.WriteString(scriptConstants)
	key("rows")
	num(int64(l.rows))
	key("n")
	num(int64(l.dated))
	if view.Start != (pipeline.Day{}) {
		// The first view, as days: [start, end].
		key("view")
		list(2, func(i int) { num([2]int64{view.Start.Number(), view.End.Number()}[i]) })
	}
	key("lanes")
	list(len(l.lanes), func(i int) {
		ln := l.lanes[i]
		w.WriteString(`{"name":`)
		str(ln.Name)
		key("band")
		num(int64(ln.Band))
		key("row")
		num(int64(ln.Row))
		key("rows")
		num(int64(ln.Rows))
		key("color")
		str(ln.Color)
		w.WriteByte('}')
	})
	key("bands")
	list(len(l.bands), func(i int) {
		w.WriteString(`{"name":`)
		str(l.bandName(i))
		key("row")
		num(int64(l.bands[i].Row))
		key("rows")
		num(int64(l.bands[i].Rows))
		w.WriteByte('}')
	})
	ints := func(k string, n int, v func(i int) int64) {
		key(k)
		list(n, func(i int) { num(v(i)) })
	}
	ints("lane", l.dated, func(i int) int64 { return int64(l.lane[i]) })
	ints("row", l.dated, func(i int) int64 { return int64(l.row[i]) })
	ints("s", l.dated, func(i int) int64 { s, _ := t.Days(i); return s })
	ints("e", l.dated, func(i int) int64 { _, e := t.Days(i); return e })
	ints("fl", n, func(i int) int64 { return int64(l.flags[i]) })
	key("xn")
	list(len(t.ExtraColumns), func(c int) { str(t.ExtraColumns[c]) })
	// The table's headings, and the tooltip's rows, from the schema.
	heads := tableHeadings(t)
	key("heads")
	list(len(heads), func(i int) { str(heads[i]) })
	tips := tooltipRows(t, l.loc)
	key("tip")
	list(len(tips), func(i int) {
		list(2, func(k int) { str(tips[i][k]) })
	})
	key("loc")
	w.WriteString(jsEscapes(string(localeJSON(l.loc)))) // in Latin-1, as the page is
	key("texts")
	texts := textColumns(t)
	list(len(texts), func(c int) { str(texts[c].key) })
	// The text columns come in chunks of facts: writing one chunk's
	// columns reads the texts of the same few facts, which stay in cache.
	// With texts, the chunks go there, and the payload's chunks is null.
	key("chunks")
	payload := w
	if textsTo != nil {
		w.WriteString("null")
		w = textsTo
	}
	list((n+payloadChunk-1)/payloadChunk, func(c int) {
		from := c * payloadChunk
		to := min(n, from+payloadChunk)
		w.WriteByte('{')
		for j, col := range texts {
			if j > 0 {
				w.WriteByte(',')
			}
			w.WriteString(`"` + col.key + `":`)
			list(to-from, func(i int) { str(t.Field(from+i, col.field)) })
		}
		key("xv")
		list(len(t.ExtraColumns), func(x int) {
			list(to-from, func(i int) { str(t.Extra(from+i, x)) })
		})
		w.WriteByte('}')
	})
	w = payload
	// Links with an undated end are not drawn.
	key("links")
	w.WriteByte('[')
	first := true
	for _, link := range t.Links() {
		if link.Work >= l.dated || link.Studied >= l.dated {
			continue
		}
		if !first {
			w.WriteByte(',')
		}
		first = false
		num(int64(link.Work))
		w.WriteByte(',')
		num(int64(link.Studied))
	}
	_, err := w.WriteString("]}")
	return err
}
