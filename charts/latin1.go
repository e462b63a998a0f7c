package charts

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A page is Latin-1 text: every character past U+00FF in it is written as
// an escape, \u in its scripts and a character reference in its HTML.
//
// Chromium decodes each chunk of a page that holds a character past
// Latin-1 into text of two bytes a character, which it parses, and V8
// compiles and reads (the payload's JSON and base64 among it), more
// slowly than text of one byte. A few such characters are enough: the
// pinned ECharts, inlined in an offline page, holds 335 (its Chinese
// locale), and a page's caption two quotation marks, ahead of megabytes
// of payload. Offline pages of the shared harness's items, built before
// and with this, twelve loads of each alternated, medians: ready 808
// against 789 ms at 1,000 items, 863 against 863 ms at 10,000, 1303
// against 1206 ms at 100,000. In traces of three loads of each (those of
// 10,000 items in another run), the main thread worked 465 against 395
// ms until ready at 1,000 items, 463 against 370 at 10,000 and 933
// against 790 at 100,000, of which decoding the HTML 62 against 21, 69
// against 25 and 131 against 49 ms. Latin-1 stays one byte a character (a
// page escaped but for one é decoded in 52-67 ms against 40-47 escaped
// throughout), and stays as it is here. See docs/performance.md.
const latin1End = 0x100

// appendUEscapes appends r as JavaScript's \u escapes: two, a surrogate
// pair, past U+FFFF.
func appendUEscapes(b []byte, r rune) []byte {
	if r > 0xFFFF {
		r1, r2 := utf16.EncodeRune(r)
		return appendUEscape(appendUEscape(b, r1), r2)
	}
	return appendUEscape(b, r)
}

// appendUEscape appends one \u escape of the UTF-16 code unit u.
func appendUEscape(b []byte, u rune) []byte {
	return append(b, '\\', 'u', hexDigits[u>>12&0xF], hexDigits[u>>8&0xF], hexDigits[u>>4&0xF], hexDigits[u&0xF])
}

// scriptText gives the text of a script to place in a <script> element,
// "</script" escaped so that it cannot end the element early, and its
// characters past Latin-1 as jsEscapes writes them.
func scriptText(js []byte) string {
	return strings.ReplaceAll(jsEscapes(string(js)), "</script", `<\/script`)
}

// jsEscapes gives JavaScript with every character past Latin-1 written as
// a \u escape, and broken UTF-8 as \ufffd. The escapes mean the same only
// where JavaScript reads \u as the character it stands for: in strings,
// regular expressions and names. The scripts given here have such
// characters only in strings: the pinned ECharts (after CheckECharts) and
// go-echarts' option, whose strings are JSON.
func jsEscapes(js string) string {
	if firstPastLatin1(js) < 0 {
		return js
	}
	b := make([]byte, 0, len(js)+len(js)/64)
	for _, r := range js {
		if r < latin1End {
			b = utf8.AppendRune(b, r)
		} else {
			b = appendUEscapes(b, r)
		}
	}
	return string(b)
}

// firstPastLatin1 gives the first character past Latin-1 in s, broken
// UTF-8 reading as U+FFFD, or -1 if there is none.
func firstPastLatin1(s string) rune {
	for _, r := range s {
		if r >= latin1End {
			return r
		}
	}
	return -1
}

// latin1Writer writes HTML to w with every character past Latin-1 as a
// character reference. A character that one Write leaves unfinished waits
// for the next; flush writes it as it is.
type latin1Writer struct {
	w       io.Writer
	pending []byte
	buf     []byte
}

// leadPastLatin1 is the least first byte of a character past Latin-1 in
// UTF-8: the bytes below it are ASCII, Latin-1's characters and their
// second bytes.
const leadPastLatin1 = 0xC4

func (lw *latin1Writer) Write(p []byte) (int, error) {
	n := len(p)
	if len(lw.pending) > 0 {
		p = append(lw.pending, p...)
		lw.pending = nil
	}
	i := 0
	for i < len(p) && p[i] < leadPastLatin1 {
		i++
	}
	if i == len(p) {
		_, err := lw.w.Write(p)
		return n, err
	}
	b := append(lw.buf[:0], p[:i]...)
	for i < len(p) {
		c := p[i]
		if c < leadPastLatin1 {
			b = append(b, c)
			i++
			continue
		}
		if !utf8.FullRune(p[i:]) {
			lw.pending = append([]byte(nil), p[i:]...)
			break
		}
		r, size := utf8.DecodeRune(p[i:])
		b = append(strconv.AppendInt(append(b, "&#x"...), int64(r), 16), ';')
		i += size
	}
	lw.buf = b
	_, err := lw.w.Write(b)
	return n, err
}

// flush writes an unfinished character as it is.
func (lw *latin1Writer) flush() error {
	if len(lw.pending) == 0 {
		return nil
	}
	_, err := lw.w.Write(lw.pending)
	lw.pending = nil
	return err
}
