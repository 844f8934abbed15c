'use strict';
// Ciphers against published vectors: NIST SP 800-38A (AES ECB, CBC, CTR),
// the GCM specification's test cases, RFC 7539 (ChaCha20-Poly1305); then
// padding, AEAD tags, streams and Node's errors.
const test = require('node:test');
const assert = require('node:assert');
const crypto = require('crypto');

const hex = (s) => Buffer.from(s, 'hex');
const k128 = hex('2b7e151628aed2a6abf7158809cf4f3c');
const k256 = hex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
const pt = hex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51');

function run(name, key, iv, data, padding = true) {
  const c = crypto.createCipheriv(name, key, iv);
  c.setAutoPadding(padding);
  return Buffer.concat([c.update(data), c.final()]).toString('hex');
}

test('AES ECB, CBC and CTR: SP 800-38A', () => {
  assert.strictEqual(run('aes-128-ecb', k128, null, pt, false),
    '3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf');
  assert.strictEqual(run('aes-256-ecb', k256, Buffer.alloc(0), pt.subarray(0, 16), false),
    'f3eed1bdb5d2a03c064b5a7e3db181f8');
  assert.strictEqual(run('aes-128-cbc', k128, hex('000102030405060708090a0b0c0d0e0f'), pt, false),
    '7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2');
  assert.strictEqual(run('aes-128-ctr', k128, hex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'), pt),
    '874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff');
  // CTR is a stream cipher: any length, and decryption is the same operation.
  const ct = run('aes-128-ctr', k128, hex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'), pt.subarray(0, 5));
  assert.strictEqual(ct, '874d6191b6');
  const d = crypto.createDecipheriv('aes-128-ctr', k128, hex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'));
  assert.deepStrictEqual(Buffer.concat([d.update(hex(ct)), d.final()]), pt.subarray(0, 5));
});

test('CBC with PKCS#7 padding round-trips, and setAutoPadding(false) wants whole blocks', () => {
  const key = Buffer.alloc(32, 7);
  const iv = Buffer.alloc(16, 9);
  for (const len of [0, 1, 15, 16, 17, 100]) {
    const data = crypto.randomBytes(len);
    const c = crypto.createCipheriv('aes-256-cbc', key, iv);
    const ct = Buffer.concat([c.update(data), c.final()]);
    assert.strictEqual(ct.length, (Math.floor(len / 16) + 1) * 16);
    const d = crypto.createDecipheriv('aes-256-cbc', key, iv);
    assert.deepStrictEqual(Buffer.concat([d.update(ct), d.final()]), data);
  }
  const c = crypto.createCipheriv('aes-128-cbc', Buffer.alloc(16), Buffer.alloc(16)).setAutoPadding(false);
  c.update('abc');
  assert.throws(() => c.final(), { code: 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH' });
  // Wrong key: the padding check fails.
  const enc = crypto.createCipheriv('aes-128-cbc', Buffer.alloc(16, 1), Buffer.alloc(16));
  const ct = Buffer.concat([enc.update('secret message'), enc.final()]);
  const dec = crypto.createDecipheriv('aes-128-cbc', Buffer.alloc(16, 2), Buffer.alloc(16));
  dec.update(ct);
  assert.throws(() => dec.final(), {
    code: 'ERR_OSSL_BAD_DECRYPT', message: 'error:1C800064:Provider routines::bad decrypt',
    library: 'Provider routines', reason: 'bad decrypt',
  });
});

test('string encodings in and out', () => {
  const key = 'a'.repeat(16);
  const iv = 'b'.repeat(16);
  const c = crypto.createCipheriv('aes-128-cbc', key, iv);
  const out = c.update('hello', 'utf8', 'hex') + c.final('hex');
  assert.strictEqual(out, '0da01c4025cec0b799f663023333f16d');
  const d = crypto.createDecipheriv('aes-128-cbc', key, iv);
  assert.strictEqual(d.update(out, 'hex', 'utf8') + d.final('utf8'), 'hello');
  // A multi-byte character split across update() calls decodes whole.
  const c2 = crypto.createCipheriv('aes-128-ctr', key, iv);
  const ct = Buffer.concat([c2.update('€uro'), c2.final()]);
  const d2 = crypto.createDecipheriv('aes-128-ctr', key, iv);
  assert.strictEqual(d2.update(ct.subarray(0, 1), null, 'utf8') + d2.update(ct.subarray(1), null, 'utf8') +
    d2.final('utf8'), '€uro');
});

test('AES-GCM: the specification test cases', () => {
  const key = Buffer.alloc(16);
  const iv = Buffer.alloc(12);
  // Test case 1: no plaintext, only a tag.
  let c = crypto.createCipheriv('aes-128-gcm', key, iv);
  c.final();
  assert.strictEqual(c.getAuthTag().toString('hex'), '58e2fccefa7e3061367f1d57a4e7455a');
  // Test case 2: one zero block.
  c = crypto.createCipheriv('aes-128-gcm', key, iv);
  assert.strictEqual(Buffer.concat([c.update(Buffer.alloc(16)), c.final()]).toString('hex'),
    '0388dace60b6a392f328c2b971b2fe78');
  assert.strictEqual(c.getAuthTag().toString('hex'), 'ab6e47d42cec13bdf53a67b21257bddf');
  // Test case 4: with AAD.
  const k4 = hex('feffe9928665731c6d6a8f9467308308');
  const iv4 = hex('cafebabefacedbaddecaf888');
  const p4 = hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525' +
    'b16aedf5aa0de657ba637b39');
  const a4 = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  c = crypto.createCipheriv('aes-128-gcm', k4, iv4);
  c.setAAD(a4);
  const ct4 = Buffer.concat([c.update(p4), c.final()]);
  assert.strictEqual(ct4.toString('hex'), '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b254' +
    '66931c7d8f6a5aac84aa051ba30b396a0aac973d58e091');
  assert.strictEqual(c.getAuthTag().toString('hex'), '5bc94fbc3221a5db94fae95ae7121a47');
  const d = crypto.createDecipheriv('aes-128-gcm', k4, iv4);
  d.setAAD(a4);
  d.setAuthTag(hex('5bc94fbc3221a5db94fae95ae7121a47'));
  assert.deepStrictEqual(Buffer.concat([d.update(ct4), d.final()]), p4);
});

test('AEAD: wrong tags, tag lengths and states', () => {
  const key = Buffer.alloc(16, 3);
  const iv = Buffer.alloc(12, 4);
  const c = crypto.createCipheriv('aes-128-gcm', key, iv, { authTagLength: 12 });
  const ct = Buffer.concat([c.update('attack at dawn'), c.final()]);
  const tag = c.getAuthTag();
  assert.strictEqual(tag.length, 12);
  const bad = Buffer.from(tag);
  bad[0] ^= 1;
  const d = crypto.createDecipheriv('aes-128-gcm', key, iv, { authTagLength: 12 });
  d.setAuthTag(bad);
  d.update(ct);
  assert.throws(() => d.final(), { message: 'Unsupported state or unable to authenticate data' });
  // Tampered ciphertext.
  const d2 = crypto.createDecipheriv('aes-128-gcm', key, iv);
  d2.setAuthTag(tag);
  const flipped = Buffer.from(ct);
  flipped[3] ^= 0x80;
  d2.update(flipped);
  assert.throws(() => d2.final(), { message: 'Unsupported state or unable to authenticate data' });
  // No tag at all.
  const d3 = crypto.createDecipheriv('aes-128-gcm', key, iv);
  d3.update(ct);
  assert.throws(() => d3.final(), { message: 'Unsupported state or unable to authenticate data' });
  assert.throws(() => crypto.createCipheriv('aes-128-gcm', key, iv, { authTagLength: 7 }),
    { code: 'ERR_CRYPTO_INVALID_AUTH_TAG', message: 'Invalid authentication tag length: 7' });
  assert.throws(() => crypto.createDecipheriv('aes-128-gcm', key, iv, { authTagLength: 8 }).setAuthTag(Buffer.alloc(16)),
    { code: 'ERR_CRYPTO_INVALID_AUTH_TAG', message: 'Invalid authentication tag length: 16' });
  assert.throws(() => crypto.createDecipheriv('aes-128-gcm', key, iv).setAuthTag(Buffer.alloc(5)),
    { code: 'ERR_CRYPTO_INVALID_AUTH_TAG' });
  assert.throws(() => crypto.createCipheriv('aes-128-gcm', key, iv).getAuthTag(),
    { code: 'ERR_CRYPTO_INVALID_STATE', message: 'Invalid state for operation getAuthTag' });
  const twice = crypto.createDecipheriv('aes-128-gcm', key, iv);
  twice.setAuthTag(tag);
  assert.throws(() => twice.setAuthTag(tag), { code: 'ERR_CRYPTO_INVALID_STATE' });
  const late = crypto.createCipheriv('aes-128-gcm', key, iv);
  late.update('x');
  assert.throws(() => late.setAAD(Buffer.from('a')), { code: 'ERR_CRYPTO_INVALID_STATE' });
  assert.throws(() => crypto.createCipheriv('aes-128-ccm', key, iv), { code: 'ERR_CRYPTO_INVALID_AUTH_TAG' });
});

test('ChaCha20-Poly1305: RFC 7539 section 2.8.2', () => {
  const key = hex('808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f');
  const nonce = hex('070000004041424344454647');
  const aad = hex('50515253c0c1c2c3c4c5c6c7');
  const text = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, " +
    'sunscreen would be it.';
  const expected = 'd31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b' +
    '1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e' +
    '4b7a9de576d26586cec64b6116';
  const c = crypto.createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  c.setAAD(aad);
  assert.strictEqual(Buffer.concat([c.update(text), c.final()]).toString('hex'), expected);
  assert.strictEqual(c.getAuthTag().toString('hex'), '1ae10b594f09e26a7e902ecbd0600691');
  const d = crypto.createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  d.setAAD(aad);
  d.setAuthTag(hex('1ae10b594f09e26a7e902ecbd0600691'));
  assert.strictEqual(d.update(hex(expected), null, 'utf8') + d.final('utf8'), text);
});

test('ciphers are streams', async () => {
  const key = Buffer.alloc(16, 1);
  const iv = Buffer.alloc(16, 2);
  const c = crypto.createCipheriv('aes-128-cbc', key, iv);
  const chunks = [];
  c.on('data', (b) => chunks.push(b));
  const ended = new Promise((resolve) => c.on('end', resolve));
  c.write('hello ');
  c.end('world');
  await ended;
  const d = crypto.createDecipheriv('aes-128-cbc', key, iv);
  assert.strictEqual(d.update(Buffer.concat(chunks), null, 'utf8') + d.final('utf8'), 'hello world');
});

test('bad keys, IVs and names', () => {
  const key = Buffer.alloc(16);
  assert.throws(() => crypto.createCipheriv('aes-128-cbc', key, Buffer.alloc(3)),
    { code: 'ERR_CRYPTO_INVALID_IV', name: 'TypeError', message: 'Invalid initialization vector' });
  assert.throws(() => crypto.createCipheriv('aes-128-cbc', key, null), { code: 'ERR_CRYPTO_INVALID_IV' });
  assert.throws(() => crypto.createCipheriv('aes-128-ecb', key, Buffer.alloc(16)), { code: 'ERR_CRYPTO_INVALID_IV' });
  assert.throws(() => crypto.createCipheriv('aes-128-gcm', key, Buffer.alloc(0)), { code: 'ERR_CRYPTO_INVALID_IV' });
  assert.throws(() => crypto.createCipheriv('chacha20-poly1305', Buffer.alloc(32), Buffer.alloc(8)),
    { code: 'ERR_CRYPTO_INVALID_IV' });
  assert.throws(() => crypto.createCipheriv('aes-128-cbc', Buffer.alloc(3), Buffer.alloc(16)),
    { code: 'ERR_CRYPTO_INVALID_KEYLEN', name: 'RangeError', message: 'Invalid key length' });
  assert.throws(() => crypto.createCipheriv('aes-256-gcm', key, Buffer.alloc(12)), { code: 'ERR_CRYPTO_INVALID_KEYLEN' });
  assert.throws(() => crypto.createCipheriv('no-such-cipher', key, Buffer.alloc(16)),
    { code: 'ERR_CRYPTO_UNKNOWN_CIPHER', message: 'Unknown cipher' });
  assert.throws(() => crypto.createCipheriv(5, key, Buffer.alloc(16)), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.createCipheriv('aes-128-cbc', 5, Buffer.alloc(16)), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.createCipheriv('aes-128-cbc', key, 5), { code: 'ERR_INVALID_ARG_TYPE' });
  const c = crypto.createCipheriv('aes-128-cbc', key, Buffer.alloc(16));
  assert.throws(() => c.update(5), { code: 'ERR_INVALID_ARG_TYPE' });
  c.final();
  assert.throws(() => c.final(), { code: 'ERR_CRYPTO_INVALID_STATE' });
  assert.throws(() => c.update('x'), { message: 'Trying to add data in unsupported state' });
  assert.throws(() => c.setAutoPadding(false), { code: 'ERR_CRYPTO_INVALID_STATE' });
});

test('getCiphers and getCipherInfo', () => {
  const list = crypto.getCiphers();
  for (const name of ['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', 'aes-128-ctr', 'aes-256-gcm', 'aes-128-ecb',
    'chacha20-poly1305']) {
    assert.ok(list.includes(name), name);
  }
  assert.deepStrictEqual(crypto.getCipherInfo('aes-128-gcm'),
    { mode: 'gcm', name: 'id-aes128-gcm', nid: 895, blockSize: 1, ivLength: 12, keyLength: 16 });
  assert.deepStrictEqual(crypto.getCipherInfo('aes-256-cbc'),
    { mode: 'cbc', name: 'aes-256-cbc', nid: 427, blockSize: 16, ivLength: 16, keyLength: 32 });
  assert.deepStrictEqual(crypto.getCipherInfo('chacha20-poly1305'),
    { mode: 'stream', name: 'chacha20-poly1305', nid: 1018, ivLength: 12, keyLength: 32 });
  assert.strictEqual(crypto.getCipherInfo('aes-256-cbc', { keyLength: 16 }), undefined);
  assert.strictEqual(crypto.getCipherInfo('aes-128-gcm', { ivLength: 16 }).ivLength, 16);
  assert.strictEqual(crypto.getCipherInfo('no-such-cipher'), undefined);
  assert.strictEqual(crypto.getCipherInfo(427).name, 'aes-256-cbc');
});

test('the deprecated password forms derive key and IV as EVP_BytesToKey (MD5) does', () => {
  // openssl enc -aes-256-cbc -nosalt -md md5 -pass pass:secret, of "hello world".
  const c = crypto.createCipher('aes-256-cbc', 'secret');
  const ct = Buffer.concat([c.update('hello world'), c.final()]);
  assert.strictEqual(ct.toString('hex'), 'a9943e6403791ebc6d72f58e69303ebc');
  const key = crypto.createHash('md5').update('secret').digest();
  const d2 = crypto.createHash('md5').update(key).update('secret').digest();
  const d3 = crypto.createHash('md5').update(d2).update('secret').digest();
  const e = crypto.createCipheriv('aes-256-cbc', Buffer.concat([key, d2]), d3);
  assert.deepStrictEqual(ct, Buffer.concat([e.update('hello world'), e.final()]));
  const d = crypto.createDecipher('aes-256-cbc', 'secret');
  assert.strictEqual(d.update(ct, null, 'utf8') + d.final('utf8'), 'hello world');
});
