'use strict';
// anode only (node has no asar support): fs, fs/promises, streams, require
// and import inside .asar archives, as in Electron's main process, and the
// errors for missing entries, writes and broken archives.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { writeAsar } = require('./asar-fixture');

const base = fs.realpathSync(fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'anode-asar-fs-')));
test.after(() => fs.rmSync(base, { recursive: true, force: true }));
const p = (...parts) => path.join(base, ...parts);

const big = Buffer.alloc(5 * 1024 * 1024 + 3, 7);
const app = p('app.asar');
writeAsar(app, {
  'package.json': '{"name":"inside","main":"main.js"}',
  'main.js': 'module.exports = { fromLib: require("./lib/util").x, dep: require("dep"), json: require("./data.json") };',
  'lib/util.js': 'exports.x = "util";',
  'lib/esm.mjs': 'export default "esm inside";',
  'data.json': '{"n":1}',
  'node_modules/dep/package.json': '{"name":"dep","main":"index.js"}',
  'node_modules/dep/index.js': 'module.exports = "dep";',
  'bin/run.sh': { data: '#!/bin/sh\necho run\n', executable: true },
  'native/addon.node': { data: 'unpacked bytes', unpacked: true },
  'big.bin': big,
  'empty.txt': '',
  'link.js': { link: 'lib/util.js' },
  'liblink': { link: 'lib' },
  'empty-dir': { dir: true },
});

test('readFile in all its forms', async () => {
  assert.strictEqual(fs.readFileSync(p('app.asar', 'lib', 'util.js'), 'utf8'), 'exports.x = "util";');
  assert.ok(fs.readFileSync(p('app.asar', 'big.bin')).equals(big));
  assert.strictEqual(fs.readFileSync(p('app.asar', 'empty.txt'), 'utf8'), '');
  assert.strictEqual(await fs.promises.readFile(p('app.asar', 'data.json'), 'utf8'), '{"n":1}');
  let sync = true;
  const data = await new Promise((resolve, reject) => {
    fs.readFile(p('app.asar', 'big.bin'), (err, d) => (err ? reject(err) : resolve(d)));
    sync = false;
  });
  assert.strictEqual(sync, false);
  assert.ok(data.equals(big));
  assert.strictEqual(fs.readFileSync(p('app.asar', 'native', 'addon.node'), 'utf8'), 'unpacked bytes');
});

test('stat, lstat, readdir, exists, access', () => {
  const st = fs.statSync(p('app.asar', 'big.bin'));
  assert.ok(st.isFile());
  assert.strictEqual(st.size, big.length);
  assert.strictEqual(fs.statSync(p('app.asar', 'bin', 'run.sh')).mode & 0o777, 0o755);
  assert.ok(fs.statSync(p('app.asar', 'lib')).isDirectory());
  assert.ok(fs.lstatSync(p('app.asar', 'link.js')).isSymbolicLink());
  assert.ok(fs.statSync(p('app.asar', 'link.js')).isFile());
  assert.strictEqual(fs.readlinkSync(p('app.asar', 'link.js')), 'lib/util.js');
  // The archive's path: a folder of its contents to stat, the file to lstat.
  assert.ok(fs.statSync(app).isDirectory());
  assert.ok(fs.lstatSync(app).isFile());

  assert.deepStrictEqual(fs.readdirSync(app), ['package.json', 'main.js', 'lib', 'data.json',
    'node_modules', 'bin', 'native', 'big.bin', 'empty.txt', 'link.js', 'liblink', 'empty-dir']);
  const types = Object.fromEntries(fs.readdirSync(app, { withFileTypes: true })
    .map((d) => [d.name, d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'link' : 'file']));
  assert.strictEqual(types.lib, 'dir');
  assert.strictEqual(types['link.js'], 'link');
  assert.strictEqual(types['main.js'], 'file');
  assert.deepStrictEqual(fs.readdirSync(p('app.asar', 'empty-dir')), []);
  assert.ok(fs.readdirSync(app, { recursive: true }).includes('node_modules/dep/index.js'));

  assert.strictEqual(fs.existsSync(p('app.asar', 'lib', 'util.js')), true);
  assert.strictEqual(fs.existsSync(p('app.asar', 'lib', 'nope.js')), false);
  fs.accessSync(p('app.asar', 'main.js'), fs.constants.R_OK);
  fs.accessSync(p('app.asar', 'bin', 'run.sh'), fs.constants.X_OK);
  assert.throws(() => fs.accessSync(p('app.asar', 'main.js'), fs.constants.W_OK), { code: 'EROFS' });
  assert.throws(() => fs.accessSync(p('app.asar', 'main.js'), fs.constants.X_OK), { code: 'EACCES' });
});

test('realpath follows links inside the archive', async () => {
  assert.strictEqual(fs.realpathSync(p('app.asar', 'liblink', 'util.js')), p('app.asar', 'lib', 'util.js'));
  assert.strictEqual(fs.realpathSync(p('app.asar', 'link.js')), p('app.asar', 'lib', 'util.js'));
  assert.strictEqual(await fs.promises.realpath(p('app.asar', 'liblink')), p('app.asar', 'lib'));
  assert.strictEqual(fs.readFileSync(p('app.asar', 'liblink', 'util.js'), 'utf8'), 'exports.x = "util";');
});

