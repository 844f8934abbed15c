'use strict';
const test = require('node:test');
const assert = require('node:assert');
const perfHooks = require('node:perf_hooks');
const { performance, PerformanceObserver, PerformanceEntry, PerformanceMark, PerformanceMeasure } = perfHooks;

test('the clock', () => {
  assert.strictEqual(globalThis.performance, performance);
  assert.strictEqual(Object.getOwnPropertyDescriptor(globalThis, 'performance').enumerable, true);
  const a = performance.now();
  const b = performance.now();
  assert.ok(a > 0 && b >= a);
  assert.ok(Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 50);
  assert.ok(Math.abs(performance.now() - process.uptime() * 1000) < 50);
  assert.deepStrictEqual(Object.keys(performance.toJSON()).includes('timeOrigin'), true);
  assert.strictEqual(Object.prototype.toString.call(performance), '[object Performance]');
  assert.ok(performance instanceof EventTarget);
});

test('marks and measures', () => {
  performance.clearMarks();
  performance.clearMeasures();
  const m = performance.mark('start', { detail: { x: 1 } });
  assert.ok(m instanceof PerformanceMark && m instanceof PerformanceEntry);
  assert.deepStrictEqual(Object.keys(m.toJSON()), ['name', 'entryType', 'startTime', 'duration', 'detail']);
  assert.strictEqual(m.entryType, 'mark');
  assert.strictEqual(m.duration, 0);
  assert.deepStrictEqual(m.detail, { x: 1 });
  performance.mark('at10', { startTime: 10 });
  const end = performance.mark('end');
  const between = performance.measure('between', 'start', 'end');
  assert.ok(between instanceof PerformanceMeasure);
  assert.strictEqual(between.startTime, m.startTime);
  assert.strictEqual(between.duration, end.startTime - m.startTime);
  assert.strictEqual(between.detail, null);
  const opts = performance.measure('opts', { start: 'at10', duration: 5, detail: 'd' });
  assert.deepStrictEqual([opts.startTime, opts.duration, opts.detail], [10, 5, 'd']);
  const fromZero = performance.measure('zero');
  assert.strictEqual(fromZero.startTime, 0);
  assert.deepStrictEqual(performance.getEntries().map((e) => e.name), ['zero', 'at10', 'opts', 'start', 'between', 'end']);
  assert.deepStrictEqual(performance.getEntriesByType('mark').map((e) => e.name), ['at10', 'start', 'end']);
  assert.deepStrictEqual(performance.getEntriesByName('opts').map((e) => e.entryType), ['measure']);
  assert.deepStrictEqual(performance.getEntriesByName('opts', 'mark'), []);
  performance.clearMarks('at10');
  assert.deepStrictEqual(performance.getEntriesByType('mark').map((e) => e.name), ['start', 'end']);
  performance.clearMeasures();
  assert.deepStrictEqual(performance.getEntriesByType('measure'), []);
  performance.clearMarks();
  assert.deepStrictEqual(performance.getEntries(), []);
});

test('errors', () => {
  assert.throws(() => new PerformanceEntry(), { code: 'ERR_ILLEGAL_CONSTRUCTOR', message: 'Illegal constructor' });
  assert.throws(() => performance.measure('x', 'nope'), {
    name: 'SyntaxError', message: 'The "nope" performance mark has not been set', code: 12,
  });
  assert.throws(() => performance.mark('x', { startTime: -1 }), {
    name: 'TypeError', code: 'ERR_PERFORMANCE_INVALID_TIMESTAMP', message: '-1 is not a valid timestamp',
  });
  performance.mark('a');
  assert.throws(() => performance.measure('x', { start: 1, end: 2 }, 'a'), {
    code: 'ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS', message: 'endMark must not be specified',
  });
  assert.throws(() => performance.measure('x', { start: 1, end: 2, duration: 1 }), {
    message: 'Must not have options.start, options.end, and options.duration specified',
  });
  assert.throws(() => performance.mark(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => new PerformanceObserver(1), { code: 'ERR_INVALID_ARG_TYPE' });
  performance.clearMarks();
});

test('PerformanceObserver gets entries on an immediate', async () => {
  assert.deepStrictEqual(PerformanceObserver.supportedEntryTypes,
                         ['dns', 'function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource']);
  const seen = [];
  let observer;
  const done = new Promise((resolve) => {
    observer = new PerformanceObserver((list, obs) => {
      assert.strictEqual(obs, observer);
      seen.push(...list.getEntries().map((e) => `${e.entryType}:${e.name}`));
      if (seen.length >= 2) resolve();
    });
  });
  observer.observe({ entryTypes: ['mark', 'measure'] });
  performance.mark('o1');
  performance.measure('o2', 'o1');
  assert.deepStrictEqual(seen, []);
  await done;
  observer.disconnect();
  assert.deepStrictEqual(seen, ['mark:o1', 'measure:o2']);

  const buffered = await new Promise((resolve) => {
    const obs = new PerformanceObserver((list) => {
      obs.disconnect();
      resolve(list.getEntriesByName('o1').length);
    });
    obs.observe({ type: 'mark', buffered: true });
  });
  assert.strictEqual(buffered, 1);
  performance.clearMarks();
  performance.clearMeasures();
});

test('takeRecords empties the observer buffer', () => {
  const obs = new PerformanceObserver(() => assert.fail('delivered'));
  obs.observe({ type: 'mark' });
  performance.mark('t');
  assert.deepStrictEqual(obs.takeRecords().map((e) => e.name), ['t']);
  obs.disconnect();
  performance.clearMarks();
});
