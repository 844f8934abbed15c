'use strict';
// process.stdin/stdout/stderr. Writes are synchronous, as Node's are for
// files, pipes and terminals on Linux. These are EventEmitters with the
// stream methods scripts use; the stream module (built-ins I) makes them
// full Readable/Writable streams.

const EventEmitter = require('events');
const tty = internalBinding('tty');
const fsb = internalBinding('fs');

function toText(chunk, encoding) {
  if (typeof chunk === 'string') return chunk;
  // Bytes go out as their UTF-8 text, invalid sequences as U+FFFD.
  if (chunk instanceof Uint8Array) return require('buffer').Buffer.prototype.utf8Slice.call(chunk, 0, chunk.length);
  const { codes } = require('internal/errors');
  throw new codes.ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
}

class WriteStream extends EventEmitter {
  constructor(fd) {
    super();
    this.fd = fd;
    this._type = tty.guessHandleType(fd);
    this.isTTY = this._type === 'TTY' ? true : undefined;
    this.writable = true;
    this._isStdio = true;
    this.destroyed = false;
    this.writableEnded = false;
    this.writableLength = 0;
    this.writableHighWaterMark = 16384;
    if (this.isTTY) {
      this.on('newListener', (event) => {
        if (event === 'resize') internalBinding('signals').watch(internalBinding('signals').signals.SIGWINCH);
      });
    }
  }

  get columns() {
    const size = this.isTTY ? tty.getWindowSize(this.fd) : undefined;
    return size ? size[0] : undefined;
  }

  get rows() {
    const size = this.isTTY ? tty.getWindowSize(this.fd) : undefined;
    return size ? size[1] : undefined;
  }

  getWindowSize() {
    return tty.getWindowSize(this.fd) || [80, 24];
  }

  getColorDepth(env = process.env) {
    if (env.FORCE_COLOR !== undefined) {
      return { '': 4, 1: 4, true: 4, 2: 8, 3: 24, 0: 1, false: 1 }[env.FORCE_COLOR] ?? 4;
    }
    if (env.NO_COLOR !== undefined || env.NODE_DISABLE_COLORS !== undefined || env.TERM === 'dumb') return 1;
    if (!this.isTTY) return 1;
    if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 24;
    if (env.TERM && /-256(colou?r)?$/i.test(env.TERM)) return 8;
    return 4;
  }

  hasColors(count = 16, env) {
    if (typeof count === 'object') {
      env = count;
      count = 16;
    }
    return count <= 2 ** this.getColorDepth(env);
  }

  write(chunk, encoding, cb) {
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = undefined;
    }
    if (this.writableEnded) {
      const { codes } = require('internal/errors');
      const err = new codes.ERR_STREAM_WRITE_AFTER_END();
      process.nextTick(() => {
        if (cb) cb(err);
        this.emit('error', err);
      });
      return false;
    }
    const r = fsb.writeString(this.fd, toText(chunk, encoding));
    if (r < 0) {
      const { UVException } = require('internal/errors');
      const err = new UVException({ errno: r, syscall: 'write' });
      process.nextTick(() => {
        if (cb) cb(err);
        // EPIPE on a closed reader is quietly ignored, as Node does for stdio.
        if (err.code !== 'EPIPE') this.emit('error', err);
      });
      return false;
    }
    if (cb) process.nextTick(cb, null);
    return true;
  }

  end(chunk, encoding, cb) {
    if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
    if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    this.writableEnded = true;
    process.nextTick(() => {
      this.emit('finish');
      if (cb) cb();
    });
    return this;
  }

  cork() {}
  uncork() {}
  setDefaultEncoding() { return this; }
  destroy() { this.destroyed = true; return this; }
  _destroy(err, cb) { cb(err); }
}

class ReadStream extends EventEmitter {
  constructor(fd) {
    super();
    this.fd = fd;
    this.isTTY = tty.isatty(fd) ? true : undefined;
    this.readable = true;
    this.readableEnded = false;
    this.readableFlowing = null;
    this._encoding = null;
    this._reader = null;
    this._buffered = [];
    this._ended = false;
    this.on('newListener', (event) => {
      if (event === 'data' && this.readableFlowing !== false) process.nextTick(() => this.resume());
      if (event === 'readable' || event === 'end') process.nextTick(() => this._start());
    });
  }

  _start() {
    if (this._reader !== null || this._ended) return;
    const reader = tty.openStdin((chunk, err) => this._onChunk(chunk, err));
    if (typeof reader === 'number') {
      const { UVException } = require('internal/errors');
      this.emit('error', new UVException({ errno: reader, syscall: 'read' }));
      return;
    }
    this._reader = reader;
    reader.start();
  }

  _onChunk(chunk, err) {
    if (err < 0) {
      const { UVException } = require('internal/errors');
      this.emit('error', new UVException({ errno: err, syscall: 'read' }));
    }
    if (chunk === null) {
      this._ended = true;
      this._reader = null;
      this._flush();
      return;
    }
    this._buffered.push(chunk);
    this._flush();
  }

  _flush() {
    if (this.readableFlowing) {
      while (this._buffered.length > 0) this.emit('data', this._buffered.shift());
    } else if (this._buffered.length > 0) {
      this.emit('readable');
    }
    if (this._ended && this._buffered.length === 0 && !this.readableEnded) {
      this.readableEnded = true;
      this.readable = false;
      process.nextTick(() => {
        this.emit('end');
        this.emit('close');
      });
    }
  }

  read() {
    if (this._buffered.length === 0) {
      this._start();
      return null;
    }
    return this._buffered.splice(0).join('');
  }

  setEncoding(encoding) {
    this._encoding = encoding;
    return this;
  }

  resume() {
    this.readableFlowing = true;
    this._start();
    if (this._reader) this._reader.start();
    this._flush();
    return this;
  }

  pause() {
    this.readableFlowing = false;
    if (this._reader) this._reader.stop();
    return this;
  }

  isPaused() {
    return this.readableFlowing === false;
  }

  unref() {
    if (this._reader) this._reader.setRef(false);
    return this;
  }

  ref() {
    if (this._reader) this._reader.setRef(true);
    return this;
  }

  setRawMode() { return this; }

  pipe(dest) {
    this.on('data', (chunk) => dest.write(chunk));
    this.on('end', () => { if (!dest._isStdio) dest.end(); });
    return dest;
  }

  async *[Symbol.asyncIterator]() {
    const chunks = [];
    let wake = null;
    let done = false;
    this.on('data', (c) => { chunks.push(c); if (wake) { wake(); wake = null; } });
    this.on('end', () => { done = true; if (wake) { wake(); wake = null; } });
    for (;;) {
      if (chunks.length > 0) { yield chunks.shift(); continue; }
      if (done) return;
      await new Promise((resolve) => { wake = resolve; });
    }
  }
}

function create(fd) {
  return fd === 0 ? new ReadStream(fd) : new WriteStream(fd);
}

module.exports = { create, WriteStream, ReadStream };
