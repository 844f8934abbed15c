'use strict';
// fs.promises.readFile of 10,000 small files (BENCH_FILES=N), all in
// flight at once, as Buffers and as UTF-8 strings. Creates the files in a
// temp dir, times only the reads (best of BENCH_RUNS, default 3), cleans up.
const fs = require('fs');
const path = require('path');

const N = Number(process.env.BENCH_FILES) || 10000;
const RUNS = Number(process.env.BENCH_RUNS) || 3;
const dir = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'fs-read-many-'));

async function main() {
  const files = [];
  for (let i = 0; i < N; i++) {
    const f = path.join(dir, `f${i}.json`);
    fs.writeFileSync(f, JSON.stringify({ i, name: `file ${i}`, pad: 'x'.repeat(i % 1000) }));
    files.push(f);
  }
  const best = async (encoding) => {
    let min = Infinity;
    for (let r = 0; r < RUNS; r++) {
      const t0 = process.hrtime.bigint();
      const all = await Promise.all(files.map((f) => fs.promises.readFile(f, encoding)));
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (all.length !== N || all[N - 1].length === 0) throw new Error('bad read');
      min = Math.min(min, ms);
    }
    return min;
  };
  const buf = await best(undefined);
  const str = await best('utf8');
  console.log(`promises.readFile x ${N}: buffer ${buf.toFixed(1)} ms, utf8 ${str.toFixed(1)} ms`);
}

main().finally(() => fs.rmSync(dir, { recursive: true, force: true }));
