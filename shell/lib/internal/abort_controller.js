'use strict';
// AbortController and AbortSignal (Node 20 semantics): abort(reason) with a
// DOMException AbortError by default, AbortSignal.abort/timeout/any,
// throwIfAborted, the `onabort` handler attribute, and util.aborted().

const {
  defineEventHandler,
  EventTarget,
  Event,
  kTrustEvent,
  kNewListener,
  kRemoveListener,
  kResistStopPropagation,
  kWeakHandler,
} = require('internal/event_target');
const {
  codes: {
    ERR_ILLEGAL_CONSTRUCTOR,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_THIS,
  },
} = require('internal/errors');
const {
  validateAbortSignal,
  validateAbortSignalArray,
  validateObject,
  validateUint32,
  kValidateObjectAllowObjects,
} = require('internal/validators');

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const kEmptyObject = Object.freeze({ __proto__: null });
const kEnumerableProperty = { __proto__: null, enumerable: true };

// inspect is large and only needed for messages: loaded on first use.
function inspect(value, opts) {
  return require('internal/util/inspect').inspect(value, opts);
}

// Legacy DOMException codes for the names abort reasons use.
const domExceptionCodes = {
  __proto__: null,
  IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4,
  InvalidCharacterError: 5, NoModificationAllowedError: 7, NotFoundError: 8,
  NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12,
  InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15,
  TypeMismatchError: 17, SecurityError: 18, NetworkError: 19,
  AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22,
  TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25,
};

let DOMExceptionCtor;
// The runtime's DOMException when it has one; otherwise a minimal stand-in
// with the same name/message/code shape.
function lazyDOMException() {
  if (DOMExceptionCtor !== undefined) return DOMExceptionCtor;
  if (typeof globalThis.DOMException === 'function') {
    DOMExceptionCtor = globalThis.DOMException;
    return DOMExceptionCtor;
  }
  try {
    DOMExceptionCtor = require('internal/per_context/domexception').DOMException;
  } catch {
    DOMExceptionCtor = undefined;
  }
  if (typeof DOMExceptionCtor !== 'function') {
    DOMExceptionCtor = class DOMException extends Error {
      #name;
      constructor(message = '', options = 'Error') {
        super(`${message}`);
        if (options !== null && typeof options === 'object') {
          this.#name = 'name' in options ? `${options.name}` : 'Error';
          if ('cause' in options) {
            Object.defineProperty(this, 'cause', {
              __proto__: null, value: options.cause, configurable: true,
              writable: true, enumerable: false,
            });
          }
        } else {
          this.#name = `${options}`;
        }
      }
      get name() {
        return this.#name;
      }
      get code() {
        return domExceptionCodes[this.#name] || 0;
      }
    };
    Object.defineProperty(DOMExceptionCtor.prototype, Symbol.toStringTag, {
      __proto__: null, value: 'DOMException', configurable: true,
    });
  }
  return DOMExceptionCtor;
}

function newDOMException(message, name) {
  const DOMException = lazyDOMException();
  return new DOMException(message, name);
}

const gcPersistentSignals = new Set();

const kAborted = Symbol('kAborted');
const kReason = Symbol('kReason');
const kTimeout = Symbol('kTimeout');
const kComposite = Symbol('kComposite');
const kSourceSignals = Symbol('kSourceSignals');
const kDependantSignals = Symbol('kDependantSignals');

function customInspect(self, obj, depth, options) {
  if (depth < 0) return self;
  const opts = Object.assign({}, options, {
    depth: options.depth === null ? null : options.depth - 1,
  });
  return `${self.constructor.name} ${inspect(obj, opts)}`;
}

function validateThisAbortSignal(obj) {
  if (obj?.[kAborted] === undefined) throw new ERR_INVALID_THIS('AbortSignal');
}

// The timer holds the signal only weakly and is unref'd: a pending timeout
// signal must neither keep the process alive nor leak the signal. While an
// 'abort' listener is attached the signal is pinned (gcPersistentSignals).
function setWeakAbortSignalTimeout(weakRef, delay) {
  const timeout = setTimeout(() => {
    const signal = weakRef.deref();
    if (signal !== undefined) {
      gcPersistentSignals.delete(signal);
      abortSignal(signal, newDOMException(
        'The operation was aborted due to timeout', 'TimeoutError'));
    }
  }, delay);
  if (typeof timeout?.unref === 'function') timeout.unref();
  return timeout;
}

let clearTimeoutRegistry;

class AbortSignal extends EventTarget {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get aborted() {
    validateThisAbortSignal(this);
    return !!this[kAborted];
  }

  get reason() {
    validateThisAbortSignal(this);
    return this[kReason];
  }

  throwIfAborted() {
    validateThisAbortSignal(this);
    if (this[kAborted]) throw this[kReason];
  }

  [customInspectSymbol](depth, options) {
    return customInspect(this, { aborted: this.aborted }, depth, options);
  }

  static abort(reason = newDOMException('This operation was aborted',
                                        'AbortError')) {
    return createAbortSignal({ aborted: true, reason });
  }

  static timeout(delay) {
    validateUint32(delay, 'delay', false);
    const signal = createAbortSignal();
    signal[kTimeout] = true;
    const timer = setWeakAbortSignalTimeout(new WeakRef(signal), delay);
    clearTimeoutRegistry ??= new FinalizationRegistry(
      (t) => clearTimeout(t));
    clearTimeoutRegistry.register(signal, timer);
    return signal;
  }

  static any(signals) {
    validateAbortSignalArray(signals, 'signals');
    const resultSignal = createAbortSignal({ composite: true });
    if (!signals.length) return resultSignal;
    const resultSignalWeakRef = new WeakRef(resultSignal);
    resultSignal[kSourceSignals] = new Set();
    for (let i = 0; i < signals.length; i++) {
      const signal = signals[i];
      if (signal.aborted) {
        abortSignal(resultSignal, signal.reason);
        return resultSignal;
      }
      signal[kDependantSignals] ??= new Set();
      if (!signal[kComposite]) {
        resultSignal[kSourceSignals].add(new WeakRef(signal));
        signal[kDependantSignals].add(resultSignalWeakRef);
      } else if (!signal[kSourceSignals]) {
        continue;
      } else {
        // Follow a composite's sources directly, so chains stay flat.
        for (const sourceSignal of signal[kSourceSignals]) {
          const sourceSignalRef = sourceSignal.deref();
          if (!sourceSignalRef) continue;
          if (resultSignal[kSourceSignals].has(sourceSignal)) continue;
          resultSignal[kSourceSignals].add(sourceSignal);
          sourceSignalRef[kDependantSignals].add(resultSignalWeakRef);
        }
      }
    }
    return resultSignal;
  }

  [kNewListener](size, type, listener, once, capture, passive, weak) {
    super[kNewListener](size, type, listener, once, capture, passive, weak);
    const pinnable = this[kTimeout] ||
      (this[kComposite] && this[kSourceSignals]?.size);
    if (pinnable && type === 'abort' && !this.aborted && !weak && size === 1)
      gcPersistentSignals.add(this);
  }

  [kRemoveListener](size, type, listener, capture) {
    super[kRemoveListener](size, type, listener, capture);
    const pinnable = this[kTimeout] ||
      (this[kComposite] && this[kSourceSignals]?.size);
    if (pinnable && type === 'abort' && size === 0)
      gcPersistentSignals.delete(this);
  }
}

Object.defineProperties(AbortSignal.prototype, {
  aborted: kEnumerableProperty,
});

Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, {
  __proto__: null,
  writable: false,
  enumerable: false,
  configurable: true,
  value: 'AbortSignal',
});

