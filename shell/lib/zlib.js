'use strict';
// zlib: deflate/inflate, gzip/gunzip, raw and unzip over zlib1g, and Brotli
// over libbrotli, as Transform streams and one-shot functions. Streams and
// the *Sync functions work synchronously in C, one chunk at a time; the
// callback (and promisified) one-shots run on the libuv threadpool.

const { Transform } = require('internal/streams/duplex');
const { Buffer } = require('buffer');
const errors = require('internal/errors');
if (!Object.prototype.hasOwnProperty.call(errors.codes, 'ERR_ZLIB_INITIALIZATION_FAILED')) {
  errors.E('ERR_ZLIB_INITIALIZATION_FAILED', 'Initialization failed', Error);
}
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_BUFFER_TOO_LARGE, ERR_BROTLI_INVALID_PARAM,
    ERR_ZLIB_INITIALIZATION_FAILED,
  },
} = errors;
const { validateFunction, validateNumber, validateObject } = require('internal/validators');

const binding = internalBinding('zlib');
const info = new Int32Array(2);
binding.setup(info);
const FastBuffer = Buffer[Symbol.species];

// Node's numbers (zlib.h's and brotli's own values).
const constants = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
  Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
  ZLIB_VERNUM: binding.ZLIB_VERNUM,
  DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
  BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
  Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
  Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16 * 1024,
  Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
  Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
  BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2,
  BROTLI_OPERATION_EMIT_METADATA: 3,
  BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0,
  BROTLI_PARAM_QUALITY: 1, BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11,
  BROTLI_PARAM_LGWIN: 2, BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30,
  BROTLI_DEFAULT_WINDOW: 22,
  BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16, BROTLI_MAX_INPUT_BLOCK_BITS: 24,
  BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5, BROTLI_PARAM_LARGE_WINDOW: 6,
  BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8,
  BROTLI_DECODER_RESULT_ERROR: 0, BROTLI_DECODER_RESULT_SUCCESS: 1, BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2,
  BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3,
  BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0, BROTLI_DECODER_PARAM_LARGE_WINDOW: 1,
  BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1, BROTLI_DECODER_NEEDS_MORE_INPUT: 2,
  BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3,
  BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1, BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2,
  BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3, BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
  BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7, BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
  BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
  BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
  BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
  BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
  BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
  BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
  BROTLI_DECODER_ERROR_UNREACHABLE: -31,
};
Object.freeze(constants);

const codes = {
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
};
for (const key of Object.keys(codes)) codes[codes[key]] = key;
Object.freeze(codes);

const kTooLarge = -100; // the binding's "output passed maxOutputLength"
const kWholeMin = 64 * 1024; // the size from which deflateOnce pays
const kMaxLength = 2 ** 32;

// Node names a Brotli decoder error after its constant:
// BROTLI_DECODER_ERROR_FORMAT_PADDING_1 is code ERR__ERROR_FORMAT_PADDING_1.
function brotliCode(errno) {
  for (const key of Object.keys(constants)) {
    if (key.startsWith('BROTLI_DECODER_ERROR_') && constants[key] === errno) {
      return `ERR_${key.slice('BROTLI_DECODER'.length)}`;
    }
  }
  return undefined;
}

function zlibError(errno, message, code) {
  const err = new Error(message);
  err.errno = errno;
  err.code = (code !== undefined && errno < 0 && message === 'Decompression failed' ? brotliCode(errno) : code) ??
    code ?? codes[errno];
  return err;
}

function checkRange(value, name, lo, hi, def) {
  if (value === undefined || (typeof value === 'number' && Number.isNaN(value))) return def;
  validateNumber(value, name);
  if (value < lo || value > hi) {
    throw new ERR_OUT_OF_RANGE(name, hi === Infinity ? `>= ${lo}` : `>= ${lo} and <= ${hi}`, value);
  }
  return value;
}

const { DEFLATE, INFLATE, GZIP, GUNZIP, DEFLATERAW, INFLATERAW, UNZIP, BROTLI_DECODE, BROTLI_ENCODE } = constants;

function isDecompress(mode) {
  return mode === INFLATE || mode === GUNZIP || mode === INFLATERAW || mode === UNZIP || mode === BROTLI_DECODE;
}

function isBrotli(mode) {
  return mode === BROTLI_DECODE || mode === BROTLI_ENCODE;
}

