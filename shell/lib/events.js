'use strict';
// The `events` module: Node 20's EventEmitter plus the static helpers
// (once, on, getEventListeners, setMaxListeners, addAbortListener, ...).
// EventTarget/Event live in internal/event_target and are loaded lazily.

const kRejection = Symbol.for('nodejs.rejection');
const SymbolDispose = Symbol.dispose ?? Symbol.for('nodejs.dispose');

// internal/errors and internal/validators are large and only needed on
// error paths; every process loads events at start-up, so they load lazily.
let errorsModule;
let validatorsModule;
const lazyErrors = () => (errorsModule ??= require('internal/errors'));
const lazyValidators = () => (validatorsModule ??= require('internal/validators'));
// Called with or without `new`: returning an object makes both work.
function AbortError(...args) { return new (lazyErrors().AbortError)(...args); }
function ERR_INVALID_ARG_TYPE(...args) { return new (lazyErrors().codes.ERR_INVALID_ARG_TYPE)(...args); }
function ERR_INVALID_THIS(...args) { return new (lazyErrors().codes.ERR_INVALID_THIS)(...args); }
function ERR_UNHANDLED_ERROR(...args) { return new (lazyErrors().codes.ERR_UNHANDLED_ERROR)(...args); }
function genericNodeError(...args) { return lazyErrors().genericNodeError(...args); }
function validateInteger(...args) { return lazyValidators().validateInteger(...args); }
function validateAbortSignal(...args) { return lazyValidators().validateAbortSignal(...args); }
function validateBoolean(...args) { return lazyValidators().validateBoolean(...args); }
function validateFunction(value, name) {
  if (typeof value !== 'function') lazyValidators().validateFunction(value, name);
}
function validateNumber(...args) { return lazyValidators().validateNumber(...args); }
function validateString(...args) { return lazyValidators().validateString(...args); }

const kCapture = Symbol('kCapture');
const kErrorMonitor = Symbol('events.errorMonitor');
const kShapeMode = Symbol('shapeMode');
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
const kMaxEventTargetListenersWarned =
  Symbol('events.maxEventTargetListenersWarned');
const kWatermarkData = Symbol.for('nodejs.watermarkData');
// Lets readline-style callers receive the first argument instead of an array.
const kFirstEventParam = Symbol('nodejs.kFirstEventParam');

let eventTargetModule;
function lazyEventTarget() {
  eventTargetModule ??= require('internal/event_target');
  return eventTargetModule;
}

// inspect is large and only needed for messages: loaded on first use.
function inspect(value, opts) {
  return require('internal/util/inspect').inspect(value, opts);
}

// util.inspect(obj, { depth: -1 }) for the leak warning: "[ClassName]".
function shallowName(target) {
  if (target === null || typeof target !== 'object') return inspect(target);
  const proto = Object.getPrototypeOf(target);
  if (proto === null) return '[Object: null prototype]';
  const ctor = proto.constructor;
  const name = typeof ctor === 'function' && ctor.name ? ctor.name : 'Object';
  return Array.isArray(target) ? '[Array]' : `[${name}]`;
}

function EventEmitter(opts) {
  EventEmitter.init.call(this, opts);
}
module.exports = EventEmitter;
module.exports.addAbortListener = addAbortListener;
module.exports.once = once;
module.exports.on = on;
module.exports.getEventListeners = getEventListeners;
module.exports.getMaxListeners = getMaxListeners;
// Backwards-compat with node 0.10.x
EventEmitter.EventEmitter = EventEmitter;

EventEmitter.usingDomains = false;

EventEmitter.captureRejectionSymbol = kRejection;
Object.defineProperty(EventEmitter, 'captureRejections', {
  __proto__: null,
  get() {
    return EventEmitter.prototype[kCapture];
  },
  set(value) {
    validateBoolean(value, 'EventEmitter.captureRejections');
    EventEmitter.prototype[kCapture] = value;
  },
  enumerable: true,
});

