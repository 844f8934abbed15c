'use strict';
// URL and URLSearchParams behaviour beyond parsing: errors, the live link
// between them, the form encoding, inspection and Node's url helpers.
const test = require('node:test');
const assert = require('node:assert');
const url = require('node:url');
const util = require('node:util');

test('globals and module exports', () => {
  assert.strictEqual(url.URL, URL);
  assert.strictEqual(url.URLSearchParams, URLSearchParams);
  const desc = Object.getOwnPropertyDescriptor(globalThis, 'URL');
  assert.strictEqual(desc.enumerable, false);
  assert.deepStrictEqual(Object.keys(url), ['Url', 'parse', 'resolve', 'resolveObject', 'format', 'URL',
    'URLSearchParams', 'domainToASCII', 'domainToUnicode', 'pathToFileURL', 'fileURLToPath', 'urlToHttpOptions']);
  assert.deepStrictEqual(Object.keys(URL.prototype), ['toString', 'href', 'origin', 'protocol', 'username',
    'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash', 'toJSON']);
  assert.strictEqual(Object.getOwnPropertyDescriptor(URL.prototype, 'href').enumerable, true);
  assert.strictEqual(Object.prototype.toString.call(new URL('http://a')), '[object URL]');
  assert.deepStrictEqual(Object.keys(URLSearchParams.prototype), ['size', 'append', 'delete', 'get', 'getAll',
    'has', 'set', 'sort', 'entries', 'forEach', 'keys', 'values', 'toString']);
});

test('invalid URLs throw ERR_INVALID_URL with input and base', () => {
  assert.throws(() => new URL('nope'), { name: 'TypeError', code: 'ERR_INVALID_URL', message: 'Invalid URL', input: 'nope' });
  assert.throws(() => new URL('x', 'bad base'), (err) => err.input === 'x' && err.base === 'bad base');
  assert.throws(() => new URL(), { code: 'ERR_MISSING_ARGS', message: 'The "url" argument must be specified' });
  const u = new URL('http://a/');
  assert.throws(() => { u.href = 'bad'; }, { code: 'ERR_INVALID_URL', input: 'bad' });
  assert.strictEqual(u.href, 'http://a/');
  assert.strictEqual(URL.canParse('x', 'http://a'), true);
  assert.strictEqual(URL.canParse('x'), false);
  assert.strictEqual(URL.parse('x'), null);
  assert.strictEqual(URL.parse('/p', 'http://h').href, 'http://h/p');
  assert.strictEqual(new URL({ toString: () => 'http://obj/' }).href, 'http://obj/');
  assert.strictEqual(new URL('http://a/\ud800').pathname, '/%EF%BF%BD');
});

test('origin, toJSON and toString', () => {
  assert.strictEqual(new URL('blob:https://a.com:8/x').origin, 'https://a.com:8');
  assert.strictEqual(new URL('blob:sc://a/x').origin, 'null');
  assert.strictEqual(new URL('file:///x').origin, 'null');
  assert.strictEqual(new URL('ws://h:80/').origin, 'ws://h');
  const u = new URL('http://h/p?q#f');
  assert.strictEqual(JSON.stringify({ u }), '{"u":"http://h/p?q#f"}');
  assert.strictEqual(`${u}`, 'http://h/p?q#f');
});

test('searchParams is live both ways', () => {
  const u = new URL('http://h/?a=1&b=2');
  const sp = u.searchParams;
  assert.strictEqual(u.searchParams, sp);
  sp.append('c', 'x y');
  assert.strictEqual(u.search, '?a=1&b=2&c=x+y');
  u.search = '?z=9';
  assert.deepStrictEqual([...sp], [['z', '9']]);
  sp.delete('z');
  assert.strictEqual(u.href, 'http://h/');
  u.href = 'http://h/?k=v';
  assert.strictEqual(sp.get('k'), 'v');
  const opaque = new URL('sc:p  ?a=1');
  opaque.searchParams.delete('a');
  assert.strictEqual(opaque.href, 'sc:p');
});

