'use strict';
// Sets up the global environment (process, timers, console, microtasks,
// structuredClone) and returns the entry point C calls with the command line.
// Anything not needed by most scripts is installed as a lazy getter.

const runtime = internalBinding('runtime');
const taskQueues = require('internal/process/task_queues');
const uncaught = require('internal/process/uncaught');

taskQueues.setHandlers(uncaught.triggerUncaught, () => uncaught.processRejections(taskQueues.pendingRejections));
require('internal/bootstrap/error_constructor');

const process = require('internal/process/object');


function defineGlobal(name, value, enumerable = false) {
  Object.defineProperty(globalThis, name, { value, writable: true, enumerable, configurable: true });
}

// Defined on first access, so start-up pays only for what a script uses.
// It stays an accessor, as Node's lazy globals do; assigning replaces it.
function defineLazyGlobal(name, load, enumerable = false) {
  let value;
  let loading = false;
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable,
    get() {
      if (value === undefined && !loading) {
        // A loader probing the global (as DOMException's does) sees undefined.
        loading = true;
        try {
          value = load();
        } finally {
          loading = false;
        }
      }
      return value;
    },
    set(v) {
      defineGlobal(name, v, enumerable);
    },
  });
}

// Node 20 defines these well-known symbols before the engine has them.
for (const [name, key] of [['dispose', 'nodejs.dispose'], ['asyncDispose', 'nodejs.asyncDispose']]) {
  if (Symbol[name] === undefined) {
    Object.defineProperty(Symbol, name, { value: Symbol.for(key), writable: false, enumerable: false, configurable: false });
  }
}

// Node's global object: tagged 'global', with the same enumerable names.
Object.defineProperty(globalThis, Symbol.toStringTag, {
  value: 'global', writable: false, enumerable: false, configurable: true,
});

Object.defineProperty(process, 'moduleLoadList', {
  value: require.moduleLoadList, enumerable: false, configurable: true,
});
Object.defineProperty(globalThis, 'process', {
  configurable: true,
  enumerable: false,
  get() { return process; },
  set(v) { defineGlobal('process', v); },
});
defineGlobal('global', globalThis, true);

const timers = require('timers');
for (const name of ['clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout', 'setInterval', 'setTimeout']) {
  defineGlobal(name, timers[name], true);
}
defineGlobal('queueMicrotask', taskQueues.queueMicrotask, true);
defineGlobal('structuredClone', function structuredClone(value, options) {
  return require('internal/structured_clone').structuredClone(...arguments);
}, true);
defineLazyGlobal('console', () => require('console'));
for (const name of ['EventTarget', 'Event', 'CustomEvent']) {
  defineLazyGlobal(name, () => require('internal/event_target')[name]);
}
defineLazyGlobal('DOMException', () => require('internal/abort_controller').lazyDOMException());
for (const name of ['AbortController', 'AbortSignal']) {
  defineLazyGlobal(name, () => require('internal/abort_controller')[name]);
}
defineLazyGlobal('Buffer', () => require('buffer').Buffer);
defineLazyGlobal('atob', () => require('buffer').atob, true);
defineLazyGlobal('btoa', () => require('buffer').btoa, true);
defineLazyGlobal('Blob', () => require('internal/blob').Blob);
defineLazyGlobal('File', () => require('internal/blob').File);
defineGlobal('fetch', function fetch(input, init = undefined) {
  return require('internal/fetch/fetch').fetch(input, init);
}, true);
for (const [name, file] of [['Request', 'request'], ['Response', 'response'], ['Headers', 'headers'],
  ['FormData', 'formdata']]) {
  defineLazyGlobal(name, () => require(`internal/fetch/${file}`)[name]);
}
for (const name of ['MessageChannel', 'MessagePort', 'MessageEvent']) {
  defineLazyGlobal(name, () => require('internal/worker/io')[name]);
}
defineLazyGlobal('TextEncoder', () => require('internal/encoding').TextEncoder);
defineLazyGlobal('TextDecoder', () => require('internal/encoding').TextDecoder);
for (const name of ['URL', 'URLSearchParams']) {
  defineLazyGlobal(name, () => require('internal/url')[name]);
}
defineLazyGlobal('performance', () => require('perf_hooks').performance, true);
defineLazyGlobal('crypto', () => require('internal/crypto/webcrypto').crypto, true);
for (const name of ['Crypto', 'CryptoKey', 'SubtleCrypto']) {
  defineLazyGlobal(name, () => require('internal/crypto/webcrypto')[name]);
}
for (const name of ['CompressionStream', 'DecompressionStream']) {
  defineLazyGlobal(name, () => require('internal/webstreams/compression')[name]);
}
for (const name of ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest', 'ReadableByteStreamController', 'ReadableStreamDefaultController',
  'TransformStream', 'TransformStreamDefaultController', 'WritableStream', 'WritableStreamDefaultWriter',
  'WritableStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy',
  'TextEncoderStream', 'TextDecoderStream']) {
  defineLazyGlobal(name, () => require('stream/web')[name]);
}

runtime.emitBeforeExit = function emitBeforeExit() {
  if (process._exiting) return;
  process.emit('beforeExit', process.exitCode | 0);
};

runtime.emitExit = function emitExit() {
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', process.exitCode | 0);
  }
  runtime.exitCode = process.exitCode | 0;
};

