'use strict';
// The byte codecs behind Buffer, string_decoder and the WHATWG TextEncoder /
// TextDecoder. Short strings and buffers are handled here in JS (a call into
// C costs more than the work); long ones cross once into the 'buffer'
// binding, which does the work in tight C loops.

const {
  codes: {
    ERR_ENCODING_INVALID_ENCODED_DATA,
    ERR_ENCODING_NOT_SUPPORTED,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_THIS,
  },
} = require('internal/errors');

let binding;
function lazyBinding() {
  if (binding === undefined) binding = internalBinding('buffer');
  return binding;
}

// Encoding numbers shared with binding-buffer.c.
const UTF8 = 0;
const UTF16LE = 1;
const LATIN1 = 2;
const ASCII = 3;
const BASE64 = 4;
const BASE64URL = 5;
const HEX = 6;

// Below this many characters or bytes, JS is faster than a call into C.
const SMALL = 512;

const nonAscii = /[^\x00-\x7f]/;

// ---- strings to bytes ----

function utf8Length(str) {
  let n = str.length;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      n += 1;
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < str.length &&
               (str.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2;
      i++;
    } else {
      n += 2;
    }
  }
  return n;
}

function byteLengthUtf8(str) {
  if (str.length < SMALL) return utf8Length(str);
  return lazyBinding().byteLength(str.isWellFormed() ? str : str.toWellFormed(), UTF8);
}

// Whole characters only, as Node writes them. A lone surrogate becomes
// U+FFFD, or its own 3-byte form when `keepLone` (how V8 hands search needles
// to Node).
function utf8WriteJs(buf, str, off, max, keepLone = false) {
  let k = off;
  const end = off + max;
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      if (k >= end) break;
      buf[k++] = c;
      continue;
    }
    if (c < 0x800) {
      if (k + 2 > end) break;
      buf[k++] = 0xc0 | (c >> 6);
      buf[k++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c < 0xe000) {
      const d = c < 0xdc00 && i + 1 < str.length ? str.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d < 0xe000) {
        if (k + 4 > end) break;
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        buf[k++] = 0xf0 | (c >> 18);
        buf[k++] = 0x80 | ((c >> 12) & 0x3f);
        buf[k++] = 0x80 | ((c >> 6) & 0x3f);
        buf[k++] = 0x80 | (c & 0x3f);
        continue;
      }
      if (!keepLone) c = 0xfffd;
    }
    if (k + 3 > end) break;
    buf[k++] = 0xe0 | (c >> 12);
    buf[k++] = 0x80 | ((c >> 6) & 0x3f);
    buf[k++] = 0x80 | (c & 0x3f);
  }
  return k - off;
}

function latin1WriteJs(buf, str, off, max) {
  const n = Math.min(max, str.length);
  for (let i = 0; i < n; i++) buf[off + i] = str.charCodeAt(i);
  return n;
}

