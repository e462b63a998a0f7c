package pipeline

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/gocarina/gocsv"

	"timeline/internal/schema"

	"golang.org/x/text/unicode/norm"
)

// Read reads and checks a timeline from CSV. file names the input in
// problems; name becomes the timeline's Name. It reports every problem in
// the input at once, errors and warnings, in file order. The returned
// timeline holds every row that could be read, sorted; it must not be
// built into a page when Problems has errors.
func Read(in io.Reader, file, name string) (*Timeline, Problems, error) {
	return Options{}.Read(in, file, name)
}

// Options say how to read a timeline. The zero Options read English.
type Options struct {
	// Lang is the lesson's language, a BCP 47 tag: dates may be written
	// in it as well as in English (see DateReader).
	Lang string
}

// Read reads and checks a timeline from CSV, as the package's Read does.
func (o Options) Read(in io.Reader, file, name string) (*Timeline, Problems, error) {
	rd := &reader{file: file, sizeHint: sizeOf(in), dates: DatesIn(o.Lang)}
	return rd.readAll(in, name)
}

// readAll reads the whole input into a timeline named name.
func (rd *reader) readAll(in io.Reader, name string) (*Timeline, Problems, error) {
	b, err := rd.read(in)
	if err != nil {
		return nil, nil, err
	}
	t, linkProblems := b.finish()
	t.Name = name
	rd.reportLinks(linkProblems)
	if n := t.groupCount(); n > MaxGroups {
		rd.report(rd.groupHeader[0], rd.groupHeader[1], SeverityWarning, ErrManyGroups,
			"%d distinct groups, more than %d: the page gives lanes to the largest groups only, and draws the others in one lane", n, MaxGroups)
	}
	return t, sortProblems(rd.problems), nil
}

// sortProblems puts problems in file order.
func sortProblems(ps Problems) Problems {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return ps
}

// sizeOf tells the size of an input that knows it, or 0.
func sizeOf(in io.Reader) int64 {
	switch v := in.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }: // an *os.File, or a wrapper of one
		if st, err := v.Stat(); err == nil && st.Mode().IsRegular() {
			return st.Size()
		}
	}
	return 0
}

// reader holds the state of one Read.
type reader struct {
	file     string
	dates    *DateReader // nil for English
	sizeHint int64       // the input's size in bytes, or 0
	csv      *csv.Reader
	columns  map[string]int // lower-case column name to index
	at       columnsAt      // where the columns every row looks at are
	problems Problems
	refs     []rowRefs // parallel to the facts read, for checks across rows
	rowPos   []int32   // the line and column of each field of the row at hand
	// sniffed is what the input's start told of its encoding and form.
	sniffed sniffed
	// sheet is the worksheet read, when the input is one, as CSV that
	// ReadSheet wrote; its positions are cells. records counts the
	// records read, the header first.
	sheet   *Sheet
	records int
	// recent keeps the input last read, to count columns in characters.
	recent *recentInput
	// groupHeader is where the group column is named in the header.
	groupHeader [2]int
}

// columnsAt holds the index of each column the reader looks at in every
// row, or -1 for a column the file does not have.
type columnsAt struct{ id, title, about int }

// rowRefs keeps where a row's id and about fields are, for the checks that
// need the whole file.
type rowRefs struct{ idLine, idCol, aboutLine, aboutCol int32 }

// report notes a problem at a position, with its message and its cause.
func (rd *reader) report(line, col int, sev Severity, cause error, format string, args ...any) {
	rd.reportErr(line, col, sev, because(cause, format, args...))
}

// reportErr notes a problem whose error says it all.
func (rd *reader) reportErr(line, col int, sev Severity, err error) {
	p := Problem{File: rd.file, Line: line, Column: col, Severity: sev, Err: err}
	if rd.sheet != nil {
		p.Sheet = rd.sheet.Name
	}
	rd.problems = append(rd.problems, p)
}

// fieldPos gives the position of field i of the record just read: its
// line and byte column in a CSV, its cell in a sheet.
func (rd *reader) fieldPos(i int) (line, col int) {
	if rd.sheet != nil {
		return rd.sheet.RowNumbers[min(rd.records-1, len(rd.sheet.RowNumbers)-1)], i + 1
	}
	return rd.csv.FieldPos(i)
}

// pos gives the position of the named column's field in the row at hand,
// or of the row's start when the column is absent.
func (rd *reader) pos(column string) (line, col int) { return rd.posAt(rd.index(column)) }

// posAt is pos for the column at index i, or -1 for none.
func (rd *reader) posAt(i int) (line, col int) {
	if i < 0 {
		return int(rd.rowPos[0]), 1
	}
	return int(rd.rowPos[2*i]), int(rd.rowPos[2*i+1])
}

