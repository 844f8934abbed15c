'use strict';
// The readline module: line-by-line reading of a Readable (createInterface),
// callback-style question(), and the terminal cursor helpers.

const { Interface: BaseInterface, kQuestionCancel } = require('internal/readline/interface');
const { clearLine, clearScreenDown, cursorTo, moveCursor, emitKeypressEvents } = require('internal/readline/utils');
const { validateAbortSignal } = require('internal/validators');

class Interface extends BaseInterface {
  question(query, options, cb) {
    cb = typeof options === 'function' ? options : cb;
    if (options !== null && typeof options === 'object') {
      const { signal } = options;
      if (signal) {
        validateAbortSignal(signal, 'options.signal');
        if (signal.aborted) return;
        const onAbort = () => this[kQuestionCancel]();
        signal.addEventListener('abort', onAbort, { once: true });
        const original = cb;
        cb = (answer) => {
          signal.removeEventListener('abort', onAbort);
          original(answer);
        };
      }
    }
    if (typeof cb === 'function') super.question(query, cb);
  }
}

Interface.prototype.question[Symbol.for('nodejs.util.promisify.custom')] = function question(query, options) {
  return new Promise((resolve, reject) => {
    const { AbortError } = require('internal/errors');
    if (options?.signal?.aborted) {
      reject(new AbortError(undefined, { cause: options.signal.reason }));
      return;
    }
    if (options?.signal) {
      options.signal.addEventListener('abort', () => {
        reject(new AbortError(undefined, { cause: options.signal.reason }));
      }, { once: true });
    }
    this.question(query, options ?? {}, resolve);
  });
};

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

let promises;

module.exports = {
  Interface,
  clearLine,
  clearScreenDown,
  createInterface,
  cursorTo,
  emitKeypressEvents,
  moveCursor,
};

Object.defineProperty(module.exports, 'promises', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    promises ??= require('readline/promises');
    return promises;
  },
});
