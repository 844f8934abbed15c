'use strict';
// stream.Writable: buffering, backpressure ('drain'), cork/uncork and
// _writev batching, _final, 'finish' and the destroy life cycle, with Node's
// callback and event ordering (write callbacks and 'finish' on later ticks).

const {
  Stream,
  getDefaultHighWaterMark,
  getHighWaterMark,
  destroy: destroyImpl,
  undestroy,
  errorOrDestroy,
  construct,
  nop,
  kIsDuplex,
} = require('internal/streams/legacy');

let Buffer;
let codes;
function errors() {
  codes ??= require('internal/errors').codes;
  return codes;
}

const kOnFinished = Symbol('kOnFinished');

// The write queue of a state that has none: shared, so never written to.
const kNoBuffered = Object.freeze([]);

function WritableState(options, stream, isDuplex) {
  if (typeof isDuplex !== 'boolean') isDuplex = !!(stream && stream[kIsDuplex]);
  const objectMode = !!(options && (options.objectMode || (isDuplex && options.writableObjectMode)));
  if (objectMode) this.objectMode = true;
  this.highWaterMark = (options && getHighWaterMark(options, 'writableHighWaterMark', isDuplex)) ??
    getDefaultHighWaterMark(objectMode);
  this.needDrain = false;
  this.length = 0;
  this.writing = false;
  this.sync = true;
  this.onwrite = (er) => onwrite(stream, er);
  this.writecb = null;
  this.writelen = 0;
  this.afterWriteTickInfo = null;
  this.buffered = kNoBuffered;
  this.bufferedIndex = 0;
  this.pendingcb = 0;
  // Fields most streams never change live on the prototype (below) and
  // become own properties when set: an idle socket stays small.
  if (options && options.decodeStrings === false) this.decodeStrings = false;
  if (options && options.defaultEncoding) this.defaultEncoding = options.defaultEncoding;
  if (options && options.emitClose === false) this.emitClose = false;
  if (options && options.autoDestroy === false) this.autoDestroy = false;
}

for (const [key, value] of [
  ['objectMode', false], ['finalCalled', false], ['ending', false], ['ended', false],
  ['finished', false], ['destroyed', false], ['decodeStrings', true], ['defaultEncoding', 'utf8'],
  ['corked', 0], ['bufferProcessing', false], ['allBuffers', true], ['allNoop', true],
  ['constructed', true], ['prefinished', false], ['errorEmitted', false], ['emitClose', true],
  ['autoDestroy', true], ['errored', null], ['closed', false], ['closeEmitted', false],
]) {
  WritableState.prototype[key] = value;
}

// The callbacks of end() calls waiting for 'finish': null until there is one.
WritableState.prototype[kOnFinished] = null;

// Takes the callbacks waiting for 'finish'.
function takeOnFinished(state) {
  const callbacks = state[kOnFinished];
  if (callbacks === null || callbacks.length === 0) return kNoBuffered;
  state[kOnFinished] = null;
  return callbacks;
}

WritableState.prototype.getBuffer = function getBuffer() {
  return this.buffered.slice(this.bufferedIndex);
};

Object.defineProperty(WritableState.prototype, 'bufferedRequestCount', {
  __proto__: null,
  get() {
    return this.buffered.length - this.bufferedIndex;
  },
});

function resetBuffer(state) {
  state.buffered = kNoBuffered;
  state.bufferedIndex = 0;
  state.allBuffers = true;
  state.allNoop = true;
}

function Writable(options) {
  const isDuplex = !!(this && this[kIsDuplex]);
  if (!isDuplex && !(this instanceof Writable)) return new Writable(options);
  this._writableState = new WritableState(options, this, isDuplex);
  if (options) {
    if (typeof options.write === 'function') this._write = options.write;
    if (typeof options.writev === 'function') this._writev = options.writev;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.final === 'function') this._final = options.final;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal) require('internal/streams/pipeline').addAbortSignal(options.signal, this);
  }
  Stream.call(this, options);
  construct(this, () => {
    const state = this._writableState;
    if (!state.writing) clearBuffer(this, state);
    finishMaybe(this, state);
  });
}
Object.setPrototypeOf(Writable.prototype, Stream.prototype);
Object.setPrototypeOf(Writable, Stream);
Writable.WritableState = WritableState;

// Duplex streams count as Writables without inheriting from Writable.
Object.defineProperty(Writable, Symbol.hasInstance, {
  __proto__: null,
  value(object) {
    if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
    if (this !== Writable) return false;
    return object != null && object._writableState instanceof WritableState;
  },
});

