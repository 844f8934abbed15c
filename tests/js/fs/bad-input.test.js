'use strict';
// Bad input across the sync, callback and promise forms: Node 20's checks,
// messages and codes (including those it raises from C++), file: URLs,
// Buffer paths, NUL bytes, closed fds and directories used as files.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const base = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'anode-fs-bad-'));
test.after(() => fs.rmSync(base, { recursive: true, force: true }));
const p = (...parts) => path.join(base, ...parts);
fs.mkdirSync(p('dir'));
fs.writeFileSync(p('file'), 'content');
fs.writeFileSync(p('sp ace%'), 'spaced');

const cb = (fn) => new Promise((resolve) => fn((err, value) => resolve([err, value])));
const nul = {
  code: 'ERR_INVALID_ARG_VALUE',
  message: "The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received 'a\\x00b'",
};

test('NUL bytes in string, Buffer and URL paths', async () => {
  assert.throws(() => fs.statSync('a\0b'), nul);
  assert.throws(() => fs.stat('a\0b', () => {}), nul);
  await assert.rejects(fs.promises.stat('a\0b'), nul);
  assert.throws(() => fs.readFileSync(Buffer.from('a\0b')), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received <Buffer 61 00 62>",
  });
  assert.throws(() => fs.openSync(new URL('file:///a%00b')), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received '/a\\x00b'",
  });
  assert.throws(() => fs.copyFileSync(p('file'), 'x\0'), {
    message: "The argument 'dest' must be a string, Uint8Array, or URL without null bytes. Received 'x\\x00'",
  });
  assert.strictEqual(fs.existsSync('a\0b'), false);
});

test('file: URLs and Buffer paths', async () => {
  assert.strictEqual(fs.readFileSync(pathToFileURL(p('sp ace%')), 'utf8'), 'spaced');
  assert.strictEqual(fs.readFileSync(new URL(`file://localhost${p('file')}`), 'utf8'), 'content');
  assert.strictEqual(fs.readFileSync(Buffer.from(p('file')), 'utf8'), 'content');
  assert.strictEqual(fs.readFileSync(new TextEncoder().encode(p('file')), 'utf8'), 'content');
  assert.deepStrictEqual(fs.readdirSync(pathToFileURL(p('dir'))), []);
  assert.strictEqual(await fs.promises.readFile(pathToFileURL(p('file')), 'utf8'), 'content');
  assert.strictEqual(fs.existsSync(pathToFileURL(p('file'))), true);
  // A URL string is a relative path, not a URL.
  assert.throws(() => fs.readFileSync(`file://${p('file')}`), { code: 'ENOENT' });
  assert.throws(() => fs.readFileSync(new URL('http://x/y')), {
    code: 'ERR_INVALID_URL_SCHEME', message: 'The URL must be of scheme file',
  });
  assert.throws(() => fs.statSync(new URL('file://host/x')), {
    code: 'ERR_INVALID_FILE_URL_HOST',
    message: 'File URL host must be "localhost" or empty on linux',
  });
  assert.throws(() => fs.statSync(new URL('file:///a%2fb')), {
    code: 'ERR_INVALID_FILE_URL_PATH',
    message: 'File URL path must not include encoded / characters',
  });
});

test('numbers as paths: int32 is an fd, anything else a bad path', async () => {
  const badPath = (v) => ({
    code: 'ERR_INVALID_ARG_TYPE',
    message: `The "path" argument must be of type string or an instance of Buffer or URL. Received type number (${v})`,
  });
  for (const v of [1.5, NaN, 2 ** 31]) {
    assert.throws(() => fs.readFileSync(v), badPath(v));
    assert.throws(() => fs.writeFileSync(v, 'x'), badPath(v));
    assert.throws(() => fs.appendFile(v, 'x', () => {}), badPath(v));
    await assert.rejects(fs.promises.readFile(v), badPath(v));
  }
  assert.throws(() => fs.readFileSync(-1), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "fd" is out of range. It must be >= 0 && <= 2147483647. Received -1',
  });
  assert.throws(() => fs.writeFileSync(-1, 'x'), { code: 'EBADF', syscall: 'write' });
  await assert.rejects(fs.promises.writeFile(-1, 'x'), badPath(-1));
});

test('fd checks Node 20 makes in C++', async () => {
  assert.throws(() => fs.closeSync(() => {}), {
    name: 'TypeError',
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "fd" argument must be of type number. Received function',
  });
  assert.throws(() => fs.fstatSync(1n), {
    message: 'The "fd" argument must be of type number. Received type bigint (1)',
  });
  assert.throws(() => fs.fsync(() => {}, () => {}), { message: /Received function$/ });
  // read and write check fds in JS: the usual wording.
  assert.throws(() => fs.readSync(() => {}, Buffer.alloc(1)), {
    message: 'The "fd" argument must be of type number. Received function ',
  });
  const [err] = await cb((done) => fs.fstat(999, done));
  assert.strictEqual(err.message, 'EBADF: bad file descriptor, fstat');
  assert.strictEqual(err.syscall, 'fstat');
  assert.throws(() => fs.closeSync(999), { code: 'EBADF', syscall: 'close' });
  assert.throws(() => fs.writeSync(999, 'x'), { code: 'EBADF', syscall: 'write' });
});