function ucs2WriteJs(buf, str, off, max) {
  const n = Math.min(max >>> 1, str.length);
  for (let i = 0; i < n; i++) {
    const c = str.charCodeAt(i);
    buf[off + 2 * i] = c;
    buf[off + 2 * i + 1] = c >>> 8;
  }
  return n * 2;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const unb64 = new Uint8Array(256).fill(255);
const unhex = new Uint8Array(256).fill(255);
for (let i = 0; i < 64; i++) {
  unb64[B64.charCodeAt(i)] = i;
  unb64[B64URL.charCodeAt(i)] = i;
}
for (let i = 0; i < 16; i++) unhex['0123456789abcdef'.charCodeAt(i)] = i;
for (let i = 10; i < 16; i++) unhex['ABCDEF'.charCodeAt(i - 10)] = i;

// Node's estimate, counting every character (whitespace included).
function base64ByteLength(str, bytes) {
  if (str.charCodeAt(bytes - 1) === 0x3d) bytes--;
  if (bytes > 1 && str.charCodeAt(bytes - 1) === 0x3d) bytes--;
  return (bytes * 3) >>> 2;
}

function base64DecodedSize(str) {
  let size = str.length;
  if (size < 2) return 0;
  if (str.charCodeAt(size - 1) === 0x3d) {
    size--;
    if (str.charCodeAt(size - 1) === 0x3d) size--;
  }
  const rem = size % 4;
  size = Math.floor(size / 4) * 3;
  if (rem) size = (size === 0 && rem === 1) ? 0 : size + 1 + (rem === 3 ? 1 : 0);
  return size;
}

// Node's lenient decoder: characters outside both alphabets are skipped, '='
// ends the input. Characters are read as their low byte, as Node does.
function base64WriteJs(buf, str, off, max) {
  const srclen = str.length;
  let i = 0;
  let k = 0;
  let hi = 0;
  let step = 0;
  const limit = Math.min(max, base64DecodedSize(str));
  if (limit === 0) return 0;
  while (i < srclen) {
    const c = str.charCodeAt(i++) & 0xff;
    const lo = unb64[c];
    if (lo === 255) {
      if (c === 0x3d) break;
      continue;
    }
    switch (step) {
      case 1: buf[off + k++] = ((hi & 0x3f) << 2) | ((lo & 0x30) >> 4); break;
      case 2: buf[off + k++] = ((hi & 0x0f) << 4) | ((lo & 0x3c) >> 2); break;
      case 3: buf[off + k++] = ((hi & 0x03) << 6) | (lo & 0x3f); break;
      default: break;
    }
    if (k >= limit) break;
    hi = lo;
    step = (step + 1) & 3;
  }
  return k;
}

function hexWriteJs(buf, str, off, max) {
  const n = Math.min(max, str.length >>> 1);
  for (let i = 0; i < n; i++) {
    const a = unhex[str.charCodeAt(2 * i) & 0xff];
    const b = unhex[str.charCodeAt(2 * i + 1) & 0xff];
    if (a === 255 || b === 255) return i;
    buf[off + i] = (a << 4) | b;
  }
  return n;
}

const jsWriters = [utf8WriteJs, ucs2WriteJs, latin1WriteJs, latin1WriteJs,
                   base64WriteJs, base64WriteJs, hexWriteJs];

// Whether the C path (which sees the string as UTF-8) gives Node's result.
function cSafe(str, enc) {
  switch (enc) {
    case UTF8: return true;
    case BASE64: case BASE64URL: case HEX: return !nonAscii.test(str);
    default: return str.isWellFormed();
  }
}

// JSC's own base64/hex codecs read and write JS strings without a copy, but
// they are strict: they give Node's result only when they consume the whole
// string without error. -1 otherwise, and the lenient decoders take over.
const hasNativeCodecs = typeof Uint8Array.prototype.setFromBase64 === 'function' &&
  typeof Uint8Array.prototype.setFromHex === 'function' &&
  typeof Uint8Array.prototype.toBase64 === 'function' &&
  typeof Uint8Array.prototype.toHex === 'function';
const base64Options = { alphabet: 'base64' };
const base64urlOptions = { alphabet: 'base64url' };
const base64urlEncodeOptions = { alphabet: 'base64url', omitPadding: true };

function nativeDecode(u8, str, enc) {
  try {
    let r;
    if (enc === HEX) {
      if (str.length % 2 === 1) str = str.slice(0, -1);
      r = u8.setFromHex(str);
    } else {
      r = u8.setFromBase64(str, enc === BASE64 ? base64Options : base64urlOptions);
    }
    return r.read === str.length ? r.written : -1;
  } catch {
    return -1;
  }
}

// Base64 and hex text of a Buffer: JSC's codec, except for hex of 16 KiB
// and more, where C writing straight into the new string measured faster.
function useNativeEncode(enc, n) {
  return hasNativeCodecs && n >= 16 && (enc !== HEX || n < 16384);
}

// A fresh buffer of a mebibyte or more has its pages faulted in at once
// before JSC's codec fills it (one by one costs more than the decoding).
const BIG_DECODE = 1 << 20;

function nativeEncode(buf, enc, start, end) {
  const view = start === 0 && end === buf.length ? buf : new Uint8Array(buf.buffer, buf.byteOffset + start, end - start);
  if (enc === HEX) return Uint8Array.prototype.toHex.call(view);
  return Uint8Array.prototype.toBase64.call(view, enc === BASE64 ? undefined : base64urlEncodeOptions);
}

function isBinaryText(enc) {
  return enc === BASE64 || enc === BASE64URL || enc === HEX;
}

// Writes `str` into `buf` (a Uint8Array) at `off`, at most `max` bytes.
function writeString(buf, str, enc, off, max) {
  if (hasNativeCodecs && isBinaryText(enc) && str.length >= 16) {
    const view = off === 0 && max === buf.length ? buf : new Uint8Array(buf.buffer, buf.byteOffset + off, max);
    const n = nativeDecode(view, str, enc);
    if (n >= 0) return n;
  }
  if (str.length < SMALL || !cSafe(str, enc)) return jsWriters[enc](buf, str, off, max);
  if (enc === UTF8 && !str.isWellFormed()) str = str.toWellFormed();
  return lazyBinding().write(buf, str, enc, off, max);
}

// A new ArrayBuffer holding `str` encoded, at most `max` bytes (-1: any).
function stringToArrayBuffer(str, enc, max) {
  if (hasNativeCodecs && isBinaryText(enc)) {
    const u8 = new Uint8Array(max);
    if (max >= BIG_DECODE) lazyBinding().populate(u8);
    const n = nativeDecode(u8, str, enc);
    if (n >= 0) return n === max ? u8.buffer : u8.buffer.slice(0, n);
  }
  if (!cSafe(str, enc)) {
    const size = max >= 0 ? max : enc === UTF16LE ? str.length * 2 : str.length * 3;
    const u8 = new Uint8Array(size);
    const n = jsWriters[enc](u8, str, 0, size);
    return n === size ? u8.buffer : u8.buffer.slice(0, n);
  }
  if (enc === UTF8 && !str.isWellFormed()) str = str.toWellFormed();
  return lazyBinding().fromString(str, enc, max);
}

// ---- bytes to strings ----

function fromCodes(codes, out) {
  return out + String.fromCharCode.apply(null, codes);
}

// WHATWG UTF-8 decode: each maximal invalid subpart becomes U+FFFD.
const latin1Chars = [];
for (let i = 0; i < 256; i++) latin1Chars.push(String.fromCharCode(i));

function utf8SliceJs(buf, start, end) {
  if (end - start <= 64) {
    // Short ASCII text is most of what gets decoded: build it directly.
    let s = '';
    let i = start;
    for (; i < end; i++) {
      const c = buf[i];
      if (c >= 0x80) break;
      s += latin1Chars[c];
    }
    if (i === end) return s;
  }
  let out = '';
  const codes = [];
  let i = start;
  while (i < end) {
    const b = buf[i];
    if (b < 0x80) {
      codes.push(b);
      i++;
    } else {
      let need;
      let lo = 0x80;
      let hi = 0xbf;
      let cp;
      if (b >= 0xc2 && b <= 0xdf) {
        need = 1; cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2; cp = b & 0xf;
        if (b === 0xe0) lo = 0xa0; else if (b === 0xed) hi = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3; cp = b & 7;
        if (b === 0xf0) lo = 0x90; else if (b === 0xf4) hi = 0x8f;
      } else {
        codes.push(0xfffd);
        i++;
        continue;
      }
      let j = 1;
      for (; j <= need; j++) {
        const c = i + j < end ? buf[i + j] : -1;
        if (c < lo || c > hi) break;
        lo = 0x80;
        hi = 0xbf;
        cp = (cp << 6) | (c & 0x3f);
      }
      if (j <= need) {
        codes.push(0xfffd);
        i += j;
        continue;
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        codes.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else {
        codes.push(cp);
      }
      i += need + 1;
    }
    if (codes.length > 8192) {
      out = fromCodes(codes, out);
      codes.length = 0;
    }
  }
  return fromCodes(codes, out);
}

function latin1SliceJs(buf, start, end, mask) {
  let out = '';
  for (let i = start; i < end; i += 8192) {
    const chunk = buf.subarray(i, Math.min(end, i + 8192));
    if (mask !== 0xff) {
      const codes = new Array(chunk.length);
      for (let j = 0; j < chunk.length; j++) codes[j] = chunk[j] & mask;
      out += String.fromCharCode.apply(null, codes);
    } else {
      out += String.fromCharCode.apply(null, chunk);
    }
  }
  return out;
}

function ucs2SliceJs(buf, start, end) {
  let out = '';
  const codes = [];
  for (let i = start; i + 1 < end; i += 2) {
    codes.push(buf[i] | (buf[i + 1] << 8));
    if (codes.length > 8192) {
      out = fromCodes(codes, out);
      codes.length = 0;
    }
  }
  return fromCodes(codes, out);
}

function base64SliceJs(buf, start, end, url) {
  const tab = url ? B64URL : B64;
  let out = '';
  let i = start;
  for (; i + 3 <= end; i += 3) {
    const v = (buf[i] << 16) | (buf[i + 1] << 8) | buf[i + 2];
    out += tab[v >> 18] + tab[(v >> 12) & 63] + tab[(v >> 6) & 63] + tab[v & 63];
  }
  if (end - i === 1) {
    out += tab[buf[i] >> 2] + tab[(buf[i] & 3) << 4];
    if (!url) out += '==';
  } else if (end - i === 2) {
    const v = (buf[i] << 8) | buf[i + 1];
    out += tab[v >> 10] + tab[(v >> 4) & 63] + tab[(v << 2) & 63];
    if (!url) out += '=';
  }
  return out;
}

const hexPairs = [];
for (let i = 0; i < 256; i++) hexPairs.push((i < 16 ? '0' : '') + i.toString(16));

function hexSliceJs(buf, start, end) {
  let out = '';
  for (let i = start; i < end; i++) out += hexPairs[buf[i]];
  return out;
}

function sliceJs(buf, enc, start, end) {
  switch (enc) {
    case UTF8: return utf8SliceJs(buf, start, end);
    case UTF16LE: return ucs2SliceJs(buf, start, end);
    case LATIN1: return latin1SliceJs(buf, start, end, 0xff);
    case ASCII: return latin1SliceJs(buf, start, end, 0x7f);
    case BASE64: return base64SliceJs(buf, start, end, false);
    case BASE64URL: return base64SliceJs(buf, start, end, true);
    default: return hexSliceJs(buf, start, end);
  }
}

// Decodes buf[start, end) (a Uint8Array; the range is already clamped).
function decodeBytes(buf, enc, start, end) {
  if (isBinaryText(enc) && useNativeEncode(enc, end - start)) return nativeEncode(buf, enc, start, end);
  if (end - start < SMALL) return sliceJs(buf, enc, start, end);
  const s = lazyBinding().toString(buf, enc, start, end);
  // C gives undefined only for UTF-16 holding a lone surrogate.
  return s === undefined ? ucs2SliceJs(buf, start, end) : s;
}

// ---- TextEncoder / TextDecoder ----

const kEncoding = Symbol('encoding');
const kState = Symbol('state');

function validateEncoder(self) {
  if (self === null || typeof self !== 'object' || !(kEncoding in self) || self[kEncoding] !== 'utf-8' ||
      self[kState] !== undefined) {
    throw new ERR_INVALID_THIS('TextEncoder');
  }
}

class TextEncoder {
  constructor() {
    this[kEncoding] = 'utf-8';
  }

  get encoding() {
    validateEncoder(this);
    return 'utf-8';
  }

  encode(input = '') {
    validateEncoder(this);
    input = `${input}`;
    if (input.length < SMALL) {
      const out = new Uint8Array(utf8Length(input));
      utf8WriteJs(out, input, 0, out.length);
      return out;
    }
    return new Uint8Array(stringToArrayBuffer(input, UTF8, -1));
  }

  encodeInto(src, dest) {
    validateEncoder(this);
    if (typeof src !== 'string') throw new ERR_INVALID_ARG_TYPE('src', 'string', src);
    if (!(dest instanceof Uint8Array)) throw new ERR_INVALID_ARG_TYPE('dest', 'Uint8Array', dest);
    // read counts UTF-16 units of the characters that fit.
    let read = 0;
    let written = 0;
    const max = dest.length;
    for (let i = 0; i < src.length; i++) {
      let c = src.charCodeAt(i);
      let units = 1;
      let bytes;
      if (c < 0x80) {
        bytes = 1;
      } else if (c < 0x800) {
        bytes = 2;
      } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < src.length &&
                 (src.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        bytes = 4;
        units = 2;
        c = 0x10000 + ((c - 0xd800) << 10) + (src.charCodeAt(i + 1) - 0xdc00);
      } else {
        bytes = 3;
        if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
      }
      if (written + bytes > max) break;
      if (bytes === 1) {
        dest[written] = c;
      } else if (bytes === 2) {
        dest[written] = 0xc0 | (c >> 6);
        dest[written + 1] = 0x80 | (c & 0x3f);
      } else if (bytes === 3) {
        dest[written] = 0xe0 | (c >> 12);
        dest[written + 1] = 0x80 | ((c >> 6) & 0x3f);
        dest[written + 2] = 0x80 | (c & 0x3f);
      } else {
        dest[written] = 0xf0 | (c >> 18);
        dest[written + 1] = 0x80 | ((c >> 12) & 0x3f);
        dest[written + 2] = 0x80 | ((c >> 6) & 0x3f);
        dest[written + 3] = 0x80 | (c & 0x3f);
      }
      written += bytes;
      read += units;
      i += units - 1;
    }
    return { read, written };
  }
}

Object.defineProperties(TextEncoder.prototype, {
  encode: { enumerable: true },
  encodeInto: { enumerable: true },
  encoding: { enumerable: true },
  [Symbol.toStringTag]: { configurable: true, value: 'TextEncoder' },
});

// WHATWG labels for the encodings Node supports without ICU data.
const labels = new Map();
for (const [name, list] of [
  ['utf-8', ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']],
  ['utf-16le', ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le']],
  ['windows-1252', ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1',
                    'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1',
                    'us-ascii', 'windows-1252', 'x-cp1252']],
]) {
  for (const label of list) labels.set(label, name);
}

function getEncodingFromLabel(label) {
  return labels.get(`${label}`.trim().toLowerCase());
}

function validateDecoder(self) {
  if (self === null || typeof self !== 'object' || self[kState] === undefined) {
    throw new ERR_INVALID_THIS('TextDecoder');
  }
}

function toUint8(input) {
  if (input instanceof Uint8Array) return input;
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const tag = Object.prototype.toString.call(input);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') return new Uint8Array(input);
  // Node's message, word for word.
  const err = new TypeError(
    'The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
  err.code = 'ERR_INVALID_ARG_TYPE';
  throw err;
}

// The length of a trailing UTF-8 sequence that more bytes could complete.
function utf8Incomplete(bytes) {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 1;
    if (need <= back) return 0;
    // The bytes so far must be a valid prefix, or they decode now.
    const second = back > 1 ? bytes[n - back + 1] : -1;
    if (second !== -1) {
      const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
      if (second < lo || second > hi) return 0;
    }
    return back;
  }
  return 0;
}

class TextDecoder {
  constructor(encoding = 'utf-8', options = {}) {
    const enc = getEncodingFromLabel(encoding);
    if (enc === undefined) throw new ERR_ENCODING_NOT_SUPPORTED(encoding);
    if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
    }
    const opts = options ?? {};
    this[kEncoding] = enc;
    this[kState] = {
      fatal: Boolean(opts.fatal),
      ignoreBOM: Boolean(opts.ignoreBOM),
      pending: null,
      bomSeen: false,
    };
  }

  get encoding() {
    validateDecoder(this);
    return this[kEncoding];
  }

  get fatal() {
    validateDecoder(this);
    return this[kState].fatal;
  }

  get ignoreBOM() {
    validateDecoder(this);
    return this[kState].ignoreBOM;
  }

  decode(input = new Uint8Array(0), options = {}) {
    validateDecoder(this);
    let bytes = toUint8(input);
    if (options !== undefined && options !== null && typeof options !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
    }
    const stream = Boolean(options?.stream);
    const state = this[kState];
    if (state.pending !== null) {
      const joined = new Uint8Array(state.pending.length + bytes.length);
      joined.set(state.pending, 0);
      joined.set(bytes, state.pending.length);
      bytes = joined;
      state.pending = null;
    }
    let keep = 0;
    if (stream) {
      if (this[kEncoding] === 'utf-8') keep = utf8Incomplete(bytes);
      else if (this[kEncoding] === 'utf-16le') keep = utf16Incomplete(bytes);
      if (keep > 0) state.pending = bytes.slice(bytes.length - keep);
    }
    const end = bytes.length - keep;
    let text;
    switch (this[kEncoding]) {
      case 'utf-8':
        text = this.#utf8(bytes, end);
        break;
      case 'utf-16le':
        text = this.#utf16(bytes, end);
        break;
      default:
        // Node 20 decodes its windows-1252 labels as plain latin1.
        text = latin1SliceJs(bytes, 0, end, 0xff);
    }
    if (!state.bomSeen && text.length > 0) {
      state.bomSeen = true;
      if (!state.ignoreBOM && this[kEncoding] !== 'windows-1252' && text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
      }
    }
    if (!stream) {
      state.bomSeen = false;
      state.pending = null;
    }
    return text;
  }

  #utf8(bytes, end) {
    if (end < SMALL) {
      const text = utf8SliceJs(bytes, 0, end);
      if (this[kState].fatal && text.includes('\ufffd') && !lazyBinding().isUtf8(bytes.subarray(0, end))) {
        this[kState].pending = null;
        throw new ERR_ENCODING_INVALID_ENCODED_DATA('utf-8');
      }
      return text;
    }
    const text = lazyBinding().decodeUtf8(bytes, 0, end, this[kState].fatal);
    if (text === undefined) {
      this[kState].pending = null;
      throw new ERR_ENCODING_INVALID_ENCODED_DATA('utf-8');
    }
    return text;
  }

  #utf16(bytes, end) {
    let text = ucs2SliceJs(bytes, 0, end);
    // An odd trailing byte, and lone surrogates, are errors.
    const odd = end % 2 === 1;
    if (this[kState].fatal && (odd || !text.isWellFormed())) {
      this[kState].pending = null;
      throw new ERR_ENCODING_INVALID_ENCODED_DATA('utf-16le');
    }
    text = text.toWellFormed();
    return odd ? `${text}\ufffd` : text;
  }
}

