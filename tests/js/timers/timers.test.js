'use strict';
// Global timers: ordering, arguments, clearing, Timeout/Immediate objects,
// and microtasks/nextTicks between callbacks (Node >= 11 semantics).
const test = require('node:test');
const assert = require('node:assert');
const timers = require('node:timers');

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

test('timers module exports the globals', () => {
  for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
                      'setImmediate', 'clearImmediate']) {
    assert.strictEqual(timers[name], globalThis[name], name);
  }
  assert.strictEqual(timers.promises, require('node:timers/promises'));
});

test('setTimeout orders by delay, then by insertion', async () => {
  const log = [];
  await new Promise((resolve) => {
    setTimeout(() => log.push('30'), 30);
    setTimeout(() => log.push('10a'), 10);
    setTimeout(() => log.push('0'), 0);
    setTimeout(() => log.push('10b'), 10);
    setTimeout(() => log.push('20'), 20);
    setTimeout(() => log.push('10c'), 10);
    setTimeout(() => log.push('1'), 1);
    setTimeout(resolve, 40);
  });
  assert.deepStrictEqual(log, ['0', '1', '10a', '10b', '10c', '20', '30']);
});

test('setTimeout passes arguments; this is the Timeout', async () => {
  const [self, args, timer] = await new Promise((resolve) => {
    const t = setTimeout(function(...a) {
      resolve([this, a, t]);
    }, 1, 'a', 2, undefined, null);
  });
  assert.strictEqual(self, timer);
  assert.deepStrictEqual(args, ['a', 2, undefined, null]);
});

test('setImmediate and setInterval pass arguments', async () => {
  const args = await new Promise((resolve) => setImmediate((...a) => resolve(a), 1, 'x'));
  assert.deepStrictEqual(args, [1, 'x']);
  const iargs = await new Promise((resolve) => {
    const t = setInterval((...a) => {
      clearInterval(t);
      resolve(a);
    }, 1, 'y', 3);
  });
  assert.deepStrictEqual(iargs, ['y', 3]);
});

test('clearTimeout by object, by numeric id and by id string', async () => {
  const log = [];
  const a = setTimeout(() => log.push('a'), 1);
  const b = setTimeout(() => log.push('b'), 1);
  const c = setTimeout(() => log.push('c'), 1);
  const d = setTimeout(() => log.push('d'), 1);
  const id = +b;
  assert.strictEqual(typeof id, 'number');
  assert.ok(Number.isInteger(id) && id > 0);
  assert.strictEqual(b[Symbol.toPrimitive](), id);
  assert.notStrictEqual(+a, id);
  clearTimeout(a);
  clearTimeout(id);
  clearTimeout(String(+c));
  // Clearing nothing or garbage is a no-op.
  clearTimeout();
  clearTimeout(null);
  clearTimeout({});
  clearTimeout(123456789);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepStrictEqual(log, ['d']);
  // Clearing an already-fired timer is harmless.
  clearTimeout(d);
});

test('clearInterval and clearTimeout are interchangeable', async () => {
  const log = [];
  const t = setTimeout(() => log.push('t'), 1);
  const i = setInterval(() => log.push('i'), 1);
  clearInterval(t);
  clearTimeout(i);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.deepStrictEqual(log, []);
});

test('setInterval repeats until cleared inside its callback', async () => {
  let count = 0;
  const t = await new Promise((resolve) => {
    const timer = setInterval(() => {
      count++;
      if (count === 3) {
        clearInterval(timer);
        setTimeout(() => resolve(timer), 20);
      }
    }, 2);
  });
  assert.strictEqual(count, 3);
  assert.strictEqual(t.hasRef(), true);
});

test('Timeout methods: ref/unref/hasRef/refresh/close return this', () => {
  const t = setTimeout(() => assert.fail('should be cleared'), 1000);
  try {
    assert.strictEqual(typeof t, 'object');
    assert.strictEqual(t.constructor.name, 'Timeout');
    assert.strictEqual(t.hasRef(), true);
    assert.strictEqual(t.unref(), t);
    assert.strictEqual(t.hasRef(), false);
    assert.strictEqual(t.ref(), t);
    assert.strictEqual(t.hasRef(), true);
    assert.strictEqual(t.refresh(), t);
  } finally {
    assert.strictEqual(t.close(), t);
  }
});

test('Immediate methods', () => {
  const i = setImmediate(() => assert.fail('should be cleared'));
  assert.strictEqual(i.constructor.name, 'Immediate');
  assert.strictEqual(i.hasRef(), true);
  assert.strictEqual(i.unref(), i);
  assert.strictEqual(i.hasRef(), false);
  assert.strictEqual(i.ref(), i);
  assert.strictEqual(i.hasRef(), true);
  clearImmediate(i);
});

test('refresh postpones a timeout', async () => {
  const start = Date.now();
  const log = [];
  await new Promise((resolve) => {
    const t = setTimeout(() => {
      log.push(['fired', Date.now() - start]);
      resolve();
    }, 40);
    setTimeout(() => {
      log.push('refresh');
      t.refresh();
    }, 25);
  });
  assert.strictEqual(log[0], 'refresh');
  assert.strictEqual(log[1][0], 'fired');
  assert.ok(log[1][1] >= 60, `fired after ${log[1][1]}ms`);
});

