package charts

import (
	"bufio"
	"bytes"
	"cmp"
	"embed"
	"encoding/base64"
	"html/template"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/klauspost/compress/gzip"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"timeline/internal/locale"
	"timeline/pipeline"
)

// The ECharts release pages load. The integrity hash is the Subresource
// Integrity of that file, so a browser refuses a tampered copy; SHA256 is
// what an offline page's inlined copy is checked against.
const (
	EChartsVersion   = "5.6.0"
	EChartsURL       = "https://cdn.jsdelivr.net/npm/echarts@" + EChartsVersion + "/dist/echarts.min.js"
	EChartsIntegrity = "sha384-pPi0zxBAoDu6+JXW/C68UZLvBUUtU+7zonhif43rqj7pxsGyqyqzcian2Rj37Rss"
	EChartsSHA256    = "bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1"
)

// chartID is the id of the chart's element. It is fixed so that the same
// input gives the same page; go-echarts would pick a random one.
const chartID = "timeline"

var (
	//go:embed assets/page.html.tmpl
	pageTemplateText string
	//go:embed assets/page.css
	pageCSS string
	//go:embed assets/js
	scripts embed.FS

	pageTemplate = template.Must(template.New("page").Parse(pageTemplateText))

	// timelineJS is the page script, assembled once from its parts.
	timelineJS = assembleScript()
)

// The page script's parts, in the order they run. The modules stand
// alone, pure, and charts/jstest tests them with node --test; the parts
// share one closure, Timeline, whose API the last of them returns.
var (
	scriptModules = []string{"dates.js", "text.js"}
	scriptParts   = []string{"state.js", "draw.js", "large.js", "search.js", "table.js", "controls.js", "present.js", "start.js"}
)

func assembleScript() string {
	var b strings.Builder
	b.WriteString("\"use strict\";\n")
	for _, name := range scriptModules {
		b.Write(mustScript(name))
	}
	b.WriteString("var Timeline = (function () {\n  \"use strict\";\n")
	for _, name := range scriptParts {
		b.WriteString("\n")
		b.Write(mustScript(name))
	}
	b.WriteString("})();\n")
	return b.String()
}

func mustScript(name string) []byte {
	b, err := scripts.ReadFile("assets/js/" + name)
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	return b
}

// Options says how a page is made.
type Options struct {
	// Title heads the page. Empty means Intro's title, or else the
	// timeline's name, humanised: "soviet_history" becomes "Soviet history".
	Title string
	// Intro, from the timeline's NAME.md, introduces the chart and may set
	// its first view.
	Intro Intro
	// EChartsURL is where an online page loads ECharts from, checked
	// against EChartsIntegrity. Empty means EChartsURL, the pinned release.
	EChartsURL string
	// EChartsJS, when set, is inlined into the page, which then needs no
	// network at all. The caller checks it against EChartsSHA256.
	EChartsJS []byte
	// Embed makes the chart alone, with no page around it, filling the
	// window: for an <iframe> in lesson material.
	Embed bool
	// Citations, when set, are linked from the page's bibliography.
	Citations Citations
	// Lang is the lesson's language, a BCP 47 tag; Intro's, when it names
	// one, else this, else DefaultLang. A language written from right to
	// left makes the page right to left, and its time axis runs that way.
	Lang string
}

// lang gives a page's language, and whether it reads right to left.
func (o Options) lang() (string, bool) {
	l := cmp.Or(o.namedLang(), DefaultLang)
	return l, IsRTL(l)
}

// namedLang gives the language the lesson or the build names, or "".
func (o Options) namedLang() string { return cmp.Or(o.Intro.Lang, o.Lang) }

// locale gives the catalogue of the page's language.
func (o Options) locale() *locale.Locale {
	lang, _ := o.lang()
	loc, _ := locale.For(lang) // English words for a language without a catalogue
	return loc
}

// Page is a timeline laid out for drawing: its HTML page and its embed
// share the work.
type Page struct {
	t       *pipeline.Timeline
	o       Options
	layout  *layout // with the page's language, layout.loc
	title   string
	summary string
}

// NewPage lays out t for drawing.
func NewPage(t *pipeline.Timeline, o Options) *Page {
	loc := o.locale()
	l := newLayout(t, loc)
	title := cmp.Or(o.Title, cmp.Or(o.Intro.Title, Humanise(t.Name)))
	return &Page{t: t, o: o, layout: l, title: title, summary: summary(t, loc)}
}

