// ESM-only npm packages (no CommonJS build), unmodified, imported statically
// and with import(): chalk, nanoid, p-limit, yocto-queue, camelcase,
// decamelize, strip-ansi, string-width, wrap-ansi, is-plain-obj, quick-lru,
// change-case, uint8array-extras, p-map, serialize-error, dot-prop.
import { test } from 'node:test';
import assert from 'node:assert';

import chalk, { Chalk, supportsColor } from 'chalk';
import { nanoid as nonSecure, customAlphabet } from 'nanoid/non-secure';
import pLimit from 'p-limit';
import Queue from 'yocto-queue';
import camelCase from 'camelcase';
import decamelize from 'decamelize';
import stripAnsi from 'strip-ansi';
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import isPlainObject from 'is-plain-obj';
import QuickLRU from 'quick-lru';
import { snakeCase, pascalCase, kebabCase, capitalCase } from 'change-case';
import { toUint8Array, uint8ArrayToHex, hexToUint8Array, concatUint8Arrays, stringToBase64 } from 'uint8array-extras';
import { getProperty, setProperty, hasProperty, deleteProperty } from 'dot-prop';

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('chalk builds ANSI styles (level forced for a stable result)', () => {
  const c = new Chalk({ level: 1 });
  assert.strictEqual(c.red('x'), '\u001B[31mx\u001B[39m');
  assert.strictEqual(c.bold.underline('y'), '\u001B[1m\u001B[4my\u001B[24m\u001B[22m');
  assert.strictEqual(c.bgBlue.white('z'), '\u001B[44m\u001B[37mz\u001B[39m\u001B[49m');
  assert.strictEqual(new Chalk({ level: 0 }).red('plain'), 'plain');
  assert.strictEqual(typeof chalk.level, 'number');
  // supports-color comes from chalk's "imports" map (#supports-color, node condition)
  assert.ok(supportsColor === false || typeof supportsColor.level === 'number');
});

test('nanoid makes ids (the non-secure build: crypto is not in anode yet)', async () => {
  const id = nonSecure();
  assert.match(id, /^[A-Za-z0-9_-]{21}$/);
  assert.strictEqual(nonSecure(10).length, 10);
  assert.notStrictEqual(nonSecure(), id);
  const hex = customAlphabet('0123456789abcdef', 8);
  assert.match(hex(), /^[0-9a-f]{8}$/);
  const again = await import('nanoid/non-secure');
  assert.strictEqual(again.nanoid, nonSecure);
});

test('p-limit runs at most N tasks at once, in order', async () => {
  const limit = pLimit(2);
  let running = 0;
  let peak = 0;
  const order = [];
  const task = (n) => limit(async () => {
    running++;
    peak = Math.max(peak, running);
    await tick();
    order.push(n);
    running--;
    return n * 10;
  });
  const results = await Promise.all([1, 2, 3, 4, 5].map(task));
  assert.deepStrictEqual(results, [10, 20, 30, 40, 50]);
  assert.strictEqual(peak, 2);
  assert.deepStrictEqual(order, [1, 2, 3, 4, 5]);
  assert.strictEqual(limit.activeCount, 0);
  assert.strictEqual(limit.pendingCount, 0);
});

test('yocto-queue is a FIFO', () => {
  const q = new Queue();
  q.enqueue('a');
  q.enqueue('b');
  q.enqueue('c');
  assert.strictEqual(q.size, 3);
  assert.strictEqual(q.dequeue(), 'a');
  assert.deepStrictEqual([...q], ['b', 'c']);
});

test('camelcase and decamelize', () => {
  assert.strictEqual(camelCase('foo-bar_baz'), 'fooBarBaz');
  assert.strictEqual(camelCase('Foo Bar', { pascalCase: true }), 'FooBar');
  assert.strictEqual(camelCase('XMLHttpRequest', { preserveConsecutiveUppercase: true }), 'XMLHttpRequest');
  assert.strictEqual(decamelize('unicornRainbow'), 'unicorn_rainbow');
  assert.strictEqual(decamelize('unicornRainbow', { separator: '-' }), 'unicorn-rainbow');
});

