'use strict';
// fs synchronous API: files, directories, links, metadata and Node's errors.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'anode-fs-sync-'));
test.after(() => fs.rmSync(base, { recursive: true, force: true }));
const p = (...parts) => path.join(base, ...parts);

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

test('writeFileSync / readFileSync with encodings and flags', () => {
  fs.writeFileSync(p('a.txt'), 'héllo wörld');
  assert.strictEqual(fs.readFileSync(p('a.txt'), 'utf8'), 'héllo wörld');
  assert.strictEqual(fs.readFileSync(p('a.txt'), { encoding: 'utf-8' }), 'héllo wörld');
  const buf = fs.readFileSync(p('a.txt'));
  assert.ok(Buffer.isBuffer(buf));
  assert.strictEqual(buf.length, 13);
  assert.strictEqual(fs.readFileSync(p('a.txt'), 'hex'), buf.toString('hex'));
  fs.appendFileSync(p('a.txt'), '!');
  assert.strictEqual(fs.readFileSync(p('a.txt'), 'latin1').length, 14);
  fs.writeFileSync(p('b.bin'), new Uint8Array([1, 2, 3]));
  assert.deepStrictEqual([...fs.readFileSync(p('b.bin'))], [1, 2, 3]);
  fs.writeFileSync(p('b.bin'), 'AQID', 'base64');
  assert.deepStrictEqual([...fs.readFileSync(p('b.bin'))], [1, 2, 3]);
  fs.writeFileSync(p('b.bin'), new DataView(new Uint8Array([9, 8]).buffer));
  assert.deepStrictEqual([...fs.readFileSync(p('b.bin'))], [9, 8]);
  const err = thrown(() => fs.writeFileSync(p('b.bin'), 'x', { flag: 'wx' }));
  assert.strictEqual(err.code, 'EEXIST');
  assert.strictEqual(err.message, `EEXIST: file already exists, open '${p('b.bin')}'`);
  assert.strictEqual(fs.readFileSync(p('empty'), { flag: 'a+' }).length, 0);
});

test('readFileSync of a large file and of /proc (no size)', () => {
  const big = Buffer.alloc(3 * 1024 * 1024 + 7, 'ab');
  fs.writeFileSync(p('big'), big);
  assert.ok(fs.readFileSync(p('big')).equals(big));
  assert.match(fs.readFileSync('/proc/self/status', 'utf8'), /^Name:/);
});

test('open / read / write / close with positions', () => {
  const fd = fs.openSync(p('rw.txt'), 'w+');
  assert.strictEqual(typeof fd, 'number');
  assert.strictEqual(fs.writeSync(fd, 'hello'), 5);
  assert.strictEqual(fs.writeSync(fd, Buffer.from('XY'), 0, 2, 1), 2);
  assert.strictEqual(fs.writeSync(fd, 'é', 10, 'utf8'), 2);
  const out = Buffer.alloc(20);
  const n = fs.readSync(fd, out, 0, 20, 0);
  assert.strictEqual(n, 12);
  assert.strictEqual(out.toString('utf8', 0, 5), 'hXYlo');
  assert.strictEqual(fs.readSync(fd, out, { position: 1, length: 2 }), 2);
  assert.strictEqual(out.toString('utf8', 0, 2), 'XY');
  assert.strictEqual(fs.readSync(fd, Buffer.alloc(4), 0, 4, 100), 0);
  assert.strictEqual(fs.writevSync(fd, [Buffer.from('ab'), Buffer.from('cd')], 0), 4);
  const a = Buffer.alloc(2);
  const b = Buffer.alloc(2);
  assert.strictEqual(fs.readvSync(fd, [a, b], 0), 4);
  assert.strictEqual(a.toString() + b.toString(), 'abcd');
  fs.ftruncateSync(fd, 3);
  assert.strictEqual(fs.fstatSync(fd).size, 3);
  fs.fsyncSync(fd);
  fs.fdatasyncSync(fd);
  fs.closeSync(fd);
  const err = thrown(() => fs.closeSync(fd));
  assert.strictEqual(err.code, 'EBADF');
  assert.strictEqual(err.message, 'EBADF: bad file descriptor, close');
  assert.deepStrictEqual(Object.keys(err), ['errno', 'code', 'syscall']);
});

