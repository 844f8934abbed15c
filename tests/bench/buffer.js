'use strict';
// make bench: Buffer.from(str, 'base64') and buf.toString('hex') on 50 MB,
// run under anode and node alike. Prints one JSON line of milliseconds (the
// best of ROUNDS runs of each operation) for run.sh to compare.
const N = 50 * 1024 * 1024;
const ROUNDS = 3;

const src = Buffer.alloc(N);
for (let i = 0; i < N; i += 4096) src.fill((i * 7919) & 255, i, Math.min(N, i + 4096));
for (let i = 0; i < N; i += 7) src[i] = i & 255;
const b64 = src.toString('base64');

function best(fn) {
  let min = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return min;
}

let decoded;
let hex;
const fromBase64 = best(() => { decoded = Buffer.from(b64, 'base64'); });
const toHex = best(() => { hex = src.toString('hex'); });
if (!decoded.equals(src) || hex.length !== 2 * N || hex.slice(0, 8) !== src.toString('hex', 0, 4)) {
  throw new Error('buffer bench: wrong result');
}
console.log(JSON.stringify({ fromBase64: +fromBase64.toFixed(1), toHex: +toHex.toFixed(1) }));