let EventEmitterAsyncResource;
// Needs async_hooks, so it is built on first access.
function lazyEventEmitterAsyncResource() {
  if (EventEmitterAsyncResource === undefined) {
    const { AsyncResource } = require('async_hooks');
    const kEventEmitter = Symbol('kEventEmitter');
    const kAsyncResource = Symbol('kAsyncResource');
    class EventEmitterReferencingAsyncResource extends AsyncResource {
      constructor(ee, type, options) {
        super(type, options);
        this[kEventEmitter] = ee;
      }
      get eventEmitter() {
        if (this[kEventEmitter] === undefined)
          throw new ERR_INVALID_THIS('EventEmitterReferencingAsyncResource');
        return this[kEventEmitter];
      }
    }
    EventEmitterAsyncResource =
      class EventEmitterAsyncResource extends EventEmitter {
        constructor(options = undefined) {
          let name;
          if (typeof options === 'string') {
            name = options;
            options = undefined;
          } else {
            if (new.target === EventEmitterAsyncResource)
              validateString(options?.name, 'options.name');
            name = options?.name || new.target.name;
          }
          super(options);
          this[kAsyncResource] =
            new EventEmitterReferencingAsyncResource(this, name, options);
        }
        emit(event, ...args) {
          if (this[kAsyncResource] === undefined)
            throw new ERR_INVALID_THIS('EventEmitterAsyncResource');
          const { asyncResource } = this;
          return asyncResource.runInAsyncScope(super.emit, this, event,
                                               ...args);
        }
        emitDestroy() {
          if (this[kAsyncResource] === undefined)
            throw new ERR_INVALID_THIS('EventEmitterAsyncResource');
          this.asyncResource.emitDestroy();
        }
        get asyncId() {
          if (this[kAsyncResource] === undefined)
            throw new ERR_INVALID_THIS('EventEmitterAsyncResource');
          return this.asyncResource.asyncId();
        }
        get triggerAsyncId() {
          if (this[kAsyncResource] === undefined)
            throw new ERR_INVALID_THIS('EventEmitterAsyncResource');
          return this.asyncResource.triggerAsyncId();
        }
        get asyncResource() {
          if (this[kAsyncResource] === undefined)
            throw new ERR_INVALID_THIS('EventEmitterAsyncResource');
          return this[kAsyncResource];
        }
      };
  }
  return EventEmitterAsyncResource;
}

Object.defineProperty(EventEmitter, 'EventEmitterAsyncResource', {
  __proto__: null,
  enumerable: true,
  get: lazyEventEmitterAsyncResource,
  set: undefined,
  configurable: true,
});

EventEmitter.errorMonitor = kErrorMonitor;

Object.defineProperty(EventEmitter.prototype, kCapture, {
  __proto__: null,
  value: false,
  writable: true,
  enumerable: false,
});

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

// More listeners than this on one event prints a leak warning.
let defaultMaxListeners = 10;

function checkListener(listener) {
  validateFunction(listener, 'listener');
}

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  __proto__: null,
  enumerable: true,
  get() {
    return defaultMaxListeners;
  },
  set(arg) {
    validateNumber(arg, 'defaultMaxListeners', 0);
    defaultMaxListeners = arg;
  },
});

function hasEventListener(self, type) {
  if (type === undefined) return self._events !== undefined;
  return self._events !== undefined && self._events[type] !== undefined;
}

Object.defineProperties(EventEmitter, {
  kMaxEventTargetListeners: {
    __proto__: null,
    value: kMaxEventTargetListeners,
    enumerable: false,
    configurable: false,
    writable: false,
  },
  kMaxEventTargetListenersWarned: {
    __proto__: null,
    value: kMaxEventTargetListenersWarned,
    enumerable: false,
    configurable: false,
    writable: false,
  },
});

EventEmitter.setMaxListeners =
  function(n = defaultMaxListeners, ...eventTargets) {
    validateNumber(n, 'setMaxListeners', 0);
    if (eventTargets.length === 0) {
      defaultMaxListeners = n;
      return;
    }
    for (let i = 0; i < eventTargets.length; i++) {
      const target = eventTargets[i];
      if (lazyEventTarget().isEventTarget(target)) {
        target[kMaxEventTargetListeners] = n;
        target[kMaxEventTargetListenersWarned] = false;
      } else if (typeof target.setMaxListeners === 'function') {
        target.setMaxListeners(n);
      } else {
        throw new ERR_INVALID_ARG_TYPE('eventTargets',
                                       ['EventEmitter', 'EventTarget'],
                                       target);
      }
    }
  };

