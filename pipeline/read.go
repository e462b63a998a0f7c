package pipeline

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/gocarina/gocsv"
	"golang.org/x/text/unicode/norm"
)

// requiredColumns must be in every input header.
var requiredColumns = []string{"title"}

// ReadFile reads and checks the timeline in the CSV file at path. Problems
// name the file as path. The error is for a file that cannot be opened or
// read at all; problems with its content come back as Problems.
func ReadFile(path string) (*Timeline, Problems, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return Read(f, path, name)
}

// Read reads and checks a timeline from CSV. file names the input in
// problems; name becomes the timeline's Name. It reports every problem in
// the input at once, errors and warnings, in file order. The returned
// timeline holds every row that could be read, sorted; it must not be
// built into a page when Problems has errors.
func Read(in io.Reader, file, name string) (*Timeline, Problems, error) {
	rd := &reader{file: file, sizeHint: sizeOf(in)}
	t, err := rd.read(in)
	if err != nil {
		return nil, nil, err
	}
	t.Name = name
	rd.link(t)
	slices.SortStableFunc(rd.problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return t, rd.problems, nil
}

// sizeOf tells the size of an input that knows it, or 0.
func sizeOf(in io.Reader) int64 {
	switch v := in.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case *os.File:
		if st, err := v.Stat(); err == nil && st.Mode().IsRegular() {
			return st.Size()
		}
	}
	return 0
}

// bytesPerRowGuess sizes the facts slice from the input's size; a guess
// too small costs a few copies, too large some unused memory.
const bytesPerRowGuess = 120

// reader holds the state of one Read.
type reader struct {
	file     string
	sizeHint int64 // the input's size in bytes, or 0
	csv      *csv.Reader
	columns  map[string]int // lower-case column name to index
	problems Problems
	refs     []rowRefs // parallel to the facts read, for checks across rows
	arena    arena     // holds the facts' text
	extra    []string  // scratch space for a row's extra values
}

// rowRefs keeps where a row's id and about fields are, for the checks that
// need the whole file.
type rowRefs struct{ idCol, aboutCol int32 }

func (rd *reader) report(line, col int, sev Severity, format string, args ...any) {
	rd.problems = append(rd.problems, Problem{File: rd.file, Line: line, Column: col, Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// pos gives the position of the named column's field in the last record
// read, or of the record's start when the column is absent.
func (rd *reader) pos(column string) (line, col int) {
	if i, ok := rd.columns[column]; ok {
		return rd.csv.FieldPos(i)
	}
	line, _ = rd.csv.FieldPos(0)
	return line, 1
}

func (rd *reader) read(in io.Reader) (*Timeline, error) {
	buffered := bufio.NewReaderSize(in, 64<<10)
	if bom, _ := buffered.Peek(3); string(bom) == "\uFEFF" {
		buffered.Discard(3)
	}
	rd.csv = csv.NewReader(buffered)
	rd.csv.ReuseRecord = true
	t := &Timeline{entries: make([]entry, 0, rd.sizeHint/bytesPerRowGuess)}
	rd.refs = make([]rowRefs, 0, cap(t.entries))
	um, err := gocsv.NewUnmarshaller(rd.csv, &record{})
	if err != nil {
		if errors.Is(err, io.EOF) {
			rd.report(1, 1, Error, "the file is empty: it needs a header row naming its columns, such as date,title")
			return t, nil
		}
		return t, rd.csvError(err)
	}
	header := slices.Clone(um.Headers)
	if err := um.RenormalizeHeaders(normaliseHeader); err != nil {
		return nil, err
	}
	extraIdx := rd.readHeader(header, um.Headers, t)
	for {
		var unmatched map[string]string
		var v any
		if len(extraIdx) > 0 {
			v, unmatched, err = um.ReadUnmatched()
		} else {
			v, err = um.Read()
		}
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			if err = rd.csvError(err); err != nil {
				return nil, err
			}
			continue
		}
		row := v.(*record)
		f := rd.fact(row)
		rd.extra = rd.extra[:0]
		for _, i := range extraIdx {
			rd.extra = append(rd.extra, unmatched[um.Headers[i]])
		}
		f.Extra = rd.extra
		rd.checkUTF8(row, f.Extra)
		t.entries = append(t.entries, rd.arena.pack(&f))
	}
}

func normaliseHeader(h []string) []string {
	out := make([]string, len(h))
	for i, name := range h {
		out[i] = strings.ToLower(strings.TrimSpace(name))
	}
	return out
}

// readHeader checks the header and notes where each column is. It returns
// the indexes of the columns outside the schema.
func (rd *reader) readHeader(original, lower []string, t *Timeline) (extra []int) {
	known := schemaColumns()
	rd.columns = make(map[string]int, len(lower))
	for i, name := range lower {
		line, col := rd.csv.FieldPos(i)
		if _, dup := rd.columns[name]; dup {
			rd.report(line, col, Error, "column %q appears twice in the header", original[i])
			continue
		}
		rd.columns[name] = i
		if !known[name] {
			extra = append(extra, i)
			t.ExtraColumns = append(t.ExtraColumns, original[i])
		}
	}
	for _, name := range requiredColumns {
		if _, ok := rd.columns[name]; !ok {
			rd.report(1, 1, Error, "missing required column %q", name)
		}
	}
	return extra
}

// schemaColumns is the set of column names the record struct declares,
// as gocsv writes them in a header.
var schemaColumns = sync.OnceValue(func() map[string]bool {
	var b strings.Builder
	gocsv.MarshalCSV([]record{}, gocsv.NewSafeCSVWriter(csv.NewWriter(&b)))
	known := map[string]bool{}
	for _, name := range strings.Split(strings.TrimSpace(b.String()), ",") {
		known[name] = true
	}
	return known
})

// csvError reports a malformed row and lets reading go on. It returns the
// error itself only when it is not about the CSV's form: an I/O failure.
func (rd *reader) csvError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	msg := pe.Err.Error()
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		msg = fmt.Sprintf("wrong number of fields: the header has %d", len(rd.columns))
		if rd.columns == nil {
			msg = "wrong number of fields"
		}
	}
	rd.report(pe.Line, pe.Column, Error, "%s", msg)
	return nil
}

