'use strict';
// The primordials (frozen copies of builtins) that the stream, web stream and
// readline modules were written against in Node, plus the few internal/util
// helpers they use. Plain wrappers rather than bound `call`s: JSC inlines
// these, so the per-chunk paths pay nothing for them.

const P = { __proto__: null };

// Exactly the names these modules use, spelled out: a generic copy of every
// builtin (as Node's snapshot has) costs milliseconds at each start-up.
const uncurry = (fn) => (self, ...args) => Reflect.apply(fn, self, args);
P.ArrayPrototypeFilter = uncurry(Array.prototype.filter);
P.ArrayPrototypeMap = uncurry(Array.prototype.map);
P.ArrayPrototypeReverse = (a) => a.reverse();
P.ArrayPrototypeSort = (a, fn) => a.sort(fn);
P.ArrayPrototypeUnshift = (a, ...items) => a.unshift(...items);
P.ArrayPrototypePush = (a, ...items) => a.push(...items);
P.ArrayPrototypeShift = (a) => a.shift();
P.ArrayPrototypePop = (a) => a.pop();
P.ArrayPrototypeIndexOf = (a, v, from) => a.indexOf(v, from);
P.ArrayPrototypeSlice = (a, s, e) => a.slice(s, e);
P.ArrayPrototypeSplice = (a, ...args) => a.splice(...args);
P.ArrayPrototypeJoin = (a, sep) => a.join(sep);
P.ArrayBufferPrototypeSlice = (ab, s, e) => ab.slice(s, e);
P.StringPrototypeSlice = (s, a, b) => s.slice(a, b);
P.StringPrototypeCharCodeAt = (s, i) => s.charCodeAt(i);
P.StringPrototypeCodePointAt = (s, i) => s.codePointAt(i);
P.StringPrototypeEndsWith = (s, x, n) => s.endsWith(x, n);
P.StringPrototypeStartsWith = (s, x, n) => s.startsWith(x, n);
P.StringPrototypeRepeat = (s, n) => s.repeat(n);
P.StringPrototypeToLowerCase = (s) => s.toLowerCase();
P.StringPrototypeTrim = (s) => s.trim();
P.RegExpPrototypeExec = (re, s) => re.exec(s);
P.FunctionPrototypeCall = (fn, self, ...args) => Reflect.apply(fn, self, args);
P.FunctionPrototypeBind = (fn, self, ...args) => fn.bind(self, ...args);
P.PromisePrototypeThen = (p, a, b) => p.then(a, b);
const hasInstance = Function.prototype[Symbol.hasInstance];
P.FunctionPrototypeSymbolHasInstance = (fn, v) => Reflect.apply(hasInstance, fn, [v]);

for (const name of ['ArrayBuffer', 'Boolean', 'DataView', 'Error', 'Number', 'Promise', 'Symbol', 'Uint8Array']) {
  P[name] = globalThis[name];
}
P.ArrayFrom = Array.from.bind(Array);
P.ArrayIsArray = Array.isArray;
P.DateNow = Date.now;
P.JSONParse = JSON.parse;
P.MathCeil = Math.ceil;
P.MathFloor = Math.floor;
P.MathMax = Math.max;
P.MathMin = Math.min;
P.MathMaxApply = (args) => Math.max(...args);
P.NumberIsFinite = Number.isFinite;
P.NumberIsInteger = Number.isInteger;
P.NumberIsNaN = Number.isNaN;
P.NumberParseInt = Number.parseInt;
P.ObjectDefineProperties = Object.defineProperties;
P.ObjectDefineProperty = Object.defineProperty;
P.ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
P.ObjectKeys = Object.keys;
P.ObjectSetPrototypeOf = Object.setPrototypeOf;
P.PromiseReject = (e) => Promise.reject(e);
P.PromiseResolve = (v) => Promise.resolve(v);
P.ReflectApply = Reflect.apply;
P.ReflectConstruct = Reflect.construct;
P.ReflectGet = Reflect.get;
P.ReflectOwnKeys = Reflect.ownKeys;
P.StringFromCharCode = String.fromCharCode;
P.SymbolAsyncIterator = Symbol.asyncIterator;
P.SymbolFor = Symbol.for;
P.SymbolHasInstance = Symbol.hasInstance;
P.SymbolIterator = Symbol.iterator;
P.SymbolSpecies = Symbol.species;
P.SymbolToStringTag = Symbol.toStringTag;

