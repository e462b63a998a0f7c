/* controls.js: the page's controls: zoom, lanes, patterns, PNG and the dark
   scheme. */

  function zoomTo(lo, hi) {
    chart.dispatchAction({ type: "dataZoom", startValue: lo, endValue: hi });
  }

  function zoomBy(factor) {
    var view = viewYears(), lo = view[0], hi = view[1];
    var mid = (lo + hi) / 2, half = Math.max((hi - lo) * factor / 2, 1 / 24);
    zoomTo(Math.max(ext[0], mid - half), Math.min(ext[1], mid + half));
  }

  function png() {
    return chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: paper });
  }

  /* setColours sets the colours the script draws with, for a light or
     dark page. */
  function setColours(dark) {
    ink = dark ? "#e6e6e6" : "#222";
    paper = dark ? "#15191e" : "#fff";
    linkInk = dark ? "#aab" : "#555";
    bandInk = dark ? "#aab" : "#556";
  }

  /* applyScheme colours the chart for a light or dark page. */
  function applyScheme(dark) {
    setColours(dark);
    var axis = { axisLabel: { color: dark ? "#c9d1d9" : "#6e7079" }, axisLine: { lineStyle: { color: dark ? "#8b949e" : "#6e7079" } },
      splitLine: { lineStyle: { color: dark ? "#30363d" : "#e0e6f1" } } };
    chart.setOption({
      backgroundColor: paper,
      /* The tooltip's own colours: its field names take the page's muted
         colour, which must stand out from its background. */
      tooltip: { backgroundColor: paper, borderColor: dark ? "#30363d" : "#d0d7de", textStyle: { color: ink } },
      legend: { textStyle: { color: ink }, pageTextStyle: { color: ink } },
      xAxis: axis, yAxis: axis,
      series: [{ id: "search", itemStyle: large ? { color: ink } : { borderColor: ink } },
        { id: "links", markArea: { label: { color: bandInk, textBorderColor: paper } } }]
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
    document.getElementById("tl-png").addEventListener("click", function () { download((D.name || "timeline") + ".png", png()); });
    box.querySelectorAll("input[data-lane]").forEach(function (cb) {
      cb.addEventListener("change", function () {
        chart.dispatchAction({ type: cb.checked ? "legendSelect" : "legendUnSelect", name: cb.dataset.lane });
      });
    });
    chart.on("legendselectchanged", function (e) {
      box.querySelectorAll("input[data-lane]").forEach(function (cb) { cb.checked = e.selected[cb.dataset.lane] !== false; });
    });
  }