test('strip-ansi, string-width and wrap-ansi measure and wrap text', () => {
  const red = '\u001B[31mred\u001B[39m';
  assert.strictEqual(stripAnsi(`${red} text`), 'red text');
  assert.strictEqual(stringWidth('abc'), 3);
  assert.strictEqual(stringWidth('古池や'), 6);
  assert.strictEqual(stringWidth(red), 3);
  assert.strictEqual(wrapAnsi('the quick brown fox jumps', 10), 'the quick\nbrown fox\njumps');
  assert.strictEqual(stripAnsi(wrapAnsi(`${red} and more words`, 8)), 'red and\nmore\nwords');
});

test('is-plain-obj tells plain objects apart', () => {
  assert.strictEqual(isPlainObject({}), true);
  assert.strictEqual(isPlainObject(Object.create(null)), true);
  assert.strictEqual(isPlainObject([]), false);
  assert.strictEqual(isPlainObject(new Map()), false);
  assert.strictEqual(isPlainObject(null), false);
});

test('quick-lru evicts the least recently used entries', () => {
  const lru = new QuickLRU({ maxSize: 2 });
  lru.set('a', 1);
  lru.set('b', 2);
  assert.strictEqual(lru.get('a'), 1);
  lru.set('c', 3);
  lru.set('d', 4);
  // b was the least recently used when the cache turned over
  assert.strictEqual(lru.has('b'), false);
  assert.strictEqual(lru.peek('a'), 1);
  assert.strictEqual(lru.peek('c'), 3);
  assert.strictEqual(lru.peek('d'), 4);
});

test('change-case converts between cases', () => {
  assert.strictEqual(snakeCase('fooBar baz'), 'foo_bar_baz');
  assert.strictEqual(pascalCase('foo-bar'), 'FooBar');
  assert.strictEqual(kebabCase('FooBarBaz'), 'foo-bar-baz');
  assert.strictEqual(capitalCase('hello world'), 'Hello World');
});

test('uint8array-extras converts bytes', () => {
  const bytes = toUint8Array(new Uint8Array([0xde, 0xad, 0xbe, 0xef]).buffer);
  assert.strictEqual(uint8ArrayToHex(bytes), 'deadbeef');
  assert.deepStrictEqual([...hexToUint8Array('0102ff')], [1, 2, 255]);
  assert.deepStrictEqual([...concatUint8Arrays([new Uint8Array([1]), new Uint8Array([2, 3])])], [1, 2, 3]);
  assert.strictEqual(stringToBase64('anode'), 'YW5vZGU=');
});

test('p-map maps with a concurrency limit (loaded with import())', async () => {
  const { default: pMap } = await import('p-map');
  let running = 0;
  let peak = 0;
  const out = await pMap([3, 1, 2], async (n) => {
    running++;
    peak = Math.max(peak, running);
    await tick();
    running--;
    return n * 2;
  }, { concurrency: 2 });
  assert.deepStrictEqual(out, [6, 2, 4]);
  assert.strictEqual(peak, 2);
});

test('serialize-error round-trips errors (loaded with import())', async () => {
  const { serializeError, deserializeError } = await import('serialize-error');
  const err = new TypeError('bad thing');
  err.code = 'E_BAD';
  const plain = serializeError(err);
  assert.strictEqual(plain.name, 'TypeError');
  assert.strictEqual(plain.message, 'bad thing');
  assert.strictEqual(plain.code, 'E_BAD');
  assert.strictEqual(typeof plain.stack, 'string');
  const back = deserializeError(plain);
  assert.ok(back instanceof TypeError);
  assert.strictEqual(back.message, 'bad thing');
});

test('dot-prop reads and writes nested paths', () => {
  const obj = { a: { b: [{ c: 1 }] } };
  assert.strictEqual(getProperty(obj, 'a.b[0].c'), 1);
  setProperty(obj, 'a.d.e', 'set');
  assert.strictEqual(obj.a.d.e, 'set');
  assert.strictEqual(hasProperty(obj, 'a.b'), true);
  assert.strictEqual(deleteProperty(obj, 'a.d'), true);
  assert.strictEqual(hasProperty(obj, 'a.d'), false);
});

test('CommonJS code can import() ESM-only packages', async () => {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const viaCjs = require('../fixtures/import-from-cjs.cjs');
  const { camel, width } = await viaCjs.run();
  assert.strictEqual(camel, 'fromCommonJs');
  assert.strictEqual(width, 5);
});