// WritePage writes the HTML page of t.
func WritePage(w io.Writer, t *pipeline.Timeline, o Options) error {
	return NewPage(t, o).writePages(pageOut{w, o.Embed})
}

// WriteBoth writes the whole page to page and the chart alone to embed,
// making the data they share once.
func (p *Page) WriteBoth(page, embed io.Writer) error {
	return p.writePages(pageOut{page, false}, pageOut{embed, true})
}

// A large page's texts come in an element of their own, which the script
// reads once the chart is drawing: the chart does not wait for every
// title and description. Past compressedFacts, both elements are gzipped
// and written in base64, which the script inflates with the browser's
// DecompressionStream: a 100,000-fact page weighs a sixth, and Chromium
// reads and parses its HTML that much sooner. Inflating costs a tenth of
// a second or more of its own, which a smaller page would not win back.
// Smaller pages keep their payload as JSON anyone can read.
const (
	textsApartFacts = largeFacts
	compressedFacts = 30_000
)

// payloadLevel gives the gzip level of a payload of n facts: 5, which
// made the 1,000,000-fact page of timeline gen 13% smaller than 1 did
// (32.5 MB against 37.3 MB), and brings a 100,000-fact page under the
// hand-tuned page's weight; past 200,000 facts 1, as level 5 added 1.5 s
// to that 1,000,000-fact build in the same runs (two alternated runs
// each).
func payloadLevel(n int) int {
	if n > 200_000 {
		return gzip.BestSpeed
	}
	return 5
}

// textsApart tells whether the page's texts come in an element of their own.
func (p *Page) textsApart() bool { return p.t.Len() > textsApartFacts }

// compressed tells whether the page's payload is gzipped.
func (p *Page) compressed() bool { return p.t.Len() > compressedFacts }

// payloadElement opens the payload's element, or the texts' when texts.
func (p *Page) payloadElement(texts bool) string {
	id := "timeline-data"
	if texts {
		id = "timeline-texts"
	}
	if p.compressed() {
		return `<script type="text/plain" data-encoding="gzip+base64" id="` + id + `">`
	}
	return `<script type="application/json" id="` + id + `">`
}

// writePayload writes the payload to w; for a large page, its texts to w
// and then the payload in a second element: as JSON, or gzipped in
// base64. The texts, the bulk of it, go on to w as they are made, so that
// a failing w (a build cancelled) stops them soon; the rest waits in
// memory.
// gzip's header carries no name and no time, so the same timeline gives
// the same bytes.
func (p *Page) writePayload(w io.Writer) error {
	if !p.textsApart() {
		bw := bufio.NewWriterSize(w, 64<<10)
		if err := p.layout.writePayload(bw, nil, p.o.Intro.View); err != nil {
			return err
		}
		return bw.Flush()
	}
	var coreOut bytes.Buffer
	var err error
	if p.compressed() {
		level := payloadLevel(p.t.Len())
		core, cerr := newGzipBase64(&coreOut, level)
		texts, terr := newGzipBase64(w, level)
		if err := cmp.Or(cerr, terr); err != nil {
			return err
		}
		bw, tw := bufio.NewWriterSize(core, 64<<10), bufio.NewWriterSize(texts, 64<<10)
		err = cmp.Or(p.layout.writePayload(bw, tw, p.o.Intro.View), bw.Flush(), tw.Flush(), core.Close(), texts.Close())
	} else {
		bw, tw := bufio.NewWriterSize(&coreOut, 64<<10), bufio.NewWriterSize(w, 64<<10)
		err = cmp.Or(p.layout.writePayload(bw, tw, p.o.Intro.View), bw.Flush(), tw.Flush())
	}
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, "</script>\n"+p.payloadElement(false)); err != nil {
		return err
	}
	_, err = coreOut.WriteTo(w)
	return err
}

// gzipBase64 writes what it is given to its destination gzipped, in
// base64; Close ends both. It compresses as it is written, on the
// goroutine that makes the payload: on two cores, where the normalised
// CSV is written beside the pages, a goroutine of its own for gzip made
// the 1,000,000-fact page slower, not faster (BenchmarkRender of that
// file's page, three alternated runs: 1.04 s against 1.11 s; its build,
// five alternated runs: medians 3.28 s against 3.39 s).
type gzipBase64 struct {
	*gzip.Writer
	b64 io.WriteCloser
}

