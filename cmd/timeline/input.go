package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// inputExts are the kinds of file a timeline is read from.
var inputExts = []string{".csv", ".xlsx"}

// isInput tells whether a file's name is one of inputExts'.
func isInput(name string) bool {
	ext := filepath.Ext(name)
	for _, e := range inputExts {
		if strings.EqualFold(ext, e) {
			return true
		}
	}
	return false
}

// inputFiles gives the named files, or every *.csv and *.xlsx in dir,
// sorted. Hidden files and the lock files of office programs (".x.csv",
// "~$x.xlsx") are
// not timelines.
func inputFiles(dir string, named []string) ([]string, error) {
	if len(named) > 0 {
		return named, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no *.csv or *.xlsx files in %s: it does not exist", dir)
		}
		return nil, err
	}
	var files []string
	for _, e := range entries {
		name := e.Name()
		if isInput(name) && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "~$") {
			files = append(files, filepath.Join(dir, name))
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no *.csv or *.xlsx files in %s", dir)
	}
	sort.Strings(files)
	return files, nil
}

// errNotRegular is the error for an input that is a folder, a pipe, a
// device: anything but a plain file.
var errNotRegular = errors.New("not a regular file")

// openInput opens a file to read as an input. It never blocks on a named
// pipe, and refuses anything but a plain file. A missing, unreadable or
// irregular file is an error naming it: "data/x.csv: permission denied".
func openInput(path string) (*os.File, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() {
		err = fmt.Errorf("%w (%s)", errNotRegular, describeMode(st.Mode()))
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}

// readOptional reads a file that may be missing, such as a NAME.md; a
// missing file gives nil and no error.
func readOptional(path string) ([]byte, error) {
	f, err := openInput(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// ctxFile reads a file until ctx is done, so that a cancelled build stops
// within one buffer of input. Its Stat tells the reader the file's size.
type ctxFile struct {
	ctx context.Context
	*os.File
}

func (c ctxFile) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.File.Read(p)
}

// ctxWriter stops writing once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// writeFileAtomic writes a single file of the user's, such as gen's -o or
// the ECharts cache, through a temporary file renamed into place.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
