'use strict';
// The bridge's wire format, compiled into both sides: the main process
// (shell/lib) and the web-process extension (bridge/meson.build takes this
// same file). A message batch is a run of records; each record's payload
// holds values in a structured-clone encoding (undefined, null, booleans,
// numbers incl. -0/NaN, BigInt, strings, arrays (sparse too), plain objects,
// Date, RegExp, Map, Set, Error, ArrayBuffer, typed arrays, DataView, boxed
// primitives, shared references and cycles). Big ArrayBuffers travel out of
// band (a memfd each, see ui-ipc.c and bridge-page.c); the record holds their
// index. The contextBridge reuses the encoding with function and promise
// handles.
//
// A batch is one user message from one frame (the message names the frame).
// Record: u32 byteLength (whole record) | u8 kind | payload. Everything
// little-endian. Decoding checks every length against the bytes
// left, so a hostile sender gets an exception, never an out-of-bounds read or
// a huge allocation.

const RECORD_HEADER = 5;
// Record kinds. Renderer to main: SEND, INVOKE, SYNC, POST, PORT_*, CONSOLE,
// FRAME_OP, HOST. Main to renderer: SEND, REPLY, POST, PORT_*.
const KIND = {
  SEND: 1, INVOKE: 2, SYNC: 3, POST: 4, PORT_MESSAGE: 5, PORT_CLOSE: 6, REPLY: 7,
  CONSOLE: 8, FRAME_OP: 9, HOST: 10,
};
// Buffers at least this big leave the byte stream (one memfd each).
const OOB_MIN = 128 * 1024;
// Refused at the sender (and dropped at the receiver) above these.
const MAX_RECORD = 128 * 1024 * 1024;
const MAX_OOB_BYTES = 2 * 1024 * 1024 * 1024;
const MAX_OOB_COUNT = 64;
const MAX_DEPTH = 2000;

const T_UNDEF = 0, T_NULL = 1, T_FALSE = 2, T_TRUE = 3, T_INT = 4, T_NUM = 5;
const T_STR8 = 6, T_STR16 = 7, T_BIGINT = 8, T_ARRAY = 9, T_SPARSE = 10;
const T_OBJECT = 11, T_DATE = 12, T_REGEXP = 13, T_MAP = 14, T_SET = 15;
const T_ERROR = 16, T_BUFFER = 17, T_OOB = 18, T_VIEW = 19, T_REF = 20;
const T_BOXED = 21, T_FUNCTION = 22, T_PROMISE = 23, T_PORT = 24;

const ObjectPrototype = Object.prototype;
const ArrayPrototype = Array.prototype;
const getPrototypeOf = Object.getPrototypeOf;
const objectKeys = Object.keys;
const defineProperty = Object.defineProperty;
const isArray = Array.isArray;
const isView = ArrayBuffer.isView;
const toStringTag = Function.prototype.call.bind(ObjectPrototype.toString);
const hasOwn = Function.prototype.call.bind(ObjectPrototype.hasOwnProperty);
const fromCharCode = String.fromCharCode;
const errorNames = ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];
const errorCtors = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError];
const viewCtors = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
  Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView];
const viewBytes = [1, 1, 1, 2, 2, 4, 4, 4, 8, 8, 8, 1];

// A DataCloneError naming what could not be sent and where it sat.
function cloneError(what, path) {
  const msg = `${what} at ${path} could not be cloned`;
  let err;
  if (typeof DOMException === 'function') {
    try { err = new DOMException(msg, 'DataCloneError'); } catch { err = undefined; }
  }
  if (err === undefined) {
    err = new TypeError(msg);
    err.name = 'DataCloneError';
  }
  return err;
}

// Thrown inside the encoder; each level adds where it was, and value()
// turns it into the DataCloneError (paths cost nothing until then).
class CloneFailure {
  constructor(what) {
    this.what = what;
    this.path = [];
  }
}

function at(err, segment) {
  if (err instanceof CloneFailure) err.path.push(segment);
  return err;
}

function describe(value) {
  if (typeof value === 'function') {
    return value.name ? `function ${value.name}` : 'an anonymous function';
  }
  if (typeof value === 'symbol') return `${String(value)}`;
  const tag = toStringTag(value).slice(8, -1);
  if (typeof Node === 'function' && value instanceof Node) return `DOM node ${tag} (DOM nodes cannot leave the page)`;
  return `${/^[AEIOU]/.test(tag) ? 'an' : 'a'} ${tag} object`;
}

