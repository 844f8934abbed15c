'use strict';
// fetch() over anode's http and https clients, as Node 20 behaves: keep-alive
// connections pooled per origin, redirects (follow up to 20, error,
// manual), request bodies from bytes or streams, response bodies as byte
// ReadableStreams with backpressure (gzip and deflate decoded), AbortSignal,
// and data: and blob: URLs. Failures are TypeError('fetch failed') with
// the reason as `cause`; an abort rejects with the signal's reason.

const { Buffer } = require('buffer');
const { Request, kState: kRequestState } = require('internal/fetch/request');
const { createResponse, nullBodyStatus, redirectStatus } = require('internal/fetch/response');
const { headersFromRaw, rawPairs, hasHeader, deleteHeader, Headers } = require('internal/fetch/headers');
const { kBody, kHeaders } = require('internal/fetch/body');
const { ReadableStream } = require('internal/webstreams/readablestream');
const { URL } = require('internal/url');

let http;
let https;
let zlib;
const agents = { __proto__: null };

// Pooled, keep-alive connections per protocol; idle ones do not keep the
// process alive (the agent unrefs them).
function agentFor(protocol) {
  if (agents[protocol] === undefined) {
    if (protocol === 'https:') {
      https ??= require('https');
      agents[protocol] = new https.Agent({ keepAlive: true, timeout: 4000, ALPNProtocols: ['http/1.1'] });
    } else {
      http ??= require('http');
      agents[protocol] = new http.Agent({ keepAlive: true, timeout: 4000 });
    }
  }
  return agents[protocol];
}

// The Fetch standard's "bad port" list.
const badPorts = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109,
  110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530,
  531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 5060,
  5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6697, 10080,
]);

const bodyHeaders = ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length'];

function networkError(cause) {
  return new TypeError('fetch failed', { cause });
}

function fetch(input, init = undefined) {
  return new Promise((resolve, reject) => {
    let request;
    try {
      request = new Request(input, init);
    } catch (err) {
      reject(err);
      return;
    }
    const signal = request.signal;
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const state = request[kRequestState];
    const ctx = {
      request,
      method: state.method,
      url: state.url,
      urlList: [state.url.href],
      headers: new Headers(request[kHeaders]),
      body: request[kBody],
      redirect: state.redirect,
      redirects: 0,
      resolve,
      reject,
      settled: false,
      req: null,
      res: null,
      controller: null,
      aborted: false,
      onAbort: null,
    };
    ctx.onAbort = () => abort(ctx, signal.reason);
    signal.addEventListener('abort', ctx.onAbort, { once: true });
    step(ctx);
  });
}

function finish(ctx) {
  if (ctx.onAbort !== null) {
    ctx.request.signal.removeEventListener('abort', ctx.onAbort);
    ctx.onAbort = null;
  }
}

function fail(ctx, err) {
  if (ctx.settled) return;
  ctx.settled = true;
  finish(ctx);
  ctx.reject(err);
}

function succeed(ctx, response) {
  if (ctx.settled) return;
  ctx.settled = true;
  ctx.resolve(response);
}

function abort(ctx, reason) {
  if (ctx.aborted) return;
  ctx.aborted = true;
  if (!ctx.settled) {
    fail(ctx, reason);
  } else if (ctx.controller !== null) {
    try {
      ctx.controller.error(reason);
    } catch {
      // The body already ended.
    }
  }
  finish(ctx);
  ctx.req?.destroy();
  ctx.res?.destroy();
}

function step(ctx) {
  const url = ctx.url;
  switch (url.protocol) {
    case 'data:':
      dataStep(ctx);
      return;
    case 'blob:':
      blobStep(ctx);
      return;
    case 'http:':
    case 'https:':
      httpStep(ctx);
      return;
    case 'about:':
      fail(ctx, networkError(new Error('about scheme is not supported')));
      return;
    case 'file:':
      fail(ctx, networkError(new Error('not implemented... yet...')));
      return;
    default:
      fail(ctx, networkError(new Error('unknown scheme')));
  }
}

// ---------------------------------------------------------------------------
// data: and blob:

function percentDecode(bytes) {
  const out = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
      out.push(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
      i += 2;
    } else {
      out.push(b);
    }
  }
  return Buffer.from(out);
}

function isHex(b) {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
}

