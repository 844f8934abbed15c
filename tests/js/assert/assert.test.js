'use strict';
// node:assert: pass/fail behaviour, AssertionError fields and Node 20's
// message wording and diffs.
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

test('AssertionError fields', () => {
  const err = thrown(() => assert.strictEqual(1, 2));
  assert.ok(err instanceof assert.AssertionError);
  assert.ok(err instanceof Error);
  assert.strictEqual(err.name, 'AssertionError');
  assert.strictEqual(err.code, 'ERR_ASSERTION');
  assert.strictEqual(err.actual, 1);
  assert.strictEqual(err.expected, 2);
  assert.strictEqual(err.operator, 'strictEqual');
  assert.strictEqual(err.generatedMessage, true);
  assert.strictEqual(err.message, 'Expected values to be strictly equal:\n\n1 !== 2\n');
  assert.strictEqual(String(err).split('\n')[0],
                     'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:');
});

test('custom messages and Error messages', () => {
  // Node 20 keeps the diff below a custom message of (deep)strictEqual.
  let err = thrown(() => assert.strictEqual(1, 2, 'custom'));
  assert.strictEqual(err.message, 'custom\n\n1 !== 2\n');
  assert.strictEqual(err.generatedMessage, false);
  err = thrown(() => assert.deepStrictEqual({ a: 1 }, { a: 2 }, 'custom'));
  assert.strictEqual(err.message, 'custom\n+ actual - expected\n\n  {\n+   a: 1\n-   a: 2\n  }');
  assert.strictEqual(thrown(() => assert.notStrictEqual(1, 1, 'custom')).message, 'custom');
  assert.strictEqual(thrown(() => assert.deepEqual(1, 2, 'custom')).message, 'custom');
  const mine = new TypeError('mine');
  assert.strictEqual(thrown(() => assert.deepStrictEqual(1, 2, mine)), mine);
  assert.strictEqual(thrown(() => assert.ok(false, mine)), mine);
});

test('ok', () => {
  assert.ok(1);
  assert(true);
  assert.strictEqual(thrown(() => assert.ok()).message,
                     'No value argument passed to `assert.ok()`');
  // Block bodies: JSC's proper tail calls would drop the frame of an
  // arrow whose body is the call, and with it the source of the message.
  assert.strictEqual(thrown(() => { assert.ok(0); }).message,
                     'The expression evaluated to a falsy value:\n\n  assert.ok(0)\n');
  assert.strictEqual(thrown(() => { assert(null); }).message,
                     'The expression evaluated to a falsy value:\n\n  assert(null)\n');
  assert.strictEqual(thrown(() => assert.ok(false, 'nope')).message, 'nope');
  const err = thrown(() => assert.ok(''));
  assert.strictEqual(err.operator, '==');
  assert.strictEqual(err.expected, true);
});

test('equal and notEqual are loose', () => {
  assert.equal(1, '1');
  assert.equal(NaN, NaN);
  assert.equal(null, undefined);
  assert.notEqual(1, 2);
  assert.strictEqual(thrown(() => assert.equal(1, 2)).message, '1 == 2');
  assert.strictEqual(thrown(() => assert.notEqual(1, '1')).message, "1 != '1'");
  assert.strictEqual(thrown(() => assert.equal(1)).code, 'ERR_MISSING_ARGS');
});

test('strictEqual messages', () => {
  assert.strictEqual(NaN, NaN);
  assert.strictEqual(thrown(() => assert.strictEqual(0, -0)).message,
                     'Expected values to be strictly equal:\n+ actual - expected\n\n+ 0\n- -0');
  assert.strictEqual(thrown(() => assert.strictEqual(1, 2)).message,
                     'Expected values to be strictly equal:\n\n1 !== 2\n');
  assert.strictEqual(thrown(() => assert.strictEqual('hello world', 'hello there')).message,
                     "Expected values to be strictly equal:\n+ actual - expected\n\n+ 'hello world'\n- 'hello there'\n         ^");
  assert.strictEqual(thrown(() => assert.strictEqual({ a: 1 }, { a: 1 })).message,
                     'Values have same structure but are not reference-equal:\n\n{\n  a: 1\n}\n');
  assert.strictEqual(thrown(() => assert.strictEqual([1, 2, 3], [1, 2, 4])).message,
                     'Expected "actual" to be reference-equal to "expected":\n' +
                     '+ actual - expected\n\n  [\n    1,\n    2,\n+   3\n-   4\n  ]');
});

test('notStrictEqual messages', () => {
  assert.notStrictEqual(1, 2);
  assert.strictEqual(thrown(() => assert.notStrictEqual(1, 1)).message,
                     'Expected "actual" to be strictly unequal to: 1');
  assert.strictEqual(thrown(() => assert.notStrictEqual('abcdefgh', 'abcdefgh')).message,
                     "Expected \"actual\" to be strictly unequal to:\n\n'abcdefgh'");
});

