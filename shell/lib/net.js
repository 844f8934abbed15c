'use strict';
// net: TCP and IPC (Unix socket) servers and clients. A Socket is a Duplex
// over a stream handle (internal/net/handle): reads push what the handle
// delivers and stop when the readable buffer is full; writes go straight to
// the handle, which writes synchronously when the kernel takes everything.

const EventEmitter = require('events');
const { Duplex } = require('internal/streams/duplex');
const { Buffer } = require('buffer');
const {
  codes: {
    ERR_INVALID_ADDRESS_FAMILY,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_FD_TYPE,
    ERR_INVALID_IP_ADDRESS,
    ERR_SERVER_ALREADY_LISTEN,
    ERR_SERVER_NOT_RUNNING,
    ERR_SOCKET_CLOSED,
    ERR_SOCKET_CLOSED_BEFORE_CONNECTION,
    ERR_SOCKET_BAD_PORT,
  },
  ErrnoException,
  ExceptionWithHostPort,
  UVExceptionWithHostPort,
  ConnResetException,
} = require('internal/errors');
const {
  validateNumber,
  validateInt32,
  validateFunction,
  validatePort,
  validateString,
  validateBoolean,
  validateAbortSignal,
} = require('internal/validators');
const { StreamHandle, TCP, PIPE } = require('internal/net/handle');
const { kFastWrite } = require('internal/net/fast_write');
const uv = internalBinding('uv');

const FastBuffer = Buffer[Symbol.species];
const kLastWriteQueueSize = Symbol('lastWriteQueueSize');
const kTimeoutMs = Symbol('timeoutMs');
const kTimer = Symbol('timer');
const kTimerDue = Symbol('timerDue');
const kLastActive = Symbol('lastActive');
const kBytesWritten = Symbol('bytesWritten');
const kPendingWrite = Symbol('pendingWrite');
const kWriteCallbacks = Symbol('writeCallbacks');
const kSetNoDelay = Symbol('setNoDelay');
const kSetKeepAlive = Symbol('setKeepAlive');
const kSetKeepAliveInitialDelay = Symbol('setKeepAliveInitialDelay');
const kServerConnections = Symbol('serverConnections');

let dns;
function lazyDns() {
  dns ??= require('dns');
  return dns;
}

// ---------------------------------------------------------------------------
// Addresses

const v4Part = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const v4Re = new RegExp(`^${v4Part}(?:\\.${v4Part}){3}$`);
const hexGroupRe = /^[0-9a-fA-F]{1,4}$/;

function isIPv4(input) {
  return typeof input === 'string' ? v4Re.test(input) : v4Re.test(`${input}`);
}

// Up to eight hex groups with at most one '::', an optional dotted IPv4
// tail standing for the last two groups, and an optional %zone.
function isIPv6(input) {
  let s = typeof input === 'string' ? input : `${input}`;
  const zone = s.indexOf('%');
  if (zone !== -1) {
    if (zone === s.length - 1) return false;
    s = s.slice(0, zone);
  }
  if (s.length < 2) return false;
  const dbl = s.indexOf('::');
  if (dbl !== -1 && s.indexOf('::', dbl + 1) !== -1) return false;
  const parts = [];
  let groups = 0;
  const sides = dbl === -1 ? [s] : [s.slice(0, dbl), s.slice(dbl + 2)];
  for (let k = 0; k < sides.length; k++) {
    const side = sides[k];
    if (side === '') continue;
    const items = side.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const last = k === sides.length - 1 && i === items.length - 1;
      if (last && item.includes('.')) {
        if (!v4Re.test(item)) return false;
        groups += 2;
      } else if (hexGroupRe.test(item)) {
        groups += 1;
      } else {
        return false;
      }
      parts.push(item);
    }
  }
  return dbl === -1 ? groups === 8 : groups <= 7;
}

function isIP(input) {
  if (isIPv4(input)) return 4;
  if (isIPv6(input)) return 6;
  return 0;
}

function isPipeName(s) {
  return typeof s === 'string' && toNumber(s) === false;
}

function toNumber(x) {
  return (x = Number(x)) >= 0 ? x : false;
}

// ---------------------------------------------------------------------------
// Argument normalization: [options, callback]

function normalizeArgs(args) {
  let arr;
  if (args.length === 0) {
    arr = [{}, null];
    return arr;
  }
  const arg0 = args[0];
  let options = {};
  if (typeof arg0 === 'object' && arg0 !== null) {
    options = arg0;
  } else if (isPipeName(arg0)) {
    options.path = arg0;
  } else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  return [options, typeof cb === 'function' ? cb : null];
}

// ---------------------------------------------------------------------------
// Socket

function errnoException(err, syscall) {
  return new ErrnoException(err, syscall);
}

