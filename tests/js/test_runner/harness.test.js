'use strict';
// node:test in-process behaviour: subtests, hooks, contexts, done callbacks
// and the module's shape.
const test = require('node:test');
const assert = require('node:assert');
const { describe, it, before, after, beforeEach, afterEach } = test;

test('module shape', () => {
  assert.strictEqual(typeof test, 'function');
  assert.strictEqual(test.test, test);
  for (const name of ['describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach']) {
    assert.strictEqual(typeof test[name], 'function', name);
  }
  for (const fn of [test, test.describe, test.it]) {
    assert.strictEqual(typeof fn.skip, 'function');
    assert.strictEqual(typeof fn.todo, 'function');
    assert.strictEqual(typeof fn.only, 'function');
  }
  assert.throws(() => require('test'), { code: 'MODULE_NOT_FOUND' });
});

test('context', async (t) => {
  assert.strictEqual(t.name, 'context');
  t.diagnostic('diagnostics do not fail a test');
  const order = [];
  await t.test('first', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    order.push(1);
  });
  await t.test('second', (st) => {
    assert.strictEqual(st.name, 'second');
    order.push(2);
  });
  assert.deepStrictEqual(order, [1, 2]);
});

test('subtest hooks', async (t) => {
  const calls = [];
  t.beforeEach((st) => calls.push(`beforeEach ${st.name}`));
  t.afterEach((st) => calls.push(`afterEach ${st.name}`));
  await t.test('a', () => calls.push('a'));
  await t.test('b', () => calls.push('b'));
  assert.deepStrictEqual(calls, [
    'beforeEach a', 'a', 'afterEach a',
    'beforeEach b', 'b', 'afterEach b',
  ]);
});

test('done callback', (t, done) => {
  setTimeout(() => done(), 1);
});

test('returned promise', () => new Promise((resolve) => setTimeout(resolve, 1)));

test('skip and todo options', { skip: false, todo: false }, () => {});

const suiteCalls = [];
describe('describe block', () => {
  before(() => suiteCalls.push('before'));
  after(() => suiteCalls.push('after'));
  beforeEach(() => suiteCalls.push('beforeEach'));
  afterEach(() => suiteCalls.push('afterEach'));

  it('runs its tests in order', () => suiteCalls.push('it 1'));
  it('with async tests', async () => {
    await null;
    suiteCalls.push('it 2');
  });
  describe('nested describe', () => {
    it('inherits beforeEach', () => suiteCalls.push('it 3'));
  });
});

test('describe ran its hooks', () => {
  assert.deepStrictEqual(suiteCalls, [
    'before',
    'beforeEach', 'it 1', 'afterEach',
    'beforeEach', 'it 2', 'afterEach',
    'beforeEach', 'it 3', 'afterEach',
    'after',
  ]);
});

test.describe('suite alias', () => {
  test.it('it inside suite', () => {});
});

test.suite('suite()', () => {
  test.it('works too', () => {});
});
