// The page script's search folding and matching, and label uncluttering.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const text = require("../assets/js/text.js");

test("fold drops case and accents", () => {
  assert.equal(text.fold("Stojanović"), "stojanovic");
  assert.equal(text.fold("ÉMILE Zola"), "emile zola");
  assert.equal(text.fold("Ångström"), "angstrom");
  assert.equal(text.fold("Сталин"), "сталин");
});

test("matching wants every word, in any field, folded", () => {
  const folded = ["stalin leads the ussr", "the politburo records\nthe 1930s", "a study by stojanovic"].map(text.fold);
  assert.deepEqual(text.matching(folded, "Stalin"), [0]);
  assert.deepEqual(text.matching(folded, "the"), [0, 1]);
  assert.deepEqual(text.matching(folded, "  THE   1930s "), [1]);
  assert.deepEqual(text.matching(folded, "Stojanović"), [2]);
  assert.deepEqual(text.matching(folded, "stalin 1930s"), []);
  assert.equal(text.matching(folded, "   "), null);
});

test("unclutter keeps labels that do not run into the one before on their row", () => {
  // Items are [x, row, fact]; a label starts at x pixels and is 50 wide,
  // and needs 6 pixels after the one before. On row 0: 0 is kept (to 50),
  // 40 runs into it, 100 is kept (to 150), 156 just fits (to 206), 200
  // runs into it. Row 1 has 60 alone. They come back in order of x.
  const items = [[100, 0, 2], [0, 0, 0], [40, 0, 1], [60, 1, 3], [156, 0, 4], [200, 0, 5]];
  const kept = text.unclutter(items, (it) => it[0], () => 50);
  assert.deepEqual(kept.map((it) => it[2]), [0, 3, 2, 4]);
});

test("unclutter counts a label as at most 220 pixels", () => {
  const kept = text.unclutter([[0, 0, 0], [226, 0, 1], [400, 0, 2]], (it) => it[0], () => 1000);
  assert.deepEqual(kept.map((it) => it[2]), [0, 1]);
});

test("isImage tells images by the ending of their path", () => {
  const { extensions, cases } = JSON.parse(require("node:fs").readFileSync(require("node:path").join(__dirname, "../testdata/images.json"), "utf8"));
  for (const [url, want] of cases) {
    assert.equal(text.isImage(url, extensions), want, url);
  }
});

test("unclutterBoxes keeps the boxes that overlap none kept before", () => {
  const boxes = [[0, 0, 50, 16], [40, 0, 50, 16], [40, 10, 50, 16], [40, 16, 50, 16], [100, 0, 10, 16], [0, 200, 500, 16]];
  const kept = text.unclutterBoxes(boxes.map((b, i) => i), i => boxes[i]);
  assert.deepEqual(kept, [0, 3, 4, 5]);
  assert.deepEqual(text.unclutterBoxes([], () => [0, 0, 1, 1]), []);
});
