'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { inspect } = require('node:util');
const { ReadableStream, ReadableStreamBYOBReader } = require('node:stream/web');

function byteSource(bytes, chunkSize) {
  let offset = 0;
  return new ReadableStream({
    type: 'bytes',
    pull(c) {
      if (offset >= bytes.length) {
        c.close();
        c.byobRequest?.respond(0);
        return;
      }
      const req = c.byobRequest;
      if (req) {
        const n = Math.min(chunkSize, req.view.byteLength, bytes.length - offset);
        req.view.set(bytes.subarray(offset, offset + n));
        offset += n;
        req.respond(n);
      } else {
        const n = Math.min(chunkSize, bytes.length - offset);
        c.enqueue(bytes.slice(offset, offset + n));
        offset += n;
      }
    },
  });
}

test('byte stream basics and inspect', async () => {
  const rs = new ReadableStream({ type: 'bytes' });
  assert.strictEqual(inspect(rs), "ReadableStream { locked: false, state: 'readable', supportsBYOB: true }");
  const reader = rs.getReader({ mode: 'byob' });
  assert.ok(reader instanceof ReadableStreamBYOBReader);
  assert.ok(inspect(reader).startsWith('ReadableStreamBYOBReader {\n' +
    "  stream: ReadableStream { locked: true, state: 'readable', supportsBYOB: true },\n" +
    '  readIntoRequests: 0,'));
  assert.throws(() => new ReadableStream({ type: 'bytes' }, { size() {} }), {
    name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE',
  });
  assert.throws(() => new ReadableStream({ type: 'bytes', autoAllocateChunkSize: 0 }), {
    name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE',
    message: "The property 'source.autoAllocateChunkSize' is invalid. Received 0",
  });
});

test('enqueue validation', () => {
  let controller;
  new ReadableStream({ type: 'bytes', start(c) { controller = c; } });
  assert.throws(() => controller.enqueue(1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "buffer" argument must be an instance of Buffer, TypedArray, or DataView. Received type number (1)',
  });
  assert.throws(() => controller.enqueue(new Uint8Array(0)), {
    code: 'ERR_INVALID_STATE', message: 'Invalid state: chunk ArrayBuffer is zero-length or detached',
  });
  assert.strictEqual(inspect(controller), 'ReadableByteStreamController {}');
  controller.close();
  assert.throws(() => controller.close(), { code: 'ERR_INVALID_STATE' });
});

test('enqueue transfers the chunk buffer; default reads get Uint8Arrays', async () => {
  let controller;
  const rs = new ReadableStream({ type: 'bytes', start(c) { controller = c; } });
  const chunk = new Uint16Array([1, 2]);
  controller.enqueue(chunk);
  assert.strictEqual(chunk.byteLength, 0);
  const { value, done } = await rs.getReader().read();
  assert.strictEqual(done, false);
  assert.ok(value instanceof Uint8Array);
  assert.deepStrictEqual([...value], [1, 0, 2, 0]);
});

test('BYOB reads fill the given view and detach it', async () => {
  const rs = byteSource(new Uint8Array([1, 2, 3, 4, 5, 6, 7]), 3);
  const reader = rs.getReader({ mode: 'byob' });
  const view = new Uint8Array(8);
  const first = await reader.read(view);
  assert.strictEqual(view.byteLength, 0);
  assert.deepStrictEqual([...first.value], [1, 2, 3]);
  assert.strictEqual(first.value.buffer.byteLength, 8);
  const second = await reader.read(new Uint8Array(first.value.buffer, 3, 5));
  assert.deepStrictEqual([...second.value], [4, 5, 6]);
  assert.strictEqual(second.value.byteOffset, 3);
  assert.deepStrictEqual([...(await reader.read(new Uint8Array(4))).value], [7]);
  const end = await reader.read(new Uint8Array(4));
  assert.strictEqual(end.done, true);
  assert.ok(end.value instanceof Uint8Array);
  assert.strictEqual(end.value.byteLength, 0);
});

test('BYOB read with min waits for enough bytes; typed views keep their type', async () => {
  const rs = byteSource(Uint8Array.from({ length: 10 }, (_, i) => i), 2);
  const reader = rs.getReader({ mode: 'byob' });
  const { value } = await reader.read(new Uint8Array(8), { min: 5 });
  assert.deepStrictEqual([...value], [0, 1, 2, 3, 4, 5]);
  const u16 = await reader.read(new Uint16Array(1));
  assert.ok(u16.value instanceof Uint16Array);
  assert.deepStrictEqual([...new Uint8Array(u16.value.buffer)], [6, 7]);
  const dv = await reader.read(new DataView(new ArrayBuffer(4)));
  assert.ok(dv.value instanceof DataView);
  assert.strictEqual(dv.value.byteLength, 2);
});

