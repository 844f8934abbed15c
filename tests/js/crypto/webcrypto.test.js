'use strict';
// Web Crypto: crypto.subtle against the same vectors as the crypto module
// (FIPS 180, RFC 6070, RFC 5869, the GCM test cases, RFC 8032), key
// generation, import/export, agreement, wrapping and DOMException errors.
const test = require('node:test');
const assert = require('node:assert');
const crypto = require('crypto');
const util = require('util');

const { webcrypto } = crypto;

const { subtle } = webcrypto;
const enc = (s) => new TextEncoder().encode(s);
const hex = (b) => Buffer.from(b).toString('hex');
const fromHex = (s) => new Uint8Array(Buffer.from(s, 'hex'));

test('the global crypto is webcrypto', () => {
  assert.strictEqual(globalThis.crypto, webcrypto);
  assert.strictEqual(globalThis.crypto.subtle, subtle);
  assert.strictEqual(typeof globalThis.CryptoKey, 'function');
  assert.strictEqual(Object.prototype.toString.call(subtle), '[object SubtleCrypto]');
  assert.match(globalThis.crypto.randomUUID(), /^[0-9a-f-]{36}$/);
  assert.throws(() => new globalThis.CryptoKey(), { name: 'TypeError' });
});

test('digest', async () => {
  assert.strictEqual(hex(await subtle.digest('SHA-256', enc('abc'))),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.strictEqual(hex(await subtle.digest({ name: 'sha-1' }, enc('abc'))), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.strictEqual((await subtle.digest('SHA-512', new ArrayBuffer(0))).byteLength, 64);
  await assert.rejects(subtle.digest('MD5', enc('abc')), { name: 'NotSupportedError' });
});

test('HMAC keys: generate, sign, verify, export', async () => {
  const key = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
  assert.deepStrictEqual(key.algorithm, { name: 'HMAC', length: 512, hash: { name: 'SHA-256' } });
  assert.strictEqual(key.type, 'secret');
  const sig = await subtle.sign('HMAC', key, enc('data'));
  assert.strictEqual(sig.byteLength, 32);
  assert.strictEqual(await subtle.verify('HMAC', key, sig, enc('data')), true);
  assert.strictEqual(await subtle.verify('HMAC', key, sig, enc('other')), false);
  const jwk = await subtle.exportKey('jwk', key);
  assert.strictEqual(jwk.alg, 'HS256');
  assert.strictEqual(jwk.kty, 'oct');
  // RFC 4231 case 2 through an imported key.
  const jefe = await subtle.importKey('raw', enc('Jefe'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  assert.strictEqual(hex(await subtle.sign('HMAC', jefe, enc('what do ya want for nothing?'))),
    '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  await assert.rejects(subtle.exportKey('raw', jefe), { name: 'InvalidAccessException' });
  await assert.rejects(subtle.verify('HMAC', jefe, sig, enc('x')), { name: 'InvalidAccessError' });
});

test('AES-GCM, AES-CBC and AES-CTR', async () => {
  const zero = await subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', true, ['encrypt', 'decrypt']);
  const ct = await subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, zero, new Uint8Array(16));
  // GCM test case 2: ciphertext then tag.
  assert.strictEqual(hex(ct), '0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf');
  assert.strictEqual(hex(await subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, zero, ct)), '00'.repeat(16));
  const bad = new Uint8Array(ct);
  bad[0] ^= 1;
  await assert.rejects(subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, zero, bad), { name: 'OperationError' });
  const k = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
  const cbc = await subtle.importKey('raw', k, 'AES-CBC', false, ['encrypt', 'decrypt']);
  const iv = fromHex('000102030405060708090a0b0c0d0e0f');
  const c1 = await subtle.encrypt({ name: 'AES-CBC', iv }, cbc, fromHex('6bc1bee22e409f96e93d7e117393172a'));
  // SP 800-38A's first block, then the PKCS#7 padding block.
  assert.strictEqual(hex(c1).slice(0, 32), '7649abac8119b246cee98e9b12e9197d');
  assert.strictEqual(c1.byteLength, 32);
  assert.strictEqual(hex(await subtle.decrypt({ name: 'AES-CBC', iv }, cbc, c1)), '6bc1bee22e409f96e93d7e117393172a');
  const ctr = await subtle.importKey('raw', k, { name: 'AES-CTR' }, false, ['encrypt']);
  assert.strictEqual(hex(await subtle.encrypt({ name: 'AES-CTR', counter: fromHex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'),
    length: 64 }, ctr, fromHex('6bc1bee22e409f96e93d7e117393172a'))), '874d6191b620e3261bef6864990db6ce');
  await assert.rejects(subtle.importKey('raw', new Uint8Array(3), 'AES-GCM', true, ['encrypt']), { name: 'DataError' });
  const gen = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
  assert.strictEqual((await subtle.exportKey('raw', gen)).byteLength, 32);
  assert.strictEqual((await subtle.exportKey('jwk', gen)).alg, 'A256GCM');
});

test('ECDSA, Ed25519 and RSASSA-PKCS1-v1_5 signatures; spki and pkcs8', async () => {
  const ec = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  assert.deepStrictEqual(ec.publicKey.usages, ['verify']);
  assert.deepStrictEqual(ec.privateKey.usages, ['sign']);
  const sig = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, ec.privateKey, enc('m'));
  assert.strictEqual(sig.byteLength, 64);
  assert.ok(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, ec.publicKey, sig, enc('m')));
  const raw = await subtle.exportKey('raw', ec.publicKey);
  assert.strictEqual(new Uint8Array(raw)[0], 4);
  const imported = await subtle.importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  assert.ok(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, imported, sig, enc('m')));
  const jwk = await subtle.exportKey('jwk', ec.privateKey);
  assert.strictEqual(jwk.crv, 'P-256');
  const back = await subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
  assert.strictEqual(back.type, 'private');

  // RFC 8032 test 1 through pkcs8 made from the seed.
  const seed = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
  const pkcs8 = new Uint8Array([...fromHex('302e020100300506032b657004220420'), ...seed]);
  const ed = await subtle.importKey('pkcs8', pkcs8, 'Ed25519', true, ['sign']);
  assert.strictEqual(hex(await subtle.sign('Ed25519', ed, new Uint8Array(0))),
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
  const edPub = await subtle.importKey('raw', fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
    'Ed25519', true, ['verify']);
  assert.ok(await subtle.verify('Ed25519', edPub, await subtle.sign('Ed25519', ed, enc('x')), enc('x')));

  const rsa = await subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024,
    publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
  assert.strictEqual(rsa.privateKey.algorithm.modulusLength, 1024);
  assert.deepStrictEqual([...rsa.privateKey.algorithm.publicExponent], [1, 0, 1]);
  const spki = await subtle.exportKey('spki', rsa.publicKey);
  const pub2 = await subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify']);
  const rs = await subtle.sign('RSASSA-PKCS1-v1_5', rsa.privateKey, enc('q'));
  assert.ok(await subtle.verify('RSASSA-PKCS1-v1_5', pub2, rs, enc('q')));
  // The node:crypto view of the same key agrees.
  const { KeyObject, verify } = require('crypto');
  assert.ok(verify('sha256', enc('q'), KeyObject.from(pub2), Buffer.from(rs)));
  await assert.rejects(subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']),
    { name: 'DataError' });
});

