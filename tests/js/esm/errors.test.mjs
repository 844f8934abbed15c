// What goes wrong loading modules: Node's error classes, codes and messages,
// naming the file, line and export.
import { test } from 'node:test';
import assert from 'node:assert';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/esm/errors');
const url = (name) => pathToFileURL(path.join(dir, name)).href;
const load = (name, options) => import(url(name), options);

test('a missing export: SyntaxError naming the module, export, file and line', async () => {
  await assert.rejects(load('missing-export.mjs'), (err) => {
    assert.strictEqual(err.name, 'SyntaxError');
    assert.strictEqual(err.message,
      "The requested module './exports-x.mjs' does not provide an export named 'y'");
    assert.ok(err.stack.includes(`${url('missing-export.mjs')}:2`), err.stack);
    assert.ok(err.stack.includes("import { x, y } from './exports-x.mjs';"), err.stack);
    return true;
  });
});

test('conflicting star exports: the name is ambiguous, not exported', async () => {
  const ns = await load('ambiguous.mjs');
  assert.deepStrictEqual(Object.keys(ns), []);
  await assert.rejects(load('imports-ambiguous.mjs'), {
    name: 'SyntaxError',
    message: "The requested module './ambiguous.mjs' contains conflicting star exports for name 'shared'",
  });
});

test('a syntax error is a SyntaxError and nothing of the graph runs', async () => {
  await assert.rejects(load('syntax.mjs'), { name: 'SyntaxError' });
});

test('an error thrown while evaluating is given to every later import', async () => {
  let first;
  await assert.rejects(load('throws-at-load.mjs'), (err) => {
    first = err;
    return err.message === 'evaluation failed';
  });
  await assert.rejects(load('throws-at-load.mjs'), (err) => err === first);
  const thrower = await load('thrower.mjs');
  assert.strictEqual(thrower.attempts, 1);
});

test('an engine error in a module keeps its file and line', async () => {
  const { explode } = await load('runtime-error.mjs');
  assert.throws(explode, (err) => {
    assert.ok(err instanceof TypeError);
    assert.ok(String(err.stack).includes(`${url('runtime-error.mjs')}:5`), err.stack);
    return true;
  });
});

test('modules that are not there', async () => {
  await assert.rejects(load('nope.mjs'), {
    code: 'ERR_MODULE_NOT_FOUND',
    message: `Cannot find module '${path.join(dir, 'nope.mjs')}' imported from ${fileURLToPath(import.meta.url)}`,
  });
  // Relative specifiers need their extension.
  await assert.rejects(load('exports-x'), { code: 'ERR_MODULE_NOT_FOUND' });
  await assert.rejects(import('no-such-package-xyz'), {
    code: 'ERR_MODULE_NOT_FOUND',
    message: `Cannot find package 'no-such-package-xyz' imported from ${fileURLToPath(import.meta.url)}`,
  });
  await assert.rejects(import('node:no-such-builtin'), { code: 'ERR_UNKNOWN_BUILTIN_MODULE' });
});

test('directories, unknown extensions and URL schemes', async () => {
  await assert.rejects(import(pathToFileURL(dir).href), { code: 'ERR_UNSUPPORTED_DIR_IMPORT' });
  await assert.rejects(load('unknown.txt'), {
    name: 'TypeError',
    code: 'ERR_UNKNOWN_FILE_EXTENSION',
    message: `Unknown file extension ".txt" for ${path.join(dir, 'unknown.txt')}`,
  });
  await assert.rejects(import('https://example.com/x.mjs'), { code: 'ERR_UNSUPPORTED_ESM_URL_SCHEME' });
  await assert.rejects(import('data:text/plain,hello'), { code: 'ERR_UNKNOWN_MODULE_FORMAT' });
});

test('JSON needs the type attribute; other types are refused', async () => {
  await assert.rejects(load('data.json'), {
    name: 'TypeError',
    code: /^ERR_IMPORT_(ASSERTION_TYPE|ATTRIBUTE)_MISSING$/,
    message: `Module "${url('data.json')}" needs an import attribute of type "json"`,
  });
  await assert.rejects(load('json-without-attribute.mjs'), { code: /_MISSING$/ });
  await assert.rejects(load('bad-attribute.mjs'), { name: 'TypeError', code: /_UNSUPPORTED$/ });
  await assert.rejects(load('exports-x.mjs', { with: { type: 'json' } }), {
    name: 'TypeError',
    message: `Module "${url('exports-x.mjs')}" is not of type "json"`,
  });
  await assert.rejects(load('extra-attribute.json', { with: { type: 'json', extra: 'x' } }), {
    code: 'ERR_IMPORT_ATTRIBUTE_UNSUPPORTED',
    message: 'Import attribute "extra" with value "x" is not supported',
  });
  await assert.rejects(load('data.json', 'not an object'), TypeError);
  const ok = await load('data.json', { with: { type: 'json' } });
  assert.deepStrictEqual(ok.default, { answer: 42 });
});
