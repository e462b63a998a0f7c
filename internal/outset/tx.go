package outset

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// The hidden names outset keeps in an output folder.
const (
	LockName    = ".timeline.lock"    // the lock file
	StageName   = ".timeline-staging" // where a build's files wait for Commit
	journalName = "journal"           // in the staging folder: the moves Commit makes
)

// ErrBusy is the error of a Lock that another writer holds.
var ErrBusy = errors.New("another timeline build or serve is writing there")

// Lock is a held lock on an output folder.
type Lock struct{ fl *flock.Flock }

// Acquire makes dir if need be and locks it, waiting at most wait for
// another writer to finish. It fails with ErrBusy when the wait is over.
func Acquire(ctx context.Context, dir string, wait time.Duration) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	fl := flock.New(filepath.Join(dir, LockName))
	waitCtx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	ok, err := fl.TryLockContext(waitCtx, 25*time.Millisecond)
	switch {
	case ok:
		return &Lock{fl}, nil
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil && !errors.Is(err, context.DeadlineExceeded):
		return nil, fmt.Errorf("locking %s: %w", dir, err)
	}
	return nil, fmt.Errorf("%s: %w; waited %s for it: let it finish, or stop it, and try again", dir, ErrBusy, wait)
}

// Release lets the next writer in.
func (l *Lock) Release() error { return l.fl.Unlock() }

// Tx is one build's change to an output folder: every file it creates is
// staged, and Commit moves them all into place. Use it only under Lock.
type Tx struct {
	dir, stage string
	names      []string
	open       []*os.File
	// AfterStep, when set, is called after each step of Commit: 0 once
	// the journal is written, then k once k files are in place. Tests
	// stop the process there to check recovery.
	AfterStep func(step int)
}

// Begin recovers dir from any earlier build that stopped half way, then
// starts a transaction on it.
func Begin(dir string) (*Tx, error) {
	if err := Recover(dir); err != nil {
		return nil, err
	}
	stage := filepath.Join(dir, StageName)
	if err := os.Mkdir(stage, 0o755); err != nil {
		return nil, err
	}
	return &Tx{dir: dir, stage: stage}, nil
}

// Create makes the staged file that becomes dir/name at Commit. The caller
// writes it; Commit or Abort closes it.
func (tx *Tx) Create(name string) (io.Writer, error) {
	if name != filepath.Base(name) || strings.HasPrefix(name, ".") || name == journalName {
		return nil, fmt.Errorf("outset: %q is not a name an output can have", name)
	}
	if slices.Contains(tx.names, name) {
		return nil, fmt.Errorf("outset: %s is written twice in one build", name)
	}
	f, err := os.OpenFile(filepath.Join(tx.stage, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	tx.names = append(tx.names, name)
	tx.open = append(tx.open, f)
	return f, nil
}

// Staged lists the names created so far, in order.
func (tx *Tx) Staged() []string { return slices.Clone(tx.names) }

// Commit moves every staged file into place, in the order they were
// created. The journal it writes first lets Recover finish the moves if the
// process stops part way.
func (tx *Tx) Commit() error {
	if err := tx.closeAll(); err != nil {
		tx.Abort()
		return err
	}
	journal, err := json.Marshal(tx.names)
	if err != nil {
		return err
	}
	tmp := filepath.Join(tx.stage, journalName+".tmp")
	if err := os.WriteFile(tmp, journal, 0o644); err != nil {
		tx.Abort()
		return err
	}
	if err := os.Rename(tmp, filepath.Join(tx.stage, journalName)); err != nil {
		tx.Abort()
		return err
	}
	tx.step(0)
	if err := finish(tx.dir, tx.names, tx.step); err != nil {
		return err // the journal stays, and the next Begin finishes the moves
	}
	return os.RemoveAll(tx.stage)
}

// Abort drops every staged file: the folder stays as it was.
func (tx *Tx) Abort() error {
	return errors.Join(tx.closeAll(), os.RemoveAll(tx.stage))
}

func (tx *Tx) closeAll() error {
	var errs []error
	for _, f := range tx.open {
		errs = append(errs, f.Close())
	}
	tx.open = nil
	return errors.Join(errs...)
}

func (tx *Tx) step(k int) {
	if tx.AfterStep != nil {
		tx.AfterStep(k)
	}
}

// finish moves the staged files named into dir, skipping those already
// moved, and then removes the journal. step, if not nil, is told of each.
func finish(dir string, names []string, step func(int)) error {
	stage := filepath.Join(dir, StageName)
	for k, name := range names {
		from := filepath.Join(stage, name)
		if _, err := os.Lstat(from); errors.Is(err, fs.ErrNotExist) {
			continue // moved before the process stopped
		}
		if err := os.Rename(from, filepath.Join(dir, name)); err != nil {
			return err
		}
		if step != nil {
			step(k + 1)
		}
	}
	return os.Remove(filepath.Join(stage, journalName))
}

// Recover leaves dir as one build left it. If an earlier build stopped
// after writing its journal, its moves are finished; else what it staged
// is dropped. Temporary files of older versions of timeline
// (.NAME.*.tmp) are removed too. Use it only under Lock.
func Recover(dir string) error {
	stage := filepath.Join(dir, StageName)
	journal, err := os.ReadFile(filepath.Join(stage, journalName))
	switch {
	case err == nil:
		var names []string
		if err := json.Unmarshal(journal, &names); err != nil {
			return fmt.Errorf("%s: the journal of an unfinished build is unreadable (%v): remove the folder %s and build again", dir, err, stage)
		}
		if err := finish(dir, names, nil); err != nil {
			return err
		}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	if err := os.RemoveAll(stage); err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	return nil
}
