'use strict';
// Readable's iterator helpers: results, ordering, concurrency limits,
// validation errors and abort signals.
const test = require('node:test');
const assert = require('node:assert');
const { Readable } = require('stream');

const from = (items) => Readable.from(items);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('the helpers are non-enumerable prototype methods with Node lengths', () => {
  const lengths = { map: 2, filter: 2, forEach: 2, toArray: 1, some: 1, every: 1, find: 2, reduce: 3,
    flatMap: 2, drop: 1, take: 1, asIndexedPairs: 0, compose: 2 };
  for (const [name, length] of Object.entries(lengths)) {
    assert.strictEqual(typeof Readable.prototype[name], 'function', name);
    assert.strictEqual(Readable.prototype[name].length, length, name);
    assert.strictEqual(Object.getOwnPropertyDescriptor(Readable.prototype, name).enumerable, false, name);
  }
});

test('map keeps source order whatever the completion order', async () => {
  const out = await from([30, 10, 20, 5]).map(async (ms) => {
    await sleep(ms);
    return ms;
  }, { concurrency: 4 }).toArray();
  assert.deepStrictEqual(out, [30, 10, 20, 5]);
  const m = from([1]).map((x) => x);
  assert.strictEqual(m.readableObjectMode, true);
  assert.strictEqual(m.readableHighWaterMark, 1);
});

test('map runs at most concurrency calls and holds concurrency + highWaterMark results', async () => {
  for (const [concurrency, highWaterMark, expected] of [[1, undefined, 1], [2, undefined, 3], [4, undefined, 7],
    [2, 0, 2], [2, 5, 7], [4, 2, 6]]) {
    let calls = 0;
    const options = { concurrency };
    if (highWaterMark !== undefined) options.highWaterMark = highWaterMark;
    const m = from(Array.from({ length: 20 }, (_, i) => i)).map((x) => {
      calls++;
      return x;
    }, options);
    m.on('readable', () => {});
    await sleep(20);
    assert.strictEqual(calls, expected, `concurrency ${concurrency} highWaterMark ${highWaterMark}`);
    m.destroy();

    let started = 0;
    const stuck = from([1, 2, 3, 4, 5, 6, 7, 8]).map(() => {
      started++;
      return new Promise(() => {});
    }, options);
    stuck.on('readable', () => {});
    await sleep(20);
    assert.strictEqual(started, concurrency);
    stuck.destroy();
  }
});

test('fn gets an AbortSignal and an error rejects the result', async () => {
  let options;
  await from([1]).map((x, o) => {
    options = o;
    return x;
  }).toArray();
  assert.deepStrictEqual(Object.keys(options), ['signal']);
  assert.ok(options.signal instanceof AbortSignal);
  await assert.rejects(from([1, 2, 3]).map(async (x) => {
    if (x === 2) throw new Error('boom');
    return x;
  }, { concurrency: 3 }).toArray(), { message: 'boom' });
});

test('forEach runs with concurrency and resolves to undefined', async () => {
  const order = [];
  const result = await from([1, 2, 3]).forEach(async (x) => {
    order.push(`s${x}`);
    await sleep(12 - 3 * x);
    order.push(`e${x}`);
  }, { concurrency: 2 });
  assert.strictEqual(result, undefined);
  assert.deepStrictEqual(order, ['s1', 's2', 'e2', 's3', 'e1', 'e3']);
});

test('filter, some, every, find, reduce, toArray', async () => {
  assert.deepStrictEqual(await from([1, 2, 3]).filter(async (x) => x !== 2).toArray(), [1, 3]);
  const seen = [];
  assert.strictEqual(await from([1, 2, 3, 4]).some((x) => {
    seen.push(x);
    return x === 2;
  }), true);
  assert.deepStrictEqual(seen, [1, 2]);
  assert.strictEqual(await from([1, 2]).some((x) => x > 5), false);
  assert.strictEqual(await from([1, 2]).every((x) => x > 0), true);
  assert.strictEqual(await from([1, 2]).every((x) => x > 1), false);
  assert.strictEqual(await from([]).every(() => false), true);
  assert.strictEqual(await from([1, 2, 3]).find((x) => x > 1), 2);
  assert.strictEqual(await from([1]).find(() => false), undefined);
  assert.strictEqual(await from([1, 2, 3]).reduce((a, b) => a + b), 6);
  assert.strictEqual(await from([1, 2, 3]).reduce(async (a, b) => a + b, 10), 16);
  assert.strictEqual(await from([]).reduce((a, b) => a + b, 'init'), 'init');
  await assert.rejects(from([]).reduce((a, b) => a + b), {
    name: 'TypeError',
    code: 'ERR_MISSING_ARGS',
    message: 'Reduce of an empty stream requires an initial value',
  });
  const bytes = new Readable({
    read() {
      this.push('abc');
      this.push(null);
    },
  });
  assert.deepStrictEqual(await bytes.map((x) => x.toString()).toArray(), ['abc']);
});