// Keeps an odd byte, and a trailing high surrogate, for the next chunk.
function utf16Incomplete(bytes) {
  const n = bytes.length;
  if (n % 2 === 1) {
    if (n >= 3 && (bytes[n - 2] & 0xfc) === 0xd8) return 3;
    return 1;
  }
  if (n >= 2 && (bytes[n - 1] & 0xfc) === 0xd8) return 2;
  return 0;
}

Object.defineProperties(TextDecoder.prototype, {
  decode: { enumerable: true },
  encoding: { enumerable: true },
  fatal: { enumerable: true },
  ignoreBOM: { enumerable: true },
  [Symbol.toStringTag]: { configurable: true, value: 'TextDecoder' },
});

// TextEncoderStream / TextDecoderStream (WHATWG Encoding §7): a
// TransformStream that encodes strings, or decodes bytes in streaming mode.
const kTransform = Symbol('kTransform');
const kDecoder = Symbol('kDecoder');

function validateStream(self, name) {
  if (self === null || typeof self !== 'object' || self[kTransform] === undefined) {
    throw new ERR_INVALID_THIS(name);
  }
}

function streamInspect(self, depth, options, name, data) {
  if (depth < 0) return self;
  const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
  return `${name} ${require('internal/util/inspect').inspect(data, opts)}`;
}

