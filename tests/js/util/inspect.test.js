'use strict';
// util.inspect: exact output for the value kinds Node 20 prints specially.
// Every expected string is Node 20's real output.

const { test, describe } = require('node:test');
const assert = require('node:assert');
const util = require('node:util');

const { inspect } = util;
const check = (value, expected, opts) =>
  assert.strictEqual(opts === undefined ? inspect(value) : inspect(value, opts), expected);

describe('primitives', () => {
  test('numbers, bigint, booleans, nullish', () => {
    check(1, '1');
    check(-0, '-0');
    check(0, '0');
    check(NaN, 'NaN');
    check(-Infinity, '-Infinity');
    check(1.5e300, '1.5e+300');
    check(10n, '10n');
    check(-5n, '-5n');
    check(true, 'true');
    check(undefined, 'undefined');
    check(null, 'null');
  });

  test('strings are quoted and escaped', () => {
    check('abc', "'abc'");
    check('', "''");
    check("it's", `"it's"`);
    check('it\'s "q"', '`it\'s "q"`');
    check('it\'s "q" `b`', "'it\\'s \"q\" `b`'");
    check('a\nb\tc\x00\x7f\x9f\\', "'a\\nb\\tc\\x00\\x7F\\x9F\\\\'");
    check('\b\f\r\x0b\x1b', "'\\b\\f\\r\\x0B\\x1B'");
    check('a\ud800b', "'a\\ud800b'");
    check('\ud83d\ude00', "'\ud83d\ude00'");
    check('é中文', "'é中文'");
  });

  test('symbols', () => {
    check(Symbol('s'), 'Symbol(s)');
    check(Symbol(), 'Symbol()');
    check(Symbol.iterator, 'Symbol(Symbol.iterator)');
  });

  test('long strings split on newlines', () => {
    check('line one is here\n'.repeat(3) + 'end of the text that is long enough to break',
          "'line one is here\\n' +\n  'line one is here\\n' +\n  'line one is here\\n' +\n" +
          "  'end of the text that is long enough to break'");
    check({ a: { b: 'line one is here\n'.repeat(5) } },
          "{\n  a: {\n    b: 'line one is here\\n' +\n      'line one is here\\n' +\n" +
          "      'line one is here\\n' +\n      'line one is here\\n' +\n" +
          "      'line one is here\\n'\n  }\n}");
    check('short\nstr', "'short\\nstr'");
  });

  test('maxStringLength', () => {
    check('abcdefgh', "'abc'... 5 more characters", { maxStringLength: 3 });
    check('abcd', "'abc'... 1 more character", { maxStringLength: 3 });
    check('abcd', "'abcd'", { maxStringLength: null });
  });

  test('numericSeparator', () => {
    check([1234567.891, 123, -1234567, 12345678901234567890n, 0.0001234],
          '[\n  1_234_567.891,\n  123,\n  -1_234_567,\n  12_345_678_901_234_567_890n,\n' +
          '  0.000_123_4\n]',
          { numericSeparator: true });
    check(1234.5678, '1_234.567_8', { numericSeparator: true });
  });
});