test('stat / lstat / fstat and Stats', () => {
  fs.writeFileSync(p('s.txt'), '12345');
  const st = fs.statSync(p('s.txt'));
  assert.ok(st instanceof fs.Stats);
  assert.deepStrictEqual(Object.keys(st), [
    'dev', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'blksize', 'ino', 'size', 'blocks',
    'atimeMs', 'mtimeMs', 'ctimeMs', 'birthtimeMs', 'atime', 'mtime', 'ctime', 'birthtime',
  ]);
  assert.strictEqual(st.size, 5);
  assert.ok(st.isFile());
  assert.ok(!st.isDirectory());
  assert.ok(st.mtime instanceof Date);
  assert.strictEqual(st.mtime.getTime(), Math.round(st.mtimeMs));
  assert.ok(fs.statSync(base).isDirectory());
  const big = fs.statSync(p('s.txt'), { bigint: true });
  assert.strictEqual(big.size, 5n);
  assert.strictEqual(typeof big.mtimeNs, 'bigint');
  assert.strictEqual(big.mtimeMs, big.mtimeNs / 1000000n);
  assert.ok(big.isFile());
  assert.strictEqual(fs.statSync(p('nope'), { throwIfNoEntry: false }), undefined);
  const err = thrown(() => fs.statSync(p('nope')));
  assert.strictEqual(err.message, `ENOENT: no such file or directory, stat '${p('nope')}'`);
  assert.strictEqual(err.errno, -2);
  assert.strictEqual(err.syscall, 'stat');
  assert.strictEqual(err.path, p('nope'));
});

test('mkdir (recursive returns the first directory made), readdir, rmdir, rm', () => {
  assert.strictEqual(fs.mkdirSync(p('m', 'n', 'o'), { recursive: true }), p('m'));
  assert.strictEqual(fs.mkdirSync(p('m', 'n'), { recursive: true }), undefined);
  assert.strictEqual(thrown(() => fs.mkdirSync(p('m'))).code, 'EEXIST');
  fs.writeFileSync(p('m', 'f'), '');
  assert.strictEqual(thrown(() => fs.mkdirSync(p('m', 'f', 'x'), { recursive: true })).code,
                     'ENOTDIR');
  assert.deepStrictEqual(fs.readdirSync(p('m')).sort(), ['f', 'n']);
  const ents = fs.readdirSync(p('m'), { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1));
  assert.ok(ents[0] instanceof fs.Dirent);
  assert.strictEqual(ents[0].name, 'f');
  assert.strictEqual(ents[0].path, p('m'));
  assert.ok(ents[0].isFile());
  assert.ok(ents[1].isDirectory());
  assert.deepStrictEqual(fs.readdirSync(p('m'), { recursive: true }).sort(), ['f', 'n', 'n/o']);
  const e1 = thrown(() => fs.rmdirSync(p('m')));
  assert.strictEqual(e1.code, 'ENOTEMPTY');
  const e2 = thrown(() => fs.rmSync(p('m')));
  assert.strictEqual(e2.code, 'ERR_FS_EISDIR');
  assert.strictEqual(e2.message, `Path is a directory: rm returned EISDIR (is a directory) ${p('m')}`);
  assert.strictEqual(thrown(() => fs.rmSync(p('zz'))).message,
                     `ENOENT: no such file or directory, lstat '${p('zz')}'`);
  fs.rmSync(p('zz'), { force: true });
  fs.rmSync(p('m'), { recursive: true });
  assert.strictEqual(fs.existsSync(p('m')), false);
  assert.strictEqual(thrown(() => fs.readdirSync(p('s.txt'))).message,
                     `ENOTDIR: not a directory, scandir '${p('s.txt')}'`);
});

