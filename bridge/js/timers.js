'use strict';
// `timers` for sandboxed preloads: the window's timers, plus setImmediate
// as a task after the current one (a MessageChannel message, which the
// browser does not clamp the way it clamps nested setTimeout(0)).

const queue = [];
let channel = null;

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._args = args;
    this._cleared = false;
  }

  ref() { return this; }
  unref() { return this; }
  hasRef() { return true; }
}

function run() {
  const batch = queue.splice(0, queue.length);
  for (const imm of batch) {
    if (imm._cleared) continue;
    imm._cleared = true;
    try {
      imm._onImmediate(...imm._args);
    } catch (err) {
      // Reported like any uncaught error of the page, without losing the rest.
      setTimeout(() => { throw err; }, 0);
    }
  }
}

function setImmediate(callback, ...args) {
  if (typeof callback !== 'function') {
    const err = new TypeError(`The "callback" argument must be of type function. Received ${typeof callback}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  const imm = new Immediate(callback, args);
  if (channel === null) {
    channel = new MessageChannel();
    channel.port1.onmessage = run;
  }
  if (queue.push(imm) === 1) channel.port2.postMessage(0);
  return imm;
}

function clearImmediate(imm) {
  if (imm instanceof Immediate) imm._cleared = true;
}

module.exports = {
  setTimeout: (...args) => setTimeout(...args),
  clearTimeout: (id) => clearTimeout(id),
  setInterval: (...args) => setInterval(...args),
  clearInterval: (id) => clearInterval(id),
  setImmediate,
  clearImmediate,
};