class TextEncoderStream {
  constructor() {
    const encoder = new TextEncoder();
    // A high surrogate ending one chunk pairs with the next chunk's start.
    let pending = '';
    const { TransformStream } = require('internal/webstreams/transformstream');
    this[kTransform] = new TransformStream({
      transform(chunk, controller) {
        let str = pending + `${chunk}`;
        pending = '';
        const last = str.charCodeAt(str.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pending = str[str.length - 1];
          str = str.slice(0, -1);
        }
        if (str.length > 0) controller.enqueue(encoder.encode(str));
      },
      flush(controller) {
        if (pending !== '') controller.enqueue(new Uint8Array([0xef, 0xbf, 0xbd]));
      },
    });
  }

  get encoding() {
    validateStream(this, 'TextEncoderStream');
    return 'utf-8';
  }

  get readable() {
    validateStream(this, 'TextEncoderStream');
    return this[kTransform].readable;
  }

  get writable() {
    validateStream(this, 'TextEncoderStream');
    return this[kTransform].writable;
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    validateStream(this, 'TextEncoderStream');
    return streamInspect(this, depth, options, 'TextEncoderStream', {
      encoding: 'utf-8',
      readable: this.readable,
      writable: this.writable,
    });
  }
}

class TextDecoderStream {
  constructor(encoding = 'utf-8', options = {}) {
    const decoder = new TextDecoder(encoding, options);
    this[kDecoder] = decoder;
    const { TransformStream } = require('internal/webstreams/transformstream');
    this[kTransform] = new TransformStream({
      transform(chunk, controller) {
        const text = decoder.decode(chunk, { stream: true });
        if (text !== '') controller.enqueue(text);
      },
      flush(controller) {
        const text = decoder.decode();
        if (text !== '') controller.enqueue(text);
      },
    });
  }