function Socket(options) {
  if (!(this instanceof Socket)) return new Socket(options);
  if (typeof options === 'number') options = { fd: options };
  else options = { ...options };
  if (options.objectMode) {
    throw new ERR_INVALID_ARG_VALUE('options.objectMode', options.objectMode, 'is not supported');
  }
  if (options.readableObjectMode || options.writableObjectMode) {
    throw new ERR_INVALID_ARG_VALUE(
      `options.${options.readableObjectMode ? 'readableObjectMode' : 'writableObjectMode'}`,
      options.readableObjectMode || options.writableObjectMode, 'is not supported');
  }
  if (options.keepAliveInitialDelay !== undefined) {
    validateNumber(options.keepAliveInitialDelay, 'options.keepAliveInitialDelay');
  }

  // The other fields start at their defaults on the prototype (below).
  this.connecting = false;
  this._handle = null;
  this._sockname = null;
  this._server = null;
  this.server = null;
  if (options.noDelay) this[kSetNoDelay] = true;
  if (options.keepAlive) this[kSetKeepAlive] = true;
  if (options.keepAliveInitialDelay) {
    this[kSetKeepAliveInitialDelay] = ~~(options.keepAliveInitialDelay / 1000);
  }

  options.allowHalfOpen = !!options.allowHalfOpen;
  options.autoDestroy = true;
  options.decodeStrings = false;
  options.emitClose = false;
  Duplex.call(this, options);

  if (options.handle) {
    this._handle = options.handle;
  } else if (options.fd !== undefined) {
    const fd = options.fd;
    validateInt32(fd, 'fd', 0);
    const type = internalBinding('tty').guessHandleType(fd);
    if (type !== 'TCP' && type !== 'PIPE' && type !== 'UNIX') throw new ERR_INVALID_FD_TYPE(type);
    this._handle = new StreamHandle(type === 'TCP' ? TCP : PIPE);
    const err = this._handle.open(fd);
    if (err) throw errnoException(err, 'open');
    if ((fd === 1 || fd === 2) && this._handle.isPipe) this._type = 'pipe';
  }
  if (this._handle) initHandle(this);

  const onread = options.onread;
  if (onread !== null && typeof onread === 'object') {
    this[kBuffer] = typeof onread.buffer === 'function' ? onread.buffer : onread.buffer;
    this[kBufferCb] = onread.callback;
  }

  this.on('end', onReadableStreamEnd);

  if (this._handle && options.readable !== false) {
    if (options.pauseOnCreate) {
      this._handle.reading = false;
      this._handle.readStop();
      this.readableFlowing = false;
    } else if (!options.manualStart) {
      this.read(0);
    }
  }

  if (options.signal) addClientAbortSignalOption(this, options);
}
Object.setPrototypeOf(Socket.prototype, Duplex.prototype);
Object.setPrototypeOf(Socket, Duplex);

// Fields most sockets never change, on the prototype until one is set: an
// idle keep-alive connection costs less memory.
for (const [key, value] of [
  ['_hadError', false], ['_parent', null], ['_host', null], ['_peername', null],
  ['_pendingData', null], ['_pendingEncoding', ''], [kTimeoutMs, 0], [kTimer, null],
  [kTimerDue, 0], [kLastActive, 0], [kBytesWritten, 0], [kPendingWrite, null],
  [kWriteCallbacks, null], [kLastWriteQueueSize, 0], [kSetNoDelay, false],
  [kSetKeepAlive, false], [kSetKeepAliveInitialDelay, 0],
]) {
  Socket.prototype[key] = value;
}

const kBuffer = Symbol('kBuffer');
const kBufferCb = Symbol('kBufferCb');

function addClientAbortSignalOption(self, options) {
  validateAbortSignal(options.signal, 'options.signal');
  const { signal } = options;
  function onAbort() {
    signal.removeEventListener('abort', onAbort);
    self.destroy(new (require('internal/errors').AbortError)(undefined, { cause: signal.reason }));
  }
  if (signal.aborted) {
    process.nextTick(onAbort);
  } else {
    signal.addEventListener('abort', onAbort);
    self.once('close', () => signal.removeEventListener('abort', onAbort));
  }
}

function initHandle(socket) {
  const handle = socket._handle;
  handle.owner = socket;
  handle.onread = onStreamRead;
  handle.onafterwrite = onAfterWrite;
  handle.onconnect = noop;
  handle.onshutdown = noop;
  socket._sockname = null;
}

function noop() {}

// handle.onread: `this` is the handle.
function onStreamRead(nread, ab) {
  const socket = this.owner;
  if (nread > 0) {
    if (socket[kTimeoutMs]) touch(socket);
    if (socket[kBufferCb] !== undefined) {
      deliverToUserBuffer(socket, new FastBuffer(ab, 0, nread));
      return;
    }
    const buf = new FastBuffer(ab, 0, nread);
    if (!socket.push(buf) && this.reading) this.readStop();
    return;
  }
  if (nread === uv.UV_EOF) {
    if (this.reading) this.readStop();
    // Half-close: the readable side ends; the writable side may go on.
    if (socket.readableLength === 0) {
      socket.readable = false;
      socket.push(null);
      socket.read(0);
    } else {
      socket.push(null);
    }
    return;
  }
  socket.destroy(errnoException(nread, 'read'));
}

function deliverToUserBuffer(socket, chunk) {
  let offset = 0;
  while (offset < chunk.length) {
    let target = socket[kBuffer];
    if (typeof target === 'function') target = target();
    const n = Math.min(target.length, chunk.length - offset);
    target.set(chunk.subarray(offset, offset + n));
    offset += n;
    if (socket[kBufferCb](n, target) === false) {
      socket._handle?.readStop();
      break;
    }
  }
}

function onReadableStreamEnd() {
  if (!this.allowHalfOpen) {
    this.write = writeAfterFIN;
  }
}

function writeAfterFIN(chunk, encoding, cb) {
  if (!this.writableEnded) return Duplex.prototype.write.call(this, chunk, encoding, cb);
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  const er = new Error('This socket has been ended by the other party');
  er.code = 'EPIPE';
  if (typeof cb === 'function') process.nextTick(cb, er);
  this.destroy(er);
  return false;
}

