'use strict';
// WritableStream, its default writer and controller (WHATWG Streams §5).
// Internal slots live in plain records (see util.js); the functions below
// follow the spec's abstract operations on those records.

const {
  codes: {
    ERR_ILLEGAL_CONSTRUCTOR,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_STATE,
    ERR_INVALID_THIS,
  },
} = require('internal/errors');
const {
  setSlots,
  slotsOf,
  deferred,
  resolvedDeferred,
  rejectedDeferred,
  markHandled,
  resetQueue,
  enqueueValueWithSize,
  dequeueValue,
  peekQueueValue,
  extractHighWaterMark,
  extractSizeAlgorithm,
  method,
  promiseCall,
  settle,
  promiseCall2,
  isObjectLike,
  kInspect,
  customInspect,
  defineClassProps,
  Queue,
} = require('internal/webstreams/util');

const kCloseSentinel = Symbol('close');
const kConstruct = Symbol('kConstruct');

function streamSlots(self) {
  const s = slotsOf(self, 'WritableStream');
  if (s === undefined) throw new ERR_INVALID_THIS('WritableStream');
  return s;
}

class WritableStream {
  constructor(sink = {}, strategy = {}) {
    if (sink !== undefined && !isObjectLike(sink)) throw new ERR_INVALID_ARG_TYPE('sink', 'Object', sink);
    if (!isObjectLike(strategy)) throw new ERR_INVALID_ARG_TYPE('strategy', 'Object', strategy);
    const s = setSlots(this, initStream());
    if (sink === undefined) sink = {};
    if (sink.type !== undefined) throw new ERR_INVALID_ARG_VALUE.RangeError('type', sink.type);
    const sizeAlgorithm = extractSizeAlgorithm(strategy);
    const hwm = extractHighWaterMark(strategy, 1);
    setUpControllerFromSink(s, sink, hwm, sizeAlgorithm);
  }

  get locked() {
    return streamSlots(this).writer !== undefined;
  }

  abort(reason = undefined) {
    const s = slotsOf(this, 'WritableStream');
    if (s === undefined) return Promise.reject(new ERR_INVALID_THIS('WritableStream'));
    if (s.writer !== undefined) return Promise.reject(new ERR_INVALID_STATE.TypeError('WritableStream is locked'));
    return streamAbort(s, reason);
  }

  close() {
    const s = slotsOf(this, 'WritableStream');
    if (s === undefined) return Promise.reject(new ERR_INVALID_THIS('WritableStream'));
    if (s.writer !== undefined) return Promise.reject(new ERR_INVALID_STATE.TypeError('WritableStream is locked'));
    if (closeQueuedOrInFlight(s)) {
      return Promise.reject(new ERR_INVALID_STATE.TypeError('Failure to close WritableStream'));
    }
    return streamClose(s);
  }

  getWriter() {
    return new WritableStreamDefaultWriter(streamSlots(this).obj);
  }

  [kInspect](depth, options) {
    const s = streamSlots(this);
    return customInspect(this, depth, options, 'WritableStream', { locked: s.writer !== undefined, state: s.state });
  }
}
defineClassProps(WritableStream, ['locked', 'abort', 'close', 'getWriter'], 'WritableStream');

function initStream() {
  return {
    kind: 'WritableStream',
    obj: undefined,
    state: 'writable',
    storedError: undefined,
    writer: undefined,
    controller: undefined,
    inFlightWriteRequest: undefined,
    closeRequest: undefined,
    inFlightCloseRequest: undefined,
    pendingAbortRequest: undefined,
    writeRequests: new Queue(),
    backpressure: false,
  };
}

// Makes a stream from algorithms (TransformStream and adapters use this).
function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm = 1,
                              sizeAlgorithm = () => 1) {
  const stream = Object.create(WritableStream.prototype);
  const s = setSlots(stream, initStream());
  const c = newController();
  setUpController(s, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, sizeAlgorithm);
  return s;
}