test('rename, copyFile, link, symlink, readlink, realpath, unlink', () => {
  fs.writeFileSync(p('r1'), 'data');
  fs.renameSync(p('r1'), p('r2'));
  const e = thrown(() => fs.renameSync(p('r1'), p('r3')));
  assert.strictEqual(e.message, `ENOENT: no such file or directory, rename '${p('r1')}' -> '${p('r3')}'`);
  assert.strictEqual(e.dest, p('r3'));
  fs.copyFileSync(p('r2'), p('r3'));
  assert.strictEqual(fs.readFileSync(p('r3'), 'utf8'), 'data');
  const ce = thrown(() => fs.copyFileSync(p('r2'), p('r3'), fs.constants.COPYFILE_EXCL));
  assert.strictEqual(ce.code, 'EEXIST');
  assert.strictEqual(ce.syscall, 'copyfile');
  fs.linkSync(p('r2'), p('r4'));
  assert.strictEqual(fs.statSync(p('r2')).nlink, 2);
  fs.symlinkSync('r2', p('sl'));
  assert.strictEqual(fs.readlinkSync(p('sl')), 'r2');
  assert.ok(fs.lstatSync(p('sl')).isSymbolicLink());
  assert.ok(fs.statSync(p('sl')).isFile());
  const real = fs.realpathSync(base);
  assert.strictEqual(fs.realpathSync(p('sl')), path.join(real, 'r2'));
  assert.strictEqual(fs.realpathSync.native(p('sl')), path.join(real, 'r2'));
  assert.strictEqual(thrown(() => fs.realpathSync(p('nx', 'y'))).message,
                     `ENOENT: no such file or directory, lstat '${path.join(real, 'nx')}'`);
  assert.strictEqual(thrown(() => fs.realpathSync.native(p('nx'))).syscall, 'realpath');
  for (const f of ['r2', 'r3', 'r4', 'sl']) fs.unlinkSync(p(f));
  assert.strictEqual(thrown(() => fs.unlinkSync(p('r2'))).syscall, 'unlink');
});

test('access, exists, chmod, utimes, truncate, mkdtemp', () => {
  fs.writeFileSync(p('acc'), 'abcdef');
  fs.accessSync(p('acc'), fs.constants.R_OK | fs.constants.W_OK);
  const e = thrown(() => fs.accessSync(p('nope')));
  assert.strictEqual(e.message, `ENOENT: no such file or directory, access '${p('nope')}'`);
  assert.strictEqual(fs.existsSync(p('acc')), true);
  assert.strictEqual(fs.existsSync(p('nope')), false);
  assert.strictEqual(fs.existsSync(), false);
  assert.strictEqual(fs.existsSync('a\0b'), false);
  fs.chmodSync(p('acc'), 0o600);
  assert.strictEqual(fs.statSync(p('acc')).mode & 0o777, 0o600);
  fs.chmodSync(p('acc'), '644');
  assert.strictEqual(fs.statSync(p('acc')).mode & 0o777, 0o644);
  fs.utimesSync(p('acc'), 1000, new Date(2000000));
  const st = fs.statSync(p('acc'));
  assert.strictEqual(st.atimeMs, 1000000);
  assert.strictEqual(st.mtimeMs, 2000000);
  fs.truncateSync(p('acc'), 2);
  assert.strictEqual(fs.readFileSync(p('acc'), 'utf8'), 'ab');
  fs.truncateSync(p('acc'));
  assert.strictEqual(fs.statSync(p('acc')).size, 0);
  const dir = fs.mkdtempSync(p('tmp-'));
  assert.match(path.basename(dir), /^tmp-[A-Za-z0-9]{6}$/);
  assert.ok(fs.statSync(dir).isDirectory());
  assert.strictEqual(thrown(() => fs.mkdtempSync(p('nx', 'foo'))).message,
                     `ENOENT: no such file or directory, mkdtemp '${p('nx', 'foo')}XXXXXX'`);
});

test('fs.constants are Linux values', () => {
  assert.strictEqual(fs.constants.O_CREAT, 64);
  assert.strictEqual(fs.constants.S_IFDIR, 0o40000);
  assert.strictEqual(fs.constants.COPYFILE_EXCL, 1);
  assert.strictEqual(fs.F_OK, 0);
  assert.strictEqual(fs.constants.UV_DIRENT_DIR, 2);
});
