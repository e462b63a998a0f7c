package pipeline

import (
	"encoding/csv"
	"errors"
	"io"
	"iter"

	"github.com/gocarina/gocsv"

	"timeline/internal/schema"
)

// WriteFacts writes facts as a teacher's input file: the columns that are
// read but the optional ones, in the schema's order, with dates as written
// and ids as given. "timeline gen" writes its synthetic facts with it.
func WriteFacts(w io.Writer, facts iter.Seq[Fact]) error {
	rows := make(chan any, 1024)
	cw := &inputWriter{csv: csv.NewWriter(w)}
	for i, c := range schema.Columns {
		if c.Value != schema.Derived && !c.Optional {
			cw.columns = append(cw.columns, i)
		}
	}
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
	// gocsv reports a channel closed before its first row: no fact at all.
	if err := gocsv.MarshalChanWithoutHeaders(rows, cw); err != nil && !errors.Is(err, gocsv.ErrChannelIsClosed) {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// inputWriter keeps the input columns of gocsv's rows.
type inputWriter struct {
	csv     *csv.Writer
	columns []int
	buf     []string
}

func (w *inputWriter) Write(fields []string) error {
	w.buf = w.buf[:0]
	for _, c := range w.columns {
		w.buf = append(w.buf, fields[c])
	}
	return w.csv.Write(w.buf)
}

func (w *inputWriter) Flush()       { w.csv.Flush() }
func (w *inputWriter) Error() error { return w.csv.Error() }
