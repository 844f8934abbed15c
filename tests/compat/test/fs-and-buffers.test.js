'use strict';
// Real packages over fs and Buffer: directory trees, charset conversion,
// Buffer shims and a full argument parser that reads its locale files.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

test('mkdirp creates nested directories and reports the first one made', async () => {
  const { mkdirp } = require('mkdirp');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'anode-mkdirp-'));
  try {
    const made = await mkdirp(path.join(root, 'a/b/c'));
    assert.strictEqual(made, path.join(root, 'a'));
    assert.ok(fs.statSync(path.join(root, 'a/b/c')).isDirectory());
    assert.strictEqual(mkdirp.sync(path.join(root, 'a/b/c')), undefined);
    assert.strictEqual(mkdirp.sync(path.join(root, 'x/y')), path.join(root, 'x'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('iconv-lite converts between charsets', () => {
  const iconv = require('iconv-lite');
  const cp1251 = iconv.encode('Привет', 'win1251');
  assert.strictEqual(cp1251.toString('hex'), 'cff0e8e2e5f2');
  assert.strictEqual(iconv.decode(cp1251, 'win1251'), 'Привет');
  assert.strictEqual(iconv.decode(Buffer.from([0x82, 0xa0]), 'shift_jis'), 'あ');
  assert.strictEqual(iconv.encode('€', 'utf16le').toString('hex'), 'ac20');
  assert.ok(iconv.encodingExists('latin1'));
  assert.ok(!iconv.encodingExists('no-such-charset'));
});

test('safe-buffer is the Buffer API', () => {
  const { Buffer: SafeBuffer } = require('safe-buffer');
  const b = SafeBuffer.from('hello');
  assert.strictEqual(b.toString('base64'), 'aGVsbG8=');
  assert.strictEqual(SafeBuffer.alloc(3, 1).toString('hex'), '010101');
});

test('yargs parses options, defaults, coercion and commands', () => {
  const yargs = require('yargs/yargs');
  const argv = yargs(['serve', '--port', '8080', '-v', '--tags', 'a', 'b', '--no-color'])
    .command('serve', 'start the server')
    .option('port', { type: 'number', default: 3000 })
    .option('v', { alias: 'verbose', type: 'boolean' })
    .option('tags', { type: 'array' })
    .option('host', { default: '127.0.0.1' })
    .exitProcess(false)
    .parse();
  assert.deepStrictEqual(argv._, ['serve']);
  assert.strictEqual(argv.port, 8080);
  assert.strictEqual(argv.verbose, true);
  assert.deepStrictEqual(argv.tags, ['a', 'b']);
  assert.strictEqual(argv.color, false);
  assert.strictEqual(argv.host, '127.0.0.1');
});

test('yargs reports unknown arguments in strict mode', () => {
  const yargs = require('yargs/yargs');
  let message;
  yargs(['--nope']).strict().option('ok', { type: 'boolean' }).exitProcess(false)
    .fail((msg) => { message = msg; }).parse();
  assert.strictEqual(message, 'Unknown argument: nope');
});
