'use strict';
// The small file formats a package needs: the .desktop entry, Info.plist,
// a PNG (the default icon), .icns, and reading/patching the ELF binary
// (AppImage magic, the archive hash `anode pack` writes into the binary,
// the shared libraries it needs).

const zlib = require('zlib');

// ---- .desktop (freedesktop Desktop Entry)

function desktopEscape(s) {
  return String(s).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
}

function desktopEntry({ name, comment, exec, icon, categories, version, requires }) {
  const lines = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${desktopEscape(name)}`,
  ];
  if (comment) lines.push(`Comment=${desktopEscape(comment)}`);
  lines.push(
    `Exec=${exec} %U`,
    `Icon=${icon}`,
    `Categories=${categories.map((c) => `${c};`).join('')}`,
    'Terminal=false',
    `X-AppImage-Version=${desktopEscape(version)}`,
    // What the package relies on from the system (it bundles neither).
    `X-Anode-Requires=${desktopEscape(requires)}`,
  );
  return `${lines.join('\n')}\n`;
}

// ---- Info.plist (Apple's XML property list)

function xmlEscape(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function plistValue(v, indent) {
  if (v === true) return '<true/>';
  if (v === false) return '<false/>';
  if (typeof v === 'number') return `<integer>${v}</integer>`;
  if (typeof v === 'string') return `<string>${xmlEscape(v)}</string>`;
  const pad = '\t'.repeat(indent);
  const keys = Object.keys(v).sort();
  const body = keys.map((k) => `${pad}\t<key>${xmlEscape(k)}</key>\n${pad}\t${plistValue(v[k], indent + 1)}\n`).join('');
  return `<dict>\n${body}${pad}</dict>`;
}

function infoPlist(dict) {
  return '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n' +
    `<plist version="1.0">\n${plistValue(dict, 0)}\n</plist>\n`;
}

// ---- PNG

let crcTable;
function crc32(buf) {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = crcTable[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

// An RGBA PNG of `size` x `size` from pixel(x, y) -> [r, g, b, a].
function encodePng(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    const row = y * (size * 4 + 1);
    raw[row] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      raw.set([r, g, b, a], row + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// The icon of an app that names none: a rounded tile with a window on it.
function defaultIcon(size = 256) {
  const r = size * 0.18;
  const inside = (x, y, x0, y0, x1, y1, rad) => {
    const cx = Math.min(Math.max(x, x0 + rad), x1 - rad);
    const cy = Math.min(Math.max(y, y0 + rad), y1 - rad);
    return (x - cx) ** 2 + (y - cy) ** 2 <= rad * rad;
  };
  const m = size * 0.06;
  return encodePng(size, (x, y) => {
    if (!inside(x + 0.5, y + 0.5, m, m, size - m, size - m, r)) return [0, 0, 0, 0];
    const w0 = size * 0.24, w1 = size * 0.76;
    if (inside(x + 0.5, y + 0.5, w0, size * 0.3, w1, size * 0.72, size * 0.03)) {
      return y < size * 0.38 ? [0x9a, 0xd0, 0xff, 255] : [0xf4, 0xf8, 0xff, 255];
    }
    return [0x24, 0x4a, 0x8c, 255];
  });
}

// Width and height of a PNG, or null when `buf` is not one.
function pngSize(buf) {
  if (buf.length < 24 || buf.readUInt32BE(0) !== 0x89504e47 || buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

// ---- .icns: PNG images tagged by size

const icnsTypes = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };

function icns(png) {
  const size = pngSize(png);
  const type = size && size.width === size.height ? icnsTypes[size.width] : undefined;
  if (type === undefined) {
    throw new Error(`the icon must be a square PNG of 16, 32, 64, 128, 256, 512 or 1024 pixels` +
      (size ? ` (it is ${size.width}x${size.height})` : ''));
  }
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(16 + png.length, 4);
  const entry = Buffer.alloc(8);
  entry.write(type, 0, 'latin1');
  entry.writeUInt32BE(8 + png.length, 4);
  return Buffer.concat([head, entry, png]);
}

// ---- ELF

// Where `anode pack` writes the archive header's hash in its copy of the
// binary (see launch.c). Built from parts so this file's own text, which is
// compiled into the binary too, never holds the marker.
const HASH_MARKER = ['ANODE-ASAR-', 'INTEGRITY:v1:'].join('');

function writeOwnHash(binary, hexHash) {
  const marker = Buffer.from(HASH_MARKER, 'latin1');
  const at = binary.indexOf(marker);
  if (at === -1 || binary.indexOf(marker, at + 1) !== -1) {
    throw new Error('cannot find the one place in the anode binary that holds the archive hash');
  }
  binary.write(hexHash, at + marker.length, 'latin1');
}

// The AppImage type-2 magic: "AI" and 2 in e_ident's padding (offset 8).
function markAppImage(binary) {
  binary[8] = 0x41;
  binary[9] = 0x49;
  binary[10] = 0x02;
}

// The DT_NEEDED libraries of a 64-bit little-endian ELF file.
function neededLibraries(elf) {
  if (elf.length < 64 || elf.readUInt32BE(0) !== 0x7f454c46 || elf[4] !== 2 || elf[5] !== 1) return [];
  const shoff = Number(elf.readBigUInt64LE(0x28));
  const shentsize = elf.readUInt16LE(0x3a);
  const shnum = elf.readUInt16LE(0x3c);
  const sections = [];
  for (let i = 0; i < shnum; i++) {
    const o = shoff + i * shentsize;
    if (o + 64 > elf.length) return [];
    sections.push({
      type: elf.readUInt32LE(o + 4),
      offset: Number(elf.readBigUInt64LE(o + 0x18)),
      size: Number(elf.readBigUInt64LE(o + 0x20)),
      link: elf.readUInt32LE(o + 0x28),
    });
  }
  const dynamic = sections.find((s) => s.type === 6);
  if (!dynamic || !sections[dynamic.link]) return [];
  const strtab = sections[dynamic.link];
  const out = [];
  for (let o = dynamic.offset; o + 16 <= dynamic.offset + dynamic.size; o += 16) {
    const tag = Number(elf.readBigInt64LE(o));
    if (tag === 0) break;
    if (tag === 1) {
      const start = strtab.offset + Number(elf.readBigUInt64LE(o + 8));
      const end = elf.indexOf(0, start);
      out.push(elf.toString('latin1', start, end));
    }
  }
  return out;
}

module.exports = {
  desktopEntry, infoPlist, encodePng, defaultIcon, pngSize, icns,
  writeOwnHash, markAppImage, neededLibraries,
};
