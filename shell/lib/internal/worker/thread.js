'use strict';
// A worker thread's start: adopts the port to its parent, takes the
// initial message (workerData, env, argv) synchronously, then runs the
// worker's script the way the main thread runs its own.

const io = require('internal/worker/io');
const state = require('internal/worker/state');
const { KIND_ONLINE, KIND_ERROR, KIND_INIT, serializeError } = require('internal/worker/kinds');

function run(options, runScript, evalCode) {
  const port = io.adoptPort(options.port);
  const first = io.binding.receive(options.port);
  if (first === undefined || first[0] !== KIND_INIT) throw new Error('worker: no start message from the parent');
  const init = io.decode(first[1], first[2]).value;

  state.isMainThread = false;
  state.parentPort = port;
  state.workerData = init.workerData;
  state.threadId = options.threadId;
  state.resourceLimits = init.resourceLimits ?? {};
  for (const [k, v] of init.environmentData) state.environmentData.set(k, v);

  if (init.env !== null) {
    // A worker gets a copy of the environment unless it shares the parent's.
    const env = Object.create(null);
    for (const k of Object.keys(init.env)) env[k] = `${init.env[k]}`;
    process.env = env;
  }
  process.argv.push(options.script, ...init.argv);
  const unsupported = (what) => () => {
    const { codes } = require('internal/errors');
    throw new codes.ERR_WORKER_UNSUPPORTED_OPERATION(what);
  };
  process.chdir = unsupported('process.chdir()');
  process.abort = unsupported('process.abort()');
  process.execArgv = init.execArgv;

  // An uncaught error goes to the parent's 'error' event.
  require('internal/process/uncaught').setUncaughtReporter((err) => {
    try {
      io.post(port[io.kId], KIND_ERROR, serializeError(err));
    } catch {
      // the parent is gone: nothing to tell
    }
  });
  // The parent keeps its side open; this side must not keep the worker
  // alive just by existing, only when the script listens on it.
  io.post(port[io.kId], KIND_ONLINE, undefined);
  if (options.code !== undefined) return evalCode(options.code, options.script);
  // A missing file is the worker's error event (runScript would only print).
  require('internal/modules/cjs/loader')._resolveFilename(options.script, null, true);
  return runScript(options.script, false);
}

module.exports = { run };
