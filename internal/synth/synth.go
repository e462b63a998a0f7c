// Package synth writes synthetic timelines: the same for the same size and
// seed. "timeline gen" and the benchmarks use it.
package synth

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"timeline/pipeline"
)

var (
	historyGroups = []string{"Politics", "Economy", "Culture"}
	workGroups    = []string{"Monographs", "Articles", "Theses"}
	topics        = []string{"reform", "treaty", "strike", "election", "famine", "exhibition", "purge", "census", "congress", "uprising"}
	surnames      = []string{"Barker", "Bettelheim", "Chavance", "Gregory", "Fitzpatrick", "Conquest", "Kotkin", "Davies", "Lewin", "Viola"}
)

// Write writes n synthetic facts as CSV. Facts are in no particular order, as
// in an export; 20% are periods and 30% are works.
func Write(ctx context.Context, w io.Writer, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 1<<16)
	var history []string // ids of history facts so far, for about
	facts := func(yield func(pipeline.Fact) bool) {
		for i := range n {
			if i%4096 == 0 && ctx.Err() != nil {
				return
			}
			f := genFact(rng, i, history)
			if f.Kind == pipeline.History && f.ID != "" {
				history = append(history, f.ID)
			}
			if !yield(f) {
				return
			}
		}
	}
	if err := pipeline.WriteFacts(bw, facts, pipeline.InputColumns{}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return bw.Flush()
}

func genFact(rng *rand.Rand, i int, history []string) pipeline.Fact {
	r := pipeline.Fact{ID: "f" + strconv.Itoa(i+1), Source: "timeline gen"}
	work := len(history) > 0 && rng.IntN(10) < 3
	topic := topics[rng.IntN(len(topics))]
	if work {
		r.Kind = pipeline.Historiography
		r.Group = workGroups[rng.IntN(len(workGroups))]
		r.Date.Text = strconv.Itoa(1900 + rng.IntN(125))
		r.Title = fmt.Sprintf("A study of the %s, no. %d", topic, i+1)
		authors := surnames[rng.IntN(len(surnames))]
		if rng.IntN(3) == 0 {
			authors += "; " + surnames[rng.IntN(len(surnames))]
		}
		r.Authors = pipeline.List(authors)
		r.PublishedIn = fmt.Sprintf("Journal of History %d(%d)", 1+rng.IntN(80), 1+rng.IntN(4))
		about := []string{history[rng.IntN(len(history))]}
		if rng.IntN(4) == 0 {
			if second := history[rng.IntN(len(history))]; second != about[0] {
				about = append(about, second)
			}
		}
		r.About = pipeline.List(strings.Join(about, "; "))
	} else {
		r.Kind = pipeline.History
		r.Group = historyGroups[rng.IntN(len(historyGroups))]
		r.Date.Text = genDate(rng, rng.IntN(5) == 0)
		r.Title = fmt.Sprintf("The %s of fact %d", topic, i+1)
	}
	r.Description = fmt.Sprintf("Synthetic fact %d, on the theme %q, for trying timeline at scale.", i+1, topic)
	if rng.IntN(10) == 0 {
		r.ID = "" // derived from the title and year
	}
	return r
}

// genDate writes a date in one of the forms people use.
func genDate(rng *rand.Rand, period bool) string {
	y := 1700 + rng.IntN(320)
	m, d := 1+rng.IntN(12), 1+rng.IntN(28)
	if period {
		switch rng.IntN(6) {
		case 0:
			return fmt.Sprintf("%d–%d", y, y+1+rng.IntN(30))
		case 1:
			return fmt.Sprintf("%d0s", y/10)
		case 2:
			return fmt.Sprintf("%s %d – %s %d", pipeline.MonthName(m), y, pipeline.MonthName(1+rng.IntN(12)), y+1+rng.IntN(3))
		case 3:
			return fmt.Sprintf("%d/..", y)
		case 4:
			b := 50 + rng.IntN(400)
			return fmt.Sprintf("%d–%d BC", b+1+rng.IntN(40), b)
		default:
			return fmt.Sprintf("from %d to %d", y, y+1+rng.IntN(10))
		}
	}
	switch rng.IntN(8) {
	case 0:
		return strconv.Itoa(y)
	case 1:
		return fmt.Sprintf("%s %d", pipeline.MonthName(m), y)
	case 2:
		return fmt.Sprintf("%d %s %d", d, pipeline.MonthName(m), y)
	case 3:
		return fmt.Sprintf("%d-%02d-%02d", y, m, d)
	case 4:
		return fmt.Sprintf("c. %d", y)
	case 5:
		return fmt.Sprintf("%d?", y)
	case 6:
		return fmt.Sprintf("%d BC", 1+rng.IntN(500))
	default:
		return fmt.Sprintf("%s %d, %d", pipeline.MonthName(m), d, y)
	}
}

// Timeline reads n synthetic facts into a timeline named "synth".
func Timeline(n int, seed uint64) (*pipeline.Timeline, error) {
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, n, seed); err != nil {
		return nil, err
	}
	t, problems, err := pipeline.Read(&buf, "synth.csv", "synth")
	if err == nil && problems.Errors() > 0 {
		err = fmt.Errorf("synthetic facts have errors: %v", problems[0])
	}
	return t, err
}
