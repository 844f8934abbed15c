'use strict';
// Blob and File (WHATWG File API, as Node 20 has them): immutable bytes kept
// in one Uint8Array, read back as text, an ArrayBuffer, bytes or a byte
// ReadableStream.

const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_THIS,
    ERR_MISSING_ARGS,
  },
} = require('internal/errors');
const { validateDictionary } = require('internal/validators');

const kBytes = Symbol('kBytes');
const kType = Symbol('kType');

function isBlob(value) {
  return value !== null && typeof value === 'object' && value[kBytes] !== undefined;
}

function sourceBytes(source, endings) {
  if (isBlob(source)) return source[kBytes];
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  const tag = Object.prototype.toString.call(source);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') return new Uint8Array(source);
  let str = `${source}`;
  if (endings === 'native') str = str.replace(/\r?\n/g, '\n');
  return new (require('internal/encoding').TextEncoder)().encode(str);
}

function normalizeType(type) {
  type = `${type}`;
  return /[^\u0020-\u007E]/.test(type) ? '' : type.toLowerCase();
}

class Blob {
  constructor(sources = [], options) {
    if (sources === null || typeof sources[Symbol.iterator] !== 'function' || typeof sources === 'string') {
      throw new ERR_INVALID_ARG_TYPE('sources', 'a sequence', sources);
    }
    validateDictionary(options, 'options');
    const { endings = 'transparent', type = '' } = options ?? {};
    const end = `${endings}`;
    if (end !== 'transparent' && end !== 'native') throw new ERR_INVALID_ARG_VALUE('options.endings', endings);

    const parts = [];
    let length = 0;
    for (const source of sources) {
      const bytes = sourceBytes(source, end);
      parts.push(bytes);
      length += bytes.length;
    }
    const all = new Uint8Array(length);
    let at = 0;
    for (const part of parts) {
      all.set(part, at);
      at += part.length;
    }
    this[kBytes] = all;
    this[kType] = normalizeType(type);
  }

  get type() {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    return this[kType];
  }

  get size() {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    return this[kBytes].length;
  }

  slice(start = 0, end = this[kBytes].length, contentType = '') {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    const size = this[kBytes].length;
    const clamp = (v) => {
      v = Math.trunc(Number(v)) || 0;
      return v < 0 ? Math.max(size + v, 0) : Math.min(v, size);
    };
    const from = clamp(start);
    const to = Math.max(clamp(end), from);
    const blob = new Blob([], { type: contentType });
    blob[kBytes] = this[kBytes].subarray(from, to);
    return blob;
  }

  arrayBuffer() {
    if (!isBlob(this)) return Promise.reject(new ERR_INVALID_THIS('Blob'));
    const bytes = this[kBytes];
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }

  bytes() {
    if (!isBlob(this)) return Promise.reject(new ERR_INVALID_THIS('Blob'));
    return Promise.resolve(new Uint8Array(this[kBytes]));
  }

  text() {
    if (!isBlob(this)) return Promise.reject(new ERR_INVALID_THIS('Blob'));
    return Promise.resolve(new (require('internal/encoding').TextDecoder)().decode(this[kBytes]));
  }

  stream() {
    if (!isBlob(this)) throw new ERR_INVALID_THIS('Blob');
    const bytes = this[kBytes];
    let offset = 0;
    const { ReadableStream } = require('internal/webstreams/readablestream');
    // Hands out a copy of the rest, or fills the reader's own buffer when it
    // brings one.
    return new ReadableStream({
      type: 'bytes',
      pull(controller) {
        const left = bytes.length - offset;
        if (left === 0) {
          controller.close();
          controller.byobRequest?.respond(0);
          return;
        }
        const request = controller.byobRequest;
        if (request !== null) {
          const view = request.view;
          const n = Math.min(left, view.byteLength);
          new Uint8Array(view.buffer, view.byteOffset, n).set(bytes.subarray(offset, offset + n));
          offset += n;
          request.respond(n);
        } else {
          controller.enqueue(bytes.slice(offset));
          offset = bytes.length;
        }
      },
    });
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `Blob ${inspect({ size: this.size, type: this.type }, opts)}`;
  }
}

Object.defineProperties(Blob.prototype, {
  size: { enumerable: true },
  type: { enumerable: true },
  slice: { enumerable: true },
  text: { enumerable: true },
  arrayBuffer: { enumerable: true },
  bytes: { enumerable: true },
  stream: { enumerable: true },
  [Symbol.toStringTag]: { configurable: true, value: 'Blob' },
});

const kName = Symbol('kName');
const kLastModified = Symbol('kLastModified');

class File extends Blob {
  constructor(fileBits, fileName, options = {}) {
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('fileBits', 'fileName');
    super(fileBits, options);
    const { lastModified } = options ?? {};
    let modified = Date.now();
    if (lastModified !== undefined) {
      modified = +lastModified;
      if (Number.isNaN(modified)) modified = 0;
    }
    this[kName] = `${fileName}`;
    this[kLastModified] = modified;
  }

  get name() {
    if (this === null || typeof this !== 'object' || !(kName in this)) throw new ERR_INVALID_THIS('File');
    return this[kName];
  }

  get lastModified() {
    if (this === null || typeof this !== 'object' || !(kName in this)) throw new ERR_INVALID_THIS('File');
    return this[kLastModified];
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `File ${inspect({ size: this.size, type: this.type, name: this.name, lastModified: this.lastModified },
                          opts)}`;
  }
}

Object.defineProperties(File.prototype, {
  name: { enumerable: true },
  lastModified: { enumerable: true },
  [Symbol.toStringTag]: { configurable: true, value: 'File' },
});

// blob:nodedata:<id> URLs. URL.createObjectURL/revokeObjectURL register and
// drop blobs here; buffer.resolveObjectURL looks them up.
const objectURLs = new Map();

function randomId() {
  const hex = [];
  for (let i = 0; i < 32; i++) hex.push(Math.floor(Math.random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = (8 + Math.floor(Math.random() * 4)).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function createObjectURL(obj) {
  if (!isBlob(obj)) throw new ERR_INVALID_ARG_TYPE('obj', 'Blob', obj);
  const id = randomId();
  objectURLs.set(id, obj);
  return `blob:nodedata:${id}`;
}

function objectURLId(url) {
  url = `${url}`;
  if (!url.startsWith('blob:')) return undefined;
  const path = url.slice(5).split(/[?#]/)[0];
  const split = path.split(':');
  if (split.length !== 2 || split[0] !== 'nodedata') return undefined;
  return split[1];
}

function revokeObjectURL(url) {
  const id = objectURLId(url);
  if (id !== undefined) objectURLs.delete(id);
}

function resolveObjectURL(url) {
  const id = objectURLId(url);
  const blob = id === undefined ? undefined : objectURLs.get(id);
  if (blob === undefined) return undefined;
  const copy = new Blob([], { type: blob.type });
  copy[kBytes] = blob[kBytes];
  return copy;
}

// A Blob's bytes, not copied: fetch bodies and FormData encode them at once.
function blobBytes(blob) {
  return blob[kBytes];
}

module.exports = { Blob, File, isBlob, blobBytes, createObjectURL, revokeObjectURL, resolveObjectURL };
