package charts

import (
	"fmt"
	"strings"
	"testing"

	"timeline/internal/browsertest"
	"timeline/pipeline"
)

// injectionCorpus holds text that must never run as script or become
// markup in a page. Each payload that runs sets window.__pwned or opens a
// dialog.
var injectionCorpus = []string{
	`<script>alert(1)</script>`,
	`</script><script>alert(1)</script>`,
	`</script><script>window.__pwned=1</script>`,
	`<img src=x onerror=alert(1)>`,
	`<img src=x onerror="window.__pwned=1">`,
	`"><svg onload=alert(1)>`,
	`'><iframe src="javascript:alert(1)"></iframe>`,
	`<a href="javascript:alert(1)">click me</a>`,
	`javascript:alert(1)`,
	`data:text/html,<script>alert(1)</script>`,
	`__f__alert(1)__f__`,
	`"__f__function(){alert(1)}__f__"`,
	`__f__"}]});window.__pwned=1;//`,
	"\u2028alert(1)\u2029window.__pwned=1",
	`</title><script>alert(1)</script>`,
	`</textarea><script>alert(1)</script>`,
	`</style><script>alert(1)</script>`,
	`<style>body{display:none}</style>`,
	`{{.Title}} ${alert(1)} #{alert(1)}`,
	`');alert(1);//`,
	`";alert(1);//`,
	`<!--<script>alert(1)//-->`,
	`<body onload=alert(1)>`,
	`<details open ontoggle=alert(1)>`,
	`&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#x3C;`,
	"control \x01\x02\x7f chars",
	"broken \xff\xfe UTF-8 \xc3",
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`%3Cscript%3Ealert(1)%3C/script%3E`,
	`javascript&colon;alert(1)`,
	`<scr<script>ipt>alert(1)</scr</script>ipt>`,
	// Written past Latin-1 as escapes and references (latin1.go), and
	// shown as it is.
	"“Вождь” – 斯大林 😀 &#x2013; \\u2013, café",
}

// urlCorpus goes in the url column, which check would refuse: the page
// must still be safe if such a url reaches it.
var urlCorpus = []string{
	`javascript:alert(1)`,
	`JaVaScRiPt:alert(1)`,
	` javascript:window.__pwned=1`,
	`data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
	`vbscript:msgbox(1)`,
	`https://example.org/"onmouseover="alert(1)`,
	`https://example.org/<script>alert(1)</script>`,
}

// shown is what a browser shows for s: each invalid byte is U+FFFD.
func shown(s string) string { return string([]rune(s)) }

// TestBrowserInjection puts every payload in every text column, and in
// url and media: no dialog opens, no injected element or attribute appears, and the
// tooltip and the table show each payload as text.
func TestBrowserInjection(t *testing.T) {
	t.Parallel()
	var facts []pipeline.Fact
	date, err := pipeline.ParseDate("1930")
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range injectionCorpus {
		f := pipeline.Fact{
			ID: fmt.Sprintf("p%02d", i), Kind: pipeline.Kind(i % 2), Title: s, Date: date,
			Group: s, Description: s, Authors: pipeline.List(s + "; Ann"), PublishedIn: s,
			Source: s, Tags: pipeline.List(s), Extra: []string{s, s},
			URL:   urlCorpus[i%len(urlCorpus)],
			Media: urlCorpus[(i+3)%len(urlCorpus)], MediaCredit: s, MediaCaption: s, MediaAlt: s,
		}
		if i%2 == 1 {
			f.About = "p00"
		}
		facts = append(facts, f)
	}
	tl := pipeline.NewTimeline("inject", []string{"notes", injectionCorpus[4]}, facts...)
	pageURL := browsertest.WritePage(t, "inject.html", render(t, tl, Options{}))
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	if got, want := tab.Open(pageURL), fmt.Sprint(len(injectionCorpus)); got != want {
		t.Errorf("data-timeline-ready = %s, want %s", got, want)
	}
	for i, s := range injectionCorpus {
		tip := browsertest.Eval[string](tab, fmt.Sprintf(showTipJS, i))
		for _, want := range []string{shown(s), shown(s) + "; Ann"} {
			if !strings.Contains(tip, want) {
				t.Errorf("tooltip of fact %d lacks %q:\n%q", i, want, tip)
			}
		}
	}
	table := browsertest.Eval[string](tab, `document.querySelector("section.facts table").textContent`)
	for _, s := range injectionCorpus {
		if !strings.Contains(table, shown(s)) {
			t.Errorf("the table lacks %q", shown(s))
		}
	}
	// Only the page's own elements: 4 scripts, 1 style, no injected tags,
	// no event-handler attributes, no link to a non-http url.
	counts := browsertest.Eval[map[string]int](tab, `(() => {
		const all = [...document.querySelectorAll("*")];
		return {
			script: document.querySelectorAll("script").length,
			style: document.querySelectorAll("style").length,
			injected: document.querySelectorAll("img, iframe, svg, math, details, object, embed, body body").length,
			handlers: all.filter(el => [...el.attributes].some(a => a.name.startsWith("on"))).length,
			badLinks: [...document.querySelectorAll("a[href]")].filter(a => !/^(https?:|#|file:)/.test(a.href)).length,
			pwned: window.__pwned ? 1 : 0,
		};
	})()`)
	want := map[string]int{"script": 4, "style": 1, "injected": 0, "handlers": 0, "badLinks": 0, "pwned": 0}
	for k, v := range want {
		if counts[k] != v {
			t.Errorf("%s = %d, want %d", k, counts[k], v)
		}
	}
	tab.NoProblems()
}
