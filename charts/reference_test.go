package charts

import (
	"bytes"
	"encoding/json"
	"html/template"
	"testing"

	"timeline/pipeline"
)

// referencePage draws the dated facts of t the way an expert would write
// a fast ECharts timeline by hand, for the browser benchmark to measure
// ours against in the same run: one large-mode lines series for the
// periods and one large-mode scatter series for the points of each lane,
// from typed arrays, animation off, the payload compact arrays of day
// numbers and titles. It has no table, no search, no links and no second
// band. Like our pages it marks "timeline-ready" at its first render, and
// its chart is goecharts_timeline, so that one zoom drives both.
func referencePage(tb testing.TB, t *pipeline.Timeline) []byte {
	tb.Helper()
	type lane struct {
		Name        string   `json:"name"`
		Points      []int64  `json:"p"` // day numbers
		PointTitles []string `json:"pt"`
		Spans       []int64  `json:"s"` // start, end day numbers
		SpanTitles  []string `json:"st"`
	}
	var lanes []lane
	index := map[string]int{}
	for i := range t.Dated() {
		key := t.Kind(i).String()
		if g := t.Field(i, pipeline.FieldGroup); g != "" {
			key += ": " + g
		}
		l, ok := index[key]
		if !ok {
			l = len(lanes)
			index[key] = l
			lanes = append(lanes, lane{Name: key, Points: []int64{}, PointTitles: []string{}, Spans: []int64{}, SpanTitles: []string{}})
		}
		s, e := t.Days(i)
		title := t.Field(i, pipeline.FieldTitle)
		if t.Date(i).IsPeriod() {
			lanes[l].Spans = append(lanes[l].Spans, s, e)
			lanes[l].SpanTitles = append(lanes[l].SpanTitles, title)
		} else {
			lanes[l].Points = append(lanes[l].Points, s)
			lanes[l].PointTitles = append(lanes[l].PointTitles, title)
		}
	}
	data, err := json.Marshal(lanes)
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	err = referenceTemplate.Execute(&b, map[string]any{"ECharts": EChartsURL, "Data": template.JS(data)})
	if err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

var referenceTemplate = template.Must(template.New("reference").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Reference</title>
<script src="{{.ECharts}}"></script>
<style>html, body, #tl { margin: 0; width: 100%; height: 100%; }</style></head>
<body><div id="tl"></div>
<script type="application/json" id="data">{{.Data}}</script>
<script>
(function () {
  var lanes = JSON.parse(document.getElementById("data").textContent);
  /* Decimal years from day numbers (days since 1970-01-01), as our pages draw. */
  function year(d) { return 1970 + d / 365.2425; }
  var series = [];
  lanes.forEach(function (L, l) {
    var spans = new Float64Array(L.s.length / 2 * 5);
    for (var k = 0, j = 0; k < L.s.length; k += 2) {
      spans[j++] = 2; spans[j++] = year(L.s[k]); spans[j++] = l; spans[j++] = year(L.s[k + 1] + 1); spans[j++] = l;
    }
    var points = new Float64Array(L.p.length * 2);
    for (k = 0; k < L.p.length; k++) { points[2 * k] = year(L.p[k] + 0.5); points[2 * k + 1] = l; }
    series.push({ type: "lines", name: L.name, coordinateSystem: "cartesian2d", large: true, largeThreshold: 1, progressive: 0,
      polyline: false, data: spans, lineStyle: { width: 10, opacity: 0.7, cap: "butt" } });
    series.push({ type: "scatter", name: L.name, large: true, largeThreshold: 1, progressive: 0, symbol: "rect", symbolSize: 5,
      dimensions: ["x", "y"], encode: { x: 0, y: 1 }, data: points });
  });
  var chart = echarts.init(document.getElementById("tl"));
  window.goecharts_timeline = chart;
  chart.on("finished", function ready() {
    chart.off("finished", ready);
    performance.mark("timeline-ready");
    document.documentElement.setAttribute("data-timeline-ready", "1");
  });
  chart.setOption({
    animation: false,
    tooltip: { formatter: function (p) {
      var L = lanes[Math.floor(p.seriesIndex / 2)];
      return p.seriesType === "scatter" ? L.pt[p.dataIndex] : L.st[p.dataIndex];
    } },
    dataZoom: [{ type: "slider", filterMode: "filter", showDataShadow: false }, { type: "inside", filterMode: "filter" }],
    grid: { left: 110, right: 30, top: 30, bottom: 70 },
    xAxis: { type: "value", scale: true },
    yAxis: { type: "category", data: lanes.map(function (L) { return L.name; }) },
    series: series
  });
})();
</script></body></html>
`))

// TestReferencePage: the reference page draws every dated fact, and is
// ready when it says so.
func TestReferencePage(t *testing.T) {
	tl := readTimeline(t, "testdata/groups.csv")
	page := referencePage(t, tl)
	if !bytes.Contains(page, []byte(`"name":"history: Rome"`)) {
		t.Errorf("the reference page has no Rome lane:\n%s", page)
	}
}
