'use strict';
// Headers (WHATWG Fetch): a case-insensitive header list that iterates
// sorted by lower-cased name with repeated values joined by ", ", except
// Set-Cookie, whose values stay apart (getSetCookie). A guard makes the
// headers of Response.error()/redirect() immutable.

const { codes: { ERR_INVALID_THIS, ERR_MISSING_ARGS } } = require('internal/errors');

const kList = Symbol('headers list');
const kGuard = Symbol('headers guard');
const kInspect = Symbol.for('nodejs.util.inspect.custom');

// RFC 7230 token characters, by char code.
const tokenChars = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  tokenChars[c.charCodeAt(0)] = 1;
}

function isToken(s) {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || tokenChars[c] === 0) return false;
  }
  return true;
}

function isHTTPWhitespace(c) {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

// Strips leading and trailing HTTP whitespace (the spec's "normalize").
function normalizeValue(value) {
  let start = 0;
  let end = value.length;
  while (start < end && isHTTPWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHTTPWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

function isValidValue(value) {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0 || c === 0x0a || c === 0x0d || c > 0xff) return false;
  }
  return true;
}

function toByteString(value, context) {
  const s = `${value}`;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) {
      throw new TypeError(`${context}: Cannot convert argument to a ByteString because the character at index ${i} ` +
        `has a value of ${s.charCodeAt(i)} which is greater than 255.`);
    }
  }
  return s;
}

function checkName(name, method) {
  if (!isToken(name)) throw new TypeError(`Headers.${method}: "${name}" is an invalid header name.`);
}

function checkValue(value, method) {
  if (!isValidValue(value)) throw new TypeError(`Headers.${method}: "${value}" is an invalid header value.`);
}

// The list: lower-cased name -> { name (as first given), values: [] }.
function appendToList(list, name, value) {
  const key = name.toLowerCase();
  const entry = list.get(key);
  if (entry === undefined) list.set(key, { name, values: [value] });
  else entry.values.push(value);
}

function checkThis(self) {
  if (self === null || typeof self !== 'object' || self[kList] === undefined) throw new ERR_INVALID_THIS('Headers');
}

function checkMutable(self) {
  if (self[kGuard] === 'immutable') throw new TypeError('immutable');
}

function fill(headers, init) {
  if (init === null || (typeof init !== 'object' && typeof init !== 'function')) {
    throw new TypeError('Headers constructor: expected an object or a sequence of pairs');
  }
  if (init[kList] !== undefined) {
    for (const [key, entry] of init[kList]) {
      headers[kList].set(key, { name: entry.name, values: entry.values.slice() });
    }
    return;
  }
  if (typeof init[Symbol.iterator] === 'function') {
    for (const pair of init) {
      if (pair === null || typeof pair !== 'object' || typeof pair[Symbol.iterator] !== 'function') {
        throw new TypeError('Headers constructor: expected name/value pair to be an iterable');
      }
      const p = [...pair];
      if (p.length !== 2) {
        throw new TypeError(`Headers constructor: expected name/value pair to be length 2, found ${p.length}.`);
      }
      headers.append(p[0], p[1]);
    }
    return;
  }
  for (const key of Reflect.ownKeys(init)) {
    const desc = Reflect.getOwnPropertyDescriptor(init, key);
    if (desc === undefined || !desc.enumerable) continue;
    if (typeof key === 'symbol') throw new TypeError('Headers constructor: header names must be strings');
    headers.append(key, init[key]);
  }
}

class Headers {
  constructor(init = undefined) {
    this[kList] = new Map();
    this[kGuard] = 'none';
    if (init !== undefined) fill(this, init);
  }

  append(name, value) {
    checkThis(this);
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    name = toByteString(name, 'Headers.append');
    value = normalizeValue(toByteString(value, 'Headers.append'));
    checkName(name, 'append');
    checkValue(value, 'append');
    checkMutable(this);
    appendToList(this[kList], name, value);
  }

