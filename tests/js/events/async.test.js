'use strict';
// events.once / events.on / addAbortListener, with AbortSignal.

const { test } = require('node:test');
const assert = require('node:assert');
const EventEmitter = require('node:events');
const { once, on, addAbortListener, getEventListeners } = EventEmitter;

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

test('once resolves with the argument array and cleans up', async () => {
  const e = new EventEmitter();
  setTimeout(() => e.emit('go', 1, 2), 1);
  assert.deepStrictEqual(await once(e, 'go'), [1, 2]);
  assert.strictEqual(e.listenerCount('go'), 0);
  assert.strictEqual(e.listenerCount('error'), 0);
});

test('once rejects on error and removes its listener', async () => {
  const e = new EventEmitter();
  const p = once(e, 'go');
  const err = new Error('bad');
  e.emit('error', err);
  await assert.rejects(p, (x) => x === err);
  assert.strictEqual(e.listenerCount('go'), 0);
});

test('once(emitter, "error") resolves with the error', async () => {
  const e = new EventEmitter();
  const p = once(e, 'error');
  const err = new Error('x');
  e.emit('error', err);
  assert.deepStrictEqual(await p, [err]);
});

test('once with an AbortSignal', async () => {
  const e = new EventEmitter();
  const ac = new AbortController();
  const p = once(e, 'go', { signal: ac.signal });
  ac.abort();
  await assert.rejects(p, (x) => {
    assert.strictEqual(x.name, 'AbortError');
    assert.strictEqual(x.code, 'ABORT_ERR');
    assert.strictEqual(x.message, 'The operation was aborted');
    assert.strictEqual(x.cause, ac.signal.reason);
    return true;
  });
  assert.strictEqual(e.listenerCount('go'), 0);
  assert.strictEqual(e.listenerCount('error'), 0);
  // Already aborted: rejects straight away.
  await assert.rejects(once(e, 'go', { signal: AbortSignal.abort('r') }),
                       (x) => x.name === 'AbortError' && x.cause === 'r');
  await assert.rejects(once(e, 'go', { signal: 1 }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.signal" property must be an instance of ' +
      'AbortSignal. Received type number (1)',
  });
});

test('once on an EventTarget resolves with the event', async () => {
  const t = new EventTarget();
  setTimeout(() => t.dispatchEvent(new Event('x')), 1);
  const [ev] = await once(t, 'x');
  assert.ok(ev instanceof Event);
  assert.strictEqual(ev.type, 'x');
  assert.deepStrictEqual(getEventListeners(t, 'x'), []);
});

test('on() iterates events and stops on break', async () => {
  const e = new EventEmitter();
  setTimeout(() => {
    e.emit('d', 1);
    e.emit('d', 2, 3);
    e.emit('d', 4);
  }, 1);
  const got = [];
  for await (const v of on(e, 'd')) {
    got.push(v);
    if (got.length === 2) break;
  }
  assert.deepStrictEqual(got, [[1], [2, 3]]);
  assert.strictEqual(e.listenerCount('d'), 0);
  assert.strictEqual(e.listenerCount('error'), 0);
});

test('on() buffers events emitted before next()', async () => {
  const e = new EventEmitter();
  const it = on(e, 'd');
  e.emit('d', 'a');
  e.emit('d', 'b');
  assert.deepStrictEqual(await it.next(), { value: ['a'], done: false });
  assert.deepStrictEqual(await it.next(), { value: ['b'], done: false });
  assert.deepStrictEqual(await it.return(), { value: undefined, done: true });
  assert.deepStrictEqual(await it.next(), { value: undefined, done: true });
});

test('on() rejects with the error event', async () => {
  const e = new EventEmitter();
  const it = on(e, 'd');
  setTimeout(() => {
    e.emit('d', 'a');
    e.emit('error', new Error('E'));
  }, 1);
  const got = [];
  await assert.rejects(async () => {
    for await (const v of it) got.push(v);
  }, /^Error: E$/);
  assert.deepStrictEqual(got, [['a']]);
  assert.strictEqual(e.listenerCount('d'), 0);
});

test('on() with an AbortSignal', async () => {
  const e = new EventEmitter();
  const ac = new AbortController();
  const it = on(e, 'd', { signal: ac.signal });
  setTimeout(() => {
    e.emit('d', 1);
    ac.abort();
  }, 1);
  const got = [];
  await assert.rejects(async () => {
    for await (const v of it) got.push(v);
  }, { name: 'AbortError', message: 'The operation was aborted' });
  assert.deepStrictEqual(got, [[1]]);
  assert.strictEqual(e.listenerCount('d'), 0);
  assert.throws(() => on(e, 'd', { signal: AbortSignal.abort() }),
                { name: 'AbortError' });
});

test('on() close option ends the iteration', async () => {
  const e = new EventEmitter();
  const it = on(e, 'd', { close: ['end'] });
  setTimeout(() => {
    e.emit('d', 1);
    e.emit('end');
    e.emit('d', 2);
  }, 1);
  const got = [];
  for await (const v of it) got.push(v);
  assert.deepStrictEqual(got, [[1]]);
  assert.throws(() => on(e, 'x', { highWaterMark: 0 }), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "options.highWaterMark" is out of range. ' +
      'It must be >= 1 && <= 9007199254740991. Received 0',
  });
});

test('addAbortListener', async () => {
  const log = [];
  const ac = new AbortController();
  const d = addAbortListener(ac.signal, () => log.push('aborted'));
  assert.strictEqual(typeof d[Symbol.dispose], 'function');
  ac.abort();
  const ac2 = new AbortController();
  addAbortListener(ac2.signal, () => log.push('never'))[Symbol.dispose]();
  ac2.abort();
  addAbortListener(AbortSignal.abort(), () => log.push('microtask'));
  log.push('sync');
  await tick();
  assert.deepStrictEqual(log, ['aborted', 'sync', 'microtask']);
  assert.throws(() => addAbortListener(undefined, () => {}), {
    message: 'The "signal" argument must be an instance of AbortSignal. ' +
      'Received undefined',
  });
  assert.throws(() => addAbortListener(new AbortController().signal, 1), {
    code: 'ERR_INVALID_ARG_TYPE',
  });
});