test('deepStrictEqual diff', () => {
  assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] });
  assert.strictEqual(thrown(() => assert.deepStrictEqual({ a: 1 }, { a: 2 })).message,
                     'Expected values to be strictly deep-equal:\n+ actual - expected\n\n' +
                     '  {\n+   a: 1\n-   a: 2\n  }');
  assert.strictEqual(
    thrown(() => assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 2, b: [1, 2] })).message,
    'Expected values to be strictly deep-equal:\n+ actual - expected ... Lines skipped\n\n' +
    '  {\n+   a: 1,\n-   a: 2,\n    b: [\n...\n      2\n    ]\n  }');
  assert.strictEqual(thrown(() => assert.deepStrictEqual([1, 2], [1, 2, 3])).message,
                     'Expected values to be strictly deep-equal:\n+ actual - expected\n\n' +
                     '  [\n    1,\n    2,\n-   3\n  ]');
  assert.strictEqual(thrown(() => assert.deepStrictEqual(1, '1')).message,
                     "Expected values to be strictly deep-equal:\n\n1 !== '1'\n");
});

test('deepEqual and notDeep* messages', () => {
  assert.deepEqual({ a: 1 }, { a: '1' });
  assert.strictEqual(thrown(() => assert.deepEqual({ a: 1 }, { a: 2 })).message,
                     'Expected values to be loosely deep-equal:\n\n{\n  a: 1\n}\n\n' +
                     'should loosely deep-equal\n\n{\n  a: 2\n}');
  assert.strictEqual(thrown(() => assert.notDeepEqual({ a: 1 }, { a: 1 })).message,
                     'Expected "actual" not to be loosely deep-equal to:\n\n{\n  a: 1\n}');
  assert.strictEqual(thrown(() => assert.notDeepEqual(1, '1')).message,
                     "Expected values not to be loosely deep-equal:\n\n1\n\n" +
                     "should not loosely deep-equal\n\n'1'");
  assert.strictEqual(thrown(() => assert.notDeepStrictEqual({ a: 1 }, { a: 1 })).message,
                     'Expected "actual" not to be strictly deep-equal to:\n\n{\n  a: 1\n}\n');
  assert.notDeepStrictEqual({ a: 1 }, { a: '1' });
});

test('throws with a class, RegExp, function and object', () => {
  const boom = () => { throw new TypeError('boom'); };
  assert.throws(boom);
  assert.throws(boom, TypeError);
  assert.throws(boom, /boom/);
  assert.throws(boom, (err) => err instanceof TypeError);
  assert.throws(boom, { name: 'TypeError', message: 'boom' });
  assert.throws(boom, { message: /bo+m/ });
  assert.throws(boom, new TypeError('boom'));

  let err = thrown(() => assert.throws(boom, RangeError));
  assert.strictEqual(err.message, 'The error is expected to be an instance of "RangeError". ' +
                     'Received "TypeError"\n\nError message:\n\nboom');
  assert.strictEqual(err.operator, 'throws');
  err = thrown(() => assert.throws(boom, /nope/));
  assert.strictEqual(err.message, "The input did not match the regular expression /nope/. " +
                     "Input:\n\n'TypeError: boom'\n");
  err = thrown(() => assert.throws(boom, function check() { return 1; }));
  assert.strictEqual(err.message, 'The "check" validation function is expected to return ' +
                     '"true". Received 1\n\nCaught error:\n\nTypeError: boom');
  err = thrown(() => assert.throws(boom, { message: 'other' }));
  assert.strictEqual(err.message, 'Expected values to be strictly deep-equal:\n' +
                     "+ actual - expected\n\n  Comparison {\n+   message: 'boom'\n-   message: 'other'\n  }");
  assert.strictEqual(err.operator, 'throws');
});

test('throws when nothing is thrown', () => {
  const noop = () => {};
  assert.strictEqual(thrown(() => assert.throws(noop)).message, 'Missing expected exception.');
  assert.strictEqual(thrown(() => assert.throws(noop, TypeError)).message,
                     'Missing expected exception (TypeError).');
  assert.strictEqual(thrown(() => assert.throws(noop, 'why')).message,
                     'Missing expected exception: why');
  assert.strictEqual(thrown(() => assert.throws(noop, TypeError, 'why')).message,
                     'Missing expected exception (TypeError): why');
});