describe('objects', () => {
  test('plain objects and keys', () => {
    check({}, '{}');
    check({ a: 1, b: 'x', c: [1, 2, 3] }, "{ a: 1, b: 'x', c: [ 1, 2, 3 ] }");
    check({ 'a-b': 1, 0: 2, valid_id: 3, $d: 4, 'ü': 5 },
          "{ '0': 2, 'a-b': 1, valid_id: 3, '$d': 4, 'ü': 5 }");
    check(JSON.parse('{"__proto__": 1}'), "{ ['__proto__']: 1 }");
    check({ "it's": 1 }, `{ "it's": 1 }`);
  });

  test('nesting and depth', () => {
    check({ a: { b: { c: { d: { e: 1 } } } } }, '{ a: { b: { c: [Object] } } }');
    check({ a: { b: { c: { d: 1 } } } }, '{\n  a: { b: { c: { d: 1 } } }\n}', { depth: 5 });
    check([[[[[1]]]]], '[ [ [ [Array] ] ] ]');
    check({ a: { b: 1 }, c: [1] }, '{ a: [Object], c: [Array] }', { depth: 0 });
    check({ a: { b: { c: { d: { e: 1 } } } } },
          '{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}', { depth: Infinity });
    check({ a: { b: { c: { d: { e: 1 } } } } },
          '{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}', { depth: null });
    check({ a: { b: { c: {} } } }, '{ a: { b: { c: {} } } }');
  });

  test('legacy positional arguments', () => {
    assert.strictEqual(inspect({ a: { b: { c: { d: 1 } } } }, false, 0), '{ a: [Object] }');
    assert.strictEqual(inspect({ a: { b: { c: { d: 1 } } } }, false, null),
                       '{\n  a: { b: { c: { d: 1 } } }\n}');
  });

  test('line breaking at breakLength 80', () => {
    check({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbb', gamma: 'cccccccccc',
            delta: 'dddddddddd', epsilon: 1 },
          "{\n  alpha: 'aaaaaaaaaa',\n  beta: 'bbbbbbbbbb',\n  gamma: 'cccccccccc',\n" +
          "  delta: 'dddddddddd',\n  epsilon: 1\n}");
    check({ a: 'aaaa', b: 'bbbb', c: 'cccc' }, "{\n  a: 'aaaa',\n  b: 'bbbb',\n  c: 'cccc'\n}",
          { breakLength: 20 });
    check(Object.fromEntries(Array.from({ length: 30 }, (_, i) => ['k' + i, i])),
          '{\n' + Array.from({ length: 30 }, (_, i) => `  k${i}: ${i}`).join(',\n') + '\n}');
  });

  test('compact option', () => {
    const value = { a: 1, b: { c: [1, 2] } };
    check(value, '{\n  a: 1,\n  b: {\n    c: [\n      1,\n      2\n    ]\n  }\n}',
          { compact: false });
    check(value, '{ a: 1, b: { c: [ 1, 2 ] } }', { compact: true });
    check(value, '{\n  a: 1,\n  b: {\n    c: [ 1, 2 ]\n  }\n}', { compact: 1 });
    check({ a: 'x'.repeat(50), b: { c: 'y'.repeat(60) }, d: [1, 2, 3] },
          `{ a: '${'x'.repeat(50)}',\n  b: { c: '${'y'.repeat(60)}' },\n` +
          '  d: [ 1, 2, 3 ] }', { compact: true });
  });

  test('sorted', () => {
    check({ c: 1, a: 2, b: 3 }, '{ a: 2, b: 3, c: 1 }', { sorted: true });
    const arr = [3, 1, 2];
    arr.z = 1;
    arr.y = 2;
    check(arr, '[ 3, 1, 2, y: 2, z: 1 ]', { sorted: true });
    check({ a: 1, b: 2 }, '{ b: 2, a: 1 }', { sorted: (x, y) => (x < y ? 1 : -1) });
  });

  test('class instances, tags and null prototypes', () => {
    class Foo {
      constructor() {
        this.a = 1;
      }
    }
    class Empty {}
    check(new Foo(), 'Foo { a: 1 }');
    check(new Empty(), 'Empty {}');
    check([new Foo(), new Foo()], '[ Foo { a: 1 }, Foo { a: 1 } ]');
    check({ a: { b: { c: new Foo() } } }, '{ a: { b: { c: [Foo] } } }');
    check(Object.create(null), '[Object: null prototype] {}');
    check(Object.assign(Object.create(null), { a: 1 }), '[Object: null prototype] { a: 1 }');
    check({ [Symbol.toStringTag]: 'Tagged', a: 1 },
          "{ a: 1, [Symbol(Symbol.toStringTag)]: 'Tagged' }");
    class Tagged {
      get [Symbol.toStringTag]() {
        return 'Bar';
      }
    }
    check(new Tagged(), 'Tagged [Bar] {}');
    check(Object.create({ x: 1 }), '{}');
    check(Object.create(Object.create(null)), 'Object <[Object: null prototype] {}> {}');
  });

  test('symbol keys and hidden properties', () => {
    check({ [Symbol('a')]: 1, b: 2 }, '{ b: 2, [Symbol(a)]: 1 }');
    const o = Object.defineProperty({ a: 1 }, 'b', { value: 2 });
    check(o, '{ a: 1 }');
    check(o, '{ a: 1, [b]: 2 }', { showHidden: true });
    check([1, 2], '[ 1, 2, [length]: 2 ]', { showHidden: true });
  });

  test('getters and setters', () => {
    const o = {
      get a() { return 1; },
      set b(v) {},
      get c() { return 2; },
      set c(v) {},
    };
    check(o, '{ a: [Getter], b: [Setter], c: [Getter/Setter] }');
    check(o, '{ a: [Getter: 1], b: [Setter], c: [Getter/Setter: 2] }', { getters: true });
    check(o, '{ a: [Getter: 1], b: [Setter], c: [Getter/Setter] }', { getters: 'get' });
    check(o, '{ a: [Getter], b: [Setter], c: [Getter/Setter: 2] }', { getters: 'set' });
    check({ get o() { return { x: 1 }; }, get n() { return null; },
            get t() { throw new Error('boom'); } },
          '{\n  o: [Getter] { x: 1 },\n  n: [Getter: null],\n' +
          '  t: [Getter: <Inspection threw (boom)>]\n}', { getters: true });
  });

  test('circular references', () => {
    const o = { a: 1 };
    o.self = o;
    check(o, '<ref *1> { a: 1, self: [Circular *1] }');
    const p = { a: {} };
    p.a.b = p;
    p.a.c = p.a;
    check(p, '<ref *1> { a: <ref *2> { b: [Circular *1], c: [Circular *2] } }');
    const arr = [1];
    arr.push(arr);
    check(arr, '<ref *1> [ 1, [Circular *1] ]');
    const m = new Map();
    m.set('m', m);
    check(m, "<ref *1> Map(1) { 'm' => [Circular *1] }");
  });

  test('boxed primitives', () => {
    check([new Number(3), new String('ab'), new Boolean(false), Object(1n), Object(Symbol('q'))],
          "[\n  [Number: 3],\n  [String: 'ab'],\n  [Boolean: false],\n  [BigInt: 1n],\n" +
          '  [Symbol: Symbol(q)]\n]');
    check(new Number(-0), '[Number: -0]');
    const s = new String('ab');
    s.x = 1;
    check(s, "[String: 'ab'] { x: 1 }");
    check(new String('ab'), "[String: 'ab'] { [length]: 2 }", { showHidden: true });
  });

  test('arguments object', () => {
    check((function() { return arguments; })(1, 'a'), "[Arguments] { '0': 1, '1': 'a' }");
  });

  test('inspect.custom', () => {
    check({ [inspect.custom]() { return 'CUSTOM'; } }, 'CUSTOM');
    check({ a: { [inspect.custom]() { return { x: [1, 2] }; } } }, '{ a: { x: [ 1, 2 ] } }');
    check({ a: { [inspect.custom]() { return 'l1\nl2'; } } }, '{\n  a: l1\n  l2\n}');
    const seen = [];
    inspect({ a: { b: { [inspect.custom](depth, options, insp) {
      seen.push(depth, typeof options.stylize, options.foo, insp === inspect);
      return 'x';
    } } } }, { foo: 42 });
    assert.deepStrictEqual(seen, [0, 'function', 42, true]);
    check({ [inspect.custom]() { return 'C'; }, a: 1 },
          '{\n  a: 1,\n' +
          '  [Symbol(nodejs.util.inspect.custom)]: [Function: [nodejs.util.inspect.custom]]\n}',
          { customInspect: false });
    assert.strictEqual(inspect.custom, Symbol.for('nodejs.util.inspect.custom'));
  });
});

