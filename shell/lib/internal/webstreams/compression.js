'use strict';
// CompressionStream and DecompressionStream ('gzip', 'deflate',
// 'deflate-raw'): a zlib stream seen through a WritableStream/ReadableStream
// pair. Output chunks are plain Uint8Arrays, as in Node.

const {
  codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS },
} = require('internal/errors');

const kPair = Symbol('kPair');
const kFormats = ['deflate', 'deflate-raw', 'gzip'];

function makePair(format, compress) {
  if (!kFormats.includes(format)) throw new ERR_INVALID_ARG_VALUE('format', format);
  const zlib = require('zlib');
  let z;
  if (format === 'gzip') z = compress ? zlib.createGzip() : zlib.createGunzip();
  else if (format === 'deflate') z = compress ? zlib.createDeflate() : zlib.createInflate();
  else z = compress ? zlib.createDeflateRaw() : zlib.createInflateRaw();
  const push = z.push;
  z.push = function pushUint8Array(chunk, encoding) {
    if (chunk !== null && chunk !== undefined) chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    return Reflect.apply(push, this, [chunk, encoding]);
  };
  const { newReadableWritablePairFromDuplex } = require('internal/streams/webadapters');
  const pair = newReadableWritablePairFromDuplex(z);
  // Only BufferSource chunks are data to (de)compress.
  const { WritableStream } = require('internal/webstreams/writablestream');
  const inner = pair.writable.getWriter();
  const writable = new WritableStream({
    write(chunk) {
      if (!ArrayBuffer.isView(chunk) && !(chunk instanceof ArrayBuffer)) {
        const err = new ERR_INVALID_ARG_TYPE('chunk', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], chunk);
        z.destroy(err);
        throw err;
      }
      const view = chunk instanceof ArrayBuffer ? new Uint8Array(chunk) :
        new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      return inner.write(view);
    },
    close() {
      return inner.close();
    },
    abort(reason) {
      return inner.abort(reason);
    },
  });
  return { readable: pair.readable, writable };
}

function pairOf(self, name) {
  if (self === null || typeof self !== 'object' || self[kPair] === undefined) throw new ERR_INVALID_THIS(name);
  return self[kPair];
}

class CompressionStream {
  constructor(format) {
    this[kPair] = makePair(format, true);
  }

  get readable() {
    return pairOf(this, 'CompressionStream').readable;
  }

  get writable() {
    return pairOf(this, 'CompressionStream').writable;
  }
}

class DecompressionStream {
  constructor(format) {
    this[kPair] = makePair(format, false);
  }

  get readable() {
    return pairOf(this, 'DecompressionStream').readable;
  }

  get writable() {
    return pairOf(this, 'DecompressionStream').writable;
  }
}

for (const C of [CompressionStream, DecompressionStream]) {
  Object.defineProperty(C.prototype, Symbol.toStringTag, { __proto__: null, configurable: true, value: C.name });
  Object.defineProperty(C.prototype, 'readable', { enumerable: true });
  Object.defineProperty(C.prototype, 'writable', { enumerable: true });
}

module.exports = { CompressionStream, DecompressionStream };
