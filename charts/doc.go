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
// the page's own script draws. Past 3,000 facts its text columns come in
// a second element, read once the chart is drawing; past 30,000 both are
// gzipped and written in base64, and the script inflates them with the
// browser's DecompressionStream. Until the texts are in, the tooltips,
// labels, search, the table's pages and the presenter wait; the page sets
// data-timeline-texts on <html> when they are in. The script is in parts
// under assets/js, by
// concern (dates, text, state, drawing, large mode, search, table,
// controls, start), inlined in that order; the pure ones, dates.js and
// text.js, are tested with node --test in charts/jstest. Constants both
// sides need (fact flags, page size, large-mode limits) travel in the
// payload's "k". go-echarts writes its
// option without HTML escaping and deletes "__f__" everywhere, so every
// CSV string that reaches the page goes through SafeText's escaping.
// A page is Latin-1 text, which the browser reads one byte a character:
// a character past U+00FF is a \u escape in its scripts and a character
// reference in its HTML, Russian, Chinese and Arabic text included.
//
// A page speaks the lesson's language (Options.Lang, or the intro's lang):
// its words come from the catalogues of package internal/locale, with
// CLDR plural forms, and its dates from CLDR's month names and patterns.
// The payload's "loc" carries them to the script, which picks plural
// forms with the browser's Intl.PluralRules. Arabic and Hebrew pages run
// right to left.
//
// When the first full render is done, the page sets data-timeline-ready on
// <html> to the number of facts drawn.
//
// The package renders from values it is given: it reads no file and no
// network. The command reads a timeline's NAME.md (ParseIntro parses it)
// and finds ECharts for offline pages (CheckECharts checks it).
package charts
