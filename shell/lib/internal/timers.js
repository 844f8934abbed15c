'use strict';
// Timers and immediates. Pending timers sit in one binary heap ordered by due
// time; C keeps a single uv_timer armed for the earliest and calls
// processTimers once per due timer, so microtasks and ticks run between
// callbacks as in Node. Immediates are a FIFO processed one per call too.

const binding = internalBinding('timers');
const { triggerUncaught } = require('internal/process/uncaught');

const TIMEOUT_MAX = 2 ** 31 - 1;
const kRefed = Symbol('refed');
const kHasPrimitive = Symbol('kHasPrimitive');

let nextId = 1;
let seq = 0;
const heap = [];
let refCount = 0;
let armedAt = Infinity; // absolute due time the uv timer is armed for
const knownTimersById = new Map();

function less(a, b) {
  return a._when < b._when || (a._when === b._when && a._seq < b._seq);
}

function siftUp(i) {
  const item = heap[i];
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(item, heap[parent])) break;
    heap[i] = heap[parent];
    heap[i]._heapIndex = i;
    i = parent;
  }
  heap[i] = item;
  item._heapIndex = i;
}

function siftDown(i) {
  const n = heap.length;
  const item = heap[i];
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && less(heap[child + 1], heap[child])) child++;
    if (!less(heap[child], item)) break;
    heap[i] = heap[child];
    heap[i]._heapIndex = i;
    i = child;
  }
  heap[i] = item;
  item._heapIndex = i;
}

function heapInsert(timer) {
  heap.push(timer);
  siftUp(heap.length - 1);
}

function heapRemove(timer) {
  const i = timer._heapIndex;
  if (i < 0) return;
  timer._heapIndex = -1;
  const last = heap.pop();
  if (i < heap.length) {
    heap[i] = last;
    last._heapIndex = i;
    siftDown(i);
    siftUp(last._heapIndex);
  }
}

function arm(when) {
  if (when < armedAt) {
    armedAt = when;
    binding.scheduleTimer(Math.max(1, when - binding.getLibuvNow()));
  }
}

function changeRef(delta) {
  const before = refCount;
  refCount += delta;
  if (before === 0 && refCount > 0) binding.toggleTimerRef(true);
  else if (before > 0 && refCount === 0) binding.toggleTimerRef(false);
}

function coerceDelay(after) {
  after *= 1;
  if (!(after >= 1 && after <= TIMEOUT_MAX)) {
    if (after > TIMEOUT_MAX) {
      process.emitWarning(`${after} does not fit into a 32-bit signed integer.\n` +
                          'Timeout duration was set to 1.', 'TimeoutOverflowWarning');
    }
    after = 1;
  }
  return after;
}

class Timeout {
  constructor(callback, after, args, isRepeat, isRefed) {
    this._idleTimeout = coerceDelay(after);
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? this._idleTimeout : null;
    this._destroyed = false;
    this._heapIndex = -1;
    this[kRefed] = isRefed;
    this[kHasPrimitive] = false;
    this._id = nextId++;
    if (isRefed) changeRef(1);
    this._schedule(binding.getLibuvNow());
  }

  _schedule(now) {
    this._idleStart = now;
    this._when = now + this._idleTimeout;
    this._seq = seq++;
    heapInsert(this);
    arm(this._when);
  }

  refresh() {
    if (this._destroyed) return this;
    heapRemove(this);
    this._schedule(binding.getLibuvNow());
    return this;
  }

  unref() {
    if (this[kRefed]) {
      this[kRefed] = false;
      if (!this._destroyed) changeRef(-1);
    }
    return this;
  }

  ref() {
    if (!this[kRefed]) {
      this[kRefed] = true;
      if (!this._destroyed) changeRef(1);
    }
    return this;
  }

  hasRef() {
    return this[kRefed];
  }

  close() {
    clearTimeout(this);
    return this;
  }

  [Symbol.toPrimitive]() {
    if (!this[kHasPrimitive]) {
      this[kHasPrimitive] = true;
      knownTimersById.set(this._id, this);
    }
    return this._id;
  }
}

function unenroll(timer) {
  if (timer._destroyed) return;
  timer._destroyed = true;
  heapRemove(timer);
  if (timer[kRefed]) changeRef(-1);
  if (timer[kHasPrimitive]) knownTimersById.delete(timer._id);
}

