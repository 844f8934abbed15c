'use strict';
// Headers, Request, Response and FormData as Node 20 has them (no network).
const test = require('node:test');
const assert = require('node:assert');

test('the globals', () => {
  for (const name of ['fetch', 'Request', 'Response', 'Headers', 'FormData', 'File', 'Blob']) {
    assert.strictEqual(typeof globalThis[name], 'function', name);
  }
  assert.strictEqual(Object.getOwnPropertyDescriptor(globalThis, 'fetch').enumerable, true);
  assert.strictEqual(Object.getOwnPropertyDescriptor(globalThis, 'Request').enumerable, false);
  assert.strictEqual(fetch.length, 1);
  assert.strictEqual(Request.length, 1);
  assert.strictEqual(Response.length, 0);
  assert.strictEqual(Object.prototype.toString.call(new Headers()), '[object Headers]');
  assert.strictEqual(Object.prototype.toString.call(new Response()), '[object Response]');
  assert.strictEqual(Object.prototype.toString.call(new Request('http://x/')), '[object Request]');
  assert.strictEqual(Object.prototype.toString.call(new FormData()), '[object FormData]');
});

test('Headers: case-insensitive, sorted, combined, Set-Cookie apart', () => {
  const h = new Headers([['B', '2'], ['a', '1'], ['b', '3'], ['Set-Cookie', 'x=1'], ['set-cookie', 'y=2']]);
  assert.deepStrictEqual([...h], [['a', '1'], ['b', '2, 3'], ['set-cookie', 'x=1'], ['set-cookie', 'y=2']]);
  assert.strictEqual(h.get('B'), '2, 3');
  assert.strictEqual(h.get('set-cookie'), 'x=1, y=2');
  assert.deepStrictEqual(h.getSetCookie(), ['x=1', 'y=2']);
  assert.strictEqual(h.get('missing'), null);
  assert.strictEqual(h.has('A'), true);
  h.set('b', '  9\t');
  assert.strictEqual(h.get('b'), '9');
  h.delete('A');
  assert.strictEqual(h.has('a'), false);
  assert.deepStrictEqual([...h.keys()], ['b', 'set-cookie', 'set-cookie']);
  assert.deepStrictEqual([...h.values()], ['9', 'x=1', 'y=2']);
  const seen = [];
  h.forEach((v, k, self) => seen.push([k, v, self === h]));
  assert.deepStrictEqual(seen, [['b', '9', true], ['set-cookie', 'x=1', true], ['set-cookie', 'y=2', true]]);
  assert.deepStrictEqual([...new Headers({ 'X-One': 'a', two: 2 })], [['two', '2'], ['x-one', 'a']]);
  assert.deepStrictEqual([...new Headers(new Headers({ a: 'b' }))], [['a', 'b']]);
  assert.strictEqual(Object.prototype.toString.call(h.entries()), '[object Headers Iterator]');
});

test('Headers: bad names and values, bad init', () => {
  assert.throws(() => new Headers({ 'a b': '1' }), {
    name: 'TypeError', message: 'Headers.append: "a b" is an invalid header name.',
  });
  assert.throws(() => new Headers({ a: '1\n2' }), {
    name: 'TypeError', message: 'Headers.append: "1\n2" is an invalid header value.',
  });
  assert.throws(() => new Headers([['a']]), {
    name: 'TypeError', message: 'Headers constructor: expected name/value pair to be length 2, found 1.',
  });
  assert.throws(() => new Headers().set('', 'x'), { name: 'TypeError' });
  assert.throws(() => new Headers().get('a:b'), { name: 'TypeError' });
  assert.throws(() => new Headers(5), { name: 'TypeError' });
  assert.throws(() => Response.error().headers.set('a', '1'), { name: 'TypeError', message: 'immutable' });
});

