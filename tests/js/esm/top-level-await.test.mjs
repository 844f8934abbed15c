// Top-level await: the order async modules and their siblings run in.
import { test } from 'node:test';
import assert from 'node:assert';

const awaited = await Promise.resolve('this test file awaits at top level');

test('the test module itself used top-level await', () => {
  assert.strictEqual(awaited, 'this test file awaits at top level');
});

test('siblings of an async module run before it resumes; dependents wait', async () => {
  const { events } = await import('../../fixtures/esm/tla/main.mjs');
  assert.deepStrictEqual(events, [
    'slow: start',
    'sync: runs',
    'fast: start',
    'fast: after await',
    'slow: after timer',
    'needs-slow: sees slow done',
    'main: fast done',
    'main: awaited in main',
  ]);
});

test('import() settles only after the graph\'s awaits', async () => {
  const log = await import('../../fixtures/esm/tla/log.mjs');
  const start = log.events.length;
  const pending = import('../../fixtures/esm/tla/order/deep.mjs');
  log.events.push('after import() call');
  const ns = await pending;
  assert.strictEqual(ns.deep, 'deep');
  assert.deepStrictEqual(log.events.slice(start), [
    'after import() call',
    'leaf: start',
    'leaf: end',
    'middle: sees leaf',
    'deep: sees middle',
  ]);
});

test('a rejected top-level await rejects every importer, every time', async () => {
  await assert.rejects(import('../../fixtures/esm/tla/order/imports-reject.mjs'),
    { name: 'RangeError', message: 'rejected at top level' });
  await assert.rejects(import('../../fixtures/esm/tla/order/reject.mjs'),
    { name: 'RangeError', message: 'rejected at top level' });
});

test('concurrent imports of one async graph share its evaluation', async () => {
  const [x, y] = await Promise.all([
    import('../../fixtures/esm/tla/slow.mjs'),
    import('../../fixtures/esm/tla/slow.mjs'),
  ]);
  assert.strictEqual(x, y);
  assert.strictEqual(x.slowValue, 'slow done');
});
