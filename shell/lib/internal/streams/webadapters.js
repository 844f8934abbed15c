'use strict';
// Bridges between Node streams and WHATWG streams: Readable/Writable/Duplex
// .fromWeb wrap a ReadableStream's reader or a WritableStream's writer;
// .toWeb expose a Node stream as a web stream with backpressure both ways.

const {
  AbortError,
  codes: { ERR_INVALID_ARG_TYPE, ERR_STREAM_PREMATURE_CLOSE },
} = require('internal/errors');
const { validateBoolean, validateObject } = require('internal/validators');
const { isReadableStream, ReadableStream } = require('internal/webstreams/readablestream');
const { WritableStream } = require('internal/webstreams/writablestream');
const { finished, isDestroyed, isReadableNodeStream, isWritableNodeStream, isWritableEnded } =
  require('internal/streams/pipeline');

function isWritableStream(value) {
  return value instanceof WritableStream;
}

function destroyStream(stream, err) {
  if (!isDestroyed(stream)) stream.destroy(err);
}

// Reports a callback's own exception as the stream's error instead of
// letting it escape from a promise reaction.
function safeCallback(stream, callback) {
  return (err) => {
    try {
      callback(err);
    } catch (e) {
      process.nextTick(destroyStream, stream, e);
    }
  };
}

// The reading half of fromWeb: _read pulls one chunk per call.
function attachReader(stream, reader) {
  let closed = false;
  reader.closed.then(() => {
    closed = true;
  }, (err) => {
    closed = true;
    destroyStream(stream, err);
  });
  return {
    read() {
      reader.read().then(({ value, done }) => {
        if (done) stream.push(null);
        else stream.push(value);
      }, (err) => destroyStream(stream, err));
    },
    cancel(err, callback) {
      if (closed) callback(err);
      else reader.cancel(err).then(() => callback(err), callback);
    },
  };
}

// The writing half of fromWeb: each write waits for the writer to be ready.
function attachWriter(stream, writer) {
  let closed = false;
  writer.closed.then(() => {
    closed = true;
    if (!isWritableEnded(stream)) destroyStream(stream, new ERR_STREAM_PREMATURE_CLOSE());
  }, (err) => {
    closed = true;
    destroyStream(stream, err);
  });
  return {
    write(chunk, encoding, callback) {
      const done = safeCallback(stream, callback);
      writer.ready.then(() => writer.write(chunk)).then(() => done(), done);
    },
    writev(chunks, callback) {
      const done = safeCallback(stream, callback);
      writer.ready.then(() => Promise.all(chunks.map(({ chunk }) => writer.write(chunk)))).then(() => done(), done);
    },
    final(callback) {
      const done = safeCallback(stream, callback);
      if (closed) done();
      else writer.close().then(() => done(), done);
    },
    abort(err, callback) {
      if (closed) callback(err);
      else if (err != null) writer.abort(err).then(() => callback(err), callback);
      else writer.close().then(() => callback(null), callback);
    },
  };
}

function fromWebOptions(options) {
  validateObject(options, 'options');
  const { highWaterMark, objectMode = false, signal } = options;
  validateBoolean(objectMode, 'options.objectMode');
  return { highWaterMark, objectMode, signal };
}

function newReadableFromWeb(readableStream, options = {}) {
  if (!isReadableStream(readableStream)) {
    throw new ERR_INVALID_ARG_TYPE('readableStream', 'ReadableStream', readableStream);
  }
  const { highWaterMark, objectMode, signal } = fromWebOptions(options);
  const { encoding } = options;
  const Readable = require('internal/streams/readable');
  let side;
  const readable = new Readable({
    highWaterMark,
    objectMode,
    encoding,
    signal,
    read() {
      side.read();
    },
    destroy(err, callback) {
      side.cancel(err, safeCallback(readable, callback));
    },
  });
  side = attachReader(readable, readableStream.getReader());
  return readable;
}

function newWritableFromWeb(writableStream, options = {}) {
  if (!isWritableStream(writableStream)) {
    throw new ERR_INVALID_ARG_TYPE('writableStream', 'WritableStream', writableStream);
  }
  const { highWaterMark, objectMode, signal } = fromWebOptions(options);
  const { decodeStrings = true } = options;
  validateBoolean(decodeStrings, 'options.decodeStrings');
  const Writable = require('internal/streams/writable');
  let side;
  const writable = new Writable({
    highWaterMark,
    objectMode,
    decodeStrings,
    signal,
    write(chunk, encoding, callback) {
      side.write(chunk, encoding, callback);
    },
    writev(chunks, callback) {
      side.writev(chunks, callback);
    },
    final(callback) {
      side.final(callback);
    },
    destroy(err, callback) {
      side.abort(err, safeCallback(writable, callback));
    },
  });
  side = attachWriter(writable, writableStream.getWriter());
  return writable;
}

