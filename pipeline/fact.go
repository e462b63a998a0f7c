package pipeline

import (
	"errors"
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
	return History, because(ErrUnknownKind, "unknown kind %q: use history or historiography", s)
}

// Validate checks a fact on its own, as Read checks each row; links
// between facts are checked when a whole file is read.
func (f *Fact) Validate() error {
	var errs []error
	f.check(func(_ string, sev Severity, err error) {
		if sev == SeverityError {
			errs = append(errs, err)
		}
	})
	return errors.Join(errs...)
}

// check reports what is wrong with a fact on its own, with the column it
// is in: every check of one row that reading the row does not do already.
// Read and Validate both use it.
func (f *Fact) check(report func(column string, sev Severity, err error)) {
	if strings.TrimSpace(f.Title) == "" {
		report("title", SeverityError, ErrEmptyTitle)
	}
	if !f.Date.IsZero() {
		if err := f.Date.Validate(); err != nil {
			report("date", SeverityError, err)
		}
	}
	for _, u := range f.urls() {
		if err := validateURL(u.column, u.value); err != nil {
			report(u.column, SeverityError, err)
		}
	}
	for _, id := range f.ids() {
		if strings.Contains(id.value, listSeparator) {
			report(id.column, SeverityError, because(ErrBadID, "id %q must not contain %q, which separates ids in about", id.value, listSeparator))
		}
	}
	for _, w := range f.wholes() {
		if err := validateWhole(w.column, w.value); err != nil {
			report(w.column, SeverityError, err)
		}
	}
	if f.Kind == History && f.About != "" {
		report("about", SeverityWarning, because(ErrAboutOnHistory, "a history row has about; only historiography links to what it studies"))
	}
}

// namedValue is a value of a fact, with the name of its column.
type namedValue struct{ column, value string }

// validateURL checks the value of a column of http or https addresses.
func validateURL(column, s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return because(ErrBadURL, "%s %q is not an http or https address", column, s)
	}
	return nil
}

// validateWhole checks the value of a column of whole numbers: decimal
// digits, with a minus sign or none. (Not strconv.Atoi's base 0, in
// which 010 is eight.)
func validateWhole(column, s string) error {
	digits := strings.TrimPrefix(s, "-")
	if s == "" {
		return nil
	}
	if digits == "" || len(digits) > 9 || strings.Trim(digits, "0123456789") != "" {
		return because(ErrNotWhole, "%s %q is not a whole number, such as 3", column, s)
	}
	return nil
}

// Severity tells an error, which stops a build, from a warning.
type Severity int

// The severities of a Problem.
const (
	SeverityError Severity = iota
	SeverityWarning
)

// Problem is one thing wrong with an input file, at a position in it, as
// csv.ParseError is: an error that unwraps to its cause, such as
// ErrNotADate or ErrDuplicateID.
type Problem struct {
	File string
	// Sheet is the worksheet of a spreadsheet the problem is in, or empty
	// for a CSV file.
	Sheet    string
	Line     int // physical line, 1-based; in a sheet, the row
	Column   int // in characters, 1-based; in a sheet, the column
	Severity Severity
	Err      error
}

// Error formats the problem as file:line:col: message, the form editors
// and compilers use; in a sheet, as file:Sheet1!C4: message.
func (p *Problem) Error() string {
	sev := ""
	if p.Severity == SeverityWarning {
		sev = "warning: "
	}
	if p.Sheet != "" {
		return fmt.Sprintf("%s:%s!%s: %s%v", p.File, sheetRef(p.Sheet), cellName(p.Column, p.Line), sev, p.Err)
	}
	return fmt.Sprintf("%s:%d:%d: %s%v", p.File, p.Line, p.Column, sev, p.Err)
}

// Unwrap gives the cause.
func (p *Problem) Unwrap() error { return p.Err }

// String is Error.
func (p Problem) String() string { return p.Error() }

// Problems is every problem found in one or more files.
type Problems []Problem

// Errors counts the problems that are errors, not warnings.
func (ps Problems) Errors() int {
	n := 0
	for _, p := range ps {
		if p.Severity == SeverityError {
			n++
		}
	}
	return n
}
