'use strict';
// fs.ReadStream and fs.WriteStream: Readable/Writable over the callback fs
// primitives (open/read/write/writev/close on the threadpool), also used by
// FileHandle.createReadStream/createWriteStream.

const { Readable, Writable, finished } = require('stream');
const { Buffer } = require('buffer');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE },
} = require('internal/errors');
const { validateInteger, validateFunction, getValidatedPath, getOptions } = require('internal/fs/utils');

const kIsPerformingIO = Symbol('kIsPerformingIO');
const kIoDone = Symbol('kIoDone');
const kHandle = Symbol('kHandle');

function lazyFs() {
  return require('fs');
}

function isFileHandle(fd) {
  return fd !== null && typeof fd === 'object' && typeof fd.close === 'function' && typeof fd.fd === 'number';
}

// Shared set-up: the fd (number or FileHandle) or the path to open.
function setup(stream, path, options, defaultFlags) {
  const fd = options.fd ?? null;
  if (isFileHandle(fd)) {
    stream[kHandle] = fd;
    stream.fd = fd.fd;
  } else if (fd !== null) {
    validateInteger(fd, 'fd', 0, 2147483647);
    stream.fd = fd;
  } else {
    stream.fd = null;
  }
  stream.path = stream.fd === null ? getValidatedPath(path) : undefined;
  if (stream.fd === null && Buffer.isBuffer(path)) stream.path = path;
  stream.flags = options.flags === undefined ? defaultFlags : options.flags;
  stream.mode = options.mode === undefined ? 0o666 : options.mode;
  stream[kIsPerformingIO] = false;
  const start = options.start;
  if (start !== undefined) validateInteger(start, 'start', 0);
  stream.start = start;
}

function openFile(stream, callback) {
  if (stream.fd !== null) {
    callback();
    return;
  }
  lazyFs().open(stream.path, stream.flags, stream.mode, (er, fd) => {
    if (er) {
      callback(er);
      return;
    }
    stream.fd = fd;
    callback();
    stream.emit('open', fd);
    stream.emit('ready');
  });
}

function closeFile(stream, err, cb) {
  const handle = stream[kHandle];
  if (handle) {
    stream.fd = null;
    handle.close().then(() => cb(err), (er) => cb(er || err));
    return;
  }
  if (stream.fd === null || stream.fd === undefined) {
    cb(err);
    return;
  }
  const fd = stream.fd;
  stream.fd = null;
  lazyFs().close(fd, (er) => cb(er || err));
}

function destroyFile(err, cb) {
  if (this[kIsPerformingIO]) this.once(kIoDone, (er) => closeFile(this, err || er, cb));
  else closeFile(this, err, cb);
}

function closeMethod(cb) {
  if (typeof cb === 'function') finished(this, cb);
  this.destroy();
}

// --- ReadStream -------------------------------------------------------------

function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  options = { ...getOptions(options, {}) };
  if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
  if (options.autoDestroy === undefined) options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  setup(this, path, options, 'r');
  this.end = options.end ?? Infinity;
  if (this.end !== Infinity) validateInteger(this.end, 'end', 0);
  if (this.start !== undefined && this.start > this.end) {
    throw new ERR_OUT_OF_RANGE('start', `<= "end" (here: ${this.end})`, this.start);
  }
  this.pos = this.start;
  this.bytesRead = 0;
  Readable.call(this, options);
}
Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
Object.setPrototypeOf(ReadStream, Readable);

Object.defineProperty(ReadStream.prototype, 'autoClose', {
  __proto__: null,
  get() {
    return this._readableState.autoDestroy;
  },
  set(val) {
    this._readableState.autoDestroy = val;
  },
});

Object.defineProperty(ReadStream.prototype, 'pending', {
  __proto__: null,
  get() {
    return this.fd === null;
  },
  configurable: true,
});

ReadStream.prototype._construct = function _construct(callback) {
  openFile(this, callback);
};