test('flatMap, drop, take, asIndexedPairs', async () => {
  assert.deepStrictEqual(await from([1, 2]).flatMap((x) => [x, x]).toArray(), [1, 1, 2, 2]);
  assert.deepStrictEqual(await from([1, 2]).flatMap(() => 'ab').toArray(), ['a', 'b', 'a', 'b']);
  assert.deepStrictEqual(await from([1, 2]).flatMap(async function*(x) {
    yield x;
    yield x * 10;
  }).toArray(), [1, 10, 2, 20]);
  assert.deepStrictEqual(await from([1, 2, 3]).drop(1).toArray(), [2, 3]);
  assert.deepStrictEqual(await from([1, 2, 3]).drop(1.5).toArray(), [3]);
  assert.deepStrictEqual(await from([1, 2, 3]).drop('a').toArray(), [1, 2, 3]);
  assert.deepStrictEqual(await from([1, 2, 3]).drop(Infinity).toArray(), []);
  assert.deepStrictEqual(await from([1, 2, 3]).take('2').toArray(), [1, 2]);
  assert.deepStrictEqual(await from([1, 2, 3]).take(NaN).toArray(), []);
  const source = from([1, 2, 3, 4, 5]);
  assert.deepStrictEqual(await source.take(2).toArray(), [1, 2]);
  assert.strictEqual(source.destroyed, true);
  const warnings = [];
  const onWarning = (w) => warnings.push(w);
  process.on('warning', onWarning);
  assert.deepStrictEqual(await from(['a', 'b']).asIndexedPairs().toArray(), [[0, 'a'], [1, 'b']]);
  await sleep(1);
  process.off('warning', onWarning);
  if (warnings.length) {
    assert.strictEqual(warnings[0].name, 'DeprecationWarning');
    assert.strictEqual(warnings[0].message, 'readable.asIndexedPairs will be removed in a future version.');
  }
});

test('stream-returning helpers validate synchronously', () => {
  const r = from([1]);
  assert.throws(() => r.map(1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "fn" argument must be of type function or an instance of AsyncFunction. Received type number (1)',
  });
  assert.throws(() => r.map((x) => x, { concurrency: 0 }), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "options.concurrency" is out of range. It must be >= 1 && <= 9007199254740991. Received 0',
  });
  assert.throws(() => r.map((x) => x, { concurrency: 'a' }), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "options.concurrency" is out of range. It must be an integer. Received NaN',
  });
  assert.throws(() => r.filter((x) => x, 5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options" argument must be of type object. Received type number (5)',
  });
  assert.throws(() => r.map((x) => x, { highWaterMark: -1 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => r.map((x) => x, { signal: 5 }), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "options.signal" property must be an instance of AbortSignal. Received type number (5)',
  });
  assert.throws(() => r.drop(-1), {
    code: 'ERR_OUT_OF_RANGE',
    message: 'The value of "number" is out of range. It must be >= 0. Received -1',
  });
  assert.throws(() => r.take(1, 5), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('promise-returning helpers reject on bad arguments', async () => {
  await assert.rejects(from([]).reduce(5), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "reducer" argument must be of type function or an instance of AsyncFunction. Received type number (5)',
  });
  await assert.rejects(from([]).toArray(5), { code: 'ERR_INVALID_ARG_TYPE' });
  await assert.rejects(from([]).forEach(5), { code: 'ERR_INVALID_ARG_TYPE' });
  await assert.rejects(from([]).some(5), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('signals abort the helpers', async () => {
  const aborted = AbortSignal.abort();
  await assert.rejects(from([1]).toArray({ signal: aborted }), { name: 'AbortError', code: 'ABORT_ERR' });
  const ac = new AbortController();
  const pending = from([1, 2, 3]).map(async (x) => {
    await sleep(5);
    return x;
  }, { signal: ac.signal }).toArray();
  ac.abort();
  await assert.rejects(pending, { name: 'AbortError', message: 'The operation was aborted' });
  await assert.rejects(from([1, 2]).reduce((a, b) => a + b, 0, { signal: aborted }), { name: 'AbortError' });
});

test('compose on a Readable pipes it through a generator', async () => {
  const out = await from([1, 2, 3]).compose(async function*(source) {
    for await (const x of source) yield x * 10;
  }).toArray();
  assert.deepStrictEqual(out, [10, 20, 30]);
});
