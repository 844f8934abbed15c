'use strict';
// worker_threads: Worker lifecycle, messages, errors, exit codes, termination,
// ports crossing threads, transfers. Runs under node too.
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { once } = require('node:events');
const {
  Worker, MessageChannel, MessagePort, isMainThread, threadId, parentPort, workerData,
  receiveMessageOnPort, SHARE_ENV,
} = require('node:worker_threads');

const fixture = (name) => path.join(__dirname, '..', '..', 'fixtures', 'worker_threads', name);

function nextMessage(emitter) {
  return once(emitter, 'message').then(([m]) => m);
}

test('the main thread is the main thread', () => {
  assert.strictEqual(isMainThread, true);
  assert.strictEqual(threadId, 0);
  assert.strictEqual(parentPort, null);
  assert.strictEqual(workerData, null);
});

test('a worker gets workerData and argv, answers, and exits with 0', async () => {
  const big = new Uint8Array(300 * 1024).map((_, i) => i & 0xff);
  const w = new Worker(fixture('echo.js'), {
    workerData: { n: 5, when: new Date(0), big, map: new Map([['k', [1, 2n]]]) },
    argv: ['a', 7],
  });
  const online = once(w, 'online');
  const hello = await nextMessage(w);
  await online;
  assert.strictEqual(hello.hello, true);
  assert.strictEqual(hello.isMainThread, false);
  assert.ok(hello.threadId > 0);
  assert.strictEqual(hello.threadId, w.threadId);
  assert.deepStrictEqual(hello.argv, ['a', '7']);
  assert.strictEqual(hello.workerData.n, 5);
  assert.deepStrictEqual(hello.workerData.when, new Date(0));
  assert.deepStrictEqual(hello.workerData.map, new Map([['k', [1, 2n]]]));
  assert.deepStrictEqual(hello.workerData.big, big);

  w.postMessage({ nested: { s: 'héllo ☃', n: -0, nan: NaN }, list: [1, , 3] });
  const { echo } = await nextMessage(w);
  assert.strictEqual(echo.nested.s, 'héllo ☃');
  assert.ok(Object.is(echo.nested.n, -0));
  assert.ok(Number.isNaN(echo.nested.nan));
  assert.strictEqual(1 in echo.list, false);

  const exit = once(w, 'exit');
  w.postMessage('exit');
  assert.deepStrictEqual(await exit, [0]);
});

test('eval workers run code, and messages keep their order', async () => {
  const w = new Worker(`
    const { parentPort, workerData } = require('node:worker_threads');
    for (let i = 0; i < workerData; i++) parentPort.postMessage(i);
  `, { eval: true, workerData: 2000 });
  const got = [];
  w.on('message', (m) => got.push(m));
  const [code] = await once(w, 'exit');
  assert.strictEqual(code, 0);
  assert.strictEqual(got.length, 2000);
  assert.ok(got.every((v, i) => v === i));
});

test('process.exit(code) in a worker ends only the worker, with that code', async () => {
  const w = new Worker(fixture('exit-code.js'));
  const got = [];
  w.on('message', (m) => got.push(m));
  const [code] = await once(w, 'exit');
  assert.strictEqual(code, 3);
  assert.deepStrictEqual(got, ['before', 'exit event 3']);
});

test('an uncaught error becomes the worker\'s error event, then exit 1', async () => {
  const w = new Worker(fixture('throws.js'));
  const [err] = await once(w, 'error');
  assert.ok(err instanceof RangeError);
  assert.strictEqual(err.message, 'out of range in the worker');
  assert.strictEqual(err.code, 'E_WORKER_TEST');
  assert.match(err.stack, /throws\.js/);
  const [code] = await once(w, 'exit');
  assert.strictEqual(code, 1);
});

test('terminate() stops a busy worker; the promise gives the exit code', async () => {
  const w = new Worker(fixture('busy.js'));
  assert.strictEqual(await nextMessage(w), 'spinning');
  const exit = once(w, 'exit');
  const code = await w.terminate();
  assert.strictEqual(code, 1);
  assert.deepStrictEqual(await exit, [1]);
  // Terminating again is harmless.
  assert.strictEqual(await w.terminate(), undefined);
});

test('MessageChannel works inside one thread, and close reaches both ends', async () => {
  const { port1, port2 } = new MessageChannel();
  assert.ok(port1 instanceof MessagePort);
  port1.postMessage({ a: [1, 2] });
  assert.deepStrictEqual(await nextMessage(port2), { a: [1, 2] });
  // 'close' listeners do not keep the loop alive: a timer does meanwhile.
  const keepAlive = setInterval(() => {}, 1000);
  const closed = Promise.all([once(port1, 'close'), once(port2, 'close')]);
  port2.close();
  await closed;
  clearInterval(keepAlive);
});

