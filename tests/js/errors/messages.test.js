'use strict';
// Node error objects and message wording, exercised through public APIs
// (path, events, EventTarget, AbortSignal) since internal/errors is private.

const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const EventEmitter = require('node:events');

function errorOf(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

test('ERR_INVALID_ARG_TYPE: "Received ..." for every kind of value', () => {
  class Foo {}
  const cases = [
    [undefined, 'Received undefined'],
    [null, 'Received null'],
    [1, 'Received type number (1)'],
    [-0, 'Received type number (-0)'],
    [0, 'Received type number (0)'],
    [1.5, 'Received type number (1.5)'],
    [NaN, 'Received type number (NaN)'],
    [Infinity, 'Received type number (Infinity)'],
    [-Infinity, 'Received type number (-Infinity)'],
    [12345678901234567890, 'Received type number (12345678901234567000)'],
    [10n, 'Received type bigint (10n)'],
    [true, 'Received type boolean (true)'],
    [false, 'Received type boolean (false)'],
    [Symbol('s'), 'Received type symbol (Symbol(s))'],
    [Symbol(), 'Received type symbol (Symbol())'],
    [function foo() {}, 'Received function foo'],
    [() => {}, 'Received function '],
    [Foo, 'Received function Foo'],
    [{}, 'Received an instance of Object'],
    [{ a: 1 }, 'Received an instance of Object'],
    [[], 'Received an instance of Array'],
    [new Map(), 'Received an instance of Map'],
    [new Foo(), 'Received an instance of Foo'],
    [new Error('x'), 'Received an instance of Error'],
    [Promise.resolve(), 'Received an instance of Promise'],
    [Object.create(null), 'Received [Object: null prototype] {}'],
    [Object.assign(Object.create(null), { a: 1 }),
     'Received [Object: null prototype]'],
  ];
  for (const [value, received] of cases) {
    const err = errorOf(() => path.join('a', value));
    assert.strictEqual(err.message,
                       `The "path" argument must be of type string. ${received}`);
  }
});

test('ERR_INVALID_ARG_TYPE: strings are quoted and truncated', () => {
  const cases = [
    ['abc', "Received type string ('abc')"],
    ['', "Received type string ('')"],
    ["it's", 'Received type string ("it\'s")'],
    ['a"b', "Received type string ('a\"b')"],
    ['a'.repeat(28), `Received type string ('${'a'.repeat(28)}')`],
    ['a'.repeat(29), `Received type string ('${'a'.repeat(25)}...')`],
    ["'".repeat(30), `Received type string (${JSON.stringify("'".repeat(25) + '...')})`],
    ['line\nbreak', "Received type string ('line\nbreak')"],
  ];
  for (const [value, received] of cases) {
    const err = errorOf(() => new EventEmitter().setMaxListeners(value));
    assert.strictEqual(
      err.message,
      `The "setMaxListeners" argument must be of type number. ${received}`);
  }
});

test('ERR_INVALID_ARG_TYPE: expected-type wording', () => {
  assert.strictEqual(
    errorOf(() => new EventEmitter().on('x', 1)).message,
    'The "listener" argument must be of type function. ' +
    'Received type number (1)');
  assert.strictEqual(
    errorOf(() => EventEmitter.setMaxListeners(1, 'x')).message,
    'The "eventTargets" argument must be an instance of EventEmitter or ' +
    "EventTarget. Received type string ('x')");
  assert.strictEqual(
    errorOf(() => new EventTarget().addEventListener('a', () => {},
                                                     { signal: {} })).message,
    'The "options.signal" property must be an instance of AbortSignal. ' +
    'Received an instance of Object');
  assert.strictEqual(
    errorOf(() => new EventTarget().addEventListener('a', 1)).message,
    'The "listener" argument must be an instance of EventListener. ' +
    'Received type number (1)');
  assert.strictEqual(
    errorOf(() => AbortSignal.any([AbortSignal.abort(), null])).message,
    'The "signals[1]" argument must be an instance of AbortSignal. ' +
    'Received null');
  assert.strictEqual(
    errorOf(() => path.format([])).message,
    'The "pathObject" argument must be of type object. ' +
    'Received an instance of Array');
});

test('Node error shape: name, code, toString, instanceof', () => {
  const err = errorOf(() => path.normalize(42));
  assert.ok(err instanceof TypeError);
  assert.ok(err instanceof Error);
  assert.strictEqual(err.name, 'TypeError');
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(err.constructor, TypeError);
  assert.deepStrictEqual(Object.keys(err), ['code']);
  assert.strictEqual(Object.getOwnPropertyDescriptor(err, 'message').enumerable,
                     false);
  assert.strictEqual(
    String(err),
    'TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type ' +
    'string. Received type number (42)');
  assert.strictEqual(
    err.stack.split('\n')[0],
    'TypeError [ERR_INVALID_ARG_TYPE]: The "path" argument must be of type ' +
    'string. Received type number (42)');
});

test('ERR_OUT_OF_RANGE formatting', () => {
  const e = new EventEmitter();
  const range = (v) => errorOf(() => e.setMaxListeners(v));
  const err = range(-1);
  assert.strictEqual(err.name, 'RangeError');
  assert.strictEqual(err.code, 'ERR_OUT_OF_RANGE');
  assert.ok(err instanceof RangeError);
  assert.strictEqual(err.message,
                     'The value of "setMaxListeners" is out of range. ' +
                     'It must be >= 0. Received -1');
  assert.strictEqual(String(err),
                     'RangeError [ERR_OUT_OF_RANGE]: The value of ' +
                     '"setMaxListeners" is out of range. It must be >= 0. ' +
                     'Received -1');
  assert.match(range(-(2 ** 40)).message, /Received -1_099_511_627_776$/);
  assert.match(range(-(2 ** 32)).message, /Received -4294967296$/);
  assert.match(range(-(2 ** 32) - 1).message, /Received -4_294_967_297$/);
  assert.match(range(-0.5).message, /Received -0\.5$/);
  assert.match(range(-Infinity).message, /Received -Infinity$/);
  assert.strictEqual(
    errorOf(() => AbortSignal.timeout(2 ** 40)).message,
    'The value of "delay" is out of range. It must be >= 0 && ' +
    '<= 4294967295. Received 1_099_511_627_776');
  assert.strictEqual(
    errorOf(() => AbortSignal.timeout(1.5)).message,
    'The value of "delay" is out of range. It must be an integer. ' +
    'Received 1.5');
});

test('ERR_MISSING_ARGS wording', () => {
  assert.strictEqual(errorOf(() => new Event()).message,
                     'The "type" argument must be specified');
  assert.strictEqual(errorOf(() => new EventTarget().addEventListener()).message,
                     'The "type" and "listener" arguments must be specified');
  const err = errorOf(() => new EventTarget().dispatchEvent());
  assert.strictEqual(err.code, 'ERR_MISSING_ARGS');
  assert.strictEqual(err.name, 'TypeError');
});

test('ERR_INVALID_THIS and ERR_ILLEGAL_CONSTRUCTOR', () => {
  const err = errorOf(() => AbortSignal.prototype.throwIfAborted.call({}));
  assert.strictEqual(err.code, 'ERR_INVALID_THIS');
  assert.strictEqual(err.name, 'TypeError');
  assert.strictEqual(err.message, 'Value of "this" must be of type AbortSignal');
  const ill = errorOf(() => new AbortSignal());
  assert.strictEqual(String(ill),
                     'TypeError [ERR_ILLEGAL_CONSTRUCTOR]: Illegal constructor');
});

test('ERR_UNHANDLED_ERROR', () => {
  const err = errorOf(() => new EventEmitter().emit('error', 'boom'));
  assert.strictEqual(err.name, 'Error');
  assert.strictEqual(err.code, 'ERR_UNHANDLED_ERROR');
  assert.strictEqual(err.message, "Unhandled error. ('boom')");
  assert.strictEqual(err.context, 'boom');
  assert.deepStrictEqual(Object.keys(err), ['code', 'context']);
  assert.strictEqual(String(err),
                     "Error [ERR_UNHANDLED_ERROR]: Unhandled error. ('boom')");
});

test('ERR_EVENT_RECURSION', () => {
  const t = new EventTarget();
  const ev = new Event('loop');
  let inner;
  t.addEventListener('loop', () => {
    inner = errorOf(() => t.dispatchEvent(ev));
  });
  t.dispatchEvent(ev);
  assert.strictEqual(inner.name, 'Error');
  assert.strictEqual(inner.code, 'ERR_EVENT_RECURSION');
  assert.strictEqual(inner.message, 'The event "loop" is already being dispatched');
});

test('AbortError from events.once', async () => {
  const ac = new AbortController();
  const p = EventEmitter.once(new EventEmitter(), 'never', { signal: ac.signal });
  ac.abort('because');
  const err = await p.then(() => assert.fail('resolved'), (e) => e);
  assert.strictEqual(err.name, 'AbortError');
  assert.strictEqual(err.code, 'ABORT_ERR');
  assert.strictEqual(err.message, 'The operation was aborted');
  assert.strictEqual(err.cause, 'because');
  assert.ok(err instanceof Error);
  assert.deepStrictEqual(Object.keys(err), ['code', 'name']);
});

test('DOMException reasons of AbortSignal', () => {
  const reason = AbortSignal.abort().reason;
  assert.strictEqual(reason.name, 'AbortError');
  assert.strictEqual(reason.message, 'This operation was aborted');
  assert.strictEqual(reason.code, 20);
  assert.ok(reason instanceof Error);
});

test('system errors built from libuv errnos', () => {
  const util = require('node:util');
  const e = util._errnoException(-2, 'open', 'extra');
  assert.strictEqual(e.message, 'open ENOENT extra');
  assert.strictEqual(e.name, 'Error');
  assert.deepStrictEqual(Object.keys(e), ['errno', 'code', 'syscall']);
  assert.deepStrictEqual([e.errno, e.code, e.syscall], [-2, 'ENOENT', 'open']);
  assert.strictEqual(util._errnoException(-13, 'stat').message, 'stat EACCES');

  const h = util._exceptionWithHostPort(-111, 'connect', '127.0.0.1', 80);
  assert.strictEqual(h.message, 'connect ECONNREFUSED 127.0.0.1:80');
  assert.deepStrictEqual(Object.keys(h),
                         ['errno', 'code', 'syscall', 'address', 'port']);
  const h2 = util._exceptionWithHostPort(-98, 'listen', '::', 0, 'x');
  assert.strictEqual(h2.message, 'listen EADDRINUSE :: - Local (x)');
  assert.strictEqual('port' in h2, false);
});
