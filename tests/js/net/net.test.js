'use strict';
// net: servers and sockets over TCP and Unix sockets on 127.0.0.1.
const test = require('node:test');
const assert = require('node:assert');
const net = require('net');
const os = require('os');
const path = require('path');
const fs = require('fs');
const { once } = require('events');

function listen(server, ...args) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(...args, () => {
      server.removeListener('error', reject);
      resolve(server.address());
    });
  });
}

function close(server) {
  return new Promise((resolve) => server.close(() => resolve()));
}

test('isIP, isIPv4 and isIPv6', () => {
  assert.strictEqual(net.isIP('127.0.0.1'), 4);
  assert.strictEqual(net.isIP('255.255.255.255'), 4);
  assert.strictEqual(net.isIP('256.0.0.1'), 0);
  assert.strictEqual(net.isIP('1.2.3'), 0);
  assert.strictEqual(net.isIP('01.2.3.4'), 0);
  assert.strictEqual(net.isIP('::1'), 6);
  assert.strictEqual(net.isIP('::'), 6);
  assert.strictEqual(net.isIP('fe80::1%eth0'), 6);
  assert.strictEqual(net.isIP('2001:db8::ff00:42:8329'), 6);
  assert.strictEqual(net.isIP('::ffff:192.168.1.1'), 6);
  assert.strictEqual(net.isIP('1:2:3:4:5:6:7:8'), 6);
  assert.strictEqual(net.isIP('1:2:3:4:5:6:7:8:9'), 0);
  assert.strictEqual(net.isIP('1::2::3'), 0);
  assert.strictEqual(net.isIP('12345::'), 0);
  assert.strictEqual(net.isIP('example.com'), 0);
  assert.strictEqual(net.isIP(''), 0);
  assert.strictEqual(net.isIPv4('10.0.0.1'), true);
  assert.strictEqual(net.isIPv4('::1'), false);
  assert.strictEqual(net.isIPv6('::1'), true);
  assert.strictEqual(net.isIPv6('10.0.0.1'), false);
});

test('echo over TCP: connect, data, end, address and byte counts', async () => {
  const server = net.createServer((socket) => {
    socket.on('data', (d) => socket.write(d));
    socket.on('end', () => socket.end());
  });
  const listening = once(server, 'listening');
  const addr = await listen(server, 0, '127.0.0.1');
  await listening;
  assert.strictEqual(server.listening, true);
  assert.strictEqual(addr.address, '127.0.0.1');
  assert.strictEqual(addr.family, 'IPv4');
  assert.ok(addr.port > 0);

  const client = net.connect(addr.port, '127.0.0.1');
  await once(client, 'connect');
  assert.strictEqual(client.remoteAddress, '127.0.0.1');
  assert.strictEqual(client.remotePort, addr.port);
  assert.strictEqual(client.remoteFamily, 'IPv4');
  assert.strictEqual(client.localAddress, '127.0.0.1');
  assert.ok(client.localPort > 0);
  assert.strictEqual(client.readyState, 'open');
  const chunks = [];
  client.on('data', (d) => chunks.push(d));
  client.write('hello ');
  client.end('world');
  await once(client, 'close');
  assert.strictEqual(Buffer.concat(chunks).toString(), 'hello world');
  assert.strictEqual(client.bytesWritten, 11);
  assert.strictEqual(client.bytesRead, 11);
  await close(server);
});

test('server.getConnections counts open sockets', async () => {
  const server = net.createServer();
  const { port } = await listen(server, 0, '127.0.0.1');
  const a = net.connect(port, '127.0.0.1');
  const b = net.connect(port, '127.0.0.1');
  await Promise.all([once(server, 'connection'), once(a, 'connect'), once(b, 'connect')]);
  while (server._connections < 2) await once(server, 'connection');
  const count = await new Promise((resolve, reject) => {
    server.getConnections((err, n) => (err ? reject(err) : resolve(n)));
  });
  assert.strictEqual(count, 2);
  a.destroy();
  b.destroy();
  server.close();
  await once(server, 'close');
});

test('EADDRINUSE is emitted as an error with Node\'s message', async () => {
  const first = net.createServer();
  const { port } = await listen(first, 0, '127.0.0.1');
  const second = net.createServer();
  second.listen(port, '127.0.0.1');
  const [err] = await once(second, 'error');
  assert.strictEqual(err.code, 'EADDRINUSE');
  assert.strictEqual(err.syscall, 'listen');
  assert.strictEqual(err.port, port);
  assert.strictEqual(err.address, '127.0.0.1');
  assert.strictEqual(err.message, `listen EADDRINUSE: address already in use 127.0.0.1:${port}`);
  assert.strictEqual(second.listening, false);
  await close(first);
});