defineEventHandler(AbortSignal.prototype, 'abort');

// The AbortSignal constructor is not callable by users: build an
// EventTarget and re-prototype it.
function createAbortSignal(init = kEmptyObject) {
  const {
    aborted = false,
    reason = undefined,
    composite = false,
  } = init;
  const signal = new EventTarget();
  Object.setPrototypeOf(signal, AbortSignal.prototype);
  signal[kAborted] = aborted;
  signal[kReason] = reason;
  signal[kComposite] = composite;
  return signal;
}

function abortSignal(signal, reason) {
  if (signal[kAborted]) return;
  signal[kAborted] = true;
  signal[kReason] = reason;
  const event = new Event('abort', {
    [kTrustEvent]: true,
  });
  signal.dispatchEvent(event);
  signal[kDependantSignals]?.forEach((s) => {
    const signalRef = s.deref();
    if (signalRef) abortSignal(signalRef, reason);
  });
}

class AbortController {
  #signal;

  get signal() {
    this.#signal ??= createAbortSignal();
    return this.#signal;
  }

  abort(reason = newDOMException('This operation was aborted', 'AbortError')) {
    abortSignal(this.#signal ??= createAbortSignal(), reason);
  }

  [customInspectSymbol](depth, options) {
    return customInspect(this, { signal: this.signal }, depth, options);
  }
}

Object.defineProperties(AbortController.prototype, {
  signal: kEnumerableProperty,
  abort: kEnumerableProperty,
});

Object.defineProperty(AbortController.prototype, Symbol.toStringTag, {
  __proto__: null,
  writable: false,
  enumerable: false,
  configurable: true,
  value: 'AbortController',
});

// Worker transfer is not supported; these return the objects unchanged so
// callers that only mark them transferable keep working.
function transferableAbortSignal(signal) {
  if (signal?.[kAborted] === undefined)
    throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  return signal;
}

function transferableAbortController() {
  return new AbortController();
}

// util.aborted(): resolves when `signal` aborts, while `resource` is alive.
async function aborted(signal, resource) {
  if (signal === undefined)
    throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateObject(resource, 'resource', kValidateObjectAllowObjects);
  if (signal.aborted) return Promise.resolve();
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  const opts = { __proto__: null, [kWeakHandler]: resource, once: true,
                 [kResistStopPropagation]: true };
  signal.addEventListener('abort', resolve, opts);
  return promise;
}

module.exports = {
  AbortController,
  AbortSignal,
  aborted,
  transferableAbortSignal,
  transferableAbortController,
  // For the runtime / other built-ins that need node's DOMException shape.
  lazyDOMException,
};
