'use strict';
// Readable.from, async iteration, the iterator helpers and stream utilities.
const test = require('node:test');
const assert = require('node:assert');
const stream = require('node:stream');
const { Readable, Writable, Duplex, PassThrough, isReadable, isErrored } = stream;

test('the module surface', () => {
  assert.strictEqual(stream.Stream, stream);
  assert.strictEqual(typeof stream.Readable.prototype.pipe, 'function');
  assert.ok(new Readable() instanceof stream.Stream);
  assert.ok(new Duplex() instanceof Readable);
  assert.ok(new Duplex() instanceof Writable);
  assert.ok(new PassThrough() instanceof stream.Transform);
  assert.strictEqual(require('node:stream/promises'), stream.promises);
  assert.strictEqual(typeof stream.promises.pipeline, 'function');
});

test('Readable.from iterables, async iterables and promises', async () => {
  assert.deepStrictEqual(await Readable.from([1, 2]).toArray(), [1, 2]);
  assert.deepStrictEqual(await Readable.from(new Set(['a'])).toArray(), ['a']);
  async function* gen() { yield 'x'; yield 'y'; }
  assert.deepStrictEqual(await Readable.from(gen()).toArray(), ['x', 'y']);
  assert.deepStrictEqual(await Readable.from([Promise.resolve(7)]).toArray(), [7]);
  assert.strictEqual(Readable.from([]).readableObjectMode, true);
  assert.throws(() => Readable.from(5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "iterable" argument must be an instance of Iterable. Received type number (5)',
  });
});

test('Readable.from(string) emits the whole string once', async () => {
  assert.deepStrictEqual(await Readable.from('hello').toArray(), ['hello']);
});

test('for await iterates and destroys the stream on break', async () => {
  const r = Readable.from([1, 2, 3, 4]);
  const seen = [];
  for await (const x of r) {
    seen.push(x);
    if (x === 2) break;
  }
  assert.deepStrictEqual(seen, [1, 2]);
  assert.strictEqual(r.destroyed, true);
});

test('for await rethrows the stream error', async () => {
  const r = new Readable({ objectMode: true, read() { this.destroy(new Error('read failed')); } });
  await assert.rejects(async () => { for await (const x of r) assert.fail(x); }, { message: 'read failed' });
});

test('map, filter, take, drop, reduce, forEach, some, every, find, flatMap', async () => {
  const from = () => Readable.from([1, 2, 3, 4, 5]);
  assert.deepStrictEqual(await from().map((x) => x * 2).toArray(), [2, 4, 6, 8, 10]);
  assert.deepStrictEqual(await from().map(async (x) => x + 1, { concurrency: 2 }).toArray(), [2, 3, 4, 5, 6]);
  assert.deepStrictEqual(await from().filter((x) => x % 2).toArray(), [1, 3, 5]);
  assert.deepStrictEqual(await from().take(2).toArray(), [1, 2]);
  assert.deepStrictEqual(await from().drop(3).toArray(), [4, 5]);
  assert.strictEqual(await from().reduce((a, b) => a + b, 0), 15);
  const seen = [];
  await from().forEach((x) => seen.push(x));
  assert.deepStrictEqual(seen, [1, 2, 3, 4, 5]);
  assert.strictEqual(await from().some((x) => x > 4), true);
  assert.strictEqual(await from().every((x) => x > 4), false);
  assert.strictEqual(await from().find((x) => x > 3), 4);
  assert.deepStrictEqual(await Readable.from([1, 2]).flatMap((x) => [x, x]).toArray(), [1, 1, 2, 2]);
  assert.deepStrictEqual(await from().asIndexedPairs().take(1).toArray(), [[0, 1]]);
  await assert.rejects(Readable.from([]).reduce((a, b) => a + b), {
    name: 'TypeError', code: 'ERR_MISSING_ARGS', message: 'Reduce of an empty stream requires an initial value',
  });
  assert.throws(() => from().map(5), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('isReadable, isErrored, isDisturbed', async () => {
  const r = new Readable({ objectMode: true, read() {} });
  assert.strictEqual(isReadable(r), true);
  assert.strictEqual(stream.isDisturbed(r), false);
  r.on('error', () => {});
  r.destroy(new Error('x'));
  assert.strictEqual(isReadable(r), false);
  assert.strictEqual(isErrored(r), false);
  await new Promise((resolve) => setImmediate(resolve));
  assert.strictEqual(isErrored(r), true);
  const d = new Readable({ objectMode: true, read() {} });
  d.push(1);
  assert.strictEqual(d.read(), 1);
  assert.strictEqual(stream.isDisturbed(d), true);
});

test('Duplex options: readableObjectMode and allowHalfOpen', () => {
  const d = new Duplex({ readableObjectMode: true, read() {}, write(c, e, cb) { cb(); } });
  assert.strictEqual(d.readableObjectMode, true);
  assert.strictEqual(d.writableObjectMode, false);
  assert.strictEqual(d.allowHalfOpen, true);
});

test('legacy Stream: pipe() and EventEmitter methods', () => {
  const s = new stream.Stream();
  assert.strictEqual(typeof s.on, 'function');
  const dst = new stream.Stream();
  dst.writable = true;
  const got = [];
  dst.write = (c) => { got.push(c); return true; };
  dst.end = () => got.push('end');
  s.readable = true;
  s.pipe(dst);
  s.emit('data', 'a');
  s.emit('end');
  assert.deepStrictEqual(got, ['a', 'end']);
});

test('Duplex.from and Readable.wrap', async () => {
  const d = Duplex.from(async function* (source) {
    for await (const c of source) yield String(c).toUpperCase();
  });
  d.end('abc');
  assert.deepStrictEqual(await d.toArray(), ['ABC']);
  const legacy = new stream.Stream();
  const wrapped = new Readable({ objectMode: true }).wrap(legacy);
  const out = wrapped.toArray();
  legacy.emit('data', 1);
  legacy.emit('end');
  assert.deepStrictEqual(await out, [1]);
});

test('stream/consumers text and json over string chunks', async () => {
  const consumers = require('node:stream/consumers');
  assert.strictEqual(await consumers.text(Readable.from(['a', 'é', 'c'])), 'aéc');
  assert.deepStrictEqual(await consumers.json(Readable.from(['{"x"', ':[1,2]}'])), { x: [1, 2] });
  await assert.rejects(consumers.json(Readable.from(['{'])), { name: 'SyntaxError' });
});