test('URLSearchParams constructors', () => {
  assert.strictEqual(new URLSearchParams('?a=1&b=2&&=3&c').toString(), 'a=1&b=2&=3&c=');
  assert.strictEqual(new URLSearchParams([['a', 1], new Set(['b', 2])]).toString(), 'a=1&b=2');
  assert.strictEqual(new URLSearchParams({ a: 1, b: [1, 2] }).toString(), 'a=1&b=1%2C2');
  assert.throws(() => new URLSearchParams({ [Symbol('s')]: 3 }), TypeError);
  const hidden = Object.defineProperty({ v: 1 }, Symbol('s'), { value: 3, enumerable: false });
  assert.strictEqual(new URLSearchParams(hidden).toString(), 'v=1');
  assert.strictEqual(new URLSearchParams(new Map([['m', 'n']])).toString(), 'm=n');
  const copy = new URLSearchParams(new URLSearchParams('x=1'));
  assert.strictEqual(copy.toString(), 'x=1');
  assert.strictEqual(new URLSearchParams(undefined).size, 0);
  assert.strictEqual(new URLSearchParams(null).size, 0);
  assert.throws(() => new URLSearchParams([['a']]), {
    code: 'ERR_INVALID_TUPLE', message: 'Each query pair must be an iterable [name, value] tuple',
  });
  assert.throws(() => new URLSearchParams([1]), { code: 'ERR_INVALID_TUPLE' });
  assert.throws(() => new URLSearchParams({ [Symbol.iterator]: 1 }), {
    code: 'ERR_ARG_NOT_ITERABLE', message: 'Query pairs must be iterable',
  });
});

test('URLSearchParams methods', () => {
  const sp = new URLSearchParams('b=2&a=1&b=3&a=0');
  assert.strictEqual(sp.size, 4);
  assert.strictEqual(sp.get('b'), '2');
  assert.strictEqual(sp.get('none'), null);
  assert.deepStrictEqual(sp.getAll('b'), ['2', '3']);
  assert.strictEqual(sp.has('a'), true);
  assert.strictEqual(sp.has('a', '5'), false);
  assert.strictEqual(sp.has('a', '0'), true);
  sp.delete('b', '3');
  assert.strictEqual(sp.toString(), 'b=2&a=1&a=0');
  sp.set('a', 'z');
  assert.strictEqual(sp.toString(), 'b=2&a=z');
  sp.append('\u00e9', '\ud83d\ude00 +&=');
  sp.sort();
  assert.strictEqual(sp.toString(), 'a=z&b=2&%C3%A9=%F0%9F%98%80+%2B%26%3D');
  assert.deepStrictEqual([...sp.keys()], ['a', 'b', '\u00e9']);
  assert.deepStrictEqual([...sp.values()], ['z', '2', '\ud83d\ude00 +&=']);
  const seen = [];
  sp.forEach(function(value, key, obj) { seen.push([key, value, obj === sp, this]); }, 7);
  assert.deepStrictEqual(seen.map((s) => s[0]), ['a', 'b', '\u00e9']);
  assert.strictEqual(seen[0][2], true);
  assert.strictEqual(Object.prototype.toString.call(sp.entries()), '[object URLSearchParams Iterator]');
  assert.strictEqual(new URLSearchParams('a=%zz&b=%F0%9F&c=+%2B').toString(), 'a=%25zz&b=%EF%BF%BD&c=+%2B');
  assert.strictEqual(new URLSearchParams("x=!'()~*-._").toString(), 'x=%21%27%28%29%7E*-._');
  const sorted = new URLSearchParams('z=1&\ufb03=2&\ud83c\udf08=3&a=4');
  sorted.sort();
  assert.deepStrictEqual([...sorted.keys()], ['a', 'z', '\ud83c\udf08', '\ufb03']);
});

