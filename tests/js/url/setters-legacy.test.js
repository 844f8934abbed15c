'use strict';
// URL setters and the legacy url.parse/resolve/format, against tables Node
// produced (gen-fixtures.js).
const test = require('node:test');
const assert = require('node:assert');
const url = require('node:url');
const setters = require('./settersdata.json');
const { legacy, resolves, formatted } = require('./legacydata.json');

// Where Node 20's URL (Ada) departs from the URL Standard on non-special
// URLs, anode follows the standard: these rows are left out.
const adaQuirks = new Set([
  'sc://h/p?q#f host :9', 'sc://h host :9', 'sc:/p host other.com:99', 'sc:/p host Other.Com:80',
  'sc:/p host [::2]:1', 'sc:/p host ', 'sc:/p host x:9a', 'sc:/p hostname ',
]);

test('URL setters change href as Node does', () => {
  const mismatches = [];
  for (const [href, name, value, expected] of setters) {
    if (adaQuirks.has(`${href} ${name} ${value}`)) continue;
    const u = new URL(href);
    let got;
    try {
      u[name] = value;
      got = u.href;
    } catch (err) {
      assert.strictEqual(err.code, 'ERR_INVALID_URL');
      got = null;
    }
    if (got !== expected) mismatches.push({ href, name, value, got, expected });
  }
  assert.deepStrictEqual(mismatches, []);
});

test('url.parse matches Node for each argument form', () => {
  const mismatches = [];
  process.noDeprecation = true;
  try {
    for (const [input, parseQuery, slashesDenoteHost, expected] of legacy) {
      let got;
      try {
        const u = url.parse(input, parseQuery, slashesDenoteHost);
        assert.ok(u instanceof url.Url);
        got = Object.fromEntries(Object.entries(u).map(([k, v]) => [k, v !== null && typeof v === 'object' ? { ...v } : v]));
      } catch (err) {
        got = { code: err.code };
      }
      if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push({ input, parseQuery, slashesDenoteHost, got, expected });
    }
  } finally {
    process.noDeprecation = false;
  }
  assert.deepStrictEqual(mismatches, []);
});

test('url.resolve matches Node', () => {
  const mismatches = [];
  for (const [from, to, expected] of resolves) {
    const got = url.resolve(from, to);
    if (got !== expected) mismatches.push({ from, to, got, expected });
  }
  assert.deepStrictEqual(mismatches, []);
});

test('url.format of legacy objects matches Node', () => {
  for (const [obj, expected] of formatted) assert.strictEqual(url.format(obj), expected, JSON.stringify(obj));
});
