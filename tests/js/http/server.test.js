'use strict';
// http server and client, both sides in-process on 127.0.0.1.
const test = require('node:test');
const assert = require('node:assert');
const http = require('http');
const net = require('net');
const { once } = require('events');
const { listen, close, fetchIt, raw } = require('./helpers');

test('STATUS_CODES and METHODS', () => {
  assert.strictEqual(http.STATUS_CODES[200], 'OK');
  assert.strictEqual(http.STATUS_CODES[404], 'Not Found');
  assert.strictEqual(http.STATUS_CODES[431], 'Request Header Fields Too Large');
  assert.ok(http.METHODS.includes('GET'));
  assert.ok(http.METHODS.includes('PATCH'));
  assert.ok(http.METHODS.includes('M-SEARCH'));
  assert.deepStrictEqual(http.METHODS, [...http.METHODS].sort());
  assert.strictEqual(http.maxHeaderSize, 16384);
  assert.ok(http.globalAgent instanceof http.Agent);
});

test('the hello-world server answers like Node', async () => {
  const server = http.createServer((req, res) => {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/plain');
    res.end('Hello World');
  });
  const port = await listen(server);
  const { res, body } = await fetchIt({ port, path: '/', agent: false });
  assert.strictEqual(res.statusCode, 200);
  assert.strictEqual(res.statusMessage, 'OK');
  assert.strictEqual(res.httpVersion, '1.1');
  assert.strictEqual(body.toString(), 'Hello World');
  assert.strictEqual(res.headers['content-type'], 'text/plain');
  assert.strictEqual(res.headers['content-length'], '11');
  assert.strictEqual(res.headers.connection, 'close');
  assert.match(res.headers.date, /^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
  await close(server);
});

test('request line, headers and rawHeaders reach the handler', async () => {
  let seen;
  const server = http.createServer((req, res) => {
    seen = {
      method: req.method,
      url: req.url,
      version: req.httpVersion,
      headers: req.headers,
      raw: req.rawHeaders,
      distinct: req.headersDistinct,
    };
    res.end();
  });
  const port = await listen(server);
  const { text } = await raw(port, 'PUT /a/b?c=d HTTP/1.1\r\nHost: x\r\nX-Custom: One\r\nx-custom: two\r\n' +
    'Set-Cookie: a=1\r\nSet-Cookie: b=2\r\nCookie: c=3\r\nCookie: d=4\r\nContent-Type: a\r\nContent-Type: b\r\n' +
    'Content-Length: 0\r\nConnection: close\r\n\r\n');
  assert.match(text, /^HTTP\/1\.1 200 OK\r\n/);
  assert.strictEqual(seen.method, 'PUT');
  assert.strictEqual(seen.url, '/a/b?c=d');
  assert.strictEqual(seen.version, '1.1');
  assert.strictEqual(seen.headers['x-custom'], 'One, two');
  assert.deepStrictEqual(seen.headers['set-cookie'], ['a=1', 'b=2']);
  assert.strictEqual(seen.headers.cookie, 'c=3; d=4');
  assert.strictEqual(seen.headers['content-type'], 'a');
  assert.deepStrictEqual(seen.raw.slice(0, 6), ['Host', 'x', 'X-Custom', 'One', 'x-custom', 'two']);
  assert.deepStrictEqual(seen.distinct['x-custom'], ['One', 'two']);
  await close(server);
});

test('a POST body with Content-Length, and a chunked one', async () => {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (d) => chunks.push(d));
    req.on('end', () => {
      res.setHeader('X-TE', String(req.headers['transfer-encoding']));
      res.end(`${req.method} ${Buffer.concat(chunks).toString()}`);
    });
  });
  const port = await listen(server);
  const a = await fetchIt({ port, method: 'POST', headers: { 'Content-Length': 5 } }, 'hello');
  assert.strictEqual(a.body.toString(), 'POST hello');
  assert.strictEqual(a.res.headers['x-te'], 'undefined');

  const b = await new Promise((resolve, reject) => {
    const req = http.request({ port, method: 'POST' }, (res) => {
      let s = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { s += d; });
      res.on('end', () => resolve({ res, body: s }));
    });
    req.on('error', reject);
    req.write('part one, ');
    setTimeout(() => req.end('part two'), 10);
  });
  assert.strictEqual(b.body, 'POST part one, part two');
  assert.strictEqual(b.res.headers['x-te'], 'chunked');
  await close(server);
});

