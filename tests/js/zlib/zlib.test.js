'use strict';
// zlib: round trips through every format, streams, errors.
const test = require('node:test');
const assert = require('node:assert');
const zlib = require('zlib');
const { once } = require('events');
const { promisify } = require('util');

const input = Buffer.from('hello zlib, hello zlib, hello zlib! '.repeat(200));

test('one-shot round trips in every format', () => {
  for (const [pack, unpack] of [['deflateSync', 'inflateSync'], ['gzipSync', 'gunzipSync'],
    ['deflateRawSync', 'inflateRawSync'], ['gzipSync', 'unzipSync'], ['deflateSync', 'unzipSync']]) {
    const packed = zlib[pack](input);
    assert.ok(packed.length < input.length / 10, pack);
    assert.ok(zlib[unpack](packed).equals(input), `${pack} -> ${unpack}`);
  }
  assert.deepStrictEqual([...zlib.gzipSync('x').subarray(0, 2)], [0x1f, 0x8b]);
  assert.strictEqual(zlib.inflateSync(zlib.deflateSync('')).length, 0);
});

test('levels change the size and the content survives', () => {
  const fast = zlib.deflateSync(input, { level: 1 });
  const none = zlib.deflateSync(input, { level: 0 });
  assert.ok(none.length > input.length);
  assert.ok(zlib.inflateSync(fast).equals(input));
  assert.throws(() => zlib.deflateSync(input, { level: 10 }), { code: 'ERR_OUT_OF_RANGE' });
});

test('bad input fails with zlib\'s message and code', () => {
  assert.throws(() => zlib.gunzipSync(Buffer.from('not gzip at all')),
    { message: 'incorrect header check', code: 'Z_DATA_ERROR', errno: -3 });
  assert.throws(() => zlib.gunzipSync(zlib.gzipSync(input).subarray(0, 30)),
    { message: 'unexpected end of file', code: 'Z_BUF_ERROR', errno: -5 });
});

test('callback and promisified forms', async () => {
  const packed = await promisify(zlib.gzip)(input);
  const back = await new Promise((resolve, reject) => zlib.gunzip(packed, (e, r) => (e ? reject(e) : resolve(r))));
  assert.ok(back.equals(input));
});

test('streams: gzip piped into gunzip', async () => {
  const gz = zlib.createGzip();
  const gunzip = zlib.createGunzip();
  gz.pipe(gunzip);
  const chunks = [];
  gunzip.on('data', (d) => chunks.push(d));
  for (let i = 0; i < input.length; i += 1000) gz.write(input.subarray(i, i + 1000));
  gz.end();
  await once(gunzip, 'end');
  assert.ok(Buffer.concat(chunks).equals(input));
  assert.ok(gz instanceof zlib.Gzip);
  assert.strictEqual(gz.bytesWritten, input.length);
});

test('a stream error is emitted', async () => {
  const inflate = zlib.createInflate();
  inflate.end(Buffer.from('garbage'));
  const [err] = await once(inflate, 'error');
  assert.strictEqual(err.code, 'Z_DATA_ERROR');
});

test('constants and crc32', () => {
  assert.strictEqual(zlib.constants.Z_SYNC_FLUSH, 2);
  assert.strictEqual(zlib.constants.Z_BEST_COMPRESSION, 9);
  assert.strictEqual(zlib.Z_DEFAULT_WINDOWBITS, 15);
  if (typeof zlib.crc32 === 'function') assert.strictEqual(zlib.crc32('hello'), 907060870);
});
