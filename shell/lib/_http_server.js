'use strict';
// http.Server and ServerResponse. Each connection gets a parser that reads
// the socket in C; JS hears of each request head once (with the end of the
// message when it came in the same read), answers in order (pipelined
// requests wait for the responses before them), and closes connections
// that send bad requests (400), too large heads (431) or heads too slowly
// (408).

const net = require('net');
const {
  HTTPParser, methods, checkInvalidHeaderChar, chunkExpression, continueExpression,
  F_KEEP_ALIVE, F_UPGRADE, F_COMPLETE, F_EXPECT_CONTINUE, F_EXPECT,
} = require('_http_common');
const { OutgoingMessage, kOutHeaders, kUniqueHeaders } = require('_http_outgoing');
const { IncomingMessage, finishQuietly, kLazyEnd, kOnResume, kHeadersCount } = require('_http_incoming');
const {
  codes: {
    ERR_HTTP_REQUEST_TIMEOUT,
    ERR_HTTP_SOCKET_ASSIGNED,
    ERR_HTTP_INVALID_STATUS_CODE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_CHAR,
  },
  ConnResetException,
} = require('internal/errors');
const { validateInteger, validateBoolean, validateObject, validateLinkHeaderValue } =
  require('internal/validators');

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required',
  408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed',
  413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable',
  417: 'Expectation Failed', 418: 'I\'m a Teapot', 421: 'Misdirected Request', 422: 'Unprocessable Entity',
  423: 'Locked', 424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required',
  428: 'Precondition Required', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
  511: 'Network Authentication Required',
};

const kServerResponse = Symbol('ServerResponse');
const kIncomingMessage = Symbol('IncomingMessage');
const kConnections = Symbol('kConnections');
const kCheckInterval = Symbol('kCheckInterval');
const kState = Symbol('kState');
// The responses queued behind the one being written, on a connection that
// has none (most): shared, so never written to.
const kNoResponses = Object.freeze([]);

const badRequestResponse = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n';
const requestTimeoutResponse = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n';
const tooLargeResponse = 'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n';

// ---------------------------------------------------------------------------
// ServerResponse

function ServerResponse(req, options) {
  OutgoingMessage.call(this, options);
  if (req.method === 'HEAD') this._hasBody = false;
  this.req = req;
  this.sendDate = true;
  this._sent100 = false;
  this._expect_continue = false;
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = chunkExpression.test(req.headers.te);
    this.shouldKeepAlive = false;
  }
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

ServerResponse.prototype.statusCode = 200;
ServerResponse.prototype.statusMessage = undefined;

ServerResponse.prototype._finish = function _finish() {
  OutgoingMessage.prototype._finish.call(this);
};

function onServerResponseClose() {
  const res = this._httpMessage;
  if (res) emitCloseNT(res);
}

const kCloseListener = Symbol('kCloseListener');

ServerResponse.prototype.assignSocket = function assignSocket(socket) {
  if (socket._httpMessage) throw new ERR_HTTP_SOCKET_ASSIGNED();
  socket._httpMessage = this;
  // One listener per connection serves every response on it.
  if (socket[kCloseListener] !== true) {
    socket[kCloseListener] = true;
    socket.on('close', onServerResponseClose);
  }
  this.socket = socket;
  this.emit('socket', socket);
  this._flush();
};

ServerResponse.prototype.detachSocket = function detachSocket(socket) {
  socket._httpMessage = null;
  this.socket = null;
};

ServerResponse.prototype.writeContinue = function writeContinue(cb) {
  this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'ascii', cb);
  this._sent100 = true;
};

ServerResponse.prototype.writeProcessing = function writeProcessing(cb) {
  this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', 'ascii', cb);
};