test('a chunked response and trailers both ways', async () => {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'text/plain', Trailer: 'X-Sum' });
      res.write('abc');
      res.write(Buffer.from('def'));
      res.addTrailers({ 'X-Sum': `from-client=${req.trailers['x-client']}` });
      res.end('ghi');
    });
  });
  const port = await listen(server);
  const { text } = await raw(port, 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
    '3\r\nabc\r\n0\r\nX-Client: yes\r\n\r\n');
  assert.match(text, /Transfer-Encoding: chunked\r\n/);
  const bodyStart = text.indexOf('\r\n\r\n') + 4;
  assert.strictEqual(text.slice(bodyStart), '3\r\nabc\r\n3\r\ndef\r\n3\r\nghi\r\n0\r\nX-Sum: from-client=yes\r\n\r\n');

  const res = await new Promise((resolve) => http.get({ port, agent: false }, resolve));
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (d) => { body += d; });
  await once(res, 'end');
  assert.strictEqual(body, 'abcdefghi');
  assert.deepStrictEqual(res.trailers, { 'x-sum': 'from-client=undefined' });
  assert.deepStrictEqual(res.rawTrailers, ['X-Sum', 'from-client=undefined']);
  await close(server);
});

test('keep-alive: an agent reuses one socket for sequential requests', async () => {
  const ports = new Set();
  const server = http.createServer((req, res) => {
    ports.add(req.socket.remotePort);
    res.end(req.url);
  });
  const port = await listen(server);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const reused = [];
  for (let i = 0; i < 5; i++) {
    const { res, body } = await new Promise((resolve, reject) => {
      const req = http.get({ port, path: `/${i}`, agent }, (r) => {
        const chunks = [];
        r.on('data', (d) => chunks.push(d));
        r.on('end', () => resolve({ res: r, body: Buffer.concat(chunks).toString() }));
      });
      req.on('error', reject);
      req.on('socket', () => reused.push(req.reusedSocket));
    });
    assert.strictEqual(body, `/${i}`);
    assert.strictEqual(res.headers.connection, 'keep-alive');
    assert.strictEqual(res.headers['keep-alive'], 'timeout=5');
  }
  assert.strictEqual(ports.size, 1);
  assert.deepStrictEqual(reused, [false, true, true, true, true]);
  agent.destroy();
  await close(server);
});

test('maxSockets queues requests beyond the limit', async () => {
  let open = 0;
  let maxOpen = 0;
  const server = http.createServer((req, res) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    setTimeout(() => {
      open--;
      res.end('ok');
    }, 10);
  });
  const port = await listen(server);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  const results = await Promise.all(Array.from({ length: 6 }, (_, i) => fetchIt({ port, path: `/${i}`, agent })));
  assert.ok(results.every((r) => r.body.toString() === 'ok'));
  assert.strictEqual(maxOpen, 2);
  agent.destroy();
  await close(server);
});

test('pipelined requests get their responses in order', async () => {
  const server = http.createServer((req, res) => {
    // Answer the first one last: order must still hold.
    const delay = req.url === '/1' ? 30 : 0;
    setTimeout(() => res.end(`body of ${req.url}`), delay);
  });
  const port = await listen(server);
  const reqs = ['/1', '/2', '/3'].map((p, i) =>
    `GET ${p} HTTP/1.1\r\nHost: x\r\n${i === 2 ? 'Connection: close\r\n' : ''}\r\n`).join('');
  const { text } = await raw(port, reqs);
  const bodies = [...text.matchAll(/body of (\/\d)/g)].map((m) => m[1]);
  assert.deepStrictEqual(bodies, ['/1', '/2', '/3']);
  assert.strictEqual(text.match(/HTTP\/1\.1 200 OK/g).length, 3);
  await close(server);
});

