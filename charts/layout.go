package charts

import (
	"strconv"

	"timeline/pipeline"
)

// Okabe–Ito colours, safe for colour-blind readers: blues and greens for
// history, oranges and reds for historiography.
var bandPalettes = [2][]string{
	{"#0072B2", "#009E73", "#56B4E9", "#CC79A7", "#000000"},
	{"#D55E00", "#E69F00", "#CC79A7", "#0072B2", "#000000"},
}

var bandNames = [2]string{"History", "Historiography"}

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
	lanes []lane
	bands [2]struct{ Row, Rows int }
	rows  int
	// Per dated fact, in t.Facts order (dated facts come first).
	lane, row []int
	dated     int
}

func newLayout(t *pipeline.Timeline) *layout {
	l := &layout{t: t, dated: t.Dated()}
	first, last, _ := t.Range()
	total := last.Number() - first.Number() + 1
	// Markers carry their label to the right; keep that space free of the
	// next marker on the same row.
	markerGap, periodGap := total*22/100, total/100

	type laneKey struct {
		band  int
		group string
	}
	// Number the lanes in order of first appearance, noting each fact's.
	keyNumber := map[laneKey]int{}
	var keys []laneKey
	factKey := make([]int, l.dated)
	for i := 0; i < l.dated; i++ {
		f := &t.Facts[i]
		k := laneKey{int(f.Kind), f.Group}
		n, ok := keyNumber[k]
		if !ok {
			n = len(keys)
			keyNumber[k] = n
			keys = append(keys, k)
		}
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
		for n, kn := range numbers {
			k := keys[kn]
			name := k.group
			if name == "" {
				name = bandNames[band]
			}
			if used[name] {
				name = bandNames[band] + ": " + name
			}
			used[name] = true
			laneOf[kn] = len(l.lanes)
			palette := bandPalettes[band]
			l.lanes = append(l.lanes, lane{Name: name, Band: band, Color: palette[n%len(palette)]})
		}
	}

	// Greedy interval packing, in start order, within each lane.
	rowEnds := make([][]int64, len(l.lanes))
	l.lane = make([]int, l.dated)
	l.row = make([]int, l.dated)
	for i := 0; i < l.dated; i++ {
		f := &t.Facts[i]
		li := laneOf[factKey[i]]
		start, end := f.Date.Start.Number(), f.Date.End.Number()
		if f.Date.OpenEnd {
			end = last.Number()
		}
		if f.Date.IsPeriod() {
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

// laneNames lists the lanes' names, in order, for the legend.
func (l *layout) laneNames() []string {
	names := make([]string, len(l.lanes))
	for i, ln := range l.lanes {
		names[i] = ln.Name
	}
	return names
}

// Fact flags in the page's payload.
const (
	flagPeriod = 1 << iota
	flagApproximate
	flagUncertain
	flagCoarse // decade or century: the ends are not known to the year
	flagOpenEnd
	flagHistoriography
)

func factFlags(f *pipeline.Fact) int {
	d := f.Date
	fl := 0
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
	if f.Kind == pipeline.Historiography {
		fl |= flagHistoriography
	}
	return fl
}

// payload writes the data the page's script draws and lists, as one
// compact JSON object of columns. The text columns have an entry per fact,
// dated ones first; lane, row, s and e only for the n dated facts. Days are
// day numbers from 1970-01-01. Every string goes through appendJSONString.
func (l *layout) payload(view pipeline.Span) []byte {
	t := l.t
	facts := t.Facts
	b := make([]byte, 0, 256*len(facts)+1024)
	b = append(b, `{"name":`...)
	b = appendJSONString(b, t.Name)
	b = append(b, `,"rows":`...)
	b = strconv.AppendInt(b, int64(l.rows), 10)
	b = append(b, `,"n":`...)
	b = strconv.AppendInt(b, int64(l.dated), 10)
	if view.Start != (pipeline.Day{}) {
		// The first view, as days: [start, end].
		b = append(b, `,"view":[`...)
		b = strconv.AppendInt(b, view.Start.Number(), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, view.End.Number(), 10)
		b = append(b, ']')
	}
	b = append(b, `,"lanes":[`...)
	for i, ln := range l.lanes {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = appendJSONString(b, ln.Name)
		b = append(b, `,"band":`...)
		b = strconv.AppendInt(b, int64(ln.Band), 10)
		b = append(b, `,"row":`...)
		b = strconv.AppendInt(b, int64(ln.Row), 10)
		b = append(b, `,"rows":`...)
		b = strconv.AppendInt(b, int64(ln.Rows), 10)
		b = append(b, `,"color":`...)
		b = appendJSONString(b, ln.Color)
		b = append(b, '}')
	}
	b = append(b, `],"bands":[`...)
	for i, band := range l.bands {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"name":`...)
		b = appendJSONString(b, bandNames[i])
		b = append(b, `,"row":`...)
		b = strconv.AppendInt(b, int64(band.Row), 10)
		b = append(b, `,"rows":`...)
		b = strconv.AppendInt(b, int64(band.Rows), 10)
		b = append(b, '}')
	}
	b = append(b, ']')

	ints := func(key string, n int, v func(i int) int64) {
		b = append(b, `,"`+key+`":[`...)
		for i := range n {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, v(i), 10)
		}
		b = append(b, ']')
	}
	strs := func(key string, v func(f *pipeline.Fact) string) {
		b = append(b, `,"`+key+`":[`...)
		for i := range facts {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, v(&facts[i]))
		}
		b = append(b, ']')
	}
	ints("lane", l.dated, func(i int) int64 { return int64(l.lane[i]) })
	ints("row", l.dated, func(i int) int64 { return int64(l.row[i]) })
	ints("s", l.dated, func(i int) int64 { return facts[i].Date.Start.Number() })
	ints("e", l.dated, func(i int) int64 {
		if facts[i].Date.OpenEnd {
			return facts[i].Date.Start.Number()
		}
		return facts[i].Date.End.Number()
	})
	ints("fl", len(facts), func(i int) int64 { return int64(factFlags(&facts[i])) })
	strs("id", func(f *pipeline.Fact) string { return f.ID })
	strs("title", func(f *pipeline.Fact) string { return f.Title })
	strs("date", func(f *pipeline.Fact) string { return f.Date.Text })
	strs("desc", func(f *pipeline.Fact) string { return f.Description })
	strs("au", func(f *pipeline.Fact) string { return pipeline.JoinList(f.Authors) })
	strs("pub", func(f *pipeline.Fact) string { return f.PublishedIn })
	strs("src", func(f *pipeline.Fact) string { return f.Source })
	strs("url", func(f *pipeline.Fact) string { return f.URL })
	strs("tags", func(f *pipeline.Fact) string { return pipeline.JoinList(f.Tags) })
	strs("grp", func(f *pipeline.Fact) string { return f.Group })
	strs("ab", func(f *pipeline.Fact) string { return pipeline.JoinList(f.About) })
	b = append(b, `,"xn":[`...)
	for i, name := range t.ExtraColumns {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, name)
	}
	b = append(b, `],"xv":[`...)
	for c := range t.ExtraColumns {
		if c > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for i := range facts {
			if i > 0 {
				b = append(b, ',')
			}
			v := ""
			if c < len(facts[i].Extra) {
				v = facts[i].Extra[c]
			}
			b = appendJSONString(b, v)
		}
		b = append(b, ']')
	}
	b = append(b, `],"links":[`...)
	for i, pair := range l.links() {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, int64(pair[0]), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(pair[1]), 10)
	}
	return append(b, "]}"...)
}

// links pairs each dated work with each dated fact it studies, as indexes
// into the dated facts.
func (l *layout) links() [][2]int {
	byID := make(map[string]int, l.dated)
	for i := 0; i < l.dated; i++ {
		byID[l.t.Facts[i].ID] = i
	}
	var pairs [][2]int
	for i := 0; i < l.dated; i++ {
		for _, id := range l.t.Facts[i].About {
			if j, ok := byID[id]; ok {
				pairs = append(pairs, [2]int{i, j})
			}
		}
	}
	return pairs
}
