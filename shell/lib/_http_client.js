'use strict';
// http.ClientRequest: a request written to a socket from an Agent (or a
// connection of its own), its response read by a parser that consumes the
// socket in C. Keep-alive sockets go back to the agent once both the
// request and the response are done.

const net = require('net');
const { Buffer } = require('buffer');
const { URL, urlToHttpOptions } = require('internal/url');
const { HTTPParser, checkIsHttpToken } = require('_http_common');
const { OutgoingMessage, kOutHeaders } = require('_http_outgoing');
const { IncomingMessage, kOnResume, kHeadersCount } = require('_http_incoming');
const agentModule = require('_http_agent');
const {
  codes: {
    ERR_HTTP_HEADERS_SENT,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_HTTP_TOKEN,
    ERR_INVALID_PROTOCOL,
    ERR_UNESCAPED_CHARACTERS,
  },
  ConnResetException,
} = require('internal/errors');
const { validateInteger, validateBoolean, validateNumber } = require('internal/validators');

const INVALID_PATH_REGEX = /[^\u0021-\u00ff]/;
const kError = Symbol('kError');

function validateHost(host, name) {
  if (host !== null && host !== undefined && typeof host !== 'string') {
    throw new ERR_INVALID_ARG_TYPE(`options.${name}`, ['string', 'undefined', 'null'], host);
  }
  return host;
}

