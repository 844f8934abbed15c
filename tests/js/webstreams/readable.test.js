'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { inspect } = require('node:util');
const web = require('node:stream/web');
const { ReadableStream, ReadableStreamDefaultReader, CountQueuingStrategy } = web;

function code(c, name = 'TypeError') {
  return (err) => err.code === c && err.name === name;
}

test('stream/web exports the classes and they are the globals', () => {
  for (const name of ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
    'ReadableStreamBYOBRequest', 'ReadableByteStreamController', 'ReadableStreamDefaultController',
    'TransformStream', 'TransformStreamDefaultController', 'WritableStream', 'WritableStreamDefaultWriter',
    'WritableStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy',
    'TextEncoderStream', 'TextDecoderStream']) {
    assert.strictEqual(typeof web[name], 'function', name);
    assert.strictEqual(globalThis[name], web[name], name);
    assert.strictEqual(Object.getOwnPropertyDescriptor(globalThis, name).enumerable, false, name);
  }
  assert.strictEqual(Object.prototype.toString.call(new ReadableStream()), '[object ReadableStream]');
  assert.strictEqual(ReadableStream.prototype[Symbol.asyncIterator], ReadableStream.prototype.values);
  assert.strictEqual(Object.getOwnPropertyDescriptor(ReadableStream.prototype, 'locked').enumerable, true);
});

test('constructor argument errors', () => {
  assert.throws(() => new ReadableStream(1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "source" argument must be of type object. Received type number (1)',
  });
  assert.throws(() => new ReadableStream(null), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new ReadableStream({ type: 'foo' }), {
    name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE', message: "The property 'source.type' is invalid. Received 'foo'",
  });
  assert.throws(() => new ReadableStream({ pull: 1 }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "source.pull" property must be of type function. Received type number (1)',
  });
  assert.throws(() => new ReadableStream({}, { highWaterMark: -1 }), {
    name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE',
    message: "The property 'strategy.highWaterMark' is invalid. Received -1",
  });
  assert.throws(() => new ReadableStream({}, { highWaterMark: NaN }), { name: 'RangeError' });
  assert.throws(() => new ReadableStream({}, { size: 1 }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "strategy.size" property must be of type function. Received type number (1)',
  });
  assert.throws(() => new ReadableStream({}, 1), {
    message: 'The "strategy" argument must be of type object. Received type number (1)',
  });
  assert.throws(() => new ReadableStream({ start() { throw new Error('start'); } }), { message: 'start' });
  assert.throws(() => new web.ReadableStreamDefaultController(), {
    name: 'TypeError', code: 'ERR_ILLEGAL_CONSTRUCTOR', message: 'Illegal constructor',
  });
  assert.throws(() => new ReadableStreamDefaultReader(1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "stream" argument must be an instance of ReadableStream. Received type number (1)',
  });
  assert.throws(() => ReadableStream.prototype.getReader.call({}), {
    code: 'ERR_INVALID_THIS', message: 'Value of "this" must be of type ReadableStream',
  });
  assert.throws(() => Object.getOwnPropertyDescriptor(ReadableStream.prototype, 'locked').get.call({}),
                { code: 'ERR_INVALID_THIS' });
});

test('inspect output', () => {
  const rs = new ReadableStream();
  assert.strictEqual(inspect(rs), "ReadableStream { locked: false, state: 'readable', supportsBYOB: false }");
  const reader = rs.getReader();
  // Promise internals differ between engines: compare up to the promise.
  assert.ok(inspect(reader).startsWith('ReadableStreamDefaultReader {\n' +
    "  stream: ReadableStream { locked: true, state: 'readable', supportsBYOB: false },\n" +
    '  readRequests: 0,\n' +
    '  close: Promise {'));
  let controller;
  new ReadableStream({ start(c) { controller = c; } });
  assert.strictEqual(inspect(controller), 'ReadableStreamDefaultController {}');
  assert.strictEqual(inspect({ a: new ReadableStream() }),
                     "{\n  a: ReadableStream { locked: false, state: 'readable', supportsBYOB: false }\n}");
  const closed = new ReadableStream({ start(c) { c.close(); } });
  assert.strictEqual(inspect(closed), "ReadableStream { locked: false, state: 'closed', supportsBYOB: false }");
});

