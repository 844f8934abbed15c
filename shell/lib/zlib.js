'use strict';
// zlib: deflate/inflate, gzip/gunzip, raw and unzip over zlib1g, as
// Transform streams and one-shot functions (sync, callback, promisified).
// The C side works synchronously on each chunk. Brotli is not here yet.

const { Transform } = require('internal/streams/duplex');
const { Buffer } = require('buffer');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_BUFFER_TOO_LARGE },
} = require('internal/errors');
const { validateFunction, validateNumber } = require('internal/validators');

const binding = internalBinding('zlib');
const info = new Int32Array(2);
binding.setup(info);
const FastBuffer = Buffer[Symbol.species];

const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
  Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4784,
  DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
  BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
  Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16 * 1024,
  Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
  Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
};
Object.freeze(constants);

const codes = {
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
};
for (const key of Object.keys(codes)) codes[codes[key]] = key;
Object.freeze(codes);

function zlibError(code, message) {
  const err = new Error(message);
  err.errno = code;
  err.code = codes[code];
  return err;
}

function checkRange(value, name, lo, hi, def) {
  if (value === undefined || (typeof value === 'number' && Number.isNaN(value))) return def;
  validateNumber(value, name);
  if (value < lo || value > hi) throw new ERR_OUT_OF_RANGE(name, `>= ${lo} and <= ${hi}`, value);
  return value;
}

const kHandle = Symbol('kHandle');
const kMode = Symbol('kMode');

function ZlibBase(opts, mode) {
  opts = opts || {};
  const chunkSize = checkRange(opts.chunkSize, 'options.chunkSize', constants.Z_MIN_CHUNK, Infinity,
    constants.Z_DEFAULT_CHUNK);
  const flush = checkRange(opts.flush, 'options.flush', 0, 5, constants.Z_NO_FLUSH);
  const finishFlush = checkRange(opts.finishFlush, 'options.finishFlush', 0, 5, constants.Z_FINISH);
  let windowBits = checkRange(opts.windowBits, 'options.windowBits', constants.Z_MIN_WINDOWBITS,
    constants.Z_MAX_WINDOWBITS, constants.Z_DEFAULT_WINDOWBITS);
  if ((mode === constants.INFLATE || mode === constants.GUNZIP || mode === constants.UNZIP) &&
      opts.windowBits === 0) {
    windowBits = 0;
  }
  const level = checkRange(opts.level, 'options.level', constants.Z_MIN_LEVEL, constants.Z_MAX_LEVEL,
    constants.Z_DEFAULT_COMPRESSION);
  const memLevel = checkRange(opts.memLevel, 'options.memLevel', constants.Z_MIN_MEMLEVEL,
    constants.Z_MAX_MEMLEVEL, constants.Z_DEFAULT_MEMLEVEL);
  const strategy = checkRange(opts.strategy, 'options.strategy', 0, 4, constants.Z_DEFAULT_STRATEGY);
  if (opts.maxOutputLength !== undefined) {
    checkRange(opts.maxOutputLength, 'options.maxOutputLength', 1, 2 ** 32, 2 ** 32);
  }
  Transform.call(this, { ...opts, autoDestroy: true });
  const errobj = {};
  const id = binding.create(mode, level, windowBits, memLevel, strategy, errobj);
  if (id < 0) {
    const err = new Error('Initialization failed');
    err.code = 'ERR_ZLIB_INITIALIZATION_FAILED';
    throw err;
  }
  this[kHandle] = id;
  this[kMode] = mode;
  this._handle = { close: () => this.close() };
  this._level = level;
  this._strategy = strategy;
  this._chunkSize = chunkSize;
  this._defaultFlushFlag = flush;
  this._finishFlushFlag = finishFlush;
  this._defaultFullFlushFlag = constants.Z_FULL_FLUSH;
  this._maxOutputLength = opts.maxOutputLength ?? 2 ** 32;
  this.bytesWritten = 0;
  this._closed = false;
}
Object.setPrototypeOf(ZlibBase.prototype, Transform.prototype);
Object.setPrototypeOf(ZlibBase, Transform);

Object.defineProperty(ZlibBase.prototype, '_closed', {
  __proto__: null, configurable: true, enumerable: true, writable: true, value: false,
});

function isInflate(mode) {
  return mode === constants.INFLATE || mode === constants.GUNZIP || mode === constants.INFLATERAW ||
    mode === constants.UNZIP;
}

// Runs one chunk through the C stream: the output Buffer, or throws.
function processChunk(self, chunk, flush) {
  if (self[kHandle] === -1) throw zlibError(constants.Z_STREAM_ERROR, 'zlib binding closed');
  const errobj = {};
  const ab = binding.write(self[kHandle], flush, chunk, errobj);
  if (ab === null) {
    throw zlibError(info[0], errobj.message || 'zlib error');
  }
  if (chunk) self.bytesWritten += chunk.length;
  if (flush === constants.Z_FINISH && isInflate(self[kMode]) && info[1] === 0) {
    throw zlibError(constants.Z_BUF_ERROR, 'unexpected end of file');
  }
  return new FastBuffer(ab);
}

ZlibBase.prototype._transform = function _transform(chunk, encoding, cb) {
  if (typeof chunk === 'string') chunk = Buffer.from(chunk, encoding);
  let out;
  try {
    out = processChunk(this, chunk, this._defaultFlushFlag);
  } catch (err) {
    cb(err);
    return;
  }
  if (out.length) this.push(out);
  cb();
};

ZlibBase.prototype._flush = function _flush(cb) {
  let out;
  try {
    out = processChunk(this, null, this._finishFlushFlag);
  } catch (err) {
    cb(err);
    return;
  }
  if (out.length) this.push(out);
  cb();
};