// Subclasses that pre-populate _events on their prototype keep that object
// (shape mode): removing listeners then sets undefined instead of deleting.
EventEmitter.init = function(opts) {
  if (this._events === undefined ||
      this._events === Object.getPrototypeOf(this)._events) {
    this._events = { __proto__: null };
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }

  this._maxListeners = this._maxListeners || undefined;

  if (opts?.captureRejections) {
    validateBoolean(opts.captureRejections, 'options.captureRejections');
    this[kCapture] = Boolean(opts.captureRejections);
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
};

// With captureRejections, a listener's rejected promise becomes an 'error'
// event (or a call to the Symbol.for('nodejs.rejection') method).
function addCatch(that, promise, type, args) {
  if (!that[kCapture]) return;
  try {
    const then = promise.then;
    if (typeof then === 'function') {
      then.call(promise, undefined, function(err) {
        // nextTick so an exception here is not another rejection.
        process.nextTick(emitUnhandledRejectionOrErr, that, err, type, args);
      });
    }
  } catch (err) {
    that.emit('error', err);
  }
}

function emitUnhandledRejectionOrErr(ee, err, type, args) {
  if (typeof ee[kRejection] === 'function') {
    ee[kRejection](err, type, ...args);
  } else {
    // Capturing is switched off meanwhile so a throwing 'error' handler
    // cannot loop back here.
    const prev = ee[kCapture];
    try {
      ee[kCapture] = false;
      ee.emit('error', err);
    } finally {
      ee[kCapture] = prev;
    }
  }
}

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  validateNumber(n, 'setMaxListeners', 0);
  this._maxListeners = n;
  return this;
};

function _getMaxListeners(that) {
  if (that._maxListeners === undefined) return EventEmitter.defaultMaxListeners;
  return that._maxListeners;
}

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return _getMaxListeners(this);
};

function emitSlow(type, ...args) {
  let doError = (type === 'error');

  const events = this._events;
  if (events !== undefined) {
    if (doError && events[kErrorMonitor] !== undefined)
      this.emit(kErrorMonitor, ...args);
    doError = (doError && events.error === undefined);
  } else if (!doError) {
    return false;
  }

  // 'error' with nobody listening throws.
  if (doError) {
    let er;
    if (args.length > 0) er = args[0];
    if (er instanceof Error) {
      throw er; // Unhandled 'error' event
    }
    let stringifiedEr;
    try {
      stringifiedEr = inspect(er);
    } catch {
      stringifiedEr = er;
    }
    const err = new ERR_UNHANDLED_ERROR(stringifiedEr);
    err.context = er;
    throw err; // Unhandled 'error' event
  }

  const handler = events[type];
  if (handler === undefined) return false;

  if (typeof handler === 'function') {
    const result = handler.apply(this, args);
    if (result !== undefined && result !== null)
      addCatch(this, result, type, args);
  } else {
    // Iterate over a copy: listeners may add/remove listeners meanwhile.
    const len = handler.length;
    const listeners = arrayClone(handler);
    for (let i = 0; i < len; ++i) {
      const result = listeners[i].apply(this, args);
      if (result !== undefined && result !== null)
        addCatch(this, result, type, args);
    }
  }
  return true;
}