// rowBatch carries rows from the goroutine that parses the CSV to the one
// that makes facts of them.
type rowBatch struct {
	rows     []*record
	extra    []string  // per row, its values of the extra columns
	pos      []int32   // per row, per column: the line and column of its field
	problems []Problem // rows that could not be parsed
	err      error     // a failure to read the input, after the rows
	offset   int64     // how far into the input the batch's last row ends
}

// batchRows is how many rows a rowBatch carries.
const batchRows = 512

func (rd *reader) read(in io.Reader) (*builder, error) {
	decoded, sn := sniff(in)
	if rd.sheet != nil {
		sn = sniffed{encoding: EncodingUTF8, comma: ','} // as ReadSheet wrote it
	}
	rd.sniffed = sn
	t := &Timeline{}
	b := newBuilder(t, 0)
	if sn.zip {
		rd.reportErr(1, 1, SeverityError, ErrZip)
		return b, nil
	}
	if sn.encoding != EncodingUTF8 {
		rd.report(1, 1, SeverityWarning, ErrNotUTF8, "read as %s, not UTF-8; the normalised CSV is UTF-8", sn.encoding)
	}
	rd.recent = &recentInput{r: decoded, line: 1}
	// encoding/csv reads through a buffer of its own unless given one.
	rd.csv = csv.NewReader(bufio.NewReaderSize(rd.recent, 64<<10))
	rd.csv.Comma = sn.comma
	rd.csv.ReuseRecord = true
	um, err := gocsv.NewUnmarshaller(rd.csv, &record{})
	rd.records = 1
	if err != nil {
		if errors.Is(err, io.EOF) {
			rd.report(1, 1, SeverityError, ErrHeader, "the file is empty: it needs a header row naming its columns, such as date,title")
			return b, nil
		}
		p, ok := rd.csvProblem(err)
		if !ok {
			return nil, err
		}
		rd.problems = append(rd.problems, p)
		return b, nil
	}
	header := slices.Clone(um.Headers)
	if err := um.RenormalizeHeaders(normaliseHeader); err != nil {
		return nil, err
	}
	extraIdx := rd.readHeader(header, um.Headers, t)
	// One goroutine parses the CSV, through gocsv, while this one makes
	// facts of the rows: the two halves of the work take about as long.
	batches, free := make(chan *rowBatch, 4), make(chan *rowBatch, 8)
	go rd.parse(um, extraIdx, batches, free)
	stride, nx := 2*len(um.Headers), len(extraIdx)
	var readErr error
	sized := false
	for batch := range batches {
		if !sized && batch.offset > 0 {
			// Size the facts from the first rows' bytes per row and the
			// input's size, with a little to spare.
			sized = true
			n := max(rd.sizeHint*int64(len(batch.rows))/batch.offset*21/20, int64(len(batch.rows)))
			b = newBuilder(t, int(n))
			rd.refs = make([]rowRefs, 0, n)
		}
		rd.problems = append(rd.problems, batch.problems...)
		readErr = cmp.Or(readErr, batch.err)
		for k, row := range batch.rows {
			rd.rowPos = batch.pos[k*stride : (k+1)*stride]
			f := rd.fact(row)
			f.Extra = batch.extra[k*nx : (k+1)*nx]
			b.add(&f)
			// The fact's text holds every field but kind and an unreadable
			// date, trimmed of white space only: when it is clean, so is
			// the row.
			text := t.textOf(&t.entries[len(t.entries)-1])
			if !(plainASCII(text) && plainASCII(row.Kind) && plainASCII(row.Date)) && !rowIsClean(text, row) {
				rd.checkUTF8(row, f.Extra)
				rd.checkControls(row, f.Extra, t.ExtraColumns)
			}
		}
		select {
		case free <- batch:
		default:
		}
	}
	if readErr != nil {
		return nil, readErr
	}
	return b, nil
}

