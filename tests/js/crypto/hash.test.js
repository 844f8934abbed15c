'use strict';
// crypto digests and HMACs against published vectors (FIPS 180 / FIPS 202
// examples, RFC 7693 BLAKE2, RFC 4231 HMAC-SHA2, RFC 2202 HMAC-MD5/SHA1),
// plus the API's shapes and errors. tests/crypto/run.sh compares with the
// openssl command line as well.
const test = require('node:test');
const assert = require('node:assert');
const crypto = require('crypto');

const abc = {
  md5: '900150983cd24fb0d6963f7d28e17f72',
  sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  sha224: '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7',
  sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  sha384: 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
  sha512: 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd' +
    '454d4423643ce80e2a9ac94fa54ca49f',
  'sha512-256': '53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23',
  'sha3-256': '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532',
  'sha3-512': 'b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e39340' +
    '57340b4cf408d5a56592f8274eec53f0',
  blake2b512: 'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc95' +
    '18d38aa8dbf1925ab92386edd4009923',
  blake2s256: '508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982',
  ripemd160: '8eb208f7e05d987a9b044a8e98c6b087f15a0bfc',
};

test('digests of "abc" match the published vectors', () => {
  for (const [name, hex] of Object.entries(abc)) {
    assert.strictEqual(crypto.createHash(name).update('abc').digest('hex'), hex, name);
    assert.strictEqual(crypto.hash(name, 'abc'), hex, `crypto.hash ${name}`);
  }
  // The FIPS 180 two-block message.
  assert.strictEqual(crypto.createHash('sha256').update('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')
    .digest('hex'), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  // One million 'a's, fed in pieces.
  const h = crypto.createHash('sha1');
  for (let i = 0; i < 1000; i++) h.update('a'.repeat(1000));
  assert.strictEqual(h.digest('hex'), '34aa973cd4c4daa4f61eeb2bdbad27316534016f');
});

test('SHAKE with outputLength', () => {
  assert.strictEqual(crypto.createHash('shake128', { outputLength: 32 }).digest('hex'),
    '7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26');
  assert.strictEqual(crypto.createHash('shake256', { outputLength: 64 }).digest('hex'),
    '46b9dd2b0ba88d13233b3feb743eeb243fcd52ea62b81b82b50c27646ed5762fd75dc4ddd8c0f200cb05019d67b592f6' +
    'fc821c49479ab48640292eacb3b7c4be');
  // The defaults are 16 and 32 bytes; zero is allowed.
  assert.strictEqual(crypto.createHash('shake128').digest().length, 16);
  assert.strictEqual(crypto.createHash('shake256').digest().length, 32);
  assert.strictEqual(crypto.createHash('shake256', { outputLength: 0 }).digest('hex'), '');
  assert.throws(() => crypto.createHash('sha256', { outputLength: 5 }), { code: 'ERR_OSSL_EVP_NOT_XOF_OR_INVALID_LENGTH' });
  assert.strictEqual(crypto.createHash('sha256', { outputLength: 32 }).update('abc').digest('hex'), abc.sha256);
});

test('inputs and output encodings', () => {
  const expect = abc.sha256;
  assert.strictEqual(crypto.createHash('sha256').update('a').update(Buffer.from('b')).update(new Uint8Array([99]))
    .digest('hex'), expect);
  assert.strictEqual(crypto.createHash('sha256').update('616263', 'hex').digest('hex'), expect);
  assert.strictEqual(crypto.createHash('sha256').update('YWJj', 'base64').digest('hex'), expect);
  assert.strictEqual(crypto.createHash('sha256').update(new DataView(new Uint8Array([97, 98, 99]).buffer)).digest('hex'),
    expect);
  // latin1 and utf8 differ above U+007F.
  assert.notStrictEqual(crypto.createHash('md5').update('é', 'latin1').digest('hex'),
    crypto.createHash('md5').update('é', 'utf8').digest('hex'));
  assert.strictEqual(crypto.createHash('md5').update('é', 'latin1').digest('hex'),
    crypto.createHash('md5').update(Buffer.from([0xe9])).digest('hex'));
  assert.strictEqual(crypto.createHash('sha256').update('abc').digest('base64'), 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
  assert.strictEqual(crypto.createHash('sha256').update('abc').digest('base64url'), 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  const buf = crypto.createHash('sha256').update('abc').digest();
  assert.ok(Buffer.isBuffer(buf));
  assert.strictEqual(buf.toString('hex'), expect);
  assert.strictEqual(crypto.createHash('SHA256').update('abc').digest('hex'), expect);
  assert.strictEqual(crypto.createHash('RSA-SHA256').update('abc').digest('hex'), expect);
  assert.strictEqual(crypto.hash('sha1', Buffer.from('abc'), 'base64'), 'qZk+NkcGgWq6PiVxeFDCbJzQ2J0=');
  assert.ok(Buffer.isBuffer(crypto.hash('sha1', 'abc', 'buffer')));
});

test('copy() forks the running state', () => {
  const h = crypto.createHash('sha256').update('ab');
  const c = h.copy();
  c.update('c');
  assert.strictEqual(c.digest('hex'), abc.sha256);
  assert.strictEqual(h.update('c').digest('hex'), abc.sha256);
  assert.throws(() => h.copy(), { code: 'ERR_CRYPTO_HASH_FINALIZED' });
  const x = crypto.createHash('shake256').update('abc');
  assert.strictEqual(x.copy({ outputLength: 8 }).digest().length, 8);
});

test('hashes are streams', async () => {
  const h = crypto.createHash('sha256');
  h.setEncoding('hex');
  const done = new Promise((resolve) => h.on('data', resolve));
  h.write('a');
  h.end('bc');
  assert.strictEqual(await done, abc.sha256);
});

test('HMAC: RFC 4231 and RFC 2202', () => {
  const k1 = Buffer.alloc(20, 0x0b);
  assert.strictEqual(crypto.createHmac('sha224', k1).update('Hi There').digest('hex'),
    '896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22');
  assert.strictEqual(crypto.createHmac('sha256', k1).update('Hi There').digest('hex'),
    'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
  assert.strictEqual(crypto.createHmac('sha384', k1).update('Hi There').digest('hex'),
    'afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6');
  assert.strictEqual(crypto.createHmac('sha512', k1).update('Hi There').digest('hex'),
    '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4' +
    'be9d914eeb61f1702e696c203a126854');
  assert.strictEqual(crypto.createHmac('sha256', 'Jefe').update('what do ya want for nothing?').digest('hex'),
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  // Case 6: a key longer than the block is hashed first.
  assert.strictEqual(crypto.createHmac('sha256', Buffer.alloc(131, 0xaa))
    .update('Test Using Larger Than Block-Size Key - Hash Key First').digest('hex'),
  '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  assert.strictEqual(crypto.createHmac('md5', Buffer.alloc(16, 0x0b)).update('Hi There').digest('hex'),
    '9294727a3638bb1c13f48ef8158bfc9d');
  assert.strictEqual(crypto.createHmac('sha1', 'Jefe').update('what do ya want for nothing?').digest('hex'),
    'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79');
  // An empty key is a valid key.
  assert.strictEqual(crypto.createHmac('sha256', '').digest('hex'),
    'b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad');
  // A secret KeyObject works as the key.
  assert.strictEqual(crypto.createHmac('sha256', crypto.createSecretKey(Buffer.from('Jefe')))
    .update('what do ya want for nothing?').digest('hex'),
  '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
});

test('finalized hashes and HMACs', () => {
  const h = crypto.createHash('sha256');
  h.digest();
  assert.throws(() => h.digest(), { code: 'ERR_CRYPTO_HASH_FINALIZED', message: 'Digest already called' });
  assert.throws(() => h.update('x'), { code: 'ERR_CRYPTO_HASH_FINALIZED' });
  const m = crypto.createHmac('sha256', 'k');
  m.digest();
  // Node gives an empty result for a second HMAC digest.
  assert.strictEqual(m.digest('hex'), '');
  assert.strictEqual(m.digest().length, 0);
});

test('unknown algorithms and bad arguments', () => {
  assert.throws(() => crypto.createHash('no-such-hash'), { message: 'Digest method not supported' });
  assert.throws(() => crypto.createHmac('no-such-hash', 'k'),
    { code: 'ERR_CRYPTO_INVALID_DIGEST', name: 'TypeError', message: 'Invalid digest: no-such-hash' });
  assert.throws(() => crypto.hash('no-such-hash', 'x'), { message: 'Digest method no-such-hash is not supported' });
  assert.throws(() => crypto.createHash(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.createHash('sha256').update(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.createHmac('sha256', 5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.hash('sha256', 5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.createHash('sha256', { outputLength: -1 }), { code: 'ERR_OUT_OF_RANGE' });
});

test('getHashes lists what createHash takes', () => {
  const hashes = crypto.getHashes();
  for (const name of ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha512-256', 'sha3-256', 'sha3-384',
    'sha3-512', 'shake128', 'shake256', 'blake2b512', 'blake2s256', 'RSA-SHA256']) {
    assert.ok(hashes.includes(name), name);
  }
  assert.deepStrictEqual([...hashes].sort(), hashes);
  for (const name of hashes) assert.strictEqual(typeof crypto.createHash(name).update('x').digest('hex'), 'string');
});

test('timingSafeEqual', () => {
  assert.strictEqual(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), true);
  assert.strictEqual(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')), false);
  assert.strictEqual(crypto.timingSafeEqual(new Uint16Array([1, 2]), new Uint8Array([1, 0, 2, 0])), true);
  assert.strictEqual(crypto.timingSafeEqual(new ArrayBuffer(4), new Uint32Array(1)), true);
  assert.throws(() => crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')),
    { code: 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', name: 'RangeError' });
  assert.throws(() => crypto.timingSafeEqual('a', Buffer.from('a')), { code: 'ERR_INVALID_ARG_TYPE' });
});
