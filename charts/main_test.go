package charts

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"timeline/internal/browsertest"
	"timeline/pipeline"
)

func TestMain(m *testing.M) {
	code := m.Run()
	browsertest.Close()
	if seed.dir != "" {
		os.RemoveAll(seed.dir)
	}
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
	seed.once.Do(func() {
		tl, problems, err := pipeline.ReadFile(filepath.Join("testdata", "stalinism.csv"))
		if err == nil && problems.Errors() > 0 {
			err = fmt.Errorf("%v", problems)
		}
		if err != nil {
			seed.err = err
			return
		}
		md, err := os.ReadFile(filepath.Join("testdata", "stalinism.md"))
		if err != nil {
			seed.err = err
			return
		}
		intro, err := ParseIntro("stalinism.md", md)
		if err != nil {
			seed.err = err
			return
		}
		if seed.dir, seed.err = os.MkdirTemp("", "seed-"); seed.err != nil {
			return
		}
		page, _ := os.Create(filepath.Join(seed.dir, "stalinism.html"))
		embed, _ := os.Create(filepath.Join(seed.dir, "stalinism.embed.html"))
		seed.err = NewPage(tl, Options{Intro: intro}).WriteBoth(page, embed)
		page.Close()
		embed.Close()
		seed.tl = tl
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
