'use strict';
// child_process.spawn: stdio kinds, options, events and their order, kill,
// and the errors for bad input.
const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const fs = require('fs');
const os = require('os');
const { spawn, spawnSync, ChildProcess } = require('child_process');

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'child_process');

function collect(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString()));
    stream.on('error', reject);
  });
}

function waitClose(child) {
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
}

test('stdout, stderr, exit code and the order of events', async () => {
  const child = spawn('sh', ['-c', 'echo out; echo err >&2; exit 3']);
  assert.ok(child instanceof ChildProcess);
  assert.strictEqual(typeof child.pid, 'number');
  assert.strictEqual(child.spawnfile, 'sh');
  assert.deepStrictEqual(child.spawnargs, ['sh', '-c', 'echo out; echo err >&2; exit 3']);
  assert.strictEqual(child.stdio.length, 3);
  assert.strictEqual(child.stdio[1], child.stdout);
  assert.strictEqual(child.stdin.readable, false);
  assert.strictEqual(child.stdin.writable, true);
  assert.strictEqual(child.stdout.readable, true);
  const events = [];
  child.on('spawn', () => events.push('spawn'));
  child.on('exit', (code, signal) => events.push(`exit ${code} ${signal}`));
  const [out, err, closed] = await Promise.all([collect(child.stdout), collect(child.stderr), waitClose(child)]);
  events.push('close');
  assert.strictEqual(out, 'out\n');
  assert.strictEqual(err, 'err\n');
  assert.deepStrictEqual(closed, { code: 3, signal: null });
  assert.deepStrictEqual(events, ['spawn', 'exit 3 null', 'close']);
  assert.strictEqual(child.exitCode, 3);
  assert.strictEqual(child.signalCode, null);
  assert.strictEqual(child.killed, false);
});

test('stdin is written to the child and ended', async () => {
  const child = spawn('cat');
  const out = collect(child.stdout);
  child.stdin.write('hello ');
  child.stdin.end(Buffer.from('world'));
  assert.strictEqual(await out, 'hello world');
  assert.deepStrictEqual(await waitClose(child), { code: 0, signal: null });
});

test('a large output arrives whole', async () => {
  const child = spawn('sh', ['-c', 'head -c 3000000 /dev/zero']);
  let n = 0;
  child.stdout.on('data', (c) => { n += c.length; });
  await waitClose(child);
  assert.strictEqual(n, 3000000);
});

test('stdio: ignore, inherit, file descriptors and extra pipes', async () => {
  const ignored = spawn('sh', ['-c', 'echo x'], { stdio: 'ignore' });
  assert.strictEqual(ignored.stdout, null);
  assert.strictEqual(ignored.stdin, null);
  assert.deepStrictEqual(ignored.stdio, [null, null, null]);
  assert.strictEqual((await waitClose(ignored)).code, 0);

  // A file descriptor of ours becomes the child's stdout.
  const file = path.join(os.tmpdir(), `anode-cp-${process.pid}-fd.txt`);
  const fd = fs.openSync(file, 'w');
  const toFile = spawn('sh', ['-c', 'echo into-file'], { stdio: ['ignore', fd, 'inherit'] });
  await waitClose(toFile);
  fs.closeSync(fd);
  assert.strictEqual(fs.readFileSync(file, 'utf8'), 'into-file\n');
  fs.unlinkSync(file);

  // Extra pipes: the child writes to fd 3 and 4.
  const extra = spawn(process.execPath, [path.join(fixtures, 'stdio-fds.js'), '3', '4'],
                      { stdio: ['ignore', 'ignore', 'inherit', 'pipe', 'pipe'] });
  assert.strictEqual(extra.stdio.length, 5);
  const [three, four] = await Promise.all([collect(extra.stdio[3]), collect(extra.stdio[4]), waitClose(extra)]);
  assert.strictEqual(three, 'fd 3\n');
  assert.strictEqual(four, 'fd 4\n');
});

test('cwd, env and argv0', async () => {
  const dir = fs.realpathSync(os.tmpdir());
  const child = spawn('sh', ['-c', 'pwd; echo "$FOO"; echo "$0"'],
                      { cwd: dir, env: { FOO: 'bar', PATH: process.env.PATH }, argv0: 'custom0' });
  const out = collect(child.stdout);
  await waitClose(child);
  assert.strictEqual(await out, `${dir}\nbar\ncustom0\n`);
});

test('uid and gid, and a script without #! run by /bin/sh', async () => {
  const child = spawn('id', ['-u'], { uid: process.getuid(), gid: process.getgid() });
  const out = collect(child.stdout);
  await waitClose(child);
  assert.strictEqual(await out, `${process.getuid()}\n`);

  const script = path.join(os.tmpdir(), `anode-cp-${process.pid}-noshebang`);
  fs.writeFileSync(script, 'echo "from a plain script"\n', { mode: 0o755 });
  const plain = spawn(script);
  const plainOut = collect(plain.stdout);
  await waitClose(plain);
  fs.unlinkSync(script);
  assert.strictEqual(await plainOut, 'from a plain script\n');
});

test('shell: true uses /bin/sh, a string names the shell', async () => {
  const a = spawn('echo $((1 + 2)) | tr 3 x', { shell: true });
  const outA = collect(a.stdout);
  await waitClose(a);
  assert.strictEqual(await outA, 'x\n');
  assert.deepStrictEqual(a.spawnargs, ['/bin/sh', '-c', 'echo $((1 + 2)) | tr 3 x']);

  const b = spawn('echo', ['"$0"'], { shell: '/bin/sh' });
  const outB = collect(b.stdout);
  await waitClose(b);
  assert.strictEqual(await outB, '/bin/sh\n');
});

