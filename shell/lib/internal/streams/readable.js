'use strict';
// stream.Readable: the internal buffer, flowing and paused modes, 'readable'
// and 'data' scheduling, setEncoding, pipe/unpipe with backpressure and async
// iteration, with Node's event ordering (nextTick where Node defers).

const {
  Stream,
  prependListener,
  getDefaultHighWaterMark,
  getHighWaterMark,
  destroy: destroyImpl,
  undestroy,
  errorOrDestroy,
  construct,
  kIsDuplex,
} = require('internal/streams/legacy');

let Buffer;
let codes;
function errors() {
  codes ??= require('internal/errors').codes;
  return codes;
}

const kPaused = Symbol('kPaused');

function ReadableState(options, stream, isDuplex) {
  if (typeof isDuplex !== 'boolean') isDuplex = !!(stream && stream[kIsDuplex]);
  const objectMode = !!(options && (options.objectMode || (isDuplex && options.readableObjectMode)));
  if (objectMode) this.objectMode = true;
  this.highWaterMark = (options && getHighWaterMark(options, 'readableHighWaterMark', isDuplex)) ??
    getDefaultHighWaterMark(objectMode);
  // Chunks waiting to be read start at buffer[bufferIndex]; the slots before
  // it were read and are null, so taking one chunk is O(1) (Node 20's layout).
  this.buffer = [];
  this.bufferIndex = 0;
  this.length = 0;
  this.flowing = null;
  this.ended = false;
  this.endEmitted = false;
  this.reading = false;
  this.sync = true;
  this.needReadable = false;
  this.emittedReadable = false;
  this.resumeScheduled = false;
  this[kPaused] = null;
  this.dataEmitted = false;
  // Fields most streams never change live on the prototype (below) and
  // become own properties when set: an idle socket stays small.
  if (options && options.emitClose === false) this.emitClose = false;
  if (options && options.autoDestroy === false) this.autoDestroy = false;
  if (options && options.defaultEncoding) this.defaultEncoding = options.defaultEncoding;
  if (options && options.encoding) {
    const { StringDecoder } = require('string_decoder');
    this.decoder = new StringDecoder(options.encoding);
    this.encoding = options.encoding;
  }
}

for (const [key, value] of [
  ['objectMode', false], ['constructed', true], ['readableListening', false],
  ['errorEmitted', false], ['emitClose', true], ['autoDestroy', true], ['destroyed', false],
  ['errored', null], ['closed', false], ['closeEmitted', false], ['defaultEncoding', 'utf8'],
  ['awaitDrainWriters', null], ['multiAwaitDrain', false], ['readingMore', false],
  ['decoder', null], ['encoding', null],
]) {
  ReadableState.prototype[key] = value;
}

// The pipe destinations, made on first use.
Object.defineProperty(ReadableState.prototype, 'pipes', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    const pipes = [];
    Object.defineProperty(this, 'pipes', { __proto__: null, value: pipes, writable: true, enumerable: true, configurable: true });
    return pipes;
  },
  set(value) {
    Object.defineProperty(this, 'pipes', { __proto__: null, value, writable: true, enumerable: true, configurable: true });
  },
});

Object.defineProperty(ReadableState.prototype, 'paused', {
  __proto__: null,
  get() {
    return this[kPaused] !== false;
  },
  set(value) {
    this[kPaused] = !!value;
  },
});

function Readable(options) {
  const isDuplex = !!(this && this[kIsDuplex]);
  if (!isDuplex && !(this instanceof Readable)) return new Readable(options);
  this._readableState = new ReadableState(options, this, isDuplex);
  if (options) {
    if (typeof options.read === 'function') this._read = options.read;
    if (typeof options.destroy === 'function') this._destroy = options.destroy;
    if (typeof options.construct === 'function') this._construct = options.construct;
    if (options.signal && !isDuplex) require('internal/streams/pipeline').addAbortSignal(options.signal, this);
  }
  Stream.call(this, options);
  construct(this, () => {
    if (this._readableState.needReadable) maybeReadMore(this, this._readableState);
  });
}
Object.setPrototypeOf(Readable.prototype, Stream.prototype);
Object.setPrototypeOf(Readable, Stream);
Readable.ReadableState = ReadableState;

