'use strict';
// Real pure-JS packages for dates, markdown, YAML, MIME types and globs,
// unmodified, checked against their documented output.
const test = require('node:test');
const assert = require('node:assert');

test('dayjs formats, adds and diffs dates', () => {
  const dayjs = require('dayjs');
  const d = dayjs('2024-02-28T10:20:30');
  assert.strictEqual(d.format('YYYY-MM-DD HH:mm:ss'), '2024-02-28 10:20:30');
  assert.strictEqual(d.add(2, 'day').format('YYYY-MM-DD'), '2024-03-01');
  assert.strictEqual(d.startOf('month').format('ddd D MMM'), 'Thu 1 Feb');
  assert.strictEqual(dayjs('2024-12-25').diff(dayjs('2024-01-01'), 'day'), 359);
  assert.ok(dayjs('2024-01-01').isBefore('2024-01-02'));
  assert.strictEqual(dayjs('not a date').isValid(), false);
});

test('marked renders markdown to HTML', () => {
  const { marked } = require('marked');
  assert.strictEqual(marked.parse('# Title\n\nSome *emphasis* and `code`.'),
                     '<h1>Title</h1>\n<p>Some <em>emphasis</em> and <code>code</code>.</p>\n');
  assert.strictEqual(marked.parse('- a\n- b'), '<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n');
  assert.strictEqual(marked.parseInline('[x](http://e.com "t")'), '<a href="http://e.com" title="t">x</a>');
});

test('js-yaml loads and dumps YAML', () => {
  const yaml = require('js-yaml');
  const doc = yaml.load('name: anode\nlist:\n  - 1\n  - two\nnested: { a: true, b: null }\n');
  assert.deepStrictEqual(doc, { name: 'anode', list: [1, 'two'], nested: { a: true, b: null } });
  assert.strictEqual(yaml.dump({ a: [1, 2], b: 'x: y' }), "a:\n  - 1\n  - 2\nb: 'x: y'\n");
  assert.throws(() => yaml.load('a: [1, 2'), (err) => err.name === 'YAMLException' && /unexpected end/.test(err.message));
});

test('mime-types looks up types and extensions', () => {
  const mime = require('mime-types');
  assert.strictEqual(mime.lookup('index.html'), 'text/html');
  assert.strictEqual(mime.lookup('/a/b/c.json'), 'application/json');
  assert.strictEqual(mime.lookup('x.unknownext'), false);
  assert.strictEqual(mime.extension('image/png'), 'png');
  assert.strictEqual(mime.contentType('text/plain'), 'text/plain; charset=utf-8');
  assert.strictEqual(mime.charset('application/javascript'), 'UTF-8');
});

test('picomatch matches globs', () => {
  const picomatch = require('picomatch');
  const isJs = picomatch('**/*.js');
  assert.strictEqual(isJs('src/a/b.js'), true);
  assert.strictEqual(isJs('src/a/b.ts'), false);
  assert.strictEqual(picomatch.isMatch('a/.hidden/x.js', '**/*.js'), false);
  assert.strictEqual(picomatch.isMatch('a/.hidden/x.js', '**/*.js', { dot: true }), true);
  assert.strictEqual(picomatch('*.{png,jpg}')('pic.jpg'), true);
  assert.strictEqual(picomatch.makeRe('foo/*.md').test('foo/readme.md'), true);
});

test('qs parses and stringifies nested query strings', () => {
  const qs = require('qs');
  assert.deepStrictEqual(qs.parse('a[b][c]=1&list[]=x&list[]=y&e=%20s'), { a: { b: { c: '1' } }, list: ['x', 'y'], e: ' s' });
  assert.strictEqual(qs.stringify({ a: { b: 1 }, c: [1, 2] }, { encode: false }), 'a[b]=1&c[0]=1&c[1]=2');
  assert.strictEqual(qs.stringify({ c: [1, 2] }, { arrayFormat: 'brackets', encodeValuesOnly: true }), 'c[]=1&c[]=2');
});

test('ini parses and encodes INI files', () => {
  const ini = require('ini');
  const cfg = ini.parse('top = 1\n[server]\nhost = example.com\nport = 8080\n[server.tls]\nenabled = true\n');
  // ini builds null-prototype objects: compare their JSON.
  assert.strictEqual(JSON.stringify(cfg), JSON.stringify({ top: '1', server: { host: 'example.com', port: '8080', tls: { enabled: true } } }));
  assert.strictEqual(ini.stringify({ a: 1, s: { k: 'v' } }), 'a=1\n\n[s]\nk=v\n');
});
