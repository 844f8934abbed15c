'use strict';
// The control messages between a Worker and its thread (beside the user's
// messages, kind 0), and how an error crosses.

const KIND_ONLINE = 1;  // worker -> parent: running
const KIND_ERROR = 2;   // worker -> parent: an uncaught error
const KIND_INIT = 3;    // parent -> worker: workerData, env, argv

// Errors clone with name, message and stack; other thrown values as they
// are (or their string when they cannot be cloned).
function serializeError(err) {
  if (err instanceof Error) {
    const out = { isError: true, name: err.name, message: err.message, stack: err.stack };
    for (const k of Object.keys(err)) {
      try {
        require('internal/worker/io').encode(err[k]);
        out[k] = err[k];
      } catch { /* not cloneable: left out */ }
    }
    return out;
  }
  try {
    require('internal/worker/io').encode(err);
    return { isError: false, value: err };
  } catch {
    return { isError: false, value: String(err) };
  }
}

function deserializeError(v) {
  if (v === null || typeof v !== 'object' || !v.isError) return v?.value;
  const ctor = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError }[v.name] ?? Error;
  const err = Object.create(ctor.prototype);
  for (const k of Object.keys(v)) {
    if (k === 'isError') continue;
    Object.defineProperty(err, k, { value: v[k], writable: true, configurable: true, enumerable: !['name', 'message', 'stack'].includes(k) });
  }
  return err;
}

module.exports = { KIND_ONLINE, KIND_ERROR, KIND_INIT, serializeError, deserializeError };
