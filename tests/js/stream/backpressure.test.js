'use strict';
// highWaterMark, write() return values, 'drain', and pipe() backpressure.
const test = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, PassThrough, getDefaultHighWaterMark, setDefaultHighWaterMark } = require('node:stream');

test('write() returns false at the highWaterMark and drain follows', async () => {
  const pending = [];
  const w = new Writable({ objectMode: true, highWaterMark: 3, write(c, e, cb) { pending.push(cb); } });
  const results = [];
  for (let i = 0; i < 5; i++) results.push(w.write(i));
  assert.deepStrictEqual(results, [true, true, false, false, false]);
  assert.strictEqual(w.writableNeedDrain, true);
  assert.strictEqual(w.writableLength, 5);
  let drains = 0;
  w.on('drain', () => drains++);
  while (pending.length) {
    pending.shift()();
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.strictEqual(drains, 1);
  assert.strictEqual(w.writableNeedDrain, false);
});

test('push() returns false once the buffer reaches highWaterMark', () => {
  const r = new Readable({ objectMode: true, highWaterMark: 2, read() {} });
  assert.deepStrictEqual([r.push(1), r.push(2), r.push(3)], [true, false, false]);
  assert.strictEqual(r.readableLength, 3);
  assert.strictEqual(r.readableHighWaterMark, 2);
});

test('pipe() pauses the source while the destination needs drain', async () => {
  let reads = 0;
  const src = new Readable({
    objectMode: true,
    highWaterMark: 2,
    read() {
      reads++;
      this.push(reads <= 20 ? reads : null);
    },
  });
  const pending = [];
  const dst = new Writable({ objectMode: true, highWaterMark: 2, write(c, e, cb) { pending.push([c, cb]); } });
  let pauses = 0;
  src.on('pause', () => pauses++);
  src.pipe(dst);
  await new Promise((resolve) => setImmediate(resolve));
  // The source stopped reading once both buffers were full.
  assert.ok(reads < 10, `read ${reads} times before the sink drained`);
  assert.ok(pauses >= 1);
  const got = [];
  const finished = new Promise((resolve) => dst.on('finish', resolve));
  while (got.length < 20) {
    if (pending.length === 0) { await new Promise((resolve) => setImmediate(resolve)); continue; }
    const [c, cb] = pending.shift();
    got.push(c);
    cb();
  }
  await finished;
  assert.deepStrictEqual(got, Array.from({ length: 20 }, (_, i) => i + 1));
});

test('unpipe() stops the flow and emits unpipe', async () => {
  const src = new PassThrough({ objectMode: true });
  const got = [];
  const dst = new Writable({ objectMode: true, write(c, e, cb) { got.push(c); cb(); } });
  const events = [];
  dst.on('pipe', (s) => events.push(['pipe', s === src]));
  dst.on('unpipe', (s) => events.push(['unpipe', s === src]));
  src.pipe(dst);
  src.write('a');
  await new Promise((resolve) => setImmediate(resolve));
  src.unpipe(dst);
  src.write('b');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepStrictEqual(got, ['a']);
  assert.deepStrictEqual(events, [['pipe', true], ['unpipe', true]]);
  assert.strictEqual(src.readableFlowing, false);
});

test('default highWaterMarks and setDefaultHighWaterMark', () => {
  assert.strictEqual(getDefaultHighWaterMark(false), 16384);
  assert.strictEqual(getDefaultHighWaterMark(true), 16);
  assert.strictEqual(new Readable().readableHighWaterMark, 16384);
  assert.strictEqual(new Writable({ objectMode: true }).writableHighWaterMark, 16);
  setDefaultHighWaterMark(true, 4);
  try {
    assert.strictEqual(new Readable({ objectMode: true }).readableHighWaterMark, 4);
  } finally {
    setDefaultHighWaterMark(true, 16);
  }
  assert.throws(() => new Readable({ highWaterMark: -1 }), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The property 'options.highWaterMark' is invalid. Received -1",
  });
});

test('read(n) in object mode returns one object at a time; unshift puts it back', () => {
  const r = new Readable({ objectMode: true, read() {} });
  r.push('a');
  r.push('b');
  assert.strictEqual(r.read(5), 'a');
  r.unshift('z');
  assert.strictEqual(r.read(), 'z');
  assert.strictEqual(r.read(), 'b');
  assert.strictEqual(r.read(), null);
});
