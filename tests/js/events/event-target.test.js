'use strict';
// EventTarget, Event, CustomEvent, AbortController and AbortSignal globals.

const { test } = require('node:test');
const assert = require('node:assert');
const { setMaxListeners, getMaxListeners, getEventListeners } =
  require('node:events');

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

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

test('Event basics', () => {
  const ev = new Event('foo', { cancelable: true });
  assert.strictEqual(ev.type, 'foo');
  assert.strictEqual(ev.cancelable, true);
  assert.strictEqual(ev.bubbles, false);
  assert.strictEqual(ev.composed, false);
  assert.strictEqual(ev.defaultPrevented, false);
  assert.strictEqual(ev.target, null);
  assert.strictEqual(ev.currentTarget, null);
  assert.strictEqual(ev.srcElement, null);
  assert.strictEqual(ev.eventPhase, 0);
  assert.strictEqual(ev.isTrusted, false);
  assert.strictEqual(ev.returnValue, true);
  assert.deepStrictEqual(ev.composedPath(), []);
  assert.strictEqual(typeof ev.timeStamp, 'number');
  assert.strictEqual(new Event(1).type, '1');
  assert.strictEqual(Object.prototype.toString.call(ev), '[object Event]');
  assert.deepStrictEqual(
    [Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE],
    [0, 1, 2, 3]);
  ev.preventDefault();
  assert.strictEqual(ev.defaultPrevented, true);
  assert.strictEqual(ev.returnValue, false);
  const plain = new Event('x');
  plain.preventDefault();
  assert.strictEqual(plain.defaultPrevented, false);
  plain.initEvent('y', true, true);
  assert.deepStrictEqual([plain.type, plain.bubbles, plain.cancelable],
                         ['y', true, true]);
  assert.strictEqual(plain.cancelBubble, false);
  plain.cancelBubble = true;
  assert.strictEqual(plain.cancelBubble, true);
});

test('Event argument and receiver errors', () => {
  assert.throws(() => new Event(), {
    name: 'TypeError',
    code: 'ERR_MISSING_ARGS',
    message: 'The "type" argument must be specified',
  });
  assert.throws(() => new Event('a', 5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options" argument must be of type object. ' +
      'Received type number (5)',
  });
  assert.throws(() => Event.prototype.preventDefault.call({}), {
    code: 'ERR_INVALID_THIS',
    message: 'Value of "this" must be of type Event',
  });
  assert.throws(
    () => Object.getOwnPropertyDescriptor(Event.prototype, 'type').get.call(1),
    { code: 'ERR_INVALID_THIS' });
});