// Called by C with the loop's now. Returns 0 after running a due timer (C
// calls again), Infinity when none are left, else the next due time, negated
// when no refed timer remains.
function processTimers(now) {
  const timer = heap[0];
  if (timer === undefined) {
    armedAt = Infinity;
    return Infinity;
  }
  if (timer._when > now) {
    armedAt = timer._when;
    return refCount > 0 ? timer._when : -timer._when;
  }
  heapRemove(timer);
  if (timer._repeat === null) {
    timer._destroyed = true;
    if (timer[kRefed]) changeRef(-1);
    if (timer[kHasPrimitive]) knownTimersById.delete(timer._id);
  } else {
    // Rescheduled before it runs, so clearInterval inside it wins.
    timer._idleTimeout = timer._repeat;
    timer._schedule(now);
    armedAt = Infinity;
  }
  const args = timer._timerArgs;
  try {
    if (args === undefined) timer._onTimeout();
    else timer._onTimeout(...args);
  } catch (err) {
    triggerUncaught(err, false);
  }
  return 0;
}

function clearTimeout(timer) {
  if (timer && timer._onTimeout) {
    unenroll(timer);
    return;
  }
  if (typeof timer === 'number' || typeof timer === 'string') {
    const t = knownTimersById.get(+timer);
    if (t !== undefined) unenroll(t);
  }
}

// ---- immediates -------------------------------------------------------

let immHead = null;
let immTail = null;
let immCount = 0;
let immRefCount = 0;
let batchHead = null;

function reportImmediates() {
  binding.immediateState(immCount, immRefCount);
}

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this._next = null;
    this._prev = null;
    this[kRefed] = true;
    const wasIdle = immCount === 0 || immRefCount === 0;
    immCount++;
    immRefCount++;
    if (immTail === null) {
      immHead = immTail = this;
    } else {
      immTail._next = this;
      this._prev = immTail;
      immTail = this;
    }
    this._list = 'queue';
    if (wasIdle) reportImmediates();
  }

  ref() {
    if (!this[kRefed]) {
      this[kRefed] = true;
      if (!this._destroyed && immRefCount++ === 0) reportImmediates();
    }
    return this;
  }

  unref() {
    if (this[kRefed]) {
      this[kRefed] = false;
      if (!this._destroyed && --immRefCount === 0) reportImmediates();
    }
    return this;
  }

  hasRef() {
    return this[kRefed];
  }
}

function unlink(imm) {
  if (imm._list === 'queue') {
    if (imm._prev) imm._prev._next = imm._next;
    else immHead = imm._next;
    if (imm._next) imm._next._prev = imm._prev;
    else immTail = imm._prev;
  } else if (imm._list === 'batch') {
    if (imm._prev) imm._prev._next = imm._next;
    else batchHead = imm._next;
    if (imm._next) imm._next._prev = imm._prev;
  }
  imm._list = null;
  imm._next = imm._prev = null;
}

function destroyImmediate(imm) {
  if (imm._destroyed) return;
  imm._destroyed = true;
  unlink(imm);
  immCount--;
  if (imm[kRefed]) immRefCount--;
  if (immCount === 0 || immRefCount === 0) reportImmediates();
}

// Called by C from the check phase: `first` starts a new batch (immediates
// queued while it runs wait for the next loop turn). Returns whether more of
// this batch remain.
function processImmediate(first) {
  if (first) {
    batchHead = immHead;
    for (let i = batchHead; i !== null; i = i._next) i._list = 'batch';
    immHead = immTail = null;
  }
  const imm = batchHead;
  if (imm === null) return false;
  destroyImmediate(imm);
  try {
    const argv = imm._argv;
    if (argv === undefined) imm._onImmediate();
    else imm._onImmediate(...argv);
  } catch (err) {
    triggerUncaught(err, false);
  }
  return batchHead !== null;
}

function clearImmediate(imm) {
  if (imm && imm._onImmediate && !imm._destroyed) destroyImmediate(imm);
}

binding.setup(processTimers, processImmediate);

module.exports = {
  Timeout,
  Immediate,
  clearTimeout,
  clearImmediate,
  TIMEOUT_MAX,
  kRefed,
};