function streamAbort(s, reason) {
  if (s.state === 'closed' || s.state === 'errored') return Promise.resolve();
  s.controller.abortController.abort(reason);
  const state = s.state;
  if (state === 'closed' || state === 'errored') return Promise.resolve();
  if (s.pendingAbortRequest !== undefined) return s.pendingAbortRequest.promise;
  let wasAlreadyErroring = false;
  if (state === 'erroring') {
    wasAlreadyErroring = true;
    reason = undefined;
  }
  const request = deferred();
  request.reason = reason;
  request.wasAlreadyErroring = wasAlreadyErroring;
  s.pendingAbortRequest = request;
  if (!wasAlreadyErroring) startErroring(s, reason);
  return request.promise;
}

function streamClose(s) {
  const state = s.state;
  if (state === 'closed' || state === 'errored') {
    return Promise.reject(new ERR_INVALID_STATE.TypeError('WritableStream is closed'));
  }
  const request = deferred();
  s.closeRequest = request;
  const writer = s.writer;
  if (writer !== undefined && s.backpressure && state === 'writable') writer.ready.resolve();
  enqueueValueWithSize(s.controller, kCloseSentinel, 0);
  advanceQueueIfNeeded(s.controller);
  return request.promise;
}

function dealWithRejection(s, error) {
  if (s.state === 'writable') {
    startErroring(s, error);
    return;
  }
  finishErroring(s);
}

function startErroring(s, reason) {
  const c = s.controller;
  s.state = 'erroring';
  s.storedError = reason;
  if (s.writer !== undefined) writerEnsureReadyPromiseRejected(s.writer, reason);
  if (!hasOperationMarkedInFlight(s) && c.started) finishErroring(s);
}

function finishErroring(s) {
  s.state = 'errored';
  resetQueue(s.controller);
  const error = s.storedError;
  for (const request of s.writeRequests.takeAll()) request.reject(error);
  const abortRequest = s.pendingAbortRequest;
  if (abortRequest === undefined) {
    rejectCloseAndClosedPromiseIfNeeded(s);
    return;
  }
  s.pendingAbortRequest = undefined;
  if (abortRequest.wasAlreadyErroring) {
    abortRequest.reject(error);
    rejectCloseAndClosedPromiseIfNeeded(s);
    return;
  }
  const c = s.controller;
  const promise = c.abortAlgorithm(abortRequest.reason);
  clearAlgorithms(c);
  promise.then(() => {
    abortRequest.resolve();
    rejectCloseAndClosedPromiseIfNeeded(s);
  }, (reason) => {
    abortRequest.reject(reason);
    rejectCloseAndClosedPromiseIfNeeded(s);
  });
}

function finishInFlightWrite(s) {
  s.inFlightWriteRequest.resolve();
  s.inFlightWriteRequest = undefined;
}

function finishInFlightWriteWithError(s, error) {
  s.inFlightWriteRequest.reject(error);
  s.inFlightWriteRequest = undefined;
  dealWithRejection(s, error);
}

function finishInFlightClose(s) {
  s.inFlightCloseRequest.resolve();
  s.inFlightCloseRequest = undefined;
  if (s.state === 'erroring') {
    s.storedError = undefined;
    if (s.pendingAbortRequest !== undefined) {
      s.pendingAbortRequest.resolve();
      s.pendingAbortRequest = undefined;
    }
  }
  s.state = 'closed';
  if (s.writer !== undefined) s.writer.closed.resolve();
}

function finishInFlightCloseWithError(s, error) {
  s.inFlightCloseRequest.reject(error);
  s.inFlightCloseRequest = undefined;
  if (s.pendingAbortRequest !== undefined) {
    s.pendingAbortRequest.reject(error);
    s.pendingAbortRequest = undefined;
  }
  dealWithRejection(s, error);
}

function closeQueuedOrInFlight(s) {
  return s.closeRequest !== undefined || s.inFlightCloseRequest !== undefined;
}

function hasOperationMarkedInFlight(s) {
  return s.inFlightWriteRequest !== undefined || s.inFlightCloseRequest !== undefined;
}

