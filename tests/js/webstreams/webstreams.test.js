'use strict';
// stream/web: ReadableStream, WritableStream, TransformStream, queuing
// strategies, and the globals Node 20 defines for them.
const test = require('node:test');
const assert = require('node:assert');
const web = require('node:stream/web');
const { ReadableStream, WritableStream, TransformStream, CountQueuingStrategy, ByteLengthQueuingStrategy } = web;

test('the classes are globals too', () => {
  for (const name of ['ReadableStream', 'WritableStream', 'TransformStream', 'ReadableStreamDefaultReader',
    'ReadableStreamBYOBReader', 'ReadableByteStreamController', 'WritableStreamDefaultWriter',
    'TransformStreamDefaultController', 'CountQueuingStrategy', 'ByteLengthQueuingStrategy']) {
    assert.strictEqual(globalThis[name], web[name], name);
  }
  assert.strictEqual(Object.prototype.toString.call(new ReadableStream()), '[object ReadableStream]');
});

test('a default reader reads enqueued chunks then done', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
  const reader = rs.getReader();
  assert.strictEqual(rs.locked, true);
  assert.deepStrictEqual(await reader.read(), { value: 'a', done: false });
  assert.deepStrictEqual(await reader.read(), { value: 'b', done: false });
  assert.deepStrictEqual(await reader.read(), { value: undefined, done: true });
  assert.throws(() => rs.getReader({ mode: 'nope' }), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('pull is called up to the highWaterMark', async () => {
  let pulls = 0;
  const rs = new ReadableStream({ pull(c) { pulls++; c.enqueue(pulls); } }, new CountQueuingStrategy({ highWaterMark: 3 }));
  await new Promise((resolve) => setImmediate(resolve));
  assert.strictEqual(pulls, 3);
  const reader = rs.getReader();
  assert.deepStrictEqual(await reader.read(), { value: 1, done: false });
  await new Promise((resolve) => setImmediate(resolve));
  assert.strictEqual(pulls, 4);
  reader.releaseLock();
  await rs.cancel();
});

test('pipeThrough a TransformStream and pipeTo a WritableStream', async () => {
  const rs = ReadableStream.from([1, 2, 3]);
  const ts = new TransformStream({
    transform(chunk, controller) { controller.enqueue(chunk * 2); },
    flush(controller) { controller.enqueue('end'); },
  });
  const got = [];
  await rs.pipeThrough(ts).pipeTo(new WritableStream({ write(c) { got.push(c); } }));
  assert.deepStrictEqual(got, [2, 4, 6, 'end']);
});

test('tee gives two independent branches', async () => {
  const [a, b] = ReadableStream.from(['x', 'y']).tee();
  const readAll = async (s) => { const out = []; for await (const c of s) out.push(c); return out; };
  assert.deepStrictEqual(await Promise.all([readAll(a), readAll(b)]), [['x', 'y'], ['x', 'y']]);
});

test('async iteration, and preventCancel', async () => {
  let cancelled = false;
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); }, cancel() { cancelled = true; } });
  for await (const x of rs.values({ preventCancel: true })) { assert.strictEqual(x, 1); break; }
  assert.strictEqual(cancelled, false);
  for await (const x of rs) { assert.strictEqual(x, 2); break; }
  assert.strictEqual(cancelled, true);
});

test('a WritableStream error rejects write and closed', async () => {
  const ws = new WritableStream({ write() { throw new Error('sink broke'); } });
  const writer = ws.getWriter();
  await assert.rejects(writer.write('a'), { message: 'sink broke' });
  await assert.rejects(writer.closed, { message: 'sink broke' });
});

test('writer desiredSize and ready follow backpressure', async () => {
  let release;
  const ws = new WritableStream({ write() { return new Promise((resolve) => { release = resolve; }); } },
    new CountQueuingStrategy({ highWaterMark: 2 }));
  const writer = ws.getWriter();
  assert.strictEqual(writer.desiredSize, 2);
  writer.write(1);
  writer.write(2);
  assert.strictEqual(writer.desiredSize, 0);
  await new Promise((resolve) => setImmediate(resolve));
  release();
  await new Promise((resolve) => setImmediate(resolve));
  assert.strictEqual(writer.desiredSize, 1);
  await writer.ready;
});

test('pipeTo aborted by a signal rejects with AbortError', async () => {
  const ac = new AbortController();
  const p = new ReadableStream({ pull() {} }).pipeTo(new WritableStream(), { signal: ac.signal });
  ac.abort();
  await assert.rejects(p, { name: 'AbortError' });
});

test('byte streams: BYOB reader fills the given view', async () => {
  const rs = new ReadableStream({
    type: 'bytes',
    start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); },
  });
  const reader = rs.getReader({ mode: 'byob' });
  const { value, done } = await reader.read(new Uint8Array(8));
  assert.strictEqual(done, false);
  assert.deepStrictEqual([...value], [1, 2, 3]);
  assert.strictEqual((await reader.read(new Uint8Array(1))).done, true);
});

test('queuing strategies', () => {
  const count = new CountQueuingStrategy({ highWaterMark: 5 });
  assert.strictEqual(count.highWaterMark, 5);
  assert.strictEqual(count.size('anything'), 1);
  const bytes = new ByteLengthQueuingStrategy({ highWaterMark: 10 });
  assert.strictEqual(bytes.size(new Uint8Array(4)), 4);
  assert.throws(() => new CountQueuingStrategy(), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('controller errors reach the reader', async () => {
  const rs = new ReadableStream({ start(c) { c.error(new TypeError('bad source')); } });
  await assert.rejects(rs.getReader().read(), { name: 'TypeError', message: 'bad source' });
  const locked = new ReadableStream();
  locked.getReader();
  assert.throws(() => locked.getReader(), { code: 'ERR_INVALID_STATE', name: 'TypeError' });
});

test('Readable.toWeb and Readable.fromWeb in object mode', async () => {
  const { Readable } = require('node:stream');
  const web = Readable.toWeb(Readable.from([1, 2], { objectMode: true }));
  const got = [];
  for await (const c of web) got.push(c);
  assert.deepStrictEqual(got, [1, 2]);
  const back = Readable.fromWeb(ReadableStream.from(['a', 'b']), { objectMode: true });
  assert.deepStrictEqual(await back.toArray(), ['a', 'b']);
});
