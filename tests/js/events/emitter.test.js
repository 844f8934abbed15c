'use strict';
// EventEmitter: ordering, once, removal during emit, error semantics,
// newListener/removeListener, listener counts, max-listener warnings.

const { test } = require('node:test');
const assert = require('node:assert');
const EventEmitter = require('node:events');

test('module shape', () => {
  assert.strictEqual(EventEmitter.EventEmitter, EventEmitter);
  assert.strictEqual(EventEmitter.usingDomains, false);
  assert.strictEqual(typeof EventEmitter.errorMonitor, 'symbol');
  assert.strictEqual(EventEmitter.captureRejectionSymbol,
                     Symbol.for('nodejs.rejection'));
  assert.strictEqual(EventEmitter.defaultMaxListeners, 10);
  assert.strictEqual(EventEmitter.prototype.on, EventEmitter.prototype.addListener);
  assert.strictEqual(EventEmitter.prototype.off, EventEmitter.prototype.removeListener);
  assert.deepStrictEqual(Object.keys(EventEmitter), [
    'addAbortListener', 'once', 'on', 'getEventListeners', 'getMaxListeners',
    'EventEmitter', 'usingDomains', 'captureRejectionSymbol',
    'captureRejections', 'EventEmitterAsyncResource', 'errorMonitor',
    'defaultMaxListeners', 'setMaxListeners', 'init', 'listenerCount',
  ]);
  for (const fn of ['once', 'on', 'getEventListeners', 'setMaxListeners',
                    'listenerCount', 'addAbortListener']) {
    assert.strictEqual(typeof EventEmitter[fn], 'function', fn);
  }
});

test('listeners run in order with this === emitter and all arguments', () => {
  const e = new EventEmitter();
  const calls = [];
  e.on('a', function(...args) {
    assert.strictEqual(this, e);
    calls.push(['1', ...args]);
  });
  e.prependListener('a', (...args) => calls.push(['0', ...args]));
  e.on('a', (...args) => calls.push(['2', ...args]));
  assert.strictEqual(e.emit('a', 1, 2, 3, 4, 5, 6, 7), true);
  assert.strictEqual(e.emit('none'), false);
  assert.deepStrictEqual(calls, [
    ['0', 1, 2, 3, 4, 5, 6, 7],
    ['1', 1, 2, 3, 4, 5, 6, 7],
    ['2', 1, 2, 3, 4, 5, 6, 7],
  ]);
});

test('on/once/prepend return the emitter', () => {
  const e = new EventEmitter();
  const f = () => {};
  for (const m of ['on', 'addListener', 'once', 'prependListener',
                   'prependOnceListener', 'off', 'removeListener',
                   'removeAllListeners', 'setMaxListeners']) {
    assert.strictEqual(m === 'setMaxListeners' ? e[m](5) : e[m]('x', f), e, m);
  }
});

test('once fires once and unwraps in listeners()', () => {
  const e = new EventEmitter();
  const seen = [];
  function h(...args) {
    assert.strictEqual(this, e);
    seen.push(args);
  }
  e.once('a', h);
  assert.strictEqual(e.listeners('a')[0], h);
  assert.notStrictEqual(e.rawListeners('a')[0], h);
  assert.strictEqual(e.rawListeners('a')[0].listener, h);
  e.emit('a', 1, 2);
  e.emit('a', 3);
  assert.deepStrictEqual(seen, [[1, 2]]);
  assert.strictEqual(e.listenerCount('a'), 0);
  assert.deepStrictEqual(e.eventNames(), []);
});

test('calling the raw once wrapper removes it', () => {
  const e = new EventEmitter();
  let n = 0;
  e.once('a', () => n++);
  e.rawListeners('a')[0]();
  e.emit('a');
  assert.strictEqual(n, 1);
  assert.strictEqual(e.listenerCount('a'), 0);
});

test('prependOnceListener', () => {
  const e = new EventEmitter();
  const order = [];
  e.on('a', () => order.push('b'));
  e.prependOnceListener('a', () => order.push('a'));
  e.emit('a');
  e.emit('a');
  assert.deepStrictEqual(order, ['a', 'b', 'b']);
});

test('removing a later listener during emit still calls it (snapshot)', () => {
  const e = new EventEmitter();
  const order = [];
  const g = () => order.push('g');
  e.on('a', () => {
    order.push('f');
    e.off('a', g);
    e.on('a', () => order.push('added'));
  });
  e.on('a', g);
  e.emit('a');
  assert.deepStrictEqual(order, ['f', 'g']);
  order.length = 0;
  e.emit('a');
  assert.deepStrictEqual(order, ['f', 'added']);
});