ServerResponse.prototype.writeEarlyHints = function writeEarlyHints(hints, cb) {
  let head = 'HTTP/1.1 103 Early Hints\r\n';
  validateObject(hints, 'hints');
  if (hints.link === null || hints.link === undefined) return;
  const link = validateLinkHeaderValue(hints.link);
  if (link.length === 0) return;
  head += `Link: ${link}\r\n`;
  for (const key of Object.keys(hints)) {
    if (key !== 'link') head += `${key}: ${hints[key]}\r\n`;
  }
  head += '\r\n';
  this._writeRaw(head, 'ascii', cb);
};

ServerResponse.prototype._implicitHeader = function _implicitHeader() {
  this.writeHead(this.statusCode);
};

ServerResponse.prototype.writeHead = function writeHead(statusCode, reason, obj) {
  if (this._header) throw new (require('internal/errors').codes.ERR_HTTP_HEADERS_SENT)('write');
  const originalStatusCode = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) throw new ERR_HTTP_INVALID_STATUS_CODE(originalStatusCode);
  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    this.statusMessage ||= STATUS_CODES[statusCode] || 'unknown';
    obj ??= reason;
  }
  this.statusCode = statusCode;

  let headers;
  if (this[kOutHeaders]) {
    if (Array.isArray(obj)) {
      if (obj.length && Array.isArray(obj[0])) {
        for (let n = 0; n < obj.length; n++) this.appendHeader(obj[n][0], obj[n][1]);
      } else {
        if (obj.length % 2 !== 0) throw new ERR_INVALID_ARG_VALUE('headers', obj);
        for (let n = 0; n < obj.length; n += 2) this.appendHeader(obj[n], obj[n + 1]);
      }
    } else if (obj) {
      for (const k of Object.keys(obj)) {
        if (k) this.setHeader(k, obj[k]);
      }
    }
    headers = this[kOutHeaders];
  } else {
    headers = obj;
  }

  if (checkInvalidHeaderChar(this.statusMessage)) throw new ERR_INVALID_CHAR('statusMessage');
  const statusLine = `HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`;
  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) {
    this._hasBody = false;
  }
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
  this._storeHeader(statusLine, headers);
  return this;
};
ServerResponse.prototype.writeHeader = ServerResponse.prototype.writeHead;

// ---------------------------------------------------------------------------
// Server

function storeHTTPOptions(options) {
  this[kIncomingMessage] = options.IncomingMessage || IncomingMessage;
  this[kServerResponse] = options.ServerResponse || ServerResponse;
  const { maxHeaderSize } = options;
  if (maxHeaderSize !== undefined) validateInteger(maxHeaderSize, 'maxHeaderSize', 0);
  this.maxHeaderSize = maxHeaderSize;
  const { insecureHTTPParser } = options;
  if (insecureHTTPParser !== undefined) validateBoolean(insecureHTTPParser, 'options.insecureHTTPParser');
  this.insecureHTTPParser = insecureHTTPParser;
  const { requestTimeout = 300000 } = options;
  validateInteger(requestTimeout, 'requestTimeout', 0);
  this.requestTimeout = requestTimeout;
  const { headersTimeout = 60000 } = options;
  validateInteger(headersTimeout, 'headersTimeout', 0);
  this.headersTimeout = headersTimeout;
  const { connectionsCheckingInterval = 30000 } = options;
  validateInteger(connectionsCheckingInterval, 'connectionsCheckingInterval', 0);
  this.connectionsCheckingInterval = connectionsCheckingInterval;
  const { joinDuplicateHeaders } = options;
  if (joinDuplicateHeaders !== undefined) validateBoolean(joinDuplicateHeaders, 'options.joinDuplicateHeaders');
  this.joinDuplicateHeaders = joinDuplicateHeaders;
  const { rejectNonStandardBodyWrites = false } = options;
  validateBoolean(rejectNonStandardBodyWrites, 'options.rejectNonStandardBodyWrites');
  this.rejectNonStandardBodyWrites = rejectNonStandardBodyWrites;
  const { requireHostHeader = true } = options;
  validateBoolean(requireHostHeader, 'options.requireHostHeader');
  this.requireHostHeader = requireHostHeader;
  if (options.uniqueHeaders !== undefined) this[kUniqueHeaders] = new Set(options.uniqueHeaders.map((h) => h.toLowerCase()));
}

