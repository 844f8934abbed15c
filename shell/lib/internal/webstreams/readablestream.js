'use strict';
// ReadableStream with default and byte controllers, default and BYOB readers,
// tee, pipeTo/pipeThrough, async iteration and ReadableStream.from
// (WHATWG Streams §4). Internal slots live in plain records (see util.js).

const {
  codes: {
    ERR_ARG_NOT_ITERABLE,
    ERR_ILLEGAL_CONSTRUCTOR,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_STATE,
    ERR_INVALID_THIS,
    ERR_OUT_OF_RANGE,
  },
} = require('internal/errors');
const {
  setSlots,
  slotsOf,
  noop,
  deferred,
  resolvedDeferred,
  rejectedDeferred,
  markHandled,
  Queue,
  resetQueue,
  enqueueValueWithSize,
  dequeueValue,
  extractHighWaterMark,
  extractSizeAlgorithm,
  method,
  promiseCall,
  settle,
  isObjectLike,
  kInspect,
  customInspect,
  defineClassProps,
} = require('internal/webstreams/util');
const { queueMicrotask } = require('internal/process/task_queues');

const kConstruct = Symbol('kConstruct');

function lazyWritable() {
  return require('internal/webstreams/writablestream');
}

function streamSlots(self) {
  const s = slotsOf(self, 'ReadableStream');
  if (s === undefined) throw new ERR_INVALID_THIS('ReadableStream');
  return s;
}

function lockedError() {
  return new ERR_INVALID_STATE.TypeError('ReadableStream is locked');
}

function detachedView() {
  return new ERR_INVALID_STATE.TypeError('View or Viewed ArrayBuffer is zero-length or detached');
}

class ReadableStream {
  constructor(source = {}, strategy = {}) {
    if (!isObjectLike(source)) throw new ERR_INVALID_ARG_TYPE('source', 'Object', source);
    if (!isObjectLike(strategy)) throw new ERR_INVALID_ARG_TYPE('strategy', 'Object', strategy);
    const s = setSlots(this, initStream());
    const type = source.type;
    if (type !== undefined && `${type}` === 'bytes') {
      if (strategy.size !== undefined) throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.size', strategy.size);
      const hwm = extractHighWaterMark(strategy, 0);
      setUpByteControllerFromSource(s, source, hwm);
      return;
    }
    if (type !== undefined) throw new ERR_INVALID_ARG_VALUE('source.type', type);
    const sizeAlgorithm = extractSizeAlgorithm(strategy);
    const hwm = extractHighWaterMark(strategy, 1);
    setUpDefaultControllerFromSource(s, source, hwm, sizeAlgorithm);
  }

  get locked() {
    return streamSlots(this).reader !== undefined;
  }

  cancel(reason = undefined) {
    const s = slotsOf(this, 'ReadableStream');
    if (s === undefined) return Promise.reject(new ERR_INVALID_THIS('ReadableStream'));
    if (s.reader !== undefined) return Promise.reject(lockedError());
    return streamCancel(s, reason);
  }

  getReader(options = {}) {
    const s = streamSlots(this);
    if (!isObjectLike(options)) throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    const mode = options.mode;
    if (mode === undefined) return acquireDefaultReader(s).obj;
    if (`${mode}` !== 'byob') throw new ERR_INVALID_ARG_VALUE('options.mode', mode);
    return acquireBYOBReader(s).obj;
  }

  pipeThrough(transform, options = {}) {
    const s = streamSlots(this);
    const readable = transform?.readable;
    if (slotsOf(readable, 'ReadableStream') === undefined) {
      throw new ERR_INVALID_ARG_TYPE('transform.readable', 'ReadableStream', readable);
    }
    const writable = transform.writable;
    const ws = slotsOf(writable, 'WritableStream');
    if (ws === undefined) throw new ERR_INVALID_ARG_TYPE('transform.writable', 'WritableStream', writable);
    const opts = pipeOptions(options);
    if (s.reader !== undefined) throw new ERR_INVALID_STATE.TypeError('The ReadableStream is locked');
    if (ws.writer !== undefined) throw new ERR_INVALID_STATE.TypeError('The WritableStream is locked');
    markHandled(pipeTo(s, ws, opts));
    return readable;
  }

  pipeTo(destination, options = {}) {
    try {
      const s = streamSlots(this);
      const ws = slotsOf(destination, 'WritableStream');
      if (ws === undefined) throw new ERR_INVALID_ARG_TYPE('transform.writable', 'WritableStream', destination);
      const opts = pipeOptions(options);
      if (s.reader !== undefined) throw new ERR_INVALID_STATE.TypeError('The ReadableStream is locked');
      if (ws.writer !== undefined) throw new ERR_INVALID_STATE.TypeError('The WritableStream is locked');
      return pipeTo(s, ws, opts);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  tee() {
    const s = streamSlots(this);
    if (s.reader !== undefined) throw lockedError();
    const [a, b] = s.controller.byte ? byteTee(s) : defaultTee(s);
    return [a.obj, b.obj];
  }

  values(options = {}) {
    const s = streamSlots(this);
    if (!isObjectLike(options)) throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    const reader = acquireDefaultReader(s);
    return createAsyncIterator(reader, Boolean(options.preventCancel));
  }

  static from(iterable) {
    return fromIterable(iterable).obj;
  }

  [kInspect](depth, options) {
    const s = streamSlots(this);
    return customInspect(this, depth, options, 'ReadableStream', {
      locked: s.reader !== undefined,
      state: s.state,
      supportsBYOB: s.controller.byte,
    });
  }
}
defineClassProps(ReadableStream, ['locked', 'cancel', 'getReader', 'pipeThrough', 'pipeTo', 'tee', 'values'],
                 'ReadableStream');
Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, {
  value: ReadableStream.prototype.values, writable: true, enumerable: false, configurable: true,
});

function pipeOptions(options) {
  if (!isObjectLike(options)) throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  const signal = options.signal;
  if (signal !== undefined) {
    const { AbortSignal } = require('internal/abort_controller');
    if (!(signal instanceof AbortSignal)) throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
  }
  return {
    preventAbort: Boolean(options.preventAbort),
    preventCancel: Boolean(options.preventCancel),
    preventClose: Boolean(options.preventClose),
    signal,
  };
}

function initStream() {
  return {
    kind: 'ReadableStream',
    obj: undefined,
    state: 'readable',
    reader: undefined,
    storedError: undefined,
    disturbed: false,
    controller: undefined,
  };
}

// Makes a default stream from algorithms (tee, from, TransformStream).
function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm = 1, sizeAlgorithm = () => 1) {
  const s = setSlots(Object.create(ReadableStream.prototype), initStream());
  setUpDefaultController(s, newDefaultController(), startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm,
                         sizeAlgorithm);
  return s;
}

function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
  const s = setSlots(Object.create(ReadableStream.prototype), initStream());
  setUpByteController(s, newByteController(), startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
  return s;
}

function streamCancel(s, reason) {
  s.disturbed = true;
  if (s.state === 'closed') return Promise.resolve();
  if (s.state === 'errored') return Promise.reject(s.storedError);
  streamClose(s);
  const reader = s.reader;
  if (reader !== undefined && reader.byob) {
    for (const request of reader.requests.takeAll()) request.close(undefined);
  }
  const c = s.controller;
  return (c.byte ? byteCancelSteps(c, reason) : defaultCancelSteps(c, reason)).then(noop);
}

