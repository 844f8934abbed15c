'use strict';
// fs.readFileSync of one 100 MB file (BENCH_MB=N changes the size), as a
// Buffer and as a UTF-8 string. Writes the file to a temp dir first, times
// only the reads (best of BENCH_RUNS, default 5), prints ms, cleans up.
const fs = require('fs');
const path = require('path');

const MB = Number(process.env.BENCH_MB) || 100;
const RUNS = Number(process.env.BENCH_RUNS) || 5;
const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'fs-read-big-'));
const file = path.join(dir, 'big.txt');
try {
  const chunk = 'abcdefghijklmnopqrstuvwxyz0123456789\n'.repeat(28340).slice(0, 1024 * 1024);
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < MB; i++) fs.writeSync(fd, chunk);
  fs.closeSync(fd);

  const best = (fn) => {
    let min = Infinity;
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint();
      const r = fn();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.length !== MB * 1024 * 1024) throw new Error(`short read: ${r.length}`);
      min = Math.min(min, ms);
    }
    return min;
  };
  const buf = best(() => fs.readFileSync(file));
  const str = best(() => fs.readFileSync(file, 'utf8'));
  console.log(`readFileSync ${MB} MB: buffer ${buf.toFixed(1)} ms, utf8 ${str.toFixed(1)} ms`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
