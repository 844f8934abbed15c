'use strict';
// Writes Electron's .asar format: a Pickle holding the header's size, a
// Pickle holding the header (JSON: a "files" tree, each file's size, its
// "offset" as a decimal string, "executable", "unpacked", "link", and
// "integrity" with SHA-256 of the file and of each 4 MiB block), then the
// files' bytes in header order. Unpacked files are copied to
// ARCHIVE.unpacked/ instead. Output depends only on the input: entries are
// sorted by name and nothing records a time.

const fs = require('fs');
const path = require('path');

const asar = internalBinding('asar');

const BLOCK_SIZE = 4 * 1024 * 1024;
// Small files read while hashing are kept for the write pass, up to this.
const KEEP_LIMIT = 64 * 1024 * 1024;
const KEEP_FILE = 256 * 1024;

function packError(message, file) {
  const err = new Error(message);
  err.code = 'ERR_ASAR_PACK';
  if (file !== undefined) err.path = file;
  return err;
}

// Every entry under `root`, depth first, names in code-unit order. `accept`
// (rel, isDirectory) may return false to leave an entry (and a folder's
// whole subtree) out. Symbolic links are kept as links when they stay
// inside `root`.
function crawl(root, accept = () => true) {
  const realRoot = fs.realpathSync(root);
  const out = [];
  const walk = (dirRel) => {
    const dirAbs = dirRel ? path.join(root, dirRel) : root;
    const names = fs.readdirSync(dirAbs).sort();
    for (const name of names) {
      const rel = dirRel ? `${dirRel}/${name}` : name;
      const abs = path.join(dirAbs, name);
      const st = fs.lstatSync(abs);
      if (st.isSymbolicLink()) {
        if (!accept(rel, false)) continue;
        let real;
        try {
          real = fs.realpathSync(abs);
        } catch {
          throw packError(`${abs}: the link points to nothing (${fs.readlinkSync(abs)})`, abs);
        }
        const target = path.relative(realRoot, real);
        if (target === '' || target.startsWith('..') || path.isAbsolute(target)) {
          throw packError(`${abs}: the link leads out of ${root} (${fs.readlinkSync(abs)})`, abs);
        }
        out.push({ rel, abs, type: 'link', link: target });
      } else if (st.isDirectory()) {
        if (!accept(rel, true)) continue;
        out.push({ rel, abs, type: 'dir' });
        walk(rel);
      } else if (st.isFile()) {
        if (!accept(rel, false)) continue;
        out.push({ rel, abs, type: 'file', size: st.size, executable: (st.mode & 0o100) !== 0 });
      }
    }
  };
  walk('');
  return out;
}

// The integrity record @electron/asar writes: blocks of 4 MiB, plus a
// final (possibly empty) block, so a file whose size is a multiple of the
// block size ends with the hash of nothing. Small files are read here and
// kept for the write pass (`keep`); large ones are hashed from disk.
function integrityOf(entry, keep) {
  const ctx = {};
  let source = entry.abs;
  if (entry.size <= KEEP_FILE) {
    const data = fs.readFileSync(entry.abs);
    if (data.length !== entry.size) throw packError(`${entry.abs}: changed while packing`, entry.abs);
    if (keep) entry.data = data;
    source = data;
  }
  const r = asar.integrity(source, BLOCK_SIZE, ctx);
  if (r === undefined) {
    const { UVException } = require('internal/errors');
    throw new UVException(ctx);
  }
  if (Number(r[r.length - 1]) !== entry.size) throw packError(`${entry.abs}: changed while packing`, entry.abs);
  return { algorithm: 'SHA256', hash: r[0], blockSize: BLOCK_SIZE, blocks: r.slice(1, -1) };
}

