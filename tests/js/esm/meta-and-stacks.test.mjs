// import.meta, and stack traces that point at the original file and line.
import { test } from 'node:test';
import assert from 'node:assert';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { throwHere, makeError } from '../../fixtures/esm/stack/thrower.mjs';

const here = fileURLToPath(import.meta.url);
const fixtures = path.join(path.dirname(here), '../../fixtures/esm');

test('import.meta: url, dirname, filename, resolve', () => {
  assert.strictEqual(import.meta.url, pathToFileURL(here).href);
  assert.strictEqual(import.meta.filename, here);
  assert.strictEqual(import.meta.dirname, path.dirname(here));
  assert.strictEqual(Object.getPrototypeOf(import.meta), null);
  assert.deepStrictEqual(Object.keys(import.meta), ['dirname', 'filename', 'resolve', 'url']);
  assert.strictEqual(import.meta.resolve('./x.mjs'), new URL('./x.mjs', import.meta.url).href);
  assert.strictEqual(import.meta.resolve('node:fs'), 'node:fs');
  assert.strictEqual(import.meta.resolve('fs'), 'node:fs');
  assert.strictEqual(import.meta.resolve('../../fixtures/esm/stack/helper.mjs'),
    pathToFileURL(path.join(fixtures, 'stack/helper.mjs')).href);
  assert.throws(() => import.meta.resolve('no-such-package-anywhere'), { code: 'ERR_MODULE_NOT_FOUND' });
});

test('a thrown error names the module file and its line', () => {
  const url = pathToFileURL(path.join(fixtures, 'stack/thrower.mjs')).href;
  assert.throws(throwHere, (err) => {
    assert.match(err.stack, /Error: from line 5\n/);
    assert.ok(err.stack.includes(`${url}:5:`), err.stack);
    return true;
  });
  const made = makeError();
  assert.ok(made.stack.includes(`${url}:8:`), made.stack);
});

test('positions on a module\'s first line are the file\'s', async () => {
  const { fails } = await import('../../fixtures/esm/stack/line-one.mjs');
  const url = pathToFileURL(path.join(fixtures, 'stack/line-one.mjs')).href;
  assert.throws(fails, (err) => {
    assert.ok(err.stack.includes(`${url}:1:`), err.stack);
    return true;
  });
});

test('this test file\'s own frames keep their lines', () => {
  const err = new Error('here'); const line = 47;
  assert.ok(err.stack.includes(`${import.meta.url}:${line}:`), err.stack);
});

test('Error.prepareStackTrace call sites name the file and line', () => {
  const saved = Error.prepareStackTrace;
  let sites;
  Error.prepareStackTrace = (err, callSites) => {
    sites = callSites;
    return 'custom';
  };
  try {
    throwHere();
  } catch (err) {
    void err.stack;
  } finally {
    Error.prepareStackTrace = saved;
  }
  assert.strictEqual(sites[0].getFileName(), pathToFileURL(path.join(fixtures, 'stack/thrower.mjs')).href);
  assert.strictEqual(sites[0].getLineNumber(), 5);
});