// The stream's finishing flush: hitting it before the stream's end is a
// truncated input.
function isFinishing(mode, flush) {
  return isBrotli(mode) ? flush === constants.BROTLI_OPERATION_FINISH : flush === constants.Z_FINISH;
}

// Node checks keys against the encoder's range for both directions; a
// key the decoder lacks fails its initialization.
const kMaxBrotliParam = 8;

// Validates `opts` for `mode` (Node's checks and messages) and gives the
// binding's create() arguments plus the flush behaviour.
function parseOptions(opts, mode) {
  if (opts !== undefined && opts !== null) validateObject(opts, 'options');
  opts = opts || {};
  const brotli = isBrotli(mode);
  const chunkSize = checkRange(opts.chunkSize, 'options.chunkSize', constants.Z_MIN_CHUNK, Infinity,
    constants.Z_DEFAULT_CHUNK);
  const maxFlush = brotli ? constants.BROTLI_OPERATION_EMIT_METADATA : constants.Z_BLOCK;
  const flush = checkRange(opts.flush, 'options.flush', 0, maxFlush,
    brotli ? constants.BROTLI_OPERATION_PROCESS : constants.Z_NO_FLUSH);
  const finishFlush = checkRange(opts.finishFlush, 'options.finishFlush', 0, maxFlush,
    brotli ? constants.BROTLI_OPERATION_FINISH : constants.Z_FINISH);
  let maxOutputLength = kMaxLength;
  if (opts.maxOutputLength !== undefined) {
    maxOutputLength = checkRange(opts.maxOutputLength, 'options.maxOutputLength', 1, kMaxLength, kMaxLength);
  }
  let level = constants.Z_DEFAULT_COMPRESSION;
  let windowBits = constants.Z_DEFAULT_WINDOWBITS;
  let memLevel = constants.Z_DEFAULT_MEMLEVEL;
  let strategy = constants.Z_DEFAULT_STRATEGY;
  let dictionary = null;
  let params = null;
  if (brotli) {
    if (opts.params !== undefined) {
      validateObject(opts.params, 'options.params');
      const pairs = [];
      for (const key of Object.keys(opts.params)) {
        const id = Number(key);
        if (!Number.isInteger(id) || id < 0 || id > kMaxBrotliParam) throw new ERR_BROTLI_INVALID_PARAM(key);
        const value = opts.params[key];
        if (typeof value !== 'number' && typeof value !== 'boolean') {
          throw new ERR_INVALID_ARG_TYPE('options.params[key]', 'number', value);
        }
        pairs.push(id, Number(value) >>> 0);
      }
      params = new Uint32Array(pairs);
    }
  } else {
    if (isDecompress(mode) && mode !== INFLATERAW && opts.windowBits === 0) {
      windowBits = 0; // zlib takes the size from the header
    } else {
      windowBits = checkRange(opts.windowBits, 'options.windowBits',
        mode === GZIP ? 9 : constants.Z_MIN_WINDOWBITS, constants.Z_MAX_WINDOWBITS, constants.Z_DEFAULT_WINDOWBITS);
      // zlib takes 8 only for zlib-wrapped deflate and raw inflate; it means 9.
      if (windowBits === 8 && (mode === DEFLATERAW || mode === GUNZIP || mode === UNZIP)) windowBits = 9;
    }
    level = checkRange(opts.level, 'options.level', constants.Z_MIN_LEVEL, constants.Z_MAX_LEVEL,
      constants.Z_DEFAULT_COMPRESSION);
    memLevel = checkRange(opts.memLevel, 'options.memLevel', constants.Z_MIN_MEMLEVEL, constants.Z_MAX_MEMLEVEL,
      constants.Z_DEFAULT_MEMLEVEL);
    strategy = checkRange(opts.strategy, 'options.strategy', constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED,
      constants.Z_DEFAULT_STRATEGY);
    if (opts.dictionary !== undefined) {
      const d = opts.dictionary;
      if (!ArrayBuffer.isView(d) && !(d instanceof ArrayBuffer)) {
        throw new ERR_INVALID_ARG_TYPE('options.dictionary', ['Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], d);
      }
      dictionary = d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
    }
  }
  // A big whole buffer with zlib's default stream shape can go through
  // libdeflate (the binding's deflateOnce): same formats, faster. (Small
  // ones stay with zlib, whose output there is smaller and Node's.)
  const whole = (mode === DEFLATE || mode === GZIP || mode === DEFLATERAW) && level !== 0 &&
    windowBits === constants.Z_DEFAULT_WINDOWBITS && memLevel === constants.Z_DEFAULT_MEMLEVEL &&
    strategy === constants.Z_DEFAULT_STRATEGY && dictionary === null && finishFlush === constants.Z_FINISH;
  return {
    args: [mode, level, windowBits, memLevel, strategy, dictionary, params],
    chunkSize, flush, finishFlush, maxOutputLength, level, strategy, whole,
  };
}

function createHandle(parsed) {
  const errobj = {};
  const id = binding.create(...parsed.args, errobj);
  if (id < 0) throw new ERR_ZLIB_INITIALIZATION_FAILED();
  return id;
}

const kHandle = Symbol('kHandle');
const kMode = Symbol('kMode');
const kMaxOutput = Symbol('kMaxOutput');

// Runs one chunk through a native stream: the output Buffer, or throws.
function processChunk(id, mode, chunk, flush, maxOutputLength) {
  if (id === -1) throw zlibError(constants.Z_STREAM_ERROR, 'zlib binding closed');
  const errobj = {};
  const ab = binding.write(id, flush, chunk, errobj, maxOutputLength);
  if (ab === null) {
    if (info[0] === kTooLarge) throw new ERR_BUFFER_TOO_LARGE(maxOutputLength);
    throw zlibError(info[0], errobj.message || 'zlib error', errobj.code);
  }
  if (isDecompress(mode) && isFinishing(mode, flush) && info[1] === 0) {
    throw zlibError(constants.Z_BUF_ERROR, 'unexpected end of file');
  }
  return new FastBuffer(ab);
}

function ZlibBase(opts, mode) {
  const parsed = parseOptions(opts, mode);
  Transform.call(this, { ...opts, autoDestroy: true });
  this[kHandle] = createHandle(parsed);
  this[kMode] = mode;
  this[kMaxOutput] = kMaxLength;
  this._handle = { close: () => this.close() };
  this._level = parsed.level;
  this._strategy = parsed.strategy;
  this._chunkSize = parsed.chunkSize;
  this._defaultFlushFlag = parsed.flush;
  this._finishFlushFlag = parsed.finishFlush;
  this._defaultFullFlushFlag = isBrotli(mode) ? constants.BROTLI_OPERATION_FLUSH : constants.Z_FULL_FLUSH;
  this._maxOutputLength = parsed.maxOutputLength;
  this.bytesWritten = 0;
}
Object.setPrototypeOf(ZlibBase.prototype, Transform.prototype);
Object.setPrototypeOf(ZlibBase, Transform);

Object.defineProperty(ZlibBase.prototype, '_closed', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    return this[kHandle] === -1;
  },
});