function Server(options, requestListener) {
  if (!(this instanceof Server)) return new Server(options, requestListener);
  if (typeof options === 'function') {
    requestListener = options;
    options = {};
  } else if (options == null) {
    options = {};
  } else {
    validateObject(options, 'options');
  }
  storeHTTPOptions.call(this, options);
  net.Server.call(this, {
    allowHalfOpen: true,
    noDelay: options.noDelay ?? true,
    keepAlive: options.keepAlive,
    keepAliveInitialDelay: options.keepAliveInitialDelay,
    highWaterMark: options.highWaterMark,
  });
  if (requestListener) this.on('request', requestListener);
  this.httpAllowHalfOpen = false;
  this.on('connection', connectionListener);
  this.on('listening', setupConnectionsTracking);
  this.timeout = 0;
  this.maxHeadersCount = null;
  this.maxRequestsPerSocket = 0;
  this.keepAliveTimeout = 5000;
  this[kConnections] = new Set();
  this[kCheckInterval] = null;
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

Server.prototype.close = function close(cb) {
  httpServerPreClose(this);
  net.Server.prototype.close.call(this, cb);
  return this;
};

Server.prototype[Symbol.asyncDispose] = async function() {
  return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

Server.prototype.closeAllConnections = function closeAllConnections() {
  for (const socket of [...this[kConnections]]) socket.destroy();
};

Server.prototype.closeIdleConnections = function closeIdleConnections() {
  for (const socket of [...this[kConnections]]) {
    const state = socket[kState];
    if (state && state.incoming.length === 0 && !socket._httpMessage) socket.destroy();
  }
};

Server.prototype.setTimeout = function setTimeout(msecs, callback) {
  this.timeout = msecs;
  if (callback) this.on('timeout', callback);
  return this;
};

Server.prototype[require('events').captureRejectionSymbol] = function(err, event, ...args) {
  switch (event) {
    case 'request': {
      const { 1: res } = args;
      if (!res.headersSent && !res.writableEnded) {
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        res.statusCode = 500;
        res.end(STATUS_CODES[500]);
      } else {
        res.destroy();
      }
      break;
    }
    default:
      net.Server.prototype[require('events').captureRejectionSymbol].call(this, err, event, ...args);
  }
};

function httpServerPreClose(server) {
  server.closeIdleConnections();
  if (server[kCheckInterval] !== null) {
    clearInterval(server[kCheckInterval]);
    server[kCheckInterval] = null;
  }
}

function setupConnectionsTracking() {
  if (this[kCheckInterval] !== null) clearInterval(this[kCheckInterval]);
  if (this.connectionsCheckingInterval > 0 && (this.headersTimeout > 0 || this.requestTimeout > 0)) {
    this[kCheckInterval] = setInterval(checkConnections, this.connectionsCheckingInterval, this);
    this[kCheckInterval].unref();
  }
}

// Heads that take longer than headersTimeout and requests longer than
// requestTimeout (from their first byte) get a 408 and a closed socket.
function checkConnections(server) {
  const { headersTimeout, requestTimeout } = server;
  for (const socket of server[kConnections]) {
    const parser = socket.parser;
    if (!parser || parser.id < 0) continue;
    const [headersStart, messageStart, now] = parser.times();
    if ((headersTimeout > 0 && headersStart > 0 && now - headersStart >= headersTimeout) ||
        (requestTimeout > 0 && messageStart > 0 && now - messageStart >= requestTimeout)) {
      socketOnError.call(socket, new ERR_HTTP_REQUEST_TIMEOUT());
    }
  }
}

function connectionListener(socket) {
  const server = this;
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  socket.on('timeout', socketOnTimeout);

  const maxHeaderSize = server.maxHeaderSize ?? require('http').maxHeaderSize;
  const parser = new ServerParser(HTTPParser.REQUEST, maxHeaderSize, server.insecureHTTPParser);
  parser.socket = socket;
  parser.server = server;
  parser.incoming = null;
  socket.parser = parser;

  const state = {
    outgoing: kNoResponses,
    incoming: [],
    outgoingData: 0,
    requestsCount: 0,
    keepAliveTimeoutSet: false,
  };
  socket[kState] = state;
  server[kConnections].add(socket);

  socket.on('error', socketOnError);
  socket.on('end', socketOnEnd);
  socket.on('close', socketOnClose);
  socket.on('drain', socketOnDrain);
  socket._paused = false;

  if (!parser.consume(socket._handle)) socket.on('data', socketOnData);
  else socket.resume();
}

function socketOnData(d) {
  const parser = this.parser;
  if (!parser) return;
  const n = parser.execute(d);
  if (n >= 0 && parser.upgraded && parser.incoming === null && parser.pendingUpgrade) {
    onUpgradeHead(parser, d.subarray(n));
  }
}

function socketOnEnd() {
  const socket = this;
  const server = socket.server;
  const parser = socket.parser;
  if (parser && !parser.consumed) parser.finish();
  const state = socket[kState];
  if (!server.httpAllowHalfOpen) {
    abortIncoming(state.incoming);
    if (socket.writable) socket.end();
  } else if (state.outgoing.length) {
    state.outgoing[state.outgoing.length - 1]._last = true;
  } else if (socket._httpMessage) {
    socket._httpMessage._last = true;
  } else if (socket.writable) {
    socket.end();
  }
}

function socketOnClose() {
  const socket = this;
  const state = socket[kState];
  const parser = socket.parser;
  if (parser) {
    socket.parser = null;
    parser.free();
  }
  socket.server?.[kConnections].delete(socket);
  if (state) abortIncoming(state.incoming);
}

function abortIncoming(incoming) {
  while (incoming.length) {
    const req = incoming.shift();
    req.destroy(new ConnResetException('aborted'));
  }
}

function socketOnDrain() {
  const socket = this;
  const state = socket[kState];
  const needPause = state.outgoingData > socket.writableHighWaterMark;
  if (socket._paused && !needPause) {
    socket._paused = false;
    resumeSource(socket);
  }
  const msg = socket._httpMessage;
  if (msg && !msg.finished && msg.writableNeedDrain !== false) {
    msg[require('_http_outgoing').kNeedDrain] = false;
    msg.emit('drain');
  }
}

function socketOnTimeout() {
  const req = this.parser?.incoming;
  const reqTimeout = req && !req.complete && req.emit('timeout', this);
  const res = this._httpMessage;
  const resTimeout = res && res.emit('timeout', this);
  const serverTimeout = this.server.emit('timeout', this);
  if (!reqTimeout && !resTimeout && !serverTimeout) this.destroy();
}

function socketOnError(e) {
  this.removeListener('error', socketOnError);
  this.on('error', noop);
  if (!this.server.emit('clientError', e, this)) {
    if (this.writable && (!this._httpMessage || !this._httpMessage._headerSent)) {
      let response;
      switch (e.code) {
        case 'HPE_HEADER_OVERFLOW':
          response = tooLargeResponse;
          break;
        case 'ERR_HTTP_REQUEST_TIMEOUT':
          response = requestTimeoutResponse;
          break;
        default:
          response = badRequestResponse;
      }
      this.write(response);
    }
    this.destroy(e);
  }
}

function noop() {}

// The source of a consumed socket is its handle: pause and resume there.
function pauseSource(socket) {
  if (socket.parser?.consumed) {
    if (socket._handle && socket._handle.reading) socket._handle.readStop();
  } else {
    socket.pause();
  }
}

function resumeSource(socket) {
  if (socket.parser?.consumed) {
    if (socket._handle && !socket._handle.reading) socket._handle.readStart();
  } else {
    socket.resume();
  }
}

function onIncomingResume(req) {
  const socket = req.socket;
  if (socket && !socket._paused && !socket.destroyed) resumeSource(socket);
}

// ---- parser hooks (this: the parser) -----------------------------------

const httpVersions = { '1.1': '1.1', '1.0': '1.0' };

function serverOnHeaders(url, raw, flags, method, status, major, minor) {
  const socket = this.socket;
  const server = this.server;
  const req = new server[kIncomingMessage](socket);
  req.httpVersionMajor = major;
  req.httpVersionMinor = minor;
  req.httpVersion = major === 1 && minor === 1 ? '1.1' : httpVersions[`${major}.${minor}`] ?? `${major}.${minor}`;
  req.method = methods[method];
  req.url = url;
  const max = server.maxHeadersCount;
  req.rawHeaders = raw;
  req[kHeadersCount] = max > 0 ? Math.min(raw.length, max * 2) : raw.length;
  if (server.joinDuplicateHeaders) req.joinDuplicateHeaders = true;
  req.upgrade = (flags & F_UPGRADE) !== 0;
  req[kOnResume] = onIncomingResume;
  this.incoming = req;

  if (req.upgrade) {
    const event = req.method === 'CONNECT' ? 'connect' : 'upgrade';
    if (req.method === 'CONNECT' || server.listenerCount(event) > 0) {
      this.pendingUpgrade = event;
      return 2;
    }
    req.upgrade = false;
  }
  const complete = (flags & F_COMPLETE) !== 0;
  if (complete) req[kLazyEnd] = true;
  const r = parserOnIncoming(server, socket, socket[kState], req, (flags & F_KEEP_ALIVE) !== 0, flags);
  if (complete && this.incoming === req) {
    this.incoming = null;
    req.complete = true;
  }
  return r;
}

// A connection's parser: the hooks are shared on the prototype.
class ServerParser extends HTTPParser {}
ServerParser.prototype.onHeaders = serverOnHeaders;
ServerParser.prototype.onBody = parserOnBody;
ServerParser.prototype.onComplete = parserOnComplete;
ServerParser.prototype.onError = serverOnParseError;
ServerParser.prototype.onUpgrade = serverOnUpgrade;

function parserOnBody(b) {
  const req = this.incoming;
  if (req === null || req._dumped) return;
  if (!req.push(b)) pauseSource(this.socket);
}

function parserOnComplete(trailers) {
  const req = this.incoming;
  if (req === null || this.pendingUpgrade) return;
  this.incoming = null;
  req.complete = true;
  if (trailers !== null) req._addHeaderLines(trailers, trailers.length);
  req.push(null);
}

function serverOnParseError(err) {
  const socket = this.socket;
  socketOnError.call(socket, err);
}

// The bytes after an upgrade's head belong to the new protocol.
function serverOnUpgrade(head) {
  onUpgradeHead(this, head);
}

function onUpgradeHead(parser, head) {
  const socket = parser.socket;
  const server = parser.server;
  const req = parser.incoming;
  const event = parser.pendingUpgrade;
  parser.incoming = null;
  parser.pendingUpgrade = null;
  if (!req || !event) return;
  req.complete = true;
  req.push(null);
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  socket.removeListener('close', socketOnClose);
  socket.removeListener('drain', socketOnDrain);
  socket.removeListener('error', socketOnError);
  socket.removeListener('timeout', socketOnTimeout);
  socket.parser = null;
  parser.free();
  server[kConnections].delete(socket);
  if (socket._handle && socket.readableFlowing !== false && !socket._handle.reading) socket._handle.readStart();
  socket.readableFlowing = null;
  if (server.listenerCount(event) > 0) {
    server.emit(event, req, socket, head);
  } else {
    socket.destroy();
  }
}

function parserOnIncoming(server, socket, state, req, keepAlive, flags) {
  state.requestsCount++;
  if (state.keepAliveTimeoutSet) {
    socket.setTimeout(0);
    state.keepAliveTimeoutSet = false;
  }
  state.incoming.push(req);

  if (!socket._paused) {
    const ws = socket._writableState;
    if (ws.needDrain || state.outgoingData >= socket.writableHighWaterMark) {
      socket._paused = true;
      pauseSource(socket);
    }
  }

  const res = new server[kServerResponse](req, {
    highWaterMark: socket.writableHighWaterMark,
    rejectNonStandardBodyWrites: server.rejectNonStandardBodyWrites,
  });
  res._keepAliveTimeout = server.keepAliveTimeout;
  res._maxRequestsPerSocket = server.maxRequestsPerSocket;
  res._onPendingData = updateOutgoingData;
  if (server[kUniqueHeaders]) res[kUniqueHeaders] = server[kUniqueHeaders];
  res.shouldKeepAlive = keepAlive;
  res[kState] = state;
  if (server.maxRequestsPerSocket > 0 && state.requestsCount >= server.maxRequestsPerSocket) {
    res.maxRequestsOnConnectionReached = true;
  }

  if (socket._httpMessage) {
    if (state.outgoing === kNoResponses) state.outgoing = [];
    state.outgoing.push(res);
  } else {
    res.assignSocket(socket);
  }

  res.on('finish', resOnFinish);

  if (server.requireHostHeader && req.httpVersionMajor === 1 && req.httpVersionMinor === 1 &&
      !hasHost(req.rawHeaders)) {
    res.writeHead(400, ['Connection', 'close']);
    res.end();
    return 0;
  }

  if ((flags & F_EXPECT) !== 0 && req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
    if ((flags & F_EXPECT_CONTINUE) !== 0 && continueExpression.test(req.headers.expect)) {
      res._expect_continue = true;
      if (server.listenerCount('checkContinue') > 0) {
        server.emit('checkContinue', req, res);
      } else {
        res.writeContinue();
        server.emit('request', req, res);
      }
    } else if (server.listenerCount('checkExpectation') > 0) {
      server.emit('checkExpectation', req, res);
    } else {
      res.writeHead(417);
      res.end();
    }
  } else {
    server.emit('request', req, res);
  }
  return 0;
}

// Bytes queued in responses waiting for the socket (this: the response).
function updateOutgoingData(delta) {
  const state = this[kState];
  const socket = this.socket ?? this.req.socket;
  state.outgoingData += delta;
  if (socket && socket._paused && state.outgoingData <= socket.writableHighWaterMark) {
    socket._paused = false;
    resumeSource(socket);
  }
}

function hasHost(raw) {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.length === 4 && name.toLowerCase() === 'host') return true;
  }
  return false;
}

