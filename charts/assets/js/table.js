/* table.js: the table of every fact, paged from the payload past its first
   rows in the HTML. */

  /* The table of a large timeline holds its first facts in HTML; this
     pages through all of them, K.page at a time, from the payload. */
  function pageTable() {
    var table = document.querySelector("section.facts table");
    if (!table || +table.dataset.rows >= +table.dataset.total) {
      return;
    }
    var list = null; /* the facts to page through, or null for all */
    var tbody = table.tBodies[0], first = 0;
    var nav = document.createElement("nav");
    nav.className = "pager";
    nav.setAttribute("aria-label", word("TablePages"));
    var prev = document.createElement("button"), next = document.createElement("button");
    var status = document.createElement("span");
    status.setAttribute("aria-live", "polite");
    prev.type = next.type = "button";
    prev.textContent = word("Previous");
    next.textContent = word("Next");
    nav.append(prev, status, next);
    table.parentNode.insertBefore(nav, table);
    function total() {
      return list ? list.length : D.id.length;
    }
    function label(count) {
      status.textContent = " " + (count ? word("TableShows", { First: first + 1, Last: first + count, Count: total() }) : word("NoFact")) + " ";
      prev.disabled = first === 0;
      next.disabled = first + PAGE >= total();
    }
    function show(at) {
      first = Math.max(0, Math.min(at, Math.max(total() - 1, 0)));
      var rows = [];
      for (var k = first; k < Math.min(first + PAGE, total()); k++) {
        rows.push(tableRow(list ? list[k] : k));
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

  /* One row of the table, as the page's HTML writes it: a cell for each
     of the payload's headings, made as table.go's cellMakers make them. */
  function tableRow(i) {
    var byId = factsById();
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
      return a;
    }
    function credit(parent, text) {
      if (text) {
        parent.appendChild(document.createTextNode(" "));
        var s = parent.appendChild(document.createElement("span"));
        s.className = "credit";
        s.textContent = text;
      }
    }
    var makers = {
      Date: function () {
        var c = cell("td", shownDate(i));
        if (!shownDate(i)) {
          c.appendChild(document.createElement("em")).textContent = word("UndatedMark");
        }
      },
      Range: function () { cell("td", i < D.s.length ? rangeLabel(i) : ""); },
      Kind: function () { cell("td", word(D.fl[i] & WORK ? "Kind.Historiography" : "Kind.History") + (D.grp[i] ? ": " + D.grp[i] : "")); },
      Title: function () {
        var title = cell("th");
        title.scope = "row";
        var url = safeURL(D.url[i]);
        if (url) {
          link(title, url, D.title[i], true);
        } else {
          title.textContent = D.title[i];
        }
        title.appendChild(document.createTextNode(" "));
        var self = link(title, "#fact-" + D.id[i], "#", false);
        self.className = "permalink";
        self.setAttribute("aria-label", word("LinkToFact"));
      },
      Description: function () { cell("td", D.desc[i]); },
      Citation: function () { cell("td", [D.au[i], D.pub[i]].filter(Boolean).join(", ")); },
      Studies: function () {
        var studies = cell("td");
        D.ab[i].split("; ").filter(Boolean).forEach(function (id, k) {
          if (k) {
            studies.appendChild(document.createTextNode("; "));
          }
          link(studies, "#fact-" + id, id in byId ? D.title[byId[id]] : id, false);
        });
      },
      Source: function () { cell("td", D.src[i]); },
      Tags: function () { cell("td", D.tags[i]); },
      Media: function () {
        var c = cell("td"), m = mediaOf(i);
        if (!m) {
          return;
        }
        if (!m.image) {
          link(c, m.url, m.caption || m.url, true).referrerPolicy = "no-referrer";
          credit(c, m.credit);
          return;
        }
        var fig = c.appendChild(document.createElement("figure"));
        fig.className = "media";
        var img = fig.appendChild(document.createElement("img"));
        img.src = m.url;
        img.alt = m.alt;
        img.loading = "lazy";
        img.referrerPolicy = "no-referrer";
        if (m.caption || m.credit) {
          var cap = fig.appendChild(document.createElement("figcaption"));
          cap.textContent = m.caption;
          credit(cap, m.credit);
        }
      }
    };
    D.heads.forEach(function (h) {
      makers[h]();
      tr.lastChild.dataset.label = word("Heading." + h);
    });
    for (var c = 0; c < D.xn.length; c++) {
      cell("td", D.xv[c][i]).dataset.label = D.xn[c];
    }
    return tr;
  }
