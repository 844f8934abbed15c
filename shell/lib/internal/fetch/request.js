'use strict';
// Request (WHATWG Fetch) as Node 20 has it: no document, so URLs must be
// absolute; the body mixin from internal/fetch/body.

const { Headers, fill, setGuard, hasHeader, isToken } = require('internal/fetch/headers');
const {
  kBody, kHeaders, extractBody, bodyUnusable, cloneBody, installBodyMixin,
} = require('internal/fetch/body');
const { URL } = require('internal/url');
const { codes: { ERR_INVALID_THIS } } = require('internal/errors');

const kState = Symbol('request state');
const kSignalController = Symbol('signal controller');
const kInspect = Symbol.for('nodejs.util.inspect.custom');

const normalizedMethods = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
const forbiddenMethods = new Set(['CONNECT', 'TRACE', 'TRACK']);

function oneOf(value, allowed, what) {
  const s = `${value}`;
  if (!allowed.includes(s)) {
    throw new TypeError(`Failed to construct 'Request': The provided value '${s}' is not a valid enum value of type ${what}.`);
  }
  return s;
}

function parseURL(input) {
  try {
    return new URL(`${input}`);
  } catch (err) {
    throw new TypeError(`Failed to parse URL from ${input}`, { cause: err });
  }
}

function isAbortSignal(value) {
  return value !== null && typeof value === 'object' && typeof value.aborted === 'boolean' &&
    typeof value.addEventListener === 'function' && Object.prototype.toString.call(value) === '[object AbortSignal]';
}

// A signal that aborts when `parent` does (the request's own signal).
function followingSignal(parent) {
  const controller = new AbortController();
  if (parent) {
    if (parent.aborted) {
      controller.abort(parent.reason);
    } else {
      const ref = new WeakRef(controller);
      const onAbort = () => ref.deref()?.abort(parent.reason);
      parent.addEventListener('abort', onAbort, { once: true });
    }
  }
  return controller;
}

function checkThis(self) {
  if (self === null || typeof self !== 'object' || self[kState] === undefined) throw new ERR_INVALID_THIS('Request');
}

