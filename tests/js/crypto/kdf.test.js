'use strict';
// PBKDF2 (RFC 6070), scrypt (RFC 7914) and HKDF (RFC 5869) vectors, sync
// and async, and Node's argument errors.
const test = require('node:test');
const assert = require('node:assert');
const crypto = require('crypto');
const { promisify } = require('util');

test('PBKDF2-HMAC-SHA1: RFC 6070', async () => {
  assert.strictEqual(crypto.pbkdf2Sync('password', 'salt', 1, 20, 'sha1').toString('hex'),
    '0c60c80f961f0e71f3a9b524af6012062fe037a6');
  assert.strictEqual(crypto.pbkdf2Sync('password', 'salt', 2, 20, 'sha1').toString('hex'),
    'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957');
  assert.strictEqual(crypto.pbkdf2Sync('password', 'salt', 4096, 20, 'sha1').toString('hex'),
    '4b007901b765489abead49d926f721d065a429c1');
  assert.strictEqual(crypto.pbkdf2Sync('passwordPASSWORDpassword', 'saltSALTsaltSALTsaltSALTsaltSALTsalt', 4096, 25,
    'sha1').toString('hex'), '3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038');
  assert.strictEqual(crypto.pbkdf2Sync('pass\0word', 'sa\0lt', 4096, 16, 'sha1').toString('hex'),
    '56fa6aa75548099dcc37d7f03425e0c3');
  const viaCallback = await promisify(crypto.pbkdf2)('password', 'salt', 4096, 20, 'sha1');
  assert.strictEqual(viaCallback.toString('hex'), '4b007901b765489abead49d926f721d065a429c1');
  assert.ok(Buffer.isBuffer(viaCallback));
  assert.strictEqual(crypto.pbkdf2Sync(Buffer.from('password'), new Uint8Array(Buffer.from('salt')), 1, 20, 'SHA1')
    .toString('hex'), '0c60c80f961f0e71f3a9b524af6012062fe037a6');
  assert.strictEqual(crypto.pbkdf2Sync('x', 'y', 1, 0, 'sha256').length, 0);
});

test('pbkdf2 errors', () => {
  assert.throws(() => crypto.pbkdf2Sync('a', 'b', 1, 10, 'no-such-digest'),
    { code: 'ERR_CRYPTO_INVALID_DIGEST', message: 'Invalid digest: no-such-digest' });
  assert.throws(() => crypto.pbkdf2Sync('a', 'b', 0, 10, 'sha1'), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.pbkdf2Sync('a', 'b', 1, -1, 'sha1'), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.pbkdf2Sync(5, 'b', 1, 1, 'sha1'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.pbkdf2('a', 'b', 1, 1, 'sha1'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.pbkdf2('a', 'b', 1, 1, 'no-such', () => {}), { code: 'ERR_CRYPTO_INVALID_DIGEST' });
});

test('scrypt: RFC 7914', async () => {
  assert.strictEqual(crypto.scryptSync('', '', 64, { N: 16, r: 1, p: 1 }).toString('hex'),
    '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e' +
    '8d3e0fb2e0d3628cf35e20c38d18906');
  const v2 = 'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830da' +
    'c727afb94a83ee6d8360cbdfa2cc0640';
  assert.strictEqual(crypto.scryptSync('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 }).toString('hex'), v2);
  assert.strictEqual(crypto.scryptSync('password', 'NaCl', 64, { cost: 1024, blockSize: 8, parallelization: 16 })
    .toString('hex'), v2);
  const viaCallback = await promisify(crypto.scrypt)('password', 'NaCl', 64, { N: 1024, r: 8, p: 16 });
  assert.strictEqual(viaCallback.toString('hex'), v2);
  // Defaults: N=16384, r=8, p=1.
  assert.deepStrictEqual(crypto.scryptSync('pw', 'salt', 16), crypto.scryptSync('pw', 'salt', 16, { N: 16384, r: 8, p: 1 }));
  const noOptions = await new Promise((resolve, reject) =>
    crypto.scrypt('pw', 'salt', 16, (err, key) => (err ? reject(err) : resolve(key))));
  assert.deepStrictEqual(noOptions, crypto.scryptSync('pw', 'salt', 16));
});

test('scrypt errors', () => {
  assert.throws(() => crypto.scryptSync('a', 'b', 16, { N: 3 }),
    { code: 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', name: 'RangeError' });
  assert.throws(() => crypto.scryptSync('a', 'b', 16, { maxmem: 1024 }),
    { code: 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', message: /^Invalid scrypt params: error:.*memory limit exceeded$/ });
  assert.throws(() => crypto.scryptSync('a', 'b', 16, { N: 16, cost: 16 }), { code: 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER' });
  assert.throws(() => crypto.scryptSync('a', 'b', -1), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.scrypt('a', 'b', 16, { N: 16 }), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('HKDF: RFC 5869', async () => {
  const ikm = Buffer.alloc(22, 0x0b);
  const case1 = '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865';
  const out = crypto.hkdfSync('sha256', ikm, Buffer.from('000102030405060708090a0b0c', 'hex'),
    Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex'), 42);
  assert.ok(out instanceof ArrayBuffer);
  assert.strictEqual(Buffer.from(out).toString('hex'), case1);
  // Case 3: empty salt and info.
  assert.strictEqual(Buffer.from(crypto.hkdfSync('sha256', ikm, '', '', 42)).toString('hex'),
    '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
  // Case 4: SHA-1.
  assert.strictEqual(Buffer.from(crypto.hkdfSync('sha1', Buffer.alloc(11, 0x0b),
    Buffer.from('000102030405060708090a0b0c', 'hex'), Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex'), 42)).toString('hex'),
  '085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896');
  const viaCallback = await promisify(crypto.hkdf)('sha256', crypto.createSecretKey(ikm),
    Buffer.from('000102030405060708090a0b0c', 'hex'), Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex'), 42);
  assert.strictEqual(Buffer.from(viaCallback).toString('hex'), case1);
});

test('hkdf errors', () => {
  assert.throws(() => crypto.hkdfSync('sha256', 'k', 's', 'i', 255 * 32 + 1),
    { code: 'ERR_CRYPTO_INVALID_KEYLEN', name: 'RangeError' });
  assert.throws(() => crypto.hkdfSync('no-such', 'k', 's', 'i', 10), { code: 'ERR_CRYPTO_INVALID_DIGEST' });
  assert.throws(() => crypto.hkdfSync('sha256', 'k', 's', 'x'.repeat(1025), 10), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => crypto.hkdfSync('sha256', 5, 's', 'i', 10), { code: 'ERR_INVALID_ARG_TYPE' });
});
