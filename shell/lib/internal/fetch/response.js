'use strict';
// Response (WHATWG Fetch): made by scripts (type "default"), by fetch
// (type "basic", with its URL list), or by Response.error/json/redirect.

const { Headers, fill, setGuard, getGuard, setHeader, hasHeader } = require('internal/fetch/headers');
const {
  kBody, kHeaders, extractBody, bodyUnusable, cloneBody, installBodyMixin,
} = require('internal/fetch/body');
const { parseURL } = require('internal/fetch/request');
const { URL } = require('internal/url');
const { codes: { ERR_INVALID_THIS } } = require('internal/errors');

const kState = Symbol('response state');
const kInspect = Symbol.for('nodejs.util.inspect.custom');

const nullBodyStatus = new Set([101, 103, 204, 205, 304]);
const redirectStatus = new Set([301, 302, 303, 307, 308]);

function checkThis(self) {
  if (self === null || typeof self !== 'object' || self[kState] === undefined) throw new ERR_INVALID_THIS('Response');
}

// reason-phrase: HTAB, SP, VCHAR, obs-text.
function isReasonPhrase(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!(c === 0x09 || (c >= 0x20 && c !== 0x7f && c <= 0xff))) return false;
  }
  return true;
}

function initialize(response, init, extracted) {
  let status = 200;
  if (init.status !== undefined) {
    status = Number(init.status);
    status = Number.isFinite(status) ? Math.trunc(status) & 0xffff : 0;
  }
  if (status < 200 || status > 599) {
    throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
  }
  const statusText = init.statusText === undefined ? '' : `${init.statusText}`;
  if (!isReasonPhrase(statusText)) throw new TypeError('Invalid statusText');
  const state = response[kState];
  state.status = status;
  state.statusText = statusText;
  if (init.headers !== undefined) fill(response[kHeaders], init.headers);
  if (extracted !== null) {
    if (nullBodyStatus.has(status)) {
      throw new TypeError(`Response constructor: Invalid response status code ${status}`);
    }
    response[kBody] = extracted.body;
    if (extracted.type !== null && !hasHeader(response[kHeaders], 'content-type')) {
      response[kHeaders].append('content-type', extracted.type);
    }
  }
}

function blank(type) {
  const r = Object.create(Response.prototype);
  r[kState] = { type, status: 200, statusText: '', urlList: [] };
  const headers = new Headers();
  setGuard(headers, 'response');
  r[kHeaders] = headers;
  r[kBody] = null;
  return r;
}

class Response {
  constructor(body = null, init = {}) {
    if (init === null || init === undefined) init = {};
    if (typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError("Failed to construct 'Response': The provided value is not of type 'ResponseInit'.");
    }
    this[kState] = { type: 'default', status: 200, statusText: '', urlList: [] };
    const headers = new Headers();
    setGuard(headers, 'response');
    this[kHeaders] = headers;
    this[kBody] = null;
    initialize(this, init, body === null || body === undefined ? null : extractBody(body));
  }

  static error() {
    const r = blank('error');
    r[kState].status = 0;
    setGuard(r[kHeaders], 'immutable');
    return r;
  }

  static json(data, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const r = blank('default');
    const extracted = extractBody(text);
    extracted.type = 'application/json';
    initialize(r, init ?? {}, extracted);
    return r;
  }

  static redirect(url, status = 302) {
    const parsed = parseURL(url);
    status = Number(status);
    if (!redirectStatus.has(status)) throw new RangeError(`Invalid status code ${status}`);
    const r = blank('default');
    r[kState].status = status;
    setHeader(r[kHeaders], 'location', parsed.href);
    setGuard(r[kHeaders], 'immutable');
    return r;
  }

  get type() {
    checkThis(this);
    return this[kState].type;
  }

  get url() {
    checkThis(this);
    const list = this[kState].urlList;
    if (list.length === 0) return '';
    const last = new URL(list[list.length - 1]);
    last.hash = '';
    return last.href;
  }

  get redirected() {
    checkThis(this);
    return this[kState].urlList.length > 1;
  }

  get status() {
    checkThis(this);
    return this[kState].status;
  }

  get ok() {
    checkThis(this);
    const s = this[kState].status;
    return s >= 200 && s <= 299;
  }

  get statusText() {
    checkThis(this);
    return this[kState].statusText;
  }

  get headers() {
    checkThis(this);
    return this[kHeaders];
  }

  clone() {
    checkThis(this);
    if (bodyUnusable(this)) throw new TypeError('Response.clone: Body has already been consumed.');
    const copy = Object.create(Response.prototype);
    copy[kState] = { ...this[kState], urlList: this[kState].urlList.slice() };
    const headers = new Headers(this[kHeaders]);
    setGuard(headers, getGuard(this[kHeaders]));
    copy[kHeaders] = headers;
    copy[kBody] = cloneBody(this[kBody]);
    return copy;
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return this;
    return `Response ${inspect({
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
      body: this.body,
      bodyUsed: this.bodyUsed,
      ok: this.ok,
      redirected: this.redirected,
      type: this.type,
      url: this.url,
    }, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
installBodyMixin(Response);
for (const name of ['type', 'url', 'redirected', 'status', 'ok', 'statusText', 'headers', 'clone']) {
  Object.defineProperty(Response.prototype, name, { enumerable: true });
}
Object.defineProperty(Response.prototype, Symbol.toStringTag, {
  __proto__: null, value: 'Response', configurable: true,
});

// A response from the network: status, statusText, headers (a Headers
// made from the wire), body ({ stream, ... } or null), urlList (strings).
function createResponse({ status, statusText, headers, body, urlList }) {
  const r = Object.create(Response.prototype);
  r[kState] = { type: 'basic', status, statusText, urlList };
  setGuard(headers, 'immutable');
  r[kHeaders] = headers;
  r[kBody] = body;
  return r;
}

module.exports = { Response, createResponse, nullBodyStatus, redirectStatus };
