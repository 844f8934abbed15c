'use strict';
// Real packages over fs, streams and fs.watch: fs-extra, rimraf, glob,
// readable-stream and chokidar, each on a scratch tree in a temp dir.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

function scratch(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-compat-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('fs-extra: outputFile, copy, move, readJson, remove', async (t) => {
  const fse = require('fs-extra');
  const dir = scratch(t);
  await fse.outputFile(path.join(dir, 'a/b/c.txt'), 'deep');
  await fse.outputJson(path.join(dir, 'a/data.json'), { n: 1, list: [1, 2] });
  await fse.copy(path.join(dir, 'a'), path.join(dir, 'copy'));
  assert.strictEqual(fs.readFileSync(path.join(dir, 'copy/b/c.txt'), 'utf8'), 'deep');
  assert.deepStrictEqual(await fse.readJson(path.join(dir, 'copy/data.json')), { n: 1, list: [1, 2] });
  await fse.move(path.join(dir, 'copy'), path.join(dir, 'moved'));
  assert.strictEqual(fse.pathExistsSync(path.join(dir, 'copy')), false);
  assert.strictEqual(await fse.pathExists(path.join(dir, 'moved/b/c.txt')), true);
  fse.ensureDirSync(path.join(dir, 'e/f'));
  await fse.remove(path.join(dir, 'moved'));
  assert.deepStrictEqual(fs.readdirSync(dir).sort(), ['a', 'e']);
});

test('rimraf removes trees', async (t) => {
  const { rimraf, rimrafSync } = require('rimraf');
  const dir = scratch(t);
  fs.mkdirSync(path.join(dir, 'x/y/z'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'x/y/z/f'), '1');
  fs.mkdirSync(path.join(dir, 'w'));
  assert.strictEqual(await rimraf(path.join(dir, 'x')), true);
  assert.strictEqual(fs.existsSync(path.join(dir, 'x')), false);
  assert.strictEqual(rimrafSync(path.join(dir, 'w')), true);
  assert.deepStrictEqual(fs.readdirSync(dir), []);
});

test('glob finds files by pattern', async (t) => {
  const { glob, globSync } = require('glob');
  const dir = scratch(t);
  for (const f of ['src/a.js', 'src/b.ts', 'src/lib/c.js', 'test/d.js', '.hidden/e.js']) {
    fs.mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), '');
  }
  assert.deepStrictEqual((await glob('**/*.js', { cwd: dir })).sort(), ['src/a.js', 'src/lib/c.js', 'test/d.js']);
  assert.deepStrictEqual(globSync('src/*.{js,ts}', { cwd: dir }).sort(), ['src/a.js', 'src/b.ts']);
  assert.deepStrictEqual(globSync('**/*.js', { cwd: dir, dot: true, ignore: 'src/**' }).sort(), ['.hidden/e.js', 'test/d.js']);
});

test('readable-stream pipes through a Transform with backpressure', async () => {
  const { Readable, Transform, Writable, pipeline } = require('readable-stream');
  const out = [];
  await new Promise((resolve, reject) => {
    pipeline(
      Readable.from(['a', 'b', 'c']),
      new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); } }),
      new Writable({ highWaterMark: 1, write(chunk, enc, cb) { out.push(chunk.toString()); setImmediate(cb); } }),
      (err) => (err ? reject(err) : resolve()));
  });
  assert.deepStrictEqual(out, ['A', 'B', 'C']);
});

test('chokidar reports added and changed files', async (t) => {
  const chokidar = require('chokidar');
  const dir = scratch(t);
  const watcher = chokidar.watch(dir, { ignoreInitial: true });
  t.after(() => watcher.close());
  await new Promise((resolve) => watcher.on('ready', resolve));
  const seen = new Promise((resolve) => {
    watcher.on('add', (p) => { if (p.endsWith('new.txt')) resolve(p); });
  });
  fs.writeFileSync(path.join(dir, 'new.txt'), 'hi');
  assert.strictEqual(await seen, path.join(dir, 'new.txt'));
});