Writable.prototype.pipe = function pipe() {
  errorOrDestroy(this, new (errors().ERR_STREAM_CANNOT_PIPE)());
};

function writeImpl(stream, chunk, encoding, cb) {
  const state = stream._writableState;
  if (typeof encoding === 'function') {
    cb = encoding;
    encoding = state.defaultEncoding;
  } else {
    if (!encoding) encoding = state.defaultEncoding;
    else if (encoding !== 'buffer') {
      Buffer ??= require('buffer').Buffer;
      if (!Buffer.isEncoding(encoding)) throw new (errors().ERR_UNKNOWN_ENCODING)(encoding);
    }
    if (typeof cb !== 'function') cb = nop;
  }
  if (chunk === null) throw new (errors().ERR_STREAM_NULL_VALUES)();
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      if (state.decodeStrings !== false) {
        Buffer ??= require('buffer').Buffer;
        chunk = Buffer.from(chunk, encoding);
        encoding = 'buffer';
      }
    } else if (chunk instanceof (Buffer ??= require('buffer').Buffer)) {
      encoding = 'buffer';
    } else if (ArrayBuffer.isView(chunk)) {
      chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      encoding = 'buffer';
    } else {
      throw new (errors().ERR_INVALID_ARG_TYPE)('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
  }
  let err;
  if (state.ending) err = new (errors().ERR_STREAM_WRITE_AFTER_END)();
  else if (state.destroyed) err = new (errors().ERR_STREAM_DESTROYED)('write');
  if (err) {
    process.nextTick(cb, err);
    errorOrDestroy(stream, err, true);
    return err;
  }
  state.pendingcb++;
  return writeOrBuffer(stream, state, chunk, encoding, cb);
}

Writable.prototype.write = function write(chunk, encoding, cb) {
  return writeImpl(this, chunk, encoding, cb) === true;
};

Writable.prototype.cork = function cork() {
  this._writableState.corked++;
};

Writable.prototype.uncork = function uncork() {
  const state = this._writableState;
  if (state.corked) {
    state.corked--;
    if (!state.writing) clearBuffer(this, state);
  }
};

Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
  if (typeof encoding === 'string') encoding = encoding.toLowerCase();
  Buffer ??= require('buffer').Buffer;
  if (!Buffer.isEncoding(encoding)) throw new (errors().ERR_UNKNOWN_ENCODING)(encoding);
  this._writableState.defaultEncoding = encoding;
  return this;
};

function writeOrBuffer(stream, state, chunk, encoding, callback) {
  const len = state.objectMode ? 1 : chunk.length;
  state.length += len;
  if (state.writing || state.corked || state.errored || !state.constructed) {
    if (state.buffered === kNoBuffered) state.buffered = [];
    state.buffered.push({ chunk, encoding, callback });
    if (state.allBuffers && encoding !== 'buffer') state.allBuffers = false;
    if (state.allNoop && callback !== nop) state.allNoop = false;
  } else {
    state.writelen = len;
    state.writecb = callback;
    state.writing = true;
    state.sync = true;
    stream._write(chunk, encoding, state.onwrite);
    state.sync = false;
  }
  // Measured after the write: a chunk the sink took synchronously doesn't
  // count against the high-water mark, so the source needn't pause (Node 20).
  const ret = state.length < state.highWaterMark;
  if (!ret) state.needDrain = true;
  return ret && !state.errored && !state.destroyed;
}

function doWrite(stream, state, writev, len, chunk, encoding, cb) {
  state.writelen = len;
  state.writecb = cb;
  state.writing = true;
  state.sync = true;
  if (state.destroyed) state.onwrite(new (errors().ERR_STREAM_DESTROYED)('write'));
  else if (writev) stream._writev(chunk, state.onwrite);
  else stream._write(chunk, encoding, state.onwrite);
  state.sync = false;
}

function onwriteError(stream, state, er, cb) {
  --state.pendingcb;
  cb(er);
  errorBuffer(state);
  errorOrDestroy(stream, er);
}