test('Expect: 100-continue, automatic and with checkContinue', async () => {
  const server = http.createServer((req, res) => {
    let n = 0;
    req.on('data', (d) => { n += d.length; });
    req.on('end', () => res.end(`got ${n}`));
  });
  const port = await listen(server);
  const answer = await new Promise((resolve, reject) => {
    const req = http.request({ port, method: 'POST', headers: { Expect: '100-continue' }, agent: false });
    req.on('continue', () => req.end('payload'));
    req.on('response', (res) => {
      let s = '';
      res.on('data', (d) => { s += d; });
      res.on('end', () => resolve(s));
    });
    req.on('error', reject);
  });
  assert.strictEqual(answer, 'got 7');

  server.on('checkContinue', (req, res) => {
    res.writeHead(417);
    res.end('no thanks');
  });
  const { text } = await raw(port, 'POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n',
    { until: /no thanks/ });
  assert.match(text, /^HTTP\/1\.1 417 Expectation Failed/);
  assert.doesNotMatch(text, /100 Continue/);
  await close(server);
});

test('an unknown Expect gets 417', async () => {
  const server = http.createServer(() => assert.fail('no request event'));
  const port = await listen(server);
  const { text } = await raw(port, 'GET / HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nConnection: close\r\n\r\n');
  assert.match(text, /^HTTP\/1\.1 417 Expectation Failed/);
  await close(server);
});

test('upgrade hands the socket and the bytes after the head', async () => {
  const server = http.createServer(() => assert.fail('no request event'));
  server.on('upgrade', (req, socket, head) => {
    assert.strictEqual(req.headers.upgrade, 'echo');
    socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n');
    socket.write(`head=${head.toString()};`);
    socket.on('data', (d) => socket.write(d));
    socket.on('end', () => socket.end());
  });
  const port = await listen(server);

  const { text } = await raw(port, 'GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\nearly',
    { until: /head=early;/ });
  assert.match(text, /^HTTP\/1\.1 101 Switching Protocols/);

  const [res, socket, head] = await new Promise((resolve, reject) => {
    const req = http.request({ port, headers: { Connection: 'Upgrade', Upgrade: 'echo' }, agent: false });
    req.on('upgrade', (...args) => resolve(args));
    req.on('error', reject);
    req.end();
  });
  assert.strictEqual(res.statusCode, 101);
  let got = head.toString();
  socket.on('data', (d) => { got += d; });
  socket.write('ping');
  while (!got.includes('ping')) await once(socket, 'data');
  assert.strictEqual(got, 'head=;ping');
  socket.destroy();
  await close(server);
});

test('an Upgrade request without upgrade listeners is a normal request', async () => {
  const server = http.createServer((req, res) => res.end(`plain ${req.headers.upgrade}`));
  const port = await listen(server);
  const { body } = await fetchIt({ port, headers: { Upgrade: 'h2c', Connection: 'Upgrade' }, agent: false });
  assert.strictEqual(body.toString(), 'plain h2c');
  await close(server);
});

test('HEAD, 204 and 304 responses carry no body', async () => {
  const server = http.createServer((req, res) => {
    if (req.url === '/204') res.writeHead(204);
    else if (req.url === '/304') res.writeHead(304);
    res.end('would-be body');
  });
  const port = await listen(server);
  const head = await fetchIt({ port, method: 'HEAD', agent: false });
  assert.strictEqual(head.res.statusCode, 200);
  assert.strictEqual(head.body.length, 0);
  assert.strictEqual(head.res.headers['content-length'], undefined);
  const n = await fetchIt({ port, path: '/204', agent: false });
  assert.strictEqual(n.res.statusCode, 204);
  assert.strictEqual(n.body.length, 0);
  const m = await fetchIt({ port, path: '/304', agent: false });
  assert.strictEqual(m.res.statusCode, 304);
  assert.strictEqual(m.body.length, 0);
  await close(server);
});