function ClientRequest(input, options, cb) {
  OutgoingMessage.call(this);

  if (typeof input === 'string') {
    input = urlToHttpOptions(new URL(input));
  } else if (input instanceof URL) {
    input = urlToHttpOptions(input);
  } else {
    cb = options;
    options = input;
    input = null;
  }
  if (typeof options === 'function') {
    cb = options;
    options = input || {};
  } else {
    options = { ...input, ...options };
  }

  let agent = options.agent;
  const defaultAgent = options._defaultAgent || agentModule.globalAgent;
  if (agent === false) {
    const AgentClass = defaultAgent.constructor;
    agent = new AgentClass();
  } else if (agent === null || agent === undefined) {
    if (typeof options.createConnection !== 'function') agent = defaultAgent;
    options._defaultAgent = defaultAgent;
  } else if (typeof agent.addRequest !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('options.agent', ['Agent-like Object', 'undefined', 'false'], agent);
  }
  this.agent = agent;

  const protocol = options.protocol || defaultAgent.protocol;
  let expectedProtocol = defaultAgent.protocol;
  if (this.agent?.protocol) expectedProtocol = this.agent.protocol;

  if (options.path) {
    const path = String(options.path);
    if (INVALID_PATH_REGEX.test(path)) throw new ERR_UNESCAPED_CHARACTERS('Request path');
  }
  if (protocol !== expectedProtocol) throw new ERR_INVALID_PROTOCOL(protocol, expectedProtocol);

  const defaultPort = options.defaultPort || (this.agent?.defaultPort);
  const optsWithoutSignal = { __proto__: null, ...options };
  const port = options.port || defaultPort || 80;
  this.port = port;
  const host = options.host = validateHost(options.hostname, 'hostname') ||
    validateHost(options.host, 'host') || 'localhost';
  optsWithoutSignal.host = host;
  const setHost = options.setHost === undefined || Boolean(options.setHost);
  this.socketPath = options.socketPath;
  if (options.timeout !== undefined) {
    validateNumber(options.timeout, 'timeout', 0);
    this.timeout = options.timeout;
  }
  const signal = options.signal;
  if (signal) {
    require('internal/streams/pipeline').addAbortSignal(signal, this);
    delete optsWithoutSignal.signal;
  }

  let method = options.method;
  const methodIsString = typeof method === 'string';
  if (method !== null && method !== undefined && !methodIsString) {
    throw new ERR_INVALID_ARG_TYPE('options.method', 'string', method);
  }
  if (methodIsString && method) {
    if (!checkIsHttpToken(method)) throw new ERR_INVALID_HTTP_TOKEN('Method', method);
    method = this.method = method.toUpperCase();
  } else {
    method = this.method = 'GET';
  }

  const maxHeaderSize = options.maxHeaderSize;
  if (maxHeaderSize !== undefined) validateInteger(maxHeaderSize, 'maxHeaderSize', 0);
  this.maxHeaderSize = maxHeaderSize;
  const insecureHTTPParser = options.insecureHTTPParser;
  if (insecureHTTPParser !== undefined) validateBoolean(insecureHTTPParser, 'options.insecureHTTPParser');
  this.insecureHTTPParser = insecureHTTPParser;
  if (options.joinDuplicateHeaders !== undefined) {
    validateBoolean(options.joinDuplicateHeaders, 'options.joinDuplicateHeaders');
  }
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;

  this.path = options.path || '/';
  if (cb) this.once('response', cb);

  if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS' ||
      method === 'TRACE' || method === 'CONNECT') {
    this.useChunkedEncodingByDefault = false;
  } else {
    this.useChunkedEncodingByDefault = true;
  }

  this._ended = false;
  this.res = null;
  this.aborted = false;
  this.timeoutCb = null;
  this.upgradeOrConnect = false;
  this.parser = null;
  this.maxHeadersCount = null;
  this.reusedSocket = false;
  this.host = host;
  this.protocol = protocol;

  if (this.agent) {
    if (!this.agent.keepAlive && !Number.isFinite(this.agent.maxSockets)) {
      this._last = true;
      this.shouldKeepAlive = false;
    } else {
      this._last = false;
      this.shouldKeepAlive = true;
    }
  }

  const headersArray = Array.isArray(options.headers);
  if (!headersArray) {
    if (options.headers) {
      for (const key of Object.keys(options.headers)) this.setHeader(key, options.headers[key]);
    }
    if (host && !this.getHeader('host') && setHost) {
      let hostHeader = host;
      const posColon = hostHeader.indexOf(':');
      if (posColon !== -1 && hostHeader.includes(':', posColon + 1) && hostHeader.charCodeAt(0) !== 91) {
        hostHeader = `[${hostHeader}]`;
      }
      if (port && +port !== defaultPort) hostHeader += `:${port}`;
      this.setHeader('Host', hostHeader);
    }
    if (options.auth && !this.getHeader('Authorization')) {
      this.setHeader('Authorization', `Basic ${Buffer.from(options.auth).toString('base64')}`);
    }
    if (this.getHeader('expect')) {
      if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
      this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, this[kOutHeaders]);
    }
  } else {
    this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, options.headers);
  }

  if (this.agent) {
    this.agent.addRequest(this, optsWithoutSignal);
  } else {
    this._last = true;
    this.shouldKeepAlive = false;
    let opts = optsWithoutSignal;
    if (opts.path || opts.socketPath) {
      opts = { ...optsWithoutSignal };
      if (opts.socketPath) opts.path = opts.socketPath;
      else if (opts.path) opts.path = undefined;
    }
    if (typeof opts.createConnection === 'function') {
      let called = false;
      const oncreate = (err, socket) => {
        if (called) return;
        called = true;
        if (err) process.nextTick(() => this.emit('error', err));
        else this.onSocket(socket);
      };
      try {
        const newSocket = opts.createConnection(opts, oncreate);
        if (newSocket) oncreate(null, newSocket);
      } catch (err) {
        oncreate(err);
      }
    } else {
      this.onSocket(net.createConnection(opts));
    }
  }
}
Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ClientRequest, OutgoingMessage);

ClientRequest.prototype._finish = function _finish() {
  OutgoingMessage.prototype._finish.call(this);
};

ClientRequest.prototype._implicitHeader = function _implicitHeader() {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
  this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, this[kOutHeaders]);
};

ClientRequest.prototype.abort = function abort() {
  if (this.aborted) return;
  this.aborted = true;
  process.nextTick(emitAbortNT, this);
  this.destroy();
};

