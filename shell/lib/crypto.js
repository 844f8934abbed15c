'use strict';
// crypto, the part http libraries need: hashes and HMACs (md5, sha1,
// sha256, sha384, sha512, from GLib), random bytes from the kernel,
// randomUUID, randomInt, timingSafeEqual. Ciphers, keys, signatures and
// KDFs arrive with the OpenSSL-based crypto module.

const { Buffer } = require('buffer');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE },
} = require('internal/errors');
const { validateFunction, validateString, validateInteger, validateNumber } = require('internal/validators');

const binding = internalBinding('hash');
const FastBuffer = Buffer[Symbol.species];
const hashes = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];

function invalidDigest(algorithm) {
  const err = new Error('Digest method not supported');
  err.algorithm = algorithm;
  return err;
}

function toBytes(data, encoding, name) {
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  if (ArrayBuffer.isView(data)) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

const kDigest = Symbol('kDigest');
const kFinalized = Symbol('kFinalized');

function encodeDigest(ab, encoding) {
  const buf = new FastBuffer(ab);
  if (encoding === undefined || encoding === 'buffer') return buf;
  return buf.toString(encoding);
}

class Hash {
  constructor(algorithm, key) {
    validateString(algorithm, 'algorithm');
    const d = binding.create(algorithm, key);
    if (d === null) throw invalidDigest(algorithm);
    this[kDigest] = d;
    this[kFinalized] = false;
  }

  update(data, inputEncoding) {
    if (this[kFinalized]) {
      const err = new Error('Digest already called');
      err.code = 'ERR_CRYPTO_HASH_FINALIZED';
      throw err;
    }
    const bytes = toBytes(data, inputEncoding, 'data');
    this[kDigest].update(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return this;
  }

  digest(outputEncoding) {
    if (this[kFinalized]) {
      const err = new Error('Digest already called');
      err.code = 'ERR_CRYPTO_HASH_FINALIZED';
      throw err;
    }
    this[kFinalized] = true;
    return encodeDigest(this[kDigest].digest(), outputEncoding);
  }

  copy() {
    if (this[kFinalized]) {
      const err = new Error('Digest already called');
      err.code = 'ERR_CRYPTO_HASH_FINALIZED';
      throw err;
    }
    const h = Object.create(Object.getPrototypeOf(this));
    h[kDigest] = this[kDigest].copy();
    h[kFinalized] = false;
    return h;
  }
}

class Hmac extends Hash {
  constructor(algorithm, key, options) {
    validateString(algorithm, 'hmac');
    const k = toBytes(key, options && options.encoding, 'key');
    super(algorithm, k instanceof Uint8Array ? k : new Uint8Array(k.buffer, k.byteOffset, k.byteLength));
  }
}

function createHash(algorithm, options) {
  return new Hash(algorithm);
}

function createHmac(algorithm, key, options) {
  return new Hmac(algorithm, key, options);
}

function hash(algorithm, data, outputEncoding = 'hex') {
  return new Hash(algorithm).update(data).digest(outputEncoding);
}

function randomFillSync(buf, offset = 0, size) {
  if (!ArrayBuffer.isView(buf) && !(buf instanceof ArrayBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
  }
  const total = buf.byteLength;
  validateNumber(offset, 'offset', 0, total);
  if (size === undefined) size = total - offset;
  validateNumber(size, 'size', 0, total - offset);
  const view = buf instanceof ArrayBuffer ? new Uint8Array(buf) :
    new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  const err = binding.randomFill(view, offset, size);
  if (err < 0) throw new Error(`randomFill failed (${err})`);
  return buf;
}

function randomFill(buf, offset, size, callback) {
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = undefined;
  } else if (typeof size === 'function') {
    callback = size;
    size = undefined;
  }
  validateFunction(callback, 'callback');
  randomFillSync(buf, offset, size);
  process.nextTick(callback, null, buf);
}

function randomBytes(size, callback) {
  validateNumber(size, 'size', 0, 2 ** 31 - 1);
  const buf = randomFillSync(Buffer.allocUnsafe(size));
  if (callback === undefined) return buf;
  validateFunction(callback, 'callback');
  process.nextTick(callback, null, buf);
  return undefined;
}

function randomUUID() {
  const b = randomFillSync(Buffer.allocUnsafe(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function randomInt(min, max, callback) {
  if (typeof max === 'undefined' || typeof max === 'function') {
    callback = max;
    max = min;
    min = 0;
  }
  validateInteger(min, 'min', -(2 ** 48) + 1, 2 ** 48 - 1);
  validateInteger(max, 'max', -(2 ** 48) + 1, 2 ** 48 - 1);
  if (max <= min) throw new ERR_OUT_OF_RANGE('max', `greater than the value of "min" (${min})`, max);
  const range = max - min;
  // Rejection sampling over 48 random bits keeps the result unbiased.
  const limit = 2 ** 48 - (2 ** 48 % range);
  let x;
  do {
    x = randomFillSync(Buffer.allocUnsafe(6)).readUIntBE(0, 6);
  } while (x >= limit);
  const n = min + (x % range);
  if (callback === undefined) return n;
  validateFunction(callback, 'callback');
  process.nextTick(callback, null, n);
  return undefined;
}

function getRandomValues(array) {
  if (!ArrayBuffer.isView(array) || array instanceof Float32Array || array instanceof Float64Array ||
      array instanceof DataView) {
    const err = new TypeError('The data argument must be an integer-type TypedArray');
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  if (array.byteLength > 65536) {
    const err = new RangeError(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`);
    err.name = 'QuotaExceededError';
    throw err;
  }
  return randomFillSync(array);
}

function timingSafeEqual(a, b) {
  if (!ArrayBuffer.isView(a) && !(a instanceof ArrayBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('buf1', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], a);
  }
  if (!ArrayBuffer.isView(b) && !(b instanceof ArrayBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('buf2', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], b);
  }
  const x = new Uint8Array(a.buffer ?? a, a.byteOffset ?? 0, a.byteLength);
  const y = new Uint8Array(b.buffer ?? b, b.byteOffset ?? 0, b.byteLength);
  if (x.length !== y.length) {
    const err = new RangeError('Input buffers must have the same byte length');
    err.code = 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH';
    throw err;
  }
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
  return diff === 0;
}

module.exports = {
  createHash,
  createHmac,
  hash,
  Hash,
  Hmac,
  getHashes: () => hashes.slice(),
  randomBytes,
  pseudoRandomBytes: randomBytes,
  prng: randomBytes,
  rng: randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  getRandomValues,
  timingSafeEqual,
  constants: {},
  webcrypto: { getRandomValues, randomUUID },
};