function onwrite(stream, er) {
  const state = stream._writableState;
  const sync = state.sync;
  const cb = state.writecb;
  if (typeof cb !== 'function') {
    errorOrDestroy(stream, new (errors().ERR_MULTIPLE_CALLBACK)());
    return;
  }
  state.writing = false;
  state.writecb = null;
  state.length -= state.writelen;
  state.writelen = 0;
  if (er) {
    if (!state.errored) state.errored = er;
    if (stream._readableState && !stream._readableState.errored) stream._readableState.errored = er;
    if (sync) process.nextTick(onwriteError, stream, state, er, cb);
    else onwriteError(stream, state, er, cb);
    return;
  }
  if (state.buffered.length > state.bufferedIndex) clearBuffer(stream, state);
  if (sync) {
    // Writes that complete synchronously share one tick for their callbacks.
    const info = state.afterWriteTickInfo;
    if (info !== null && info.cb === cb) {
      info.count++;
    } else {
      state.afterWriteTickInfo = { count: 1, cb, stream, state };
      process.nextTick(afterWriteTick, state.afterWriteTickInfo);
    }
  } else {
    afterWrite(stream, state, 1, cb);
  }
}

function afterWriteTick(info) {
  info.state.afterWriteTickInfo = null;
  afterWrite(info.stream, info.state, info.count, info.cb);
}

function afterWrite(stream, state, count, cb) {
  if (!state.ending && !stream.destroyed && state.length === 0 && state.needDrain) {
    state.needDrain = false;
    stream.emit('drain');
  }
  while (count-- > 0) {
    state.pendingcb--;
    cb(null);
  }
  if (state.destroyed) errorBuffer(state);
  finishMaybe(stream, state);
}

// Fails every buffered write and pending end() callback after a destroy.
function errorBuffer(state) {
  if (state.writing) return;
  for (let i = state.bufferedIndex; i < state.buffered.length; i++) {
    const { chunk, callback } = state.buffered[i];
    state.length -= state.objectMode ? 1 : chunk.length;
    callback(state.errored ?? new (errors().ERR_STREAM_DESTROYED)('write'));
  }
  const onfinishCallbacks = takeOnFinished(state);
  for (const cb of onfinishCallbacks) cb(state.errored ?? new (errors().ERR_STREAM_DESTROYED)('end'));
  resetBuffer(state);
}

function clearBuffer(stream, state) {
  if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return;
  const { buffered, bufferedIndex, objectMode } = state;
  const count = buffered.length - bufferedIndex;
  if (!count) return;
  let i = bufferedIndex;
  state.bufferProcessing = true;
  if (count > 1 && stream._writev) {
    state.pendingcb -= count - 1;
    const callback = state.allNoop ? nop : (err) => {
      for (let n = i; n < buffered.length; n++) buffered[n].callback(err);
    };
    const chunks = state.allNoop && i === 0 ? buffered : buffered.slice(i);
    chunks.allBuffers = state.allBuffers;
    doWrite(stream, state, true, state.length, chunks, '', callback);
    resetBuffer(state);
  } else {
    do {
      const { chunk, encoding, callback } = buffered[i];
      buffered[i++] = null;
      doWrite(stream, state, false, objectMode ? 1 : chunk.length, chunk, encoding, callback);
    } while (i < buffered.length && !state.writing);
    if (i === buffered.length) {
      resetBuffer(state);
    } else if (i > 256) {
      buffered.splice(0, i);
      state.bufferedIndex = 0;
    } else {
      state.bufferedIndex = i;
    }
  }
  state.bufferProcessing = false;
}

Writable.prototype._write = function _write(chunk, encoding, cb) {
  if (this._writev) this._writev([{ chunk, encoding }], cb);
  else throw new (errors().ERR_METHOD_NOT_IMPLEMENTED)('_write()');
};

Writable.prototype._writev = null;

Writable.prototype.end = function end(chunk, encoding, cb) {
  const state = this._writableState;
  if (typeof chunk === 'function') {
    cb = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    cb = encoding;
    encoding = null;
  }
  let err;
  if (chunk !== null && chunk !== undefined) {
    const ret = writeImpl(this, chunk, encoding);
    if (ret instanceof Error) err = ret;
  }
  if (state.corked) {
    state.corked = 1;
    this.uncork();
  }
  if (err) {
    // already reported by write
  } else if (!state.errored && !state.ending) {
    state.ending = true;
    finishMaybe(this, state, true);
    state.ended = true;
  } else if (state.finished) {
    err = new (errors().ERR_STREAM_ALREADY_FINISHED)('end');
  } else if (state.destroyed) {
    err = new (errors().ERR_STREAM_DESTROYED)('end');
  }
  if (typeof cb === 'function') {
    if (err || state.finished) process.nextTick(cb, err);
    else (state[kOnFinished] ??= []).push(cb);
  }
  return this;
};

function needFinish(state) {
  return state.ending && !state.destroyed && state.constructed && state.length === 0 &&
    !state.errored && state.buffered.length === 0 && !state.finished && !state.writing &&
    !state.errorEmitted && !state.closeEmitted;
}

