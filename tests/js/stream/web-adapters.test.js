'use strict';
// Readable/Writable/Duplex .fromWeb and .toWeb, and pipeline's { end: false }.
const test = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, Duplex, PassThrough } = require('stream');
const { pipeline } = require('stream/promises');

test('Readable.fromWeb reads the web stream', async () => {
  const r = Readable.fromWeb(new ReadableStream({
    start(c) {
      c.enqueue('x');
      c.enqueue(new Uint8Array([1]));
      c.close();
    },
  }));
  assert.ok(r instanceof Readable);
  assert.deepStrictEqual([r.readableObjectMode, r.readableHighWaterMark], [false, 16384]);
  assert.deepStrictEqual(await r.toArray(), [Buffer.from([0x78, 1])]);
  const text = Readable.fromWeb(new ReadableStream({
    start(c) {
      c.enqueue('x');
      c.close();
    },
  }), { encoding: 'utf8' });
  assert.deepStrictEqual(await text.toArray(), ['x']);
  const objects = Readable.fromWeb(new ReadableStream({
    start(c) {
      c.enqueue({ a: 1 });
      c.close();
    },
  }), { objectMode: true });
  assert.deepStrictEqual(await objects.toArray(), [{ a: 1 }]);
});

test('Readable.fromWeb errors and cancels', async () => {
  const failing = Readable.fromWeb(new ReadableStream({
    pull(c) {
      c.error(new Error('web failure'));
    },
  }));
  await assert.rejects(failing.toArray(), { message: 'web failure' });
  let reason;
  const r = Readable.fromWeb(new ReadableStream({
    pull(c) {
      c.enqueue(new Uint8Array([1]));
    },
    cancel(why) {
      reason = why;
    },
  }));
  const err = new Error('stop');
  r.on('error', () => {});
  r.destroy(err);
  await new Promise((resolve) => r.on('close', resolve));
  assert.strictEqual(reason, err);
});

test('Readable.toWeb', async () => {
  const rs = Readable.toWeb(Readable.from(['a', 'b']));
  assert.ok(rs instanceof ReadableStream);
  const reader = rs.getReader();
  assert.deepStrictEqual(await reader.read(), { value: 'a', done: false });
  assert.deepStrictEqual(await reader.read(), { value: 'b', done: false });
  assert.deepStrictEqual(await reader.read(), { value: undefined, done: true });

  const bytes = Readable.toWeb(new Readable({
    read() {
      this.push(Buffer.from('hi'));
      this.push(null);
    },
  }));
  const chunks = [];
  for await (const chunk of bytes) chunks.push(chunk);
  assert.strictEqual(chunks.length, 1);
  assert.deepStrictEqual([...chunks[0]], [104, 105]);

  const source = new Readable({ read() {} });
  const cancelled = Readable.toWeb(source);
  await cancelled.cancel(new Error('no more'));
  assert.strictEqual(source.destroyed, true);

  const broken = new Readable({ read() {} });
  const rs2 = Readable.toWeb(broken);
  broken.destroy(new Error('node failure'));
  await assert.rejects(rs2.getReader().read(), { message: 'node failure' });
});

test('Writable.fromWeb and Writable.toWeb', async () => {
  const chunks = [];
  const ws = new WritableStream({ write(c) { chunks.push(c); } });
  const w = Writable.fromWeb(ws);
  assert.deepStrictEqual([w.writableObjectMode, w.writableHighWaterMark], [false, 16384]);
  w.write('hi');
  w.end(Buffer.from('yo'));
  await new Promise((resolve) => w.on('finish', resolve));
  assert.deepStrictEqual(chunks, [Buffer.from('hi'), Buffer.from('yo')]);

  const got = [];
  const sink = new Writable({
    write(chunk, encoding, cb) {
      got.push(chunk);
      cb();
    },
  });
  const web = Writable.toWeb(sink);
  assert.ok(web instanceof WritableStream);
  const writer = web.getWriter();
  await writer.write(new Uint8Array([1, 2]));
  await writer.write('s');
  await writer.close();
  assert.deepStrictEqual(got, [Buffer.from([1, 2]), Buffer.from('s')]);
  assert.strictEqual(sink.writableFinished, true);

  let abortedWith;
  const aborting = Writable.fromWeb(new WritableStream({ abort(reason) { abortedWith = reason; } }));
  const err = new Error('abort it');
  aborting.on('error', () => {});
  aborting.destroy(err);
  await new Promise((resolve) => aborting.on('close', resolve));
  assert.strictEqual(abortedWith, err);
});

test('Duplex.fromWeb and Duplex.toWeb', async () => {
  const written = [];
  const d = Duplex.fromWeb({
    readable: new ReadableStream({
      start(c) {
        c.enqueue(new Uint8Array([65]));
        c.close();
      },
    }),
    writable: new WritableStream({ write(c) { written.push(c); } }),
  }, { encoding: 'utf8' });
  assert.strictEqual(d.constructor.name, 'Duplex');
  d.end('w');
  assert.deepStrictEqual(await d.toArray(), ['A']);
  assert.deepStrictEqual(written, [Buffer.from('w')]);

  const pair = Duplex.toWeb(new PassThrough());
  assert.deepStrictEqual(Object.keys(pair), ['writable', 'readable']);
  const writer = pair.writable.getWriter();
  const reader = pair.readable.getReader();
  await writer.write(new Uint8Array([7]));
  const { value } = await reader.read();
  assert.deepStrictEqual([...value], [7]);
  await writer.close();
  assert.deepStrictEqual(await reader.read(), { value: undefined, done: true });
});

test('the adapters validate their arguments', () => {
  assert.throws(() => Readable.fromWeb(5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "readableStream" argument must be an instance of ReadableStream. Received type number (5)',
  });
  assert.throws(() => Readable.toWeb(5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "streamReadable" argument must be an stream.Readable. Received type number (5)',
  });
  assert.throws(() => Writable.fromWeb(5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "writableStream" argument must be an instance of WritableStream. Received type number (5)',
  });
  assert.throws(() => Writable.toWeb(5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "streamWritable" argument must be an stream.Writable. Received type number (5)',
  });
  assert.throws(() => Duplex.fromWeb(5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "pair" argument must be of type object. Received type number (5)',
  });
  assert.throws(() => Duplex.toWeb(5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "duplex" argument must be an stream.Duplex. Received type number (5)',
  });
});

test('pipeline with { end: false } leaves the destination open', async () => {
  const got = [];
  const sink = new Writable({
    write(chunk, encoding, cb) {
      got.push(chunk.toString());
      cb();
    },
  });
  await pipeline(Readable.from(['a', 'b']), sink, { end: false });
  assert.strictEqual(sink.writableEnded, false);
  await pipeline(Readable.from(['c']), sink, { end: false });
  assert.deepStrictEqual(got, ['a', 'b', 'c']);
  sink.end();

  const sink2 = new PassThrough({ objectMode: true });
  await pipeline(Readable.from([1, 2]), async function*(source) {
    for await (const x of source) yield x * 2;
  }, sink2, { end: false });
  assert.strictEqual(sink2.writableEnded, false);
  assert.deepStrictEqual([sink2.read(), sink2.read()], [2, 4]);

  const sink3 = new PassThrough({ objectMode: true });
  await pipeline(async function*() {
    yield 'x';
  }, sink3, { end: false });
  assert.strictEqual(sink3.writableEnded, false);
  assert.strictEqual(sink3.read(), 'x');
});
