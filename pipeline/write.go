package pipeline

import (
	"bufio"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"

	"github.com/gocarina/gocsv"
)

// WriteCSV writes the normalised CSV of t: the schema's columns in their
// fixed order, then t's extra columns in input order.
func WriteCSV(w io.Writer, t *Timeline) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	out := &extraColumnsWriter{csv: csv.NewWriter(bw), t: t}
	// gocsv marshals a slice at a time: the rows go in batches, the first
	// with the header.
	batch := make([]record, 0, min(t.Len(), writeBatch))
	for i := 0; ; i++ {
		if i == t.Len() || len(batch) == writeBatch {
			marshal := gocsv.MarshalCSVWithoutHeaders
			if out.row == 0 {
				marshal = gocsv.MarshalCSV
			}
			if err := marshal(batch, out); err != nil {
				return err
			}
			batch = batch[:0]
		}
		if i == t.Len() {
			break
		}
		batch = append(batch, t.record(i))
	}
	return bw.Flush()
}

// writeBatch is how many rows WriteCSV gives gocsv at a time.
const writeBatch = 1024

// extraColumnsWriter receives gocsv's rows, header first, and appends the
// timeline's extra columns to each.
type extraColumnsWriter struct {
	csv *csv.Writer
	t   *Timeline
	row int // rows written, header included
	buf []string
}

// Write writes one row from gocsv, with the extra columns appended.
func (w *extraColumnsWriter) Write(fields []string) error {
	w.buf = append(w.buf[:0], fields...)
	if w.row == 0 {
		w.buf = append(w.buf, w.t.ExtraColumns...)
	} else {
		for c := range w.t.ExtraColumns {
			w.buf = append(w.buf, w.t.Extra(w.row-1, c))
		}
	}
	w.row++
	return w.csv.Write(w.buf)
}

// Flush flushes the CSV writer.
func (w *extraColumnsWriter) Flush() { w.csv.Flush() }

// Error reports an error of an earlier Write or Flush.
func (w *extraColumnsWriter) Error() error { return w.csv.Error() }

// WriteFileAtomic writes a file through write, into a temporary file in the
// same directory that is renamed into place only once write has succeeded:
// readers never see a half-written file.
func WriteFileAtomic(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
