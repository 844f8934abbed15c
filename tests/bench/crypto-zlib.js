'use strict';
// make bench: crypto and zlib throughput, best of 3 runs each, as JSON in
// milliseconds: sha256 of 200 MB, gzip of 50 MB, randomBytes(64 MB), and
// pbkdf2 with 100,000 iterations. tests/bench/run.sh runs it under anode
// and node and prints node's time over anode's.
const crypto = require('crypto');
const zlib = require('zlib');

function best(fn, runs = 3) {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return min;
}

// Data made once, outside the timings: 200 MB of pseudo-random bytes for
// hashing, and 50 MB of text-like data that compresses as logs do.
const big = Buffer.allocUnsafe(200 << 20);
for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((i * 2654435761) >>> 0, i);
const words = ['alpha', 'beta', 'gamma', 'delta', 'request', 'response', 'GET', '/index.html', '200', 'OK', '\n'];
const parts = [];
let size = 0;
let seed = 1;
while (size < 50 << 20) {
  seed = (seed * 1103515245 + 12345) >>> 0;
  const w = words[seed % words.length] + ' ' + (seed % 1000) + ' ';
  parts.push(w);
  size += w.length;
}
const text = Buffer.from(parts.join('')).subarray(0, 50 << 20);

const out = {
  sha256: best(() => crypto.createHash('sha256').update(big).digest()),
  gzip: best(() => zlib.gzipSync(text)),
  randomBytes: best(() => crypto.randomBytes(64 << 20)),
  pbkdf2: best(() => crypto.pbkdf2Sync('password', 'salt', 100000, 32, 'sha256')),
};
console.log(JSON.stringify(out));
