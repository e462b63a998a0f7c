/* start.js: reads the payload and draws it; the page's go-echarts script
   creates the chart with its base option and then calls
   Timeline.start(chart, "timeline-data"). */

  /* joinChunks joins the text columns of the payload, named in
     data.texts, which come in chunks of facts, into one array per
     column, as D.title. Without chunks, as a large page's payload comes,
     the columns are empty until fillTexts. */
  function joinChunks(data) {
    var chunks = data.chunks || [];
    delete data.chunks;
    data.texts.forEach(function (key) { data[key] = []; });
    data.xv = data.xn.map(function () { return []; });
    fillChunks(data, chunks);
    return data;
  }

  /* fillChunks appends the chunks' text columns to data's, each column
     in one concat. */
  function fillChunks(data, chunks) {
    data.texts.forEach(function (key) {
      data[key] = data[key].concat.apply(data[key], chunks.map(function (chunk) { return chunk[key]; }));
    });
    data.xv = data.xv.map(function (column, c) {
      return column.concat.apply(column, chunks.map(function (chunk) { return chunk.xv[c]; }));
    });
  }

  /* inflate gives a promise of the JSON in an element's gzipped base64
     text (page.go's writePayload), and empties the element. */
  function inflate(el) {
    var bytes;
    if (Uint8Array.fromBase64) {
      bytes = Uint8Array.fromBase64(el.textContent);
    } else {
      var raw = atob(el.textContent);
      bytes = new Uint8Array(raw.length);
      for (var i = 0; i < raw.length; i++) {
        bytes[i] = raw.charCodeAt(i);
      }
    }
    el.textContent = "";
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(JSON.parse);
  }

  /* read gives a promise of the JSON in a payload element: as it is, or
     inflated when it is gzipped. */
  function read(el) {
    if (el.dataset.encoding === "gzip+base64") {
      return inflate(el);
    }
    return new Promise(function (resolve) { resolve(JSON.parse(el.textContent)); });
  }

  /* start draws the payload in the element with id dataId on chart. A
     large timeline's text columns are in a second element, dataId with
     "-texts" for "-data", read once the chart is drawing; a larger one's
     are gzipped in base64, the payload too. */
  function start(c, dataId) {
    chart = c;
    window.benchZoom = benchZoom;
    var el = document.getElementById(dataId);
    var textsEl = document.getElementById(dataId.replace(/-data$/, "-texts"));
    if (el.dataset.encoding && typeof DecompressionStream === "undefined") {
      /* A browser before 2023 cannot inflate the payload: the page says
         so in place of an empty chart, and the table keeps its first rows,
         which its note then says are all it shows. */
      document.querySelector(".old-browser").hidden = false;
      chart.getDom().hidden = true;
      /* The chart's script runs while the page is parsed; the table
         comes after it. */
      document.addEventListener("DOMContentLoaded", function () {
        var note = document.querySelector(".paged-note[data-old]");
        if (note) {
          note.textContent = note.dataset.old;
        }
      });
      return;
    }
    if (!textsEl) {
      begin(JSON.parse(el.textContent));
      return;
    }
    textsReady = false;
    read(el).then(function (data) {
      begin(data);
      /* Reading both at once would slow the first. */
      return read(textsEl);
    }).then(function (chunks) {
      fillChunks(D, chunks);
      textsReady = true;
      withTexts();
      document.documentElement.setAttribute("data-timeline-texts", "");
    });
  }

  /* begin draws the payload, parsed. */
  function begin(data) {
    D = joinChunks(data);
    K = D.k;
    dates.setLocale(D.loc);
    PERIOD = K.period; APPROX = K.approx; UNCERTAIN = K.uncertain; COARSE = K.coarse; OPEN = K.open; WORK = K.work; OPENSTART = K.openstart;
    LARGE = K.large; LABELS = K.labels; PAGE = K.page;
    var n = D.s.length;
    large = n > LARGE;
    X0 = new Float64Array(n);
    X1 = new Float64Array(n);
    var first = Infinity, last = -Infinity;
    for (var i = 0; i < n; i++) {
      X0[i] = decimalYear(D.s[i], false);
      X1[i] = decimalYear(D.e[i], true);
      first = Math.min(first, X0[i]);
      last = Math.max(last, X1[i]);
    }
    /* An open end runs to the last date drawn, an open start from the
       first, and at least a year. */
    for (i = 0; i < n; i++) {
      if (D.fl[i] & OPEN) {
        X1[i] = Math.max(last, X0[i] + 1);
      }
      if (D.fl[i] & OPENSTART) {
        X0[i] = Math.min(first, X1[i] - 1);
      }
    }
    /* On a phone, the lane names take less room. */
    var narrow = chart.getWidth() < narrowChart;
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
    setColours(Boolean(dark && dark.matches));
    /* No data shadow in the slider: ECharts would trace the rows of the
       first scatter series, which mean nothing on a timeline, and tracing
       100,000 facts' took ready from 724 to 765 ms (medians of 12
       alternated loads). */
    var zoom = { filterMode: mode, showDataShadow: false };
    if (D.view) {
      /* The first view the timeline's introduction asks for. */
      zoom.startValue = Math.max(ext[0], decimalYear(D.view[0], false));
      zoom.endValue = Math.min(ext[1], decimalYear(D.view[1], true));
    }
    chart.setOption({
      toolbox: { feature: { saveAsImage: { pixelRatio: 2, backgroundColor: paper } } },
      legend: legendBox(),
      grid: narrow ? { left: 76, right: 16 } : {},
      xAxis: { min: ext[0], max: ext[1] },
      yAxis: {
        min: -0.5, max: Math.max(D.rows, 1) - 0.5,
        /* A label beside each lane's first row, a tick between lanes. */
        axisLabel: { customValues: D.lanes.map(function (ln) { return ln.row; }), width: narrow ? 68 : 136 },
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
    if (textsReady) {
      withTexts();
    }
    /* Print the chart at the width of the paper. */
    window.addEventListener("beforeprint", function () { chart.resize({ width: 1000 }); });
    window.addEventListener("afterprint", function () { chart.resize(); });
    /* ECharts refuses setOption while it handles an action: wait for it. */
    if (large) {
      chart.on("datazoom", function () { setTimeout(updateWindow, 0); });
    }
    chart.on("click", function (e) {
      if (textsReady && e.seriesId !== "links" && e.seriesId !== "labels") {
        var url = safeURL(D.url[factOf(e)]);
        if (url) {
          window.open(url, "_blank", "noopener");
        }
      }
    });
    window.addEventListener("resize", function () {
      chart.resize();
      var opt = { legend: legendBox() };
      if (large) {
        var w = barWidth();
        opt.series = D.lanes.map(function (ln, l) { return { id: "p-" + l, lineStyle: { width: w } }; });
      }
      chart.setOption(opt);
    });
  }

  /* toolboxRoom is how far from the chart's right edge the legend stops:
     the toolbox's two icons and its 16 pixels from the edge (page.go's
     newChart), with a gap. */
  var toolboxRoom = 88;

  /* legendBox keeps the legend, which scrolls when it holds more lanes
     than its width, clear of the toolbox at the top right: on a narrow
     chart from 8 pixels in, on a wider one centred with as much room on
     either side. */
  function legendBox() {
    var w = chart.getWidth();
    return w < narrowChart ? { left: 8, width: w - 8 - toolboxRoom } : { left: "center", width: w - 2 * toolboxRoom };
  }

  /* withTexts starts what needs the facts' texts: the controls (search
     among them), the presenter, the table's pages, and a large page's
     labels for the view it shows. */
  function withTexts() {
    controls();
    startPresenter();
    /* The table comes after the chart in the page. */
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", pageTable);
    } else {
      pageTable();
    }
    if (large) {
      updateWindow();
    }
  }

  /* benchZoom zooms to the years between two times, in milliseconds
     since 1970, and resolves once the zoom is drawn, large mode's labels
     too: how benchmark harnesses time a zoom on a page, such as this
     one, whose axis counts years, not milliseconds. */
  function benchZoom(startMs, endMs) {
    var day = 864e5;
    return new Promise(function (resolve) {
      chart.on("finished", function done() {
        chart.off("finished", done);
        resolve();
      });
      chart.dispatchAction({ type: "dataZoom", startValue: decimalYear(Math.floor(startMs / day), false), endValue: decimalYear(Math.floor(endMs / day), false) });
      if (large) {
        updateWindow();
      }
    });
  }

  /* The pixel at the middle of fact i's mark, for tests and tools. */
  function pixelOf(i) {
    var x = (X0[i] + X1[i]) / 2;
    if (D.fl[i] & PERIOD) {
      var shown = viewExtent();
      x = (Math.max(X0[i], shown[0]) + Math.min(X1[i], shown[1])) / 2;
    }
    return chart.convertToPixel({ gridIndex: 0 }, [x, D.row[i]]);
  }

  return {
    start: start, tooltip: tooltip, factTip: factTip, axisLabel: dates.axisLabel, rowLabel: rowLabel, pixelOf: pixelOf,
    seriesFact: function (id, k) { return seriesFacts[id] ? seriesFacts[id][k] : k; },
    png: png, svg: svg, svgFileName: svgFileName, present: present,
    data: function () { return D; }
  };