test('RSA-OAEP and RSA-PSS', async () => {
  const oaep = await subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024,
    publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, false, ['encrypt', 'decrypt']);
  const ct = await subtle.encrypt({ name: 'RSA-OAEP', label: enc('L') }, oaep.publicKey, enc('secret'));
  assert.strictEqual(Buffer.from(await subtle.decrypt({ name: 'RSA-OAEP', label: enc('L') }, oaep.privateKey, ct))
    .toString(), 'secret');
  await assert.rejects(subtle.decrypt({ name: 'RSA-OAEP' }, oaep.privateKey, ct), { name: 'OperationError' });
  const pss = await subtle.generateKey({ name: 'RSA-PSS', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256' }, true, ['sign', 'verify']);
  const sig = await subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, pss.privateKey, enc('m'));
  assert.ok(await subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pss.publicKey, sig, enc('m')));
});

test('deriveBits and deriveKey: PBKDF2, HKDF, ECDH, X25519', async () => {
  const pw = await subtle.importKey('raw', enc('password'), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
  assert.strictEqual(hex(await subtle.deriveBits({ name: 'PBKDF2', salt: enc('salt'), iterations: 2, hash: 'SHA-1' },
    pw, 160)), 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957');
  const aes = await subtle.deriveKey({ name: 'PBKDF2', salt: enc('salt'), iterations: 1000, hash: 'SHA-256' }, pw,
    { name: 'AES-GCM', length: 128 }, true, ['encrypt']);
  assert.deepStrictEqual(aes.algorithm, { name: 'AES-GCM', length: 128 });
  const ikm = await subtle.importKey('raw', new Uint8Array(22).fill(0x0b), 'HKDF', false, ['deriveBits']);
  assert.strictEqual(hex(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: fromHex('000102030405060708090a0b0c'),
    info: fromHex('f0f1f2f3f4f5f6f7f8f9') }, ikm, 336)),
  '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  await assert.rejects(subtle.importKey('raw', enc('pw'), 'PBKDF2', true, ['deriveBits']), { name: 'SyntaxError' });
  for (const alg of [{ name: 'ECDH', namedCurve: 'P-384' }, { name: 'X25519' }]) {
    const a = await subtle.generateKey(alg, true, ['deriveBits']);
    const b = await subtle.generateKey(alg, true, ['deriveBits']);
    const ab = await subtle.deriveBits({ name: alg.name, public: b.publicKey }, a.privateKey, 256);
    const ba = await subtle.deriveBits({ name: alg.name, public: a.publicKey }, b.privateKey, 256);
    assert.strictEqual(hex(ab), hex(ba));
    assert.strictEqual(ab.byteLength, 32);
  }
});

test('wrapKey and unwrapKey', async () => {
  const kek = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
  const key = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-384' }, true, ['sign']);
  const iv = new Uint8Array(12).fill(5);
  const wrapped = await subtle.wrapKey('jwk', key, kek, { name: 'AES-GCM', iv });
  const unwrapped = await subtle.unwrapKey('jwk', wrapped, kek, { name: 'AES-GCM', iv },
    { name: 'HMAC', hash: 'SHA-384' }, true, ['sign']);
  assert.strictEqual(hex(await subtle.exportKey('raw', unwrapped)), hex(await subtle.exportKey('raw', key)));
});

test('errors are DOMExceptions of the right name', async () => {
  await assert.rejects(subtle.generateKey({ name: 'nope' }, true, ['sign']),
    { name: 'NotSupportedError', message: 'Unrecognized algorithm name' });
  await assert.rejects(subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, []),
    { name: 'SyntaxError', message: 'Usages cannot be empty when creating a key.' });
  await assert.rejects(subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['encrypt']), { name: 'SyntaxError' });
  const ec = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  await assert.rejects(subtle.sign('HMAC', ec.privateKey, enc('x')), { name: 'InvalidAccessError' });
  await assert.rejects(subtle.exportKey('pkcs8', ec.privateKey), { name: 'InvalidAccessException' });
  await assert.rejects(subtle.digest('SHA-256'), { code: 'ERR_MISSING_ARGS' });
  await assert.rejects(subtle.importKey('raw', new Uint8Array(65), { name: 'ECDSA', namedCurve: 'P-256' }, true,
    ['verify']), { name: 'DataError' });
});

test('util.types knows KeyObject and CryptoKey', async () => {
  assert.strictEqual(util.types.isKeyObject(crypto.createSecretKey(Buffer.from('k'))), true);
  assert.strictEqual(util.types.isKeyObject({}), false);
  const key = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  assert.strictEqual(util.types.isCryptoKey(key), true);
  assert.strictEqual(util.types.isCryptoKey(crypto.createSecretKey(Buffer.from('k'))), false);
});
