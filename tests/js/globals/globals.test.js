'use strict';
// globalThis/global, property descriptors, no leaked internals, console,
// queueMicrotask.
const test = require('node:test');
const assert = require('node:assert');

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

function descriptor(name) {
  const d = Object.getOwnPropertyDescriptor(globalThis, name);
  assert.ok(d, name);
  return { accessor: 'get' in d, writable: d.writable, enumerable: d.enumerable, configurable: d.configurable };
}

test('globalThis and global', () => {
  assert.strictEqual(typeof globalThis, 'object');
  assert.strictEqual(global, globalThis);
  assert.strictEqual(globalThis.global, globalThis);
  assert.strictEqual(global.global.global, global);
  assert.strictEqual(Object.prototype.toString.call(globalThis), '[object global]');
  assert.strictEqual((function() { return this; })(), undefined); // strict mode
  // eslint-disable-next-line no-new-func
  assert.strictEqual(new Function('return this')(), globalThis);
});

test('enumerable globals come first, in Node order', () => {
  assert.deepStrictEqual(Object.keys(globalThis).slice(0, 9), [
    'global', 'clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout',
    'setInterval', 'setTimeout', 'queueMicrotask', 'structuredClone',
  ]);
});

function descriptors(names) {
  const out = {};
  for (const name of names) out[name] = descriptor(name);
  return out;
}

function expectAll(names, expected) {
  const out = {};
  for (const name of names) out[name] = expected;
  return out;
}

const DATA_ENUMERABLE = { accessor: false, writable: true, enumerable: true, configurable: true };
const DATA_HIDDEN = { accessor: false, writable: true, enumerable: false, configurable: true };
const LAZY_ACCESSOR = { accessor: true, writable: undefined, enumerable: false, configurable: true };

test('timer globals and global are enumerable data properties', () => {
  const names = ['global', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
                 'setImmediate', 'clearImmediate', 'queueMicrotask'];
  assert.deepStrictEqual(descriptors(names), expectAll(names, DATA_ENUMERABLE));
});

test('structuredClone is an enumerable data property', () => {
  assert.deepStrictEqual(descriptors(['structuredClone']),
                         expectAll(['structuredClone'], DATA_ENUMERABLE));
});

test('globalThis is a hidden data property', () => {
  assert.deepStrictEqual(descriptors(['globalThis']), expectAll(['globalThis'], DATA_HIDDEN));
});

// Node makes console, Event and EventTarget data properties; anode loads them
// on first use (console alone is ~3000 lines of JS), so they are accessors.
// Both kinds read, assign and hide the same way.
test('console, Event and EventTarget are hidden globals that can be replaced', () => {
  for (const name of ['console', 'EventTarget', 'Event']) {
    const d = Object.getOwnPropertyDescriptor(globalThis, name);
    assert.strictEqual(d.enumerable, false, name);
    assert.strictEqual(d.configurable, true, name);
    assert.strictEqual(typeof globalThis[name], name === 'console' ? 'object' : 'function', name);
    assert.strictEqual(globalThis[name], globalThis[name], name);
  }
  const saved = globalThis.Event;
  try {
    globalThis.Event = 42;
    assert.strictEqual(Event, 42);
  } finally {
    globalThis.Event = saved;
  }
});

test('process, AbortController and AbortSignal are hidden accessors', () => {
  const names = ['process', 'AbortController', 'AbortSignal'];
  assert.deepStrictEqual(descriptors(names), expectAll(names, LAZY_ACCESSOR));
});

