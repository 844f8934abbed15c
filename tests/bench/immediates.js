// 1,000,000 callbacks through setImmediate chains and promise jobs.
const N = 1000000;
let n = 0;
const t0 = process.hrtime.bigint();
function done() {
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (process.env.BENCH_VERBOSE) console.log(`${n} callbacks in ${ms.toFixed(0)} ms`);
}
// Half as immediates, in batches of 1000 per turn...
let batches = 0;
function batch() {
  for (let i = 0; i < 1000; i++) setImmediate(() => { n++; });
  if (++batches < N / 2000) setImmediate(batch);
  else setImmediate(promises);
}
// ...half as promise jobs.
async function promises() {
  for (let i = 0; i < N / 2; i++) { await null; n++; }
  done();
}
batch();