function onAfterWrite(status) {
  const socket = this.owner;
  const cb = socket[kWriteCallbacks]?.shift();
  if (socket.destroyed) {
    if (cb) cb(status < 0 ? errnoException(status, 'write') : null);
    return;
  }
  if (status < 0) {
    const err = errnoException(status, 'write');
    if (cb) cb(err);
    socket.destroy(err);
    return;
  }
  if (socket[kTimeoutMs]) touch(socket);
  if (cb) cb(null);
  if (socket[kFastDrain] && socket._handle && socket._handle.writeQueueSize === 0) {
    socket[kFastDrain] = false;
    if (socket._writableState.length === 0) socket.emit('drain');
  }
}

// ---- idle timeout: one timer per socket, re-armed lazily -----------------

// Activity only stamps the time; the one pending timer, when it fires,
// re-arms itself for what is left of the idle period. So a keep-alive
// server arming and clearing the timeout per request touches no timer.
function touch(socket) {
  socket[kLastActive] = Date.now();
  if (socket[kTimer] === null && socket[kTimeoutMs] > 0) armTimer(socket, socket[kTimeoutMs]);
}

function armTimer(socket, ms) {
  const t = setTimeout(onIdleTimer, ms, socket);
  t.unref();
  socket[kTimer] = t;
  socket[kTimerDue] = Date.now() + ms;
}

function onIdleTimer(socket) {
  socket[kTimer] = null;
  const ms = socket[kTimeoutMs];
  if (!ms || socket.destroyed) return;
  const idle = Date.now() - socket[kLastActive];
  if (idle >= ms - 1) {
    socket[kLastActive] = Infinity; // fires once per idle period
    socket.emit('timeout');
    return;
  }
  armTimer(socket, ms - idle);
}

Socket.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (this.destroyed) return this;
  validateNumber(msecs, 'msecs', 0);
  msecs = Math.floor(msecs) || (msecs > 0 ? 1 : 0);
  if (callback !== undefined) validateFunction(callback, 'callback');
  this[kTimeoutMs] = msecs;
  if (msecs === 0) {
    if (callback) this.removeListener('timeout', callback);
    return this;
  }
  const now = Date.now();
  this[kLastActive] = now;
  if (this[kTimer] !== null && this[kTimerDue] > now + msecs) {
    clearTimeout(this[kTimer]);
    this[kTimer] = null;
  }
  if (this[kTimer] === null) armTimer(this, msecs);
  if (callback) this.once('timeout', callback);
  return this;
};

Object.defineProperty(Socket.prototype, 'timeout', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() { return this[kTimeoutMs]; },
});

Socket.prototype._unrefTimer = function _unrefTimer() {
  if (this[kTimeoutMs]) touch(this);
};

// ---- reading ---------------------------------------------------------------

Socket.prototype._read = function _read(n) {
  if (this.connecting || !this._handle) {
    this.once('connect', () => this._read(n));
  } else if (!this._handle.reading) {
    tryReadStart(this);
  }
};

function tryReadStart(socket) {
  const err = socket._handle.readStart();
  if (err) socket.destroy(errnoException(err, 'read'));
}

Socket.prototype.pause = function pause() {
  if (this[kBufferCb] !== undefined && this._handle && this._handle.reading && !this.connecting) {
    this._handle.readStop();
  }
  return Duplex.prototype.pause.call(this);
};

Socket.prototype.resume = function resume() {
  if (this[kBufferCb] !== undefined && this._handle && !this._handle.reading && !this.connecting) {
    tryReadStart(this);
  }
  return Duplex.prototype.resume.call(this);
};

Socket.prototype.read = function read(n) {
  if (this[kBufferCb] !== undefined && this._handle && !this._handle.reading && !this.connecting) {
    tryReadStart(this);
  }
  return Duplex.prototype.read.call(this, n);
};

// ---- writing ---------------------------------------------------------------

const encodingIds = { __proto__: null, utf8: 0, 'utf-8': 0, latin1: 1, binary: 1, ascii: 2 };

Socket.prototype._writeGeneric = function _writeGeneric(writev, data, encoding, cb) {
  if (this.connecting) {
    this[kPendingWrite] = [writev, data, encoding, cb];
    this._pendingData = data;
    this._pendingEncoding = encoding;
    this.once('connect', function connect() {
      this.off('close', onClose);
      const pending = this[kPendingWrite];
      this[kPendingWrite] = null;
      this._pendingData = null;
      this._writeGeneric(pending[0], pending[1], pending[2], pending[3]);
    });
    function onClose() {
      cb(new ERR_SOCKET_CLOSED_BEFORE_CONNECTION());
    }
    this.once('close', onClose);
    return;
  }
  this._pendingData = null;
  this._pendingEncoding = '';
  if (!this._handle) {
    cb(new ERR_SOCKET_CLOSED());
    return false;
  }
  if (this[kTimeoutMs]) touch(this);
  const handle = this._handle;
  let r;
  if (writev) {
    r = writevGeneric(handle, data);
  } else if (typeof data === 'string') {
    const id = encodingIds[encoding];
    r = id !== undefined ? handle.writeString(data, id) : handle.writeBuffer(Buffer.from(data, encoding));
  } else {
    r = handle.writeBuffer(data);
  }
  if (r < 0) {
    cb(new ExceptionWithHostPort(r, 'write', undefined, undefined));
    return;
  }
  this[kBytesWritten] += handle.lastWriteBytes;
  if (r === 0) {
    cb(null);
  } else {
    (this[kWriteCallbacks] ??= []).push(cb);
  }
};

