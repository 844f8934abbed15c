'use strict';
// Node's Buffer: a Uint8Array subclass with Node 20's API. The encoders and
// decoders live in internal/encoding (JS for short inputs, C for long ones).

const {
  codes: {
    ERR_BUFFER_OUT_OF_BOUNDS,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_BUFFER_SIZE,
    ERR_MISSING_ARGS,
    ERR_OUT_OF_RANGE,
    ERR_UNKNOWN_ENCODING,
  },
  hideStackFrames,
} = require('internal/errors');
const { validateArray, validateBuffer, validateNumber, validateString } = require('internal/validators');
const enc = require('internal/encoding');
const { UTF8, UTF16LE, LATIN1, ASCII, BASE64, BASE64URL, HEX } = enc;

const kMaxLength = 2 ** 32;
const kStringMaxLength = 536870888;
const constants = Object.defineProperties({}, {
  MAX_LENGTH: { value: kMaxLength, writable: false, enumerable: true },
  MAX_STRING_LENGTH: { value: kStringMaxLength, writable: false, enumerable: true },
});
let INSPECT_MAX_BYTES = 50;

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

class FastBuffer extends Uint8Array {
  // eslint-disable-next-line no-useless-constructor
  constructor(bufferOrLength, byteOffset, length) {
    super(bufferOrLength, byteOffset, length);
  }
}

function isUint8Array(value) {
  return value instanceof Uint8Array;
}

function isAnyArrayBuffer(value) {
  const tag = Object.prototype.toString.call(value);
  return tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]';
}

// ---- the pool small buffers are carved from ----

let poolSize;
let poolOffset;
let allocPool;

function createPool() {
  poolSize = Buffer.poolSize;
  allocPool = new ArrayBuffer(poolSize);
  poolOffset = 0;
}

function alignPool() {
  if (poolOffset & 0x7) {
    poolOffset |= 0x7;
    poolOffset++;
  }
}

function allocate(size) {
  if (size <= 0) return new FastBuffer();
  if (size < (Buffer.poolSize >>> 1)) {
    if (allocPool === undefined || size > (poolSize - poolOffset)) createPool();
    const b = new FastBuffer(allocPool, poolOffset, size);
    poolOffset += size;
    alignPool();
    return b;
  }
  return new FastBuffer(size);
}

// ---- encodings ----

const encodingOps = {
  utf8: { encoding: 'utf8', encodingVal: UTF8, byteLength: enc.byteLengthUtf8 },
  ucs2: { encoding: 'utf16le', encodingVal: UTF16LE, byteLength: (s) => s.length * 2 },
  utf16le: { encoding: 'utf16le', encodingVal: UTF16LE, byteLength: (s) => s.length * 2 },
  latin1: { encoding: 'latin1', encodingVal: LATIN1, byteLength: (s) => s.length },
  ascii: { encoding: 'ascii', encodingVal: ASCII, byteLength: (s) => s.length },
  base64: { encoding: 'base64', encodingVal: BASE64, byteLength: (s) => enc.base64ByteLength(s, s.length) },
  base64url: { encoding: 'base64url', encodingVal: BASE64URL, byteLength: (s) => enc.base64ByteLength(s, s.length) },
  hex: { encoding: 'hex', encodingVal: HEX, byteLength: (s) => s.length >>> 1 },
};

function getEncodingOps(encoding) {
  encoding += '';
  switch (encoding.length) {
    case 4:
      if (encoding === 'utf8') return encodingOps.utf8;
      if (encoding === 'ucs2') return encodingOps.ucs2;
      encoding = encoding.toLowerCase();
      if (encoding === 'utf8') return encodingOps.utf8;
      if (encoding === 'ucs2') return encodingOps.ucs2;
      break;
    case 5:
      if (encoding === 'utf-8') return encodingOps.utf8;
      if (encoding === 'ascii') return encodingOps.ascii;
      if (encoding === 'ucs-2') return encodingOps.ucs2;
      encoding = encoding.toLowerCase();
      if (encoding === 'utf-8') return encodingOps.utf8;
      if (encoding === 'ascii') return encodingOps.ascii;
      if (encoding === 'ucs-2') return encodingOps.ucs2;
      break;
    case 7:
      if (encoding === 'utf16le' || encoding.toLowerCase() === 'utf16le') return encodingOps.utf16le;
      break;
    case 8:
      if (encoding === 'utf-16le' || encoding.toLowerCase() === 'utf-16le') return encodingOps.utf16le;
      break;
    case 6:
      if (encoding === 'latin1' || encoding === 'binary') return encodingOps.latin1;
      if (encoding === 'base64') return encodingOps.base64;
      encoding = encoding.toLowerCase();
      if (encoding === 'latin1' || encoding === 'binary') return encodingOps.latin1;
      if (encoding === 'base64') return encodingOps.base64;
      break;
    case 3:
      if (encoding === 'hex' || encoding.toLowerCase() === 'hex') return encodingOps.hex;
      break;
    case 9:
      if (encoding === 'base64url' || encoding.toLowerCase() === 'base64url') return encodingOps.base64url;
      break;
  }
  return undefined;
}

