'use strict';
// UTS #46 as URLs use it: mapping tables (width, compatibility, case,
// final sigma, ignored code points), nontransitional ß, joiners refused,
// Punycode both ways. Expected values are node 20's.
const { test } = require('node:test');
const assert = require('node:assert');
const url = require('node:url');

const cases = [
  ['faß.de', 'xn--fa-hia.de', 'faß.de'],
  ['Ⅻ.com', 'xii.com', 'xii.com'],
  ['ﬀ.com', 'ff.com', 'ff.com'],
  ['ΣΟΦΟΣ.gr', 'xn--0xaakcn.gr', 'σοφοσ.gr'],
  ['a\u00adb.com', 'ab.com', 'ab.com'],
  ['㋿.jp', 'xn--nnqt1l.jp', '令和.jp'],
  ['ＡＢＣ．com', 'abc.com', 'abc.com'],
  ['℡.com', 'tel.com', 'tel.com'],
  ['x\u0301.com', 'xn--x-xbb.com', 'x\u0301.com'],
  ['\u0627\u0644\u0639\u0631\u0628\u064a\u0629.com', 'xn--mgbcd4a2b0d2b.com', '\u0627\u0644\u0639\u0631\u0628\u064a\u0629.com'],
  ['a\u200db.com', '', ''],
  ['xn--abc-.com', 'xn--abc-.com', 'abc.com'],
  ['%F0%9F%92%A9.com', 'xn--ls8h.com', '💩.com'],
  ['xn--a.com', '', ''],
];

test('domainToASCII and domainToUnicode follow UTS #46', () => {
  for (const [input, ascii, unicode] of cases) {
    assert.strictEqual(url.domainToASCII(input), ascii, `domainToASCII(${JSON.stringify(input)})`);
    assert.strictEqual(url.domainToUnicode(input), unicode, `domainToUnicode(${JSON.stringify(input)})`);
  }
});

test('URL hosts go through the same mapping', () => {
  assert.strictEqual(new URL('http://ΣΟΦΟΣ.gr/').host, 'xn--0xaakcn.gr');
  assert.strictEqual(new URL('https://Ⅻ.com:8080/x').host, 'xii.com:8080');
  assert.strictEqual(new URL('http://faß.de/').hostname, 'xn--fa-hia.de');
  assert.throws(() => new URL('http://a\u200db.com/'), { code: 'ERR_INVALID_URL' });
});
