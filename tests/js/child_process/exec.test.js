'use strict';
// exec and execFile: buffered output, encodings, maxBuffer, timeout, the
// error's fields, and their util.promisify forms.
const test = require('node:test');
const assert = require('node:assert');
const util = require('util');
const { exec, execFile } = require('child_process');

function run(fn, ...args) {
  return new Promise((resolve) => {
    const child = fn(...args, (error, stdout, stderr) => resolve({ error, stdout, stderr, child }));
  });
}

test('execFile collects stdout and stderr as strings', async () => {
  const { error, stdout, stderr } = await run(execFile, 'sh', ['-c', 'printf "a\\nb"; printf err >&2']);
  assert.strictEqual(error, null);
  assert.strictEqual(stdout, 'a\nb');
  assert.strictEqual(stderr, 'err');
});

test('exec runs a shell command line', async () => {
  const { error, stdout } = await run(exec, 'echo "$((6 * 7))" | tr 4 X');
  assert.strictEqual(error, null);
  assert.strictEqual(stdout, 'X2\n');
});

test('encoding: buffer and other encodings', async () => {
  const a = await run(execFile, 'printf', ['\\xff\\x00A'], { encoding: 'buffer' });
  assert.ok(Buffer.isBuffer(a.stdout));
  assert.deepStrictEqual([...a.stdout], [0xff, 0, 0x41]);
  assert.ok(Buffer.isBuffer(a.stderr));
  const b = await run(execFile, 'printf', ['hi'], { encoding: 'hex' });
  assert.strictEqual(b.stdout, '6869');
  const c = await run(exec, 'printf hi', { encoding: 'latin1' });
  assert.strictEqual(c.stdout, 'hi');
});

test('a failing command: code, killed, signal, cmd, and the message', async () => {
  const { error, stdout, stderr } = await run(exec, 'echo partial; echo oops >&2; exit 5');
  assert.ok(error instanceof Error);
  assert.strictEqual(error.code, 5);
  assert.strictEqual(error.killed, false);
  assert.strictEqual(error.signal, null);
  assert.strictEqual(error.cmd, 'echo partial; echo oops >&2; exit 5');
  assert.strictEqual(error.message, 'Command failed: echo partial; echo oops >&2; exit 5\noops\n');
  assert.strictEqual(stdout, 'partial\n');
  assert.strictEqual(stderr, 'oops\n');

  const f = await run(execFile, 'sh', ['-c', 'exit 2']);
  assert.strictEqual(f.error.code, 2);
  assert.strictEqual(f.error.cmd, 'sh -c exit 2');
});

test('timeout kills the child: killed and signal are set', async () => {
  const { error } = await run(execFile, 'sleep', ['30'], { timeout: 50 });
  assert.strictEqual(error.killed, true);
  assert.strictEqual(error.signal, 'SIGTERM');
  assert.strictEqual(error.code, null);
  const k = await run(exec, 'sleep 30', { timeout: 50, killSignal: 'SIGKILL' });
  assert.strictEqual(k.error.signal, 'SIGKILL');
});

test('maxBuffer: ERR_CHILD_PROCESS_STDIO_MAXBUFFER and the output up to the limit', async () => {
  const { error, stdout } = await run(execFile, 'sh', ['-c', 'head -c 100000 /dev/zero | tr "\\0" a'], { maxBuffer: 1000 });
  assert.strictEqual(error.code, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER');
  assert.strictEqual(error.name, 'RangeError');
  assert.strictEqual(error.message, 'stdout maxBuffer length exceeded');
  assert.strictEqual(stdout, 'a'.repeat(1000));
  const e = await run(exec, 'echo 0123456789 >&2', { maxBuffer: 5 });
  assert.strictEqual(e.error.message, 'stderr maxBuffer length exceeded');
  assert.strictEqual(e.stderr, '01234');
});

test('a missing program: the spawn error reaches the callback', async () => {
  const { error, stdout } = await run(execFile, 'anode-no-such-program', ['x']);
  assert.strictEqual(error.code, 'ENOENT');
  assert.strictEqual(error.syscall, 'spawn anode-no-such-program');
  assert.strictEqual(error.path, 'anode-no-such-program');
  assert.deepStrictEqual(error.spawnargs, ['x']);
  assert.strictEqual(error.cmd, 'anode-no-such-program x');
  assert.strictEqual(stdout, '');
});

test('cwd and env reach the command', async () => {
  const { stdout } = await run(exec, 'echo "$A$B"; pwd', { env: { A: '1', B: '2', PATH: process.env.PATH }, cwd: '/' });
  assert.strictEqual(stdout, '12\n/\n');
});

test('util.promisify: resolves { stdout, stderr }, rejects with them on the error', async () => {
  const pExec = util.promisify(exec);
  const pExecFile = util.promisify(execFile);
  const p = pExec('echo yes; echo no >&2');
  assert.ok(p.child && typeof p.child.pid === 'number');
  assert.deepStrictEqual(await p, { stdout: 'yes\n', stderr: 'no\n' });
  assert.deepStrictEqual(await pExecFile('printf', ['x']), { stdout: 'x', stderr: '' });
  await assert.rejects(pExec('echo out; exit 3'), (err) => {
    assert.strictEqual(err.code, 3);
    assert.strictEqual(err.stdout, 'out\n');
    assert.strictEqual(err.stderr, '');
    return true;
  });
});

test('argument errors', () => {
  assert.throws(() => exec(42), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => execFile('sh', [], { timeout: 1.5 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => execFile('sh', [], { maxBuffer: -1 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => execFile('sh', [], {}, 'not a function'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => execFile('sh', [], { killSignal: 'SIGNOPE' }), { code: 'ERR_UNKNOWN_SIGNAL' });
});