// newGzipBase64 gives a gzipBase64 writing to dst at level.
func newGzipBase64(dst io.Writer, level int) (*gzipBase64, error) {
	b64 := base64.NewEncoder(base64.StdEncoding, dst)
	zw, err := gzip.NewWriterLevel(b64, level)
	if err != nil {
		return nil, err
	}
	return &gzipBase64{zw, b64}, nil
}

// Close ends the gzip stream, then the base64.
func (z *gzipBase64) Close() error { return cmp.Or(z.Writer.Close(), z.b64.Close()) }

// pageOut is one page to write: whole, or the chart alone.
type pageOut struct {
	w     io.Writer
	embed bool
}

// writePages writes pages that share one payload. The payload, already
// safe in a <script> element, is written between the two halves of each
// page's template rather than copied through it, and made once for all.
// Each page goes through one buffer from start to end: gzip and base64
// hand on a few hundred bytes at a time, and unbuffered, a 1,000,000-fact
// build made 310,000 writes to the two pages.
func (p *Page) writePages(outs ...pageOut) error {
	data := make([]pageData, len(outs))
	bws := make([]*bufio.Writer, len(outs))
	payloadTo := make([]io.Writer, len(outs))
	// The inlined ECharts, escaped once for all the pages.
	var inline template.JS
	if p.o.EChartsJS != nil {
		inline = template.JS(scriptText(p.o.EChartsJS))
	}
	for i, out := range outs {
		data[i] = p.pageData(out.embed, inline)
		bws[i] = bufio.NewWriterSize(out.w, 256<<10)
		if err := executeLatin1(bws[i], "before-payload", data[i]); err != nil {
			return err
		}
		// A large page's texts come first; see writePayload.
		bws[i].WriteString("\n" + p.payloadElement(p.textsApart()))
		payloadTo[i] = bws[i]
	}
	if err := p.writePayload(io.MultiWriter(payloadTo...)); err != nil {
		return err
	}
	for i, bw := range bws {
		bw.WriteString("</script>")
		if err := executeLatin1(bw, "after-payload", data[i]); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// executeLatin1 writes the page template's part named name to w, its
// characters past Latin-1 as character references (see latin1.go). Its
// scripts' text has none: it is made by scriptText, jsEscapes and
// appendJSONString, or is ours, in ASCII (TestAssetsAreASCII).
func executeLatin1(w io.Writer, name string, data pageData) error {
	lw := &latin1Writer{w: w}
	if err := pageTemplate.ExecuteTemplate(lw, name, data); err != nil {
		return err
	}
	return lw.flush()
}

// pageData gives the template what it needs for a page or an embed, with
// inline, the text of ECharts for an offline page, or empty.
func (p *Page) pageData(embed bool, inline template.JS) pageData {
	t, o := p.t, p.o
	_, rtl := o.lang()
	chart := newChart(p.layout, p.title, p.summary, embed, rtl)
	loc := p.layout.loc
	snippet := chart.RenderSnippet()
	data := pageData{
		Title:            p.title,
		Summary:          p.summary,
		CSS:              template.CSS(pageCSS),
		EChartsURL:       cmp.Or(o.EChartsURL, EChartsURL),
		EChartsIntegrity: EChartsIntegrity,
		Embed:            embed,
		ChartElement:     template.HTML(snippet.Element),
		ChartScript:      template.HTML(jsEscapes(snippet.Script)),
		Script:           template.JS(timelineJS),
		ExtraColumns:     t.ExtraColumns,
		Intro:            o.Intro.HTML,
		Lanes:            p.layout.laneNames(),
		Loc:              loc,
		Compressed:       p.compressed(),
		InlineECharts:    inline,
	}
	data.Lang, data.RTL = o.lang()
	if !embed {
		limit := t.Len()
		if limit > tableRowsLimit {
			limit = tablePage
		}
		data.Bibliography, data.Works = bibliography(t, loc)
		data.Citations = o.Citations
		data.Headings = tableHeadings(t)
		data.Rows = tableRows(t, loc, data.Headings, limit)
		data.Total = t.Len()
		if len(data.Rows) < data.Total {
			data.TableNote = loc.Text("TablePaged", map[string]any{"Shown": len(data.Rows), "Count": data.Total})
			if data.Compressed {
				// A browser that cannot inflate the payload cannot page
				// either: the note it shows instead says what the table holds.
				data.TableNoteOld = loc.Text("TableShows", map[string]any{"First": 1, "Last": len(data.Rows), "Count": data.Total})
			}
		}
		switch {
		case data.Works > 0 && len(data.Bibliography) == 0:
			data.WorksNote = loc.Text("TooManyWorks", map[string]any{"Count": data.Works})
		case len(data.Bibliography) < data.Works:
			data.WorksNote = loc.Text("FirstWorks", map[string]any{"Shown": len(data.Bibliography), "Count": data.Works})
		}
	}
	return data
}

type pageData struct {
	Title, Summary   string
	CSS              template.CSS
	EChartsURL       string
	EChartsIntegrity string
	InlineECharts    template.JS
	Embed            bool
	ChartElement     template.HTML
	ChartScript      template.HTML
	Script           template.JS
	ExtraColumns     []string
	Headings         []string // the table's, from the schema
	Bibliography     []bibEntry
	Works            int // historiography rows; Bibliography may list fewer
	Citations        Citations
	Rows             []tableRow
	Total            int // facts in the timeline; Rows may hold fewer
	Intro            template.HTML
	Lanes            []string
	Lang             string
	RTL              bool
	Loc              *locale.Locale // the page's words: {{.Loc.Word "Search"}}
	TableNote        string         // when the table holds only the first rows
	TableNoteOld     string         // TableNote in a browser that cannot inflate a compressed payload
	Compressed       bool           // the payload is gzipped, which a browser before 2023 cannot inflate
	WorksNote        string         // when Works cited lists only some works
}

type tableRow struct {
	ID    string
	Cells []tableCell
	Extra []string
}

// tableRows gives the table's rows for the first limit facts, with a cell
// for each of headings.
func tableRows(t *pipeline.Timeline, loc *locale.Locale, headings []string, limit int) []tableRow {
	shown := make([]pipeline.Fact, 0, min(limit, t.Len()))
	for i := range cap(shown) {
		shown = append(shown, t.Fact(i))
	}
	// The titles of the facts these rows study, from the timeline's links,
	// which come in the order of the works. An id that names no fact
	// stands for itself.
	titles := map[string]string{}
	for _, l := range t.Links() {
		if l.Work >= len(shown) {
			break
		}
		titles[t.Field(l.Studied, pipeline.FieldID)] = t.Field(l.Studied, pipeline.FieldTitle)
	}
	ctx := newCellContext(titles, loc)
	shownHeadings := make([]string, len(headings))
	for k, h := range headings {
		shownHeadings[k] = loc.Word("Heading." + h)
	}
	rows := make([]tableRow, len(shown))
	for i := range rows {
		f := &shown[i]
		r := tableRow{ID: f.ID, Cells: make([]tableCell, len(headings)), Extra: f.Extra}
		for k, h := range headings {
			r.Cells[k] = cellMakers[h](f, ctx)
			r.Cells[k].Heading = shownHeadings[k]
		}
		rows[i] = r
	}
	return rows
}

// DayLabel writes a day as an English page does: "5 Mar 1953", "15 Mar 44 BC".
func DayLabel(d pipeline.Day) string { return dayLabel(english(), d) }

// RangeLabel writes the days a date covers, as an English page's tooltips
// do: "1 Jan 1926 – 31 Dec 1953". It is empty for an undated fact.
func RangeLabel(d pipeline.Date) string { return rangeLabel(english(), d) }

// summary says how many facts t has, how many are drawn and over which
// years, and how many are undated, in loc's words: "3 facts: 2 drawn,
// from 1926 to 1953; 1 undated, listed in the table."
func summary(t *pipeline.Timeline, loc *locale.Locale) string {
	n, dated := t.Len(), t.Dated()
	s := loc.Text("Facts", map[string]any{"Count": n})
	if first, last, ok := t.Range(); ok {
		s += loc.Word("SummaryColon") + loc.Text("Drawn", map[string]any{"Count": dated, "From": loc.Year(first.Year), "To": loc.Year(last.Year)})
	}
	if u := n - dated; u > 0 {
		s += loc.Word("SummarySemicolon") + loc.Text("Undated", map[string]any{"Count": u})
	}
	return s + loc.Word("SummaryEnd")
}

// Humanise turns a file name into a title: "soviet_history-1930s" becomes
// "Soviet history 1930s".
func Humanise(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == '-' || unicode.IsSpace(r) })
	s := strings.Join(words, " ")
	for i, r := range s {
		return s[:i] + string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return "Timeline"
}

// maxChartHeight caps the chart's height; lanes share it past that.
const maxChartHeight = 960

// tableRowsLimit is how many facts the page's HTML table holds. A larger
// timeline's table shows its first tablePage facts without JavaScript,
// and pages through the rest with it; its normalised CSV has them all.
const (
	tableRowsLimit = 300
	tablePage      = 100 // the script pages by it too: see scriptConstants
)

// newChart configures the go-echarts chart: everything but the series,
// which the page's script builds from the payload.
func newChart(l *layout, title, summary string, embed, rtl bool) *charts.Custom {
	c := charts.NewCustom()
	loc := l.loc
	height := "100%"
	if !embed {
		height = strconv.Itoa(min(max(320, 150+34*l.rows), maxChartHeight)) + "px"
	}
	c.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{
			ChartID: chartID, Width: "100%", Height: height, PageTitle: title, Theme: "default",
		}),
		charts.WithAnimation(false),
		charts.WithLegendOpts(opts.Legend{
			Show: opts.Bool(true), Type: "scroll", Top: "8", Left: "center",
			Data: safeTexts(l.laneNames()),
		}),
		charts.WithTooltipOpts(opts.Tooltip{
			Show: opts.Bool(true), Trigger: "item", Enterable: opts.Bool(true),
			Formatter: opts.FuncOpts("function (p) { return Timeline.tooltip(p); }"),
		}),
		charts.WithToolboxOpts(opts.Toolbox{
			Show: opts.Bool(true), Right: "16", Top: "4",
			Feature: &opts.ToolBoxFeature{
				SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{Show: opts.Bool(true), Type: "png", Name: fileSlug(l.t.Name), Title: loc.Word("SaveAsPNG")},
				Restore:     &opts.ToolBoxFeatureRestore{Show: opts.Bool(true), Title: loc.Word("ResetView")},
			},
		}),
		charts.WithDataZoomOpts(
			opts.DataZoom{Type: "slider", XAxisIndex: []int{0}, Start: 0, End: 100},
			opts.DataZoom{Type: "inside", XAxisIndex: []int{0}, Start: 0, End: 100},
		),
		charts.WithGridOpts(gridFor(rtl)),
		charts.WithXAxisOpts(opts.XAxis{
			Type: "value", Scale: opts.Bool(true), Inverse: trueIf(rtl),
			AxisLabel: &opts.AxisLabel{Formatter: opts.FuncOpts("function (v) { return Timeline.axisLabel(v); }"), HideOverlap: opts.Bool(true)},
			SplitLine: &opts.SplitLine{Show: opts.Bool(true)},
			AxisLine:  &opts.AxisLine{OnZero: opts.Bool(false)},
		}),
		charts.WithYAxisOpts(opts.YAxis{
			Type: "value", Inverse: opts.Bool(true), Position: yAxisSide(rtl),
			AxisLabel: &opts.AxisLabel{Interval: "0", Formatter: opts.FuncOpts("function (v) { return Timeline.rowLabel(v); }"), Width: 136, Overflow: "truncate"},
			SplitLine: &opts.SplitLine{Show: opts.Bool(false)},
			AxisLine:  &opts.AxisLine{OnZero: opts.Bool(false)},
		}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{
			Enabled:     opts.Bool(true),
			Description: summary + " " + loc.Word("ChartDescription"),
		}}),
	)
	c.AddJSFuncStrs(types.FuncStr("Timeline.start(%MY_ECHARTS%, 'timeline-data');"))
	return c
}

// gridFor leaves room for the lane names on the left, or on the right in
// a right-to-left page.
func gridFor(rtl bool) opts.Grid {
	if rtl {
		return opts.Grid{Left: "40", Right: "150", Top: "48", Bottom: "64"}
	}
	return opts.Grid{Left: "150", Right: "40", Top: "48", Bottom: "64"}
}

func yAxisSide(rtl bool) string {
	if rtl {
		return "right"
	}
	return ""
}

// trueIf gives an option that is set only when b is.
func trueIf(b bool) *bool {
	if b {
		return opts.Bool(true)
	}
	return nil
}

// fileSlug makes a name safe as a download's file name.
func fileSlug(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return cmp.Or(b.String(), "timeline")
}