function callFinal(stream, state) {
  let called = false;
  function onFinish(err) {
    if (called) {
      errorOrDestroy(stream, err ?? new (errors().ERR_MULTIPLE_CALLBACK)());
      return;
    }
    called = true;
    state.pendingcb--;
    if (err) {
      for (const cb of takeOnFinished(state)) cb(err);
      errorOrDestroy(stream, err, state.sync);
    } else if (needFinish(state)) {
      state.prefinished = true;
      stream.emit('prefinish');
      state.pendingcb++;
      process.nextTick(finish, stream, state);
    }
  }
  state.sync = true;
  state.pendingcb++;
  try {
    stream._final(onFinish);
  } catch (err) {
    onFinish(err);
  }
  state.sync = false;
}

function prefinish(stream, state) {
  if (state.prefinished || state.finalCalled) return;
  if (typeof stream._final === 'function' && !state.destroyed) {
    state.finalCalled = true;
    callFinal(stream, state);
  } else {
    state.prefinished = true;
    stream.emit('prefinish');
  }
}

function finishMaybe(stream, state, sync) {
  if (!needFinish(state)) return;
  prefinish(stream, state);
  if (state.pendingcb !== 0) return;
  if (sync) {
    state.pendingcb++;
    process.nextTick(() => {
      if (needFinish(state)) finish(stream, state);
      else state.pendingcb--;
    });
  } else if (needFinish(state)) {
    state.pendingcb++;
    finish(stream, state);
  }
}

function finish(stream, state) {
  state.pendingcb--;
  state.finished = true;
  for (const cb of takeOnFinished(state)) cb(null);
  stream.emit('finish');
  if (state.autoDestroy) {
    const rState = stream._readableState;
    if (!rState || (rState.autoDestroy && (rState.endEmitted || rState.readable === false))) {
      stream.destroy();
    }
  }
}

function writableProp(get) {
  return { __proto__: null, configurable: true, enumerable: false, get };
}

Object.defineProperties(Writable.prototype, {
  closed: writableProp(function() {
    return this._writableState ? this._writableState.closed : false;
  }),
  destroyed: {
    __proto__: null,
    configurable: true,
    get() {
      return this._writableState ? this._writableState.destroyed : false;
    },
    set(value) {
      if (this._writableState) this._writableState.destroyed = value;
    },
  },
  writable: {
    __proto__: null,
    configurable: true,
    get() {
      const w = this._writableState;
      return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
    },
    set(val) {
      if (this._writableState) this._writableState.writable = !!val;
    },
  },
  writableFinished: writableProp(function() {
    return this._writableState ? this._writableState.finished : false;
  }),
  writableObjectMode: writableProp(function() {
    return this._writableState ? this._writableState.objectMode : false;
  }),
  writableBuffer: writableProp(function() {
    return this._writableState && this._writableState.getBuffer();
  }),
  writableEnded: writableProp(function() {
    return this._writableState ? this._writableState.ending : false;
  }),
  writableNeedDrain: writableProp(function() {
    const w = this._writableState;
    return w ? !w.destroyed && !w.ending && w.needDrain : false;
  }),
  writableHighWaterMark: writableProp(function() {
    return this._writableState && this._writableState.highWaterMark;
  }),
  writableCorked: writableProp(function() {
    return this._writableState ? this._writableState.corked : 0;
  }),
  writableLength: writableProp(function() {
    return this._writableState && this._writableState.length;
  }),
  errored: writableProp(function() {
    return this._writableState ? this._writableState.errored : null;
  }),
  writableAborted: writableProp(function() {
    const w = this._writableState;
    return !!(w.writable !== false && (w.destroyed || w.errored) && !w.finished);
  }),
});

Writable.prototype.destroy = function destroy(err, cb) {
  const state = this._writableState;
  const waiting = state[kOnFinished];
  if (!state.destroyed && (state.bufferedIndex < state.buffered.length || (waiting !== null && waiting.length))) {
    process.nextTick(errorBuffer, state);
  }
  destroyImpl.call(this, err, cb);
  return this;
};

Writable.fromWeb = function fromWeb(writableStream, options) {
  return require('internal/streams/webadapters').newWritableFromWeb(writableStream, options);
};

Writable.toWeb = function toWeb(streamWritable) {
  return require('internal/streams/webadapters').newWritableStreamFromWritable(streamWritable);
};

Writable.prototype._undestroy = undestroy;
Writable.prototype._destroy = function _destroy(err, cb) {
  cb(err);
};

Writable.prototype[require('events').captureRejectionSymbol] = function(err) {
  this.destroy(err);
};

module.exports = Writable;
