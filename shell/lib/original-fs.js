'use strict';
// Electron's `original-fs`: fs without asar support, where x.asar is only a
// file (what @electron/asar and updaters use to read and write archives).
// Each function runs with process.noAsar set for its synchronous part,
// which is when the asar layer looks at paths.

const fs = require('fs');

function bypass(fn) {
  return function (...args) {
    const saved = process.noAsar;
    process.noAsar = true;
    try {
      return Reflect.apply(fn, this, args);
    } finally {
      process.noAsar = saved;
    }
  };
}

// A wrapped copy of `fn` keeping its own properties (realpathSync.native,
// exists' promisify.custom) wrapped too.
function wrapFunction(fn) {
  const w = bypass(fn);
  Object.defineProperty(w, 'name', { value: fn.name, configurable: true });
  for (const key of Reflect.ownKeys(fn)) {
    if (key === 'length' || key === 'name' || key === 'prototype') continue;
    const desc = Object.getOwnPropertyDescriptor(fn, key);
    if (typeof desc.value === 'function') desc.value = bypass(desc.value);
    Object.defineProperty(w, key, desc);
  }
  return w;
}

function wrapModule(source) {
  const out = {};
  for (const key of Object.keys(source)) {
    const v = source[key];
    // Classes (Stats, Dirent, ReadStream...) stay as they are.
    out[key] = typeof v === 'function' && !/^[A-Z]/.test(key) ? wrapFunction(v) : v;
  }
  return out;
}

const originalFs = wrapModule(fs);
let promises;
Object.defineProperty(originalFs, 'promises', {
  enumerable: true,
  configurable: true,
  get() {
    promises ??= wrapModule(fs.promises);
    return promises;
  },
});

module.exports = originalFs;
