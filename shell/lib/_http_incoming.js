'use strict';
// http.IncomingMessage: a request on the server, a response on the client.
// A Readable of the body; headers are built from rawHeaders on first use.

const Readable = require('internal/streams/readable');

const kHeaders = Symbol('kHeaders');
const kHeadersDistinct = Symbol('kHeadersDistinct');
const kHeadersCount = Symbol('kHeadersCount');
const kTrailers = Symbol('kTrailers');
const kTrailersDistinct = Symbol('kTrailersDistinct');
const kTrailersCount = Symbol('kTrailersCount');
const kOnResume = Symbol('kOnResume'); // set by the owner: resume the source
// Set when the whole message came with its head and has no body: the end
// is pushed only when someone reads, and a message nobody read is closed
// quietly (see finishQuietly) instead of being run through the stream's
// end-of-data machinery.
const kLazyEnd = Symbol('kLazyEnd');

function IncomingMessage(socket) {
  let streamOptions;
  if (socket) {
    streamOptions = { highWaterMark: socket.readableHighWaterMark };
  }
  Readable.call(this, streamOptions);
  this._readableState.readingMore = true;
  this.socket = socket;
  this.httpVersionMajor = null;
  this.httpVersionMinor = null;
  this.httpVersion = null;
  this.complete = false;
  this[kHeaders] = null;
  this[kHeadersCount] = 0;
  this.rawHeaders = [];
  this[kTrailers] = null;
  this[kTrailersCount] = 0;
  this.rawTrailers = [];
  this.joinDuplicateHeaders = false;
  this.aborted = false;
  this.upgrade = null;
  this.url = '';
  this.method = null;
  this.statusCode = null;
  this.statusMessage = null;
  this.client = socket;
  this._consuming = false;
  this._dumped = false;
  this[kOnResume] = null;
  this[kLazyEnd] = false;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

Object.defineProperty(IncomingMessage.prototype, 'connection', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() { return this.socket; },
  set(val) { this.socket = val; },
});

Object.defineProperty(IncomingMessage.prototype, 'headers', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    if (!this[kHeaders]) {
      this[kHeaders] = {};
      const src = this.rawHeaders;
      const dst = this[kHeaders];
      for (let n = 0; n < this[kHeadersCount]; n += 2) {
        this._addHeaderLine(src[n], src[n + 1], dst);
      }
    }
    return this[kHeaders];
  },
  set(val) {
    this[kHeaders] = val;
  },
});

Object.defineProperty(IncomingMessage.prototype, 'headersDistinct', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    if (!this[kHeadersDistinct]) {
      this[kHeadersDistinct] = {};
      const src = this.rawHeaders;
      const dst = this[kHeadersDistinct];
      for (let n = 0; n < this[kHeadersCount]; n += 2) {
        this._addHeaderLineDistinct(src[n], src[n + 1], dst);
      }
    }
    return this[kHeadersDistinct];
  },
  set(val) {
    this[kHeadersDistinct] = val;
  },
});

Object.defineProperty(IncomingMessage.prototype, 'trailers', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    if (!this[kTrailers]) {
      this[kTrailers] = {};
      const src = this.rawTrailers;
      const dst = this[kTrailers];
      for (let n = 0; n < this[kTrailersCount]; n += 2) {
        this._addHeaderLine(src[n], src[n + 1], dst);
      }
    }
    return this[kTrailers];
  },
  set(val) {
    this[kTrailers] = val;
  },
});

Object.defineProperty(IncomingMessage.prototype, 'trailersDistinct', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    if (!this[kTrailersDistinct]) {
      this[kTrailersDistinct] = {};
      const src = this.rawTrailers;
      const dst = this[kTrailersDistinct];
      for (let n = 0; n < this[kTrailersCount]; n += 2) {
        this._addHeaderLineDistinct(src[n], src[n + 1], dst);
      }
    }
    return this[kTrailersDistinct];
  },
  set(val) {
    this[kTrailersDistinct] = val;
  },
});

