'use strict';
// package.json "exports": strings, subpath maps, conditions, arrays,
// patterns, null targets and the errors Node 20 throws for them.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { createRequire } = require('node:module');

const FIX = path.resolve(__dirname, '../../fixtures/modules');
const NM = path.join(FIX, 'node_modules');
const req = createRequire(path.join(FIX, 'x.js'));

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

function notExported(fn, subpath, pkg) {
  const err = thrown(fn);
  assert.strictEqual(err.code, 'ERR_PACKAGE_PATH_NOT_EXPORTED');
  assert.ok(err instanceof Error);
  assert.strictEqual(err.name, 'Error');
  const pj = path.join(NM, pkg, 'package.json');
  assert.strictEqual(err.message, subpath === '.' ?
    `No "exports" main defined in ${pj}` :
    `Package subpath '${subpath}' is not defined by "exports" in ${pj}`);
  return err;
}

test('exports string wins over main and hides other files', () => {
  assert.strictEqual(req('exports-string'), 'exports-string/lib/e.js');
  assert.strictEqual(req.resolve('exports-string'), path.join(NM, 'exports-string/lib/e.js'));
  notExported(() => req('exports-string/lib/other.js'), './lib/other.js', 'exports-string');
  notExported(() => req('exports-string/main.js'), './main.js', 'exports-string');
  notExported(() => req('exports-string/package.json'), './package.json', 'exports-string');
  notExported(() => req.resolve('exports-string/lib/e.js'), './lib/e.js', 'exports-string');
  // An absolute path bypasses "exports".
  assert.strictEqual(require(path.join(NM, 'exports-string/lib/other.js')),
                     'exports-string/lib/other.js');
});

test('exports subpath map', () => {
  assert.strictEqual(req('exports-map'), 'exports-map/index.js');
  assert.strictEqual(req('exports-map/feature'), 'exports-map/lib/feature.js');
  assert.strictEqual(req('exports-map/feature.js'), 'exports-map/lib/feature.js');
  assert.strictEqual(req('exports-map/package.json').name, 'exports-map');
  assert.strictEqual(req.resolve('exports-map/feature'), path.join(NM, 'exports-map/lib/feature.js'));
  notExported(() => req('exports-map/lib/feature.js'), './lib/feature.js', 'exports-map');
  notExported(() => req('exports-map/index.js'), './index.js', 'exports-map');
  notExported(() => req('exports-map/nope'), './nope', 'exports-map');
});

test('exports patterns with *', () => {
  assert.strictEqual(req('exports-map/utils/a'), 'exports-map/lib/utils/a.js');
  assert.strictEqual(req.resolve('exports-map/utils/a'), path.join(NM, 'exports-map/lib/utils/a.js'));
  // "*" matches across "/".
  assert.strictEqual(req('exports-map/utils/sub/b'), 'exports-map/lib/utils/sub/b.js');
  // The pattern appends ".js", so "a.js" maps to a missing "a.js.js".
  const err = thrown(() => req('exports-map/utils/a.js'));
  assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
  assert.strictEqual(err.message.split('\n')[0],
                     `Cannot find module '${path.join(NM, 'exports-map/lib/utils/a.js.js')}'`);
  assert.strictEqual(req('exports-cond/pattern/p1'), 'exports-cond/pat/p1.js');
});

test('null targets block a subpath', () => {
  notExported(() => req('exports-map/internal/x'), './internal/x', 'exports-map');
  notExported(() => req('exports-map/internal/x.js'), './internal/x.js', 'exports-map');
  // The more specific "./utils/private/*": null beats "./utils/*".
  notExported(() => req('exports-map/utils/private/secret'), './utils/private/secret', 'exports-map');
});

test('an exported target that does not exist is MODULE_NOT_FOUND', () => {
  const err = thrown(() => req('exports-map/missing'));
  assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
  assert.strictEqual(err.message.split('\n')[0],
                     `Cannot find module '${path.join(NM, 'exports-map/lib/missing.js')}'`);
});

test('exports arrays use the first valid target', () => {
  assert.strictEqual(req('exports-map/array'), 'exports-map/lib/array-ok.js');
  assert.strictEqual(req('exports-map/array-cond'), 'exports-map/lib/array-ok.js');
});

test('invalid targets: ERR_INVALID_PACKAGE_TARGET', () => {
  const err = thrown(() => req('exports-map/bad-target'));
  assert.strictEqual(err.code, 'ERR_INVALID_PACKAGE_TARGET');
  assert.strictEqual(err.message,
                     'Invalid "exports" target "lib/feature.js" defined for \'./bad-target\' in ' +
                     `the package config ${path.join(NM, 'exports-map/package.json')}; ` +
                     'targets must start with "./"');
});

test('conditions: require/node/default chosen in object order, import never', () => {
  assert.strictEqual(req('exports-cond'), 'exports-cond/req.js');
  assert.strictEqual(req('exports-cond/node-first'), 'exports-cond/node.js');
  assert.strictEqual(req('exports-cond/require-first'), 'exports-cond/req.js');
  assert.strictEqual(req('exports-cond/default'), 'exports-cond/def.js');
  assert.strictEqual(req('exports-sugar'), 'exports-sugar/req.js');
  notExported(() => req('exports-cond/import-only'), './import-only', 'exports-cond');
  // Only "import" at the root: "main" is not used as a fallback.
  notExported(() => req('exports-import-only'), '.', 'exports-import-only');
});

test('nested conditions', () => {
  assert.strictEqual(req('exports-cond/nested'), 'exports-cond/nested-req.js');
  // "node" matches but nothing inside it does: resolution moves on to "default".
  assert.strictEqual(req('exports-cond/nested-miss'), 'exports-cond/def.js');
});

test('ERR_PACKAGE_PATH_NOT_EXPORTED has no requireStack', () => {
  const err = notExported(() => req('exports-string/lib/other.js'), './lib/other.js', 'exports-string');
  assert.strictEqual(err.requireStack, undefined);
});
