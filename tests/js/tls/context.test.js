'use strict';
// tls module surface: createSecureContext and its errors, constants,
// rootCertificates, getCiphers, checkServerIdentity.
const test = require('node:test');
const assert = require('node:assert');
const tls = require('tls');
const { fixture, pair } = require('./helpers');

test('module constants and lists', () => {
  assert.strictEqual(tls.DEFAULT_MIN_VERSION, 'TLSv1.2');
  assert.strictEqual(tls.DEFAULT_MAX_VERSION, 'TLSv1.3');
  assert.strictEqual(tls.DEFAULT_ECDH_CURVE, 'auto');
  assert.strictEqual(typeof tls.DEFAULT_CIPHERS, 'string');
  assert.ok(tls.DEFAULT_CIPHERS.includes('TLS_AES_256_GCM_SHA384'));
  const ciphers = tls.getCiphers();
  assert.ok(Array.isArray(ciphers));
  assert.ok(ciphers.includes('aes128-gcm-sha256'));
  assert.ok(ciphers.includes('tls_aes_256_gcm_sha384'));
  assert.ok(ciphers.every((c) => c === c.toLowerCase()));
  assert.strictEqual(typeof tls.connect, 'function');
  assert.strictEqual(typeof tls.createServer, 'function');
  assert.ok(new tls.Server() instanceof require('net').Server);
});

test('rootCertificates: a frozen list of PEM certificates', () => {
  const roots = tls.rootCertificates;
  assert.ok(Array.isArray(roots));
  assert.ok(Object.isFrozen(roots));
  assert.ok(roots.length > 50, `only ${roots.length} roots`);
  assert.strictEqual(roots, tls.rootCertificates);
  for (const pem of roots) {
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n?$/);
  }
  assert.strictEqual(new Set(roots).size > 50, true);
});

