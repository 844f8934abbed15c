'use strict';
// Deep equality through assert.deepEqual / deepStrictEqual: Node 20's loose
// and strict semantics.
const test = require('node:test');
const assert = require('node:assert');

function looseEqual(a, b) {
  try {
    assert.deepEqual(a, b);
  } catch {
    return false;
  }
  assert.throws(() => assert.notDeepEqual(a, b), { code: 'ERR_ASSERTION' });
  return true;
}

function strictEqual(a, b) {
  try {
    assert.deepStrictEqual(a, b);
  } catch {
    return false;
  }
  assert.throws(() => assert.notDeepStrictEqual(a, b), { code: 'ERR_ASSERTION' });
  return true;
}

// [a, b, loose, strict]; every pair is also checked the other way round.
function check(cases) {
  cases.forEach(([a, b, loose, strict], i) => {
    for (const [x, y] of [[a, b], [b, a]]) {
      assert.strictEqual(looseEqual(x, y), loose, `case ${i}: deepEqual`);
      assert.strictEqual(strictEqual(x, y), strict, `case ${i}: deepStrictEqual`);
    }
  });
}

test('primitives', () => {
  check([
    [1, 1, true, true],
    [1, '1', true, false],
    [NaN, NaN, true, true],
    [0, -0, true, false],
    [null, undefined, true, false],
    [1n, 1n, true, true],
    [Symbol.iterator, Symbol.iterator, true, true],
    [Symbol('a'), Symbol('a'), false, false],
  ]);
});

test('objects and arrays', () => {
  class Foo {
    constructor() {
      this.a = 1;
    }
  }
  const withExtra = [1];
  withExtra.extra = true;
  check([
    [{ a: 1 }, { a: 1 }, true, true],
    [{ a: 1 }, { a: '1' }, true, false],
    [{ a: 1 }, { b: 1 }, false, false],
    [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }, true, true],
    [new Foo(), { a: 1 }, true, false],
    [Object.create(null), {}, true, false],
    [[1, 2], [1, 2], true, true],
    [[1, 2, 3], { 0: 1, 1: 2, 2: 3, length: 3 }, false, false],
    [withExtra, [1], false, false],
    [[0], [-0], true, false],
    [[NaN], [NaN], true, true],
    [{}, [], false, false],
  ]);
});

test('holes in arrays', () => {
  // eslint-disable-next-line no-sparse-arrays
  check([
    [[1, , 3], [1, , 3], true, true],
    [[1, , 3], [1, undefined, 3], false, false],
    [new Array(3), new Array(3), true, true],
  ]);
});

test('symbol keys count only in strict mode', () => {
  const s = Symbol('s');
  const hidden = {};
  Object.defineProperty(hidden, s, { value: 1, enumerable: false });
  check([
    [{ [s]: 1 }, { [s]: 1 }, true, true],
    [{ [s]: 1 }, { [s]: 2 }, true, false],
    [{ [s]: 1 }, {}, true, false],
    [hidden, {}, true, true],
  ]);
});

test('Symbol.toStringTag and prototypes', () => {
  check([
    [{ [Symbol.toStringTag]: 'X' }, {}, false, false],
    [Object.create({ x: 1 }), Object.create({ x: 2 }), true, false],
  ]);
});

test('Date, RegExp and boxed primitives', () => {
  const lastIndex = /a/g;
  lastIndex.lastIndex = 2;
  check([
    [new Date(1), new Date(1), true, true],
    [new Date(1), new Date(2), false, false],
    [new Date(NaN), new Date(NaN), false, false],
    [/a/g, /a/g, true, true],
    [/a/g, /a/i, false, false],
    [/a/, /b/, false, false],
    [lastIndex, /a/g, false, false],
    [new Number(1), new Number(1), true, true],
    [new Number(1), new Number(2), false, false],
    [new Number(1), 1, false, false],
    [new String('a'), new String('a'), true, true],
    [new Boolean(true), new Boolean(false), false, false],
    [Object(1n), Object(1n), true, true],
  ]);
});

test('errors compare name and message, not the stack', () => {
  const withProp = new Error('x');
  withProp.extra = 1;
  check([
    [new Error('x'), new Error('x'), true, true],
    [new Error('x'), new Error('y'), false, false],
    [new Error('x'), new TypeError('x'), false, false],
    [withProp, new Error('x'), false, false],
    [new Error('x', { cause: 1 }), new Error('x', { cause: 1 }), true, true],
    [new Error('x', { cause: 1 }), new Error('x', { cause: 2 }), false, false],
  ]);
});

test('Map and Set', () => {
  check([
    [new Map([[1, 2]]), new Map([[1, 2]]), true, true],
    [new Map([[1, 2]]), new Map([['1', 2]]), true, false],
    [new Map([[1, { a: 1 }]]), new Map([[1, { a: '1' }]]), true, false],
    [new Map([[{ a: 1 }, 2]]), new Map([[{ a: 1 }, 2]]), true, true],
    [new Map([[{ a: 1 }, 2]]), new Map([[{ a: 1 }, 3]]), false, false],
    [new Map([[null, 1]]), new Map([[undefined, 1]]), true, false],
    [new Set([1, 2]), new Set([2, 1]), true, true],
    [new Set([1]), new Set([2]), false, false],
    [new Set(['1']), new Set([1]), true, false],
    [new Set([{ a: 1 }, { a: 2 }]), new Set([{ a: 2 }, { a: 1 }]), true, true],
    [new Set([{ a: 1 }]), new Set([{ a: 2 }]), false, false],
    [new Set([1, {}]), new Set([1, 2]), false, false],
    [new Map(), new Set(), false, false],
  ]);
});

test('typed arrays and ArrayBuffer', () => {
  check([
    [new Uint8Array([1, 2]), new Uint8Array([1, 2]), true, true],
    [new Uint8Array([1, 2]), new Uint8Array([1, 3]), false, false],
    [new Uint8Array([1, 2]), new Int8Array([1, 2]), false, false],
    [new Float64Array([0]), new Float64Array([-0]), true, false],
    [new Float64Array([NaN]), new Float64Array([NaN]), false, true],
    [new ArrayBuffer(2), new ArrayBuffer(2), true, true],
    [new ArrayBuffer(2), new ArrayBuffer(3), false, false],
    [new Uint16Array([1]), new Uint16Array([1, 0]), false, false],
  ]);
});

test('cycles', () => {
  const a = { x: 1 };
  a.self = a;
  const b = { x: 1 };
  b.self = b;
  const c = { x: 2 };
  c.self = c;
  const list1 = [1];
  list1.push(list1);
  const list2 = [1];
  list2.push(list2);
  check([
    [a, b, true, true],
    [a, c, false, false],
    [list1, list2, true, true],
  ]);
});

test('functions and other objects compare by identity', () => {
  const f = () => {};
  check([
    [f, f, true, true],
    [function g() {}, function g() {}, false, false],
    [new WeakMap(), new WeakMap(), true, true],
  ]);
});
