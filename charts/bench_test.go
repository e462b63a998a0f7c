package charts

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"testing"

	"timeline/internal/synth"
	"timeline/pipeline"
)

// BenchmarkRender writes the page of a synthetic timeline.
func BenchmarkRender(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var csv bytes.Buffer
			if err := synth.Write(context.Background(), &csv, n, 1); err != nil {
				b.Fatal(err)
			}
			t, problems, err := pipeline.Read(&csv, "bench.csv", "bench")
			if err != nil || problems.Errors() > 0 {
				b.Fatal(err, problems)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := WritePage(io.Discard, t, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