function isAsciiWhitespace(c) {
  return c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
}

function trimAscii(s) {
  let a = 0;
  let b = s.length;
  while (a < b && isAsciiWhitespace(s[a])) a++;
  while (b > a && isAsciiWhitespace(s[b - 1])) b--;
  return s.slice(a, b);
}

const tokenRe = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

// MIME type parsing and serializing (MIME Sniffing standard), enough for
// data: URLs: null when it is not a MIME type.
function parseMime(input) {
  const s = trimAscii(input);
  const slash = s.indexOf('/');
  if (slash === -1) return null;
  const type = s.slice(0, slash);
  const semi = s.indexOf(';', slash);
  const subtype = trimAscii(semi === -1 ? s.slice(slash + 1) : s.slice(slash + 1, semi));
  if (!tokenRe.test(type) || !tokenRe.test(subtype)) return null;
  const params = new Map();
  if (semi !== -1) {
    for (const part of s.slice(semi + 1).split(';')) {
      const eq = part.indexOf('=');
      if (eq === -1) continue;
      const name = trimAscii(part.slice(0, eq)).toLowerCase();
      let value = part.slice(eq + 1);
      if (value.startsWith('"')) value = value.slice(1, value.indexOf('"', 1) === -1 ? undefined : value.indexOf('"', 1));
      else value = trimAscii(value);
      if (name && tokenRe.test(name) && !params.has(name)) params.set(name, value);
    }
  }
  let out = `${type.toLowerCase()}/${subtype.toLowerCase()}`;
  for (const [k, v] of params) out += `;${k}=${tokenRe.test(v) ? v : `"${v.replace(/(["\\])/g, '\\$1')}"`}`;
  return out;
}

// The Fetch standard's data: URL processor: { mimeType, body } or null.
function processDataURL(url) {
  const rest = url.href.slice(5);
  const comma = rest.indexOf(',');
  if (comma === -1) return null;
  let mime = trimAscii(rest.slice(0, comma));
  let body = percentDecode(Buffer.from(rest.slice(comma + 1), 'utf8'));
  const m = /;[\u0020]*base64$/i.exec(mime);
  if (m) {
    const text = body.toString('latin1').replace(/[\t\n\f\r ]/g, '');
    let core = text;
    if (core.length % 4 === 0) core = core.replace(/==?$/, '');
    if (core.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(core)) return null;
    body = Buffer.from(core, 'base64');
    mime = mime.slice(0, m.index);
  }
  if (mime.startsWith(';')) mime = `text/plain${mime}`;
  const parsed = parseMime(mime);
  return { mimeType: parsed ?? 'text/plain;charset=US-ASCII', body };
}

function bytesBody(bytes) {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return { source: copy, stream: null, length: copy.byteLength, used: false };
}

function dataStep(ctx) {
  const data = processDataURL(ctx.url);
  if (data === null) {
    fail(ctx, networkError(new Error('failed to fetch the data URL')));
    return;
  }
  const headers = headersFromRaw(['content-type', data.mimeType]);
  finish(ctx);
  succeed(ctx, createResponse({
    status: 200, statusText: 'OK', headers, body: bytesBody(data.body), urlList: ctx.urlList.slice(),
  }));
}

function blobStep(ctx) {
  const { resolveObjectURL, blobBytes } = require('internal/blob');
  const blob = resolveObjectURL(ctx.url.href);
  if (ctx.method !== 'GET' || blob === undefined) {
    fail(ctx, networkError(new TypeError('invalid method or blob URL')));
    return;
  }
  const headers = headersFromRaw(['content-length', `${blob.size}`, 'content-type', blob.type]);
  finish(ctx);
  succeed(ctx, createResponse({
    status: 200, statusText: 'OK', headers, body: bytesBody(blobBytes(blob)), urlList: ctx.urlList.slice(),
  }));
}

// ---------------------------------------------------------------------------
// http: and https:

