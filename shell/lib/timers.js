'use strict';
// The timers module: setTimeout/setInterval/setImmediate and their clears.

const {
  Timeout, Immediate, clearTimeout, clearImmediate,
} = require('internal/timers');

function validateCallback(callback) {
  if (typeof callback !== 'function') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
}

// The callback's extra arguments, from named parameters where they fit:
// JSC runs a function that hands `arguments` on many times slower, so only
// the rare call with more than three extras does.
function extras(n, a1, a2, a3, args, from) {
  switch (n - from) {
    case 0: return undefined;
    case 1: return [a1];
    case 2: return [a1, a2];
    case 3: return [a1, a2, a3];
    default: return Array.prototype.slice.call(args, from);
  }
}

function setTimeout(callback, after, arg1, arg2, arg3) {
  validateCallback(callback);
  const n = arguments.length;
  return new Timeout(callback, after, n <= 2 ? undefined : n <= 5 ? extras(n, arg1, arg2, arg3, null, 2)
    : extras(n, arg1, arg2, arg3, arguments, 2), false, true);
}

function setInterval(callback, repeat, arg1, arg2, arg3) {
  validateCallback(callback);
  const n = arguments.length;
  return new Timeout(callback, repeat, n <= 2 ? undefined : n <= 5 ? extras(n, arg1, arg2, arg3, null, 2)
    : extras(n, arg1, arg2, arg3, arguments, 2), true, true);
}

function setImmediate(callback, arg1, arg2, arg3) {
  validateCallback(callback);
  const n = arguments.length;
  return new Immediate(callback, n <= 1 ? undefined : n <= 4 ? extras(n, arg1, arg2, arg3, null, 1)
    : extras(n, arg1, arg2, arg3, arguments, 1));
}

Object.defineProperty(setTimeout, Symbol.for('nodejs.util.promisify.custom'), {
  enumerable: true,
  get() { return require('timers/promises').setTimeout; },
});
Object.defineProperty(setImmediate, Symbol.for('nodejs.util.promisify.custom'), {
  enumerable: true,
  get() { return require('timers/promises').setImmediate; },
});

module.exports = {
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval: clearTimeout,
  setImmediate,
  clearImmediate,
  get promises() { return require('timers/promises'); },
};
