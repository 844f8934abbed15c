'use strict';
const { test } = require('node:test');
const assert = require('node:assert');
const consumers = require('node:stream/consumers');
const { ReadableStream } = require('node:stream/web');

async function* parts() {
  yield 'a';
  yield new Uint8Array([0xe2, 0x82]);
  yield new Uint8Array([0xac]);
  yield 'b';
}

test('text joins strings and decodes split UTF-8', async () => {
  assert.strictEqual(await consumers.text(parts()), 'a€b');
  assert.strictEqual(await consumers.text(ReadableStream.from(['x', 'y'])), 'xy');
  assert.strictEqual(await consumers.text(new Blob(['from a blob']).stream()), 'from a blob');
  assert.strictEqual(await consumers.text(ReadableStream.from([new Uint8Array([0xef, 0xbb, 0xbf, 0x41])])), 'A');
});

test('json parses the text', async () => {
  assert.deepStrictEqual(await consumers.json(ReadableStream.from(['{"a"', ':[1,2]}'])), { a: [1, 2] });
  await assert.rejects(consumers.json(ReadableStream.from(['{'])), SyntaxError);
});

test('buffer, arrayBuffer and blob collect bytes', async () => {
  const buf = await consumers.buffer(parts());
  assert.ok(Buffer.isBuffer(buf));
  assert.strictEqual(buf.toString('hex'), '61e282ac62');
  const ab = await consumers.arrayBuffer(parts());
  assert.ok(ab instanceof ArrayBuffer);
  assert.deepStrictEqual([...new Uint8Array(ab)], [0x61, 0xe2, 0x82, 0xac, 0x62]);
  const blob = await consumers.blob(ReadableStream.from([new Uint8Array([104, 105])]));
  assert.ok(blob instanceof Blob);
  assert.strictEqual(await blob.text(), 'hi');
});

test('errors from the source reject', async () => {
  const failing = new ReadableStream({ pull(c) { c.error(new Error('src')); } });
  await assert.rejects(consumers.text(failing), { message: 'src' });
  await assert.rejects(consumers.text(1), TypeError);
});
