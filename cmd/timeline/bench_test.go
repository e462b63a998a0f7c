package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"timeline/internal/synth"
)

// synthFile writes a synthetic CSV of n facts into dir.
func synthFile(b *testing.B, dir string, n int) string {
	path := filepath.Join(dir, fmt.Sprintf("synth%d.csv", n))
	if err := writeFileAtomic(path, func(w io.Writer) error {
		return synth.Write(context.Background(), w, n, 1)
	}); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkBuild runs "timeline build" on one synthetic file: CSV in,
// normalised CSV and pages out. BenchmarkBuildFloor reads and writes the
// same file with plain encoding/csv; the ratio of the two is the cost of
// the pipeline.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			in := synthFile(b, dir, n)
			out := filepath.Join(dir, "out")
			b.ReportAllocs()
			for b.Loop() {
				if err := run(context.Background(), []string{"build", "-out", out, in}, io.Discard, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkBuildFloor(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			in := synthFile(b, dir, n)
			b.ReportAllocs()
			for b.Loop() {
				f, err := os.Open(in)
				if err != nil {
					b.Fatal(err)
				}
				err = writeFileAtomic(filepath.Join(dir, "floor.csv"), func(w io.Writer) error {
					r := csv.NewReader(f)
					r.ReuseRecord = true
					cw := csv.NewWriter(w)
					for {
						rec, err := r.Read()
						if err == io.EOF {
							break
						}
						if err != nil {
							return err
						}
						cw.Write(rec)
					}
					cw.Flush()
					return cw.Error()
				})
				f.Close()
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
