'use strict';
// Electron's protocol module: app-defined schemes answered by JS handlers
// (protocol.handle) and schemes registered as privileged before ready.

const native = require('internal/electron/ui');

const handlers = new Map();
const privileged = new Map();
let installed = false;
const reserved = new Set(['http', 'https', 'file', 'about', 'data', 'blob', 'ws', 'wss', 'javascript', 'app']);

function checkScheme(scheme, what) {
  if (typeof scheme !== 'string' || !/^[a-z][a-z0-9+.-]*$/.test(scheme)) {
    throw new TypeError(`protocol.${what}: scheme must be a lowercase URL scheme; received '${scheme}'`);
  }
}

// `head` is [method, name, value, name, value...] from C.
async function respond(scheme, id, url, head) {
  const ui = native.ui();
  try {
    const handler = handlers.get(scheme);
    if (!handler) throw new Error(`no handler for scheme '${scheme}'`);
    const method = head[0];
    const headers = new Headers();
    for (let i = 1; i + 1 < head.length; i += 2) headers.append(head[i], head[i + 1]);
    const request = new Request(url, { method, headers });
    const response = await handler(request);
    if (!response || typeof response.arrayBuffer !== 'function' || typeof response.status !== 'number') {
      throw new TypeError(`protocol handler for '${scheme}' must return a Response (or a promise of one)`);
    }
    const body = new Uint8Array(await response.arrayBuffer());
    const out = [];
    response.headers.forEach((value, name) => out.push(name, value));
    ui.finishSchemeRequest(id, response.status, out, body);
  } catch (err) {
    ui.failSchemeRequest(id, `${url}: ${err && err.message ? err.message : String(err)}`);
  }
}

function install() {
  if (installed) return;
  native.start();
  native.ui().setSchemeHandler((scheme, id, url, head) => {
    respond(scheme, id, url, head);
  });
  installed = true;
}

const protocol = {
  handle(scheme, handler) {
    checkScheme(scheme, 'handle');
    if (typeof handler !== 'function') throw new TypeError('protocol.handle: handler must be a function');
    if (reserved.has(scheme)) throw new Error(`protocol.handle: the '${scheme}' scheme is built in and cannot be handled`);
    if (handlers.has(scheme)) throw new Error(`protocol.handle: scheme '${scheme}' is already handled`);
    if (typeof Request !== 'function' || typeof Response !== 'function' || typeof Headers !== 'function') {
      throw new Error('protocol.handle needs the Fetch API classes (Request, Response, Headers)');
    }
    install();
    const p = privileged.get(scheme) || {};
    handlers.set(scheme, handler);
    native.ui().registerScheme(scheme, !!p.secure, !!(p.corsEnabled || p.supportFetchAPI));
  },
  unhandle(scheme) {
    checkScheme(scheme, 'unhandle');
    if (!handlers.delete(scheme)) return;
    native.ui().unregisterScheme(scheme);
  },
  isProtocolHandled(scheme) {
    return handlers.has(scheme) || scheme === 'app';
  },
  registerSchemesAsPrivileged(schemes) {
    const { getApp } = require('internal/electron/app');
    if (getApp().isReady()) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    if (!Array.isArray(schemes)) throw new TypeError('registerSchemesAsPrivileged: expects an array of {scheme, privileges}');
    for (const entry of schemes) {
      checkScheme(entry && entry.scheme, 'registerSchemesAsPrivileged');
      privileged.set(entry.scheme, Object.assign({}, entry.privileges));
    }
  },
};

module.exports = { protocol };
