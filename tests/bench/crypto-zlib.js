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
// hashing, and 50 MB of log-like lines (xorshift-chosen words, numbers and
// paths) that gzip shrinks about 4x, as it does real logs.
const big = Buffer.allocUnsafe(200 << 20);
for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((i * 2654435761) >>> 0, i);
let x = 2463534242;
function rand(n) {
  x ^= x << 13;
  x >>>= 0;
  x ^= x >>> 17;
  x ^= x << 5;
  x >>>= 0;
  return x % n;
}
const words = ['GET', 'POST', 'PUT', '/index.html', '/api/v1/users', '/static/app.js', '/login', 'HTTP/1.1', '200', '304',
  '404', '500', 'Mozilla/5.0', 'curl/8.0', 'ok', 'error', 'timeout', 'user', 'session', 'cache', 'hit', 'miss'];
const lines = [];
let size = 0;
while (size < 50 << 20) {
  const line = `2024-05-${10 + rand(20)}T${rand(24)}:${rand(60)}:${rand(60)}.${rand(1000)}Z ` +
    `10.${rand(256)}.${rand(256)}.${rand(256)} ${words[rand(words.length)]} ${words[rand(words.length)]} ` +
    `${words[rand(words.length)]} ${rand(100000)} ${rand(5000)}ms id=${rand(1 << 30).toString(16)}\n`;
  lines.push(line);
  size += line.length;
}
const text = Buffer.from(lines.join('')).subarray(0, 50 << 20);

const out = {
  sha256: best(() => crypto.createHash('sha256').update(big).digest()),
  gzip: best(() => zlib.gzipSync(text)),
  randomBytes: best(() => crypto.randomBytes(64 << 20)),
  pbkdf2: best(() => crypto.pbkdf2Sync('password', 'salt', 100000, 32, 'sha256')),
};
console.log(JSON.stringify(out));