// A whole message straight to the handle when nothing is queued, corked or
// connecting (http's responses); anything else takes the Writable path.
// Bytes the kernel did not take stay queued in C, in order with later
// writes; 'drain' follows when that queue empties.
const kFastDrain = Symbol('kFastDrain');
Socket.prototype[kFastWrite] = function fastWrite(data, encoding, cb) {
  const state = this._writableState;
  const handle = this._handle;
  if (handle === null || this.connecting || state.length !== 0 || state.corked !== 0 || state.writing ||
      state.ending || state.destroyed || state.errored !== null) {
    return this.write(data, encoding, cb);
  }
  let r;
  if (typeof data === 'string') {
    const id = encodingIds[encoding || 'utf8'];
    if (id === undefined) return this.write(data, encoding, cb);
    if (data.length === 0) {
      if (cb) process.nextTick(cb, null);
      return true;
    }
    r = handle.writeString(data, id);
  } else if (data instanceof Uint8Array) {
    if (data.length === 0) {
      if (cb) process.nextTick(cb, null);
      return true;
    }
    r = handle.writeBuffer(data);
  } else {
    return this.write(data, encoding, cb);
  }
  if (r < 0) {
    const err = errnoException(r, 'write');
    if (cb) process.nextTick(cb, err);
    this.destroy(err);
    return false;
  }
  this[kBytesWritten] += handle.lastWriteBytes;
  if (this[kTimeoutMs]) touch(this);
  if (r === 0) {
    if (cb) process.nextTick(cb, null);
    return true;
  }
  (this[kWriteCallbacks] ??= []).push(cb || noop);
  if (handle.writeQueueSize >= state.highWaterMark) {
    this[kFastDrain] = true;
    return false;
  }
  return true;
};

function writevGeneric(handle, data) {
  const chunks = new Array(data.length);
  const encodings = new Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const { chunk, encoding } = data[i];
    if (typeof chunk === 'string') {
      const id = encodingIds[encoding];
      if (id === undefined) {
        chunks[i] = Buffer.from(chunk, encoding);
      } else {
        chunks[i] = chunk;
        encodings[i] = id;
      }
    } else {
      chunks[i] = chunk;
      encodings[i] = 0;
    }
  }
  return handle.writev(chunks, encodings);
}

Socket.prototype._writev = function _writev(chunks, cb) {
  this._writeGeneric(true, chunks, '', cb);
};

Socket.prototype._write = function _write(data, encoding, cb) {
  this._writeGeneric(false, data, encoding, cb);
};

Socket.prototype._final = function _final(cb) {
  if (this.pending) {
    return this.once('connect', () => this._final(cb));
  }
  if (!this._handle) return cb();
  const handle = this._handle;
  handle.onshutdown = (status) => {
    handle.onshutdown = noop;
    if (status < 0 && status !== uv.UV_ENOTCONN && !this.destroyed) {
      cb(errnoException(status, 'shutdown'));
      return;
    }
    cb();
  };
  const err = handle.shutdown();
  if (err === uv.UV_ENOTCONN || err === 1) {
    handle.onshutdown = noop;
    return cb();
  }
  if (err !== 0) {
    handle.onshutdown = noop;
    return cb(errnoException(err, 'shutdown'));
  }
};

Socket.prototype.end = function end(data, encoding, callback) {
  Duplex.prototype.end.call(this, data, encoding, callback);
  return this;
};

Socket.prototype.resetAndDestroy = function resetAndDestroy() {
  if (this._handle) {
    if (this.connecting) {
      this.once('connect', () => this.resetAndDestroy());
    } else {
      this.destroy(new ConnResetException('socket was reset'));
    }
  } else {
    this.destroy(new ERR_SOCKET_CLOSED());
  }
  return this;
};

// ---- destroy ---------------------------------------------------------------

Socket.prototype._destroy = function _destroy(exception, cb) {
  if (this[kTimer] !== null) {
    clearTimeout(this[kTimer]);
    this[kTimer] = null;
  }
  this[kTimeoutMs] = 0;
  this.connecting = false;
  if (this._handle) {
    const isException = !!exception;
    this._hadError = this._hadError || isException;
    const handle = this._handle;
    handle.onread = noop;
    this._bytesReadCache = handle.bytesRead;
    this._handle = null;
    this._sockname = null;
    handle.close(() => {
      this.emit('close', isException);
    });
    // Writes still queued in C complete with ECANCELED before the close
    // callback; their callbacks run as the handle reports them.
    cb(exception);
  } else {
    cb(exception);
    process.nextTick(emitCloseNT, this);
  }
  if (this._server) {
    this._server._connections--;
    this._server[kServerConnections]?.delete(this);
    if (this._server._emitCloseIfDrained) this._server._emitCloseIfDrained();
  }
};

function emitCloseNT(self) {
  self.emit('close', self._hadError);
}

Socket.prototype.destroySoon = function destroySoon() {
  if (this.writable) this.end();
  if (this.writableFinished) this.destroy();
  else this.once('finish', this.destroy);
};

// ---- options ---------------------------------------------------------------

Socket.prototype.setNoDelay = function setNoDelay(enable) {
  if (!this._handle) {
    this[kSetNoDelay] = enable === undefined ? true : !!enable;
    return this;
  }
  const on = enable === undefined ? true : !!enable;
  if (this._handle.setNoDelay && on !== this[kSetNoDelay]) {
    this[kSetNoDelay] = on;
    this._handle.setNoDelay(on);
  }
  return this;
};