ZlibBase.prototype._final = function _final(cb) {
  cb();
};

ZlibBase.prototype.flush = function flush(kind, callback) {
  if (typeof kind === 'function' || (kind === undefined && !callback)) {
    callback = kind;
    kind = constants.Z_FULL_FLUSH;
  }
  if (this.writableFinished) {
    if (callback) process.nextTick(callback);
    return;
  }
  if (this.writableEnded) {
    if (callback) this.once('end', callback);
    return;
  }
  // Whatever is queued goes through first, then the flush.
  this.write(Buffer.alloc(0), () => {
    try {
      const out = processChunk(this, null, kind);
      if (out.length) this.push(out);
    } catch (err) {
      this.destroy(err);
      return;
    }
    if (callback) callback();
  });
};

ZlibBase.prototype.params = function params(level, strategy, callback) {
  checkRange(level, 'level', constants.Z_MIN_LEVEL, constants.Z_MAX_LEVEL);
  checkRange(strategy, 'strategy', 0, 4);
  if (this._level !== level || this._strategy !== strategy) {
    this.flush(constants.Z_SYNC_FLUSH, () => {
      binding.params(this[kHandle], level, strategy);
      this._level = level;
      this._strategy = strategy;
      if (callback) callback();
    });
  } else if (callback) {
    process.nextTick(callback);
  }
};

ZlibBase.prototype.reset = function reset() {
  return binding.reset(this[kHandle]);
};

ZlibBase.prototype.close = function close(callback) {
  if (callback) require('internal/streams/pipeline').finished(this, callback);
  this.destroy();
};

ZlibBase.prototype._destroy = function _destroy(err, cb) {
  if (this[kHandle] !== -1) {
    binding.close(this[kHandle]);
    this[kHandle] = -1;
  }
  this._closed = true;
  cb(err);
};

function define(name, mode) {
  function Z(opts) {
    if (!(this instanceof Z)) return new Z(opts);
    ZlibBase.call(this, opts, mode);
  }
  Object.defineProperty(Z, 'name', { value: name });
  Object.setPrototypeOf(Z.prototype, ZlibBase.prototype);
  Object.setPrototypeOf(Z, ZlibBase);
  return Z;
}

const Deflate = define('Deflate', constants.DEFLATE);
const Inflate = define('Inflate', constants.INFLATE);
const Gzip = define('Gzip', constants.GZIP);
const Gunzip = define('Gunzip', constants.GUNZIP);
const DeflateRaw = define('DeflateRaw', constants.DEFLATERAW);
const InflateRaw = define('InflateRaw', constants.INFLATERAW);
const Unzip = define('Unzip', constants.UNZIP);

function toBuffer(buffer) {
  if (typeof buffer === 'string') return Buffer.from(buffer);
  if (buffer instanceof ArrayBuffer) return Buffer.from(buffer);
  if (ArrayBuffer.isView(buffer)) return new FastBuffer(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], buffer);
}

function syncFn(Ctor) {
  return function zlibSync(buffer, opts) {
    buffer = toBuffer(buffer);
    const z = new Ctor(opts);
    try {
      const out = processChunk(z, buffer, z._finishFlushFlag);
      if (out.length > z._maxOutputLength) throw new ERR_BUFFER_TOO_LARGE(z._maxOutputLength);
      return out;
    } finally {
      z.destroy();
    }
  };
}

function asyncFn(sync) {
  return function zlibAsync(buffer, opts, callback) {
    if (typeof opts === 'function') {
      callback = opts;
      opts = {};
    }
    validateFunction(callback, 'callback');
    let result;
    try {
      result = sync(buffer, opts);
    } catch (err) {
      process.nextTick(callback, err);
      return;
    }
    process.nextTick(callback, null, result);
  };
}

const deflateSync = syncFn(Deflate);
const inflateSync = syncFn(Inflate);
const gzipSync = syncFn(Gzip);
const gunzipSync = syncFn(Gunzip);
const deflateRawSync = syncFn(DeflateRaw);
const inflateRawSync = syncFn(InflateRaw);
const unzipSync = syncFn(Unzip);

function crc32(data, value = 0) {
  if (typeof data === 'string') data = Buffer.from(data);
  else if (!ArrayBuffer.isView(data)) throw new ERR_INVALID_ARG_TYPE('data', ['Buffer', 'TypedArray', 'DataView', 'string'], data);
  validateNumber(value, 'value');
  return binding.crc32(data, value >>> 0);
}

module.exports = {
  Deflate, Inflate, Gzip, Gunzip, DeflateRaw, InflateRaw, Unzip,
  createDeflate: (o) => new Deflate(o),
  createInflate: (o) => new Inflate(o),
  createGzip: (o) => new Gzip(o),
  createGunzip: (o) => new Gunzip(o),
  createDeflateRaw: (o) => new DeflateRaw(o),
  createInflateRaw: (o) => new InflateRaw(o),
  createUnzip: (o) => new Unzip(o),
  deflate: asyncFn(deflateSync),
  deflateSync,
  inflate: asyncFn(inflateSync),
  inflateSync,
  gzip: asyncFn(gzipSync),
  gzipSync,
  gunzip: asyncFn(gunzipSync),
  gunzipSync,
  deflateRaw: asyncFn(deflateRawSync),
  deflateRawSync,
  inflateRaw: asyncFn(inflateRawSync),
  inflateRawSync,
  unzip: asyncFn(unzipSync),
  unzipSync,
  crc32,
  constants,
  codes,
};
// Node still exposes the constants on the module itself (deprecated).
for (const key of Object.keys(constants)) {
  if (key.startsWith('BROTLI')) continue;
  Object.defineProperty(module.exports, key, { enumerable: false, value: constants[key], writable: false });
}
