'use strict';
// Brotli (RFC 7932): round trips, quality and window parameters, a stream
// from the RFC's smallest valid input, errors; zlib's options (dictionary,
// maxOutputLength, flush), async forms; CompressionStream and
// DecompressionStream. tests/crypto/run.sh checks the output against the
// gzip and brotli command-line tools.
const test = require('node:test');
const assert = require('node:assert');
const zlib = require('zlib');
const { once } = require('events');
const { promisify } = require('util');

const input = Buffer.from('The quick brown fox jumps over the lazy dog. '.repeat(500));

test('brotli round trips, sync and async', async () => {
  const packed = zlib.brotliCompressSync(input);
  assert.ok(packed.length < input.length / 20);
  assert.ok(zlib.brotliDecompressSync(packed).equals(input));
  const viaPromise = await promisify(zlib.brotliCompress)(input);
  assert.ok((await promisify(zlib.brotliDecompress)(viaPromise)).equals(input));
  assert.strictEqual(zlib.brotliDecompressSync(zlib.brotliCompressSync('')).length, 0);
  // An empty brotli stream is the single byte 0x06 (RFC 7932: ISLAST, ISLASTEMPTY).
  assert.strictEqual(zlib.brotliDecompressSync(Buffer.from([0x06])).length, 0);
});

test('brotli params', () => {
  const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_LGWIN, BROTLI_PARAM_MODE, BROTLI_MODE_TEXT, BROTLI_PARAM_SIZE_HINT } =
    zlib.constants;
  const q0 = zlib.brotliCompressSync(input, { params: { [BROTLI_PARAM_QUALITY]: 0 } });
  const q11 = zlib.brotliCompressSync(input, { params: { [BROTLI_PARAM_QUALITY]: 11, [BROTLI_PARAM_LGWIN]: 18,
    [BROTLI_PARAM_MODE]: BROTLI_MODE_TEXT, [BROTLI_PARAM_SIZE_HINT]: input.length } });
  assert.ok(q11.length < q0.length);
  assert.ok(zlib.brotliDecompressSync(q0).equals(input));
  assert.ok(zlib.brotliDecompressSync(q11).equals(input));
  assert.strictEqual(zlib.brotliCompressSync('hello', { params: { [BROTLI_PARAM_QUALITY]: 11 } }).toString('hex'),
    '0b028068656c6c6f03');
  assert.throws(() => zlib.brotliCompressSync('x', { params: { 9999: 1 } }),
    { code: 'ERR_BROTLI_INVALID_PARAM', message: '9999 is not a valid Brotli parameter' });
  assert.throws(() => zlib.brotliCompressSync('x', { params: { 1: 'x' } }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => zlib.brotliDecompressSync('x', { params: { 5: 1 } }), { code: 'ERR_ZLIB_INITIALIZATION_FAILED' });
});

test('corrupt and truncated brotli', () => {
  assert.throws(() => zlib.brotliDecompressSync(Buffer.from('garbage data here')),
    { message: 'Decompression failed', code: 'ERR__ERROR_FORMAT_PADDING_1', errno: -14 });
  const packed = zlib.brotliCompressSync(input);
  assert.throws(() => zlib.brotliDecompressSync(packed.subarray(0, packed.length >> 1)),
    { message: 'unexpected end of file', code: 'Z_BUF_ERROR', errno: -5 });
});

test('brotli streams and flush', async () => {
  const c = zlib.createBrotliCompress();
  const d = zlib.createBrotliDecompress();
  c.pipe(d);
  const got = [];
  d.on('data', (b) => got.push(b));
  // A flush makes what was written so far decodable.
  const first = new Promise((resolve) => d.on('data', () => {
    if (Buffer.concat(got).length >= 100) resolve();
  }));
  c.write(input.subarray(0, 100));
  c.flush();
  await first;
  assert.ok(Buffer.concat(got).equals(input.subarray(0, 100)));
  c.end(input.subarray(100));
  await once(d, 'end');
  assert.ok(Buffer.concat(got).equals(input));
  assert.ok(c instanceof zlib.BrotliCompress);
});

test('dictionaries', () => {
  const dictionary = Buffer.from('hello world dictionary');
  const packed = zlib.deflateSync('hello world', { dictionary });
  assert.throws(() => zlib.inflateSync(packed), { message: 'Missing dictionary', code: 'Z_NEED_DICT', errno: 2 });
  assert.strictEqual(zlib.inflateSync(packed, { dictionary }).toString(), 'hello world');
  assert.throws(() => zlib.inflateSync(packed, { dictionary: Buffer.from('other') }),
    { code: 'Z_NEED_DICT', message: 'Bad dictionary' });
  const raw = zlib.deflateRawSync('hello world', { dictionary });
  assert.strictEqual(zlib.inflateRawSync(raw, { dictionary }).toString(), 'hello world');
});

test('maxOutputLength', async () => {
  const big = zlib.gzipSync(Buffer.alloc(100000));
  assert.throws(() => zlib.gunzipSync(big, { maxOutputLength: 1000 }),
    { code: 'ERR_BUFFER_TOO_LARGE', name: 'RangeError', message: 'Cannot create a Buffer larger than 1000 bytes' });
  await assert.rejects(promisify(zlib.gunzip)(big, { maxOutputLength: 1000 }), { code: 'ERR_BUFFER_TOO_LARGE' });
  assert.throws(() => zlib.brotliDecompressSync(zlib.brotliCompressSync(Buffer.alloc(100000)), { maxOutputLength: 10 }),
    { code: 'ERR_BUFFER_TOO_LARGE' });
  assert.strictEqual(zlib.gunzipSync(big, { maxOutputLength: 100000 }).length, 100000);
});

