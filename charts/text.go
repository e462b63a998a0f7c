package charts

import (
	"strings"
	"unicode/utf8"
)

// SafeText is CSV text bound for a page's script. Its JSON form can be
// placed anywhere in an HTML page, even inside go-echarts' unescaped option
// and after go-echarts has deleted its __f__ function markers: it escapes
// <, > and &, and every character past Latin-1 (U+2028 and U+2029 among
// them; see latin1.go), replaces broken UTF-8 with U+FFFD, and writes the
// _ that starts any __f__ as \u005f so that the marker never appears.
type SafeText string

// MarshalJSON writes t as a JSON string that is safe in HTML.
func (t SafeText) MarshalJSON() ([]byte, error) {
	return appendJSONString(nil, string(t)), nil
}

const hexDigits = "0123456789abcdef"

// plainByte marks the bytes a JSON string holds as they are, with no
// further look: ASCII but for controls, quotes, \, <, >, & and _.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range `"\<>&_` {
		t[c] = false
	}
	return t
}()

// appendJSONString appends s to b as a JSON string literal that is safe
// in an HTML <script> element and in go-echarts output. See SafeText.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		i = plainRun(s, i)
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '_' && !strings.HasPrefix(s[i:], "__f__") {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\t':
				b = append(b, '\\', 't')
			case '\r':
				b = append(b, '\\', 'r')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r >= latin1End {
			// U+2028 and U+2029 among them, which end a line in older
			// JavaScript.
			b = append(b, s[start:i]...)
			b = appendUEscapes(b, r)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plainRun gives the end of the run of plain bytes in s from i on.
func plainRun(s string, i int) int {
	for i < len(s) && plainByte[s[i]] {
		i++
	}
	return i
}

// safeTexts converts strings for go-echarts options.
func safeTexts(ss []string) []SafeText {
	out := make([]SafeText, len(ss))
	for i, s := range ss {
		out[i] = SafeText(s)
	}
	return out
}
