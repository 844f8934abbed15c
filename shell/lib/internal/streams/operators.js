'use strict';
// The Readable iterator helpers: map (with concurrency), filter, forEach,
// flatMap, drop, take, asIndexedPairs return new object-mode Readables;
// toArray, some, every, find and reduce return promises. Loaded on first use.

const {
  AbortError,
  codes: { ERR_INVALID_ARG_TYPE, ERR_MISSING_ARGS, ERR_OUT_OF_RANGE },
} = require('internal/errors');
const { validateAbortSignal, validateInteger, validateObject } = require('internal/validators');

// What a filter callback returns for an item it drops.
const kSkip = Symbol('kSkip');

let Readable;
function readableFrom(iterable) {
  Readable ??= require('internal/streams/readable');
  return Readable.from(iterable);
}

function validateFn(fn, name) {
  if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE(name, ['Function', 'AsyncFunction'], fn);
}

function validateOptions(options) {
  if (options != null) validateObject(options, 'options');
  if (options?.signal != null) validateAbortSignal(options.signal, 'options.signal');
}

function abortError(signal) {
  return new AbortError(undefined, { cause: signal.reason });
}

// Runs fn over the stream with up to `concurrency` calls in flight and at
// most concurrency + highWaterMark results held, yielding them in order.
async function* mapGenerator(stream, fn, concurrency, highWaterMark, outerSignal) {
  const ac = new AbortController();
  const fnOptions = { signal: ac.signal };
  const limit = concurrency + highWaterMark;
  const queue = []; // { done, value, error } in source order
  let inFlight = 0;
  let pumpDone = false;
  let error = null;
  let stopped = false;
  let wakeConsumer = null;
  let wakePump = null;

  function notifyConsumer() {
    if (wakeConsumer !== null) {
      const wake = wakeConsumer;
      wakeConsumer = null;
      wake();
    }
  }
  function notifyPump() {
    if (wakePump !== null) {
      const wake = wakePump;
      wakePump = null;
      wake();
    }
  }
  function fail(err) {
    if (error === null) error = err;
    notifyConsumer();
    notifyPump();
  }
  function onAbort() {
    fail(abortError(outerSignal));
  }
  if (outerSignal) {
    if (outerSignal.aborted) onAbort();
    else outerSignal.addEventListener('abort', onAbort, { once: true });
  }

  function settle(entry, ok, value) {
    entry.done = true;
    if (ok) entry.value = value;
    else fail(value);
    inFlight--;
    notifyConsumer();
    notifyPump();
  }

  async function pump() {
    try {
      for await (const item of stream) {
        if (stopped || error !== null) return;
        const entry = { done: false, value: undefined };
        let result;
        try {
          result = fn(item, fnOptions);
        } catch (err) {
          fail(err);
          return;
        }
        if (result != null && typeof result.then === 'function') {
          inFlight++;
          result.then((v) => settle(entry, true, v), (e) => settle(entry, false, e));
        } else {
          entry.done = true;
          entry.value = result;
        }
        queue.push(entry);
        notifyConsumer();
        while (!stopped && error === null && (queue.length >= limit || inFlight >= concurrency)) {
          await new Promise((resolve) => { wakePump = resolve; });
        }
        if (stopped || error !== null) return;
      }
    } catch (err) {
      if (!stopped) fail(err);
    } finally {
      pumpDone = true;
      notifyConsumer();
    }
  }

  pump();
  let completed = false;
  try {
    for (;;) {
      if (error !== null) throw error;
      if (queue.length > 0 && queue[0].done) {
        const { value } = queue[0];
        if (value !== kSkip) yield value;
        queue.shift();
        notifyPump();
        continue;
      }
      if (queue.length === 0 && pumpDone) {
        completed = true;
        return;
      }
      await new Promise((resolve) => { wakeConsumer = resolve; });
    }
  } finally {
    stopped = true;
    outerSignal?.removeEventListener('abort', onAbort);
    // Calls still running are told to give up once the failure has been
    // delivered; after a normal end their signal stays quiet.
    if (!completed) process.nextTick(() => ac.abort());
    notifyPump();
    // The pump may be waiting on the source: destroying it ends that wait.
    if (!pumpDone && typeof stream.destroy === 'function') stream.destroy();
  }
}

function mapOptions(options) {
  validateOptions(options);
  let concurrency = 1;
  if (options?.concurrency != null) concurrency = Math.floor(options.concurrency);
  let highWaterMark = concurrency - 1;
  if (options?.highWaterMark != null) highWaterMark = Math.floor(options.highWaterMark);
  validateInteger(concurrency, 'options.concurrency', 1);
  validateInteger(highWaterMark, 'options.highWaterMark', 0);
  return { concurrency, highWaterMark, signal: options?.signal };
}

function map(fn, options) {
  validateFn(fn, 'fn');
  const { concurrency, highWaterMark, signal } = mapOptions(options);
  return readableFrom(mapGenerator(this, fn, concurrency, highWaterMark, signal));
}

