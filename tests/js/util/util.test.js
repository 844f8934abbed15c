'use strict';
// The util module: helpers, util.types brand checks and parseArgs.

const { test, describe } = require('node:test');
const assert = require('node:assert');
const util = require('node:util');

describe('inherits', () => {
  test('links prototypes and sets super_', () => {
    function A() {}
    A.prototype.hi = () => 'hi';
    function B() {}
    util.inherits(B, A);
    assert.strictEqual(B.super_, A);
    assert.strictEqual(new B().hi(), 'hi');
    assert.ok(new B() instanceof A);
  });

  test('validates arguments', () => {
    assert.throws(() => util.inherits(function() {}, null), {
      code: 'ERR_INVALID_ARG_TYPE',
      message: 'The "superCtor" argument must be of type function. Received null',
    });
    assert.throws(() => util.inherits(null, function() {}), { code: 'ERR_INVALID_ARG_TYPE' });
    assert.throws(() => util.inherits(function() {}, {}), {
      code: 'ERR_INVALID_ARG_TYPE',
      message: 'The "superCtor.prototype" property must be of type object. Received undefined',
    });
  });
});

describe('promisify', () => {
  test('resolves with the first result and rejects with the error', async () => {
    const add = util.promisify((a, b, cb) => cb(null, a + b, 'ignored'));
    assert.strictEqual(await add(1, 2), 3);
    const fail = util.promisify((cb) => cb(new Error('nope')));
    await assert.rejects(fail(), { message: 'nope' });
  });

  test('keeps this and own properties', async () => {
    function method(cb) {
      cb(null, this.v);
    }
    method.extra = 1;
    const p = util.promisify(method);
    assert.strictEqual(p.extra, 1);
    assert.strictEqual(await p.call({ v: 7 }), 7);
    assert.strictEqual(p[util.promisify.custom], p);
    assert.strictEqual(util.promisify(p), p);
  });

  test('util.promisify.custom', () => {
    assert.strictEqual(util.promisify.custom, Symbol.for('nodejs.util.promisify.custom'));
    const custom = () => Promise.resolve(5);
    function orig() {}
    orig[util.promisify.custom] = custom;
    assert.strictEqual(util.promisify(orig), custom);
    function bad() {}
    bad[util.promisify.custom] = 1;
    assert.throws(() => util.promisify(bad), {
      code: 'ERR_INVALID_ARG_TYPE',
      message: 'The "util.promisify.custom" property must be of type function. Received type number (1)',
    });
    assert.throws(() => util.promisify(1), {
      code: 'ERR_INVALID_ARG_TYPE',
      message: 'The "original" argument must be of type function. Received type number (1)',
    });
  });
});

describe('callbackify', () => {
  test('passes results and errors to the callback', async () => {
    async function double(x) {
      return x * 2;
    }
    const cb = util.callbackify(double);
    assert.strictEqual(cb.name, 'doubleCallbackified');
    assert.strictEqual(cb.length, 2);
    const result = await new Promise((resolve) => cb(21, (err, v) => resolve([err, v])));
    assert.deepStrictEqual(result, [null, 42]);
    const failing = util.callbackify(async () => { throw new Error('bad'); });
    const err = await new Promise((resolve) => failing((e) => resolve(e)));
    assert.strictEqual(err.message, 'bad');
  });

  test('wraps falsy rejections', async () => {
    const failing = util.callbackify(() => Promise.reject(null));
    const err = await new Promise((resolve) => failing((e) => resolve(e)));
    assert.strictEqual(err.code, 'ERR_FALSY_VALUE_REJECTION');
    assert.strictEqual(err.reason, null);
    assert.strictEqual(err.message, 'Promise was rejected with falsy value');
  });

  test('validates the last argument', () => {
    const fn = util.callbackify(async () => {});
    assert.throws(() => fn(1), {
      code: 'ERR_INVALID_ARG_TYPE',
      message: 'The last argument must be of type function. Received type number (1)',
    });
  });
});

