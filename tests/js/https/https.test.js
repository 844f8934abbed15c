'use strict';
// https server and client, both sides in-process on 127.0.0.1, with the
// test CA in tests/fixtures/tls.
const test = require('node:test');
const assert = require('node:assert');
const https = require('https');
const http = require('http');
const tls = require('tls');
const crypto = require('crypto');
const { once } = require('events');
const { pair, listen, close, ca } = require('../tls/helpers');

// Sends a request and collects the response: { res, body: Buffer }.
function get(options, body) {
  return new Promise((resolve, reject) => {
    const req = https.request(options, (res) => {
      const chunks = [];
      const socket = res.socket;
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks), req, socket }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('module surface', () => {
  assert.ok(https.globalAgent instanceof https.Agent);
  assert.ok(https.globalAgent instanceof http.Agent);
  assert.strictEqual(https.globalAgent.protocol, 'https:');
  assert.strictEqual(https.globalAgent.defaultPort, 443);
  assert.strictEqual(https.globalAgent.keepAlive, true);
  assert.strictEqual(https.globalAgent.maxCachedSessions, 100);
  const server = https.createServer();
  assert.ok(server instanceof https.Server);
  assert.ok(server instanceof tls.Server);
  assert.strictEqual(server.keepAliveTimeout, 5000);
  assert.strictEqual(server.headersTimeout, 60000);
  assert.strictEqual(typeof server.closeAllConnections, 'function');
  // Connections with different TLS settings do not share a pool.
  const agent = new https.Agent();
  assert.notStrictEqual(agent.getName({ host: 'a', port: 1, ca: 'x' }), agent.getName({ host: 'a', port: 1, ca: 'y' }));
  assert.notStrictEqual(agent.getName({ host: 'a', port: 1, rejectUnauthorized: false }),
    agent.getName({ host: 'a', port: 1 }));
  assert.throws(() => https.get('http://example.com/'), {
    code: 'ERR_INVALID_PROTOCOL',
    message: 'Protocol "http:" not supported. Expected "https:"',
  });
  assert.throws(() => http.get('https://example.com/'), { code: 'ERR_INVALID_PROTOCOL' });
});

test('a request and its response over TLS', async () => {
  let seen;
  const server = https.createServer(pair('server'), (req, res) => {
    seen = {
      method: req.method,
      url: req.url,
      host: req.headers.host,
      encrypted: req.socket.encrypted,
      alpn: req.socket.alpnProtocol,
      servername: req.socket.servername,
    };
    res.setHeader('Content-Type', 'text/plain');
    res.end('Hello World');
  });
  const port = await listen(server);
  const { res, body } = await get({ host: 'localhost', port, path: '/a?b=c', ca: ca(), agent: false });
  assert.strictEqual(res.statusCode, 200);
  assert.strictEqual(body.toString(), 'Hello World');
  assert.strictEqual(res.headers['content-type'], 'text/plain');
  assert.strictEqual(res.headers['content-length'], '11');
  assert.strictEqual(res.socket.authorized, true);
  assert.strictEqual(res.socket.encrypted, true);
  assert.strictEqual(res.socket.alpnProtocol, false);
  assert.deepStrictEqual(seen, {
    method: 'GET',
    url: '/a?b=c',
    host: `localhost:${port}`,
    encrypted: true,
    // https servers offer http/1.1; this client offered nothing.
    alpn: false,
    // The agent sends the Host header's name as SNI.
    servername: 'localhost',
  });
  await close(server);
});

test('URL strings and objects, options merged over them', async () => {
  const server = https.createServer(pair('server'), (req, res) => res.end(`${req.method} ${req.url}`));
  const port = await listen(server);
  const viaString = await new Promise((resolve, reject) => {
    https.get(`https://localhost:${port}/s?x=1`, { ca: ca(), agent: false }, (res) => {
      let t = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { t += d; });
      res.on('end', () => resolve(t));
    }).on('error', reject);
  });
  assert.strictEqual(viaString, 'GET /s?x=1');
  const viaURL = await get(Object.assign(new URL(`https://localhost:${port}/u`), {}), undefined).catch((e) => e);
  // Without our CA, the default roots refuse the test certificate.
  assert.strictEqual(viaURL.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  const { body } = await get({ hostname: 'localhost', port, path: '/p', method: 'PUT', ca: ca(), agent: false });
  assert.strictEqual(body.toString(), 'PUT /p');
  await close(server);
});

test('verification: rejectUnauthorized, servername and the certificate names', async () => {
  const names = [];
  const server = https.createServer({
    ...pair('server'),
    SNICallback(name, cb) {
      names.push(name);
      cb(null, name === 'b.test' ? tls.createSecureContext(pair('sni-b')) : undefined);
    },
  }, (req, res) => res.end(req.socket.servername || 'none'));
  const port = await listen(server);
  await assert.rejects(get({ host: '127.0.0.1', port, agent: false }), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  const insecure = await get({ host: '127.0.0.1', port, agent: false, rejectUnauthorized: false });
  assert.strictEqual(insecure.res.socket.authorized, false);
  assert.strictEqual(insecure.res.socket.authorizationError, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  // An IP host sends no SNI.
  assert.strictEqual(insecure.body.toString(), 'none');
  const sni = await get({ host: '127.0.0.1', port, agent: false, ca: ca(), servername: 'b.test' });
  assert.strictEqual(sni.body.toString(), 'b.test');
  assert.strictEqual(sni.res.socket.getPeerCertificate().subject.CN, 'b.test');
  // The Host header names the server for SNI and the certificate check.
  const viaHost = await get({ host: '127.0.0.1', port, agent: false, ca: ca(), headers: { host: 'b.test' } });
  assert.strictEqual(viaHost.body.toString(), 'b.test');
  assert.strictEqual(viaHost.res.socket.authorized, true);
  assert.deepStrictEqual(names, ['b.test', 'b.test']);
  await close(server);
});

test('keep-alive: the agent reuses connections and TLS sessions', async () => {
  const server = https.createServer(pair('server'), (req, res) => res.end(req.url));
  let connections = 0;
  server.on('secureConnection', () => connections++);
  const port = await listen(server);
  const agent = new https.Agent({ keepAlive: true, ca: ca(), maxSockets: 1 });
  const reused = [];
  for (let i = 0; i < 3; i++) {
    const { body, req } = await get({ host: 'localhost', port, path: `/r${i}`, agent });
    assert.strictEqual(body.toString(), `/r${i}`);
    reused.push(req.reusedSocket);
  }
  assert.deepStrictEqual(reused, [false, true, true]);
  assert.strictEqual(connections, 1);
  // A new connection after the pool emptied resumes the TLS session.
  agent.destroy();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const again = await get({ host: 'localhost', port, path: '/x', agent });
  assert.strictEqual(again.req.reusedSocket, false);
  assert.strictEqual(again.socket.isSessionReused(), true);
  assert.strictEqual(connections, 2);
  agent.destroy();
  await close(server);
});

test('bodies: chunked uploads and large responses with backpressure', async () => {
  const big = crypto.randomBytes(2 * 1024 * 1024 + 3);
  const server = https.createServer(pair('server'), (req, res) => {
    const hash = crypto.createHash('sha256');
    let n = 0;
    req.on('data', (d) => {
      n += d.length;
      hash.update(d);
    });
    req.on('end', () => {
      res.setHeader('x-got', `${n} ${hash.digest('hex')} ${req.headers['transfer-encoding']}`);
      res.end(big);
    });
  });
  const port = await listen(server);
  const upload = crypto.randomBytes(1024 * 1024 + 7);
  const result = await new Promise((resolve, reject) => {
    const req = https.request({ host: 'localhost', port, method: 'POST', ca: ca(), agent: false }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    // Written in pieces without a length: chunked.
    for (let i = 0; i < upload.length; i += 100000) req.write(upload.subarray(i, i + 100000));
    req.end();
  });
  const digest = crypto.createHash('sha256').update(upload).digest('hex');
  assert.strictEqual(result.res.headers['x-got'], `${upload.length} ${digest} chunked`);
  assert.ok(result.body.equals(big));
  await close(server);
});

test('client certificates through request options', async () => {
  const server = https.createServer({ ...pair('server'), requestCert: true, rejectUnauthorized: false, ca: ca() },
    (req, res) => res.end(req.socket.authorized ? req.socket.getPeerCertificate().subject.CN : 'anonymous'));
  const port = await listen(server);
  const anon = await get({ host: 'localhost', port, ca: ca(), agent: false });
  assert.strictEqual(anon.body.toString(), 'anonymous');
  const named = await get({ host: 'localhost', port, ca: ca(), agent: false, ...pair('client') });
  assert.strictEqual(named.body.toString(), 'anode client');
  await close(server);
});

test('plain HTTP to an https server: clientError, the connection closes', async () => {
  const server = https.createServer(pair('server'), (req, res) => res.end());
  const errors = [];
  server.on('clientError', (err, socket) => {
    errors.push(err.code);
    socket.destroy();
  });
  const port = await listen(server);
  const err = await new Promise((resolve) => {
    http.get({ host: '127.0.0.1', port }, () => resolve(null)).on('error', resolve);
  });
  assert.strictEqual(err.code, 'ECONNRESET');
  assert.deepStrictEqual(errors, ['ERR_SSL_HTTP_REQUEST']);
  await close(server);
});

test('server.close ends idle keep-alive connections and finishes', async () => {
  const server = https.createServer(pair('server'), (req, res) => res.end('x'));
  const port = await listen(server);
  const agent = new https.Agent({ keepAlive: true, ca: ca() });
  await get({ host: 'localhost', port, agent });
  // The pooled connection is idle: close() ends it rather than wait for it.
  await new Promise((resolve) => server.close(resolve));
  agent.destroy();
});

test('request timeouts and aborts', async () => {
  const server = https.createServer(pair('server'), () => { /* never answers */ });
  const port = await listen(server);
  const req = https.get({ host: 'localhost', port, ca: ca(), agent: false, timeout: 50 });
  await once(req, 'timeout');
  req.destroy(new Error('gave up'));
  const [err] = await once(req, 'error');
  assert.strictEqual(err.message, 'gave up');
  const controller = new AbortController();
  const req2 = https.get({ host: 'localhost', port, ca: ca(), agent: false, signal: controller.signal });
  req2.on('socket', () => setTimeout(() => controller.abort(), 10));
  const [err2] = await once(req2, 'error');
  assert.strictEqual(err2.name, 'AbortError');
  server.closeAllConnections();
  await close(server);
});
