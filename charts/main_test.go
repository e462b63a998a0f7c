package charts

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"timeline/internal/browsertest"
	"timeline/internal/golden"
	"timeline/pipeline"
)

func TestMain(m *testing.M) {
	code := m.Run()
	browsertest.Close()
	os.Exit(code)
}

// seed is the test's own copy of the bundled timeline, testdata/stalinism.csv
// with its stalinism.md, rendered once into a folder of its own as build
// renders it: the teacher's data/ and out/ are theirs to edit.
var seed struct {
	once sync.Once
	dir  string
	tl   *pipeline.Timeline
	err  error
}

// seedPages renders the seed's page and embed, once, and gives their
// folder and the timeline.
func seedPages(t testing.TB) (dir string, tl *pipeline.Timeline) {
	t.Helper()
	tl = readTimeline(t, "testdata/stalinism.csv")
	md := golden.Read(t, "testdata/stalinism.md")
	seed.once.Do(func() {
		intro, err := ParseIntro("stalinism.md", md)
		if err != nil {
			seed.err = err
			return
		}
		var page, embed bytes.Buffer
		if seed.err = NewPage(tl, Options{Intro: intro}).WriteBoth(&page, &embed); seed.err != nil {
			return
		}
		seed.tl = tl
		seed.dir, seed.err = browsertest.WriteFiles(map[string][]byte{"stalinism.html": page.Bytes(), "stalinism.embed.html": embed.Bytes()})
	})
	if seed.err != nil {
		t.Fatalf("rendering the seed: %v", seed.err)
	}
	return seed.dir, seed.tl
}

// seedURL gives the file: URL of the seed's page.
func seedURL(t testing.TB) string {
	dir, _ := seedPages(t)
	return fileURL(filepath.Join(dir, "stalinism.html"))
}
