'use strict';
// The module object, require.cache, require.main, exports vs module.exports,
// cycles, shebang lines, __filename/__dirname and the module wrapper.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const Module = require('node:module');

const FIX = path.resolve(__dirname, '../../fixtures/modules');
const loadedAtTop = module.loaded;

test('this file is the main module', () => {
  assert.strictEqual(require.main, module);
  assert.strictEqual(process.mainModule, module);
  assert.strictEqual(module.id, '.');
  assert.strictEqual(module.filename, __filename);
  assert.strictEqual(loadedAtTop, false);
  // Tests run after the main module finished loading.
  assert.strictEqual(module.loaded, true);
  assert.strictEqual(module.parent, null);
  assert.ok(module instanceof Module);
  assert.strictEqual(Module.Module, Module);
  assert.strictEqual(require.cache[__filename], module);
});

test('__filename and __dirname', () => {
  assert.strictEqual(path.basename(__filename), 'module-object.test.js');
  assert.strictEqual(__dirname, path.dirname(__filename));
  assert.ok(path.isAbsolute(__filename));
  assert.strictEqual(typeof require, 'function');
  assert.strictEqual(typeof require.resolve, 'function');
  assert.strictEqual(require.extensions, Module._extensions);
  assert.deepStrictEqual(Object.keys(Module._extensions), ['.js', '.json', '.node']);
  assert.strictEqual(require.cache, Module._cache);
});

test('module wrapper arguments', () => {
  const file = path.join(FIX, 'exporting/wrapper-args.js');
  const r = require(file);
  assert.deepStrictEqual(r, {
    argc: 5,
    exportsIsArg: true,
    requireIsArg: true,
    moduleIsArg: true,
    filename: file,
    dirname: path.dirname(file),
    __filename: file,
    __dirname: path.dirname(file),
    strictThis: true,
  });
  // Top-level var stays local to the module.
  assert.deepStrictEqual(require(path.join(FIX, 'exporting/globals-scope.js')), { leaked: 'undefined' });
  assert.strictEqual(Module.wrap('x'),
                     '(function (exports, require, module, __filename, __dirname) { x\n});');
});

test('module.exports vs exports', () => {
  assert.deepStrictEqual({ ...require(path.join(FIX, 'exporting/assign-exports.js')) }, { kept: true });
  const fn = require(path.join(FIX, 'exporting/module-exports.js'));
  assert.strictEqual(typeof fn, 'function');
  assert.strictEqual(fn(), 'fn');
  assert.strictEqual(fn.extra, 1);
  assert.strictEqual(fn.lost, undefined);
  assert.deepStrictEqual(require(path.join(FIX, 'exporting/this.js')),
                         { thisIsExports: true, thisIsModuleExports: true });
});

test('module.id, filename, loaded, parent, children, paths', () => {
  const file = path.join(FIX, 'meta/info.js');
  const info = require(file);
  assert.strictEqual(info.id, file);
  assert.strictEqual(info.filename, file);
  assert.strictEqual(info.loadedDuring, false);
  assert.strictEqual(info.self.loaded, true);
  assert.strictEqual(info.parentFilename, __filename);
  assert.deepStrictEqual(info.childFilenames, [path.join(FIX, 'meta/child.js')]);
  assert.strictEqual(info.childParent, file);
  assert.strictEqual(info.isMain, false);
  assert.strictEqual(info.mainFilename, __filename);
  assert.deepStrictEqual(info.paths, Module._nodeModulePaths(path.dirname(file)));
  assert.strictEqual(info.paths[0], path.join(FIX, 'meta/node_modules'));
  assert.ok(module.children.includes(info.self));
  assert.strictEqual(info.self.parent, module);
  assert.strictEqual(info.self.exports, info);
  assert.strictEqual(require.cache[file], info.self);
  // A second require returns the cached exports and adds no child.
  const before = module.children.length;
  assert.strictEqual(require(file), info);
  assert.strictEqual(module.children.length, before);
});

test('require.cache: delete and re-require gives a fresh module', () => {
  const file = path.join(FIX, 'fresh.js');
  const first = require(file);
  assert.strictEqual(require(file), first);
  const entry = require.cache[file];
  assert.strictEqual(entry.exports, first);
  assert.strictEqual(entry.id, file);
  assert.ok(delete require.cache[file]);
  assert.strictEqual(require.cache[file], undefined);
  const second = require(file);
  assert.notStrictEqual(second, first);
  assert.strictEqual(second.count, first.count + 1);
  assert.notStrictEqual(require.cache[file], entry);
  // Putting an entry into the cache makes require return its exports.
  const fake = path.join(FIX, 'cache-target.js');
  require.cache[fake] = { id: fake, filename: fake, loaded: true, exports: { fake: true } };
  try {
    assert.deepStrictEqual(require(fake), { fake: true });
  } finally {
    delete require.cache[fake];
  }
  // Built-ins are not in require.cache.
  assert.strictEqual(require.cache.path, undefined);
  assert.strictEqual(require.cache['node:path'], undefined);
});

