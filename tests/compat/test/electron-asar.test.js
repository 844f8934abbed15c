'use strict';
// @electron/asar (Electron's own archive tool) running on anode, and anode
// reading what it writes: packed files, unpacked files, links, executable
// bits and integrity hashes, byte for byte. The other direction (archives
// `anode asar pack` writes, read by @electron/asar under node) is in
// tests/packaging/run.sh, which can start both programs.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const crypto = require('node:crypto');
const asar = require('@electron/asar');

function scratch(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-compat-asar-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// A tree with every kind of entry; returns the files and their bytes.
function makeTree(root) {
  const files = {
    'package.json': '{"name":"tree","main":"main.js"}',
    'main.js': 'module.exports = require("./lib/util").twice(21);',
    'lib/util.js': 'exports.twice = (n) => n * 2;',
    'lib/deep/data.json': JSON.stringify({ list: [1, 2, 3] }),
    'bin/tool.sh': '#!/bin/sh\necho tool\n',
    'native/addon.node': 'not really a native addon',
    'empty.txt': '',
    'big.bin': crypto.randomBytes(5 * 1024 * 1024 + 17),
    'ünïcode name.txt': 'utf-8 names',
  };
  for (const [rel, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), data);
  }
  fs.chmodSync(path.join(root, 'bin/tool.sh'), 0o755);
  fs.symlinkSync('lib/util.js', path.join(root, 'util-link.js'));
  fs.symlinkSync('deep', path.join(root, 'lib/deep-link'));
  return files;
}

test('an archive @electron/asar writes reads back through fs and require', async (t) => {
  const dir = scratch(t);
  const src = path.join(dir, 'src');
  const files = makeTree(src);
  const archive = path.join(dir, 'app.asar');
  await asar.createPackageWithOptions(src, archive, { unpack: '*.node' });
  assert.ok(fs.existsSync(path.join(dir, 'app.asar.unpacked/native/addon.node')));

  for (const [rel, data] of Object.entries(files)) {
    assert.ok(fs.readFileSync(path.join(archive, rel)).equals(Buffer.from(data)), rel);
  }
  assert.ok((await fs.promises.readFile(path.join(archive, 'big.bin'))).equals(files['big.bin']));
  assert.strictEqual(require(archive), 42);
  assert.ok(fs.statSync(path.join(archive, 'lib')).isDirectory());
  assert.ok(fs.lstatSync(path.join(archive, 'util-link.js')).isSymbolicLink());
  assert.strictEqual(fs.readFileSync(path.join(archive, 'util-link.js'), 'utf8'), files['lib/util.js']);
  assert.strictEqual(fs.readFileSync(path.join(archive, 'lib/deep-link/data.json'), 'utf8'),
    files['lib/deep/data.json']);
  assert.strictEqual(fs.realpathSync(path.join(archive, 'lib/deep-link/data.json')),
    path.join(fs.realpathSync(dir), 'app.asar/lib/deep/data.json'));
  assert.strictEqual(fs.statSync(path.join(archive, 'bin/tool.sh')).mode & 0o111, 0o111);
  assert.strictEqual(fs.statSync(path.join(archive, 'big.bin')).size, files['big.bin'].length);

  // The same listing both ways.
  const listed = asar.listPackage(archive).map((p) => p.slice(1)).sort();
  const walked = [];
  const walk = (rel) => {
    for (const d of fs.readdirSync(path.join(archive, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${d.name}` : d.name;
      walked.push(r);
      if (d.isDirectory()) walk(r);
    }
  };
  walk('');
  assert.deepStrictEqual(walked.sort(), listed);
});

test('@electron/asar extracts, lists and hashes as in Electron, running on anode', async (t) => {
  const dir = scratch(t);
  const src = path.join(dir, 'src');
  const files = makeTree(src);
  const archive = path.join(dir, 'x.asar');
  await asar.createPackageWithOptions(src, archive, { unpack: '*.node' });
  asar.extractAll(archive, path.join(dir, 'out'));
  for (const [rel, data] of Object.entries(files)) {
    assert.ok(fs.readFileSync(path.join(dir, 'out', rel)).equals(Buffer.from(data)), rel);
  }
  assert.strictEqual(fs.readlinkSync(path.join(dir, 'out/util-link.js')), 'lib/util.js');
  assert.deepStrictEqual(asar.extractFile(archive, 'lib/util.js'), Buffer.from(files['lib/util.js']));

  // Integrity: the whole file and each 4 MiB block, hashed by anode's crypto.
  const { header } = asar.getRawHeader(archive);
  const big = header.files['big.bin'].integrity;
  const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
  assert.strictEqual(big.hash, sha(files['big.bin']));
  assert.deepStrictEqual(big.blocks, [
    sha(files['big.bin'].subarray(0, 4 * 1024 * 1024)), sha(files['big.bin'].subarray(4 * 1024 * 1024)),
  ]);
});

test('an archive whose file data is changed fails reads only where checked', async (t) => {
  const dir = scratch(t);
  const src = path.join(dir, 'src');
  fs.mkdirSync(src);
  fs.writeFileSync(path.join(src, 'a.txt'), 'original');
  const archive = path.join(dir, 'a.asar');
  await asar.createPackage(src, archive);
  const bytes = fs.readFileSync(archive);
  bytes[bytes.length - 1] ^= 1;
  fs.writeFileSync(archive, bytes);
  // As in Electron without its integrity fuse: plain fs reads do not check.
  assert.strictEqual(fs.readFileSync(path.join(archive, 'a.txt'), 'utf8'), 'originam');
});
