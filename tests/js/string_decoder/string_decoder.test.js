'use strict';
// Expectations are node 20's own results for each expression.
const test = require('node:test');
const assert = require('node:assert');

const { StringDecoder } = require('string_decoder');
const run = (enc, ...chunks) => { const d = new StringDecoder(enc); const out = chunks.map((c) => d.write(Buffer.from(c))); out.push(d.end()); return out; };
const each = (enc, bytes) => { const d = new StringDecoder(enc); const out = []; for (const x of bytes) out.push(d.write(Buffer.from([x]))); out.push(d.end()); return out.join('|'); };


test("utf8 split sequences", () => {
  assert.deepStrictEqual(run('utf8', [0xe2, 0x82], [0xac]), ["", "€", ""]);
  assert.deepStrictEqual(run('utf8', [0xe2], [0x82], [0xac]), ["", "", "€", ""]);
  assert.deepStrictEqual(run('utf8', [0xe2, 0x82], [0x41]), ["", "�A", ""]);
  assert.deepStrictEqual(run('utf8', [0xe2]), ["", "�"]);
  assert.deepStrictEqual(run('utf8', [0xf0, 0x9f], [0x98, 0x80, 0x61]), ["", "😀a", ""]);
  assert.deepStrictEqual(run('utf8', [0xf0, 0x9f, 0x98]), ["", "�"]);
  assert.deepStrictEqual(run('utf8', [0xc0], [0x80]), ["", "��", ""]);
  assert.deepStrictEqual(run('utf8', [0xff], [0x41]), ["�", "A", ""]);
  assert.deepStrictEqual(run('utf8', [0x61, 0x80]), ["a�", ""]);
  assert.deepStrictEqual(run('utf8', [0x80, 0x80, 0x80, 0x80]), ["����", ""]);
  assert.deepStrictEqual(run('utf8', [0xe0], [0x80, 0x80, 0x80, 0x80]), ["", "�����", ""]);
  assert.deepStrictEqual(run('utf8', [0xed, 0xa0], [0x80]), ["", "���", ""]);
  assert.deepStrictEqual(run('utf8', [0xf4, 0x90], [0x80, 0x80]), ["", "����", ""]);
  assert.deepStrictEqual(run('utf8', [0xf8, 0x88]), ["��", ""]);
  assert.deepStrictEqual(run('utf8', [0x61, 0xe2, 0x82], [], [0xac, 0x62]), ["a", "", "€b", ""]);
  assert.deepStrictEqual(each('utf8', [0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xc3]), "||€||||😀||�");
  assert.deepStrictEqual(each('utf8', [0xc3, 0x41, 0xe2, 0x82, 0xe2, 0x82, 0xac]), "|�A|||�||€|");
  assert.deepStrictEqual(run('utf8', [0xe2, 0x82, 0xac, 0xe2, 0x82], [0xac]), ["€", "€", ""]);
  assert.deepStrictEqual(run(undefined, [0xc3], [0xa9]), ["", "é", ""]);
  assert.deepStrictEqual(run('utf-8', [0xc3, 0xa9]), ["é", ""]);
});

test("utf16le", () => {
  assert.deepStrictEqual(run('utf16le', [0x61], [0x00]), ["", "a", ""]);
  assert.deepStrictEqual(run('utf16le', [0x3d, 0xd8], [0x00, 0xde]), ["", "😀", ""]);
  assert.deepStrictEqual(run('utf16le', [0x3d, 0xd8, 0x00], [0xde]), ["\ud83d", "\ude00", ""]);
  assert.deepStrictEqual(run('utf16le', [0x3d, 0xd8]), ["", "\ud83d"]);
  assert.deepStrictEqual(run('utf16le', [0x61]), ["", ""]);
  assert.deepStrictEqual(run('utf16le', [0x61, 0x00, 0x62]), ["a", ""]);
  assert.deepStrictEqual(run('utf16le', [0x3d, 0xd8, 0x61, 0x00]), ["\ud83da", ""]);
  assert.deepStrictEqual(each('ucs2', [0x61, 0x00, 0x3d, 0xd8, 0x00, 0xde, 0x62]), "|a||\ud83d||\ude00||");
  assert.deepStrictEqual(run('ucs2', [0x00, 0xde]), ["\ude00", ""]);
});

