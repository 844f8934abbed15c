'use strict';
// FormData (XMLHttpRequest standard) without forms: an ordered list of
// name/value entries whose values are strings or Files (a Blob becomes a
// File named "blob"), and its multipart/form-data encoding and parsing for
// fetch bodies.

const { Buffer } = require('buffer');
const { Blob, File, isBlob, blobBytes } = require('internal/blob');
const { codes: { ERR_INVALID_THIS, ERR_MISSING_ARGS } } = require('internal/errors');

const kEntries = Symbol('entries');
const kInspect = Symbol.for('nodejs.util.inspect.custom');

function checkThis(self) {
  if (self === null || typeof self !== 'object' || self[kEntries] === undefined) {
    throw new ERR_INVALID_THIS('FormData');
  }
}

function toUSVString(value) {
  return `${value}`.toWellFormed ? `${value}`.toWellFormed() : `${value}`;
}

// The spec's "create an entry".
function makeEntry(name, value, filename) {
  name = toUSVString(name);
  if (isBlob(value)) {
    if (!(value instanceof File) || filename !== undefined) {
      const options = { type: value.type };
      if (value instanceof File) options.lastModified = value.lastModified;
      value = new File([value], filename !== undefined ? toUSVString(filename) : (value.name ?? 'blob'), options);
    }
  } else {
    value = toUSVString(value);
  }
  return { name, value };
}

class FormData {
  constructor(form = undefined) {
    if (form !== undefined) {
      throw new TypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
    }
    this[kEntries] = [];
  }

  append(name, value, filename = undefined) {
    checkThis(this);
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    if (arguments.length === 3 && !isBlob(value)) {
      throw new TypeError("Failed to execute 'append' on 'FormData': parameter 2 is not of type 'Blob'");
    }
    this[kEntries].push(makeEntry(name, value, filename));
  }

  delete(name) {
    checkThis(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    this[kEntries] = this[kEntries].filter((e) => e.name !== name);
  }

  get(name) {
    checkThis(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    const entry = this[kEntries].find((e) => e.name === name);
    return entry === undefined ? null : entry.value;
  }

  getAll(name) {
    checkThis(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    return this[kEntries].filter((e) => e.name === name).map((e) => e.value);
  }

  has(name) {
    checkThis(this);
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    name = toUSVString(name);
    return this[kEntries].some((e) => e.name === name);
  }

  set(name, value, filename = undefined) {
    checkThis(this);
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    if (arguments.length === 3 && !isBlob(value)) {
      throw new TypeError("Failed to execute 'set' on 'FormData': parameter 2 is not of type 'Blob'");
    }
    const entry = makeEntry(name, value, filename);
    const entries = this[kEntries];
    const first = entries.findIndex((e) => e.name === entry.name);
    if (first === -1) {
      entries.push(entry);
      return;
    }
    entries[first] = entry;
    this[kEntries] = entries.filter((e, i) => i <= first || e.name !== entry.name);
  }

  forEach(callback, thisArg = undefined) {
    checkThis(this);
    if (typeof callback !== 'function') {
      throw new TypeError("Failed to execute 'forEach' on 'FormData': parameter 1 is not of type 'Function'.");
    }
    for (const [name, value] of this) callback.call(thisArg, value, name, this);
  }

  * entries() {
    checkThis(this);
    for (let i = 0; i < this[kEntries].length; i++) {
      const e = this[kEntries][i];
      yield [e.name, e.value];
    }
  }

  * keys() {
    for (const [name] of this.entries()) yield name;
  }

  * values() {
    for (const [, value] of this.entries()) yield value;
  }

  [kInspect](depth, options, inspect) {
    return `FormData ${inspect(this[kEntries].map((e) => ({ name: e.name, value: e.value })), options)}`;
  }
}
Object.defineProperty(FormData.prototype, Symbol.iterator, {
  __proto__: null, value: FormData.prototype.entries, writable: true, configurable: true, enumerable: false,
});
Object.defineProperty(FormData.prototype, Symbol.toStringTag, {
  __proto__: null, value: 'FormData', configurable: true,
});

function isFormData(value) {
  return value !== null && typeof value === 'object' && value[kEntries] !== undefined;
}

// ---------------------------------------------------------------------------
// multipart/form-data

function escapeName(s) {
  return s.replace(/\r\n|\r|\n/g, '\r\n').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
}

// The encoded body as one Uint8Array and its boundary.
function encodeMultipart(formData) {
  const random = require('crypto').randomBytes(12).toString('hex');
  const boundary = `----formdata-anode-${random}`;
  const parts = [];
  for (const { name, value } of formData[kEntries]) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(name)}"`;
    if (typeof value === 'string') {
      parts.push(Buffer.from(`${head}\r\n\r\n${value.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n')}\r\n`));
    } else {
      head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
      parts.push(Buffer.from(head), blobBytes(value), Buffer.from('\r\n'));
    }
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { bytes: new Uint8Array(Buffer.concat(parts)), boundary };
}

function boundaryOf(contentType) {
  const m = /;\s*boundary=("([^"]*)"|[^;\s]+)/i.exec(contentType);
  if (!m) return null;
  return m[2] !== undefined ? m[2] : m[1];
}

function headerParam(header, param) {
  const re = new RegExp(`;\\s*${param}\\*?=("((?:[^"\\\\]|\\\\.)*)"|[^;]*)`, 'i');
  const m = re.exec(header);
  if (!m) return undefined;
  return m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[1].trim();
}

// Parses a multipart/form-data body into a FormData; TypeError when it is
// malformed.
function parseMultipart(bytes, contentType) {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new TypeError('Failed to parse body as FormData.');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const delimiter = Buffer.from(`--${boundary}`);
  const fd = new FormData();
  let at = buf.indexOf(delimiter);
  if (at === -1) throw new TypeError('Failed to parse body as FormData.');
  for (;;) {
    at += delimiter.length;
    if (buf[at] === 0x2d && buf[at + 1] === 0x2d) return fd; // the closing --boundary--
    if (buf[at] !== 0x0d || buf[at + 1] !== 0x0a) throw new TypeError('Failed to parse body as FormData.');
    at += 2;
    const headEnd = buf.indexOf('\r\n\r\n', at);
    if (headEnd === -1) throw new TypeError('Failed to parse body as FormData.');
    const head = buf.subarray(at, headEnd).toString('latin1');
    const next = buf.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd + 4);
    if (next === -1) throw new TypeError('Failed to parse body as FormData.');
    const content = buf.subarray(headEnd + 4, next);
    let disposition = '';
    let type = '';
    for (const line of head.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon === -1) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'content-disposition') disposition = value;
      else if (key === 'content-type') type = value;
    }
    if (!/^form-data\b/i.test(disposition)) throw new TypeError('Failed to parse body as FormData.');
    const name = headerParam(disposition, 'name');
    if (name === undefined) throw new TypeError('Failed to parse body as FormData.');
    const decode = (s) => Buffer.from(s, 'latin1').toString('utf8');
    const filename = headerParam(disposition, 'filename');
    if (filename !== undefined) {
      fd.append(decode(name), new File([content], decode(filename), { type }));
    } else {
      fd.append(decode(name), content.toString('utf8'));
    }
    at = next + 2;
  }
}

module.exports = { FormData, isFormData, encodeMultipart, parseMultipart, Blob, File };
