'use strict';
// timers/promises, AbortSignal cancellation and util.promisify on timers.
const test = require('node:test');
const assert = require('node:assert');
const util = require('node:util');
const tp = require('node:timers/promises');

async function rejection(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail('expected a rejection');
}

function assertAbortError(err, cause) {
  assert.ok(err instanceof Error);
  assert.strictEqual(err.name, 'AbortError');
  assert.strictEqual(err.code, 'ABORT_ERR');
  assert.strictEqual(err.message, 'The operation was aborted');
  if (cause !== undefined) assert.strictEqual(err.cause, cause);
}

test('setTimeout resolves with the value after the delay', async () => {
  const start = Date.now();
  const p = tp.setTimeout(20, 'value');
  assert.ok(p instanceof Promise);
  assert.strictEqual(await p, 'value');
  assert.ok(Date.now() - start >= 19);
  assert.strictEqual(await tp.setTimeout(1), undefined);
});

test('setTimeout promises settle in delay order', async () => {
  const log = [];
  await Promise.all([
    tp.setTimeout(15, 'c').then((v) => log.push(v)),
    tp.setTimeout(1, 'a').then((v) => log.push(v)),
    tp.setTimeout(8, 'b').then((v) => log.push(v)),
  ]);
  assert.deepStrictEqual(log, ['a', 'b', 'c']);
});

test('setImmediate resolves with the value', async () => {
  const log = [];
  const p = tp.setImmediate('imm').then((v) => log.push(v));
  setImmediate(() => log.push('cb'));
  await p;
  // The promise settles inside its immediate: continuations run before the next one.
  assert.deepStrictEqual(log, ['imm']);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepStrictEqual(log, ['imm', 'cb']);
});

test('setInterval is an async iterator', async () => {
  const values = [];
  const start = Date.now();
  for await (const v of tp.setInterval(5, 'tick')) {
    values.push(v);
    if (values.length === 3) break;
  }
  assert.deepStrictEqual(values, ['tick', 'tick', 'tick']);
  assert.ok(Date.now() - start >= 14);
});

test('abort before the timer fires rejects with AbortError', async () => {
  const ac = new AbortController();
  const p = tp.setTimeout(1000, 'v', { signal: ac.signal });
  ac.abort();
  const err = await rejection(p);
  assertAbortError(err, ac.signal.reason);
  assert.strictEqual(err.cause.name, 'AbortError');
});

test('an already-aborted signal rejects immediately, cause is the reason', async () => {
  const ac = new AbortController();
  ac.abort('why');
  const start = Date.now();
  assertAbortError(await rejection(tp.setTimeout(1000, 'v', { signal: ac.signal })), 'why');
  assertAbortError(await rejection(tp.setImmediate('v', { signal: ac.signal })), 'why');
  assert.ok(Date.now() - start < 500);
});

test('abort setImmediate and setInterval', async () => {
  const ac = new AbortController();
  const p = tp.setImmediate('v', { signal: ac.signal });
  ac.abort();
  assertAbortError(await rejection(p));

  const ac2 = new AbortController();
  const seen = [];
  const err = await rejection((async () => {
    for await (const v of tp.setInterval(2, 'x', { signal: ac2.signal })) {
      seen.push(v);
      if (seen.length === 2) ac2.abort();
    }
  })());
  assertAbortError(err);
  assert.deepStrictEqual(seen, ['x', 'x']);
});

test('aborting after the timer fired changes nothing', async () => {
  const ac = new AbortController();
  assert.strictEqual(await tp.setTimeout(1, 'done', { signal: ac.signal }), 'done');
  ac.abort();
});

test('invalid options reject with ERR_INVALID_ARG_TYPE', async () => {
  let p = tp.setTimeout(1, 'v', 'bad');
  assert.ok(p instanceof Promise);
  let err = await rejection(p);
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(err.message,
                     'The "options" argument must be of type object. Received type string (\'bad\')');
  p = tp.setTimeout(1, 'v', { signal: 'bad' });
  err = await rejection(p);
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(err.message,
                     'The "options.signal" property must be an instance of AbortSignal. ' +
                     "Received type string ('bad')");
  err = await rejection(tp.setImmediate('v', { ref: 'yes' }));
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(err.message,
                     'The "options.ref" property must be of type boolean. Received type string (\'yes\')');
});

test('util.promisify(setTimeout) and util.promisify(setImmediate)', async () => {
  const sleep = util.promisify(setTimeout);
  assert.strictEqual(sleep, tp.setTimeout);
  assert.strictEqual(setTimeout[util.promisify.custom], tp.setTimeout);
  assert.strictEqual(await sleep(5, 'slept'), 'slept');
  const immediate = util.promisify(setImmediate);
  assert.strictEqual(immediate, tp.setImmediate);
  assert.strictEqual(await immediate('imm'), 'imm');
});

test('scheduler.wait and scheduler.yield', async () => {
  const start = Date.now();
  assert.strictEqual(await tp.scheduler.wait(10), undefined);
  assert.ok(Date.now() - start >= 9);
  assert.strictEqual(await tp.scheduler.yield(), undefined);
});