Readable.prototype.destroy = destroyImpl;
Readable.prototype._undestroy = undestroy;
Readable.prototype._destroy = function _destroy(err, cb) {
  cb(err);
};

Readable.prototype[require('events').captureRejectionSymbol] = function(err) {
  this.destroy(err);
};

Readable.prototype.push = function push(chunk, encoding) {
  return addChunkFrom(this, chunk, encoding, false);
};

Readable.prototype.unshift = function unshift(chunk, encoding) {
  return addChunkFrom(this, chunk, encoding, true);
};

function addChunkFrom(stream, chunk, encoding, addToFront) {
  const state = stream._readableState;
  let err;
  if (!state.objectMode) {
    if (typeof chunk === 'string') {
      encoding = encoding || state.defaultEncoding;
      if (state.encoding !== encoding) {
        Buffer ??= require('buffer').Buffer;
        if (addToFront && state.encoding) {
          chunk = Buffer.from(chunk, encoding).toString(state.encoding);
        } else {
          chunk = Buffer.from(chunk, encoding);
          encoding = '';
        }
      }
    } else if (chunk instanceof (Buffer ??= require('buffer').Buffer)) {
      encoding = '';
    } else if (ArrayBuffer.isView(chunk)) {
      chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      encoding = '';
    } else if (chunk != null) {
      err = new (errors().ERR_INVALID_ARG_TYPE)('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
  }
  if (err) {
    errorOrDestroy(stream, err);
  } else if (chunk === null) {
    state.reading = false;
    onEofChunk(stream, state);
  } else if (state.objectMode || chunk.length > 0) {
    if (addToFront) {
      if (state.endEmitted) errorOrDestroy(stream, new (errors().ERR_STREAM_UNSHIFT_AFTER_END_EVENT)());
      else if (state.destroyed || state.errored) return false;
      else addChunk(stream, state, chunk, true);
    } else if (state.ended) {
      errorOrDestroy(stream, new (errors().ERR_STREAM_PUSH_AFTER_EOF)());
    } else if (state.destroyed || state.errored) {
      return false;
    } else {
      state.reading = false;
      if (state.decoder && !encoding) {
        chunk = state.decoder.write(chunk);
        if (state.objectMode || chunk.length !== 0) addChunk(stream, state, chunk, false);
        else maybeReadMore(stream, state);
      } else {
        addChunk(stream, state, chunk, false);
      }
    }
  } else if (!addToFront) {
    state.reading = false;
    maybeReadMore(stream, state);
  }
  return !state.ended && (state.length < state.highWaterMark || state.length === 0);
}

// 'data' goes out once per chunk. When its one listener is a pipe's (which
// returns nothing) and emit is the stock one, the listener is called
// directly: the same call emit would make, without emit's dispatch.
const kPipeOnData = Symbol('kPipeOnData');
let defaultEmit;
function emitData(stream, chunk) {
  defaultEmit ??= require('events').prototype.emit;
  const events = stream._events;
  const listener = events === undefined ? undefined : events.data;
  if (listener !== undefined && listener[kPipeOnData] === true && stream.emit === defaultEmit) {
    listener.call(stream, chunk);
  } else {
    stream.emit('data', chunk);
  }
}

function addChunk(stream, state, chunk, addToFront) {
  if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
    // Nothing is buffered and someone is listening: hand the chunk straight over.
    if (state.multiAwaitDrain) state.awaitDrainWriters.clear();
    else state.awaitDrainWriters = null;
    state.dataEmitted = true;
    emitData(stream, chunk);
  } else {
    state.length += state.objectMode ? 1 : chunk.length;
    if (!addToFront) state.buffer.push(chunk);
    else if (state.bufferIndex > 0) state.buffer[--state.bufferIndex] = chunk;
    else state.buffer.unshift(chunk);
    if (state.needReadable) emitReadable(stream);
  }
  maybeReadMore(stream, state);
}

Readable.prototype.isPaused = function isPaused() {
  const state = this._readableState;
  return state[kPaused] === true || state.flowing === false;
};

Readable.prototype.setEncoding = function setEncoding(enc) {
  const { StringDecoder } = require('string_decoder');
  const decoder = new StringDecoder(enc);
  const state = this._readableState;
  state.decoder = decoder;
  state.encoding = decoder.encoding;
  let content = '';
  for (let i = state.bufferIndex; i < state.buffer.length; i++) content += decoder.write(state.buffer[i]);
  clearBuffer(state);
  if (content !== '') state.buffer.push(content);
  state.length = content.length;
  return this;
};

const MAX_HWM = 0x40000000;
function computeNewHighWaterMark(n) {
  if (n > MAX_HWM) throw new (errors().ERR_OUT_OF_RANGE)('size', '<= 1GiB', n);
  // The next power of two, so repeated large reads don't keep growing it.
  n--;
  n |= n >>> 1;
  n |= n >>> 2;
  n |= n >>> 4;
  n |= n >>> 8;
  n |= n >>> 16;
  return n + 1;
}

function howMuchToRead(n, state) {
  if (n <= 0 || (state.length === 0 && state.ended)) return 0;
  if (state.objectMode) return 1;
  if (Number.isNaN(n)) {
    if (state.flowing && state.length) return state.buffer[state.bufferIndex].length;
    return state.length;
  }
  if (n <= state.length) return n;
  return state.ended ? state.length : 0;
}

Readable.prototype.read = function read(n) {
  if (n === undefined) n = NaN;
  else if (!Number.isInteger(n)) n = Number.parseInt(n, 10);
  const state = this._readableState;
  const nOrig = n;
  if (n > state.highWaterMark) state.highWaterMark = computeNewHighWaterMark(n);
  if (n !== 0) state.emittedReadable = false;
  if (n === 0 && state.needReadable &&
      ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
    if (state.length === 0 && state.ended) endReadable(this);
    else emitReadable(this);
    return null;
  }
  n = howMuchToRead(n, state);
  if (n === 0 && state.ended) {
    if (state.length === 0) endReadable(this);
    return null;
  }
  let doRead = state.needReadable;
  if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
  if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
    doRead = false;
  } else if (doRead) {
    state.reading = true;
    state.sync = true;
    if (state.length === 0) state.needReadable = true;
    try {
      this._read(state.highWaterMark);
    } catch (err) {
      errorOrDestroy(this, err);
    }
    state.sync = false;
    if (!state.reading) n = howMuchToRead(nOrig, state);
  }
  let ret = n > 0 ? fromList(n, state) : null;
  if (ret === null) {
    state.needReadable = state.length <= state.highWaterMark;
    n = 0;
  } else {
    state.length -= n;
    if (state.multiAwaitDrain) state.awaitDrainWriters.clear();
    else state.awaitDrainWriters = null;
  }
  if (state.length === 0) {
    if (!state.ended) state.needReadable = true;
    if (nOrig !== n && state.ended) endReadable(this);
  }
  if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
    state.dataEmitted = true;
    emitData(this, ret);
  }
  return ret;
};