function httpStep(ctx) {
  const url = ctx.url;
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (badPorts.has(port)) {
    fail(ctx, networkError(new Error('bad port')));
    return;
  }
  const mod = url.protocol === 'https:' ? (https ??= require('https')) : (http ??= require('http'));

  // As undici sends them: host and connection first, lower case.
  const headers = { host: url.host, connection: 'keep-alive' };
  for (const [name, value] of rawPairs(ctx.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'host' || lower === 'connection') {
      delete headers[lower];
    }
    if (headers[name] === undefined) headers[name] = value;
    else headers[name] = [].concat(headers[name], value);
  }
  const h = ctx.headers;
  if (!hasHeader(h, 'accept')) headers.accept = '*/*';
  if (!hasHeader(h, 'accept-language')) headers['accept-language'] = '*';
  if (!hasHeader(h, 'sec-fetch-mode')) headers['sec-fetch-mode'] = ctx.request[kRequestState].mode;
  if (!hasHeader(h, 'user-agent')) headers['user-agent'] = 'node';
  // Node 20 offers these two (it decodes br when a server sends it anyway).
  if (!hasHeader(h, 'accept-encoding')) headers['accept-encoding'] = 'gzip, deflate';
  const body = ctx.body;
  if (body !== null && body.length !== null) {
    headers['content-length'] = `${body.used ? 0 : body.length}`;
  } else if (body === null && (ctx.method === 'POST' || ctx.method === 'PUT')) {
    headers['content-length'] = '0';
  } else if (body !== null) {
    headers['transfer-encoding'] = 'chunked';
  }

  let hostname = url.hostname;
  if (hostname.startsWith('[')) hostname = hostname.slice(1, -1);
  let req;
  try {
    req = mod.request({
      protocol: url.protocol,
      hostname,
      port,
      path: `${url.pathname}${url.search}`,
      method: ctx.method,
      headers,
      agent: agentFor(url.protocol),
    });
  } catch (err) {
    fail(ctx, networkError(err));
    return;
  }
  ctx.req = req;
  req.on('response', (res) => onResponse(ctx, req, res));
  req.on('error', (err) => {
    if (ctx.req !== req) return;
    if (!ctx.settled) {
      fail(ctx, networkError(err));
    } else if (ctx.controller !== null && !ctx.aborted) {
      errorBody(ctx, err);
    }
  });
  sendBody(ctx, req, body);
}

function sendBody(ctx, req, body) {
  if (body === null) {
    req.end();
    return;
  }
  if (body.stream === null) {
    const bytes = body.used ? new Uint8Array(0) : body.source;
    req.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return;
  }
  // A stream: read it with backpressure from the socket.
  const reader = body.stream.getReader();
  (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (!(value instanceof Uint8Array)) throw new TypeError('Received non-Uint8Array chunk');
      if (ctx.req !== req || req.destroyed) return;
      if (!req.write(Buffer.from(value.buffer, value.byteOffset, value.byteLength))) {
        await new Promise((resolve) => {
          req.once('drain', resolve);
          req.once('close', resolve);
        });
      }
    }
    if (ctx.req === req && !req.destroyed) req.end();
  })().catch((err) => {
    reader.cancel(err).catch(() => {});
    if (ctx.req === req) {
      req.destroy();
      fail(ctx, networkError(err));
    }
  });
}

function onResponse(ctx, req, res) {
  if (ctx.req !== req || ctx.aborted) {
    res.resume();
    return;
  }
  const status = res.statusCode;
  const location = res.headers.location;
  if (redirectStatus.has(status) && location !== undefined && ctx.redirect !== 'manual') {
    res.resume();
    if (ctx.redirect === 'error') {
      fail(ctx, networkError(new Error('unexpected redirect')));
      return;
    }
    followRedirect(ctx, status, location);
    return;
  }
  ctx.res = res;
  const headers = headersFromRaw(res.rawHeaders);
  let body = null;
  if (ctx.method === 'HEAD' || nullBodyStatus.has(status) || status === 103) {
    res.resume();
    res.on('end', () => finish(ctx));
  } else {
    body = { source: null, stream: responseStream(ctx, res), length: null, used: false };
  }
  succeed(ctx, createResponse({
    status,
    statusText: res.statusMessage ?? '',
    headers,
    body,
    urlList: ctx.urlList.slice(),
  }));
}

