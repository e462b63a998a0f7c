/* state.js: the state the page script shares, and a fact as text: its label,
   its range, its tooltip. Every CSV string is displayed as text: on the
   canvas as text elements, in tooltips only through
   echarts.format.encodeHTML. */

  /* The fact flags and the limits, from the payload's k: Go writes them,
     so that both sides use the same. */
  var K = null;
  var D = null; /* the payload */
  /* Whether the payload's text columns are in D. A large page's come
     after the chart is drawn (start.js); until then its tooltips,
     labels, search, table and presenter wait. */
  var textsReady = true;
  var X0 = null, X1 = null; /* per dated fact: x start and end, in decimal years */
  var chart = null;
  var large = false; /* past K.large dated facts: ECharts' large mode */
  var seriesFacts = {}; /* large mode: series id -> fact index of each data item */
  var ext = [0, 1]; /* the full x range */
  /* Colours that follow prefers-color-scheme: setColours sets them. */
  var ink, paper, linkInk, bandInk;
  var hit = null; /* while searching: per fact, whether it matches */
  var laneData = []; /* small mode: each lane's data items */
  var hiddenLabels = null; /* small mode: the facts whose labels would run into others */
  var labelRoom = {}; /* small mode: per fact, the pixels its label may take */
  /* A right-to-left page: time runs from right to left, labels end where
     their facts start. */
  var rtl = document.documentElement.dir === "rtl";
  var dates = TimelineDates, text = TimelineText;
  var dayLabel = dates.dayLabel, decimalYear = dates.decimalYear, word = dates.word;
  /* Set from K at start. */
  var PERIOD, APPROX, UNCERTAIN, COARSE, OPEN, WORK, OPENSTART, LARGE, LABELS, PAGE;

  var byId = null;
  /* factsById maps each fact's id to its index, made once. */
  function factsById() {
    if (!byId) {
      byId = {};
      D.id.forEach(function (id, i) { byId[id] = i; });
    }
    return byId;
  }

  /* viewYears gives the years the chart shows now, [from, to]. The
     model's, not getOption()'s, which would copy every series' data. */
  function viewYears() {
    var range = chart.getModel().getComponent("dataZoom", 0).getPercentRange();
    return [ext[0] + (ext[1] - ext[0]) * range[0] / 100, ext[0] + (ext[1] - ext[0]) * range[1] / 100];
  }

  /* The normalised range of fact i, as people read it. */
  function rangeLabel(i) {
    var s = dayLabel(D.s[i]);
    if (D.fl[i] & OPEN) {
      return s + " \u2013 " + word("Open");
    }
    if (D.fl[i] & OPENSTART) {
      return word("Open") + " \u2013 " + dayLabel(D.e[i]);
    }
    return D.s[i] === D.e[i] ? s : s + " \u2013 " + dayLabel(D.e[i]);
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
    var fl = D.fl[i], s = D.title[i];
    if (fl & APPROX) {
      s = word("Approximate", { Title: s });
    }
    return fl & UNCERTAIN ? word("Uncertain", { Title: s }) : s;
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

  /* The date fact i is shown with: its display date, or as written. */
  function shownDate(i) {
    return (D.disp && D.disp[i]) || D.date[i];
  }

  /* The value of a tooltip row, by its payload key. */
  function tipValue(key, i) {
    if (key === "range") {
      return i < D.s.length ? rangeLabel(i) : "";
    }
    return key === "date" ? shownDate(i) : D[key][i];
  }

  /* Fact i's media, or null: an image, shown, or an address, linked. */
  function mediaOf(i) {
    function get(key) {
      return D[key] ? D[key][i] : "";
    }
    var url = safeURL(get("media"));
    if (!url) {
      return null;
    }
    return {
      url: url, image: text.isImage(url, K.img),
      alt: get("malt") || get("mcaption") || D.title[i], caption: get("mcaption"), credit: get("mcredit")
    };
  }

  function mediaTip(m) {
    var credit = m.credit ? " <span class=\"credit\">" + esc(m.credit) + "</span>" : "";
    if (!m.image) {
      return "<p class=\"tl-media\"><a href=\"" + esc(m.url) + "\" target=\"_blank\" rel=\"noopener noreferrer\" referrerpolicy=\"no-referrer\">" +
        esc(m.caption || m.url) + "</a>" + credit + "</p>";
    }
    return "<figure class=\"tl-media\"><img src=\"" + esc(m.url) + "\" alt=\"" + esc(m.alt) + "\" loading=\"lazy\" referrerpolicy=\"no-referrer\">" +
      (m.caption || m.credit ? "<figcaption>" + esc(m.caption) + credit + "</figcaption>" : "") + "</figure>";
  }

  function factTip(i) {
    var html = "<div class=\"tl-tip\"><strong>" + esc(D.title[i]) + "</strong><table>";
    D.tip.forEach(function (row) {
      html += tipRow(row[0], tipValue(row[1], i));
    });
    for (var c = 0; c < D.xn.length; c++) {
      html += tipRow(D.xn[c], D.xv[c][i]);
    }
    html += "</table>";
    var m = mediaOf(i);
    if (m) {
      html += mediaTip(m);
    }
    var url = safeURL(D.url[i]);
    if (url) {
      html += "<a href=\"" + esc(url) + "\" target=\"_blank\" rel=\"noopener noreferrer\">" + esc(url) + "</a>";
    }
    return html + "</div>";
  }

  function tooltip(p) {
    if (!D || !textsReady || !p || (p.value == null && !seriesFacts[p.seriesId])) {
      return "";
    }
    if (p.seriesId === "links") {
      var w = p.value[5], f = p.value[6];
      return "<div class=\"tl-tip\">" + word("LinkStudies", {
        Work: "<strong>" + esc(D.title[w]) + "</strong> (" + esc(D.date[w]) + ")",
        Fact: "<strong>" + esc(D.title[f]) + "</strong> (" + esc(D.date[f]) + ")"
      }) + "</div>";
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
