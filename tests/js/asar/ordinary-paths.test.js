'use strict';
// anode reads inside .asar archives (as Electron does); everything that is
// not inside one must behave exactly as in node. These pass under node and
// anode alike: folders named like archives, paths that merely contain
// ".asar", archives handled as files under process.noAsar, and an archive's
// own path written, renamed and removed as the file it is.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const base = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'anode-asar-paths-'));
test.after(() => fs.rmSync(base, { recursive: true, force: true }));
const p = (...parts) => path.join(base, ...parts);

// A minimal archive (the two Pickles, the JSON header, the data), written
// here so the test needs no tool.
function archiveBytes(files) {
  const header = { files: {} };
  const data = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const buf = Buffer.from(text);
    header.files[name] = { size: buf.length, offset: String(offset) };
    offset += buf.length;
    data.push(buf);
  }
  const json = Buffer.from(JSON.stringify(header));
  const padded = (json.length + 3) & ~3;
  const pickle = Buffer.alloc(8 + padded);
  pickle.writeUInt32LE(4 + padded, 0);
  pickle.writeUInt32LE(json.length, 4);
  json.copy(pickle, 8);
  const size = Buffer.alloc(8);
  size.writeUInt32LE(4, 0);
  size.writeUInt32LE(pickle.length, 4);
  return Buffer.concat([size, pickle, ...data]);
}

function withNoAsar(fn) {
  const saved = process.noAsar;
  process.noAsar = true;
  try {
    return fn();
  } finally {
    process.noAsar = saved;
  }
}

test('under process.noAsar an archive is a plain file', async () => {
  const bytes = archiveBytes({ 'a.txt': 'inside' });
  fs.writeFileSync(p('plain.asar'), bytes);
  withNoAsar(() => {
    assert.ok(fs.statSync(p('plain.asar')).isFile());
    assert.strictEqual(fs.statSync(p('plain.asar')).size, bytes.length);
    assert.deepStrictEqual(fs.readFileSync(p('plain.asar')), bytes);
    assert.throws(() => fs.readFileSync(p('plain.asar', 'a.txt')), { code: 'ENOTDIR' });
    assert.strictEqual(fs.existsSync(p('plain.asar', 'a.txt')), false);
  });
  const viaPromise = await withNoAsar(() => fs.promises.readFile(p('plain.asar')));
  assert.deepStrictEqual(viaPromise, bytes);
});

test('a folder named like an archive is a folder', () => {
  fs.mkdirSync(p('lib.asar', 'sub'), { recursive: true });
  fs.writeFileSync(p('lib.asar', 'sub', 'm.js'), 'module.exports = 42;');
  assert.ok(fs.statSync(p('lib.asar')).isDirectory());
  assert.deepStrictEqual(fs.readdirSync(p('lib.asar')), ['sub']);
  assert.strictEqual(require(p('lib.asar', 'sub', 'm.js')), 42);
  assert.strictEqual(fs.realpathSync(p('lib.asar', 'sub')), fs.realpathSync(base) + '/lib.asar/sub');
});

test('names that only contain ".asar" are ordinary paths', () => {
  fs.writeFileSync(p('real.asar'), archiveBytes({ 'x': 'y' }));
  for (const dir of ['real.asar.unpacked', 'x.asarfoo', 'asar', '.asar']) {
    fs.mkdirSync(p(dir), { recursive: true });
    fs.writeFileSync(p(dir, 'f'), dir);
    assert.strictEqual(fs.readFileSync(p(dir, 'f'), 'utf8'), dir);
    assert.deepStrictEqual(fs.readdirSync(p(dir)), ['f']);
  }
});

test('a missing archive path fails as any missing path does', () => {
  const missing = p('none.asar', 'a.js');
  assert.throws(() => fs.readFileSync(missing), {
    code: 'ENOENT', message: `ENOENT: no such file or directory, open '${missing}'`,
  });
  assert.strictEqual(fs.existsSync(missing), false);
  assert.strictEqual(fs.statSync(missing, { throwIfNoEntry: false }), undefined);
});

test("file operations on an archive's own path act on the file", async () => {
  const bytes = archiveBytes({ 'a.txt': 'inside', 'b.txt': 'more' });
  fs.writeFileSync(p('own.asar'), bytes);
  assert.deepStrictEqual(fs.readFileSync(p('own.asar')), bytes);
  assert.deepStrictEqual(await fs.promises.readFile(p('own.asar')), bytes);
  assert.ok(fs.lstatSync(p('own.asar')).isFile());
  assert.strictEqual(fs.lstatSync(p('own.asar')).size, bytes.length);
  fs.accessSync(p('own.asar'), fs.constants.R_OK | fs.constants.W_OK);
  fs.copyFileSync(p('own.asar'), p('copy.asar'));
  assert.deepStrictEqual(withNoAsar(() => fs.readFileSync(p('copy.asar'))), bytes);
  const fd = fs.openSync(p('own.asar'), 'r');
  const head = Buffer.alloc(8);
  fs.readSync(fd, head, 0, 8, 0);
  fs.closeSync(fd);
  assert.strictEqual(head.readUInt32LE(0), 4);
  const streamed = [];
  for await (const chunk of fs.createReadStream(p('own.asar'))) streamed.push(chunk);
  assert.deepStrictEqual(Buffer.concat(streamed), bytes);
  // As a folder tree walker sees it from the outside: a file.
  const entry = fs.readdirSync(base, { withFileTypes: true }).find((d) => d.name === 'own.asar');
  assert.ok(entry.isFile());
});

test('removing a folder that holds archives removes them as files', () => {
  fs.mkdirSync(p('dist', 'resources'), { recursive: true });
  fs.writeFileSync(p('dist', 'resources', 'app.asar'), archiveBytes({ 'main.js': '1' }));
  fs.mkdirSync(p('dist', 'resources', 'app.asar.unpacked'));
  fs.writeFileSync(p('dist', 'resources', 'app.asar.unpacked', 'x.node'), 'x');
  fs.rmSync(p('dist'), { recursive: true });
  assert.strictEqual(fs.existsSync(p('dist')), false);
});

test("an archive's own path is written, renamed and removed as a file", () => {
  fs.writeFileSync(p('w.asar'), archiveBytes({ 'a': 'b' }));
  fs.writeFileSync(p('w.asar'), 'replaced');
  assert.strictEqual(withNoAsar(() => fs.readFileSync(p('w.asar'), 'utf8')), 'replaced');
  fs.writeFileSync(p('w.asar'), archiveBytes({ 'a': 'b' }));
  fs.renameSync(p('w.asar'), p('moved.asar'));
  assert.strictEqual(fs.existsSync(p('w.asar')), false);
  fs.rmSync(p('moved.asar'));
  assert.strictEqual(fs.existsSync(p('moved.asar')), false);
});