class Request {
  constructor(input, init = {}) {
    if (arguments.length < 1) {
      throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
    }
    if (init === null || init === undefined) init = {};
    if (typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError("Failed to construct 'Request': The provided value is not of type 'RequestInit'.");
    }
    let inputState = null;
    let url;
    if (input !== null && typeof input === 'object' && input[kState] !== undefined) {
      inputState = input[kState];
      url = inputState.url;
    } else {
      url = parseURL(input);
      if (url.username || url.password) {
        throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`);
      }
    }

    const state = {
      method: inputState ? inputState.method : 'GET',
      url,
      mode: inputState ? inputState.mode : 'cors',
      credentials: inputState ? inputState.credentials : 'same-origin',
      cache: inputState ? inputState.cache : 'default',
      redirect: inputState ? inputState.redirect : 'follow',
      referrer: inputState ? inputState.referrer : 'about:client',
      referrerPolicy: inputState ? inputState.referrerPolicy : '',
      integrity: inputState ? inputState.integrity : '',
      keepalive: inputState ? inputState.keepalive : false,
      duplex: 'half',
    };

    if (init.window !== undefined && init.window !== null) {
      throw new TypeError(`'window' option '${init.window}' must be null`);
    }
    if (init.referrer !== undefined) {
      const referrer = `${init.referrer}`;
      if (referrer === '') {
        state.referrer = 'no-referrer';
      } else {
        const parsed = parseURL(referrer);
        state.referrer = parsed.protocol === 'about:' && parsed.pathname === 'client' ? 'about:client' : parsed.href;
      }
    }
    if (init.referrerPolicy !== undefined) {
      state.referrerPolicy = oneOf(init.referrerPolicy, ['', 'no-referrer', 'no-referrer-when-downgrade',
        'same-origin', 'origin', 'strict-origin', 'origin-when-cross-origin', 'strict-origin-when-cross-origin',
        'unsafe-url'], 'ReferrerPolicy');
    }
    if (init.mode !== undefined) {
      const mode = oneOf(init.mode, ['same-origin', 'no-cors', 'cors', 'navigate', 'websocket'], 'RequestMode');
      if (mode === 'navigate') {
        throw new TypeError("Failed to construct 'Request': Cannot construct a Request with a RequestInit whose " +
          "mode member is set as 'navigate'.");
      }
      state.mode = mode;
    }
    if (init.credentials !== undefined) {
      state.credentials = oneOf(init.credentials, ['omit', 'same-origin', 'include'], 'RequestCredentials');
    }
    if (init.cache !== undefined) {
      state.cache = oneOf(init.cache, ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
        'RequestCache');
      if (state.cache === 'only-if-cached' && state.mode !== 'same-origin') {
        throw new TypeError("'only-if-cached' can be set only with 'same-origin' mode");
      }
    }
    if (init.redirect !== undefined) state.redirect = oneOf(init.redirect, ['follow', 'error', 'manual'], 'RequestRedirect');
    if (init.integrity !== undefined) state.integrity = `${init.integrity}`;
    if (init.keepalive !== undefined) state.keepalive = Boolean(init.keepalive);
    if (init.method !== undefined) {
      let method = `${init.method}`;
      if (!isToken(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
      const upper = method.toUpperCase();
      if (forbiddenMethods.has(upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
      if (normalizedMethods.has(upper)) method = upper;
      state.method = method;
    }
    if (init.duplex !== undefined) {
      if (`${init.duplex}` !== 'half') {
        throw new TypeError("Failed to construct 'Request': The provided value is not of type 'RequestDuplex'.");
      }
    }

    let signal = inputState ? input.signal : null;
    if (init.signal !== undefined) {
      if (init.signal !== null && !isAbortSignal(init.signal)) {
        throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      }
      signal = init.signal;
    }
    this[kSignalController] = followingSignal(signal);
    this[kState] = state;

    const headers = new Headers();
    if (init.headers !== undefined) fill(headers, init.headers);
    else if (inputState) fill(headers, input[kHeaders]);
    setGuard(headers, 'request');
    this[kHeaders] = headers;

    const inputBody = inputState ? input[kBody] : null;
    const hasInitBody = init.body !== undefined && init.body !== null;
    if ((hasInitBody || inputBody !== null) && (state.method === 'GET' || state.method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    let body = null;
    if (hasInitBody) {
      const extracted = extractBody(init.body);
      body = extracted.body;
      if (extracted.type !== null && !hasHeader(headers, 'content-type')) headers.append('content-type', extracted.type);
      if (body.source === null && init.duplex === undefined) {
        throw new TypeError('RequestInit: duplex option is required when sending a body.');
      }
    } else if (inputBody !== null) {
      if (bodyUnusable(input)) {
        throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
      }
      // The body moves here; the input's is used up.
      body = { ...inputBody };
      if (inputBody.stream !== null) {
        // Piped through: the input's stream is locked from now on.
        const { TransformStream } = require('internal/webstreams/transformstream');
        body.stream = inputBody.stream.pipeThrough(new TransformStream());
      } else {
        inputBody.used = true;
      }
    }
    this[kBody] = body;
  }

  get method() {
    checkThis(this);
    return this[kState].method;
  }

  get url() {
    checkThis(this);
    return this[kState].url.href;
  }

  get headers() {
    checkThis(this);
    return this[kHeaders];
  }

  get destination() {
    checkThis(this);
    return '';
  }

  get referrer() {
    checkThis(this);
    const r = this[kState].referrer;
    if (r === 'no-referrer') return '';
    return r;
  }

  get referrerPolicy() {
    checkThis(this);
    return this[kState].referrerPolicy;
  }

  get mode() {
    checkThis(this);
    return this[kState].mode;
  }

  get credentials() {
    checkThis(this);
    return this[kState].credentials;
  }

  get cache() {
    checkThis(this);
    return this[kState].cache;
  }

  get redirect() {
    checkThis(this);
    return this[kState].redirect;
  }

  get integrity() {
    checkThis(this);
    return this[kState].integrity;
  }

  get keepalive() {
    checkThis(this);
    return this[kState].keepalive;
  }

  get isReloadNavigation() {
    checkThis(this);
    return false;
  }

  get isHistoryNavigation() {
    checkThis(this);
    return false;
  }

  get signal() {
    checkThis(this);
    return this[kSignalController].signal;
  }

  get duplex() {
    checkThis(this);
    return 'half';
  }

  clone() {
    checkThis(this);
    if (bodyUnusable(this)) throw new TypeError('unusable');
    const copy = Object.create(Request.prototype);
    copy[kState] = { ...this[kState] };
    const headers = new Headers(this[kHeaders]);
    setGuard(headers, 'request');
    copy[kHeaders] = headers;
    copy[kBody] = cloneBody(this[kBody]);
    copy[kSignalController] = followingSignal(this.signal);
    return copy;
  }

  [kInspect](depth, options, inspect) {
    if (depth < 0) return this;
    return `Request ${inspect({
      method: this.method,
      url: this.url,
      headers: this.headers,
      destination: this.destination,
      referrer: this.referrer,
      referrerPolicy: this.referrerPolicy,
      mode: this.mode,
      credentials: this.credentials,
      cache: this.cache,
      redirect: this.redirect,
      integrity: this.integrity,
      keepalive: this.keepalive,
      isReloadNavigation: this.isReloadNavigation,
      isHistoryNavigation: this.isHistoryNavigation,
      signal: this.signal,
    }, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
installBodyMixin(Request);
for (const name of ['method', 'url', 'headers', 'destination', 'referrer', 'referrerPolicy', 'mode', 'credentials',
  'cache', 'redirect', 'integrity', 'keepalive', 'isReloadNavigation', 'isHistoryNavigation', 'signal', 'duplex',
  'clone']) {
  Object.defineProperty(Request.prototype, name, { enumerable: true });
}
Object.defineProperty(Request.prototype, Symbol.toStringTag, {
  __proto__: null, value: 'Request', configurable: true,
});

function isRequest(value) {
  return value !== null && typeof value === 'object' && value[kState] !== undefined && value instanceof Request;
}

module.exports = { Request, kState, isRequest, parseURL };