function followRedirect(ctx, status, location) {
  let next;
  try {
    next = new URL(location, ctx.url);
  } catch (err) {
    fail(ctx, networkError(err));
    return;
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    fail(ctx, networkError(new Error('URL scheme must be a HTTP(S) scheme')));
    return;
  }
  if (++ctx.redirects > 20) {
    fail(ctx, networkError(new Error('redirect count exceeded')));
    return;
  }
  const body = ctx.body;
  if (status !== 303 && body !== null && body.source === null) {
    fail(ctx, networkError(new Error('Cannot follow a redirect with a streamed request body')));
    return;
  }
  if (((status === 301 || status === 302) && ctx.method === 'POST') ||
      (status === 303 && ctx.method !== 'GET' && ctx.method !== 'HEAD')) {
    ctx.method = 'GET';
    ctx.body = null;
    for (const name of bodyHeaders) deleteHeader(ctx.headers, name);
  }
  if (next.origin !== ctx.url.origin) {
    // Credentials belong to the origin that was asked.
    for (const name of ['authorization', 'proxy-authorization', 'cookie', 'host']) deleteHeader(ctx.headers, name);
  }
  ctx.url = next;
  ctx.urlList.push(next.href);
  step(ctx);
}

// The decoders for the response's Content-Encoding, outermost last; null
// when one of them is unknown (the body is then left encoded).
function decoders(res) {
  const value = res.headers['content-encoding'];
  if (!value) return [];
  const codings = value.toLowerCase().split(',').map((c) => c.trim()).filter(Boolean).reverse();
  const out = [];
  zlib ??= require('zlib');
  const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  for (const coding of codings) {
    if (coding === 'gzip' || coding === 'x-gzip') out.push(() => zlib.createGunzip(lenient));
    else if (coding === 'deflate') out.push('deflate');
    else if (coding === 'br') out.push(() => zlib.createBrotliDecompress(
      { flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }));
    else if (coding === 'identity') continue;
    else return null;
  }
  return out;
}

// Deflate is zlib-wrapped by the standard and raw from some servers: the
// first byte tells.
function inflater() {
  const { PassThrough } = require('stream');
  const out = new PassThrough();
  let chosen = null;
  const input = new PassThrough();
  input.once('data', (first) => {
    const lenient = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
    chosen = (first[0] & 0x0f) === 0x08 ? zlib.createInflate(lenient) : zlib.createInflateRaw(lenient);
    chosen.on('error', (err) => out.destroy(err));
    chosen.pipe(out);
    chosen.write(first);
    input.pipe(chosen);
  });
  input.on('end', () => {
    if (chosen === null) out.end();
  });
  return { input, output: out };
}

function responseStream(ctx, res) {
  let source = res;
  const chain = decoders(res);
  if (chain !== null && chain.length > 0) {
    for (const make of chain) {
      if (make === 'deflate') {
        const { input, output } = inflater();
        source.pipe(input);
        source.on('error', (err) => output.destroy(err));
        source = output;
      } else {
        const d = make();
        source.on('error', (err) => d.destroy(err));
        source.pipe(d);
        source = d;
      }
    }
  }
  let ended = false;
  return new ReadableStream({
    type: 'bytes',
    start(controller) {
      ctx.controller = controller;
      source.on('data', (chunk) => {
        if (ended) return;
        // Byte streams take the chunk's buffer: hand over one we own.
        const own = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength
          ? chunk : new Uint8Array(chunk);
        controller.enqueue(new Uint8Array(own.buffer, own.byteOffset, own.byteLength));
        if (controller.desiredSize <= 0) source.pause();
      });
      source.on('end', () => {
        if (ended) return;
        ended = true;
        ctx.controller = null;
        finish(ctx);
        controller.close();
        controller.byobRequest?.respond(0);
      });
      source.on('error', (err) => errorBody(ctx, err));
      res.on('aborted', () => errorBody(ctx, new Error('other side closed')));
      res.on('close', () => {
        if (!res.complete) errorBody(ctx, new Error('other side closed'));
      });
      source.pause();
    },
    pull() {
      source.resume();
    },
    cancel() {
      ended = true;
      finish(ctx);
      res.destroy();
    },
  }, { highWaterMark: 65536 });
}

function errorBody(ctx, cause) {
  const controller = ctx.controller;
  if (controller === null || ctx.aborted) return;
  ctx.controller = null;
  finish(ctx);
  try {
    controller.error(new TypeError('terminated', { cause }));
  } catch {
    // Already closed or errored.
  }
}

module.exports = { fetch, processDataURL };