Socket.prototype.setKeepAlive = function setKeepAlive(enable, initialDelayMsecs) {
  enable = !!enable;
  const initialDelay = ~~(initialDelayMsecs / 1000);
  if (!this._handle) {
    this[kSetKeepAlive] = enable;
    this[kSetKeepAliveInitialDelay] = initialDelay;
    return this;
  }
  if (this._handle.setKeepAlive && (enable !== this[kSetKeepAlive] ||
      (enable && initialDelay !== this[kSetKeepAliveInitialDelay]))) {
    this[kSetKeepAlive] = enable;
    this[kSetKeepAliveInitialDelay] = initialDelay;
    this._handle.setKeepAlive(enable, initialDelay);
  }
  return this;
};

Socket.prototype.address = function address() {
  return this._getsockname();
};

Socket.prototype.ref = function ref() {
  if (!this._handle) {
    this.once('connect', this.ref);
    return this;
  }
  if (typeof this._handle.ref === 'function') this._handle.ref();
  return this;
};

Socket.prototype.unref = function unref() {
  if (!this._handle) {
    this.once('connect', this.unref);
    return this;
  }
  if (typeof this._handle.unref === 'function') this._handle.unref();
  return this;
};

// ---- state -------------------------------------------------------------------

Object.defineProperty(Socket.prototype, 'pending', {
  __proto__: null,
  configurable: true,
  get() { return !this._handle || this.connecting; },
});

Object.defineProperty(Socket.prototype, 'readyState', {
  __proto__: null,
  configurable: true,
  get() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  },
});

Object.defineProperty(Socket.prototype, 'bufferSize', {
  __proto__: null,
  configurable: true,
  get() {
    if (this._handle) return this.writableLength + this._handle.writeQueueSize;
    return undefined;
  },
});

Object.defineProperty(Socket.prototype, '_connecting', {
  __proto__: null,
  configurable: true,
  get() { return this.connecting; },
});

Object.defineProperty(Socket.prototype, 'bytesRead', {
  __proto__: null,
  configurable: true,
  get() {
    if (this._handle) this._bytesReadCache = this._handle.bytesRead;
    return this._bytesReadCache || 0;
  },
});

Object.defineProperty(Socket.prototype, 'bytesWritten', {
  __proto__: null,
  configurable: true,
  get() {
    let bytes = this[kBytesWritten];
    const state = this._writableState;
    const data = this._pendingData;
    const encoding = this._pendingEncoding;
    if (!state) return undefined;
    for (const el of state.getBuffer()) {
      bytes += el.chunk instanceof Uint8Array ? el.chunk.length : Buffer.byteLength(el.chunk, el.encoding);
    }
    if (Array.isArray(data)) {
      for (const el of data) {
        bytes += el.chunk instanceof Uint8Array ? el.chunk.length : Buffer.byteLength(el.chunk, el.encoding);
      }
    } else if (data) {
      bytes += data instanceof Uint8Array ? data.length : Buffer.byteLength(data, encoding);
    }
    return bytes;
  },
});

Socket.prototype._getpeername = function _getpeername() {
  if (!this._handle || !this._handle.getpeername || this.connecting) return this._peername || {};
  if (!this._peername) {
    const r = this._handle.getpeername();
    if (typeof r === 'number' || r.length < 3) return {};
    this._peername = { address: r[0], family: r[1], port: r[2] };
  }
  return this._peername;
};

Socket.prototype._getsockname = function _getsockname() {
  if (!this._handle || !this._handle.getsockname) return {};
  if (!this._sockname) {
    const r = this._handle.getsockname();
    if (typeof r === 'number') return {};
    if (r.length < 3) return r[0];
    this._sockname = { address: r[0], family: r[1], port: r[2] };
  }
  return this._sockname;
};

function peerGetter(key) {
  return {
    __proto__: null,
    configurable: true,
    enumerable: false,
    get() { return this._getpeername()[key]; },
  };
}
function sockGetter(key) {
  return {
    __proto__: null,
    configurable: true,
    enumerable: false,
    get() {
      const name = this._getsockname();
      return typeof name === 'object' ? name[key] : undefined;
    },
  };
}
Object.defineProperty(Socket.prototype, 'remoteAddress', peerGetter('address'));
Object.defineProperty(Socket.prototype, 'remoteFamily', peerGetter('family'));
Object.defineProperty(Socket.prototype, 'remotePort', peerGetter('port'));
Object.defineProperty(Socket.prototype, 'localAddress', sockGetter('address'));
Object.defineProperty(Socket.prototype, 'localFamily', sockGetter('family'));
Object.defineProperty(Socket.prototype, 'localPort', sockGetter('port'));

// ---- connecting ------------------------------------------------------------

Socket.prototype.connect = function connect(...args) {
  let normalized;
  if (Array.isArray(args[0]) && args[0][kNormalized]) normalized = args[0];
  else normalized = normalizeArgs(args);
  const options = normalized[0];
  const cb = normalized[1];

  if (cb !== null) this.once('connect', cb);
  if (this.write !== Socket.prototype.write) this.write = Socket.prototype.write;
  if (this.destroyed) {
    this._handle = null;
    this._peername = null;
    this._sockname = null;
    this._undestroy();
    this.readable = true;
    this.writable = true;
  }

  const { path } = options;
  const pipe = !!path;
  if (!this._handle) {
    this._handle = new StreamHandle(pipe ? PIPE : TCP);
    initHandle(this);
  }
  if (options.timeout) this.setTimeout(options.timeout);
  this.connecting = true;

  if (pipe) {
    validateString(path, 'options.path');
    internalConnect(this, path);
  } else {
    lookupAndConnect(this, options);
  }
  return this;
};

