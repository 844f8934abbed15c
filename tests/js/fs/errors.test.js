'use strict';
// Bad input: Node's argument errors, and failures that must leave files alone.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'anode-fs-errors-'));
test.after(() => fs.rmSync(base, { recursive: true, force: true }));
const p = (...parts) => path.join(base, ...parts);

test('wrong argument types', () => {
  assert.throws(() => fs.readFileSync(), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "path" argument must be of type string or an instance of Buffer or URL. Received undefined',
  });
  assert.throws(() => fs.readFileSync('/a\0b'), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received '/a\\x00b'",
  });
  assert.throws(() => fs.closeSync('x'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "fd" argument must be of type number. Received type string (\'x\')',
  });
  assert.throws(() => fs.closeSync(-1), {
    name: 'RangeError',
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "fd" is out of range. It must be >= 0 && <= 2147483647. Received -1',
  });
  assert.throws(() => fs.readFileSync(p('x'), { flag: 'zz' }), {
    code: 'ERR_INVALID_ARG_VALUE', message: "The argument 'flags' is invalid. Received 'zz'",
  });
  assert.throws(() => fs.readFileSync(p('x'), 'bogus'), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The argument 'encoding' is invalid encoding. Received 'bogus'",
  });
  assert.throws(() => fs.writeFileSync(p('x'), 5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)',
  });
  assert.throws(() => fs.openSync(p('x'), 'r', 'abc'), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The argument 'mode' must be a 32-bit unsigned integer or an octal string. Received 'abc'",
  });
  assert.throws(() => fs.readSync(0, 5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "buffer" argument must be an instance of Buffer, TypedArray, or DataView. Received type number (5)',
  });
  assert.throws(() => fs.stat(p('x')), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "cb" argument must be of type function. Received undefined',
  });
  assert.throws(() => fs.rmSync(p('x'), { recursive: 'x' }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.recursive" property must be of type boolean. Received type string (\'x\')',
  });
  assert.throws(() => fs.readSync(0, Buffer.alloc(4), 0, 10, 0), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => fs.mkdirSync(p('m'), { recursive: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('file URLs are paths', () => {
  fs.writeFileSync(new URL(`file://${p('url.txt')}`), 'u');
  assert.strictEqual(fs.readFileSync(new URL(`file://${p('url.txt')}`), 'utf8'), 'u');
  assert.throws(() => fs.readFileSync(new URL('http://x/')), { code: 'ERR_INVALID_URL_SCHEME' });
});

test('errors on closed and invalid descriptors never crash', async () => {
  const fd = fs.openSync(p('fd.txt'), 'w');
  fs.closeSync(fd);
  assert.throws(() => fs.readSync(fd, Buffer.alloc(2), 0, 2, null), {
    code: 'EBADF', message: 'EBADF: bad file descriptor, read',
  });
  assert.throws(() => fs.writeSync(fd, 'x'), { code: 'EBADF', syscall: 'write' });
  assert.throws(() => fs.fstatSync(fd), { code: 'EBADF', message: 'EBADF: bad file descriptor, fstat' });
  assert.throws(() => fs.readFileSync(99999), { code: 'EBADF' });
  const err = await new Promise((resolve) => fs.read(fd, Buffer.alloc(1), 0, 1, 0, resolve));
  assert.strictEqual(err.code, 'EBADF');
  assert.throws(() => fs.readFileSync(base), {
    code: 'EISDIR', message: 'EISDIR: illegal operation on a directory, read',
  });
  assert.throws(() => fs.statSync(p('fd.txt', 'x')), { code: 'ENOTDIR' });
  assert.throws(() => fs.opendirSync(p('nope')), {
    code: 'ENOENT', message: 'ENOENT: no such file or directory, opendir',
  });
});

test('writeFile that fails validation leaves the original untouched', async () => {
  fs.writeFileSync(p('keep.txt'), 'original');
  assert.throws(() => fs.writeFileSync(p('keep.txt'), {}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => fs.writeFileSync(p('keep.txt'), 'x', 'bogus'), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => fs.writeFile(p('keep.txt'), 5, () => {}), { code: 'ERR_INVALID_ARG_TYPE' });
  await assert.rejects(fs.promises.writeFile(p('keep.txt'), 5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.strictEqual(fs.readFileSync(p('keep.txt'), 'utf8'), 'original');
  assert.throws(() => fs.writeFileSync(p('nodir', 'f'), 'x'), { code: 'ENOENT', syscall: 'open' });
  assert.strictEqual(fs.existsSync(p('nodir')), false);
});
