'use strict';
// process.nextTick ordering, emitWarning, umask, kill, exitCode.
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

// Runs fn from a fresh macrotask (a setImmediate callback), then waits until
// the loop is idle again so every tick and microtask it scheduled has run.
function fromMacrotask(fn) {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        fn();
      } catch (err) {
        reject(err);
        return;
      }
      setTimeout(resolve, 5);
    });
  });
}

test('nextTick runs before promise jobs; nested ticks before promises', async () => {
  const log = [];
  await fromMacrotask(() => {
    Promise.resolve().then(() => log.push('p1'));
    process.nextTick(() => {
      log.push('t1');
      process.nextTick(() => log.push('t3'));
      Promise.resolve().then(() => log.push('p2'));
    });
    process.nextTick(() => log.push('t2'));
    queueMicrotask(() => log.push('m1'));
    log.push('sync');
  });
  assert.deepStrictEqual(log, ['sync', 't1', 't2', 't3', 'p1', 'm1', 'p2']);
});

test('ticks queued by promise jobs run after the microtask queue drains', async () => {
  const log = [];
  await fromMacrotask(() => {
    Promise.resolve()
      .then(() => {
        log.push('p1');
        process.nextTick(() => log.push('tick-from-p1'));
      })
      .then(() => log.push('p2'));
    Promise.resolve().then(() => log.push('p3'));
  });
  assert.deepStrictEqual(log, ['p1', 'p3', 'p2', 'tick-from-p1']);
});

test('nextTick passes arguments and has no this', async () => {
  const calls = [];
  await new Promise((resolve) => {
    process.nextTick(function(...args) {
      calls.push([this, args]);
    }, 1, 'two', undefined);
    process.nextTick(function() {
      calls.push([this, [...arguments]]);
      resolve();
    });
  });
  assert.deepStrictEqual(calls, [[undefined, [1, 'two', undefined]], [undefined, []]]);
});

test('nextTick rejects non-functions', () => {
  const err = thrown(() => process.nextTick(1));
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(err.name, 'TypeError');
  assert.strictEqual(err.message,
                     'The "callback" argument must be of type function. Received type number (1)');
});

test('nextTick runs between timers and between immediates', async () => {
  const log = [];
  await new Promise((resolve) => {
    setImmediate(() => {
      log.push('i1');
      process.nextTick(() => log.push('t-after-i1'));
    });
    setImmediate(() => {
      log.push('i2');
      resolve();
    });
  });
  assert.deepStrictEqual(log, ['i1', 't-after-i1', 'i2']);
});

async function collectWarnings(fn) {
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  try {
    fn();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.removeListener('warning', onWarning);
  }
  return warnings;
}

test('emitWarning emits a warning event asynchronously', async () => {
  let sync = true;
  let seenSync;
  const warnings = await collectWarnings(() => {
    process.once('warning', () => { seenSync = sync; });
    process.emitWarning('plain message');
    sync = false;
  });
  assert.strictEqual(seenSync, false);
  assert.strictEqual(warnings.length, 1);
  const w = warnings[0];
  assert.ok(w instanceof Error);
  assert.strictEqual(w.name, 'Warning');
  assert.strictEqual(w.message, 'plain message');
  assert.strictEqual(w.code, undefined);
  assert.strictEqual(typeof w.stack, 'string');
});

test('warning stacks start with the header and the caller frame', async () => {
  const warnings = await collectWarnings(() => {
    process.emitWarning('where', 'PlaceWarning');
  });
  const lines = warnings[0].stack.split('\n');
  assert.strictEqual(lines[0], 'PlaceWarning: where');
  assert.ok(lines[1].includes(__filename), lines[1]);
});

test('emitWarning type, code and detail', async () => {
  const warnings = await collectWarnings(() => {
    process.emitWarning('m1', 'CustomWarning', 'CODE1');
    process.emitWarning('m2', { type: 'T', code: 'C', detail: 'd' });
    process.emitWarning('m3', 'DeprecationWarning', 'DEP0999');
    const e = new Error('m4');
    e.name = 'XWarning';
    process.emitWarning(e);
  });
  assert.deepStrictEqual(warnings.map((w) => [w.name, w.message, w.code, w.detail]), [
    ['CustomWarning', 'm1', 'CODE1', undefined],
    ['T', 'm2', 'C', 'd'],
    ['DeprecationWarning', 'm3', 'DEP0999', undefined],
    ['XWarning', 'm4', undefined, undefined],
  ]);
});

test('noDeprecation silences DeprecationWarnings', async () => {
  const warnings = await collectWarnings(() => {
    process.noDeprecation = true;
    try {
      process.emitWarning('hidden', 'DeprecationWarning', 'DEP0998');
      process.emitWarning('shown', 'OtherWarning');
    } finally {
      process.noDeprecation = false;
    }
  });
  assert.deepStrictEqual(warnings.map((w) => w.message), ['shown']);
});