const kNormalized = Symbol('normalized');

function lookupAndConnect(self, options) {
  const { localAddress, localPort } = options;
  const host = options.host || 'localhost';
  let { port, autoSelectFamilyAttemptTimeout } = options;
  void autoSelectFamilyAttemptTimeout;

  if (localAddress && !isIP(localAddress)) {
    throw new ERR_INVALID_IP_ADDRESS(localAddress);
  }
  if (localPort) validateNumber(localPort, 'options.localPort');
  if (typeof port !== 'undefined') {
    if (typeof port !== 'number' && typeof port !== 'string') {
      throw new ERR_INVALID_ARG_TYPE('options.port', ['number', 'string'], port);
    }
    validatePort(port);
  }
  port |= 0;

  const addressType = isIP(host);
  if (addressType) {
    process.nextTick(() => {
      if (self.connecting) internalConnect(self, host, port, addressType, localAddress, localPort);
    });
    return;
  }

  if (options.lookup != null) validateFunction(options.lookup, 'options.lookup');
  const dnsopts = { family: socketToDnsFamily(options.family), hints: options.hints || 0 };
  if (dnsopts.family !== 4 && dnsopts.family !== 6 && !localAddress && dnsopts.hints === 0) {
    dnsopts.hints = lazyDns().ADDRCONFIG;
  }
  self._host = host;
  const lookup = options.lookup || lazyDns().lookup;
  lookup(host, dnsopts, function emitLookup(err, ip, addressType) {
    self.emit('lookup', err, ip, addressType, host);
    if (!self.connecting) return;
    if (err) {
      process.nextTick(connectErrorNT, self, err);
    } else if (!isIP(ip)) {
      err = new ERR_INVALID_IP_ADDRESS(ip);
      process.nextTick(connectErrorNT, self, err);
    } else if (addressType !== 4 && addressType !== 6) {
      err = new ERR_INVALID_ADDRESS_FAMILY(addressType, options.host, options.port);
      process.nextTick(connectErrorNT, self, err);
    } else {
      self._unrefTimer();
      internalConnect(self, ip, port, addressType, localAddress, localPort);
    }
  });
}

function socketToDnsFamily(family) {
  switch (family) {
    case 'IPv4': return 4;
    case 'IPv6': return 6;
    default: return family;
  }
}

function connectErrorNT(self, err) {
  self.destroy(err);
}

function internalConnect(self, address, port, addressType, localAddress, localPort) {
  let err;
  if (localAddress || localPort) {
    if (addressType === 4) {
      localAddress ||= '0.0.0.0';
    } else {
      localAddress ||= '::';
    }
    err = self._handle.bind(localAddress, localPort || 0);
    if (err) {
      const ex = new ExceptionWithHostPort(err, 'bind', localAddress, localPort);
      self.destroy(ex);
      return;
    }
  }
  self._handle.onconnect = onConnectComplete;
  if (addressType === 6 || addressType === 4) {
    err = self._handle.connect(address, port);
  } else {
    err = self._handle.connectPipe(address);
  }
  if (err) {
    const sockname = self._getsockname();
    let details;
    if (sockname && sockname.address) details = `${sockname.address}:${sockname.port}`;
    const ex = new ExceptionWithHostPort(err, 'connect', address, port, details);
    self.destroy(ex);
  } else {
    self._connectAddress = address;
    self._connectPort = port;
  }
}

// handle.onconnect: `this` is the handle.
function onConnectComplete(status) {
  const self = this.owner;
  this.onconnect = noop;
  if (self.destroyed || self._handle !== this) return;
  self.connecting = false;
  self._sockname = null;
  if (status === 0) {
    if (self[kSetNoDelay] && this.setNoDelay) this.setNoDelay(true);
    if (self[kSetKeepAlive] && this.setKeepAlive) this.setKeepAlive(true, self[kSetKeepAliveInitialDelay]);
    self._unrefTimer();
    self.emit('connect');
    self.emit('ready');
    if (self.readableFlowing !== false && !self.isPaused() && !self.destroyed && self._handle &&
        !self._handle.reading) {
      tryReadStart(self);
    }
  } else {
    let details;
    const ex = new ExceptionWithHostPort(status, 'connect', self._connectAddress, self._connectPort, details);
    self.destroy(ex);
  }
}

function connect(...args) {
  const normalized = normalizeArgs(args);
  const options = normalized[0];
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  normalized[kNormalized] = true;
  return socket.connect(normalized);
}

// ---------------------------------------------------------------------------
// Server

function Server(options, connectionListener) {
  if (!(this instanceof Server)) return new Server(options, connectionListener);
  EventEmitter.call(this);
  if (typeof options === 'function') {
    connectionListener = options;
    options = {};
    this.on('connection', connectionListener);
  } else if (options == null || typeof options === 'object') {
    options = { ...options };
    if (typeof connectionListener === 'function') this.on('connection', connectionListener);
  } else {
    throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  if (options.keepAliveInitialDelay !== undefined) {
    validateNumber(options.keepAliveInitialDelay, 'options.keepAliveInitialDelay');
  }
  if (options.highWaterMark !== undefined) {
    validateNumber(options.highWaterMark, 'options.highWaterMark', 0);
  }
  this._connections = 0;
  this[kServerConnections] = new Set();
  this._handle = null;
  this._usingWorkers = false;
  this._workers = [];
  this._unref = false;
  this._listeningId = 1;
  this.allowHalfOpen = options.allowHalfOpen || false;
  this.pauseOnConnect = !!options.pauseOnConnect;
  this.noDelay = Boolean(options.noDelay);
  this.keepAlive = Boolean(options.keepAlive);
  this.keepAliveInitialDelay = ~~(options.keepAliveInitialDelay / 1000);
  this.highWaterMark = options.highWaterMark;
  this.maxConnections = undefined;
  this._pipeName = undefined;
}
Object.setPrototypeOf(Server.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Server, EventEmitter);

Object.defineProperty(Server.prototype, 'listening', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() { return !!this._handle; },
});

