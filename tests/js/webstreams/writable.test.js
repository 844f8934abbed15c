'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { inspect } = require('node:util');
const { WritableStream, WritableStreamDefaultWriter, CountQueuingStrategy } = require('node:stream/web');

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

test('constructor errors and inspect', () => {
  assert.throws(() => new WritableStream(1), {
    code: 'ERR_INVALID_ARG_TYPE', message: 'The "sink" argument must be of type object. Received type number (1)',
  });
  assert.throws(() => new WritableStream({ type: 'bytes' }), {
    name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE', message: "The argument 'type' is invalid. Received 'bytes'",
  });
  assert.throws(() => new WritableStream({ write: 1 }), {
    message: 'The "sink.write" property must be of type function. Received type number (1)',
  });
  assert.throws(() => new WritableStreamDefaultWriter(1), {
    message: 'The "stream" argument must be an instance of WritableStream. Received type number (1)',
  });
  const ws = new WritableStream();
  assert.strictEqual(inspect(ws), "WritableStream { locked: false, state: 'writable' }");
  let controller;
  new WritableStream({ start(c) { controller = c; } });
  assert.strictEqual(inspect(controller),
                     "WritableStreamDefaultController { stream: WritableStream { locked: false, state: 'writable' } }");
  assert.strictEqual(typeof controller.signal, 'object');
  assert.strictEqual(controller.signal.aborted, false);
});

test('writes reach the sink in order, then close', async () => {
  const log = [];
  const ws = new WritableStream({
    write(chunk, c) { log.push(['write', chunk, typeof c.error]); },
    close() { log.push(['close']); },
  });
  const writer = ws.getWriter();
  assert.strictEqual(ws.locked, true);
  await Promise.all([writer.write('a'), writer.write('b'), writer.close()]);
  await writer.closed;
  assert.deepStrictEqual(log, [['write', 'a', 'function'], ['write', 'b', 'function'], ['close']]);
  assert.strictEqual(writer.desiredSize, 0);
  assert.strictEqual(inspect(ws), "WritableStream { locked: true, state: 'closed' }");
});

test('desiredSize and ready follow backpressure', async () => {
  const pending = [];
  const ws = new WritableStream({
    write() { return new Promise((resolve) => pending.push(resolve)); },
  }, new CountQueuingStrategy({ highWaterMark: 2 }));
  const writer = ws.getWriter();
  await tick();
  assert.strictEqual(writer.desiredSize, 2);
  writer.write(1);
  writer.write(2);
  assert.strictEqual(writer.desiredSize, 0);
  let ready = false;
  writer.ready.then(() => { ready = true; });
  await tick();
  assert.strictEqual(ready, false);
  pending.shift()();
  await tick();
  assert.strictEqual(writer.desiredSize, 1);
  assert.strictEqual(ready, true);
});

test('locking and released writer errors', async () => {
  const ws = new WritableStream();
  const writer = ws.getWriter();
  assert.throws(() => ws.getWriter(), { code: 'ERR_INVALID_STATE', message: 'Invalid state: WritableStream is locked' });
  await assert.rejects(ws.abort(), { code: 'ERR_INVALID_STATE', message: 'Invalid state: WritableStream is locked' });
  await assert.rejects(ws.close(), { code: 'ERR_INVALID_STATE' });
  const closed = writer.closed;
  writer.releaseLock();
  await assert.rejects(closed, { code: 'ERR_INVALID_STATE', message: 'Invalid state: Writer has been released' });
  await assert.rejects(writer.write(1), {
    code: 'ERR_INVALID_STATE', message: 'Invalid state: Writer is not bound to a WritableStream',
  });
  assert.throws(() => writer.desiredSize, { code: 'ERR_INVALID_STATE' });
  writer.releaseLock();
  const w2 = ws.getWriter();
  const closing = w2.close();
  await assert.rejects(w2.close(), {
    code: 'ERR_INVALID_STATE', message: 'Invalid state: Failure to close WritableStream',
  });
  await closing;
  await assert.rejects(w2.close(), { code: 'ERR_INVALID_STATE', message: 'Invalid state: WritableStream is closed' });
});

test('a failing write errors the stream', async () => {
  const ws = new WritableStream({ write() { throw new Error('wr'); } });
  const writer = ws.getWriter();
  await assert.rejects(writer.write(1), { message: 'wr' });
  await assert.rejects(writer.closed, { message: 'wr' });
  await assert.rejects(writer.write(2), { message: 'wr' });
  assert.strictEqual(writer.desiredSize, null);
  assert.strictEqual(inspect(ws), "WritableStream { locked: true, state: 'errored' }");
});

test('abort rejects queued writes, calls sink.abort and signals', async () => {
  const log = [];
  let controller;
  let release;
  const ws = new WritableStream({
    start(c) { controller = c; },
    write(chunk) {
      log.push(`write ${chunk}`);
      return new Promise((resolve) => { release = resolve; });
    },
    abort(reason) { log.push(`abort ${reason}`); },
  });
  controller.signal.addEventListener('abort', () => log.push(`signal ${controller.signal.reason}`));
  const writer = ws.getWriter();
  const w1 = writer.write(1);
  const w2 = writer.write(2);
  await tick();
  const aborted = writer.abort('why');
  assert.deepStrictEqual(log, ['write 1', 'signal why']);
  release();
  await w1;
  await assert.rejects(w2, (e) => e === 'why');
  await aborted;
  await assert.rejects(writer.closed, (e) => e === 'why');
  assert.deepStrictEqual(log, ['write 1', 'signal why', 'abort why']);
});

test('controller.error errors the stream; abort after that resolves', async () => {
  let controller;
  const ws = new WritableStream({ start(c) { controller = c; } });
  const writer = ws.getWriter();
  controller.error(new Error('ctl'));
  await assert.rejects(writer.closed, { message: 'ctl' });
  await assert.rejects(writer.ready, { message: 'ctl' });
  assert.strictEqual(await ws.getWriter === undefined, false);
  writer.releaseLock();
  assert.strictEqual(await ws.abort('late'), undefined);
  await assert.rejects(ws.close(), { code: 'ERR_INVALID_STATE', message: 'Invalid state: WritableStream is closed' });
});

test('size strategy counts chunk sizes', async () => {
  const ws = new WritableStream({ write() { return new Promise(() => {}); } },
                                { highWaterMark: 10, size: (chunk) => chunk.length });
  const writer = ws.getWriter();
  await tick();
  writer.write('abc');
  assert.strictEqual(writer.desiredSize, 7);
  writer.write('abcdefgh');
  assert.strictEqual(writer.desiredSize, -1);
});
