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
  var X = null; /* per fact: [x start, x end] in decimal years */
  var chart = null;

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
      measure.font = "13px sans-serif";
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
      tipRow("Date", D.date[i]) + tipRow("Range", rangeLabel(i)) +
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
    if (!D || !p || !p.value) {
      return "";
    }
    if (p.seriesId === "links") {
      var w = p.value[4], f = p.value[5];
      return "<div class=\"tl-tip\"><strong>" + esc(D.title[w]) + "</strong> (" + esc(D.date[w]) +
        ")<br>studies <strong>" + esc(D.title[f]) + "</strong> (" + esc(D.date[f]) + ")</div>";
    }
    return factTip(p.value[3]);
  }

  function fade(color, alpha) {
    return echarts.color.modifyAlpha(color, alpha);
  }

  /* Draws one fact: a bar for a period, a marker for a single date. */
  function renderFact(params, api) {
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
          style: { fill: new echarts.graphic.LinearGradient(0, 0, 1, 0, stops), stroke: dash ? color : null, lineDash: dash, lineWidth: 1.5 }
        }, {
          type: "text", silent: true,
          style: {
            text: text, x: inside ? rect.x + 8 : rect.x + rect.width + 12, y: p0[1], verticalAlign: "middle",
            fill: inside ? "#fff" : "#222", font: "13px sans-serif",
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
    shape.style = { fill: hollow ? "#fff" : color, stroke: color, lineWidth: 2, lineDash: dash };
    return {
      type: "group",
      children: [shape, {
        type: "text", silent: true,
        style: {
          text: text, x: x + r + 6, y: y, verticalAlign: "middle",
          fill: "#222", font: "13px sans-serif", width: 240, overflow: "truncate"
        }
      }]
    };
  }

  function linkData() {
    var data = [];
    for (var k = 0; k < D.links.length; k += 2) {
      var w = D.links[k], f = D.links[k + 1];
      /* From the work's middle to the nearest point of what it studies. */
      var wx = (X[w][0] + X[w][1]) / 2;
      data.push([wx, Math.min(Math.max(wx, X[f][0]), X[f][1]), D.row[w], D.row[f], w, f]);
    }
    return data;
  }

  /* Draws a dashed curve with an arrow from a work to a fact it studies,
     while the lanes of both are shown. */
  function renderLink(params, api) {
    var legend = chart.getModel().getComponent("legend");
    var w = api.value(4), f = api.value(5);
    if (legend && (!legend.isSelected(D.lanes[D.lane[w]].name) || !legend.isSelected(D.lanes[D.lane[f]].name))) {
      return null;
    }
    var a = api.coord([api.value(0), api.value(2)]);
    var b = api.coord([api.value(1), api.value(3)]);
    var cp = [(a[0] + b[0]) / 2, Math.min(a[1], b[1]) - Math.abs(a[0] - b[0]) * 0.08];
    /* Start at the edge of the work's marker, which stays hoverable. */
    var ax = cp[0] - a[0], ay = cp[1] - a[1], al = Math.sqrt(ax * ax + ay * ay) || 1;
    a = [a[0] + ax / al * 10, a[1] + ay / al * 10];
    var dx = b[0] - cp[0], dy = b[1] - cp[1], len = Math.sqrt(dx * dx + dy * dy) || 1;
    var ux = dx / len, uy = dy / len, s = 8;
    var color = "#555";
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

  function series() {
    var byLane = D.lanes.map(function () { return []; });
    for (var i = 0; i < D.s.length; i++) {
      byLane[D.lane[i]].push([X[i][0], X[i][1], D.row[i], i]);
    }
    var out = D.lanes.map(function (ln, n) {
      return {
        type: "custom", name: ln.name, id: "lane-" + n, renderItem: renderFact,
        data: byLane[n], encode: { x: [0, 1], y: 2, tooltip: [] }, color: ln.color,
        clip: true, z: 3
      };
    });
    var areas = D.bands.filter(function (b) { return b.rows > 0; }).map(function (b) {
      return [{ name: b.name, yAxis: b.row - 0.5 }, { yAxis: b.row + b.rows - 0.5 }];
    });
    out.push({
      type: "custom", id: "links", name: "Studies", renderItem: renderLink, z: 4,
      data: linkData(), encode: { x: [0, 1], y: [2, 3], tooltip: [] }, clip: true,
      markArea: {
        silent: true,
        itemStyle: { color: "rgba(120,130,150,0.07)", borderColor: "rgba(120,130,150,0.35)", borderWidth: 1 },
        label: { position: "insideTopRight", color: "#556", fontWeight: "bold", fontSize: 12 },
        data: areas
      }
    });
    return out;
  }

  function extent() {
    var lo = Infinity, hi = -Infinity;
    for (var i = 0; i < X.length; i++) {
      lo = Math.min(lo, X[i][0]);
      hi = Math.max(hi, X[i][1]);
    }
    if (!isFinite(lo)) {
      return [1900, 2000];
    }
    /* Room on the right for the labels of the last facts. */
    var pad = Math.max((hi - lo) * 0.04, 0.5), padRight = Math.max((hi - lo) * 0.2, 1);
    var step = hi - lo > 40 ? 5 : 1;
    return [Math.floor((lo - pad) / step) * step, Math.ceil((hi + padRight) / step) * step];
  }

  /* start draws the payload in the element with id dataId on chart. */
  function start(c, dataId) {
    chart = c;
    D = JSON.parse(document.getElementById(dataId).textContent);
    X = new Array(D.s.length);
    var last = -Infinity;
    for (var i = 0; i < D.s.length; i++) {
      X[i] = [decimalYear(D.s[i], false), decimalYear(D.e[i], true)];
      last = Math.max(last, X[i][1]);
    }
    for (i = 0; i < D.s.length; i++) {
      if (D.fl[i] & OPEN) {
        X[i][1] = Math.max(last, X[i][0] + 1);
      }
    }
    /* setOption renders at once, so listen before it. */
    chart.on("finished", function ready() {
      chart.off("finished", ready);
      document.documentElement.setAttribute("data-timeline-ready", String(D.s.length));
      if (window.parent !== window) {
        /* An embedding page learns that the chart is drawn; only a count is sent. */
        window.parent.postMessage({ type: "timeline-ready", facts: D.s.length }, "*");
      }
    });
    var ext = extent();
    chart.setOption({
      xAxis: { min: ext[0], max: ext[1] },
      yAxis: { min: -0.5, max: Math.max(D.rows, 1) - 0.5 },
      dataZoom: [{ filterMode: "weakFilter" }, { filterMode: "weakFilter" }],
      series: series()
    });
    chart.on("click", function (e) {
      if (e.seriesType === "custom") {
        var url = safeURL(D.url[e.data[3]]);
        if (url) {
          window.open(url, "_blank", "noopener");
        }
      }
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  /* The pixel at the middle of fact i's mark, for tests and tools. */
  function pixelOf(i) {
    var x = (X[i][0] + X[i][1]) / 2;
    if (D.fl[i] & PERIOD) {
      var ext = chart.getModel().getComponent("xAxis", 0).axis.scale.getExtent();
      x = (Math.max(X[i][0], ext[0]) + Math.min(X[i][1], ext[1])) / 2;
    }
    return chart.convertToPixel({ gridIndex: 0 }, [x, D.row[i]]);
  }

  return {
    start: start, tooltip: tooltip, axisLabel: axisLabel, rowLabel: rowLabel, pixelOf: pixelOf,
    data: function () { return D; }
  };
})();