test('cyclic requires see partial exports', () => {
  const a = require(path.join(FIX, 'cycle/a.js'));
  assert.deepStrictEqual(a.bSnapshot, ['a1']);
  assert.strictEqual(a.bSawSame, a);
  assert.strictEqual(a.aLoadedWhileB, false);
  assert.deepStrictEqual(Object.keys(a), ['a1', 'a2', 'bSnapshot', 'bSawSame', 'aLoadedWhileB']);
});

test('cycle where the first module replaces module.exports', () => {
  const r = require(path.join(FIX, 'cycle/replace-a.js'));
  assert.strictEqual(r.replaced, true);
  // b kept the original (now stale) exports object.
  assert.deepStrictEqual(Object.keys(r.bSaw), ['old']);
  assert.strictEqual(r.bSaw.old, true);
  assert.notStrictEqual(r.bSaw, r);
});

test('reading a missing export inside a cycle emits a warning', async () => {
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  let b;
  try {
    require(path.join(FIX, 'cycle/warn-a.js'));
    b = require(path.join(FIX, 'cycle/warn-b.js'));
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.removeListener('warning', onWarning);
  }
  assert.deepStrictEqual({ ...b }, { sawMissing: undefined, sawEarly: 1 });
  assert.strictEqual(warnings.length, 1);
  assert.strictEqual(warnings[0].name, 'Warning');
  assert.strictEqual(warnings[0].message,
                     "Accessing non-existent property 'notThere' of module exports inside circular dependency");
});

test('a shebang line is ignored and line numbers are kept', () => {
  assert.deepStrictEqual(require(path.join(FIX, 'shebang.js')), { shebang: true, line: '3' });
});

test('module.createRequire', () => {
  const req = Module.createRequire(path.join(FIX, 'nested/deep/dir/file.js'));
  assert.strictEqual(req('local-pkg'), 'nested/node_modules/local-pkg');
  assert.strictEqual(req('../../../plain'), require(path.join(FIX, 'plain.js')));
  assert.strictEqual(req.resolve('./find'), path.join(FIX, 'nested/deep/dir/find.js'));
  assert.strictEqual(req.cache, require.cache);
  assert.strictEqual(req.main, require.main);
  assert.deepStrictEqual(req.resolve.paths('x').slice(0, 2), [
    path.join(FIX, 'nested/deep/dir/node_modules'),
    path.join(FIX, 'nested/deep/node_modules'),
  ]);
  // A trailing slash means "this directory"; without it the last part is a file name.
  const dirReq = Module.createRequire(FIX + '/');
  assert.strictEqual(dirReq.resolve('./plain'), path.join(FIX, 'plain.js'));
  const fileReq = Module.createRequire(FIX);
  assert.strictEqual(fileReq.resolve('./modules/plain'), path.join(FIX, 'plain.js'));
  for (const bad of ['relative/path.js', 42, undefined]) {
    assert.throws(() => Module.createRequire(bad), (err) => {
      assert.strictEqual(err.code, 'ERR_INVALID_ARG_VALUE');
      assert.strictEqual(err.name, 'TypeError');
      return true;
    });
  }
  assert.throws(() => Module.createRequire('relative/path.js'), {
    message: "The argument 'filename' must be a file URL object, file URL string, or " +
      "absolute path string. Received 'relative/path.js'",
  });
});

test('module.createRequire accepts a file: URL string', () => {
  const urlReq = Module.createRequire('file://' + path.join(FIX, 'x.js'));
  assert.strictEqual(urlReq.resolve('./plain'), path.join(FIX, 'plain.js'));
});

test('a UTF-8 BOM is stripped from .js and .json files', () => {
  assert.strictEqual(require(path.join(FIX, 'bom.js')), 'bom.js');
  assert.deepStrictEqual(require(path.join(FIX, 'bom.json')), { bom: true });
});

test('package.json without main falls back to index.js', () => {
  const req = Module.createRequire(path.join(FIX, 'x.js'));
  assert.strictEqual(req('pkg-no-main'), 'pkg-no-main/index.js');
  assert.strictEqual(req('pkg-no-main/package.json').version, '1.0.0');
});

test('module.require and Module.prototype.require', () => {
  assert.strictEqual(module.require('node:path'), path);
  assert.strictEqual(module.require(path.join(FIX, 'plain.js')), require(path.join(FIX, 'plain.js')));
  assert.strictEqual(typeof Module.prototype.require, 'function');
  assert.strictEqual(typeof Module.prototype._compile, 'function');
});
