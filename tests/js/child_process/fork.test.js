'use strict';
// fork and the IPC channel: messages both ways in 'json' and 'advanced'
// serialization, disconnect, the channel's errors, handles sent beside
// messages, and a channel carrying garbage.
const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const net = require('net');
const { fork, spawn } = require('child_process');

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'child_process');
const echo = path.join(fixtures, 'echo-messages.js');

function once(emitter, name) {
  return new Promise((resolve) => emitter.once(name, (...args) => resolve(args)));
}

function ask(child, message) {
  const reply = once(child, 'message');
  child.send(message);
  return reply.then(([m]) => m);
}

test('fork: messages both ways, the child\'s process.send/connected/channel', async () => {
  const child = fork(echo, ['a1', 'a2'], { env: { ...process.env, FOO: 'bar' } });
  assert.strictEqual(child.connected, true);
  assert.strictEqual(typeof child.send, 'function');
  assert.ok(child.channel);
  assert.deepStrictEqual(await ask(child, { n: 1, s: 'two', a: [3], nested: { ok: true } }),
                         { echo: { n: 1, s: 'two', a: [3], nested: { ok: true } } });
  assert.deepStrictEqual(await ask(child, 'plain string'), { echo: 'plain string' });
  assert.deepStrictEqual(await ask(child, 42), { echo: 42 });
  const info = await ask(child, 'info');
  assert.strictEqual(info.connected, true);
  assert.deepStrictEqual(info.argv, ['a1', 'a2']);
  // The channel's variables leave the child's environment.
  assert.strictEqual(info.channelEnv, undefined);
  assert.strictEqual(info.hasChannel, true);
  assert.strictEqual(info.foo, 'bar');
  const events = [];
  child.on('disconnect', () => events.push('disconnect'));
  child.on('exit', () => events.push('exit'));
  const exited = once(child, 'exit');
  child.disconnect();
  assert.strictEqual(child.connected, false);
  const [code, signal] = await exited;
  assert.strictEqual(code, 0);
  assert.strictEqual(signal, null);
  assert.deepStrictEqual(events, ['disconnect', 'exit']);
});

test('json serialization: what JSON cannot carry is lost the JSON way', async () => {
  const child = fork(echo);
  const reply = await ask(child, { u: undefined, n: NaN, d: new Date(0), b: Buffer.from('hi') });
  assert.deepStrictEqual(reply, { echo: { n: null, d: '1970-01-01T00:00:00.000Z', b: { type: 'Buffer', data: [104, 105] } } });
  child.disconnect();
  await once(child, 'exit');
});

test('advanced serialization: structured clones', async () => {
  const child = fork(echo, [], { serialization: 'advanced' });
  const value = {
    u: undefined,
    n: NaN,
    big: 2n ** 70n,
    date: new Date(5),
    map: new Map([[1, { a: 1 }]]),
    set: new Set(['x']),
    re: /a+/gi,
    buf: Buffer.from('hey'),
    f64: new Float64Array([1.5, -0]),
    nested: [1, [2, [3]]],
  };
  const { echo: got } = await ask(child, value);
  assert.strictEqual(got.u, undefined);
  assert.ok('u' in got);
  assert.ok(Number.isNaN(got.n));
  assert.strictEqual(got.big, 2n ** 70n);
  assert.strictEqual(got.date.getTime(), 5);
  assert.deepStrictEqual(got.map, new Map([[1, { a: 1 }]]));
  assert.deepStrictEqual(got.set, new Set(['x']));
  assert.strictEqual(got.re.source, 'a+');
  assert.strictEqual(got.re.flags, 'gi');
  assert.ok(Buffer.isBuffer(got.buf));
  assert.strictEqual(got.buf.toString(), 'hey');
  assert.ok(got.f64 instanceof Float64Array);
  assert.ok(Object.is(got.f64[1], -0));
  assert.deepStrictEqual(got.nested, [1, [2, [3]]]);
  // A function cannot be cloned: send() throws.
  assert.throws(() => child.send({ f() {} }));
  child.disconnect();
  await once(child, 'exit');
});

test('send() callback, return value, and ERR_IPC_CHANNEL_CLOSED after disconnect', async () => {
  const child = fork(echo);
  const sent = await new Promise((resolve) => {
    const r = child.send({ x: 1 }, (err) => resolve({ r, err }));
  });
  assert.strictEqual(sent.r, true);
  assert.strictEqual(sent.err, null);
  await once(child, 'message');
  child.disconnect();
  // With a callback: the error goes there.
  const err = await new Promise((resolve) => child.send('late', resolve));
  assert.strictEqual(err.code, 'ERR_IPC_CHANNEL_CLOSED');
  assert.strictEqual(err.message, 'Channel closed');
  // Without: an 'error' event.
  assert.strictEqual(child.send('late'), false);
  const [err2] = await once(child, 'error');
  assert.strictEqual(err2.code, 'ERR_IPC_CHANNEL_CLOSED');
  // Disconnecting twice is an error event too.
  const third = once(child, 'error');
  child.disconnect();
  const [err3] = await third;
  assert.strictEqual(err3.code, 'ERR_IPC_DISCONNECTED');
  await once(child, 'exit');
});

