'use strict';
// process.stdin/stdout/stderr (created on first access). stdout and stderr
// are Writables whose writes are synchronous, as Node's are for files, pipes
// and terminals on Linux; stdin is a Readable over the tty binding's reader.
// Only the Writable core loads for console.log: the rest of the stream
// module stays unloaded.

const tty = internalBinding('tty');
const fsb = internalBinding('fs');
const Writable = require('internal/streams/writable');

// One synchronous write: strings as UTF-8 (or in their encoding), bytes as
// they are.
function writeChunk(fd, chunk, encoding) {
  if (typeof chunk === 'string') {
    if (encoding === undefined || encoding === 'utf8' || encoding === 'utf-8' || encoding === 'buffer') {
      return fsb.writeString(fd, chunk);
    }
    chunk = require('buffer').Buffer.from(chunk, encoding);
  }
  const bytes = chunk instanceof Uint8Array ? chunk
    : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return fsb.writeBytes(fd, bytes);
}

function writeSync(stream, chunk, encoding, cb) {
  const r = writeChunk(stream.fd, chunk, encoding);
  if (r < 0) {
    const { UVException } = require('internal/errors');
    const err = new UVException({ errno: r, syscall: 'write' });
    // EPIPE on a closed reader is quietly ignored, as Node does for stdio.
    cb(err.code === 'EPIPE' ? null : err);
    return;
  }
  cb(null);
}

function WriteStream(fd) {
  if (!(this instanceof WriteStream)) return new WriteStream(fd);
  Writable.call(this, { decodeStrings: false, emitClose: false, autoDestroy: true });
  this.fd = fd;
  this._type = tty.guessHandleType(fd);
  this.isTTY = this._type === 'TTY' ? true : undefined;
  this._isStdio = true;
  if (this.isTTY) {
    this.on('newListener', (event) => {
      if (event === 'resize') internalBinding('signals').watch(internalBinding('signals').signals.SIGWINCH);
    });
  }
}
Object.setPrototypeOf(WriteStream.prototype, Writable.prototype);
Object.setPrototypeOf(WriteStream, Writable);

WriteStream.prototype._write = function _write(chunk, encoding, cb) {
  writeSync(this, chunk, encoding, cb);
};

WriteStream.prototype._writev = function _writev(chunks, cb) {
  let error = null;
  for (const { chunk, encoding } of chunks) {
    writeSync(this, chunk, encoding, (err) => { error = err; });
    if (error) break;
  }
  cb(error);
};

// The descriptor stays open: destroying stdout must not close fd 1.
WriteStream.prototype._destroy = function _destroy(err, cb) {
  cb(err);
};

WriteStream.prototype.destroySoon = WriteStream.prototype.destroy;

Object.defineProperties(WriteStream.prototype, {
  columns: {
    __proto__: null,
    configurable: true,
    get() {
      const size = this.isTTY ? tty.getWindowSize(this.fd) : undefined;
      return size ? size[0] : undefined;
    },
  },
  rows: {
    __proto__: null,
    configurable: true,
    get() {
      const size = this.isTTY ? tty.getWindowSize(this.fd) : undefined;
      return size ? size[1] : undefined;
    },
  },
});

WriteStream.prototype.getWindowSize = function getWindowSize() {
  return tty.getWindowSize(this.fd) || [80, 24];
};

WriteStream.prototype.getColorDepth = function getColorDepth(env = process.env) {
  if (env.FORCE_COLOR !== undefined) {
    return { '': 4, 1: 4, true: 4, 2: 8, 3: 24, 0: 1, false: 1 }[env.FORCE_COLOR] ?? 4;
  }
  if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined || env.TERM === 'dumb') return 1;
  if (!this.isTTY) return 1;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 24;
  if (env.TERM && /-256(colou?r)?$/i.test(env.TERM)) return 8;
  return 4;
};

WriteStream.prototype.hasColors = function hasColors(count = 16, env) {
  if (typeof count === 'object') {
    env = count;
    count = 16;
  }
  return count <= 2 ** this.getColorDepth(env);
};

WriteStream.prototype.clearLine = function clearLine(dir, cb) {
  return require('readline').clearLine(this, dir, cb);
};

WriteStream.prototype.clearScreenDown = function clearScreenDown(cb) {
  return require('readline').clearScreenDown(this, cb);
};

WriteStream.prototype.cursorTo = function cursorTo(x, y, cb) {
  return require('readline').cursorTo(this, x, y, cb);
};

WriteStream.prototype.moveCursor = function moveCursor(dx, dy, cb) {
  return require('readline').moveCursor(this, dx, dy, cb);
};

let ReadStream;

function defineReadStream() {
  const Readable = require('internal/streams/readable');
  ReadStream = function ReadStream(fd) {
    if (!(this instanceof ReadStream)) return new ReadStream(fd);
    Readable.call(this, { highWaterMark: 64 * 1024, emitClose: false });
    this.fd = fd;
    this.isTTY = tty.isatty(fd) ? true : undefined;
    this.isRaw = false;
    this._reader = null;
  };
  Object.setPrototypeOf(ReadStream.prototype, Readable.prototype);
  Object.setPrototypeOf(ReadStream, Readable);

  // The C reader, opened on first need; false (after destroying the stream)
  // when stdin cannot be opened.
  ReadStream.prototype._open = function _open() {
    if (this._reader === null) {
      const reader = tty.openStdin((chunk, err) => this._onChunk(chunk, err));
      if (typeof reader === 'number') {
        const { UVException } = require('internal/errors');
        this.destroy(new UVException({ errno: reader, syscall: 'read' }));
        return false;
      }
      this._reader = reader;
    }
    return true;
  };

  ReadStream.prototype._read = function _read() {
    if (this._open()) this._reader.start();
  };

  ReadStream.prototype._onChunk = function _onChunk(chunk, err) {
    if (err < 0) {
      const { UVException } = require('internal/errors');
      this.destroy(new UVException({ errno: err, syscall: 'read' }));
      return;
    }
    if (chunk === null) {
      this._reader = null;
      this.push(null);
      return;
    }
    // Bytes, as Node delivers them (strings only after setEncoding). Stop
    // reading while the buffer is full; _read starts again.
    if (!this.push(Buffer.from(chunk)) && this._reader) this._reader.stop();
  };

  ReadStream.prototype._destroy = function _destroy(err, cb) {
    if (this._reader) {
      this._reader.stop();
      this._reader = null;
    }
    cb(err);
  };

  ReadStream.prototype.pause = function pause() {
    if (this._reader) this._reader.stop();
    return Readable.prototype.pause.call(this);
  };

  ReadStream.prototype.unref = function unref() {
    if (this._reader) this._reader.setRef(false);
    return this;
  };

  ReadStream.prototype.ref = function ref() {
    if (this._reader) this._reader.setRef(true);
    return this;
  };

  ReadStream.prototype.setRawMode = function setRawMode(flag) {
    flag = !!flag;
    if (!this._open()) return this;
    const err = this._reader.setRawMode(flag);
    if (err < 0) {
      const { ErrnoException } = require('internal/errors');
      this.emit('error', new ErrnoException(err, 'setRawMode'));
      return this;
    }
    this.isRaw = flag;
    return this;
  };
  return ReadStream;
}

function create(fd) {
  if (fd === 0) return new (ReadStream ?? defineReadStream())(fd);
  return new WriteStream(fd);
}

module.exports = {
  create,
  WriteStream,
  get ReadStream() {
    return ReadStream ?? defineReadStream();
  },
};
