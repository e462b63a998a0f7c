// Package importer converts other tools' timelines into facts, for
// "timeline import": TimelineJS sheets, as CSV or as the rows of an Excel
// sheet, and TimelineJS JSON.
//
// A conversion keeps everything: a source column it has no use for becomes
// an extra column of the same name, and its Report says where every source
// column went and what was changed on the way. The package reads values
// and readers; the command reads and writes the files.
package importer

import (
	"fmt"
	"strings"

	"timeline/pipeline"
)

// Result is a timeline converted from another tool's file.
type Result struct {
	// Format names the source's format, as the report gives it.
	Format string
	Facts  []pipeline.Fact
	// Columns are the optional and extra columns the facts use.
	Columns pipeline.InputColumns
	// Title and Intro, when the source has them, make NAME.md.
	Title, Intro string
	// Mappings say where each source column went, in the source's order.
	Mappings []Mapping
	// Notes say what was changed or left aside on the way, each with its
	// place in the source.
	Notes []string
}

// Mapping is where one source column went.
type Mapping struct {
	From string // the source's column, or field
	To   string // what became of it
}

// IntroMarkdown gives NAME.md's text, or "" when the source has no title
// and no introduction.
func (r *Result) IntroMarkdown() string {
	if r.Title == "" && r.Intro == "" {
		return ""
	}
	var b strings.Builder
	if r.Title != "" {
		fmt.Fprintf(&b, "# %s\n", r.Title)
	}
	if r.Intro != "" {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(r.Intro + "\n")
	}
	return b.String()
}

// extraColumns gathers the extra columns of the facts of a conversion, in
// the order they are first met, and each fact's values of them. A fact
// may have fewer values than there are columns: pipeline.WriteFacts
// writes the others empty.
type extraColumns struct {
	names []string
	index map[string]int
}

// declare adds the extra column name, when it is not there yet, and gives
// its index.
func (x *extraColumns) declare(name string) int {
	if x.index == nil {
		x.index = map[string]int{}
	}
	i, ok := x.index[name]
	if !ok {
		i = len(x.names)
		x.index[name] = i
		x.names = append(x.names, name)
	}
	return i
}

// add sets a fact's value of the extra column name.
func (x *extraColumns) add(f *pipeline.Fact, name, value string) {
	i := x.declare(name)
	for len(f.Extra) <= i {
		f.Extra = append(f.Extra, "")
	}
	f.Extra[i] = value
}
