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
	if len(t.Facts) == 0 { // gocsv's MarshalChan cannot write a header alone
		if err := gocsv.MarshalCSV([]record{}, out); err != nil {
			return err
		}
		return bw.Flush()
	}
	rows := make(chan any, 256)
	go func() {
		defer close(rows)
		for i := range t.Facts {
			rows <- toRecord(&t.Facts[i])
		}
	}()
	if err := gocsv.MarshalChan(rows, out); err != nil {
		for range rows { // let the sender finish
		}
		return err
	}
	return bw.Flush()
}

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
		extra := w.t.Facts[w.row-1].Extra
		w.buf = append(w.buf, extra...)
		for range len(w.t.ExtraColumns) - len(extra) {
			w.buf = append(w.buf, "")
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