test('once listeners removed while emitting', () => {
  const e = new EventEmitter();
  const order = [];
  const f = () => order.push('f');
  e.once('a', () => {
    order.push('o1');
    e.removeListener('a', f);
  });
  e.on('a', f);
  e.once('a', () => order.push('o2'));
  e.emit('a');
  e.emit('a');
  assert.deepStrictEqual(order, ['o1', 'f', 'o2']);
  assert.strictEqual(e.listenerCount('a'), 0);
});

test('removeListener removes the most recently added match', () => {
  const e = new EventEmitter();
  const order = [];
  const f = () => order.push('f');
  const g = () => order.push('g');
  e.on('a', f);
  e.on('a', g);
  e.on('a', f);
  e.removeListener('a', f);
  e.emit('a');
  assert.deepStrictEqual(order, ['f', 'g']);
  e.removeListener('a', () => {}); // unknown: no-op
  assert.strictEqual(e.listenerCount('a'), 2);
});

test('emitting error without a listener throws the error', () => {
  const e = new EventEmitter();
  const err = new Error('boom');
  assert.throws(() => e.emit('error', err), (x) => x === err);
  e.on('error', (x) => assert.strictEqual(x, err));
  assert.strictEqual(e.emit('error', err), true);
});

test('emitting a non-Error error throws ERR_UNHANDLED_ERROR', () => {
  const e = new EventEmitter();
  const cases = [
    ['str', "Unhandled error. ('str')"],
    [42, 'Unhandled error. (42)'],
    [undefined, 'Unhandled error. (undefined)'],
    [null, 'Unhandled error. (null)'],
    [{ a: 1 }, 'Unhandled error. ({ a: 1 })'],
    [[1, 'x'], "Unhandled error. ([ 1, 'x' ])"],
  ];
  for (const [value, message] of cases) {
    assert.throws(() => e.emit('error', value), (x) => {
      assert.strictEqual(x.name, 'Error');
      assert.strictEqual(x.code, 'ERR_UNHANDLED_ERROR');
      assert.strictEqual(x.message, message);
      assert.strictEqual(x.context, value);
      return true;
    });
  }
  assert.throws(() => e.emit('error'), {
    code: 'ERR_UNHANDLED_ERROR',
    message: 'Unhandled error. (undefined)',
  });
});

test('errorMonitor sees errors before they are thrown or handled', () => {
  const e = new EventEmitter();
  const seen = [];
  e.on(EventEmitter.errorMonitor, (er) => seen.push(`mon:${er.message}`));
  assert.throws(() => e.emit('error', new Error('x')), /^Error: x$/);
  e.on('error', (er) => seen.push(`handled:${er.message}`));
  e.emit('error', new Error('y'));
  assert.deepStrictEqual(seen, ['mon:x', 'mon:y', 'handled:y']);
});

test('newListener and removeListener events', () => {
  const e = new EventEmitter();
  const log = [];
  e.on('newListener', (type, listener) => {
    log.push(['new', type, listener.name, e.listenerCount(type)]);
  });
  e.on('removeListener', (type, listener) => {
    log.push(['rem', type, listener.name]);
  });
  function foo() {}
  function bar() {}
  e.on('x', foo);
  e.once('x', bar);
  e.removeListener('x', bar);
  e.off('x', foo);
  e.on('y', foo);
  e.on('y', bar);
  e.removeAllListeners('y');
  assert.deepStrictEqual(log, [
    ['new', 'removeListener', '', 0],
    ['new', 'x', 'foo', 0],
    ['new', 'x', 'bar', 1],
    ['rem', 'x', 'bar'],
    ['rem', 'x', 'foo'],
    ['new', 'y', 'foo', 0],
    ['new', 'y', 'bar', 1],
    ['rem', 'y', 'bar'],
    ['rem', 'y', 'foo'],
  ]);
});

test('removeAllListeners() emits removeListener for each other listener', () => {
  const e = new EventEmitter();
  const log = [];
  e.on('a', function a() {});
  e.on('b', function b() {});
  e.on('removeListener', function rl(type, l) { log.push(`${type}:${l.name}`); });
  e.removeAllListeners();
  // The 'removeListener' listener goes last, when nobody is left to tell.
  assert.deepStrictEqual(log, ['a:a', 'b:b']);
  assert.deepStrictEqual(e.eventNames(), []);
});

