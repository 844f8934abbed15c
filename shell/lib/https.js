'use strict';
// https: HTTP over TLS. The server is a tls.Server whose secure connections
// go to http's connection handling (the parser still reads the decrypted
// bytes in C); the client is http's ClientRequest with an Agent that makes
// TLS connections and remembers TLS sessions per host for resumption.

const tls = require('tls');
const { Agent: HttpAgent } = require('_http_agent');
const { ClientRequest } = require('_http_client');
const {
  Server: HttpServer,
  storeHTTPOptions,
  setupConnectionsTracking,
  httpServerPreClose,
  kConnections,
  kCheckInterval,
  _connectionListener,
} = require('_http_server');
const { URL, urlToHttpOptions } = require('internal/url');
const { validateObject } = require('internal/validators');

// ---------------------------------------------------------------------------
// Server

function Server(opts, requestListener) {
  if (!(this instanceof Server)) return new Server(opts, requestListener);
  if (typeof opts === 'function') {
    requestListener = opts;
    opts = {};
  } else if (opts === undefined || opts === null) {
    opts = {};
  } else {
    validateObject(opts, 'options');
  }
  opts = { ...opts };
  if (opts.ALPNProtocols === undefined && opts.ALPNCallback === undefined) opts.ALPNProtocols = ['http/1.1'];
  storeHTTPOptions.call(this, opts);
  tls.Server.call(this, {
    noDelay: true,
    ...opts,
    // Half-open: a client may end its side after the request.
    allowHalfOpen: true,
  }, _connectionListener);
  this.httpAllowHalfOpen = false;
  if (requestListener) this.on('request', requestListener);
  this.on('tlsClientError', onTlsClientError);
  this.on('listening', setupConnectionsTracking);
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.maxRequestsPerSocket = 0;
  this.keepAliveTimeout = 5000;
  this[kConnections] = new Set();
  this[kCheckInterval] = null;
}
Object.setPrototypeOf(Server.prototype, tls.Server.prototype);
Object.setPrototypeOf(Server, tls.Server);

// A failed handshake is a client error to http servers.
function onTlsClientError(err, conn) {
  if (!this.emit('clientError', err, conn)) conn.destroy();
}

Server.prototype.closeAllConnections = HttpServer.prototype.closeAllConnections;
Server.prototype.closeIdleConnections = HttpServer.prototype.closeIdleConnections;
Server.prototype.setTimeout = HttpServer.prototype.setTimeout;

Server.prototype.close = function close(cb) {
  httpServerPreClose(this);
  tls.Server.prototype.close.call(this, cb);
  return this;
};

Server.prototype[Symbol.asyncDispose] = async function() {
  return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

// ---------------------------------------------------------------------------
// Agent

// TLS options that make connections different: part of the pool's key.
const keyOptions = [
  'ca', 'cert', 'clientCertEngine', 'ciphers', 'key', 'pfx', 'rejectUnauthorized', 'servername',
  'minVersion', 'maxVersion', 'secureProtocol', 'crl', 'honorCipherOrder', 'ecdhCurve', 'dhparam',
  'secureOptions', 'sessionIdContext', 'sigalgs', 'privateKeyIdentifier', 'privateKeyEngine',
];

function Agent(options) {
  if (!(this instanceof Agent)) return new Agent(options);
  HttpAgent.call(this, options);
  this.defaultPort = 443;
  this.protocol = 'https:';
  this.maxCachedSessions = this.options.maxCachedSessions;
  if (this.maxCachedSessions === undefined) this.maxCachedSessions = 100;
  this._sessionCache = { map: { __proto__: null }, list: [] };
}
Object.setPrototypeOf(Agent.prototype, HttpAgent.prototype);
Object.setPrototypeOf(Agent, HttpAgent);

Agent.prototype.createConnection = function createConnection(port, host, options) {
  if (port !== null && typeof port === 'object') {
    options = port;
  } else if (host !== null && typeof host === 'object') {
    options = { ...host };
  } else if (options === null || typeof options !== 'object') {
    options = {};
  } else {
    options = { ...options };
  }
  if (typeof port === 'number') options.port = port;
  if (typeof host === 'string') options.host = host;

  const key = options._agentKey;
  if (key) {
    const session = this._getSession(key);
    if (session) options = { session, ...options };
  }
  const socket = tls.connect(options);
  if (key) {
    socket.on('session', (session) => this._cacheSession(key, session));
    // A session that led to a failed connection is not tried again.
    socket.once('close', (hadError) => {
      if (hadError) this._evictSession(key);
    });
  }
  return socket;
};

Agent.prototype.getName = function getName(options = {}) {
  let name = HttpAgent.prototype.getName.call(this, options);
  for (const k of keyOptions) {
    name += ':';
    if (options[k] !== undefined) name += options[k];
  }
  return name;
};

Agent.prototype._getSession = function _getSession(key) {
  return this._sessionCache.map[key];
};

Agent.prototype._cacheSession = function _cacheSession(key, session) {
  if (this.maxCachedSessions === 0) return;
  const cache = this._sessionCache;
  if (cache.map[key] === undefined) {
    if (cache.list.length >= this.maxCachedSessions) {
      const oldest = cache.list.shift();
      delete cache.map[oldest];
    }
    cache.list.push(key);
  }
  cache.map[key] = session;
};

Agent.prototype._evictSession = function _evictSession(key) {
  const cache = this._sessionCache;
  const at = cache.list.indexOf(key);
  if (at === -1) return;
  cache.list.splice(at, 1);
  delete cache.map[key];
};

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

// ---------------------------------------------------------------------------
// request / get

function request(...args) {
  let options = {};
  if (typeof args[0] === 'string') {
    options = urlToHttpOptions(new URL(args.shift()));
  } else if (args[0] instanceof URL) {
    options = urlToHttpOptions(args.shift());
  }
  if (args[0] !== null && typeof args[0] === 'object') {
    options = { ...options, ...args.shift() };
  }
  options._defaultAgent = module.exports.globalAgent;
  args.unshift(options);
  return new ClientRequest(...args);
}

function get(input, options, cb) {
  const req = request(input, options, cb);
  req.end();
  return req;
}

module.exports = {
  Agent,
  globalAgent,
  Server,
  createServer,
  get,
  request,
};
