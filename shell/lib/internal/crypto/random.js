'use strict';
// Random bytes from OpenSSL's DRBG: randomBytes, randomFill(Sync),
// randomInt, randomUUID, getRandomValues. The asynchronous forms run on the
// libuv threadpool.

const { getBinding, FastBuffer, isAnyArrayBuffer, lazyDOMException } = require('internal/crypto/util');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE },
} = require('internal/errors');
const { validateFunction, validateNumber, validateBoolean, validateObject } = require('internal/validators');

const kMaxInt32 = 2 ** 31 - 1;
const kMaxPossibleLength = Math.min(2 ** 32, kMaxInt32); // Buffer's limit and the binding's

function viewOf(buf) {
  if (buf instanceof Uint8Array) return buf;
  if (isAnyArrayBuffer(buf)) return new Uint8Array(buf);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function checkBuf(buf) {
  if (!ArrayBuffer.isView(buf) && !isAnyArrayBuffer(buf)) {
    throw new ERR_INVALID_ARG_TYPE('buf', ['ArrayBuffer', 'ArrayBufferView'], buf);
  }
}

// offset and size count elements of the view's type, as in Node.
function checkOffsetSize(buf, offset, size) {
  const elementSize = buf.BYTES_PER_ELEMENT || 1;
  const total = buf.byteLength;
  validateNumber(offset, 'offset');
  offset *= elementSize;
  if (offset < 0 || offset > total || !Number.isFinite(offset)) {
    throw new ERR_OUT_OF_RANGE('offset', `>= 0 && <= ${total}`, offset);
  }
  if (size === undefined) {
    size = total - offset;
  } else {
    validateNumber(size, 'size');
    size *= elementSize;
    if (size < 0 || !Number.isFinite(size) || size > kMaxInt32) {
      throw new ERR_OUT_OF_RANGE('size', `>= 0 && <= ${kMaxInt32}`, size);
    }
    if (size + offset > total) throw new ERR_OUT_OF_RANGE('size + offset', `<= ${total}`, size + offset);
  }
  return [offset, size];
}

function randomFillSync(buf, offset = 0, size) {
  checkBuf(buf);
  [offset, size] = checkOffsetSize(buf, offset, size);
  if (size > 0) getBinding().randomFill(viewOf(buf), offset, size);
  return buf;
}

function randomFill(buf, offset, size, callback) {
  checkBuf(buf);
  if (typeof offset === 'function') {
    callback = offset;
    offset = 0;
    size = undefined;
  } else if (typeof size === 'function') {
    callback = size;
    size = undefined;
  }
  validateFunction(callback, 'callback');
  [offset, size] = checkOffsetSize(buf, offset ?? 0, size);
  if (size === 0) {
    process.nextTick(callback, null, buf);
    return;
  }
  getBinding().randomFill(viewOf(buf), offset, size, (err) => {
    if (err) callback(err);
    else callback(null, buf);
  });
}

function checkSize(size) {
  validateNumber(size, 'size', 0, kMaxPossibleLength);
  if (!Number.isFinite(size)) throw new ERR_OUT_OF_RANGE('size', `>= 0 && <= ${kMaxPossibleLength}`, size);
}

function randomBytes(size, callback) {
  checkSize(size);
  if (callback !== undefined) validateFunction(callback, 'callback');
  // The binding makes the memory itself: no zero-filling first.
  if (callback === undefined) return size > 0 ? new FastBuffer(getBinding().randomBytes(size)) : new FastBuffer(0);
  if (size === 0) {
    process.nextTick(callback, null, new FastBuffer(0));
    return undefined;
  }
  getBinding().randomBytes(size, (err, ab) => {
    if (err) callback(err);
    else callback(null, new FastBuffer(ab));
  });
  return undefined;
}

// randomInt and randomUUID draw from a cache of random bytes refilled in
// one call, as most draws need only a few bytes.
const kCacheSize = 6 * 1024;
let intCache = null;
let intCacheOffset = kCacheSize;

function nextRandom48() {
  if (intCacheOffset >= kCacheSize) {
    intCache ??= new FastBuffer(kCacheSize);
    getBinding().randomFill(intCache, 0, kCacheSize);
    intCacheOffset = 0;
  }
  const n = intCache.readUIntBE(intCacheOffset, 6);
  intCacheOffset += 6;
  return n;
}

const kRandIntMax = 2 ** 48 - 1;

function randomInt(min, max, callback) {
  const minNotSpecified = typeof max === 'undefined' || typeof max === 'function';
  if (minNotSpecified) {
    callback = max;
    max = min;
    min = 0;
  }
  const isSync = typeof callback === 'undefined';
  if (!isSync) validateFunction(callback, 'callback');
  if (!Number.isSafeInteger(min)) throw new ERR_INVALID_ARG_TYPE('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw new ERR_INVALID_ARG_TYPE('max', 'a safe integer', max);
  if (max <= min) {
    throw new ERR_OUT_OF_RANGE('max', `greater than the value of "min" (${min})`, max);
  }
  const range = max - min;
  if (!(range <= kRandIntMax)) {
    throw new ERR_OUT_OF_RANGE(minNotSpecified ? 'max' : 'max - min', `<= ${kRandIntMax}`, range);
  }
  // Rejection sampling over 48 random bits keeps the result unbiased.
  const limit = 2 ** 48 - (2 ** 48 % range);
  let x;
  do {
    x = nextRandom48();
  } while (x >= limit);
  const n = min + (x % range);
  if (isSync) return n;
  process.nextTick(callback, null, n);
  return undefined;
}

const kUuidBatch = 128;
let uuidCache = null;
let uuidOffset = kUuidBatch * 16;
const hex = [];
for (let i = 0; i < 256; i++) hex.push((i < 16 ? '0' : '') + i.toString(16));

function randomUUID(options) {
  if (options !== undefined) validateObject(options, 'options');
  const disableEntropyCache = options?.disableEntropyCache ?? false;
  validateBoolean(disableEntropyCache, 'options.disableEntropyCache');
  let b, o;
  if (disableEntropyCache) {
    b = new FastBuffer(16);
    getBinding().randomFill(b, 0, 16);
    o = 0;
  } else {
    if (uuidOffset >= kUuidBatch * 16) {
      uuidCache ??= new FastBuffer(kUuidBatch * 16);
      getBinding().randomFill(uuidCache, 0, kUuidBatch * 16);
      uuidOffset = 0;
    }
    b = uuidCache;
    o = uuidOffset;
    uuidOffset += 16;
  }
  const b6 = (b[o + 6] & 0x0f) | 0x40;
  const b8 = (b[o + 8] & 0x3f) | 0x80;
  return hex[b[o]] + hex[b[o + 1]] + hex[b[o + 2]] + hex[b[o + 3]] + '-' +
    hex[b[o + 4]] + hex[b[o + 5]] + '-' + hex[b6] + hex[b[o + 7]] + '-' +
    hex[b8] + hex[b[o + 9]] + '-' + hex[b[o + 10]] + hex[b[o + 11]] + hex[b[o + 12]] +
    hex[b[o + 13]] + hex[b[o + 14]] + hex[b[o + 15]];
}

const kIntegerArrays = new Set(['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array']);

function typedArrayName(v) {
  return ArrayBuffer.isView(v) ? v[Symbol.toStringTag] : undefined;
}

function getRandomValues(data) {
  if (!kIntegerArrays.has(typedArrayName(data))) {
    throw lazyDOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
  }
  if (data.byteLength > 65536) {
    throw lazyDOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
  }
  if (data.byteLength > 0) getBinding().randomFill(viewOf(data), 0, data.byteLength);
  return data;
}

module.exports = {
  randomBytes,
  randomFill,
  randomFillSync,
  randomInt,
  randomUUID,
  getRandomValues,
};
