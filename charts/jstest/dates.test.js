// The page script's date functions, on the day numbers and year labels
// the Go tests of pipeline check (pipeline/testdata/days.json).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const dates = require("../assets/js/dates.js");

const shared = JSON.parse(fs.readFileSync(path.join(__dirname, "../../pipeline/testdata/days.json"), "utf8"));
// The payload's loc of every language, as Go writes it (charts/words_test.go),
// and the dates Go's internal/locale writes in them.
const locales = JSON.parse(fs.readFileSync(path.join(__dirname, "../testdata/locales.json"), "utf8"));
const dateCases = JSON.parse(fs.readFileSync(path.join(__dirname, "../../internal/locale/testdata/dates.json"), "utf8"));
dates.setLocale(locales.en);

test("day numbers, both ways, as in Go", () => {
  for (const [y, m, d, n] of shared.days) {
    assert.equal(dates.daysFromCivil(y, m, d), n, `daysFromCivil(${y}, ${m}, ${d})`);
    assert.deepEqual(dates.civil(n), [y, m, d], `civil(${n})`);
  }
});

test("consecutive days over leap years, year 0 and BC", () => {
  let prev = dates.daysFromCivil(-101, 12, 31);
  for (let y = -100; y <= 2100; y++) {
    for (let m = 1; m <= 12; m++) {
      const days = dates.daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - dates.daysFromCivil(y, m, 1);
      for (let d = 1; d <= days; d++) {
        const n = dates.daysFromCivil(y, m, d);
        assert.equal(n, prev + 1);
        prev = n;
      }
    }
  }
});

test("year labels, with BC, as in Go", () => {
  for (const [y, label] of shared.yearLabels) {
    assert.equal(dates.yearLabel(y), label);
  }
});

test("decimal years", () => {
  assert.equal(dates.decimalYear(0, false), 1970);
  assert.equal(dates.decimalYear(-1, true), 1970);
  assert.equal(dates.decimalYear(dates.daysFromCivil(2000, 7, 2), false), 2000 + 183 / 366);
  assert.equal(dates.decimalYear(dates.daysFromCivil(-43, 1, 1), false), -43);
});

test("day labels", () => {
  assert.equal(dates.dayLabel(dates.daysFromCivil(-43, 3, 15)), "15 Mar 44 BC");
  assert.equal(dates.dayLabel(dates.daysFromCivil(1953, 3, 5)), "5 Mar 1953");
});

test("axis labels: years with BC, months when zoomed in", () => {
  const cases = [
    [1930, "1930"],
    [1930.9999999, "1931"],
    [-43, "44 BC"],
    [0, "1 BC"],
    [1, "1 AD"],
    [2, "2"],
    [1930.25, "Apr 1930"],
    [1930 + 2 / 12, "Mar 1930"],
    [-43 + 2.5 / 12, "Mar 44 BC"],
    // Deep time.
    [-9998, "9999 BC"],
    [-9999, "10,000 BC"],
    [-38049, "38,050 BC"],
    [-998050, "1 million years ago"],
    [-2498050, "2.5 million years ago"],
    [-3298050, "3.3 million years ago"],
  ];
  for (const [v, label] of cases) {
    assert.equal(dates.axisLabel(v), label, `axisLabel(${v})`);
  }
});

test("the time axis marks round years BC", () => {
  const cases = [
    // Rome, 806 BC to 725, by 300 years: 300 BC, not 301 BC; and AD 1.
    [-805, 725, 5, [-599, -299, 1, 300, 600]],
    // Around the turn of the era, by tens: 20 BC, 10 BC, AD 1, AD 10.
    [-25, 25, 5, [-19, -9, 1, 10, 20]],
    // By single years, the marks are ECharts' own: 3 BC to AD 2.
    [-2, 2, 4, [-2, -1, 0, 1, 2]],
    // Prehistory: 10,000 BC at -9999.
    [-40000, -3000, 4, [-39999, -29999, -19999, -9999]],
    // Deep time, in half millions of years, without AD 1.
    [-3.3e6, 1953, 5, [-2999999, -2499999, -1999999, -1499999, -999999, -499999]],
    // Years AD alone, or less than a year a step: ECharts' own.
    [1900, 1910, 5, null],
    [-0.5, 0.5, 5, null],
  ];
  for (const [lo, hi, n, want] of cases) {
    assert.deepEqual(dates.yearTicks(lo, hi, n), want, `yearTicks(${lo}, ${hi}, ${n})`);
  }
  // Each reads as a round year.
  assert.deepEqual(dates.yearTicks(-805, 725, 5).map(dates.axisLabel), ["600 BC", "300 BC", "1 AD", "300", "600"]);
  assert.deepEqual(dates.yearTicks(-40000, -3000, 4).map(dates.axisLabel), ["40,000 BC", "30,000 BC", "20,000 BC", "10,000 BC"]);
});

test("dates in the lesson's language, as Go writes them", () => {
  try {
    for (const c of dateCases) {
      dates.setLocale(locales[c.lang]);
      let got;
      if (c.day) {
        got = dates.dayLabel(dates.daysFromCivil(c.year, c.month, c.day));
      } else if (c.month) {
        got = dates.monthLabel(c.year, c.month);
      } else {
        got = dates.axisLabel(c.year);
      }
      assert.equal(got, c.want, `${c.lang} ${c.year}-${c.month || 0}-${c.day || 0}`);
    }
  } finally {
    dates.setLocale(locales.en);
  }
});

test("words, with CLDR plural forms", () => {
  try {
    const cases = [
      ["en", 1, "1 match"], ["en", 3, "3 matches"],
      ["ru", 1, "1 совпадение"], ["ru", 3, "3 совпадения"], ["ru", 5, "5 совпадений"], ["ru", 21, "21 совпадение"],
      ["ar", 2, "نتيجتان"], ["ar", 3, "3 نتائج"], ["ar", 11, "11 نتيجة"],
      ["ja", 2, "2 件"],
    ];
    for (const [lang, n, want] of cases) {
      dates.setLocale(locales[lang]);
      assert.equal(dates.word("SearchMatches", { Count: n }), want, `${lang} ${n}`);
    }
    dates.setLocale(locales.de);
    assert.equal(dates.word("Approximate", { Title: "Hungersnot" }), "ca. Hungersnot");
    assert.equal(dates.axisLabel(1930.25), "Apr. 1930");
  } finally {
    dates.setLocale(locales.en);
  }
});