test('connecting to a closed port fails with ECONNREFUSED', async () => {
  const server = net.createServer();
  const { port } = await listen(server, 0, '127.0.0.1');
  await close(server);
  const client = net.connect(port, '127.0.0.1');
  const [err] = await once(client, 'error');
  assert.strictEqual(err.code, 'ECONNREFUSED');
  assert.strictEqual(err.syscall, 'connect');
  assert.strictEqual(err.address, '127.0.0.1');
  assert.strictEqual(err.port, port);
  assert.strictEqual(err.message, `connect ECONNREFUSED 127.0.0.1:${port}`);
  await once(client, 'close');
});

test('connect with a host name resolves it and emits lookup', async () => {
  const server = net.createServer((s) => s.end('hi'));
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.createConnection({ port, host: 'localhost', family: 4 });
  const [err, address, family, host] = await once(client, 'lookup');
  assert.strictEqual(err, null);
  assert.strictEqual(address, '127.0.0.1');
  assert.strictEqual(family, 4);
  assert.strictEqual(host, 'localhost');
  let got = '';
  client.setEncoding('utf8');
  client.on('data', (d) => { got += d; });
  await once(client, 'end');
  assert.strictEqual(got, 'hi');
  await close(server);
});

test('writes over the high-water mark return false and drain', async () => {
  let serverSocket;
  const server = net.createServer((s) => {
    serverSocket = s;
    s.pause();
  });
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.connect(port, '127.0.0.1');
  await once(client, 'connect');
  while (!serverSocket) await new Promise((r) => setImmediate(r));
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  let writes = 0;
  while (client.write(chunk)) {
    writes++;
    if (writes > 200) break;
  }
  assert.ok(writes < 200, 'the kernel buffers filled up and write() returned false');
  assert.ok(client.writableNeedDrain || client.writableLength > 0);
  let received = 0;
  serverSocket.on('data', (d) => { received += d.length; });
  serverSocket.resume();
  await once(client, 'drain');
  client.end();
  await once(serverSocket, 'end');
  assert.strictEqual(received, (writes + 1) * chunk.length);
  await close(server);
});

test('a large transfer arrives whole and in order', async () => {
  const size = 8 * 1024 * 1024;
  const data = Buffer.alloc(size);
  for (let i = 0; i < size; i++) data[i] = (i * 7) & 0xff;
  const server = net.createServer((s) => s.end(data));
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.connect(port, '127.0.0.1');
  const chunks = [];
  client.on('data', (d) => chunks.push(d));
  await once(client, 'end');
  const got = Buffer.concat(chunks);
  assert.strictEqual(got.length, size);
  assert.ok(got.equals(data));
  await close(server);
});

test('allowHalfOpen keeps the writable side open after the peer ends', async () => {
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    let got = '';
    s.on('data', (d) => { got += d; });
    s.on('end', () => {
      setTimeout(() => s.end(`late reply to ${got}`), 20);
    });
  });
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  await once(client, 'connect');
  client.end('ping');
  let reply = '';
  client.on('data', (d) => { reply += d; });
  await once(client, 'end');
  assert.strictEqual(reply, 'late reply to ping');
  await close(server);
});

test('without allowHalfOpen the socket ends its side when the peer ends', async () => {
  const server = net.createServer((s) => {
    s.on('data', () => {});
  });
  const { port } = await listen(server, 0, '127.0.0.1');
  const [serverSide] = await Promise.all([once(server, 'connection'), (async () => {
    const c = net.connect(port, '127.0.0.1');
    await once(c, 'connect');
    c.end();
    await once(c, 'close');
  })()]);
  const s = serverSide[0];
  if (!s.destroyed) await once(s, 'close');
  assert.strictEqual(s.writable, false);
  await close(server);
});

test('setTimeout emits timeout on an idle socket and 0 disables it', async () => {
  const server = net.createServer(() => {});
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.connect(port, '127.0.0.1');
  await once(client, 'connect');
  const t0 = Date.now();
  client.setTimeout(50);
  assert.strictEqual(client.timeout, 50);
  await once(client, 'timeout');
  assert.ok(Date.now() - t0 >= 40);
  client.setTimeout(0);
  assert.strictEqual(client.timeout, 0);
  let fired = false;
  client.on('timeout', () => { fired = true; });
  await new Promise((r) => setTimeout(r, 80));
  assert.strictEqual(fired, false);
  client.destroy();
  await close(server);
});

test('setNoDelay, setKeepAlive, ref and unref return the socket', async () => {
  const server = net.createServer((s) => s.end());
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.connect(port, '127.0.0.1');
  assert.strictEqual(client.setNoDelay(true), client);
  assert.strictEqual(client.setKeepAlive(true, 1000), client);
  await once(client, 'connect');
  assert.strictEqual(client.setNoDelay(false), client);
  assert.strictEqual(client.setKeepAlive(false), client);
  assert.strictEqual(client.unref(), client);
  assert.strictEqual(client.ref(), client);
  client.resume();
  await once(client, 'close');
  await close(server);
});