Server.prototype.listen = function listen(...args) {
  const normalized = normalizeArgs(args);
  let options = normalized[0];
  const cb = normalized[1];
  if (this._handle) throw new ERR_SERVER_ALREADY_LISTEN();
  if (cb !== null) this.once('listening', cb);

  // listen(handle) / listen({ fd })
  if (options instanceof StreamHandle) options = { _handle: options };
  else if (options._handle instanceof StreamHandle || options.handle instanceof StreamHandle) {
    options = { _handle: options._handle || options.handle };
  }
  if (options._handle) {
    this._handle = options._handle;
    setupListenHandle(this, null, -1, -1, options.backlog);
    return this;
  }
  if (typeof options.fd === 'number' && options.fd >= 0) {
    const type = internalBinding('tty').guessHandleType(options.fd);
    const handle = new StreamHandle(type === 'TCP' ? TCP : PIPE);
    const err = handle.open(options.fd);
    if (err) {
      handle.close();
      process.nextTick(emitErrorNT, this, errnoException(err, 'listen'));
      return this;
    }
    this._handle = handle;
    setupListenHandle(this, null, -1, -1, options.backlog);
    return this;
  }

  const backlog = toBacklog(options.backlog ?? (args.length > 2 && typeof args[2] === 'number' ? args[2] : undefined));
  if (typeof options.port === 'number' || typeof options.port === 'string' ||
      (options.port === undefined && 'port' in options) || (options.path === undefined && options.port === undefined)) {
    let port = options.port;
    if (port !== undefined && port !== null) {
      if (typeof port !== 'number' && typeof port !== 'string') {
        throw new ERR_SOCKET_BAD_PORT('options.port', port, true);
      }
      validatePort(port, 'options.port');
    }
    port = port | 0;
    if (options.host) {
      lookupAndListen(this, port, options.host, backlog, options.exclusive, options.ipv6Only);
    } else {
      listenInCluster(this, null, port, 4, backlog, undefined, options.ipv6Only, options.exclusive);
    }
    return this;
  }
  if (options.path && isPipeName(options.path)) {
    const pipeName = this._pipeName = options.path;
    listenInCluster(this, pipeName, -1, -1, backlog, undefined, false, options.exclusive);
    if (options.readableAll || options.writableAll) {
      const mode = (options.readableAll ? 0o444 : 0) | (options.writableAll ? 0o222 : 0);
      try {
        require('fs').chmodSync(pipeName, 0o600 | mode);
      } catch (err) {
        this._handle?.close();
        this._handle = null;
        throw err;
      }
    }
    return this;
  }
  if (!('port' in options) && !('path' in options)) {
    throw new ERR_INVALID_ARG_VALUE('options', options, 'must have the property "port" or "path"');
  }
  throw new ERR_INVALID_ARG_VALUE('options', options);
};

function toBacklog(b) {
  const n = Number(b);
  return Number.isInteger(n) && n >= 0 ? n : 511;
}

function lookupAndListen(self, port, address, backlog, exclusive, ipv6Only) {
  const kind = isIP(address);
  if (kind) {
    listenInCluster(self, address, port, kind, backlog, undefined, ipv6Only, exclusive);
    return;
  }
  lazyDns().lookup(address, function doListen(err, ip, addressType) {
    if (err) {
      self.emit('error', err);
    } else {
      listenInCluster(self, ip, port, addressType, backlog, undefined, ipv6Only, exclusive);
    }
  });
}

// In a cluster worker, the primary owns the listening socket (unless
// `exclusive`): it hands back a handle to listen on, or a stand-in that
// receives the connections it accepts (internal/cluster/child).
function listenInCluster(server, address, port, addressType, backlog, fd, ipv6Only, exclusive) {
  const role = require('internal/cluster/role');
  if (exclusive || role.getServer === null || !role.isWorkerProcess()) {
    setupListenHandle(server, address, port, addressType, backlog, fd, ipv6Only);
    return;
  }
  const query = { address, port, addressType, fd, flags: ipv6Only ? 1 : 0, backlog };
  role.getServer(server, query, function listenOnPrimaryHandle(err, handle) {
    if (err) {
      server.emit('error', new ExceptionWithHostPort(err, 'bind', address, port));
      return;
    }
    server._handle = handle;
    setupListenHandle(server, address, port, addressType, backlog, fd, ipv6Only);
  });
}