// The common case (not 'error', up to two arguments) calls the listeners
// without building an arguments array: streams emit per chunk. The fast path
// reads named parameters only: JSC optimizes a function that indexes or
// slices `arguments` far worse (every call then makes an arguments object).
EventEmitter.prototype.emit = function emit(type, a1, a2) {
  const events = this._events;
  const n = arguments.length;
  if (events !== undefined && type !== 'error' && n <= 3) {
    const handler = events[type];
    if (handler === undefined) return false;
    if (typeof handler === 'function') {
      const result = n === 1 ? handler.call(this) : n === 2 ? handler.call(this, a1) : handler.call(this, a1, a2);
      if (result !== undefined && result !== null) addCatch(this, result, type, n === 1 ? [] : n === 2 ? [a1] : [a1, a2]);
      return true;
    }
    // Iterate over a copy: listeners may add/remove listeners meanwhile.
    const len = handler.length;
    const listeners = arrayClone(handler);
    for (let i = 0; i < len; ++i) {
      const result = n === 1 ? listeners[i].call(this) : n === 2 ? listeners[i].call(this, a1)
        : listeners[i].call(this, a1, a2);
      if (result !== undefined && result !== null) addCatch(this, result, type, n === 1 ? [] : n === 2 ? [a1] : [a1, a2]);
    }
    return true;
  }
  return emitWith(this, arguments);
};

function emitWith(emitter, args) {
  return emitSlow.apply(emitter, args);
}

function _addListener(target, type, listener, prepend) {
  checkListener(listener);

  let events = target._events;
  let existing;
  if (events === undefined) {
    events = target._events = { __proto__: null };
    target._eventsCount = 0;
  } else {
    // Emit 'newListener' before adding, so a 'newListener' listener does
    // not see itself.
    if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ?? listener);
      // The handler may have replaced _events.
      events = target._events;
    }
    existing = events[type];
  }

  if (existing === undefined) {
    // A single listener is stored bare, without an array.
    events[type] = listener;
    ++target._eventsCount;
  } else {
    if (typeof existing === 'function') {
      existing = events[type] =
        prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }

    const m = _getMaxListeners(target);
    if (m > 0 && existing.length > m && !existing.warned) {
      existing.warned = true;
      const w = genericNodeError(
        `Possible EventEmitter memory leak detected. ${existing.length} ` +
        `${String(type)} listeners added to ${shallowName(target)}. ` +
        `MaxListeners is ${m}. Use emitter.setMaxListeners() to increase limit`,
        { name: 'MaxListenersExceededWarning', emitter: target, type,
          count: existing.length });
      process.emitWarning(w);
    }
  }

  return target;
}

EventEmitter.prototype.addListener = function addListener(type, listener) {
  return _addListener(this, type, listener, false);
};

EventEmitter.prototype.on = EventEmitter.prototype.addListener;

EventEmitter.prototype.prependListener =
    function prependListener(type, listener) {
      return _addListener(this, type, listener, true);
    };

function onceWrapper() {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    if (arguments.length === 0) return this.listener.call(this.target);
    return this.listener.apply(this.target, arguments);
  }
}

