'use strict';
// What worker_threads reports about the current thread; the worker
// bootstrap (internal/worker/thread) fills it in a worker.

module.exports = {
  isMainThread: true,
  parentPort: null,
  workerData: null,
  threadId: 0,
  resourceLimits: {},
  environmentData: new Map(),
};