test('ServerResponse header methods', async () => {
  const server = http.createServer((req, res) => {
    res.setHeader('X-A', '1');
    res.setHeader('X-List', ['a', 'b']);
    res.appendHeader('X-List', 'c');
    assert.strictEqual(res.getHeader('x-a'), '1');
    assert.strictEqual(res.hasHeader('X-A'), true);
    assert.deepStrictEqual(res.getHeaderNames(), ['x-a', 'x-list']);
    assert.deepStrictEqual(res.getRawHeaderNames(), ['X-A', 'X-List']);
    assert.deepStrictEqual({ ...res.getHeaders() }, { 'x-a': '1', 'x-list': ['a', 'b', 'c'] });
    res.setHeader('X-Gone', 'x');
    res.removeHeader('x-gone');
    assert.strictEqual(res.headersSent, false);
    assert.throws(() => res.setHeader('bad name', 'x'), { code: 'ERR_INVALID_HTTP_TOKEN' });
    assert.throws(() => res.setHeader('X-B', 'a\nb'), { code: 'ERR_INVALID_CHAR' });
    assert.throws(() => res.setHeader('X-B', undefined), { code: 'ERR_HTTP_INVALID_HEADER_VALUE' });
    res.writeHead(201, 'Made', { 'X-C': '3' });
    assert.strictEqual(res.headersSent, true);
    assert.throws(() => res.setHeader('X-D', '4'), { code: 'ERR_HTTP_HEADERS_SENT' });
    res.end('done');
  });
  const port = await listen(server);
  const { res, body } = await fetchIt({ port, agent: false });
  assert.strictEqual(res.statusCode, 201);
  assert.strictEqual(res.statusMessage, 'Made');
  assert.strictEqual(res.headers['x-a'], '1');
  assert.strictEqual(res.headers['x-list'], 'a, b, c');
  assert.strictEqual(res.headers['x-c'], '3');
  assert.strictEqual(res.headers['x-gone'], undefined);
  assert.strictEqual(body.toString(), 'done');
  await close(server);
});

test('writeHead with a raw header array and invalid status codes', async () => {
  const server = http.createServer((req, res) => {
    assert.throws(() => res.writeHead(99), { code: 'ERR_HTTP_INVALID_STATUS_CODE' });
    assert.throws(() => res.writeHead(1000), { code: 'ERR_HTTP_INVALID_STATUS_CODE' });
    res.writeHead(200, ['X-One', '1', 'X-Two', '2']);
    res.end();
  });
  const port = await listen(server);
  const { res } = await fetchIt({ port, agent: false });
  assert.strictEqual(res.headers['x-one'], '1');
  assert.strictEqual(res.headers['x-two'], '2');
  await close(server);
});

test('flushHeaders sends the head before the body', async () => {
  let release;
  const server = http.createServer((req, res) => {
    res.setHeader('X-Early', 'yes');
    res.flushHeaders();
    release = () => res.end('late');
  });
  const port = await listen(server);
  const res = await new Promise((resolve) => http.get({ port, agent: false }, resolve));
  assert.strictEqual(res.headers['x-early'], 'yes');
  let body = '';
  res.on('data', (d) => { body += d; });
  release();
  await once(res, 'end');
  assert.strictEqual(body, 'late');
  await close(server);
});

test('a large body both ways with backpressure', async () => {
  const size = 16 * 1024 * 1024;
  const block = Buffer.alloc(64 * 1024, 'z');
  const server = http.createServer((req, res) => {
    let received = 0;
    req.on('data', (d) => { received += d.length; });
    req.on('end', () => {
      res.setHeader('X-Received', String(received));
      let sent = 0;
      let sawBackpressure = false;
      const pump = () => {
        while (sent < size) {
          sent += block.length;
          if (!res.write(block)) {
            sawBackpressure = true;
            res.once('drain', pump);
            return;
          }
        }
        res.end();
        server.sawBackpressure = sawBackpressure;
      };
      pump();
    });
  });
  const port = await listen(server);
  const res = await new Promise((resolve, reject) => {
    const req = http.request({ port, method: 'POST', agent: false }, resolve);
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += block.length;
        if (!req.write(block)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
  assert.strictEqual(res.headers['x-received'], String(size));
  // Read slowly at first so the server's writes back up.
  res.pause();
  await new Promise((r) => setTimeout(r, 50));
  let got = 0;
  res.on('data', (d) => { got += d.length; });
  res.resume();
  await once(res, 'end');
  assert.strictEqual(got, size);
  assert.strictEqual(server.sawBackpressure, true);
  await close(server);
});

test('a request aborted mid-body: aborted on the server, error on the client', async () => {
  const serverEvents = [];
  const gotRequest = new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      req.on('aborted', () => serverEvents.push('aborted'));
      req.on('close', () => {
        serverEvents.push('close');
        resolve(server);
      });
      req.on('data', () => {});
      res.on('close', () => serverEvents.push('res close'));
    });
    listen(server).then((port) => {
      const req = http.request({ port, method: 'POST', headers: { 'Content-Length': 1000 }, agent: false });
      req.on('error', (err) => serverEvents.push(`client ${err.code}`));
      req.write('partial');
      setTimeout(() => req.destroy(), 30);
    });
  });
  const server = await gotRequest;
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(serverEvents.includes('aborted'), serverEvents.join());
  assert.ok(serverEvents.includes('close'));
  assert.ok(serverEvents.includes('res close'));
  assert.ok(serverEvents.includes('client ECONNRESET'));
  await close(server);
});

