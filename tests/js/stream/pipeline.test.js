'use strict';
const test = require('node:test');
const assert = require('node:assert');
const stream = require('stream');
const { Readable, Writable, Transform, PassThrough, pipeline, finished } = stream;
const promises = require('stream/promises');

function collector(out) {
  return new Writable({
    objectMode: true,
    write(chunk, enc, cb) {
      out.push(String(chunk));
      cb();
    },
  });
}

test('pipeline with a callback', async () => {
  const out = [];
  const err = await new Promise((resolve) => {
    pipeline(Readable.from(['a', 'b']),
      new Transform({ objectMode: true, transform(c, e, cb) { cb(null, c.toUpperCase()); } }),
      collector(out), resolve);
  });
  assert.strictEqual(err, undefined);
  assert.deepStrictEqual(out, ['A', 'B']);
});

test('pipeline error destroys every stream', async () => {
  const src = new Readable({ read() {} });
  const mid = new PassThrough();
  const dst = new PassThrough();
  const err = await new Promise((resolve) => {
    pipeline(src, mid, dst, resolve);
    src.destroy(new Error('bad source'));
  });
  assert.strictEqual(err.message, 'bad source');
  assert.strictEqual(mid.destroyed, true);
  assert.strictEqual(dst.destroyed, true);
});

test('stream/promises pipeline with async generator stages', async () => {
  const out = [];
  await promises.pipeline(
    Readable.from(['x', 'y', 'z']),
    async function* (source) {
      for await (const chunk of source) yield `${chunk}!`;
    },
    collector(out),
  );
  assert.deepStrictEqual(out, ['x!', 'y!', 'z!']);
  const value = await promises.pipeline(Readable.from([1, 2, 3]), async (source) => {
    let sum = 0;
    for await (const n of source) sum += n;
    return sum;
  });
  assert.strictEqual(value, 6);
});

test('pipeline with an aborted signal', async () => {
  const ac = new AbortController();
  const p = promises.pipeline(new Readable({ read() {} }), new PassThrough(), { signal: ac.signal });
  ac.abort();
  await assert.rejects(p, { name: 'AbortError', code: 'ABORT_ERR' });
});

test('pipeline needs two streams', () => {
  assert.throws(() => pipeline(new PassThrough(), () => {}), {
    code: 'ERR_MISSING_ARGS',
    message: 'The "streams" argument must be specified',
  });
});

test('finished reports end, premature close and errors', async () => {
  const r = Readable.from(['a']);
  r.resume();
  assert.strictEqual(await new Promise((resolve) => finished(r, resolve)), undefined);
  const p = new PassThrough();
  const closeErr = new Promise((resolve) => finished(p, resolve));
  p.destroy();
  assert.strictEqual((await closeErr).code, 'ERR_STREAM_PREMATURE_CLOSE');
  const w = new Writable({ write(c, e, cb) { cb(new Error('nope')); } });
  w.on('error', () => {});
  const writeErr = new Promise((resolve) => finished(w, resolve));
  w.write('x');
  assert.strictEqual((await writeErr).message, 'nope');
  await promises.finished(Readable.from([]).resume());
});

test('async iteration and Readable.from', async () => {
  const got = [];
  for await (const v of Readable.from([1, 2, 3])) got.push(v);
  assert.deepStrictEqual(got, [1, 2, 3]);
  const strings = [];
  for await (const s of Readable.from('whole')) strings.push(s);
  assert.deepStrictEqual(strings, ['whole']);
  const r = new Readable({ read() {} });
  r.push('a');
  r.push('b');
  setImmediate(() => r.push(null));
  const chunks = [];
  for await (const c of r) chunks.push(String(c));
  assert.deepStrictEqual(chunks, ['ab']);
  const early = Readable.from([1, 2, 3]);
  for await (const v of early) { assert.strictEqual(v, 1); break; }
  assert.strictEqual(early.destroyed, true);
});

test('addAbortSignal and predicates', async () => {
  const ac = new AbortController();
  const r = stream.addAbortSignal(ac.signal, new Readable({ read() {} }));
  assert.strictEqual(stream.isReadable(r), true);
  assert.strictEqual(stream.isDisturbed(r), false);
  const err = new Promise((resolve) => r.on('error', resolve));
  ac.abort();
  assert.strictEqual((await err).name, 'AbortError');
  assert.strictEqual(stream.isErrored(r), true);
  assert.strictEqual(stream.isReadable(r), false);
  const d = Readable.from(['q']);
  d.read();
  assert.strictEqual(stream.isDisturbed(d), true);
  assert.throws(() => stream.addAbortSignal('x', r), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('legacy Stream', () => {
  assert.strictEqual(stream.Stream, stream);
  const s = new stream();
  assert.strictEqual(typeof s.pipe, 'function');
  assert.ok(new Readable() instanceof stream);
  assert.strictEqual(typeof stream.promises.pipeline, 'function');
  assert.strictEqual(require('util').promisify(stream.pipeline), promises.pipeline);
});
