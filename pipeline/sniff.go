package pipeline

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// The encodings Read takes, by the name its warning gives them.
const (
	EncodingUTF8    = "UTF-8"
	EncodingUTF16LE = "UTF-16LE"
	EncodingUTF16BE = "UTF-16BE"
	Encoding1252    = "Windows-1252"
)

// sniffBytes is how much of the input Read looks at to tell its encoding:
// a file that is valid UTF-8 that far and not further gets an error at
// the first field that is not.
const sniffBytes = 64 << 10

// zipMagic starts every .xlsx, .docx and .zip file.
var zipMagic = []byte("PK\x03\x04")

// ErrZip is the error for a zip file, such as an Excel workbook, read as
// CSV.
var ErrZip = errors.New("this is a zip file, as an Excel workbook (.xlsx) is, not a CSV: name it with .xlsx, or save it from the spreadsheet as CSV")

// NewCSVReader gives a reader of in's records as Read reads them: in the
// encoding and with the separator the start of in tells. encoding is one
// of the Encoding constants.
func NewCSVReader(in io.Reader) (r *csv.Reader, encoding string, err error) {
	decoded, s := sniff(in)
	if s.zip {
		return nil, "", ErrZip
	}
	r = csv.NewReader(decoded)
	r.Comma = s.comma
	return r, s.encoding, nil
}

// sniffed is what the start of an input says about it.
type sniffed struct {
	encoding string // one of the Encoding constants
	comma    rune   // the separator the header row uses
	zip      bool   // the input is a zip file, such as an .xlsx workbook
}

// sniff tells the input's encoding from a byte order mark, or from bytes
// that are not UTF-8, which are read as Windows-1252, as Excel saves a CSV
// in Western Europe. It gives the input as UTF-8 without its byte order
// mark, and the separator of its header row: comma, semicolon or tab,
// whichever the header holds most of outside quotes.
func sniff(in io.Reader) (io.Reader, sniffed) {
	br := bufio.NewReaderSize(in, sniffBytes)
	head, _ := br.Peek(sniffBytes)
	s := sniffed{encoding: EncodingUTF8, comma: ','}
	var dec *encoding.Decoder
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte("\xFF\xFE")):
		s.encoding = EncodingUTF16LE
		dec = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(head, []byte("\xFE\xFF")):
		s.encoding = EncodingUTF16BE
		dec = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
	case bytes.HasPrefix(head, zipMagic):
		s.zip = true
		return br, s
	case !validUTF8Prefix(head, len(head) < sniffBytes):
		s.encoding = Encoding1252
		dec = charmap.Windows1252.NewDecoder()
	}
	out := br
	if dec != nil {
		// The decoded header row tells the separator; peek past a BOM
		// the decoder may leave.
		out = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
		if bom, _ := out.Peek(3); string(bom) == "\uFEFF" {
			out.Discard(3)
		}
	}
	firstLine, _ := out.Peek(4096)
	s.comma = separator(firstLine)
	return out, s
}

// validUTF8Prefix tells whether b is UTF-8, but for a rune the end of b
// cuts, unless b is the whole input.
func validUTF8Prefix(b []byte, whole bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if whole {
		return false
	}
	// Drop at most one cut rune from the end.
	for cut := 1; cut < utf8.UTFMax && cut <= len(b); cut++ {
		if utf8.RuneStart(b[len(b)-cut]) {
			return utf8.Valid(b[:len(b)-cut])
		}
	}
	return false
}

// separator gives the separator of the header row that starts b: the one
// of comma, semicolon and tab found most often outside quotes, comma on a
// tie.
func separator(b []byte) rune {
	var commas, semicolons, tabs int
	quoted := false
	for _, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n' || c == '\r':
			return pick(commas, semicolons, tabs)
		case c == ',':
			commas++
		case c == ';':
			semicolons++
		case c == '\t':
			tabs++
		}
	}
	return pick(commas, semicolons, tabs)
}

func pick(commas, semicolons, tabs int) rune {
	switch {
	case semicolons > commas && semicolons >= tabs:
		return ';'
	case tabs > commas && tabs > semicolons:
		return '\t'
	}
	return ','
}

// separatorName names a separator in messages.
func separatorName(r rune) string {
	switch r {
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return "comma"
}