function streamClose(s) {
  s.state = 'closed';
  const reader = s.reader;
  if (reader === undefined) return;
  reader.closed.resolve();
  if (!reader.byob) {
    for (const request of reader.requests.takeAll()) request.close();
  }
}

function streamError(s, e) {
  s.state = 'errored';
  s.storedError = e;
  const reader = s.reader;
  if (reader === undefined) return;
  reader.closed.reject(e);
  markHandled(reader.closed.promise);
  for (const request of reader.requests.takeAll()) request.error(e);
}

function fulfillReadRequest(s, chunk, done) {
  const request = s.reader.requests.shift();
  if (done) request.close();
  else request.chunk(chunk);
}

function fulfillReadIntoRequest(s, chunk, done) {
  const request = s.reader.requests.shift();
  if (done) request.close(chunk);
  else request.chunk(chunk);
}

function numReadRequests(s) {
  return s.reader.requests.length;
}

function hasDefaultReader(s) {
  return s.reader !== undefined && !s.reader.byob;
}

function hasBYOBReader(s) {
  return s.reader !== undefined && s.reader.byob;
}

// Readers

function newReader(byob) {
  const proto = byob ? ReadableStreamBYOBReader.prototype : ReadableStreamDefaultReader.prototype;
  return setSlots(Object.create(proto), {
    kind: byob ? 'ReadableStreamBYOBReader' : 'ReadableStreamDefaultReader',
    byob,
    stream: undefined,
    closed: undefined,
    requests: new Queue(),
  });
}

function readerInitialize(r, s) {
  r.stream = s;
  s.reader = r;
  if (s.state === 'readable') r.closed = deferred();
  else if (s.state === 'closed') r.closed = resolvedDeferred();
  else r.closed = rejectedDeferred(s.storedError);
}

function acquireDefaultReader(s) {
  if (s.reader !== undefined) throw lockedError();
  const r = newReader(false);
  readerInitialize(r, s);
  return r;
}

function acquireBYOBReader(s) {
  if (s.reader !== undefined) throw lockedError();
  if (!s.controller.byte) throw new ERR_INVALID_ARG_VALUE('stream', s.obj, 'must be a byte stream');
  const r = newReader(true);
  readerInitialize(r, s);
  return r;
}

function readerGenericRelease(r) {
  const s = r.stream;
  const released = new ERR_INVALID_STATE.TypeError('Reader released');
  if (s.state === 'readable') r.closed.reject(released);
  else r.closed = rejectedDeferred(released);
  markHandled(r.closed.promise);
  const c = s.controller;
  if (c.byte && c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    first.readerType = 'none';
    c.pendingPullIntos = [first];
  }
  s.reader = undefined;
  r.stream = undefined;
}

function readerRelease(r) {
  readerGenericRelease(r);
  const e = new ERR_INVALID_STATE.TypeError('Releasing reader');
  for (const request of r.requests.takeAll()) request.error(e);
}

function defaultReaderRead(r, request) {
  const s = r.stream;
  s.disturbed = true;
  if (s.state === 'closed') request.close();
  else if (s.state === 'errored') request.error(s.storedError);
  else if (s.controller.byte) bytePullSteps(s.controller, request);
  else defaultPullSteps(s.controller, request);
}

function byobReaderRead(r, view, min, request) {
  const s = r.stream;
  s.disturbed = true;
  if (s.state === 'errored') request.error(s.storedError);
  else bytePullInto(s.controller, view, min, request);
}

function notAttached() {
  return new ERR_INVALID_STATE.TypeError('The reader is not attached to a stream');
}

function readerMethods(cls, name) {
  const slots = (self) => {
    const r = slotsOf(self, name);
    if (r === undefined) throw new ERR_INVALID_THIS(name);
    return r;
  };
  Object.defineProperty(cls.prototype, 'closed', {
    configurable: true,
    enumerable: true,
    get() {
      const r = slotsOf(this, name);
      if (r === undefined) return Promise.reject(new ERR_INVALID_THIS(name));
      return r.closed.promise;
    },
  });
  cls.prototype.cancel = function cancel(reason = undefined) {
    const r = slotsOf(this, name);
    if (r === undefined) return Promise.reject(new ERR_INVALID_THIS(name));
    if (r.stream === undefined) return Promise.reject(notAttached());
    return streamCancel(r.stream, reason);
  };
  cls.prototype.releaseLock = function releaseLock() {
    const r = slots(this);
    if (r.stream !== undefined) readerRelease(r);
  };
  cls.prototype[kInspect] = function(depth, options) {
    const r = slots(this);
    return customInspect(this, depth, options, name, {
      stream: r.stream?.obj,
      [r.byob ? 'readIntoRequests' : 'readRequests']: r.requests.length,
      close: r.closed.promise,
    });
  };
  defineClassProps(cls, ['read', 'releaseLock', 'cancel'], name);
}

class ReadableStreamDefaultReader {
  constructor(stream) {
    const s = slotsOf(stream, 'ReadableStream');
    if (s === undefined) throw new ERR_INVALID_ARG_TYPE('stream', 'ReadableStream', stream);
    if (s.reader !== undefined) throw lockedError();
    const r = setSlots(this, { kind: 'ReadableStreamDefaultReader', byob: false, stream: undefined, closed: undefined,
                               requests: new Queue() });
    readerInitialize(r, s);
  }

  read() {
    const r = slotsOf(this, 'ReadableStreamDefaultReader');
    if (r === undefined) return Promise.reject(new ERR_INVALID_THIS('ReadableStreamDefaultReader'));
    if (r.stream === undefined) return Promise.reject(notAttached());
    const d = deferred();
    defaultReaderRead(r, {
      chunk: (value) => d.resolve({ value, done: false }),
      close: () => d.resolve({ value: undefined, done: true }),
      error: d.reject,
    });
    return d.promise;
  }
}
readerMethods(ReadableStreamDefaultReader, 'ReadableStreamDefaultReader');

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;

class ReadableStreamBYOBReader {
  constructor(stream) {
    const s = slotsOf(stream, 'ReadableStream');
    if (s === undefined) throw new ERR_INVALID_ARG_TYPE('stream', 'ReadableStream', stream);
    if (s.reader !== undefined) throw lockedError();
    if (!s.controller.byte) throw new ERR_INVALID_ARG_VALUE('stream', stream, 'must be a byte stream');
    const r = setSlots(this, { kind: 'ReadableStreamBYOBReader', byob: true, stream: undefined, closed: undefined,
                               requests: new Queue() });
    readerInitialize(r, s);
  }

