'use strict';
// The primordials (frozen copies of builtins) that the stream, web stream and
// readline modules were written against in Node, plus the few internal/util
// helpers they use. Plain wrappers rather than bound `call`s: JSC inlines
// these, so the per-chunk paths pay nothing for them.

const P = { __proto__: null };

// Every name below follows Node's scheme: Ctor, CtorStatic, CtorPrototypeMethod.
const protoMethods = {
  Array: ['filter', 'indexOf', 'join', 'map', 'pop', 'push', 'reverse', 'shift', 'slice', 'some', 'sort',
          'splice', 'unshift', 'includes', 'forEach', 'concat', 'at', 'fill', 'find', 'findIndex', 'lastIndexOf', 'every', 'reduce'],
  String: ['charCodeAt', 'codePointAt', 'endsWith', 'repeat', 'slice', 'split', 'startsWith', 'toLowerCase', 'trim',
           'indexOf', 'includes', 'replace', 'padStart', 'padEnd', 'toUpperCase', 'trimStart', 'trimEnd', 'lastIndexOf', 'at'],
  RegExp: ['exec', 'test'],
  Function: ['bind', 'call', 'apply'],
  Promise: ['then', 'catch', 'finally'],
  ArrayBuffer: ['slice'],
  Date: ['getTime'],
};
for (const ctor of Object.keys(protoMethods)) {
  const proto = globalThis[ctor].prototype;
  for (const m of protoMethods[ctor]) {
    const fn = proto[m];
    const name = `${ctor}Prototype${m[0].toUpperCase()}${m.slice(1)}`;
    P[name] = (self, ...args) => Reflect.apply(fn, self, args);
  }
}
// The hot ones, spelled out so no rest/spread is involved.
P.ArrayPrototypePush = (a, ...items) => a.push(...items);
P.ArrayPrototypeShift = (a) => a.shift();
P.ArrayPrototypePop = (a) => a.pop();
P.ArrayPrototypeIndexOf = (a, v, from) => a.indexOf(v, from);
P.ArrayPrototypeSlice = (a, s, e) => a.slice(s, e);
P.ArrayPrototypeSplice = (a, ...args) => a.splice(...args);
P.ArrayPrototypeJoin = (a, sep) => a.join(sep);
P.StringPrototypeSlice = (s, a, b) => s.slice(a, b);
P.StringPrototypeCharCodeAt = (s, i) => s.charCodeAt(i);
P.StringPrototypeCodePointAt = (s, i) => s.codePointAt(i);
P.RegExpPrototypeExec = (re, s) => re.exec(s);
P.FunctionPrototypeCall = (fn, self, ...args) => Reflect.apply(fn, self, args);
P.FunctionPrototypeBind = (fn, self, ...args) => fn.bind(self, ...args);
P.PromisePrototypeThen = (p, a, b) => p.then(a, b);
P.ArrayPrototypePushApply = (a, items) => { for (let i = 0; i < items.length; i++) a.push(items[i]); return a.length; };
P.ArrayPrototypeUnshiftApply = (a, items) => a.unshift(...items);
P.FunctionPrototypeSymbolHasInstance = (fn, v) => Function.prototype[Symbol.hasInstance].call(fn, v);

for (const name of ['Array', 'ArrayBuffer', 'Boolean', 'DataView', 'Date', 'Error', 'Number', 'Object', 'Promise',
  'RangeError', 'Reflect', 'String', 'Symbol', 'TypeError', 'Uint8Array', 'Int8Array', 'Uint8ClampedArray',
  'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array',
  'BigUint64Array', 'WeakMap', 'WeakSet', 'Map', 'Set', 'JSON', 'Math', 'FinalizationRegistry', 'WeakRef']) {
  P[name] = globalThis[name];
}
P.globalThis = globalThis;

// Statics: ArrayIsArray, ObjectKeys, MathMax, ReflectApply, NumberIsInteger...
for (const ns of ['Array', 'Object', 'Number', 'Math', 'Reflect', 'JSON', 'Promise', 'String', 'Date', 'ArrayBuffer']) {
  for (const key of Object.getOwnPropertyNames(globalThis[ns])) {
    const v = globalThis[ns][key];
    if (typeof v !== 'function' || key === 'prototype') continue;
    const name = `${ns}${key[0].toUpperCase()}${key.slice(1)}`;
    P[name] = ns === 'Promise' || ns === 'Array' || ns === 'String' || ns === 'ArrayBuffer' ? v.bind(globalThis[ns]) : v;
  }
}
P.MathMaxApply = (args) => Math.max(...args);
P.MathMinApply = (args) => Math.min(...args);
P.StringFromCharCodeApply = (args) => String.fromCharCode(...args);

// Well-known symbols: SymbolAsyncIterator, SymbolIterator, ...
for (const key of Object.getOwnPropertyNames(Symbol)) {
  if (typeof Symbol[key] === 'symbol') P[`Symbol${key[0].toUpperCase()}${key.slice(1)}`] = Symbol[key];
}
P.SymbolFor = Symbol.for;

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
P.TypedArrayPrototypeGetSymbolToStringTag = (ta) => taTag.call(ta);
P.TypedArrayPrototypeSet = (ta, src, off) => TypedArray.prototype.set.call(ta, src, off);
P.TypedArrayPrototypeSlice = (ta, s, e) => TypedArray.prototype.slice.call(ta, s, e);
P.TypedArrayPrototypeSubarray = (ta, s, e) => TypedArray.prototype.subarray.call(ta, s, e);
const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
P.ArrayBufferPrototypeGetByteLength = (ab) => abByteLength.call(ab);
const dvBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer').get;
const dvByteLength = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get;
const dvByteOffset = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteOffset').get;
P.DataViewPrototypeGetBuffer = (dv) => dvBuffer.call(dv);
P.DataViewPrototypeGetByteLength = (dv) => dvByteLength.call(dv);
P.DataViewPrototypeGetByteOffset = (dv) => dvByteOffset.call(dv);
P.DateNow = Date.now;

P.AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

// Safe collections and promise helpers: user code cannot reach into these.
class SafeSet extends Set {}
class SafeMap extends Map {}
class SafeWeakMap extends WeakMap {}
class SafeWeakSet extends WeakSet {}
P.SafeSet = SafeSet;
P.SafeMap = SafeMap;
P.SafeWeakMap = SafeWeakMap;
P.SafeWeakSet = SafeWeakSet;
P.SafeStringIterator = function SafeStringIterator(str) { return str[Symbol.iterator](); };
P.SafePromiseAll = (promises, mapFn) => Promise.all(mapFn ? Array.prototype.map.call(promises, mapFn) : promises);
P.SafePromiseAllReturnVoid = (promises, mapFn) => P.SafePromiseAll(promises, mapFn).then(() => {});
P.SafePromisePrototypeFinally = (p, fn) => new Promise((resolve, reject) => {
  p.then((v) => Promise.resolve(fn()).then(() => resolve(v), reject),
         (e) => Promise.resolve(fn()).then(() => reject(e), reject));
});
P.SafePromiseRace = (promises) => Promise.race(promises);
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