function _onceWrap(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = onceWrapper.bind(state);
  // `listener` lets removeListener(type, original) find the wrapper.
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  checkListener(listener);
  this.on(type, _onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.prependOnceListener =
    function prependOnceListener(type, listener) {
      checkListener(listener);
      this.prependListener(type, _onceWrap(this, type, listener));
      return this;
    };

EventEmitter.prototype.removeListener =
    function removeListener(type, listener) {
      checkListener(listener);

      if (!hasEventListener(this, type)) return this;

      const events = this._events;
      const list = events[type];

      if (list === listener || list.listener === listener) {
        this._eventsCount -= 1;

        if (this[kShapeMode]) {
          events[type] = undefined;
        } else if (this._eventsCount === 0) {
          this._events = { __proto__: null };
        } else {
          delete events[type];
          if (events.removeListener)
            this.emit('removeListener', type, list.listener || listener);
        }
      } else if (typeof list !== 'function') {
        // Remove the last matching registration.
        let position = -1;
        for (let i = list.length - 1; i >= 0; i--) {
          if (list[i] === listener || list[i].listener === listener) {
            position = i;
            break;
          }
        }

        if (position < 0) return this;

        if (position === 0) list.shift();
        else list.splice(position, 1);

        if (list.length === 1) events[type] = list[0];

        if (events.removeListener !== undefined)
          this.emit('removeListener', type, listener);
      }

      return this;
    };

EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners =
    function removeAllListeners(type) {
      if (!hasEventListener(this)) return this;
      const events = this._events;

      // Fast path: nobody listens for 'removeListener'.
      if (events.removeListener === undefined) {
        if (arguments.length === 0) {
          this._events = { __proto__: null };
          this._eventsCount = 0;
        } else if (events[type] !== undefined) {
          if (--this._eventsCount === 0) this._events = { __proto__: null };
          else delete events[type];
        }
        this[kShapeMode] = false;
        return this;
      }

      // Remove one by one so 'removeListener' fires for each, itself last.
      if (arguments.length === 0) {
        for (const key of Reflect.ownKeys(events)) {
          if (key === 'removeListener') continue;
          this.removeAllListeners(key);
        }
        this.removeAllListeners('removeListener');
        this._events = { __proto__: null };
        this._eventsCount = 0;
        this[kShapeMode] = false;
        return this;
      }

      const listeners = events[type];

      if (typeof listeners === 'function') {
        this.removeListener(type, listeners);
      } else if (listeners !== undefined) {
        // LIFO order
        for (let i = listeners.length - 1; i >= 0; i--)
          this.removeListener(type, listeners[i]);
      }

      return this;
    };

function _listeners(target, type, unwrap) {
  if (!hasEventListener(target, type)) return [];

  const evlistener = target._events[type];

  if (typeof evlistener === 'function')
    return unwrap ? [evlistener.listener || evlistener] : [evlistener];

  return unwrap ? unwrapListeners(evlistener) : arrayClone(evlistener);
}

EventEmitter.prototype.listeners = function listeners(type) {
  return _listeners(this, type, true);
};

EventEmitter.prototype.rawListeners = function rawListeners(type) {
  return _listeners(this, type, false);
};

// Deprecated static form.
EventEmitter.listenerCount = function(emitter, type) {
  if (typeof emitter.listenerCount === 'function')
    return emitter.listenerCount(type);
  return listenerCount.call(emitter, type);
};

EventEmitter.prototype.listenerCount = listenerCount;
function listenerCount(type, listener) {
  const events = this._events;

  if (events !== undefined) {
    const evlistener = events[type];

    if (typeof evlistener === 'function') {
      if (listener != null)
        return listener === evlistener || listener === evlistener.listener ? 1 : 0;
      return 1;
    } else if (evlistener !== undefined) {
      if (listener != null) {
        let matching = 0;
        for (let i = 0, l = evlistener.length; i < l; i++) {
          if (evlistener[i] === listener || evlistener[i].listener === listener)
            matching++;
        }
        return matching;
      }
      return evlistener.length;
    }
  }

  return 0;
}

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

function arrayClone(arr) {
  switch (arr.length) {
    case 2: return [arr[0], arr[1]];
    case 3: return [arr[0], arr[1], arr[2]];
    case 4: return [arr[0], arr[1], arr[2], arr[3]];
    case 5: return [arr[0], arr[1], arr[2], arr[3], arr[4]];
    case 6: return [arr[0], arr[1], arr[2], arr[3], arr[4], arr[5]];
  }
  return arr.slice();
}

function unwrapListeners(arr) {
  const ret = arrayClone(arr);
  for (let i = 0; i < ret.length; ++i) {
    const orig = ret[i].listener;
    if (typeof orig === 'function') ret[i] = orig;
  }
  return ret;
}

function getEventListeners(emitterOrTarget, type) {
  if (typeof emitterOrTarget.listeners === 'function')
    return emitterOrTarget.listeners(type);
  const { isEventTarget, kEvents } = lazyEventTarget();
  if (isEventTarget(emitterOrTarget)) {
    const root = emitterOrTarget[kEvents].get(type);
    const listeners = [];
    let handler = root?.next;
    while (handler?.listener !== undefined) {
      const listener = handler.listener?.deref ?
        handler.listener.deref() : handler.listener;
      listeners.push(listener);
      handler = handler.next;
    }
    return listeners;
  }
  throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'],
                                 emitterOrTarget);
}

function getMaxListeners(emitterOrTarget) {
  if (typeof emitterOrTarget?.getMaxListeners === 'function') {
    return _getMaxListeners(emitterOrTarget);
  } else if (emitterOrTarget?.[kMaxEventTargetListeners]) {
    return emitterOrTarget[kMaxEventTargetListeners];
  }
  throw new ERR_INVALID_ARG_TYPE('emitter', ['EventEmitter', 'EventTarget'],
                                 emitterOrTarget);
}

// Resolves with the arguments of the next `name` event; rejects on 'error'
// (EventEmitters only) or when `signal` aborts.
async function once(emitter, name, options = {}) {
  const signal = options?.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal?.aborted)
    throw new AbortError(undefined, { cause: signal?.reason });
  return new Promise((resolve, reject) => {
    const errorListener = (err) => {
      emitter.removeListener(name, resolver);
      if (signal != null)
        eventTargetAgnosticRemoveListener(signal, 'abort', abortListener);
      reject(err);
    };
    const resolver = (...args) => {
      if (typeof emitter.removeListener === 'function')
        emitter.removeListener('error', errorListener);
      if (signal != null)
        eventTargetAgnosticRemoveListener(signal, 'abort', abortListener);
      resolve(args);
    };
    const { kResistStopPropagation } = lazyEventTarget();
    const opts = { __proto__: null, once: true, [kResistStopPropagation]: true };
    eventTargetAgnosticAddListener(emitter, name, resolver, opts);
    if (name !== 'error' && typeof emitter.once === 'function') {
      // EventTargets have no special 'error' event.
      emitter.once('error', errorListener);
    }
    function abortListener() {
      eventTargetAgnosticRemoveListener(emitter, name, resolver);
      eventTargetAgnosticRemoveListener(emitter, 'error', errorListener);
      reject(new AbortError(undefined, { cause: signal?.reason }));
    }
    if (signal != null) {
      eventTargetAgnosticAddListener(
        signal, 'abort', abortListener,
        { __proto__: null, once: true, [kResistStopPropagation]: true });
    }
  });
}

