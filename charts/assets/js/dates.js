/* dates.js: day numbers, decimal years, and dates and words in the
   lesson's language, with years BC (astronomical year 0 is 1 BC). Pure:
   charts/jstest tests it with node --test, on the day numbers and the
   dates the Go tests use. */
var TimelineDates = (function () {
  "use strict";
  /* The lesson's language: the payload's loc, which Go's localeJSON
     writes from internal/locale. setLocale sets it. */
  var L = null;
  var plurals = null;

  function setLocale(loc) {
    L = loc;
    plurals = typeof Intl === "object" && Intl.PluralRules ? new Intl.PluralRules(loc.tag) : null;
  }

  /* word gives the catalogue's message id, its {{.Field}} marks filled in
     from data; a message with plural forms takes the one its count needs
     (data.Count, unless count is given), by the browser's CLDR plural
     rules. */
  function word(id, data, count) {
    var forms = L.w[id];
    if (forms == null) {
      return id;
    }
    if (typeof forms !== "string") {
      var n = count != null ? count : data && data.Count;
      forms = forms[plurals && n != null ? plurals.select(Number(n)) : "other"] || forms.other;
    }
    return forms.replace(/\{\{\.(\w+)\}\}/g, function (m, k) {
      return data && data[k] != null ? String(data[k]) : "";
    });
  }

  /* fill puts a year (written), a month and a day into one of the
     language's patterns, as Go's Locale.fillEra does: the era is BC
     unless era is given. */
  function fill(pattern, year, m, d, era) {
    return pattern.replace(/\{(y|G|d|M|MMM|LLL)\}/g, function (all, f) {
      switch (f) {
        case "y": return year;
        case "G": return era || L.bc;
        case "d": return String(d);
        case "M": return String(m);
        case "MMM": return L.months[m - 1];
        default: return L.alone[m - 1];
      }
    });
  }

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
    return y <= 0 ? fill(L.pat.YearBC, String(1 - y)) : fill(L.pat.Year, String(y));
  }

  function dayLabel(n) {
    var c = civil(n);
    return c[0] <= 0 ? fill(L.pat.DayBC, String(1 - c[0]), c[1], c[2]) : fill(L.pat.Day, String(c[0]), c[1], c[2]);
  }

  function monthLabel(y, m) {
    return y <= 0 ? fill(L.pat.MonthBC, String(1 - y), m) : fill(L.pat.Month, String(y), m);
  }

  /* number writes a number with at most two decimals, its thousands
     apart from 10,000 on, as Go's Locale.Number does: 12,000, 2.5. */
  function number(x) {
    var parts = String(Math.round(x * 100) / 100).split(".");
    var whole = parts[0].length > 4 ? parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, L.group) : parts[0];
    return parts.length > 1 ? whole + L.decimal + parts[1] : whole;
  }

  /* deepYearLabel writes a year of deep time: from 10,000 BC on with its
     thousands apart, and from a million years before 1950 (L.present) in
     millions (or billions) of years ago, as "2.5 million years ago". */
  function deepYearLabel(y) {
    var ago = L.present - y;
    if (ago >= 1e9) {
      return agoLabel("BillionYearsAgo", ago / 1e9);
    }
    if (ago >= 1e6) {
      return agoLabel("MillionYearsAgo", ago / 1e6);
    }
    return fill(L.pat.YearBC, number(1 - y));
  }

  /* agoLabel writes n millions or billions of years ago, as Go's
     Locale.ago does: the form by the number, the number as the language
     writes it. */
  function agoLabel(id, n) {
    return word(id, { Count: number(n) }, Math.round(n * 100) / 100);
  }

  /* niceStep gives a round step near raw: 1, 2, 3 or 5 times a power of
     ten, as ECharts rounds its own. */
  function niceStep(raw) {
    var p = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10 + 1e-9));
    var f = raw / p;
    return (f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10) * p;
  }

  /* yearTicks gives the axis values to mark in a view of the years lo to
     hi, about n of them, when the view reaches back before AD 1: round
     years as historians count them, BC years back from 1 BC. The axis
     counts 1 BC as year 0, so a round axis value, -500, is 501 BC; this
     marks -499, 500 BC, instead; and, from ten to a thousand years a
     step, the turn of the era, AD 1. A view of AD years alone, or zoomed to less than a
     year a step, gives null: ECharts' own ticks read well. */
  function yearTicks(lo, hi, n) {
    if (!(hi > lo) || lo >= 1) {
      return null;
    }
    var step = niceStep((hi - lo) / n);
    if (step < 1) {
      return null;
    }
    var ticks = [], y;
    /* Years BC, y, at axis value 1 - y, from the latest. */
    for (y = Math.max(step, Math.ceil((1 - Math.min(hi, 0)) / step) * step); 1 - y >= lo; y += step) {
      ticks.push(1 - y);
    }
    ticks.reverse();
    if (step >= 10 && step <= 1000 && lo <= 1 && hi >= 1) {
      ticks.push(1);
    }
    for (y = Math.max(step, Math.ceil(lo / step) * step); y <= hi; y += step) {
      ticks.push(y);
    }
    return ticks;
  }

  /* Labels of the time axis: years, with BC; AD 1, where a view of years
     BC turns to years AD, with its era, as Go's Locale.Year writes it;
     months when zoomed in; deep time as deepYearLabel writes it. */
  function axisLabel(v) {
    var y = Math.floor(v + 1e-9);
    var frac = v - y;
    if (frac < 1e-6 || frac > 1 - 1e-6) {
      var r = Math.round(v);
      if (r === 1) {
        return fill(L.pat.YearBC, "1", 0, 0, L.ad);
      }
      return r <= L.deep ? deepYearLabel(r) : yearLabel(r);
    }
    return monthLabel(y, Math.min(12, Math.floor(frac * 12 + 1e-6) + 1));
  }

  return {
    daysFromCivil: daysFromCivil, civil: civil, decimalYear: decimalYear,
    yearLabel: yearLabel, dayLabel: dayLabel, monthLabel: monthLabel, axisLabel: axisLabel, yearTicks: yearTicks,
    setLocale: setLocale, word: word, number: number
  };
})();
if (typeof module === "object" && module.exports) {
  module.exports = TimelineDates;
}
