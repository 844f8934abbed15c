'use strict';
// TLS clients and servers, both sides in-process on 127.0.0.1: handshakes,
// certificate verification and its Node error codes, SNI, ALPN, client
// certificates, sessions, data in both directions, handshake failures.
const test = require('node:test');
const assert = require('node:assert');
const tls = require('tls');
const net = require('net');
const crypto = require('crypto');
const { once } = require('events');
const { fixture, pair, listen, close, firstOf, ca } = require('./helpers');

// Runs a server with `serverOptions` and one client with `clientOptions`;
// resolves with what each side saw.
async function handshake(serverOptions, clientOptions) {
  const seen = { server: null, tlsClientError: null, client: null, clientError: null };
  const server = tls.createServer({ ...pair('server'), ...serverOptions }, (socket) => {
    seen.server = {
      authorized: socket.authorized,
      authorizationError: socket.authorizationError,
      alpnProtocol: socket.alpnProtocol,
      servername: socket.servername,
      peer: socket.getPeerCertificate(),
      protocol: socket.getProtocol(),
    };
    socket.on('error', () => {});
    socket.end('bye');
  });
  server.on('tlsClientError', (err) => { seen.tlsClientError = err; });
  const port = await listen(server);
  const client = tls.connect({ port, host: '127.0.0.1', ...clientOptions });
  client.on('secureConnect', () => {
    seen.client = {
      authorized: client.authorized,
      authorizationError: client.authorizationError,
      alpnProtocol: client.alpnProtocol,
      servername: client.servername,
      peer: client.getPeerCertificate(true),
      protocol: client.getProtocol(),
      cipher: client.getCipher(),
      encrypted: client.encrypted,
    };
  });
  client.on('error', (err) => { seen.clientError = err; });
  client.resume();
  await new Promise((resolve) => client.on('close', resolve));
  // The server side finishes (or fails) on its own; give it a moment.
  await new Promise((resolve) => setTimeout(resolve, 20));
  await close(server);
  return seen;
}