describe('deprecate', () => {
  test('warns once per code', () => {
    const warnings = [];
    const saved = process.emitWarning;
    process.emitWarning = (...args) => warnings.push(args.slice(0, 3));
    try {
      const a = util.deprecate((x) => x + 1, 'a is old', 'DEP_ANODE_TEST1');
      const b = util.deprecate(() => 2, 'b is old', 'DEP_ANODE_TEST1');
      const c = util.deprecate(() => 3, 'c is old');
      assert.strictEqual(a(1), 2);
      a(1);
      b();
      c();
      c();
      assert.deepStrictEqual(warnings, [
        ['a is old', 'DeprecationWarning', 'DEP_ANODE_TEST1'],
        ['c is old', 'DeprecationWarning', warnings[1][2]],
      ]);
      assert.strictEqual(typeof warnings[1][2], 'function');
    } finally {
      process.emitWarning = saved;
    }
  });

  test('wraps constructors', () => {
    const saved = process.emitWarning;
    process.emitWarning = () => {};
    try {
      class K {
        constructor(v) {
          this.v = v;
        }
      }
      const D = util.deprecate(K, 'K is old');
      const k = new D(4);
      assert.strictEqual(k.v, 4);
      assert.ok(k instanceof D);
      assert.ok(k instanceof K);
    } finally {
      process.emitWarning = saved;
    }
  });
});

describe('util.types', () => {
  const { types } = util;
  test('collections, dates, regexps', () => {
    assert.strictEqual(types.isMap(new Map()), true);
    assert.strictEqual(types.isMap({ [Symbol.toStringTag]: 'Map' }), false);
    assert.strictEqual(types.isMap(Object.create(Map.prototype)), false);
    assert.strictEqual(types.isSet(new Set()), true);
    assert.strictEqual(types.isSet(new Map()), false);
    assert.strictEqual(types.isWeakMap(new WeakMap()), true);
    assert.strictEqual(types.isWeakSet(new WeakSet()), true);
    assert.strictEqual(types.isWeakSet(new WeakMap()), false);
    assert.strictEqual(types.isDate(new Date()), true);
    assert.strictEqual(types.isDate({ __proto__: Date.prototype }), false);
    assert.strictEqual(types.isRegExp(/x/), true);
    assert.strictEqual(types.isRegExp(RegExp.prototype), false);
    assert.strictEqual(types.isMapIterator(new Map().keys()), true);
    assert.strictEqual(types.isMapIterator(new Set().keys()), false);
    assert.strictEqual(types.isSetIterator(new Set().values()), true);
  });

  test('buffers and typed arrays', () => {
    assert.strictEqual(types.isTypedArray(new Uint8Array(1)), true);
    assert.strictEqual(types.isTypedArray([]), false);
    assert.strictEqual(types.isUint8Array(new Uint8Array(1)), true);
    assert.strictEqual(types.isUint8Array(new Int8Array(1)), false);
    assert.strictEqual(types.isFloat64Array(new Float64Array(1)), true);
    assert.strictEqual(types.isBigInt64Array(new BigInt64Array(1)), true);
    assert.strictEqual(types.isArrayBuffer(new ArrayBuffer(1)), true);
    assert.strictEqual(types.isAnyArrayBuffer(new ArrayBuffer(1)), true);
    assert.strictEqual(types.isArrayBuffer(new Uint8Array(1)), false);
    assert.strictEqual(types.isDataView(new DataView(new ArrayBuffer(1))), true);
    assert.strictEqual(types.isArrayBufferView(new DataView(new ArrayBuffer(1))), true);
  });

  test('functions, generators and promises', () => {
    assert.strictEqual(types.isAsyncFunction(async () => {}), true);
    assert.strictEqual(types.isAsyncFunction(async function* () {}), true);
    assert.strictEqual(types.isAsyncFunction(() => {}), false);
    assert.strictEqual(types.isGeneratorFunction(function* () {}), true);
    assert.strictEqual(types.isGeneratorFunction(function() {}), false);
    assert.strictEqual(types.isGeneratorObject((function* () {})()), true);
    assert.strictEqual(types.isGeneratorObject({}), false);
    assert.strictEqual(types.isPromise(Promise.resolve()), true);
    assert.strictEqual(types.isPromise({ then() {} }), false);
  });

  test('boxed primitives, errors, arguments', () => {
    assert.strictEqual(types.isNumberObject(new Number(1)), true);
    assert.strictEqual(types.isNumberObject(1), false);
    assert.strictEqual(types.isStringObject(new String('')), true);
    assert.strictEqual(types.isBooleanObject(new Boolean(false)), true);
    assert.strictEqual(types.isBigIntObject(Object(1n)), true);
    assert.strictEqual(types.isSymbolObject(Object(Symbol())), true);
    assert.strictEqual(types.isBoxedPrimitive(new String('')), true);
    assert.strictEqual(types.isBoxedPrimitive({}), false);
    assert.strictEqual(types.isNativeError(new TypeError()), true);
    assert.strictEqual(types.isNativeError({ __proto__: Error.prototype }), false);
    assert.strictEqual(types.isArgumentsObject((function() { return arguments; })()), true);
    assert.strictEqual(types.isArgumentsObject([]), false);
  });
});

