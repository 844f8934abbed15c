'use strict';
// Key objects, signatures, RSA encryption and key agreement: generated keys
// round-trip through every export format; RFC 8032 (Ed25519) and RFC 7748
// (X25519) vectors; Node's errors for bad input.
const test = require('node:test');
const assert = require('node:assert');
const crypto = require('crypto');
const { promisify } = require('util');

const hex = (s) => Buffer.from(s, 'hex');
const b64u = (s) => hex(s).toString('base64url');

test('RSA: generate, details, export and import in every format', async () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  assert.strictEqual(publicKey.type, 'public');
  assert.strictEqual(privateKey.type, 'private');
  assert.strictEqual(privateKey.asymmetricKeyType, 'rsa');
  assert.deepStrictEqual(publicKey.asymmetricKeyDetails, { modulusLength: 1024, publicExponent: 65537n });
  const spki = publicKey.export({ type: 'spki', format: 'pem' });
  assert.match(spki, /^-----BEGIN PUBLIC KEY-----\n/);
  assert.match(publicKey.export({ type: 'pkcs1', format: 'pem' }), /^-----BEGIN RSA PUBLIC KEY-----\n/);
  assert.match(privateKey.export({ type: 'pkcs1', format: 'pem' }), /^-----BEGIN RSA PRIVATE KEY-----\n/);
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' });
  assert.match(pkcs8, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.ok(crypto.createPublicKey(spki).equals(publicKey));
  assert.ok(crypto.createPrivateKey(pkcs8).equals(privateKey));
  assert.ok(crypto.createPublicKey(pkcs8).equals(publicKey));
  assert.ok(crypto.createPublicKey(privateKey).equals(publicKey));
  const der = publicKey.export({ type: 'spki', format: 'der' });
  assert.ok(Buffer.isBuffer(der));
  assert.ok(crypto.createPublicKey({ key: der, format: 'der', type: 'spki' }).equals(publicKey));
  const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'der' });
  assert.ok(crypto.createPrivateKey({ key: pkcs1, format: 'der', type: 'pkcs1' }).equals(privateKey));
  const jwk = privateKey.export({ format: 'jwk' });
  assert.deepStrictEqual(Object.keys(jwk).sort(), ['d', 'dp', 'dq', 'e', 'kty', 'n', 'p', 'q', 'qi']);
  assert.strictEqual(jwk.e, 'AQAB');
  assert.ok(crypto.createPrivateKey({ key: jwk, format: 'jwk' }).equals(privateKey));
  assert.ok(crypto.createPublicKey({ key: jwk, format: 'jwk' }).equals(publicKey));
  // Encrypted PKCS#8, and the passphrase it needs.
  const enc = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'top secret' });
  assert.match(enc, /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
  assert.ok(crypto.createPrivateKey({ key: enc, passphrase: 'top secret' }).equals(privateKey));
  assert.throws(() => crypto.createPrivateKey({ key: enc, passphrase: 'wrong' }), { code: /^ERR_OSSL_/ });
  assert.throws(() => crypto.createPrivateKey(enc), { code: /^ERR_/ });
  const encDer = privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-128-cbc', passphrase: 'pw' });
  assert.ok(crypto.createPrivateKey({ key: encDer, format: 'der', type: 'pkcs8', passphrase: 'pw' }).equals(privateKey));
  // The callback form, with encodings.
  const [pub, priv] = await new Promise((resolve, reject) => crypto.generateKeyPair('rsa', {
    modulusLength: 1024, publicExponent: 3,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  }, (err, a, b) => (err ? reject(err) : resolve([a, b]))));
  assert.strictEqual(typeof pub, 'string');
  assert.ok(Buffer.isBuffer(priv));
  assert.strictEqual(crypto.createPublicKey(pub).asymmetricKeyDetails.publicExponent, 3n);
});

