package charts

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"

	"timeline/internal/browsertest"
	"timeline/pipeline"
)

// TestBrowserMedia shows a fact's image, served by a local server, in its
// tooltip and in the table, with its caption, credit and alt text, and
// another address as a link.
func TestBrowserMedia(t *testing.T) {
	t.Parallel()
	var pic bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		for y := range 30 {
			img.Set(x, y, color.RGBA{200, 30, 30, 255})
		}
	}
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t)
	srv.Put("/stalin.png", pic.Bytes())

	csv := "title,date,media,media_caption,media_credit,media_alt\n" +
		"Stalin leads the USSR,1926–1953," + srv.URL + "/stalin.png,Stalin in 1937,Public domain,Stalin at a desk\n" +
		"Politburo records,1930s,https://www.youtube.com/watch?v=abc123,A film of the archive,Archive film,\n" +
		"A study,1974,,,,\n"
	tl, problems, err := pipeline.Read(bytes.NewReader([]byte(csv)), "media.csv", "media")
	if err != nil || problems.Errors() > 0 {
		t.Fatal(err, problems)
	}
	srv.Put("/media.html", render(t, tl, Options{}))
	tab := browsertest.Start(t).NewTab(t, serveECharts(t))
	// Over http, as a page is served, so that a referrer could be sent.
	tab.Open(srv.URL + "/media.html")

	// The table: the image, loaded, with its text; the other a link.
	cells := browsertest.Eval[[]string](tab, `(async () => {
		const img = document.querySelector("section.facts tbody tr:nth-child(1) figure.media img");
		await img.decode();
		const link = document.querySelector("section.facts tbody tr:nth-child(2) td:last-child a");
		return [document.querySelector("section.facts thead tr").lastElementChild.textContent,
			img.alt, String(img.naturalWidth), img.loading, img.referrerPolicy,
			img.closest("figure").querySelector("figcaption").textContent,
			link.href, link.textContent,
			document.querySelector("section.facts tbody tr:nth-child(3) td:last-child").innerHTML];
	})()`)
	want := []string{"Media", "Stalin at a desk", "40", "lazy", "no-referrer", "Stalin in 1937 Public domain",
		"https://www.youtube.com/watch?v=abc123", "A film of the archive", ""}
	if len(cells) != len(want) {
		t.Fatalf("table cells %q, want %q", cells, want)
	}
	for i := range want {
		if cells[i] != want[i] {
			t.Errorf("table: got %q, want %q", cells[i], want[i])
		}
	}

	// The tooltip of the first fact: its image, loaded, and its caption.
	tip := browsertest.Eval[[]string](tab, `(async () => {
		const D = Timeline.data();
		goecharts_timeline.dispatchAction({type: "showTip", seriesIndex: D.lane[0], dataIndex: 0});
		await new Promise(r => setTimeout(r, 0));
		const img = document.querySelector(".tl-tip img");
		await img.decode();
		return [img.alt, String(img.naturalWidth), img.referrerPolicy, document.querySelector(".tl-tip figcaption").textContent];
	})()`)
	if want := []string{"Stalin at a desk", "40", "no-referrer", "Stalin in 1937 Public domain"}; !slices.Equal(tip, want) {
		t.Errorf("tooltip image %q, want %q", tip, want)
	}
	if referers := srv.Referers("/stalin.png"); len(referers) == 0 || slices.ContainsFunc(referers, func(r string) bool { return r != "" }) {
		t.Errorf("the image was asked for with the referrers %q, want none", referers)
	}
	shot, err := chromedp.Run(tab.Ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	browsertest.SaveArtifact(t, os.Getenv("TIMELINE_MEDIA_SCREENSHOT"), "media.png", shot)
	tab.NoProblems()
}
