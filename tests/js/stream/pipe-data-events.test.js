'use strict';
// A pipe's chunks reach every way of watching 'data': an instance emit
// override, a second listener, and a listener added mid-stream.
const test = require('node:test');
const assert = require('node:assert');
const { Readable, Writable, PassThrough } = require('node:stream');

function source(n) {
  let i = 0;
  return new Readable({
    read() { this.push(i < n ? Buffer.from([i++]) : null); },
  });
}

function sink(into) {
  return new Writable({ write(chunk, enc, cb) { into.push(chunk[0]); cb(); } });
}

test('an instance emit override sees every piped chunk', async () => {
  const src = source(5);
  const seen = [];
  const emit = src.emit;
  src.emit = function (type, ...args) {
    if (type === 'data') seen.push(args[0][0]);
    return emit.call(this, type, ...args);
  };
  const got = [];
  await new Promise((resolve) => src.pipe(sink(got)).on('finish', resolve));
  assert.deepStrictEqual(seen, [0, 1, 2, 3, 4]);
  assert.deepStrictEqual(got, [0, 1, 2, 3, 4]);
});

test('a second data listener and a late one get the chunks too', async () => {
  const src = source(6);
  const first = [];
  const late = [];
  src.on('data', (c) => {
    first.push(c[0]);
    if (c[0] === 2) src.on('data', (d) => late.push(d[0]));
  });
  const got = [];
  await new Promise((resolve) => src.pipe(sink(got)).on('finish', resolve));
  assert.deepStrictEqual(first, [0, 1, 2, 3, 4, 5]);
  assert.deepStrictEqual(late, [3, 4, 5]);
  assert.deepStrictEqual(got, [0, 1, 2, 3, 4, 5]);
});

test('a chain of pipes delivers everything in order', async () => {
  const got = [];
  const mid = new PassThrough();
  await new Promise((resolve) => source(300).pipe(mid).pipe(sink(got)).on('finish', resolve));
  assert.strictEqual(got.length, 300);
  assert.ok(got.every((v, i) => v === (i & 255)));
});