class Writer {
  constructor(size = 4096) {
    this.u8 = new Uint8Array(size);
    this.dv = new DataView(this.u8.buffer);
    this.pos = 0;
    this.oob = null; // ArrayBuffers sent out of band, by index
    this.recordStart = -1;
    this.oobMark = 0;
    this.inlineOnly = false; // no out-of-band buffers (sendSync replies)
  }

  reset() {
    this.pos = 0;
    this.oob = null;
    if (this.u8.length > 1 << 20) {
      this.u8 = new Uint8Array(4096);
      this.dv = new DataView(this.u8.buffer);
    }
  }

  grow(need) {
    // Refused before the memory is taken: the record could only fail.
    if (this.recordStart >= 0 && this.pos + need - this.recordStart > MAX_RECORD) this.tooLarge(this.pos + need - this.recordStart);
    let size = this.u8.length * 2;
    while (size < this.pos + need) size *= 2;
    const u8 = new Uint8Array(size);
    u8.set(this.u8.subarray(0, this.pos));
    this.u8 = u8;
    this.dv = new DataView(u8.buffer);
  }

  u8v(v) {
    if (this.pos + 1 > this.u8.length) this.grow(1);
    this.u8[this.pos++] = v;
  }

  u32(v) {
    if (this.pos + 4 > this.u8.length) this.grow(4);
    this.dv.setUint32(this.pos, v, true);
    this.pos += 4;
  }