function normalizeEncoding(encoding) {
  if (encoding == null || encoding === '') return 'utf8';
  const ops = getEncodingOps(encoding);
  return ops === undefined ? undefined : ops.encoding;
}

function writeOp(buf, string, offset, length, ops) {
  if (typeof string !== 'string') {
    // Node's C++ check, with its terse message.
    const err = new TypeError('argument must be a string');
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  if (offset > buf.length) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
  length = Math.min(length, buf.length - offset);
  if (length <= 0) return 0;
  return enc.writeString(buf, string, ops.encodingVal, offset, length);
}

// ---- Buffer ----

let warnedDeprecated = false;
function showDeprecation() {
  if (warnedDeprecated) return;
  // Like Node, only code outside node_modules is told.
  const stack = new Error().stack.split('\n').slice(1);
  const caller = stack.find((line) => !line.includes('node:'));
  if (caller !== undefined && caller.includes('/node_modules/')) return;
  warnedDeprecated = true;
  process.emitWarning(
    'Buffer() is deprecated due to security and usability issues. Please use the ' +
    'Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.',
    'DeprecationWarning', 'DEP0005');
}

function Buffer(arg, encodingOrOffset, length) {
  showDeprecation();
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw new ERR_INVALID_ARG_TYPE('string', 'string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}

Object.defineProperty(Buffer, Symbol.species, {
  enumerable: false, configurable: true, get() { return FastBuffer; },
});

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);

  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);

    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return from(valueOf, encodingOrOffset, length);
    }

    const b = fromObject(value);
    if (b) return b;

    if (typeof value[Symbol.toPrimitive] === 'function') {
      const primitive = value[Symbol.toPrimitive]('string');
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
    }
  }

  throw new ERR_INVALID_ARG_TYPE('first argument',
                                 ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
};

Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!ArrayBuffer.isView(view) || Object.prototype.toString.call(view) === '[object DataView]') {
    throw new ERR_INVALID_ARG_TYPE('view', ['TypedArray'], view);
  }
  const viewLength = view.length;
  if (viewLength === 0) return Buffer.alloc(0);
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, 'offset', 0);
      if (offset >= viewLength) return new FastBuffer();
    } else {
      offset = 0;
    }
    let end;
    if (length !== undefined) {
      validateInteger(length, 'length', 0);
      end = offset + length;
    } else {
      end = viewLength;
    }
    view = view.subarray(offset, end);
  }
  return fromArrayLike(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
};