test('Request: defaults, methods, URLs and errors', () => {
  const r = new Request('http://example.com/x?y#f');
  assert.strictEqual(r.url, 'http://example.com/x?y#f');
  assert.strictEqual(r.method, 'GET');
  assert.strictEqual(r.mode, 'cors');
  assert.strictEqual(r.credentials, 'same-origin');
  assert.strictEqual(r.cache, 'default');
  assert.strictEqual(r.redirect, 'follow');
  assert.strictEqual(r.referrer, 'about:client');
  assert.strictEqual(r.referrerPolicy, '');
  assert.strictEqual(r.destination, '');
  assert.strictEqual(r.integrity, '');
  assert.strictEqual(r.keepalive, false);
  assert.strictEqual(r.duplex, 'half');
  assert.strictEqual(r.body, null);
  assert.strictEqual(r.bodyUsed, false);
  assert.strictEqual(r.signal.aborted, false);
  assert.ok(r.headers instanceof Headers);
  assert.strictEqual(new Request(new URL('http://a/b')).url, 'http://a/b');
  assert.strictEqual(new Request('http://a/', { method: 'post' }).method, 'POST');
  assert.strictEqual(new Request('http://a/', { method: 'patch' }).method, 'patch');
  assert.throws(() => new Request('/relative'), (err) => {
    assert.strictEqual(err.name, 'TypeError');
    assert.strictEqual(err.message, 'Failed to parse URL from /relative');
    assert.strictEqual(err.cause.code, 'ERR_INVALID_URL');
    return true;
  });
  assert.throws(() => new Request('http://u:p@x/'), {
    name: 'TypeError', message: 'Request cannot be constructed from a URL that includes credentials: http://u:p@x/',
  });
  assert.throws(() => new Request('http://a/', { method: 'CONNECT' }), {
    name: 'TypeError', message: "'CONNECT' HTTP method is unsupported.",
  });
  assert.throws(() => new Request('http://a/', { method: 'a b' }), {
    name: 'TypeError', message: "'a b' is not a valid HTTP method.",
  });
  assert.throws(() => new Request('http://a/', { body: 'x' }), {
    name: 'TypeError', message: 'Request with GET/HEAD method cannot have body.',
  });
  assert.throws(() => new Request('http://a/', { method: 'POST', body: new ReadableStream() }), {
    name: 'TypeError', message: 'RequestInit: duplex option is required when sending a body.',
  });
  assert.throws(() => new Request('http://a/', { redirect: 'nope' }), { name: 'TypeError' });
  assert.throws(() => new Request('http://a/', { signal: {} }), { name: 'TypeError' });
});

test('Request: bodies, content types, clone and reuse', async () => {
  const r = new Request('http://a/', { method: 'POST', body: 'héllo', headers: { 'X-A': '1' } });
  assert.strictEqual(r.headers.get('content-type'), 'text/plain;charset=UTF-8');
  assert.strictEqual(r.headers.get('x-a'), '1');
  const c = r.clone();
  assert.strictEqual(await r.text(), 'héllo');
  assert.strictEqual(r.bodyUsed, true);
  assert.strictEqual(await c.text(), 'héllo');
  await assert.rejects(r.text(), { name: 'TypeError', message: 'Body is unusable: Body has already been read' });
  assert.throws(() => r.clone(), { name: 'TypeError', message: 'unusable' });
  assert.throws(() => new Request(r), {
    name: 'TypeError', message: 'Cannot construct a Request with a Request object that has already been used.',
  });
  const params = new Request('http://a/', { method: 'PUT', body: new URLSearchParams('a=1&b=2') });
  assert.strictEqual(params.headers.get('content-type'), 'application/x-www-form-urlencoded;charset=UTF-8');
  // A Request made from another takes its body.
  const first = new Request('http://a/', { method: 'POST', body: 'moved' });
  const second = new Request(first);
  assert.strictEqual(second.method, 'POST');
  assert.strictEqual(await second.text(), 'moved');
  assert.strictEqual(first.bodyUsed, true);
  // The request's signal follows the one given.
  const controller = new AbortController();
  const withSignal = new Request('http://a/', { signal: controller.signal });
  controller.abort();
  assert.strictEqual(withSignal.signal.aborted, true);
  assert.strictEqual(withSignal.signal.reason.name, 'AbortError');
});

test('Response: constructor, status checks, body mixin', async () => {
  const r = new Response('{"a":[1,2]}', { status: 201, statusText: 'Made', headers: { 'content-type': 'application/json' } });
  assert.strictEqual(r.status, 201);
  assert.strictEqual(r.statusText, 'Made');
  assert.strictEqual(r.ok, true);
  assert.strictEqual(r.type, 'default');
  assert.strictEqual(r.url, '');
  assert.strictEqual(r.redirected, false);
  assert.deepStrictEqual(await r.json(), { a: [1, 2] });
  const empty = new Response();
  assert.strictEqual(empty.status, 200);
  assert.strictEqual(empty.body, null);
  assert.strictEqual(await empty.text(), '');
  assert.throws(() => new Response('x', { status: 100 }), {
    name: 'RangeError', message: 'init["status"] must be in the range of 200 to 599, inclusive.',
  });
  assert.throws(() => new Response('x', { status: 204 }), {
    name: 'TypeError', message: 'Response constructor: Invalid response status code 204',
  });
  assert.throws(() => new Response('x', { statusText: 'a\nb' }), { name: 'TypeError' });
  assert.strictEqual(new Response(null, { status: 204 }).status, 204);

  const bytes = new Uint8Array([1, 2, 3]);
  const fromBytes = new Response(bytes);
  bytes[0] = 9;
  assert.deepStrictEqual(new Uint8Array(await fromBytes.arrayBuffer()), new Uint8Array([1, 2, 3]));
  const blob = await new Response('abc', { headers: { 'content-type': 'Text/Plain' } }).blob();
  assert.strictEqual(blob.type, 'text/plain');
  assert.strictEqual(await blob.text(), 'abc');
  const fromBlob = new Response(new Blob(['xyz'], { type: 'application/x-foo' }));
  assert.strictEqual(fromBlob.headers.get('content-type'), 'application/x-foo');
  assert.strictEqual(await fromBlob.text(), 'xyz');
  // A UTF-8 byte order mark is not text.
  assert.strictEqual(await new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])).text(), 'hi');
});