test('RSA signatures and encryption', () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
  const data = Buffer.from('message to sign');
  const sig = crypto.sign('sha256', data, privateKey);
  assert.strictEqual(sig.length, 128);
  assert.strictEqual(crypto.verify('sha256', data, publicKey, sig), true);
  assert.strictEqual(crypto.verify('sha256', Buffer.from('other'), publicKey, sig), false);
  // PKCS#1 v1.5 is deterministic: createSign agrees with the one-shot.
  const s = crypto.createSign('SHA256');
  s.update('message ');
  s.write('to sign');
  assert.deepStrictEqual(s.sign(privateKey), sig);
  const v = crypto.createVerify('RSA-SHA256').update(data);
  assert.strictEqual(v.verify(publicKey, sig.toString('base64'), 'base64'), true);
  // The PEM text works as the key too.
  assert.strictEqual(crypto.verify('sha256', data, publicKey.export({ type: 'spki', format: 'pem' }), sig), true);
  const pss = crypto.sign('sha256', data, { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 20 });
  assert.strictEqual(crypto.verify('sha256', data, { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 20 }, pss), true);
  assert.strictEqual(crypto.verify('sha256', data, publicKey, pss), false);
  // OAEP by default; PKCS#1 v1.5 the other way.
  const ct = crypto.publicEncrypt(publicKey, Buffer.from('hello'));
  assert.strictEqual(ct.length, 128);
  assert.strictEqual(crypto.privateDecrypt(privateKey, ct).toString(), 'hello');
  const ct256 = crypto.publicEncrypt({ key: publicKey, oaepHash: 'sha256', oaepLabel: Buffer.from('L') }, 'hi');
  assert.strictEqual(crypto.privateDecrypt({ key: privateKey, oaepHash: 'sha256', oaepLabel: Buffer.from('L') }, ct256)
    .toString(), 'hi');
  assert.throws(() => crypto.privateDecrypt({ key: privateKey, oaepHash: 'sha1' }, ct256), { code: /^ERR_OSSL_/ });
  const signed = crypto.privateEncrypt(privateKey, Buffer.from('raw'));
  assert.strictEqual(crypto.publicDecrypt(publicKey, signed).toString(), 'raw');
  assert.throws(() => crypto.privateDecrypt({ key: privateKey, padding: crypto.constants.RSA_PKCS1_PADDING }, ct),
    { code: 'ERR_INVALID_ARG_VALUE' });
});

test('RSA-PSS keys carry their parameters', () => {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa-pss', {
    modulusLength: 1024, hashAlgorithm: 'sha256', mgf1HashAlgorithm: 'sha256', saltLength: 16,
  });
  assert.strictEqual(publicKey.asymmetricKeyType, 'rsa-pss');
  assert.deepStrictEqual(publicKey.asymmetricKeyDetails, {
    modulusLength: 1024, publicExponent: 65537n, hashAlgorithm: 'sha256', mgf1HashAlgorithm: 'sha256',
    saltLength: 16,
  });
  const sig = crypto.sign('sha256', Buffer.from('x'), privateKey);
  assert.strictEqual(crypto.verify('sha256', Buffer.from('x'), publicKey, sig), true);
  assert.throws(() => publicKey.export({ format: 'jwk' }), { code: 'ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE' });
});

test('EC: P-256 keys, ECDSA in DER and IEEE P1363', async () => {
  const { publicKey, privateKey } = await promisify(crypto.generateKeyPair)('ec', { namedCurve: 'P-256' });
  assert.deepStrictEqual(publicKey.asymmetricKeyDetails, { namedCurve: 'prime256v1' });
  assert.match(privateKey.export({ type: 'sec1', format: 'pem' }), /^-----BEGIN EC PRIVATE KEY-----\n/);
  const sec1 = privateKey.export({ type: 'sec1', format: 'der' });
  assert.ok(crypto.createPrivateKey({ key: sec1, format: 'der', type: 'sec1' }).equals(privateKey));
  const jwk = privateKey.export({ format: 'jwk' });
  assert.deepStrictEqual(Object.keys(jwk), ['kty', 'x', 'y', 'crv', 'd']);
  assert.strictEqual(jwk.crv, 'P-256');
  assert.strictEqual(Buffer.from(jwk.x, 'base64url').length, 32);
  assert.ok(crypto.createPrivateKey({ key: jwk, format: 'jwk' }).equals(privateKey));
  const data = Buffer.from('ecdsa');
  const der = crypto.sign('sha256', data, privateKey);
  assert.strictEqual(der[0], 0x30);
  assert.ok(crypto.verify('sha256', data, publicKey, der));
  const p1363 = crypto.sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  assert.strictEqual(p1363.length, 64);
  assert.ok(crypto.verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, p1363));
  assert.strictEqual(crypto.verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, der), false);
  assert.throws(() => crypto.sign('sha256', data, { key: privateKey, dsaEncoding: 'nope' }),
    { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => privateKey.export({ type: 'pkcs1', format: 'pem' }), {
    code: 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', message: 'The selected key encoding pkcs1 can only be used for RSA keys.',
  });
  assert.throws(() => privateKey.export({ type: 'sec1', format: 'der', cipher: 'aes-128-cbc', passphrase: 'x' }),
    { code: 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS' });
  assert.throws(() => crypto.generateKeyPairSync('ec', { namedCurve: 'no-such-curve' }), { code: 'ERR_CRYPTO_INVALID_CURVE' });
  for (const curve of ['secp384r1', 'secp521r1', 'secp256k1']) {
    const pair = crypto.generateKeyPairSync('ec', { namedCurve: curve });
    const sig = crypto.sign('sha384', data, pair.privateKey);
    assert.ok(crypto.verify('sha384', data, pair.publicKey, sig), curve);
  }
});

test('Ed25519: RFC 8032 test 1', () => {
  const d = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
  const x = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
  const priv = crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64u(d), x: b64u(x) }, format: 'jwk' });
  const pub = crypto.createPublicKey(priv);
  assert.strictEqual(pub.export({ format: 'jwk' }).x, b64u(x));
  const sig = crypto.sign(null, Buffer.alloc(0), priv);
  assert.strictEqual(sig.toString('hex'), 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33b' +
    'acc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
  assert.ok(crypto.verify(null, Buffer.alloc(0), pub, sig));
  assert.ok(!crypto.verify(undefined, Buffer.from('x'), pub, sig));
  // PEM round trip; generated keys.
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  assert.strictEqual(privateKey.asymmetricKeyType, 'ed25519');
  assert.deepStrictEqual(privateKey.asymmetricKeyDetails, {});
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  assert.ok(crypto.createPrivateKey(pem).equals(privateKey));
  assert.strictEqual(publicKey.export({ type: 'spki', format: 'der' }).length, 44);
  assert.throws(() => crypto.sign('sha256', Buffer.from('x'), privateKey), { code: /^ERR_OSSL_/ });
  // A short d is no valid key.
  assert.throws(() => crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64u('0102'), x: b64u(x) },
    format: 'jwk' }), { code: 'ERR_CRYPTO_INVALID_JWK' });
});

