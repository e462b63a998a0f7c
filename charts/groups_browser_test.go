package charts

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"timeline/internal/browsertest"
	"timeline/internal/synth"
	"timeline/pipeline"
)

// manyGroups gives n synthetic facts spread over groups distinct groups.
func manyGroups(tb testing.TB, n, groups int) *pipeline.Timeline {
	tb.Helper()
	tl, err := synth.Timeline(n, 1)
	if err != nil {
		tb.Fatal(err)
	}
	if groups == 0 {
		return tl
	}
	facts := make([]pipeline.Fact, tl.Len())
	for i := range facts {
		facts[i] = tl.Fact(i)
		facts[i].Group = fmt.Sprintf("Group %d", i%groups)
	}
	return pipeline.NewTimeline("groups", nil, facts...)
}

func TestLargestLanes(t *testing.T) {
	numbers := make([]int, 25)
	count := make([]int, 25)
	for i := range numbers {
		numbers[i] = i
		count[i] = 1
	}
	count[24], count[23] = 9, 5 // the last to appear are the largest
	own, others := largestLanes(numbers, count)
	if len(own) != maxLanesPerBand-1 || own[0] != 0 || own[len(own)-2] != 23 || own[len(own)-1] != 24 {
		t.Errorf("own lanes = %v", own)
	}
	// The first 17 of the ones keep theirs; 17 to 22 go to other groups.
	if want := []int{17, 18, 19, 20, 21, 22}; fmt.Sprint(others) != fmt.Sprint(want) {
		t.Errorf("others = %v, want %v", others, want)
	}
	if own, others := largestLanes(numbers[:maxLanesPerBand], count); len(own) != maxLanesPerBand || others != nil {
		t.Errorf("at the limit: %d own, %v others", len(own), others)
	}
}

// TestLayoutManyGroups lays out 6,000 facts in 5,000 groups: each band
// draws at most maxLanesPerBand lanes, the last its other groups.
func TestLayoutManyGroups(t *testing.T) {
	l := newLayout(manyGroups(t, 6_000, 5_000), english())
	var names [2][]string
	for _, ln := range l.lanes {
		names[ln.Band] = append(names[ln.Band], ln.Name)
	}
	for band, n := range names {
		if len(n) != maxLanesPerBand || n[len(n)-1] != [2]string{"History", "Historiography"}[band]+": other groups" {
			t.Errorf("band %d: %d lanes, the last %q", band, len(n), n[len(n)-1])
		}
	}
}

// TestLaneColours: eight lanes of a band, each its own colour, starting
// with the band's own hues, blues for history and oranges for
// historiography; the ninth takes the first again.
func TestLaneColours(t *testing.T) {
	l := newLayout(manyGroups(t, 1_000, 9), english())
	var colours [2][]string
	for _, ln := range l.lanes {
		colours[ln.Band] = append(colours[ln.Band], ln.Color)
	}
	want := [2][]string{
		{"#0072B2", "#009E73", "#56B4E9", "#CC79A7", "#000000", "#E69F00", "#D55E00", "#F0E442", "#0072B2"},
		{"#D55E00", "#E69F00", "#CC79A7", "#0072B2", "#000000", "#009E73", "#56B4E9", "#F0E442", "#D55E00"},
	}
	for band := range colours {
		if !slices.Equal(colours[band], want[band]) {
			t.Errorf("band %d: colours %q, want %q", band, colours[band], want[band])
		}
	}
}

// TestBrowserManyGroups opens a page of 6,000 facts in 5,000 groups, as
// a careless export gives: it is drawn, with few lanes, and every fact can
// still be found by its title or its group, which the table and tooltip
// show.
func TestBrowserManyGroups(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: skipping the 6,000-fact page")
	}
	// Past 3,000 facts, in large mode; BenchmarkBrowserManyGroups times
	// ten times as many.
	tl := manyGroups(t, 6_000, 5_000)
	pageURL := browsertest.WritePage(t, "groups.html", render(t, tl, Options{}))
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	if got, want := tab.Open(pageURL), fmt.Sprint(tl.Dated()); got != want {
		t.Fatalf("data-timeline-ready = %s, want %s", got, want)
	}
	lanes := browsertest.Eval[[]string](tab, `Timeline.data().lanes.map(l => l.name)`)
	if len(lanes) != 2*maxLanesPerBand || lanes[maxLanesPerBand-1] != "History: other groups" || lanes[len(lanes)-1] != "Historiography: other groups" {
		t.Errorf("%d lanes: %q", len(lanes), lanes)
	}
	if n := browsertest.Eval[int](tab, `document.querySelectorAll("fieldset.lanes input").length`); n != 2*maxLanesPerBand {
		t.Errorf("%d lane checkboxes, want %d", n, 2*maxLanesPerBand)
	}
	// A fact of a small group, by its title, then by its group.
	i := 4_999
	title, group := tl.Fact(i).Title, tl.Fact(i).Group
	for _, query := range []string{title, group} {
		browsertest.Eval[bool](tab, `(document.getElementById("tl-search").value = "", true)`)
		tab.Do(chromedp.SendKeys(chromedp.CSS("#tl-search"), query+"\n"))
		status, err := chromedp.Run(tab.Ctx, chromedp.Poll[string](`(s => s.startsWith("1 match") || s.endsWith("matches") ? s : null)(document.getElementById("tl-search-status").textContent)`))
		if err != nil {
			t.Fatalf("searching %q: %v", query, err)
		}
		rows := browsertest.Eval[[]string](tab, `[...document.querySelectorAll("section.facts tbody tr")].map(tr => tr.textContent)`)
		found := false
		for _, r := range rows {
			found = found || strings.Contains(r, title) && strings.Contains(r, ": "+group)
		}
		if !found {
			t.Errorf("searching %q (%s): no table row shows %q in %q; rows %.200q", query, status, title, group, rows)
		}
	}
	tip := browsertest.Eval[string](tab, fmt.Sprintf(`Timeline.factTip(Timeline.data().id.indexOf(%q))`, tl.Fact(i).ID))
	if want := "<tr><th>Group</th><td>" + group + "</td></tr>"; !strings.Contains(tip, want) {
		t.Errorf("the tooltip lacks %s: %s", want, tip)
	}
	tab.NoProblems()
}

// BenchmarkBrowserManyGroups measures, in one run, the ready time of the
// same 60,000 facts in 6 groups and in 50,000, and their ratio:
//
//	go test ./charts -run '^$' -bench BrowserManyGroups -benchtime 3x
func BenchmarkBrowserManyGroups(b *testing.B) {
	browser := browsertest.Start(b)
	opts := serveEChartsB(b)
	var ready [2]float64
	for k, groups := range []int{0, 50_000} {
		page := render(b, manyGroups(b, 60_000, groups), Options{})
		pageURL := browsertest.WritePage(b, "groups.html", page)
		for range 3 {
			tab := browser.NewTab(b, opts)
			tab.Open(pageURL)
			ready[k] += browsertest.Eval[float64](tab, `performance.getEntriesByName("timeline-ready")[0].startTime`) / 3
		}
	}
	b.ReportMetric(ready[0], "ms/ready-6-groups")
	b.ReportMetric(ready[1], "ms/ready-50000-groups")
	b.ReportMetric(ready[1]/ready[0], "ratio")
	b.ReportMetric(0, "ns/op")
}
