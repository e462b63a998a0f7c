/* large.js: ECharts' large mode, past K.large dated facts: a lines and a
   scatter series per lane, and labels and links once a zoom shows at most
   K.labels facts. */

  /* The thickness in pixels of a period's bar in large mode. */
  function barWidth() {
    var h = chart.getHeight() - 48 - 64;
    return Math.max(2, Math.min(14, h / Math.max(D.rows, 1) * 0.55));
  }

  /* Large mode: per lane, periods as one lines series and points as one
     scatter series, from typed arrays. They stay in large mode however
     few marks a zoom leaves in view (largeThreshold 1): below ECharts'
     default threshold, 200, a series makes an element per mark, which made
     a zoom of 10,000 facts to ten years 1.9 to 2.1 times the reference
     page's, against 1.5 to 1.8 times with 1 (BenchmarkBrowser, alternated,
     1 December 2026). They are drawn whole (progressive 0), and so share one canvas
     (progressiveThreshold Infinity): past 10,000 marks in a scatter series
     and 20,000 in a lines series, ECharts gives the series a canvas of its
     own, the size of the chart, and the series after it another, which
     gave a 100,000-fact page 13 canvases to clear, draw and composite, and
     held back its first frame (see docs/performance.md). */
  function largeSeries() {
    var nl = D.lanes.length, n = D.s.length, i, l;
    var periods = new Int32Array(nl), points = new Int32Array(nl);
    for (i = 0; i < n; i++) {
      if (D.fl[i] & PERIOD) { periods[D.lane[i]]++; } else { points[D.lane[i]]++; }
    }
    var lineData = [], pointData = [], lineFacts = [], pointFacts = [];
    for (l = 0; l < nl; l++) {
      lineData.push(new Float32Array(periods[l] * 5));
      pointData.push(new Float32Array(points[l] * 2));
      lineFacts.push(new Int32Array(periods[l]));
      pointFacts.push(new Int32Array(points[l]));
    }
    var pc = new Int32Array(nl), mc = new Int32Array(nl);
    for (i = 0; i < n; i++) {
      l = D.lane[i];
      if (D.fl[i] & PERIOD) {
        var o = pc[l] * 5;
        lineData[l].set([2, X0[i], D.row[i], X1[i], D.row[i]], o);
        lineFacts[l][pc[l]++] = i;
      } else {
        pointData[l][mc[l] * 2] = (X0[i] + X1[i]) / 2;
        pointData[l][mc[l] * 2 + 1] = D.row[i];
        pointFacts[l][mc[l]++] = i;
      }
    }
    var out = [], w = barWidth();
    D.lanes.forEach(function (ln, l) {
      seriesFacts["p-" + l] = lineFacts[l];
      seriesFacts["m-" + l] = pointFacts[l];
      out.push({
        type: "lines", id: "p-" + l, name: ln.name, coordinateSystem: "cartesian2d", polyline: false,
        dimensions: ["value"], /* a typed array's dimensions, which ECharts' checks ask for */
        large: true, largeThreshold: 1, progressive: 0, progressiveThreshold: Infinity, data: lineData[l], z: 3,
        lineStyle: { color: ln.color, width: w, opacity: 0.8, cap: "butt" }
      });
      out.push({
        type: "scatter", id: "m-" + l, name: ln.name, large: true, largeThreshold: 1, progressive: 0, progressiveThreshold: Infinity,
        data: pointData[l], dimensions: ["x", "y"], encode: { x: 0, y: 1 }, z: 3,
        symbol: "rect", symbolSize: [3, Math.max(4, w * 1.4)], itemStyle: { color: ln.color, opacity: 0.85 }
      });
    });
    out.push({
      type: "custom", id: "labels", name: "Labels", renderItem: renderLabel, z: 5, silent: true,
      data: [], encode: { x: 0, y: 1, tooltip: [] }, clip: true
    });
    out.push.apply(out, linksSeries([]));
    out.push(searchSeries());
    return out;
  }

  /* Large mode: a fact's label, drawn once a zoom shows few enough facts. */
  function renderLabel(params, api) {
    var i = api.value(2);
    var legend = chart.getModel().getComponent("legend");
    if (legend && !legend.isSelected(D.lanes[D.lane[i]].name)) {
      return null;
    }
    var p = api.coord([api.value(0), api.value(1)]);
    return {
      type: "text", silent: true,
      style: halo({ text: label(i), x: p[0] + (rtl ? -1 : 1) * (D.fl[i] & PERIOD ? 4 : 6), y: p[1] - 1, verticalAlign: "bottom", align: rtl ? "right" : "left",
        fill: ink, font: "12px sans-serif", width: 220, overflow: "truncate" })
    };
  }

  /* The first dated fact whose start is at or after x: facts are sorted by
     start. */
  function firstFrom(x) {
    var a = 0, b = X0.length;
    while (a < b) {
      var m = (a + b) >> 1;
      if (X0[m] < x) { a = m + 1; } else { b = m; }
    }
    return a;
  }

  /* windowShown is how many labels large mode draws now, and windowView
     the years they are for. */
  var windowShown = 0, windowView = "";

  /* Large mode: after a zoom, label and link the facts that start in view,
     and then those that reach into it, while there are at most K.labels.
     A view with too many facts to label, after another, changes nothing:
     drawing it again would cost as much as the zoom itself; nor does the
     view already labelled. */
  function updateWindow() {
    if (!textsReady) {
      return; /* withTexts labels the view once the texts are in */
    }
    var view = viewYears(), before = windowShown;
    if (view[0] + " " + view[1] === windowView) {
      return;
    }
    var series = windowSeries(view[0], view[1]);
    if (before === 0 && windowShown === 0) {
      return;
    }
    chart.setOption({ series: series });
  }

  /* windowSeries gives the labels and links of large mode for the years
     lo to hi. */
  function windowSeries(lo, hi) {
    windowView = lo + " " + hi;
    var from = firstFrom(lo), to = firstFrom(hi);
    var items = [], shown = {}, i;
    function add(i) {
      items.push([D.fl[i] & PERIOD ? Math.max(X0[i], lo) : (X0[i] + X1[i]) / 2, D.row[i], i]);
      shown[i] = true;
    }
    /* A point is drawn at its middle: one of 1929 ends where 1930
       starts, and one of the 1930s starts in 1930 but is drawn in 1935.
       Only points whose middle is in view are labelled; a period is
       labelled when it reaches into view. */
    if (to - from <= LABELS) {
      for (i = from; i < to; i++) {
        if (D.fl[i] & PERIOD || (X0[i] + X1[i]) / 2 <= hi) {
          add(i);
        }
      }
      for (i = 0; i < from && items.length < LABELS; i++) {
        if (D.fl[i] & PERIOD ? X1[i] >= lo : (X0[i] + X1[i]) / 2 >= lo) {
          add(i);
        }
      }
    }
    items = text.unclutter(items, function (it) {
      return chart.convertToPixel({ gridIndex: 0 }, [it[0], 0])[0] + 5;
    }, textWidth);
    windowShown = items.length;
    return [{ id: "labels", data: items }].concat(linksSeries(items.length ? linkData(shown, lo, hi) : []));
  }