test('Response.error, Response.json, Response.redirect', async () => {
  const e = Response.error();
  assert.deepStrictEqual([e.type, e.status, e.statusText, e.body, e.ok], ['error', 0, '', null, false]);
  const j = Response.json({ a: 1 }, { status: 201, headers: { 'x-b': '2' } });
  assert.strictEqual(j.status, 201);
  assert.strictEqual(j.headers.get('content-type'), 'application/json');
  assert.strictEqual(j.headers.get('x-b'), '2');
  assert.strictEqual(await j.text(), '{"a":1}');
  assert.throws(() => Response.json(undefined), { name: 'TypeError', message: 'Value is not JSON serializable' });
  const r = Response.redirect('http://example.com/next', 307);
  assert.strictEqual(r.status, 307);
  assert.strictEqual(r.headers.get('location'), 'http://example.com/next');
  assert.strictEqual(Response.redirect('http://example.com/').status, 302);
  assert.throws(() => Response.redirect('http://example.com/', 200), { name: 'RangeError', message: 'Invalid status code 200' });
  assert.throws(() => Response.redirect('/x'), { name: 'TypeError', message: 'Failed to parse URL from /x' });
  assert.throws(() => r.headers.set('a', 'b'), { message: 'immutable' });
});

test('bodies as streams: body, bodyUsed, clone tees, BYOB readers', async () => {
  const r = new Response('stream me');
  const first = r.body;
  assert.ok(first instanceof ReadableStream);
  assert.strictEqual(r.body, first);
  // Cloning tees the stream: the response gets one branch.
  const copy = r.clone();
  assert.strictEqual(first.locked, true);
  assert.notStrictEqual(r.body, first);
  const reader = r.body.getReader({ mode: 'byob' });
  const { value } = await reader.read(new Uint8Array(64));
  assert.strictEqual(Buffer.from(value).toString(), 'stream me');
  assert.strictEqual(r.bodyUsed, true);
  await assert.rejects(r.text(), { name: 'TypeError' });
  assert.strictEqual(await copy.text(), 'stream me');

  const chunks = ['a', 'b', 'c'].map((s) => new TextEncoder().encode(s));
  const streamed = new Response(new ReadableStream({
    pull(c) {
      if (chunks.length) c.enqueue(chunks.shift());
      else c.close();
    },
  }));
  const twin = streamed.clone();
  assert.strictEqual(await streamed.text(), 'abc');
  assert.strictEqual(await twin.text(), 'abc');
  const locked = new ReadableStream();
  locked.getReader();
  assert.throws(() => new Response(locked), {
    name: 'TypeError', message: 'Response body object should not be disturbed or locked',
  });
  // Async iterables of bytes are bodies too.
  async function* gen() {
    yield new TextEncoder().encode('it');
    yield new TextEncoder().encode('er');
  }
  assert.strictEqual(await new Response(gen()).text(), 'iter');
  await assert.rejects(new Response(new ReadableStream({ start(c) { c.enqueue('text'); c.close(); } })).text(),
    { name: 'TypeError' });
});

test('FormData: entries, files, and multipart round trips', async () => {
  const fd = new FormData();
  fd.append('a', '1');
  fd.append('a', '2');
  fd.append('file', new Blob(['abc'], { type: 'text/plain' }), 'a.txt');
  fd.append('blob', new Blob(['x']));
  fd.set('b', 'only');
  assert.strictEqual(fd.get('a'), '1');
  assert.deepStrictEqual(fd.getAll('a'), ['1', '2']);
  assert.strictEqual(fd.has('b'), true);
  const f = fd.get('file');
  assert.ok(f instanceof File);
  assert.strictEqual(f.name, 'a.txt');
  assert.strictEqual(f.type, 'text/plain');
  assert.strictEqual(fd.get('blob').name, 'blob');
  assert.deepStrictEqual([...fd.keys()], ['a', 'a', 'file', 'blob', 'b']);
  fd.set('a', '3');
  assert.deepStrictEqual(fd.getAll('a'), ['3']);
  fd.delete('b');
  assert.strictEqual(fd.get('b'), null);
  assert.throws(() => new FormData({}), { name: 'TypeError' });
  assert.throws(() => fd.append('x', 'y', 'name.txt'), { name: 'TypeError' });

  const r = new Response(fd);
  const type = r.headers.get('content-type');
  assert.match(type, /^multipart\/form-data; boundary=-+[\w-]+$/);
  const back = await r.formData();
  assert.deepStrictEqual([...back.keys()], ['a', 'file', 'blob']);
  assert.strictEqual(back.get('a'), '3');
  assert.strictEqual(back.get('file').name, 'a.txt');
  assert.strictEqual(back.get('file').type, 'text/plain');
  assert.strictEqual(await back.get('file').text(), 'abc');

  const urlencoded = await new Response('a=1&b=%20x', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  }).formData();
  assert.deepStrictEqual([...urlencoded], [['a', '1'], ['b', ' x']]);
  await assert.rejects(new Response('x').formData(), {
    name: 'TypeError',
    message: 'Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".',
  });
});