function clearBuffer(state) {
  state.buffer.length = 0;
  state.bufferIndex = 0;
}

// Takes the first chunk off the buffer.
function takeFirst(state) {
  const buf = state.buffer;
  const chunk = buf[state.bufferIndex];
  if (state.bufferIndex + 1 === buf.length) {
    clearBuffer(state);
  } else {
    buf[state.bufferIndex++] = null;
    // Read slots pile up while the buffer never empties: drop them now and then.
    if (state.bufferIndex > 1024 && state.bufferIndex * 2 > buf.length) {
      buf.splice(0, state.bufferIndex);
      state.bufferIndex = 0;
    }
  }
  return chunk;
}

// Takes n units off the front of the buffer (n already fits in it).
function fromList(n, state) {
  if (state.length === 0) return null;
  const buf = state.buffer;
  if (state.objectMode) return takeFirst(state);
  const first = buf[state.bufferIndex];
  if (!n || n >= state.length) {
    if (buf.length - state.bufferIndex === 1) return takeFirst(state);
    let ret;
    const rest = state.bufferIndex === 0 ? buf : buf.slice(state.bufferIndex);
    if (state.decoder) ret = rest.join('');
    else {
      Buffer ??= require('buffer').Buffer;
      ret = Buffer.concat(rest, state.length);
    }
    clearBuffer(state);
    return ret;
  }
  if (n < first.length) {
    buf[state.bufferIndex] = first.slice(n);
    return first.slice(0, n);
  }
  if (n === first.length) return takeFirst(state);
  if (state.decoder) {
    let ret = '';
    while (ret.length < n) {
      const str = buf[state.bufferIndex];
      const need = n - ret.length;
      if (need >= str.length) {
        ret += str;
        takeFirst(state);
      } else {
        ret += str.slice(0, need);
        buf[state.bufferIndex] = str.slice(need);
      }
    }
    return ret;
  }
  Buffer ??= require('buffer').Buffer;
  const ret = Buffer.allocUnsafe(n);
  let off = 0;
  while (off < n) {
    const b = buf[state.bufferIndex];
    const need = n - off;
    if (need >= b.length) {
      ret.set(b, off);
      off += b.length;
      takeFirst(state);
    } else {
      ret.set(b.subarray(0, need), off);
      buf[state.bufferIndex] = b.subarray(need);
      off += need;
    }
  }
  return ret;
}

