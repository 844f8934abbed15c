'use strict';
// Real npm packages, unmodified, installed by `npm ci` from the lockfile.
const test = require('node:test');
const assert = require('node:assert');

test('ms parses and formats durations', () => {
  const ms = require('ms');
  assert.strictEqual(ms('2 days'), 172800000);
  assert.strictEqual(ms('1.5h'), 5400000);
  assert.strictEqual(ms(60000), '1m');
  assert.strictEqual(ms(2 * 60000, { long: true }), '2 minutes');
  assert.throws(() => ms(''), /val is not a non-empty string or a valid number/);
});

test('semver compares, ranges and coerces', () => {
  const semver = require('semver');
  assert.strictEqual(semver.valid('1.2.3'), '1.2.3');
  assert.strictEqual(semver.valid('a.b.c'), null);
  assert.ok(semver.gt('1.10.0', '1.9.9'));
  assert.ok(semver.satisfies('1.2.3', '^1.0.0 || ^2.0.0'));
  assert.ok(!semver.satisfies('3.0.0', '^1.0.0 || ^2.0.0'));
  assert.strictEqual(semver.maxSatisfying(['1.2.3', '1.4.0', '2.0.0'], '~1.4'), '1.4.0');
  assert.strictEqual(semver.coerce('v20.18.0-pre').version, '20.18.0');
  assert.strictEqual(semver.inc('1.2.3', 'prerelease', 'beta'), '1.2.4-beta.0');
  assert.ok(semver.satisfies(process.versions.node, '>=20 <21'));
});

test('minimist parses argv', () => {
  const minimist = require('minimist');
  const argv = minimist(['-x', '3', '-y', '4', '-n5', '-abc', '--beep=boop', 'foo', 'bar', 'baz'],
    { boolean: ['a'] });
  assert.deepStrictEqual(argv, { _: ['foo', 'bar', 'baz'], x: 3, y: 4, n: 5, a: true, b: true, c: true, beep: 'boop' });
  assert.deepStrictEqual(minimist(['--no-color', '--', '-x']), { _: ['-x'], color: false });
});

test('lodash utilities', () => {
  const _ = require('lodash');
  assert.deepStrictEqual(_.chunk([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
  assert.deepStrictEqual(_.groupBy([6.1, 4.2, 6.3], Math.floor), { 4: [4.2], 6: [6.1, 6.3] });
  assert.strictEqual(_.template('hello <%= user %>!')({ user: 'anode' }), 'hello anode!');
  assert.deepStrictEqual(_.merge({ a: [{ b: 2 }] }, { a: [{ c: 3 }] }), { a: [{ b: 2, c: 3 }] });
  assert.ok(_.isEqual({ a: [1, { b: new Date(0) }] }, { a: [1, { b: new Date(0) }] }));
  assert.strictEqual(_.camelCase('Foo Bar_baz'), 'fooBarBaz');
});

test('lodash debounce runs on the timer loop', async () => {
  const _ = require('lodash');
  let calls = 0;
  const f = _.debounce(() => { calls++; }, 10);
  f(); f(); f();
  assert.strictEqual(calls, 0);
  await new Promise((resolve) => setTimeout(resolve, 40));
  assert.strictEqual(calls, 1);
});

test('debug writes namespaced lines to stderr when enabled', () => {
  const createDebug = require('debug');
  const lines = [];
  createDebug.log = (...args) => lines.push(require('util').format(...args));
  createDebug.enable('compat:*');
  const log = createDebug('compat:test');
  log('hello %s %d', 'world', 42);
  createDebug('other')('not shown');
  assert.strictEqual(lines.length, 1);
  assert.match(lines[0], /compat:test hello world 42/);
});

test('inherits and once', () => {
  const inherits = require('inherits');
  const EventEmitter = require('events');
  function Thing() { EventEmitter.call(this); }
  inherits(Thing, EventEmitter);
  const t = new Thing();
  assert.ok(t instanceof EventEmitter);
  const once = require('once');
  let n = 0;
  const f = once(() => ++n);
  assert.strictEqual(f(), 1);
  assert.strictEqual(f(), 1);
  assert.strictEqual(n, 1);
});

test('cookie parses and serializes', () => {
  const cookie = require('cookie');
  assert.deepStrictEqual(cookie.parse('foo=bar; equation=E%3Dmc%5E2; ; empty='), { foo: 'bar', equation: 'E=mc^2', empty: '' });
  assert.strictEqual(cookie.serialize('sid', 'a b', { httpOnly: true, maxAge: 60, path: '/' }), 'sid=a%20b; Max-Age=60; Path=/; HttpOnly');
  assert.throws(() => cookie.serialize('bad\nname', 'x'), /argument name is invalid/);
});

test('escape-string-regexp', () => {
  const escape = require('escape-string-regexp');
  assert.strictEqual(escape('How much $ for a 🦄?'), 'How much \\$ for a 🦄\\?');
  assert.ok(new RegExp(escape('a.b*c')).test('xa.b*cx'));
  assert.ok(!new RegExp(escape('a.b*c')).test('axbbc'));
});
