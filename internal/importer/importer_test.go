package importer

import (
	"strings"
	"testing"

	"timeline/pipeline"
)

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain  text\n here", "plain text here"},
		{"<p>One</p><p>Two</p>", "One Two"},
		{"a<br>b", "a b"},
		{"Caf&eacute; &amp; bar &#8212; &lt;b&gt;", "Café & bar — <b>"},
		{`See <a href="https://example.org/x">the records</a>.`, "See the records (https://example.org/x)."},
		{`<a href="https://example.org/">https://example.org/</a>`, "https://example.org/"},
		{`<a href="javascript:alert(1)">click</a>`, "click"},
		{"<script>alert(1)</script>safe<style>p{}</style>", "safe"},
		{"<ul><li>one</li><li>two</li></ul>", "one two"},
		{"<b>unclosed", "unclosed"},
		{"5 < 6 & 7", "5 < 6 & 7"},
	}
	for _, tt := range tests {
		if got := plainText(tt.in); got != tt.want {
			t.Errorf("plainText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTimelineJSDates: every date import writes reads back as the day
// TimelineJS's columns meant, with a negative year as that many years BC.
func TestTimelineJSDates(t *testing.T) {
	tests := []struct {
		row        tjsRow
		text       string
		start, end string
	}{
		{tjsRow{Year: "1974"}, "1974", "1974-01-01", "1974-12-31"},
		{tjsRow{Year: "1974", Month: "3"}, "March 1974", "1974-03-01", "1974-03-31"},
		{tjsRow{Year: "1953", Month: "3", Day: "5"}, "5 March 1953", "1953-03-05", "1953-03-05"},
		{tjsRow{Year: "1953.0", Month: "3.0"}, "March 1953", "1953-03-01", "1953-03-31"},
		{tjsRow{Year: "-500"}, "500 BC", "-0499-01-01", "-0499-12-31"},
		{tjsRow{Year: "-44", Month: "3", Day: "15"}, "15 March 44 BC", "-0043-03-15", "-0043-03-15"},
		{tjsRow{Year: "-500", EndYear: "-300"}, "500 BC – 300 BC", "-0499-01-01", "-0299-12-31"},
		{tjsRow{Year: "1926", EndYear: "1953", EndMonth: "3", EndDay: "5"}, "1926 – 5 March 1953", "1926-01-01", "1953-03-05"},
	}
	for _, tt := range tests {
		text, err := tjsDateRange(&tt.row)
		if err != nil || text != tt.text {
			t.Errorf("%+v: %q, %v; want %q", tt.row, text, err, tt.text)
			continue
		}
		d, err := pipeline.ParseDate(text)
		if err != nil {
			t.Errorf("%q: %v", text, err)
			continue
		}
		if got := d.Start.String() + " " + d.End.String(); got != tt.start+" "+tt.end {
			t.Errorf("%q reads as %s, want %s %s", text, got, tt.start, tt.end)
		}
	}
	for _, bad := range []tjsRow{{Year: "c. 1929"}, {Year: "1930", Month: "13"}, {Month: "3"}} {
		if text, err := tjsDateRange(&bad); err == nil {
			t.Errorf("%+v: %q, no error", bad, text)
		}
	}
}

func TestTimelineJSJSONNotJSON(t *testing.T) {
	for _, in := range []string{"", "[1, 2]", `{"foo": 1}`} {
		if _, err := TimelineJSJSON(strings.NewReader(in), func(string, int) string { return "" }); err == nil || !strings.HasPrefix(err.Error(), "not TimelineJS JSON") {
			t.Errorf("%q: err = %v", in, err)
		}
	}
}
