'use strict';
const test = require('node:test');
const assert = require('node:assert');
const qs = require('node:querystring');

const parse = (...args) => JSON.stringify(qs.parse(...args));

test('parse: pairs, repeats, empty parts and plus signs', () => {
  assert.strictEqual(Object.getPrototypeOf(qs.parse('a=1')), null);
  assert.strictEqual(parse('a=1&b=2&a=3'), '{"a":["1","3"],"b":"2"}');
  assert.strictEqual(parse('='), '{"":""}');
  assert.strictEqual(parse('a'), '{"a":""}');
  assert.strictEqual(parse('=b'), '{"":"b"}');
  assert.strictEqual(parse('a=b=c'), '{"a":"b=c"}');
  assert.strictEqual(parse('+a+=+b+'), '{" a ":" b "}');
  assert.strictEqual(parse('%zz=%E0%A4'), '{"%zz":"\ufffd"}');
  assert.strictEqual(parse('a&a&a'), '{"a":["","",""]}');
  assert.strictEqual(parse('&=&'), '{"":""}');
  assert.strictEqual(parse('__proto__=1&hasOwnProperty=2'), '{"__proto__":"1","hasOwnProperty":"2"}');
  assert.strictEqual(parse(''), '{}');
  assert.strictEqual(parse(5), '{}');
  assert.strictEqual(parse('%F0%9F%98%80=%C3%A9'), '{"\ud83d\ude00":"\u00e9"}');
});

test('parse: separators, maxKeys and a custom decoder', () => {
  assert.strictEqual(parse('a=1;b=2', ';'), '{"a":"1","b":"2"}');
  assert.strictEqual(parse('a::1||b::2', '||', '::'), '{"a":"1","b":"2"}');
  assert.strictEqual(parse('a=1&b=2&c=3', '', ''), '{"a":"1","b":"2","c":"3"}');
  assert.strictEqual(parse('a=1&&b=2', null, null, { maxKeys: 2 }), '{"a":"1"}');
  assert.strictEqual(parse('&&&a=1&b=2', null, null, { maxKeys: 2 }), '{}');
  assert.strictEqual(parse('a=1&b=2&c=3', null, null, { maxKeys: 0 }), '{"a":"1","b":"2","c":"3"}');
  assert.strictEqual(parse('a=1&b=2&c=3', null, null, { maxKeys: -1 }), '{"a":"1","b":"2","c":"3"}');
  assert.strictEqual(parse('A=b+c', null, null, { decodeURIComponent: (s) => `[${s}]` }), '{"[A]":"[b%20c]"}');
  assert.strictEqual(parse('a=%41', null, null, { decodeURIComponent: (s) => s.toLowerCase() }), '{"a":"%41"}');
  assert.strictEqual(parse('a=%41', null, null, { decodeURIComponent: () => { throw new Error(); } }), '{"a":"A"}');
  let many = '';
  for (let i = 0; i < 1500; i++) many += `k${i}=${i}&`;
  assert.strictEqual(Object.keys(qs.parse(many)).length, 1000);
  assert.strictEqual(qs.decode, qs.parse);
});

test('stringify', () => {
  assert.strictEqual(qs.stringify({ a: [1, 2], b: [], c: true, d: null, e: undefined, f: NaN, g: 1n, h: "\u00e9 ~!*()'", i: {} }),
                     "a=1&a=2&c=true&d=&e=&f=&g=1&h=%C3%A9%20~!*()'&i=");
  assert.strictEqual(qs.stringify({ a: 1, b: 2 }, ';', ':'), 'a:1;b:2');
  assert.strictEqual(qs.stringify({ 'a b': 'c&d' }), 'a%20b=c%26d');
  assert.strictEqual(qs.stringify({ a: 'x' }, null, null, { encodeURIComponent: (s) => s.toUpperCase() }), 'A=X');
  assert.strictEqual(qs.stringify('str'), '');
  assert.strictEqual(qs.stringify(null), '');
  assert.strictEqual(qs.stringify({ a: '\ud83d\ude00' }), 'a=%F0%9F%98%80');
  assert.throws(() => qs.stringify({ a: '\ud800' }), { name: 'URIError', code: 'ERR_INVALID_URI', message: 'URI malformed' });
  assert.strictEqual(qs.encode, qs.stringify);
});

test('escape and unescape', () => {
  assert.strictEqual(qs.escape('a b&c/\u00e9'), 'a%20b%26c%2F%C3%A9');
  assert.strictEqual(qs.escape({ toString() { return 'x y'; } }), 'x%20y');
  assert.strictEqual(qs.escape(12), '12');
  assert.strictEqual(qs.unescape('%zz%41+'), '%zzA+');
  assert.strictEqual(qs.unescape('%E0%A4'), '\ufffd');
  assert.strictEqual(qs.unescape('a%20b'), 'a b');
  assert.strictEqual(qs.unescape('a+b%zz', true), 'a b%zz');
});

test('unescapeBuffer', () => {
  const buf = qs.unescapeBuffer('a%20b+%FF%zz');
  assert.ok(Buffer.isBuffer(buf));
  assert.deepStrictEqual([...buf], [0x61, 0x20, 0x62, 0x2b, 0xff, 0x25, 0x7a, 0x7a]);
  assert.strictEqual(qs.unescapeBuffer('a+b', true).toString(), 'a b');
});