test('kill() with a name or a number; killed and signalCode', async () => {
  const a = spawn('sleep', ['30']);
  assert.strictEqual(a.kill(), true);
  assert.strictEqual(a.killed, true);
  assert.deepStrictEqual(await waitClose(a), { code: null, signal: 'SIGTERM' });
  assert.strictEqual(a.signalCode, 'SIGTERM');
  assert.strictEqual(a.exitCode, null);

  const b = spawn('sleep', ['30']);
  b.kill(9);
  assert.deepStrictEqual(await waitClose(b), { code: null, signal: 'SIGKILL' });

  const c = spawn('sleep', ['30']);
  c.kill('sigint');
  assert.deepStrictEqual(await waitClose(c), { code: null, signal: 'SIGINT' });
  // After the exit there is nobody to signal.
  assert.strictEqual(c.kill(), false);
  assert.throws(() => c.kill('SIGNOPE'), { code: 'ERR_UNKNOWN_SIGNAL', name: 'TypeError' });
});

test('timeout kills with killSignal', async () => {
  const child = spawn('sleep', ['30'], { timeout: 50, killSignal: 'SIGUSR2' });
  assert.deepStrictEqual(await waitClose(child), { code: null, signal: 'SIGUSR2' });
  assert.strictEqual(child.killed, true);
});

test('an AbortSignal kills the child and reports an AbortError', async () => {
  const ac = new AbortController();
  const child = spawn('sleep', ['30'], { signal: ac.signal });
  const error = new Promise((resolve) => child.on('error', resolve));
  ac.abort();
  const err = await error;
  assert.strictEqual(err.name, 'AbortError');
  assert.strictEqual(err.code, 'ABORT_ERR');
  assert.deepStrictEqual(await waitClose(child), { code: null, signal: 'SIGTERM' });

  const already = AbortSignal.abort();
  const child2 = spawn('sleep', ['30'], { signal: already, killSignal: 'SIGKILL' });
  const err2 = await new Promise((resolve) => child2.on('error', resolve));
  assert.strictEqual(err2.name, 'AbortError');
  assert.deepStrictEqual(await waitClose(child2), { code: null, signal: 'SIGKILL' });
});

test('a missing program: an error event with ENOENT, then close', async () => {
  const child = spawn('anode-no-such-program', ['a', 'b']);
  assert.strictEqual(child.pid, undefined);
  const events = [];
  child.on('spawn', () => events.push('spawn'));
  child.on('exit', () => events.push('exit'));
  const err = await new Promise((resolve) => child.on('error', resolve));
  assert.strictEqual(err.code, 'ENOENT');
  assert.strictEqual(err.errno, os.constants.errno.ENOENT * -1);
  assert.strictEqual(err.syscall, 'spawn anode-no-such-program');
  assert.strictEqual(err.path, 'anode-no-such-program');
  assert.deepStrictEqual(err.spawnargs, ['a', 'b']);
  assert.strictEqual(err.message, 'spawn anode-no-such-program ENOENT');
  const closed = await waitClose(child);
  assert.strictEqual(closed.code, -2);
  assert.deepStrictEqual(events, []);

  // A cwd that does not exist fails the same way.
  const bad = spawn('sh', ['-c', 'true'], { cwd: '/anode/no/such/dir' });
  const err2 = await new Promise((resolve) => bad.on('error', resolve));
  assert.strictEqual(err2.code, 'ENOENT');
});

test('invalid arguments throw Node\'s errors', () => {
  assert.throws(() => spawn(), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => spawn(42), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => spawn(''), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => spawn('sh', 'not-an-array'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => spawn('sh', [], 'options'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => spawn('sh', [], { cwd: 42 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => spawn('sh', [], { detached: 'yes' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => spawn('sh', [], { uid: 'root' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => spawn('sh', [], { shell: 42 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => spawn('sh', [], { argv0: 42 }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => spawn('sh', [], { stdio: 'bogus' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => spawn('sh', [], { stdio: [{}] }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => spawn('sh', [], { stdio: ['ipc', 'ipc'] }), { code: 'ERR_IPC_ONE_PIPE' });
  assert.throws(() => spawn('sh', [], { timeout: -1 }), { code: 'ERR_OUT_OF_RANGE' });
  assert.throws(() => spawn('sh', [], { killSignal: 'SIGNOPE' }), { code: 'ERR_UNKNOWN_SIGNAL' });
  assert.throws(() => spawn('sh', [], { killSignal: {} }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => spawn('sh', [], { signal: 'abort' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => spawn('sh', [], { serialization: 'xml' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => spawn('s\u0000h'), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => spawn('sh', ['a\u0000']), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => spawn('sh', [], { env: { A: 'x\u0000y' } }), { code: 'ERR_INVALID_ARG_VALUE' });
});

test('unref() lets the parent end while the child runs; detached children survive it', () => {
  const r = spawnSync(process.execPath, [path.join(fixtures, 'unref-parent.js')], { encoding: 'utf8', timeout: 20000 });
  assert.strictEqual(r.status, 0);
  const pid = Number(r.stdout.trim());
  assert.ok(pid > 0);
  // The child outlived its parent.
  assert.strictEqual(process.kill(pid, 0), true);
  process.kill(pid, 'SIGKILL');
});

test('ref/unref on a running child and the exit of a child killed by its own signal', async () => {
  const child = spawn('sh', ['-c', 'kill -USR1 $$']);
  child.unref();
  child.ref();
  assert.deepStrictEqual(await waitClose(child), { code: null, signal: 'SIGUSR1' });
  assert.strictEqual(child.killed, false);
});
