'use strict';
// JSON.parse of a 20 MB file (BENCH_MB=N): writes a document of records to
// a temp file, then times readFileSync + JSON.parse (best of 3); prints ms.
const fs = require('fs');
const os = require('os');
const path = require('path');

const mb = Number(process.env.BENCH_MB || 20);
const records = [];
let size = 0;
for (let i = 0; size < mb * 1024 * 1024; i++) {
  const r = { id: i, name: `item ${i}`, tags: ['a', 'b', String(i % 7)], price: i * 1.25, ok: i % 2 === 0, nested: { x: i, y: [i, i + 1] } };
  records.push(r);
  size += JSON.stringify(r).length + 1;
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-json-'));
const file = path.join(dir, 'data.json');
fs.writeFileSync(file, JSON.stringify(records));
let best = Infinity;
let count = 0;
for (let run = 0; run < 3; run++) {
  const t0 = process.hrtime.bigint();
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  count = parsed.length;
  best = Math.min(best, ms);
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(`JSON.parse of ${mb} MB (${count} records): ${best.toFixed(1)} ms`);
