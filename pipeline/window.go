package pipeline

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// recentInput passes a reader's bytes on and keeps the last of them, so
// that the columns encoding/csv gives in bytes can be told in characters
// from the lines they are in: the fields of each row as it is read, and
// the place of a parse error.
type recentInput struct {
	r    io.Reader
	buf  []byte // the last bytes read
	base int64  // the offset in the input of buf[0]
	seen int    // line ends before buf[0]
	// line is the line of the input at next, where the next row starts:
	// 1 and 0 at first, as the header is a row too.
	line int
	next int64
}

// recentKeep is how much input recentInput keeps: far more than
// encoding/csv reads ahead of the row it is at.
const recentKeep = 256 << 10

func (w *recentInput) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	w.buf = append(w.buf, p[:n]...)
	if len(w.buf) > 2*recentKeep {
		drop := len(w.buf) - recentKeep
		w.seen += bytes.Count(w.buf[:drop], []byte{'\n'})
		w.base += int64(drop)
		w.buf = append(w.buf[:0], w.buf[drop:]...)
	}
	return n, err
}

// row turns the byte columns of a row's fields, which end at offset in
// the input, into character columns: pos holds each field's line and
// column. A row of ASCII, the common case, is left as it is; so is one
// the window no longer holds whole.
func (w *recentInput) row(offset int64, pos []int32) {
	from, to := w.next-w.base, offset-w.base
	firstLine := w.line
	w.next = offset
	if from < 0 || to > int64(len(w.buf)) || from > to {
		w.line += int(pos[len(pos)-2]) - firstLine + 1 // the last field's line, a guess that holds unless it spans lines
		return
	}
	raw := w.buf[from:to]
	w.line += bytes.Count(raw, []byte{'\n'})
	if plainASCII(raw) {
		return
	}
	// Fields come in order: count each line's characters once, from one
	// field to the next.
	line, start, byteCol, chars := -1, 0, 1, 0
	for k := 0; k < len(pos); k += 2 {
		if l := int(pos[k]) - firstLine; l != line {
			var ok bool
			if start, ok = lineStart(raw, l); !ok {
				continue
			}
			line, byteCol, chars = l, 1, 0
		}
		col := int(pos[k+1])
		if col < byteCol || start+col-1 > len(raw) {
			continue
		}
		chars += utf8.RuneCount(raw[start+byteCol-1 : start+col-1])
		byteCol = col
		pos[k+1] = int32(chars + 1)
	}
}

// lineStart gives where the n'th line of raw begins, from 0.
func lineStart(raw []byte, n int) (int, bool) {
	start := 0
	for range n {
		i := bytes.IndexByte(raw[start:], '\n')
		if i < 0 {
			return 0, false
		}
		start += i + 1
	}
	return start, n >= 0
}

// charColumn gives the column in characters of byte column col of line,
// both from 1, or col itself when the line is no longer kept whole: for a
// parse error, which is rare.
func (w *recentInput) charColumn(line, col int) int {
	start, ok := lineStart(w.buf, line-1-w.seen)
	if !ok || line-1-w.seen < 1 || col < 1 || col-1 > len(w.buf)-start {
		return col
	}
	return utf8.RuneCount(w.buf[start:start+col-1]) + 1
}
