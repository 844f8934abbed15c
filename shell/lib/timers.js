'use strict';
// The timers module: setTimeout/setInterval/setImmediate and their clears.

const {
  Timeout, Immediate, clearTimeout, clearImmediate,
} = require('internal/timers');
const { extraArgs } = require('internal/process/task_queues');

function validateCallback(callback) {
  if (typeof callback !== 'function') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
}

// Extras come from named parameters; `arguments` is handed on only past
// three of them (see extraArgs).
function setTimeout(callback, after, arg1, arg2, arg3) {
  validateCallback(callback);
  const n = arguments.length;
  return new Timeout(callback, after, n <= 5 ? extraArgs(n - 2, arg1, arg2, arg3)
    : extraArgs(n - 2, arg1, arg2, arg3, arguments, 2), false, true);
}

function setInterval(callback, repeat, arg1, arg2, arg3) {
  validateCallback(callback);
  const n = arguments.length;
  return new Timeout(callback, repeat, n <= 5 ? extraArgs(n - 2, arg1, arg2, arg3)
    : extraArgs(n - 2, arg1, arg2, arg3, arguments, 2), true, true);
}

function setImmediate(callback, arg1, arg2, arg3) {
  validateCallback(callback);
  const n = arguments.length;
  return new Immediate(callback, n <= 4 ? extraArgs(n - 1, arg1, arg2, arg3)
    : extraArgs(n - 1, arg1, arg2, arg3, arguments, 1));
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
