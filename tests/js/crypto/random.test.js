'use strict';
// Random bytes: sizes, offsets, the callback forms (threadpool), randomInt's
// range, UUIDs and getRandomValues' checks.
const test = require('node:test');
const assert = require('node:assert');
const crypto = require('crypto');

test('randomBytes', async () => {
  const a = crypto.randomBytes(32);
  assert.ok(Buffer.isBuffer(a));
  assert.strictEqual(a.length, 32);
  assert.ok(!a.equals(crypto.randomBytes(32)));
  assert.strictEqual(crypto.randomBytes(0).length, 0);
  const big = crypto.randomBytes(1 << 20);
  // A megabyte of random bytes has every byte value.
  assert.strictEqual(new Set(big).size, 256);
  const viaCb = await new Promise((resolve, reject) =>
    crypto.randomBytes(64, (err, buf) => (err ? reject(err) : resolve(buf))));
  assert.strictEqual(viaCb.length, 64);
  assert.ok(viaCb.some((b) => b !== 0));
  assert.throws(() => crypto.randomBytes(-1), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.randomBytes('a'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.randomBytes(1, 'nope'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('randomFill and randomFillSync honour offset and size', async () => {
  const buf = crypto.randomFillSync(Buffer.alloc(32), 8, 16);
  assert.ok(buf.subarray(0, 8).equals(Buffer.alloc(8)));
  assert.ok(buf.subarray(24).equals(Buffer.alloc(8)));
  assert.ok(!buf.subarray(8, 24).equals(Buffer.alloc(16)));
  // Offsets count elements of the view's type.
  const u32 = crypto.randomFillSync(new Uint32Array(8), 4);
  assert.deepStrictEqual([...u32.subarray(0, 4)], [0, 0, 0, 0]);
  const filled = await new Promise((resolve, reject) =>
    crypto.randomFill(Buffer.alloc(4096), 100, 200, (err, b) => (err ? reject(err) : resolve(b))));
  assert.ok(filled.subarray(0, 100).equals(Buffer.alloc(100)));
  assert.ok(filled.subarray(300).equals(Buffer.alloc(4096 - 300)));
  assert.ok(!filled.subarray(100, 300).equals(Buffer.alloc(200)));
  const ab = await new Promise((resolve, reject) =>
    crypto.randomFill(new ArrayBuffer(16), (err, b) => (err ? reject(err) : resolve(b))));
  assert.ok(ab instanceof ArrayBuffer);
  assert.throws(() => crypto.randomFillSync(Buffer.alloc(4), 5),
    { code: 'ERR_OUT_OF_RANGE', message: 'The value of "offset" is out of range. It must be >= 0 && <= 4. Received 5' });
  assert.throws(() => crypto.randomFillSync(Buffer.alloc(4), 1, 5), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.randomFillSync('x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.randomFill(Buffer.alloc(1)), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('randomInt', async () => {
  const seen = new Set();
  for (let i = 0; i < 2000; i++) {
    const n = crypto.randomInt(-3, 4);
    assert.ok(Number.isInteger(n) && n >= -3 && n < 4);
    seen.add(n);
  }
  assert.strictEqual(seen.size, 7);
  assert.ok(crypto.randomInt(1) === 0);
  const viaCb = await new Promise((resolve) => crypto.randomInt(10, (err, n) => resolve(n)));
  assert.ok(viaCb >= 0 && viaCb < 10);
  assert.throws(() => crypto.randomInt(10, 5), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.randomInt(1.5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.randomInt(0, 2 ** 48 + 1), { code: 'ERR_OUT_OF_RANGE' });
});

test('randomUUID', () => {
  const re = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const seen = new Set();
  for (let i = 0; i < 300; i++) {
    const u = crypto.randomUUID();
    assert.match(u, re);
    seen.add(u);
  }
  assert.strictEqual(seen.size, 300);
  assert.match(crypto.randomUUID({ disableEntropyCache: true }), re);
  assert.throws(() => crypto.randomUUID({ disableEntropyCache: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('getRandomValues', () => {
  const a = crypto.getRandomValues(new Uint32Array(16));
  assert.ok(a instanceof Uint32Array);
  assert.ok(a.some((x) => x !== 0));
  assert.strictEqual(crypto.getRandomValues(new BigInt64Array(2)).length, 2);
  assert.strictEqual(crypto.getRandomValues(new Uint8Array(65536)).length, 65536);
  assert.throws(() => crypto.getRandomValues(new Float32Array(1)), { name: 'TypeMismatchError' });
  assert.throws(() => crypto.getRandomValues(new DataView(new ArrayBuffer(4))), { name: 'TypeMismatchError' });
  assert.throws(() => crypto.getRandomValues(new Uint8Array(65537)), { name: 'QuotaExceededError' });
  assert.throws(() => crypto.webcrypto.getRandomValues.call(undefined, new Uint8Array(4)), { code: 'ERR_INVALID_THIS' });
  assert.strictEqual(globalThis.crypto.getRandomValues(new Uint8Array(8)).length, 8);
});
