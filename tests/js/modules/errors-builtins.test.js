'use strict';
// MODULE_NOT_FOUND and JSON errors, node: built-ins, require('test'),
// builtinModules and isBuiltin.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const Module = require('node:module');

const FIX = path.resolve(__dirname, '../../fixtures/modules');

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

test('MODULE_NOT_FOUND for a relative path', () => {
  const err = thrown(() => require('./nope'));
  assert.ok(err instanceof Error);
  assert.strictEqual(err.name, 'Error');
  assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
  assert.strictEqual(err.message, `Cannot find module './nope'\nRequire stack:\n- ${__filename}`);
  assert.deepStrictEqual(err.requireStack, [__filename]);
});

test('MODULE_NOT_FOUND for a package', () => {
  const err = thrown(() => require('anode-no-such-package'));
  assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
  assert.strictEqual(err.message,
                     `Cannot find module 'anode-no-such-package'\nRequire stack:\n- ${__filename}`);
  assert.deepStrictEqual(err.requireStack, [__filename]);
});

test('MODULE_NOT_FOUND require stack lists the chain, innermost first', () => {
  const file = path.join(FIX, 'missing-dep.js');
  const err = thrown(() => require(file));
  assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
  assert.deepStrictEqual(err.requireStack, [file, __filename]);
  assert.strictEqual(err.message,
                     `Cannot find module './does-not-exist'\nRequire stack:\n- ${file}\n- ${__filename}`);
  // A module that threw is not left in the cache.
  assert.strictEqual(require.cache[file], undefined);
});

test('require.resolve failures are MODULE_NOT_FOUND too', () => {
  const err = thrown(() => require.resolve('./nope'));
  assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
  assert.strictEqual(err.message, `Cannot find module './nope'\nRequire stack:\n- ${__filename}`);
});

test('invalid require arguments', () => {
  for (const bad of [undefined, 42, null, {}]) {
    const err = thrown(() => require(bad));
    assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
    assert.strictEqual(err.name, 'TypeError');
  }
  assert.strictEqual(thrown(() => require(42)).message,
                     'The "id" argument must be of type string. Received type number (42)');
  const err = thrown(() => require(''));
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_VALUE');
  assert.strictEqual(err.message, "The argument 'id' must be a non-empty string. Received ''");
});

test('JSON syntax errors name the file', () => {
  const file = path.join(FIX, 'badjson/bad.json');
  const err = thrown(() => require(file));
  assert.ok(err instanceof SyntaxError);
  assert.strictEqual(err.name, 'SyntaxError');
  assert.ok(err.message.startsWith(file + ': '), err.message);
  assert.ok(err.message.length > file.length + 2);
  assert.strictEqual(require.cache[file], undefined);
});

test('node: prefix for built-ins', () => {
  assert.strictEqual(require('node:path'), require('path'));
  assert.strictEqual(require('node:events'), require('events'));
  assert.strictEqual(require('node:util'), require('util'));
  assert.strictEqual(require('node:assert'), assert);
  assert.strictEqual(require('node:module'), Module);
  assert.strictEqual(require.resolve('node:path'), 'node:path');
  assert.strictEqual(require.resolve('path'), 'path');
  assert.strictEqual(require('node:path/posix'), require('path').posix);
  assert.strictEqual(require('node:timers/promises'), require('timers/promises'));
});

test("require('node:nope') throws ERR_UNKNOWN_BUILTIN_MODULE", () => {
  const err = thrown(() => require('node:nope'));
  assert.strictEqual(err.code, 'ERR_UNKNOWN_BUILTIN_MODULE');
  assert.strictEqual(err.name, 'Error');
  assert.strictEqual(err.message, 'No such built-in module: node:nope');
  // require.resolve goes through the file resolver instead.
  const err2 = thrown(() => require.resolve('node:nope'));
  assert.strictEqual(err2.code, 'MODULE_NOT_FOUND');
  assert.strictEqual(err2.message, `Cannot find module 'node:nope'\nRequire stack:\n- ${__filename}`);
});

test("require('test') is not node:test", () => {
  const nodeTest = require('node:test');
  assert.strictEqual(nodeTest, test);
  assert.strictEqual(typeof nodeTest.describe, 'function');
  // Without a test package on the lookup path it is simply not found.
  const err = thrown(() => require('test'));
  assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
  assert.strictEqual(err.message.split('\n')[0], "Cannot find module 'test'");
  // With one, the userland package wins.
  const req = Module.createRequire(path.join(FIX, 'x.js'));
  assert.strictEqual(req('test'), 'userland test package');
  assert.strictEqual(req.resolve('test'), path.join(FIX, 'node_modules/test/index.js'));
  assert.strictEqual(req('node:test'), test);
});

test('builtinModules and isBuiltin', () => {
  const { builtinModules, isBuiltin } = Module;
  assert.ok(Array.isArray(builtinModules));
  for (const name of ['assert', 'assert/strict', 'events', 'module', 'path', 'path/posix',
                      'path/win32', 'timers', 'timers/promises', 'util']) {
    assert.ok(builtinModules.includes(name), name);
    assert.strictEqual(isBuiltin(name), true, name);
    assert.strictEqual(isBuiltin('node:' + name), true, name);
  }
  // Prefix-only modules and internals are not listed.
  assert.ok(!builtinModules.includes('test'));
  assert.ok(!builtinModules.includes('node:test'));
  assert.ok(!builtinModules.some((m) => m.startsWith('internal/')));
  assert.ok(!builtinModules.some((m) => m.startsWith('node:')));
  assert.strictEqual(isBuiltin('node:test'), true);
  assert.strictEqual(isBuiltin('test'), false);
  assert.strictEqual(isBuiltin('internal/errors'), false);
  assert.strictEqual(isBuiltin('node:internal/errors'), false);
  assert.strictEqual(isBuiltin('nope'), false);
  assert.strictEqual(isBuiltin('./path'), false);
});

test('internal modules cannot be required', () => {
  for (const id of ['internal/errors', 'internal/modules/cjs/loader', 'internal/test_runner/runner']) {
    const err = thrown(() => require(id));
    assert.strictEqual(err.code, 'MODULE_NOT_FOUND', id);
  }
  const err = thrown(() => require('node:internal/errors'));
  assert.strictEqual(err.code, 'ERR_UNKNOWN_BUILTIN_MODULE');
});

test('a module that throws while loading is evicted and re-run next time', () => {
  const file = path.join(FIX, 'throws.js');
  let err = thrown(() => require(file));
  assert.ok(err instanceof TypeError);
  assert.strictEqual(err.message, 'throws.js failed on run 1');
  assert.strictEqual(require.cache[file], undefined);
  err = thrown(() => require(file));
  assert.strictEqual(err.message, 'throws.js failed on run 2');
  assert.strictEqual(globalThis.__anodeThrowsCount, 2);
});

test('an invalid package.json is a SyntaxError naming the file', () => {
  const req = Module.createRequire(path.join(FIX, 'x.js'));
  const pj = path.join(FIX, 'node_modules/bad-pkg-json/package.json');
  const err = thrown(() => req('bad-pkg-json'));
  assert.ok(err instanceof SyntaxError);
  assert.strictEqual(err.name, 'SyntaxError');
  assert.ok(err.message.startsWith(`Error parsing ${pj}: `), err.message);
  assert.strictEqual(err.path, pj);
});
