'use strict';
const test = require('node:test');
const assert = require('node:assert');
const punycode = require('node:punycode');

// RFC 3492 section 7.1 samples and everyday domains.
const samples = [
  ['\u0644\u064a\u0647\u0645\u0627\u0628\u062a\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064a\u061f', 'egbpdaj6bu4bxfgehfvwxn'],
  ['\u4ed6\u4eec\u4e3a\u4ec0\u4e48\u4e0d\u8bf4\u4e2d\u6587', 'ihqwcrb4cv8a8dqg056pqjye'],
  ['Pro\u010d prost\u011b nemluv\u00ed \u010desky', 'Pro prost nemluv esky-87b63epa45a'],
  ['\u3072\u3068\u3064\u5c4b\u6839\u306e\u4e0b2', '2-u9tlzr9756bt3uc0v'],
  ['b\u00fccher', 'bcher-kva'],
  ['ma\u00f1ana', 'maana-pta'],
  ['\ud83d\udca9', 'ls8h'],
  ['abc', 'abc-'],
  ['', ''],
  ['-> $1.00 <-', '-> $1.00 <--'],
];

test('encode and decode', () => {
  for (const [decoded, encoded] of samples) {
    assert.strictEqual(punycode.encode(decoded), encoded);
    assert.strictEqual(punycode.decode(encoded), decoded);
  }
});

test('decode errors', () => {
  assert.throws(() => punycode.decode('\u00e9-x'), { name: 'RangeError', message: 'Illegal input >= 0x80 (not a basic code point)' });
  assert.throws(() => punycode.decode('!!'), { name: 'RangeError', message: 'Invalid input' });
  assert.throws(() => punycode.decode('ab-x'), { name: 'RangeError', message: 'Invalid input' });
  assert.throws(() => punycode.decode('zz-9999999999'), { name: 'RangeError', message: 'Overflow: input needs wider integers to process' });
});

test('toASCII and toUnicode', () => {
  assert.strictEqual(punycode.toASCII('ma\u00f1ana.com'), 'xn--maana-pta.com');
  assert.strictEqual(punycode.toASCII('\u0434\u0436\u0443\u043c\u043b\u0430@\u0434\u0436p\u0443\u043c\u043b\u0430\u0442\u0435\u0441\u0442.b\u0440\u0444a'),
                     '\u0434\u0436\u0443\u043c\u043b\u0430@xn--p-8sbkgc5ag7bhce.xn--ba-lmcq');
  assert.strictEqual(punycode.toASCII('a\u3002b\uff0ec\uff61d'), 'a.b.c.d');
  assert.strictEqual(punycode.toASCII('Example.COM'), 'Example.COM');
  assert.strictEqual(punycode.toUnicode('xn--maana-pta.com'), 'ma\u00f1ana.com');
  assert.strictEqual(punycode.toUnicode('XN--MAANA-PTA.com'), 'XN--MAANA-PTA.com');
  assert.strictEqual(punycode.toUnicode('xn--MAANA-pta.com'), 'ma\u00f1ana.com');
  assert.strictEqual(punycode.toUnicode('user@xn--maana-pta.com'), 'user@ma\u00f1ana.com');
});

test('ucs2 and version', () => {
  assert.strictEqual(punycode.version, '2.1.0');
  assert.deepStrictEqual(punycode.ucs2.decode('a\ud83d\udca9\ud800b'), [0x61, 0x1f4a9, 0xd800, 0x62]);
  assert.strictEqual(punycode.ucs2.encode([0x61, 0x1f4a9, 0xd800]), 'a\ud83d\udca9\ud800');
  assert.deepStrictEqual(Object.keys(punycode), ['version', 'ucs2', 'decode', 'encode', 'toASCII', 'toUnicode']);
});