function newDuplexFromWeb(pair, options = {}) {
  validateObject(pair, 'pair');
  const { readable: readableStream, writable: writableStream } = pair;
  if (!isReadableStream(readableStream)) {
    throw new ERR_INVALID_ARG_TYPE('pair.readable', 'ReadableStream', readableStream);
  }
  if (!isWritableStream(writableStream)) {
    throw new ERR_INVALID_ARG_TYPE('pair.writable', 'WritableStream', writableStream);
  }
  const { highWaterMark, objectMode, signal } = fromWebOptions(options);
  const { allowHalfOpen = false, decodeStrings = true, encoding } = options;
  validateBoolean(allowHalfOpen, 'options.allowHalfOpen');
  validateBoolean(decodeStrings, 'options.decodeStrings');
  const { Duplex } = require('internal/streams/duplex');
  let reading;
  let writing;
  const duplex = new Duplex({
    allowHalfOpen,
    highWaterMark,
    objectMode,
    encoding,
    decodeStrings,
    signal,
    read() {
      reading.read();
    },
    write(chunk, encoding, callback) {
      writing.write(chunk, encoding, callback);
    },
    writev(chunks, callback) {
      writing.writev(chunks, callback);
    },
    final(callback) {
      writing.final(callback);
    },
    destroy(err, callback) {
      let pending = 2;
      let firstError = err;
      const done = safeCallback(duplex, callback);
      const both = (e) => {
        if (e && !firstError) firstError = e;
        if (--pending === 0) done(firstError);
      };
      writing.abort(err, both);
      reading.cancel(err, both);
    },
  });
  reading = attachReader(duplex, readableStream.getReader());
  writing = attachWriter(duplex, writableStream.getWriter());
  return duplex;
}

function webStrategy(options, objectMode, highWaterMark) {
  if (options?.strategy != null) return options.strategy;
  if (objectMode) return { highWaterMark };
  return { highWaterMark, size: (chunk) => chunk.byteLength ?? chunk.length };
}

function newReadableStreamFromReadable(streamReadable, options = {}) {
  if (!isReadableNodeStream(streamReadable)) {
    throw new ERR_INVALID_ARG_TYPE('streamReadable', 'stream.Readable', streamReadable);
  }
  validateObject(options, 'options');
  if (isDestroyed(streamReadable) || streamReadable.readable === false) {
    const rs = new ReadableStream();
    rs.cancel();
    return rs;
  }
  const objectMode = streamReadable.readableObjectMode;
  const strategy = webStrategy(options, objectMode, streamReadable.readableHighWaterMark);
  let controller;
  let done = false;

  function onData(chunk) {
    // Bytes leave as plain Uint8Arrays, not Buffers.
    if (!objectMode && chunk instanceof Uint8Array && chunk.constructor !== Uint8Array) {
      chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    controller.enqueue(chunk);
    if (controller.desiredSize <= 0) streamReadable.pause();
  }
  function onFinished(err) {
    if (done) return;
    done = true;
    streamReadable.removeListener('data', onData);
    if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE') err = new AbortError(undefined, { cause: err });
    try {
      if (err) controller.error(err);
      else controller.close();
    } catch {
      // Already closed or errored from the web side.
    }
  }

  streamReadable.pause();
  finished(streamReadable, { writable: false }, onFinished);
  streamReadable.on('data', onData);
  return new ReadableStream({
    start(c) {
      controller = c;
    },
    pull() {
      streamReadable.resume();
    },
    cancel(reason) {
      // finished() stays attached: it keeps the destroy error from going
      // unhandled.
      done = true;
      streamReadable.removeListener('data', onData);
      destroyStream(streamReadable, reason);
    },
  }, strategy);
}

function newWritableStreamFromWritable(streamWritable) {
  if (!isWritableNodeStream(streamWritable)) {
    throw new ERR_INVALID_ARG_TYPE('streamWritable', 'stream.Writable', streamWritable);
  }
  if (isDestroyed(streamWritable) || streamWritable.writable === false) {
    const ws = new WritableStream();
    ws.close();
    return ws;
  }
  const objectMode = streamWritable.writableObjectMode;
  const strategy = webStrategy(undefined, objectMode, streamWritable.writableHighWaterMark);
  let controller;
  let drainWaiter = null;
  let closeWaiter = null;

  function onDrain() {
    if (drainWaiter !== null) {
      const { resolve } = drainWaiter;
      drainWaiter = null;
      resolve();
    }
  }
  function onFinished(err) {
    streamWritable.removeListener('drain', onDrain);
    if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE') err = new AbortError(undefined, { cause: err });
    if (drainWaiter !== null) {
      const waiter = drainWaiter;
      drainWaiter = null;
      if (err) waiter.reject(err);
      else waiter.resolve();
    }
    if (closeWaiter !== null) {
      const waiter = closeWaiter;
      closeWaiter = null;
      if (err) waiter.reject(err);
      else waiter.resolve();
    } else if (err) {
      try {
        controller.error(err);
      } catch {
        // The web side already failed.
      }
    }
  }

  streamWritable.on('drain', onDrain);
  finished(streamWritable, { readable: false }, onFinished);
  return new WritableStream({
    start(c) {
      controller = c;
    },
    write(chunk) {
      if (streamWritable.writableNeedDrain || !streamWritable.write(chunk)) {
        return new Promise((resolve, reject) => {
          drainWaiter = { resolve, reject };
        });
      }
    },
    abort(reason) {
      destroyStream(streamWritable, reason);
    },
    close() {
      if (streamWritable.writableFinished) return;
      return new Promise((resolve, reject) => {
        closeWaiter = { resolve, reject };
        streamWritable.end();
      });
    },
  }, strategy);
}

function newReadableWritablePairFromDuplex(duplex) {
  if (!isReadableNodeStream(duplex) || !isWritableNodeStream(duplex) || !duplex._writableState ||
      !duplex._readableState) {
    throw new ERR_INVALID_ARG_TYPE('duplex', 'stream.Duplex', duplex);
  }
  const writable = newWritableStreamFromWritable(duplex);
  const readable = newReadableStreamFromReadable(duplex);
  return { writable, readable };
}

module.exports = {
  isWritableStream,
  newReadableFromWeb,
  newWritableFromWeb,
  newDuplexFromWeb,
  newReadableStreamFromReadable,
  newWritableStreamFromWritable,
  newReadableWritablePairFromDuplex,
};
