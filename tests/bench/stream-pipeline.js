'use strict';
// 1 GiB through stream.pipeline(Readable -> Transform -> Writable): the data
// is made in memory in 64 KiB chunks, the Transform hands each chunk on, the
// Writable counts bytes. Prints MB/s. `BENCH_MB=N` changes the size;
// `BENCH_OBJECT=1` runs the same pipeline in object mode (the per-chunk
// stream machinery without Buffer).
const { Readable, Transform, Writable, pipeline } = require('stream');

const CHUNK = Number(process.env.BENCH_CHUNK) || 64 * 1024;
const TOTAL = (Number(process.env.BENCH_MB) || 1024) * 1024 * 1024;
const objectMode = !!process.env.BENCH_OBJECT;
const chunk = objectMode ? new Uint8Array(CHUNK).fill(97) : require('buffer').Buffer.alloc(CHUNK, 97);

let produced = 0;
const source = new Readable({
  objectMode,
  highWaterMark: objectMode ? 16 : CHUNK * 4,
  read() {
    while (produced < TOTAL) {
      produced += CHUNK;
      if (!this.push(chunk)) return;
    }
    this.push(null);
  },
});

let xorState = 0;
const transform = new Transform({
  objectMode,
  transform(data, encoding, callback) {
    // Touch the chunk as a real transform would, at constant cost per chunk.
    xorState ^= data[0] ^ data[data.length - 1];
    callback(null, data);
  },
});

let counted = 0;
const sink = new Writable({
  objectMode,
  write(data, encoding, callback) {
    counted += data.length;
    callback();
  },
});

const t0 = process.hrtime.bigint();
pipeline(source, transform, sink, (err) => {
  if (err) throw err;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (counted !== TOTAL) throw new Error(`counted ${counted} of ${TOTAL} bytes`);
  const mb = TOTAL / (1024 * 1024);
  console.log(`${mb} MB in ${s.toFixed(3)} s: ${(mb / s).toFixed(0)} MB/s${xorState === 1 ? '' : ''}`);
});