test('a verified connection: secureConnect, authorized, protocol, cipher, certificate', async () => {
  const seen = await handshake({}, { ca: ca(), servername: 'localhost' });
  assert.strictEqual(seen.clientError, null);
  const c = seen.client;
  assert.strictEqual(c.authorized, true);
  assert.strictEqual(c.authorizationError, null);
  assert.strictEqual(c.encrypted, true);
  assert.strictEqual(c.protocol, 'TLSv1.3');
  assert.strictEqual(c.alpnProtocol, false);
  assert.strictEqual(c.servername, 'localhost');
  assert.strictEqual(c.cipher.version, 'TLSv1.3');
  assert.strictEqual(c.cipher.name, c.cipher.standardName);
  assert.match(c.cipher.name, /^TLS_/);
  const cert = c.peer;
  assert.deepStrictEqual({ ...cert.subject }, { C: 'US', ST: 'CA', L: 'SF', O: 'anode tests', OU: 'tls', CN: 'localhost' });
  assert.strictEqual(Object.getPrototypeOf(cert.subject), null);
  assert.deepStrictEqual({ ...cert.issuer }, { C: 'US', O: 'anode tests', CN: 'anode test CA' });
  assert.strictEqual(cert.subjectaltname.split(', ')[0], 'DNS:localhost');
  assert.strictEqual(cert.subjectaltname.split(', ')[1], 'IP Address:127.0.0.1');
  assert.strictEqual(cert.ca, false);
  assert.strictEqual(cert.bits, 2048);
  assert.strictEqual(cert.exponent, '0x10001');
  assert.match(cert.modulus, /^[0-9A-F]{512}$/);
  assert.ok(Buffer.isBuffer(cert.pubkey));
  assert.match(cert.valid_from, /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT$/);
  assert.match(cert.valid_to, /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d 21\d\d GMT$/);
  assert.match(cert.fingerprint, /^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
  assert.match(cert.fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  assert.match(cert.fingerprint512, /^([0-9A-F]{2}:){63}[0-9A-F]{2}$/);
  assert.deepStrictEqual(cert.ext_key_usage, ['1.3.6.1.5.5.7.3.1']);
  assert.match(cert.serialNumber, /^[0-9A-F]+$/);
  assert.ok(Buffer.isBuffer(cert.raw));
  // The raw certificate is the fixture's DER.
  const pem = fixture('server-cert.pem').toString();
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  assert.ok(cert.raw.equals(der));
  const sha256 = crypto.createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g).join(':');
  assert.strictEqual(cert.fingerprint256, sha256);
  // Detailed: the chain up to the root, which is its own issuer.
  const root = cert.issuerCertificate;
  assert.strictEqual(root.subject.CN, 'anode test CA');
  assert.strictEqual(root.ca, true);
  assert.strictEqual(root.issuerCertificate, root);
  // The server asked for no certificate.
  assert.strictEqual(seen.server.authorized, false);
  assert.deepStrictEqual(seen.server.peer, {});
  assert.strictEqual(seen.server.protocol, 'TLSv1.3');
  assert.strictEqual(seen.server.servername, 'localhost');
});

test('certificate errors carry Node codes and reject by default', async () => {
  const cases = [
    [pair('selfsigned'), {}, 'DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'],
    [{}, {}, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'],
    [{}, { ca: fixture('other-ca-cert.pem') }, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'],
    [pair('expired'), { ca: ca() }, 'CERT_HAS_EXPIRED', 'certificate has expired'],
  ];
  for (const [serverOptions, clientOptions, code, message] of cases) {
    const seen = await handshake(serverOptions, clientOptions);
    assert.strictEqual(seen.client, null, code);
    assert.ok(seen.clientError, code);
    assert.strictEqual(seen.clientError.code, code);
    assert.strictEqual(seen.clientError.message, message);
    // The rejected server never saw the handshake finish.
    assert.strictEqual(seen.server, null);
    assert.strictEqual(seen.tlsClientError?.code, 'ECONNRESET');
  }
});

test('a certificate for another host: ERR_TLS_CERT_ALTNAME_INVALID', async () => {
  const seen = await handshake(pair('wronghost'), { ca: ca(), servername: 'localhost' });
  assert.strictEqual(seen.client, null);
  const err = seen.clientError;
  assert.strictEqual(err.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.strictEqual(err.reason, "Host: localhost. is not in the cert's altnames: DNS:example.com");
  assert.strictEqual(err.host, 'localhost');
  assert.strictEqual(err.cert.subject.CN, 'example.com');
  assert.strictEqual(err.message,
    "Hostname/IP does not match certificate's altnames: Host: localhost. is not in the cert's altnames: DNS:example.com");
  // An IP host is checked against IP entries.
  const byIp = await handshake(pair('wronghost'), { ca: ca() });
  assert.strictEqual(byIp.clientError.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.match(byIp.clientError.reason, /^IP: 127\.0\.0\.1 is not in the cert's list: /);
});

test('rejectUnauthorized: false connects and reports the error', async () => {
  const seen = await handshake(pair('selfsigned'), { rejectUnauthorized: false });
  assert.strictEqual(seen.clientError, null);
  assert.strictEqual(seen.client.authorized, false);
  assert.strictEqual(seen.client.authorizationError, 'DEPTH_ZERO_SELF_SIGNED_CERT');
  const wrong = await handshake(pair('wronghost'), { ca: ca(), servername: 'localhost', rejectUnauthorized: false });
  assert.strictEqual(wrong.client.authorized, false);
  assert.strictEqual(wrong.client.authorizationError, 'ERR_TLS_CERT_ALTNAME_INVALID');
});

test('a custom checkServerIdentity decides', async () => {
  let called;
  const seen = await handshake(pair('wronghost'), {
    ca: ca(),
    servername: 'localhost',
    checkServerIdentity(host, cert) {
      called = [host, cert.subject.CN, cert.issuerCertificate.subject.CN];
      return undefined;
    },
  });
  assert.deepStrictEqual(called, ['localhost', 'example.com', 'anode test CA']);
  assert.strictEqual(seen.client.authorized, true);
  const refused = await handshake({}, {
    ca: ca(),
    checkServerIdentity() { return new Error('not today'); },
  });
  assert.strictEqual(refused.clientError.message, 'not today');
});

test('ALPN: the server picks from what the client offers', async () => {
  const seen = await handshake({ ALPNProtocols: ['http/1.1', 'h2'] }, { ca: ca(), ALPNProtocols: ['h2', 'http/1.1'] });
  assert.strictEqual(seen.client.alpnProtocol, 'http/1.1');
  assert.strictEqual(seen.server.alpnProtocol, 'http/1.1');
  const wire = await handshake({ ALPNProtocols: Buffer.from('\x02h2') }, { ca: ca(), ALPNProtocols: ['x', 'h2'] });
  assert.strictEqual(wire.client.alpnProtocol, 'h2');
  const none = await handshake({ ALPNProtocols: ['h2'] }, { ca: ca() });
  assert.strictEqual(none.client.alpnProtocol, false);
  assert.strictEqual(none.server.alpnProtocol, false);
});

test('ALPN without overlap fails the handshake with an alert', async () => {
  const seen = await handshake({ ALPNProtocols: ['x'] }, { ca: ca(), ALPNProtocols: ['h2', 'http/1.1'] });
  assert.strictEqual(seen.client, null);
  assert.strictEqual(seen.clientError.code, 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL');
  assert.strictEqual(seen.tlsClientError.code, 'ERR_SSL_NO_APPLICATION_PROTOCOL');
});

test('ALPNCallback chooses, or rejects with undefined', async () => {
  let asked;
  const seen = await handshake({
    ALPNCallback(info) {
      asked = info;
      return 'b';
    },
  }, { ca: ca(), servername: 'localhost', ALPNProtocols: ['a', 'b'] });
  assert.deepStrictEqual(asked, { servername: 'localhost', protocols: ['a', 'b'] });
  assert.strictEqual(seen.client.alpnProtocol, 'b');
  assert.strictEqual(seen.server.alpnProtocol, 'b');
  const refused = await handshake({ ALPNCallback: () => undefined }, { ca: ca(), ALPNProtocols: ['a'] });
  assert.strictEqual(refused.clientError.code, 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL');
});

test('SNI: SNICallback switches the certificate; addContext does too', async () => {
  const names = [];
  const sni = (servername, cb) => {
    names.push(servername);
    // Answer later: the handshake waits.
    setTimeout(() => cb(null, servername === 'b.test' ? tls.createSecureContext(pair('sni-b')) : undefined), 5);
  };
  const b = await handshake({ SNICallback: sni }, { ca: ca(), servername: 'b.test' });
  assert.strictEqual(b.client.peer.subject.CN, 'b.test');
  assert.strictEqual(b.client.authorized, true);
  assert.strictEqual(b.server.servername, 'b.test');
  const def = await handshake({ SNICallback: sni }, { ca: ca(), servername: 'localhost' });
  assert.strictEqual(def.client.peer.subject.CN, 'localhost');
  assert.deepStrictEqual(names, ['b.test', 'localhost']);
  // No SNI sent: no callback, no servername.
  const plain = await handshake({ SNICallback: sni }, { ca: ca() });
  assert.strictEqual(plain.client.servername, false);
  assert.strictEqual(plain.server.servername, false);
  assert.strictEqual(names.length, 2);

  const server = tls.createServer(pair('server'), (s) => s.end());
  server.addContext('*.b.test', pair('sni-b'));
  const port = await listen(server);
  const c = tls.connect({ port, host: '127.0.0.1', servername: 'www.b.test', ca: ca() });
  await once(c, 'secureConnect');
  assert.strictEqual(c.getPeerCertificate().subject.CN, 'b.test');
  assert.strictEqual(c.authorized, true);
  c.destroy();
  await close(server);
});

test('SNICallback errors and bad contexts go to tlsClientError', async () => {
  const seen = await handshake({ SNICallback: (name, cb) => cb(new Error('no such host')) },
    { ca: ca(), servername: 'x.test' });
  assert.strictEqual(seen.tlsClientError.message, 'no such host');
  assert.ok(seen.clientError);
  const bad = await handshake({ SNICallback: (name, cb) => cb(null, {}) }, { ca: ca(), servername: 'x.test' });
  assert.strictEqual(bad.tlsClientError.name, 'TypeError');
  assert.strictEqual(bad.tlsClientError.message, 'Invalid SNI context');
});

test('client certificates: requestCert', async () => {
  const none = await handshake({ requestCert: true, rejectUnauthorized: false }, { ca: ca() });
  assert.strictEqual(none.server.authorized, false);
  assert.strictEqual(none.server.authorizationError, 'UNABLE_TO_GET_ISSUER_CERT');
  const good = await handshake({ requestCert: true, rejectUnauthorized: false, ca: ca() },
    { ca: ca(), ...pair('client') });
  assert.strictEqual(good.server.authorized, true);
  assert.strictEqual(good.server.authorizationError, null);
  assert.strictEqual(good.server.peer.subject.CN, 'anode client');
  const untrusted = await handshake({ requestCert: true, rejectUnauthorized: false }, { ca: ca(), ...pair('client') });
  assert.strictEqual(untrusted.server.authorized, false);
  assert.strictEqual(untrusted.server.authorizationError, 'SELF_SIGNED_CERT_IN_CHAIN');
  const rejected = await handshake({ requestCert: true, ca: ca() }, { ca: ca() });
  assert.strictEqual(rejected.server, null);
  assert.strictEqual(rejected.tlsClientError.code, 'ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE');
  assert.strictEqual(rejected.clientError.code, 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED');
});

test('protocol versions: TLS 1.2 works, disjoint ranges fail', async () => {
  const v12 = await handshake({ maxVersion: 'TLSv1.2' }, { ca: ca() });
  assert.strictEqual(v12.client.protocol, 'TLSv1.2');
  assert.strictEqual(v12.client.cipher.version, 'TLSv1.2');
  const clash = await handshake({ minVersion: 'TLSv1.3' }, { ca: ca(), maxVersion: 'TLSv1.2' });
  assert.strictEqual(clash.clientError.code, 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
  assert.strictEqual(clash.tlsClientError.code, 'ERR_SSL_UNSUPPORTED_PROTOCOL');
});

test('plaintext against TLS, TLS against plaintext, nobody listening', async () => {
  const server = tls.createServer(pair('server'));
  const errors = [];
  server.on('tlsClientError', (err) => errors.push(err.code));
  let port = await listen(server);
  const plain = net.connect(port, '127.0.0.1', () => plain.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
  plain.on('error', () => {});
  plain.resume();
  await once(plain, 'close');
  assert.deepStrictEqual(errors, ['ERR_SSL_HTTP_REQUEST']);
  await close(server);

  const accepted = [];
  const plainServer = net.createServer((s) => {
    accepted.push(s);
    s.on('error', () => {});
    s.end('HTTP/1.1 400 Bad Request\r\n\r\n');
  });
  port = await listen(plainServer);
  const c = tls.connect({ port, host: '127.0.0.1' });
  const [err] = await once(c, 'error');
  assert.strictEqual(err.code, 'ERR_SSL_WRONG_VERSION_NUMBER');
  accepted.forEach((a) => a.destroy());
  await close(plainServer);

  const refused = tls.connect({ port, host: '127.0.0.1' });
  const [err2] = await once(refused, 'error');
  assert.strictEqual(err2.code, 'ECONNREFUSED');
});

test('a peer that closes during the handshake', async () => {
  const silent = net.createServer((s) => {
    s.on('error', () => {});
    s.destroy();
  });
  const port = await listen(silent);
  const c = tls.connect({ port, host: '127.0.0.1' });
  const [err] = await once(c, 'error');
  assert.strictEqual(err.code, 'ECONNRESET');
  assert.strictEqual(err.message, 'Client network socket disconnected before secure TLS connection was established');
  assert.strictEqual(err.host, '127.0.0.1');
  assert.strictEqual(err.port, port);
  await close(silent);

  const server = tls.createServer(pair('server'));
  const [, got] = await Promise.all([
    listen(server).then((p) => {
      const raw = net.connect(p, '127.0.0.1', () => raw.end());
      return p;
    }),
    once(server, 'tlsClientError'),
  ]).then(([, e]) => [null, e[0]]);
  assert.strictEqual(got.code, 'ECONNRESET');
  assert.strictEqual(got.message, 'socket hang up');
  await close(server);
});

test('handshakeTimeout: a client that says nothing', async () => {
  const server = tls.createServer({ ...pair('server'), handshakeTimeout: 100 });
  const port = await listen(server);
  const raw = net.connect(port, '127.0.0.1');
  raw.on('error', () => {});
  const [err, socket] = await once(server, 'tlsClientError');
  assert.strictEqual(err.code, 'ERR_TLS_HANDSHAKE_TIMEOUT');
  assert.strictEqual(err.message, 'TLS handshake timeout');
  assert.ok(socket instanceof tls.TLSSocket);
  raw.destroy();
  await close(server);
});

test('data both ways: large writes with backpressure, end and half-close', async () => {
  const block = crypto.randomBytes(1024 * 1024 + 17);
  const reply = crypto.randomBytes(3 * 1024 * 1024 + 5);
  let serverSocket;
  let serverReady;
  const ready = new Promise((resolve) => { serverReady = resolve; });
  const server = tls.createServer({ ...pair('server'), allowHalfOpen: true }, (socket) => {
    serverSocket = socket;
    // Not reading yet: the client's writes must back up.
    socket.pause();
    serverReady();
    const hash = crypto.createHash('sha256');
    let n = 0;
    socket.on('data', (d) => {
      n += d.length;
      hash.update(d);
    });
    socket.on('end', () => {
      // Our side is still open: answer, then end.
      socket.write(`${n} ${hash.digest('hex')}\n`);
      socket.end(reply);
    });
  });
  const port = await listen(server);
  const client = tls.connect({ port, host: '127.0.0.1', ca: ca(), servername: 'localhost' });
  await once(client, 'secureConnect');
  await ready;
  // Write until the socket asks us to wait (the kernel's buffers are full),
  // then let the server read, and write a little more.
  const sent = crypto.createHash('sha256');
  let total = 0;
  let waited = false;
  let extra = 0;
  while (extra < 3 && total < 256 * 1024 * 1024) {
    const ok = client.write(block);
    sent.update(block);
    total += block.length;
    if (waited) extra++;
    if (!ok) {
      if (!waited) serverSocket.resume();
      waited = true;
      await once(client, 'drain');
    }
  }
  assert.ok(waited, 'write() never asked the writer to wait');
  client.end();
  const parts = [];
  for await (const d of client) parts.push(d);
  const all = Buffer.concat(parts);
  const nl = all.indexOf(10);
  assert.strictEqual(all.subarray(0, nl).toString(), `${total} ${sent.digest('hex')}`);
  assert.ok(all.subarray(nl + 1).equals(reply));
  await close(server);
});

test('writes before the handshake ends, setEncoding, pipe', async () => {
  const server = tls.createServer(pair('server'), (socket) => socket.pipe(socket));
  const port = await listen(server);
  const client = tls.connect({ port, host: '127.0.0.1', ca: ca() });
  client.setEncoding('utf8');
  client.write('héllo ');
  client.write(Buffer.from('wörld'));
  client.end();
  let text = '';
  for await (const d of client) text += d;
  assert.strictEqual(text, 'héllo wörld');
  await close(server);
});

test('sessions: the session event and resumption', async () => {
  const server = tls.createServer(pair('server'), (s) => s.end('x'));
  const port = await listen(server);
  const first = tls.connect({ port, host: '127.0.0.1', ca: ca() });
  const sessions = [];
  let reused;
  first.on('session', (s) => sessions.push(s));
  first.on('secureConnect', () => { reused = first.isSessionReused(); });
  first.resume();
  await once(first, 'close');
  assert.ok(sessions.length >= 1);
  assert.ok(Buffer.isBuffer(sessions[0]));
  assert.strictEqual(reused, false);
  const second = tls.connect({ port, host: '127.0.0.1', ca: ca(), session: sessions[sessions.length - 1] });
  await once(second, 'secureConnect');
  assert.strictEqual(second.isSessionReused(), true);
  assert.strictEqual(second.authorized, true);
  assert.ok(Buffer.isBuffer(second.getSession()));
  second.destroy();
  await close(server);
});

test('exportKeyingMaterial agrees on both sides', async () => {
  let serverKm;
  const server = tls.createServer(pair('server'), (s) => {
    serverKm = s.exportKeyingMaterial(32, 'EXPORTER-test', Buffer.from('ctx'));
    s.end();
  });
  const port = await listen(server);
  const client = tls.connect({ port, host: '127.0.0.1', ca: ca() });
  await once(client, 'secureConnect');
  const km = client.exportKeyingMaterial(32, 'EXPORTER-test', Buffer.from('ctx'));
  client.resume();
  await once(client, 'end');
  assert.strictEqual(km.length, 32);
  assert.ok(km.equals(serverKm));
  assert.throws(() => client.exportKeyingMaterial(0, 'x'), { code: 'ERR_OUT_OF_RANGE' });
  await close(server);
});

test('TLSSocket over a connected net.Socket; tls.connect({ socket })', async () => {
  const server = tls.createServer(pair('server'), (s) => s.end('wrapped'));
  const port = await listen(server);
  const raw = net.connect(port, '127.0.0.1');
  await once(raw, 'connect');
  const c = tls.connect({ socket: raw, ca: ca(), servername: 'localhost' });
  const [event] = await firstOf(c, ['secureConnect', 'error']);
  assert.strictEqual(event, 'secureConnect');
  assert.strictEqual(c.authorized, true);
  let text = '';
  c.setEncoding('utf8');
  for await (const d of c) text += d;
  assert.strictEqual(text, 'wrapped');

  await close(server);

  // A plain net.Server that upgrades its connections itself (STARTTLS style).
  const upgrades = [];
  const plainServer = net.createServer((socket) => {
    const secure = new tls.TLSSocket(socket, {
      isServer: true,
      secureContext: tls.createSecureContext(pair('server')),
    });
    secure.on('secure', () => {
      upgrades.push(secure.getProtocol());
      secure.end('upgraded');
    });
    secure.on('error', () => {});
  });
  const plainPort = await listen(plainServer);
  const c2 = tls.connect({ port: plainPort, host: '127.0.0.1', ca: ca() });
  let text2 = '';
  c2.setEncoding('utf8');
  for await (const d of c2) text2 += d;
  assert.strictEqual(text2, 'upgraded');
  assert.strictEqual(c2.authorized, true);
  assert.deepStrictEqual(upgrades, ['TLSv1.3']);
  await close(plainServer);
});

test('server events, getConnections, close after the last connection', async () => {
  const server = tls.createServer(pair('server'));
  const events = [];
  server.on('connection', (s) => events.push(['connection', s instanceof tls.TLSSocket]));
  server.on('secureConnection', (s) => {
    events.push(['secureConnection', s instanceof tls.TLSSocket, s.encrypted]);
    s.end();
  });
  const port = await listen(server);
  const c = tls.connect({ port, host: '127.0.0.1', ca: ca() });
  c.resume();
  await once(c, 'close');
  const count = await new Promise((resolve) => server.getConnections((err, n) => resolve(n)));
  assert.ok(count <= 1);
  await close(server);
  assert.deepStrictEqual(events, [['connection', false], ['secureConnection', true, true]]);
});

test('keylog events, Finished messages, ephemeral key, ticket', async () => {
  const serverLines = [];
  let serverInfo;
  const server = tls.createServer(pair('server'), (s) => {
    serverInfo = { finished: s.getFinished(), peerFinished: s.getPeerFinished(), ephemeral: s.getEphemeralKeyInfo() };
    s.end();
  });
  server.on('keylog', (line, socket) => serverLines.push([line.toString().split(' ')[0], socket instanceof tls.TLSSocket]));
  const port = await listen(server);
  const c = tls.connect({ port, host: '127.0.0.1', ca: ca(), maxVersion: 'TLSv1.2' });
  const clientLines = [];
  c.on('keylog', (line) => {
    assert.ok(Buffer.isBuffer(line));
    assert.match(line.toString(), /^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}\n$/);
    clientLines.push(line);
  });
  await once(c, 'secureConnect');
  const finished = c.getFinished();
  const peerFinished = c.getPeerFinished();
  const ephemeral = c.getEphemeralKeyInfo();
  const ticket = c.getTLSTicket();
  c.resume();
  await once(c, 'end');
  assert.strictEqual(clientLines.length, 1);
  assert.deepStrictEqual(serverLines, [['CLIENT_RANDOM', true]]);
  assert.ok(Buffer.isBuffer(finished) && finished.length === 12);
  // Each side's Finished is the other's peer Finished.
  assert.ok(finished.equals(serverInfo.peerFinished));
  assert.ok(peerFinished.equals(serverInfo.finished));
  assert.deepStrictEqual(ephemeral, { type: 'ECDH', name: 'X25519', size: 253 });
  assert.strictEqual(serverInfo.ephemeral, null);
  assert.ok(Buffer.isBuffer(ticket) && ticket.length > 0);
  await close(server);
});