function setupListenHandle(server, address, port, addressType, backlog, fd, ipv6Only) {
  if (!server._handle) {
    let err;
    if (port === -1 && addressType === -1) {
      const handle = new StreamHandle(PIPE);
      err = handle.bindPipe(address);
      if (err) handle.close();
      else server._handle = handle;
    } else if (address === null) {
      // Dual-stack '::' when IPv6 is there, else 0.0.0.0 (Node's default).
      let handle = new StreamHandle(TCP);
      err = handle.bind('::', port, ipv6Only);
      if (err) {
        handle.close();
        handle = new StreamHandle(TCP);
        err = handle.bind('0.0.0.0', port);
        address = '0.0.0.0';
      } else {
        address = '::';
      }
      if (err) handle.close();
      else server._handle = handle;
    } else {
      const handle = new StreamHandle(TCP);
      err = handle.bind(address, port, ipv6Only);
      if (err) handle.close();
      else server._handle = handle;
    }
    if (err) {
      const ex = new UVExceptionWithHostPort(err, 'listen', address, port);
      process.nextTick(emitErrorNT, server, ex);
      return;
    }
  }
  server._handle.owner = server;
  server._handle.onconnection = onConnection;
  const err = server._handle.listen(backlog || 511);
  if (err) {
    const ex = new UVExceptionWithHostPort(err, 'listen', address, port);
    server._handle.close();
    server._handle = null;
    process.nextTick(emitErrorNT, server, ex);
    return;
  }
  server._connectionKey = `${addressType}:${address}:${port}`;
  if (server._unref) server.unref();
  process.nextTick(emitListeningNT, server);
}

function emitErrorNT(self, err) {
  self.emit('error', err);
}

function emitListeningNT(self) {
  if (self._handle) self.emit('listening');
}

// handle.onconnection: `this` is the listening handle.
function onConnection(err, clientHandle) {
  const self = this.owner;
  if (err) {
    self.emit('error', errnoException(err, 'accept'));
    return;
  }
  if (self.maxConnections != null && self._connections >= self.maxConnections) {
    if (typeof self.listenerCount === 'function' && self.listenerCount('drop') > 0) {
      const r = clientHandle.getpeername();
      const l = clientHandle.getsockname();
      self.emit('drop', {
        localAddress: l[0], localPort: l[2], localFamily: l[1],
        remoteAddress: r[0], remotePort: r[2], remoteFamily: r[1],
      });
    }
    clientHandle.close();
    return;
  }
  const socket = new Socket({
    handle: clientHandle,
    allowHalfOpen: self.allowHalfOpen,
    pauseOnCreate: self.pauseOnConnect,
    readable: true,
    writable: true,
    readableHighWaterMark: self.highWaterMark,
    writableHighWaterMark: self.highWaterMark,
  });
  if (self.noDelay) socket.setNoDelay(true);
  if (self.keepAlive) socket.setKeepAlive(true, self.keepAliveInitialDelay * 1000);
  self._connections++;
  self[kServerConnections].add(socket);
  socket.server = self;
  socket._server = self;
  self.emit('connection', socket);
}

Server.prototype.address = function address() {
  if (this._handle && this._handle.getsockname) {
    const r = this._handle.getsockname();
    if (typeof r === 'number') throw errnoException(r, 'address');
    if (r.length < 3) return r[0];
    return { address: r[0], family: r[1], port: r[2] };
  } else if (this._pipeName) {
    return this._pipeName;
  }
  return null;
};

Server.prototype.getConnections = function getConnections(cb) {
  const self = this;
  function end(err, connections) {
    process.nextTick(cb, err, connections);
  }
  end(null, this._connections);
  return this;
};

Server.prototype.close = function close(cb) {
  if (typeof cb === 'function') {
    if (!this._handle) {
      this.once('close', function closeCb() {
        cb(new ERR_SERVER_NOT_RUNNING());
      });
    } else {
      this.once('close', cb);
    }
  }
  if (this._handle) {
    this._handle.close();
    this._handle = null;
  }
  this._emitCloseIfDrained();
  return this;
};

Server.prototype[Symbol.asyncDispose] = async function() {
  if (!this._handle) return;
  await new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
};

Server.prototype._emitCloseIfDrained = function _emitCloseIfDrained() {
  if (this._handle || this._connections) return;
  process.nextTick(emitCloseNT, this);
};

Server.prototype.ref = function ref() {
  this._unref = false;
  if (this._handle) this._handle.ref();
  return this;
};

Server.prototype.unref = function unref() {
  this._unref = true;
  if (this._handle) this._handle.unref();
  return this;
};

Server.prototype._listen2 = function _listen2(...args) {
  return setupListenHandle(this, ...args);
};

Server.prototype[EventEmitter.captureRejectionSymbol] = function(err, event, sock) {
  switch (event) {
    case 'connection':
      sock.destroy(err);
      break;
    default:
      this.emit('error', err);
  }
};

function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

// ---------------------------------------------------------------------------
// Happy-eyeballs settings (connections here try one address at a time).

let autoSelectFamilyDefault = true;
let autoSelectFamilyAttemptTimeoutDefault = 250;

module.exports = {
  _createServerHandle: undefined,
  _normalizeArgs: normalizeArgs,
  _setSimultaneousAccepts() {},
  connect,
  createConnection: connect,
  createServer,
  getDefaultAutoSelectFamily() { return autoSelectFamilyDefault; },
  setDefaultAutoSelectFamily(value) {
    validateBoolean(value, 'value');
    autoSelectFamilyDefault = value;
  },
  getDefaultAutoSelectFamilyAttemptTimeout() { return autoSelectFamilyAttemptTimeoutDefault; },
  setDefaultAutoSelectFamilyAttemptTimeout(value) {
    validateInt32(value, 'value', 1);
    autoSelectFamilyAttemptTimeoutDefault = value < 10 ? 10 : value;
  },
  isIP,
  isIPv4,
  isIPv6,
  Server,
  Socket,
  Stream: Socket,
};