test("base64, hex, latin1, ascii", () => {
  assert.deepStrictEqual(run('base64', [0x61], [0x62, 0x63, 0x64]), ["", "YWJj", "ZA=="]);
  assert.deepStrictEqual(run('base64', [0x61, 0x62]), ["", "YWI="]);
  assert.deepStrictEqual(run('base64url', [0xfb, 0xff], [0xfe]), ["", "-__-", ""]);
  assert.deepStrictEqual(each('base64', [1, 2, 3, 4, 5]), "||AQID|||BAU=");
  assert.deepStrictEqual(run('base64', []), ["", ""]);
  assert.deepStrictEqual(run('hex', [0xde, 0xad], [0xbe]), ["dead", "be", ""]);
  assert.deepStrictEqual(run('latin1', [0xe9, 0xff]), ["éÿ", ""]);
  assert.deepStrictEqual(run('binary', [0x80]), ["\u0080", ""]);
  assert.deepStrictEqual(run('ascii', [0xe9, 0x41]), ["iA", ""]);
});

test("API", () => {
  assert.deepStrictEqual(new StringDecoder().encoding, "utf8");
  assert.deepStrictEqual(new StringDecoder('UCS-2').encoding, "utf16le");
  assert.deepStrictEqual(new StringDecoder('binary').encoding, "latin1");
  assert.deepStrictEqual(new StringDecoder('UTF-8').encoding, "utf8");
  assert.deepStrictEqual(new StringDecoder('Base64URL').encoding, "base64url");
  assert.throws(() => new StringDecoder('nope'), { "name": "TypeError", "message": "Unknown encoding: nope", "code": "ERR_UNKNOWN_ENCODING" });
  assert.deepStrictEqual(new StringDecoder(null).encoding, "utf8");
  assert.deepStrictEqual(new StringDecoder('').encoding, "utf8");
  assert.deepStrictEqual(new StringDecoder().write('str'), "str");
  assert.throws(() => new StringDecoder().write(1), { "name": "TypeError", "message": "The \"buf\" argument must be an instance of Buffer, TypedArray, or DataView. Received type number (1)", "code": "ERR_INVALID_ARG_TYPE" });
  assert.throws(() => new StringDecoder().write(null), { "name": "TypeError", "message": "The \"buf\" argument must be an instance of Buffer, TypedArray, or DataView. Received null", "code": "ERR_INVALID_ARG_TYPE" });
  assert.deepStrictEqual(new StringDecoder().write(new Uint16Array([0x6261])), "ab");
  assert.deepStrictEqual(new StringDecoder().write(new DataView(new Uint8Array([0x61]).buffer)), "a");
  assert.deepStrictEqual(new StringDecoder().end(Buffer.from([0x61, 0xe2])), "a�");
  assert.deepStrictEqual((() => { const d = new StringDecoder(); d.write(Buffer.from([0xe2, 0x82])); return [d.lastNeed, d.lastTotal, d.lastChar.subarray(0, 2).toString('hex')]; })(), [1, 3, "e282"]);
  assert.deepStrictEqual((() => { const d = new StringDecoder('utf16le'); d.write(Buffer.from([0x61])); return [d.lastNeed, d.lastTotal]; })(), [1, 2]);
  assert.deepStrictEqual((() => { const d = new StringDecoder(); d.write(Buffer.from([0xe2])); return d.text(Buffer.from('xabc'), 1); })(), "abc");
  assert.deepStrictEqual((() => { const d = new StringDecoder(); d.write(Buffer.from([0xe2])); d.end(); return d.write(Buffer.from('ok')); })(), "ok");
  assert.deepStrictEqual(typeof require('string_decoder').StringDecoder.prototype.write, "function");
});
