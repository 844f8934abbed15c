'use strict';
// WHATWG URL parsing against a table Node produced (gen-fixtures.js).
const test = require('node:test');
const assert = require('node:assert');
const rows = require('./urltestdata.json');

const fields = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
  'pathname', 'search', 'hash'];

test('URL parses every input of the table as Node does', () => {
  const mismatches = [];
  for (const [input, base, ...expected] of rows) {
    let url = null;
    try {
      url = base === null ? new URL(input) : new URL(input, base);
    } catch (err) {
      if (expected.length > 0 || err.code !== 'ERR_INVALID_URL') {
        mismatches.push({ input, base, threw: err.message });
      }
      continue;
    }
    if (expected.length === 0) {
      mismatches.push({ input, base, expectedFailure: true, got: url.href });
      continue;
    }
    const got = fields.map((f) => url[f]);
    if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push({ input, base, got, expected });
  }
  assert.deepStrictEqual(mismatches, []);
});

test('URL.canParse agrees with the table', () => {
  for (const [input, base, ...expected] of rows) {
    const ok = base === null ? URL.canParse(input) : URL.canParse(input, base);
    assert.strictEqual(ok, expected.length > 0, `${input} against ${base}`);
  }
});

test('reparsing href is stable', () => {
  for (const [, , href] of rows) {
    if (href === undefined) continue;
    assert.strictEqual(new URL(href).href, href);
  }
});