describe('parseArgs', () => {
  const { parseArgs } = util;
  test('options, shorts and positionals', () => {
    const r = parseArgs({
      args: ['-f', '--bar', 'b', 'pos'],
      options: { foo: { type: 'boolean', short: 'f' }, bar: { type: 'string' } },
      allowPositionals: true,
    });
    assert.deepStrictEqual(r, {
      values: { __proto__: null, foo: true, bar: 'b' },
      positionals: ['pos'],
    });
  });

  test('short groups, inline values and tokens', () => {
    const r = parseArgs({
      args: ['-abcX', '--d=1', '--', '--x'],
      options: {
        a: { type: 'boolean' },
        b: { type: 'boolean' },
        c: { type: 'string' },
        d: { type: 'string', multiple: true },
      },
      allowPositionals: true,
      tokens: true,
    });
    assert.deepStrictEqual(r.values, { __proto__: null, a: true, b: true, c: 'X', d: ['1'] });
    assert.deepStrictEqual(r.positionals, ['--x']);
    assert.deepStrictEqual(r.tokens, [
      { kind: 'option', name: 'a', rawName: '-a', index: 0, value: undefined, inlineValue: undefined },
      { kind: 'option', name: 'b', rawName: '-b', index: 0, value: undefined, inlineValue: undefined },
      { kind: 'option', name: 'c', rawName: '-c', index: 0, value: 'X', inlineValue: true },
      { kind: 'option', name: 'd', rawName: '--d', index: 1, value: '1', inlineValue: true },
      { kind: 'option-terminator', index: 2 },
      { kind: 'positional', index: 3, value: '--x' },
    ]);
  });

  test('defaults and non-strict mode', () => {
    assert.deepStrictEqual(parseArgs({
      args: [],
      options: { a: { type: 'boolean', default: true }, s: { type: 'string', multiple: true, default: ['z'] } },
    }).values, { __proto__: null, a: true, s: ['z'] });
    assert.deepStrictEqual(parseArgs({ args: ['--x', 'y', '-z'], strict: false }), {
      values: { __proto__: null, x: true, z: true },
      positionals: ['y'],
    });
  });

  test('errors', () => {
    assert.throws(() => parseArgs({ args: ['--unknown'], options: {} }), {
      code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION',
      message: "Unknown option '--unknown'",
    });
    assert.throws(() => parseArgs({ args: ['--unknown'], options: {}, allowPositionals: true }), {
      code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION',
      message: "Unknown option '--unknown'. To specify a positional argument starting with a '-', " +
        "place it at the end of the command after '--', as in '-- \"--unknown\"",
    });
    assert.throws(() => parseArgs({ args: ['pos'], options: {} }), {
      code: 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
      message: "Unexpected argument 'pos'. This command does not take positional arguments",
    });
    assert.throws(() => parseArgs({ args: ['--s'], options: { s: { type: 'string', short: 'S' } } }), {
      code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
      message: "Option '-S, --s <value>' argument missing",
    });
    assert.throws(() => parseArgs({ args: ['--b=1'], options: { b: { type: 'boolean' } } }), {
      code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
      message: "Option '--b' does not take an argument",
    });
    assert.throws(() => parseArgs({ args: ['-s', '-x'], options: { s: { type: 'string', short: 's' } } }), {
      code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
      message: "Option '-s' argument is ambiguous.\nDid you forget to specify the option argument for '-s'?\n" +
        "To specify an option argument starting with a dash use '--s=-XYZ' or '-s-XYZ'.",
    });
    assert.throws(() => parseArgs({ args: [], options: { a: { type: 'strin' } } }), {
      code: 'ERR_INVALID_ARG_TYPE',
      message: "The \"options.a.type\" property must be ('string|boolean'). Received type string ('strin')",
    });
    assert.throws(() => parseArgs({ args: [], options: { a: { type: 'string', short: 'ab' } } }), {
      code: 'ERR_INVALID_ARG_VALUE',
      message: "The property 'options.a.short' must be a single character. Received 'ab'",
    });
  });
});