ReadStream.prototype._read = function _read(n) {
  n = this.pos !== undefined ? Math.min(this.end - this.pos + 1, n) : Math.min(this.end - this.bytesRead + 1, n);
  if (n <= 0) {
    this.push(null);
    return;
  }
  const buf = Buffer.allocUnsafeSlow(n);
  this[kIsPerformingIO] = true;
  lazyFs().read(this.fd, buf, 0, n, this.pos ?? null, (er, bytesRead) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) {
      this.emit(kIoDone, er);
      return;
    }
    if (er) {
      this.destroy(er);
    } else if (bytesRead > 0) {
      if (this.pos !== undefined) this.pos += bytesRead;
      this.bytesRead += bytesRead;
      this.push(bytesRead !== buf.length ? buf.subarray(0, bytesRead) : buf);
    } else {
      this.push(null);
    }
  });
};

ReadStream.prototype._destroy = destroyFile;
ReadStream.prototype.close = closeMethod;

// --- WriteStream ------------------------------------------------------------

function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  options = { ...getOptions(options, {}) };
  options.decodeStrings = true;
  if (options.autoDestroy === undefined) options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  setup(this, path, options, 'w');
  this.pos = this.start;
  this.bytesWritten = 0;
  if (options.flush !== undefined && typeof options.flush !== 'boolean') {
    throw new ERR_INVALID_ARG_TYPE('options.flush', 'boolean', options.flush);
  }
  this.flush = options.flush === true;
  Writable.call(this, options);
  if (options.encoding) this.setDefaultEncoding(options.encoding);
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);

Object.defineProperty(WriteStream.prototype, 'autoClose', {
  __proto__: null,
  get() {
    return this._writableState.autoDestroy;
  },
  set(val) {
    this._writableState.autoDestroy = val;
  },
});

Object.defineProperty(WriteStream.prototype, 'pending', {
  __proto__: null,
  get() {
    return this.fd === null;
  },
  configurable: true,
});

WriteStream.prototype._construct = function _construct(callback) {
  openFile(this, callback);
};

function afterWrite(stream, cb) {
  return (er, bytes) => {
    stream[kIsPerformingIO] = false;
    if (stream.destroyed) {
      cb(er);
      stream.emit(kIoDone, er);
      return;
    }
    if (er) {
      cb(er);
      return;
    }
    stream.bytesWritten += bytes;
    cb();
  };
}

WriteStream.prototype._write = function _write(data, encoding, cb) {
  this[kIsPerformingIO] = true;
  lazyFs().write(this.fd, data, 0, data.length, this.pos ?? null, afterWrite(this, cb));
  if (this.pos !== undefined) this.pos += data.length;
};

WriteStream.prototype._writev = function _writev(data, cb) {
  const chunks = new Array(data.length);
  let size = 0;
  for (let i = 0; i < data.length; i++) {
    chunks[i] = data[i].chunk;
    size += chunks[i].length;
  }
  this[kIsPerformingIO] = true;
  lazyFs().writev(this.fd, chunks, this.pos ?? null, afterWrite(this, cb));
  if (this.pos !== undefined) this.pos += size;
};

WriteStream.prototype._final = function _final(cb) {
  if (!this.flush) {
    cb();
    return;
  }
  lazyFs().fsync(this.fd, (er) => cb(er));
};

WriteStream.prototype._destroy = destroyFile;

WriteStream.prototype.close = function close(cb) {
  if (cb) {
    validateFunction(cb, 'cb');
    if (this.closed) {
      process.nextTick(cb);
      return;
    }
    this.on('close', cb);
  }
  // An autoClose: false stream still closes when asked to.
  if (!this.autoClose) this.on('finish', this.destroy);
  this.end();
};

WriteStream.prototype.destroySoon = WriteStream.prototype.end;

function createReadStream(path, options) {
  return new ReadStream(path, options);
}

function createWriteStream(path, options) {
  return new WriteStream(path, options);
}

module.exports = { ReadStream, WriteStream, createReadStream, createWriteStream };
