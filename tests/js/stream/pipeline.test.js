'use strict';
// pipeline(), finished(), stream/promises, compose and error propagation.
const test = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, Transform, PassThrough, pipeline, finished, compose, addAbortSignal } = require('node:stream');
const promises = require('node:stream/promises');

function sink(out) {
  return new Writable({ objectMode: true, write(c, e, cb) { out.push(c); cb(); } });
}

test('pipeline() through a Transform calls back once with no error', async () => {
  const out = [];
  const err = await new Promise((resolve) => {
    pipeline(
      Readable.from([1, 2, 3]),
      new Transform({ objectMode: true, transform(c, e, cb) { cb(null, c * 10); } }),
      sink(out),
      resolve);
  });
  assert.strictEqual(err, undefined);
  assert.deepStrictEqual(out, [10, 20, 30]);
});

test('an error in the middle destroys every stream and reaches the callback', async () => {
  const src = new Readable({ objectMode: true, read() { this.push('x'); } });
  const mid = new Transform({ objectMode: true, transform(c, e, cb) { cb(new Error('mid failed')); } });
  const dst = sink([]);
  const err = await new Promise((resolve) => pipeline(src, mid, dst, resolve));
  assert.strictEqual(err.message, 'mid failed');
  assert.strictEqual(src.destroyed, true);
  assert.strictEqual(mid.destroyed, true);
  assert.strictEqual(dst.destroyed, true);
});

test('a destination closed early is ERR_STREAM_PREMATURE_CLOSE', async () => {
  const src = new Readable({ objectMode: true, read() {} });
  const dst = sink([]);
  const p = new Promise((resolve) => pipeline(src, dst, resolve));
  dst.destroy();
  const err = await p;
  assert.strictEqual(err.code, 'ERR_STREAM_PREMATURE_CLOSE');
  assert.strictEqual(err.message, 'Premature close');
});

test('stream/promises pipeline with async generator stages', async () => {
  const out = [];
  await promises.pipeline(
    Readable.from(['a', 'b']),
    async function* (source) {
      for await (const chunk of source) yield chunk.toUpperCase();
    },
    async function* (source) {
      for await (const chunk of source) yield `${chunk}!`;
    },
    sink(out));
  assert.deepStrictEqual(out, ['A!', 'B!']);
});

test('pipeline ending in an async function resolves to its value', async () => {
  const result = await promises.pipeline(Readable.from([1, 2, 3]), async (source) => {
    let sum = 0;
    for await (const n of source) sum += n;
    return sum;
  });
  assert.strictEqual(result, 6);
});

test('pipeline aborted by a signal rejects with AbortError', async () => {
  const ac = new AbortController();
  const src = new Readable({ objectMode: true, read() {} });
  const p = promises.pipeline(src, sink([]), { signal: ac.signal });
  ac.abort();
  await assert.rejects(p, { name: 'AbortError', code: 'ABORT_ERR', message: 'The operation was aborted' });
  assert.strictEqual(src.destroyed, true);
});

test('pipeline validates its arguments', () => {
  assert.throws(() => pipeline(Readable.from([]), sink([])), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "streams[stream.length - 1]" property must be of type function. Received an instance of Writable',
  });
  assert.throws(() => pipeline(Readable.from([]), () => {}), { code: 'ERR_MISSING_ARGS', message: 'The "streams" argument must be specified' });
});

test('finished() reports end, errors and premature close', async () => {
  const r = Readable.from([1]);
  r.resume();
  assert.strictEqual(await new Promise((resolve) => finished(r, resolve)), undefined);

  const e = new PassThrough();
  const p = new Promise((resolve) => finished(e, resolve));
  e.destroy(new Error('gone'));
  assert.strictEqual((await p).message, 'gone');

  const w = new Writable({ objectMode: true, write(c, en, cb) { cb(); } });
  const q = new Promise((resolve) => finished(w, resolve));
  w.destroy();
  assert.strictEqual((await q).code, 'ERR_STREAM_PREMATURE_CLOSE');

  const done = Readable.from(['x']);
  done.resume();
  await promises.finished(done);
});

test('compose() joins streams and generators into one Duplex', async () => {
  const double = compose(
    new Transform({ objectMode: true, transform(c, e, cb) { cb(null, c * 2); } }),
    async function* (source) { for await (const c of source) yield c + 1; });
  const out = await Readable.from([1, 2, 3]).pipe(double).toArray();
  assert.deepStrictEqual(out, [3, 5, 7]);
});

test('addAbortSignal destroys the stream with an AbortError', async () => {
  const ac = new AbortController();
  const r = addAbortSignal(ac.signal, new Readable({ objectMode: true, read() {} }));
  const err = new Promise((resolve) => r.on('error', resolve));
  ac.abort();
  const e = await err;
  assert.strictEqual(e.name, 'AbortError');
  assert.strictEqual(r.destroyed, true);
  assert.throws(() => addAbortSignal('x', r), { code: 'ERR_INVALID_ARG_TYPE' });
});
