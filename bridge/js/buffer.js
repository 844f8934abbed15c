'use strict';
// `buffer` for sandboxed preloads: Buffer as a Uint8Array subclass with the
// encodings and methods preloads use (utf8, hex, base64, base64url, latin1,
// ascii, utf16le; from/alloc/concat/compare; reads and writes of numbers).

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) B64_INDEX[B64.charCodeAt(i)] = i;
B64_INDEX[45] = 62; // '-' (base64url)
B64_INDEX[95] = 63; // '_'

function normalizeEncoding(enc) {
  if (enc === undefined || enc === null) return 'utf8';
  switch (String(enc).toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'hex': return 'hex';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'latin1': case 'binary': return 'latin1';
    case 'ascii': return 'ascii';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    default: {
      const err = new TypeError(`Unknown encoding: ${enc}`);
      err.code = 'ERR_UNKNOWN_ENCODING';
      throw err;
    }
  }
}

function bytesOf(str, enc) {
  switch (enc) {
    case 'utf8': return encoder.encode(str);
    case 'hex': {
      const n = str.length >>> 1;
      const out = new Uint8Array(n);
      let i = 0;
      for (; i < n; i++) {
        const b = parseInt(str.substr(i * 2, 2), 16);
        if (Number.isNaN(b)) break;
        out[i] = b;
      }
      return i === n ? out : out.subarray(0, i);
    }
    case 'base64': case 'base64url': {
      const out = new Uint8Array(Math.ceil(str.length * 3 / 4));
      let bits = 0, acc = 0, n = 0;
      for (let i = 0; i < str.length; i++) {
        const v = B64_INDEX[str.charCodeAt(i) & 255];
        if (str.charCodeAt(i) > 255 || v < 0) {
          if (str[i] === '=') break;
          continue;
        }
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out[n++] = (acc >> bits) & 255;
        }
      }
      return out.subarray(0, n);
    }
    case 'latin1': case 'ascii': {
      const out = new Uint8Array(str.length);
      for (let i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 255;
      return out;
    }
    case 'utf16le': {
      const out = new Uint8Array(str.length * 2);
      for (let i = 0; i < str.length; i++) {
        const c = str.charCodeAt(i);
        out[i * 2] = c & 255;
        out[i * 2 + 1] = c >> 8;
      }
      return out;
    }
    default: return encoder.encode(str);
  }
}

function stringOf(bytes, enc) {
  switch (enc) {
    case 'utf8': return decoder.decode(bytes);
    case 'hex': {
      let s = '';
      for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
      return s;
    }
    case 'base64': case 'base64url': {
      const url = enc === 'base64url';
      const table = url ? B64.slice(0, 62) + '-_' : B64;
      let s = '';
      let i = 0;
      for (; i + 2 < bytes.length; i += 3) {
        const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        s += table[v >> 18] + table[(v >> 12) & 63] + table[(v >> 6) & 63] + table[v & 63];
      }
      if (i < bytes.length) {
        const v = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8);
        s += table[v >> 18] + table[(v >> 12) & 63];
        if (i + 1 < bytes.length) s += table[(v >> 6) & 63];
        if (!url) s += i + 1 < bytes.length ? '=' : '==';
      }
      return s;
    }
    case 'latin1': case 'ascii': {
      let s = '';
      const mask = enc === 'ascii' ? 127 : 255;
      for (let i = 0; i < bytes.length; i += 4096) {
        const chunk = bytes.subarray(i, Math.min(bytes.length, i + 4096));
        s += String.fromCharCode.apply(null, mask === 255 ? chunk : chunk.map((b) => b & mask));
      }
      return s;
    }
    case 'utf16le': {
      let s = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
      return s;
    }
    default: return decoder.decode(bytes);
  }
}

