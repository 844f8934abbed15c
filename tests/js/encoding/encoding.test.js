'use strict';
// Expectations are node 20's own results for each expression.
const test = require('node:test');
const assert = require('node:assert');

const { TextEncoder, TextDecoder } = require('util');
const dec = (label, bytes, opts) => new TextDecoder(label, opts).decode(new Uint8Array(bytes));
const stream = (label, chunks, opts) => { const d = new TextDecoder(label, opts); const out = chunks.map((c) => d.decode(new Uint8Array(c), { stream: true })); out.push(d.decode()); return out; };
const enc = (s) => Array.from(new TextEncoder().encode(s));
const into = (s, n) => { const u = new Uint8Array(n); const r = new TextEncoder().encodeInto(s, u); return [r.read, r.written, Array.from(u)]; };
const long = (s, n) => s.repeat(Math.ceil(n / s.length)).slice(0, n);


test("TextEncoder", () => {
  assert.deepStrictEqual(enc(''), []);
  assert.deepStrictEqual(enc('héllo'), [104, 195, 169, 108, 108, 111]);
  assert.deepStrictEqual(enc('€😀'), [226, 130, 172, 240, 159, 152, 128]);
  assert.deepStrictEqual(enc('\ud800x'), [239, 191, 189, 120]);
  assert.deepStrictEqual(enc('x\udc00'), [120, 239, 191, 189]);
  assert.deepStrictEqual(enc(undefined), []);
  assert.deepStrictEqual(enc(null), [110, 117, 108, 108]);
  assert.deepStrictEqual(enc(123), [49, 50, 51]);
  assert.deepStrictEqual(new TextEncoder().encoding, "utf-8");
  assert.deepStrictEqual(new TextEncoder().encode() instanceof Uint8Array, true);
  assert.deepStrictEqual(new TextEncoder().encode(long('a€\ud800', 3000)).length, 7000);
  assert.deepStrictEqual(new TextEncoder().encode(long('é', 3000)).length, 6000);
  assert.deepStrictEqual(into('abc', 2), [2, 2, [97, 98]]);
  assert.deepStrictEqual(into('a€', 3), [1, 1, [97, 0, 0]]);
  assert.deepStrictEqual(into('a€', 4), [2, 4, [97, 226, 130, 172]]);
  assert.deepStrictEqual(into('😀a', 3), [0, 0, [0, 0, 0]]);
  assert.deepStrictEqual(into('😀a', 5), [3, 5, [240, 159, 152, 128, 97]]);
  assert.deepStrictEqual(into('\ud800', 3), [1, 3, [239, 191, 189]]);
  assert.deepStrictEqual(into('', 1), [0, 0, [0]]);
  assert.throws(() => new TextEncoder().encodeInto('a', []), { "name": "TypeError", "message": "The \"dest\" argument must be an instance of Uint8Array. Received an instance of Array", "code": "ERR_INVALID_ARG_TYPE" });
  assert.throws(() => new TextEncoder().encodeInto(1, new Uint8Array(1)), { "name": "TypeError", "message": "The \"src\" argument must be of type string. Received type number (1)", "code": "ERR_INVALID_ARG_TYPE" });
  assert.deepStrictEqual(Object.prototype.toString.call(new TextEncoder()), "[object TextEncoder]");
  assert.throws(() => TextEncoder.prototype.encode.call({}, 'a'), { "name": "TypeError", "message": "Value of \"this\" must be of type TextEncoder", "code": "ERR_INVALID_THIS" });
});

test("TextDecoder utf-8", () => {
  assert.deepStrictEqual(dec(undefined, [0x68, 0x69]), "hi");
  assert.deepStrictEqual(dec('utf-8', [0xef, 0xbb, 0xbf, 0x61]), "a");
  assert.deepStrictEqual(dec('utf-8', [0xef, 0xbb, 0xbf, 0x61], { ignoreBOM: true }), "\ufeffa");
  assert.deepStrictEqual(dec('utf8', [0xff, 0x61, 0xc0, 0x80, 0xe2, 0x82]), "�a���");
  assert.deepStrictEqual(dec('UTF-8 ', [0xed, 0xa0, 0x80]), "���");
  assert.deepStrictEqual(dec('unicode-1-1-utf-8', [0xf0, 0x9f, 0x98, 0x80]), "😀");
  assert.deepStrictEqual(dec('utf-8', [0xf4, 0x90, 0x80, 0x80]), "����");
  assert.deepStrictEqual(dec('utf-8', [0xe0, 0x80]), "��");
  assert.throws(() => dec('utf-8', [0x61, 0xff], { fatal: true }), { "name": "TypeError", "message": "The encoded data was not valid for encoding utf-8", "code": "ERR_ENCODING_INVALID_ENCODED_DATA" });
  assert.throws(() => dec('utf-8', [0xe2, 0x82], { fatal: true }), { "name": "TypeError", "message": "The encoded data was not valid for encoding utf-8", "code": "ERR_ENCODING_INVALID_ENCODED_DATA" });
  assert.deepStrictEqual(dec('utf-8', [0xe2, 0x82, 0xac], { fatal: true }), "€");
  assert.throws(() => dec('utf-8', Array(3000).fill(0xff), { fatal: true }), { "name": "TypeError", "message": "The encoded data was not valid for encoding utf-8", "code": "ERR_ENCODING_INVALID_ENCODED_DATA" });
  assert.deepStrictEqual(dec('utf-8', Array(3000).fill(0xff)).length, 3000);
  assert.deepStrictEqual(dec('utf-8', Array(3000).fill(0x61).concat([0xef, 0xbb])).length, 3001);
  assert.deepStrictEqual(stream('utf-8', [[0xe2], [0x82], [0xac]]), ["", "", "€", ""]);
  assert.deepStrictEqual(stream('utf-8', [[0xe2, 0x82]]), ["", "�"]);
  assert.deepStrictEqual(stream('utf-8', [[0xef, 0xbb], [0xbf, 0x61], [0xef, 0xbb, 0xbf]]), ["", "a", "\ufeff", ""]);
  assert.deepStrictEqual(stream('utf-8', [[0xf0, 0x9f], [0x41]]), ["", "�A", ""]);
  assert.throws(() => stream('utf-8', [[0xe2], [0x82]], { fatal: true }), { "name": "TypeError", "message": "The encoded data was not valid for encoding utf-8", "code": "ERR_ENCODING_INVALID_ENCODED_DATA" });
  assert.deepStrictEqual(stream('utf-8', [[0xc0], [0x80]]), ["�", "�", ""]);
  assert.deepStrictEqual(stream('utf-8', [[0xf0], [0x90, 0x80], [0x80]]), ["", "", "𐀀", ""]);
  assert.deepStrictEqual(new TextDecoder().decode(new Uint16Array([0x6968])), "hi");
  assert.deepStrictEqual(new TextDecoder().decode(new DataView(new Uint8Array([0x61]).buffer)), "a");
  assert.deepStrictEqual(new TextDecoder().decode(new Uint8Array([0x61, 0x62]).buffer), "ab");
  assert.throws(() => new TextDecoder().decode('abc'), { "name": "TypeError", "message": "The \"list\" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.", "code": "ERR_INVALID_ARG_TYPE" });
  assert.deepStrictEqual(new TextDecoder().decode(), "");
  assert.throws(() => new TextDecoder().decode(null), { "name": "TypeError", "message": "The \"list\" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.", "code": "ERR_INVALID_ARG_TYPE" });
});