  read(view = undefined, options = {}) {
    const r = slotsOf(this, 'ReadableStreamBYOBReader');
    if (r === undefined) return Promise.reject(new ERR_INVALID_THIS('ReadableStreamBYOBReader'));
    if (!ArrayBuffer.isView(view)) {
      return Promise.reject(new ERR_INVALID_ARG_TYPE('view', ['Buffer', 'TypedArray', 'DataView'], view));
    }
    if (view.byteLength === 0 || view.buffer.byteLength === 0) return Promise.reject(detachedView());
    if (!isObjectLike(options)) return Promise.reject(new ERR_INVALID_ARG_TYPE('options', 'Object', options));
    let min = 1;
    if (options.min !== undefined) {
      min = Number(options.min);
      if (min === 0) {
        return Promise.reject(new ERR_INVALID_ARG_VALUE('options.min', options.min, 'must be greater than 0'));
      }
      const isTyped = typedArrayTag.call(view) !== undefined;
      const limit = isTyped ? view.length : view.byteLength;
      if (!(min <= limit)) {
        return Promise.reject(
          new ERR_OUT_OF_RANGE('options.min', isTyped ? '<= view.length' : '<= view.byteLength', options.min));
      }
    }
    if (r.stream === undefined) return Promise.reject(notAttached());
    const d = deferred();
    byobReaderRead(r, view, min, {
      chunk: (value) => d.resolve({ value, done: false }),
      close: (value) => d.resolve({ value, done: true }),
      error: d.reject,
    });
    // Node settles BYOB reads two jobs later than default reads.
    return settle(d.promise);
  }
}
readerMethods(ReadableStreamBYOBReader, 'ReadableStreamBYOBReader');

// Default controller

function defaultControllerSlots(self) {
  const c = slotsOf(self, 'ReadableStreamDefaultController');
  if (c === undefined) throw new ERR_INVALID_THIS('ReadableStreamDefaultController');
  return c;
}

function alreadyClosed() {
  return new ERR_INVALID_STATE.TypeError('Controller is already closed');
}

class ReadableStreamDefaultController {
  constructor(key = undefined) {
    if (key !== kConstruct) throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get desiredSize() {
    return defaultGetDesiredSize(defaultControllerSlots(this));
  }

  close() {
    const c = defaultControllerSlots(this);
    if (!defaultCanCloseOrEnqueue(c)) throw alreadyClosed();
    defaultControllerClose(c);
  }

  enqueue(chunk = undefined) {
    const c = defaultControllerSlots(this);
    if (!defaultCanCloseOrEnqueue(c)) throw alreadyClosed();
    defaultControllerEnqueue(c, chunk);
  }

  error(e = undefined) {
    defaultControllerError(defaultControllerSlots(this), e);
  }

  [kInspect](depth, options) {
    return customInspect(this, depth, options, 'ReadableStreamDefaultController', {});
  }
}
defineClassProps(ReadableStreamDefaultController, ['desiredSize', 'close', 'enqueue', 'error'],
                 'ReadableStreamDefaultController');

function newDefaultController() {
  return setSlots(new ReadableStreamDefaultController(kConstruct), {
    kind: 'ReadableStreamDefaultController',
    byte: false,
    stream: undefined,
    queue: undefined,
    queueTotalSize: 0,
    started: false,
    closeRequested: false,
    pullAgain: false,
    pulling: false,
    strategySizeAlgorithm: undefined,
    strategyHWM: 0,
    pullAlgorithm: undefined,
    cancelAlgorithm: undefined,
  });
}

function setUpDefaultController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, sizeAlgorithm) {
  c.stream = s;
  resetQueue(c);
  c.strategySizeAlgorithm = sizeAlgorithm;
  c.strategyHWM = hwm;
  c.pullAlgorithm = pullAlgorithm;
  c.cancelAlgorithm = cancelAlgorithm;
  s.controller = c;
  const startResult = startAlgorithm();
  settle(startResult).then(() => {
    c.started = true;
    defaultCallPullIfNeeded(c);
  }, (r) => defaultControllerError(c, r));
}

function setUpDefaultControllerFromSource(s, source, hwm, sizeAlgorithm) {
  const c = newDefaultController();
  const start = method(source, 'start', 'source');
  const pull = method(source, 'pull', 'source');
  const cancel = method(source, 'cancel', 'source');
  setUpDefaultController(
    s, c,
    start === undefined ? noop : () => Reflect.apply(start, source, [c.obj]),
    pull === undefined ? () => Promise.resolve() : () => promiseCall(pull, source, c.obj),
    (reason) => promiseCall(cancel, source, reason),
    hwm, sizeAlgorithm);
}

// The spec's CallPullIfNeeded, shared by both controller kinds: one pull at
// a time, and one more if another was asked for while it ran.
function callPullIfNeeded(c, shouldCallPull, controllerError) {
  if (!shouldCallPull(c)) return;
  if (c.pulling) {
    c.pullAgain = true;
    return;
  }
  c.pulling = true;
  c.pullAlgorithm().then(() => {
    c.pulling = false;
    if (c.pullAgain) {
      c.pullAgain = false;
      callPullIfNeeded(c, shouldCallPull, controllerError);
    }
  }, (e) => controllerError(c, e));
}

function defaultCallPullIfNeeded(c) {
  callPullIfNeeded(c, defaultShouldCallPull, defaultControllerError);
}

function defaultShouldCallPull(c) {
  if (!defaultCanCloseOrEnqueue(c) || !c.started) return false;
  const s = c.stream;
  if (s.reader !== undefined && !s.reader.byob && numReadRequests(s) > 0) return true;
  return defaultGetDesiredSize(c) > 0;
}

function defaultClearAlgorithms(c) {
  c.pullAlgorithm = undefined;
  c.cancelAlgorithm = undefined;
  c.strategySizeAlgorithm = undefined;
}

function defaultControllerClose(c) {
  if (!defaultCanCloseOrEnqueue(c)) return;
  c.closeRequested = true;
  if (c.queue.length === 0) {
    defaultClearAlgorithms(c);
    streamClose(c.stream);
  }
}

function defaultControllerEnqueue(c, chunk) {
  if (!defaultCanCloseOrEnqueue(c)) return;
  const s = c.stream;
  if (s.reader !== undefined && numReadRequests(s) > 0) {
    fulfillReadRequest(s, chunk, false);
  } else {
    let size;
    try {
      size = c.strategySizeAlgorithm(chunk);
    } catch (err) {
      defaultControllerError(c, err);
      throw err;
    }
    try {
      enqueueValueWithSize(c, chunk, size);
    } catch (err) {
      defaultControllerError(c, err);
      throw err;
    }
  }
  defaultCallPullIfNeeded(c);
}

function defaultControllerError(c, e) {
  const s = c.stream;
  if (s.state !== 'readable') return;
  resetQueue(c);
  defaultClearAlgorithms(c);
  streamError(s, e);
}

function defaultGetDesiredSize(c) {
  const state = c.stream.state;
  if (state === 'errored') return null;
  if (state === 'closed') return 0;
  return c.strategyHWM - c.queueTotalSize;
}

function defaultHasBackpressure(c) {
  return !defaultShouldCallPull(c);
}

function defaultCanCloseOrEnqueue(c) {
  return !c.closeRequested && c.stream.state === 'readable';
}

function defaultCancelSteps(c, reason) {
  resetQueue(c);
  const result = c.cancelAlgorithm(reason);
  defaultClearAlgorithms(c);
  return result;
}