function invalidArg(name, expected, value) {
  const err = new TypeError(`The "${name}" argument must be ${expected}. Received ${value === null ? 'null' : typeof value}`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

class Buffer extends Uint8Array {
  static from(value, encodingOrOffset, length) {
    if (typeof value === 'string') {
      const bytes = bytesOf(value, normalizeEncoding(encodingOrOffset));
      return new Buffer(bytes.buffer, bytes.byteOffset, bytes.length);
    }
    if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer)) {
      const offset = encodingOrOffset === undefined ? 0 : +encodingOrOffset;
      const len = length === undefined ? value.byteLength - offset : +length;
      return new Buffer(value, offset, len);
    }
    if (ArrayBuffer.isView(value)) {
      const copy = new Buffer(value.byteLength);
      copy.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      return copy;
    }
    if (value !== null && typeof value === 'object') {
      if (typeof value.length === 'number' || Array.isArray(value)) {
        const b = new Buffer(value.length >>> 0);
        for (let i = 0; i < b.length; i++) b[i] = value[i] & 255;
        return b;
      }
      if (value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
      const prim = typeof value.valueOf === 'function' ? value.valueOf() : value;
      if (prim !== value) return Buffer.from(prim, encodingOrOffset, length);
    }
    throw invalidArg('first', 'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object', value);
  }

  static alloc(size, fill, encoding) {
    if (typeof size !== 'number' || size < 0) throw invalidArg('size', 'of type number', size);
    const b = new Buffer(size);
    if (fill !== undefined && fill !== 0) b.fill(fill, 0, b.length, encoding);
    return b;
  }

  static allocUnsafe(size) { return Buffer.alloc(size); }
  static allocUnsafeSlow(size) { return Buffer.alloc(size); }
  static isBuffer(b) { return b instanceof Buffer; }
  static isEncoding(enc) {
    try { normalizeEncoding(enc); return typeof enc === 'string'; } catch { return false; }
  }

  static byteLength(value, encoding) {
    if (typeof value !== 'string') {
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength;
      throw invalidArg('string', 'of type string or an instance of Buffer or ArrayBuffer', value);
    }
    return bytesOf(value, normalizeEncoding(encoding)).length;
  }

  static concat(list, totalLength) {
    if (!Array.isArray(list)) throw invalidArg('list', 'an instance of Array', list);
    const total = totalLength === undefined ? list.reduce((n, b) => n + b.length, 0) : totalLength;
    const out = Buffer.alloc(total);
    let pos = 0;
    for (const b of list) {
      if (pos >= total) break;
      const part = b.length > total - pos ? b.subarray(0, total - pos) : b;
      out.set(part, pos);
      pos += part.length;
    }
    return out;
  }

  static compare(a, b) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }

  toString(encoding, start = 0, end = this.length) {
    start = Math.max(0, start | 0);
    end = Math.min(this.length, end === undefined ? this.length : end | 0);
    if (end <= start) return '';
    return stringOf(this.subarray(start, end), normalizeEncoding(encoding));
  }

  toJSON() { return { type: 'Buffer', data: Array.from(this) }; }
  equals(other) { return Buffer.compare(this, other) === 0; }
  compare(other) { return Buffer.compare(this, other); }

  write(string, offset, length, encoding) {
    if (typeof offset === 'string') { encoding = offset; offset = 0; length = undefined; }
    else if (typeof length === 'string') { encoding = length; length = undefined; }
    offset = offset === undefined ? 0 : offset >>> 0;
    const bytes = bytesOf(string, normalizeEncoding(encoding));
    const n = Math.min(bytes.length, this.length - offset, length === undefined ? Infinity : length);
    this.set(bytes.subarray(0, n), offset);
    return n;
  }

  fill(value, offset = 0, end = this.length, encoding) {
    if (typeof offset === 'string') { encoding = offset; offset = 0; end = this.length; }
    if (typeof value === 'string') {
      const bytes = bytesOf(value, normalizeEncoding(encoding));
      if (bytes.length === 0) return super.fill(0, offset, end);
      if (bytes.length === 1) return super.fill(bytes[0], offset, end);
      for (let i = offset, j = 0; i < end; i++, j = (j + 1) % bytes.length) this[i] = bytes[j];
      return this;
    }
    return super.fill(typeof value === 'number' ? value & 255 : 0, offset, end);
  }

  copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
    const part = this.subarray(sourceStart, Math.min(sourceEnd, sourceStart + target.length - targetStart));
    target.set(part, targetStart);
    return part.length;
  }

  slice(start, end) { return this.subarray(start, end); }

  indexOf(value, byteOffset = 0, encoding) {
    if (typeof value === 'number') return super.indexOf(value & 255, byteOffset);
    const needle = typeof value === 'string' ? bytesOf(value, normalizeEncoding(encoding)) : value;
    if (needle.length === 0) return byteOffset <= this.length ? byteOffset : this.length;
    outer: for (let i = Math.max(0, byteOffset); i <= this.length - needle.length; i++) {
      for (let j = 0; j < needle.length; j++) {
        if (this[i + j] !== needle[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  includes(value, byteOffset, encoding) { return this.indexOf(value, byteOffset, encoding) !== -1; }

}

// The number readers and writers, on a DataView of the buffer's bytes.
const numbers = [
  ['UInt8', 'Uint8', 1], ['Int8', 'Int8', 1],
  ['UInt16LE', 'Uint16', 2, true], ['UInt16BE', 'Uint16', 2, false],
  ['Int16LE', 'Int16', 2, true], ['Int16BE', 'Int16', 2, false],
  ['UInt32LE', 'Uint32', 4, true], ['UInt32BE', 'Uint32', 4, false],
  ['Int32LE', 'Int32', 4, true], ['Int32BE', 'Int32', 4, false],
  ['FloatLE', 'Float32', 4, true], ['FloatBE', 'Float32', 4, false],
  ['DoubleLE', 'Float64', 8, true], ['DoubleBE', 'Float64', 8, false],
  ['BigInt64LE', 'BigInt64', 8, true], ['BigInt64BE', 'BigInt64', 8, false],
  ['BigUInt64LE', 'BigUint64', 8, true], ['BigUInt64BE', 'BigUint64', 8, false],
];
for (const [name, dv, size, little] of numbers) {
  const view = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  const check = (b, offset) => {
    if (!Number.isInteger(offset) || offset < 0 || offset + size > b.length) {
      const err = new RangeError(`The value of "offset" is out of range. It must be >= 0 and <= ${b.length - size}. Received ${offset}`);
      err.code = 'ERR_OUT_OF_RANGE';
      throw err;
    }
  };
  Buffer.prototype[`read${name}`] = function (offset = 0) {
    check(this, offset);
    return view(this)[`get${dv}`](offset, little);
  };
  Buffer.prototype[`write${name}`] = function (value, offset = 0) {
    check(this, offset);
    view(this)[`set${dv}`](offset, value, little);
    return offset + size;
  };
  if (name.includes('UInt')) {
    const alias = name.replace('UInt', 'Uint');
    Buffer.prototype[`read${alias}`] = Buffer.prototype[`read${name}`];
    Buffer.prototype[`write${alias}`] = Buffer.prototype[`write${name}`];
  }
}

module.exports = {
  Buffer,
  kMaxLength: 2 ** 32,
  constants: { MAX_LENGTH: 2 ** 32, MAX_STRING_LENGTH: 2 ** 30 },
  atob: (s) => atob(s),
  btoa: (s) => btoa(s),
};
