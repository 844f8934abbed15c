'use strict';
// path: module shape, cwd-dependent resolve/relative, argument validation.

const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');

test('module shape and cross-links', () => {
  assert.strictEqual(path, path.posix);
  assert.strictEqual(path.posix.posix, path.posix);
  assert.strictEqual(path.posix.win32, path.win32);
  assert.strictEqual(path.win32.win32, path.win32);
  assert.strictEqual(path.win32.posix, path.posix);
  assert.strictEqual(require('path'), path);
  assert.strictEqual(require('path/posix'), path.posix);
  assert.strictEqual(require('node:path/win32'), path.win32);
  assert.strictEqual(path.sep, '/');
  assert.strictEqual(path.delimiter, ':');
  assert.strictEqual(path.win32.sep, '\\');
  assert.strictEqual(path.win32.delimiter, ';');
  assert.strictEqual(path._makeLong, path.toNamespacedPath);
  assert.strictEqual(path.win32._makeLong, path.win32.toNamespacedPath);
  assert.deepStrictEqual(Object.keys(path), [
    'resolve', 'normalize', 'isAbsolute', 'join', 'relative',
    'toNamespacedPath', 'dirname', 'basename', 'extname', 'format', 'parse',
    'matchesGlob', 'sep', 'delimiter', 'win32', 'posix', '_makeLong',
  ]);
});

test('posix.resolve uses process.cwd()', () => {
  const cwd = process.cwd();
  assert.strictEqual(path.resolve(), cwd);
  assert.strictEqual(path.resolve(''), cwd);
  assert.strictEqual(path.resolve('.'), cwd);
  assert.strictEqual(path.resolve('a', 'b'), cwd === '/' ? '/a/b' : `${cwd}/a/b`);
  assert.strictEqual(path.resolve('a', '/b', 'c'), '/b/c');
  assert.strictEqual(path.resolve('/x', '../../..'), '/');
  assert.strictEqual(path.resolve('a/b/'), path.join(cwd, 'a/b'));
});

test('posix.relative with relative inputs', () => {
  assert.strictEqual(path.relative('a/b', 'a/c'), '../c');
  assert.strictEqual(path.relative('', ''), '');
  assert.strictEqual(path.relative('.', 'x/y'), 'x/y');
  assert.strictEqual(path.relative('x/y', '.'), '../..');
  assert.strictEqual(path.relative(process.cwd(), 'q'), 'q');
});

test('win32.resolve of relative paths starts at the posix cwd', () => {
  const cwd = process.cwd();
  const winCwd = cwd.replace(/\//g, '\\');
  assert.strictEqual(path.win32.resolve('a'), winCwd === '\\' ? '\\a' : `${winCwd}\\a`);
  assert.strictEqual(path.win32.resolve(), winCwd);
});

test('argument validation', () => {
  const fns = [
    ['normalize', [1]], ['isAbsolute', [1]], ['dirname', [1]],
    ['basename', [1]], ['extname', [1]], ['parse', [1]], ['join', ['a', 1]],
  ];
  for (const flavor of ['posix', 'win32']) {
    for (const [fn, args] of fns) {
      assert.throws(() => path[flavor][fn](...args), {
        name: 'TypeError',
        code: 'ERR_INVALID_ARG_TYPE',
        message: 'The "path" argument must be of type string. ' +
          'Received type number (1)',
      });
    }
    assert.throws(() => path[flavor].resolve('a', null), {
      code: 'ERR_INVALID_ARG_TYPE',
      message: 'The "paths[1]" argument must be of type string. Received null',
    });
    assert.throws(() => path[flavor].relative({}, 'a'), {
      message: 'The "from" argument must be of type string. ' +
        'Received an instance of Object',
    });
    assert.throws(() => path[flavor].relative('a', undefined), {
      message: 'The "to" argument must be of type string. Received undefined',
    });
    assert.throws(() => path[flavor].basename('a', 5), {
      message: 'The "suffix" argument must be of type string. ' +
        'Received type number (5)',
    });
    assert.throws(() => path[flavor].format(null), {
      message: 'The "pathObject" argument must be of type object. ' +
        'Received null',
    });
    assert.throws(() => path[flavor].format('x'), {
      message: 'The "pathObject" argument must be of type object. ' +
        "Received type string ('x')",
    });
  }
  // toNamespacedPath passes anything through.
  assert.strictEqual(path.toNamespacedPath(1), 1);
  assert.strictEqual(path.win32.toNamespacedPath(null), null);
});

test('parse and format round trip', () => {
  for (const p of ['/home/user/dir/file.txt', 'a/b.c', '/', '', 'x']) {
    assert.strictEqual(path.format(path.parse(p)), p);
  }
  assert.deepStrictEqual(path.parse('/home/user/dir/file.txt'), {
    root: '/', dir: '/home/user/dir', base: 'file.txt', ext: '.txt',
    name: 'file',
  });
  assert.deepStrictEqual(path.win32.parse('C:\\path\\dir\\file.txt'), {
    root: 'C:\\', dir: 'C:\\path\\dir', base: 'file.txt', ext: '.txt',
    name: 'file',
  });
});