// 'finish' of a response (this: the response).
function resOnFinish() {
  const res = this;
  const req = res.req;
  const socket = res.socket;
  const state = res[kState];
  const server = socket?.server;
  if (state.incoming[0] === req) {
    state.incoming.shift();
  } else {
    const i = state.incoming.indexOf(req);
    if (i !== -1) state.incoming.splice(i, 1);
  }
  if (req[kLazyEnd]) finishQuietly(req);
  else if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
  if (socket) res.detachSocket(socket);
  process.nextTick(emitCloseNT, res);
  if (!socket) return;
  if (res._last) {
    if (typeof socket.destroySoon === 'function') socket.destroySoon();
    else socket.end();
  } else if (state.outgoing.length === 0) {
    if (server && server.keepAliveTimeout && typeof socket.setTimeout === 'function') {
      socket.setTimeout(server.keepAliveTimeout);
      state.keepAliveTimeoutSet = true;
    }
  } else {
    const m = state.outgoing.shift();
    if (m) m.assignSocket(socket);
  }
}

function emitCloseNT(self) {
  if (!self._closed) {
    self.destroyed = true;
    self._closed = true;
    self.emit('close');
  }
}

module.exports = {
  STATUS_CODES,
  Server,
  ServerResponse,
  setupConnectionsTracking,
  storeHTTPOptions,
  httpServerPreClose,
  kConnections,
  kCheckInterval,
  _connectionListener: connectionListener,
  kServerResponse,
  kIncomingMessage,
};