function validateInteger(value, name, min) {
  if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > Number.MAX_SAFE_INTEGER) {
    throw new ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${Number.MAX_SAFE_INTEGER}`, value);
  }
}

Object.setPrototypeOf(Buffer, Uint8Array);

// Uint8Array.of would call Buffer as a constructor (the deprecated path).
Buffer.of = (...items) => {
  const newObj = new FastBuffer(items.length);
  for (let k = 0; k < items.length; k++) newObj[k] = items[k];
  return newObj;
};

const assertSize = hideStackFrames((size) => {
  validateNumber(size, 'size', 0, kMaxLength);
});

Buffer.alloc = function alloc(size, fill, encoding) {
  assertSize(size);
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = new FastBuffer(size);
    return _fill(buf, fill, 0, buf.length, encoding);
  }
  return new FastBuffer(size);
};

Buffer.allocUnsafe = function allocUnsafe(size) {
  assertSize(size);
  return allocate(size);
};

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  assertSize(size);
  return new FastBuffer(size);
};

function SlowBuffer(size) {
  assertSize(size);
  return new FastBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

function fromStringFast(string, ops) {
  const big = Buffer.poolSize >>> 1;
  // UTF-8 takes at least a byte per UTF-16 unit: long strings skip the count.
  const length = ops.encodingVal === UTF8 && string.length >= big ? big : ops.byteLength(string);
  if (length >= big) {
    const max = ops.encodingVal === UTF8 || ops.encodingVal === UTF16LE ? -1 : length;
    const ab = enc.stringToArrayBuffer(string, ops.encodingVal, max);
    return new FastBuffer(ab, 0, ab.byteLength);
  }
  if (allocPool === undefined || length > (poolSize - poolOffset)) createPool();
  let b = new FastBuffer(allocPool, poolOffset, length);
  const actual = enc.writeString(b, string, ops.encodingVal, 0, length);
  if (actual !== length) b = new FastBuffer(allocPool, poolOffset, actual);
  poolOffset += actual;
  alignPool();
  return b;
}

function fromString(string, encoding) {
  let ops;
  if (typeof encoding !== 'string' || encoding.length === 0) {
    if (string.length === 0) return new FastBuffer();
    ops = encodingOps.utf8;
  } else {
    ops = getEncodingOps(encoding);
    if (ops === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    if (string.length === 0) return new FastBuffer();
  }
  return fromStringFast(string, ops);
}

function fromArrayBuffer(obj, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = 0;
  }
  const maxLength = obj.byteLength - byteOffset;
  if (maxLength < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
  if (length === undefined) {
    length = maxLength;
  } else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
    } else {
      length = 0;
    }
  }
  return new FastBuffer(obj, byteOffset, length);
}

function fromArrayLike(obj) {
  if (obj.length <= 0) return new FastBuffer();
  if (obj.length < (Buffer.poolSize >>> 1)) {
    if (allocPool === undefined || obj.length > (poolSize - poolOffset)) createPool();
    const b = new FastBuffer(allocPool, poolOffset, obj.length);
    Uint8Array.prototype.set.call(b, obj, 0);
    poolOffset += obj.length;
    alignPool();
    return b;
  }
  return new FastBuffer(obj);
}

function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return new FastBuffer();
    return fromArrayLike(obj);
  }
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data);
  return undefined;
}

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw new ERR_INVALID_ARG_TYPE('buf1', ['Buffer', 'Uint8Array'], buf1);
  if (!isUint8Array(buf2)) throw new ERR_INVALID_ARG_TYPE('buf2', ['Buffer', 'Uint8Array'], buf2);
  if (buf1 === buf2) return 0;
  return compareRange(buf1, 0, buf1.length, buf2, 0, buf2.length);
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
};
Buffer[Symbol.for('kIsEncodingSymbol')] = Buffer.isEncoding;

Buffer.concat = function concat(list, length) {
  validateArray(list, 'list');
  if (list.length === 0) return new FastBuffer();
  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateOffset(length, 'length');
  }
  const buffer = Buffer.allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) {
      throw new ERR_INVALID_ARG_TYPE(`list[${i}]`, ['Buffer', 'Uint8Array'], list[i]);
    }
    pos += _copyActual(buf, buffer, pos, 0, buf.length);
  }
  if (pos < length) buffer.fill(0, pos, length);
  return buffer;
};

function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw new ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  const len = string.length;
  const mustMatch = (arguments.length > 2 && arguments[2] === true);
  if (!mustMatch && len === 0) return 0;
  if (!encoding) return (mustMatch ? -1 : enc.byteLengthUtf8(string));
  const ops = getEncodingOps(encoding);
  if (ops === undefined) return (mustMatch ? -1 : enc.byteLengthUtf8(string));
  return ops.byteLength(string);
}
Buffer.byteLength = byteLength;

Buffer.poolSize = 8 * 1024;

const validateOffset = (value, name, min = 0, max = kMaxLength) => {
  if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw new ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
};

function compareRange(a, aStart, aEnd, b, bStart, bEnd) {
  const an = aEnd - aStart;
  const bn = bEnd - bStart;
  const n = Math.min(an, bn);
  if (n < 64) {
    for (let i = 0; i < n; i++) {
      const x = a[aStart + i];
      const y = b[bStart + i];
      if (x !== y) return x < y ? -1 : 1;
    }
    return an < bn ? -1 : an > bn ? 1 : 0;
  }
  return enc.lazyBinding().compare(a, aStart, aEnd, b, bStart, bEnd);
}

// ---- prototype ----

const proto = FastBuffer.prototype;
Buffer.prototype = proto;
proto.constructor = Buffer;

Object.defineProperty(proto, 'parent', {
  enumerable: true,
  configurable: true,
  get() {
    if (!(this instanceof Buffer)) return undefined;
    return this.buffer;
  },
});
Object.defineProperty(proto, 'offset', {
  enumerable: true,
  configurable: true,
  get() {
    if (!(this instanceof Buffer)) return undefined;
    return this.byteOffset;
  },
});

for (const [name, ops] of [['utf8', encodingOps.utf8], ['ucs2', encodingOps.ucs2], ['latin1', encodingOps.latin1],
  ['ascii', encodingOps.ascii], ['base64', encodingOps.base64], ['base64url', encodingOps.base64url],
  ['hex', encodingOps.hex]]) {
  proto[`${name}Slice`] = function(start = 0, end = this.length) {
    if (start > this.length || end > this.length) throw new ERR_OUT_OF_RANGE('index', `>= 0 && <= ${this.length}`, end);
    if (end <= start) return '';
    return enc.decodeBytes(this, ops.encodingVal, start, end);
  };
  proto[`${name}Write`] = function(string, offset = 0, length = this.length - offset) {
    return writeOp(this, string, offset, length, ops);
  };
}

proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  return _copy(this, target, targetStart, sourceStart, sourceEnd);
};

function toInteger(n, defaultVal) {
  n = +n;
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
    return ((n % 1) === 0 ? n : Math.floor(n));
  }
  return defaultVal;
}

function _copy(source, target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(source)) throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  if (!isUint8Array(target)) throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);

  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = toInteger(targetStart, 0);
    if (targetStart < 0) throw new ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart);
  }

  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > source.length) {
      throw new ERR_OUT_OF_RANGE('sourceStart', `>= 0 && <= ${source.length}`, sourceStart);
    }
  }

  if (sourceEnd === undefined) {
    sourceEnd = source.length;
  } else {
    sourceEnd = toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw new ERR_OUT_OF_RANGE('sourceEnd', '>= 0', sourceEnd);
  }

  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  return _copyActual(source, target, targetStart, sourceStart, sourceEnd);
}

function _copyActual(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.length - targetStart) sourceEnd = sourceStart + target.length - targetStart;
  let nb = sourceEnd - sourceStart;
  const sourceLen = source.length - sourceStart;
  if (nb > sourceLen) nb = sourceLen;
  if (nb <= 0) return 0;
  if (sourceStart !== 0 || sourceEnd < source.length) {
    source = new Uint8Array(source.buffer, source.byteOffset + sourceStart, nb);
  }
  Uint8Array.prototype.set.call(target, source, targetStart);
  return nb;
}

proto.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return enc.decodeBytes(this, UTF8, 0, this.length);

  const len = this.length;
  if (start <= 0) start = 0;
  else if (start >= len) return '';
  else start = Math.trunc(start) || 0;

  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;

  if (end <= start) return '';

  if (encoding === undefined) return enc.decodeBytes(this, UTF8, start, end);
  const ops = getEncodingOps(encoding);
  if (ops === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  return enc.decodeBytes(this, ops.encodingVal, start, end);
};

proto.equals = function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
  }
  if (this === otherBuffer) return true;
  const len = this.byteLength;
  if (len !== otherBuffer.byteLength) return false;
  return len === 0 || compareRange(this, 0, len, otherBuffer, 0, len) === 0;
};

proto.inspect = proto[customInspectSymbol] = function inspect(recurseTimes, ctx) {
  const max = INSPECT_MAX_BYTES;
  const actualMax = Math.min(max, this.length);
  const remaining = this.length - max;
  let str = enc.decodeBytes(this, HEX, 0, actualMax).replace(/(.{2})/g, '$1 ').trim();
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx) {
    let extras = false;
    const obj = { __proto__: null };
    for (const key of nonIndexKeys(this, ctx.showHidden)) {
      extras = true;
      obj[key] = this[key];
    }
    if (extras) {
      const { inspect: utilInspect } = require('internal/util/inspect');
      if (this.length !== 0) str += ', ';
      // '[Object: null prototype] {'.length === 26
      str += utilInspect(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
};

// Own keys that are not indices, without listing every index.
function nonIndexKeys(obj, showHidden) {
  const keys = [];
  for (const key of Reflect.ownKeys(obj)) {
    if (typeof key === 'symbol') {
      if (showHidden || Object.prototype.propertyIsEnumerable.call(obj, key)) keys.push(key);
      continue;
    }
    if (/^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1) continue;
    if (showHidden || Object.prototype.propertyIsEnumerable.call(obj, key)) keys.push(key);
  }
  return keys;
}

proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  if (arguments.length === 1) return compareRange(this, 0, this.length, target, 0, target.length);

  if (targetStart === undefined) targetStart = 0;
  else validateOffset(targetStart, 'targetStart');

  if (targetEnd === undefined) targetEnd = target.length;
  else validateOffset(targetEnd, 'targetEnd', 0, target.length);

  if (sourceStart === undefined) sourceStart = 0;
  else validateOffset(sourceStart, 'sourceStart');

  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);

  if (sourceStart >= sourceEnd) return (targetStart >= targetEnd ? 0 : -1);
  if (targetStart >= targetEnd) return 1;

  if (sourceStart > this.length) throw outOfRange('sourceStart');
  if (targetStart > target.length) throw outOfRange('targetStart');
  return compareRange(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
};

function outOfRange(name) {
  const err = new RangeError(`The value of "${name}" is out of range.`);
  err.code = 'ERR_OUT_OF_RANGE';
  return err;
}

// Node's IndexOfOffset: where a search starts, or -1 for none.
function indexOfOffset(length, offset, needleLength, forward) {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset;
    if (forward || needleLength === 0) return 0;
    return -1;
  }
  if (offset + needleLength <= length) return offset;
  if (needleLength === 0) return length;
  if (forward) return -1;
  return length - 1;
}

function indexOfBytes(buffer, needle, byteOffset, forward, ucs2) {
  const hayLength = buffer.length;
  const start = indexOfOffset(hayLength, Math.trunc(byteOffset), needle.length, forward);
  if (needle.length === 0) return start;
  if (hayLength === 0 || start <= -1) return -1;
  if ((forward && needle.length + start > hayLength) || needle.length > hayLength) return -1;
  let from = start;
  let step = 1;
  if (ucs2) {
    if (hayLength < 2 || needle.length < 2) return -1;
    needle = needle.subarray(0, needle.length & ~1);
    from &= ~1;
    step = 2;
  }
  if (hayLength < enc.SMALL) return searchJs(buffer, needle, from, forward, step);
  return enc.lazyBinding().indexOf(buffer, needle, from, forward, step);
}

function searchJs(hay, needle, from, forward, step) {
  const n = needle.length;
  const last = hay.length - n;
  const first = needle[0];
  let i = forward ? from : Math.min(from, last);
  if (step === 2) i &= ~1;
  for (; forward ? i <= last : i >= 0; i += forward ? step : -step) {
    if (hay[i] !== first) continue;
    let j = 1;
    while (j < n && hay[i + j] === needle[j]) j++;
    if (j === n) return i;
  }
  return -1;
}

function indexOfNumber(buffer, val, byteOffset, forward) {
  const start = indexOfOffset(buffer.length, Math.trunc(byteOffset), 1, forward);
  if (start <= -1 || buffer.length === 0) return -1;
  val &= 0xff;
  if (forward) return Uint8Array.prototype.indexOf.call(buffer, val, start);
  return Uint8Array.prototype.lastIndexOf.call(buffer, val, start);
}

function stringNeedle(val, ops) {
  const e = ops.encodingVal;
  if (e === UTF8 && !val.isWellFormed()) {
    const u8 = new Uint8Array(val.length * 3);
    return u8.subarray(0, enc.utf8WriteJs(u8, val, 0, u8.length, true));
  }
  if (e === UTF8 || e === UTF16LE || e === LATIN1) {
    const u8 = new Uint8Array(ops.byteLength(val));
    enc.writeString(u8, val, e, 0, u8.length);
    return u8;
  }
  return fromStringFast(val, ops);
}

function bidirectionalIndexOf(buffer, val, byteOffset, encoding, dir) {
  validateBuffer(buffer);

  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  byteOffset = +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = dir ? 0 : (buffer.length || buffer.byteLength);
  dir = !!dir;

  if (typeof val === 'number') return indexOfNumber(buffer, val >>> 0, byteOffset, dir);

  const ops = encoding === undefined ? encodingOps.utf8 : getEncodingOps(encoding);

  if (typeof val === 'string') {
    if (ops === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    if (ops.encodingVal === UTF16LE && val.length === 0) {
      return indexOfOffset(buffer.length, Math.trunc(byteOffset), 0, dir);
    }
    return indexOfBytes(buffer, stringNeedle(val, ops), byteOffset, dir, ops.encodingVal === UTF16LE);
  }

  if (isUint8Array(val)) {
    return indexOfBytes(buffer, val, byteOffset, dir, ops !== undefined && ops.encodingVal === UTF16LE);
  }

  throw new ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
}

proto.indexOf = function indexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, true);
};

proto.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, false);
};

proto.includes = function includes(val, byteOffset, encoding) {
  return this.indexOf(val, byteOffset, encoding) !== -1;
};

proto.fill = function fill(value, offset, end, encoding) {
  return _fill(this, value, offset, end, encoding);
};

function _fill(buf, value, offset, end, encoding) {
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }

    const normalizedEncoding = normalizeEncoding(encoding);
    if (normalizedEncoding === undefined) {
      validateString(encoding, 'encoding');
      throw new ERR_UNKNOWN_ENCODING(encoding);
    }

    if (value.length === 0) {
      value = 0;
    } else if (value.length === 1) {
      if (normalizedEncoding === 'utf8') {
        const code = value.charCodeAt(0);
        if (code < 128) value = code;
      } else if (normalizedEncoding === 'latin1') {
        value = value.charCodeAt(0);
      }
    }
  } else {
    encoding = undefined;
  }

  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, 'offset');
    if (end === undefined) {
      end = buf.length;
    } else {
      validateOffset(end, 'end', 0, buf.length);
    }
    if (offset >= end) return buf;
  }

  if (typeof value === 'number') {
    const byteLen = buf.byteLength;
    const fillLength = end - offset;
    if (offset > end || fillLength + offset > byteLen) throw new ERR_BUFFER_OUT_OF_BOUNDS();
    Uint8Array.prototype.fill.call(buf, value, offset, end);
    return buf;
  }

  if (offset > end || end > buf.byteLength) throw new ERR_BUFFER_OUT_OF_BOUNDS();
  let pattern;
  if (typeof value === 'string') {
    const ops = getEncodingOps(normalizeEncoding(encoding));
    pattern = fromStringFast(value, ops);
  } else if (ArrayBuffer.isView(value)) {
    pattern = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  } else {
    Uint8Array.prototype.fill.call(buf, (Number(value) >>> 0) & 255, offset, end);
    return buf;
  }
  if (pattern.length === 0) throw new ERR_INVALID_ARG_VALUE('value', value);
  const n = Math.min(pattern.length, end - offset);
  Uint8Array.prototype.set.call(buf, n === pattern.length ? pattern : pattern.subarray(0, n), offset);
  // Double the filled part until the range is covered.
  for (let filled = n; offset + filled < end;) {
    const chunk = Math.min(filled, end - offset - filled);
    buf.copyWithin(offset + filled, offset, offset + chunk);
    filled += chunk;
  }
  return buf;
}

proto.write = function write(string, offset, length, encoding) {
  if (offset === undefined) return this.utf8Write(string, 0, this.length);

  if (length === undefined && typeof offset === 'string') {
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    validateOffset(offset, 'offset', 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  if (!encoding || encoding === 'utf8') return writeOp(this, string, offset, length, encodingOps.utf8);
  const ops = getEncodingOps(encoding);
  if (ops === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  return writeOp(this, string, offset, length, ops);
};

proto.toJSON = function toJSON() {
  if (this.length > 0) {
    const data = new Array(this.length);
    for (let i = 0; i < this.length; ++i) data[i] = this[i];
    return { type: 'Buffer', data };
  }
  return { type: 'Buffer', data: [] };
};

function adjustOffset(offset, length) {
  offset = Math.trunc(offset);
  if (offset === 0 || Number.isNaN(offset)) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  if (offset < length) return offset;
  return length;
}

proto.slice = function slice(start, end) {
  const srcLength = this.length;
  start = adjustOffset(start, srcLength);
  end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
  const newLength = end > start ? end - start : 0;
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
};

function swap(b, n, m) {
  const i = b[n];
  b[n] = b[m];
  b[m] = i;
}

proto.swap16 = function swap16() {
  const len = this.length;
  if (len % 2 !== 0) throw new ERR_INVALID_BUFFER_SIZE('16-bits');
  for (let i = 0; i < len; i += 2) swap(this, i, i + 1);
  return this;
};

proto.swap32 = function swap32() {
  const len = this.length;
  if (len % 4 !== 0) throw new ERR_INVALID_BUFFER_SIZE('32-bits');
  for (let i = 0; i < len; i += 4) {
    swap(this, i, i + 3);
    swap(this, i + 1, i + 2);
  }
  return this;
};

proto.swap64 = function swap64() {
  const len = this.length;
  if (len % 8 !== 0) throw new ERR_INVALID_BUFFER_SIZE('64-bits');
  for (let i = 0; i < len; i += 8) {
    swap(this, i, i + 7);
    swap(this, i + 1, i + 6);
    swap(this, i + 2, i + 5);
    swap(this, i + 3, i + 4);
  }
  return this;
};

proto.toLocaleString = proto.toString;


// ---- numbers: Node's read/write methods and their errors ----

const float32Array = new Float32Array(1);
const uInt8Float32Array = new Uint8Array(float32Array.buffer);
const float64Array = new Float64Array(1);
const uInt8Float64Array = new Uint8Array(float64Array.buffer);
float32Array[0] = -1;
const littleEndianHost = uInt8Float32Array[3] !== 0;

function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type);
    throw new ERR_OUT_OF_RANGE(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS();
  throw new ERR_OUT_OF_RANGE(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
}

function checkBounds(buf, offset, byteLength) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + byteLength] === undefined) {
    boundsError(offset, buf.length - (byteLength + 1));
  }
}

// byteLength is one less than the bytes written, as in Node.
function checkInt(value, min, max, buf, offset, byteLength) {
  if (value > max || value < min) {
    const n = typeof min === 'bigint' ? 'n' : '';
    let range;
    if (byteLength > 3) {
      if (min === 0 || min === 0n) {
        range = `>= 0${n} and < 2${n} ** ${(byteLength + 1) * 8}${n}`;
      } else {
        range = `>= -(2${n} ** ${(byteLength + 1) * 8 - 1}${n}) and ` +
                `< 2${n} ** ${(byteLength + 1) * 8 - 1}${n}`;
      }
    } else {
      range = `>= ${min}${n} and <= ${max}${n}`;
    }
    throw new ERR_OUT_OF_RANGE('value', range, value);
  }
  checkBounds(buf, offset, byteLength);
}

function readUnsigned(buf, offset, n, le) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + n - 1] === undefined) boundsError(offset, buf.length - n);
  let v = 0;
  if (le) {
    for (let i = n - 1; i >= 0; i--) v = v * 256 + buf[offset + i];
  } else {
    for (let i = 0; i < n; i++) v = v * 256 + buf[offset + i];
  }
  return v;
}

function readSigned(buf, offset, n, le) {
  const v = readUnsigned(buf, offset, n, le);
  const half = 2 ** (8 * n - 1);
  return v >= half ? v - half * 2 : v;
}

function writeU_Int8(buf, value, offset, min, max) {
  value = +value;
  validateNumber(offset, 'offset');
  if (value > max || value < min) throw new ERR_OUT_OF_RANGE('value', `>= ${min} and <= ${max}`, value);
  if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
  buf[offset] = value;
  return offset + 1;
}

function writeN(buf, value, offset, min, max, n, le) {
  if (n === 1) return writeU_Int8(buf, value, offset, min, max);
  value = +value;
  checkInt(value, min, max, buf, offset, n - 1);
  const hi = Math.floor(value * 2 ** -32);
  for (let i = 0; i < n; i++) {
    const byte = i < 4 ? value >>> (8 * i) : hi >>> (8 * (i - 4));
    buf[le ? offset + i : offset + n - 1 - i] = byte;
  }
  return offset + n;
}

function readBigUInt64(buf, offset, le) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + 7] === undefined) boundsError(offset, buf.length - 8);
  const a = readUnsigned(buf, offset, 4, le);
  const b = readUnsigned(buf, offset + 4, 4, le);
  return le ? BigInt(a) + (BigInt(b) << 32n) : (BigInt(a) << 32n) + BigInt(b);
}

function writeBigU_Int64(buf, value, offset, min, max, le) {
  checkInt(value, min, max, buf, offset, 7);
  const lo = Number(value & 0xffffffffn);
  const hi = Number((value >> 32n) & 0xffffffffn);
  for (let i = 0; i < 4; i++) {
    buf[le ? offset + i : offset + 7 - i] = lo >>> (8 * i);
    buf[le ? offset + 4 + i : offset + 3 - i] = hi >>> (8 * i);
  }
  return offset + 8;
}

function readFloatAt(buf, offset, scratch, n, le) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + n - 1] === undefined) boundsError(offset, buf.length - n);
  const same = le === littleEndianHost;
  for (let i = 0; i < n; i++) scratch[same ? i : n - 1 - i] = buf[offset + i];
}

function writeFloatAt(buf, offset, scratch, n, le) {
  const same = le === littleEndianHost;
  for (let i = 0; i < n; i++) buf[offset + i] = scratch[same ? i : n - 1 - i];
  return offset + n;
}

const bigMax = 0xffffffffffffffffn;
const bigIntMin = -(2n ** 63n);
const bigIntMax = 2n ** 63n - 1n;

function addNumberMethods(p) {
  const methods = {};
  for (const [suffix, le] of [['LE', true], ['BE', false]]) {
    for (const n of [2, 4]) {
      methods[`readUInt${n * 8}${suffix}`] = function(offset = 0) { return readUnsigned(this, offset, n, le); };
      methods[`readInt${n * 8}${suffix}`] = function(offset = 0) { return readSigned(this, offset, n, le); };
      methods[`writeUInt${n * 8}${suffix}`] = function(value, offset = 0) {
        return writeN(this, value, offset, 0, 2 ** (8 * n) - 1, n, le);
      };
      methods[`writeInt${n * 8}${suffix}`] = function(value, offset = 0) {
        return writeN(this, value, offset, -(2 ** (8 * n - 1)), 2 ** (8 * n - 1) - 1, n, le);
      };
    }
    methods[`readUInt${suffix}`] = function(offset, byteLength) {
      if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
      if (byteLength >= 1 && byteLength <= 6 && Number.isInteger(byteLength)) {
        return readUnsigned(this, offset, byteLength, le);
      }
      boundsError(byteLength, 6, 'byteLength');
    };
    methods[`readInt${suffix}`] = function(offset, byteLength) {
      if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
      if (byteLength >= 1 && byteLength <= 6 && Number.isInteger(byteLength)) {
        return readSigned(this, offset, byteLength, le);
      }
      boundsError(byteLength, 6, 'byteLength');
    };
    methods[`writeUInt${suffix}`] = function(value, offset, byteLength) {
      if (byteLength >= 1 && byteLength <= 6 && Number.isInteger(byteLength)) {
        return writeN(this, value, offset, 0, 2 ** (8 * byteLength) - 1, byteLength, le);
      }
      boundsError(byteLength, 6, 'byteLength');
    };
    methods[`writeInt${suffix}`] = function(value, offset, byteLength) {
      if (byteLength >= 1 && byteLength <= 6 && Number.isInteger(byteLength)) {
        const half = 2 ** (8 * byteLength - 1);
        return writeN(this, value, offset, -half, half - 1, byteLength, le);
      }
      boundsError(byteLength, 6, 'byteLength');
    };
    methods[`readBigUInt64${suffix}`] = function(offset = 0) { return readBigUInt64(this, offset, le); };
    methods[`readBigInt64${suffix}`] = function(offset = 0) {
      return BigInt.asIntN(64, readBigUInt64(this, offset, le));
    };
    methods[`writeBigUInt64${suffix}`] = function(value, offset = 0) {
      return writeBigU_Int64(this, value, offset, 0n, bigMax, le);
    };
    methods[`writeBigInt64${suffix}`] = function(value, offset = 0) {
      return writeBigU_Int64(this, value, offset, bigIntMin, bigIntMax, le);
    };
    methods[`readFloat${suffix}`] = function(offset = 0) {
      readFloatAt(this, offset, uInt8Float32Array, 4, le);
      return float32Array[0];
    };
    methods[`readDouble${suffix}`] = function(offset = 0) {
      readFloatAt(this, offset, uInt8Float64Array, 8, le);
      return float64Array[0];
    };
    methods[`writeFloat${suffix}`] = function(val, offset = 0) {
      val = +val;
      checkBounds(this, offset, 3);
      float32Array[0] = val;
      return writeFloatAt(this, offset, uInt8Float32Array, 4, le);
    };
    methods[`writeDouble${suffix}`] = function(val, offset = 0) {
      val = +val;
      checkBounds(this, offset, 7);
      float64Array[0] = val;
      return writeFloatAt(this, offset, uInt8Float64Array, 8, le);
    };
  }
  methods.readUInt8 = function(offset = 0) { return readUnsigned(this, offset, 1, true); };
  methods.readInt8 = function(offset = 0) { return readSigned(this, offset, 1, true); };
  methods.writeUInt8 = function(value, offset = 0) { return writeU_Int8(this, value, offset, 0, 0xff); };
  methods.writeInt8 = function(value, offset = 0) { return writeU_Int8(this, value, offset, -0x80, 0x7f); };

  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(fn, 'name', { value: name });
    p[name] = fn;
    // Node's lower-case aliases: readUint8, writeBigUint64LE...
    if (name.includes('UInt')) p[name.replace('UInt', 'Uint')] = fn;
  }
}

addNumberMethods(proto);

// ---- module functions ----

function transcode(source, fromEncoding, toEncoding) {
  if (!isUint8Array(source)) throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  if (source.length === 0) return Buffer.alloc(0);
  const from = normalizeEncoding(fromEncoding) || fromEncoding;
  const to = normalizeEncoding(toEncoding) || toEncoding;
  const supported = ['ascii', 'latin1', 'utf16le', 'utf8'];
  if (!supported.includes(from) || !supported.includes(to)) {
    const err = new Error('Unable to transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]');
    err.code = 'U_ILLEGAL_ARGUMENT_ERROR';
    err.errno = 1;
    throw err;
  }
  let text = Buffer.prototype.toString.call(source, from);
  if (to === 'ascii' || to === 'latin1') {
    // ICU substitutes what the target cannot hold, one '?' per character.
    const max = to === 'ascii' ? 0x7f : 0xff;
    text = text.replace(/[\ud800-\udbff][\udc00-\udfff]|[^]/g, (c) => (c.charCodeAt(0) > max ? '?' : c));
  }
  return Buffer.from(text, to);
}

function isUtf8(input) {
  return enc.lazyBinding().isUtf8(toBytes(input));
}

function isAscii(input) {
  return enc.lazyBinding().isAscii(toBytes(input));
}

function toBytes(input) {
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (isAnyArrayBuffer(input)) return new Uint8Array(input);
  throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

let lazyDOMExceptionClass;
function lazyDOMException(message, name) {
  if (lazyDOMExceptionClass === undefined) {
    lazyDOMExceptionClass = require('internal/abort_controller').lazyDOMException();
  }
  return new lazyDOMExceptionClass(message, name);
}

function btoa(input) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
  input = `${input}`;
  for (let n = 0; n < input.length; n++) {
    if (input.charCodeAt(n) > 0xff) throw lazyDOMException('Invalid character', 'InvalidCharacterError');
  }
  return Buffer.from(input, 'latin1').toString('base64');
}

// ASCII whitespace, then the base64 alphabet and '='.
function forgivingIndex(c) {
  if (c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20) return 0;
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ||
      c === 0x2b || c === 0x2f) return 1;
  if (c === 0x3d) return 2;
  return -1;
}

function atob(input) {
  if (arguments.length === 0) throw new ERR_MISSING_ARGS('input');
  input = `${input}`;
  let nonAsciiWhitespaceCharCount = 0;
  let equalCharCount = 0;

  for (let n = 0; n < input.length; n++) {
    const kind = forgivingIndex(input.charCodeAt(n));
    if (kind > 0) {
      nonAsciiWhitespaceCharCount++;
      if (kind === 2) {
        equalCharCount++;
      } else if (equalCharCount) {
        throw lazyDOMException('Invalid character', 'InvalidCharacterError');
      }
      if (equalCharCount > 2) throw lazyDOMException('Invalid character', 'InvalidCharacterError');
    } else if (kind === -1) {
      throw lazyDOMException('Invalid character', 'InvalidCharacterError');
    }
  }

  let reminder = nonAsciiWhitespaceCharCount % 4;
  if (!reminder) {
    reminder = (nonAsciiWhitespaceCharCount - equalCharCount) % 4;
  } else if (equalCharCount) {
    throw lazyDOMException('Invalid character', 'InvalidCharacterError');
  }
  if (reminder === 1) {
    throw lazyDOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
  }
  return Buffer.from(input, 'base64').toString('latin1');
}

module.exports = {
  Buffer,
  SlowBuffer,
  transcode,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  btoa,
  atob,
  constants,
};

Object.defineProperties(module.exports, {
  INSPECT_MAX_BYTES: {
    configurable: true,
    enumerable: true,
    get() { return INSPECT_MAX_BYTES; },
    set(val) {
      validateNumber(val, 'INSPECT_MAX_BYTES', 0);
      INSPECT_MAX_BYTES = val;
    },
  },
  Blob: {
    configurable: true,
    enumerable: true,
    get() { return require('internal/blob').Blob; },
  },
  resolveObjectURL: {
    configurable: true,
    enumerable: true,
    get() { return require('internal/blob').resolveObjectURL; },
  },
  File: {
    configurable: true,
    enumerable: true,
    get() { return require('internal/blob').File; },
  },
});
