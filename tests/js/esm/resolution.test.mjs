// Node's ES module resolution: packages through node_modules with "exports"
// and the import condition, "imports", self-reference, data: and file: URLs.
import { test } from 'node:test';
import assert from 'node:assert';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { results } from '../../fixtures/esm/resolution/importer.mjs';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/esm');
const importer = path.join(fixtures, 'resolution/importer.mjs');

test('"exports" conditions: import, then node, then default', () => {
  assert.strictEqual(results.via, 'import condition');
  assert.strictEqual(results.feature, 'node+import');
  assert.strictEqual(results.pattern, 'matched');
  assert.strictEqual(results.pkgName, 'cond-pkg');
});

test('packages without "exports" use "main"; type:module packages load as ESM', () => {
  assert.strictEqual(results.kind, 'commonjs main');
  assert.strictEqual(results.cjsKind, 'commonjs main');
  assert.strictEqual(results.esmOnly, 'esm-only default');
  assert.strictEqual(results.sub, 'sub');
  assert.strictEqual(results.scoped, true);
});

test('package "imports" (#names) and self-reference by package name', () => {
  assert.deepStrictEqual(results.app, {
    dep: 'from #dep/*',
    helper: 'self-reference',
    internal: 'from #internal',
  });
});

test('one URL is one module instance; a query string makes another', () => {
  assert.strictEqual(results.sameInstance, true);
  assert.strictEqual(results.queryIsNew, true);
});

test('resolution errors name the specifier and the importer', () => {
  const pkg = path.join(fixtures, 'node_modules');
  assert.deepStrictEqual(results.errors, {
    'cond-pkg/missing': ['ERR_PACKAGE_PATH_NOT_EXPORTED',
      `Package subpath './missing' is not defined by "exports" in ${pkg}/cond-pkg/package.json imported from ${importer}`],
    'esm-only/sub/index.js': ['ERR_PACKAGE_PATH_NOT_EXPORTED',
      `Package subpath './sub/index.js' is not defined by "exports" in ${pkg}/esm-only/package.json imported from ${importer}`],
    'nope-pkg': ['ERR_MODULE_NOT_FOUND', `Cannot find package 'nope-pkg' imported from ${importer}`],
    './counter': ['ERR_MODULE_NOT_FOUND',
      `Cannot find module '${path.join(fixtures, 'resolution/counter')}' imported from ${importer}`],
    './app': ['ERR_UNSUPPORTED_DIR_IMPORT',
      `Directory import '${path.join(fixtures, 'resolution/app')}' is not supported resolving ES modules imported from ${importer}`],
    '#nope': ['ERR_PACKAGE_IMPORT_NOT_DEFINED',
      `Package import specifier "#nope" is not defined imported from ${importer}`],
  });
});

test('data: URLs: JavaScript, JSON (with the attribute), base64', async () => {
  const js = await import('data:text/javascript,export default 6 * 7; export const x = "data";');
  assert.strictEqual(js.default, 42);
  assert.strictEqual(js.x, 'data');
  const json = await import('data:application/json,{"a":[1,2]}', { with: { type: 'json' } });
  assert.deepStrictEqual(json.default, { a: [1, 2] });
  const b64 = Buffer.from('export const decoded = "from base64";').toString('base64');
  assert.strictEqual((await import(`data:text/javascript;base64,${b64}`)).decoded, 'from base64');
  const builtin = await import('data:text/javascript,import { sep } from "node:path"; export { sep };');
  assert.strictEqual(builtin.sep, '/');
  await assert.rejects(import('data:text/javascript,import "./relative.mjs";'),
    { code: 'ERR_UNSUPPORTED_RESOLVE_REQUEST' });
});

test('file: URLs and absolute paths', async () => {
  const file = path.join(fixtures, 'resolution/counter.mjs');
  const byUrl = await import(pathToFileURL(file).href);
  const byPath = await import(file);
  assert.strictEqual(byUrl, byPath);
  assert.strictEqual(typeof byUrl.instance, 'symbol');
});

test('symlinks resolve to the real file: one instance', async (t) => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-esm-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const real = path.join(dir, 'real.mjs');
  fs.writeFileSync(real, 'export const id = Symbol("id");\n');
  fs.symlinkSync(real, path.join(dir, 'link.mjs'));
  const a = await import(pathToFileURL(real).href);
  const b = await import(pathToFileURL(path.join(dir, 'link.mjs')).href);
  assert.strictEqual(a, b);
});
