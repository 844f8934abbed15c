// Static import/export: named, default, namespace, re-exports, live bindings,
// namespace objects, strict mode.
import { test } from 'node:test';
import assert from 'node:assert';

import defaultFn, {
  count, increment, reset, legacy, Point, alpha, first, rest,
} from '../../fixtures/esm/basics/counter.mjs';
import * as counterNs from '../../fixtures/esm/basics/counter.mjs';
import answer from '../../fixtures/esm/basics/default-expr.mjs';
import DefaultClass from '../../fixtures/esm/basics/default-class.mjs';
import add from '../../fixtures/esm/basics/default-arrow.mjs';
import * as re from '../../fixtures/esm/basics/reexports.mjs';
import { 'a string name' as stringNamed, total } from '../../fixtures/esm/basics/reexports.mjs';
import * as strict from '../../fixtures/esm/basics/strict.mjs';
import * as shadow from '../../fixtures/esm/basics/shadow.mjs';

test('an exported let updated after import is seen by the importer', () => {
  reset();
  assert.strictEqual(count, 0);
  assert.strictEqual(increment(), 1);
  assert.strictEqual(count, 1);
  increment();
  assert.strictEqual(count, 2);
  assert.strictEqual(counterNs.count, 2);
  assert.strictEqual(total, 2, 're-exported bindings are live too');
  assert.strictEqual(re.count, 2);
  reset();
  assert.strictEqual(count, 0);
});

test('imported bindings are read-only', () => {
  assert.throws(() => {
    // eslint-disable-next-line no-import-assign
    counterNs.count = 5;
  }, TypeError);
  assert.strictEqual(counterNs.count, count);
});

test('declaration forms: var, class, destructuring', () => {
  assert.strictEqual(legacy, 'var binding');
  assert.strictEqual(new Point(3).x, 3);
  assert.strictEqual(alpha, 'a');
  assert.strictEqual(first, 1);
  assert.deepStrictEqual(rest, [2, 3]);
});

test('default exports: anonymous function, expression, class, arrow', () => {
  assert.strictEqual(defaultFn(), 'anonymous default');
  assert.strictEqual(defaultFn.name, 'default');
  assert.strictEqual(answer, 42);
  assert.strictEqual(DefaultClass.kind(), 'class');
  assert.strictEqual(DefaultClass.name, 'default');
  assert.strictEqual(add(2, 3), 5);
  assert.strictEqual(counterNs.default, defaultFn);
});

test('namespace object: sorted keys, Module tag, not extensible', () => {
  assert.deepStrictEqual(Object.keys(counterNs),
    ['Point', 'alpha', 'count', 'default', 'first', 'increment', 'legacy', 'reset', 'rest']);
  assert.strictEqual(Object.prototype.toString.call(counterNs), '[object Module]');
  assert.strictEqual(Object.getPrototypeOf(counterNs), null);
  assert.strictEqual(Object.isExtensible(counterNs), false);
  assert.throws(() => {
    counterNs.added = 1;
  }, TypeError);
  assert.strictEqual('count' in counterNs, true);
  assert.strictEqual(Reflect.deleteProperty(counterNs, 'count'), false);
});

test('re-exports: export *, export * as, export { as } from, string names', () => {
  assert.strictEqual(re.counterNs, counterNs);
  assert.strictEqual(re.bump, increment);
  assert.strictEqual(re.counterDefault, defaultFn);
  assert.strictEqual(re.answer, 42);
  assert.strictEqual(re.passedOn, 'var binding');
  assert.strictEqual(stringNamed, 'string-named export');
  assert.strictEqual(re['a string name'], 'string-named export');
  // export * does not pass on the default export
  assert.strictEqual('default' in re, false);
  assert.deepStrictEqual(Object.keys(re), [
    'Point', 'a string name', 'alpha', 'answer', 'bump', 'count', 'counterDefault', 'counterNs',
    'first', 'increment', 'legacy', 'passedOn', 'reset', 'rest', 'total',
  ]);
});

test('module code is strict with an undefined this', () => {
  assert.strictEqual(strict.topThis, undefined);
  assert.strictEqual(strict.strictFunctionThis, undefined);
  assert.strictEqual(strict.assignError, 'ReferenceError');
});

test('local declarations shadow imports of the same name', () => {
  assert.strictEqual(shadow.param('param'), 'param');
  assert.strictEqual(shadow.arrow('arrow'), 'arrow');
  assert.strictEqual(shadow.block(), 'block');
  assert.strictEqual(shadow.object.increment, increment);
  assert.strictEqual(shadow.object.nested.count, 'key');
  reset();
  increment();
  assert.strictEqual(shadow.readsImport(), 1);
  reset();
});

test('util.inspect shows a namespace\'s values', async () => {
  const { inspect } = await import('node:util');
  const ns = await import('data:text/javascript,export let u; export const v = 1; export default "d";');
  assert.strictEqual(inspect(ns), "[Module: null prototype] { default: 'd', u: undefined, v: 1 }");
});