  get encoding() {
    validateStream(this, 'TextDecoderStream');
    return this[kDecoder].encoding;
  }

  get fatal() {
    validateStream(this, 'TextDecoderStream');
    return this[kDecoder].fatal;
  }

  get ignoreBOM() {
    validateStream(this, 'TextDecoderStream');
    return this[kDecoder].ignoreBOM;
  }

  get readable() {
    validateStream(this, 'TextDecoderStream');
    return this[kTransform].readable;
  }

  get writable() {
    validateStream(this, 'TextDecoderStream');
    return this[kTransform].writable;
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options) {
    validateStream(this, 'TextDecoderStream');
    return streamInspect(this, depth, options, 'TextDecoderStream', {
      encoding: this.encoding,
      fatal: this.fatal,
      ignoreBOM: this.ignoreBOM,
      readable: this.readable,
      writable: this.writable,
    });
  }
}

for (const [cls, names] of [[TextEncoderStream, ['encoding', 'readable', 'writable']],
  [TextDecoderStream, ['encoding', 'fatal', 'ignoreBOM', 'readable', 'writable']]]) {
  const props = { [Symbol.toStringTag]: { configurable: true, value: cls.name } };
  for (const name of names) props[name] = { enumerable: true };
  Object.defineProperties(cls.prototype, props);
}

module.exports = {
  UTF8, UTF16LE, LATIN1, ASCII, BASE64, BASE64URL, HEX,
  SMALL,
  TextEncoder,
  TextDecoder,
  TextEncoderStream,
  TextDecoderStream,
  base64ByteLength,
  byteLengthUtf8,
  decodeBytes,
  getEncodingFromLabel,
  lazyBinding,
  stringToArrayBuffer,
  utf8Length,
  utf8SliceJs,
  utf8WriteJs,
  writeString,
};
