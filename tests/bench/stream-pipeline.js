'use strict';
// 1 GiB through Readable -> Transform -> Writable in 64 KiB Buffers made in
// memory; prints the throughput as "N MB/s". Run under anode and node.
// BENCH_MB=N changes the amount (longer runs for profiling).
const { Readable, Transform, Writable, pipeline } = require('stream');

const total = (Number(process.env.BENCH_MB) || 1024) * 1024 * 1024;
const chunk = Buffer.alloc(64 * 1024, 97);
let produced = 0;
let counted = 0;

const source = new Readable({
  read() {
    if (produced >= total) {
      this.push(null);
      return;
    }
    produced += chunk.length;
    this.push(chunk);
  },
});
const transform = new Transform({
  transform(data, encoding, callback) {
    callback(null, data);
  },
});
const sink = new Writable({
  write(data, encoding, callback) {
    counted += data.length;
    callback();
  },
});

const start = process.hrtime.bigint();
pipeline(source, transform, sink, (err) => {
  if (err) throw err;
  if (counted !== total) throw new Error(`counted ${counted} bytes`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${Math.round(total / 1e6 / seconds)} MB/s`);
});
