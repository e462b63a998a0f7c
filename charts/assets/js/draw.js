/* draw.js: each fact as a bar or a marker, the links from works to what they
   study, and the series of a timeline of up to K.large facts. */

  /* Draws one fact; while searching, the others are faded. */
  function renderFact(params, api) {
    /* Once a lane's render: the context lives while ECharts draws one
       series. */
    if (!params.context.laidOut) {
      params.context.laidOut = true;
      layoutLabels(params.coordSys, api);
    }
    var el = drawFact(params, api);
    if (el && hit && !hit[api.value(3)]) {
      (el.children || [el]).forEach(function (c) { c.style.opacity = 0.2; });
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
      /* Time may run right to left: the bar spans both ends either way. */
      var left = Math.min(p0[0], p1[0]);
      var rect = echarts.graphic.clipRectByRect(
        { x: left, y: p0[1] - h / 2, width: Math.max(Math.abs(p1[0] - p0[0]), 3), height: h },
        { x: cs.x, y: cs.y, width: cs.width, height: cs.height });
      if (!rect) {
        return null;
      }
      var bar = {
        type: "rect", shape: rect,
        style: { fill: barFill(fl, color, rect.width), stroke: dash ? color : null, lineDash: dash, lineWidth: 1.5, decal: api.visual("decal") }
      };
      var place = labelPlace(i, mirror(rtl ? rect.x + rect.width : rect.x), mirror(rtl ? rect.x : rect.x + rect.width), 0);
      return withLabel(i, bar, function () { return labelText(i, text, place, p0[1], place.inside ? "#fff" : ink); });
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
    return withLabel(i, shape, function () { return labelText(i, text, labelPlace(i, mirror(x), mirror(x), r), y, ink); });
  }

  /* barFill gives the fill of a bar width pixels wide: its colour, fading
     at an end that is approximate, coarse or open. A bar with neither is
     filled plain: a gradient of one colour cost as much to paint as any
     (1,000 facts: setOption 786 ms with one each, 730 ms without, in one
     run, alternated). */
  function barFill(fl, color, width) {
    var soft = fl & (APPROX | COARSE), fadeStart = soft || fl & OPENSTART, fadeEnd = soft || fl & OPEN;
    if (!fadeStart && !fadeEnd) {
      return color;
    }
    var edge = Math.min(0.2, 24 / Math.max(width, 1));
    var stops = [
      { offset: 0, color: soft ? fade(color, 0.15) : fadeStart ? fade(color, 0.1) : color },
      { offset: edge, color: color },
      { offset: 1 - edge, color: color },
      { offset: 1, color: fadeEnd ? fade(color, 0.1) : color }
    ];
    return rtl ? new echarts.graphic.LinearGradient(1, 0, 0, 0, stops) : new echarts.graphic.LinearGradient(0, 0, 1, 0, stops);
  }

  /* withLabel gives fact i's mark, grouped with its label unless the
     label is hidden: a mark alone is one element, not two. */
  function withLabel(i, mark, label) {
    return hiddenLabels && hiddenLabels[i] ? mark : { type: "group", children: [mark, label()] };
  }

  /* mirror turns a pixel's x into the frame where time runs left to right:
     a right-to-left page is laid out as its mirror image. */
  function mirror(px) {
    return rtl ? chart.getWidth() - px : px;
  }

  /* labelPlace gives where fact i's label starts and how wide it is, at
     most 240 pixels, as time runs left to right: inside its bar from x0
     to x1 when it fits, else after it; for a single date at x0 = x1,
     after its marker of radius r. */
  function labelPlace(i, x0, x1, r) {
    if (!(D.fl[i] & PERIOD)) {
      return { x: x1 + r + 6, width: Math.min(textWidth(i), 240), inside: false };
    }
    return x1 - x0 > textWidth(i) + 16 ?
      { x: x0 + 8, width: x1 - x0 - 14, inside: true } :
      { x: x1 + 12, width: Math.min(textWidth(i), 240), inside: false };
  }

  /* labelText draws fact i's label at its place, cut to its bar, or to
     240 pixels, or to the room layoutLabels leaves it. (Outside a bar the
     cut is not its own measured width, which ECharts may measure a hair
     wider.) */
  function labelText(i, text, place, y, fill) {
    var style = {
      text: text, x: mirror(place.x), y: y, verticalAlign: "middle", align: rtl ? "right" : "left",
      fill: fill, font: "13px sans-serif", width: Math.min(place.inside ? place.width : 240, i in labelRoom ? labelRoom[i] : 240), overflow: "truncate"
    };
    return { type: "text", silent: true, style: place.inside ? style : halo(style) };
  }

  /* halo rings a label outside its bar in the chart's background, under
     its letters, so that a link drawn beneath it does not cross them. */
  function halo(style) {
    style.stroke = paper;
    style.lineWidth = 3;
    style.strokeFirst = true;
    return style;
  }

  /* labelSpans gives where each dated fact's mark and label would be
     drawn in the view, whose pixels px maps, in the grid cs: [label left,
     label width, row, fact, mark left], as drawFact places them. */
  function labelSpans(px, cs) {
    var grid = { x: mirror(rtl ? cs.x + cs.width : cs.x), width: cs.width };
    var r = Math.min(7, Math.abs(px.y(1) - px.y(0)) * 0.28);
    var spans = [];
    for (var i = 0; i < D.s.length; i++) {
      var a = mirror(px.x(X0[i])), b = mirror(px.x(X1[i]));
      if (D.fl[i] & PERIOD) {
        var x0 = Math.max(a, grid.x), x1 = Math.min(Math.max(b, a + 3), grid.x + grid.width);
        if (x1 < x0) {
          continue;
        }
        var place = labelPlace(i, x0, x1, r);
        spans.push([place.x, place.width, D.row[i], i, place.inside ? Infinity : x0]);
      } else {
        var x = (a + b) / 2;
        if (x >= grid.x && x <= grid.x + grid.width) {
          place = labelPlace(i, x, x, r);
          spans.push([place.x, place.width, D.row[i], i, x - r - 1]);
        }
      }
    }
    return { spans: spans, right: grid.x + grid.width };
  }

  /* minLabel is the narrowest a label is cut to before it is hidden. */
  var minLabel = 40;

  /* narrowChart is the width below which the lane names take less room
     and labels are cut before the next mark: a phone's. */
  var narrowChart = 600;

  /* roomBefore gives the pixels the label of span sp has before limit:
     its width, or less. */
  function roomBefore(sp, limit) {
    return Math.min(sp[1], limit - sp[0] - 4);
  }

  /* roomBeforeNextMark gives, per fact, the pixels its label has before
     the next mark to the right on its row, or the right edge. */
  function roomBeforeNextMark(spans, right) {
    var byRow = {}, room = {};
    spans.forEach(function (sp) { (byRow[sp[2]] = byRow[sp[2]] || []).push(sp); });
    Object.keys(byRow).forEach(function (row) {
      var list = byRow[row].slice().sort(function (p, q) { return p[0] - q[0]; });
      list.forEach(function (sp) {
        var limit = right;
        list.forEach(function (other) {
          if (other !== sp && other[4] > sp[0] - 4 && other[4] < limit) {
            limit = other[4];
          }
        });
        room[sp[3]] = roomBefore(sp, limit);
      });
    });
    return room;
  }

  /* layoutLabels hides the labels that would run into another: on a
     desktop too, where a thousand facts drawn whole gave 920 labels, of
     which 15,526 pairs ran into each other. On a narrow chart it first
     fits each label between its mark and the next mark on its row, and
     the chart's right edge, cut short where it must be, and hides those
     cut narrower than minLabel; a wider one has room for labels whole.
     renderFact calls it as each lane is drawn, and it lays the labels out
     once a view: when the view or the chart's size has changed since it
     last did.
     So each render lays out the labels it draws, with no second render.
     cs is the grid, and api the render's, whose pixels are linear in
     years and rows: two conversions do for every fact. Large mode labels
     its own. */
  var laidOut = "";
  function layoutLabels(cs, api) {
    var view = viewExtent();
    var key = [view[0], view[1], cs.x, cs.y, cs.width, cs.height].join(" ");
    if (key === laidOut) {
      return;
    }
    laidOut = key;
    var px = pixelMap(api.coord);
    var layout = labelSpans(px, cs), spans = layout.spans;
    /* cut is the room of the labels drawn cut short. On a wide chart,
       labels are whole but cut at its right edge rather than clipped
       there mid-letter; a whole one is not cut to its measured width,
       which ECharts may measure a hair wider. */
    var wide = chart.getWidth() >= narrowChart, room = {}, cut = {};
    if (wide) {
      spans.forEach(function (sp) {
        room[sp[3]] = roomBefore(sp, layout.right);
        if (room[sp[3]] < sp[1]) {
          cut[sp[3]] = room[sp[3]];
        }
      });
    } else {
      room = cut = roomBeforeNextMark(spans, layout.right);
    }
    /* Labels are 13 pixels high; rows may be closer than that. */
    var fits = spans.filter(function (sp) { return room[sp[3]] >= Math.min(minLabel, sp[1]); })
      .sort(function (p, q) { return p[0] - q[0] || p[3] - q[3]; });
    var kept = text.unclutterBoxes(fits, function (sp) {
      return [sp[0], px.y(sp[2]) - 8, room[sp[3]] + 4, 16];
    });
    var hidden = {}, keptSet = {};
    kept.forEach(function (sp) { keptSet[sp[3]] = true; });
    spans.forEach(function (sp) {
      if (!keptSet[sp[3]]) {
        hidden[sp[3]] = true;
      }
    });
    hiddenLabels = hidden;
    labelRoom = cut;
  }

  /* roundYearTicks marks the time axis of a chart at round years BC
     (dates.yearTicks) for the years its view shows, or leaves the marks
     to ECharts. It runs as an ECharts layout, once a zoom has set the
     axis's extent and before the axis is drawn, so that a zoom draws
     once: setting the marks by setOption after a zoom would draw the
     chart twice. */
  function roundYearTicks(ecModel) {
    var model = ecModel.getComponent("xAxis", 0);
    if (!model || !model.axis) {
      return;
    }
    var view = model.axis.scale.getExtent();
    var ticks = dates.yearTicks(view[0], view[1], 5), o = model.option;
    o.axisTick = o.axisTick || {};
    o.axisLabel = o.axisLabel || {};
    o.axisTick.customValues = o.axisLabel.customValues = ticks;
  }
  if (typeof echarts === "object") {
    /* Before the page's chart is made: a chart takes the layouts there
       are when it is made. */
    echarts.registerLayout(roundYearTicks);
  }

  /* viewExtent gives the years the x axis shows now. */
  function viewExtent() {
    return chart.getModel().getComponent("xAxis", 0).axis.scale.getExtent();
  }

  /* pixelMap gives the grid's pixels of years (x) and rows (y), which are
     linear in both, from two conversions by coord ([year, row] to a
     pixel), not one a point: px.x(year), px.y(row), px.at([year, row]). */
  function pixelMap(coord) {
    var view = viewExtent();
    var p = coord([view[0], 0]), q = coord([view[1], 1]), kx = (q[0] - p[0]) / (view[1] - view[0]);
    var px = {
      x: function (year) { return p[0] + (year - view[0]) * kx; },
      y: function (row) { return p[1] + (q[1] - p[1]) * row; }
    };
    px.at = function (v) { return [px.x(v[0]), px.y(v[1])]; };
    return px;
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

  /* linkShape gives where link item it (as linkData makes them) is drawn
     in the grid cs, whose pixels coord gives: its curve, and the three
     corners of its arrowhead at the fact it studies. It is null while the
     lane of either end is hidden, or neither end is in view: a link is
     drawn while the work or what it studies is in view, as in large mode,
     for one that would only cross the view leads nowhere to be seen. A
     dashed curve costs as much to draw as it is long, drawn or not:
     zoomed in, links to facts centuries away took most of a second. So an
     end far out of view is brought to a width of the view from its edge. */
  function linkShape(it, cs, coord) {
    var legend = chart.getModel().getComponent("legend");
    var w = it[5], f = it[6];
    if (legend && (!legend.isSelected(D.lanes[D.lane[w]].name) || !legend.isSelected(D.lanes[D.lane[f]].name))) {
      return null;
    }
    var a = coord([it[1], it[3]]);
    var b = coord([it[2], it[4]]);
    var left = cs.x - cs.width, right = cs.x + 2 * cs.width;
    var inView = function (p) { return p[0] >= cs.x && p[0] <= cs.x + cs.width; };
    if (!inView(a) && !inView(b)) {
      return null;
    }
    a = [Math.min(Math.max(a[0], left), right), a[1]];
    b = [Math.min(Math.max(b[0], left), right), b[1]];
    var cp = [(a[0] + b[0]) / 2, Math.min(a[1], b[1]) - Math.abs(a[0] - b[0]) * 0.08];
    /* Start at the edge of the work's marker, which stays hoverable. */
    var ax = cp[0] - a[0], ay = cp[1] - a[1], al = Math.sqrt(ax * ax + ay * ay) || 1;
    a = [a[0] + ax / al * 10, a[1] + ay / al * 10];
    /* The arrowhead points along the curve at its end: from the control
       point, or, where a link runs straight up or down and the control
       point is its end, from its start. */
    var dx = b[0] - cp[0], dy = b[1] - cp[1];
    if (dx * dx + dy * dy < 1) {
      dx = b[0] - a[0];
      dy = b[1] - a[1];
    }
    var len = Math.sqrt(dx * dx + dy * dy) || 1;
    var ux = dx / len, uy = dy / len, s = 8;
    return {
      curve: { x1: a[0], y1: a[1], x2: b[0], y2: b[1], cpx1: cp[0], cpy1: cp[1] },
      arrow: [b, [b[0] - ux * s - uy * s / 2, b[1] - uy * s + ux * s / 2], [b[0] - ux * s + uy * s / 2, b[1] - uy * s - ux * s / 2]]
    };
  }

  /* linkItems are the links series' data now, which the arrowheads
     follow. */
  var linkItems = [];

  /* Draws a dashed curve from a work to a fact it studies; renderArrows
     draws its arrowhead. */
  function renderLink(params, api) {
    var it = [];
    for (var k = 0; k < 7; k++) {
      it.push(api.value(k));
    }
    var g = linkShape(it, params.coordSys, api.coord);
    return g && {
      type: "bezierCurve", name: "tl-link", shape: g.curve,
      style: { stroke: linkInk, fill: null, lineWidth: 1.5, lineDash: [5, 4], opacity: 0.8 }
    };
  }

  /* renderArrows draws the arrowheads of every link drawn, as one path,
     from the same linkShape as renderLink. An arrowhead of its own,
     grouped with its curve, made each link three elements, and ECharts'
     custom series costs about 0.2 ms an element (352 links at 1,000
     facts). In no coordinate system, it converts its own pixels. */
  function renderArrows() {
    var grid = chart.getModel().getComponent("grid", 0).coordinateSystem.getRect();
    var cs = { x: grid.x, y: grid.y, width: grid.width, height: grid.height };
    var coord = pixelMap(function (v) { return chart.convertToPixel({ gridIndex: 0 }, v); }).at;
    var d = [];
    linkItems.forEach(function (it) {
      var g = linkShape(it, cs, coord);
      if (g) {
        d.push("M" + g.arrow.map(function (p) { return p[0].toFixed(1) + " " + p[1].toFixed(1); }).join("L") + "Z");
      }
    });
    return d.length ? {
      type: "path", name: "tl-arrows", silent: true, shape: { pathData: d.join("") }, style: { fill: linkInk, opacity: 0.8 },
      clipPath: { type: "rect", shape: cs }
    } : null;
  }

  function bandAreas() {
    var areas = D.bands.filter(function (b) { return b.rows > 0; }).map(function (b) {
      return [{ name: b.name, yAxis: b.row - 0.5 }, { yAxis: b.row + b.rows - 0.5 }];
    });
    return {
      silent: true,
      itemStyle: { color: "rgba(120,130,150,0.07)", borderColor: "rgba(120,130,150,0.35)", borderWidth: 1 },
      label: { position: "insideTopRight", color: bandInk, fontWeight: "bold", fontSize: 12, textBorderColor: paper, textBorderWidth: 3 },
      data: areas
    };
  }

  /* linksSeries gives the links series with data, and the series of
     their arrowheads: one item, in no coordinate system, so that a zoom
     never filters it out. The links are drawn beneath the marks and their
     labels (z 2 against 3), the arrowheads above them. */
  function linksSeries(data) {
    linkItems = data;
    return [{
      type: "custom", id: "links", name: "Studies", renderItem: renderLink, z: 2, data: data,
      encode: large ? { x: 0, y: 3, tooltip: [] } : { x: [1, 2], y: [3, 4], tooltip: [] },
      clip: true, markArea: bandAreas()
    }, {
      type: "custom", id: "arrows", coordinateSystem: "none", renderItem: renderArrows, z: 4, silent: true, data: [[0]]
    }];
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
    out.push.apply(out, linksSeries(linkData()));
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
