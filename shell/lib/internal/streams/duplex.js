'use strict';
// stream.Duplex (a Readable that is also a Writable), stream.Transform (the
// written side feeds _transform, whose output is the readable side) and
// stream.PassThrough.

const Readable = require('internal/streams/readable');
const Writable = require('internal/streams/writable');
const { kIsDuplex } = require('internal/streams/legacy');

function Duplex(options) {
  if (!(this instanceof Duplex)) return new Duplex(options);
  Readable.call(this, options);
  Writable.call(this, options);
  if (options) {
    this.allowHalfOpen = options.allowHalfOpen !== false;
    if (options.readable === false) {
      this._readableState.readable = false;
      this._readableState.ended = true;
      this._readableState.endEmitted = true;
    }
    if (options.writable === false) {
      this._writableState.writable = false;
      this._writableState.ending = true;
      this._writableState.ended = true;
      this._writableState.finished = true;
    }
    if (options.signal) require('internal/streams/pipeline').addAbortSignal(options.signal, this);
  } else {
    this.allowHalfOpen = true;
  }
}
Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
Object.setPrototypeOf(Duplex, Readable);
Duplex.prototype[kIsDuplex] = true;

// Writable's methods and accessors, except those Readable already defines.
for (const key of Object.getOwnPropertyNames(Writable.prototype)) {
  if (key === 'constructor' || key === 'destroy' || key === 'pipe') continue;
  if (Object.prototype.hasOwnProperty.call(Duplex.prototype, key)) continue;
  if (['destroyed', 'closed', 'errored'].includes(key)) continue;
  Object.defineProperty(Duplex.prototype, key, Object.getOwnPropertyDescriptor(Writable.prototype, key));
}
for (const key of ['write', 'cork', 'uncork', 'setDefaultEncoding', 'end', '_write', '_writev']) {
  Duplex.prototype[key] = Writable.prototype[key];
}
Duplex.prototype.destroy = Writable.prototype.destroy;

Object.defineProperty(Duplex.prototype, 'destroyed', {
  __proto__: null,
  configurable: true,
  get() {
    if (this._readableState === undefined || this._writableState === undefined) return false;
    return this._readableState.destroyed && this._writableState.destroyed;
  },
  set(value) {
    if (this._readableState && this._writableState) {
      this._readableState.destroyed = value;
      this._writableState.destroyed = value;
    }
  },
});

Duplex.from = function from(body) {
  return require('internal/streams/duplexify').duplexFrom(body);
};

Duplex.fromWeb = function fromWeb(pair, options) {
  return require('internal/streams/webadapters').newDuplexFromWeb(pair, options);
};

Duplex.toWeb = function toWeb(duplex) {
  return require('internal/streams/webadapters').newReadableWritablePairFromDuplex(duplex);
};

function Transform(options) {
  if (!(this instanceof Transform)) return new Transform(options);
  // Unless told otherwise, the readable side holds no more than the
  // writable side so that backpressure reaches the writer.
  const readableHighWaterMark = options ? require('internal/streams/legacy')
    .getHighWaterMark(options, 'readableHighWaterMark', true) : undefined;
  if (readableHighWaterMark === 0) {
    options = {
      ...options,
      highWaterMark: null,
      readableHighWaterMark,
      writableHighWaterMark: options.writableHighWaterMark || 0,
    };
  }
  Duplex.call(this, options);
  this._readableState.sync = false;
  this._transformCallback = null;
  this[kOnTransformed] = makeOnTransformed(this);
  this[kWriteCallback] = null;
  this[kReadableLength] = 0;
  if (options) {
    if (typeof options.transform === 'function') this._transform = options.transform;
    if (typeof options.flush === 'function') this._flush = options.flush;
  }
  this.on('prefinish', transformPrefinish);
}
Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
Object.setPrototypeOf(Transform, Duplex);

function transformFinal(cb) {
  if (typeof this._flush === 'function' && !this.destroyed) {
    this._flush((er, data) => {
      if (er) {
        if (cb) cb(er);
        else this.destroy(er);
        return;
      }
      if (data != null) this.push(data);
      this.push(null);
      if (cb) cb();
    });
  } else {
    this.push(null);
    if (cb) cb();
  }
}

function transformPrefinish() {
  if (this._final !== transformFinal) transformFinal.call(this);
}

Transform.prototype._final = transformFinal;

Transform.prototype._transform = function _transform() {
  const { ERR_METHOD_NOT_IMPLEMENTED } = require('internal/errors').codes;
  throw new ERR_METHOD_NOT_IMPLEMENTED('_transform()');
};

// One callback per Transform, made once: a write is only ever in flight one
// at a time, so what it needs lives on the stream, not in a closure per chunk.
const kOnTransformed = Symbol('kOnTransformed');
const kWriteCallback = Symbol('kWriteCallback');
const kReadableLength = Symbol('kReadableLength');

function makeOnTransformed(stream) {
  return function onTransformed(err, val) {
    const callback = stream[kWriteCallback];
    if (callback === null) {
      // Called a second time: let the writable side report it.
      stream._writableState.onwrite(err);
      return;
    }
    stream[kWriteCallback] = null;
    if (err) {
      callback(err);
      return;
    }
    const rState = stream._readableState;
    if (val != null) stream.push(val);
    if (stream._writableState.ended || stream[kReadableLength] === rState.length ||
        rState.length < rState.highWaterMark) {
      callback();
    } else {
      // The readable side is full: take the next write once it is read.
      stream._transformCallback = callback;
    }
  };
}

Transform.prototype._write = function _write(chunk, encoding, callback) {
  const onTransformed = this[kOnTransformed] ??= makeOnTransformed(this);
  this[kWriteCallback] = callback;
  this[kReadableLength] = this._readableState.length;
  this._transform(chunk, encoding, onTransformed);
};

Transform.prototype._read = function _read() {
  const cb = this._transformCallback;
  if (cb) {
    this._transformCallback = null;
    cb();
  }
};

function PassThrough(options) {
  if (!(this instanceof PassThrough)) return new PassThrough(options);
  Transform.call(this, options);
}
Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
Object.setPrototypeOf(PassThrough, Transform);

PassThrough.prototype._transform = function _transform(chunk, encoding, cb) {
  cb(null, chunk);
};

module.exports = { Duplex, Transform, PassThrough };
