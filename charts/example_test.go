package charts_test

import (
	"fmt"
	"strings"

	"timeline/charts"
	"timeline/pipeline"
)

func ExampleRangeLabel() {
	for _, text := range []string{"1926–1953", "15 March 44 BC", "1989/.."} {
		d, _ := pipeline.ParseDate(text)
		fmt.Println(charts.RangeLabel(d))
	}
	// Output:
	// 1 Jan 1926 – 31 Dec 1953
	// 15 Mar 44 BC
	// 1 Jan 1989 – (open)
}

func ExampleHumanise() {
	fmt.Println(charts.Humanise("soviet_history-1930s"))
	// Output: Soviet history 1930s
}

// ExampleWritePage draws a timeline: the page's data-timeline-ready and its
// payload come from the facts.
func ExampleWritePage() {
	d, _ := pipeline.ParseDate("1926–1953")
	t := pipeline.NewTimeline("stalinism", nil, pipeline.Fact{Title: "Stalin leads the USSR", Date: d})
	var page strings.Builder
	if err := charts.WritePage(&page, t, charts.Options{}); err != nil {
		panic(err)
	}
	fmt.Println(strings.Contains(page.String(), `<title>Stalinism</title>`))
	fmt.Println(strings.Contains(page.String(), `"id":["stalin-leads-the-ussr-1926"]`))
	// Output:
	// true
	// true
}
