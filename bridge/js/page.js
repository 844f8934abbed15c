'use strict';
// The page world's half of contextBridge, evaluated there (never as a
// global) the first time a preload exposes something. What the preload
// exposes arrives as bytes and becomes this world's own frozen objects, with
// proxies for its functions.

module.exports = function createPageHelper(native, wireModule, membraneModule) {
  const load = (fn) => {
    const m = { exports: {} };
    fn(m.exports, null, m, null);
    return m.exports;
  };
  const wire = load(wireModule);
  const membrane = load(membraneModule)(wire, {
    call: (id, bytes) => native.call(id, bytes),
    settle: (id, bytes) => native.settle(id, bytes),
    release: (id) => native.release(id),
  });
  const freeze = Object.freeze;
  const isFrozen = Object.isFrozen;
  const getPrototypeOf = Object.getPrototypeOf;
  const ObjectPrototype = Object.prototype;
  const isArray = Array.isArray;
  const hasOwn = Object.prototype.hasOwnProperty;
  const defineProperty = Object.defineProperty;
  const globalObject = globalThis;

  function deepFreeze(v) {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function') || isFrozen(v)) return;
    const proto = getPrototypeOf(v);
    if (typeof v !== 'function' && !isArray(v) && proto !== ObjectPrototype && proto !== null) return;
    freeze(v);
    for (const k in v) {
      if (hasOwn.call(v, k)) deepFreeze(v[k]);
    }
  }

  return {
    expose(key, buffer) {
      if (hasOwn.call(globalObject, key)) {
        throw new Error('Cannot bind an API on top of an existing property on the window object');
      }
      const { value } = membrane.decode(buffer);
      deepFreeze(value);
      defineProperty(globalObject, key, { value, enumerable: true, writable: false, configurable: false });
    },
    call: (id, buffer) => membrane.call(id, buffer),
    settle: (id, buffer) => membrane.settle(id, buffer),
    release: (id) => membrane.release(id),
    // webFrame.executeJavaScript: what the code evaluated to (promises
    // settle later through the membrane).
    result(ok, value) {
      if (ok) return membrane.encode(value);
      return membrane.encodeThrown(new Error(String(value)));
    },
  };
};