const AsyncIteratorPrototype = Object.getPrototypeOf(
  Object.getPrototypeOf(async function* () {}).prototype);

function createIterResult(value, done) {
  return { value, done };
}

function eventTargetAgnosticRemoveListener(emitter, name, listener, flags) {
  if (typeof emitter.removeListener === 'function') {
    emitter.removeListener(name, listener);
  } else if (typeof emitter.removeEventListener === 'function') {
    emitter.removeEventListener(name, listener, flags);
  } else {
    throw new ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
  }
}

function eventTargetAgnosticAddListener(emitter, name, listener, flags) {
  if (typeof emitter.on === 'function') {
    if (flags?.once) emitter.once(name, listener);
    else emitter.on(name, listener);
  } else if (typeof emitter.addEventListener === 'function') {
    emitter.addEventListener(name, listener, flags);
  } else {
    throw new ERR_INVALID_ARG_TYPE('emitter', 'EventEmitter', emitter);
  }
}

// A FIFO with O(1) shift for the async iterator below.
class Queue {
  constructor() {
    this.items = [];
    this.head = 0;
  }
  isEmpty() {
    return this.head === this.items.length;
  }
  push(v) {
    this.items.push(v);
  }
  shift() {
    const v = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return v;
  }
}

// Async iterator over `event` occurrences (each value is the args array).
function on(emitter, event, options = {}) {
  const signal = options.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal?.aborted)
    throw new AbortError(undefined, { cause: signal?.reason });
  // Both spellings are accepted, as in Node.
  const highWatermark = options.highWaterMark ?? options.highWatermark ??
    Number.MAX_SAFE_INTEGER;
  validateInteger(highWatermark, 'options.highWaterMark', 1);
  const lowWatermark = options.lowWaterMark ?? options.lowWatermark ?? 1;
  validateInteger(lowWatermark, 'options.lowWaterMark', 1);

  const unconsumedEvents = new Queue();
  const unconsumedPromises = new Queue();
  let paused = false;
  let error = null;
  let finished = false;
  let size = 0;

  const iterator = Object.setPrototypeOf({
    next() {
      // Buffered events first.
      if (size) {
        const value = unconsumedEvents.shift();
        size--;
        if (paused && size < lowWatermark) {
          emitter.resume();
          paused = false;
        }
        return Promise.resolve(createIterResult(value, false));
      }

      // Then a pending error, reported once.
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }

      if (finished) return closeHandler();

      return new Promise(function(resolve, reject) {
        unconsumedPromises.push({ resolve, reject });
      });
    },

    return() {
      return closeHandler();
    },

    throw(err) {
      if (!err || !(err instanceof Error)) {
        throw new ERR_INVALID_ARG_TYPE('EventEmitter.AsyncIterator',
                                       'Error', err);
      }
      errorHandler(err);
    },

    [Symbol.asyncIterator]() {
      return this;
    },

    [kWatermarkData]: {
      get size() {
        return size;
      },
      get low() {
        return lowWatermark;
      },
      get high() {
        return highWatermark;
      },
      get isPaused() {
        return paused;
      },
    },
  }, AsyncIteratorPrototype);

  const { addEventListener, removeAll } = listenersController();
  addEventListener(emitter, event, options[kFirstEventParam] ?
    eventHandler : function(...args) {
      return eventHandler(args);
    });
  if (event !== 'error' && typeof emitter.on === 'function')
    addEventListener(emitter, 'error', errorHandler);
  const closeEvents = options?.close;
  if (closeEvents?.length) {
    for (let i = 0; i < closeEvents.length; i++)
      addEventListener(emitter, closeEvents[i], closeHandler);
  }

  const abortListenerDisposable = signal ?
    addAbortListener(signal, abortListener) : null;

  return iterator;

  function abortListener() {
    errorHandler(new AbortError(undefined, { cause: signal?.reason }));
  }

  function eventHandler(value) {
    if (unconsumedPromises.isEmpty()) {
      size++;
      if (!paused && size > highWatermark) {
        paused = true;
        emitter.pause();
      }
      unconsumedEvents.push(value);
    } else {
      unconsumedPromises.shift().resolve(createIterResult(value, false));
    }
  }

  function errorHandler(err) {
    if (unconsumedPromises.isEmpty()) error = err;
    else unconsumedPromises.shift().reject(err);
    closeHandler();
  }

  function closeHandler() {
    abortListenerDisposable?.[SymbolDispose]();
    removeAll();
    finished = true;
    const doneResult = createIterResult(undefined, true);
    while (!unconsumedPromises.isEmpty())
      unconsumedPromises.shift().resolve(doneResult);
    return Promise.resolve(doneResult);
  }
}

