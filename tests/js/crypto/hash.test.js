'use strict';
// crypto: digests, HMACs and random bytes (the subset anode has so far).
const test = require('node:test');
const assert = require('node:assert');
const crypto = require('crypto');

test('digests of known inputs', () => {
  assert.strictEqual(crypto.createHash('md5').update('abc').digest('hex'), '900150983cd24fb0d6963f7d28e17f72');
  assert.strictEqual(crypto.createHash('sha1').update('abc').digest('hex'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.strictEqual(crypto.createHash('sha256').update('a').update(Buffer.from('bc')).digest('hex'),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.strictEqual(crypto.createHash('SHA512').update('').digest('base64').length, 88);
  assert.strictEqual(crypto.createHash('sha384').update('abc').digest().length, 48);
  assert.strictEqual(crypto.createHash('sha1').update('68656c6c6f', 'hex').digest('hex'),
    crypto.createHash('sha1').update('hello').digest('hex'));
});

test('HMAC', () => {
  assert.strictEqual(crypto.createHmac('sha256', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex'),
    'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  assert.strictEqual(crypto.createHmac('sha1', Buffer.from('k')).update('x').digest('base64'),
    crypto.createHmac('sha1', 'k').update('x').digest('base64'));
});

test('copy, reuse and unknown algorithms', () => {
  const h = crypto.createHash('sha256').update('part');
  const c = h.copy();
  assert.strictEqual(h.digest('hex'), c.digest('hex'));
  assert.throws(() => h.digest(), { code: 'ERR_CRYPTO_HASH_FINALIZED' });
  assert.throws(() => h.update('x'), { code: 'ERR_CRYPTO_HASH_FINALIZED' });
  assert.throws(() => crypto.createHash('no-such-hash'), /Digest method not supported/);
  for (const name of ['md5', 'sha1', 'sha256', 'sha384', 'sha512']) assert.ok(crypto.getHashes().includes(name));
});

test('random bytes, UUIDs and ints', async () => {
  const a = crypto.randomBytes(32);
  const b = crypto.randomBytes(32);
  assert.strictEqual(a.length, 32);
  assert.ok(!a.equals(b));
  const viaCb = await new Promise((resolve, reject) => crypto.randomBytes(8, (e, buf) => (e ? reject(e) : resolve(buf))));
  assert.strictEqual(viaCb.length, 8);
  const filled = crypto.randomFillSync(Buffer.alloc(16), 8);
  assert.ok(filled.subarray(0, 8).equals(Buffer.alloc(8)));
  assert.match(crypto.randomUUID(), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  for (let i = 0; i < 100; i++) {
    const n = crypto.randomInt(5, 10);
    assert.ok(n >= 5 && n < 10 && Number.isInteger(n));
  }
  assert.throws(() => crypto.randomInt(10, 5), { code: 'ERR_OUT_OF_RANGE' });
  const arr = crypto.getRandomValues(new Uint32Array(4));
  assert.strictEqual(arr.length, 4);
});

test('timingSafeEqual', () => {
  assert.strictEqual(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), true);
  assert.strictEqual(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')), false);
  assert.throws(() => crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')),
    { code: 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH' });
});
