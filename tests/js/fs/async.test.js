'use strict';
// fs callback API and fs/promises (FileHandle), run on the threadpool.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { promisify } = require('node:util');

const base = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'anode-fs-async-'));
test.after(() => fs.rmSync(base, { recursive: true, force: true }));
const p = (...parts) => path.join(base, ...parts);

test('callback forms deliver results and errors asynchronously', async () => {
  await promisify(fs.writeFile)(p('cb.txt'), 'callback');
  let sync = true;
  const data = await new Promise((resolve, reject) => {
    fs.readFile(p('cb.txt'), 'utf8', (err, d) => (err ? reject(err) : resolve(d)));
    sync = false;
  });
  assert.strictEqual(sync, false);
  assert.strictEqual(data, 'callback');
  const err = await new Promise((resolve) => fs.stat(p('nope'), resolve));
  assert.strictEqual(err.code, 'ENOENT');
  assert.strictEqual(err.message, `ENOENT: no such file or directory, stat '${p('nope')}'`);
  const st = await promisify(fs.stat)(p('cb.txt'));
  assert.strictEqual(st.size, 8);
  const fd = await promisify(fs.open)(p('cb.txt'), 'r+');
  const buf = Buffer.alloc(8);
  const [n, b] = await new Promise((resolve, reject) =>
    fs.read(fd, buf, 0, 8, 0, (e, bytes, out) => (e ? reject(e) : resolve([bytes, out]))));
  assert.strictEqual(n, 8);
  assert.strictEqual(b, buf);
  const [w, s] = await new Promise((resolve, reject) =>
    fs.write(fd, 'CALL', 0, (e, written, str) => (e ? reject(e) : resolve([written, str]))));
  assert.strictEqual(w, 4);
  assert.strictEqual(s, 'CALL');
  await promisify(fs.close)(fd);
  assert.strictEqual(fs.readFileSync(p('cb.txt'), 'utf8'), 'CALLback');
  assert.strictEqual(await promisify(fs.exists)(p('cb.txt')), true);
  assert.strictEqual(await new Promise((resolve) => fs.exists(p('nope'), resolve)), false);
  assert.strictEqual(await promisify(fs.mkdir)(p('d1', 'd2'), { recursive: true }), p('d1'));
  await promisify(fs.appendFile)(p('d1', 'x'), 'a');
  await promisify(fs.appendFile)(p('d1', 'x'), 'b');
  assert.deepStrictEqual((await promisify(fs.readdir)(p('d1'))).sort(), ['d2', 'x']);
  assert.strictEqual(fs.readFileSync(p('d1', 'x'), 'utf8'), 'ab');
  await promisify(fs.rm)(p('d1'), { recursive: true });
  assert.strictEqual(fs.existsSync(p('d1')), false);
});

test('readFile with an AbortSignal', async () => {
  fs.writeFileSync(p('ab.txt'), 'x');
  const ac = new AbortController();
  ac.abort();
  const err = await new Promise((resolve) => fs.readFile(p('ab.txt'), { signal: ac.signal }, resolve));
  assert.strictEqual(err.name, 'AbortError');
  await assert.rejects(fsp.readFile(p('ab.txt'), { signal: ac.signal }), { name: 'AbortError' });
  await assert.rejects(fsp.writeFile(p('ab.txt'), 'y', { signal: ac.signal }), { name: 'AbortError' });
  assert.strictEqual(fs.readFileSync(p('ab.txt'), 'utf8'), 'x');
});