describe('arrays', () => {
  test('holes', () => {
    check([], '[]');
    check([1, , 3, , , 6], '[ 1, <1 empty item>, 3, <2 empty items>, 6 ]');
    check(new Array(5), '[ <5 empty items> ]');
    const a = [1, 2];
    a.length = 10;
    a[5] = 1;
    check(a, '[ 1, 2, <3 empty items>, 1, <4 empty items> ]');
  });

  test('extra properties', () => {
    const a = [1, 2];
    a.foo = 'bar';
    check(a, "[ 1, 2, foo: 'bar' ]");
  });

  test('more than 6 items are grouped into columns', () => {
    check([1, 2, 3, 4, 5, 6, 7], '[\n  1, 2, 3, 4,\n  5, 6, 7\n]');
    check(Array.from({ length: 26 }, (_, i) => i * 7),
          '[\n    0,   7,  14,  21,  28,  35,  42,\n   49,  56,  63,  70,  77,  84,  91,\n' +
          '   98, 105, 112, 119, 126, 133, 140,\n  147, 154, 161, 168, 175\n]');
    check(Array.from({ length: 12 }, (_, i) => 'item' + i),
          "[\n  'item0',  'item1',\n  'item2',  'item3',\n  'item4',  'item5',\n" +
          "  'item6',  'item7',\n  'item8',  'item9',\n  'item10', 'item11'\n]");
    check({ data: Array.from({ length: 12 }, (_, i) => i * 1000) },
          '{\n  data: [\n       0,  1000,  2000,\n    3000,  4000,  5000,\n' +
          '    6000,  7000,  8000,\n    9000, 10000, 11000\n  ]\n}');
  });

  test('more than 100 items', () => {
    const lines = [];
    for (let i = 0; i < 100; i += 12) {
      lines.push('  ' + Array.from({ length: Math.min(12, 100 - i) },
                                   (_, j) => String(i + j).padStart(2, ' ')).join(', '));
    }
    check(Array.from({ length: 101 }, (_, i) => i),
          '[\n' + lines.join(',\n') + ',\n  ... 1 more item\n]');
    check([1, 2, 3, 4], '[ 1, 2, ... 2 more items ]', { maxArrayLength: 2 });
    check([1, 2, 3, 4], '[ ... 4 more items ]', { maxArrayLength: 0 });
  });

  test('typed arrays and buffers', () => {
    check(new Uint8Array([1, 2, 3]), 'Uint8Array(3) [ 1, 2, 3 ]');
    check(new Float64Array(0), 'Float64Array(0) []');
    check(new BigInt64Array([1n, 2n]), 'BigInt64Array(2) [ 1n, 2n ]');
    check(new Uint8Array(3), 'Uint8Array(3) [ 0, 0, 0 ]', { maxArrayLength: 3 });
    check(new Uint8Array(5), 'Uint8Array(5) [ 0, 0, ... 3 more items ]', { maxArrayLength: 2 });
    check(new Int8Array([1, -1]),
          'Int8Array(2) [\n  1,\n  -1,\n  [BYTES_PER_ELEMENT]: 1,\n  [length]: 2,\n' +
          '  [byteLength]: 2,\n  [byteOffset]: 0,\n  [buffer]: ArrayBuffer { byteLength: 2 }\n]',
          { showHidden: true });
    check(new ArrayBuffer(4), 'ArrayBuffer { [Uint8Contents]: <00 00 00 00>, byteLength: 4 }');
    check(new Uint8Array([1, 255, 16]).buffer,
          'ArrayBuffer { [Uint8Contents]: <01 ff 10>, byteLength: 3 }');
    check(new Uint8Array(5).buffer,
          'ArrayBuffer {\n  [Uint8Contents]: <00 00 ... 3 more bytes>,\n  byteLength: 5\n}',
          { maxArrayLength: 2 });
    check(new DataView(new ArrayBuffer(3), 1),
          'DataView {\n  byteLength: 2,\n  byteOffset: 1,\n' +
          '  buffer: ArrayBuffer { [Uint8Contents]: <00 00 00>, byteLength: 3 }\n}');
  });
});

