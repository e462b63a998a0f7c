package synth

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"timeline/pipeline"
)

// TestWrite checks that the output is deterministic, reads without errors,
// and has both kinds, periods, BC dates and links.
func TestWrite(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(context.Background(), &a, 2000, 7); err != nil {
		t.Fatal(err)
	}
	Write(context.Background(), &b, 2000, 7)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two runs with the same seed differ")
	}
	tl, problems, err := pipeline.Read(bytes.NewReader(a.Bytes()), "gen.csv", "gen")
	if err != nil || problems.Errors() > 0 || len(problems) > 0 {
		t.Fatalf("reading the output: %v %v", err, problems[:min(5, len(problems))])
	}
	var works, periods, bc, links int
	for _, f := range tl.Facts() {
		if f.Kind == pipeline.Historiography {
			works++
		}
		if f.Date.IsPeriod() {
			periods++
		}
		if f.Date.Start.Year <= 0 {
			bc++
		}
		links += len(f.About.Items())
	}
	if tl.Len() != 2000 || works < 400 || periods < 200 || bc < 50 || links < works {
		t.Errorf("facts %d, works %d, periods %d, BC %d, links %d", tl.Len(), works, periods, bc, links)
	}
	if !strings.HasPrefix(a.String(), "id,kind,title,date,group,description,authors,published_in,about,url,source,tags\n") {
		t.Errorf("header: %.80s", a.String())
	}
}

// TestWriteNone writes the header alone for no facts.
func TestWriteNone(t *testing.T) {
	var b bytes.Buffer
	if err := Write(context.Background(), &b, 0, 1); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "id,kind,title,date,group,description,authors,published_in,about,url,source,tags\n"; got != want {
		t.Errorf("no facts: %q, want %q", got, want)
	}
}