test('streams, file descriptors and copies', async () => {
  const parts = [];
  for await (const c of fs.createReadStream(p('app.asar', 'big.bin'), { start: 10, end: 4 * 1024 * 1024 + 20 })) parts.push(c);
  assert.ok(Buffer.concat(parts).equals(big.subarray(10, 4 * 1024 * 1024 + 21)));
  const fd = fs.openSync(p('app.asar', 'lib', 'util.js'), 'r');
  assert.strictEqual(fs.fstatSync(fd).size, 19);
  const buf = Buffer.alloc(7);
  fs.readSync(fd, buf, 0, 7, 12);
  fs.closeSync(fd);
  assert.strictEqual(buf.toString(), '"util";');
  const fh = await fs.promises.open(p('app.asar', 'data.json'));
  assert.strictEqual(await fh.readFile('utf8'), '{"n":1}');
  await fh.close();
  fs.copyFileSync(p('app.asar', 'big.bin'), p('copied.bin'));
  assert.ok(fs.readFileSync(p('copied.bin')).equals(big));
  assert.throws(() => fs.openSync(p('app.asar', 'main.js'), 'w'), { code: 'EROFS' });
  assert.throws(() => fs.writeFileSync(p('app.asar', 'main.js'), 'x'), { code: 'EROFS' });
});

test('require and import from inside the archive', async () => {
  assert.deepStrictEqual(require(app), { fromLib: 'util', dep: 'dep', json: { n: 1 } });
  assert.strictEqual(require(p('app.asar', 'link.js')).x, 'util');
  const esm = await import(p('app.asar', 'lib', 'esm.mjs'));
  assert.strictEqual(esm.default, 'esm inside');
  assert.throws(() => require(p('app.asar', 'missing.js')), { code: 'MODULE_NOT_FOUND' });
});

test('errors name the archive and the entry', async () => {
  const missing = p('app.asar', 'lib', 'nope.js');
  assert.throws(() => fs.readFileSync(missing), {
    code: 'ENOENT', message: `ENOENT: no such file or directory, open '${missing}'`, path: missing,
  });
  assert.throws(() => fs.statSync(p('app.asar', 'main.js', 'x')), { code: 'ENOTDIR' });
  assert.throws(() => fs.readFileSync(p('app.asar', 'lib')), { code: 'EISDIR' });
  assert.throws(() => fs.readdirSync(p('app.asar', 'main.js')), { code: 'ENOTDIR' });
  const err = await new Promise((resolve) => fs.stat(missing, resolve));
  assert.strictEqual(err.code, 'ENOENT');
  await assert.rejects(fs.promises.readFile(missing), { code: 'ENOENT' });

  fs.writeFileSync(p('broken.asar'), 'this is not an archive');
  assert.throws(() => fs.readFileSync(p('broken.asar', 'x')), (e) => e.code === 'EINVAL' &&
    e.message.includes(`invalid asar archive ${p('broken.asar')}`) && e.message.includes('does not start'));
  const good = writeAsar(p('short.asar'), { 'a.txt': 'some text' });
  fs.writeFileSync(p('short.asar'), good.subarray(0, good.length - 4));
  assert.throws(() => fs.readFileSync(p('short.asar', 'a.txt')),
    /invalid asar archive .*short\.asar: entry 'a\.txt' \(offset 0, size 9\) runs past the end/);
  fs.rmSync(p('app.asar.unpacked', 'native', 'addon.node'));
  assert.throws(() => fs.readFileSync(p('app.asar', 'native', 'addon.node')),
    { code: 'ENOENT', path: p('app.asar', 'native', 'addon.node') });
  fs.writeFileSync(p('app.asar.unpacked', 'native', 'addon.node'), 'unpacked bytes');
});

test('process.noAsar turns archives back into files', () => {
  process.noAsar = true;
  try {
    assert.throws(() => fs.readFileSync(p('app.asar', 'main.js')), { code: 'ENOTDIR' });
    assert.ok(fs.statSync(app).isFile());
    assert.ok(require('original-fs').statSync(app).isFile());
  } finally {
    process.noAsar = false;
  }
  assert.ok(fs.statSync(app).isDirectory());
  assert.ok(require('original-fs').statSync(app).isFile());
  assert.strictEqual(fs.readFileSync(p('app.asar', 'data.json'), 'utf8'), '{"n":1}');
});

test('an archive inside an archive, and an archive rewritten on disk', () => {
  const inner = writeAsar(p('inner.asar'), { 'deep.txt': 'two levels' });
  writeAsar(p('outer.asar'), { 'pkg/inner.asar': inner });
  assert.strictEqual(fs.readFileSync(p('outer.asar', 'pkg', 'inner.asar', 'deep.txt'), 'utf8'), 'two levels');
  assert.deepStrictEqual(fs.readFileSync(p('outer.asar', 'pkg', 'inner.asar')), inner);
  writeAsar(p('outer.asar'), { 'changed.txt': 'new content, new size' });
  assert.strictEqual(fs.readFileSync(p('outer.asar', 'changed.txt'), 'utf8'), 'new content, new size');
  assert.strictEqual(fs.existsSync(p('outer.asar', 'pkg')), false);
});
