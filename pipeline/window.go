package pipeline

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// recentInput passes a reader's bytes on and keeps the last of them, so
// that the column of a CSV parse error, which encoding/csv counts in
// bytes, can be told in characters from the line it is in.
type recentInput struct {
	r    io.Reader
	buf  []byte // the last bytes read
	seen int    // line ends before buf[0]
}

// recentKeep is how much input recentInput keeps: far more than
// encoding/csv reads ahead of the line it is at.
const recentKeep = 256 << 10

func (w *recentInput) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	w.buf = append(w.buf, p[:n]...)
	if len(w.buf) > 2*recentKeep {
		drop := len(w.buf) - recentKeep
		w.seen += bytes.Count(w.buf[:drop], []byte{'\n'})
		w.buf = append(w.buf[:0], w.buf[drop:]...)
	}
	return n, err
}

// charColumn gives the column in characters of byte column col of line,
// both from 1, or col itself when the line is no longer kept whole.
func (w *recentInput) charColumn(line, col int) int {
	k := line - 1 - w.seen // line ends in buf before the line
	if k < 1 || col < 1 {
		return col
	}
	start := 0
	for range k {
		i := bytes.IndexByte(w.buf[start:], '\n')
		if i < 0 {
			return col
		}
		start += i + 1
	}
	rest := w.buf[start:]
	if col-1 > len(rest) {
		return col
	}
	return utf8.RuneCount(rest[:col-1]) + 1
}