test('throws argument validation', () => {
  const boom = () => { throw new Error('boom'); };
  let err = thrown(() => assert.throws(boom, 'boom'));
  assert.strictEqual(err.code, 'ERR_AMBIGUOUS_ARGUMENT');
  assert.strictEqual(err.message, 'The "error/message" argument is ambiguous. ' +
                     'The error message "boom" is identical to the message.');
  err = thrown(() => assert.throws(() => { throw 'x'; }, 'x'));
  assert.strictEqual(err.code, 'ERR_AMBIGUOUS_ARGUMENT');
  assert.strictEqual(thrown(() => assert.throws(boom, 5)).code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(thrown(() => assert.throws(5)).code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(thrown(() => assert.throws(boom, {})).code, 'ERR_INVALID_ARG_VALUE');
  // A string message with a non-matching error still passes through.
  assert.throws(boom, 'some other message');
});

test('doesNotThrow', () => {
  assert.doesNotThrow(() => {});
  const boom = () => { throw new Error('boom'); };
  assert.strictEqual(thrown(() => assert.doesNotThrow(boom)).message,
                     'Got unwanted exception.\nActual message: "boom"');
  assert.strictEqual(thrown(() => assert.doesNotThrow(boom, 'why')).message,
                     'Got unwanted exception: why\nActual message: "boom"');
  // A non-matching expected class rethrows the original error.
  assert.strictEqual(thrown(() => assert.doesNotThrow(boom, TypeError)).message, 'boom');
});

test('rejects and doesNotReject', async () => {
  await assert.rejects(Promise.reject(new Error('r')), /r/);
  await assert.rejects(async () => { throw new TypeError('t'); }, TypeError);
  await assert.doesNotReject(Promise.resolve(1));
  await assert.rejects(assert.rejects(async () => {}), {
    message: 'Missing expected rejection.',
  });
  await assert.rejects(assert.rejects(() => 5), { code: 'ERR_INVALID_RETURN_VALUE' });
  await assert.rejects(assert.doesNotReject(Promise.reject(new Error('no'))), {
    message: 'Got unwanted rejection.\nActual message: "no"',
  });
});

test('match and doesNotMatch', () => {
  assert.match('abc', /b/);
  assert.doesNotMatch('abc', /x/);
  assert.strictEqual(thrown(() => assert.match('abc', /x/)).message,
                     "The input did not match the regular expression /x/. Input:\n\n'abc'\n");
  assert.strictEqual(thrown(() => assert.doesNotMatch('abc', /b/)).message,
                     "The input was expected to not match the regular expression /b/. Input:\n\n'abc'\n");
  assert.strictEqual(thrown(() => assert.match(1, /x/)).message,
                     'The "string" argument must be of type string. Received type number (1)');
  assert.strictEqual(thrown(() => assert.match('a', 'a')).code, 'ERR_INVALID_ARG_TYPE');
});

test('fail and ifError', () => {
  let err = thrown(() => assert.fail());
  assert.strictEqual(err.message, 'Failed');
  assert.strictEqual(err.operator, 'fail');
  assert.strictEqual(err.generatedMessage, true);
  err = thrown(() => assert.fail('boom'));
  assert.strictEqual(err.message, 'boom');
  assert.strictEqual(err.generatedMessage, false);
  const custom = new RangeError('x');
  assert.strictEqual(thrown(() => assert.fail(custom)), custom);
  assert.ifError(null);
  assert.ifError(undefined);
  err = thrown(() => assert.ifError(new Error('bad')));
  assert.strictEqual(err.message, 'ifError got unwanted exception: bad');
  assert.strictEqual(err.operator, 'ifError');
  assert.strictEqual(thrown(() => assert.ifError('str')).message,
                     "ifError got unwanted exception: 'str'");
});

test('strict mode', () => {
  const strict = require('node:assert/strict');
  assert.strictEqual(strict, assert.strict);
  assert.strictEqual(strict.strict, strict);
  assert.strictEqual(strict.equal, assert.strictEqual);
  assert.strictEqual(strict.deepEqual, assert.deepStrictEqual);
  assert.strictEqual(strict.notEqual, assert.notStrictEqual);
  assert.strictEqual(strict.notDeepEqual, assert.notDeepStrictEqual);
  assert.throws(() => strict.equal(1, '1'), { code: 'ERR_ASSERTION' });
  assert.throws(() => strict(0), { message: /falsy/ });
});

test('AssertionError constructor', () => {
  const err = new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
  assert.strictEqual(err.message, 'Expected values to be strictly equal:\n\n1 !== 2\n');
  const custom = new assert.AssertionError({ message: 'hi', actual: 1, expected: 2, operator: 'x' });
  assert.strictEqual(custom.message, 'hi');
  assert.strictEqual(custom.generatedMessage, false);
  assert.strictEqual(new assert.AssertionError({ actual: 1, expected: 2, operator: '>' }).message,
                     '1 > 2');
  assert.throws(() => new assert.AssertionError(), { code: 'ERR_INVALID_ARG_TYPE' });
});
