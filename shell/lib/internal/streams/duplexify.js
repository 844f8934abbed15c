'use strict';
// Duplex.from (turning streams, web streams, async generator functions,
// iterables, promises and { readable, writable } pairs into one Duplex) and
// stream.compose (a chain of streams seen as a single Duplex: writes go to
// the first, reads come from the last).

const {
  AbortError,
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_RETURN_VALUE, ERR_MISSING_ARGS },
} = require('internal/errors');
const {
  finished,
  from,
  isDestroyed,
  isIterable,
  isNodeStream,
  isReadableNodeStream,
  isWritableNodeStream,
  pipelineImpl,
} = require('internal/streams/pipeline');
const { Duplex } = require('internal/streams/duplex');
const { isReadableStream } = require('internal/webstreams/readablestream');
const {
  isWritableStream,
  newReadableFromWeb,
  newWritableFromWeb,
  newDuplexFromWeb,
} = require('internal/streams/webadapters');

// Node names the class of what Duplex.from makes.
class Duplexify extends Duplex {
  constructor(options) {
    super(options);
    // A side that was switched off must also read as not readable/writable.
    if (options?.readable === false) {
      this._readableState.readable = false;
      this._readableState.ended = true;
      this._readableState.endEmitted = true;
    }
    if (options?.writable === false) {
      this._writableState.writable = false;
      this._writableState.ending = true;
      this._writableState.ended = true;
      this._writableState.finished = true;
    }
  }
}

function destroyQuietly(stream, err) {
  if (stream && !isDestroyed(stream) && typeof stream.destroy === 'function') stream.destroy(err);
}

function isDuplexNodeStream(obj) {
  return !!(obj && typeof obj.pipe === 'function' && obj._readableState &&
    typeof obj.on === 'function' && typeof obj.write === 'function');
}

// Wires d's writable side into `head` and d's readable side to `tail`.
// Returns the function to call once the streams behind d are all done.
function bridge(d, head, tail) {
  let ondrain = null;
  let onfinish = null;
  let onreadable = null;

  if (head) {
    d._write = function(chunk, encoding, callback) {
      if (head.write(chunk, encoding)) callback();
      else ondrain = callback;
    };
    d._final = function(callback) {
      head.end();
      onfinish = callback;
    };
    head.on('drain', () => {
      if (ondrain !== null) {
        const cb = ondrain;
        ondrain = null;
        cb();
      }
    });
  }
  if (tail) {
    tail.on('readable', () => {
      if (onreadable !== null) {
        const cb = onreadable;
        onreadable = null;
        cb();
      }
    });
    tail.on('end', () => d.push(null));
    d._read = function() {
      for (;;) {
        const chunk = tail.read();
        if (chunk === null) {
          onreadable = d._read;
          return;
        }
        if (!d.push(chunk)) return;
      }
    };
  }
  // Destroying d before the inner streams are done destroys them too and
  // waits for them; a plain destroy() then reports an AbortError.
  let innerDone = false;
  let pendingClose = null;
  d._destroy = function(err, callback) {
    ondrain = null;
    onfinish = null;
    onreadable = null;
    if (innerDone) {
      callback(err);
      return;
    }
    if (!err) err = new AbortError();
    pendingClose = callback;
    destroyQuietly(head, err);
    destroyQuietly(tail, err);
  };
  return {
    writableFinished() {
      if (onfinish !== null) {
        const cb = onfinish;
        onfinish = null;
        cb();
      }
    },
    done(err, destroyWhenIdle) {
      if (innerDone) return;
      innerDone = true;
      if (pendingClose !== null) {
        const cb = pendingClose;
        pendingClose = null;
        cb(err);
      } else if (err) {
        d.destroy(err);
      } else if (destroyWhenIdle) {
        d.destroy();
      }
    },
  };
}