function onEofChunk(stream, state) {
  if (state.ended) return;
  if (state.decoder) {
    const chunk = state.decoder.end();
    if (chunk && chunk.length) {
      state.buffer.push(chunk);
      state.length += state.objectMode ? 1 : chunk.length;
    }
  }
  state.ended = true;
  if (state.sync) {
    emitReadable(stream);
  } else {
    state.needReadable = false;
    state.emittedReadable = true;
    emitReadableNT(stream);
  }
}

function emitReadable(stream) {
  const state = stream._readableState;
  state.needReadable = false;
  if (!state.emittedReadable) {
    state.emittedReadable = true;
    process.nextTick(emitReadableNT, stream);
  }
}

function emitReadableNT(stream) {
  const state = stream._readableState;
  if (!state.destroyed && !state.errored && (state.length || state.ended)) {
    stream.emit('readable');
    state.emittedReadable = false;
  }
  state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
  flow(stream);
}

function maybeReadMore(stream, state) {
  if (!state.readingMore && state.constructed) {
    state.readingMore = true;
    process.nextTick(maybeReadMoreNT, stream, state);
  }
}

function maybeReadMoreNT(stream, state) {
  while (!state.reading && !state.ended &&
         (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
    const len = state.length;
    stream.read(0);
    if (len === state.length) break;
  }
  state.readingMore = false;
}

Readable.prototype._read = function _read() {
  throw new (errors().ERR_METHOD_NOT_IMPLEMENTED)('_read()');
};

Readable.prototype.pipe = function pipe(dest, pipeOpts) {
  const src = this;
  const state = this._readableState;
  if (state.pipes.length === 1 && !state.multiAwaitDrain) {
    state.multiAwaitDrain = true;
    state.awaitDrainWriters = new Set(state.awaitDrainWriters ? [state.awaitDrainWriters] : []);
  }
  state.pipes.push(dest);
  const doEnd = (!pipeOpts || pipeOpts.end !== false) && dest !== process.stdout && dest !== process.stderr;
  const endFn = doEnd ? onend : unpipe;
  if (state.endEmitted) process.nextTick(endFn);
  else src.once('end', endFn);
  dest.on('unpipe', onunpipe);

  function onunpipe(readable, unpipeInfo) {
    if (readable === src && unpipeInfo && unpipeInfo.hasUnpiped === false) {
      unpipeInfo.hasUnpiped = true;
      cleanup();
    }
  }
  function onend() {
    dest.end();
  }
  let ondrain;
  let cleanedUp = false;
  function cleanup() {
    dest.removeListener('close', onclose);
    dest.removeListener('finish', onfinish);
    if (ondrain) dest.removeListener('drain', ondrain);
    dest.removeListener('error', onerror);
    dest.removeListener('unpipe', onunpipe);
    src.removeListener('end', onend);
    src.removeListener('end', unpipe);
    src.removeListener('data', ondata);
    cleanedUp = true;
    // Don't leave the source waiting on a drain that will never come.
    if (ondrain && state.awaitDrainWriters && (!dest._writableState || dest._writableState.needDrain)) ondrain();
  }
  function pause() {
    if (!cleanedUp) {
      if (state.pipes.length === 1 && state.pipes[0] === dest) {
        state.awaitDrainWriters = dest;
        state.multiAwaitDrain = false;
      } else if (state.pipes.length > 1 && state.pipes.includes(dest)) {
        state.awaitDrainWriters.add(dest);
      }
      src.pause();
    }
    if (!ondrain) {
      ondrain = pipeOnDrain(src, dest);
      dest.on('drain', ondrain);
    }
  }
  function ondata(chunk) {
    if (dest.write(chunk) === false) pause();
  }
  ondata[kPipeOnData] = true;
  src.on('data', ondata);
  function onerror(er) {
    unpipe();
    dest.removeListener('error', onerror);
    if (dest.listenerCount('error') === 0) {
      const s = dest._writableState || dest._readableState;
      if (s && !s.errorEmitted) errorOrDestroy(dest, er);
      else dest.emit('error', er);
    }
  }
  prependListener(dest, 'error', onerror);
  function onclose() {
    dest.removeListener('finish', onfinish);
    unpipe();
  }
  dest.once('close', onclose);
  function onfinish() {
    dest.removeListener('close', onclose);
    unpipe();
  }
  dest.once('finish', onfinish);
  function unpipe() {
    src.unpipe(dest);
  }
  dest.emit('pipe', src);
  if (dest.writableNeedDrain === true) pause();
  else if (!state.flowing) src.resume();
  return dest;
};

function pipeOnDrain(src, dest) {
  return function pipeOnDrainFunctionResult() {
    const state = src._readableState;
    if (state.awaitDrainWriters === dest) state.awaitDrainWriters = null;
    else if (state.multiAwaitDrain) state.awaitDrainWriters.delete(dest);
    if ((!state.awaitDrainWriters || state.awaitDrainWriters.size === 0) && src.listenerCount('data')) {
      src.resume();
    }
  };
}

Readable.prototype.unpipe = function unpipe(dest) {
  const state = this._readableState;
  if (state.pipes.length === 0) return this;
  if (!dest) {
    const dests = state.pipes;
    state.pipes = [];
    this.pause();
    for (const d of dests) d.emit('unpipe', this, { hasUnpiped: false });
    return this;
  }
  const index = state.pipes.indexOf(dest);
  if (index === -1) return this;
  state.pipes.splice(index, 1);
  if (state.pipes.length === 0) this.pause();
  dest.emit('unpipe', this, { hasUnpiped: false });
  return this;
};

Readable.prototype.on = function on(ev, fn) {
  const res = Stream.prototype.on.call(this, ev, fn);
  const state = this._readableState;
  if (ev === 'data') {
    state.readableListening = this.listenerCount('readable') > 0;
    if (state.flowing !== false) this.resume();
  } else if (ev === 'readable') {
    if (!state.endEmitted && !state.readableListening) {
      state.readableListening = state.needReadable = true;
      state.flowing = false;
      state.emittedReadable = false;
      if (state.length) emitReadable(this);
      else if (!state.reading) process.nextTick(readZeroNT, this);
    }
  }
  return res;
};
Readable.prototype.addListener = Readable.prototype.on;

Readable.prototype.removeListener = function removeListener(ev, fn) {
  const res = Stream.prototype.removeListener.call(this, ev, fn);
  if (ev === 'readable') process.nextTick(updateReadableListening, this);
  return res;
};
Readable.prototype.off = Readable.prototype.removeListener;

Readable.prototype.removeAllListeners = function removeAllListeners(ev) {
  const res = Stream.prototype.removeAllListeners.apply(this, arguments);
  if (ev === 'readable' || ev === undefined) process.nextTick(updateReadableListening, this);
  return res;
};

function updateReadableListening(self) {
  const state = self._readableState;
  state.readableListening = self.listenerCount('readable') > 0;
  if (state.resumeScheduled && state[kPaused] === false) state.flowing = true;
  else if (self.listenerCount('data') > 0) self.resume();
  else if (!state.readableListening) state.flowing = null;
}

function readZeroNT(self) {
  self.read(0);
}

Readable.prototype.resume = function resume() {
  const state = this._readableState;
  if (!state.flowing) {
    // 'readable' listeners keep the stream paused: they pull with read().
    state.flowing = !state.readableListening;
    if (!state.resumeScheduled) {
      state.resumeScheduled = true;
      process.nextTick(resumeNT, this, state);
    }
  }
  state[kPaused] = false;
  return this;
};

function resumeNT(stream, state) {
  if (!state.reading) stream.read(0);
  state.resumeScheduled = false;
  stream.emit('resume');
  flow(stream);
  if (state.flowing && !state.reading) stream.read(0);
}

Readable.prototype.pause = function pause() {
  const state = this._readableState;
  if (state.flowing !== false) {
    state.flowing = false;
    this.emit('pause');
  }
  state[kPaused] = true;
  return this;
};

function flow(stream) {
  const state = stream._readableState;
  while (state.flowing && stream.read() !== null);
}

function endReadable(stream) {
  const state = stream._readableState;
  if (!state.endEmitted) {
    state.ended = true;
    process.nextTick(endReadableNT, state, stream);
  }
}

function endReadableNT(state, stream) {
  if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
    state.endEmitted = true;
    stream.emit('end');
    const wState = stream._writableState;
    if (wState && stream.writable && stream.allowHalfOpen === false) {
      process.nextTick(endWritableNT, stream);
    } else if (state.autoDestroy) {
      if (!wState || (wState.autoDestroy && (wState.finished || wState.writable === false))) {
        stream.destroy();
      }
    }
  }
}