function listenersController() {
  const listeners = [];
  return {
    addEventListener(emitter, event, handler, flags) {
      eventTargetAgnosticAddListener(emitter, event, handler, flags);
      listeners.push([emitter, event, handler, flags]);
    },
    removeAll() {
      while (listeners.length > 0)
        Reflect.apply(eventTargetAgnosticRemoveListener, undefined,
                      listeners.pop());
    },
  };
}

// Calls `listener` once when `signal` aborts (or on the next microtask if it
// already has); the result's Symbol.dispose method detaches it.
function addAbortListener(signal, listener) {
  if (signal === undefined)
    throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateFunction(listener, 'listener');

  let removeEventListener;
  if (signal.aborted) {
    queueMicrotask(() => listener());
  } else {
    const { kResistStopPropagation } = lazyEventTarget();
    signal.addEventListener('abort', listener,
                            { __proto__: null, once: true,
                              [kResistStopPropagation]: true });
    removeEventListener = () => {
      signal.removeEventListener('abort', listener);
    };
  }
  return {
    __proto__: null,
    [SymbolDispose]() {
      removeEventListener?.();
    },
  };
}

// Not exported by Node's `events`, but handy for the runtime; kept
// non-enumerable so the module's visible shape matches Node.
for (const name of ['EventTarget', 'Event', 'CustomEvent', 'NodeEventTarget']) {
  Object.defineProperty(EventEmitter, name, {
    __proto__: null,
    enumerable: false,
    configurable: true,
    get() {
      return lazyEventTarget()[name];
    },
  });
}
Object.defineProperty(EventEmitter, 'kFirstEventParam', {
  __proto__: null, value: kFirstEventParam, enumerable: false,
});
