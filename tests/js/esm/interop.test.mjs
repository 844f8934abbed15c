// ES modules and CommonJS together: importing CommonJS (default plus the
// names found statically), built-ins, require() of ES modules.
import { test } from 'node:test';
import assert from 'node:assert';
import { createRequire } from 'node:module';

import lib, { named, quoted, viaModule, defined, counter, bump } from
  '../../fixtures/esm/interop/lib.cjs';
import * as libNs from '../../fixtures/esm/interop/lib.cjs';
import objectDefault, { helper, value } from '../../fixtures/esm/interop/object.cjs';
import * as whole from '../../fixtures/esm/interop/whole.cjs';
import esModule, { other } from '../../fixtures/esm/interop/esmodule.cjs';
import greet, { extra } from '../../fixtures/esm/interop/function.cjs';
import * as starred from '../../fixtures/esm/interop/reexport-esm.cjs';
import fs, { readFileSync } from 'fs';
import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import EventEmitter, { once } from 'node:events';
import { test as testAgain } from 'node:test';

const require = createRequire(import.meta.url);

test('CommonJS: default is module.exports, names are found statically', () => {
  assert.strictEqual(lib, require('../../fixtures/esm/interop/lib.cjs'));
  assert.strictEqual(named, 'named value');
  assert.strictEqual(quoted, 'quoted value');
  assert.strictEqual(viaModule, 'via module.exports');
  assert.strictEqual(defined, 'defined value');
  assert.deepStrictEqual(Object.keys(libNs),
    ['bump', 'counter', 'default', 'defined', 'named', 'quoted', 'viaModule']);
  // Object.assign(exports, require(...)) is not a form the scan follows.
  assert.strictEqual('fromReexport' in libNs, false);
  assert.strictEqual(lib.fromReexport, 'reexported');
});

test('CommonJS named exports are a snapshot taken after the module ran', () => {
  assert.strictEqual(counter, 0);
  assert.strictEqual(bump(), 1);
  assert.strictEqual(lib.counter, 1);
  assert.strictEqual(counter, 0);
});

test('module.exports = { ... } and re-exported modules', () => {
  assert.strictEqual(helper(), 'helper');
  assert.strictEqual(value, 7);
  assert.strictEqual(objectDefault.value, 7);
  assert.deepStrictEqual(Object.keys(whole), ['default', 'helper', 'value']);
  assert.strictEqual(whole.helper, helper);
  assert.deepStrictEqual(Object.keys(starred),
    ['bump', 'counter', 'default', 'defined', 'named', 'own', 'quoted', 'viaModule']);
});

test('__esModule does not change what default is', () => {
  assert.strictEqual(esModule.default, 'the default property');
  assert.strictEqual(esModule.__esModule, true);
  assert.strictEqual(other, 'other');
});

test('a function as module.exports', () => {
  assert.strictEqual(greet('esm'), 'hello esm');
  assert.strictEqual(extra, 'extra');
});

test('built-ins: default is the exports object, named exports its keys', () => {
  assert.strictEqual(fs, require('fs'));
  assert.strictEqual(readFileSync, fs.readFileSync);
  assert.strictEqual(nodeFs.default, fs);
  assert.strictEqual(nodeFs.readFileSync, readFileSync);
  assert.strictEqual(typeof join, 'function');
  assert.strictEqual(EventEmitter, require('events'));
  assert.strictEqual(typeof once, 'function');
  assert.strictEqual(typeof testAgain, 'function');
});

test('every public built-in can be imported', async () => {
  const { builtinModules } = await import('node:module');
  for (const id of builtinModules) {
    if (id.startsWith('_')) continue;
    const ns = await import(`node:${id}`);
    assert.strictEqual(ns.default, require(id), id);
    const exports = require(id);
    if (exports !== null && typeof exports === 'object') {
      for (const key of Object.keys(exports)) {
        if (key !== 'default') assert.ok(key in ns, `${id}.${key}`);
      }
    }
  }
});

test('require() of an ES module gives its namespace (synchronous graphs)', () => {
  const ns = require('../../fixtures/esm/interop/esm.mjs');
  assert.strictEqual(ns.fromEsm, 'esm value');
  assert.strictEqual(ns.default(), 'esm default');
  assert.strictEqual(ns.__esModule, true);
  assert.strictEqual(require('../../fixtures/esm/interop/module-exports-name.mjs').custom,
    'module.exports value');
  const fromCjs = require('../../fixtures/esm/interop/requires-esm.cjs');
  assert.strictEqual(fromCjs.load().fromEsm, 'esm value');
});

test('require() of an ES module graph with top-level await', () => {
  const fromCjs = require('../../fixtures/esm/interop/requires-esm.cjs');
  assert.throws(() => fromCjs.loadAsync(), { code: 'ERR_REQUIRE_ASYNC_MODULE' });
});

test('import() from CommonJS resolves against the CommonJS file', async () => {
  const cjs = require('../../fixtures/esm/interop/uses-import.cjs');
  const ns = await cjs.load();
  assert.strictEqual(ns.fromEsm, 'esm value');
  const json = await cjs.loadJson();
  assert.deepStrictEqual(json.default, { kind: 'json' });
});