ClientRequest.prototype.destroy = function destroy(err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  if (this.res) this.res._dump();
  this[kError] = err;
  this.socket?.destroy(err);
  return this;
};

function emitAbortNT(req) {
  req.emit('abort');
}

function ondrain() {
  const msg = this._httpMessage;
  if (msg && !msg.finished && msg.writableNeedDrain) {
    msg[require('_http_outgoing').kNeedDrain] = false;
    msg.emit('drain');
  }
}

function socketCloseListener() {
  const socket = this;
  const req = socket._httpMessage;
  const parser = socket.parser;
  const res = req.res;
  req.destroyed = true;
  if (res) {
    if (!res.complete) {
      res.destroy(new ConnResetException('aborted'));
    }
    req._closed = true;
    req.emit('close');
    if (!res.aborted && res.readable) {
      res.push(null);
    }
  } else {
    if (!req.socket._hadError) {
      req.socket._hadError = true;
      req.emit('error', new ConnResetException('socket hang up'));
    }
    req._closed = true;
    req.emit('close');
  }
  if (req.outputData) req.outputData.length = 0;
  if (parser) {
    parser.finish?.();
    freeParser(parser, req, socket);
  }
}

function socketErrorListener(err) {
  const socket = this;
  const req = socket._httpMessage;
  if (req) {
    req.socket._hadError = true;
    req.emit('error', err);
  }
  const parser = socket.parser;
  if (parser) {
    parser.finish?.();
    freeParser(parser, req, socket);
  }
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  socket.destroy();
}

function socketOnEnd() {
  const socket = this;
  const req = this._httpMessage;
  const parser = this.parser;
  if (!req.res && !req.socket._hadError) {
    req.socket._hadError = true;
    req.emit('error', new ConnResetException('socket hang up'));
  }
  if (parser) {
    if (!parser.consumed) parser.finish();
    freeParser(parser, req, socket);
  }
  socket.destroy();
}

// Bytes fed from JS when the socket cannot be consumed in C.
function socketOnData(d) {
  const socket = this;
  const req = this._httpMessage;
  const parser = this.parser;
  if (!parser) return;
  const ret = parser.execute(d);
  if (ret >= 0 && parser.upgraded && req.res) {
    clientUpgrade(socket, req, parser, d.subarray(ret));
  }
}

function clientUpgrade(socket, req, parser, head) {
  const res = req.res;
  const eventName = req.method === 'CONNECT' ? 'connect' : 'upgrade';
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  socket.removeListener('drain', ondrain);
  socket.removeListener('close', socketCloseListener);
  socket.removeListener('error', socketErrorListener);
  freeParser(parser, req, socket);
  if (req.timeoutCb) socket.removeListener('timeout', req.timeoutCb);
  socket.removeListener('timeout', responseOnTimeout);
  if (req.listenerCount(eventName) > 0) {
    req.upgradeOrConnect = true;
    socket.emit('agentRemove');
    socket._httpMessage = null;
    socket.readableFlowing = null;
    if (socket._handle && !socket._handle.reading) socket._handle.readStart();
    req.emit(eventName, res, socket, head);
    req.destroyed = true;
    req._closed = true;
    req.emit('close');
  } else {
    socket.destroy();
  }
}

function statusIsInformational(status) {
  return status < 200 && status >= 100 && status !== 101;
}