test('X25519 and ECDH through diffieHellman(): RFC 7748', () => {
  const a = crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'X25519',
    d: b64u('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'),
    x: b64u('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a') }, format: 'jwk' });
  const b = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'X25519',
    x: b64u('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f') }, format: 'jwk' });
  assert.strictEqual(crypto.diffieHellman({ privateKey: a, publicKey: b }).toString('hex'),
    '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
  const p = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const q = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  assert.deepStrictEqual(crypto.diffieHellman({ privateKey: p.privateKey, publicKey: q.publicKey }),
    crypto.diffieHellman({ privateKey: q.privateKey, publicKey: p.publicKey }));
  assert.throws(() => crypto.diffieHellman({ privateKey: a, publicKey: q.publicKey }), { code: 'ERR_CRYPTO_INCOMPATIBLE_KEY' });
  assert.throws(() => crypto.diffieHellman({ privateKey: b, publicKey: b }), { code: 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE' });
});

test('DiffieHellman groups and ECDH objects agree on secrets', () => {
  const alice = crypto.getDiffieHellman('modp14');
  const bob = crypto.getDiffieHellman('modp14');
  alice.generateKeys();
  bob.generateKeys();
  assert.strictEqual(alice.getPrime('hex'), bob.getPrime('hex'));
  assert.strictEqual(alice.getPrime().length, 256);
  assert.strictEqual(alice.getGenerator('hex'), '02');
  assert.strictEqual(alice.verifyError, 0);
  const s1 = alice.computeSecret(bob.getPublicKey());
  assert.strictEqual(s1.length, 256);
  assert.deepStrictEqual(s1, bob.computeSecret(alice.getPublicKey()));
  assert.throws(() => alice.computeSecret(Buffer.from([1])), { code: 'ERR_CRYPTO_INVALID_KEYLEN', message: 'Supplied key is too small' });
  assert.throws(() => crypto.getDiffieHellman('modp99'), { code: 'ERR_CRYPTO_UNKNOWN_DH_GROUP', message: 'Unknown DH group' });
  // A DiffieHellman from a prime: keys can be set.
  const d1 = crypto.createDiffieHellman(alice.getPrime(), alice.getGenerator());
  const d2 = crypto.createDiffieHellman(alice.getPrime('hex'), 'hex', 2);
  d1.setPrivateKey(Buffer.from('0123456789', 'hex'));
  d1.generateKeys();
  d2.generateKeys();
  assert.strictEqual(d1.getPrivateKey('hex'), '0123456789');
  assert.deepStrictEqual(d1.computeSecret(d2.getPublicKey()), d2.computeSecret(d1.getPublicKey()));
  assert.strictEqual(crypto.createDiffieHellman(Buffer.from([0x0f])).verifyError & crypto.constants.DH_CHECK_P_NOT_PRIME,
    crypto.constants.DH_CHECK_P_NOT_PRIME);

  const e1 = crypto.createECDH('prime256v1');
  const e2 = crypto.createECDH('prime256v1');
  const pub1 = e1.generateKeys();
  e2.generateKeys();
  assert.strictEqual(pub1.length, 65);
  assert.strictEqual(e1.getPublicKey(null, 'compressed').length, 33);
  assert.deepStrictEqual(e1.computeSecret(e2.getPublicKey()), e2.computeSecret(pub1));
  assert.deepStrictEqual(e1.computeSecret(e2.getPublicKey(null, 'compressed')), e2.computeSecret(pub1));
  const e3 = crypto.createECDH('prime256v1');
  e3.setPrivateKey(e1.getPrivateKey());
  assert.deepStrictEqual(e3.getPublicKey(), pub1);
  assert.deepStrictEqual(crypto.ECDH.convertKey(pub1, 'prime256v1', null, null, 'compressed'),
    e1.getPublicKey(null, 'compressed'));
  assert.throws(() => e1.computeSecret(Buffer.from('0400', 'hex')), { code: 'ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY' });
  assert.throws(() => e3.setPrivateKey(Buffer.alloc(32)), { code: 'ERR_CRYPTO_INVALID_KEYTYPE' });
  assert.throws(() => crypto.createECDH('no-such-curve'), { code: 'ERR_CRYPTO_INVALID_CURVE' });
  assert.throws(() => e1.getPublicKey(null, 'nope'), { code: 'ERR_CRYPTO_ECDH_INVALID_FORMAT' });
  const curves = crypto.getCurves();
  for (const c of ['prime256v1', 'secp384r1', 'secp521r1', 'secp256k1']) assert.ok(curves.includes(c));
});

test('secret keys', () => {
  const k = crypto.createSecretKey(Buffer.from('abc'));
  assert.strictEqual(k.type, 'secret');
  assert.strictEqual(k.symmetricKeySize, 3);
  assert.deepStrictEqual(k.export(), Buffer.from('abc'));
  assert.deepStrictEqual(k.export({ format: 'jwk' }), { kty: 'oct', k: 'YWJj' });
  assert.ok(k.equals(crypto.createSecretKey('abc', 'utf8')));
  assert.ok(!k.equals(crypto.createSecretKey('abd', 'utf8')));
  assert.strictEqual(crypto.generateKeySync('aes', { length: 256 }).symmetricKeySize, 32);
  assert.strictEqual(crypto.generateKeySync('hmac', { length: 123 }).symmetricKeySize, 15);
  assert.throws(() => crypto.generateKeySync('aes', { length: 100 }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.ok(crypto.KeyObject.prototype.isPrototypeOf(k));
});

test('primes', () => {
  const p = crypto.generatePrimeSync(64, { bigint: true });
  assert.strictEqual(typeof p, 'bigint');
  assert.ok(crypto.checkPrimeSync(p));
  assert.ok(!crypto.checkPrimeSync(p * 3n));
  assert.ok(crypto.checkPrimeSync(Buffer.from([0x0d])));
  const ab = crypto.generatePrimeSync(32);
  assert.ok(ab instanceof ArrayBuffer);
});

test('bad keys', () => {
  assert.throws(() => crypto.createPrivateKey('not a key'), { code: /^ERR_OSSL_/ });
  assert.throws(() => crypto.createPublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'),
    { code: /^ERR_OSSL_/ });
  assert.throws(() => crypto.createPublicKey({ key: Buffer.from('garbage'), format: 'der', type: 'spki' }),
    { code: /^ERR_OSSL_/ });
  assert.throws(() => crypto.createPublicKey({ key: Buffer.from('x'), format: 'der', type: 'nope' }),
    { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => crypto.createPrivateKey(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => crypto.createPrivateKey({ key: { kty: 'RSA', n: 'AQAB' }, format: 'jwk' }),
    { code: 'ERR_INVALID_ARG_TYPE' });
  const { publicKey } = crypto.generateKeyPairSync('ed25519');
  assert.throws(() => crypto.createPublicKey(publicKey), { code: 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE' });
  assert.throws(() => crypto.sign(null, Buffer.from('x'), publicKey), { code: 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE' });
  assert.throws(() => crypto.createSign('no-such-digest'), { code: 'ERR_CRYPTO_INVALID_DIGEST', message: 'Invalid digest' });
  assert.throws(() => crypto.createSign('sha256').sign(), { code: 'ERR_CRYPTO_SIGN_KEY_REQUIRED' });
  assert.throws(() => publicKey.export(), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => publicKey.export({ format: 'pem' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => crypto.generateKeyPairSync('nope', {}), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => crypto.generateKeyPairSync('rsa', {}), { code: 'ERR_INVALID_ARG_TYPE' });
});