  delete(name) {
    checkThis(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toByteString(name, 'Headers.delete');
    checkName(name, 'delete');
    checkMutable(this);
    this[kList].delete(name.toLowerCase());
  }

  get(name) {
    checkThis(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toByteString(name, 'Headers.get');
    checkName(name, 'get');
    const entry = this[kList].get(name.toLowerCase());
    return entry === undefined ? null : entry.values.join(', ');
  }

  getSetCookie() {
    checkThis(this);
    const entry = this[kList].get('set-cookie');
    return entry === undefined ? [] : entry.values.slice();
  }

  has(name) {
    checkThis(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toByteString(name, 'Headers.has');
    checkName(name, 'has');
    return this[kList].has(name.toLowerCase());
  }

  set(name, value) {
    checkThis(this);
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    name = toByteString(name, 'Headers.set');
    value = normalizeValue(toByteString(value, 'Headers.set'));
    checkName(name, 'set');
    checkValue(value, 'set');
    checkMutable(this);
    const key = name.toLowerCase();
    const entry = this[kList].get(key);
    if (entry === undefined) this[kList].set(key, { name, values: [value] });
    else entry.values = [value];
  }

  forEach(callback, thisArg = undefined) {
    checkThis(this);
    if (typeof callback !== 'function') {
      throw new TypeError("Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'Function'.");
    }
    for (const [name, value] of sortedPairs(this)) callback.call(thisArg, value, name, this);
  }

  keys() {
    checkThis(this);
    return makeIterator(this, 'key');
  }

  values() {
    checkThis(this);
    return makeIterator(this, 'value');
  }

  entries() {
    checkThis(this);
    return makeIterator(this, 'key+value');
  }

  [kInspect](depth, options, inspect) {
    const o = {};
    for (const [k, v] of sortedPairs(this)) {
      if (o[k] === undefined) o[k] = v;
      else o[k] = [].concat(o[k], v);
    }
    return `Headers ${inspect(o, options)}`;
  }
}
Object.defineProperty(Headers.prototype, Symbol.iterator, {
  __proto__: null, value: Headers.prototype.entries, writable: true, configurable: true, enumerable: false,
});
Object.defineProperty(Headers.prototype, Symbol.toStringTag, {
  __proto__: null, value: 'Headers', configurable: true,
});
for (const name of ['append', 'delete', 'get', 'getSetCookie', 'has', 'set', 'forEach', 'keys', 'values', 'entries']) {
  Object.defineProperty(Headers.prototype, name, { enumerable: true });
}

// The spec's "sort and combine": sorted names, joined values, Set-Cookie
// values each on their own.
function sortedPairs(headers) {
  const keys = [...headers[kList].keys()].sort();
  const out = [];
  for (const key of keys) {
    const { values } = headers[kList].get(key);
    if (key === 'set-cookie') {
      for (const v of values) out.push([key, v]);
    } else {
      out.push([key, values.join(', ')]);
    }
  }
  return out;
}

const HeadersIteratorPrototype = Object.create(Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())), {
  next: {
    __proto__: null,
    value: function next() {
      const state = this[kList];
      if (state === undefined) throw new TypeError("'next' called on an object that does not implement interface Headers Iterator.");
      // Sorted afresh each step: the spec iterates a live, sorted view.
      const pairs = sortedPairs(state.headers);
      if (state.index >= pairs.length) return { value: undefined, done: true };
      const [k, v] = pairs[state.index++];
      if (state.kind === 'key') return { value: k, done: false };
      if (state.kind === 'value') return { value: v, done: false };
      return { value: [k, v], done: false };
    },
    writable: true,
    enumerable: true,
    configurable: true,
  },
  [Symbol.toStringTag]: { __proto__: null, value: 'Headers Iterator', configurable: true },
});

function makeIterator(headers, kind) {
  const it = Object.create(HeadersIteratorPrototype);
  it[kList] = { headers, kind, index: 0 };
  return it;
}

// ---------------------------------------------------------------------------
// For Request, Response and fetch.

function setGuard(headers, guard) {
  headers[kGuard] = guard;
}

function getGuard(headers) {
  return headers[kGuard];
}

function headersFromRaw(raw) {
  const h = new Headers();
  const list = h[kList];
  for (let i = 0; i < raw.length; i += 2) appendToList(list, raw[i], raw[i + 1]);
  return h;
}

// [name, value] pairs as given (not sorted), for sending.
function rawPairs(headers) {
  const out = [];
  for (const entry of headers[kList].values()) {
    if (entry.name.toLowerCase() === 'set-cookie') {
      for (const v of entry.values) out.push([entry.name, v]);
    } else {
      out.push([entry.name, entry.values.join(', ')]);
    }
  }
  return out;
}

// The list's own delete/set, past the guard.
function deleteHeader(headers, name) {
  headers[kList].delete(name.toLowerCase());
}

function setHeader(headers, name, value) {
  headers[kList].set(name.toLowerCase(), { name, values: [value] });
}

function hasHeader(headers, name) {
  return headers[kList].has(name.toLowerCase());
}

function getHeader(headers, name) {
  const entry = headers[kList].get(name.toLowerCase());
  return entry === undefined ? null : entry.values.join(', ');
}

module.exports = {
  Headers,
  fill,
  setGuard,
  getGuard,
  headersFromRaw,
  rawPairs,
  deleteHeader,
  setHeader,
  hasHeader,
  getHeader,
  isToken,
};