function defaultPullSteps(c, request) {
  const s = c.stream;
  if (c.queue.length > 0) {
    const chunk = dequeueValue(c);
    if (c.closeRequested && c.queue.length === 0) {
      defaultClearAlgorithms(c);
      streamClose(s);
    } else {
      defaultCallPullIfNeeded(c);
    }
    request.chunk(chunk);
  } else {
    s.reader.requests.push(request);
    defaultCallPullIfNeeded(c);
  }
}

// Byte controller

function byteControllerSlots(self) {
  const c = slotsOf(self, 'ReadableByteStreamController');
  if (c === undefined) throw new ERR_INVALID_THIS('ReadableByteStreamController');
  return c;
}

function streamClosedError() {
  return new ERR_INVALID_STATE.TypeError('ReadableStream is already closed');
}

class ReadableByteStreamController {
  constructor(key = undefined) {
    if (key !== kConstruct) throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get byobRequest() {
    return byteGetBYOBRequest(byteControllerSlots(this));
  }

  get desiredSize() {
    return byteGetDesiredSize(byteControllerSlots(this));
  }

  close() {
    const c = byteControllerSlots(this);
    if (c.closeRequested) throw alreadyClosed();
    if (c.stream.state !== 'readable') throw streamClosedError();
    byteControllerClose(c);
  }

  enqueue(chunk = undefined) {
    const c = byteControllerSlots(this);
    if (!ArrayBuffer.isView(chunk)) {
      throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], chunk);
    }
    if (chunk.byteLength === 0 || chunk.buffer.byteLength === 0) {
      throw new ERR_INVALID_STATE.TypeError('chunk ArrayBuffer is zero-length or detached');
    }
    if (c.closeRequested) throw alreadyClosed();
    if (c.stream.state !== 'readable') throw streamClosedError();
    byteControllerEnqueue(c, chunk);
  }

  error(e = undefined) {
    byteControllerError(byteControllerSlots(this), e);
  }

  [kInspect](depth, options) {
    return customInspect(this, depth, options, 'ReadableByteStreamController', {});
  }
}
defineClassProps(ReadableByteStreamController, ['byobRequest', 'desiredSize', 'close', 'enqueue', 'error'],
                 'ReadableByteStreamController');

function requestSlots(self) {
  const r = slotsOf(self, 'ReadableStreamBYOBRequest');
  if (r === undefined) throw new ERR_INVALID_THIS('ReadableStreamBYOBRequest');
  return r;
}

function invalidatedRequest() {
  return new ERR_INVALID_STATE.TypeError('This BYOB request has been invalidated');
}