test('reads what start enqueued, then done', async () => {
  const rs = new ReadableStream({
    start(c) {
      c.enqueue('a');
      c.enqueue('b');
      c.close();
    },
  });
  const reader = rs.getReader();
  assert.strictEqual(rs.locked, true);
  assert.deepStrictEqual(await reader.read(), { value: 'a', done: false });
  assert.deepStrictEqual(await reader.read(), { value: 'b', done: false });
  assert.deepStrictEqual(await reader.read(), { value: undefined, done: true });
  assert.deepStrictEqual(await reader.read(), { value: undefined, done: true });
  assert.strictEqual(await reader.closed, undefined);
  reader.releaseLock();
  assert.strictEqual(rs.locked, false);
});

test('locking errors', async () => {
  const rs = new ReadableStream();
  const reader = rs.getReader();
  assert.throws(() => rs.getReader(), {
    name: 'TypeError', code: 'ERR_INVALID_STATE', message: 'Invalid state: ReadableStream is locked',
  });
  assert.throws(() => rs.tee(), { code: 'ERR_INVALID_STATE' });
  assert.throws(() => rs.values(), { code: 'ERR_INVALID_STATE' });
  await assert.rejects(rs.cancel(), { code: 'ERR_INVALID_STATE', message: 'Invalid state: ReadableStream is locked' });
  const pending = reader.read();
  const closed = reader.closed;
  reader.releaseLock();
  await assert.rejects(pending, { code: 'ERR_INVALID_STATE', message: 'Invalid state: Releasing reader' });
  await assert.rejects(closed, { code: 'ERR_INVALID_STATE', message: 'Invalid state: Reader released' });
  await assert.rejects(reader.read(), {
    code: 'ERR_INVALID_STATE', message: 'Invalid state: The reader is not attached to a stream',
  });
  await assert.rejects(reader.cancel(), { code: 'ERR_INVALID_STATE' });
  reader.releaseLock();
  assert.throws(() => rs.getReader({ mode: 'foo' }), {
    code: 'ERR_INVALID_ARG_VALUE', message: "The property 'options.mode' is invalid. Received 'foo'",
  });
  assert.throws(() => rs.getReader({ mode: 'byob' }), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The argument 'stream' must be a byte stream. Received ReadableStream " +
      "{ locked: false, state: 'readable', supportsBYOB: false }",
  });
  assert.throws(() => rs.getReader(1), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('controller errors after close', () => {
  let controller;
  new ReadableStream({ start(c) { controller = c; } });
  controller.close();
  assert.throws(() => controller.close(), {
    code: 'ERR_INVALID_STATE', message: 'Invalid state: Controller is already closed',
  });
  assert.throws(() => controller.enqueue(1), { code: 'ERR_INVALID_STATE' });
  controller.error(new Error('ignored'));
  assert.strictEqual(controller.desiredSize, 0);
});

test('pull is called to fill the queue up to highWaterMark', async () => {
  const calls = [];
  let n = 0;
  const rs = new ReadableStream({
    pull(c) {
      calls.push(c.desiredSize);
      c.enqueue(n++);
      if (n === 5) c.close();
    },
  }, new CountQueuingStrategy({ highWaterMark: 3 }));
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepStrictEqual(calls, [3, 2, 1]);
  const values = [];
  for await (const v of rs) values.push(v);
  assert.deepStrictEqual(values, [0, 1, 2, 3, 4]);
});

test('size and desiredSize', () => {
  let controller;
  new ReadableStream({ start(c) { controller = c; } }, { highWaterMark: 10, size: (chunk) => chunk.length });
  assert.strictEqual(controller.desiredSize, 10);
  controller.enqueue('abcd');
  assert.strictEqual(controller.desiredSize, 6);
  controller.enqueue('abcdefghij');
  assert.strictEqual(controller.desiredSize, -4);
  let c2;
  new ReadableStream({ start(c) { c2 = c; } }, { size: () => -1 });
  assert.throws(() => c2.enqueue(1), {
    name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE', message: "The argument 'size' is invalid. Received -1",
  });
  assert.strictEqual(c2.desiredSize, null);
});

test('error rejects pending and later reads', async () => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const reader = rs.getReader();
  const read = reader.read();
  const err = new Error('boom');
  controller.error(err);
  await assert.rejects(read, err);
  await assert.rejects(reader.read(), err);
  await assert.rejects(reader.closed, err);
  assert.strictEqual(inspect(rs), "ReadableStream { locked: true, state: 'errored', supportsBYOB: false }");
  assert.strictEqual(controller.desiredSize, null);
});

test('cancel calls the source and resolves pending reads as done', async () => {
  let reason;
  const rs = new ReadableStream({ cancel(r) { reason = r; return 'ignored'; } });
  const reader = rs.getReader();
  const read = reader.read();
  assert.strictEqual(await reader.cancel('why'), undefined);
  assert.strictEqual(reason, 'why');
  assert.deepStrictEqual(await read, { value: undefined, done: true });
  await reader.closed;
  const failing = new ReadableStream({ cancel() { throw new Error('nope'); } });
  await assert.rejects(failing.cancel(), { message: 'nope' });
});

test('a rejected start promise errors the stream', async () => {
  const rs = new ReadableStream({ start() { return Promise.reject(new Error('late')); } });
  await assert.rejects(rs.getReader().read(), { message: 'late' });
});

test('async iteration: break cancels, preventCancel keeps the stream', async () => {
  let canceled = 0;
  const make = () => new ReadableStream({
    start(c) {
      c.enqueue(1);
      c.enqueue(2);
    },
    cancel() { canceled++; },
  });
  const rs = make();
  for await (const v of rs) {
    assert.strictEqual(v, 1);
    break;
  }
  assert.strictEqual(canceled, 1);
  assert.strictEqual(rs.locked, false);
  const kept = make();
  for await (const v of kept.values({ preventCancel: true })) {
    assert.strictEqual(v, 1);
    break;
  }
  assert.strictEqual(canceled, 1);
  assert.deepStrictEqual(await kept.getReader().read(), { value: 2, done: false });
  const it = make().values();
  assert.deepStrictEqual(await it.return('r'), { value: 'r', done: true });
  assert.deepStrictEqual(await it.next(), { value: undefined, done: true });
});

test('async iteration rethrows a stream error', async () => {
  const rs = new ReadableStream({ pull(c) { c.error(new Error('mid')); } });
  await assert.rejects(async () => {
    for await (const v of rs) assert.fail(v);
  }, { message: 'mid' });
});

test('ReadableStream.from', async () => {
  const collect = async (rs) => {
    const out = [];
    for await (const v of rs) out.push(v);
    return out;
  };
  assert.deepStrictEqual(await collect(ReadableStream.from([1, 2, 3])), [1, 2, 3]);
  assert.deepStrictEqual(await collect(ReadableStream.from(new Set(['a']))), ['a']);
  assert.deepStrictEqual(await collect(ReadableStream.from([Promise.resolve('p')])), ['p']);
  async function* gen() {
    yield 1;
    yield 2;
  }
  assert.deepStrictEqual(await collect(ReadableStream.from(gen())), [1, 2]);
  assert.throws(() => ReadableStream.from(1), {
    name: 'TypeError', code: 'ERR_ARG_NOT_ITERABLE', message: '1 must be iterable',
  });
  assert.throws(() => ReadableStream.from({}), { message: '{} must be iterable' });
  let finished = false;
  async function* endless() {
    try {
      for (;;) yield 0;
    } finally {
      finished = true;
    }
  }
  const rs = ReadableStream.from(endless());
  const reader = rs.getReader();
  await reader.read();
  await reader.cancel('stop');
  assert.strictEqual(finished, true);
  const failing = ReadableStream.from((async function* () { throw new Error('gen'); })());
  await assert.rejects(collect(failing), { message: 'gen' });
});

test('tee delivers every chunk to both branches', async () => {
  const rs = ReadableStream.from(['x', 'y', 'z']);
  const [a, b] = rs.tee();
  assert.strictEqual(rs.locked, true);
  const read = async (s) => {
    const out = [];
    for await (const v of s) out.push(v);
    return out;
  };
  assert.deepStrictEqual(await Promise.all([read(a), read(b)]), [['x', 'y', 'z'], ['x', 'y', 'z']]);
});

test('tee cancels the source only when both branches cancel', async () => {
  let reason;
  const rs = new ReadableStream({ cancel(r) { reason = r; } });
  const [a, b] = rs.tee();
  const first = a.cancel('a');
  assert.strictEqual(reason, undefined);
  await b.cancel('b');
  await first;
  assert.deepStrictEqual(reason, ['a', 'b']);
});

test('tee forwards an error to both branches', async () => {
  let controller;
  const rs = new ReadableStream({ start(c) { controller = c; } });
  const [a, b] = rs.tee();
  const err = new Error('tee');
  controller.error(err);
  await assert.rejects(a.getReader().read(), err);
  await assert.rejects(b.getReader().closed, err);
});