test('createSecureContext accepts keys, certificates, CAs and options', () => {
  const ctx = tls.createSecureContext({ ...pair('server'), ca: fixture('ca-cert.pem') });
  assert.ok(ctx instanceof tls.SecureContext);
  assert.ok(ctx.context);
  tls.createSecureContext();
  tls.createSecureContext({});
  tls.createSecureContext({ cert: fixture('server-cert.pem').toString(), key: fixture('server-key.pem').toString() });
  tls.createSecureContext({ ca: [fixture('ca-cert.pem'), fixture('other-ca-cert.pem')] });
  tls.createSecureContext({
    key: fixture('server-key-encrypted.pem'), passphrase: 'secret', cert: fixture('server-cert.pem'),
  });
  tls.createSecureContext({
    key: [{ pem: fixture('server-key-encrypted.pem'), passphrase: 'secret' }], cert: fixture('server-cert.pem'),
  });
  tls.createSecureContext({ minVersion: 'TLSv1.3', ciphers: 'TLS_AES_128_GCM_SHA256', ecdhCurve: 'P-256:X25519' });
  tls.createSecureContext({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' });
  tls.createSecureContext({ sessionIdContext: 'abc', sessionTimeout: 60, sigalgs: 'RSA-PSS+SHA256:ECDSA+SHA256' });
  // Garbage where CAs are expected adds none, as in Node.
  tls.createSecureContext({ ca: 'not a certificate' });
});

test('createSecureContext reports OpenSSL errors with Node codes', () => {
  assert.throws(() => tls.createSecureContext({ cert: 'nope' }), {
    code: 'ERR_OSSL_PEM_NO_START_LINE',
    message: /no start line/,
    library: 'PEM routines',
    reason: 'no start line',
  });
  assert.throws(() => tls.createSecureContext({ key: 'nope' }), (err) => {
    assert.strictEqual(typeof err.code, 'string');
    assert.match(err.code, /^ERR_OSSL_/);
    assert.match(err.message, /^error:[0-9A-F]{8}:/);
    return true;
  });
  assert.throws(() => tls.createSecureContext({ key: fixture('server-key-encrypted.pem'), passphrase: 'wrong' }),
    { code: 'ERR_OSSL_BAD_DECRYPT', message: /bad decrypt/ });
  assert.throws(() => tls.createSecureContext({ key: fixture('server-key-encrypted.pem') }),
    { code: 'ERR_OSSL_BAD_DECRYPT' });
  assert.throws(() => tls.createSecureContext({ ciphers: 'NOPE' }),
    { code: 'ERR_SSL_NO_CIPHER_MATCH', message: /no cipher match/ });
});

test('createSecureContext validates its arguments', () => {
  assert.throws(() => tls.createSecureContext({ minVersion: 'TLSv9' }), {
    code: 'ERR_TLS_INVALID_PROTOCOL_VERSION',
    name: 'TypeError',
    message: '"TLSv9" is not a valid minimum TLS protocol version',
  });
  assert.throws(() => tls.createSecureContext({ maxVersion: 'SSLv3' }), {
    code: 'ERR_TLS_INVALID_PROTOCOL_VERSION',
    message: '"SSLv3" is not a valid maximum TLS protocol version',
  });
  assert.throws(() => tls.createSecureContext({ cert: 5 }), { code: 'ERR_INVALID_ARG_TYPE', name: 'TypeError' });
  assert.throws(() => tls.createSecureContext({ key: true }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => tls.createSecureContext({ ca: {} }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => tls.createSecureContext({ ciphers: 1 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => tls.createSecureContext('x'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => tls.createSecureContext({ secureProtocol: 'TLSv1_2_method', minVersion: 'TLSv1.2' }),
    { code: 'ERR_TLS_PROTOCOL_VERSION_CONFLICT' });
});

test('Server options are checked', () => {
  assert.throws(() => tls.createServer({ ALPNProtocols: ['a'], ALPNCallback: () => 'a' }),
    { code: 'ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS' });
  assert.throws(() => tls.createServer({ SNICallback: 'x' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => tls.createServer({ cert: 'nope' }), { code: 'ERR_OSSL_PEM_NO_START_LINE' });
  assert.throws(() => tls.createServer().addContext('', {}), { code: 'ERR_TLS_REQUIRED_SERVER_NAME' });
  assert.throws(() => tls.connect({ port: 1, secureContext: {} }), { code: 'ERR_TLS_INVALID_CONTEXT' });
});

test('checkServerIdentity: DNS names, wildcards, IPs and the CN', () => {
  const ok = (host, cert) => assert.strictEqual(tls.checkServerIdentity(host, cert), undefined, host);
  const bad = (host, cert, reason) => {
    const err = tls.checkServerIdentity(host, cert);
    assert.ok(err instanceof Error, `${host} should not match`);
    assert.strictEqual(err.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.strictEqual(err.host, host);
    assert.strictEqual(err.cert, cert);
    if (reason) assert.strictEqual(err.reason, reason);
    assert.strictEqual(err.message, `Hostname/IP does not match certificate's altnames: ${err.reason}`);
  };
  const san = { subject: { CN: 'ignored.example' }, subjectaltname: 'DNS:a.example.com, DNS:*.b.example.com' };
  ok('a.example.com', san);
  ok('A.Example.COM', san);
  ok('x.b.example.com', san);
  ok('a.example.com.', san);
  bad('ignored.example', san, "Host: ignored.example. is not in the cert's altnames: DNS:a.example.com, DNS:*.b.example.com");
  bad('b.example.com', san);
  bad('y.x.b.example.com', san);

  ok('cn.example', { subject: { CN: 'cn.example' } });
  bad('other.example', { subject: { CN: 'cn.example' } }, "Host: other.example. is not cert's CN: cn.example");
  bad('x.example', { subject: {} }, 'Cert does not contain a DNS name');

  const ips = { subject: {}, subjectaltname: 'IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1' };
  ok('127.0.0.1', ips);
  ok('::1', ips);
  bad('127.0.0.2', ips, "IP: 127.0.0.2 is not in the cert's list: 127.0.0.1, 0:0:0:0:0:0:0:1".replace(
    '0:0:0:0:0:0:0:1', tls.checkServerIdentity('127.0.0.2', ips).reason.split(', ')[1]));
  // An IP is never matched against DNS names.
  bad('127.0.0.1', { subject: { CN: '127.0.0.1' }, subjectaltname: 'DNS:127.0.0.1' });
  // Wildcards stand for one whole or partial leftmost label only.
  ok('foo.w.example', { subject: {}, subjectaltname: 'DNS:f*.w.example' });
  bad('bar.w.example', { subject: {}, subjectaltname: 'DNS:f*.w.example' });
  bad('example.com', { subject: {}, subjectaltname: 'DNS:*.com' });
});
