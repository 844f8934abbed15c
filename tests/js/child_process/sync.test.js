'use strict';
// spawnSync, execSync, execFileSync: input, stdio, encodings, timeout,
// maxBuffer, the result's fields and the errors the *Sync forms throw.
const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const fs = require('fs');
const os = require('os');
const { spawnSync, execSync, execFileSync } = require('child_process');

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'child_process');

test('spawnSync: the result object, buffers by default', () => {
  const r = spawnSync('sh', ['-c', 'echo out; echo err >&2; exit 4']);
  assert.strictEqual(r.status, 4);
  assert.strictEqual(r.signal, null);
  assert.ok(r.pid > 0);
  assert.strictEqual(r.error, undefined);
  assert.ok(Buffer.isBuffer(r.stdout));
  assert.strictEqual(r.stdout.toString(), 'out\n');
  assert.strictEqual(r.stderr.toString(), 'err\n');
  assert.strictEqual(r.output.length, 3);
  assert.strictEqual(r.output[0], null);
  assert.strictEqual(r.output[1], r.stdout);
  assert.strictEqual(r.output[2], r.stderr);
});

test('spawnSync: input, encoding and an empty output', () => {
  const r = spawnSync('cat', { input: 'from input', encoding: 'utf8' });
  assert.strictEqual(r.stdout, 'from input');
  assert.strictEqual(r.stderr, '');
  const b = spawnSync('cat', [], { input: new Uint8Array([1, 2, 3]) });
  assert.deepStrictEqual([...b.stdout], [1, 2, 3]);
  const big = 'x'.repeat(300000);
  assert.strictEqual(spawnSync('cat', { input: big, encoding: 'latin1' }).stdout.length, big.length);
  const empty = spawnSync('true');
  assert.strictEqual(empty.stdout.length, 0);
});

test('spawnSync: a signal ends the child', () => {
  const r = spawnSync('sh', ['-c', 'kill -TERM $$']);
  assert.strictEqual(r.status, null);
  assert.strictEqual(r.signal, 'SIGTERM');
});

test('spawnSync: timeout kills with killSignal and reports ETIMEDOUT', () => {
  const r = spawnSync('sleep', ['30'], { timeout: 50, killSignal: 'SIGKILL' });
  assert.strictEqual(r.signal, 'SIGKILL');
  assert.strictEqual(r.status, null);
  assert.strictEqual(r.error.code, 'ETIMEDOUT');
  assert.strictEqual(r.error.syscall, 'spawnSync sleep');
  assert.strictEqual(r.error.path, 'sleep');
  assert.deepStrictEqual(r.error.spawnargs, ['30']);
});

test('spawnSync: maxBuffer kills and reports ENOBUFS', () => {
  const r = spawnSync('sh', ['-c', 'while :; do echo yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy; done'], { maxBuffer: 100 });
  assert.strictEqual(r.error.code, 'ENOBUFS');
  assert.strictEqual(r.signal, 'SIGTERM');
  assert.ok(r.stdout.length > 100);
});

test('spawnSync: a missing program and a missing cwd', () => {
  const r = spawnSync('anode-no-such-program', ['a']);
  assert.strictEqual(r.error.code, 'ENOENT');
  assert.strictEqual(r.error.errno, -os.constants.errno.ENOENT);
  assert.strictEqual(r.error.syscall, 'spawnSync anode-no-such-program');
  assert.strictEqual(r.error.message, 'spawnSync anode-no-such-program ENOENT');
  assert.deepStrictEqual(r.error.spawnargs, ['a']);
  assert.strictEqual(r.status, null);
  const c = spawnSync('true', { cwd: '/anode/no/such/dir' });
  assert.strictEqual(c.error.code, 'ENOENT');
});

test('spawnSync: stdio inherit, ignore, a descriptor and extra pipes', () => {
  const ig = spawnSync('sh', ['-c', 'echo x'], { stdio: 'ignore' });
  assert.deepStrictEqual(ig.output, [null, null, null]);
  assert.strictEqual(ig.stdout, null);
  const file = path.join(os.tmpdir(), `anode-cp-sync-${process.pid}.txt`);
  const fd = fs.openSync(file, 'w');
  const r = spawnSync('sh', ['-c', 'echo to-fd; echo piped >&2'], { stdio: ['ignore', fd, 'pipe'] });
  fs.closeSync(fd);
  assert.strictEqual(r.stdout, null);
  assert.strictEqual(r.stderr.toString(), 'piped\n');
  assert.strictEqual(fs.readFileSync(file, 'utf8'), 'to-fd\n');
  fs.unlinkSync(file);
  const extra = spawnSync(process.execPath, [path.join(fixtures, 'stdio-fds.js'), '3'],
                          { stdio: ['ignore', 'pipe', 'inherit', 'pipe'], encoding: 'utf8' });
  assert.strictEqual(extra.output[3], 'fd 3\n');
});

test('execSync: the shell, stdout returned, input, env and cwd', () => {
  assert.strictEqual(execSync('echo $((2 + 3))').toString(), '5\n');
  assert.strictEqual(execSync('cat', { input: 'in', encoding: 'utf8' }), 'in');
  assert.strictEqual(execSync('echo $X; pwd', { env: { X: 'y', PATH: process.env.PATH }, cwd: '/', encoding: 'utf8' }), 'y\n/\n');
});

test('execSync throws on failure with status, output and the command', () => {
  assert.throws(() => execSync('echo o; echo e >&2; exit 3', { stdio: 'pipe' }), (err) => {
    assert.strictEqual(err.status, 3);
    assert.strictEqual(err.signal, null);
    assert.strictEqual(err.message, 'Command failed: echo o; echo e >&2; exit 3\ne\n');
    assert.strictEqual(err.stdout.toString(), 'o\n');
    assert.strictEqual(err.stderr.toString(), 'e\n');
    assert.ok(err.pid > 0);
    return true;
  });
  assert.throws(() => execSync('sleep 30', { timeout: 50 }), (err) => {
    assert.strictEqual(err.code, 'ETIMEDOUT');
    assert.strictEqual(err.signal, 'SIGTERM');
    return true;
  });
});

test('execFileSync: output, errors, and a missing program', () => {
  assert.strictEqual(execFileSync('printf', ['%s-%s', 'a', 'b'], { encoding: 'utf8' }), 'a-b');
  assert.throws(() => execFileSync('sh', ['-c', 'exit 9'], { stdio: 'pipe' }), (err) => {
    assert.strictEqual(err.status, 9);
    assert.strictEqual(err.message, 'Command failed: sh -c exit 9');
    return true;
  });
  assert.throws(() => execFileSync('anode-no-such-program'), { code: 'ENOENT', syscall: 'spawnSync anode-no-such-program' });
});

test('argument errors of the synchronous forms', () => {
  assert.throws(() => spawnSync('cat', { input: 42 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => spawnSync('cat', { timeout: 'soon' }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => spawnSync('cat', { maxBuffer: 'big' }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => spawnSync('cat', { stdio: ['ipc'] }), { code: 'ERR_IPC_SYNC_FORK' });
  assert.throws(() => execSync(), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => execFileSync('sh', 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
});
