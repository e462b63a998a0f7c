/* present.js: presenter mode, one fact at a time over the chart, for a
   class; deep links to a fact (#fact-ID) and to a step (#present/fact-ID);
   and the view as SVG, for slides. */

  var steps = null; /* the facts presented, in order */
  var stepOf = null; /* fact index -> its step */
  var at = -1; /* the step shown, or -1 when not presenting */
  var presenter = null; /* the presenter's elements, once made */
  var studiedBy = null; /* fact index -> the works that name it in about */

  /* presentSteps gives the facts to present: those with a step, by step,
     when any has one; else every fact, dated ones by date, then undated. */
  function presentSteps() {
    var all = [], withStep = [];
    for (var i = 0; i < D.id.length; i++) {
      all.push(i);
      if (D.step && D.step[i] !== "") {
        withStep.push(i);
      }
    }
    withStep.sort(function (a, b) { return (+D.step[a]) - (+D.step[b]) || a - b; });
    return withStep.length ? withStep : all;
  }

  function indexes() {
    if (studiedBy) {
      return;
    }
    var indexOf = factsById();
    studiedBy = {};
    D.ab.forEach(function (about, w) {
      about.split("; ").filter(Boolean).forEach(function (id) {
        if (id in indexOf) {
          (studiedBy[indexOf[id]] = studiedBy[indexOf[id]] || []).push(w);
        }
      });
    });
    steps = presentSteps();
    stepOf = {};
    steps.forEach(function (f, k) { stepOf[f] = k; });
  }

  /* studies gives the facts work i names in about. */
  function studies(i) {
    var indexOf = factsById();
    return D.ab[i].split("; ").filter(function (id) { return id in indexOf; }).map(function (id) { return indexOf[id]; });
  }

  /* factView gives the years to show fact i in, with some room around
     it; with withStudied, a work's with the dated facts it studies, so
     that its links are in view. Null for an undated fact. */
  function factView(i, withStudied) {
    if (i >= D.s.length) {
      return null;
    }
    var lo = X0[i], hi = X1[i];
    if (withStudied && D.fl[i] & WORK) {
      studies(i).forEach(function (f) {
        if (f < D.s.length) {
          lo = Math.min(lo, X0[f]);
          hi = Math.max(hi, X1[f]);
        }
      });
    }
    var pad = Math.max((hi - lo) * (hi - lo > X1[i] - X0[i] ? 0.1 : 0.6), 1);
    /* More room on the right, for the labels. */
    return [Math.max(ext[0], lo - pad), Math.min(ext[1], hi + 2 * pad)];
  }

  /* showView zooms to view, when it is not null, and marks fact i and
     the facts it is linked with, in one render: the others fade while
     small enough a timeline draws each fact itself. */
  function showView(view, i) {
    var series = markSeries([i].concat(studies(i), studiedBy[i] || []), [i]);
    var opt = { series: series };
    if (view) {
      opt.dataZoom = [{ startValue: view[0], endValue: view[1] }, { startValue: view[0], endValue: view[1] }];
      if (large) {
        opt.series = series.concat(windowSeries(view[0], view[1]));
      }
    }
    chart.setOption(opt);
  }

  function el(tag, cls, parent) {
    var e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (parent) {
      parent.appendChild(e);
    }
    return e;
  }

  function button(parent, textContent, label, onClick) {
    var b = el("button", "", parent);
    b.type = "button";
    b.textContent = textContent;
    if (label) {
      b.setAttribute("aria-label", label);
    }
    b.addEventListener("click", onClick);
    return b;
  }

  /* makePresenter makes the presenter's elements, once. */
  function makePresenter() {
    var box = el("div", "tl-presenter", document.body);
    box.id = "tl-presenter";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-label", word("Presentation", { Title: document.title || D.name }));
    box.tabIndex = -1;
    box.hidden = true;
    var slide = el("div", "tl-slide", box);
    var nav = el("nav", "tl-present-nav", box);
    nav.setAttribute("aria-label", word("Steps"));
    var prev = button(nav, word("PreviousStep"), "", function () { go(at - 1); });
    var counter = el("span", "tl-counter", nav);
    var next = button(nav, word("NextStep"), "", function () { go(at + 1); });
    button(nav, word("Close"), word("CloseHint"), leave);
    var live = el("p", "tl-sr-only", box);
    live.setAttribute("aria-live", "polite");
    /* A swipe left moves on, a swipe right back. */
    var touch = null;
    box.addEventListener("touchstart", function (e) {
      touch = e.touches.length === 1 ? [e.touches[0].clientX, e.touches[0].clientY] : null;
    }, { passive: true });
    box.addEventListener("touchend", function (e) {
      if (!touch || !e.changedTouches.length) {
        return;
      }
      var dx = e.changedTouches[0].clientX - touch[0], dy = e.changedTouches[0].clientY - touch[1];
      touch = null;
      if (Math.abs(dx) > 40 && Math.abs(dx) > 1.5 * Math.abs(dy)) {
        go(dx < 0 ? at + 1 : at - 1);
      }
    });
    presenter = { box: box, slide: slide, prev: prev, next: next, counter: counter, live: live };
  }

  /* A link to another step, or the fact's title when it is none. */
  function stepLink(parent, i) {
    if (i in stepOf) {
      var a = el("a", "", parent);
      a.href = "#present/fact-" + D.id[i];
      a.textContent = D.title[i];
    } else {
      parent.appendChild(document.createTextNode(D.title[i]));
    }
  }

  function linkList(slide, heading, facts) {
    if (!facts.length) {
      return;
    }
    var p = el("p", "tl-links", slide);
    el("strong", "", p).textContent = heading + " ";
    facts.forEach(function (f, k) {
      if (k) {
        p.appendChild(document.createTextNode("; "));
      }
      stepLink(p, f);
    });
  }

  /* fillSlide writes fact i on the slide. */
  function fillSlide(i) {
    var slide = presenter.slide;
    slide.replaceChildren();
    var when = el("p", "tl-when", slide);
    when.textContent = shownDate(i) || word("UndatedMark");
    if (i < D.s.length) {
      el("span", "tl-range", when).textContent = rangeLabel(i);
    }
    var h = el("h2", "", slide);
    h.id = "tl-slide-title";
    h.textContent = label(i);
    if (D.desc[i]) {
      el("p", "tl-desc", slide).textContent = D.desc[i];
    }
    var m = mediaOf(i);
    if (m) {
      /* mediaTip escapes every text it writes. */
      el("div", "tl-slide-media", slide).innerHTML = mediaTip(m);
    }
    var cite = [D.au[i], D.pub[i]].filter(Boolean).join(", ");
    if (cite) {
      el("p", "tl-cite", slide).textContent = cite;
    }
    linkList(slide, word(D.fl[i] & WORK ? "StudiesList" : "StudiedBy"), D.fl[i] & WORK ? studies(i) : (studiedBy[i] || []));
  }

  /* go shows step k. */
  function go(k) {
    if (!presenter || at < 0) {
      return;
    }
    k = Math.max(0, Math.min(k, steps.length - 1));
    var i = steps[k];
    at = k;
    var hadFocus = presenter.box.contains(document.activeElement) && document.activeElement !== presenter.box;
    fillSlide(i);
    presenter.counter.textContent = (k + 1) + " / " + steps.length;
    presenter.prev.disabled = k === 0;
    presenter.next.disabled = k === steps.length - 1;
    presenter.live.textContent = word("StepOf", { Step: k + 1, Count: steps.length, Title: label(i) });
    chart.dispatchAction({ type: "hideTip" });
    showView(factView(i, true), i);
    if (hadFocus && !presenter.box.contains(document.activeElement)) {
      presenter.box.focus();
    }
    setHash("#present/fact-" + D.id[i]);
  }

  function setHash(h) {
    if (location.hash !== h && history.replaceState) {
      history.replaceState(null, "", h || location.pathname + location.search);
    }
  }

  var returnFocus = null;
  /* present starts presenting at fact i, or at the first step. */
  function present(i) {
    indexes();
    if (!presenter) {
      makePresenter();
    }
    if (at < 0) {
      returnFocus = document.activeElement;
      document.body.classList.add("presenting");
      presenter.box.hidden = false;
      at = 0;
      chart.resize();
      presenter.box.focus();
    }
    go(i in stepOf ? stepOf[i] : 0);
  }

  /* leave ends presenting, as it found the page. */
  function leave() {
    if (at < 0) {
      return;
    }
    at = -1;
    presenter.box.hidden = true;
    document.body.classList.remove("presenting");
    chart.resize();
    var input = document.getElementById("tl-search");
    applySearch(input ? input.value : "");
    setHash("");
    if (returnFocus && returnFocus.focus) {
      returnFocus.focus();
    }
  }

  /* Keys while presenting: clickers send PageDown and PageUp. */
  function presenterKeys(e) {
    if (at < 0 || e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    var moves = { ArrowRight: at + 1, PageDown: at + 1, " ": at + 1, ArrowLeft: at - 1, PageUp: at - 1, Home: 0, End: steps.length - 1 };
    if (e.key === "Escape") {
      e.preventDefault();
      leave();
    } else if (e.key in moves && !(e.key === " " && e.target.tagName === "BUTTON")) {
      e.preventDefault();
      go(moves[e.key]);
    }
  }

  /* showFact zooms to fact i, marks it and shows its details. */
  function showFact(i) {
    indexes();
    showView(factView(i, false), i);
    var fig = document.querySelector("figure.chart");
    if (fig && fig.scrollIntoView) {
      fig.scrollIntoView({ block: "nearest" });
    }
    if (i >= D.s.length) {
      return;
    }
    /* The tooltip, once the zoom has drawn. */
    setTimeout(function () {
      if (large) {
        for (var id in seriesFacts) {
          var k = Array.prototype.indexOf.call(seriesFacts[id], i);
          if (k >= 0) {
            chart.dispatchAction({ type: "showTip", seriesId: id, dataIndex: k });
            return;
          }
        }
        return;
      }
      var items = laneData[D.lane[i]];
      for (var n = 0; n < items.length; n++) {
        if (items[n][3] === i) {
          chart.dispatchAction({ type: "showTip", seriesIndex: D.lane[i], dataIndex: n });
          return;
        }
      }
    }, 0);
  }

  /* followHash opens what the address's #fragment names. */
  function followHash() {
    var h = decodeURIComponent(location.hash.slice(1));
    var m = /^(present)?\/?(?:fact-(.*))?$/.exec(h);
    if (!h || !m || (!m[1] && !m[2])) {
      return;
    }
    var indexOf = factsById();
    var i = m[2] !== undefined && m[2] in indexOf ? indexOf[m[2]] : -1;
    if (m[1]) {
      present(i);
    } else if (i >= 0) {
      leave();
      showFact(i);
    }
  }

  function startPresenter() {
    document.addEventListener("keydown", presenterKeys);
    document.addEventListener("focusin", function (e) {
      if (at >= 0 && !presenter.box.contains(e.target)) {
        presenter.box.focus();
      }
    });
    window.addEventListener("hashchange", followHash);
    var b = document.getElementById("tl-present");
    if (b) {
      b.addEventListener("click", function () { present(-1); });
    }
    var s = document.getElementById("tl-svg");
    if (s) {
      s.addEventListener("click", function () { download(svgFileName(), "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg())); });
    }
    followHash();
  }

  /* The view's range, in whole years, for file names: "1920-1990",
     "44BC-14". */
  function viewYearsName() {
    var view = viewYears();
    function year(x) {
      var y = Math.floor(x);
      return y <= 0 ? (1 - y) + "BC" : String(y);
    }
    return year(view[0]) + "-" + year(view[1]);
  }

  function svgFileName() {
    return (D.name || "timeline").replace(/[^A-Za-z0-9_-]/g, "-") + "_" + viewYearsName() + ".svg";
  }

  /* svg draws the chart's current view with ECharts' SVG renderer: text
     stays text, for slide programs and print shops. */
  function svg() {
    var opt = chart.getOption();
    opt.animation = false;
    opt.toolbox = [{ show: false }];
    opt.dataZoom = opt.dataZoom.map(function (z) { z.show = false; return z; });
    var c = echarts.init(null, null, { renderer: "svg", ssr: true, width: chart.getWidth(), height: chart.getHeight() });
    c.setOption(opt);
    var out = c.renderToSVGString();
    c.dispose();
    return out;
  }

  function download(name, href) {
    var a = document.createElement("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
