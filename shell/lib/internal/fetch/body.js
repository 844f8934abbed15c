'use strict';
// Bodies of Request and Response (WHATWG Fetch): what a body can be made
// from, and the body mixin (body, bodyUsed, text, json, arrayBuffer, blob,
// formData). A body made from bytes keeps them and makes a ReadableStream
// only when someone asks for `body`; a streamed body is a ReadableStream.

const { Blob, isBlob, blobBytes } = require('internal/blob');
const { ReadableStream } = require('internal/webstreams/readablestream');
const { slotsOf } = require('internal/webstreams/util');
const { FormData, isFormData, encodeMultipart, parseMultipart } = require('internal/fetch/formdata');
const { URLSearchParams } = require('internal/url');

const kBody = Symbol('body');
const kHeaders = Symbol('headers');

const empty = new Uint8Array(0);
let encoder;
let decoder;

function utf8(s) {
  encoder ??= new (require('internal/encoding').TextEncoder)();
  return encoder.encode(s);
}

function decodeUtf8(bytes) {
  decoder ??= new (require('internal/encoding').TextDecoder)();
  return decoder.decode(bytes);
}

function streamSlots(stream) {
  return slotsOf(stream, 'ReadableStream');
}

function isReadableStream(value) {
  return streamSlots(value) !== undefined;
}

function isAsyncIterable(value) {
  return value !== null && typeof value === 'object' && typeof value[Symbol.asyncIterator] === 'function';
}

function copyBytes(view) {
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

// The spec's "extract a body": { body: { source, stream, length, used },
// type } from any BodyInit.
function extractBody(object) {
  let source = null;
  let stream = null;
  let type = null;
  if (typeof object === 'string') {
    source = utf8(object);
    type = 'text/plain;charset=UTF-8';
  } else if (object instanceof URLSearchParams) {
    source = utf8(object.toString());
    type = 'application/x-www-form-urlencoded;charset=UTF-8';
  } else if (isBlob(object)) {
    source = blobBytes(object);
    if (object.type) type = object.type;
  } else if (ArrayBuffer.isView(object)) {
    source = copyBytes(object);
  } else if (object instanceof ArrayBuffer ||
             Object.prototype.toString.call(object) === '[object ArrayBuffer]' ||
             Object.prototype.toString.call(object) === '[object SharedArrayBuffer]') {
    source = new Uint8Array(object.slice(0));
  } else if (isFormData(object)) {
    const encoded = encodeMultipart(object);
    source = encoded.bytes;
    type = `multipart/form-data; boundary=${encoded.boundary}`;
  } else if (isReadableStream(object)) {
    const s = streamSlots(object);
    if (s.disturbed || s.reader !== undefined) {
      throw new TypeError('Response body object should not be disturbed or locked');
    }
    stream = object;
  } else if (isAsyncIterable(object)) {
    stream = iterableStream(object);
  } else {
    source = utf8(`${object}`);
    type = 'text/plain;charset=UTF-8';
  }
  return {
    body: { source, stream, length: source !== null ? source.byteLength : null, used: false },
    type,
  };
}

// A byte stream over an async iterable of byte chunks.
function iterableStream(iterable) {
  let iterator;
  return new ReadableStream({
    type: 'bytes',
    start() {
      iterator = iterable[Symbol.asyncIterator]();
    },
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) {
        queueMicrotask(() => {
          controller.close();
          controller.byobRequest?.respond(0);
        });
        return;
      }
      const chunk = typeof value === 'string' ? utf8(value) : value;
      if (!ArrayBuffer.isView(chunk)) throw new TypeError('Received non-Uint8Array chunk');
      if (chunk.byteLength > 0) controller.enqueue(copyBytes(chunk));
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}

// A byte stream that hands out `bytes` once.
function bytesStream(bytes) {
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      if (bytes.byteLength > 0) controller.enqueue(copyBytes(bytes));
      controller.close();
      controller.byobRequest?.respond(0);
    },
  });
}

// The holder's body as a stream, made on demand (null for no body).
function bodyStream(holder) {
  const body = holder[kBody];
  if (body === null) return null;
  if (body.stream === null) body.stream = bytesStream(body.used ? empty : body.source);
  return body.stream;
}

function bodyUsed(holder) {
  const body = holder[kBody];
  if (body === null) return false;
  if (body.stream === null) return body.used;
  return streamSlots(body.stream).disturbed;
}

function bodyUnusable(holder) {
  const body = holder[kBody];
  if (body === null) return false;
  if (body.stream === null) return body.used;
  const s = streamSlots(body.stream);
  return s.disturbed || s.reader !== undefined;
}

async function readAll(stream) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) {
      reader.releaseLock();
      throw new TypeError('Received non-Uint8Array chunk');
    }
    chunks.push(value);
    total += value.byteLength;
  }
  if (chunks.length === 1) return chunks[0];
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}

// All the body's bytes (the spec's "fully read"); marks it used.
async function consumeBytes(holder) {
  if (bodyUnusable(holder)) throw new TypeError('Body is unusable: Body has already been read');
  const body = holder[kBody];
  if (body === null) return empty;
  if (body.stream === null) {
    body.used = true;
    return body.source;
  }
  return readAll(body.stream);
}

function mimeEssence(contentType) {
  if (contentType === null) return '';
  return contentType.split(';')[0].trim().toLowerCase();
}

// The body mixin's methods, installed on Request and Response.
const mixin = {
  get body() {
    return bodyStream(this);
  },

  get bodyUsed() {
    return bodyUsed(this);
  },

  async arrayBuffer() {
    const bytes = await consumeBytes(this);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  },

  async blob() {
    const bytes = await consumeBytes(this);
    const type = this[kHeaders].get('content-type') ?? '';
    return new Blob([bytes], { type });
  },

  async formData() {
    const contentType = this[kHeaders].get('content-type');
    const essence = mimeEssence(contentType);
    if (essence === 'multipart/form-data') {
      const bytes = await consumeBytes(this);
      return parseMultipart(bytes, contentType);
    }
    if (essence === 'application/x-www-form-urlencoded') {
      const text = decodeUtf8(await consumeBytes(this));
      const fd = new FormData();
      for (const [k, v] of new URLSearchParams(text)) fd.append(k, v);
      return fd;
    }
    // The body is used up even so (as the spec's "consume body" does).
    await consumeBytes(this);
    throw new TypeError('Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".');
  },

  async json() {
    return JSON.parse(decodeUtf8(await consumeBytes(this)));
  },

  async text() {
    return decodeUtf8(await consumeBytes(this));
  },
};

function installBodyMixin(cls) {
  for (const name of Object.getOwnPropertyNames(mixin)) {
    const desc = Object.getOwnPropertyDescriptor(mixin, name);
    desc.enumerable = true;
    Object.defineProperty(cls.prototype, name, desc);
  }
}

// The spec's "clone a body": a streamed body tees, one half each.
function cloneBody(body) {
  if (body === null) return null;
  if (body.stream === null) return { ...body };
  const [a, b] = body.stream.tee();
  body.stream = a;
  return { source: body.source, stream: b, length: body.length, used: false };
}

module.exports = {
  kBody,
  kHeaders,
  extractBody,
  bodyStream,
  bodyUsed,
  bodyUnusable,
  consumeBytes,
  installBodyMixin,
  cloneBody,
  isReadableStream,
  streamSlots,
  readAll,
  utf8,
};
