'use strict';
// Cluster messages: internal IPC messages ({ cmd: 'NODE_CLUSTER', act, seq })
// with replies matched to their request by `ack`. Pending replies are kept
// per process, so a worker that dies takes its waiting callbacks with it.

const kCallbacks = Symbol('clusterCallbacks');
let seq = 0;

function sendHelper(proc, message, handle, cb) {
  if (!proc.connected) return false;
  message = { cmd: 'NODE_CLUSTER', ...message, seq };
  if (typeof cb === 'function') {
    proc[kCallbacks] ??= new Map();
    proc[kCallbacks].set(seq, cb);
  }
  seq += 1;
  return proc.send(message, handle, { swallowErrors: true });
}

// An 'internalMessage' listener for `proc` calling cb.call(worker, message,
// handle), or the callback waiting for the reply the message acknowledges.
function internal(worker, proc, cb) {
  return function onInternalMessage(message, handle) {
    if (message === null || typeof message !== 'object' || message.cmd !== 'NODE_CLUSTER') return;
    let fn = cb;
    if (message.ack !== undefined && proc[kCallbacks] !== undefined) {
      const callback = proc[kCallbacks].get(message.ack);
      if (callback !== undefined) {
        fn = callback;
        proc[kCallbacks].delete(message.ack);
      }
    }
    fn.call(worker, message, handle);
  };
}

module.exports = { sendHelper, internal };