test("TextDecoder utf-16le and windows-1252", () => {
  assert.deepStrictEqual(dec('utf-16le', [0x61, 0x00, 0x3d, 0xd8, 0x00, 0xde]), "a😀");
  assert.deepStrictEqual(dec('utf-16', [0xff, 0xfe, 0x61, 0x00]), "a");
  assert.deepStrictEqual(dec('utf-16le', [0x61, 0x00, 0x62]), "a�");
  assert.deepStrictEqual(dec('utf-16le', [0x00, 0xd8, 0x61, 0x00]), "�a");
  assert.throws(() => dec('utf-16le', [0x00, 0xd8], { fatal: true }), { "name": "TypeError", "message": "The encoded data was not valid for encoding utf-16le", "code": "ERR_ENCODING_INVALID_ENCODED_DATA" });
  assert.throws(() => dec('utf-16le', [0x61], { fatal: true }), { "name": "TypeError", "message": "The encoded data was not valid for encoding utf-16le", "code": "ERR_ENCODING_INVALID_ENCODED_DATA" });
  assert.deepStrictEqual(stream('utf-16le', [[0x61], [0x00, 0x3d], [0xd8], [0x00, 0xde]]), ["", "a", "", "😀", ""]);
  assert.deepStrictEqual(dec('latin1', [0x80, 0x9f, 0xe9, 0x41]), "\u0080\u009féA");
  assert.deepStrictEqual(dec('ascii', [0x80, 0xff]), "\u0080ÿ");
  assert.deepStrictEqual(dec('windows-1252', [0x81, 0x8d, 0x99]), "\u0081\u008d\u0099");
  assert.deepStrictEqual(dec('iso-8859-1', [0xef, 0xbb, 0xbf]), "ï»¿");
});

test("TextDecoder API", () => {
  assert.deepStrictEqual(new TextDecoder().encoding, "utf-8");
  assert.deepStrictEqual(new TextDecoder('UTF8').encoding, "utf-8");
  assert.deepStrictEqual(new TextDecoder('ucs-2').encoding, "utf-16le");
  assert.deepStrictEqual(new TextDecoder('latin1').encoding, "windows-1252");
  assert.deepStrictEqual(new TextDecoder('us-ascii').encoding, "windows-1252");
  assert.throws(() => new TextDecoder('nope'), { "name": "RangeError", "message": "The \"nope\" encoding is not supported", "code": "ERR_ENCODING_NOT_SUPPORTED" });
  assert.deepStrictEqual(new TextDecoder('utf-8', { fatal: 1 }).fatal, true);
  assert.deepStrictEqual(new TextDecoder('utf-8', { ignoreBOM: 'y' }).ignoreBOM, true);
  assert.throws(() => new TextDecoder('utf-8', 5), { "name": "TypeError", "message": "The \"options\" argument must be of type object. Received type number (5)", "code": "ERR_INVALID_ARG_TYPE" });
  assert.deepStrictEqual(new TextDecoder().fatal, false);
  assert.deepStrictEqual(Object.prototype.toString.call(new TextDecoder()), "[object TextDecoder]");
  assert.throws(() => TextDecoder.prototype.decode.call({}, new Uint8Array(1)), { "name": "TypeError", "message": "Value of \"this\" must be of type TextDecoder", "code": "ERR_INVALID_THIS" });
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'encoding').enumerable, true);
  assert.deepStrictEqual(typeof globalThis.TextDecoder, "function");
  assert.deepStrictEqual(globalThis.TextEncoder === TextEncoder, true);
});
