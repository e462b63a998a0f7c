/* timeline.js: draws a timeline page's facts with ECharts.
   The page's go-echarts script creates the chart with its base option and
   then calls Timeline.start(chart, "timeline-data"). Every CSV string is
   displayed as text: on the canvas as text elements, in tooltips only
   through echarts.format.encodeHTML. */
"use strict";
var Timeline = (function () {
  var PERIOD = 1, APPROX = 2, UNCERTAIN = 4, COARSE = 8, OPEN = 16, WORK = 32;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var D = null; /* the payload */
  var X0 = null, X1 = null; /* per dated fact: x start and end, in decimal years */
  var chart = null;
  /* Past LARGE dated facts, each lane is drawn as one lines series (periods)
     and one scatter series (points) in ECharts' large mode, and labels and
     links appear once a zoom shows at most LABELS facts. */
  var LARGE = 3000, LABELS = 400;
  var large = false;
  var seriesFacts = {}; /* large mode: series id -> fact index of each data item */
  var ext = [0, 1]; /* the full x range */
  /* Colours that follow prefers-color-scheme. */
  var ink = "#222", paper = "#fff", linkInk = "#555";
  var hit = null; /* while searching: per fact, whether it matches */
  var laneData = []; /* small mode: each lane's data items */

  /* Days from 1970-01-01 to a proleptic Gregorian date; y astronomical. */
  function daysFromCivil(y, m, d) {
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400);
    var yoe = y - era * 400;
    var doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    var doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
    return era * 146097 + doe - 719468;
  }

  /* The date of a day number, as [year, month, day]. */
  function civil(n) {
    n += 719468;
    var era = Math.floor(n / 146097);
    var doe = n - era * 146097;
    var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    var doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    var mp = Math.floor((5 * doy + 2) / 153);
    var d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    var m = mp < 10 ? mp + 3 : mp - 9;
    return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
  }

  /* A day number as a decimal year: the start of the day, or its end. */
  function decimalYear(n, endOfDay) {
    var y = civil(n)[0];
    var jan1 = daysFromCivil(y, 1, 1);
    var len = daysFromCivil(y + 1, 1, 1) - jan1;
    return y + (n - jan1 + (endOfDay ? 1 : 0)) / len;
  }

  function yearLabel(y) {
    return y <= 0 ? (1 - y) + " BC" : String(y);
  }

  function dayLabel(n) {
    var c = civil(n);
    return c[2] + " " + MONTHS[c[1] - 1] + " " + yearLabel(c[0]);
  }

  /* The normalised range of fact i, as people read it. */
  function rangeLabel(i) {
    var s = dayLabel(D.s[i]);
    if (D.fl[i] & OPEN) {
      return s + " \u2013 (open)";
    }
    return D.s[i] === D.e[i] ? s : s + " \u2013 " + dayLabel(D.e[i]);
  }

  /* Labels of the time axis: years, with BC; months when zoomed in. */
  function axisLabel(v) {
    var y = Math.floor(v + 1e-9);
    var frac = v - y;
    if (frac < 1e-6 || frac > 1 - 1e-6) {
      return yearLabel(Math.round(v));
    }
    return MONTHS[Math.min(11, Math.floor(frac * 12 + 1e-6))] + " " + yearLabel(y);
  }

  /* Row labels: a lane's name beside its first row. */
  function rowLabel(v) {
    for (var i = 0; i < D.lanes.length; i++) {
      if (D.lanes[i].row === v) {
        return D.lanes[i].name;
      }
    }
    return "";
  }

  function label(i) {
    var fl = D.fl[i];
    return (fl & APPROX ? "c. " : "") + D.title[i] + (fl & UNCERTAIN ? " (?)" : "");
  }

  var measure = null, widths = {};
  /* The width in pixels of fact i's label, measured once. */
  function textWidth(i) {
    if (!(i in widths)) {
      measure = measure || document.createElement("canvas").getContext("2d");
      measure.font = large ? "12px sans-serif" : "13px sans-serif";
      widths[i] = measure.measureText(label(i)).width;
    }
    return widths[i];
  }

  function esc(s) {
    return echarts.format.encodeHTML(String(s));
  }

  function safeURL(u) {
    return /^https?:\/\//i.test(u) ? u : "";
  }

  function tipRow(name, value) {
    return value ? "<tr><th>" + esc(name) + "</th><td>" + esc(value) + "</td></tr>" : "";
  }

  function factTip(i) {
    var html = "<div class=\"tl-tip\"><strong>" + esc(D.title[i]) + "</strong><table>" +
      tipRow("Date", D.date[i]) + tipRow("Range", rangeLabel(i)) + tipRow("Group", D.grp[i]) +
      tipRow("Description", D.desc[i]) + tipRow("Authors", D.au[i]) +
      tipRow("Published in", D.pub[i]) + tipRow("Source", D.src[i]) + tipRow("Tags", D.tags[i]);
    for (var c = 0; c < D.xn.length; c++) {
      html += tipRow(D.xn[c], D.xv[c][i]);
    }
    html += "</table>";
    var url = safeURL(D.url[i]);
    if (url) {
      html += "<a href=\"" + esc(url) + "\" target=\"_blank\" rel=\"noopener noreferrer\">" + esc(url) + "</a>";
    }
    return html + "</div>";
  }

  function tooltip(p) {
    if (!D || !p || (p.value == null && !seriesFacts[p.seriesId])) {
      return "";
    }
    if (p.seriesId === "links") {
      var w = p.value[5], f = p.value[6];
      return "<div class=\"tl-tip\"><strong>" + esc(D.title[w]) + "</strong> (" + esc(D.date[w]) +
        ")<br>studies <strong>" + esc(D.title[f]) + "</strong> (" + esc(D.date[f]) + ")</div>";
    }
    return factTip(factOf(p));
  }

  /* The fact index behind a hovered or clicked item. */
  function factOf(p) {
    var ids = seriesFacts[p.seriesId];
    return ids ? ids[p.dataIndex] : p.value[3];
  }

  function fade(color, alpha) {
    return echarts.color.modifyAlpha(color, alpha);
  }

  /* Draws one fact; while searching, the others are faded. */
  function renderFact(params, api) {
    var el = drawFact(params, api);
    if (el && hit && !hit[api.value(3)]) {
      el.style = { opacity: 0.2 };
      el.children.forEach(function (c) { c.style.opacity = 0.2; });
    }
    return el;
  }

  /* Draws one fact: a bar for a period, a marker for a single date. */
  function drawFact(params, api) {
    var i = api.value(3);
    var fl = D.fl[i];
    var color = api.visual("color");
    var p0 = api.coord([api.value(0), api.value(2)]);
    var p1 = api.coord([api.value(1), api.value(2)]);
    var h = api.size([0, 1])[1] * 0.56;
    var cs = params.coordSys;
    var text = label(i);
    var dash = fl & UNCERTAIN ? [4, 3] : null;
    if (fl & PERIOD) {
      var rect = echarts.graphic.clipRectByRect(
        { x: p0[0], y: p0[1] - h / 2, width: Math.max(p1[0] - p0[0], 3), height: h },
        { x: cs.x, y: cs.y, width: cs.width, height: cs.height });
      if (!rect) {
        return null;
      }
      var soft = fl & (APPROX | COARSE);
      var edge = Math.min(0.2, 24 / Math.max(rect.width, 1));
      var stops = [
        { offset: 0, color: soft ? fade(color, 0.15) : color },
        { offset: edge, color: color },
        { offset: 1 - edge, color: color },
        { offset: 1, color: soft || fl & OPEN ? fade(color, 0.1) : color }
      ];
      var inside = rect.width > textWidth(i) + 16;
      return {
        type: "group",
        children: [{
          type: "rect", shape: rect,
          style: { fill: new echarts.graphic.LinearGradient(0, 0, 1, 0, stops), stroke: dash ? color : null, lineDash: dash, lineWidth: 1.5, decal: api.visual("decal") }
        }, {
          type: "text", silent: true,
          style: {
            text: text, x: inside ? rect.x + 8 : rect.x + rect.width + 12, y: p0[1], verticalAlign: "middle",
            fill: inside ? "#fff" : ink, font: "13px sans-serif",
            width: inside ? rect.width - 14 : 240, overflow: "truncate"
          }
        }]
      };
    }
    var x = (p0[0] + p1[0]) / 2, y = p0[1];
    if (x < cs.x || x > cs.x + cs.width) {
      return null;
    }
    var r = Math.min(7, h / 2);
    var hollow = fl & APPROX;
    var shape = fl & WORK
      ? { type: "polygon", shape: { points: [[x, y - r - 1], [x + r + 1, y], [x, y + r + 1], [x - r - 1, y]] } }
      : { type: "circle", shape: { cx: x, cy: y, r: r } };
    shape.style = { fill: hollow ? paper : color, stroke: color, lineWidth: 2, lineDash: dash, decal: api.visual("decal") };
    return {
      type: "group",
      children: [shape, {
        type: "text", silent: true,
        style: {
          text: text, x: x + r + 6, y: y, verticalAlign: "middle",
          fill: ink, font: "13px sans-serif", width: 240, overflow: "truncate"
        }
      }]
    };
  }

  function linkData(shown, lo, hi) {
    var data = [];
    for (var k = 0; k < D.links.length; k += 2) {
      var w = D.links[k], f = D.links[k + 1];
      if (shown && !shown[w] && !shown[f]) {
        continue;
      }
      /* From the work's middle to the nearest point of what it studies. */
      var wx = (X0[w] + X1[w]) / 2;
      var fx = Math.min(Math.max(wx, X0[f]), X1[f]);
      var anchor = shown ? Math.min(Math.max(shown[w] ? wx : fx, lo), hi) : wx;
      data.push([anchor, wx, fx, D.row[w], D.row[f], w, f]);
    }
    return data;
  }

  /* Link items are [anchor, work x, fact x, work row, fact row, work, fact].
     The anchor is the x that dataZoom filters by in large mode: a point in
     view. */
  /* Draws a dashed curve with an arrow from a work to a fact it studies,
     while the lanes of both are shown. */
  function renderLink(params, api) {
    var legend = chart.getModel().getComponent("legend");
    var w = api.value(5), f = api.value(6);
    if (legend && (!legend.isSelected(D.lanes[D.lane[w]].name) || !legend.isSelected(D.lanes[D.lane[f]].name))) {
      return null;
    }
    var a = api.coord([api.value(1), api.value(3)]);
    var b = api.coord([api.value(2), api.value(4)]);
    var cp = [(a[0] + b[0]) / 2, Math.min(a[1], b[1]) - Math.abs(a[0] - b[0]) * 0.08];
    /* Start at the edge of the work's marker, which stays hoverable. */
    var ax = cp[0] - a[0], ay = cp[1] - a[1], al = Math.sqrt(ax * ax + ay * ay) || 1;
    a = [a[0] + ax / al * 10, a[1] + ay / al * 10];
    var dx = b[0] - cp[0], dy = b[1] - cp[1], len = Math.sqrt(dx * dx + dy * dy) || 1;
    var ux = dx / len, uy = dy / len, s = 8;
    var color = linkInk;
    return {
      type: "group",
      children: [{
        type: "bezierCurve", name: "tl-link",
        shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1], cpx1: cp[0], cpy1: cp[1] },
        style: { stroke: color, fill: null, lineWidth: 1.5, lineDash: [5, 4], opacity: 0.8 }
      }, {
        type: "polygon",
        shape: { points: [[b[0], b[1]], [b[0] - ux * s - uy * s / 2, b[1] - uy * s + ux * s / 2], [b[0] - ux * s + uy * s / 2, b[1] - uy * s - ux * s / 2]] },
        style: { fill: color, opacity: 0.8 }
      }]
    };
  }

  function bandAreas() {
    var areas = D.bands.filter(function (b) { return b.rows > 0; }).map(function (b) {
      return [{ name: b.name, yAxis: b.row - 0.5 }, { yAxis: b.row + b.rows - 0.5 }];
    });
    return {
      silent: true,
      itemStyle: { color: "rgba(120,130,150,0.07)", borderColor: "rgba(120,130,150,0.35)", borderWidth: 1 },
      label: { position: "insideTopRight", color: "#556", fontWeight: "bold", fontSize: 12 },
      data: areas
    };
  }

  function linksSeries(data) {
    return {
      type: "custom", id: "links", name: "Studies", renderItem: renderLink, z: 4, data: data,
      encode: large ? { x: 0, y: 3, tooltip: [] } : { x: [1, 2], y: [3, 4], tooltip: [] },
      clip: true, markArea: bandAreas()
    };
  }

  /* The thickness in pixels of a period's bar in large mode. */
  function barWidth() {
    var h = chart.getHeight() - 48 - 64;
    return Math.max(2, Math.min(14, h / Math.max(D.rows, 1) * 0.55));
  }

  /* Large mode: per lane, periods as one lines series and points as one
     scatter series, from typed arrays. */
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
        large: true, largeThreshold: 200, progressive: 0, data: lineData[l], z: 3,
        lineStyle: { color: ln.color, width: w, opacity: 0.8, cap: "butt" }
      });
      out.push({
        type: "scatter", id: "m-" + l, name: ln.name, large: true, largeThreshold: 200, progressive: 0,
        data: pointData[l], dimensions: ["x", "y"], encode: { x: 0, y: 1 }, z: 3,
        symbol: "rect", symbolSize: [3, Math.max(4, w * 1.4)], itemStyle: { color: ln.color, opacity: 0.85 }
      });
    });
    out.push({
      type: "custom", id: "labels", name: "Labels", renderItem: renderLabel, z: 5, silent: true,
      data: [], encode: { x: 0, y: 1, tooltip: [] }, clip: true
    });
    out.push(linksSeries([]));
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
      style: { text: label(i), x: p[0] + (D.fl[i] & PERIOD ? 4 : 6), y: p[1] - 1, verticalAlign: "bottom", fill: ink, font: "12px sans-serif", width: 220, overflow: "truncate" }
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

  /* Large mode: after a zoom, label and link the facts that start in view,
     and then those that reach into it, while there are at most LABELS. */
  function updateWindow() {
    /* The model, not getOption(), which would copy every series' data. */
    var range = chart.getModel().getComponent("dataZoom", 0).getPercentRange();
    var lo = ext[0] + (ext[1] - ext[0]) * range[0] / 100;
    var hi = ext[0] + (ext[1] - ext[0]) * range[1] / 100;
    var from = firstFrom(lo), to = firstFrom(hi);
    var items = [], shown = {}, i;
    function add(i) {
      items.push([D.fl[i] & PERIOD ? Math.max(X0[i], lo) : (X0[i] + X1[i]) / 2, D.row[i], i]);
      shown[i] = true;
    }
    if (to - from <= LABELS) {
      for (i = from; i < to; i++) {
        add(i);
      }
      for (i = 0; i < from && items.length < LABELS; i++) {
        if (X1[i] >= lo) {
          add(i);
        }
      }
    }
    items = unclutter(items);
    chart.setOption({ series: [{ id: "labels", data: items }, { id: "links", data: items.length ? linkData(shown, lo, hi) : [] }] });
  }

  /* Keeps the labels that do not run into the one before them on their
     row. */
  function unclutter(items) {
    items.sort(function (a, b) { return a[0] - b[0] || a[2] - b[2]; });
    var ends = {}, kept = [];
    items.forEach(function (it) {
      var i = it[2];
      var x = chart.convertToPixel({ gridIndex: 0 }, [it[0], 0])[0] + 5;
      if (x < (ends[it[1]] || -Infinity) + 6) {
        return;
      }
      ends[it[1]] = x + Math.min(textWidth(i), 220);
      kept.push(it);
    });
    return kept;
  }

  function series() {
    if (large) {
      return largeSeries();
    }
    var byLane = laneData = D.lanes.map(function () { return []; });
    for (var i = 0; i < D.s.length; i++) {
      byLane[D.lane[i]].push([X0[i], X1[i], D.row[i], i]);
    }
    var out = D.lanes.map(function (ln, n) {
      return {
        type: "custom", name: ln.name, id: "lane-" + n, renderItem: renderFact,
        data: byLane[n], encode: { x: [0, 1], y: 2, tooltip: [] }, color: ln.color,
        clip: true, z: 3
      };
    });
    out.push(linksSeries(linkData()));
    out.push(searchSeries());
    return out;
  }

  function extent() {
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < X0.length; i++) {
      lo = Math.min(lo, X0[i]);
      hi = Math.max(hi, X1[i]);
    }
    if (!isFinite(lo)) {
      return [1900, 2000];
    }
    /* Room on the right for the labels of the last facts. */
    var pad = Math.max((hi - lo) * 0.04, 0.5), padRight = Math.max((hi - lo) * 0.2, 1);
    var step = hi - lo > 40 ? 5 : 1;
    return [Math.floor((lo - pad) / step) * step, Math.ceil((hi + padRight) / step) * step];
  }

  /* joinChunks joins the text columns of the payload, named in
     data.texts, which come in chunks of facts, into one array per
     column, as D.title. */
  function joinChunks(data) {
    var chunks = data.chunks;
    delete data.chunks;
    data.texts.forEach(function (key) { data[key] = []; });
    data.xv = data.xn.map(function () { return []; });
    chunks.forEach(function (chunk) {
      data.texts.forEach(function (key) { append(data[key], chunk[key]); });
      chunk.xv.forEach(function (column, c) { append(data.xv[c], column); });
    });
    return data;
  }

  function append(into, items) {
    for (var i = 0; i < items.length; i++) {
      into.push(items[i]);
    }
  }

  /* start draws the payload in the element with id dataId on chart. */
  function start(c, dataId) {
    chart = c;
    D = joinChunks(JSON.parse(document.getElementById(dataId).textContent));
    var n = D.s.length;
    large = n > LARGE;
    X0 = new Float64Array(n);
    X1 = new Float64Array(n);
    var last = -Infinity;
    for (var i = 0; i < n; i++) {
      X0[i] = decimalYear(D.s[i], false);
      X1[i] = decimalYear(D.e[i], true);
      last = Math.max(last, X1[i]);
    }
    for (i = 0; i < n; i++) {
      if (D.fl[i] & OPEN) {
        X1[i] = Math.max(last, X0[i] + 1);
      }
    }
    /* setOption renders at once, so listen before it. */
    chart.on("finished", function ready() {
      chart.off("finished", ready);
      if (window.performance && performance.mark) {
        performance.mark("timeline-ready");
      }
      document.documentElement.setAttribute("data-timeline-ready", String(D.s.length));
      if (window.parent !== window) {
        /* An embedding page learns that the chart is drawn; only a count is sent. */
        window.parent.postMessage({ type: "timeline-ready", facts: D.s.length }, "*");
      }
    });
    ext = extent();
    var mode = large ? "filter" : "weakFilter";
    var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)");
    if (dark && dark.matches) {
      ink = "#e6e6e6";
      paper = "#15191e";
      linkInk = "#aab";
    }
    var zoom = { filterMode: mode };
    if (D.view) {
      /* The first view the timeline's introduction asks for. */
      zoom.startValue = Math.max(ext[0], decimalYear(D.view[0], false));
      zoom.endValue = Math.min(ext[1], decimalYear(D.view[1], true));
    }
    chart.setOption({
      toolbox: { feature: { saveAsImage: { pixelRatio: 2, backgroundColor: paper } } },
      xAxis: { min: ext[0], max: ext[1] },
      yAxis: {
        min: -0.5, max: Math.max(D.rows, 1) - 0.5,
        /* A label beside each lane's first row, a tick between lanes. */
        axisLabel: { customValues: D.lanes.map(function (ln) { return ln.row; }) },
        axisTick: { customValues: D.lanes.map(function (ln) { return ln.row - 0.5; }) }
      },
      dataZoom: [zoom, zoom],
      series: series()
    });
    if (dark && dark.matches) {
      applyScheme(true);
    }
    if (dark && dark.addEventListener) {
      dark.addEventListener("change", function (e) { applyScheme(e.matches); });
    }
    controls();
    /* Print the chart at the width of the paper. */
    window.addEventListener("beforeprint", function () { chart.resize({ width: 1000 }); });
    window.addEventListener("afterprint", function () { chart.resize(); });
    if (large) {
      /* ECharts refuses setOption while it handles an action: wait for it. */
      chart.on("datazoom", function () { setTimeout(updateWindow, 0); });
    }
    chart.on("click", function (e) {
      if (e.seriesId !== "links" && e.seriesId !== "labels") {
        var url = safeURL(D.url[factOf(e)]);
        if (url) {
          window.open(url, "_blank", "noopener");
        }
      }
    });
    /* The table comes after the chart in the page. */
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", pageTable);
    } else {
      pageTable();
    }
    window.addEventListener("resize", function () {
      chart.resize();
      if (large) {
        var w = barWidth();
        chart.setOption({ series: D.lanes.map(function (ln, l) { return { id: "p-" + l, lineStyle: { width: w } }; }) });
      }
    });
  }


  /* ---- Page controls: search, zoom buttons, lanes, patterns, PNG, dark
     mode, print and the first view. */

  /* fold makes text comparable: lower case, accents dropped. */
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var haystack = null;
  /* search returns the indexes of the facts whose title, description,
     authors or tags hold every word of the query. */
  function search(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) {
      return null;
    }
    if (!haystack) {
      haystack = D.title.map(function (t, i) { return fold(t + "\n" + D.desc[i] + "\n" + D.au[i] + "\n" + D.tags[i] + "\n" + D.grp[i]); });
    }
    var out = [];
    for (var i = 0; i < haystack.length; i++) {
      var all = true;
      for (var w = 0; w < words.length && all; w++) {
        all = haystack[i].indexOf(words[w]) >= 0;
      }
      if (all) {
        out.push(i);
      }
    }
    return out;
  }

  var matches = null; /* the facts the search picked out, or null */
  function applySearch(query) {
    matches = search(query);
    var status = document.getElementById("tl-search-status");
    hit = null;
    var marks = [];
    if (matches) {
      hit = new Uint8Array(D.id.length);
      matches.forEach(function (i) {
        hit[i] = 1;
        if (i < D.s.length) {
          marks.push([(D.fl[i] & PERIOD ? (Math.max(X0[i], ext[0]) + Math.min(X1[i], ext[1])) / 2 : (X0[i] + X1[i]) / 2), D.row[i], i]);
        }
      });
      status.textContent = matches.length === 1 ? "1 match" : matches.length ? matches.length + " matches" : "No match";
    } else {
      status.textContent = "";
    }
    var update = [{ id: "search", data: marks }];
    if (!large) {
      /* Draw the lanes again, so that renderFact fades the others. */
      update = update.concat(D.lanes.map(function (ln, n) { return { id: "lane-" + n, data: laneData[n] }; }));
    }
    chart.setOption({ series: update });
    filterTable();
  }

  /* zoomToMatches shows the dated matches, with a margin. */
  function zoomToMatches() {
    if (!matches) {
      return;
    }
    var lo = Infinity, hi = -Infinity;
    matches.forEach(function (i) {
      if (i < D.s.length) {
        lo = Math.min(lo, X0[i]);
        hi = Math.max(hi, X1[i]);
      }
    });
    if (lo <= hi) {
      var pad = Math.max((hi - lo) * 0.1, 1);
      zoomTo(Math.max(ext[0], lo - pad), Math.min(ext[1], hi + pad));
    }
  }

  function zoomTo(lo, hi) {
    chart.dispatchAction({ type: "dataZoom", startValue: lo, endValue: hi });
  }

  function zoomBy(factor) {
    var range = chart.getModel().getComponent("dataZoom", 0).getPercentRange();
    var lo = ext[0] + (ext[1] - ext[0]) * range[0] / 100, hi = ext[0] + (ext[1] - ext[0]) * range[1] / 100;
    var mid = (lo + hi) / 2, half = Math.max((hi - lo) * factor / 2, 1 / 24);
    zoomTo(Math.max(ext[0], mid - half), Math.min(ext[1], mid + half));
  }

  /* searchSeries marks the matches on the chart. */
  function searchSeries() {
    return large ?
      { type: "scatter", id: "search", name: "Search", large: true, largeThreshold: 200, progressive: 0, data: [], z: 6, silent: true,
        encode: { x: 0, y: 1 }, symbol: "rect", symbolSize: [4, 12], itemStyle: { color: ink } } :
      { type: "scatter", id: "search", name: "Search", data: [], z: 6, silent: true, encode: { x: 0, y: 1 },
        symbol: "circle", symbolSize: 22, itemStyle: { color: "transparent", borderColor: ink, borderWidth: 2 } };
  }

  /* filterTable shows the table rows of the matches only. */
  var tablePager = null;
  function filterTable() {
    if (tablePager) {
      tablePager.list(matches);
      return;
    }
    var rows = document.querySelectorAll("section.facts tbody tr");
    var wanted = null;
    if (matches) {
      wanted = {};
      matches.forEach(function (i) { wanted["fact-" + D.id[i]] = true; });
    }
    rows.forEach(function (tr) { tr.hidden = wanted !== null && !wanted[tr.id]; });
  }

  function png() {
    return chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: paper });
  }

  /* applyScheme colours the chart for a light or dark page. */
  function applyScheme(dark) {
    ink = dark ? "#e6e6e6" : "#222";
    paper = dark ? "#15191e" : "#fff";
    linkInk = dark ? "#aab" : "#555";
    var axis = { axisLabel: { color: dark ? "#c9d1d9" : "#6e7079" }, axisLine: { lineStyle: { color: dark ? "#8b949e" : "#6e7079" } },
      splitLine: { lineStyle: { color: dark ? "#30363d" : "#e0e6f1" } } };
    chart.setOption({
      backgroundColor: paper,
      legend: { textStyle: { color: ink }, pageTextStyle: { color: ink } },
      xAxis: axis, yAxis: axis,
      series: [{ id: "search", itemStyle: large ? { color: ink } : { borderColor: ink } }]
    });
    chart.resize();
  }

  function controls() {
    var box = document.getElementById("tl-controls");
    if (!box) {
      return;
    }
    box.hidden = false;
    var input = document.getElementById("tl-search");
    var timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { applySearch(input.value); }, large ? 150 : 0);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        clearTimeout(timer);
        applySearch(input.value);
        zoomToMatches();
      }
    });
    document.getElementById("tl-zoom-in").addEventListener("click", function () { zoomBy(0.5); });
    document.getElementById("tl-zoom-out").addEventListener("click", function () { zoomBy(2); });
    document.getElementById("tl-reset").addEventListener("click", function () { zoomTo(ext[0], ext[1]); });
    var patterns = document.getElementById("tl-patterns");
    patterns.addEventListener("click", function () {
      var on = patterns.getAttribute("aria-pressed") !== "true";
      patterns.setAttribute("aria-pressed", String(on));
      chart.setOption({ aria: { decal: { show: on } } });
    });
    document.getElementById("tl-png").addEventListener("click", function () {
      var a = document.createElement("a");
      a.href = png();
      a.download = (D.name || "timeline") + ".png";
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
    box.querySelectorAll("input[data-lane]").forEach(function (cb) {
      cb.addEventListener("change", function () {
        chart.dispatchAction({ type: cb.checked ? "legendSelect" : "legendUnSelect", name: cb.dataset.lane });
      });
    });
    chart.on("legendselectchanged", function (e) {
      box.querySelectorAll("input[data-lane]").forEach(function (cb) { cb.checked = e.selected[cb.dataset.lane] !== false; });
    });
  }

  /* The table of a large timeline holds its first facts in HTML; this
     pages through all of them, 100 at a time, from the payload. */
  var PAGE = 100;
  function pageTable() {
    var table = document.querySelector("section.facts table");
    if (!table || +table.dataset.rows >= +table.dataset.total) {
      return;
    }
    var byId = null, list = null; /* list: the facts to page through, or null for all */
    var tbody = table.tBodies[0], first = 0;
    var nav = document.createElement("nav");
    nav.className = "pager";
    nav.setAttribute("aria-label", "Pages of the table");
    var prev = document.createElement("button"), next = document.createElement("button");
    var status = document.createElement("span");
    status.setAttribute("aria-live", "polite");
    prev.type = next.type = "button";
    prev.textContent = "Previous";
    next.textContent = "Next";
    nav.append(prev, status, next);
    table.parentNode.insertBefore(nav, table);
    function total() {
      return list ? list.length : D.id.length;
    }
    function label(count) {
      status.textContent = count ? " Facts " + (first + 1) + "\u2013" + (first + count) + " of " + total() + " " : " No fact ";
      prev.disabled = first === 0;
      next.disabled = first + PAGE >= total();
    }
    function show(at) {
      if (!byId) {
        byId = {};
        D.id.forEach(function (id, i) { byId[id] = i; });
      }
      first = Math.max(0, Math.min(at, Math.max(total() - 1, 0)));
      var rows = [];
      for (var k = first; k < Math.min(first + PAGE, total()); k++) {
        rows.push(tableRow(list ? list[k] : k, byId));
      }
      tbody.replaceChildren.apply(tbody, rows);
      label(rows.length);
    }
    prev.addEventListener("click", function () { show(first - PAGE); });
    next.addEventListener("click", function () { show(first + PAGE); });
    /* The HTML already holds the first page. */
    label(tbody.rows.length);
    tablePager = { list: function (indexes) { list = indexes; show(0); } };
  }

  /* One row of the table, as the page's HTML writes it; text only. */
  function tableRow(i, byId) {
    var tr = document.createElement("tr");
    tr.id = "fact-" + D.id[i];
    function cell(tag, text) {
      var c = document.createElement(tag);
      c.textContent = text || "";
      tr.appendChild(c);
      return c;
    }
    function link(parent, href, text, external) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      if (external) {
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      }
      parent.appendChild(a);
    }
    var date = cell("td", D.date[i]);
    if (!D.date[i]) {
      date.appendChild(document.createElement("em")).textContent = "undated";
    }
    cell("td", i < D.s.length ? rangeLabel(i) : "");
    cell("td", (D.fl[i] & WORK ? "historiography" : "history") + (D.grp[i] ? ": " + D.grp[i] : ""));
    var title = cell("th");
    title.scope = "row";
    var url = safeURL(D.url[i]);
    if (url) {
      link(title, url, D.title[i], true);
    } else {
      title.textContent = D.title[i];
    }
    cell("td", D.desc[i]);
    cell("td", [D.au[i], D.pub[i]].filter(Boolean).join(", "));
    var studies = cell("td");
    D.ab[i].split("; ").filter(Boolean).forEach(function (id, k) {
      if (k) {
        studies.appendChild(document.createTextNode("; "));
      }
      link(studies, "#fact-" + id, id in byId ? D.title[byId[id]] : id, false);
    });
    cell("td", D.src[i]);
    cell("td", D.tags[i]);
    for (var c = 0; c < D.xn.length; c++) {
      cell("td", D.xv[c][i]);
    }
    return tr;
  }

  /* The pixel at the middle of fact i's mark, for tests and tools. */
  function pixelOf(i) {
    var x = (X0[i] + X1[i]) / 2;
    if (D.fl[i] & PERIOD) {
      var shown = chart.getModel().getComponent("xAxis", 0).axis.scale.getExtent();
      x = (Math.max(X0[i], shown[0]) + Math.min(X1[i], shown[1])) / 2;
    }
    return chart.convertToPixel({ gridIndex: 0 }, [x, D.row[i]]);
  }

  return {
    start: start, tooltip: tooltip, factTip: factTip, axisLabel: axisLabel, rowLabel: rowLabel, pixelOf: pixelOf,
    seriesFact: function (id, k) { return seriesFacts[id] ? seriesFacts[id][k] : k; },
    png: png,
    data: function () { return D; }
  };
})();
