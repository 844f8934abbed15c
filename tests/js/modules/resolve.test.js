'use strict';
// CommonJS resolution: relative/absolute paths, extension search, directory
// indexes, package.json "main", node_modules walk-up, require.resolve.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');

const FIX = path.resolve(__dirname, '../../fixtures/modules');
const NM = path.join(FIX, 'node_modules');

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

test('relative and absolute paths', () => {
  assert.deepStrictEqual(require('../../fixtures/modules/plain'), { name: 'plain' });
  assert.strictEqual(require('../../fixtures/modules/plain.js'),
                     require('../../fixtures/modules/plain'));
  assert.strictEqual(require(path.join(FIX, 'plain.js')), require('../../fixtures/modules/plain'));
  assert.strictEqual(require(path.join(FIX, 'plain')), require('../../fixtures/modules/plain'));
  // Non-normalised paths resolve to the same module.
  assert.strictEqual(require(FIX + '/ext/../plain.js'), require('../../fixtures/modules/plain'));
  assert.strictEqual(require.resolve('../../fixtures/modules/plain'), path.join(FIX, 'plain.js'));
});

test('.json and .cjs files', () => {
  const data = require(path.join(FIX, 'data.json'));
  assert.deepStrictEqual(data, { kind: 'json', list: [1, 2, 3] });
  assert.strictEqual(require(path.join(FIX, 'data')), data);
  assert.deepStrictEqual({ ...require(path.join(FIX, 'common.cjs')) }, { kind: 'cjs' });
});

test('extension search order: .js before .json; .cjs is not searched', () => {
  assert.strictEqual(require(path.join(FIX, 'ext/a')), 'a.js');
  assert.strictEqual(require(path.join(FIX, 'ext/a.json')), 'a.json');
  assert.strictEqual(require(path.join(FIX, 'ext/b')), 'b.json');
  assert.strictEqual(require.resolve(path.join(FIX, 'ext/b')), path.join(FIX, 'ext/b.json'));
  assert.strictEqual(require(path.join(FIX, 'ext/c.cjs')), 'c.cjs');
  const err = thrown(() => require(path.join(FIX, 'ext/c')));
  assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
  assert.strictEqual(require(path.join(FIX, 'ext/dotted.name')), 'dotted.name.js');
});

test('unknown extensions load as JavaScript', () => {
  assert.strictEqual(require(path.join(FIX, 'ext/g.txt')), 'g.txt as js');
});

test('file before directory, directory index.js / index.json', () => {
  assert.strictEqual(require(path.join(FIX, 'ext/d')), 'd.js');
  assert.strictEqual(require(path.join(FIX, 'ext/d/')), 'd/index.js');
  assert.strictEqual(require(path.join(FIX, 'ext/e')), 'e/index.js');
  assert.strictEqual(require.resolve(path.join(FIX, 'ext/e')), path.join(FIX, 'ext/e/index.js'));
  assert.strictEqual(require(path.join(FIX, 'ext/f')), 'f/index.json');
});

test('package.json main', () => {
  const req = require('node:module').createRequire(path.join(FIX, 'x.js'));
  assert.strictEqual(req('main-file'), 'main-file/lib/main.js');
  assert.strictEqual(req.resolve('main-file'), path.join(NM, 'main-file/lib/main.js'));
  assert.strictEqual(req('main-file/deep'), 'main-file/deep.js');
  assert.strictEqual(req('main-file/index'), 'main-file/index.js (should lose to main)');
  assert.strictEqual(req('main-noext'), 'main-noext/lib/entry.js');
  assert.strictEqual(req.resolve('main-noext'), path.join(NM, 'main-noext/lib/entry.js'));
  assert.strictEqual(req('main-dir'), 'main-dir/lib/index.js');
  assert.strictEqual(req.resolve('main-dir'), path.join(NM, 'main-dir/lib/index.js'));
  assert.strictEqual(req('no-pkg-json'), 'no-pkg-json/index.js');
});

test('package.json main pointing to a missing file falls back to index.js', async () => {
  const req = require('node:module').createRequire(path.join(FIX, 'x.js'));
  // Node 20 still loads index.js and emits a DEP0128 DeprecationWarning.
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    assert.strictEqual(req('main-missing'), 'main-missing/index.js');
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.removeListener('warning', onWarning);
  }
  assert.strictEqual(warnings.length, 1);
  assert.strictEqual(warnings[0].name, 'DeprecationWarning');
  assert.strictEqual(warnings[0].code, 'DEP0128');
  assert.strictEqual(warnings[0].message,
                     "Invalid 'main' field in '" + path.join(NM, 'main-missing/package.json') +
                     "' of 'nope.js'. Please either fix that or report it to the module author");
});