test('runtime internals do not leak onto globalThis', () => {
  for (const name of ['requireBuiltin', 'internalBinding', 'primordials', 'BuiltinModule',
                      'loaderExports', 'natives', 'require', 'module', 'exports',
                      '__filename', '__dirname']) {
    assert.strictEqual(name in globalThis, false, name);
    assert.strictEqual(typeof globalThis[name], 'undefined', name);
  }
  // Every own global is either standard JS or something Node also has.
  const nodeGlobals = new Set([
    'global', 'clearImmediate', 'setImmediate', 'clearInterval', 'clearTimeout', 'setInterval',
    'setTimeout', 'queueMicrotask', 'structuredClone', 'console', 'process', 'AbortController',
    'AbortSignal', 'Event', 'EventTarget', 'CustomEvent', 'atob', 'btoa', 'performance', 'fetch',
    'crypto', 'Buffer', 'URL', 'URLSearchParams', 'TextEncoder', 'TextDecoder', 'DOMException',
    'Blob', 'BroadcastChannel', 'MessageChannel', 'MessagePort', 'MessageEvent', 'File',
    'FormData', 'Headers', 'Request', 'Response', 'WebAssembly', 'Crypto', 'CryptoKey',
    'SubtleCrypto', 'Performance', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure',
    'PerformanceObserver', 'PerformanceObserverEntryList', 'PerformanceResourceTiming',
    'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
    'ReadableStreamBYOBRequest', 'ReadableByteStreamController', 'ReadableStreamDefaultController',
    'TransformStream', 'TransformStreamDefaultController', 'WritableStream',
    'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'ByteLengthQueuingStrategy',
    'CountQueuingStrategy', 'TextEncoderStream', 'TextDecoderStream', 'CompressionStream',
    'DecompressionStream',
  ]);
  const standard = /^(globalThis|undefined|NaN|Infinity|eval|isFinite|isNaN|parseFloat|parseInt|decodeURI|decodeURIComponent|encodeURI|encodeURIComponent|escape|unescape|Intl|JSON|Math|Reflect|Atomics|Proxy|Iterator|[A-Z][A-Za-z0-9]*(Array|Error|Map|Set|Ref|Registry)|Error|Map|Set|Array|ArrayBuffer|SharedArrayBuffer|DataView|Object|Function|Boolean|Symbol|Number|BigInt|String|RegExp|Date|Promise)$/;
  const extra = Object.getOwnPropertyNames(globalThis)
    .filter((n) => !standard.test(n) && !nodeGlobals.has(n));
  assert.deepStrictEqual(extra, []);
});

test('console exists with the usual methods', () => {
  assert.strictEqual(typeof console, 'object');
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'time',
                   'timeEnd', 'timeLog', 'count', 'countReset', 'group', 'groupEnd', 'assert']) {
    assert.strictEqual(typeof console[m], 'function', m);
  }
});

test('queueMicrotask runs in FIFO order with promise jobs, after sync code', async () => {
  const log = [];
  await new Promise((resolve) => {
    setImmediate(() => {
      queueMicrotask(() => log.push('m1'));
      Promise.resolve().then(() => log.push('p1'));
      queueMicrotask(() => {
        log.push('m2');
        queueMicrotask(() => log.push('m4'));
      });
      queueMicrotask(() => log.push('m3'));
      process.nextTick(() => log.push('tick'));
      log.push('sync');
      setImmediate(resolve);
    });
  });
  assert.deepStrictEqual(log, ['sync', 'tick', 'm1', 'p1', 'm2', 'm3', 'm4']);
});

test('queueMicrotask calls with no arguments and undefined this', async () => {
  const [self, argc] = await new Promise((resolve) => {
    queueMicrotask(function() {
      resolve([this, arguments.length]);
    });
  });
  assert.strictEqual(self, undefined);
  assert.strictEqual(argc, 0);
  assert.strictEqual(queueMicrotask(() => {}), undefined);
});

test('queueMicrotask argument validation', () => {
  for (const [bad, received] of [[1, 'type number (1)'], [undefined, 'undefined'],
                                 ['f', "type string ('f')"], [{}, 'an instance of Object']]) {
    const err = thrown(() => queueMicrotask(bad));
    assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
    assert.strictEqual(err.name, 'TypeError');
    assert.strictEqual(err.message, `The "callback" argument must be of type function. Received ${received}`);
  }
});

test('an error thrown in a microtask reaches uncaughtException', async () => {
  const errors = [];
  const saved = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  const onError = (err) => errors.push(err);
  process.on('uncaughtException', onError);
  const log = [];
  try {
    await new Promise((resolve) => {
      queueMicrotask(() => {
        throw new RangeError('from microtask');
      });
      queueMicrotask(() => log.push('next microtask still runs'));
      setTimeout(resolve, 5);
    });
  } finally {
    process.removeListener('uncaughtException', onError);
    for (const l of saved) process.on('uncaughtException', l);
  }
  assert.strictEqual(errors.length, 1);
  assert.ok(errors[0] instanceof RangeError);
  assert.strictEqual(errors[0].message, 'from microtask');
  assert.deepStrictEqual(log, ['next microtask still runs']);
});