class ReadableStreamBYOBRequest {
  constructor(key = undefined) {
    if (key !== kConstruct) throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get view() {
    return requestSlots(this).view;
  }

  respond(bytesWritten) {
    const r = requestSlots(this);
    if (r.controller === undefined) throw invalidatedRequest();
    const n = Number(bytesWritten);
    if (!Number.isInteger(n) || n < 0) throw new ERR_INVALID_ARG_VALUE.RangeError('bytesWritten', bytesWritten);
    if (r.view.buffer.detached) throw detachedView();
    byteRespond(r.controller, n);
  }

  respondWithNewView(view) {
    const r = requestSlots(this);
    if (!ArrayBuffer.isView(view)) {
      throw new ERR_INVALID_ARG_TYPE('view', ['Buffer', 'TypedArray', 'DataView'], view);
    }
    if (r.controller === undefined) throw invalidatedRequest();
    if (view.buffer.detached) throw detachedView();
    byteRespondWithNewView(r.controller, view);
  }

  [kInspect](depth, options) {
    const r = requestSlots(this);
    return customInspect(this, depth, options, 'ReadableStreamBYOBRequest', {
      view: r.view,
      controller: r.controller?.obj,
    });
  }
}
defineClassProps(ReadableStreamBYOBRequest, ['view', 'respond', 'respondWithNewView'], 'ReadableStreamBYOBRequest');

function newByteController() {
  return setSlots(new ReadableByteStreamController(kConstruct), {
    kind: 'ReadableByteStreamController',
    byte: true,
    stream: undefined,
    queue: undefined,
    queueTotalSize: 0,
    started: false,
    closeRequested: false,
    pullAgain: false,
    pulling: false,
    strategyHWM: 0,
    pullAlgorithm: undefined,
    cancelAlgorithm: undefined,
    autoAllocateChunkSize: undefined,
    byobRequest: null,
    pendingPullIntos: [],
  });
}

function setUpByteController(s, c, startAlgorithm, pullAlgorithm, cancelAlgorithm, hwm, autoAllocateChunkSize) {
  c.stream = s;
  resetQueue(c);
  c.strategyHWM = hwm;
  c.pullAlgorithm = pullAlgorithm;
  c.cancelAlgorithm = cancelAlgorithm;
  c.autoAllocateChunkSize = autoAllocateChunkSize;
  s.controller = c;
  const startResult = startAlgorithm();
  settle(startResult).then(() => {
    c.started = true;
    byteCallPullIfNeeded(c);
  }, (r) => byteControllerError(c, r));
}

function setUpByteControllerFromSource(s, source, hwm) {
  const c = newByteController();
  const start = method(source, 'start', 'source');
  const pull = method(source, 'pull', 'source');
  const cancel = method(source, 'cancel', 'source');
  let autoAllocateChunkSize = source.autoAllocateChunkSize;
  if (autoAllocateChunkSize !== undefined) {
    const n = Number(autoAllocateChunkSize);
    if (!Number.isInteger(n) || n <= 0) {
      throw new ERR_INVALID_ARG_VALUE('source.autoAllocateChunkSize', autoAllocateChunkSize);
    }
    autoAllocateChunkSize = n;
  }
  setUpByteController(
    s, c,
    start === undefined ? noop : () => Reflect.apply(start, source, [c.obj]),
    pull === undefined ? () => Promise.resolve() : () => promiseCall(pull, source, c.obj),
    (reason) => promiseCall(cancel, source, reason),
    hwm, autoAllocateChunkSize);
}

function byteCallPullIfNeeded(c) {
  callPullIfNeeded(c, byteShouldCallPull, byteControllerError);
}

function byteShouldCallPull(c) {
  const s = c.stream;
  if (s.state !== 'readable' || c.closeRequested || !c.started) return false;
  if (s.reader !== undefined && numReadRequests(s) > 0) return true;
  return byteGetDesiredSize(c) > 0;
}

function byteClearAlgorithms(c) {
  c.pullAlgorithm = undefined;
  c.cancelAlgorithm = undefined;
}

function byteClearPendingPullIntos(c) {
  byteInvalidateBYOBRequest(c);
  c.pendingPullIntos = [];
}

function byteControllerClose(c) {
  const s = c.stream;
  if (c.closeRequested || s.state !== 'readable') return;
  if (c.queueTotalSize > 0) {
    c.closeRequested = true;
    return;
  }
  if (c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    if (first.bytesFilled % first.elementSize !== 0) {
      const e = new ERR_INVALID_STATE.TypeError('Partial read');
      byteControllerError(c, e);
      throw e;
    }
  }
  byteClearAlgorithms(c);
  streamClose(s);
}

function byteCommitPullIntoDescriptor(s, d) {
  const done = s.state === 'closed';
  const filledView = byteConvertPullIntoDescriptor(d);
  if (d.readerType === 'default') fulfillReadRequest(s, filledView, done);
  else fulfillReadIntoRequest(s, filledView, done);
}

function byteConvertPullIntoDescriptor(d) {
  const buffer = d.buffer.transfer();
  return new d.viewConstructor(buffer, d.byteOffset, d.bytesFilled / d.elementSize);
}

function byteControllerEnqueue(c, chunk) {
  const s = c.stream;
  if (c.closeRequested || s.state !== 'readable') return;
  const { buffer, byteOffset, byteLength } = chunk;
  if (buffer.detached) throw new ERR_INVALID_STATE.TypeError('chunk ArrayBuffer is zero-length or detached');
  const transferred = buffer.transfer();
  if (c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    if (first.buffer.detached) throw detachedView();
    byteInvalidateBYOBRequest(c);
    first.buffer = first.buffer.transfer();
    if (first.readerType === 'none') byteEnqueueDetachedPullIntoToQueue(c, first);
  }
  if (hasDefaultReader(s)) {
    byteProcessReadRequestsUsingQueue(c);
    if (numReadRequests(s) === 0) {
      byteEnqueueChunkToQueue(c, transferred, byteOffset, byteLength);
    } else {
      if (c.pendingPullIntos.length > 0) byteShiftPendingPullInto(c);
      fulfillReadRequest(s, new Uint8Array(transferred, byteOffset, byteLength), false);
    }
  } else if (hasBYOBReader(s)) {
    byteEnqueueChunkToQueue(c, transferred, byteOffset, byteLength);
    for (const d of byteProcessPullIntoDescriptorsUsingQueue(c)) byteCommitPullIntoDescriptor(s, d);
  } else {
    byteEnqueueChunkToQueue(c, transferred, byteOffset, byteLength);
  }
  byteCallPullIfNeeded(c);
}

function byteEnqueueChunkToQueue(c, buffer, byteOffset, byteLength) {
  c.queue.push({ buffer, byteOffset, byteLength });
  c.queueTotalSize += byteLength;
}

function byteEnqueueClonedChunkToQueue(c, buffer, byteOffset, byteLength) {
  let clone;
  try {
    clone = buffer.slice(byteOffset, byteOffset + byteLength);
  } catch (err) {
    byteControllerError(c, err);
    throw err;
  }
  byteEnqueueChunkToQueue(c, clone, 0, byteLength);
}

function byteEnqueueDetachedPullIntoToQueue(c, d) {
  if (d.bytesFilled > 0) byteEnqueueClonedChunkToQueue(c, d.buffer, d.byteOffset, d.bytesFilled);
  byteShiftPendingPullInto(c);
}

function byteProcessReadRequestsUsingQueue(c) {
  const requests = c.stream.reader.requests;
  while (requests.length > 0) {
    if (c.queueTotalSize === 0) return;
    byteFillReadRequestFromQueue(c, requests.shift());
  }
}

function byteFillReadRequestFromQueue(c, request) {
  const entry = c.queue.shift();
  c.queueTotalSize -= entry.byteLength;
  byteHandleQueueDrain(c);
  request.chunk(new Uint8Array(entry.buffer, entry.byteOffset, entry.byteLength));
}

function byteHandleQueueDrain(c) {
  if (c.queueTotalSize === 0 && c.closeRequested) {
    byteClearAlgorithms(c);
    streamClose(c.stream);
  } else {
    byteCallPullIfNeeded(c);
  }
}

function byteFillPullIntoDescriptorFromQueue(c, d) {
  const maxBytesToCopy = Math.min(c.queueTotalSize, d.byteLength - d.bytesFilled);
  const maxBytesFilled = d.bytesFilled + maxBytesToCopy;
  let remaining = maxBytesToCopy;
  let ready = false;
  const maxAlignedBytes = maxBytesFilled - (maxBytesFilled % d.elementSize);
  if (maxAlignedBytes >= d.minimumFill) {
    remaining = maxAlignedBytes - d.bytesFilled;
    ready = true;
  }
  while (remaining > 0) {
    const head = c.queue.peek();
    const n = Math.min(remaining, head.byteLength);
    new Uint8Array(d.buffer, d.byteOffset + d.bytesFilled, n)
      .set(new Uint8Array(head.buffer, head.byteOffset, n));
    if (head.byteLength === n) {
      c.queue.shift();
    } else {
      head.byteOffset += n;
      head.byteLength -= n;
    }
    c.queueTotalSize -= n;
    d.bytesFilled += n;
    remaining -= n;
  }
  return ready;
}

function byteProcessPullIntoDescriptorsUsingQueue(c) {
  const filled = [];
  while (c.pendingPullIntos.length > 0) {
    if (c.queueTotalSize === 0) break;
    const d = c.pendingPullIntos[0];
    if (byteFillPullIntoDescriptorFromQueue(c, d)) {
      byteShiftPendingPullInto(c);
      filled.push(d);
    }
  }
  return filled;
}

const typedArrayCtors = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};

function bytePullInto(c, view, min, request) {
  const s = c.stream;
  let elementSize = 1;
  let ctor = DataView;
  const tag = typedArrayTag.call(view);
  if (tag !== undefined) {
    ctor = typedArrayCtors[tag];
    elementSize = ctor.BYTES_PER_ELEMENT;
  }
  const { byteOffset, byteLength } = view;
  let buffer;
  try {
    buffer = view.buffer.transfer();
  } catch (err) {
    request.error(err);
    return;
  }
  const d = {
    buffer,
    bufferByteLength: buffer.byteLength,
    byteOffset,
    byteLength,
    bytesFilled: 0,
    minimumFill: min * elementSize,
    elementSize,
    viewConstructor: ctor,
    readerType: 'byob',
  };
  if (c.pendingPullIntos.length > 0) {
    c.pendingPullIntos.push(d);
    s.reader.requests.push(request);
    return;
  }
  if (s.state === 'closed') {
    request.close(new ctor(d.buffer, d.byteOffset, 0));
    return;
  }
  if (c.queueTotalSize > 0) {
    if (byteFillPullIntoDescriptorFromQueue(c, d)) {
      const filledView = byteConvertPullIntoDescriptor(d);
      byteHandleQueueDrain(c);
      request.chunk(filledView);
      return;
    }
    if (c.closeRequested) {
      const e = new ERR_INVALID_STATE.TypeError('Partial read');
      byteControllerError(c, e);
      request.error(e);
      return;
    }
  }
  c.pendingPullIntos.push(d);
  s.reader.requests.push(request);
  byteCallPullIfNeeded(c);
}

function byteRespond(c, bytesWritten) {
  const first = c.pendingPullIntos[0];
  if (c.stream.state === 'closed') {
    if (bytesWritten !== 0) throw new ERR_INVALID_ARG_VALUE.TypeError('bytesWritten', bytesWritten);
  } else {
    if (bytesWritten === 0) throw new ERR_INVALID_ARG_VALUE.TypeError('bytesWritten', bytesWritten);
    if (first.bytesFilled + bytesWritten > first.byteLength) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('bytesWritten', bytesWritten);
    }
  }
  first.buffer = first.buffer.transfer();
  byteRespondInternal(c, bytesWritten);
}