test('listenerCount, eventNames, static listenerCount', () => {
  const e = new EventEmitter();
  const f = () => {};
  const s = Symbol('s');
  e.on('a', f);
  e.once('a', f);
  e.on('a', () => {});
  e.on(s, f);
  assert.strictEqual(e.listenerCount('a'), 3);
  assert.strictEqual(e.listenerCount('a', f), 2);
  assert.strictEqual(e.listenerCount('zzz'), 0);
  assert.strictEqual(EventEmitter.listenerCount(e, 'a'), 3);
  assert.deepStrictEqual(e.eventNames(), ['a', s]);
});

test('invalid listeners throw ERR_INVALID_ARG_TYPE', () => {
  const e = new EventEmitter();
  for (const m of ['on', 'addListener', 'once', 'prependListener',
                   'prependOnceListener', 'off', 'removeListener']) {
    assert.throws(() => e[m]('a', 'nope'), {
      name: 'TypeError',
      code: 'ERR_INVALID_ARG_TYPE',
      message: 'The "listener" argument must be of type function. ' +
        "Received type string ('nope')",
    });
  }
});

test('setMaxListeners / getMaxListeners', () => {
  const e = new EventEmitter();
  assert.strictEqual(e.getMaxListeners(), 10);
  e.setMaxListeners(3);
  assert.strictEqual(e.getMaxListeners(), 3);
  assert.strictEqual(EventEmitter.getMaxListeners(e), 3);
  assert.throws(() => e.setMaxListeners(-1), {
    name: 'RangeError',
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "setMaxListeners" is out of range. ' +
      'It must be >= 0. Received -1',
  });
  assert.throws(() => e.setMaxListeners('1'), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "setMaxListeners" argument must be of type number. ' +
      "Received type string ('1')",
  });
  assert.throws(() => e.setMaxListeners(NaN), {
    message: 'The value of "setMaxListeners" is out of range. ' +
      'It must be >= 0. Received NaN',
  });
  assert.throws(() => { EventEmitter.defaultMaxListeners = -2; }, {
    message: 'The value of "defaultMaxListeners" is out of range. ' +
      'It must be >= 0. Received -2',
  });
  assert.throws(() => EventEmitter.setMaxListeners(1, {}), {
    message: 'The "eventTargets" argument must be an instance of ' +
      'EventEmitter or EventTarget. Received an instance of Object',
  });
  assert.throws(() => EventEmitter.getMaxListeners({}), {
    message: 'The "emitter" argument must be an instance of ' +
      'EventEmitter or EventTarget. Received an instance of Object',
  });
  const e2 = new EventEmitter();
  EventEmitter.setMaxListeners(4, e2);
  assert.strictEqual(e2.getMaxListeners(), 4);
});

function captureWarnings(fn) {
  const warnings = [];
  const orig = process.emitWarning;
  process.emitWarning = (w) => warnings.push(w);
  try {
    fn();
  } finally {
    process.emitWarning = orig;
  }
  return warnings;
}

test('max listeners leak warning, once per event', () => {
  const e = new EventEmitter();
  const warnings = captureWarnings(() => {
    for (let i = 0; i < 15; i++) e.on('foo', () => {});
  });
  assert.strictEqual(warnings.length, 1);
  const w = warnings[0];
  assert.strictEqual(w.name, 'MaxListenersExceededWarning');
  assert.strictEqual(w.message,
                     'Possible EventEmitter memory leak detected. 11 foo ' +
                     'listeners added to [EventEmitter]. MaxListeners is 10. ' +
                     'Use emitter.setMaxListeners() to increase limit');
  assert.strictEqual(w.emitter, e);
  assert.strictEqual(w.type, 'foo');
  assert.strictEqual(w.count, 11);
});

test('leak warning names subclasses and symbols; 0 disables it', () => {
  class Foo extends EventEmitter {}
  const e = new Foo();
  e.setMaxListeners(1);
  const s = Symbol('sym');
  const warnings = captureWarnings(() => {
    e.on(s, () => {});
    e.on(s, () => {});
    e.setMaxListeners(0);
    for (let i = 0; i < 20; i++) e.on('many', () => {});
  });
  assert.deepStrictEqual(warnings.map((w) => w.message), [
    'Possible EventEmitter memory leak detected. 2 Symbol(sym) listeners ' +
    'added to [Foo]. MaxListeners is 1. Use emitter.setMaxListeners() to ' +
    'increase limit',
  ]);
});

