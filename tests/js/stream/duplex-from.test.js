'use strict';
// Duplex.from, stream.compose, stream.duplexPair and the stream.is* predicates.
const test = require('node:test');
const assert = require('node:assert');
const stream = require('stream');
const { Readable, Writable, Duplex, PassThrough, compose, duplexPair } = stream;

const sides = (d) => [d.constructor.name, d.readable, d.writable, d.readableObjectMode, d.writableObjectMode];

test('Duplex.from keeps Duplexes and wraps one-sided streams', async () => {
  const p = new PassThrough();
  assert.strictEqual(Duplex.from(p), p);
  const r = new Readable({ read() {} });
  assert.deepStrictEqual(sides(Duplex.from(r)), ['Duplexify', true, false, false, false]);
  const w = new Writable({ write(c, e, cb) { cb(); } });
  assert.deepStrictEqual(sides(Duplex.from(w)), ['Duplexify', false, true, false, false]);
  assert.deepStrictEqual(sides(Duplex.from({ readable: r, writable: w })), ['Duplexify', true, true, false, false]);

  const chunks = [];
  const sink = new Writable({ write(c, e, cb) { chunks.push(c.toString()); cb(); } });
  const d = Duplex.from({ readable: Readable.from(['x', 'y']), writable: sink });
  const finished = new Promise((resolve) => d.on('finish', resolve));
  d.write('a');
  d.end('b');
  assert.deepStrictEqual(await d.toArray(), ['x', 'y']);
  await finished;
  assert.deepStrictEqual(chunks, ['a', 'b']);
});

test('Duplex.from iterables, promises and strings are readable only', async () => {
  const it = Duplex.from([1, 2]);
  assert.deepStrictEqual(sides(it), ['Duplexify', true, false, true, true]);
  assert.strictEqual(it.readableHighWaterMark, 1);
  assert.deepStrictEqual(await it.toArray(), [1, 2]);
  const p = Duplex.from(Promise.resolve(5));
  assert.deepStrictEqual(sides(p), ['Duplexify', true, false, true, true]);
  assert.deepStrictEqual(await p.toArray(), [5]);
  assert.deepStrictEqual(await Duplex.from(Promise.resolve(null)).toArray(), []);
  assert.deepStrictEqual(await Duplex.from('str').toArray(), ['str']);
});

test('Duplex.from an async generator function transforms what is written', async () => {
  const d = Duplex.from(async function*(source) {
    for await (const chunk of source) yield String(chunk).toUpperCase();
  });
  assert.deepStrictEqual(sides(d), ['Duplexify', true, true, true, true]);
  d.write('abc');
  d.end('def');
  assert.deepStrictEqual(await d.toArray(), ['ABC', 'DEF']);
});

test('Duplex.from an async function is writable only and must resolve to nothing', async () => {
  let got;
  const d = Duplex.from(async function(source) {
    got = [];
    for await (const chunk of source) got.push(String(chunk));
  });
  assert.deepStrictEqual(sides(d), ['Duplexify', false, true, true, true]);
  d.write('a');
  d.end('b');
  await new Promise((resolve) => d.on('finish', resolve));
  assert.deepStrictEqual(got, ['a', 'b']);

  const bad = Duplex.from(async function(source) {
    // eslint-disable-next-line no-unused-vars
    for await (const chunk of source);
    return 'value';
  });
  bad.end('x');
  const err = await new Promise((resolve) => bad.on('error', resolve));
  assert.strictEqual(err.code, 'ERR_INVALID_RETURN_VALUE');
  assert.strictEqual(err.message,
    'Expected nully to be returned from the "body" function but got type string (\'value\').');
});

test('Duplex.from web streams', async () => {
  const rs = new ReadableStream({
    start(c) {
      c.enqueue(new Uint8Array([104, 105]));
      c.close();
    },
  });
  const d = Duplex.from(rs);
  assert.deepStrictEqual(sides(d), ['Duplexify', true, false, false, false]);
  assert.deepStrictEqual((await d.toArray()).map(String), ['hi']);
  const ws = Duplex.from(new WritableStream());
  assert.deepStrictEqual(sides(ws), ['Duplexify', false, true, false, false]);
});