function byteRespondInClosedState(c, first) {
  if (first.readerType === 'none') byteShiftPendingPullInto(c);
  const s = c.stream;
  if (hasBYOBReader(s)) {
    while (numReadRequests(s) > 0) byteCommitPullIntoDescriptor(s, byteShiftPendingPullInto(c));
  }
}

function byteRespondInReadableState(c, bytesWritten, d) {
  d.bytesFilled += bytesWritten;
  if (d.readerType === 'none') {
    byteEnqueueDetachedPullIntoToQueue(c, d);
    for (const filled of byteProcessPullIntoDescriptorsUsingQueue(c)) byteCommitPullIntoDescriptor(c.stream, filled);
    return;
  }
  if (d.bytesFilled < d.minimumFill) return;
  byteShiftPendingPullInto(c);
  const remainder = d.bytesFilled % d.elementSize;
  if (remainder > 0) {
    const end = d.byteOffset + d.bytesFilled;
    byteEnqueueClonedChunkToQueue(c, d.buffer, end - remainder, remainder);
  }
  d.bytesFilled -= remainder;
  const filledPullIntos = byteProcessPullIntoDescriptorsUsingQueue(c);
  byteCommitPullIntoDescriptor(c.stream, d);
  for (const filled of filledPullIntos) byteCommitPullIntoDescriptor(c.stream, filled);
}

function byteRespondInternal(c, bytesWritten) {
  const first = c.pendingPullIntos[0];
  byteInvalidateBYOBRequest(c);
  if (c.stream.state === 'closed') byteRespondInClosedState(c, first);
  else byteRespondInReadableState(c, bytesWritten, first);
  byteCallPullIfNeeded(c);
}

function byteRespondWithNewView(c, view) {
  const first = c.pendingPullIntos[0];
  if (c.stream.state === 'closed') {
    if (view.byteLength !== 0) throw new ERR_INVALID_ARG_VALUE.TypeError('view', view);
  } else if (view.byteLength === 0) {
    throw new ERR_INVALID_ARG_VALUE.TypeError('view', view);
  }
  if (first.byteOffset + first.bytesFilled !== view.byteOffset ||
      first.bufferByteLength !== view.buffer.byteLength ||
      first.bytesFilled + view.byteLength > first.byteLength) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('view', view);
  }
  const viewByteLength = view.byteLength;
  first.buffer = view.buffer.transfer();
  byteRespondInternal(c, viewByteLength);
}

function byteShiftPendingPullInto(c) {
  return c.pendingPullIntos.shift();
}

function byteInvalidateBYOBRequest(c) {
  const request = c.byobRequest;
  if (request === null) return;
  request.controller = undefined;
  request.view = null;
  c.byobRequest = null;
}

function byteGetBYOBRequest(c) {
  if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
    const first = c.pendingPullIntos[0];
    const view = new Uint8Array(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
    c.byobRequest = setSlots(new ReadableStreamBYOBRequest(kConstruct),
                             { kind: 'ReadableStreamBYOBRequest', controller: c, view });
  }
  return c.byobRequest === null ? null : c.byobRequest.obj;
}

function byteGetDesiredSize(c) {
  const state = c.stream.state;
  if (state === 'errored') return null;
  if (state === 'closed') return 0;
  return c.strategyHWM - c.queueTotalSize;
}

function byteControllerError(c, e) {
  const s = c.stream;
  if (s.state !== 'readable') return;
  byteClearPendingPullIntos(c);
  resetQueue(c);
  byteClearAlgorithms(c);
  streamError(s, e);
}

function byteCancelSteps(c, reason) {
  byteClearPendingPullIntos(c);
  resetQueue(c);
  const result = c.cancelAlgorithm(reason);
  byteClearAlgorithms(c);
  return result;
}

function bytePullSteps(c, request) {
  const s = c.stream;
  if (c.queueTotalSize > 0) {
    byteFillReadRequestFromQueue(c, request);
    return;
  }
  const size = c.autoAllocateChunkSize;
  if (size !== undefined) {
    let buffer;
    try {
      buffer = new ArrayBuffer(size);
    } catch (err) {
      request.error(err);
      return;
    }
    c.pendingPullIntos.push({
      buffer,
      bufferByteLength: size,
      byteOffset: 0,
      byteLength: size,
      bytesFilled: 0,
      minimumFill: 1,
      elementSize: 1,
      viewConstructor: Uint8Array,
      readerType: 'default',
    });
  }
  s.reader.requests.push(request);
  byteCallPullIfNeeded(c);
}

// tee

function teeCancelAlgorithms(s, state) {
  const cancel = (branch) => (reason) => {
    state[`canceled${branch}`] = true;
    state[`reason${branch}`] = reason;
    if (state.canceled1 && state.canceled2) {
      state.cancelPromise.resolve(streamCancel(s, [state.reason1, state.reason2]));
    }
    return state.cancelPromise.promise;
  };
  return [cancel(1), cancel(2)];
}

function defaultTee(s) {
  const reader = acquireDefaultReader(s);
  const state = { canceled1: false, canceled2: false, reason1: undefined, reason2: undefined,
                  cancelPromise: deferred() };
  let reading = false;
  let readAgain = false;
  let branch1;
  let branch2;
  const pullAlgorithm = () => {
    if (reading) {
      readAgain = true;
      return Promise.resolve();
    }
    reading = true;
    defaultReaderRead(reader, {
      chunk: (chunk) => queueMicrotask(() => {
        readAgain = false;
        if (!state.canceled1) defaultControllerEnqueue(branch1.controller, chunk);
        if (!state.canceled2) defaultControllerEnqueue(branch2.controller, chunk);
        reading = false;
        if (readAgain) pullAlgorithm();
      }),
      close: () => {
        reading = false;
        if (!state.canceled1) defaultControllerClose(branch1.controller);
        if (!state.canceled2) defaultControllerClose(branch2.controller);
        if (!state.canceled1 || !state.canceled2) state.cancelPromise.resolve();
      },
      error: () => {
        reading = false;
      },
    });
    return Promise.resolve();
  };
  const [cancel1, cancel2] = teeCancelAlgorithms(s, state);
  branch1 = createReadableStream(noop, pullAlgorithm, cancel1);
  branch2 = createReadableStream(noop, pullAlgorithm, cancel2);
  reader.closed.promise.then(undefined, (r) => {
    defaultControllerError(branch1.controller, r);
    defaultControllerError(branch2.controller, r);
    if (!state.canceled1 || !state.canceled2) state.cancelPromise.resolve();
  });
  return [branch1, branch2];
}