test('URLSearchParams argument errors', () => {
  const sp = new URLSearchParams();
  assert.throws(() => sp.append('a'), { code: 'ERR_MISSING_ARGS', message: 'The "name" and "value" arguments must be specified' });
  assert.throws(() => sp.get(), { code: 'ERR_MISSING_ARGS', message: 'The "name" argument must be specified' });
  assert.throws(() => sp.forEach(1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => URLSearchParams.prototype.get.call({}, 'a'), {
    code: 'ERR_INVALID_THIS', message: 'Value of "this" must be of type URLSearchParams',
  });
});

test('inspect output', () => {
  assert.strictEqual(util.inspect(new URLSearchParams('a=1&b=2')), "URLSearchParams { 'a' => '1', 'b' => '2' }");
  assert.strictEqual(util.inspect(new URLSearchParams()), 'URLSearchParams {}');
  assert.strictEqual(util.inspect(new URL('https://u:p@a.com:8/x?y=1#z')), `URL {
  href: 'https://u:p@a.com:8/x?y=1#z',
  origin: 'https://a.com:8',
  protocol: 'https:',
  username: 'u',
  password: 'p',
  host: 'a.com:8',
  hostname: 'a.com',
  port: '8',
  pathname: '/x',
  search: '?y=1',
  searchParams: URLSearchParams { 'y' => '1' },
  hash: '#z'
}`);
});

test('file URL helpers', () => {
  assert.strictEqual(url.fileURLToPath('file:///a%20b/c'), '/a b/c');
  assert.strictEqual(url.fileURLToPath(new URL('file:///%E2%82%AC')), '/\u20ac');
  assert.throws(() => url.fileURLToPath('http://a/'), { code: 'ERR_INVALID_URL_SCHEME', message: 'The URL must be of scheme file' });
  assert.throws(() => url.fileURLToPath('file://host/x'), {
    code: 'ERR_INVALID_FILE_URL_HOST', message: 'File URL host must be "localhost" or empty on linux',
  });
  assert.throws(() => url.fileURLToPath('file:///a%2Fb'), {
    code: 'ERR_INVALID_FILE_URL_PATH', message: 'File URL path must not include encoded / characters',
  });
  assert.throws(() => url.fileURLToPath(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.strictEqual(url.pathToFileURL('/a b/c?d#e%f\\g\nh\ti\rj').href, 'file:///a%20b/c%3Fd%23e%25f%5Cg%0Ah%09i%0Dj');
  assert.strictEqual(url.pathToFileURL('/dir/').href, 'file:///dir/');
  assert.strictEqual(url.pathToFileURL('rel').href, new URL(`file://${process.cwd()}/rel`).href);
});

test('urlToHttpOptions, domainToASCII/Unicode and format(URL)', () => {
  assert.deepStrictEqual(url.urlToHttpOptions(new URL('http://u%20x:p@[::1]:81/a?b#c')), {
    __proto__: null, protocol: 'http:', hostname: '::1', hash: '#c', search: '?b', pathname: '/a',
    path: '/a?b', href: 'http://u%20x:p@[::1]:81/a?b#c', port: 81, auth: 'u x:p',
  });
  assert.strictEqual(url.domainToASCII('español.com'), 'xn--espaol-zwa.com');
  assert.strictEqual(url.domainToASCII('xn--iñvalid.com'), '');
  assert.strictEqual(url.domainToUnicode('xn--espaol-zwa.com'), 'español.com');
  assert.strictEqual(url.domainToUnicode('xn--iñvalid.com'), '');
  const u = new URL('http://u:p@xn--espaol-zwa.com/p?q#f');
  assert.strictEqual(url.format(u), 'http://u:p@xn--espaol-zwa.com/p?q#f');
  assert.strictEqual(url.format(u, { unicode: true, auth: false, search: false, fragment: false }), 'http://español.com/p');
  assert.throws(() => url.format(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.strictEqual(url.format('http://A.com/x'), 'http://a.com/x');
});
