//go:build !unix

package main

import "os"

// openNonBlocking opens path to read. Outside Unix, opening a file does not
// wait for a writer.
func openNonBlocking(path string) (*os.File, error) {
	return os.Open(path)
}
