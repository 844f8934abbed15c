'use strict';
// write()'s return value and 'drain' around synchronous sinks, the readable
// buffer's layout, and Transform callback misuse.
const test = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, Transform, PassThrough } = require('stream');

test('a write the sink finishes synchronously does not ask for drain', async () => {
  const events = [];
  const w = new Writable({ highWaterMark: 100, write(d, e, cb) { cb(); } });
  w.on('drain', () => events.push('drain'));
  assert.strictEqual(w.write(Buffer.alloc(150)), true);
  assert.strictEqual(w.writableNeedDrain, false);
  assert.strictEqual(w.writableLength, 0);
  await new Promise((r) => setImmediate(r));
  assert.deepStrictEqual(events, []);
});

test('an asynchronous write over the mark returns false and drains once', async () => {
  const events = [];
  const w = new Writable({ highWaterMark: 100, write(d, e, cb) { setImmediate(cb); } });
  w.on('drain', () => events.push('drain'));
  assert.strictEqual(w.write(Buffer.alloc(150)), false);
  assert.strictEqual(w.writableNeedDrain, true);
  assert.strictEqual(w.write(Buffer.alloc(10)), false);
  await new Promise((r) => setTimeout(r, 10));
  assert.deepStrictEqual(events, ['drain']);
});

test('corked writes count until uncork', () => {
  const w = new Writable({ highWaterMark: 100, write(d, e, cb) { cb(); } });
  w.cork();
  assert.strictEqual(w.write(Buffer.alloc(150)), false);
  assert.strictEqual(w.writableLength, 150);
  w.uncork();
  assert.strictEqual(w.writableLength, 0);
  assert.strictEqual(w.writableNeedDrain, true);
});

test('pipe into a synchronous sink never pauses the source', async () => {
  const log = [];
  let n = 0;
  const r = new Readable({
    read() {
      log.push('read');
      this.push(n++ < 3 ? Buffer.alloc(65536) : null);
    },
  });
  r.on('pause', () => log.push('pause'));
  const w = new Writable({ write(d, e, cb) { log.push('write'); cb(); } });
  w.on('drain', () => log.push('drain'));
  await new Promise((resolve) => r.pipe(w).on('finish', resolve));
  assert.deepStrictEqual(log, ['read', 'read', 'write', 'read', 'write', 'read', 'write', 'pause']);
});

test('the readable buffer keeps read slots until it empties', () => {
  const r = new Readable({ read() {} });
  r.push('ab');
  r.push('cd');
  r.push('ef');
  const state = r._readableState;
  assert.strictEqual(r.read(2).toString(), 'ab');
  assert.strictEqual(state.bufferIndex, 1);
  assert.deepStrictEqual(state.buffer.map((b) => b && b.toString()), [null, 'cd', 'ef']);
  r.unshift('zz');
  assert.strictEqual(state.bufferIndex, 0);
  assert.deepStrictEqual(state.buffer.map((b) => b && b.toString()), ['zz', 'cd', 'ef']);
  assert.strictEqual(r.read(3).toString(), 'zzc');
  assert.strictEqual(r.read(3).toString(), 'def');
  assert.strictEqual(r.readableLength, 0);
  assert.strictEqual(state.buffer.length, 0);
  assert.strictEqual(state.bufferIndex, 0);
});

test('reading everything concatenates what is left', () => {
  const r = new Readable({ read() {} });
  for (const s of ['a', 'bc', 'def']) r.push(s);
  assert.strictEqual(r.read(1).toString(), 'a');
  assert.strictEqual(r.read().toString(), 'bcdef');
  r.setEncoding('utf8');
  r.push('xy');
  r.push('z');
  assert.strictEqual(r.read(1), 'x');
  assert.strictEqual(r.read(), 'yz');
});

test('object mode reads one chunk at a time in order', () => {
  const r = new Readable({ objectMode: true, read() {} });
  for (let i = 0; i < 2000; i++) r.push({ i });
  for (let i = 0; i < 2000; i++) assert.strictEqual(r.read().i, i);
  assert.strictEqual(r.read(), null);
});

test('a Transform callback called twice is ERR_MULTIPLE_CALLBACK', async () => {
  const t = new Transform({
    transform(chunk, enc, cb) {
      cb(null, chunk);
      cb();
    },
  });
  const err = await new Promise((resolve) => {
    t.on('error', resolve);
    t.write('x');
  });
  assert.strictEqual(err.code, 'ERR_MULTIPLE_CALLBACK');
});

test('a Transform whose readable side is full waits for a read', async () => {
  const t = new PassThrough({ highWaterMark: 4 });
  const done = [];
  t.write('aaaa', () => done.push(1));
  t.write('bbbb', () => done.push(2));
  await new Promise((r) => setImmediate(r));
  assert.deepStrictEqual(done, []);
  assert.strictEqual(t.readableLength, 4);
  assert.strictEqual(t.writableLength, 8);
  // Reading releases the held callback, which lets the buffered write through.
  assert.strictEqual(t.read().toString(), 'aaaabbbb');
  await new Promise((r) => setImmediate(r));
  assert.deepStrictEqual(done, [1, 2]);
});