  f64(v) {
    if (this.pos + 8 > this.u8.length) this.grow(8);
    this.dv.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  // Latin-1 strings as bytes, others as UTF-16 code units (lone surrogates
  // survive, as structured clone requires).
  str(s) {
    const n = s.length;
    if (this.pos + 5 + n > this.u8.length) this.grow(5 + n);
    let u8 = this.u8;
    let p = this.pos + 5;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 255) break;
      u8[p++] = c;
    }
    if (i === n) {
      u8[this.pos] = T_STR8;
      this.dv.setUint32(this.pos + 1, n, true);
      this.pos = p;
      return;
    }
    if (this.pos + 5 + n * 2 > this.u8.length) this.grow(5 + n * 2);
    u8 = this.u8;
    u8[this.pos] = T_STR16;
    this.dv.setUint32(this.pos + 1, n, true);
    p = this.pos + 5;
    for (i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      u8[p++] = c & 255;
      u8[p++] = c >> 8;
    }
    this.pos = p;
  }

  bytes(u8src) {
    const n = u8src.length;
    if (this.pos + n > this.u8.length) this.grow(n);
    this.u8.set(u8src, this.pos);
    this.pos += n;
  }

  beginRecord(kind) {
    if (this.pos + RECORD_HEADER > this.u8.length) this.grow(RECORD_HEADER);
    this.recordStart = this.pos;
    this.oobMark = this.oob === null ? 0 : this.oob.length;
    this.u8[this.pos + 4] = kind;
    this.pos += RECORD_HEADER;
  }

  get busy() {
    return this.recordStart >= 0;
  }

  // Throws (and drops the record) when it grew past MAX_RECORD.
  endRecord() {
    const len = this.pos - this.recordStart;
    if (len > MAX_RECORD) this.tooLarge(len);
    this.dv.setUint32(this.recordStart, len, true);
    this.recordStart = -1;
  }

  tooLarge(len) {
    this.abortRecord();
    const err = new RangeError(`the message is too large to send (at least ${len} bytes encoded; the limit is ${MAX_RECORD}; ArrayBuffers of ${OOB_MIN} bytes or more do not count)`);
    err.code = 'ERR_IPC_MESSAGE_TOO_LARGE';
    throw err;
  }

  // Drops a record that failed half-way through encoding.
  abortRecord() {
    if (this.recordStart >= 0) {
      this.pos = this.recordStart;
      if (this.oob !== null) this.oob.length = this.oobMark;
    }
    this.recordStart = -1;
  }

  // Encodes `value`. `bridge` (contextBridge only) turns functions and
  // promises into handles: bridge.fn(f) and bridge.promise(p) return ids.
  // `ports` (worker_threads) gives a transferred port's index in the
  // message's transfer list, or -1 for other objects.
  value(value, bridge, name = 'the message', ports = undefined) {
    const state = { seen: null, count: 0, bridge, depth: 0, ports };
    try {
      this.any(value, state);
    } catch (err) {
      if (!(err instanceof CloneFailure)) throw err;
      throw cloneError(err.what, name + err.path.reverse().join(''));
    }
  }

  any(v, st) {
    switch (typeof v) {
      case 'undefined': this.u8v(T_UNDEF); return;
      case 'boolean': this.u8v(v ? T_TRUE : T_FALSE); return;
      case 'number':
        if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
          if (this.pos + 5 > this.u8.length) this.grow(5);
          this.u8[this.pos] = T_INT;
          this.dv.setInt32(this.pos + 1, v, true);
          this.pos += 5;
        } else {
          this.u8v(T_NUM);
          this.f64(v);
        }
        return;
      case 'string': this.str(v); return;
      case 'bigint':
        this.u8v(T_BIGINT);
        this.str(v.toString(16));
        return;
      case 'symbol':
        if (st.bridge) { this.u8v(T_UNDEF); return; }
        throw new CloneFailure(describe(v));
      case 'function':
        if (st.bridge) {
          this.u8v(T_FUNCTION);
          this.u32(st.bridge.fn(v));
          let name = '';
          try { name = typeof v.name === 'string' ? v.name : ''; } catch { /* a throwing getter */ }
          this.str(name);
          return;
        }
        throw new CloneFailure(describe(v));
      default:
        if (v === null) { this.u8v(T_NULL); return; }
        this.object(v, st);
    }
  }

  object(v, st) {
    if (st.seen === null) st.seen = new Map();
    const ref = st.seen.get(v);
    if (ref !== undefined) {
      this.u8v(T_REF);
      this.u32(ref);
      return;
    }
    if (++st.depth > MAX_DEPTH) throw new CloneFailure(`an object nested more than ${MAX_DEPTH} levels deep`);
    st.seen.set(v, st.count++);
    if (st.ports !== undefined) {
      const i = st.ports(v);
      if (i >= 0) {
        this.u8v(T_PORT);
        this.u32(i);
        st.depth--;
        return;
      }
    }
    const proto = getPrototypeOf(v);
    if (proto === ObjectPrototype || proto === null) this.plain(v, st);
    else if (proto === ArrayPrototype || isArray(v)) this.array(v, st);
    else this.special(v, st);
    st.depth--;
  }

  plain(v, st) {
    const keys = objectKeys(v);
    const n = keys.length;
    this.u8v(T_OBJECT);
    this.u32(n);
    for (let i = 0; i < n; i++) {
      const k = keys[i];
      this.str(k);
      try { this.any(v[k], st); } catch (err) { throw at(err, `.${k}`); }
    }
  }

  array(v, st) {
    const n = v.length;
    let dense = true;
    for (let i = 0; i < n; i++) {
      if (!(i in v)) { dense = false; break; }
    }
    if (dense) {
      this.u8v(T_ARRAY);
      this.u32(n);
      for (let i = 0; i < n; i++) {
        try { this.any(v[i], st); } catch (err) { throw at(err, `[${i}]`); }
      }
      return;
    }
    const keys = objectKeys(v);
    this.u8v(T_SPARSE);
    this.u32(n);
    this.u32(keys.length);
    for (let i = 0; i < keys.length; i++) {
      this.str(keys[i]);
      try { this.any(v[keys[i]], st); } catch (err) { throw at(err, `[${keys[i]}]`); }
    }
  }

  special(v, st) {
    if (isView(v)) { this.view(v, st); return; }
    if (v instanceof ArrayBuffer) { this.buffer(v); return; }
    if (v instanceof Date) { this.u8v(T_DATE); this.f64(v.getTime()); return; }
    if (v instanceof RegExp) { this.u8v(T_REGEXP); this.str(v.source); this.str(v.flags); return; }
    if (v instanceof Map) {
      this.u8v(T_MAP);
      this.u32(v.size);
      let i = 0;
      for (const [key, val] of v) {
        try { this.any(key, st); } catch (err) { throw at(err, `<key ${i}>`); }
        try { this.any(val, st); } catch (err) { throw at(err, `<value ${i}>`); }
        i++;
      }
      return;
    }
    if (v instanceof Set) {
      this.u8v(T_SET);
      this.u32(v.size);
      let i = 0;
      for (const val of v) {
        try { this.any(val, st); } catch (err) { throw at(err, `<entry ${i}>`); }
        i++;
      }
      return;
    }
    if (v instanceof Error) { this.error(v, st); return; }
    if (typeof Promise === 'function' && v instanceof Promise && st.bridge) {
      this.u8v(T_PROMISE);
      this.u32(st.bridge.promise(v));
      return;
    }
    if (v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof BigInt) {
      this.u8v(T_BOXED);
      this.any(v.valueOf(), st);
      return;
    }
    // Class instances clone as their own enumerable properties; platform
    // objects (DOM nodes, WeakMaps, promises...) do not clone at all.
    const tag = toStringTag(v);
    if (tag === '[object Object]' || tag === '[object Arguments]') {
      if (typeof Node === 'function' && v instanceof Node) throw new CloneFailure(describe(v));
      this.plain(v, st);
      return;
    }
    throw new CloneFailure(describe(v));
  }

  buffer(ab) {
    const n = ab.byteLength;
    if (n >= OOB_MIN && !this.inlineOnly) {
      if (this.oob === null) this.oob = [];
      if (this.oob.length >= MAX_OOB_COUNT) throw new CloneFailure(`more than ${MAX_OOB_COUNT} large ArrayBuffers`);
      let total = n;
      for (const b of this.oob) total += b.byteLength;
      if (total > MAX_OOB_BYTES) throw new CloneFailure(`ArrayBuffers over ${MAX_OOB_BYTES} bytes in all`);
      this.u8v(T_OOB);
      this.u32(this.oob.length);
      this.oob.push(ab);
      return;
    }
    this.u8v(T_BUFFER);
    this.u32(n);
    this.bytes(new Uint8Array(ab));
  }

  view(v, st) {
    let kind = -1;
    for (let i = 0; i < viewCtors.length; i++) {
      if (v instanceof viewCtors[i]) { kind = i; break; }
    }
    if (kind < 0) throw new CloneFailure(describe(v));
    this.u8v(T_VIEW);
    this.u8v(kind);
    this.u32(v.byteOffset);
    this.u32(kind === 11 ? v.byteLength : v.length);
    // The whole buffer goes, as structured clone does; shared once.
    const buf = v.buffer;
    const ref = st.seen.get(buf);
    if (ref !== undefined) {
      this.u8v(T_REF);
      this.u32(ref);
      return;
    }
    st.seen.set(buf, st.count++);
    this.buffer(buf);
  }

  error(e, st) {
    this.u8v(T_ERROR);
    let name = 'Error', message = '', stack;
    try { name = String(e.name); } catch { /* a throwing getter keeps the default */ }
    try { message = String(e.message); } catch { /* idem */ }
    try { stack = e.stack; } catch { stack = undefined; }
    this.str(name);
    this.str(message);
    if (typeof stack === 'string') { this.u8v(1); this.str(stack); } else this.u8v(0);
    if (hasOwn(e, 'cause')) {
      this.u8v(1);
      try { this.any(e.cause, st); } catch (err) { throw at(err, '.cause'); }
    } else {
      this.u8v(0);
    }
    // Own enumerable extras (code, errno...) ride along: IPC errors are
    // more useful with them, and receivers that do not know them ignore them.
    const keys = objectKeys(e);
    const extra = [];
    for (const k of keys) {
      if (k !== 'name' && k !== 'message' && k !== 'stack' && k !== 'cause') extra.push(k);
    }
    this.u32(extra.length);
    for (const k of extra) {
      this.str(k);
      try { this.any(e[k], st); } catch (err) { throw at(err, `.${k}`); }
    }
  }
}

