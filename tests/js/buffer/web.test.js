'use strict';
// Expectations are node 20's own results for each expression.
const test = require('node:test');
const assert = require('node:assert');

const { Blob, File, atob, btoa, resolveObjectURL } = require('buffer');


test("atob and btoa", () => {
  assert.deepStrictEqual(btoa('hello'), "aGVsbG8=");
  assert.deepStrictEqual(btoa(''), "");
  assert.deepStrictEqual(btoa('\u00ff\u0080'), "/4A=");
  assert.deepStrictEqual(btoa(123), "MTIz");
  assert.deepStrictEqual(btoa(null), "bnVsbA==");
  assert.throws(() => btoa(), { "name": "TypeError", "message": "The \"input\" argument must be specified", "code": "ERR_MISSING_ARGS" });
  assert.throws(() => btoa('\u0100'), { "name": "InvalidCharacterError", "message": "Invalid character", "code": 5 });
  assert.throws(() => btoa('€'), { "name": "InvalidCharacterError", "message": "Invalid character", "code": 5 });
  assert.deepStrictEqual(atob('aGVsbG8='), "hello");
  assert.deepStrictEqual(atob('aGVsbG8'), "hello");
  assert.deepStrictEqual(atob(' aGVs\nbG8 '), "hello");
  assert.deepStrictEqual(atob(''), "");
  assert.deepStrictEqual(atob('/w=='), "ÿ");
  assert.throws(() => atob('aGVsbG8=='), { "name": "InvalidCharacterError", "message": "Invalid character", "code": 5 });
  assert.throws(() => atob('aGV=sbG8'), { "name": "InvalidCharacterError", "message": "Invalid character", "code": 5 });
  assert.throws(() => atob('a'), { "name": "InvalidCharacterError", "message": "The string to be decoded is not correctly encoded.", "code": 5 });
  assert.throws(() => atob('ab=c'), { "name": "InvalidCharacterError", "message": "Invalid character", "code": 5 });
  assert.throws(() => atob('aGVsbG8*'), { "name": "InvalidCharacterError", "message": "Invalid character", "code": 5 });
  assert.throws(() => atob('-_'), { "name": "InvalidCharacterError", "message": "Invalid character", "code": 5 });
  assert.throws(() => atob(undefined), { "name": "InvalidCharacterError", "message": "The string to be decoded is not correctly encoded.", "code": 5 });
  assert.deepStrictEqual(atob(null), "\u009eée");
  assert.throws(() => atob(), { "name": "TypeError", "message": "The \"input\" argument must be specified", "code": "ERR_MISSING_ARGS" });
  assert.throws(() => atob('YQ==='), { "name": "InvalidCharacterError", "message": "Invalid character", "code": 5 });
  assert.deepStrictEqual(atob('YR=='), "a");
  assert.deepStrictEqual((() => { try { atob('*'); } catch (e) { return [e.name, e.message, e.code, e instanceof DOMException]; } })(), ["InvalidCharacterError", "Invalid character", 5, true]);
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(globalThis, 'atob').enumerable, true);
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(globalThis, 'Buffer').enumerable, false);
  assert.deepStrictEqual(globalThis.atob === atob, true);
  assert.deepStrictEqual(globalThis.Buffer === require('buffer').Buffer, true);
});

