'use strict';
// express and ws, unmodified, serving real requests on 127.0.0.1.
const test = require('node:test');
const assert = require('node:assert');
const http = require('http');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { once } = require('events');

function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

function request(port, { method = 'GET', path: p = '/', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, host: '127.0.0.1', method, path: p, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('express: routing, params, JSON bodies, errors and static files', async () => {
  const express = require('express');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-express-'));
  fs.writeFileSync(path.join(dir, 'hello.txt'), 'static hello\n');
  fs.writeFileSync(path.join(dir, 'page.html'), '<h1>page</h1>');

  const app = express();
  app.use(express.json());
  app.get('/', (req, res) => res.send('root'));
  app.get('/users/:id', (req, res) => res.json({ id: req.params.id, q: req.query.q }));
  app.post('/echo', (req, res) => res.status(201).json({ got: req.body, type: req.get('content-type') }));
  const router = express.Router();
  router.get('/ping', (req, res) => res.type('text').send('pong'));
  app.use('/api', router);
  app.get('/boom', () => {
    throw new Error('kaboom');
  });
  app.use('/static', express.static(dir));
  app.use((err, req, res, next) => res.status(500).send(`handled: ${err.message}`));

  const server = http.createServer(app);
  const port = await listen(server);

  const root = await request(port);
  assert.strictEqual(root.status, 200);
  assert.strictEqual(root.body, 'root');
  assert.strictEqual(root.headers['x-powered-by'], 'Express');
  assert.match(root.headers.etag, /^W\/"4-/);

  const user = await request(port, { path: '/users/42?q=x' });
  assert.deepStrictEqual(JSON.parse(user.body), { id: '42', q: 'x' });
  assert.match(user.headers['content-type'], /^application\/json/);

  const echo = await request(port, {
    method: 'POST', path: '/echo', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ a: [1, 2], b: 'ü' }),
  });
  assert.strictEqual(echo.status, 201);
  assert.deepStrictEqual(JSON.parse(echo.body), { got: { a: [1, 2], b: 'ü' }, type: 'application/json' });

  const bad = await request(port, { method: 'POST', path: '/echo', headers: { 'Content-Type': 'application/json' }, body: '{nope' });
  assert.strictEqual(bad.status, 500);
  assert.match(bad.body, /^handled: /);

  assert.strictEqual((await request(port, { path: '/api/ping' })).body, 'pong');
  const boom = await request(port, { path: '/boom' });
  assert.strictEqual(boom.status, 500);
  assert.strictEqual(boom.body, 'handled: kaboom');
  assert.strictEqual((await request(port, { path: '/missing' })).status, 404);

  const file = await request(port, { path: '/static/hello.txt' });
  assert.strictEqual(file.status, 200);
  assert.strictEqual(file.body, 'static hello\n');
  assert.match(file.headers['content-type'], /^text\/plain/);
  assert.strictEqual(file.headers['content-length'], '13');
  assert.ok(file.headers['last-modified']);
  const cached = await request(port, { path: '/static/hello.txt', headers: { 'If-None-Match': file.headers.etag } });
  assert.strictEqual(cached.status, 304);
  const html = await request(port, { path: '/static/page.html' });
  assert.match(html.headers['content-type'], /^text\/html/);
  const head = await request(port, { method: 'HEAD', path: '/static/page.html' });
  assert.strictEqual(head.body, '');
  assert.strictEqual(head.headers['content-length'], '13');

  server.close();
  await once(server, 'close');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('ws: a WebSocket echo server on the http upgrade event', async () => {
  const { WebSocket, WebSocketServer } = require('ws');
  const server = http.createServer((req, res) => res.end('plain http'));
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket, req) => {
    socket.send(`hello ${req.url}`);
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  const port = await listen(server);

  const ws = new WebSocket(`ws://127.0.0.1:${port}/chat`);
  const received = [];
  ws.on('message', (data, isBinary) => received.push(isBinary ? [...data] : data.toString()));
  await once(ws, 'open');
  ws.send('text frame');
  ws.send(Buffer.from([1, 2, 3]));
  const big = 'x'.repeat(200000);
  ws.send(big);
  while (received.length < 4) await once(ws, 'message');
  assert.deepStrictEqual(received.slice(0, 3), ['hello /chat', 'text frame', [1, 2, 3]]);
  assert.strictEqual(received[3], big);

  // Plain requests still reach the http handler.
  const plain = await request(port);
  assert.strictEqual(plain.body, 'plain http');

  ws.close(1000, 'bye');
  const [code, reason] = await once(ws, 'close');
  assert.strictEqual(code, 1000);
  assert.strictEqual(reason.toString(), 'bye');
  wss.close();
  server.close();
  await once(server, 'close');
});
