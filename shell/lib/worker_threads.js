'use strict';
// worker_threads: Worker runs a script on a thread of its own, in a
// JSCContext and libuv loop of its own (binding-worker.c); the two sides
// talk through a MessagePort pair (internal/worker/io).

const EventEmitter = require('events');
const io = require('internal/worker/io');
const state = require('internal/worker/state');
const { KIND_ONLINE, KIND_ERROR, KIND_INIT, deserializeError } = require('internal/worker/kinds');
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_WORKER_PATH,
    ERR_WORKER_INVALID_EXEC_ARGV,
  },
} = require('internal/errors');

const { binding, MessagePort, MessageChannel, receiveMessageOnPort, kId, kOnControl, KIND_MESSAGE } = io;

const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');

// worker id (this thread's) -> Worker
const workers = new Map();

io.setExitHandler((id, code) => {
  const w = workers.get(id);
  if (w !== undefined) w._exited(code);
});

const kPort = Symbol('kPort');
const kId_ = Symbol('kWorkerId');
const kExitCode = Symbol('kExitCode');
const kExitWaiters = Symbol('kExitWaiters');

function resolveFilename(filename, options) {
  if (options.eval) {
    if (typeof filename !== 'string') {
      throw new ERR_INVALID_ARG_VALUE('options.eval', options.eval, 'must be false when \'filename\' is not a string');
    }
    return { file: '[worker eval]', code: filename };
  }
  if (filename instanceof URL || (filename !== null && typeof filename === 'object' && typeof filename.href === 'string')) {
    if (filename.protocol !== 'file:') {
      throw new ERR_WORKER_PATH(filename);
    }
    return { file: require('url').fileURLToPath(filename) };
  }
  if (typeof filename !== 'string') throw new ERR_INVALID_ARG_TYPE('filename', ['string', 'URL'], filename);
  if (filename.startsWith('file:')) return { file: require('url').fileURLToPath(filename) };
  const path = require('path');
  if (!path.isAbsolute(filename) && !/^\.\.?[\\/]/.test(filename)) {
    throw new ERR_WORKER_PATH(filename);
  }
  return { file: path.resolve(filename) };
}

function stringList(list, name) {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new ERR_INVALID_ARG_TYPE(name, 'Array', list);
  return list.map((a) => `${a}`);
}

class Worker extends EventEmitter {
  constructor(filename, options = {}) {
    super();
    if (options === null || typeof options !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    const { file, code } = resolveFilename(filename, options);
    const argv = stringList(options.argv, 'options.argv');
    const execArgv = options.execArgv === undefined ? process.execArgv : stringList(options.execArgv, 'options.execArgv');
    if (options.execArgv !== undefined && execArgv.some((a) => !a.startsWith('-'))) {
      throw new ERR_WORKER_INVALID_EXEC_ARGV(execArgv);
    }
    let env = null;
    if (options.env === undefined) env = { ...process.env };
    else if (options.env !== SHARE_ENV) {
      if (options.env === null || typeof options.env !== 'object') {
        throw new ERR_INVALID_ARG_TYPE('options.env', 'Object', options.env);
      }
      env = { ...options.env };
    }
    if (options.name !== undefined && typeof options.name !== 'string') {
      throw new ERR_INVALID_ARG_TYPE('options.name', 'string', options.name);
    }
    const name = options.name ?? '';

    const [mine, theirs] = binding.createChannel();
    const port = io.adoptPort(mine);
    this[kPort] = port;
    this[kExitCode] = undefined;
    this[kExitWaiters] = [];
    // The first message the thread reads, before anything of the user's.
    const init = {
      workerData: options.workerData,
      env,
      argv,
      execArgv,
      resourceLimits: options.resourceLimits ?? {},
      environmentData: state.environmentData,
    };
    // `theirs` moves to the thread, which reads this message first.
    io.post(mine, KIND_INIT, init, options.transferList);
    // Unique in the process, also across nested workers.
    this.threadId = binding.nextThreadId();
    const errctx = {};
    const id = binding.startWorker({
      filename: file, code, argv: [process.execPath], execArgv, threadId: this.threadId, name, port: theirs,
    }, errctx);
    if (id < 0) {
      const err = new Error(`cannot start the worker thread: ${errctx.message ?? errctx.code}`);
      err.code = 'ERR_WORKER_INIT_FAILED';
      throw err;
    }
    this[kId_] = id;
    workers.set(id, this);
    this.resourceLimits = init.resourceLimits;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;

    port[kOnControl] = (kind, value) => {
      if (kind === KIND_ONLINE) this.emit('online');
      else if (kind === KIND_ERROR) this.emit('error', deserializeError(value));
    };
    port.on('message', (value) => this.emit('message', value));
    port.on('messageerror', (err) => this.emit('messageerror', err));
    // The Worker itself keeps the loop alive (worker.ref/unref), not its port.
    port.unref();
  }

  postMessage(value, transfer = undefined) {
    if (this[kExitCode] !== undefined) return;
    io.post(this[kPort][kId], KIND_MESSAGE, value, transfer, this[kPort]);
  }

  terminate(callback = undefined) {
    if (callback !== undefined) {
      process.emitWarning('Passing a callback to worker.terminate() is deprecated. It returns a Promise instead.',
        'DeprecationWarning', 'DEP0132');
    }
    const p = new Promise((resolve) => {
      if (this[kExitCode] !== undefined) return resolve(undefined);
      this[kExitWaiters].push(resolve);
      binding.terminate(this[kId_]);
    });
    if (typeof callback === 'function') p.then((code) => callback(null, code));
    return p;
  }

  ref() {
    if (this[kExitCode] === undefined) binding.refWorker(this[kId_], true);
  }

  unref() {
    if (this[kExitCode] === undefined) binding.refWorker(this[kId_], false);
  }

  _exited(code) {
    workers.delete(this[kId_]);
    const port = this[kPort];
    // Messages the thread sent before it ended come first.
    while (port[kId] >= 0 && receiveAndEmit(this, port));
    port.close();
    this[kExitCode] = code;
    this.emit('exit', code);
    for (const resolve of this[kExitWaiters]) resolve(code);
    this[kExitWaiters] = [];
    this.removeAllListeners('message');
  }
}

function receiveAndEmit(worker, port) {
  const r = receiveMessageOnPort(port);
  if (r === undefined) return false;
  worker.emit('message', r.message);
  return true;
}

// A marked object in a transfer list is cloned instead of moved.
function markAsUntransferable(object) {
  if ((typeof object === 'object' && object !== null) || typeof object === 'function') {
    io.untransferable.add(object);
  }
}

function setEnvironmentData(key, value) {
  if (value === undefined) state.environmentData.delete(key);
  else state.environmentData.set(key, value);
}

function getEnvironmentData(key) {
  return state.environmentData.get(key);
}

module.exports = {
  get isMainThread() { return state.isMainThread; },
  get parentPort() { return state.parentPort; },
  get workerData() { return state.workerData; },
  get threadId() { return state.threadId; },
  get resourceLimits() { return state.resourceLimits; },
  Worker,
  MessageChannel,
  MessagePort,
  receiveMessageOnPort,
  markAsUntransferable,
  SHARE_ENV,
  setEnvironmentData,
  getEnvironmentData,
};
