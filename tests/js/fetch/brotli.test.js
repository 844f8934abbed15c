'use strict';
// fetch decodes a Brotli-encoded body (Content-Encoding: br), as Node's does.
const test = require('node:test');
const assert = require('node:assert');
const http = require('http');
const zlib = require('zlib');

test('Content-Encoding: br is decoded', async () => {
  const body = 'brotli body '.repeat(1000);
  const server = http.createServer((req, res) => {
    res.setHeader('content-encoding', 'br');
    res.end(zlib.brotliCompressSync(body));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${server.address().port}/`);
    assert.strictEqual(await res.text(), body);
  } finally {
    server.close();
  }
});