function malformed(what) {
  const err = new RangeError(`malformed IPC message: ${what}`);
  err.code = 'ERR_IPC_MALFORMED';
  return err;
}

class Reader {
  // Reads bytes [start, end) of `buffer`; `oob` holds the out-of-band
  // ArrayBuffers of the batch.
  constructor(buffer, start, end, oob) {
    this.buffer = buffer;
    this.dv = new DataView(buffer);
    this.u8 = new Uint8Array(buffer);
    this.pos = start;
    this.end = end;
    this.oob = oob;
  }

  need(n) {
    if (n > this.end - this.pos) throw malformed('truncated');
  }

  u8v() {
    this.need(1);
    return this.u8[this.pos++];
  }

  u32() {
    this.need(4);
    const v = this.dv.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  f64() {
    this.need(8);
    const v = this.dv.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  str() {
    const tag = this.u8v();
    return this.strBody(tag);
  }

  // A list of MessagePort ids (u32 count, u32 each), as both sides write it.
  portIds() {
    const n = this.u32();
    if (n > this.end - this.pos) throw new RangeError('malformed IPC message: bad port count');
    const ids = [];
    for (let i = 0; i < n; i++) ids.push(this.u32());
    return ids;
  }

  strBody(tag) {
    const n = this.u32();
    const u8 = this.u8;
    let p = this.pos;
    if (tag === T_STR8) {
      this.need(n);
      this.pos += n;
      if (n < 32) {
        let s = '';
        for (let i = 0; i < n; i++) s += fromCharCode(u8[p + i]);
        return s;
      }
      let s = '';
      for (let i = 0; i < n; i += 8192) s += fromCharCode.apply(null, u8.subarray(p + i, p + Math.min(n, i + 8192)));
      return s;
    }
    if (tag !== T_STR16) throw malformed(`expected a string, found tag ${tag}`);
    if (n > (this.end - this.pos) / 2) throw malformed('truncated');
    this.pos += n * 2;
    const units = new Array(Math.min(n, 8192));
    let s = '';
    for (let i = 0; i < n;) {
      const m = Math.min(n - i, 8192);
      units.length = m;
      for (let j = 0; j < m; j++, p += 2) units[j] = u8[p] | (u8[p + 1] << 8);
      s += fromCharCode.apply(null, units);
      i += m;
    }
    return s;
  }

  // `bridge` (contextBridge only): bridge.fn(id) and bridge.promise(id)
  // make the proxies.
  value(bridge, ports = undefined) {
    const state = { seen: [], bridge, depth: 0, ports };
    return this.any(state);
  }

  any(st) {
    const tag = this.u8v();
    switch (tag) {
      case T_UNDEF: return undefined;
      case T_NULL: return null;
      case T_FALSE: return false;
      case T_TRUE: return true;
      case T_INT: {
        this.need(4);
        const v = this.dv.getInt32(this.pos, true);
        this.pos += 4;
        return v;
      }
      case T_NUM: return this.f64();
      case T_STR8: case T_STR16: return this.strBody(tag);
      case T_BIGINT: {
        const hex = this.str();
        if (!/^-?[0-9a-f]+$/.test(hex)) throw malformed('bad BigInt');
        return hex[0] === '-' ? -BigInt(`0x${hex.slice(1)}`) : BigInt(`0x${hex}`);
      }
      case T_REF: {
        const i = this.u32();
        if (i >= st.seen.length || st.seen[i] === undefined) throw malformed('bad reference');
        return st.seen[i];
      }
      case T_FUNCTION: {
        if (!st.bridge) throw malformed('a function handle outside the contextBridge');
        const id = this.u32();
        return st.bridge.fn(id, this.str());
      }
      case T_PROMISE: {
        if (!st.bridge) throw malformed('a promise handle outside the contextBridge');
        return st.bridge.promise(this.u32());
      }
      case T_PORT: {
        const i = this.u32();
        const port = st.ports !== undefined && i < st.ports.length ? st.ports[i] : undefined;
        if (port === undefined) throw malformed('bad port reference');
        st.seen.push(port);
        return port;
      }
      default:
        break;
    }
    if (++st.depth > MAX_DEPTH) throw malformed('nested too deep');
    const v = this.compound(tag, st);
    st.depth--;
    return v;
  }

  compound(tag, st) {
    const seen = st.seen;
    switch (tag) {
      case T_OBJECT: {
        const o = {};
        seen.push(o);
        const n = this.u32();
        if (n > this.end - this.pos) throw malformed('truncated');
        for (let i = 0; i < n; i++) {
          const k = this.str();
          const v = this.any(st);
          if (k === '__proto__') defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
          else o[k] = v;
        }
        return o;
      }
      case T_ARRAY: {
        const n = this.u32();
        if (n > this.end - this.pos) throw malformed('truncated');
        const a = new Array(n);
        seen.push(a);
        for (let i = 0; i < n; i++) a[i] = this.any(st);
        return a;
      }
      case T_SPARSE: {
        const len = this.u32();
        const a = [];
        seen.push(a);
        const n = this.u32();
        if (n > this.end - this.pos) throw malformed('truncated');
        for (let i = 0; i < n; i++) {
          const k = this.str();
          const v = this.any(st);
          if (k === '__proto__') defineProperty(a, k, { value: v, writable: true, enumerable: true, configurable: true });
          else a[k] = v;
        }
        a.length = len;
        return a;
      }
      case T_DATE: {
        const d = new Date(this.f64());
        seen.push(d);
        return d;
      }
      case T_REGEXP: {
        const source = this.str();
        const flags = this.str();
        let r;
        try { r = new RegExp(source, flags); } catch { throw malformed('bad RegExp'); }
        seen.push(r);
        return r;
      }
      case T_MAP: {
        const m = new Map();
        seen.push(m);
        const n = this.u32();
        if (n > this.end - this.pos) throw malformed('truncated');
        for (let i = 0; i < n; i++) {
          const k = this.any(st);
          m.set(k, this.any(st));
        }
        return m;
      }
      case T_SET: {
        const s = new Set();
        seen.push(s);
        const n = this.u32();
        if (n > this.end - this.pos) throw malformed('truncated');
        for (let i = 0; i < n; i++) s.add(this.any(st));
        return s;
      }
      case T_ERROR: return this.error(st);
      case T_BUFFER: case T_OOB: {
        const b = this.bufferBody(tag);
        seen.push(b);
        return b;
      }
      case T_VIEW: return this.view(st);
      case T_BOXED: {
        const slot = seen.length;
        seen.push(undefined);
        const inner = this.any(st);
        const t = typeof inner;
        if (t !== 'number' && t !== 'string' && t !== 'boolean' && t !== 'bigint') throw malformed('bad boxed value');
        const o = Object(inner);
        seen[slot] = o;
        return o;
      }
      default:
        throw malformed(`unknown tag ${tag}`);
    }
  }

  bufferBody(tag) {
    if (tag === T_OOB) {
      const i = this.u32();
      if (this.oob === null || this.oob === undefined || i >= this.oob.length) throw malformed('bad out-of-band buffer');
      return this.oob[i];
    }
    const n = this.u32();
    this.need(n);
    const b = this.buffer.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  view(st) {
    const slot = st.seen.length;
    st.seen.push(undefined);
    const kind = this.u8v();
    const offset = this.u32();
    const length = this.u32();
    if (kind >= viewCtors.length) throw malformed('bad view type');
    const tag = this.u8v();
    let buf;
    if (tag === T_REF) {
      const i = this.u32();
      buf = i < st.seen.length ? st.seen[i] : undefined;
      if (!(buf instanceof ArrayBuffer)) throw malformed('bad view buffer');
    } else if (tag === T_BUFFER || tag === T_OOB) {
      buf = this.bufferBody(tag);
      st.seen.push(buf);
    } else {
      throw malformed('bad view buffer');
    }
    if (offset > buf.byteLength || length * viewBytes[kind] > buf.byteLength - offset || offset % viewBytes[kind] !== 0) {
      throw malformed('view out of its buffer');
    }
    const v = new viewCtors[kind](buf, offset, length);
    st.seen[slot] = v;
    return v;
  }

  error(st) {
    const slot = st.seen.length;
    st.seen.push(undefined);
    const name = this.str();
    const message = this.str();
    const stack = this.u8v() === 1 ? this.str() : undefined;
    const i = errorNames.indexOf(name);
    const e = new (i >= 0 ? errorCtors[i] : Error)(message);
    if (i < 0) defineProperty(e, 'name', { value: name, writable: true, enumerable: false, configurable: true });
    defineProperty(e, 'stack', { value: stack === undefined ? `${name}: ${message}` : stack, writable: true, enumerable: false, configurable: true });
    st.seen[slot] = e;
    if (this.u8v() === 1) defineProperty(e, 'cause', { value: this.any(st), writable: true, enumerable: false, configurable: true });
    const n = this.u32();
    if (n > this.end - this.pos) throw malformed('truncated');
    for (let j = 0; j < n; j++) {
      const k = this.str();
      const v = this.any(st);
      if (k !== '__proto__') e[k] = v;
    }
    return e;
  }
}

// Calls onRecord(kind, reader, index) for each record of a batch;
// a record that throws is reported through onError(err, index) and skipped,
// the rest still run. A broken frame ends the batch.
function forEachRecord(buffer, start, end, oob, onRecord, onError) {
  const dv = new DataView(buffer);
  const reader = new Reader(buffer, start, end, oob);
  let pos = start;
  let index = 0;
  while (pos < end) {
    if (end - pos < RECORD_HEADER) { onError(malformed('truncated record header'), index); return; }
    const len = dv.getUint32(pos, true);
    if (len < RECORD_HEADER || len > end - pos) { onError(malformed(`bad record length ${len}`), index); return; }
    const kind = dv.getUint8(pos + 4);
    reader.pos = pos + RECORD_HEADER;
    reader.end = pos + len;
    try {
      onRecord(kind, reader, index);
    } catch (err) {
      onError(err, index);
    }
    pos += len;
    index++;
  }
}

module.exports = {
  Writer, Reader, forEachRecord, cloneError, describe, KIND,
  OOB_MIN, MAX_RECORD, MAX_OOB_BYTES, MAX_OOB_COUNT,
};