test('addEventListener gets MessageEvents; onmessage works too', async () => {
  const { port1, port2 } = new MessageChannel();
  const viaEvent = new Promise((resolve) => {
    port2.addEventListener('message', (e) => resolve(e), { once: true });
  });
  port2.start();
  port1.postMessage('x');
  const e = await viaEvent;
  assert.strictEqual(e.type, 'message');
  assert.strictEqual(e.data, 'x');
  const viaHandler = new Promise((resolve) => { port2.onmessage = (ev) => resolve(ev.data); });
  port1.postMessage('y');
  assert.strictEqual(await viaHandler, 'y');
  port1.close();
});

test('receiveMessageOnPort takes messages synchronously', () => {
  const { port1, port2 } = new MessageChannel();
  assert.strictEqual(receiveMessageOnPort(port2), undefined);
  port1.postMessage({ one: 1 });
  port1.postMessage(2);
  assert.deepStrictEqual(receiveMessageOnPort(port2), { message: { one: 1 } });
  assert.deepStrictEqual(receiveMessageOnPort(port2), { message: 2 });
  assert.strictEqual(receiveMessageOnPort(port2), undefined);
  assert.throws(() => receiveMessageOnPort({}), { code: 'ERR_INVALID_ARG_TYPE' });
  port1.close();
});

test('ports and ArrayBuffers move to a worker through the transfer list', async () => {
  const w = new Worker(fixture('port-user.js'));
  const { port1, port2 } = new MessageChannel();
  const buffer = new Uint8Array([1, 2, 3, 250]).buffer;
  w.postMessage({ port: port2, buffer }, [port2, buffer]);
  assert.strictEqual(buffer.byteLength, 0, 'a transferred buffer is detached here');
  const answer = await nextMessage(port1);
  assert.deepStrictEqual(answer, { sum: 256, length: 4 });
  assert.strictEqual((await once(w, 'exit'))[0], 0);
  port1.close();
});

test('values that cannot be cloned throw DataCloneError at the sender', () => {
  const { port1, port2 } = new MessageChannel();
  assert.throws(() => port1.postMessage({ f() {} }), { name: 'DataCloneError' });
  assert.throws(() => port1.postMessage(Symbol('s')), { name: 'DataCloneError' });
  // A port must be in the transfer list, and never its own.
  assert.throws(() => port1.postMessage(port1, [port1]), { name: 'DataCloneError' });
  port1.close();
  port2.close();
});

test('bad filenames and options are refused with Node\'s errors', () => {
  assert.throws(() => new Worker('relative.js'), { code: 'ERR_WORKER_PATH', name: 'TypeError' });
  assert.throws(() => new Worker(42), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => new Worker(new URL('http://example.com/x.js')), { name: 'TypeError' });
  assert.throws(() => new Worker(fixture('echo.js'), { argv: 'no' }), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('a missing script file ends the worker with an error event', async () => {
  const w = new Worker(fixture('does-not-exist.js'));
  const [err] = await once(w, 'error');
  assert.strictEqual(err.code, 'MODULE_NOT_FOUND');
  assert.strictEqual((await once(w, 'exit'))[0], 1);
});

test('the worker gets a copy of the environment, or the shared one', async () => {
  process.env.ANODE_WORKER_TEST = 'from the parent';
  try {
    const w = new Worker(fixture('env.js'), { env: { ...process.env, ANODE_WORKER_EXTRA: 'extra' } });
    assert.deepStrictEqual(await nextMessage(w), { seen: 'from the parent', extra: 'extra' });
    await once(w, 'exit');
    assert.strictEqual(process.env.ANODE_WORKER_TEST, 'from the parent');

    const shared = new Worker(fixture('env.js'), { env: SHARE_ENV });
    assert.deepStrictEqual(await nextMessage(shared), { seen: 'from the parent', extra: undefined });
    await once(shared, 'exit');
    assert.strictEqual(process.env.ANODE_WORKER_TEST, 'changed by the worker');
  } finally {
    delete process.env.ANODE_WORKER_TEST;
  }
});

test('workers can start workers; thread ids are unique', async () => {
  const w = new Worker(fixture('nested.js'));
  const { childThreadId } = await nextMessage(w);
  assert.ok(childThreadId > w.threadId);
  assert.strictEqual((await once(w, 'exit'))[0], 0);
});

test('process.chdir is not available in a worker', async () => {
  const w = new Worker(`
    const { parentPort } = require('node:worker_threads');
    try { process.chdir('/'); parentPort.postMessage('changed'); }
    catch (e) { parentPort.postMessage(e.code); }
  `, { eval: true });
  assert.strictEqual(await nextMessage(w), 'ERR_WORKER_UNSUPPORTED_OPERATION');
  await once(w, 'exit');
});

test('MessageChannel and MessagePort are globals', () => {
  assert.strictEqual(globalThis.MessageChannel, MessageChannel);
  assert.strictEqual(globalThis.MessagePort, MessagePort);
});

test('a buffer marked untransferable is copied, not moved', () => {
  const { markAsUntransferable } = require('node:worker_threads');
  const { port1, port2 } = new MessageChannel();
  const kept = new ArrayBuffer(4);
  markAsUntransferable(kept);
  port1.postMessage(kept, [kept]);
  assert.strictEqual(kept.byteLength, 4);
  assert.strictEqual(receiveMessageOnPort(port2).message.byteLength, 4);
  port1.close();
});