test("Blob and File synchronous API", () => {
  assert.deepStrictEqual(new Blob(['ab', new Uint8Array([99]), new Blob(['d'])]).size, 4);
  assert.deepStrictEqual(new Blob([], { type: 'Text/Plain' }).type, "text/plain");
  assert.deepStrictEqual(new Blob([], { type: 'a\u00e9' }).type, "");
  assert.deepStrictEqual(new Blob().size, 0);
  assert.throws(() => new Blob('x'), { "name": "TypeError", "message": "The \"sources\" argument must be a sequence. Received type string ('x')", "code": "ERR_INVALID_ARG_TYPE" });
  assert.throws(() => new Blob(5), { "name": "TypeError", "message": "The \"sources\" argument must be a sequence. Received type number (5)", "code": "ERR_INVALID_ARG_TYPE" });
  assert.throws(() => new Blob(null), { "name": "TypeError", "message": "The \"sources\" argument must be a sequence. Received null", "code": "ERR_INVALID_ARG_TYPE" });
  assert.throws(() => new Blob([], { endings: 'x' }), { "name": "TypeError", "message": "The property 'options.endings' is invalid. Received 'x'", "code": "ERR_INVALID_ARG_VALUE" });
  assert.throws(() => new Blob([], 5), { "name": "TypeError", "message": "The \"options\" argument must be a dictionary. Received type number (5)", "code": "ERR_INVALID_ARG_TYPE" });
  assert.deepStrictEqual(new Blob([1, null, {}]).size, 20);
  assert.deepStrictEqual(new Blob(['hello']).slice(1, 3).size, 2);
  assert.deepStrictEqual(new Blob(['hello']).slice(-2).size, 2);
  assert.deepStrictEqual(new Blob(['hello']).slice(3, 1).size, 0);
  assert.deepStrictEqual(new Blob(['hello']).slice(0, 5, 'X/Y').type, "x/y");
  assert.deepStrictEqual(require('util').inspect(new Blob(['ab'], { type: 'text/plain' })), "Blob { size: 2, type: 'text/plain' }");
  assert.deepStrictEqual(Object.prototype.toString.call(new Blob()), "[object Blob]");
  assert.deepStrictEqual(globalThis.Blob === Blob, true);
  assert.deepStrictEqual(new File(['ab'], 'a.txt').name, "a.txt");
  assert.deepStrictEqual(new File(['ab'], 'a.txt', { lastModified: 42 }).lastModified, 42);
  assert.deepStrictEqual(new File(['ab'], 'a.txt', { type: 'text/plain' }).type, "text/plain");
  assert.throws(() => new File(['ab']), { "name": "TypeError", "message": "The \"fileBits\" and \"fileName\" arguments must be specified", "code": "ERR_MISSING_ARGS" });
  assert.deepStrictEqual(new File(['ab'], 'x') instanceof Blob, true);
  assert.deepStrictEqual(Object.prototype.toString.call(new File([], 'x')), "[object File]");
  assert.deepStrictEqual(resolveObjectURL('blob:nodedata:nope'), undefined);
  assert.deepStrictEqual(resolveObjectURL('http://x'), undefined);
});

test('Blob reads its bytes back', async () => {
  const blob = new Blob(['héllo ', new Uint8Array([0xe2, 0x82, 0xac]), new Blob(['!'])], { type: 'text/plain' });
  assert.strictEqual(await blob.text(), 'héllo €!');
  const ab = await blob.arrayBuffer();
  assert.ok(ab instanceof ArrayBuffer);
  assert.deepStrictEqual(Array.from(new Uint8Array(ab)), [104, 195, 169, 108, 108, 111, 32, 226, 130, 172, 33]);
  assert.strictEqual(await blob.slice(1, 3).text(), 'é');
  assert.strictEqual(await blob.slice(-1).text(), '!');
  assert.strictEqual(await new Blob(['a\r\nb\nc'], { endings: 'native' }).text(), 'a\nb\nc');
  assert.strictEqual(await new Blob(['a\r\nb']).text(), 'a\r\nb');
});

test('Blob sources are copied', async () => {
  const bytes = new Uint8Array([97, 98]);
  const blob = new Blob([bytes]);
  bytes[0] = 122;
  assert.strictEqual(await blob.text(), 'ab');
});

test('File is a Blob with a name', async () => {
  const file = new File(['data'], 'f.txt', { type: 'text/plain', lastModified: 7 });
  assert.strictEqual(await file.text(), 'data');
  assert.strictEqual(file.size, 4);
  assert.strictEqual(typeof new File([], 'x').lastModified, 'number');
});