function streamChunk(self, chunk, flush) {
  const out = processChunk(self[kHandle], self[kMode], chunk, flush, self[kMaxOutput]);
  if (chunk) self.bytesWritten += chunk.length;
  return out;
}

ZlibBase.prototype._transform = function _transform(chunk, encoding, cb) {
  if (typeof chunk === 'string') chunk = Buffer.from(chunk, encoding);
  let out;
  try {
    out = streamChunk(this, chunk, this._defaultFlushFlag);
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
    out = streamChunk(this, null, this._finishFlushFlag);
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
    kind = this._defaultFullFlushFlag;
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
      const out = streamChunk(this, null, kind);
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
  checkRange(strategy, 'strategy', constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED);
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
  cb(err);
};

// Node's legacy synchronous entry point, which some packages call.
ZlibBase.prototype._processChunk = function _processChunk(chunk, flushFlag, cb) {
  if (typeof cb === 'function') {
    this.write(chunk, cb);
    return undefined;
  }
  return streamChunk(this, chunk, flushFlag);
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

const Deflate = define('Deflate', DEFLATE);
const Inflate = define('Inflate', INFLATE);
const Gzip = define('Gzip', GZIP);
const Gunzip = define('Gunzip', GUNZIP);
const DeflateRaw = define('DeflateRaw', DEFLATERAW);
const InflateRaw = define('InflateRaw', INFLATERAW);
const Unzip = define('Unzip', UNZIP);
const BrotliCompress = define('BrotliCompress', BROTLI_ENCODE);
const BrotliDecompress = define('BrotliDecompress', BROTLI_DECODE);

function toBuffer(buffer) {
  if (typeof buffer === 'string') return Buffer.from(buffer);
  if (buffer instanceof ArrayBuffer) return new FastBuffer(buffer);
  if (ArrayBuffer.isView(buffer)) return new FastBuffer(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], buffer);
}

// zlib.gzipSync(buffer, opts) and friends: a native stream without the
// Transform around it.
function syncFn(mode) {
  return function zlibBufferSync(buffer, opts) {
    buffer = toBuffer(buffer);
    const parsed = parseOptions(opts, mode);
    if (parsed.whole && buffer.length >= kWholeMin) {
      const ab = binding.deflateOnce(mode, parsed.level, buffer, parsed.maxOutputLength);
      if (ab === null) throw new ERR_BUFFER_TOO_LARGE(parsed.maxOutputLength);
      return new FastBuffer(ab);
    }
    const id = createHandle(parsed);
    try {
      return processChunk(id, mode, buffer, parsed.finishFlush, parsed.maxOutputLength);
    } finally {
      binding.close(id);
    }
  };
}

// zlib.gzip(buffer, opts, callback) and friends: the whole job on the
// threadpool.
function asyncFn(mode) {
  return function zlibBuffer(buffer, opts, callback) {
    if (typeof opts === 'function') {
      callback = opts;
      opts = {};
    }
    validateFunction(callback, 'callback');
    buffer = toBuffer(buffer);
    const parsed = parseOptions(opts, mode);
    const r = binding.oneShot(...parsed.args, buffer, parsed.finishFlush, parsed.maxOutputLength,
      (code, ab, errobj, ended) => {
        if (code === kTooLarge) {
          callback(new ERR_BUFFER_TOO_LARGE(parsed.maxOutputLength));
        } else if (code !== constants.Z_OK) {
          if (errobj.message === 'Init error') callback(new ERR_ZLIB_INITIALIZATION_FAILED());
          else callback(zlibError(code, errobj.message || 'zlib error', errobj.code));
        } else if (isDecompress(mode) && isFinishing(mode, parsed.finishFlush) && !ended) {
          callback(zlibError(constants.Z_BUF_ERROR, 'unexpected end of file'));
        } else {
          callback(null, new FastBuffer(ab));
        }
      }, parsed.whole && buffer.length >= kWholeMin);
    if (r !== 0) process.nextTick(callback, new ERR_ZLIB_INITIALIZATION_FAILED());
  };
}

function crc32(data, value = 0) {
  if (typeof data === 'string') data = Buffer.from(data);
  else if (!ArrayBuffer.isView(data)) throw new ERR_INVALID_ARG_TYPE('data', ['Buffer', 'TypedArray', 'DataView', 'string'], data);
  if (value !== 0) {
    validateNumber(value, 'value');
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new ERR_OUT_OF_RANGE('value', '>= 0 and <= 4294967295', value);
    }
  }
  return binding.crc32(data, value);
}