function cloneAsUint8Array(view) {
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

function byteTee(s) {
  let reader = acquireDefaultReader(s);
  const state = { canceled1: false, canceled2: false, reason1: undefined, reason2: undefined,
                  cancelPromise: deferred() };
  let reading = false;
  let readAgainForBranch1 = false;
  let readAgainForBranch2 = false;
  let branch1;
  let branch2;

  const forwardReaderError = (thisReader) => {
    thisReader.closed.promise.then(undefined, (r) => {
      if (thisReader !== reader) return;
      byteControllerError(branch1.controller, r);
      byteControllerError(branch2.controller, r);
      if (!state.canceled1 || !state.canceled2) state.cancelPromise.resolve();
    });
  };

  const cloneFailed = (e) => {
    byteControllerError(branch1.controller, e);
    byteControllerError(branch2.controller, e);
    state.cancelPromise.resolve(streamCancel(s, e));
  };

  const pullAgain = () => {
    reading = false;
    if (readAgainForBranch1) pull1Algorithm();
    else if (readAgainForBranch2) pull2Algorithm();
  };

  const pullWithDefaultReader = () => {
    if (reader.byob) {
      readerGenericRelease(reader);
      reader = acquireDefaultReader(s);
      forwardReaderError(reader);
    }
    defaultReaderRead(reader, {
      chunk: (chunk) => queueMicrotask(() => {
        readAgainForBranch1 = false;
        readAgainForBranch2 = false;
        let chunk2 = chunk;
        if (!state.canceled1 && !state.canceled2) {
          try {
            chunk2 = cloneAsUint8Array(chunk);
          } catch (e) {
            cloneFailed(e);
            return;
          }
        }
        if (!state.canceled1) byteControllerEnqueue(branch1.controller, chunk);
        if (!state.canceled2) byteControllerEnqueue(branch2.controller, chunk2);
        pullAgain();
      }),
      close: () => {
        reading = false;
        if (!state.canceled1) byteControllerClose(branch1.controller);
        if (!state.canceled2) byteControllerClose(branch2.controller);
        if (branch1.controller.pendingPullIntos.length > 0) byteRespond(branch1.controller, 0);
        if (branch2.controller.pendingPullIntos.length > 0) byteRespond(branch2.controller, 0);
        if (!state.canceled1 || !state.canceled2) state.cancelPromise.resolve();
      },
      error: () => {
        reading = false;
      },
    });
  };

  const pullWithBYOBReader = (view, forBranch2) => {
    if (!reader.byob) {
      readerGenericRelease(reader);
      reader = acquireBYOBReader(s);
      forwardReaderError(reader);
    }
    const byobBranch = forBranch2 ? branch2 : branch1;
    const otherBranch = forBranch2 ? branch1 : branch2;
    const canceled = () => [forBranch2 ? state.canceled2 : state.canceled1,
                            forBranch2 ? state.canceled1 : state.canceled2];
    byobReaderRead(reader, view, 1, {
      chunk: (chunk) => queueMicrotask(() => {
        readAgainForBranch1 = false;
        readAgainForBranch2 = false;
        const [byobCanceled, otherCanceled] = canceled();
        if (!otherCanceled) {
          let clone;
          try {
            clone = cloneAsUint8Array(chunk);
          } catch (e) {
            cloneFailed(e);
            return;
          }
          if (!byobCanceled) byteRespondWithNewView(byobBranch.controller, chunk);
          byteControllerEnqueue(otherBranch.controller, clone);
        } else if (!byobCanceled) {
          byteRespondWithNewView(byobBranch.controller, chunk);
        }
        pullAgain();
      }),
      close: (chunk) => {
        reading = false;
        const [byobCanceled, otherCanceled] = canceled();
        if (!byobCanceled) byteControllerClose(byobBranch.controller);
        if (!otherCanceled) byteControllerClose(otherBranch.controller);
        if (chunk !== undefined) {
          if (!byobCanceled) byteRespondWithNewView(byobBranch.controller, chunk);
          if (!otherCanceled && otherBranch.controller.pendingPullIntos.length > 0) {
            byteRespond(otherBranch.controller, 0);
          }
        }
        if (!byobCanceled || !otherCanceled) state.cancelPromise.resolve();
      },
      error: () => {
        reading = false;
      },
    });
  };

  const pullFor = (branch, forBranch2) => {
    if (reading) {
      if (forBranch2) readAgainForBranch2 = true;
      else readAgainForBranch1 = true;
      return Promise.resolve();
    }
    reading = true;
    const request = byteGetBYOBRequest(branch.controller);
    if (request === null) pullWithDefaultReader();
    else pullWithBYOBReader(request.view, forBranch2);
    return Promise.resolve();
  };
  const pull1Algorithm = () => pullFor(branch1, false);
  const pull2Algorithm = () => pullFor(branch2, true);
  const [cancel1, cancel2] = teeCancelAlgorithms(s, state);
  branch1 = createReadableByteStream(noop, pull1Algorithm, cancel1);
  branch2 = createReadableByteStream(noop, pull2Algorithm, cancel2);
  forwardReaderError(reader);
  return [branch1, branch2];
}

// pipeTo

function pipeTo(source, dest, { preventClose, preventAbort, preventCancel, signal }) {
  const W = lazyWritable();
  const reader = acquireDefaultReader(source);
  const writer = W.acquireWriter(dest);
  source.disturbed = true;
  let shuttingDown = false;
  let currentWrite = Promise.resolve();
  const result = deferred();
  let abortAlgorithm;

  const finalize = (isError, error) => {
    W.writerRelease(writer);
    readerRelease(reader);
    if (signal !== undefined) signal.removeEventListener('abort', abortAlgorithm);
    if (isError) result.reject(error);
    else result.resolve();
  };

  const waitForWritesToFinish = () => {
    const old = currentWrite;
    return currentWrite.then(() => (old !== currentWrite ? waitForWritesToFinish() : undefined));
  };

  const shutdownWithAction = (action, isError, error) => {
    if (shuttingDown) return;
    shuttingDown = true;
    const doTheRest = () => {
      action().then(() => finalize(isError, error), (newError) => finalize(true, newError));
    };
    if (dest.state === 'writable' && !W.closeQueuedOrInFlight(dest)) waitForWritesToFinish().then(doTheRest);
    else doTheRest();
  };

  const shutdown = (isError, error) => {
    if (shuttingDown) return;
    shuttingDown = true;
    if (dest.state === 'writable' && !W.closeQueuedOrInFlight(dest)) {
      waitForWritesToFinish().then(() => finalize(isError, error));
    } else {
      finalize(isError, error);
    }
  };

  if (signal !== undefined) {
    abortAlgorithm = () => {
      const error = signal.reason;
      const actions = [];
      if (!preventAbort) {
        actions.push(() => (dest.state === 'writable' ? W.streamAbort(dest, error) : Promise.resolve()));
      }
      if (!preventCancel) {
        actions.push(() => (source.state === 'readable' ? streamCancel(source, error) : Promise.resolve()));
      }
      shutdownWithAction(() => Promise.all(actions.map((action) => action())), true, error);
    };
    if (signal.aborted) {
      abortAlgorithm();
      return result.promise;
    }
    signal.addEventListener('abort', abortAlgorithm, { once: true });
  }

  const onSourceErrored = (storedError) => {
    if (!preventAbort) shutdownWithAction(() => W.streamAbort(dest, storedError), true, storedError);
    else shutdown(true, storedError);
  };
  const onDestErrored = (storedError) => {
    if (!preventCancel) shutdownWithAction(() => streamCancel(source, storedError), true, storedError);
    else shutdown(true, storedError);
  };
  const onSourceClosed = () => {
    if (!preventClose) shutdownWithAction(() => W.writerCloseWithErrorPropagation(writer));
    else shutdown();
  };

  if (source.state === 'errored') onSourceErrored(source.storedError);
  else reader.closed.promise.then(undefined, onSourceErrored);
  if (dest.state === 'errored') onDestErrored(dest.storedError);
  else writer.closed.promise.then(undefined, onDestErrored);
  if (source.state === 'closed') onSourceClosed();
  else reader.closed.promise.then(onSourceClosed, noop);
  if (W.closeQueuedOrInFlight(dest) || dest.state === 'closed') {
    const destClosed = new ERR_INVALID_STATE.TypeError('the destination writable stream closed before all ' +
                                                       'the data could be piped to it');
    if (!preventCancel) shutdownWithAction(() => streamCancel(source, destClosed), true, destClosed);
    else shutdown(true, destClosed);
  }

  const pipeStep = () => {
    if (shuttingDown) return Promise.resolve(true);
    return writer.ready.promise.then(() => {
      if (shuttingDown) return true;
      return new Promise((resolveRead, rejectRead) => {
        defaultReaderRead(reader, {
          chunk: (chunk) => {
            currentWrite = W.writerWrite(writer, chunk).then(undefined, noop);
            resolveRead(false);
          },
          close: () => resolveRead(true),
          error: rejectRead,
        });
      });
    });
  };
  const loop = () => {
    pipeStep().then((done) => {
      if (!done) loop();
    }, noop);
  };
  loop();
  return result.promise;
}

// Async iteration

const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

const ReadableStreamAsyncIteratorPrototype = Object.create(AsyncIteratorPrototype, {
  next: {
    writable: true,
    configurable: true,
    enumerable: true,
    value: function next() {
      const it = this?.[kIterator];
      if (it === undefined) return Promise.reject(new ERR_INVALID_THIS('ReadableStreamAsyncIterator'));
      const steps = () => iteratorNextSteps(it);
      it.ongoing = it.ongoing === undefined ? steps() : it.ongoing.then(steps, steps);
      // Node's iterator results arrive three jobs after the read settles.
      return settle(it.ongoing).then(identity);
    },
  },
  return: {
    writable: true,
    configurable: true,
    enumerable: true,
    value: function(value = undefined) {
      const it = this?.[kIterator];
      if (it === undefined) return Promise.reject(new ERR_INVALID_THIS('ReadableStreamAsyncIterator'));
      const steps = () => iteratorReturnSteps(it, value);
      it.ongoing = it.ongoing === undefined ? steps() : it.ongoing.then(steps, steps);
      return it.ongoing;
    },
  },
});
Object.defineProperty(ReadableStreamAsyncIteratorPrototype.return, 'name', { value: 'return' });

const kIterator = Symbol('kIterator');

function identity(value) {
  return value;
}

function createAsyncIterator(reader, preventCancel) {
  const iterator = Object.create(ReadableStreamAsyncIteratorPrototype);
  Object.defineProperty(iterator, kIterator, {
    value: { reader, preventCancel, finished: false, ongoing: undefined },
  });
  return iterator;
}

function iteratorNextSteps(it) {
  if (it.finished) return Promise.resolve({ value: undefined, done: true });
  const d = deferred();
  defaultReaderRead(it.reader, {
    chunk: (value) => {
      it.ongoing = undefined;
      d.resolve({ value, done: false });
    },
    close: () => {
      it.ongoing = undefined;
      it.finished = true;
      readerRelease(it.reader);
      d.resolve({ value: undefined, done: true });
    },
    error: (e) => {
      it.ongoing = undefined;
      it.finished = true;
      readerRelease(it.reader);
      d.reject(e);
    },
  });
  return d.promise;
}

function iteratorReturnSteps(it, value) {
  if (it.finished) return Promise.resolve({ value, done: true });
  it.finished = true;
  const reader = it.reader;
  if (!it.preventCancel) {
    const result = streamCancel(reader.stream, value);
    readerRelease(reader);
    return result.then(() => ({ value, done: true }));
  }
  readerRelease(reader);
  return Promise.resolve({ value, done: true });
}

// ReadableStream.from

function getAsyncIterator(iterable) {
  const asyncMethod = iterable[Symbol.asyncIterator];
  if (asyncMethod != null) {
    const iterator = Reflect.apply(asyncMethod, iterable, []);
    if (!isObjectLike(iterator)) throw new ERR_INVALID_STATE.TypeError('The iterator is not an object');
    return iterator;
  }
  const syncMethod = iterable[Symbol.iterator];
  if (syncMethod == null) {
    throw new ERR_ARG_NOT_ITERABLE(require('internal/util/inspect').inspect(iterable));
  }
  const syncIterator = Reflect.apply(syncMethod, iterable, []);
  if (!isObjectLike(syncIterator)) throw new ERR_INVALID_STATE.TypeError('The iterator is not an object');
  const next = syncIterator.next;
  const unwrap = (result) => {
    if (!isObjectLike(result)) throw new ERR_INVALID_STATE.TypeError('The iterator result is not an object');
    const done = Boolean(result.done);
    return Promise.resolve(result.value).then((value) => ({ value, done }));
  };
  return {
    next() {
      return unwrap(Reflect.apply(next, syncIterator, []));
    },
    return(value) {
      const ret = syncIterator.return;
      if (ret == null) return { value, done: true };
      return unwrap(Reflect.apply(ret, syncIterator, [value]));
    },
  };
}

function fromIterable(iterable) {
  const iterator = getAsyncIterator(iterable);
  const next = iterator.next;
  let s;
  const pullAlgorithm = () => {
    let nextResult;
    try {
      nextResult = Reflect.apply(next, iterator, []);
    } catch (err) {
      return Promise.reject(err);
    }
    return Promise.resolve(nextResult).then((result) => {
      if (!isObjectLike(result)) throw new ERR_INVALID_STATE.TypeError('The promise returned by the iterator.next() method must fulfill with an object');
      if (result.done) defaultControllerClose(s.controller);
      else defaultControllerEnqueue(s.controller, result.value);
    });
  };
  const cancelAlgorithm = (reason) => {
    let returnResult;
    try {
      const ret = iterator.return;
      if (ret == null) return Promise.resolve();
      returnResult = Reflect.apply(ret, iterator, [reason]);
    } catch (err) {
      return Promise.reject(err);
    }
    return Promise.resolve(returnResult).then((result) => {
      if (!isObjectLike(result)) throw new ERR_INVALID_STATE.TypeError('The promise returned by the iterator.return() method must fulfill with an object');
    });
  };
  s = createReadableStream(noop, pullAlgorithm, cancelAlgorithm, 0);
  return s;
}

function isReadableStream(value) {
  return slotsOf(value, 'ReadableStream') !== undefined;
}

module.exports = {
  ReadableStream,
  ReadableStreamDefaultReader,
  ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest,
  ReadableByteStreamController,
  ReadableStreamDefaultController,
  isReadableStream,
  createReadableStream,
  streamCancel,
  defaultControllerClose,
  defaultControllerEnqueue,
  defaultControllerError,
  defaultGetDesiredSize,
  defaultHasBackpressure,
  defaultCanCloseOrEnqueue,
};