test('Duplex.from rejects what it cannot use', () => {
  const message = 'The "body" argument must be of type function or an instance of Blob, ReadableStream, ' +
    'WritableStream, Stream, Iterable, AsyncIterable, or Promise or { readable, writable } pair.';
  assert.throws(() => Duplex.from(5), { code: 'ERR_INVALID_ARG_TYPE', message: `${message} Received type number (5)` });
  assert.throws(() => Duplex.from(null), { code: 'ERR_INVALID_ARG_TYPE', message: `${message} Received null` });
  assert.throws(() => Duplex.from({}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => Duplex.from(() => 5), {
    code: 'ERR_INVALID_RETURN_VALUE',
    message: 'Expected Iterable, AsyncIterable or AsyncFunction to be returned from the "body" function ' +
      'but got type number (5).',
  });
});

test('compose chains generators and streams', async () => {
  const c = compose(async function*(source) {
    for await (const x of source) yield `${x}1`;
  }, new PassThrough({ objectMode: true }), async function*(source) {
    for await (const x of source) yield `${x}2`;
  });
  assert.strictEqual(c.constructor.name, 'Duplex');
  c.write('a');
  c.end('b');
  assert.deepStrictEqual(await c.toArray(), ['a12', 'b12']);

  const p = new PassThrough();
  assert.strictEqual(compose(p), p);
  const readOnly = compose(Readable.from(['a', 'b']), new PassThrough());
  assert.deepStrictEqual([readOnly.readable, readOnly.writable], [true, false]);
  assert.strictEqual(Buffer.concat(await readOnly.toArray()).toString(), 'ab');

  const written = [];
  const writeOnly = compose(new PassThrough(), new Writable({
    write(chunk, enc, cb) {
      written.push(chunk.toString());
      cb();
    },
  }));
  assert.deepStrictEqual([writeOnly.readable, writeOnly.writable], [false, true]);
  writeOnly.end('z');
  await new Promise((resolve) => writeOnly.on('finish', resolve));
  assert.deepStrictEqual(written, ['z']);
});

test('compose validates its streams and passes errors through', async () => {
  assert.throws(() => compose(), { code: 'ERR_MISSING_ARGS', message: 'The "streams" argument must be specified' });
  assert.throws(() => compose(new Readable({ read() {} }), new Readable({ read() {} })), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: /^The argument 'streams\[1\]' must be writable\. Received /,
  });
  assert.throws(() => compose(new Writable(), new PassThrough()), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: /^The argument 'streams\[0\]' must be readable\. Received /,
  });
  const c = compose(new PassThrough(), async function*(source) {
    for await (const x of source) yield x;
  });
  const events = [];
  c.on('error', (e) => events.push(`error ${e.message}`));
  c.on('close', () => events.push('close'));
  c.destroy(new Error('kaboom'));
  await new Promise((resolve) => c.on('close', resolve));
  assert.deepStrictEqual(events, ['error kaboom', 'close']);
});

test('duplexPair: each side reads what the other writes', async () => {
  assert.strictEqual(duplexPair.length, 1);
  const [a, b] = duplexPair();
  assert.strictEqual(a.constructor.name, 'DuplexSide');
  assert.ok(a instanceof Duplex);
  const log = [];
  a.write('hello', () => log.push('a write cb'));
  b.on('data', (d) => log.push(`b data ${d}`));
  b.write('back');
  a.on('data', (d) => log.push(`a data ${d}`));
  a.end(() => log.push('a end cb'));
  b.on('end', () => {
    log.push('b end');
    b.end();
  });
  a.on('end', () => log.push('a end'));
  const closed = Promise.all([new Promise((r) => a.on('close', r)), new Promise((r) => b.on('close', r))]);
  await closed;
  assert.deepStrictEqual(log, ['a write cb', 'b data hello', 'a data back', 'b end', 'a end', 'a end cb']);

  const [c, d] = duplexPair({ objectMode: true });
  c.write({ x: 1 });
  const [value] = await new Promise((resolve) => d.once('data', (...args) => resolve(args)));
  assert.deepStrictEqual(value, { x: 1 });
  c.destroy();
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.deepStrictEqual([c.destroyed, d.destroyed], [true, false]);
});

test('stream.isReadable, isWritable, isErrored, isDestroyed', async () => {
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { cb(); } });
  assert.deepStrictEqual([stream.isReadable(r), stream.isWritable(r)], [true, null]);
  assert.deepStrictEqual([stream.isReadable(w), stream.isWritable(w)], [null, true]);
  assert.strictEqual(stream.isErrored(r), false);
  assert.strictEqual(stream.isDestroyed(r), false);
  r.on('error', () => {});
  r.destroy(new Error('x'));
  assert.strictEqual(stream.isDestroyed(r), true);
  assert.strictEqual(stream.isReadable(r), false);
  await new Promise((resolve) => r.on('close', resolve));
  assert.strictEqual(stream.isErrored(r), true);
  w.end();
  assert.strictEqual(stream.isWritable(w), false);
  assert.strictEqual(stream.isDestroyed({}), null);
  assert.strictEqual(stream._isArrayBufferView(new DataView(new ArrayBuffer(1))), true);
});
