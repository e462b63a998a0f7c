package pipeline

import (
	"bufio"
	"encoding/csv"
	"io"

	"github.com/gocarina/gocsv"

	"timeline/internal/schema"
)

// WriteCSV writes the normalised CSV of t: the schema's columns in their
// fixed order, then t's extra columns in input order.
//
// It marshals on the calling goroutine alone. A build writes the pages
// beside it, on the other core of a two-core machine, and marshalling on
// two goroutines there made the build slower: the 1,000,000-fact build of
// timeline gen, five alternated runs, medians 3.35 s with two goroutines
// and 3.21 s with one. Alone, as in BenchmarkWrite, two were faster
// (0.58 s against 0.96 s at 1,000,000 facts), but a build never writes
// the CSV alone.
func WriteCSV(w io.Writer, t *Timeline) error {
	// csv.Writer writes through this buffer, not one of its own.
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := t.marshalRows(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// chunkRows is scratch space for marshalling rows. gocsv is given its rows
// as an array value, not a slice: it reads the fields of an array value's
// elements without copying each into an interface, which costs an
// allocation per field for a slice's elements. Passing the array copies it
// instead, so the array is small enough for the copy to stay in cache
// (measured, BenchmarkWrite at 1,000,000 facts: 1.9 s with slices, 1.3 s
// with arrays).
type chunkRows struct {
	rows [rowsPerMarshal]record
	days []byte                   // the rows' start and end days, one after another
	cuts [rowsPerMarshal][2]int32 // where each row's end day begins and ends in days; its start ends where its end begins
}

// rowsPerMarshal is how many rows go to gocsv at a time.
const rowsPerMarshal = 64

// marshalRows writes the header and every fact's row to w through gocsv.
func (t *Timeline) marshalRows(w io.Writer) error {
	rows := new(chunkRows)
	out := &extraColumnsWriter{csv: csv.NewWriter(w), t: t, header: true, written: t.writtenColumns()}
	from, to := 0, t.Len()
	for {
		n := min(rowsPerMarshal, to-from)
		days := rows.days[:0]
		for k := range n {
			var split int
			rows.rows[k], days, split = t.record(from+k, days)
			rows.cuts[k] = [2]int32{int32(split), int32(len(days))}
		}
		all := string(days) // one allocation for the rows' days
		at := int32(0)
		for k, cut := range rows.cuts[:n] {
			rows.rows[k].Start, rows.rows[k].End = all[at:cut[0]], all[cut[0]:cut[1]]
			at = cut[1]
		}
		rows.days = days
		marshal := gocsv.MarshalCSVWithoutHeaders
		if out.header {
			marshal = gocsv.MarshalCSV
		}
		var err error
		if n == rowsPerMarshal {
			err = marshal(rows.rows, out)
		} else {
			err = marshal(rows.rows[:n], out) // the last rows, fewer
		}
		if err != nil {
			return err
		}
		if from += n; from >= to {
			return nil
		}
	}
}

// extraColumnsWriter receives gocsv's rows, keeps the columns the
// timeline has, and appends its extra columns to each.
type extraColumnsWriter struct {
	csv     *csv.Writer
	t       *Timeline
	header  bool  // the next row is the header
	next    int   // the fact of the next row that is not the header
	written []int // the columns of gocsv's rows to write, or nil for all
	buf     []string
}

// Write writes one row from gocsv, with the extra columns appended.
func (w *extraColumnsWriter) Write(fields []string) error {
	if w.written == nil {
		w.buf = append(w.buf[:0], fields...)
	} else {
		w.buf = w.buf[:0]
		for _, c := range w.written {
			w.buf = append(w.buf, fields[c])
		}
	}
	if w.header {
		w.buf = append(w.buf, w.t.ExtraColumns...)
		w.header = false
	} else {
		for c := range w.t.ExtraColumns {
			w.buf = append(w.buf, w.t.Extra(w.next, c))
		}
		w.next++
	}
	return w.csv.Write(w.buf)
}

// Flush flushes the CSV writer.
func (w *extraColumnsWriter) Flush() { w.csv.Flush() }

// Error reports an error of an earlier Write or Flush.
func (w *extraColumnsWriter) Error() error { return w.csv.Error() }

// writtenColumns gives the indexes in schema.Columns of the columns the
// normalised CSV of t has, or nil when it has them all.
func (t *Timeline) writtenColumns() []int {
	var cols []int
	all := true
	for i := range schema.Columns {
		if t.HasColumn(i) {
			cols = append(cols, i)
		} else {
			all = false
		}
	}
	if all {
		return nil
	}
	return cols
}