// Parser hooks (this: the parser).
function clientOnHeaders(statusMessage, raw, flags, method, statusCode, major, minor) {
  const socket = this.socket;
  const req = socket._httpMessage;
  if (!req) return 0;
  const res = this.incoming = new IncomingMessage(socket);
  res.httpVersionMajor = major;
  res.httpVersionMinor = minor;
  res.httpVersion = `${major}.${minor}`;
  res.statusCode = statusCode;
  res.statusMessage = statusMessage;
  res.rawHeaders = raw;
  const max = req.maxHeadersCount;
  res[kHeadersCount] = max > 0 ? Math.min(raw.length, max * 2) : raw.length;
  res.upgrade = (flags & 2) !== 0;
  if (req.joinDuplicateHeaders) res.joinDuplicateHeaders = true;
  res[kOnResume] = onResponseResume;
  const keepAlive = (flags & 1) !== 0;

  if (req.res) {
    // A second response on one request: the server is confused.
    socket.destroy();
    return 0;
  }
  req.res = res;
  if (res.upgrade) return 2;
  if (req.method === 'CONNECT') {
    res.upgrade = true;
    return 2;
  }
  if (statusIsInformational(statusCode)) {
    req.res = null;
    this.incoming = null;
    if (statusCode === 100) req.emit('continue');
    req.emit('information', {
      statusCode, statusMessage, httpVersion: res.httpVersion, httpVersionMajor: major,
      httpVersionMinor: minor, headers: res.headers, rawHeaders: raw,
    });
    return 1;
  }
  if (req.shouldKeepAlive && !keepAlive && !req.upgradeOrConnect) req.shouldKeepAlive = false;
  res.req = req;
  res.on('end', responseOnEnd);
  req.on('finish', requestOnFinish);
  socket.on('timeout', responseOnTimeout);
  if (req.aborted || !req.emit('response', res)) res._dump();
  if (req.method === 'HEAD') return 1;
  if (statusCode === 304) {
    res.complete = true;
    return 1;
  }
  return 0;
}

function onResponseResume(res) {
  const socket = res.socket;
  if (!socket || socket.destroyed) return;
  const parser = socket.parser;
  if (parser?.consumed) {
    if (socket._handle && !socket._handle.reading) socket._handle.readStart();
  } else {
    socket.resume();
  }
}

function clientOnBody(b) {
  const res = this.incoming;
  if (!res || res._dumped) return;
  if (!res.push(b)) {
    const socket = this.socket;
    if (this.consumed) {
      if (socket._handle && socket._handle.reading) socket._handle.readStop();
    } else {
      socket.pause();
    }
  }
}

function clientOnComplete(trailers) {
  const res = this.incoming;
  if (!res) return;
  this.incoming = null;
  res.complete = true;
  if (trailers !== null) res._addHeaderLines(trailers, trailers.length);
  res.push(null);
}

function clientOnError(err) {
  const socket = this.socket;
  const req = socket._httpMessage;
  freeParser(this, req, socket);
  if (req) {
    req.socket._hadError = true;
    req.emit('error', err);
  }
  socket.destroy();
}

function clientOnUpgrade(head) {
  const socket = this.socket;
  const req = socket._httpMessage;
  if (req && req.res) clientUpgrade(socket, req, this, head);
}

function responseOnEnd() {
  const req = this.req;
  const socket = req.socket;
  if (socket) {
    if (req.timeoutCb) socket.removeListener('timeout', emitRequestTimeout);
    socket.removeListener('timeout', responseOnTimeout);
  }
  req._ended = true;
  if (!req.shouldKeepAlive) {
    if (socket.writable) {
      if (typeof socket.destroySoon === 'function') socket.destroySoon();
      else socket.end();
    }
  } else if (req.writableFinished && !this.aborted) {
    responseKeepAlive(req);
  }
}

function responseOnTimeout() {
  const req = this._httpMessage;
  if (!req) return;
  const res = req.res;
  if (!res) return;
  res.emit('timeout');
}

function requestOnFinish() {
  const req = this;
  if (req.shouldKeepAlive && req._ended) responseKeepAlive(req);
}

function emitFreeNT(req) {
  req._closed = true;
  req.emit('close');
  if (req.socket) req.socket.emit('free');
}

function responseKeepAlive(req) {
  const socket = req.socket;
  socket.removeListener('close', socketCloseListener);
  socket.removeListener('error', socketErrorListener);
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  socket.removeListener('drain', ondrain);
  if (socket.parser) freeParser(socket.parser, req, socket);
  req.destroyed = true;
  if (req.res) req.res.socket = null;
  process.nextTick(emitFreeNT, req);
}

