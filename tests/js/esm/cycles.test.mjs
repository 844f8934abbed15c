// Cycles: the module imported last runs first, sees the other's hoisted
// functions, and finds its `let` bindings in their temporal dead zone.
import { test } from 'node:test';
import assert from 'node:assert';

import { events, lateInB, a } from '../../fixtures/esm/cycle/main.mjs';

test('evaluation order in a cycle', () => {
  assert.deepStrictEqual(events, ['b runs', 'a runs', 'main runs']);
});

test('hoisted functions are callable before their module runs', () => {
  assert.strictEqual(a.fromB, 'hoisted from a');
});

test('a let binding read before its module ran is in its TDZ', () => {
  assert.strictEqual(lateInB, 'ReferenceError');
});

test('after evaluation both sides see each other\'s bindings', () => {
  assert.strictEqual(a.seenByB, 'hoisted from a / late value');
  assert.strictEqual(a.late, 'late value');
});

test('importing a module of the cycle again gives the same namespace', async () => {
  const again = await import('../../fixtures/esm/cycle/a.mjs');
  assert.strictEqual(again, a);
});

test('a cycle with top-level await and a re-export from outside the cycle', async () => {
  const { events } = await import('../../fixtures/esm/cycle-tla/main.mjs');
  assert.deepStrictEqual(events.slice(-5), [
    'c: runs',
    'a: start',
    'a: after await',
    'b: runs, sees hoisted a and c value',
    'main: b value, c value, fromC,hoistedA',
  ]);
});

test('a module that imports itself', async () => {
  const self = await import('../../fixtures/esm/cycle/self.mjs');
  assert.strictEqual(self.sawItself, 'function');
});