test('access and copyFile modes', async () => {
  const typeErr = {
    name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'mode must be int32 or null/undefined',
  };
  assert.throws(() => fs.accessSync(p('file'), 'x'), typeErr);
  assert.throws(() => fs.access(p('file'), {}, () => {}), typeErr);
  await assert.rejects(fs.promises.access(p('file'), true), typeErr);
  assert.throws(() => fs.accessSync(p('file'), -1), {
    name: 'RangeError', code: 'ERR_OUT_OF_RANGE', message: 'mode is out of range: >= 0 && <= 7',
  });
  assert.throws(() => fs.accessSync(p('file'), NaN), { message: 'mode is out of range' });
  assert.throws(() => fs.copyFileSync(p('file'), p('c'), 99), {
    message: 'mode is out of range: >= 0 && <= 7',
  });
  // A fraction is truncated: 7.5 is R_OK | W_OK | X_OK.
  assert.throws(() => fs.accessSync(p('file'), 7.5), { code: 'EACCES', syscall: 'access' });
  fs.accessSync(p('file'), 0.5);
  assert.strictEqual(Object.keys((() => {
    try { fs.accessSync(p('file'), 'x'); } catch (e) { return e; }
  })()).join(), 'code');
});

test('open: flags, and the callback is the last argument', async () => {
  assert.throws(() => fs.openSync(p('file'), 1.5), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "flags" is out of range. It must be an integer. Received 1.5',
  });
  assert.throws(() => fs.openSync(p('file'), 2 ** 31), {
    message: 'The value of "flags" is out of range. It must be >= -2147483648 && <= 2147483647. Received 2147483648',
  });
  assert.throws(() => fs.open(p('file'), () => {}, () => {}), {
    code: 'ERR_INVALID_ARG_VALUE', message: "The argument 'flags' is invalid. Received [Function (anonymous)]",
  });
  const [err, fd] = await cb((done) => fs.open(p('file'), done));
  assert.strictEqual(err, null);
  fs.closeSync(fd);
  const [err2] = await cb((done) => fs.open(p('dir'), 'w', done));
  assert.strictEqual(err2.code, 'EISDIR');
  assert.strictEqual(err2.message, `EISDIR: illegal operation on a directory, open '${p('dir')}'`);
});

test('directories where files are expected', async () => {
  assert.throws(() => fs.readFileSync(p('dir')), {
    code: 'EISDIR', syscall: 'read', message: 'EISDIR: illegal operation on a directory, read',
  });
  assert.throws(() => fs.writeFileSync(p('dir'), 'x'), { code: 'EISDIR', syscall: 'open' });
  assert.throws(() => fs.unlinkSync(p('dir')), { code: 'EISDIR', syscall: 'unlink' });
  assert.throws(() => fs.readdirSync(p('file')), { code: 'ENOTDIR', syscall: 'scandir' });
  assert.throws(() => fs.rmSync(p('dir')), {
    code: 'ERR_FS_EISDIR', message: `Path is a directory: rm returned EISDIR (is a directory) ${p('dir')}`,
  });
  // opendir names the path in its async errors only, as Node 20 does.
  assert.throws(() => fs.opendirSync(p('file')), {
    code: 'ENOTDIR', message: 'ENOTDIR: not a directory, opendir',
  });
  const [err] = await cb((done) => fs.opendir(p('file'), done));
  assert.strictEqual(err.message, `ENOTDIR: not a directory, opendir '${p('file')}'`);
  await assert.rejects(fs.promises.opendir(p('missing')), {
    code: 'ENOENT', path: p('missing'),
  });
  // cp: the error's errno differs between Node 20's sync and async forms.
  assert.throws(() => fs.cpSync(p('dir'), p('cp1')), { code: 'ERR_FS_EISDIR', errno: 22 });
  await assert.rejects(fs.promises.cp(p('dir'), p('cp2')), { code: 'ERR_FS_EISDIR', errno: 21 });
});

test('rm and cp check their arguments before calling back', async () => {
  assert.throws(() => fs.rm(p('nothing'), 5, () => {}), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options" argument must be of type object. Received type number (5)',
  });
  await assert.rejects(fs.promises.rm(p('nothing'), 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => fs.cp(undefined, p('x'), () => {}), {
    message: 'The "src" argument must be of type string or an instance of Buffer or URL. Received undefined',
  });
  assert.throws(() => fs.cp(p('file'), p('x'), { recursive: 5 }, () => {}), {
    message: 'The "options.recursive" property must be of type boolean. Received type number (5)',
  });
  // Node 20 takes a Buffer path for cp but fails on it once the source exists.
  assert.throws(() => fs.cpSync(Buffer.from(p('file')), p('x')), {
    message: 'The "path" argument must be of type string. Received an instance of Buffer',
  });
  const [err] = await cb((done) => fs.cp(p('file'), Buffer.from(p('y')), done));
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(fs.existsSync(p('y')), false);
});

