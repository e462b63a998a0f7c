package pipeline_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"sync"
	"testing"

	"timeline/internal/synth"
	"timeline/pipeline"
)

var benchSizes = []int{10_000, 100_000, 1_000_000}

var (
	inputsMu sync.Mutex
	inputs   = map[int][]byte{}
)

// input returns a synthetic CSV of n facts, made once per run.
func input(b *testing.B, n int) []byte {
	inputsMu.Lock()
	defer inputsMu.Unlock()
	if in, ok := inputs[n]; ok {
		return in
	}
	var buf bytes.Buffer
	if err := synth.Write(context.Background(), &buf, n, 1); err != nil {
		b.Fatal(err)
	}
	inputs[n] = buf.Bytes()
	return buf.Bytes()
}

func readTimeline(b *testing.B, in []byte) *pipeline.Timeline {
	t, problems, err := pipeline.Read(bytes.NewReader(in), "bench.csv", "bench")
	if err != nil || problems.Errors() > 0 {
		b.Fatal(err, problems)
	}
	return t
}

// BenchmarkCSVFloor reads and writes the same file with plain
// encoding/csv: the floor the pipeline's ratio is read against.
func BenchmarkCSVFloor(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			in := input(b, n)
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				r := csv.NewReader(bytes.NewReader(in))
				r.ReuseRecord = true
				w := csv.NewWriter(io.Discard)
				for {
					rec, err := r.Read()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					w.Write(rec)
				}
				w.Flush()
			}
		})
	}
}

// BenchmarkRead reads, normalises and validates: CSV to sorted facts.
func BenchmarkRead(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			in := input(b, n)
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				readTimeline(b, in)
			}
		})
	}
}

// BenchmarkNormalise parses the dates alone, as the reader does per row.
func BenchmarkNormalise(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			t := readTimeline(b, input(b, n))
			dates := make([]string, t.Len())
			for i := range dates {
				dates[i] = t.Fact(i).Date.Text
			}
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range dates {
					if _, err := pipeline.ParseDate(d); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// BenchmarkWrite writes the normalised CSV.
func BenchmarkWrite(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			in := input(b, n)
			t := readTimeline(b, in)
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				if err := pipeline.WriteCSV(io.Discard, t); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
