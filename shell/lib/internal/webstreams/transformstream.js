'use strict';
// TransformStream and its controller (WHATWG Streams §6): a writable side
// whose chunks go through transform() into a readable side.

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
  extractHighWaterMark,
  extractSizeAlgorithm,
  method,
  promiseCall,
  promiseCall2,
  isObjectLike,
  kInspect,
  customInspect,
  defineClassProps,
} = require('internal/webstreams/util');
const R = require('internal/webstreams/readablestream');
const W = require('internal/webstreams/writablestream');

const kConstruct = Symbol('kConstruct');

function streamSlots(self) {
  const t = slotsOf(self, 'TransformStream');
  if (t === undefined) throw new ERR_INVALID_THIS('TransformStream');
  return t;
}

class TransformStream {
  constructor(transformer = {}, writableStrategy = {}, readableStrategy = {}) {
    if (!isObjectLike(transformer)) throw new ERR_INVALID_ARG_TYPE('transformer', 'Object', transformer);
    if (!isObjectLike(writableStrategy)) {
      throw new ERR_INVALID_ARG_TYPE('writableStrategy', 'Object', writableStrategy);
    }
    if (!isObjectLike(readableStrategy)) {
      throw new ERR_INVALID_ARG_TYPE('readableStrategy', 'Object', readableStrategy);
    }
    if (transformer.readableType !== undefined) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('transformer.readableType', transformer.readableType);
    }
    if (transformer.writableType !== undefined) {
      throw new ERR_INVALID_ARG_VALUE.RangeError('transformer.writableType', transformer.writableType);
    }
    const readableHWM = extractHighWaterMark(readableStrategy, 0);
    const readableSize = extractSizeAlgorithm(readableStrategy);
    const writableHWM = extractHighWaterMark(writableStrategy, 1);
    const writableSize = extractSizeAlgorithm(writableStrategy);
    const start = method(transformer, 'start', 'transformer');
    const transform = method(transformer, 'transform', 'transformer');
    const flush = method(transformer, 'flush', 'transformer');
    const cancel = method(transformer, 'cancel', 'transformer');
    const startPromise = deferred();
    const t = setSlots(this, { kind: 'TransformStream' });
    initialize(t, startPromise.promise, writableHWM, writableSize, readableHWM, readableSize);
    const c = newController();
    setUpController(
      t, c,
      transform === undefined ? (chunk) => defaultTransform(c, chunk) :
        (chunk) => promiseCall2(transform, transformer, chunk, c.obj),
      flush === undefined ? () => Promise.resolve() : () => promiseCall(flush, transformer, c.obj),
      cancel === undefined ? () => Promise.resolve() : (reason) => promiseCall(cancel, transformer, reason));
    if (start !== undefined) startPromise.resolve(Reflect.apply(start, transformer, [c.obj]));
    else startPromise.resolve();
  }

  get readable() {
    return streamSlots(this).readable.obj;
  }

  get writable() {
    return streamSlots(this).writable.obj;
  }

  [kInspect](depth, options) {
    const t = streamSlots(this);
    return customInspect(this, depth, options, 'TransformStream', {
      readable: t.readable.obj,
      writable: t.writable.obj,
      backpressure: t.backpressure,
    });
  }
}
defineClassProps(TransformStream, ['readable', 'writable'], 'TransformStream');

function defaultTransform(c, chunk) {
  try {
    controllerEnqueue(c, chunk);
    return Promise.resolve();
  } catch (err) {
    return Promise.reject(err);
  }
}

function initialize(t, startPromise, writableHWM, writableSize, readableHWM, readableSize) {
  const startAlgorithm = () => startPromise;
  t.writable = W.createWritableStream(startAlgorithm, (chunk) => sinkWrite(t, chunk), () => sinkClose(t),
                                      (reason) => sinkAbort(t, reason), writableHWM, writableSize);
  t.readable = R.createReadableStream(startAlgorithm, () => sourcePull(t), (reason) => sourceCancel(t, reason),
                                      readableHWM, readableSize);
  t.backpressure = undefined;
  t.backpressureChangePromise = undefined;
  setBackpressure(t, true);
  t.controller = undefined;
}

function streamError(t, e) {
  R.defaultControllerError(t.readable.controller, e);
  errorWritableAndUnblockWrite(t, e);
}

function errorWritableAndUnblockWrite(t, e) {
  clearAlgorithms(t.controller);
  const wc = t.writable.controller;
  if (wc.stream.state === 'writable') W.controllerError(wc, e);
  unblockWrite(t);
}

function unblockWrite(t) {
  if (t.backpressure) setBackpressure(t, false);
}

function setBackpressure(t, backpressure) {
  if (t.backpressureChangePromise !== undefined) t.backpressureChangePromise.resolve();
  t.backpressureChangePromise = deferred();
  t.backpressure = backpressure;
}

// Controller

function controllerSlots(self) {
  const c = slotsOf(self, 'TransformStreamDefaultController');
  if (c === undefined) throw new ERR_INVALID_THIS('TransformStreamDefaultController');
  return c;
}