test('realpath: the JS form stringifies, the native one names realpath', async () => {
  assert.strictEqual(fs.realpathSync([]), process.cwd());
  assert.throws(() => fs.realpathSync(undefined), {
    code: 'ENOENT', syscall: 'lstat', path: path.resolve('undefined'),
  });
  const [err] = await cb((done) => fs.realpath(null, done));
  assert.strictEqual(err.path, path.resolve('null'));
  await assert.rejects(fs.promises.realpath(p('missing')), {
    code: 'ENOENT', syscall: 'realpath',
    message: `ENOENT: no such file or directory, realpath '${p('missing')}'`,
  });
  await assert.rejects(fs.promises.realpath(undefined), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.deepStrictEqual(await fs.promises.realpath(p('dir'), 'buffer'),
                         Buffer.from(fs.realpathSync(p('dir'))));
});

test('write: string encodings, truncate len, utimes, stat options', async () => {
  const fd = fs.openSync(p('w'), 'w');
  assert.throws(() => fs.writeSync(fd, 'abc', 0, 'hex'), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The argument 'encoding' is invalid for data of length 3. Received 'hex'",
  });
  assert.strictEqual(fs.writeSync(fd, 'abcd', 0, 'HEX'), 2);
  assert.strictEqual(fs.writeSync(fd, 'xyz', 0, 'bogus'), 3);
  fs.closeSync(fd);
  assert.strictEqual(fs.readFileSync(p('w'), 'latin1'), 'xyz');
  const fh = await fs.promises.open(p('w'), 'w');
  await assert.rejects(fh.write('abc', 0, 'hex'), { code: 'ERR_INVALID_ARG_VALUE' });
  await fh.close();

  assert.throws(() => fs.truncateSync(p('w'), null), {
    message: 'The "len" argument must be of type number. Received null',
  });
  assert.throws(() => fs.ftruncateSync(0, '2'), {
    message: 'The "len" argument must be of type number. Received type string (\'2\')',
  });
  assert.throws(() => fs.utimesSync(p('w'), 'abc', 0), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "time" argument must be an instance of Date or an Time in seconds. Received type string (\'abc\')',
  });
  await assert.rejects(fs.promises.utimes(p('w'), 0, {}), { message: /^The "time" argument/ });
  assert.strictEqual(fs.statSync(p('missing'), { throwIfNoEntry: false }), undefined);
  assert.throws(() => fs.statSync(p('file', 'x'), { throwIfNoEntry: false }), { code: 'ENOTDIR' });
  assert.throws(() => fs.mkdirSync(p('m'), { mode: 'zz' }), {
    message: "The argument 'mode' must be a 32-bit unsigned integer or an octal string. Received 'zz'",
  });
});

test('FileHandle: closed handles and odd arguments', async () => {
  const fh = await fs.promises.open(p('file'), 'r');
  await fh.close();
  const closed = async (fn, syscall) => {
    await assert.rejects(fn(), { code: 'EBADF', message: 'file closed', syscall });
  };
  await closed(() => fh.readFile(), 'readFile');
  await closed(() => fh.writeFile('x'), 'writeFile');
  await closed(() => fh.appendFile('x'), 'writeFile');
  await closed(() => fh.readv([Buffer.alloc(1)]), 'readv');
  await closed(() => fh.writev([Buffer.alloc(1)]), 'writev');
  await closed(() => fh.utimes(0, 0), 'futimes');
  await closed(() => fh.stat(), 'fstat');
  await fh.close();
  const fh2 = await fs.promises.open(p('file'), 'r');
  // A position that is not a number or bigint reads from the current one.
  const { bytesRead, buffer } = await fh2.read(Buffer.alloc(3), 0, 3, 'x');
  assert.strictEqual(buffer.toString('latin1', 0, bytesRead), 'con');
  await fh2.close();
  await assert.rejects(fs.promises.writeFile(p('it'), [1, 2]), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received type number (1)',
  });
  // A function given as an option is a bad option, not a callback.
  await assert.rejects(fs.promises.mkdir(p('dir'), () => {}), { code: 'EEXIST' });
});

test('watch options and watchFile paths', () => {
  const w = fs.watch(p('file'), { persistent: 1 });
  w.close();
  assert.throws(() => fs.watchFile(5, () => {}), {
    message: 'The "path" argument must be of type string or an instance of Buffer or URL. Received type number (5)',
  });
  assert.throws(() => fs.unwatchFile(5), { message: /^The "path" argument/ });
});
