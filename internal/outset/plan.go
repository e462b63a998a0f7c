// Package outset plans, locks and writes the set of files that one build
// puts into an output folder, so that nothing a user does loses data.
//
//   - NewPlan names every output before anything is written, and refuses a
//     plan in which an output is an input (compared with os.SameFile, not by
//     name) or two inputs would write one output (compared as a
//     case-insensitive file system would, so a.csv and A.csv collide).
//   - Lock lets one writer at a time into a folder, through a lock file
//     (github.com/gofrs/flock) that works on Linux, macOS and Windows.
//   - A Tx stages every file of a build in a hidden folder and moves them
//     into place together at Commit, through a journal. If the process is
//     killed at any moment, each output file is the whole old or the whole
//     new version, and the next Begin either finishes the moves the journal
//     lists or, when there is no journal, drops what was staged: the set is
//     then one build's. No staged file outlives the next Begin.
//
// The promise is about a process that stops at any moment (Ctrl-C, kill -9,
// a crash), not a machine that loses power: nothing is synced to disk.
//
// Hidden names (starting with ".") belong to outset in an output folder:
// the lock file, the staging folder. A server of the folder must not serve
// them.
package outset

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// The files of each timeline, by suffix after its name, and the files of the
// whole set.
const (
	CSVSuffix   = ".csv"
	PageSuffix  = ".html"
	EmbedSuffix = ".embed.html"
	BibSuffix   = ".bib"      // the works, as BibTeX
	CSLSuffix   = ".csl.json" // the works, as CSL-JSON
	IndexPage   = "index.html"
	IndexData   = "index.json"
)

// Timeline is one input and the outputs it gives.
type Timeline struct {
	Name  string // the input's base name without its extension: the outputs' name
	Input string // the CSV, as given
	Intro string // the NAME.md beside it, which may not exist
}

// Outputs gives the file names a timeline writes, in the order they are
// written: its Pages, then its works as citations.
func (t Timeline) Outputs() []string {
	return append(t.Pages(), t.Name+BibSuffix, t.Name+CSLSuffix)
}

// Pages gives the outputs every version has written: the normalised CSV
// and the pages.
func (t Timeline) Pages() []string {
	return []string{t.Name + CSVSuffix, t.Name + PageSuffix, t.Name + EmbedSuffix}
}

// Plan is the output set of one build: what each input writes into Dir.
type Plan struct {
	Dir       string
	Timelines []Timeline
}

// Conflict is one reason a plan is refused.
type Conflict struct {
	Output string // the output's path
	Input  string // the input that would write it
	Other  string // the input it would overwrite, or the other input that writes it
	Same   bool   // Output is Other itself: the file would be overwritten
}

func (c Conflict) Error() string {
	if c.Same {
		return fmt.Sprintf("%s would overwrite the input %s: choose another output folder", c.Output, c.Other)
	}
	return fmt.Sprintf("%s and %s would both write %s: rename one", c.Input, c.Other, c.Output)
}

// ConflictError lists every conflict of a refused plan.
type ConflictError []Conflict

func (e ConflictError) Error() string {
	lines := make([]string, len(e))
	for i, c := range e {
		lines[i] = c.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives each conflict, for errors.As.
func (e ConflictError) Unwrap() []error {
	errs := make([]error, len(e))
	for i, c := range e {
		errs[i] = c
	}
	return errs
}

// reserved are the outputs of the whole set, which no input may write.
var reserved = []string{IndexPage, IndexData}

// NameOf gives the timeline name of an input file: its base name without
// its extension.
func NameOf(input string) string {
	base := filepath.Base(input)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// IntroOf gives the NAME.md beside an input.
func IntroOf(input string) string {
	return strings.TrimSuffix(input, filepath.Ext(input)) + ".md"
}

// NewPlan plans the outputs of inputs in dir, and refuses the plan with a
// ConflictError when an output is an input, or two inputs write one
// output. It reads the file system only to compare files that exist.
func NewPlan(dir string, inputs []string) (*Plan, error) {
	p := &Plan{Dir: dir}
	var conflicts ConflictError
	// owner maps each output's folded name to who writes it.
	owner := map[string]string{}
	for _, name := range reserved {
		owner[fold(name)] = "the index of timelines"
	}
	for _, in := range inputs {
		t := Timeline{Name: NameOf(in), Input: in, Intro: IntroOf(in)}
		for _, out := range t.Outputs() {
			if other, ok := owner[fold(out)]; ok {
				conflicts = append(conflicts, Conflict{Output: filepath.Join(dir, out), Input: in, Other: other})
				continue
			}
			owner[fold(out)] = in
		}
		p.Timelines = append(p.Timelines, t)
	}
	// An output that exists and is an input, under any name.
	var given []string
	for _, t := range p.Timelines {
		given = append(given, t.Input, t.Intro)
	}
	outputs := append([]string{}, reserved...)
	for _, t := range p.Timelines {
		outputs = append(outputs, t.Outputs()...)
	}
	for _, in := range given {
		inInfo, err := os.Stat(in)
		if err != nil {
			continue // a missing input is the reader's problem, not the plan's
		}
		for _, out := range outputs {
			path := filepath.Join(dir, out)
			if outInfo, err := os.Stat(path); err == nil && os.SameFile(inInfo, outInfo) {
				conflicts = append(conflicts, Conflict{Output: path, Input: in, Other: in, Same: true})
			}
		}
	}
	if len(conflicts) > 0 {
		return nil, conflicts
	}
	return p, nil
}

// SameDir refuses an output folder that is the input folder, before any
// input is there to compare: serve would write its index among the inputs.
func SameDir(out, in string) error {
	a, errA := os.Stat(out)
	b, errB := os.Stat(in)
	if errA == nil && errB == nil && os.SameFile(a, b) {
		return fmt.Errorf("the output folder %s is the data folder %s: choose another output folder", out, in)
	}
	return nil
}

// fold gives the name as a case-insensitive file system compares it.
func fold(name string) string { return strings.ToLower(name) }