test('destroy with an error emits error then close(true)', async () => {
  const server = net.createServer(() => {});
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.connect(port, '127.0.0.1');
  await once(client, 'connect');
  const events = [];
  client.on('error', (e) => events.push(`error:${e.message}`));
  const closed = new Promise((resolve) => client.on('close', (hadError) => {
    events.push(`close:${hadError}`);
    resolve();
  }));
  client.destroy(new Error('boom'));
  await closed;
  assert.deepStrictEqual(events, ['error:boom', 'close:true']);
  assert.strictEqual(client.destroyed, true);
  server.close();
  server.unref();
});

test('write after end fails with ERR_STREAM_WRITE_AFTER_END', async () => {
  const server = net.createServer((s) => s.resume());
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.connect(port, '127.0.0.1');
  await once(client, 'connect');
  client.end();
  const emitted = once(client, 'error');
  const err = await new Promise((resolve) => client.write('x', resolve));
  assert.strictEqual(err.code, 'ERR_STREAM_WRITE_AFTER_END');
  assert.strictEqual((await emitted)[0], err);
  client.destroy();
  await close(server);
});

test('listening on a Unix socket path', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-net-'));
  const sock = path.join(dir, 's.sock');
  const server = net.createServer((s) => s.end('over a pipe'));
  const addr = await listen(server, sock);
  assert.strictEqual(addr, sock);
  const client = net.connect(sock);
  let got = '';
  client.on('data', (d) => { got += d; });
  await once(client, 'end');
  assert.strictEqual(got, 'over a pipe');
  await close(server);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('listen with an options object, backlog and exclusive', async () => {
  const server = net.createServer();
  const addr = await listen(server, { port: 0, host: '127.0.0.1', backlog: 5, exclusive: true });
  assert.strictEqual(addr.family, 'IPv4');
  await close(server);
});

test('listen without a host answers on the IPv4 loopback too', async () => {
  const server = net.createServer((s) => s.end('any'));
  const addr = await listen(server, 0);
  assert.ok(addr.address === '::' || addr.address === '0.0.0.0');
  const client = net.connect(addr.port, '127.0.0.1');
  let got = '';
  client.on('data', (d) => { got += d; });
  await once(client, 'end');
  assert.strictEqual(got, 'any');
  await close(server);
});

test('server.close calls back with ERR_SERVER_NOT_RUNNING when not listening', async () => {
  const server = net.createServer();
  const err = await new Promise((resolve) => server.close(resolve));
  assert.strictEqual(err.code, 'ERR_SERVER_NOT_RUNNING');
});

test('server.close waits for open connections', async () => {
  const server = net.createServer();
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.connect(port, '127.0.0.1');
  const [sock] = await once(server, 'connection');
  let closed = false;
  server.close(() => { closed = true; });
  assert.strictEqual(server.listening, false);
  await new Promise((r) => setTimeout(r, 20));
  assert.strictEqual(closed, false);
  client.end();
  sock.end();
  await once(server, 'close');
  assert.strictEqual(closed, true);
});

test('bad arguments throw Node\'s errors', () => {
  assert.throws(() => net.connect({ port: -1 }), { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(() => net.connect({ port: 70000 }), { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(() => net.createServer().listen({ port: 65536 }), { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(() => new net.Socket().setTimeout(-1), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => net.connect({ port: 80, host: '127.0.0.1', localAddress: 'nope' }),
    { code: 'ERR_INVALID_IP_ADDRESS' });
});

test('the socket is a Duplex stream that pipes', async () => {
  const { Duplex, pipeline, PassThrough } = require('stream');
  const server = net.createServer((s) => pipeline(s, new PassThrough(), s, () => {}));
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.connect(port, '127.0.0.1');
  assert.ok(client instanceof Duplex);
  const chunks = [];
  client.on('data', (d) => chunks.push(d));
  for (let i = 0; i < 100; i++) client.write(`line ${i}\n`);
  client.end();
  await once(client, 'end');
  const lines = Buffer.concat(chunks).toString().trim().split('\n');
  assert.strictEqual(lines.length, 100);
  assert.strictEqual(lines[99], 'line 99');
  await close(server);
});

test('pauseOnConnect hands over a paused socket', async () => {
  const server = net.createServer({ pauseOnConnect: true }, (s) => {
    assert.strictEqual(s.isPaused(), true);
    setTimeout(() => {
      s.on('data', (d) => s.end(d));
      s.resume();
    }, 20);
  });
  const { port } = await listen(server, 0, '127.0.0.1');
  const client = net.connect(port, '127.0.0.1', () => client.write('later'));
  let got = '';
  client.on('data', (d) => { got += d; });
  await once(client, 'close');
  assert.strictEqual(got, 'later');
  await close(server);
});
