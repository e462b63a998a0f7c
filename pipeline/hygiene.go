package pipeline

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Characters that no one types into a spreadsheet, but that a copy from a
// PDF, a web page or another program can bring along unseen:
//
//   - NUL (U+0000) is an error: many programs cut a text short at it.
//   - The other C0 control characters (U+0001 to U+001F, but for tab, line
//     feed and carriage return) are warnings: they show as nothing, or as
//     boxes.
//   - The bidirectional embeddings, overrides and isolates (U+202A to
//     U+202E, U+2066 to U+2069) are warnings: they make text display in
//     another order than it is stored, and can hide what a cell says. The
//     marks LRM, RLM and ALM are not: Arabic and Hebrew text needs them.

// MaxGroups is how many distinct groups a file may have before Read warns
// that its page will be hard to read.
const MaxGroups = 200

// hasOddByte reports whether s holds a control character that oddRune
// reports: a byte below 0x20 but tab, LF and CR, or the UTF-8 of a
// bidirectional embedding, override or isolate (E2 80 AA–AE, E2 81 A6–A9).
// It looks at eight bytes at a time, so that the common, clean text costs
// little: one of the link phase's tricks, measured with them (see
// link.go). Dashes and quotes, which start with E2 too, are not odd.
func hasOddByte(s string) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
		e2    = 0xE2E2E2E2E2E2E2E2
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load64(s[i:])
		// A byte below 0x20, or one equal to 0xE2.
		below := (x - 0x20*ones) &^ x & highs
		y := x ^ e2
		zero := (y - ones) &^ y & highs
		if below|zero != 0 {
			for k := i; k < i+8; k++ {
				if isOddAt(s, k) {
					return true
				}
			}
		}
	}
	for ; i < len(s); i++ {
		if isOddAt(s, i) {
			return true
		}
	}
	return false
}

// isOddAt reports whether a control character that oddRune reports starts
// at s[i].
func isOddAt(s string, i int) bool {
	switch c := s[i]; {
	case c < 0x20:
		return c != '\t' && c != '\n' && c != '\r'
	case c == 0xE2 && i+2 < len(s):
		b1, b2 := s[i+1], s[i+2]
		return b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE || b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9
	}
	return false
}

// oddRune gives the first character of s that is reported, and whether it
// is an error rather than a warning.
func oddRune(s string) (r rune, isError, found bool) {
	for _, r := range s {
		switch {
		case r == 0:
			return r, true, true
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r',
			r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
			return r, false, true
		}
	}
	return 0, false, false
}

// controlNames names the characters oddRune reports that have a name
// people may know.
var controlNames = map[rune]string{
	0x00: "NUL", 0x1B: "ESCAPE", 0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING",
	0x202C: "POP DIRECTIONAL FORMATTING", 0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE", 0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
}

// checkControls reports the first control character in each field of a
// row that holds one.
func (rd *reader) checkControls(r *record, extra []string, extraColumns []string) {
	for column, v := range inputValues(r) {
		rd.reportControl(column, v)
	}
	for c, v := range extra {
		rd.reportControl(strings.ToLower(strings.TrimSpace(extraColumns[c])), v)
	}
}

func (rd *reader) reportControl(column, value string) {
	r, isError, found := oddRune(value)
	if !found {
		return
	}
	name := fmt.Sprintf("U+%04X", r)
	if n, ok := controlNames[r]; ok {
		name += " " + n
	}
	line, col := rd.pos(column)
	if isError {
		rd.report(line, col, SeverityError, ErrControlChar, "%s holds the character %s, which cuts text short in many programs: remove it", column, name)
		return
	}
	if r < 0x20 {
		rd.report(line, col, SeverityWarning, ErrControlChar, "%s holds the control character %s, which shows as nothing or as a box", column, name)
		return
	}
	rd.report(line, col, SeverityWarning, ErrControlChar, "%s holds the invisible character %s, which can show the text in another order than it is written", column, name)
}

// rowIsClean reports whether a row is valid UTF-8 with no control
// character to report, from its packed text and the fields not in it.
func rowIsClean(text string, r *record) bool {
	return utf8.ValidString(text) && utf8.ValidString(r.Kind) && utf8.ValidString(r.Date) &&
		!hasOddByte(text) && !hasOddByte(r.Kind) && !hasOddByte(r.Date)
}

// load64 reads the first 8 bytes of s as a little-endian number; the
// compiler makes one load of it.
func load64[T string | []byte](s T) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// plainASCII reports whether s is ASCII with no control character but
// tab, LF and CR: clean, and with as many characters as bytes. It looks at
// eight bytes at a time.
func plainASCII[T string | []byte](s T) bool {
	const (
		ones  = 0x0101010101010101
		highs = 0x8080808080808080
	)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := load64(s[i:])
		if x&highs != 0 {
			return false
		}
		if (x-0x20*ones)&^x&highs != 0 && !plainBytes(s[i:i+8]) {
			return false
		}
	}
	return plainBytes(s[i:])
}

func plainBytes[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}
