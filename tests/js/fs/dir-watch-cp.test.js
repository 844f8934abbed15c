'use strict';
// opendir/Dir, fs.watch / watchFile, and cp.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'anode-fs-dwc-'));
test.after(() => fs.rmSync(base, { recursive: true, force: true }));
const p = (...parts) => path.join(base, ...parts);

test('opendir: readSync, read, async iteration, close', async () => {
  fs.mkdirSync(p('od'));
  for (let i = 0; i < 40; i++) fs.writeFileSync(p('od', `f${i}`), '');
  fs.mkdirSync(p('od', 'sub'));
  const dir = fs.opendirSync(p('od'));
  assert.ok(dir instanceof fs.Dir);
  assert.strictEqual(dir.path, p('od'));
  const names = [];
  let ent;
  while ((ent = dir.readSync()) !== null) {
    assert.ok(ent instanceof fs.Dirent);
    names.push(ent.name);
  }
  assert.strictEqual(names.length, 41);
  dir.closeSync();
  assert.throws(() => dir.readSync(), { code: 'ERR_DIR_CLOSED', message: 'Directory handle was closed' });
  const d2 = await fs.promises.opendir(p('od'));
  const seen = [];
  for await (const e of d2) seen.push(e.isDirectory() ? `${e.name}/` : e.name);
  assert.strictEqual(seen.length, 41);
  assert.ok(seen.includes('sub/'));
  const d3 = await new Promise((resolve, reject) =>
    fs.opendir(p('od'), (err, d) => (err ? reject(err) : resolve(d))));
  const first = await d3.read();
  assert.ok(first instanceof fs.Dirent);
  await d3.close();
  await assert.rejects(d3.close(), { code: 'ERR_DIR_CLOSED' });
});

test('fs.watch reports changes and renames, and closes', async () => {
  fs.mkdirSync(p('w'));
  const watcher = fs.watch(p('w'));
  const events = [];
  const got = new Promise((resolve) => {
    watcher.on('change', (type, name) => {
      events.push([type, name]);
      if (name === 'b.txt') resolve();
    });
  });
  fs.writeFileSync(p('w', 'a.txt'), '1');
  fs.renameSync(p('w', 'a.txt'), p('w', 'b.txt'));
  await got;
  assert.ok(events.some(([type, name]) => type === 'rename' && name === 'a.txt'));
  const closed = new Promise((resolve) => watcher.on('close', resolve));
  watcher.close();
  await closed;
  assert.throws(() => fs.watch(p('nope')), (err) => {
    assert.strictEqual(err.code, 'ENOENT');
    assert.strictEqual(err.message, `ENOENT: no such file or directory, watch '${p('nope')}'`);
    assert.strictEqual(err.filename, p('nope'));
    return true;
  });
});

test('fs.watchFile polls stats; unwatchFile stops', async () => {
  fs.writeFileSync(p('wf.txt'), 'a');
  const change = new Promise((resolve) => {
    fs.watchFile(p('wf.txt'), { interval: 20 }, (curr, prev) => resolve([curr, prev]));
  });
  await new Promise((resolve) => setTimeout(resolve, 60));
  fs.writeFileSync(p('wf.txt'), 'abc');
  const [curr, prev] = await change;
  assert.ok(curr instanceof fs.Stats);
  assert.strictEqual(curr.size, 3);
  assert.strictEqual(prev.size, 1);
  fs.unwatchFile(p('wf.txt'));
});

test('cpSync and cp copy trees with Node errors', async () => {
  fs.mkdirSync(p('src', 'e'), { recursive: true });
  fs.writeFileSync(p('src', 'f'), 'F');
  fs.writeFileSync(p('src', 'e', 'g'), 'G');
  fs.symlinkSync('f', p('src', 'l'));
  assert.throws(() => fs.cpSync(p('src'), p('dst')), {
    code: 'ERR_FS_EISDIR',
    message: `Path is a directory: cp returned EISDIR (${p('src')} is a directory (not copied)) ${p('src')}`,
  });
  fs.cpSync(p('src'), p('dst'), { recursive: true });
  assert.deepStrictEqual(fs.readdirSync(p('dst'), { recursive: true }).sort(), ['e', 'e/g', 'f', 'l']);
  assert.strictEqual(fs.readlinkSync(p('dst', 'l')), p('src', 'f'));
  assert.throws(() => fs.cpSync(p('src'), p('src', 'e', 'x'), { recursive: true }), {
    code: 'ERR_FS_CP_EINVAL',
  });
  assert.throws(() => fs.cpSync(p('src', 'f'), p('dst', 'f'), { force: false, errorOnExist: true }), {
    code: 'ERR_FS_CP_EEXIST',
    message: `Target already exists: cp returned EEXIST (${p('dst', 'f')} already exists) ${p('dst', 'f')}`,
  });
  await fs.promises.cp(p('src'), p('dst2'), { recursive: true, filter: (s) => !s.endsWith('g') });
  assert.deepStrictEqual(fs.readdirSync(p('dst2'), { recursive: true }).sort(), ['e', 'f', 'l']);
  await new Promise((resolve, reject) =>
    fs.cp(p('src', 'f'), p('nested', 'deep', 'f'), (err) => (err ? reject(err) : resolve())));
  assert.strictEqual(fs.readFileSync(p('nested', 'deep', 'f'), 'utf8'), 'F');
});