function endWritableNT(stream) {
  if (stream.writable && !stream.writableEnded && !stream.destroyed) stream.end();
}

// Wraps an old-style stream (plain 'data'/'end' emitter) as a Readable.
Readable.prototype.wrap = function wrap(stream) {
  let paused = false;
  stream.on('data', (chunk) => {
    if (!this.push(chunk) && stream.pause) {
      paused = true;
      stream.pause();
    }
  });
  stream.on('end', () => this.push(null));
  stream.on('error', (err) => errorOrDestroy(this, err));
  stream.on('close', () => this.destroy());
  stream.on('destroy', () => this.destroy());
  this._read = () => {
    if (paused && stream.resume) {
      paused = false;
      stream.resume();
    }
  };
  for (const key of Object.keys(stream)) {
    if (this[key] === undefined && typeof stream[key] === 'function') this[key] = stream[key].bind(stream);
  }
  return this;
};

Readable.prototype[Symbol.asyncIterator] = function() {
  return streamToAsyncIterator(this);
};

Readable.prototype.iterator = function iterator(options) {
  if (options !== undefined) require('internal/validators').validateObject(options, 'options');
  return streamToAsyncIterator(this, options);
};

function streamToAsyncIterator(stream, options) {
  if (typeof stream.read !== 'function') stream = Readable.wrap(stream, { objectMode: true });
  const iter = iterate(stream, options);
  iter.stream = stream;
  return iter;
}

