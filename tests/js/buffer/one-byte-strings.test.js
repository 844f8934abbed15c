'use strict';
// Strings that the engine stores one byte per character (Latin-1 text),
// long enough to take the runtime's native paths, in every encoding: the
// bytes must be Node's whichever way the string is held.
const test = require('node:test');
const assert = require('node:assert');

const LONG = 4096;
// Every Latin-1 character, repeated past LONG.
const latin1Chars = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
const latin1Text = latin1Chars.repeat(LONG / 256 + 1);
const asciiText = 'The quick brown fox jumps over the lazy dog. '.repeat(LONG / 45 + 1);

function utf8Of(str) {
  const out = [];
  for (const ch of str) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

test('utf8: Latin-1 text becomes two bytes per character above 0x7f', () => {
  const buf = Buffer.from(latin1Text, 'utf8');
  assert.deepStrictEqual([...buf], utf8Of(latin1Text));
  assert.strictEqual(Buffer.byteLength(latin1Text), buf.length);
  assert.strictEqual(buf.length, latin1Text.length * 1.5);
  assert.strictEqual(buf.toString('utf8'), latin1Text);
});

test('utf8: write() never cuts a two-byte character in half', () => {
  const text = 'a'.repeat(LONG) + '\u00e9\u00e9';
  const buf = Buffer.alloc(LONG + 3, 0x2e);
  assert.strictEqual(buf.write(text), LONG + 2);
  assert.strictEqual(buf.toString('latin1', LONG), '\u00c3\u00a9.');
  assert.strictEqual(buf.write(text, 1, LONG + 1), LONG);
});

test('latin1, binary and ascii write each character as one byte', () => {
  const expected = Array.from({ length: latin1Text.length }, (_, i) => latin1Text.charCodeAt(i));
  for (const enc of ['latin1', 'binary', 'ascii']) {
    assert.deepStrictEqual([...Buffer.from(latin1Text, enc)], expected, enc);
  }
  const buf = Buffer.from(latin1Text, 'latin1');
  assert.strictEqual(buf.toString('latin1'), latin1Text);
  assert.strictEqual(buf.toString('binary'), latin1Text);
  // Node's ascii decoder drops the high bit.
  assert.strictEqual(buf.toString('ascii'),
    Array.from(latin1Text, (ch) => String.fromCharCode(ch.charCodeAt(0) & 0x7f)).join(''));
});

test('utf16le: two bytes per character, low byte first', () => {
  const buf = Buffer.from(latin1Text, 'utf16le');
  assert.strictEqual(buf.length, latin1Text.length * 2);
  assert.strictEqual(Buffer.byteLength(latin1Text, 'utf16le'), buf.length);
  for (let i = 0; i < 512; i++) {
    assert.strictEqual(buf[2 * i], latin1Text.charCodeAt(i));
    assert.strictEqual(buf[2 * i + 1], 0);
  }
  assert.strictEqual(buf.toString('utf16le'), latin1Text);
  const odd = Buffer.alloc(7);
  assert.strictEqual(odd.write(latin1Text, 'utf16le'), 6);
});

test('base64 and hex read Latin-1 characters above 0x7f as no digit', () => {
  const b64 = Buffer.from(asciiText).toString('base64');
  const withStray = b64.slice(0, 400) + '\u00e9\u00ff' + b64.slice(400);
  assert.deepStrictEqual(Buffer.from(withStray, 'base64'), Buffer.from(asciiText));
  const hex = Buffer.from(asciiText).toString('hex');
  assert.deepStrictEqual(Buffer.from(hex.slice(0, 1000) + '\u00e9' + hex.slice(1000), 'hex'),
    Buffer.from(asciiText).subarray(0, 500));
});

test('ASCII text round-trips through toString and from', () => {
  const buf = Buffer.from(asciiText);
  assert.strictEqual(buf.length, asciiText.length);
  assert.strictEqual(buf.toString(), asciiText);
  assert.strictEqual(buf.toString('utf8', 3, 3000), asciiText.slice(3, 3000));
  assert.strictEqual(buf.toString('latin1', 10), asciiText.slice(10));
  assert.strictEqual(new TextDecoder().decode(buf), asciiText);
});

test('strings made from bytes are ordinary strings', () => {
  const a = Buffer.from(latin1Text, 'latin1').toString('latin1');
  const b = Buffer.from(latin1Text, 'latin1').toString('latin1');
  assert.strictEqual(a, b);
  assert.strictEqual(a + '!', latin1Text + '!');
  const map = new Map([[a, 1]]);
  assert.strictEqual(map.get(b), 1);
  assert.strictEqual(JSON.parse(JSON.stringify({ a })).a, latin1Text);
  assert.strictEqual(a.normalize('NFD').length >= a.length, true);
});
