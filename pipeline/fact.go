package pipeline

import (
	"fmt"
	"net/url"
	"strings"
)

// Kind tells a historical event apart from a work of historiography that
// studies events.
type Kind int

// The two kinds of fact, each drawn in its own band.
const (
	History Kind = iota
	Historiography
)

// String returns the kind's name as the normalised CSV writes it.
func (k Kind) String() string {
	if k == Historiography {
		return "historiography"
	}
	return "history"
}

// kindNames maps every accepted spelling of a kind to the kind.
var kindNames = map[string]Kind{
	"history": History, "event": History, "period": History,
	"historiography": Historiography, "work": Historiography, "publication": Historiography,
	"book": Historiography, "article": Historiography,
}

// ParseKind reads a kind or one of its aliases, in any case.
func ParseKind(s string) (Kind, error) {
	if k, ok := kindNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return k, nil
	}
	return History, fmt.Errorf("unknown kind %q: use history or historiography", s)
}

// Fact is one row of a timeline: an event or period, or a work that
// studies events.
type Fact struct {
	ID          string
	Kind        Kind
	Title       string
	Date        Date
	Group       string // sub-lane within the kind's band
	Description string
	Authors     []string
	PublishedIn string
	About       []string // for historiography: ids of the history facts it studies
	URL         string
	Source      string
	Tags        []string
	Extra       []string // values of the timeline's extra columns, in order
	Line        int      // physical line of the row in its file, for messages
}

// Validate checks a single fact on its own; links between facts are
// checked when a whole file is read.
func (f *Fact) Validate() error {
	if strings.TrimSpace(f.Title) == "" {
		return fmt.Errorf("title is empty")
	}
	if err := f.Date.Validate(); err != nil {
		return err
	}
	return validateURL(f.URL)
}

func validateURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("url %q is not an http or https address", s)
	}
	return nil
}

// Timeline is the content of one CSV file.
type Timeline struct {
	Name         string   // file name without directory or .csv
	Facts        []Fact   // sorted by start, then id; undated last
	ExtraColumns []string // input columns outside the schema, in input order
}

// Dated returns how many facts have a date, and so are drawn.
func (t *Timeline) Dated() int {
	n := 0
	for i := range t.Facts {
		if !t.Facts[i].Date.IsZero() {
			n++
		}
	}
	return n
}

// Range returns the first and last day the dated facts cover. ok is false
// when no fact is dated. An open end counts as its start.
func (t *Timeline) Range() (first, last Day, ok bool) {
	for i := range t.Facts {
		d := t.Facts[i].Date
		if d.IsZero() {
			continue
		}
		end := d.End
		if d.OpenEnd {
			end = d.Start
		}
		if !ok || d.Start.Number() < first.Number() {
			first = d.Start
		}
		if !ok || end.Number() > last.Number() {
			last = end
		}
		ok = true
	}
	return first, last, ok
}

// Severity tells an error, which stops a build, from a warning.
type Severity int

// The severities of a Problem.
const (
	Error Severity = iota
	Warning
)

// Problem is one thing wrong with an input file, at a position in it.
type Problem struct {
	File     string
	Line     int // physical line, 1-based
	Column   int // as encoding/csv's FieldPos gives it, 1-based
	Severity Severity
	Message  string
}

// String formats the problem as file:line:col: message, the form editors
// and compilers use.
func (p Problem) String() string {
	sev := ""
	if p.Severity == Warning {
		sev = "warning: "
	}
	return fmt.Sprintf("%s:%d:%d: %s%s", p.File, p.Line, p.Column, sev, p.Message)
}

// Problems is every problem found in one or more files.
type Problems []Problem

// Errors counts the problems that are errors, not warnings.
func (ps Problems) Errors() int {
	n := 0
	for _, p := range ps {
		if p.Severity == Error {
			n++
		}
	}
	return n
}
