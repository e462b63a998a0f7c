// Package charts draws a timeline as an interactive ECharts page, through
// github.com/go-echarts/go-echarts/v2.
//
// A page has two bands on one time axis: history above, historiography
// below, each with a lane per group. Periods are bars, single dates are
// markers, and dashed arrows run from each work to the facts it studies.
// Under the chart, a plain HTML table lists every fact, undated ones too.
//
// go-echarts configures the chart (axes, zoom, legend, toolbox, tooltip,
// aria) with a fixed chart id. The facts travel as one compact JSON
// payload of columns in a <script type="application/json"> element, which
// the page's own script (assets/timeline.js) draws. go-echarts writes its
// option without HTML escaping and deletes "__f__" everywhere, so every
// CSV string that reaches the page goes through SafeText's escaping.
//
// When the first full render is done, the page sets data-timeline-ready on
// <html> to the number of facts drawn.
package charts
