'use strict';
// Gives errors V8's stack semantics on JavaScriptCore. The global `Error`
// becomes a thin constructor over the engine's: each error it makes gets a
// lazy `stack` that, on first read, is V8's text ("Error: msg\n    at f
// (/file.js:1:2)") or what Error.prepareStackTrace(err, callSites) returns,
// as callsites, depd, source-map-support and friends expect. Errors the
// engine throws itself (a TypeError from `null.x`) keep JSC's frames until
// printed or inspected. Error.captureStackTrace gets the same treatment.

const NativeError = globalThis.Error;
const jscCapture = NativeError.captureStackTrace;
let stackModule;
const lazyStack = () => (stackModule ??= require('internal/util/stack'));

function defineStack(err, value) {
  Object.defineProperty(err, 'stack', { value, writable: true, enumerable: false, configurable: true });
}

// JSC's capture and the constructor `new` named, per error, as hidden
// symbol properties (a WeakMap costs 50% more per error); util.inspect
// leaves them out even with showHidden.
const kRawStack = Symbol('kRawStack');
const kStackTarget = Symbol('kStackTarget');

// One accessor pair shared by every error: no closures per error.
function getStack() {
  const value = lazyStack().formatLazyStack(this, this[kRawStack], this[kStackTarget]);
  defineStack(this, value);
  return value;
}

function setStack(value) {
  defineStack(this, value);
}

const stackAccessor = { get: getStack, set: setStack, enumerable: false, configurable: true };

function Error(message, options) {
  const target = new.target ?? Error;
  const err = Reflect.construct(NativeError, arguments, target);
  Object.defineProperty(err, kRawStack, { value: err.stack, writable: true, configurable: true });
  if (target !== Error) Object.defineProperty(err, kStackTarget, { value: target, writable: true, configurable: true });
  Object.defineProperty(err, 'stack', stackAccessor);
  return err;
}

Object.defineProperty(Error, 'prototype', { value: NativeError.prototype, writable: false });
Object.defineProperty(NativeError.prototype, 'constructor', {
  value: Error, writable: true, enumerable: false, configurable: true,
});
// JSC reads the limit from its own constructor; errors made here capture two
// frames more (Reflect.construct and this constructor), dropped when read.
Object.defineProperty(Error, 'stackTraceLimit', {
  configurable: true,
  enumerable: true,
  get() { return NativeError.stackTraceLimit - 2; },
  set(v) { NativeError.stackTraceLimit = typeof v === 'number' ? v + 2 : v; },
});
Error.captureStackTrace = function captureStackTrace(obj, fn) {
  lazyStack().captureStackTrace(jscCapture, obj, fn ?? captureStackTrace);
};
Object.defineProperty(Error, 'toString', {
  value: function toString() { return 'function Error() {\n    [native code]\n}'; },
  writable: true, enumerable: false, configurable: true,
});
// TypeError & co. inherit the statics (captureStackTrace...) as in V8.
for (const ctor of [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError]) {
  Object.setPrototypeOf(ctor, Error);
}
NativeError.stackTraceLimit = 12; // V8's default (10) + 2; JSC's is 100

Object.defineProperty(globalThis, 'Error', { value: Error, writable: true, enumerable: false, configurable: true });

module.exports = { kRawStack, kStackTarget };