const oneShots = [
  ['deflate', DEFLATE], ['gzip', GZIP], ['deflateRaw', DEFLATERAW], ['unzip', UNZIP], ['inflate', INFLATE],
  ['gunzip', GUNZIP], ['inflateRaw', INFLATERAW], ['brotliCompress', BROTLI_ENCODE],
  ['brotliDecompress', BROTLI_DECODE],
];

module.exports = {
  crc32,
  Deflate, Inflate, Gzip, Gunzip, DeflateRaw, InflateRaw, Unzip, BrotliCompress, BrotliDecompress,
};
for (const [name, mode] of oneShots) {
  module.exports[name] = asyncFn(mode);
  module.exports[`${name}Sync`] = syncFn(mode);
}
Object.assign(module.exports, {
  createDeflate: (o) => new Deflate(o),
  createInflate: (o) => new Inflate(o),
  createDeflateRaw: (o) => new DeflateRaw(o),
  createInflateRaw: (o) => new InflateRaw(o),
  createGzip: (o) => new Gzip(o),
  createGunzip: (o) => new Gunzip(o),
  createUnzip: (o) => new Unzip(o),
  createBrotliCompress: (o) => new BrotliCompress(o),
  createBrotliDecompress: (o) => new BrotliDecompress(o),
  constants,
  codes,
});
// Node still exposes the zlib constants on the module itself (deprecated).
for (const key of Object.keys(constants)) {
  if (key.startsWith('BROTLI')) continue;
  Object.defineProperty(module.exports, key, { enumerable: false, value: constants[key], writable: false });
}