test('send() argument errors', async () => {
  const child = fork(echo);
  assert.throws(() => child.send(), { code: 'ERR_MISSING_ARGS' });
  assert.throws(() => child.send(Symbol('s')), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => child.send('x', 'not a handle'), { code: 'ERR_INVALID_HANDLE_TYPE' });
  assert.throws(() => child.send('x', undefined, 'options'), { code: 'ERR_INVALID_ARG_TYPE' });
  child.disconnect();
  await once(child, 'exit');
});

test('the child ends when it has nothing but an idle channel; the parent sees exit codes', async () => {
  const child = fork(path.join(fixtures, 'send-first.js'));
  const [msg] = await once(child, 'message');
  assert.strictEqual(msg.hello, 'parent');
  assert.strictEqual(msg.pid, child.pid);
  const [code] = await once(child, 'exit');
  assert.strictEqual(code, 0);

  const c2 = fork(echo);
  c2.send('exit');
  const [code2] = await once(c2, 'exit');
  assert.strictEqual(code2, 7);
  assert.strictEqual(c2.connected, false);
});

test('silent: the child\'s stdout comes through a pipe; execArgv; stdio must hold ipc', async () => {
  const child = fork('-e', [], { silent: true, execArgv: [] });
  assert.ok(child.stdout);
  await once(child, 'exit');

  const c2 = fork(path.join(fixtures, 'stdio-fds.js'), ['1'], { silent: true });
  let out = '';
  c2.stdout.on('data', (d) => { out += d; });
  await once(c2, 'exit');
  assert.strictEqual(out, 'fd 1\n');

  assert.throws(() => fork(echo, [], { stdio: ['pipe', 'pipe', 'pipe'] }), { code: 'ERR_CHILD_PROCESS_IPC_REQUIRED' });
  assert.throws(() => fork(echo, [], { stdio: 'bogus' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => fork(42), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => fork(echo, 'x'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('spawn with an ipc stdio entry: NODE_CHANNEL_FD is that index', async () => {
  const child = spawn(process.execPath, [echo], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  assert.deepStrictEqual(await ask(child, 'hi'), { echo: 'hi' });
  child.disconnect();
  await once(child, 'exit');
});

test('a net.Server sent to the child serves there', async () => {
  const server = net.createServer((socket) => socket.end('parent'));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  const child = fork(path.join(fixtures, 'handles.js'));
  child.send('server', server);
  const [ack] = await once(child, 'message');
  assert.deepStrictEqual(ack, { gotServer: true });
  // Stop accepting here: every connection now goes to the child.
  server.close();
  const reply = await new Promise((resolve, reject) => {
    const c = net.connect(port, '127.0.0.1');
    let data = '';
    c.on('data', (d) => { data += d; });
    c.on('end', () => resolve(data));
    c.on('error', reject);
  });
  assert.strictEqual(reply, `child ${child.pid}`);
  child.send('done');
  await once(child, 'exit');
});

test('a net.Socket sent to the child is written there and closed here', async () => {
  const child = fork(path.join(fixtures, 'handles.js'));
  const server = net.createServer((socket) => {
    child.send('socket', socket);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const received = new Promise((resolve, reject) => {
    const c = net.connect(server.address().port, '127.0.0.1');
    let data = '';
    c.on('data', (d) => { data += d; });
    c.on('end', () => resolve(data));
    c.on('error', reject);
  });
  const [ack] = await once(child, 'message');
  assert.deepStrictEqual(ack, { gotSocket: true });
  assert.strictEqual(await received, 'from child');
  server.close();
  child.send('done');
  await once(child, 'exit');
});

const underAnode = process.versions.anode !== undefined;
test('garbage on the channel is dropped, the messages after it still arrive', { skip: !underAnode && 'Node throws on it' }, async () => {
  for (const mode of ['json', 'advanced']) {
    const child = fork(path.join(fixtures, 'malformed.js'), [mode], { serialization: mode });
    const [msg] = await once(child, 'message');
    assert.deepStrictEqual(msg, { ok: true });
    const [code] = await once(child, 'exit');
    assert.strictEqual(code, 0);
  }
});