// A { readable, writable } pair of Node streams as one Duplex.
function duplexify(readable, writable) {
  const d = new Duplexify({
    readableObjectMode: !!readable?.readableObjectMode,
    writableObjectMode: !!writable?.writableObjectMode,
    readable: !!readable,
    writable: !!writable,
  });
  const link = bridge(d, writable, readable);
  let open = (readable ? 1 : 0) + (writable ? 1 : 0);
  const sideDone = (err) => {
    if (err) {
      destroyQuietly(readable, err);
      destroyQuietly(writable, err);
      link.done(err);
    } else if (--open === 0) {
      link.done(null, true);
    }
  };
  if (writable) {
    finished(writable, { readable: false }, sideDone);
    writable.on('finish', () => link.writableFinished());
  }
  if (readable) finished(readable, { writable: false }, sideDone);
  if (open === 0) process.nextTick(() => link.done(null, true));
  return d;
}

// The written chunks of a Duplex as an async iterable, for a generator
// function to consume; each write completes once the generator takes it.
function fromAsyncGen(fn) {
  const ac = new AbortController();
  let resolveNext;
  let next = new Promise((resolve) => { resolveNext = resolve; });
  async function* source() {
    for (;;) {
      const { chunk, done, callback } = await next;
      process.nextTick(callback);
      if (done) return;
      if (ac.signal.aborted) throw new AbortError(undefined, { cause: ac.signal.reason });
      next = new Promise((resolve) => { resolveNext = resolve; });
      yield chunk;
    }
  }
  const value = fn(source(), { signal: ac.signal });
  return {
    value,
    write(chunk, encoding, callback) {
      resolveNext({ chunk, done: false, callback });
    },
    final(callback) {
      resolveNext({ done: true, callback });
    },
    destroy(err, callback) {
      ac.abort();
      callback(err);
    },
  };
}

function duplexFrom(body, name = 'body') {
  if (isDuplexNodeStream(body)) return body;
  if (isReadableNodeStream(body)) return duplexify(body, null);
  if (isWritableNodeStream(body)) return duplexify(null, body);
  if (isNodeStream(body)) return duplexify(null, null);
  if (isReadableStream(body)) return duplexify(newReadableFromWeb(body), null);
  if (isWritableStream(body)) return duplexify(null, newWritableFromWeb(body));

  if (typeof body === 'function') {
    const { value, write, final, destroy } = fromAsyncGen(body);
    if (isIterable(value)) {
      const d = from(Duplexify, value, { objectMode: true, write, final });
      const closeIterator = d._destroy;
      d._destroy = function(err, callback) {
        destroy(err, () => closeIterator.call(this, err, callback));
      };
      return d;
    }
    if (typeof value?.then === 'function') {
      let d;
      const settled = Promise.resolve(value).then((val) => {
        if (val != null) throw new ERR_INVALID_RETURN_VALUE('nully', name, val);
      });
      settled.catch((err) => destroyQuietly(d, err));
      d = new Duplexify({
        objectMode: true,
        readable: false,
        write,
        final(callback) {
          final(() => {
            settled.then(() => process.nextTick(callback, null), (err) => process.nextTick(callback, err));
          });
        },
        destroy,
      });
      return d;
    }
    throw new ERR_INVALID_RETURN_VALUE('Iterable, AsyncIterable or AsyncFunction', name, value);
  }

  const { Blob } = require('internal/blob');
  if (body instanceof Blob) return duplexFrom(body.arrayBuffer(), name);
  if (isIterable(body)) return from(Duplexify, body, { objectMode: true, writable: false });

  if (isReadableStream(body?.readable) && isWritableStream(body?.writable)) return newDuplexFromWeb(body);
  if (typeof body?.readable === 'object' || typeof body?.writable === 'object') {
    const readable = body.readable ?
      (isReadableNodeStream(body.readable) ? body.readable : duplexFrom(body.readable)) : null;
    const writable = body.writable ?
      (isWritableNodeStream(body.writable) ? body.writable : duplexFrom(body.writable)) : null;
    return duplexify(readable, writable);
  }

  if (typeof body?.then === 'function') {
    let d;
    Promise.resolve(body).then((val) => {
      if (val != null) d.push(val);
      d.push(null);
    }, (err) => destroyQuietly(d, err));
    d = new Duplexify({ objectMode: true, writable: false, read() {} });
    return d;
  }

  throw new ERR_INVALID_ARG_TYPE(name, ['Blob', 'ReadableStream', 'WritableStream', 'Stream', 'Iterable',
    'AsyncIterable', 'Function', '{ readable, writable } pair', 'Promise'], body);
}