// parse reads the rows of the CSV through gocsv and sends them in batches,
// taking spent batches back from free. It closes batches at the end.
func (rd *reader) parse(um *gocsv.Unmarshaller, extraIdx []int, batches chan<- *rowBatch, free <-chan *rowBatch) {
	defer close(batches)
	next := func() *rowBatch {
		select {
		case b := <-free:
			b.rows, b.extra, b.pos, b.problems = b.rows[:0], b.extra[:0], b.pos[:0], nil
			return b
		default:
			return &rowBatch{rows: make([]*record, 0, batchRows)}
		}
	}
	b := next()
	for {
		var unmatched map[string]string
		var v any
		var err error
		if len(extraIdx) > 0 {
			v, unmatched, err = um.ReadUnmatched()
		} else {
			v, err = um.Read()
		}
		rd.records++
		if err == io.EOF {
			break
		}
		if err != nil {
			if p, ok := rd.csvProblem(err); ok {
				b.problems = append(b.problems, p)
				continue
			}
			b.err = err
			break
		}
		b.rows = append(b.rows, v.(*record))
		for _, i := range extraIdx {
			b.extra = append(b.extra, unmatched[um.Headers[i]])
		}
		at := len(b.pos)
		for i := range um.Headers {
			line, col := rd.fieldPos(i)
			b.pos = append(b.pos, int32(line), int32(col))
		}
		if rd.sheet == nil {
			// Columns count characters, as editors do.
			rd.recent.row(rd.csv.InputOffset(), b.pos[at:])
		}
		if len(b.rows) == batchRows {
			b.offset = rd.csv.InputOffset()
			batches <- b
			b = next()
		}
	}
	b.offset = rd.csv.InputOffset()
	batches <- b
}

// normaliseHeader gives the header as the schema names its columns: in
// lower case, trimmed, aliases by their column's name.
func normaliseHeader(h []string) []string {
	out := make([]string, len(h))
	for i, name := range h {
		out[i] = strings.ToLower(strings.TrimSpace(name))
		if c, ok := aliases()[out[i]]; ok {
			out[i] = c
		}
	}
	return out
}

// aliases maps each column's aliases to its name.
var aliases = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, c := range schema.Columns {
		for _, a := range c.Aliases {
			m[a] = c.Name
		}
	}
	return m
})

// readHeader checks the header and notes where each column is. It returns
// the indexes of the columns outside the schema.
func (rd *reader) readHeader(original, lower []string, t *Timeline) (extra []int) {
	known := schemaColumns()
	rd.columns = make(map[string]int, len(lower))
	t.optional = 0
	for i, name := range lower {
		line, col := rd.fieldPos(i)
		if rd.sheet == nil {
			col = rd.recent.charColumn(line, col)
		}
		if _, dup := rd.columns[name]; dup {
			rd.report(line, col, SeverityError, ErrHeader, "column %q appears twice in the header", original[i])
			continue
		}
		rd.columns[name] = i
		if name == "group" {
			rd.groupHeader = [2]int{line, col}
		}
		c, ok := known[name]
		switch {
		case !ok:
			extra = append(extra, i)
			t.ExtraColumns = append(t.ExtraColumns, original[i])
		case schema.Columns[c].Optional:
			t.optional |= 1 << c
		}
	}
	rd.at = columnsAt{id: rd.index("id"), title: rd.index("title"), about: rd.index("about")}
	for _, c := range schema.Columns {
		if _, ok := rd.columns[c.Name]; c.Required && !ok {
			how := fmt.Sprintf("read as %s-separated %s", separatorName(rd.sniffed.comma), rd.sniffed.encoding)
			if rd.sheet != nil {
				how = fmt.Sprintf("in row %d", rd.sheet.RowNumbers[0])
			}
			line, col := rd.fieldPos(0)
			rd.report(line, col, SeverityError, ErrHeader, "missing required column %q: the header, %s, has %s", c.Name, how, quoteList(original))
		}
	}
	return extra
}

// quoteList quotes names for a message: "a", "b" and "c"; a long list
// ends with "…".
func quoteList(names []string) string {
	const most = 8
	q := make([]string, 0, min(len(names), most))
	for _, n := range names[:min(len(names), most)] {
		q = append(q, strconv.Quote(n))
	}
	s := strings.Join(q, ", ")
	if len(names) > most {
		s += ", …"
	}
	if len(names) == 1 {
		s = "only " + s
	}
	return s
}

// index gives the index of a column, or -1 when the file has none.
func (rd *reader) index(column string) int {
	if i, ok := rd.columns[column]; ok {
		return i
	}
	return -1
}

// schemaColumns maps the name of each column of the schema to its index
// in schema.Columns.
var schemaColumns = sync.OnceValue(func() map[string]int {
	known := map[string]int{}
	for i, c := range schema.Columns {
		known[c.Name] = i
	}
	return known
})

// csvProblem gives the problem of a malformed row, after which reading
// goes on. ok is false when err is not about the CSV's form but, say, an
// I/O failure.
func (rd *reader) csvProblem(err error) (p Problem, ok bool) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return p, false
	}
	msg := pe.Err.Error()
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		msg = fmt.Sprintf("wrong number of fields: the header has %d", len(rd.columns))
		if rd.columns == nil {
			msg = "wrong number of fields"
		}
	}
	col := pe.Column
	if rd.recent != nil && rd.sheet == nil {
		col = rd.recent.charColumn(pe.Line, pe.Column)
	}
	return Problem{File: rd.file, Line: pe.Line, Column: col, Severity: SeverityError, Err: because(pe.Err, "%s", msg)}, true
}

