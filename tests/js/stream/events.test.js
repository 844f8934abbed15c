'use strict';
// Event order of Readable, Writable, Duplex and Transform, as Node 20 emits it.
const test = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, Transform, PassThrough } = require('node:stream');

function record(stream, events, log) {
  for (const e of events) {
    stream.on(e, (arg) => {
      if (e === 'data') log.push(`data:${arg}`);
      else if (e === 'error') log.push(`error:${arg.message}`);
      else log.push(e);
    });
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('flowing Readable: data, end, close, with pause/resume events', async () => {
  const log = [];
  const r = new Readable({ objectMode: true, read() {} });
  record(r, ['data', 'end', 'close', 'pause', 'resume'], log);
  r.push('a');
  r.push('b');
  log.push('sync');
  r.pause();
  r.push('c');
  r.resume();
  r.push(null);
  await tick();
  assert.deepStrictEqual(log, ['sync', 'pause', 'resume', 'data:a', 'data:b', 'data:c', 'end', 'close']);
});

test("'readable' and read() in paused mode", async () => {
  const log = [];
  const r = new Readable({ objectMode: true, read() {} });
  r.on('readable', () => {
    log.push('readable');
    let c;
    while ((c = r.read()) !== null) log.push(`read:${c}`);
  });
  r.on('end', () => log.push('end'));
  r.on('close', () => log.push('close'));
  r.push(1);
  r.push(2);
  await tick();
  r.push(3);
  r.push(null);
  await tick();
  assert.deepStrictEqual(log, ['readable', 'read:1', 'read:2', 'readable', 'read:3', 'readable', 'end', 'close']);
});

test('_read is called lazily and again after each push', async () => {
  const log = [];
  let n = 0;
  const r = new Readable({
    objectMode: true,
    highWaterMark: 2,
    read() {
      log.push(`_read${n}`);
      if (n < 3) this.push(n++);
      else this.push(null);
    },
  });
  log.push('created');
  r.on('data', (d) => log.push(`data:${d}`));
  r.on('end', () => log.push('end'));
  await tick();
  assert.deepStrictEqual(log, ['created', '_read0', '_read1', 'data:0', '_read2', 'data:1', '_read3', 'data:2', 'end']);
});

test('Writable: write callbacks, finish, close and _final order', async () => {
  const log = [];
  const w = new Writable({
    objectMode: true,
    write(chunk, enc, cb) { log.push(`_write:${chunk}`); cb(); },
    final(cb) { log.push('_final'); cb(); },
  });
  record(w, ['finish', 'close', 'prefinish'], log);
  w.write('a', () => log.push('cb:a'));
  w.write('b', () => log.push('cb:b'));
  w.end(() => log.push('end cb'));
  log.push('sync');
  await tick();
  assert.deepStrictEqual(log, ['_write:a', '_write:b', '_final', 'prefinish', 'sync', 'cb:a', 'cb:b', 'end cb', 'finish', 'close']);
});

test('async _write buffers later writes and calls _writev with them', async () => {
  const log = [];
  const pending = [];
  const w = new Writable({
    objectMode: true,
    write(chunk, enc, cb) { log.push(`_write:${chunk}`); pending.push(cb); },
    writev(chunks, cb) { log.push(`_writev:${chunks.map((c) => c.chunk).join('')}`); pending.push(cb); },
  });
  w.write('a');
  w.write('b');
  w.write('c');
  assert.strictEqual(w.writableLength, 3);
  pending.shift()();
  await tick();
  pending.shift()();
  await tick();
  assert.deepStrictEqual(log, ['_write:a', '_writev:bc']);
  assert.strictEqual(w.writableLength, 0);
});

test('cork/uncork batches writes into one _writev', async () => {
  const log = [];
  const w = new Writable({
    objectMode: true,
    write(chunk, enc, cb) { log.push(`_write:${chunk}`); cb(); },
    writev(chunks, cb) { log.push(`_writev:${chunks.length}`); cb(); },
  });
  w.cork();
  w.write(1);
  w.write(2);
  w.write(3);
  assert.strictEqual(w.writableCorked, 1);
  process.nextTick(() => w.uncork());
  await tick();
  assert.deepStrictEqual(log, ['_writev:3']);
});

test('destroy(err) on a Readable: buffered data, error, close, no end', async () => {
  const log = [];
  const r = new Readable({ objectMode: true, read() {} });
  record(r, ['data', 'end', 'close', 'error'], log);
  r.push('x');
  r.destroy(new Error('boom'));
  assert.strictEqual(r.destroyed, true);
  await tick();
  assert.deepStrictEqual(log, ['data:x', 'error:boom', 'close']);
  assert.strictEqual(r.errored.message, 'boom');
  assert.strictEqual(r.readableAborted, true);
});

test('destroy() with _destroy and emitClose: false', async () => {
  const log = [];
  const w = new Writable({
    emitClose: false,
    write(c, e, cb) { cb(); },
    destroy(err, cb) { log.push(`_destroy:${err}`); cb(err); },
  });
  record(w, ['close', 'error', 'finish'], log);
  w.destroy();
  w.destroy();
  await tick();
  assert.deepStrictEqual(log, ['_destroy:null']);
});

test('a write callback error: error, then close', async () => {
  const log = [];
  const w = new Writable({ objectMode: true, write(c, e, cb) { cb(new Error('bad write')); } });
  record(w, ['error', 'close', 'finish'], log);
  w.write('x', (err) => log.push(`cb:${err.message}`));
  await tick();
  assert.deepStrictEqual(log, ['cb:bad write', 'error:bad write', 'close']);
  assert.strictEqual(w.writableFinished, false);
});

test('write after end: ERR_STREAM_WRITE_AFTER_END through callback and error', async () => {
  const log = [];
  const w = new Writable({ objectMode: true, write(c, e, cb) { cb(); } });
  w.on('error', (err) => log.push(`error:${err.code}`));
  w.end();
  w.write('x', (err) => log.push(`cb:${err.code}`));
  await tick();
  assert.deepStrictEqual(log, ['cb:ERR_STREAM_WRITE_AFTER_END', 'error:ERR_STREAM_WRITE_AFTER_END']);
  assert.throws(() => w.write(null), { code: 'ERR_STREAM_NULL_VALUES', message: 'May not write null values to stream' });
});

test('autoDestroy: false keeps the stream open after end', async () => {
  const r = new Readable({ objectMode: true, autoDestroy: false, read() { this.push(null); } });
  let closed = false;
  r.on('close', () => { closed = true; });
  r.resume();
  await tick();
  assert.strictEqual(r.readableEnded, true);
  assert.strictEqual(r.destroyed, false);
  assert.strictEqual(closed, false);
});

test('Transform: transform, flush, and the events of both sides', async () => {
  const log = [];
  const t = new Transform({
    objectMode: true,
    transform(chunk, enc, cb) { log.push(`_transform:${chunk}`); cb(null, chunk.toUpperCase()); },
    flush(cb) { log.push('_flush'); this.push('!'); cb(); },
  });
  record(t, ['data', 'end', 'finish', 'close', 'prefinish'], log);
  t.write('a');
  t.end('b');
  await tick();
  assert.deepStrictEqual(log, ['_transform:a', 'data:A', '_transform:b', 'data:B', '_flush', 'data:!', 'prefinish', 'end', 'finish', 'close']);
});

test('PassThrough with allowHalfOpen: false ends the writable side with the readable', async () => {
  const p = new PassThrough({ objectMode: true, allowHalfOpen: false });
  const out = [];
  p.on('data', (d) => out.push(d));
  p.write(1);
  p.end(2);
  await new Promise((resolve) => p.on('close', resolve));
  assert.deepStrictEqual(out, [1, 2]);
  assert.strictEqual(p.writableFinished, true);
  assert.strictEqual(p.readableEnded, true);
});

test('push after EOF and unshift after end are errors', async () => {
  const r = new Readable({ objectMode: true, read() {} });
  const errors = [];
  r.on('error', (e) => errors.push([e.code, e.message]));
  r.push(null);
  r.push('x');
  await tick();
  assert.deepStrictEqual(errors, [['ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF']]);
});
