'use strict';
// process.nextTick, queueMicrotask and the rejection bookkeeping. C reads
// tickInfo after every callback and calls processTicksAndRejections until
// both flags clear; JSC drains promise jobs whenever control returns to C,
// which gives Node's order: ticks, then microtasks, then the ticks they queued.

const runtime = internalBinding('runtime');

const kHasTickScheduled = 0;
const kHasRejectionToWarn = 1;
const tickInfo = new Int32Array(2);
runtime.setTickInfo(tickInfo);

// A growable ring of [callback, args] pairs; cheap push/shift.
let queue = new Array(16);
let head = 0;
let tail = 0;
let mask = 15;

function push(item) {
  queue[tail] = item;
  tail = (tail + 1) & mask;
  if (tail === head) {
    const bigger = new Array(queue.length * 2);
    const n = queue.length;
    for (let i = 0; i < n; i++) bigger[i] = queue[(head + i) & mask];
    queue = bigger;
    head = 0;
    tail = n;
    mask = bigger.length - 1;
  }
}

function shift() {
  if (head === tail) return undefined;
  const item = queue[head];
  queue[head] = undefined;
  head = (head + 1) & mask;
  return item;
}

let triggerUncaught = null; // set by bootstrap/node
let onRejections = null;

// A callback's `count` extra arguments as an array (undefined when none),
// from named parameters where they fit. JSC runs a function that slices or
// hands on `arguments` many times slower, so callers pass `args` (counted
// from `from`) only when there are more than three extras.
function extraArgs(count, a1, a2, a3, args, from) {
  if (count <= 0) return undefined;
  if (count === 1) return [a1];
  if (count === 2) return [a1, a2];
  if (count === 3) return [a1, a2, a3];
  return Array.prototype.slice.call(args, from);
}

// Each tick takes two ring slots, the callback and its arguments (undefined
// when there are none): no object or rest array per call on the common path.
function nextTick(callback, a1, a2, a3) {
  if (typeof callback !== 'function') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
  if (process._exiting) return;
  const n = arguments.length;
  push(callback);
  push(n <= 4 ? extraArgs(n - 1, a1, a2, a3) : extraArgs(n - 1, a1, a2, a3, arguments, 1));
  tickInfo[kHasTickScheduled] = 1;
}

// Runs the whole tick queue. Promise jobs run when this returns to C.
function processTicksAndRejections() {
  let callback;
  while ((callback = shift()) !== undefined) {
    const args = shift();
    try {
      if (args === undefined) callback();
      else callback(...args);
    } catch (err) {
      triggerUncaught(err, false);
    }
  }
  tickInfo[kHasTickScheduled] = 0;
  if (tickInfo[kHasRejectionToWarn] === 1) {
    tickInfo[kHasRejectionToWarn] = 0;
    onRejections();
  }
}

function queueMicrotask(callback) {
  if (typeof callback !== 'function') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
  Promise.resolve().then(() => {
    try {
      callback();
    } catch (err) {
      triggerUncaught(err, false);
    }
  });
}

// JSC calls this (through its rejection tracker) once microtasks drain, for
// each promise still rejected without a handler.
const pendingRejections = [];
function onUnhandledRejection(promise, reason) {
  pendingRejections.push({ promise, reason });
  tickInfo[kHasRejectionToWarn] = 1;
}
runtime.setUnhandledRejectionCallback(onUnhandledRejection);

function setHandlers(uncaught, rejections) {
  triggerUncaught = uncaught;
  onRejections = rejections;
}

module.exports = {
  tickInfo,
  nextTick,
  extraArgs,
  queueMicrotask,
  processTicksAndRejections,
  pendingRejections,
  setHandlers,
};
