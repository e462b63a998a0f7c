package pipeline

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/gocarina/gocsv"

	"timeline/internal/schema"
)

// InputColumns are the columns WriteFacts writes besides those every
// input has: optional columns of the schema, by name, and extra columns,
// whose values are each fact's Extra, in order.
type InputColumns struct {
	Optional []string
	Extra    []string
}

// WriteFacts writes facts as a teacher's input file: the columns that are
// read, in the schema's order, the optional ones only when cols names
// them, then cols' extra columns; with dates as written and ids as given.
// "timeline gen" writes its synthetic facts with it, and "timeline
// import" what it converts.
func WriteFacts(w io.Writer, facts iter.Seq[Fact], cols InputColumns) error {
	cw := &inputWriter{csv: csv.NewWriter(w), header: cols.Extra, width: len(cols.Extra)}
	optional := map[string]bool{}
	for _, name := range cols.Optional {
		optional[name] = true
	}
	for i, c := range schema.Columns {
		if c.Value != schema.Derived && (!c.Optional || optional[c.Name]) {
			cw.columns = append(cw.columns, i)
			delete(optional, c.Name)
		}
	}
	for name := range optional {
		return fmt.Errorf("no optional column %q", name)
	}
	rows := make(chan any, 1024)
	// Each row's extra values go ahead of it, for the writer to add.
	cw.extra = make(chan []string, cap(rows)+2)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(rows)
		for f := range facts {
			r := &record{Kind: f.Kind.String()}
			for field, v := range f.texts(f.ID) {
				*recordValue[fieldColumn[field]](r) = v
			}
			select {
			case cw.extra <- f.Extra:
			case <-done:
				return
			}
			select {
			case rows <- r:
			case <-done:
				return
			}
		}
	}()
	// The header, then the rows as they come.
	if err := gocsv.MarshalCSV([]record{}, cw); err != nil {
		return err
	}
	cw.headerDone = true
	// gocsv reports a channel closed before its first row: no fact at all.
	if err := gocsv.MarshalChanWithoutHeaders(rows, cw); err != nil && !errors.Is(err, gocsv.ErrChannelIsClosed) {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// inputWriter keeps the input columns of gocsv's rows, and adds the
// extra columns: their names to the header, each row's values to it.
type inputWriter struct {
	csv        *csv.Writer
	columns    []int
	header     []string      // the extra columns' names
	headerDone bool          // the header is written
	width      int           // how many extra columns there are
	extra      chan []string // each row's extra values, in order
	buf        []string
}

func (w *inputWriter) Write(fields []string) error {
	w.buf = w.buf[:0]
	for _, c := range w.columns {
		w.buf = append(w.buf, fields[c])
	}
	if !w.headerDone {
		w.buf = append(w.buf, w.header...)
	} else {
		extra := <-w.extra
		n := len(w.buf)
		w.buf = append(w.buf, extra[:min(len(extra), w.width)]...)
		for len(w.buf) < n+w.width {
			w.buf = append(w.buf, "")
		}
	}
	return w.csv.Write(w.buf)
}

func (w *inputWriter) Flush()       { w.csv.Flush() }
func (w *inputWriter) Error() error { return w.csv.Error() }
