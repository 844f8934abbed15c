'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, Transform, PassThrough, Duplex } = require('stream');

function tick(n = 5) {
  return new Promise((resolve) => setTimeout(resolve, n));
}

test('readable flowing events order', async () => {
  const log = [];
  const r = new Readable({ read() {} });
  r.on('pause', () => log.push('pause'));
  r.on('resume', () => log.push('resume'));
  r.on('data', (d) => log.push(`data:${d}`));
  r.on('end', () => log.push('end'));
  r.on('close', () => log.push('close'));
  r.push('a');
  r.push('b');
  r.push(null);
  log.push('sync');
  await tick();
  assert.deepStrictEqual(log, ['sync', 'resume', 'data:a', 'data:b', 'end', 'close']);
  assert.strictEqual(r.readableEnded, true);
  assert.strictEqual(r.destroyed, true);
  assert.strictEqual(r.closed, true);
});

test('paused mode with readable and read(n)', async () => {
  const r = new Readable({ read() {} });
  r.push('hello');
  r.push('world');
  r.push(null);
  const got = [];
  r.on('readable', () => {
    let chunk;
    while ((chunk = r.read(3)) !== null) got.push(String(chunk));
  });
  await new Promise((resolve) => r.on('end', resolve));
  assert.deepStrictEqual(got, ['hel', 'low', 'orl', 'd']);
  assert.strictEqual(r.readableFlowing, false);
});

test('setEncoding decodes split UTF-8', async () => {
  const r = new Readable({ read() {} });
  r.setEncoding('utf8');
  const euro = Buffer.from('€');
  r.push(euro.subarray(0, 1));
  r.push(euro.subarray(1));
  r.push(null);
  let s = '';
  for await (const c of r) s += c;
  assert.strictEqual(s, '€');
  assert.strictEqual(r.readableEncoding, 'utf8');
});

test('unshift puts data back in front', async () => {
  const r = new Readable({ read() {} });
  r.push('abc');
  r.push(null);
  await tick();
  const first = r.read(1);
  r.unshift(first);
  assert.strictEqual(String(r.read()), 'abc');
});

test('writable backpressure and drain', async () => {
  const log = [];
  const w = new Writable({
    highWaterMark: 4,
    write(chunk, enc, cb) {
      log.push(`write:${chunk}`);
      setImmediate(cb);
    },
  });
  assert.strictEqual(w.write('ab'), true);
  assert.strictEqual(w.write('cd'), false);
  assert.strictEqual(w.writableNeedDrain, true);
  assert.strictEqual(w.writableLength, 4);
  w.on('drain', () => log.push('drain'));
  await new Promise((resolve) => w.once('drain', resolve));
  w.end('e', () => log.push('endcb'));
  w.on('finish', () => log.push('finish'));
  await new Promise((resolve) => w.on('close', resolve));
  assert.deepStrictEqual(log, ['write:ab', 'write:cd', 'drain', 'write:e', 'endcb', 'finish']);
  assert.strictEqual(w.writableFinished, true);
});

test('write callback and finish ordering for sync writes', async () => {
  const log = [];
  const w = new Writable({ write(c, e, cb) { cb(); } });
  w.write('a', (err) => log.push(`cb1:${err}`));
  w.write('b', (err) => log.push(`cb2:${err}`));
  w.end(() => log.push('end'));
  w.on('finish', () => log.push('finish'));
  w.on('close', () => log.push('close'));
  log.push('sync');
  await tick();
  assert.deepStrictEqual(log, ['sync', 'cb1:null', 'cb2:null', 'end', 'finish', 'close']);
});

test('cork/uncork batch into _writev', async () => {
  const batches = [];
  const w = new Writable({
    writev(chunks, cb) {
      batches.push(chunks.map((c) => String(c.chunk)));
      cb();
    },
  });
  w.cork();
  w.write('a');
  w.write('b');
  w.write('c');
  assert.strictEqual(w.writableCorked, 1);
  process.nextTick(() => w.uncork());
  await tick();
  assert.deepStrictEqual(batches, [['a', 'b', 'c']]);
});

test('_construct runs before _write and _final before finish', async () => {
  const log = [];
  const w = new Writable({
    construct(cb) { log.push('construct'); setImmediate(cb); },
    write(c, e, cb) { log.push(`write:${c}`); cb(); },
    final(cb) { log.push('final'); cb(); },
  });
  w.write('x');
  w.end();
  w.on('finish', () => log.push('finish'));
  await new Promise((resolve) => w.on('close', resolve));
  assert.deepStrictEqual(log, ['construct', 'write:x', 'final', 'finish']);
});

