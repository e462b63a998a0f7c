/* dates.js: day numbers, decimal years and date labels, with years BC
   (astronomical year 0 is 1 BC). Pure: charts/jstest tests it with
   node --test, on the day numbers the Go tests use. */
var TimelineDates = (function () {
  "use strict";
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

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

  /* grouped writes a whole number with its thousands apart: 12,000. */
  function grouped(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  /* deepYearLabel writes a year of deep time: from 10,000 BC on with its
     thousands apart, and from a million years before 1950 in millions of
     years ago, as "2.5 million years ago". */
  function deepYearLabel(y) {
    var ago = 1950 - y;
    if (ago >= 1e6) {
      return String(Math.round(ago / 1e4) / 100) + " million years ago";
    }
    return grouped(1 - y) + " BC";
  }

  /* Labels of the time axis: years, with BC; months when zoomed in; deep
     time as deepYearLabel writes it. */
  function axisLabel(v) {
    var y = Math.floor(v + 1e-9);
    var frac = v - y;
    if (frac < 1e-6 || frac > 1 - 1e-6) {
      var r = Math.round(v);
      return r <= -9999 ? deepYearLabel(r) : yearLabel(r);
    }
    return MONTHS[Math.min(11, Math.floor(frac * 12 + 1e-6))] + " " + yearLabel(y);
  }

  return {
    daysFromCivil: daysFromCivil, civil: civil, decimalYear: decimalYear,
    yearLabel: yearLabel, dayLabel: dayLabel, axisLabel: axisLabel
  };
})();
if (typeof module === "object" && module.exports) {
  module.exports = TimelineDates;
}
