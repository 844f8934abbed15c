'use strict';
// Node's querystring: parse and stringify URL query strings, with Node's
// separators, maxKeys and pluggable encode/decode functions.

const { codes: { ERR_INVALID_URI } } = require('internal/errors');

const hexTable = [];
for (let i = 0; i < 256; i++) hexTable.push('%' + (i < 16 ? '0' : '') + i.toString(16).toUpperCase());

// Characters escape() leaves alone: encodeURIComponent's unreserved set.
const noEscape = new Uint8Array(128);
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()") {
  noEscape[ch.charCodeAt(0)] = 1;
}

// Percent-encodes the UTF-8 of `str` except the characters in `keep`; a lone
// surrogate is an error, as in encodeURIComponent.
function encodeStr(str, keep) {
  let out = '';
  let last = 0;
  for (let i = 0; i < str.length; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80 && keep[c] === 1) continue;
    if (last < i) out += str.slice(last, i);
    if (c < 0x80) {
      out += hexTable[c];
    } else if (c < 0x800) {
      out += hexTable[0xC0 | (c >> 6)] + hexTable[0x80 | (c & 0x3F)];
    } else if (c < 0xD800 || c >= 0xE000) {
      out += hexTable[0xE0 | (c >> 12)] + hexTable[0x80 | ((c >> 6) & 0x3F)] + hexTable[0x80 | (c & 0x3F)];
    } else {
      const lo = i + 1 < str.length ? str.charCodeAt(i + 1) : 0;
      if (c > 0xDBFF || (lo & 0xFC00) !== 0xDC00) throw new ERR_INVALID_URI();
      i++;
      c = 0x10000 + (((c & 0x3FF) << 10) | (lo & 0x3FF));
      out += hexTable[0xF0 | (c >> 18)] + hexTable[0x80 | ((c >> 12) & 0x3F)] +
        hexTable[0x80 | ((c >> 6) & 0x3F)] + hexTable[0x80 | (c & 0x3F)];
    }
    last = i + 1;
  }
  if (last === 0) return str;
  return last < str.length ? out + str.slice(last) : out;
}

function qsEscape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  return encodeStr(str, noEscape);
}

const hexValue = (c) => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
};

// The bytes of `s` with valid %XX escapes decoded (and '+' as a space when
// asked); characters are taken as their UTF-8 bytes.
function unescapeBytes(s, decodeSpaces) {
  const out = new Uint8Array(s.length * 3);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && i + 2 < s.length) {
      const hi = hexValue(s.charCodeAt(i + 1));
      const lo = hexValue(s.charCodeAt(i + 2));
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    if (c === 0x2B && decodeSpaces) {
      out[n++] = 0x20;
    } else if (c < 0x80) {
      out[n++] = c;
    } else {
      let cp = s.codePointAt(i);
      if (cp > 0xFFFF) i++;
      else if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
      if (cp < 0x800) {
        out[n++] = 0xC0 | (cp >> 6);
      } else if (cp < 0x10000) {
        out[n++] = 0xE0 | (cp >> 12);
        out[n++] = 0x80 | ((cp >> 6) & 0x3F);
      } else {
        out[n++] = 0xF0 | (cp >> 18);
        out[n++] = 0x80 | ((cp >> 12) & 0x3F);
        out[n++] = 0x80 | ((cp >> 6) & 0x3F);
      }
      out[n++] = 0x80 | (cp & 0x3F);
    }
  }
  return out.subarray(0, n);
}

function unescapeBuffer(s, decodeSpaces) {
  const { Buffer } = require('buffer');
  const bytes = unescapeBytes(`${s}`, decodeSpaces);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

// UTF-8 to string, each invalid sequence replaced by one U+FFFD.
function utf8ToString(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i++];
    if (b < 0x80) {
      out += String.fromCharCode(b);
      continue;
    }
    let need = 0;
    let cp = 0;
    let lower = 0x80;
    let upper = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1; cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2; cp = b & 0xF;
      if (b === 0xE0) lower = 0xA0;
      else if (b === 0xED) upper = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3; cp = b & 0x7;
      if (b === 0xF0) lower = 0x90;
      else if (b === 0xF4) upper = 0x8F;
    } else {
      out += '\uFFFD';
      continue;
    }
    let k = 0;
    for (; k < need; k++) {
      const next = bytes[i];
      if (next === undefined || next < lower || next > upper) break;
      lower = 0x80;
      upper = 0xBF;
      cp = (cp << 6) | (next & 0x3F);
      i++;
    }
    out += k === need ? String.fromCodePoint(cp) : '\uFFFD';
  }
  return out;
}

function qsUnescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    return utf8ToString(unescapeBytes(`${s}`, decodeSpaces));
  }
}

function stringifyPrimitive(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return '' + v;
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

function stringify(obj, sep, eq, options) {
  sep ||= '&';
  eq ||= '=';
  let encode = QueryString.escape;
  if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent;
  const convert = (v) => encode(stringifyPrimitive(v));

  if (obj === null || typeof obj !== 'object') return '';
  let fields = '';
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const ks = convert(k) + eq;
    if (Array.isArray(v)) {
      if (v.length === 0) continue;
      if (fields) fields += sep;
      for (let j = 0; j < v.length; j++) {
        if (j) fields += sep;
        fields += ks + convert(v[j]);
      }
    } else {
      if (fields) fields += sep;
      fields += ks + convert(v);
    }
  }
  return fields;
}

function decodeStr(s, decoder) {
  try {
    return decoder(s);
  } catch {
    return QueryString.unescape(s, true);
  }
}

function parse(qs, sep, eq, options) {
  const obj = { __proto__: null };
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  sep = sep ? String(sep) : '&';
  eq = eq ? String(eq) : '=';

  let maxKeys = 1000;
  if (options && typeof options.maxKeys === 'number') maxKeys = options.maxKeys;
  const limit = maxKeys > 0 ? maxKeys : Infinity;

  let decode = QueryString.unescape;
  if (options && typeof options.decodeURIComponent === 'function') decode = options.decodeURIComponent;
  const custom = decode !== qsUnescape;

  // Every segment counts toward maxKeys, empty ones included.
  const segments = qs.split(sep, limit === Infinity ? undefined : limit);
  for (const segment of segments) {
    if (segment === '') continue;
    const at = segment.indexOf(eq);
    let key = at === -1 ? segment : segment.slice(0, at);
    let value = at === -1 ? '' : segment.slice(at + eq.length);
    if (key.includes('+')) key = key.replace(/\+/g, '%20');
    if (value.includes('+')) value = value.replace(/\+/g, '%20');
    if (key.length > 0 && (custom || key.includes('%'))) key = decodeStr(key, decode);
    if (value.length > 0 && (custom || value.includes('%'))) value = decodeStr(value, decode);
    const current = obj[key];
    if (current === undefined) obj[key] = value;
    else if (Array.isArray(current)) current.push(value);
    else obj[key] = [current, value];
  }
  return obj;
}

const QueryString = module.exports = {
  unescapeBuffer,
  unescape: qsUnescape,
  escape: qsEscape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
};