const TypedArray = Object.getPrototypeOf(Uint8Array);
const taGetter = (name) => Object.getOwnPropertyDescriptor(TypedArray.prototype, name).get;
const taBuffer = taGetter('buffer');
const taByteLength = taGetter('byteLength');
const taByteOffset = taGetter('byteOffset');
const taLength = taGetter('length');
const taTag = taGetter(Symbol.toStringTag);
P.TypedArrayPrototypeGetBuffer = (ta) => taBuffer.call(ta);
P.TypedArrayPrototypeGetByteLength = (ta) => taByteLength.call(ta);
P.TypedArrayPrototypeGetByteOffset = (ta) => taByteOffset.call(ta);
P.TypedArrayPrototypeGetLength = (ta) => taLength.call(ta);
P.TypedArrayPrototypeSet = (ta, src, off) => TypedArray.prototype.set.call(ta, src, off);
const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
P.ArrayBufferPrototypeGetByteLength = (ab) => abByteLength.call(ab);

P.AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

// Safe collections and promise helpers: user code cannot reach into these.
class SafeSet extends Set {}
P.SafeSet = SafeSet;
P.SafeStringIterator = function SafeStringIterator(str) { return str[Symbol.iterator](); };
P.SafePromiseAll = (promises, mapFn) => Promise.all(mapFn ? Array.prototype.map.call(promises, mapFn) : promises);
P.SafePromisePrototypeFinally = (p, fn) => new Promise((resolve, reject) => {
  p.then((v) => Promise.resolve(fn()).then(() => resolve(v), reject),
         (e) => Promise.resolve(fn()).then(() => reject(e), reject));
});
P.PromiseWithResolvers = () => {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};

// internal/util pieces.
P.kEmptyObject = Object.freeze({ __proto__: null });
P.SymbolDispose = Symbol.dispose;
P.SymbolAsyncDispose = Symbol.asyncDispose;
P.once = function once(callback, { preserveReturnValue = false } = P.kEmptyObject) {
  let called = false;
  let returnValue;
  return function(...args) {
    if (called) return returnValue;
    called = true;
    const result = Reflect.apply(callback, this, args);
    returnValue = preserveReturnValue ? result : undefined;
    return result;
  };
};
// JSC does not show a promise's state, so deferred promises remember whether
// they were settled (web streams ask).
const pendingPromises = new WeakSet();
P.createDeferredPromise = () => {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
  pendingPromises.add(promise);
  return {
    promise,
    resolve(v) { pendingPromises.delete(promise); resolve(v); },
    reject(e) { pendingPromises.delete(promise); reject(e); },
  };
};
P.isPromisePending = (promise) => pendingPromises.has(promise);
const abDetached = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached')?.get;
P.isArrayBufferDetached = (ab) => abDetached.call(ab);
P.customPromisify = Symbol.for('nodejs.util.promisify.custom');
P.kEnumerableProperty = Object.freeze({ __proto__: null, enumerable: true });
// util (and inspect behind it) is loaded on the first call, not when a
// module defines a deprecated export.
P.deprecate = (fn, msg, code) => {
  let deprecated;
  return function(...args) {
    deprecated ??= require('util').deprecate(fn, msg, code);
    return new.target ? Reflect.construct(deprecated, args, new.target) : Reflect.apply(deprecated, this, args);
  };
};
// Node's internal/assert: a broken invariant is ERR_INTERNAL_ASSERTION.
P.assert = function assert(value, message) {
  if (!value) {
    const { ERR_INTERNAL_ASSERTION } = require('internal/errors').codes;
    throw new ERR_INTERNAL_ASSERTION(message);
  }
};
P.isArrayBufferView = ArrayBuffer.isView;
P.isUint8Array = (v) => ArrayBuffer.isView(v) && taTag.call(v) === 'Uint8Array';
P.isDataView = (v) => ArrayBuffer.isView(v) && taTag.call(v) === undefined;
P.isAnyArrayBuffer = (v) => v instanceof ArrayBuffer ||
  (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer);
const encodings = {
  __proto__: null, 'utf8': 'utf8', 'utf-8': 'utf8', 'ucs2': 'utf16le', 'ucs-2': 'utf16le', 'utf16le': 'utf16le',
  'utf-16le': 'utf16le', 'latin1': 'latin1', 'binary': 'latin1', 'base64': 'base64', 'base64url': 'base64url',
  'hex': 'hex', 'ascii': 'ascii',
};
P.normalizeEncoding = (enc) => {
  if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  return encodings[`${enc}`.toLowerCase()];
};
P.customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
P.SideEffectFreeRegExpPrototypeSymbolReplace = (re, string, replacement) => string.replace(re, replacement);
P.isPromise = (v) => v instanceof Promise;

module.exports = P;
