'use strict';
// import() from a CommonJS file: relative to this file, returns namespaces,
// rejects with Node's errors; import() in strings and comments is left alone.
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const fixtures = path.join(__dirname, '../../fixtures/esm');

test('import() of an ES module from CommonJS', async () => {
  const ns = await import('../../fixtures/esm/interop/esm.mjs');
  assert.strictEqual(ns.fromEsm, 'esm value');
  assert.strictEqual(ns.default(), 'esm default');
  assert.strictEqual(Object.prototype.toString.call(ns), '[object Module]');
});

test('import() of CommonJS, JSON and built-ins', async () => {
  const cjs = await import('../../fixtures/esm/interop/lib.cjs');
  assert.strictEqual(cjs.default, require('../../fixtures/esm/interop/lib.cjs'));
  const json = await import('../../fixtures/esm/interop/data.json', { with: { type: 'json' } });
  assert.deepStrictEqual(json.default, { kind: 'json' });
  const fs = await import('fs');
  assert.strictEqual(fs.default, require('fs'));
});

test('import() takes URLs and absolute paths', async () => {
  const file = path.join(fixtures, 'interop/esm.mjs');
  const a = await import(pathToFileURL(file).href);
  const b = await import(file);
  assert.strictEqual(a, b);
});

test('import() is asynchronous and rejects rather than throws', async () => {
  const order = [];
  const p = import('../../fixtures/esm/interop/esm.mjs').then(() => order.push('resolved'));
  order.push('sync');
  await p;
  assert.deepStrictEqual(order, ['sync', 'resolved']);
  const missing = import('./no-such-file.mjs');
  assert.ok(missing instanceof Promise);
  await assert.rejects(missing, { code: 'ERR_MODULE_NOT_FOUND' });
});

test('text that only looks like import() is untouched', () => {
  const s = 'import("x")';
  // import('not-a-call-in-a-comment')
  const re = /import\(/;
  assert.strictEqual(s, 'import' + '("x")');
  assert.ok(re.test(s));
});
