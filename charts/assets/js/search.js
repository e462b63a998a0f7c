/* search.js: the facts that hold every word, marked on the chart and
   kept in the table. */

  var haystack = null; /* per fact, its searched text, folded */
  /* search gives the indexes of the facts whose title, description,
     authors, tags or group hold every word of the query. */
  function search(query) {
    if (!haystack) {
      haystack = D.title.map(function (t, i) { return text.fold(t + "\n" + D.desc[i] + "\n" + D.au[i] + "\n" + D.tags[i] + "\n" + D.grp[i]); });
    }
    return text.matching(haystack, query);
  }

  var matches = null; /* the facts the search picked out, or null */
  function applySearch(query) {
    matches = search(query);
    var status = document.getElementById("tl-search-status");
    if (status) {
      status.textContent = !matches ? "" : matches.length ? word("SearchMatches", { Count: matches.length }) : word("NoMatch");
    }
    markFacts(matches, matches);
    filterTable();
  }

  /* markFacts fades every fact but those of set, or none when set is
     null, and rings the dated facts of ringed on the chart. */
  function markFacts(set, ringed) {
    chart.setOption({ series: markSeries(set, ringed) });
  }

  /* markSeries gives the series updates that markFacts makes. */
  function markSeries(set, ringed) {
    hit = null;
    if (set) {
      hit = new Uint8Array(D.id.length);
      set.forEach(function (i) { hit[i] = 1; });
    }
    var marks = [];
    (ringed || []).forEach(function (i) {
      if (i < D.s.length) {
        marks.push([(D.fl[i] & PERIOD ? (Math.max(X0[i], ext[0]) + Math.min(X1[i], ext[1])) / 2 : (X0[i] + X1[i]) / 2), D.row[i], i]);
      }
    });
    var update = [{ id: "search", data: marks }];
    if (!large) {
      /* Draw the lanes again, so that renderFact fades the others. */
      update = update.concat(D.lanes.map(function (ln, n) { return { id: "lane-" + n, data: laneData[n] }; }));
    }
    return update;
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

  /* searchSeries marks the matches on the chart. */
  function searchSeries() {
    return large ?
      { type: "scatter", id: "search", name: "Search", large: true, largeThreshold: 200, progressive: 0, data: [], z: 6, silent: true,
        encode: { x: 0, y: 1 }, symbol: "rect", symbolSize: [4, 12], itemStyle: { color: ink } } :
      { type: "scatter", id: "search", name: "Search", data: [], z: 6, silent: true, encode: { x: 0, y: 1 },
        symbol: "circle", symbolSize: 22, itemStyle: { color: "transparent", borderColor: ink, borderWidth: 2 } };
  }

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