test('immediates queued during an immediate run on the next turn', async () => {
  const log = [];
  await new Promise((resolve) => {
    setImmediate(() => {
      log.push('i1');
      setImmediate(() => {
        log.push('i3');
        resolve();
      });
    });
    setImmediate(() => log.push('i2'));
  });
  assert.deepStrictEqual(log, ['i1', 'i2', 'i3']);
});

test('inside a timer callback, setImmediate runs before setTimeout 0', async () => {
  const log = [];
  await new Promise((resolve) => {
    setTimeout(() => {
      setTimeout(() => {
        log.push('timeout');
        resolve();
      }, 0);
      setImmediate(() => log.push('immediate'));
    }, 1);
  });
  assert.deepStrictEqual(log, ['immediate', 'timeout']);
});

test('clearImmediate, also from an earlier immediate of the same turn', async () => {
  const log = [];
  await new Promise((resolve) => {
    const a = setImmediate(() => log.push('a'));
    let c;
    setImmediate(() => {
      log.push('b');
      clearImmediate(c);
    });
    c = setImmediate(() => log.push('c'));
    setImmediate(() => {
      log.push('d');
      resolve();
    });
    clearImmediate(a);
    clearImmediate();
    clearImmediate(null);
  });
  assert.deepStrictEqual(log, ['b', 'd']);
});

test('microtasks and ticks run between each timer', async () => {
  const log = [];
  await new Promise((resolve) => {
    setTimeout(() => {
      log.push('t1');
      Promise.resolve().then(() => log.push('p1'));
      process.nextTick(() => log.push('n1'));
    }, 2);
    setTimeout(() => {
      log.push('t2');
      queueMicrotask(() => log.push('m2'));
    }, 2);
    setTimeout(() => {
      log.push('t3');
      resolve();
    }, 2);
  });
  assert.deepStrictEqual(log, ['t1', 'n1', 'p1', 't2', 'm2', 't3']);
});

test('microtasks and ticks run between each immediate', async () => {
  const log = [];
  await new Promise((resolve) => {
    setImmediate(() => {
      log.push('i1');
      Promise.resolve().then(() => log.push('p1'));
      process.nextTick(() => log.push('n1'));
    });
    setImmediate(() => {
      log.push('i2');
      queueMicrotask(() => log.push('m2'));
    });
    setImmediate(() => {
      log.push('i3');
      resolve();
    });
  });
  assert.deepStrictEqual(log, ['i1', 'n1', 'p1', 'i2', 'm2', 'i3']);
});

test('invalid callbacks throw ERR_INVALID_ARG_TYPE', () => {
  const cases = [
    [() => setTimeout('x'), "Received type string ('x')"],
    [() => setTimeout(), 'Received undefined'],
    [() => setInterval(42), 'Received type number (42)'],
    [() => setImmediate(null), 'Received null'],
    [() => setImmediate({}), 'Received an instance of Object'],
  ];
  for (const [fn, received] of cases) {
    const err = thrown(fn);
    assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
    assert.strictEqual(err.name, 'TypeError');
    assert.strictEqual(err.message, `The "callback" argument must be of type function. ${received}`);
  }
});

test('delay coercion: negative, NaN, non-numeric and missing delays become 1ms', async () => {
  const log = [];
  const timeouts = [
    setTimeout(() => log.push('neg'), -10),
    setTimeout(() => log.push('nan'), NaN),
    setTimeout(() => log.push('str'), 'abc'),
    setTimeout(() => log.push('none')),
    setTimeout(() => log.push('zero'), 0),
    setTimeout(() => log.push('numstr'), '1'),
  ];
  for (const t of timeouts) assert.strictEqual(t._idleTimeout, 1);
  const s = setTimeout(() => {}, '25');
  assert.strictEqual(s._idleTimeout, 25);
  clearTimeout(s);
  await new Promise((resolve) => setTimeout(resolve, 15));
  assert.deepStrictEqual(log, ['neg', 'nan', 'str', 'none', 'zero', 'numstr']);
});

test('delays above 2^31-1 become 1ms with a TimeoutOverflowWarning', async () => {
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  let fired = false;
  try {
    const t = setTimeout(() => { fired = true; }, 2 ** 31);
    assert.strictEqual(t._idleTimeout, 1);
    await new Promise((resolve) => setTimeout(resolve, 15));
  } finally {
    process.removeListener('warning', onWarning);
  }
  assert.strictEqual(fired, true);
  assert.strictEqual(warnings.length, 1);
  assert.strictEqual(warnings[0].name, 'TimeoutOverflowWarning');
  assert.strictEqual(warnings[0].message,
                     '2147483648 does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.');
});

test('a throwing callback does not stop the remaining timers', async () => {
  const log = [];
  const errors = [];
  const onError = (err) => errors.push(err.message);
  const saved = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  process.on('uncaughtException', onError);
  try {
    await new Promise((resolve) => {
      setTimeout(() => {
        log.push('a');
        throw new Error('boom');
      }, 1);
      setTimeout(() => {
        log.push('b');
        resolve();
      }, 1);
    });
  } finally {
    process.removeListener('uncaughtException', onError);
    for (const l of saved) process.on('uncaughtException', l);
  }
  assert.deepStrictEqual(log, ['a', 'b']);
  assert.deepStrictEqual(errors, ['boom']);
});
