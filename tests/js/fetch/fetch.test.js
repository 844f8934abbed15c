'use strict';
// fetch() against local http and https servers on 127.0.0.1, and data: and
// blob: URLs.
const test = require('node:test');
const assert = require('node:assert');
const http = require('http');
const https = require('https');
const zlib = require('zlib');
const crypto = require('crypto');
const { pair, listen, close } = require('../tls/helpers');

// A server with a few routes; resolves with its base URL and the server.
async function start() {
  const seen = [];
  const connections = new Set();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (d) => chunks.push(d));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: body.toString() });
      route(req, res, body);
    });
  });
  server.on('connection', (s) => connections.add(s));
  const port = await listen(server);
  const base = `http://127.0.0.1:${port}`;
  function route(req, res, body) {
    const u = new URL(req.url, base);
    switch (u.pathname) {
      case '/echo':
        res.setHeader('content-type', 'application/json');
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.end(JSON.stringify({
          method: req.method,
          url: req.url,
          body: body.toString(),
          type: req.headers['content-type'] ?? null,
          length: req.headers['content-length'] ?? null,
          te: req.headers['transfer-encoding'] ?? null,
          auth: req.headers.authorization ?? null,
        }));
        return;
      case '/hash':
        res.end(`${body.length} ${crypto.createHash('sha256').update(body).digest('hex')}`);
        return;
      case '/redirect': {
        res.statusCode = Number(u.searchParams.get('status') || 302);
        res.setHeader('location', u.searchParams.get('to') || '/echo');
        res.end('moving');
        return;
      }
      case '/loop':
        res.statusCode = 301;
        res.setHeader('location', '/loop');
        res.end();
        return;
      case '/gzip':
        res.setHeader('content-encoding', 'gzip');
        res.end(zlib.gzipSync('zipped text'));
        return;
      case '/deflate':
        res.setHeader('content-encoding', 'deflate');
        res.end(zlib.deflateSync('deflated text'));
        return;
      case '/big': {
        const n = Number(u.searchParams.get('n'));
        const block = Buffer.alloc(65536, 'x');
        let sent = 0;
        const more = () => {
          while (sent < n) {
            const piece = block.subarray(0, Math.min(block.length, n - sent));
            sent += piece.length;
            if (!res.write(piece)) return res.once('drain', more);
          }
          res.end();
        };
        more();
        return;
      }
      case '/slow':
        res.write('first;');
        setTimeout(() => res.end('second'), 100);
        return;
      case '/hang':
        return;
      case '/cut':
        res.setHeader('content-length', '100');
        res.write('partial');
        setTimeout(() => res.destroy(), 20);
        return;
      case '/status':
        res.statusCode = Number(u.searchParams.get('code'));
        res.statusMessage = u.searchParams.get('text') || undefined;
        res.end(res.statusCode === 204 || res.statusCode === 304 ? undefined : 'body');
        return;
      default:
        res.statusCode = 404;
        res.end('not found');
    }
  }
  return {
    base,
    seen,
    connections,
    async stop() {
      for (const s of connections) s.destroy();
      await close(server);
    },
  };
}

test('GET: status, headers, body, the request Node sends', async () => {
  const srv = await start();
  const res = await fetch(`${srv.base}/echo?q=1`);
  assert.strictEqual(res.status, 200);
  assert.strictEqual(res.statusText, 'OK');
  assert.strictEqual(res.ok, true);
  assert.strictEqual(res.type, 'basic');
  assert.strictEqual(res.url, `${srv.base}/echo?q=1`);
  assert.strictEqual(res.redirected, false);
  assert.strictEqual(res.headers.get('content-type'), 'application/json');
  assert.deepStrictEqual(res.headers.getSetCookie(), ['a=1', 'b=2']);
  assert.throws(() => res.headers.set('x', 'y'), { message: 'immutable' });
  assert.ok(res.body instanceof ReadableStream);
  const json = await res.json();
  assert.deepStrictEqual(json, { method: 'GET', url: '/echo?q=1', body: '', type: null, length: null, te: null, auth: null });
  const h = srv.seen[0].headers;
  assert.strictEqual(h.accept, '*/*');
  assert.strictEqual(h['accept-language'], '*');
  assert.strictEqual(h['sec-fetch-mode'], 'cors');
  assert.strictEqual(h['user-agent'], 'node');
  assert.match(h['accept-encoding'], /gzip, deflate/);
  assert.strictEqual(h.connection, 'keep-alive');
  assert.strictEqual(h.host, srv.base.slice(7));
  const notFound = await fetch(`${srv.base}/nope`);
  assert.strictEqual(notFound.status, 404);
  assert.strictEqual(notFound.ok, false);
  assert.strictEqual(await notFound.text(), 'not found');
  const custom = await fetch(`${srv.base}/status?code=299&text=Fine`);
  assert.strictEqual(custom.statusText, 'Fine');
  await custom.arrayBuffer();
  const none = await fetch(`${srv.base}/status?code=204`);
  assert.strictEqual(none.body, null);
  assert.strictEqual(await none.text(), '');
  const head = await fetch(`${srv.base}/echo`, { method: 'HEAD' });
  assert.strictEqual(head.body, null);
  await srv.stop();
});

