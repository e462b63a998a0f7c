package pipeline

import (
	"errors"
	"fmt"
)

// The causes of problems and date errors, for errors.Is. Each problem's
// message says more; these say what kind of problem it is.
var (
	ErrNotADate       = errors.New("not a date")
	ErrNoSuchDay      = errors.New("no such day") // also no such month, no year 0
	ErrEndBeforeStart = errors.New("end before start")
	ErrYearRange      = errors.New("year out of range")
	ErrUnsupported    = errors.New("a form not supported")
	ErrAmbiguous      = errors.New("reads two ways")
	ErrDuplicateID    = errors.New("duplicate id")
	ErrUnknownAbout   = errors.New("about names no id")
	ErrAboutNotEvent  = errors.New("about names a work")
	ErrUnknownKind    = errors.New("unknown kind")
	ErrEmptyTitle     = errors.New("title is empty")
	ErrBadURL         = errors.New("not an http or https address")
	ErrNotWhole       = errors.New("not a whole number")
	ErrBadID          = errors.New("bad id")
	ErrUndated        = errors.New("undated")
	ErrAboutOnHistory = errors.New("about on a history row")
	ErrNotUTF8        = errors.New("not UTF-8")
	ErrControlChar    = errors.New("control character")
	ErrManyGroups     = errors.New("too many groups")
	ErrHeader         = errors.New("bad header")
)

// causeError is a message of its own that unwraps to a cause.
type causeError struct {
	msg   string
	cause error
}

func (e *causeError) Error() string { return e.msg }
func (e *causeError) Unwrap() error { return e.cause }

// because gives an error with the message format makes, whose cause, for
// errors.Is, is cause.
func because(cause error, format string, args ...any) error {
	return &causeError{fmt.Sprintf(format, args...), cause}
}
