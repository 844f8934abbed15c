'use strict';
// Writes .asar archives for tests, independently of anode's writer, from a
// description: { 'a.txt': 'text', 'd/b.bin': Buffer, 'l': { link: 'a.txt' },
// 'x.sh': { data: '...', executable: true }, 'n.node': { data, unpacked: true },
// 'empty': { dir: true } }. Unpacked files go to ARCHIVE.unpacked/.
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');

const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');

function integrity(data) {
  const size = 4 * 1024 * 1024;
  const blocks = [];
  for (let i = 0; i <= data.length; i += size) blocks.push(sha(data.subarray(i, i + size)));
  return { algorithm: 'SHA256', hash: sha(data), blockSize: size, blocks };
}

function writeAsar(file, tree, { withIntegrity = true } = {}) {
  const header = { files: {} };
  const chunks = [];
  let offset = 0;
  const dirOf = (parts) => {
    let node = header;
    for (const p of parts) {
      node.files[p] ??= { files: {} };
      node = node.files[p];
    }
    return node;
  };
  for (const [rel, spec] of Object.entries(tree)) {
    const parts = rel.split('/');
    const name = parts.pop();
    const dir = dirOf(parts);
    const s = typeof spec === 'string' || Buffer.isBuffer(spec) ? { data: spec } : spec;
    if (s.dir) {
      dir.files[name] = { files: {} };
      continue;
    }
    if (s.link !== undefined) {
      dir.files[name] = { link: s.link };
      continue;
    }
    const data = Buffer.from(s.data);
    const entry = { size: data.length };
    if (s.unpacked) {
      entry.unpacked = true;
      const out = path.join(`${file}.unpacked`, rel);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, data);
    } else {
      entry.offset = String(offset);
      offset += data.length;
      chunks.push(data);
    }
    if (withIntegrity) entry.integrity = integrity(data);
    if (s.executable) entry.executable = true;
    dir.files[name] = entry;
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
  const bytes = Buffer.concat([size, pickle, ...chunks]);
  fs.writeFileSync(file, bytes);
  return bytes;
}

module.exports = { writeAsar, sha };