async function* iterate(stream, options) {
  const { finished } = require('internal/streams/pipeline');
  let wake = null;
  const next = function() {
    if (wake) {
      const w = wake;
      wake = null;
      w();
    }
  };
  stream.on('readable', next);
  let error;
  const cleanup = finished(stream, { writable: false }, (err) => {
    error = err ? (error ?? err) : null;
    next();
  });
  try {
    for (;;) {
      const chunk = stream.destroyed ? null : stream.read();
      if (chunk !== null) yield chunk;
      else if (error) throw error;
      else if (error === null) return;
      else await new Promise((resolve) => { wake = resolve; });
    }
  } catch (err) {
    error = error ?? err;
    throw error;
  } finally {
    if ((error || options?.destroyOnReturn !== false) &&
        (error === undefined || stream._readableState.autoDestroy)) {
      destroyer(stream, null);
    } else {
      stream.off('readable', next);
      cleanup();
    }
  }
}

function destroyer(stream, err) {
  if (!stream || (stream._readableState && stream._readableState.destroyed)) return;
  if (typeof stream.destroy === 'function') stream.destroy(err);
}

function prop(get, set) {
  return { __proto__: null, configurable: true, enumerable: false, get, set };
}

Object.defineProperties(Readable.prototype, {
  readable: prop(function() {
    const r = this._readableState;
    return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
  }, function(val) {
    if (this._readableState) this._readableState.readable = !!val;
  }),
  readableDidRead: prop(function() {
    return this._readableState.dataEmitted;
  }),
  readableAborted: prop(function() {
    const r = this._readableState;
    return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
  }),
  readableHighWaterMark: prop(function() {
    return this._readableState.highWaterMark;
  }),
  readableBuffer: prop(function() {
    return this._readableState && this._readableState.buffer;
  }),
  readableFlowing: prop(function() {
    return this._readableState.flowing;
  }, function(state) {
    if (this._readableState) this._readableState.flowing = state;
  }),
  readableLength: prop(function() {
    return this._readableState.length;
  }),
  readableObjectMode: prop(function() {
    return this._readableState ? this._readableState.objectMode : false;
  }),
  readableEncoding: prop(function() {
    return this._readableState ? this._readableState.encoding : null;
  }),
  errored: prop(function() {
    return this._readableState ? this._readableState.errored : null;
  }),
  closed: prop(function() {
    return this._readableState ? this._readableState.closed : false;
  }),
  destroyed: prop(function() {
    return this._readableState ? this._readableState.destroyed : false;
  }, function(value) {
    if (this._readableState) this._readableState.destroyed = value;
  }),
  readableEnded: prop(function() {
    return this._readableState ? this._readableState.endEmitted : false;
  }),
});

