'use strict';
// fs.statfs, fs.statfsSync and fs.promises.statfs: StatFs, bigint, errors.
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const tmp = process.env.TMPDIR || '/tmp';
const keys = ['type', 'bsize', 'blocks', 'bfree', 'bavail', 'files', 'ffree'];

function checkShape(s, kind) {
  assert.strictEqual(s.constructor.name, 'StatFs');
  assert.deepStrictEqual(Object.keys(s), keys);
  for (const k of keys) assert.strictEqual(typeof s[k], kind, k);
  const big = kind === 'bigint';
  assert.ok(s.bsize > (big ? 0n : 0));
  assert.ok(s.blocks >= s.bfree && s.bfree >= s.bavail);
  assert.ok(s.files >= s.ffree);
}

test('statfsSync: numbers, bigint, Buffer and URL paths', () => {
  checkShape(fs.statfsSync(tmp), 'number');
  checkShape(fs.statfsSync(tmp, { bigint: true }), 'bigint');
  checkShape(fs.statfsSync(tmp, 'utf8'), 'number');
  assert.strictEqual(fs.statfsSync(Buffer.from(tmp)).bsize, fs.statfsSync(tmp).bsize);
  assert.strictEqual(fs.statfsSync(pathToFileURL(tmp)).type, fs.statfsSync(tmp).type);
  assert.strictEqual(typeof fs.StatFs, 'undefined');
});

test('statfsSync errors', () => {
  const missing = path.join(tmp, 'anode-statfs-missing-dir');
  assert.throws(() => fs.statfsSync(missing), {
    name: 'Error',
    code: 'ENOENT',
    errno: -2,
    syscall: 'statfs',
    path: missing,
    message: `ENOENT: no such file or directory, statfs '${missing}'`,
  });
  assert.throws(() => fs.statfsSync('/etc/passwd/x'), {
    code: 'ENOTDIR', syscall: 'statfs', message: "ENOTDIR: not a directory, statfs '/etc/passwd/x'",
  });
  assert.throws(() => fs.statfsSync(1), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "path" argument must be of type string or an instance of Buffer or URL. Received type number (1)',
  });
  assert.throws(() => fs.statfsSync('/tmp\0x'), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('statfs callback', async () => {
  const s = await new Promise((resolve, reject) =>
    fs.statfs(tmp, (err, st) => (err ? reject(err) : resolve(st))));
  checkShape(s, 'number');
  const b = await new Promise((resolve, reject) =>
    fs.statfs(tmp, { bigint: true }, (err, st) => (err ? reject(err) : resolve(st))));
  checkShape(b, 'bigint');
  const err = await new Promise((resolve) => fs.statfs('/nonexistent-anode', resolve));
  assert.strictEqual(err.message, "ENOENT: no such file or directory, statfs '/nonexistent-anode'");
  assert.strictEqual(err.syscall, 'statfs');
  assert.throws(() => fs.statfs(tmp), {
    code: 'ERR_INVALID_ARG_TYPE',
    message: 'The "cb" argument must be of type function. Received undefined',
  });
  // The callback is checked before the path.
  assert.throws(() => fs.statfs(1), { message: /"cb" argument/ });
});

test('fs.promises.statfs', async () => {
  checkShape(await fs.promises.statfs(tmp), 'number');
  checkShape(await fs.promises.statfs(tmp, { bigint: true }), 'bigint');
  await assert.rejects(fs.promises.statfs('/nonexistent-anode'), {
    code: 'ENOENT', syscall: 'statfs', path: '/nonexistent-anode',
  });
  await assert.rejects(fs.promises.statfs(1), { code: 'ERR_INVALID_ARG_TYPE' });
});