// The header tree for `entries` (from crawl), with unpacked files marked.
// Reports each hashed file to `progress` (files, bytes).
function buildHeader(entries, unpack, progress) {
  const header = { files: {} };
  const dirs = new Map([['', header]]);
  let offset = 0;
  let kept = 0;
  let files = 0;
  let bytes = 0;
  for (const e of entries) {
    const slash = e.rel.lastIndexOf('/');
    const parent = dirs.get(slash === -1 ? '' : e.rel.slice(0, slash));
    const name = e.rel.slice(slash + 1);
    if (e.type === 'dir') {
      const node = { files: {} };
      if (unpack(e.rel, true)) {
        node.unpacked = true;
        e.unpacked = true;
      }
      parent.files[name] = node;
      dirs.set(e.rel, node);
      continue;
    }
    if (e.type === 'link') {
      parent.files[name] = { link: e.link };
      continue;
    }
    const dirUnpacked = parent.unpacked === true;
    e.unpacked = dirUnpacked || unpack(e.rel, false);
    const keep = !e.unpacked && kept + e.size <= KEEP_LIMIT;
    const integrity = integrityOf(e, keep);
    if (e.data) kept += e.size;
    if (e.unpacked) {
      parent.files[name] = { size: e.size, unpacked: true, integrity };
    } else {
      const node = { size: e.size, offset: String(offset), integrity };
      if (e.executable) node.executable = true;
      parent.files[name] = node;
      offset += e.size;
    }
    files++;
    bytes += e.size;
    if (progress) progress(files, bytes);
  }
  return header;
}

// The two Pickles in front of the file data.
function headerBytes(header) {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const padded = (json.length + 3) & ~3;
  const pickle = Buffer.alloc(8 + padded);
  pickle.writeUInt32LE(4 + padded, 0);
  pickle.writeUInt32LE(json.length, 4);
  json.copy(pickle, 8);
  const size = Buffer.alloc(8);
  size.writeUInt32LE(4, 0);
  size.writeUInt32LE(pickle.length, 4);
  return { json, bytes: Buffer.concat([size, pickle]) };
}

function writeAll(fd, buf) {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
}

function flush(fd, batch) {
  if (batch.length === 0) return;
  writeAll(fd, batch.length === 1 ? batch[0] : Buffer.concat(batch, batch.bytes));
  batch.length = 0;
  batch.bytes = 0;
}

// Small files go out in batches of about 1 MiB, large ones in pieces.
function copyInto(fd, entry, scratch, batch) {
  if (entry.data) {
    batch.push(entry.data);
    batch.bytes += entry.data.length;
    entry.data = undefined;
    if (batch.bytes >= scratch.length) flush(fd, batch);
    return;
  }
  flush(fd, batch);
  const src = fs.openSync(entry.abs, 'r');
  try {
    let pos = 0;
    while (pos < entry.size) {
      const n = fs.readSync(src, scratch, 0, Math.min(scratch.length, entry.size - pos), pos);
      if (n === 0) throw packError(`${entry.abs}: changed while packing`, entry.abs);
      writeAll(fd, scratch.subarray(0, n));
      pos += n;
    }
  } finally {
    fs.closeSync(src);
  }
}

// Writes `entries` (from crawl) to the archive `dest`. Options: unpack
// (rel, isDirectory) -> boolean; progress (files, bytes) while reading and
// hashing, written (files, bytes) while writing; mtime (seconds) for the
// files written under dest.unpacked/. Returns the
// header, its JSON text and the archive's size.
function writeArchive(dest, entries, options = {}) {
  const unpack = options.unpack || (() => false);
  const header = buildHeader(entries, unpack, options.progress);
  const { json, bytes } = headerBytes(header);
  const unpackedDir = `${dest}.unpacked`;
  fs.rmSync(unpackedDir, { recursive: true, force: true });
  const fd = fs.openSync(dest, 'w');
  let size = bytes.length;
  try {
    writeAll(fd, bytes);
    const scratch = Buffer.allocUnsafe(1024 * 1024);
    const batch = Object.assign([], { bytes: 0 });
    let written = 0;
    for (const e of entries) {
      if (e.type !== 'file' || e.unpacked) continue;
      copyInto(fd, e, scratch, batch);
      size += e.size;
      if (options.written) options.written(++written, size);
    }
    flush(fd, batch);
  } finally {
    fs.closeSync(fd);
  }
  for (const e of entries) {
    if (!e.unpacked) continue;
    const out = path.join(unpackedDir, e.rel);
    if (e.type === 'dir') {
      fs.mkdirSync(out, { recursive: true });
    } else if (e.type === 'file') {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.copyFileSync(e.abs, out);
      fs.chmodSync(out, e.executable ? 0o755 : 0o644);
      if (options.mtime !== undefined) fs.utimesSync(out, options.mtime, options.mtime);
    }
  }
  return { header, headerJson: json.toString('utf8'), size };
}

module.exports = { crawl, writeArchive, headerBytes, BLOCK_SIZE };