test('request bodies of every kind', async () => {
  const srv = await start();
  const send = async (body, init = {}) => (await fetch(`${srv.base}/echo`, { method: 'POST', body, ...init })).json();
  assert.deepStrictEqual(await send('héllo'), {
    method: 'POST', url: '/echo', body: 'héllo', type: 'text/plain;charset=UTF-8', length: '6', te: null, auth: null,
  });
  const params = await send(new URLSearchParams({ a: '1', b: 'x y' }));
  assert.strictEqual(params.body, 'a=1&b=x+y');
  assert.strictEqual(params.type, 'application/x-www-form-urlencoded;charset=UTF-8');
  const blob = await send(new Blob(['blob'], { type: 'application/x-test' }));
  assert.deepStrictEqual([blob.body, blob.type, blob.length], ['blob', 'application/x-test', '4']);
  const bytes = await send(new Uint8Array([104, 105]));
  assert.deepStrictEqual([bytes.body, bytes.type, bytes.length], ['hi', null, '2']);
  const buf = await send(new Uint16Array([0x6968]).buffer);
  assert.strictEqual(buf.body, 'hi');
  const fd = new FormData();
  fd.append('field', 'value');
  fd.append('file', new Blob(['content'], { type: 'text/plain' }), 'f.txt');
  const form = await send(fd);
  assert.match(form.type, /^multipart\/form-data; boundary=/);
  assert.match(form.body, /Content-Disposition: form-data; name="field"\r\n\r\nvalue\r\n/);
  assert.match(form.body, /Content-Disposition: form-data; name="file"; filename="f.txt"\r\nContent-Type: text\/plain\r\n\r\ncontent\r\n/);
  assert.strictEqual(Number(form.length), Buffer.byteLength(form.body));
  // A streamed body goes chunked.
  const parts = ['stream', 'ed ', 'body'];
  const streamed = await send(new ReadableStream({
    pull(c) {
      if (parts.length) c.enqueue(new TextEncoder().encode(parts.shift()));
      else c.close();
    },
  }), { duplex: 'half', method: 'PUT' });
  assert.deepStrictEqual([streamed.method, streamed.body, streamed.te, streamed.length], ['PUT', 'streamed body', 'chunked', null]);
  const empty = await send(undefined);
  assert.strictEqual(empty.length, '0');
  const fromRequest = await (await fetch(new Request(`${srv.base}/echo`, { method: 'PATCH', body: 'req' }))).json();
  assert.deepStrictEqual([fromRequest.method, fromRequest.body], ['PATCH', 'req']);
  await srv.stop();
});