function canRead(stream) {
  return isReadableNodeStream(stream) || isReadableStream(stream) || isIterable(stream) ||
    typeof stream?.readable === 'object' && stream.readable !== null && !isNodeStream(stream);
}

function canWrite(stream) {
  return isWritableNodeStream(stream) || isWritableStream(stream) ||
    typeof stream?.writable === 'object' && stream.writable !== null && !isNodeStream(stream);
}

function compose(...streams) {
  if (streams.length === 0) throw new ERR_MISSING_ARGS('streams');
  if (streams.length === 1) return duplexFrom(streams[0], 'streams[0]');
  const last = streams.length - 1;
  // Generator functions at either end become Duplexes; web streams anywhere
  // become Node streams so pipeline can join them.
  if (typeof streams[0] === 'function') streams[0] = duplexFrom(streams[0], 'streams[0]');
  if (typeof streams[last] === 'function') streams[last] = duplexFrom(streams[last], `streams[${last}]`);
  for (let i = 0; i < streams.length; i++) {
    const stream = streams[i];
    if (typeof stream === 'function') continue;
    if (i < last && !canRead(stream)) {
      throw new ERR_INVALID_ARG_VALUE(`streams[${i}]`, stream, 'must be readable');
    }
    if (i > 0 && !canWrite(stream)) {
      throw new ERR_INVALID_ARG_VALUE(`streams[${i}]`, stream, 'must be writable');
    }
    if (!isNodeStream(stream) && (isReadableStream(stream) || isWritableStream(stream) ||
        typeof stream?.readable === 'object' || typeof stream?.writable === 'object')) {
      streams[i] = duplexFrom(stream, `streams[${i}]`);
    }
  }

  const head = streams[0];
  const tail = streams[last];
  const writable = isWritableNodeStream(head) && head.writable !== false;
  const readable = isReadableNodeStream(tail) && tail.readable !== false;
  const d = new Duplex({
    writableObjectMode: !!head?.writableObjectMode,
    readableObjectMode: !!tail?.readableObjectMode,
    writable,
    readable,
  });
  const link = bridge(d, writable ? head : null, readable ? tail : null);
  if (writable && isWritableNodeStream(tail) && !readable) {
    tail.on('finish', () => link.writableFinished());
  } else if (writable) {
    // The chain's writable end is done once everything written came out.
    finished(head, { readable: false }, (err) => {
      if (!err) link.writableFinished();
    });
  }
  pipelineImpl(streams, (err) => link.done(err, !readable && !writable));
  return d;
}

// stream.duplexPair: two Duplexes, each reading what the other writes. A
// write completes when the other side asks for more.
const kOther = Symbol('kOther');
const kWriteCallback = Symbol('kWriteCallback');

class DuplexSide extends Duplex {
  constructor(options) {
    super(options);
    this[kOther] = null;
    this[kWriteCallback] = null;
  }

  _read() {
    const callback = this[kWriteCallback];
    if (callback !== null) {
      this[kWriteCallback] = null;
      callback();
    }
  }

  _write(chunk, encoding, callback) {
    const other = this[kOther];
    if (!this._writableState.objectMode && chunk.length === 0) {
      process.nextTick(callback);
      return;
    }
    other[kWriteCallback] = callback;
    other.push(chunk);
  }

  _final(callback) {
    const other = this[kOther];
    other.on('end', callback);
    other.push(null);
  }
}

function duplexPair(options) {
  const a = new DuplexSide(options);
  const b = new DuplexSide(options);
  a[kOther] = b;
  b[kOther] = a;
  return [a, b];
}

module.exports = { Duplexify, duplexFrom, compose, duplexPair };