// checkUTF8 reports the first field of a row that is not UTF-8, as a file
// saved in another encoding has.
func (rd *reader) checkUTF8(r *record, extra []string) {
	fields := []struct{ column, value string }{
		{"id", r.ID}, {"kind", r.Kind}, {"title", r.Title}, {"date", r.Date}, {"group", r.Group},
		{"description", r.Description}, {"authors", r.Authors}, {"published_in", r.PublishedIn},
		{"about", r.About}, {"url", r.URL}, {"source", r.Source}, {"tags", r.Tags},
	}
	for _, f := range fields {
		if !utf8.ValidString(f.value) {
			l, c := rd.pos(f.column)
			rd.report(l, c, Error, "%s is not valid UTF-8: save the file as UTF-8", f.column)
			return
		}
	}
	for _, v := range extra {
		if !utf8.ValidString(v) {
			l, _ := rd.pos("")
			rd.report(l, 1, Error, "an extra column is not valid UTF-8: save the file as UTF-8")
			return
		}
	}
}

// fact turns one row into a Fact and reports what is wrong with it alone.
func (rd *reader) fact(r *record) Fact {
	line, _ := rd.csv.FieldPos(0)
	f := Fact{
		ID:          strings.TrimSpace(r.ID),
		Title:       strings.TrimSpace(r.Title),
		Group:       strings.TrimSpace(r.Group),
		Description: strings.TrimSpace(r.Description),
		Authors:     parseList(r.Authors),
		PublishedIn: strings.TrimSpace(r.PublishedIn),
		About:       parseList(r.About),
		URL:         strings.TrimSpace(r.URL),
		Source:      strings.TrimSpace(r.Source),
		Tags:        parseList(r.Tags),
		Line:        line,
	}
	if strings.TrimSpace(r.Kind) == "" {
		if f.Authors != "" || f.PublishedIn != "" {
			f.Kind = Historiography
		}
	} else if k, err := ParseKind(r.Kind); err != nil {
		l, c := rd.pos("kind")
		rd.report(l, c, Error, "%v", err)
	} else {
		f.Kind = k
	}
	if _, hasTitle := rd.columns["title"]; hasTitle && f.Title == "" {
		l, c := rd.pos("title")
		rd.report(l, c, Error, "title is empty")
	}
	if d, err := ParseDate(r.Date); err != nil {
		l, c := rd.pos("date")
		rd.report(l, c, Error, "%v", err)
	} else if f.Date = d; d.IsZero() {
		l, c := rd.pos("date")
		rd.report(l, c, Warning, "undated: listed in the table, not drawn")
	}
	if err := validateURL(f.URL); err != nil {
		l, c := rd.pos("url")
		rd.report(l, c, Error, "%v", err)
	}
	if strings.Contains(f.ID, listSeparator) {
		l, c := rd.pos("id")
		rd.report(l, c, Error, "id %q must not contain %q, which separates ids in about", f.ID, listSeparator)
	}
	if f.Kind == History && f.About != "" {
		l, c := rd.pos("about")
		rd.report(l, c, Warning, "a history row has about; only historiography links to what it studies")
	}
	_, idCol := rd.pos("id")
	_, aboutCol := rd.pos("about")
	rd.refs = append(rd.refs, rowRefs{idCol: int32(idCol), aboutCol: int32(aboutCol)})
	return f
}

// link gives every fact an id, checks that ids are unique and that every
// about names a known id, then sorts the facts. It runs while facts and
// refs are still parallel.
func (rd *reader) link(t *Timeline) {
	byID := t.indexIDs(func(i, first int) {
		rd.report(int(t.entries[i].line), int(rd.refs[i].idCol), Error, "duplicate id %q: line %d has it too", t.entries[i].field(FieldID), t.entries[first].line)
	})
	for i := range t.entries {
		e := &t.entries[i]
		for id := range List(e.field(FieldAbout)).All() {
			target, ok := byID[id]
			switch {
			case !ok:
				rd.report(int(e.line), int(rd.refs[i].aboutCol), Error, "about names %q, which is no id in this file", id)
			case t.entries[target].kind != History:
				rd.report(int(e.line), int(rd.refs[i].aboutCol), Warning, "about names %q, which is historiography, not history", id)
			}
		}
	}
	rd.refs = nil
	t.finish(byID)
}

// DeriveID makes the id of a fact whose id is empty, from its title and
// the year it starts: "Stalin leads the USSR", 1926 gives
// "stalin-leads-the-ussr-1926". The same title and date give the same id on
// every run.
func DeriveID(title string, date Date) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
		if b.Len() >= 48 && dash {
			break
		}
	}
	slug := b.String()
	if slug == "" {
		slug = "fact"
	}
	if !date.IsZero() {
		slug += "-" + strings.ReplaceAll(strings.ToLower(YearLabel(date.Start.Year)), " ", "")
	}
	return slug
}
