//go:build unix

package main

import (
	"os"
	"syscall"
)

// openNonBlocking opens path to read without waiting for a writer, as
// opening a named pipe would.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
