'use strict';
// process: hrtime, uptime, memoryUsage, cpuUsage.
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

function busy(ms) {
  const end = Date.now() + ms;
  let x = 0;
  while (Date.now() < end) x++;
  return x;
}

test('hrtime tuple', () => {
  const t = process.hrtime();
  assert.ok(Array.isArray(t));
  assert.strictEqual(t.length, 2);
  assert.ok(Number.isInteger(t[0]) && t[0] >= 0);
  assert.ok(Number.isInteger(t[1]) && t[1] >= 0 && t[1] < 1e9);
});

test('hrtime diff form', () => {
  const start = process.hrtime();
  busy(20);
  const diff = process.hrtime(start);
  assert.strictEqual(diff.length, 2);
  const ns = diff[0] * 1e9 + diff[1];
  assert.ok(ns >= 19e6 && ns < 2e9, String(ns));
  assert.ok(diff[1] >= 0 && diff[1] < 1e9);
  // The diff is consistent with two plain readings.
  const a = process.hrtime();
  const d = process.hrtime(a);
  const b = process.hrtime();
  assert.ok(d[0] * 1e9 + d[1] <= (b[0] - a[0]) * 1e9 + (b[1] - a[1]));
});

test('hrtime argument validation', () => {
  let err = thrown(() => process.hrtime(1));
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(err.message, 'The "time" argument must be an instance of Array. Received type number (1)');
  err = thrown(() => process.hrtime([1]));
  assert.strictEqual(err.code, 'ERR_OUT_OF_RANGE');
  assert.strictEqual(err.name, 'RangeError');
  assert.strictEqual(err.message, 'The value of "time" is out of range. It must be 2. Received 1');
});

test('hrtime.bigint is monotonic', () => {
  const a = process.hrtime.bigint();
  assert.strictEqual(typeof a, 'bigint');
  let prev = a;
  for (let i = 0; i < 1000; i++) {
    const now = process.hrtime.bigint();
    assert.ok(now >= prev);
    prev = now;
  }
  busy(5);
  const b = process.hrtime.bigint();
  assert.ok(b - a >= 4000000n, String(b - a));
  // Same clock as hrtime().
  const t = process.hrtime();
  const c = process.hrtime.bigint();
  const tn = BigInt(t[0]) * 1000000000n + BigInt(t[1]);
  assert.ok(c >= tn && c - tn < 1000000000n);
});

test('uptime', () => {
  const u = process.uptime();
  assert.strictEqual(typeof u, 'number');
  assert.ok(u > 0 && u < 60, String(u));
  busy(10);
  assert.ok(process.uptime() - u >= 0.009);
});

test('memoryUsage', () => {
  const m = process.memoryUsage();
  assert.deepStrictEqual(Object.keys(m), ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers']);
  for (const k of Object.keys(m)) {
    assert.ok(Number.isInteger(m[k]) && m[k] >= 0, k);
  }
  assert.ok(m.rss > 1024 * 1024);
  assert.ok(m.heapUsed > 0);
  assert.ok(m.heapTotal >= m.heapUsed);
  const rss = process.memoryUsage.rss();
  assert.ok(Number.isInteger(rss) && rss > 1024 * 1024);
});

test('memoryUsage().heapUsed grows with live allocations', () => {
  const before = process.memoryUsage().heapUsed;
  const keep = [];
  for (let i = 0; i < 20000; i++) keep.push({ i, s: 'x' + i });
  const after = process.memoryUsage().heapUsed;
  assert.ok(after > before + 100000, `${before} -> ${after}`);
  assert.strictEqual(keep.length, 20000);
});

test('cpuUsage', () => {
  const u = process.cpuUsage();
  assert.deepStrictEqual(Object.keys(u), ['user', 'system']);
  assert.ok(Number.isInteger(u.user) && u.user >= 0);
  assert.ok(Number.isInteger(u.system) && u.system >= 0);
  // Spin until 20ms of CPU time (microseconds) have been used, at most 1.5s
  // of wall time: robust on a loaded machine, fails if the counters are stuck.
  const deadline = Date.now() + 1500;
  let diff;
  do {
    busy(5);
    diff = process.cpuUsage(u);
  } while (diff.user + diff.system < 20000 && Date.now() < deadline);
  assert.deepStrictEqual(Object.keys(diff), ['user', 'system']);
  assert.ok(diff.user + diff.system >= 20000, JSON.stringify(diff));
  assert.ok(Number.isInteger(diff.user) && diff.user >= 0);
  assert.ok(Number.isInteger(diff.system) && diff.system >= 0);
  const total = process.cpuUsage();
  assert.ok(diff.user <= total.user && diff.system <= total.system);
});

test('cpuUsage argument validation', () => {
  let err = thrown(() => process.cpuUsage(5));
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(err.message,
                     'The "prevValue" argument must be of type object. Received type number (5)');
  err = thrown(() => process.cpuUsage({}));
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(err.message,
                     'The "prevValue.user" property must be of type number. Received undefined');
  err = thrown(() => process.cpuUsage({ user: -1, system: 0 }));
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_VALUE');
  assert.strictEqual(err.name, 'RangeError');
  assert.strictEqual(err.message, "The property 'prevValue.user' is invalid. Received -1");
});