test('BYOB read argument errors', async () => {
  const reader = new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' });
  await assert.rejects(reader.read(), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "view" argument must be an instance of Buffer, TypedArray, or DataView. Received undefined',
  });
  await assert.rejects(reader.read(new Uint8Array(0)), {
    code: 'ERR_INVALID_STATE', message: 'Invalid state: View or Viewed ArrayBuffer is zero-length or detached',
  });
  await assert.rejects(reader.read(new Uint8Array(4), { min: 5 }), {
    name: 'RangeError', code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "options.min" is out of range. It must be <= view.length. Received 5',
  });
  await assert.rejects(reader.read(new Uint8Array(4), { min: 0 }), {
    name: 'TypeError', code: 'ERR_INVALID_ARG_VALUE',
    message: "The property 'options.min' must be greater than 0. Received 0",
  });
  assert.throws(() => new ReadableStreamBYOBReader(new ReadableStream()), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('byobRequest: view, respond errors, invalidation', async () => {
  let controller;
  const rs = new ReadableStream({ type: 'bytes', start(c) { controller = c; } });
  assert.strictEqual(controller.byobRequest, null);
  const read = rs.getReader({ mode: 'byob' }).read(new Uint8Array(4));
  const req = controller.byobRequest;
  assert.strictEqual(controller.byobRequest, req);
  assert.strictEqual(req.view.byteLength, 4);
  assert.strictEqual(inspect(req), 'ReadableStreamBYOBRequest {\n' +
    '  view: Uint8Array(4) [ 0, 0, 0, 0 ],\n' +
    '  controller: ReadableByteStreamController {}\n}');
  assert.throws(() => req.respond(10), {
    name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE', message: "The argument 'bytesWritten' is invalid. Received 10",
  });
  assert.throws(() => req.respondWithNewView(new Uint8Array(2)), {
    name: 'RangeError', code: 'ERR_INVALID_ARG_VALUE',
  });
  req.view[0] = 42;
  req.respond(1);
  assert.strictEqual(req.view, null);
  assert.throws(() => req.respond(1), {
    code: 'ERR_INVALID_STATE', message: 'Invalid state: This BYOB request has been invalidated',
  });
  assert.deepStrictEqual([...(await read).value], [42]);
});

test('autoAllocateChunkSize gives default readers a byobRequest', async () => {
  const sizes = [];
  const rs = new ReadableStream({
    type: 'bytes',
    autoAllocateChunkSize: 16,
    pull(c) {
      sizes.push(c.byobRequest.view.byteLength);
      c.byobRequest.view[0] = 9;
      c.byobRequest.respond(1);
    },
  });
  const { value } = await rs.getReader().read();
  assert.deepStrictEqual([...value], [9]);
  assert.strictEqual(value.buffer.byteLength, 16);
  assert.deepStrictEqual(sizes, [16]);
});

test('close with a pending BYOB read resolves it done after respond(0)', async () => {
  let controller;
  const rs = new ReadableStream({ type: 'bytes', start(c) { controller = c; } });
  const read = rs.getReader({ mode: 'byob' }).read(new Uint8Array(2));
  controller.close();
  controller.byobRequest.respond(0);
  const { value, done } = await read;
  assert.strictEqual(done, true);
  assert.strictEqual(value.byteLength, 0);
  assert.strictEqual(value.buffer.byteLength, 2);
});

test('tee of a byte stream gives independent copies', async () => {
  const [a, b] = byteSource(new Uint8Array([1, 2, 3, 4, 5]), 2).tee();
  assert.strictEqual(inspect(a), "ReadableStream { locked: false, state: 'readable', supportsBYOB: true }");
  const readAll = async (rs) => {
    const out = [];
    for await (const chunk of rs) out.push(...chunk);
    return out;
  };
  const ra = a.getReader({ mode: 'byob' });
  const first = await ra.read(new Uint8Array(1));
  assert.deepStrictEqual([...first.value], [1]);
  ra.releaseLock();
  const [restA, allB] = await Promise.all([readAll(a), readAll(b)]);
  assert.deepStrictEqual([1, ...restA], [1, 2, 3, 4, 5]);
  assert.deepStrictEqual(allB, [1, 2, 3, 4, 5]);
});

test('Blob.prototype.stream is a byte stream over the blob', async () => {
  const blob = new Blob(['hello ', 'world']);
  const rs = blob.stream();
  assert.ok(rs instanceof ReadableStream);
  assert.strictEqual(inspect(rs), "ReadableStream { locked: false, state: 'readable', supportsBYOB: true }");
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of rs) text += decoder.decode(chunk, { stream: true });
  assert.strictEqual(text, 'hello world');
  const reader = blob.stream().getReader({ mode: 'byob' });
  assert.deepStrictEqual(Buffer.from((await reader.read(new Uint8Array(5))).value).toString(), 'hello');
  let rest = '';
  for (;;) {
    const { value, done } = await reader.read(new Uint8Array(64));
    if (done) break;
    rest += Buffer.from(value).toString();
  }
  assert.strictEqual(rest, ' world');
  const empty = await new Blob([]).stream().getReader().read();
  assert.deepStrictEqual(empty, { value: undefined, done: true });
});