describe('misc helpers', () => {
  test('isDeepStrictEqual', () => {
    assert.strictEqual(util.isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), true);
    assert.strictEqual(util.isDeepStrictEqual({ a: 1 }, { a: '1' }), false);
  });

  test('styleText', () => {
    assert.strictEqual(util.styleText('red', 'x', { validateStream: false }), '\x1b[31mx\x1b[39m');
    assert.strictEqual(util.styleText(['bold', 'red'], 'x'), '\x1b[1m\x1b[31mx\x1b[39m\x1b[22m');
    assert.throws(() => util.styleText('nope', 'x'), { code: 'ERR_INVALID_ARG_VALUE' });
    assert.throws(() => util.styleText('red', 1), { code: 'ERR_INVALID_ARG_TYPE' });
  });

  test('stripVTControlCharacters and toUSVString', () => {
    assert.strictEqual(util.stripVTControlCharacters('\x1b[31mred\x1b[39m \x1b]8;;http://x\x07l'), 'red l');
    assert.strictEqual(util.toUSVString('a\ud800b\udc00'), 'a\ufffdb\ufffd');
    assert.strictEqual(util.toUSVString('\ud83d\ude00'), '\ud83d\ude00');
  });

  test('getSystemErrorName', () => {
    assert.strictEqual(util.getSystemErrorName(-2), 'ENOENT');
    assert.throws(() => util.getSystemErrorName(1), {
      code: 'ERR_OUT_OF_RANGE',
      message: 'The value of "err" is out of range. It must be a negative integer. Received 1',
    });
    assert.throws(() => util.getSystemErrorName('x'), { code: 'ERR_INVALID_ARG_TYPE' });
  });

  test('debuglog is disabled for unknown sections', () => {
    const log = util.debuglog('anode_test_section_unused');
    assert.strictEqual(log.enabled, false);
    log('nothing');
    assert.strictEqual(util.debug, util.debuglog);
  });

  test('legacy type predicates', () => {
    assert.strictEqual(util.isArray([]), true);
    assert.strictEqual(util.isBoolean(false), true);
    assert.strictEqual(util.isNull(null), true);
    assert.strictEqual(util.isNullOrUndefined(undefined), true);
    assert.strictEqual(util.isNumber(1), true);
    assert.strictEqual(util.isString(''), true);
    assert.strictEqual(util.isSymbol(Symbol()), true);
    assert.strictEqual(util.isUndefined(undefined), true);
    assert.strictEqual(util.isRegExp(/x/), true);
    assert.strictEqual(util.isObject({}), true);
    assert.strictEqual(util.isObject(null), false);
    assert.strictEqual(util.isDate(new Date()), true);
    assert.strictEqual(util.isError(new Error()), true);
    assert.strictEqual(util.isFunction(() => {}), true);
    assert.strictEqual(util.isPrimitive(1), true);
    assert.strictEqual(util.isPrimitive({}), false);
    assert.deepStrictEqual(util._extend({ a: 1 }, { b: 2 }), { a: 1, b: 2 });
  });

  test('exports inspect and format', () => {
    assert.strictEqual(typeof util.inspect, 'function');
    assert.strictEqual(util.format('%s=%d', 'a', 1), 'a=1');
    assert.strictEqual(util.inspect.custom, Symbol.for('nodejs.util.inspect.custom'));
  });
});