test('CustomEvent', () => {
  const c = new CustomEvent('c', { detail: { x: 1 } });
  assert.deepStrictEqual(c.detail, { x: 1 });
  assert.ok(c instanceof Event);
  assert.strictEqual(new CustomEvent('c').detail, null);
  assert.strictEqual(Object.prototype.toString.call(c), '[object CustomEvent]');
  assert.throws(() => new CustomEvent(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(
    () => Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail')
      .get.call(new Event('x')),
    { message: 'Value of "this" must be of type CustomEvent' });
});

test('dispatchEvent sets target/currentTarget/eventPhase while dispatching', () => {
  const t = new EventTarget();
  const ev = new Event('foo', { cancelable: true });
  const seen = [];
  t.addEventListener('foo', function(e) {
    seen.push(this === t, e === ev, e.target === t, e.currentTarget === t,
              e.eventPhase, e.composedPath().length);
    e.preventDefault();
  });
  assert.strictEqual(t.dispatchEvent(ev), false);
  assert.deepStrictEqual(seen, [true, true, true, true, 2, 1]);
  assert.strictEqual(ev.target, t);
  assert.strictEqual(ev.currentTarget, null);
  assert.strictEqual(ev.eventPhase, 0);
  assert.strictEqual(t.dispatchEvent(new Event('nobody')), true);
});

test('duplicates, capture flag, once', () => {
  const t = new EventTarget();
  const log = [];
  const f = (e) => log.push(e.type);
  t.addEventListener('a', f);
  t.addEventListener('a', f); // duplicate: ignored
  t.addEventListener('a', f, true); // different capture: added
  t.addEventListener('a', f, { once: true }); // duplicate of the first
  t.dispatchEvent(new Event('a'));
  assert.deepStrictEqual(log, ['a', 'a']);
  t.removeEventListener('a', f);
  t.dispatchEvent(new Event('a'));
  assert.deepStrictEqual(log, ['a', 'a', 'a']);
  t.removeEventListener('a', f, { capture: true });
  t.dispatchEvent(new Event('a'));
  assert.strictEqual(log.length, 3);

  let n = 0;
  t.addEventListener('b', () => n++, { once: true });
  t.dispatchEvent(new Event('b'));
  t.dispatchEvent(new Event('b'));
  assert.strictEqual(n, 1);
});

test('handleEvent objects', async () => {
  const t = new EventTarget();
  const log = [];
  const obj = {
    handleEvent(e) {
      log.push(this === obj, e.type);
    },
  };
  t.addEventListener('a', obj);
  t.dispatchEvent(new Event('a'));
  t.removeEventListener('a', obj);
  t.dispatchEvent(new Event('a'));
  assert.deepStrictEqual(log, [true, 'a']);
});

test('stopImmediatePropagation skips the remaining listeners', () => {
  const t = new EventTarget();
  const log = [];
  t.addEventListener('a', (e) => {
    log.push(1);
    e.stopImmediatePropagation();
  });
  t.addEventListener('a', () => log.push(2));
  const ev = new Event('a');
  t.dispatchEvent(ev);
  assert.deepStrictEqual(log, [1]);
  assert.strictEqual(ev.cancelBubble, true);
});

test('listeners removed during dispatch are skipped', () => {
  const t = new EventTarget();
  const log = [];
  const b = () => log.push('b');
  t.addEventListener('a', () => {
    log.push('a');
    t.removeEventListener('a', b);
  });
  t.addEventListener('a', b);
  t.addEventListener('a', () => log.push('c'));
  t.dispatchEvent(new Event('a'));
  assert.deepStrictEqual(log, ['a', 'c']);
});

test('a throwing listener does not stop dispatch; error is uncaught', async () => {
  const t = new EventTarget();
  const log = [];
  const err = new Error('oops');
  const handlers = process.listeners('uncaughtException');
  process.removeAllListeners('uncaughtException');
  process.once('uncaughtException', (e) => log.push(e === err));
  try {
    t.addEventListener('a', () => { throw err; });
    t.addEventListener('a', () => log.push('second'));
    t.dispatchEvent(new Event('a'));
    log.push('after');
    await tick();
  } finally {
    for (const h of handlers) process.on('uncaughtException', h);
  }
  assert.deepStrictEqual(log, ['second', 'after', true]);
});

test('EventTarget argument errors', () => {
  const t = new EventTarget();
  assert.throws(() => t.addEventListener('a'), {
    code: 'ERR_MISSING_ARGS',
    message: 'The "type" and "listener" arguments must be specified',
  });
  assert.throws(() => t.removeEventListener('a'), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => t.dispatchEvent(), {
    message: 'The "event" argument must be specified',
  });
  assert.throws(() => t.dispatchEvent({ type: 'x' }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "event" argument must be an instance of Event. ' +
      'Received an instance of Object',
  });
  assert.throws(() => t.addEventListener('a', 5), {
    message: 'The "listener" argument must be an instance of EventListener. ' +
      'Received type number (5)',
  });
  assert.throws(() => t.addEventListener('a', () => {}, 5), {
    message: 'The "options" argument must be of type object. ' +
      'Received type number (5)',
  });
  assert.throws(() => EventTarget.prototype.addEventListener.call({}, 'a', () => {}), {
    code: 'ERR_INVALID_THIS',
    message: 'Value of "this" must be of type EventTarget',
  });
  const ev = new Event('r');
  let inner;
  t.addEventListener('r', () => {
    try {
      t.dispatchEvent(ev);
    } catch (e) {
      inner = e;
    }
  });
  t.dispatchEvent(ev);
  assert.strictEqual(inner.code, 'ERR_EVENT_RECURSION');
  assert.strictEqual(inner.message, 'The event "r" is already being dispatched');
});

test('null listener only warns', () => {
  const t = new EventTarget();
  const warnings = captureWarnings(() => t.addEventListener('a', null));
  assert.strictEqual(warnings.length, 1);
  assert.strictEqual(warnings[0].name, 'AddEventListenerArgumentTypeWarning');
  assert.strictEqual(warnings[0].message,
                     'addEventListener called with null which has no effect.');
});

test('signal option removes the listener on abort', () => {
  const t = new EventTarget();
  const ac = new AbortController();
  let n = 0;
  t.addEventListener('a', () => n++, { signal: ac.signal });
  t.dispatchEvent(new Event('a'));
  ac.abort();
  t.dispatchEvent(new Event('a'));
  t.addEventListener('a', () => n++, { signal: ac.signal }); // already aborted
  t.dispatchEvent(new Event('a'));
  assert.strictEqual(n, 1);
});

test('EventTarget max listeners warning and events.setMaxListeners', () => {
  const t = new EventTarget();
  const warnings = captureWarnings(() => {
    for (let i = 0; i < 12; i++) t.addEventListener('foo', () => {});
  });
  assert.strictEqual(warnings.length, 1);
  assert.strictEqual(warnings[0].name, 'MaxListenersExceededWarning');
  assert.strictEqual(warnings[0].message,
                     'Possible EventTarget memory leak detected. 11 foo ' +
                     'listeners added to EventTarget. MaxListeners is 10. ' +
                     'Use events.setMaxListeners() to increase limit');
  const t2 = new EventTarget();
  setMaxListeners(2, t2);
  assert.strictEqual(getMaxListeners(t2), 2);
  const w2 = captureWarnings(() => {
    for (let i = 0; i < 3; i++) t2.addEventListener('bar', () => {});
  });
  assert.strictEqual(w2.length, 1);
  assert.strictEqual(getEventListeners(t2, 'bar').length, 3);
});

test('AbortController / AbortSignal', () => {
  const ac = new AbortController();
  const s = ac.signal;
  assert.strictEqual(s, ac.signal);
  assert.strictEqual(s.aborted, false);
  assert.strictEqual(s.reason, undefined);
  assert.ok(s instanceof EventTarget);
  assert.strictEqual(Object.prototype.toString.call(s), '[object AbortSignal]');
  assert.strictEqual(Object.prototype.toString.call(ac),
                     '[object AbortController]');
  const log = [];
  s.addEventListener('abort', (e) => {
    log.push(e.type, e.isTrusted, e.target === s, s.aborted);
  });
  assert.strictEqual(s.onabort, null);
  s.onabort = (e) => log.push(`onabort:${e.type}`);
  assert.strictEqual(typeof s.onabort, 'function');
  s.throwIfAborted();
  ac.abort();
  ac.abort('again'); // no effect
  assert.deepStrictEqual(log, ['abort', true, true, true, 'onabort:abort']);
  assert.strictEqual(s.aborted, true);
  assert.strictEqual(s.reason.name, 'AbortError');
  assert.strictEqual(s.reason.message, 'This operation was aborted');
  assert.strictEqual(s.reason.code, 20);
  assert.ok(s.reason instanceof Error);
  assert.throws(() => s.throwIfAborted(), (e) => e === s.reason);

  const ac2 = new AbortController();
  ac2.abort('why');
  assert.strictEqual(ac2.signal.reason, 'why');
  assert.throws(() => ac2.signal.throwIfAborted(), (e) => e === 'why');

  assert.throws(() => new AbortSignal(), {
    name: 'TypeError',
    code: 'ERR_ILLEGAL_CONSTRUCTOR',
    message: 'Illegal constructor',
  });
  assert.throws(
    () => Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')
      .get.call({}),
    { message: 'Value of "this" must be of type AbortSignal' });
});

test('AbortSignal.abort and AbortSignal.timeout', async () => {
  const a = AbortSignal.abort();
  assert.strictEqual(a.aborted, true);
  assert.strictEqual(a.reason.name, 'AbortError');
  assert.strictEqual(AbortSignal.abort(5).reason, 5);
  assert.throws(() => AbortSignal.timeout(-1), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "delay" is out of range. It must be >= 0 && ' +
      '<= 4294967295. Received -1',
  });
  assert.throws(() => AbortSignal.timeout('1'), {
    message: 'The "delay" argument must be of type number. ' +
      "Received type string ('1')",
  });
  const t = AbortSignal.timeout(1);
  assert.strictEqual(t.aborted, false);
  const fired = new Promise((resolve) => t.addEventListener('abort', resolve));
  // The timeout's timer is unref'd: keep the loop alive while waiting.
  const keepAlive = setTimeout(() => {}, 10000);
  try {
    await fired;
  } finally {
    clearTimeout(keepAlive);
  }
  assert.strictEqual(t.aborted, true);
  assert.strictEqual(t.reason.name, 'TimeoutError');
  assert.strictEqual(t.reason.message,
                     'The operation was aborted due to timeout');
  assert.strictEqual(t.reason.code, 23);
});

test('AbortSignal.any', () => {
  const a = new AbortController();
  const b = new AbortController();
  const any = AbortSignal.any([a.signal, b.signal]);
  const nested = AbortSignal.any([any]);
  const log = [];
  any.addEventListener('abort', () => log.push(`any:${any.reason}`));
  nested.onabort = () => log.push(`nested:${nested.reason}`);
  b.abort('B');
  a.abort('A');
  assert.deepStrictEqual(log, ['any:B', 'nested:B']);
  assert.strictEqual(AbortSignal.any([AbortSignal.abort('pre')]).reason, 'pre');
  assert.strictEqual(AbortSignal.any([]).aborted, false);
  assert.throws(() => AbortSignal.any([1]), {
    message: 'The "signals[0]" argument must be an instance of AbortSignal. ' +
      'Received type number (1)',
  });
  assert.throws(() => AbortSignal.any(5), {
    message: 'The "signals" argument must be an instance of Array. ' +
      'Received type number (5)',
  });
});