describe('collections and built-ins', () => {
  test('Map and Set', () => {
    check(new Map([[1, 'a'], ['b', { c: 2 }]]), "Map(2) { 1 => 'a', 'b' => { c: 2 } }");
    check(new Map(), 'Map(0) {}');
    check(new Set([1, 'two', [3]]), "Set(3) { 1, 'two', [ 3 ] }");
    check(new Set(), 'Set(0) {}');
    check(new Set([1, 2, 3]), 'Set(3) { 1, ... 2 more items }', { maxArrayLength: 1 });
    check({ m: new Map([[{ a: 1 }, new Set([1, [2]])]]) },
          '{ m: Map(1) { { a: 1 } => Set(2) { 1, [Array] } } }');
    const m = new Map([[1, 2]]);
    m.x = 1;
    check(m, 'Map(1) { 1 => 2, x: 1 }');
    class MyMap extends Map {}
    check(new MyMap([[1, 2]]), 'MyMap(1) [Map] { 1 => 2 }');
  });

  test('WeakMap and WeakSet', () => {
    check(new WeakMap(), 'WeakMap { <items unknown> }');
    check(new WeakSet(), 'WeakSet { <items unknown> }');
  });

  test('Date and RegExp', () => {
    check(new Date(0), '1970-01-01T00:00:00.000Z');
    check(new Date(NaN), 'Invalid Date');
    const d = new Date(0);
    d.x = 1;
    check(d, '1970-01-01T00:00:00.000Z { x: 1 }');
    check(/ab+c/gi, '/ab+c/gi');
    const r = /x/;
    r.y = 2;
    check(r, '/x/ { y: 2 }');
  });

  test('functions and classes', () => {
    check(function foo() {}, '[Function: foo]');
    check((() => function() {})(), '[Function (anonymous)]');
    check(async function af() {}, '[AsyncFunction: af]');
    check(function* g() {}, '[GeneratorFunction: g]');
    check(async function* ag() {}, '[AsyncGeneratorFunction: ag]');
    check(class Foo {}, '[class Foo]');
    class A {}
    check(class B extends A {}, '[class B extends A]');
    check((0, class {}), '[class (anonymous)]');
    function f() {}
    f.a = 1;
    check(f, '[Function: f] { a: 1 }');
    check({ f() {}, g: class {} }, '{ f: [Function: f], g: [class g] }');
  });

  test('errors', () => {
    const e = new Error('msg');
    e.stack = 'Error: msg\n    at foo (/a/b.js:1:2)\n    at bar (/a/c.js:3:4)';
    check(e, 'Error: msg\n    at foo (/a/b.js:1:2)\n    at bar (/a/c.js:3:4)');
    check({ a: { e } },
          '{\n  a: {\n    e: Error: msg\n        at foo (/a/b.js:1:2)\n' +
          '        at bar (/a/c.js:3:4)\n  }\n}');
    const noFrames = new TypeError('bad');
    noFrames.stack = 'TypeError: bad';
    check(noFrames, '[TypeError: bad]');
    const props = new Error('msg');
    props.stack = 'Error: msg\n    at foo (/a/b.js:1:2)';
    props.code = 'E_X';
    props.extra = { a: 1 };
    check(props, "Error: msg\n    at foo (/a/b.js:1:2) {\n  code: 'E_X',\n  extra: { a: 1 }\n}");
    const bare = new Error('msg');
    bare.stack = 'Error: msg';
    bare.code = 'E_X';
    check(bare, "[Error: msg] { code: 'E_X' }");
    const renamed = new Error('msg');
    renamed.stack = 'Error: msg\n    at foo (/a/b.js:1:2)';
    renamed.name = 'Custom';
    check(renamed, "Error: msg\n    at foo (/a/b.js:1:2) {\n  name: 'Custom'\n}");
    class MyError extends Error {}
    const sub = new MyError('m');
    sub.stack = 'Error: m\n    at x (/f.js:1:1)';
    check(sub, 'MyError: m\n    at x (/f.js:1:1)');
  });

  test('error cause and aggregate errors', () => {
    const inner = new Error('inner');
    inner.stack = 'Error: inner\n    at a (/f.js:1:1)';
    const outer = new Error('outer', { cause: inner });
    outer.stack = 'Error: outer\n    at b (/f.js:2:2)';
    check(outer, 'Error: outer\n    at b (/f.js:2:2) {\n  [cause]: Error: inner\n' +
                 '      at a (/f.js:1:1)\n}');
    const prim = new Error('outer', { cause: 'str' });
    prim.stack = 'Error: outer';
    check(prim, "[Error: outer] { [cause]: 'str' }");
    const agg = new AggregateError([new Error('a')], 'agg');
    agg.stack = 'AggregateError: agg\n    at x (/f.js:1:1)';
    agg.errors[0].stack = 'Error: a\n    at y (/f.js:1:1)';
    check(agg, 'AggregateError: agg\n    at x (/f.js:1:1) {\n  [errors]: [\n' +
               '    Error: a\n        at y (/f.js:1:1)\n  ]\n}');
  });

  test('promises show own properties only', () => {
    const p = Promise.resolve(1);
    p.x = 1;
    // The state is engine knowledge; only the own property is checked.
    assert.match(inspect(p), /^Promise \{[^]*x: 1/);
  });
});

describe('colors and options', () => {
  test('default styles', () => {
    check({ a: 1, b: 'x', c: null, d: undefined, e: Symbol('s'), f: 10n, g: true,
            h: /r/, i: new Date(0), j: function f() {} },
          '{\n  a: \x1b[33m1\x1b[39m,\n  b: \x1b[32m\'x\'\x1b[39m,\n  c: \x1b[1mnull\x1b[22m,\n' +
          '  d: \x1b[90mundefined\x1b[39m,\n  e: \x1b[32mSymbol(s)\x1b[39m,\n' +
          '  f: \x1b[33m10n\x1b[39m,\n  g: \x1b[33mtrue\x1b[39m,\n  h: \x1b[31m/r/\x1b[39m,\n' +
          '  i: \x1b[35m1970-01-01T00:00:00.000Z\x1b[39m,\n  j: \x1b[36m[Function: f]\x1b[39m\n}',
          { colors: true });
    check([1, , 3], '[ \x1b[33m1\x1b[39m, \x1b[90m<1 empty item>\x1b[39m, \x1b[33m3\x1b[39m ]',
          { colors: true });
  });

  test('inspect.colors and inspect.styles', () => {
    assert.deepStrictEqual(inspect.colors.red, [31, 39]);
    assert.deepStrictEqual(inspect.colors.bold, [1, 22]);
    assert.deepStrictEqual(inspect.colors.grey, [90, 39]);
    assert.strictEqual(inspect.styles.number, 'yellow');
    assert.strictEqual(inspect.styles.undefined, 'grey');
    assert.strictEqual(Object.keys(inspect.colors).includes('grey'), false);
  });

  test('defaultOptions', () => {
    assert.deepStrictEqual({ ...inspect.defaultOptions }, {
      showHidden: false,
      depth: 2,
      colors: false,
      customInspect: true,
      showProxy: false,
      maxArrayLength: 100,
      maxStringLength: 10000,
      breakLength: 80,
      compact: 3,
      sorted: false,
      getters: false,
      numericSeparator: false,
    });
    const saved = inspect.defaultOptions.depth;
    inspect.defaultOptions = { depth: 0 };
    try {
      check({ a: { b: 1 } }, '{ a: [Object] }');
    } finally {
      inspect.defaultOptions = { depth: saved };
    }
    check({ a: { b: 1 } }, '{ a: { b: 1 } }');
    assert.throws(() => { inspect.defaultOptions = null; }, { code: 'ERR_INVALID_ARG_TYPE' });
  });
});