test('async one-shots report errors through the callback', async () => {
  await assert.rejects(promisify(zlib.gunzip)(Buffer.from('not gzip at all')),
    { message: 'incorrect header check', code: 'Z_DATA_ERROR', errno: -3 });
  await assert.rejects(promisify(zlib.inflate)(zlib.deflateSync(input).subarray(0, 20)),
    { message: 'unexpected end of file', code: 'Z_BUF_ERROR' });
  await assert.rejects(promisify(zlib.brotliDecompress)(Buffer.from('garbage data here')),
    { code: 'ERR__ERROR_FORMAT_PADDING_1' });
  assert.throws(() => zlib.gzip(input), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => zlib.gzip(input, { level: 42 }, () => {}), { code: 'ERR_OUT_OF_RANGE' });
  // Each of many concurrent jobs gets its own result.
  const inputs = Array.from({ length: 8 }, (_, i) => Buffer.from(`job ${i} `.repeat(1000 * (i + 1))));
  const outs = await Promise.all(inputs.map((b) => promisify(zlib.deflate)(b)));
  for (let i = 0; i < 8; i++) assert.ok(zlib.inflateSync(outs[i]).equals(inputs[i]));
});

test('lenient finishFlush reads truncated input; concatenated gzip members', () => {
  const packed = zlib.gzipSync(input);
  const partial = zlib.gunzipSync(packed.subarray(0, packed.length - 20), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  assert.ok(partial.length > 0 && input.subarray(0, partial.length).equals(partial));
  const two = Buffer.concat([zlib.gzipSync('one '), zlib.gzipSync('two')]);
  assert.strictEqual(zlib.gunzipSync(two).toString(), 'one two');
});

test('option checks', () => {
  assert.throws(() => zlib.gzipSync('x', { windowBits: 7 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => zlib.deflateSync('x', { memLevel: 10 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => zlib.deflateSync('x', { strategy: 5 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => zlib.deflateSync('x', { chunkSize: 10 }),
    { code: 'ERR_OUT_OF_RANGE', message: 'The value of "options.chunkSize" is out of range. It must be >= 64. Received 10' });
  assert.throws(() => zlib.deflateSync(5), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => zlib.inflateSync(zlib.deflateSync('abc'), { windowBits: 8 }), { code: 'Z_DATA_ERROR' });
  assert.strictEqual(zlib.inflateSync(zlib.deflateSync('abc'), { windowBits: 0 }).toString(), 'abc');
  assert.strictEqual(zlib.deflateSync('abc', { level: 9, memLevel: 9, strategy: zlib.constants.Z_FILTERED }).length > 0, true);
});

test('crc32', () => {
  assert.strictEqual(zlib.crc32('hello'), 907060870);
  assert.strictEqual(zlib.crc32('world', zlib.crc32('hello ')), zlib.crc32('hello world'));
  // The check value of the CRC-32 in ISO 3309 / ITU-T V.42.
  assert.strictEqual(zlib.crc32('123456789'), 0xcbf43926);
  assert.strictEqual(zlib.crc32(new Uint8Array(0)), 0);
});

test('CompressionStream and DecompressionStream', async () => {
  for (const format of ['gzip', 'deflate', 'deflate-raw']) {
    const cs = new CompressionStream(format);
    const writer = cs.writable.getWriter();
    writer.write(new TextEncoder().encode('hello '));
    writer.write(new TextEncoder().encode('streams'));
    writer.close();
    const chunks = [];
    for await (const chunk of cs.readable) {
      assert.strictEqual(Object.getPrototypeOf(chunk), Uint8Array.prototype);
      chunks.push(chunk);
    }
    const packed = Buffer.concat(chunks);
    const unpack = { gzip: zlib.gunzipSync, deflate: zlib.inflateSync, 'deflate-raw': zlib.inflateRawSync }[format];
    assert.strictEqual(unpack(packed).toString(), 'hello streams');
    const ds = new DecompressionStream(format);
    const out = [];
    const reading = (async () => {
      for await (const chunk of ds.readable) out.push(chunk);
    })();
    const w = ds.writable.getWriter();
    await w.write(packed);
    await w.close();
    await reading;
    assert.strictEqual(Buffer.concat(out).toString(), 'hello streams');
  }
  assert.throws(() => new CompressionStream('br'), { code: 'ERR_INVALID_ARG_VALUE' });
  const bad = new DecompressionStream('gzip');
  const w = bad.writable.getWriter();
  w.write(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).catch(() => {});
  w.close().catch(() => {});
  await assert.rejects(bad.readable.getReader().read(), { code: 'Z_DATA_ERROR' });
  assert.strictEqual(require('stream/web').CompressionStream, CompressionStream);
});

test('big one-shot deflates round-trip in every format', async () => {
  const big = Buffer.from(Array.from({ length: 20000 }, (_, i) => `line ${i} ${(i * 7919) % 10007}\n`).join(''));
  for (const [pack, unpack] of [['gzip', 'gunzip'], ['deflate', 'inflate'], ['deflateRaw', 'inflateRaw']]) {
    const sync = zlib[`${pack}Sync`](big);
    assert.ok(sync.length < big.length / 2, pack);
    assert.ok(zlib[`${unpack}Sync`](sync).equals(big), pack);
    const viaCb = await promisify(zlib[pack])(big, { level: 9 });
    assert.ok(zlib[`${unpack}Sync`](viaCb).equals(big), `${pack} callback`);
    assert.throws(() => zlib[`${pack}Sync`](big, { maxOutputLength: 100 }), { code: 'ERR_BUFFER_TOO_LARGE' });
  }
  assert.deepStrictEqual([...zlib.gzipSync(big).subarray(0, 4)], [0x1f, 0x8b, 8, 0]);
});