class TransformStreamDefaultController {
  constructor(key = undefined) {
    if (key !== kConstruct) throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get desiredSize() {
    return R.defaultGetDesiredSize(controllerSlots(this).stream.readable.controller);
  }

  enqueue(chunk = undefined) {
    controllerEnqueue(controllerSlots(this), chunk);
  }

  error(reason = undefined) {
    streamError(controllerSlots(this).stream, reason);
  }

  terminate() {
    controllerTerminate(controllerSlots(this));
  }

  [kInspect](depth, options) {
    const c = controllerSlots(this);
    return customInspect(this, depth, options, 'TransformStreamDefaultController', { stream: c.stream.obj });
  }
}
defineClassProps(TransformStreamDefaultController, ['desiredSize', 'enqueue', 'error', 'terminate'],
                 'TransformStreamDefaultController');

function newController() {
  return setSlots(new TransformStreamDefaultController(kConstruct), {
    kind: 'TransformStreamDefaultController',
    stream: undefined,
    transformAlgorithm: undefined,
    flushAlgorithm: undefined,
    cancelAlgorithm: undefined,
    finishPromise: undefined,
  });
}

function setUpController(t, c, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
  c.stream = t;
  t.controller = c;
  c.transformAlgorithm = transformAlgorithm;
  c.flushAlgorithm = flushAlgorithm;
  c.cancelAlgorithm = cancelAlgorithm;
}

function clearAlgorithms(c) {
  c.transformAlgorithm = undefined;
  c.flushAlgorithm = undefined;
  c.cancelAlgorithm = undefined;
}

function controllerEnqueue(c, chunk) {
  const t = c.stream;
  const rc = t.readable.controller;
  if (!R.defaultCanCloseOrEnqueue(rc)) throw new ERR_INVALID_STATE.TypeError('Unable to enqueue');
  try {
    R.defaultControllerEnqueue(rc, chunk);
  } catch (err) {
    errorWritableAndUnblockWrite(t, err);
    throw t.readable.storedError;
  }
  const backpressure = R.defaultHasBackpressure(rc);
  if (backpressure !== t.backpressure) setBackpressure(t, true);
}

function controllerTerminate(c) {
  const t = c.stream;
  R.defaultControllerClose(t.readable.controller);
  errorWritableAndUnblockWrite(t, new ERR_INVALID_STATE.TypeError('TransformStream terminated'));
}

function performTransform(c, chunk) {
  if (c.transformAlgorithm === undefined) return Promise.resolve();
  return c.transformAlgorithm(chunk).then(undefined, (r) => {
    streamError(c.stream, r);
    throw r;
  });
}

function sinkWrite(t, chunk) {
  const c = t.controller;
  if (t.backpressure) {
    return t.backpressureChangePromise.promise.then(() => {
      const w = t.writable;
      if (w.state === 'erroring') throw w.storedError;
      return performTransform(c, chunk);
    });
  }
  return performTransform(c, chunk);
}

function sinkAbort(t, reason) {
  const c = t.controller;
  if (c.finishPromise !== undefined) return c.finishPromise.promise;
  const readable = t.readable;
  const finish = c.finishPromise = deferred();
  const cancelPromise = c.cancelAlgorithm(reason);
  clearAlgorithms(c);
  cancelPromise.then(() => {
    if (readable.state === 'errored') {
      finish.reject(readable.storedError);
    } else {
      R.defaultControllerError(readable.controller, reason);
      finish.resolve();
    }
  }, (r) => {
    R.defaultControllerError(readable.controller, r);
    finish.reject(r);
  });
  return finish.promise;
}

function sinkClose(t) {
  const c = t.controller;
  if (c.finishPromise !== undefined) return c.finishPromise.promise;
  const readable = t.readable;
  const finish = c.finishPromise = deferred();
  const flushPromise = c.flushAlgorithm();
  clearAlgorithms(c);
  flushPromise.then(() => {
    if (readable.state === 'errored') {
      finish.reject(readable.storedError);
    } else {
      R.defaultControllerClose(readable.controller);
      finish.resolve();
    }
  }, (r) => {
    R.defaultControllerError(readable.controller, r);
    finish.reject(r);
  });
  return finish.promise;
}

function sourcePull(t) {
  setBackpressure(t, false);
  return t.backpressureChangePromise.promise;
}

function sourceCancel(t, reason) {
  const c = t.controller;
  if (c.finishPromise !== undefined) return c.finishPromise.promise;
  const writable = t.writable;
  const finish = c.finishPromise = deferred();
  const cancelPromise = c.cancelAlgorithm(reason);
  clearAlgorithms(c);
  const errorWritable = (e) => {
    if (writable.state === 'writable') W.controllerError(writable.controller, e);
    unblockWrite(t);
  };
  cancelPromise.then(() => {
    if (writable.state === 'errored') {
      finish.reject(writable.storedError);
    } else {
      errorWritable(reason);
      finish.resolve();
    }
  }, (r) => {
    errorWritable(r);
    finish.reject(r);
  });
  return finish.promise;
}

module.exports = {
  TransformStream,
  TransformStreamDefaultController,
};