function rejectCloseAndClosedPromiseIfNeeded(s) {
  if (s.closeRequest !== undefined) {
    s.closeRequest.reject(s.storedError);
    s.closeRequest = undefined;
  }
  const writer = s.writer;
  if (writer !== undefined) {
    writer.closed.reject(s.storedError);
    markHandled(writer.closed.promise);
  }
}

function updateBackpressure(s, backpressure) {
  const writer = s.writer;
  if (writer !== undefined && backpressure !== s.backpressure) {
    if (backpressure) writer.ready = deferred();
    else writer.ready.resolve();
  }
  s.backpressure = backpressure;
}

// Writer

function writerSlots(self) {
  const w = slotsOf(self, 'WritableStreamDefaultWriter');
  if (w === undefined) throw new ERR_INVALID_THIS('WritableStreamDefaultWriter');
  return w;
}

function notBound() {
  return new ERR_INVALID_STATE.TypeError('Writer is not bound to a WritableStream');
}

class WritableStreamDefaultWriter {
  constructor(stream) {
    const s = slotsOf(stream, 'WritableStream');
    if (s === undefined) throw new ERR_INVALID_ARG_TYPE('stream', 'WritableStream', stream);
    const w = setSlots(this, { kind: 'WritableStreamDefaultWriter', stream: undefined, ready: undefined, closed: undefined });
    setUpWriter(w, s);
  }