test('throwDeprecation throws the DeprecationWarning on a later tick', async () => {
  const errors = [];
  const saved = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  const onError = (err) => errors.push(err);
  process.on('uncaughtException', onError);
  let syncThrow = null;
  process.throwDeprecation = true;
  try {
    try {
      process.emitWarning('thrown', 'DeprecationWarning', 'DEP0997');
    } catch (err) {
      syncThrow = err;
    }
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.throwDeprecation = false;
    process.removeListener('uncaughtException', onError);
    for (const l of saved) process.on('uncaughtException', l);
  }
  assert.strictEqual(syncThrow, null);
  assert.strictEqual(errors.length, 1);
  assert.strictEqual(errors[0].name, 'DeprecationWarning');
  assert.strictEqual(errors[0].code, 'DEP0997');
  assert.strictEqual(errors[0].message, 'thrown');
});

test('emitWarning argument validation', () => {
  const err = thrown(() => process.emitWarning(42));
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(err.message,
                     'The "warning" argument must be of type string or an instance of Error. ' +
                     'Received type number (42)');
});

test('umask', () => {
  const orig = process.umask();
  assert.ok(Number.isInteger(orig) && orig >= 0 && orig <= 0o777);
  try {
    assert.strictEqual(process.umask(0o27), orig);
    assert.strictEqual(process.umask(), 0o27);
    assert.strictEqual(process.umask('077'), 0o27);
    assert.strictEqual(process.umask(), 0o77);
    const err = thrown(() => process.umask('8'));
    assert.strictEqual(err.code, 'ERR_INVALID_ARG_VALUE');
    assert.strictEqual(err.message,
                       "The argument 'mask' must be a 32-bit unsigned integer or an octal string. Received '8'");
    assert.strictEqual(process.umask(), 0o77);
  } finally {
    process.umask(orig);
  }
  assert.strictEqual(process.umask(), orig);
});

test('kill: signal 0 probes, bad names throw ERR_UNKNOWN_SIGNAL', () => {
  assert.strictEqual(process.kill(process.pid, 0), true);
  let err = thrown(() => process.kill(process.pid, 'SIGNOPE'));
  assert.strictEqual(err.code, 'ERR_UNKNOWN_SIGNAL');
  assert.strictEqual(err.name, 'TypeError');
  assert.strictEqual(err.message, 'Unknown signal: SIGNOPE');
  err = thrown(() => process.kill(process.pid, 'sigterm'));
  assert.strictEqual(err.code, 'ERR_UNKNOWN_SIGNAL');
  assert.strictEqual(err.message, 'Unknown signal: sigterm');
});

test('kill: invalid pid and signal numbers', () => {
  let err = thrown(() => process.kill('abc'));
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(err.message, 'The "pid" argument must be of type number. Received type string (\'abc\')');
  err = thrown(() => process.kill(process.pid, 99999));
  assert.strictEqual(err.code, 'EINVAL');
  assert.strictEqual(err.errno, -22);
  assert.strictEqual(err.syscall, 'kill');
  assert.strictEqual(err.message, 'kill EINVAL');
});

test('kill: a signal with a listener is delivered to this process', async () => {
  // Signal handles do not keep the loop alive: hold it open with a timer.
  const keepAlive = setTimeout(() => {}, 1000);
  const got = await new Promise((resolve) => {
    process.once('SIGUSR2', (sig) => resolve(sig));
    assert.strictEqual(process.kill(process.pid, 'SIGUSR2'), true);
  });
  clearTimeout(keepAlive);
  assert.strictEqual(got, 'SIGUSR2');
});

test('exitCode validation', () => {
  assert.strictEqual(process.exitCode, undefined);
  try {
    process.exitCode = 0;
    assert.strictEqual(process.exitCode, 0);
    process.exitCode = '0';
    assert.strictEqual(process.exitCode, '0');
    let err = thrown(() => { process.exitCode = 'abc'; });
    assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
    assert.strictEqual(err.message,
                       'The "code" argument must be of type number. Received type string (\'abc\')');
    err = thrown(() => { process.exitCode = 1.5; });
    assert.strictEqual(err.code, 'ERR_OUT_OF_RANGE');
    assert.strictEqual(err.message,
                       'The value of "code" is out of range. It must be an integer. Received 1.5');
    assert.strictEqual(process.exitCode, '0');
    process.exitCode = null;
    assert.strictEqual(process.exitCode, null);
  } finally {
    process.exitCode = undefined;
  }
  assert.strictEqual(process.exitCode, undefined);
});