// inputValues iterates over a row's values of the columns that are read,
// by column name, in the schema's order.
func inputValues(r *record) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for i, c := range schema.Columns {
			if c.Value != schema.Derived && !yield(c.Name, *recordValue[i](r)) {
				return
			}
		}
	}
}

// checkUTF8 reports the first field of a row that is not UTF-8, as a file
// saved in another encoding has.
func (rd *reader) checkUTF8(r *record, extra []string) {
	for column, v := range inputValues(r) {
		if !utf8.ValidString(v) {
			l, col := rd.pos(column)
			rd.report(l, col, SeverityError, ErrNotUTF8, "%s is not valid UTF-8: save the file as UTF-8", column)
			return
		}
	}
	for _, v := range extra {
		if !utf8.ValidString(v) {
			l, _ := rd.posAt(-1)
			rd.report(l, 1, SeverityError, ErrNotUTF8, "an extra column is not valid UTF-8: save the file as UTF-8")
			return
		}
	}
}

// fact turns one row into a Fact and reports what is wrong with it alone.
func (rd *reader) fact(r *record) Fact {
	f := Fact{Line: int(rd.rowPos[0])}
	f.readTexts(r)
	if strings.TrimSpace(r.Kind) == "" {
		if f.Authors != "" || f.PublishedIn != "" {
			f.Kind = Historiography
		}
	} else if k, err := ParseKind(r.Kind); err != nil {
		l, c := rd.pos("kind")
		rd.reportErr(l, c, SeverityError, err)
	} else {
		f.Kind = k
	}
	if d, err := rd.dates.Parse(r.Date); err != nil {
		l, c := rd.pos("date")
		rd.reportErr(l, c, SeverityError, err)
	} else if f.Date = d; d.IsZero() {
		l, c := rd.pos("date")
		rd.report(l, c, SeverityWarning, ErrUndated, "undated: listed in the table, not drawn")
	}
	f.check(func(column string, sev Severity, err error) {
		if column == "title" && rd.at.title < 0 {
			return // the header lacks the column, which is reported once
		}
		l, c := rd.pos(column)
		rd.reportErr(l, c, sev, err)
	})
	idLine, idCol := rd.posAt(rd.at.id)
	aboutLine, aboutCol := rd.posAt(rd.at.about)
	rd.refs = append(rd.refs, rowRefs{int32(idLine), int32(idCol), int32(aboutLine), int32(aboutCol)})
	return f
}

// reportLinks reports what linking the facts found wrong, each at the id
// or about field of its row.
func (rd *reader) reportLinks(problems []linkProblem) {
	for _, p := range problems {
		ref := rd.refs[p.fact]
		switch {
		case p.duplicate:
			rd.report(int(ref.idLine), int(ref.idCol), SeverityError, ErrDuplicateID, "duplicate id %q: line %d has it too", p.id, p.firstLine)
		case !p.ok:
			rd.report(int(ref.aboutLine), int(ref.aboutCol), SeverityError, ErrUnknownAbout, "about names %q, which is no id in this file", p.id)
		default:
			rd.report(int(ref.aboutLine), int(ref.aboutCol), SeverityWarning, ErrAboutNotEvent, "about names %q, which is %s, not history", p.id, p.studied)
		}
	}
	rd.refs = nil
}

// DeriveID makes the id of a fact whose id is empty, from its title and
// the year it starts: "Stalin leads the USSR", 1926 gives
// "stalin-leads-the-ussr-1926". The same title and date give the same id on
// every run.
func DeriveID(title string, date Date) string {
	var buf [64]byte
	b := buf[:0]
	s := title
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			s = norm.NFD.String(s) // accents become marks, dropped below
			break
		}
	}
	dash := false
	for _, r := range s {
		var alnum bool
		switch {
		case r < utf8.RuneSelf:
			alnum = 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
			if r >= 'A' && r <= 'Z' {
				r |= 0x20
			}
		case unicode.Is(unicode.Mn, r):
			continue
		default:
			alnum = unicode.IsLetter(r) || unicode.IsDigit(r)
			r = unicode.ToLower(r)
		}
		if !alnum {
			dash = true
		} else {
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = utf8.AppendRune(b, r)
		}
		if len(b) >= 48 && dash {
			break
		}
	}
	if len(b) == 0 {
		b = append(b, "fact"...)
	}
	if !date.IsZero() {
		b = append(b, '-')
		if y := date.Known().Year; y <= 0 {
			b = append(strconv.AppendInt(b, int64(1-y), 10), "bc"...)
		} else {
			b = strconv.AppendInt(b, int64(y), 10)
		}
	}
	return string(b)
}
