'use strict';
// Malformed requests sent with raw sockets: each gets its 400/408/431 and a
// closed connection, and the server goes on serving everyone else.
const test = require('node:test');
const assert = require('node:assert');
const http = require('http');
const net = require('net');
const { listen, close, fetchIt, raw } = require('./helpers');

async function withServer(options, fn) {
  const server = http.createServer(options, (req, res) => {
    req.resume();
    req.on('end', () => res.end(`ok ${req.url}`));
  });
  const port = await listen(server);
  try {
    await fn(port, server);
    // The server still answers a good request afterwards.
    const { body } = await fetchIt({ port, path: '/after', agent: false });
    assert.strictEqual(body.toString(), 'ok /after');
  } finally {
    await close(server);
  }
}

test('a bad request line gets 400 and a closed socket', async () => {
  await withServer({}, async (port) => {
    for (const line of ['GARBAGE\r\n\r\n', 'GET / HTTX/1.1\r\n\r\n', 'G@T / HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET / HTTP/1.1\r\nBad Header Name: x\r\n\r\n']) {
      const { text, closed } = await raw(port, line);
      assert.match(text, /^HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n/, JSON.stringify(line));
      assert.strictEqual(closed, true);
    }
  });
});

test('oversized headers get 431', async () => {
  await withServer({}, async (port) => {
    const big = `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`;
    const { text, closed } = await raw(port, big);
    assert.strictEqual(text, 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n');
    assert.strictEqual(closed, true);
  });
});

test('maxHeaderSize raises and lowers the limit', async () => {
  await withServer({ maxHeaderSize: 64 }, async (port) => {
    const { text } = await raw(port, `GET / HTTP/1.1\r\nHost: x\r\nX-A: ${'b'.repeat(100)}\r\n\r\n`);
    assert.match(text, /^HTTP\/1\.1 431 /);
  });
  await withServer({ maxHeaderSize: 64 * 1024 }, async (port) => {
    const { text } = await raw(port, `GET /big HTTP/1.1\r\nHost: x\r\nX-A: ${'b'.repeat(30000)}\r\nConnection: close\r\n\r\n`);
    assert.match(text, /^HTTP\/1\.1 200 OK/);
    assert.match(text, /ok \/big$/);
  });
});

test('an invalid chunk size gets 400', async () => {
  await withServer({}, async (port) => {
    const { text, closed } = await raw(port,
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\nhello\r\n0\r\n\r\n');
    assert.strictEqual(text, 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    assert.strictEqual(closed, true);
  });
});

test('an invalid Content-Length gets 400', async () => {
  await withServer({}, async (port) => {
    const { text } = await raw(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n');
    assert.strictEqual(text, 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
});

test('HTTP/1.1 without Host gets 400', async () => {
  await withServer({}, async (port) => {
    const { text, closed } = await raw(port, 'GET / HTTP/1.1\r\n\r\n');
    assert.match(text, /^HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n/);
    assert.strictEqual(closed, true);
  });
});

test('slowloris: headers that trickle in past headersTimeout get 408', async () => {
  await withServer({ headersTimeout: 300, requestTimeout: 1000, connectionsCheckingInterval: 50 }, async (port) => {
    const slow = net.connect(port, '127.0.0.1');
    let text = '';
    slow.setEncoding('latin1');
    slow.on('data', (d) => { text += d; });
    slow.on('error', () => {});
    await new Promise((resolve) => slow.on('connect', resolve));
    slow.write('GET / HTTP/1.1\r\n');
    const drip = setInterval(() => {
      if (!slow.destroyed) slow.write('X-Slow: 1\r\n');
    }, 50);
    // Meanwhile, others are served.
    const { body } = await fetchIt({ port, path: '/meanwhile', agent: false });
    assert.strictEqual(body.toString(), 'ok /meanwhile');
    await new Promise((resolve) => slow.on('close', resolve));
    clearInterval(drip);
    assert.strictEqual(text, 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
  });
});

test('clientError listeners take over the answer', async () => {
  const server = http.createServer(() => assert.fail('no request'));
  let seen;
  server.on('clientError', (err, socket) => {
    seen = err;
    socket.end('HTTP/1.1 400 Custom\r\nConnection: close\r\n\r\n');
  });
  const port = await listen(server);
  const { text } = await raw(port, 'NOT HTTP AT ALL\r\n\r\n');
  assert.strictEqual(text, 'HTTP/1.1 400 Custom\r\nConnection: close\r\n\r\n');
  assert.ok(seen instanceof Error);
  assert.match(seen.code, /^HPE_/);
  assert.strictEqual(typeof seen.bytesParsed, 'number');
  await close(server);
});

test('a bad request after a good one on the same connection', async () => {
  await withServer({}, async (port) => {
    const { text, closed } = await raw(port, 'GET /first HTTP/1.1\r\nHost: x\r\n\r\nBROKEN\r\n\r\n');
    // Node answers the good request or not, depending on timing; the bad
    // one always ends the connection with a 400.
    assert.match(text, /HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n\r\n$/);
    assert.strictEqual(closed, true);
  });
});

test('many bad clients at once do not stop the server', async () => {
  await withServer({}, async (port) => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      raw(port, i % 2 ? '\x00\x01\x02\r\n\r\n' : `GET / HTTP/1.1\r\nHost: x\r\nX: ${'y'.repeat(20000)}\r\n\r\n`)));
    for (const [i, r] of results.entries()) {
      assert.match(r.text, i % 2 ? /^HTTP\/1\.1 400 / : /^HTTP\/1\.1 431 /);
    }
  });
});