IncomingMessage.prototype.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  this.socket.setTimeout(msecs);
  return this;
};

IncomingMessage.prototype._read = function _read(n) {
  if (!this._consuming) {
    this._readableState.readingMore = false;
    this._consuming = true;
  }
  if (this[kLazyEnd]) {
    this[kLazyEnd] = false;
    this.push(null);
    return;
  }
  const resume = this[kOnResume];
  if (resume !== null) resume(this);
};

IncomingMessage.prototype._destroy = function _destroy(err, cb) {
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
    this.emit('aborted');
  }
  if (this.socket && !this.socket.destroyed && this.aborted) {
    this.socket.destroy(err);
    const cleanup = require('internal/streams/pipeline').finished(this.socket, (e) => {
      cleanup();
      onError(this, e || err, cb);
    });
  } else {
    onError(this, err, cb);
  }
};

function onError(self, error, cb) {
  if (self.listenerCount('error') === 0) cb();
  else cb(error);
}

IncomingMessage.prototype._addHeaderLines = function _addHeaderLines(headers, n) {
  if (headers && headers.length) {
    let dest;
    if (this.complete) {
      this.rawTrailers = headers;
      this[kTrailersCount] = n;
      dest = this[kTrailers];
    } else {
      this.rawHeaders = headers;
      this[kHeadersCount] = n;
      dest = this[kHeaders];
    }
    if (dest) {
      for (let i = 0; i < n; i += 2) this._addHeaderLine(headers[i], headers[i + 1], dest);
    }
  }
};

// Node's rules for a repeated header: some keep the first, set-cookie
// collects an array, cookie joins with '; ', the rest with ', '.
const dropDuplicates = new Set([
  'content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization',
  'proxy-authorization', 'if-modified-since', 'if-unmodified-since', 'from', 'location',
  'max-forwards', 'retry-after', 'etag', 'last-modified', 'server', 'age', 'expires',
]);

IncomingMessage.prototype._addHeaderLine = function _addHeaderLine(field, value, dest) {
  field = field.toLowerCase();
  const existing = dest[field];
  if (existing === undefined) {
    dest[field] = field === 'set-cookie' ? [value] : value;
  } else if (field === 'set-cookie') {
    existing.push(value);
  } else if (this.joinDuplicateHeaders) {
    dest[field] = `${existing}, ${value}`;
  } else if (field === 'cookie') {
    dest[field] = `${existing}; ${value}`;
  } else if (!dropDuplicates.has(field)) {
    dest[field] = `${existing}, ${value}`;
  }
};

IncomingMessage.prototype._addHeaderLineDistinct = function _addHeaderLineDistinct(field, value, dest) {
  const key = field.toLowerCase();
  if (!dest[key]) dest[key] = [value];
  else dest[key].push(value);
};

// The end of a body-less message nobody read or listened to: the state a
// dump would leave (ended, destroyed, closed) without its events, which no
// one would hear. With listeners, the ordinary end and dump.
function finishQuietly(msg) {
  msg[kLazyEnd] = false;
  if (msg.listenerCount('end') !== 0 || msg.listenerCount('close') !== 0 ||
      msg.listenerCount('data') !== 0 || msg.listenerCount('readable') !== 0 || msg._consuming) {
    msg.push(null);
    msg._dump();
    return;
  }
  const state = msg._readableState;
  msg._dumped = true;
  state.ended = true;
  state.endEmitted = true;
  state.flowing = true;
  state.destroyed = true;
  state.closed = true;
  state.closeEmitted = true;
}

IncomingMessage.prototype._dump = function _dump() {
  if (!this._dumped) {
    this._dumped = true;
    this.removeAllListeners('data');
    this.resume();
  }
};

module.exports = {
  IncomingMessage,
  finishQuietly,
  kLazyEnd,
  kOnResume,
  kHeadersCount,
  kTrailersCount,
};