  get closed() {
    const w = slotsOf(this, 'WritableStreamDefaultWriter');
    if (w === undefined) return Promise.reject(new ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    return w.closed.promise;
  }

  get desiredSize() {
    const w = writerSlots(this);
    if (w.stream === undefined) throw notBound();
    return writerGetDesiredSize(w);
  }

  get ready() {
    const w = slotsOf(this, 'WritableStreamDefaultWriter');
    if (w === undefined) return Promise.reject(new ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    return w.ready.promise;
  }

  abort(reason = undefined) {
    const w = slotsOf(this, 'WritableStreamDefaultWriter');
    if (w === undefined) return Promise.reject(new ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    if (w.stream === undefined) return Promise.reject(notBound());
    return streamAbort(w.stream, reason);
  }

  close() {
    const w = slotsOf(this, 'WritableStreamDefaultWriter');
    if (w === undefined) return Promise.reject(new ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    const s = w.stream;
    if (s === undefined) return Promise.reject(notBound());
    if (closeQueuedOrInFlight(s)) {
      return Promise.reject(new ERR_INVALID_STATE.TypeError('Failure to close WritableStream'));
    }
    return streamClose(s);
  }

  releaseLock() {
    const w = writerSlots(this);
    if (w.stream === undefined) return;
    writerRelease(w);
  }

  write(chunk = undefined) {
    const w = slotsOf(this, 'WritableStreamDefaultWriter');
    if (w === undefined) return Promise.reject(new ERR_INVALID_THIS('WritableStreamDefaultWriter'));
    if (w.stream === undefined) return Promise.reject(notBound());
    return writerWrite(w, chunk);
  }

  [kInspect](depth, options) {
    const w = writerSlots(this);
    return customInspect(this, depth, options, 'WritableStreamDefaultWriter', {
      stream: w.stream?.obj,
      close: w.closed.promise,
      ready: w.ready.promise,
      desiredSize: w.stream === undefined ? undefined : writerGetDesiredSize(w),
    });
  }
}
defineClassProps(WritableStreamDefaultWriter,
                 ['closed', 'desiredSize', 'ready', 'abort', 'close', 'releaseLock', 'write'],
                 'WritableStreamDefaultWriter');

function acquireWriter(s) {
  const w = setSlots(Object.create(WritableStreamDefaultWriter.prototype),
                     { kind: 'WritableStreamDefaultWriter', stream: undefined, ready: undefined, closed: undefined });
  setUpWriter(w, s);
  return w;
}

function setUpWriter(w, s) {
  if (s.writer !== undefined) throw new ERR_INVALID_STATE.TypeError('WritableStream is locked');
  w.stream = s;
  s.writer = w;
  const state = s.state;
  if (state === 'writable') {
    w.ready = !closeQueuedOrInFlight(s) && s.backpressure ? deferred() : resolvedDeferred();
    w.closed = deferred();
  } else if (state === 'erroring') {
    w.ready = rejectedDeferred(s.storedError);
    w.closed = deferred();
  } else if (state === 'closed') {
    w.ready = resolvedDeferred();
    w.closed = resolvedDeferred();
  } else {
    w.ready = rejectedDeferred(s.storedError);
    w.closed = rejectedDeferred(s.storedError);
  }
}

function writerCloseWithErrorPropagation(w) {
  const s = w.stream;
  const state = s.state;
  if (closeQueuedOrInFlight(s) || state === 'closed') return Promise.resolve();
  if (state === 'errored') return Promise.reject(s.storedError);
  return streamClose(s);
}

function writerEnsureClosedPromiseRejected(w, error) {
  if (w.closed.pending) w.closed.reject(error);
  else w.closed = rejectedDeferred(error);
  markHandled(w.closed.promise);
}

function writerEnsureReadyPromiseRejected(w, error) {
  if (w.ready.pending) w.ready.reject(error);
  else w.ready = rejectedDeferred(error);
  markHandled(w.ready.promise);
}

function writerGetDesiredSize(w) {
  const s = w.stream;
  const state = s.state;
  if (state === 'errored' || state === 'erroring') return null;
  if (state === 'closed') return 0;
  return s.controller.strategyHWM - s.controller.queueTotalSize;
}

function writerRelease(w) {
  const s = w.stream;
  const released = new ERR_INVALID_STATE.TypeError('Writer has been released');
  writerEnsureReadyPromiseRejected(w, released);
  writerEnsureClosedPromiseRejected(w, released);
  s.writer = undefined;
  w.stream = undefined;
}

function writerWrite(w, chunk) {
  const s = w.stream;
  const c = s.controller;
  const chunkSize = controllerGetChunkSize(c, chunk);
  if (s !== w.stream) return Promise.reject(notBound());
  const state = s.state;
  if (state === 'errored') return Promise.reject(s.storedError);
  if (closeQueuedOrInFlight(s) || state === 'closed') {
    return Promise.reject(new ERR_INVALID_STATE.TypeError('WritableStream is closed'));
  }
  if (state === 'erroring') return Promise.reject(s.storedError);
  const request = deferred();
  s.writeRequests.push(request);
  controllerWrite(c, chunk, chunkSize);
  return request.promise;
}

// Controller

function controllerSlots(self) {
  const c = slotsOf(self, 'WritableStreamDefaultController');
  if (c === undefined) throw new ERR_INVALID_THIS('WritableStreamDefaultController');
  return c;
}

class WritableStreamDefaultController {
  constructor(key = undefined) {
    if (key !== kConstruct) throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get signal() {
    return controllerSlots(this).abortController.signal;
  }

  error(e = undefined) {
    const c = controllerSlots(this);
    if (c.stream.state !== 'writable') return;
    controllerError(c, e);
  }

  [kInspect](depth, options) {
    const c = controllerSlots(this);
    return customInspect(this, depth, options, 'WritableStreamDefaultController', { stream: c.stream.obj });
  }
}
defineClassProps(WritableStreamDefaultController, ['signal', 'error'], 'WritableStreamDefaultController');

function newController() {
  return setSlots(new WritableStreamDefaultController(kConstruct), {
    kind: 'WritableStreamDefaultController',
    stream: undefined,
    queue: undefined,
    queueTotalSize: 0,
    abortController: undefined,
    started: false,
    strategySizeAlgorithm: undefined,
    strategyHWM: 0,
    writeAlgorithm: undefined,
    closeAlgorithm: undefined,
    abortAlgorithm: undefined,
  });
}

function setUpController(s, c, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, hwm, sizeAlgorithm) {
  c.stream = s;
  s.controller = c;
  resetQueue(c);
  const { AbortController } = require('internal/abort_controller');
  c.abortController = new AbortController();
  c.started = false;
  c.strategySizeAlgorithm = sizeAlgorithm;
  c.strategyHWM = hwm;
  c.writeAlgorithm = writeAlgorithm;
  c.closeAlgorithm = closeAlgorithm;
  c.abortAlgorithm = abortAlgorithm;
  updateBackpressure(s, controllerGetBackpressure(c));
  const startResult = startAlgorithm();
  settle(startResult).then(() => {
    c.started = true;
    advanceQueueIfNeeded(c);
  }, (r) => {
    c.started = true;
    dealWithRejection(s, r);
  });
}

function setUpControllerFromSink(s, sink, hwm, sizeAlgorithm) {
  const c = newController();
  const start = method(sink, 'start', 'sink');
  const write = method(sink, 'write', 'sink');
  const close = method(sink, 'close', 'sink');
  const abort = method(sink, 'abort', 'sink');
  setUpController(
    s, c,
    start === undefined ? () => undefined : () => Reflect.apply(start, sink, [c.obj]),
    write === undefined ? () => Promise.resolve() : (chunk) => promiseCall2(write, sink, chunk, c.obj),
    () => promiseCall(close, sink),
    (reason) => promiseCall(abort, sink, reason),
    hwm, sizeAlgorithm);
}

function clearAlgorithms(c) {
  c.writeAlgorithm = undefined;
  c.closeAlgorithm = undefined;
  c.abortAlgorithm = undefined;
  c.strategySizeAlgorithm = undefined;
}

function controllerGetChunkSize(c, chunk) {
  if (c.strategySizeAlgorithm === undefined) return 1;
  try {
    return c.strategySizeAlgorithm(chunk);
  } catch (err) {
    if (c.stream.state === 'writable') controllerError(c, err);
    return 1;
  }
}

function controllerGetBackpressure(c) {
  return c.strategyHWM - c.queueTotalSize <= 0;
}

function controllerWrite(c, chunk, chunkSize) {
  try {
    enqueueValueWithSize(c, chunk, chunkSize);
  } catch (err) {
    if (c.stream.state === 'writable') controllerError(c, err);
    return;
  }
  const s = c.stream;
  if (!closeQueuedOrInFlight(s) && s.state === 'writable') updateBackpressure(s, controllerGetBackpressure(c));
  advanceQueueIfNeeded(c);
}

function advanceQueueIfNeeded(c) {
  const s = c.stream;
  if (!c.started || s.inFlightWriteRequest !== undefined) return;
  if (s.state === 'erroring') {
    finishErroring(s);
    return;
  }
  if (c.queue.length === 0) return;
  const value = peekQueueValue(c);
  if (value === kCloseSentinel) processClose(c);
  else processWrite(c, value);
}

function processClose(c) {
  const s = c.stream;
  s.inFlightCloseRequest = s.closeRequest;
  s.closeRequest = undefined;
  dequeueValue(c);
  const promise = c.closeAlgorithm();
  clearAlgorithms(c);
  promise.then(() => finishInFlightClose(s), (reason) => finishInFlightCloseWithError(s, reason));
}

function processWrite(c, chunk) {
  const s = c.stream;
  s.inFlightWriteRequest = s.writeRequests.shift();
  c.writeAlgorithm(chunk).then(() => {
    finishInFlightWrite(s);
    dequeueValue(c);
    if (!closeQueuedOrInFlight(s) && s.state === 'writable') updateBackpressure(s, controllerGetBackpressure(c));
    advanceQueueIfNeeded(c);
  }, (reason) => {
    if (s.state === 'writable') clearAlgorithms(c);
    finishInFlightWriteWithError(s, reason);
  });
}

function controllerError(c, error) {
  clearAlgorithms(c);
  startErroring(c.stream, error);
}

module.exports = {
  WritableStream,
  WritableStreamDefaultWriter,
  WritableStreamDefaultController,
  createWritableStream,
  acquireWriter,
  streamAbort,
  closeQueuedOrInFlight,
  writerCloseWithErrorPropagation,
  writerGetDesiredSize,
  writerRelease,
  writerWrite,
  controllerError,
  controllerGetChunkSize,
  dealWithRejection,
};