test('the client sees socket hang up when the server closes without answering', async () => {
  const server = http.createServer((req, res) => req.socket.destroy());
  const port = await listen(server);
  await assert.rejects(fetchIt({ port, agent: false }), { code: 'ECONNRESET', message: 'socket hang up' });
  await close(server);
});

test('ECONNREFUSED reaches the request as an error', async () => {
  const server = http.createServer();
  const port = await listen(server);
  await close(server);
  await assert.rejects(fetchIt({ port, agent: false }), { code: 'ECONNREFUSED' });
});

test('req.setTimeout fires on a slow server', async () => {
  const server = http.createServer(() => {});
  const port = await listen(server);
  const err = await new Promise((resolve) => {
    const req = http.get({ port, agent: false });
    req.setTimeout(50, () => req.destroy(new Error('took too long')));
    req.on('error', resolve);
  });
  assert.strictEqual(err.message, 'took too long');
  await close(server);
});

test('keepAliveTimeout closes idle keep-alive connections', async () => {
  const server = http.createServer((req, res) => res.end('x'));
  server.keepAliveTimeout = 100;
  const port = await listen(server);
  const t0 = Date.now();
  const { text, closed } = await raw(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  assert.strictEqual(closed, true);
  assert.match(text, /Keep-Alive: timeout=0\r\n/);
  assert.ok(Date.now() - t0 >= 90);
  await close(server);
});

test('closeIdleConnections and closeAllConnections', async () => {
  const server = http.createServer((req, res) => {
    if (req.url === '/slow') return;
    res.end('fast');
  });
  const port = await listen(server);
  const idle = net.connect(port, '127.0.0.1');
  idle.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
  await once(idle, 'data');
  const busy = net.connect(port, '127.0.0.1');
  busy.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
  await once(server, 'request');
  server.closeIdleConnections();
  await once(idle, 'close');
  assert.strictEqual(busy.destroyed, false);
  server.closeAllConnections();
  await once(busy, 'close');
  server.close();
  await once(server, 'close');
});

test('server.close stops listening and calls back', async () => {
  const server = http.createServer((req, res) => res.end());
  const port = await listen(server);
  assert.strictEqual(server.listening, true);
  await new Promise((resolve) => server.close(resolve));
  assert.strictEqual(server.listening, false);
  await assert.rejects(fetchIt({ port, agent: false }), { code: 'ECONNREFUSED' });
});

test('http.get with a URL string and a request body with res.setEncoding', async () => {
  const server = http.createServer((req, res) => {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(`héllo ${req.url}`);
  });
  const port = await listen(server);
  const body = await new Promise((resolve, reject) => {
    http.get(`http://127.0.0.1:${port}/path?q=1`, (res) => {
      res.setEncoding('utf8');
      let s = '';
      res.on('data', (d) => { s += d; });
      res.on('end', () => resolve(s));
    }).on('error', reject);
  });
  assert.strictEqual(body, 'héllo /path?q=1');
  await close(server);
});

test('the client sends Host, auth and custom headers', async () => {
  let headers;
  const server = http.createServer((req, res) => {
    headers = req.headers;
    res.end();
  });
  const port = await listen(server);
  await fetchIt({ port, auth: 'user:pass', headers: { 'X-Thing': 'v' }, agent: false });
  assert.strictEqual(headers.host, `localhost:${port}`);
  assert.strictEqual(headers.authorization, `Basic ${Buffer.from('user:pass').toString('base64')}`);
  assert.strictEqual(headers['x-thing'], 'v');
  assert.strictEqual(headers.connection, 'close');
  await close(server);
});

test('the client validates its options', () => {
  assert.throws(() => http.request({ method: 'BAD METHOD' }), { code: 'ERR_INVALID_HTTP_TOKEN' });
  assert.throws(() => http.request({ path: '/with space' }), { code: 'ERR_UNESCAPED_CHARACTERS' });
  assert.throws(() => http.request({ protocol: 'https:' }), { code: 'ERR_INVALID_PROTOCOL' });
  assert.throws(() => http.request({ agent: 42 }), { code: 'ERR_INVALID_ARG_TYPE' });
});
