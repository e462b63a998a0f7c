package charts

import (
	"fmt"
	"io"
	"testing"

	"timeline/internal/synth"
)

// BenchmarkRender writes the page of a synthetic timeline.
func BenchmarkRender(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			t, err := synth.Timeline(n, 1)
			if err != nil {
				b.Fatal(err)
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