test('fs.promises functions', async () => {
  assert.strictEqual(fs.promises, fsp);
  await fsp.writeFile(p('pr.txt'), 'promise');
  assert.strictEqual(await fsp.readFile(p('pr.txt'), 'utf8'), 'promise');
  assert.ok((await fsp.readFile(p('pr.txt'))).equals(Buffer.from('promise')));
  await fsp.appendFile(p('pr.txt'), '!');
  assert.strictEqual((await fsp.stat(p('pr.txt'))).size, 8);
  assert.strictEqual((await fsp.lstat(p('pr.txt'), { bigint: true })).size, 8n);
  await fsp.access(p('pr.txt'));
  await assert.rejects(fsp.access(p('nope')), {
    code: 'ENOENT', syscall: 'access', message: `ENOENT: no such file or directory, access '${p('nope')}'`,
  });
  await fsp.copyFile(p('pr.txt'), p('pr2.txt'));
  await fsp.rename(p('pr2.txt'), p('pr3.txt'));
  await fsp.symlink('pr3.txt', p('prl'));
  assert.strictEqual(await fsp.readlink(p('prl')), 'pr3.txt');
  assert.strictEqual(await fsp.realpath(p('prl')), path.join(fs.realpathSync(base), 'pr3.txt'));
  await fsp.unlink(p('prl'));
  await fsp.truncate(p('pr3.txt'), 3);
  assert.strictEqual(await fsp.readFile(p('pr3.txt'), 'utf8'), 'pro');
  await fsp.chmod(p('pr3.txt'), 0o600);
  await fsp.utimes(p('pr3.txt'), 5, 6);
  assert.strictEqual((await fsp.stat(p('pr3.txt'))).mtimeMs, 6000);
  assert.strictEqual(await fsp.mkdir(p('pd', 'q'), { recursive: true }), p('pd'));
  const tmp = await fsp.mkdtemp(p('t-'));
  assert.ok(fs.statSync(tmp).isDirectory());
  const names = await fsp.readdir(p('pd'), { withFileTypes: true });
  assert.strictEqual(names.length, 1);
  assert.ok(names[0].isDirectory());
  await fsp.rm(p('pd'), { recursive: true });
  await assert.rejects(fsp.rm(p('pd')), { code: 'ENOENT' });
  await fsp.rmdir(tmp);
  await fsp.writeFile(p('it.txt'), (function* () { yield 'a'; yield Buffer.from('b'); })());
  assert.strictEqual(fs.readFileSync(p('it.txt'), 'utf8'), 'ab');
});

test('FileHandle read/write/stat/truncate/close', async () => {
  const fh = await fsp.open(p('fh.txt'), 'w+');
  assert.strictEqual(typeof fh.fd, 'number');
  assert.deepStrictEqual(await fh.write('hello'), { __proto__: null, bytesWritten: 5, buffer: 'hello' });
  const wb = Buffer.from('XY');
  assert.deepStrictEqual(await fh.write(wb, 0, 2, 0), { __proto__: null, bytesWritten: 2, buffer: wb });
  const rb = Buffer.alloc(5);
  const r = await fh.read(rb, 0, 5, 0);
  assert.strictEqual(r.bytesRead, 5);
  assert.strictEqual(r.buffer, rb);
  assert.strictEqual(rb.toString(), 'XYllo');
  assert.strictEqual((await fh.read({ position: 2 })).bytesRead, 3);
  assert.strictEqual((await fh.stat()).size, 5);
  await fh.truncate(2);
  assert.strictEqual((await fh.stat()).size, 2);
  await fh.writeFile('whole');
  await fh.sync();
  await fh.datasync();
  await fh.close();
  assert.strictEqual(fh.fd, -1);
  await fh.close();
  await assert.rejects(fh.read(Buffer.alloc(1)), { code: 'EBADF', syscall: 'read' });
  // writeFile on a handle writes at its position (5, after 'hello').
  assert.strictEqual(fs.readFileSync(p('fh.txt'), 'latin1'), 'XY\0\0\0whole');
  const rh = await fsp.open(p('fh.txt'));
  assert.strictEqual(await rh.readFile({ encoding: 'latin1' }), 'XY\0\0\0whole');
  await rh.close();
  await assert.rejects(fsp.open(p('nope')), {
    message: `ENOENT: no such file or directory, open '${p('nope')}'`,
  });
});

test('many concurrent promises.readFile calls', async () => {
  fs.mkdirSync(p('many'));
  for (let i = 0; i < 200; i++) fs.writeFileSync(p('many', `${i}`), `file ${i}`);
  const all = await Promise.all(
    Array.from({ length: 200 }, (_, i) => fsp.readFile(p('many', `${i}`), 'utf8')));
  all.forEach((s, i) => assert.strictEqual(s, `file ${i}`));
});
