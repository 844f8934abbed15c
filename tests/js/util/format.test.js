'use strict';
// util.format / util.formatWithOptions: placeholders and extra arguments.
// Every expected string is Node 20's real output.

const { test } = require('node:test');
const assert = require('node:assert');
const util = require('node:util');

const { format, formatWithOptions } = util;
const eq = (args, expected) => assert.strictEqual(format(...args), expected);

test('%s', () => {
  eq(['%s', 'a'], 'a');
  eq(['%s', 1], '1');
  eq(['%s', -0], '-0');
  eq(['%s', 10n], '10n');
  eq(['%s', null], 'null');
  eq(['%s', undefined], 'undefined');
  eq(['%s', Symbol('x')], 'Symbol(x)');
  eq(['%s', { a: { b: 1 } }], '{ a: [Object] }');
  eq(['%s', [1, [2, [3]]]], '[ 1, [Array] ]');
  eq(['%s', new Map([[1, 2]])], 'Map(1) { 1 => 2 }');
  class Foo {
    toString() {
      return 'FOO';
    }
  }
  class Bar {}
  eq(['%s', new Foo()], 'FOO');
  eq(['%s', new Bar()], 'Bar {}');
  eq(['%s', { toString() { return 'own'; } }], 'own');
  eq(['%s', Object.create(null)], '[Object: null prototype] {}');
  eq(['%s:%s', 'a'], 'a:%s');
});

test('%d %i %f', () => {
  eq(['%d', '42'], '42');
  eq(['%d', 1.5], '1.5');
  eq(['%d', -0], '-0');
  eq(['%d', 10n], '10n');
  eq(['%d', Symbol()], 'NaN');
  eq(['%d', {}], 'NaN');
  eq(['%i', '42.9'], '42');
  eq(['%i', 10n], '10n');
  eq(['%i', 'x'], 'NaN');
  eq(['%f', '1.5e3'], '1500');
  eq(['%f', Symbol()], 'NaN');
  eq(['%d%d', 1], '1%d');
});

test('%j %o %O %c', () => {
  eq(['%j', { a: [1] }], '{"a":[1]}');
  const circular = {};
  circular.o = circular;
  eq(['%j', circular], '[Circular]');
  eq(['%o', { a: [1, 2] }], '{ a: [ 1, 2, [length]: 2 ] }');
  eq(['%o', [1, 2, 3]], '[ 1, 2, 3, [length]: 3 ]');
  eq(['%O', { a: { b: { c: { d: 1 } } } }], '{ a: { b: { c: [Object] } } }');
  eq(['%O', 'str'], "'str'");
  eq(['%c', 'color: red'], '');
  eq(['a%cb', 'x', 'y'], 'ab y');
});

test('%% and unknown placeholders', () => {
  eq(['%%', 1], '% 1');
  eq(['%% %s', 'x'], '% x');
  eq(['100%'], '100%');
  eq(['%'], '%');
  eq(['%s%'], '%s%');
  eq(['%x', 1], '%x 1');
  eq(['%s %%s', 'a', 'b'], 'a %s b');
});

test('extra arguments and non-string first argument', () => {
  eq(['%s %s', 'a', 'b', 'c', { d: 1 }], 'a b c { d: 1 }');
  eq([1, 2, 'three'], '1 2 three');
  eq([{ a: 1 }, 'x'], '{ a: 1 } x');
  eq(['no args'], 'no args');
  eq([], '');
  eq(['%s'], '%s');
  eq(['a', 'b'], 'a b');
  eq(['%s', '%s', 'x'], '%s x');
});

test('formatWithOptions', () => {
  assert.strictEqual(formatWithOptions({ colors: true }, 'a %s %O', 'x', { a: 1 }, 2),
                     'a x { a: \x1b[33m1\x1b[39m } \x1b[33m2\x1b[39m');
  assert.strictEqual(formatWithOptions({ depth: 0 }, { a: { b: 1 } }), '{ a: [Object] }');
  assert.strictEqual(formatWithOptions({ compact: false }, '%s', { a: 1 }), '{ a: 1 }');
  assert.throws(() => formatWithOptions(null, 'x'), {
    code: 'ERR_INVALID_ARG_TYPE',
    name: 'TypeError',
  });
});
