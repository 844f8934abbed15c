'use strict';
// process.stdout/stderr write what they are given, byte for byte, through a
// pipe to a child anode (or node) process.
const test = require('node:test');
const assert = require('node:assert');
const { spawnSync } = (() => {
  try { return require('node:child_process'); } catch { return {}; }
})();

test('stdout and stderr are synchronous writers with Node\'s surface', () => {
  for (const stream of [process.stdout, process.stderr]) {
    assert.strictEqual(typeof stream.write, 'function');
    assert.strictEqual(typeof stream.end, 'function');
    assert.strictEqual(typeof stream.on, 'function');
    assert.strictEqual(stream.writable, true);
  }
  assert.strictEqual(process.stdout.fd, 1);
  assert.strictEqual(process.stderr.fd, 2);
  assert.strictEqual(process.stdin.fd, 0);
});

test('write() calls its callback and returns true', async () => {
  let called = false;
  const ok = process.stdout.write('', () => { called = true; });
  assert.strictEqual(ok, true);
  await new Promise((resolve) => setImmediate(resolve));
  assert.strictEqual(called, true);
});

test('write() rejects values that are not strings or bytes', () => {
  assert.throws(() => process.stdout.write(42), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('NUL bytes and UTF-8 reach the file descriptor', { skip: !spawnSync && 'needs child_process' }, () => {
  const r = spawnSync(process.execPath, ['-e',
    'process.stdout.write("a\\0b"); process.stdout.write(new Uint8Array([0xe2, 0x82, 0xac]))'], { encoding: 'latin1' });
  assert.strictEqual(r.stdout, 'a\0b\xe2\x82\xac');
});