test('redirects: follow (with method changes), error, manual, too many', async () => {
  const srv = await start();
  const followed = await fetch(`${srv.base}/redirect?to=/echo%3Fx=1`, { method: 'POST', body: 'data' });
  assert.strictEqual(followed.redirected, true);
  assert.strictEqual(followed.url, `${srv.base}/echo?x=1`);
  const j = await followed.json();
  // 302 turns POST into a body-less GET.
  assert.deepStrictEqual([j.method, j.body, j.type], ['GET', '', null]);
  const kept = await (await fetch(`${srv.base}/redirect?status=307&to=/echo`, {
    method: 'POST', body: 'again', headers: { authorization: 'secret' },
  })).json();
  assert.deepStrictEqual([kept.method, kept.body, kept.auth], ['POST', 'again', 'secret']);
  const seeOther = await (await fetch(`${srv.base}/redirect?status=303`, { method: 'PUT', body: 'x' })).json();
  assert.strictEqual(seeOther.method, 'GET');
  // Another origin does not get the credentials.
  const port = srv.base.split(':')[2];
  const cross = await (await fetch(`${srv.base}/redirect?to=http://localhost:${port}/echo`, {
    headers: { authorization: 'secret' },
  })).json();
  assert.strictEqual(cross.auth, null);

  await assert.rejects(fetch(`${srv.base}/redirect`, { redirect: 'error' }), (err) => {
    assert.strictEqual(err.name, 'TypeError');
    assert.strictEqual(err.message, 'fetch failed');
    assert.strictEqual(err.cause.message, 'unexpected redirect');
    return true;
  });
  const manual = await fetch(`${srv.base}/redirect`, { redirect: 'manual' });
  assert.deepStrictEqual([manual.status, manual.headers.get('location'), manual.redirected, await manual.text()],
    [302, '/echo', false, 'moving']);
  await assert.rejects(fetch(`${srv.base}/loop`), (err) => err.message === 'fetch failed' &&
    err.cause.message === 'redirect count exceeded');
  // A streamed body cannot be sent twice.
  await assert.rejects(fetch(`${srv.base}/redirect?status=307`, {
    method: 'POST', duplex: 'half', body: new ReadableStream({ pull(c) { c.enqueue(new Uint8Array([1])); c.close(); } }),
  }), { name: 'TypeError', message: 'fetch failed' });
  await srv.stop();
});

