/* text.js: search folding and matching, and the uncluttering of labels.
   Pure: charts/jstest tests it with node --test. */
var TimelineText = (function () {
  "use strict";

  /* fold makes text comparable: lower case, accents dropped, so that
     "Stojanovic" finds the name written with an acute c. */
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* matching gives the indexes of the folded texts that hold every word of
     the query, or null for a query with no word. */
  function matching(folded, query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) {
      return null;
    }
    var out = [];
    for (var i = 0; i < folded.length; i++) {
      var all = true;
      for (var w = 0; w < words.length && all; w++) {
        all = folded[i].indexOf(words[w]) >= 0;
      }
      if (all) {
        out.push(i);
      }
    }
    return out;
  }

  /* unclutter keeps the labels that do not run into the one before them on
     their row. An item is [x, row, fact]; left(item) gives where its label
     starts, in pixels, and width(fact) how wide it is, up to 220 pixels
     counting. Items are sorted by x, then fact. */
  function unclutter(items, left, width) {
    items.sort(function (a, b) { return a[0] - b[0] || a[2] - b[2]; });
    var ends = {}, kept = [];
    items.forEach(function (it) {
      var x = left(it);
      if (x < (ends[it[1]] || -Infinity) + 6) {
        return;
      }
      ends[it[1]] = x + Math.min(width(it[2]), 220);
      kept.push(it);
    });
    return kept;
  }

  /* unclutterBoxes keeps the boxes, in order, that do not overlap a box
     kept before them. box(item) gives [x, y, width, height]. Boxes are
     looked up by bands of rows of pixels, so that it takes about a pass. */
  function unclutterBoxes(items, box) {
    var band = 16, kept = [], byBand = {};
    items.forEach(function (it) {
      var b = box(it), first = Math.floor(b[1] / band), last = Math.floor((b[1] + b[3]) / band);
      for (var k = first; k <= last; k++) {
        var list = byBand[k] || [];
        for (var j = 0; j < list.length; j++) {
          var o = list[j];
          if (b[0] < o[0] + o[2] && o[0] < b[0] + b[2] && b[1] < o[1] + o[3] && o[1] < b[1] + b[3]) {
            return;
          }
        }
      }
      for (k = first; k <= last; k++) {
        (byBand[k] = byBand[k] || []).push(b);
      }
      kept.push(it);
    });
    return kept;
  }

  /* isImage tells whether an http(s) address names an image, by the
     ending of its path, one of exts: ".jpg", ".png". */
  function isImage(url, exts) {
    var path = String(url).replace(/[?#].*$/, "").replace(/^https?:\/\/[^\/]*/i, "");
    var dot = path.lastIndexOf("."), slash = path.lastIndexOf("/");
    if (!/^https?:\/\//i.test(url) || dot < 0 || dot < slash) {
      return false;
    }
    return exts.indexOf(path.slice(dot).toLowerCase()) >= 0;
  }

  return { fold: fold, matching: matching, unclutter: unclutter, unclutterBoxes: unclutterBoxes, isImage: isImage };
})();
if (typeof module === "object" && module.exports) {
  module.exports = TimelineText;
}
