'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { inspect } = require('node:util');
const { TransformStream, TextEncoderStream, TextDecoderStream, ReadableStream } = require('node:stream/web');

async function collect(readable) {
  const out = [];
  for await (const chunk of readable) out.push(chunk);
  return out;
}

test('constructor errors and inspect', () => {
  assert.throws(() => new TransformStream(1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "transformer" argument must be of type object. Received type number (1)',
  });
  assert.throws(() => new TransformStream({ readableType: 'bytes' }), {
    name: 'RangeError', message: "The property 'transformer.readableType' is invalid. Received 'bytes'",
  });
  assert.throws(() => new TransformStream({ writableType: 'bytes' }), { name: 'RangeError' });
  assert.strictEqual(inspect(new TransformStream()), 'TransformStream {\n' +
    "  readable: ReadableStream { locked: false, state: 'readable', supportsBYOB: false },\n" +
    "  writable: WritableStream { locked: false, state: 'writable' },\n" +
    '  backpressure: true\n}');
});

test('identity transform passes chunks through', async () => {
  const ts = new TransformStream();
  const writer = ts.writable.getWriter();
  writer.write('a');
  writer.write('b');
  writer.close();
  assert.deepStrictEqual(await collect(ts.readable), ['a', 'b']);
});

test('transform, flush and start run in order', async () => {
  const log = [];
  const ts = new TransformStream({
    start(c) {
      log.push('start');
      c.enqueue('first');
    },
    transform(chunk, c) {
      log.push(`transform ${chunk}`);
      c.enqueue(chunk.toUpperCase());
      c.enqueue(chunk);
    },
    flush(c) {
      log.push('flush');
      c.enqueue('last');
    },
  });
  const done = ReadableStream.from(['x', 'y']).pipeTo(ts.writable);
  assert.deepStrictEqual(await collect(ts.readable), ['first', 'X', 'x', 'Y', 'y', 'last']);
  await done;
  assert.deepStrictEqual(log, ['start', 'transform x', 'transform y', 'flush']);
});

test('errors from transform error both sides', async () => {
  const ts = new TransformStream({ transform() { throw new Error('tx'); } });
  const writer = ts.writable.getWriter();
  const reader = ts.readable.getReader();
  // The write waits for a read: the readable side starts with backpressure.
  const write = writer.write(1);
  const read = reader.read();
  await assert.rejects(write, { message: 'tx' });
  await assert.rejects(read, { message: 'tx' });
  await assert.rejects(writer.closed, { message: 'tx' });
});

test('terminate closes the readable and errors the writable', async () => {
  let controller;
  const ts = new TransformStream({ start(c) { controller = c; } });
  controller.enqueue('kept');
  controller.terminate();
  assert.throws(() => controller.enqueue(1), {
    code: 'ERR_INVALID_STATE', message: 'Invalid state: Unable to enqueue',
  });
  assert.deepStrictEqual(await collect(ts.readable), ['kept']);
  await assert.rejects(ts.writable.getWriter().closed, { code: 'ERR_INVALID_STATE', name: 'TypeError' });
});

test('desiredSize and readableStrategy', async () => {
  let controller;
  const ts = new TransformStream({ start(c) { controller = c; } }, undefined, { highWaterMark: 2 });
  assert.strictEqual(controller.desiredSize, 2);
  controller.enqueue(1);
  assert.strictEqual(controller.desiredSize, 1);
  assert.ok(inspect(controller).startsWith('TransformStreamDefaultController {\n  stream: TransformStream {'));
});

test('cancel runs at once, abort after start; both reach transformer.cancel', async () => {
  const log = [];
  const ts = new TransformStream({ cancel(r) { log.push(`cancel ${r}`); } });
  ts.writable.getWriter().abort('A').then(() => log.push('abort resolved'));
  ts.readable.getReader().closed.catch((e) => log.push(`readable errored ${e}`));
  const ts2 = new TransformStream({ cancel(r) { log.push(`cancel2 ${r}`); } });
  ts2.readable.cancel('B').then(() => log.push('cancel2 resolved'));
  ts2.writable.getWriter().closed.catch((e) => log.push(`writable2 errored ${e}`));
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepStrictEqual(log, [
    'cancel2 B', 'cancel A', 'cancel2 resolved', 'writable2 errored B', 'readable errored A', 'abort resolved',
  ]);
});

test('TextEncoderStream', async () => {
  const tes = new TextEncoderStream();
  assert.strictEqual(tes.encoding, 'utf-8');
  assert.ok(inspect(tes).startsWith("TextEncoderStream {\n  encoding: 'utf-8',\n  readable: ReadableStream {"));
  const writer = tes.writable.getWriter();
  writer.write('a\uD83D');
  writer.write('\uDE00b');
  writer.write('');
  writer.write('\uD800');
  writer.close();
  const chunks = (await collect(tes.readable)).map((c) => [...c]);
  assert.deepStrictEqual(chunks, [[97], [240, 159, 152, 128, 98], [239, 191, 189]]);
});

test('TextDecoderStream', async () => {
  const tds = new TextDecoderStream();
  assert.deepStrictEqual([tds.encoding, tds.fatal, tds.ignoreBOM], ['utf-8', false, false]);
  assert.ok(inspect(tds).startsWith("TextDecoderStream {\n  encoding: 'utf-8',\n  fatal: false,\n  ignoreBOM: false,"));
  const writer = tds.writable.getWriter();
  writer.write(new Uint8Array([0xe2, 0x82]));
  writer.write(new Uint8Array([0xac, 0x41]));
  writer.write(new Uint8Array([0xe2]));
  writer.close();
  assert.deepStrictEqual(await collect(tds.readable), ['€A', '\ufffd']);
  assert.throws(() => new TextDecoderStream('nope'), {
    name: 'RangeError', code: 'ERR_ENCODING_NOT_SUPPORTED', message: 'The "nope" encoding is not supported',
  });
  const latin = new TextDecoderStream('latin1');
  assert.strictEqual(latin.encoding, 'windows-1252');
  const fatal = new TextDecoderStream('utf-8', { fatal: true });
  const w = fatal.writable.getWriter();
  const r = fatal.readable.getReader();
  await assert.rejects(Promise.all([w.write(new Uint8Array([0xff])), r.read()]), {
    name: 'TypeError', code: 'ERR_ENCODING_INVALID_ENCODED_DATA',
  });
});

test('pipeThrough a text pipeline', async () => {
  const source = ReadableStream.from(['héllo ', 'wörld']);
  const out = source.pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream());
  assert.deepStrictEqual((await collect(out)).join(''), 'héllo wörld');
});