function freeParser(parser, req, socket) {
  if (!parser) return;
  parser.free();
  parser.socket = null;
  parser.incoming = null;
  if (req) req.parser = null;
  if (socket && socket.parser === parser) socket.parser = null;
}

function tickOnSocket(req, socket) {
  const maxHeaderSize = req.maxHeaderSize ?? require('http').maxHeaderSize;
  const parser = new HTTPParser(HTTPParser.RESPONSE, maxHeaderSize, req.insecureHTTPParser);
  req.socket = socket;
  parser.socket = socket;
  parser.incoming = null;
  parser.onHeaders = clientOnHeaders;
  parser.onBody = clientOnBody;
  parser.onComplete = clientOnComplete;
  parser.onError = clientOnError;
  parser.onUpgrade = clientOnUpgrade;
  if (req.method === 'HEAD') parser.setSkipBody(true);
  socket.parser = parser;
  socket._httpMessage = req;
  req.parser = parser;

  if (!parser.consume(socket._handle)) socket.on('data', socketOnData);
  socket.on('error', socketErrorListener);
  socket.on('end', socketOnEnd);
  socket.on('close', socketCloseListener);
  socket.on('drain', ondrain);
  if (parser.consumed && !socket.connecting && socket._handle && !socket._handle.reading) {
    socket._handle.readStart();
  } else if (parser.consumed) {
    socket.resume();
  }

  if (req.timeout !== undefined || (req.agent && req.agent.options && req.agent.options.timeout)) {
    listenSocketTimeout(req);
  }
  req.emit('socket', socket);
}

function emitRequestTimeout() {
  const req = this._httpMessage;
  if (req) req.emit('timeout');
}

function listenSocketTimeout(req) {
  if (req.timeoutCb) return;
  req.timeoutCb = emitRequestTimeout;
  if (req.socket) {
    req.socket.once('timeout', emitRequestTimeout);
  } else {
    req.on('socket', (socket) => socket.once('timeout', emitRequestTimeout));
  }
}

ClientRequest.prototype.onSocket = function onSocket(socket, err) {
  process.nextTick(onSocketNT, this, socket, err);
};

function onSocketNT(req, socket, err) {
  if (req.destroyed || err) {
    req.destroyed = true;
    if (!err && req.agent && !socket.destroyed) {
      socket.emit('free');
    } else {
      if (socket && !socket.destroyed) socket.destroy(req[kError] || err);
      err = err || req[kError] || new ConnResetException('socket hang up');
      if (req.aborted && !err.code) {
        err = new ConnResetException('socket hang up');
      }
      if (!req.aborted || err.name === 'AbortError') req.emit('error', err);
      req._closed = true;
      req.emit('close');
    }
    return;
  }
  tickOnSocket(req, socket);
  req._flush();
}

ClientRequest.prototype._deferToConnect = function _deferToConnect(method, args) {
  const callSocketMethod = () => {
    if (method) this.socket[method].apply(this.socket, args);
  };
  const onSocket = () => {
    if (this.socket.writable) callSocketMethod();
    else this.socket.once('connect', callSocketMethod);
  };
  if (!this.socket) this.once('socket', onSocket);
  else onSocket();
};

ClientRequest.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (this._ended) return this;
  validateNumber(msecs, 'msecs', 0);
  if (callback) this.once('timeout', callback);
  listenSocketTimeout(this);
  if (this.socket) {
    this.socket.setTimeout(msecs);
  } else {
    this.once('socket', (sock) => sock.setTimeout(msecs));
  }
  return this;
};

ClientRequest.prototype.setNoDelay = function setNoDelay(noDelay) {
  this._deferToConnect('setNoDelay', [noDelay]);
};

ClientRequest.prototype.setSocketKeepAlive = function setSocketKeepAlive(enable, initialDelay) {
  this._deferToConnect('setKeepAlive', [enable, initialDelay]);
};

ClientRequest.prototype.clearTimeout = function clearTimeout(cb) {
  this.setTimeout(0, cb);
};

module.exports = {
  ClientRequest,
};