test('destroy(err) emits error then close', async () => {
  const log = [];
  const r = new Readable({ read() {} });
  r.on('error', (e) => log.push(`error:${e.message}`));
  r.on('close', () => log.push('close'));
  r.destroy(new Error('boom'));
  assert.strictEqual(r.destroyed, true);
  assert.strictEqual(r.errored.message, 'boom');
  await tick();
  assert.deepStrictEqual(log, ['error:boom', 'close']);
});

test('write after end errors', async () => {
  const w = new Writable({ write(c, e, cb) { cb(); } });
  w.end();
  const err = await new Promise((resolve) => {
    w.on('error', resolve);
    w.write('x');
  });
  assert.strictEqual(err.code, 'ERR_STREAM_WRITE_AFTER_END');
  assert.strictEqual(err.message, 'write after end');
});

test('invalid chunks and highWaterMark', () => {
  const w = new Writable({ write(c, e, cb) { cb(); } });
  assert.throws(() => w.write(1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (1)',
  });
  assert.throws(() => w.write(null), { code: 'ERR_STREAM_NULL_VALUES', message: 'May not write null values to stream' });
  assert.throws(() => new Readable({ highWaterMark: -1 }), {
    code: 'ERR_INVALID_ARG_VALUE',
    message: "The property 'options.highWaterMark' is invalid. Received -1",
  });
});

test('objectMode and state properties', async () => {
  const r = new Readable({ objectMode: true, read() {} });
  assert.strictEqual(r.readableHighWaterMark, 16);
  assert.strictEqual(r.readableObjectMode, true);
  r.push({ a: 1 });
  r.push(2);
  assert.strictEqual(r.readableLength, 2);
  assert.strictEqual(r.readableFlowing, null);
  assert.deepStrictEqual(r.read(), { a: 1 });
  const w = new Writable();
  assert.strictEqual(w.writableHighWaterMark, 16384);
  assert.strictEqual(w.writable, true);
  assert.strictEqual(w.writableEnded, false);
  assert.strictEqual(w.errored, null);
});

test('transform and passthrough', async () => {
  const t = new Transform({
    transform(chunk, enc, cb) { cb(null, String(chunk).toUpperCase()); },
    flush(cb) { cb(null, '!'); },
  });
  let out = '';
  t.on('data', (c) => { out += c; });
  t.write('ab');
  t.end('cd');
  await new Promise((resolve) => t.on('end', resolve));
  assert.strictEqual(out, 'ABCD!');
  const p = new PassThrough();
  assert.ok(p instanceof Writable);
  assert.ok(p instanceof Readable);
  assert.ok(new Duplex() instanceof Writable);
  assert.ok(!(new Readable() instanceof Writable));
});

test('pipe with backpressure delivers everything in order', async () => {
  const chunks = [];
  let i = 0;
  const r = new Readable({
    read() {
      this.push(i < 50 ? `${i++},` : null);
    },
  });
  const w = new Writable({
    highWaterMark: 8,
    write(c, e, cb) {
      chunks.push(String(c));
      setImmediate(cb);
    },
  });
  r.pipe(w);
  await new Promise((resolve) => w.on('finish', resolve));
  assert.strictEqual(chunks.join(''), Array.from({ length: 50 }, (_, k) => `${k},`).join(''));
});

test('unpipe stops the flow', async () => {
  const r = new PassThrough();
  const w = new PassThrough();
  const log = [];
  w.on('unpipe', () => log.push('unpipe'));
  r.pipe(w);
  r.unpipe(w);
  assert.strictEqual(r.readableFlowing, false);
  await tick();
  assert.deepStrictEqual(log, ['unpipe']);
});

test('default high water marks can be changed', () => {
  const stream = require('stream');
  assert.strictEqual(stream.getDefaultHighWaterMark(false), 16384);
  assert.strictEqual(stream.getDefaultHighWaterMark(true), 16);
  stream.setDefaultHighWaterMark(true, 32);
  assert.strictEqual(new Readable({ objectMode: true }).readableHighWaterMark, 32);
  stream.setDefaultHighWaterMark(true, 16);
});
