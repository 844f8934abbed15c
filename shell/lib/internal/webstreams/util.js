'use strict';
// Shared pieces of the WHATWG Streams implementation: internal slots,
// promise helpers, queues with sizes, strategy extraction and inspect output.

const {
  codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_ARG_TYPE },
} = require('internal/errors');

// Every stream object keeps its internal slots in one plain record, reached
// through this symbol; the record points back at the object (`obj`).
const kSlots = Symbol('kSlots');

function setSlots(obj, slots) {
  Object.defineProperty(obj, kSlots, { value: slots, configurable: false, enumerable: false, writable: false });
  slots.obj = obj;
  return slots;
}

function slotsOf(value, kind) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  const slots = value[kSlots];
  return slots !== undefined && slots.kind === kind ? slots : undefined;
}

function noop() {}

// A promise with its resolving functions and whether it is still pending
// (the spec often asks to resolve a promise or replace a settled one).
function deferred() {
  const d = { promise: undefined, resolve: undefined, reject: undefined, pending: true };
  d.promise = new Promise((resolve, reject) => {
    d.resolve = (value) => {
      d.pending = false;
      resolve(value);
    };
    d.reject = (reason) => {
      d.pending = false;
      reject(reason);
    };
  });
  return d;
}

function resolvedDeferred(value) {
  return { promise: Promise.resolve(value), resolve: noop, reject: noop, pending: false };
}

function rejectedDeferred(reason) {
  return { promise: rejectedHandled(reason), resolve: noop, reject: noop, pending: false };
}

// JSC has no "mark as handled" switch: a no-op rejection handler does the
// same for the rejection tracker and only adds a job that enqueues nothing.
function markHandled(promise) {
  promise.then(undefined, noop);
  return promise;
}

function rejectedHandled(reason) {
  return markHandled(Promise.reject(reason));
}

// A FIFO with amortised O(1) shift.
class Queue {
  constructor() {
    this.items = [];
    this.head = 0;
  }

  get length() {
    return this.items.length - this.head;
  }

  push(value) {
    this.items.push(value);
  }

  peek() {
    return this.items[this.head];
  }

  shift() {
    const value = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return value;
  }

  takeAll() {
    const all = this.head === 0 ? this.items : this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return all;
  }
}

function resetQueue(container) {
  container.queue = new Queue();
  container.queueTotalSize = 0;
}

function enqueueValueWithSize(container, value, size) {
  if (typeof size !== 'number' || size !== size || size < 0 || size === Infinity) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('size', size);
  }
  container.queue.push({ value, size });
  container.queueTotalSize += size;
}

function dequeueValue(container) {
  const pair = container.queue.shift();
  container.queueTotalSize -= pair.size;
  if (container.queueTotalSize < 0) container.queueTotalSize = 0;
  return pair.value;
}

function peekQueueValue(container) {
  return container.queue.peek().value;
}

function extractHighWaterMark(strategy, defaultHWM) {
  const { highWaterMark } = strategy;
  if (highWaterMark === undefined) return defaultHWM;
  const hwm = +highWaterMark;
  if (hwm !== hwm || hwm < 0) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.highWaterMark', highWaterMark);
  }
  return hwm;
}

function defaultSize() {
  return 1;
}

function extractSizeAlgorithm(strategy) {
  const { size } = strategy;
  if (size === undefined) return defaultSize;
  if (typeof size !== 'function') throw new ERR_INVALID_ARG_TYPE('strategy.size', 'Function', size);
  return (chunk) => size(chunk);
}

// Looks up an optional method of an underlying source, sink or transformer.
function method(dict, name, prefix) {
  const fn = dict[name];
  if (fn === undefined) return undefined;
  if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE(`${prefix}.${name}`, 'Function', fn);
  return fn;
}

// Node settles a user method's result through a new promise resolved with
// it: a returned promise (any thenable) costs two more jobs than a plain
// value. Keeping that makes callbacks run in the same order as in Node.
function settle(value) {
  return new Promise((resolve) => resolve(value));
}

// Calls a user method and turns a throw into a rejected promise, as the
// spec's "invoke a callback function type ... promise" conversion does.
function promiseCall(fn, thisArg, arg) {
  if (fn === undefined) return Promise.resolve();
  try {
    return settle(Reflect.apply(fn, thisArg, [arg]));
  } catch (err) {
    return Promise.reject(err);
  }
}

function promiseCall2(fn, thisArg, arg1, arg2) {
  try {
    return settle(Reflect.apply(fn, thisArg, [arg1, arg2]));
  } catch (err) {
    return Promise.reject(err);
  }
}

function isObjectLike(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

const kInspect = Symbol.for('nodejs.util.inspect.custom');

function customInspect(self, depth, options, name, data) {
  if (depth < 0) return self;
  const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
  return `${name} ${require('internal/util/inspect').inspect(data, opts)}`;
}

function defineClassProps(cls, names, tag) {
  const props = { [Symbol.toStringTag]: { configurable: true, value: tag } };
  for (const name of names) props[name] = { enumerable: true };
  Object.defineProperties(cls.prototype, props);
}

module.exports = {
  kSlots,
  setSlots,
  slotsOf,
  noop,
  deferred,
  resolvedDeferred,
  rejectedDeferred,
  markHandled,
  rejectedHandled,
  Queue,
  resetQueue,
  enqueueValueWithSize,
  dequeueValue,
  peekQueueValue,
  extractHighWaterMark,
  extractSizeAlgorithm,
  method,
  settle,
  promiseCall,
  promiseCall2,
  isObjectLike,
  kInspect,
  customInspect,
  defineClassProps,
};