// The iterator helpers (map, filter, toArray, ...) live in operators.js,
// loaded the first time one is called.
let operators;
function defineOperator(group, name, length) {
  const method = {
    [name](...args) {
      operators ??= require('internal/streams/operators');
      return operators[group][name].apply(this, args);
    },
  }[name];
  Object.defineProperty(method, 'length', { __proto__: null, value: length });
  Object.defineProperty(Readable.prototype, name, {
    __proto__: null, value: method, writable: true, configurable: true, enumerable: false,
  });
}
for (const [name, length] of [['asIndexedPairs', 0], ['drop', 1], ['filter', 2], ['flatMap', 2], ['map', 2],
  ['take', 1], ['compose', 2]]) {
  defineOperator('streamReturning', name, length);
}
for (const [name, length] of [['every', 1], ['forEach', 2], ['reduce', 3], ['toArray', 1], ['some', 1],
  ['find', 2]]) {
  defineOperator('promiseReturning', name, length);
}

Readable.from = function from(iterable, opts) {
  return require('internal/streams/pipeline').from(Readable, iterable, opts);
};

Readable.fromWeb = function fromWeb(readableStream, options) {
  return require('internal/streams/webadapters').newReadableFromWeb(readableStream, options);
};

Readable.toWeb = function toWeb(streamReadable, options) {
  return require('internal/streams/webadapters').newReadableStreamFromReadable(streamReadable, options);
};

Readable._fromList = fromList;

Readable.wrap = function wrap(src, options) {
  return new Readable({ objectMode: src.readableObjectMode ?? src.objectMode ?? true, ...options,
    destroy(err, callback) {
      destroyer(src, err);
      callback(err);
    } }).wrap(src);
};

module.exports = Readable;