test('response bodies: streaming with backpressure, decoding, early ends', async () => {
  const srv = await start();
  const n = 8 * 1024 * 1024 + 3;
  const res = await fetch(`${srv.base}/big?n=${n}`);
  const reader = res.body.getReader();
  let total = 0;
  let reads = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    assert.ok(value instanceof Uint8Array);
    total += value.length;
    // A slow reader: the server must wait for us.
    if (++reads % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  assert.strictEqual(total, n);
  assert.strictEqual(await (await fetch(`${srv.base}/gzip`)).text(), 'zipped text');
  const deflated = await fetch(`${srv.base}/deflate`);
  assert.strictEqual(deflated.headers.get('content-encoding'), 'deflate');
  assert.strictEqual(await deflated.text(), 'deflated text');
  const slow = await fetch(`${srv.base}/slow`);
  const clone = slow.clone();
  assert.strictEqual(await slow.text(), 'first;second');
  assert.strictEqual(await clone.text(), 'first;second');
  const cut = await fetch(`${srv.base}/cut`);
  await assert.rejects(cut.text(), { name: 'TypeError', message: 'terminated' });
  let chunks = 0;
  for await (const chunk of (await fetch(`${srv.base}/big?n=300000`)).body) chunks += chunk.length;
  assert.strictEqual(chunks, 300000);
  await srv.stop();
});

test('keep-alive: sequential fetches share a connection', async () => {
  const srv = await start();
  for (let i = 0; i < 4; i++) await (await fetch(`${srv.base}/echo`)).text();
  assert.strictEqual(srv.seen.length, 4);
  assert.ok(srv.connections.size < 4, `${srv.connections.size} connections for 4 requests`);
  await srv.stop();
});

test('AbortSignal: before, while waiting, while reading', async () => {
  const srv = await start();
  await assert.rejects(fetch(`${srv.base}/echo`, { signal: AbortSignal.abort() }), {
    name: 'AbortError', message: 'This operation was aborted',
  });
  const c1 = new AbortController();
  const pending = fetch(`${srv.base}/hang`, { signal: c1.signal });
  setTimeout(() => c1.abort(), 20);
  await assert.rejects(pending, (err) => err.name === 'AbortError' && err.code === 20);
  const c2 = new AbortController();
  const reason = new Error('mine');
  const pending2 = fetch(`${srv.base}/hang`, { signal: c2.signal });
  setTimeout(() => c2.abort(reason), 20);
  await assert.rejects(pending2, (err) => err === reason);
  const c3 = new AbortController();
  const res = await fetch(`${srv.base}/slow`, { signal: c3.signal });
  const reader = res.body.getReader();
  const first = await reader.read();
  assert.strictEqual(Buffer.from(first.value).toString(), 'first;');
  c3.abort();
  await assert.rejects(reader.read(), { name: 'AbortError' });
  await srv.stop();
});

test('network errors: refused, bad port, unsupported schemes, untrusted TLS', async () => {
  const probe = http.createServer();
  const port = await listen(probe);
  await close(probe);
  await assert.rejects(fetch(`http://127.0.0.1:${port}/`), (err) => {
    assert.strictEqual(err.name, 'TypeError');
    assert.strictEqual(err.message, 'fetch failed');
    assert.strictEqual(err.cause.code, 'ECONNREFUSED');
    return true;
  });
  await assert.rejects(fetch('http://127.0.0.1:1/'), (err) => err.cause.message === 'bad port');
  await assert.rejects(fetch('file:///etc/hostname'), (err) => err.message === 'fetch failed');
  await assert.rejects(fetch('ftp://example.com/'), (err) => err.message === 'fetch failed');
  await assert.rejects(fetch('/relative'), { name: 'TypeError', message: 'Failed to parse URL from /relative' });

  const server = https.createServer(pair('server'), (req, res) => res.end('secret'));
  const tlsPort = await listen(server);
  // The test CA is not among the system's roots.
  await assert.rejects(fetch(`https://localhost:${tlsPort}/`), (err) => {
    assert.strictEqual(err.message, 'fetch failed');
    assert.strictEqual(err.cause.code, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    return true;
  });
  await close(server);
});

test('data: and blob: URLs', async () => {
  const r = await fetch('data:text/plain;base64,aGVsbG8=');
  assert.deepStrictEqual([r.status, r.statusText, r.headers.get('content-type'), r.url, await r.text()],
    [200, 'OK', 'text/plain', 'data:text/plain;base64,aGVsbG8=', 'hello']);
  const plain = await fetch('data:,a%20b');
  assert.deepStrictEqual([plain.headers.get('content-type'), await plain.text()], ['text/plain;charset=US-ASCII', 'a b']);
  const json = await fetch('data:application/json;charset=utf-8,%7B%22a%22%3A1%7D');
  assert.strictEqual(json.headers.get('content-type'), 'application/json;charset=utf-8');
  assert.deepStrictEqual(await json.json(), { a: 1 });
  const bin = await fetch('data:application/octet-stream;base64,AAEC/w==');
  assert.deepStrictEqual([...new Uint8Array(await bin.arrayBuffer())], [0, 1, 2, 255]);
  await assert.rejects(fetch('data:nocomma'), (err) => err.message === 'fetch failed' &&
    err.cause.message === 'failed to fetch the data URL');
  const url = URL.createObjectURL(new Blob(['blobby'], { type: 'text/x' }));
  const b = await fetch(url);
  assert.deepStrictEqual([b.status, b.headers.get('content-type'), b.headers.get('content-length'), await b.text()],
    [200, 'text/x', '6', 'blobby']);
  URL.revokeObjectURL(url);
  await assert.rejects(fetch(url), { name: 'TypeError' });
});

test('large uploads stream with backpressure', async () => {
  const srv = await start();
  const payload = crypto.randomBytes(4 * 1024 * 1024);
  let offset = 0;
  const body = new ReadableStream({
    pull(c) {
      if (offset >= payload.length) {
        c.close();
        return;
      }
      c.enqueue(payload.subarray(offset, offset + 100000));
      offset += 100000;
    },
  });
  const res = await fetch(`${srv.base}/hash`, { method: 'POST', body, duplex: 'half' });
  assert.strictEqual(await res.text(), `${payload.length} ${crypto.createHash('sha256').update(payload).digest('hex')}`);
  const got = srv.seen[srv.seen.length - 1];
  assert.strictEqual(got.method, 'POST');
  assert.strictEqual(got.headers['transfer-encoding'], 'chunked');
  await srv.stop();
});