test('defaultMaxListeners applies to emitters without their own limit', () => {
  const e = new EventEmitter();
  EventEmitter.defaultMaxListeners = 2;
  try {
    assert.strictEqual(e.getMaxListeners(), 2);
    const warnings = captureWarnings(() => {
      for (let i = 0; i < 3; i++) e.on('q', () => {});
    });
    assert.strictEqual(warnings.length, 1);
    assert.match(warnings[0].message, /3 q listeners added/);
  } finally {
    EventEmitter.defaultMaxListeners = 10;
  }
});

test('old-style inheritance with EventEmitter.call', () => {
  function Old() {
    EventEmitter.call(this);
  }
  Object.setPrototypeOf(Old.prototype, EventEmitter.prototype);
  const o = new Old();
  let got;
  o.on('x', (v) => { got = v; });
  o.emit('x', 7);
  assert.strictEqual(got, 7);
  assert.deepStrictEqual(Object.keys(o),
                         ['_events', '_eventsCount', '_maxListeners']);
});

test('captureRejections routes rejected listener promises to error', async () => {
  const e = new EventEmitter({ captureRejections: true });
  const got = new Promise((resolve) => e.on('error', resolve));
  e.on('ev', async () => { throw new Error('kaboom'); });
  e.emit('ev');
  assert.strictEqual((await got).message, 'kaboom');

  const e2 = new EventEmitter({ captureRejections: true });
  const rejection = new Promise((resolve) => {
    e2[Symbol.for('nodejs.rejection')] = (err, type, ...args) =>
      resolve([err.message, type, args]);
  });
  e2.on('x', async () => { throw new Error('r2'); });
  e2.emit('x', 1, 2);
  assert.deepStrictEqual(await rejection, ['r2', 'x', [1, 2]]);

  assert.throws(() => new EventEmitter({ captureRejections: 'yes' }), {
    message: 'The "options.captureRejections" property must be of type ' +
      "boolean. Received type string ('yes')",
  });
  assert.strictEqual(EventEmitter.captureRejections, false);
});

test('emit hands listeners exactly the arguments given, one listener or many', () => {
  const e = new EventEmitter();
  const seen = [];
  const record = function (...args) { seen.push([this === e, args.length, ...args]); };
  e.on('one', record);
  e.emit('one');
  e.emit('one', undefined);
  e.emit('one', 1, undefined);
  e.emit('one', 1, 2, 3, 4);
  e.on('many', record);
  e.on('many', record);
  e.emit('many', 'a');
  e.emit('many', 'a', 'b', 'c');
  assert.deepStrictEqual(seen, [
    [true, 0], [true, 1, undefined], [true, 2, 1, undefined], [true, 4, 1, 2, 3, 4],
    [true, 1, 'a'], [true, 1, 'a'], [true, 3, 'a', 'b', 'c'], [true, 3, 'a', 'b', 'c'],
  ]);
  // A listener added by a listener does not run in the same emit.
  let late = 0;
  e.on('grow', () => e.on('grow', () => late++));
  e.on('grow', () => {});
  e.emit('grow', 1, 2);
  assert.strictEqual(late, 0);
  assert.strictEqual(e.listenerCount('grow'), 3);
});

test('nextTick and setImmediate pass their extra arguments through', async () => {
  const got = await new Promise((resolve) => {
    const out = [];
    process.nextTick((...a) => out.push(['tick', ...a]));
    process.nextTick((...a) => out.push(['tick', ...a]), 1, 2, 3, 4, 5);
    setImmediate((...a) => out.push(['imm', ...a]), 'x', undefined);
    setImmediate((...a) => out.push(['imm', ...a]), 1, 2, 3, 4, 5);
    let left = 2;
    const settle = () => { if (--left === 0) resolve(out); };
    setTimeout((...a) => { out.push(['timeout', ...a]); settle(); }, 1, 'p', 'q', 'r', 's');
    setImmediate(() => setImmediate(settle));
  });
  assert.deepStrictEqual(got.filter((x) => x[0] !== 'timeout'), [
    ['tick'], ['tick', 1, 2, 3, 4, 5], ['imm', 'x', undefined], ['imm', 1, 2, 3, 4, 5],
  ]);
  assert.deepStrictEqual(got.find((x) => x[0] === 'timeout'), ['timeout', 'p', 'q', 'r', 's']);
});
