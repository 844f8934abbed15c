'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const { ReadableStream, WritableStream, TransformStream } = require('node:stream/web');

function sink(log, extra = {}) {
  return new WritableStream({
    write(chunk) { log.push(chunk); },
    close() { log.push('close'); },
    abort(reason) { log.push(`abort ${reason}`); },
    ...extra,
  });
}

test('pipeTo copies every chunk and closes the destination', async () => {
  const log = [];
  const source = ReadableStream.from(['a', 'b', 'c']);
  await source.pipeTo(sink(log));
  assert.deepStrictEqual(log, ['a', 'b', 'c', 'close']);
  assert.strictEqual(source.locked, false);
});

test('preventClose leaves the destination open and unlocked', async () => {
  const log = [];
  const dest = sink(log);
  await ReadableStream.from(['a']).pipeTo(dest, { preventClose: true });
  assert.deepStrictEqual(log, ['a']);
  assert.strictEqual(dest.locked, false);
  const writer = dest.getWriter();
  await writer.write('b');
  assert.deepStrictEqual(log, ['a', 'b']);
});

test('a source error aborts the destination unless preventAbort', async () => {
  const err = new Error('src');
  const failing = () => new ReadableStream({ start(c) { c.enqueue('x'); c.error(err); } });
  const log = [];
  await assert.rejects(failing().pipeTo(sink(log)), err);
  assert.deepStrictEqual(log, ['abort Error: src']);
  const log2 = [];
  const dest = sink(log2);
  await assert.rejects(failing().pipeTo(dest, { preventAbort: true }), err);
  assert.deepStrictEqual(log2, []);
  assert.strictEqual(dest.locked, false);
});

test('a destination error cancels the source unless preventCancel', async () => {
  const reasons = [];
  const source = () => new ReadableStream({
    pull(c) { c.enqueue(1); },
    cancel(r) { reasons.push(r.message); },
  });
  const bad = () => new WritableStream({ write() { throw new Error('dst'); } });
  await assert.rejects(source().pipeTo(bad()), { message: 'dst' });
  assert.deepStrictEqual(reasons, ['dst']);
  const kept = source();
  await assert.rejects(kept.pipeTo(bad(), { preventCancel: true }), { message: 'dst' });
  assert.deepStrictEqual(reasons, ['dst']);
  assert.strictEqual(kept.locked, false);
});

test('piping into a closed destination cancels the source', async () => {
  const dest = new WritableStream();
  await dest.close();
  let reason;
  const source = new ReadableStream({ cancel(r) { reason = r; } });
  await assert.rejects(source.pipeTo(dest), { name: 'TypeError' });
  assert.strictEqual(reason.name, 'TypeError');
});

test('an abort signal stops the pipe', async () => {
  const ac = new AbortController();
  const log = [];
  let canceled;
  let n = 0;
  const source = new ReadableStream({
    pull(c) { c.enqueue(n++); },
    cancel(r) { canceled = r; },
  });
  const dest = new WritableStream({
    write(chunk) {
      log.push(chunk);
      if (log.length === 3) ac.abort();
    },
    abort(r) { log.push(r.name); },
  });
  await assert.rejects(source.pipeTo(dest, { signal: ac.signal }), { name: 'AbortError' });
  assert.deepStrictEqual(log.slice(0, 3), [0, 1, 2]);
  assert.strictEqual(log.at(-1), 'AbortError');
  assert.strictEqual(canceled.name, 'AbortError');
  const already = AbortSignal.abort('early');
  await assert.rejects(ReadableStream.from([1]).pipeTo(new WritableStream(), { signal: already }),
                       (e) => e === 'early');
});

test('argument and lock errors', async () => {
  const rs = new ReadableStream();
  await assert.rejects(rs.pipeTo(1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "transform.writable" property must be an instance of WritableStream. Received type number (1)',
  });
  await assert.rejects(rs.pipeTo(new WritableStream(), { signal: 1 }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.signal" property must be an instance of AbortSignal. Received type number (1)',
  });
  await assert.rejects(rs.pipeTo(new WritableStream(), 1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => rs.pipeThrough(1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "transform.readable" property must be an instance of ReadableStream. Received undefined',
  });
  rs.getReader();
  await assert.rejects(rs.pipeTo(new WritableStream()), {
    code: 'ERR_INVALID_STATE', message: 'Invalid state: The ReadableStream is locked',
  });
  assert.throws(() => rs.pipeThrough(new TransformStream()), {
    code: 'ERR_INVALID_STATE', message: 'Invalid state: The ReadableStream is locked',
  });
  const ws = new WritableStream();
  ws.getWriter();
  await assert.rejects(new ReadableStream().pipeTo(ws), {
    code: 'ERR_INVALID_STATE', message: 'Invalid state: The WritableStream is locked',
  });
});

test('pipeThrough chains transforms and respects backpressure', async () => {
  let pulls = 0;
  const source = new ReadableStream({
    pull(c) {
      pulls++;
      c.enqueue(pulls);
      if (pulls === 100) c.close();
    },
  });
  const double = new TransformStream({ transform(chunk, c) { c.enqueue(chunk * 2); } });
  const out = source.pipeThrough(double);
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(pulls < 10, `pulled ${pulls} chunks without a reader`);
  let sum = 0;
  for await (const v of out) sum += v;
  assert.strictEqual(sum, 10100);
});