function filterFn(fn) {
  return async function(item, options) {
    return (await fn(item, options)) ? item : kSkip;
  };
}

function filter(fn, options) {
  validateFn(fn, 'fn');
  const { concurrency, highWaterMark, signal } = mapOptions(options);
  return readableFrom(mapGenerator(this, filterFn(fn), concurrency, highWaterMark, signal));
}

async function forEach(fn, options) {
  validateFn(fn, 'fn');
  const { concurrency, highWaterMark, signal } = mapOptions(options);
  const each = async (item, opts) => {
    await fn(item, opts);
    return kSkip;
  };
  // eslint-disable-next-line no-unused-vars
  for await (const unused of mapGenerator(this, each, concurrency, highWaterMark, signal));
}

async function toArray(options) {
  validateOptions(options);
  const signal = options?.signal;
  if (signal?.aborted) throw abortError(signal);
  const result = [];
  const source = signal ? mapGenerator(this, (item) => item, 1, 0, signal) : this;
  for await (const item of source) result.push(item);
  return result;
}

async function some(fn, options) {
  validateFn(fn, 'fn');
  const { concurrency, highWaterMark, signal } = mapOptions(options);
  // eslint-disable-next-line no-unused-vars
  for await (const unused of mapGenerator(this, filterFn(fn), concurrency, highWaterMark, signal)) return true;
  return false;
}

async function every(fn, options) {
  validateFn(fn, 'fn');
  return !(await some.call(this, async (item, opts) => !(await fn(item, opts)), options));
}

async function find(fn, options) {
  validateFn(fn, 'fn');
  const { concurrency, highWaterMark, signal } = mapOptions(options);
  for await (const item of mapGenerator(this, filterFn(fn), concurrency, highWaterMark, signal)) return item;
  return undefined;
}

async function reduce(reducer, initialValue, options) {
  validateFn(reducer, 'reducer');
  validateOptions(options);
  const outerSignal = options?.signal;
  let hasValue = arguments.length > 1;
  if (outerSignal?.aborted) throw abortError(outerSignal);
  const ac = new AbortController();
  const onAbort = () => ac.abort();
  outerSignal?.addEventListener('abort', onAbort, { once: true });
  let acc = initialValue;
  try {
    for await (const item of this) {
      if (outerSignal?.aborted) throw abortError(outerSignal);
      if (!hasValue) {
        acc = item;
        hasValue = true;
      } else {
        acc = await reducer(acc, item, { signal: ac.signal });
      }
    }
    if (!hasValue) {
      const err = new ERR_MISSING_ARGS('reduce');
      err.message = 'Reduce of an empty stream requires an initial value';
      throw err;
    }
  } finally {
    ac.abort();
    outerSignal?.removeEventListener('abort', onAbort);
  }
  return acc;
}

function flatMap(fn, options) {
  const values = map.call(this, fn, options);
  return readableFrom((async function* flatten() {
    for await (const value of values) yield* value;
  })());
}

// The count becomes a number (NaN counts as 0) but, as in Node 20, is not
// truncated: drop(1.5) drops two items.
function limitArgs(number, options) {
  validateOptions(options);
  number = Number(number);
  if (Number.isNaN(number)) number = 0;
  if (number < 0) throw new ERR_OUT_OF_RANGE('number', '>= 0', number);
  return number;
}

function drop(number, options = undefined) {
  number = limitArgs(number, options);
  const stream = this;
  const signal = options?.signal;
  return readableFrom((async function* dropped() {
    if (signal?.aborted) throw abortError(signal);
    for await (const item of stream) {
      if (signal?.aborted) throw abortError(signal);
      if (number-- <= 0) yield item;
    }
  })());
}

function take(number, options = undefined) {
  number = limitArgs(number, options);
  const stream = this;
  const signal = options?.signal;
  return readableFrom((async function* taken() {
    if (signal?.aborted) throw abortError(signal);
    for await (const item of stream) {
      if (signal?.aborted) throw abortError(signal);
      if (number-- > 0) yield item;
      if (number <= 0) return;
    }
  })());
}

let warnedIndexedPairs = false;
function asIndexedPairs(options = undefined) {
  if (!warnedIndexedPairs) {
    warnedIndexedPairs = true;
    process.emitWarning('readable.asIndexedPairs will be removed in a future version.', 'DeprecationWarning');
  }
  validateOptions(options);
  const stream = this;
  const signal = options?.signal;
  return readableFrom((async function* pairs() {
    let index = 0;
    for await (const item of stream) {
      if (signal?.aborted) throw abortError(signal);
      yield [index++, item];
    }
  })());
}

function compose(stream, options) {
  validateOptions(options);
  const composed = require('internal/streams/duplexify').compose(this, stream);
  if (options?.signal) require('internal/streams/pipeline').addAbortSignal(options.signal, composed);
  return composed;
}

module.exports = {
  streamReturning: { asIndexedPairs, drop, filter, flatMap, map, take, compose },
  promiseReturning: { every, forEach, reduce, toArray, some, find },
};