// Every C -> JS callback enters through here. Ticks run before returning to
// C, which then lets JSC drain promise jobs: Node's order.
const { processTicksAndRejections, tickInfo } = taskQueues;
function dispatch(fn, a, b, c, d) {
  let result;
  try {
    result = fn(a, b, c, d);
  } catch (err) {
    // kStop: a worker's process.exit() unwinding.
    if (err !== uncaught.kStop) {
      try {
        uncaught.triggerUncaught(err, false);
      } catch (err2) {
        if (err2 !== uncaught.kStop) throw err2;
      }
    }
  }
  if (tickInfo[0] !== 0 && !uncaught.state.stopped) {
    try {
      processTicksAndRejections();
    } catch (err) {
      if (err !== uncaught.kStop) throw err;
    }
  }
  return result;
}
runtime.setEntryPoints(dispatch, taskQueues.processTicksAndRejections);

function fail(message, code = 1) {
  internalBinding('fs').writeString(2, `anode: ${message}\n`);
  uncaught.exitNow(code);
}

function evalCode(code, filename, print) {
  // Like Node, -e code sees require/module/__filename as globals; the
  // loader is set up only if the code uses them.
  let scope;
  const lazyScope = () => {
    if (scope === undefined) {
      const Module = require('internal/modules/cjs/loader');
      scope = Module._requireFor(`${process.cwd()}/${filename}`);
    }
    return scope;
  };
  defineLazyGlobal('require', () => lazyScope().require);
  defineLazyGlobal('module', () => lazyScope().module);
  defineLazyGlobal('exports', () => lazyScope().module.exports);
  defineGlobal('__filename', filename);
  defineGlobal('__dirname', '.');
  // import() in eval code goes through a hidden global helper.
  if (code.includes('import')) {
    const esm = require('internal/modules/esm/loader');
    const dyn = esm.dynamicImportFor(code, esm.pathToURL(`${process.cwd()}/${filename}`));
    if (dyn !== undefined) {
      code = dyn.source;
      defineGlobal('__anode$import', dyn.helper);
    }
  }
  const result = (0, eval)(code);
  if (print) {
    const { inspect } = require('internal/util/inspect');
    const out = typeof result === 'string' ? result : inspect(result, { colors: process.stdout.isTTY && process.stdout.hasColors() });
    process.stdout.write(`${out}\n`);
  }
}

function runScript(script, setArgv1 = true) {
  const path = require('path');
  const Module = require('internal/modules/cjs/loader');
  const fsb = internalBinding('fs');
  const abs = path.resolve(script);
  let file;
  try {
    file = Module._resolveFilename(abs, null, true);
  } catch (err) {
    if (err.code === 'MODULE_NOT_FOUND') {
      if (fsb.internalModuleStat(abs) === 1 && fsb.internalModuleStat(`${abs}/package.json`) === 0) throw err;
      return fail(`cannot find module '${abs}'`);
    }
    throw err;
  }
  if (setArgv1) process.argv[1] = file;
  Module.runMain(file);
}

// --input-type=module: -e and stdin code runs as an ES module.
function evalModule(code, print) {
  if (print) {
    const { codes } = require('internal/errors');
    throw new codes.ERR_EVAL_ESM_CANNOT_PRINT();
  }
  require('internal/modules/esm/loader').evalModule(code, '[eval1]');
}

function start(options) {
  process.execArgv = options.execArgv;
  // A child forked with an IPC channel (child_process.fork, cluster).
  if (process.env.NODE_CHANNEL_FD !== undefined) require('internal/child_process').setupChildChannel();
  if (process.env.NODE_UNIQUE_ID !== undefined) require('cluster');
  require('internal/asar/fs').install(options.mounts);
  const esmInput = options.inputType === 'module';
  if (options.inputType !== undefined && (options.mode === 'script' || options.mode === 'test')) {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INPUT_TYPE_NOT_ALLOWED();
  }
  switch (options.mode) {
    case 'eval':
      process.argv.push(...options.args);
      if (esmInput) return evalModule(options.code, options.print);
      return evalCode(options.code, '[eval]', options.print);
    case 'stdin': {
      process.argv.push('-', ...options.args);
      const ctx = {};
      const code = internalBinding('fs').readFdUtf8(0, ctx);
      if (code === undefined) return fail(`cannot read the script from stdin: ${ctx.code}`);
      if (esmInput) return evalModule(code, false);
      return evalCode(code, '[stdin]', false);
    }
    case 'test':
      process.argv.push(...options.args);
      return require('internal/test_runner/runner').run(options.args);
    case 'asar':
      process.argv.push('asar', ...options.args);
      return require('internal/asar/cli').main(options.args);
    case 'worker':
      return require('internal/worker/thread').run(options, runScript, (code, name) => evalCode(code, name, false));
    case 'pack':
      process.argv.push('pack', ...options.args);
      return require('internal/pack/cli').main(options.args);
    default:
      if (options.packaged) {
        require('internal/asar/fs').setLaunch(options);
        // The packed binary itself: argv holds no script, as in Electron.
        if (options.self) {
          process.argv.push(...options.args);
          return runScript(options.script, false);
        }
      }
      process.argv.push(options.script, ...options.args);
      if (options.dev) require('internal/dev/client').install();
      return runScript(options.script);
  }
}

module.exports = { start };