test('scoped packages', () => {
  const req = require('node:module').createRequire(path.join(FIX, 'x.js'));
  assert.strictEqual(req('@scope/pkg'), '@scope/pkg/main.js');
  assert.strictEqual(req('@scope/pkg/sub'), '@scope/pkg/sub.js');
  assert.strictEqual(req('@scope/plain'), '@scope/plain/lib/plain.js');
  assert.strictEqual(req('@scope/plain/extra'), '@scope/plain/extra.js');
  assert.strictEqual(req.resolve('@scope/plain/extra.js'), path.join(NM, '@scope/plain/extra.js'));
});

test('node_modules walk-up from nested directories, nearest wins', () => {
  const r = require(path.join(FIX, 'nested/deep/dir/find.js'));
  assert.strictEqual(r.walk, 'walkup-pkg');
  assert.strictEqual(r.local, 'nested/node_modules/local-pkg');
  assert.deepStrictEqual(r.paths.slice(0, 5), [
    path.join(FIX, 'nested/deep/dir/node_modules'),
    path.join(FIX, 'nested/deep/node_modules'),
    path.join(FIX, 'nested/node_modules'),
    path.join(FIX, 'node_modules'),
    path.join(FIX, '../node_modules'),
  ]);
});

test('require.resolve with { paths }', () => {
  assert.strictEqual(require.resolve('walkup-pkg', { paths: [path.join(FIX, 'nested/deep')] }),
                     path.join(NM, 'walkup-pkg/index.js'));
  assert.strictEqual(require.resolve('local-pkg', { paths: [path.join(FIX, 'nested/deep')] }),
                     path.join(FIX, 'nested/node_modules/local-pkg/index.js'));
  assert.strictEqual(require.resolve('local-pkg', { paths: [FIX] }),
                     path.join(NM, 'local-pkg/index.js'));
  // Relative requests resolve against each of the paths.
  assert.strictEqual(require.resolve('./plain', { paths: [FIX] }), path.join(FIX, 'plain.js'));
  assert.strictEqual(require.resolve('./a', { paths: ['/nonexistent-dir', path.join(FIX, 'ext')] }),
                     path.join(FIX, 'ext/a.js'));
  // Built-ins ignore paths.
  assert.strictEqual(require.resolve('path', { paths: [FIX] }), 'path');
  const err = thrown(() => require.resolve('walkup-pkg', { paths: ['/'] }));
  assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
  assert.strictEqual(err.message.split('\n')[0], "Cannot find module 'walkup-pkg'");
});

test('require.resolve.paths', () => {
  const walk = [];
  let dir = __dirname;
  for (;;) {
    if (path.basename(dir) !== 'node_modules') walk.push(path.join(dir, 'node_modules'));
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  assert.deepStrictEqual(walk.slice(0, 3), [
    path.join(__dirname, 'node_modules'),
    path.resolve(__dirname, '../node_modules'),
    path.resolve(__dirname, '../../node_modules'),
  ]);
  const paths = require.resolve.paths('some-pkg');
  assert.ok(Array.isArray(paths));
  assert.deepStrictEqual(paths.slice(0, walk.length), walk);
  assert.deepStrictEqual(paths, module.paths.concat(require('node:module').globalPaths));
  if (process.env.HOME) {
    assert.deepStrictEqual(paths.slice(walk.length, walk.length + 2), [
      path.resolve(process.env.HOME, '.node_modules'),
      path.resolve(process.env.HOME, '.node_libraries'),
    ]);
  }
  assert.deepStrictEqual(require.resolve.paths('./x'), [__dirname]);
  assert.deepStrictEqual(require.resolve.paths('../x'), [__dirname]);
  assert.strictEqual(require.resolve.paths('path'), null);
  assert.strictEqual(require.resolve.paths('node:path'), null);
});

test('module.paths / Module._nodeModulePaths', () => {
  const Module = require('node:module');
  assert.deepStrictEqual(module.paths, Module._nodeModulePaths(__dirname));
  assert.deepStrictEqual(Module._nodeModulePaths('/a/node_modules/b'),
                         ['/a/node_modules/b/node_modules', '/a/node_modules', '/node_modules']);
  assert.deepStrictEqual(Module._nodeModulePaths('/'), ['/node_modules']);
});

test('self-reference by package name', () => {
  const r = require(path.join(FIX, 'self-pkg/lib/user.js'));
  assert.deepStrictEqual(r, {
    root: 'self-pkg/index.js',
    sub: 'self-pkg/lib/sub.js',
    resolved: path.join(FIX, 'self-pkg/lib/sub.js'),
  });
  const err = thrown(() => require(path.join(FIX, 'self-pkg/lib/blocked.js')));
  assert.strictEqual(err.code, 'ERR_PACKAGE_PATH_NOT_EXPORTED');
  assert.strictEqual(err.message,
                     "Package subpath './lib/user.js' is not defined by \"exports\" in " +
                     path.join(FIX, 'self-pkg/package.json') + ' imported from ' +
                     path.join(FIX, 'self-pkg/lib/blocked.js'));
});
