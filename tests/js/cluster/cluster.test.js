'use strict';
// cluster: the primary's API and events, workers sharing one listening
// socket (round-robin here, SCHED_NONE in a primary of its own), messages,
// disconnect, kill, and a closed server releasing its share.
const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const http = require('http');
const net = require('net');
const cluster = require('cluster');
const { spawnSync } = require('child_process');

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'cluster');

function once(emitter, name) {
  return new Promise((resolve) => emitter.once(name, (...args) => resolve(args)));
}

function get(port) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve(Number(body)));
    }).on('error', reject);
  });
}

function ask(worker, message) {
  const reply = once(worker, 'message');
  worker.send(message);
  return reply.then(([m]) => m);
}

async function forkListening(env) {
  const worker = cluster.fork(env);
  const [address] = await once(worker, 'listening');
  return { worker, address };
}

test('the primary\'s side: flags, constants, settings', async () => {
  assert.strictEqual(cluster.isPrimary, true);
  assert.strictEqual(cluster.isMaster, true);
  assert.strictEqual(cluster.isWorker, false);
  assert.strictEqual(cluster.SCHED_NONE, 1);
  assert.strictEqual(cluster.SCHED_RR, 2);
  assert.strictEqual(cluster.schedulingPolicy, cluster.SCHED_RR);
  assert.strictEqual(typeof cluster.Worker, 'function');
  assert.strictEqual(cluster.setupMaster, cluster.setupPrimary);
  const setup = once(cluster, 'setup');
  cluster.setupPrimary({ exec: path.join(fixtures, 'worker.js'), args: ['x'] });
  const [settings] = await setup;
  assert.strictEqual(settings.exec, path.join(fixtures, 'worker.js'));
  assert.deepStrictEqual(settings.args, ['x']);
  assert.strictEqual(settings.silent, false);
  assert.deepStrictEqual(cluster.settings, settings);
});

test('fork, online, listening, messages, and round-robin between two workers', async () => {
  const events = [];
  const onFork = (w) => events.push(`fork ${w.id}`);
  const onOnline = (w) => events.push(`online ${w.id}`);
  cluster.on('fork', onFork);
  cluster.on('online', onOnline);
  const a = await forkListening({ CUSTOM: 'yes' });
  const b = await forkListening();
  cluster.off('fork', onFork);
  cluster.off('online', onOnline);
  assert.deepStrictEqual(events, [`fork ${a.worker.id}`, `online ${a.worker.id}`, `fork ${b.worker.id}`, `online ${b.worker.id}`]);
  assert.strictEqual(b.worker.id, a.worker.id + 1);
  assert.strictEqual(cluster.workers[a.worker.id], a.worker);
  assert.strictEqual(a.worker.state, 'listening');
  assert.strictEqual(a.address.address, '127.0.0.1');
  assert.strictEqual(a.address.addressType, 4);
  // Port 0: the primary chose one port for both.
  assert.ok(a.address.port > 0);
  assert.strictEqual(b.address.port, a.address.port);

  const info = await ask(a.worker, 'info');
  assert.deepStrictEqual(info, {
    isWorker: true, isPrimary: false, id: a.worker.id, state: 'listening', custom: 'yes',
  });

  // cluster 'message' carries the worker.
  const clusterMessage = once(cluster, 'message');
  a.worker.send('info');
  const [fromWorker, msg] = await clusterMessage;
  assert.strictEqual(fromWorker, a.worker);
  assert.strictEqual(msg.id, a.worker.id);

  const pids = new Set();
  for (let i = 0; i < 6; i++) pids.add(await get(a.address.port));
  assert.deepStrictEqual([...pids].sort(), [a.worker.process.pid, b.worker.process.pid].sort());

  // A worker's closed server leaves the other serving; when both closed,
  // the primary's socket is gone.
  assert.strictEqual(await ask(a.worker, 'close'), 'closed');
  for (let i = 0; i < 3; i++) assert.strictEqual(await get(a.address.port), b.worker.process.pid);
  assert.strictEqual(await ask(b.worker, 'close'), 'closed');
  await assert.rejects(get(a.address.port), { code: 'ECONNREFUSED' });

  // disconnect: 'disconnect' then 'exit', after a disconnect it asked for.
  const order = [];
  a.worker.on('disconnect', () => order.push('disconnect'));
  const exited = once(a.worker, 'exit');
  a.worker.disconnect();
  const [code, signal] = await exited;
  order.push('exit');
  assert.deepStrictEqual(order, ['disconnect', 'exit']);
  assert.strictEqual(code, 0);
  assert.strictEqual(signal, null);
  assert.strictEqual(a.worker.exitedAfterDisconnect, true);
  assert.strictEqual(a.worker.isDead(), true);
  assert.strictEqual(a.worker.isConnected(), false);
  assert.strictEqual(a.worker.state, 'dead');
  assert.strictEqual(cluster.workers[a.worker.id], undefined);

  // A worker that disconnects itself.
  const bExit = once(b.worker, 'exit');
  b.worker.send('disconnect-self');
  await bExit;
  assert.strictEqual(b.worker.exitedAfterDisconnect, true);
});

test('a worker killed from outside: exit with the signal, not after a disconnect', async () => {
  const { worker } = await forkListening();
  const clusterExit = once(cluster, 'exit');
  process.kill(worker.process.pid, 'SIGKILL');
  const [w, code, signal] = await clusterExit;
  assert.strictEqual(w, worker);
  assert.strictEqual(code, null);
  assert.strictEqual(signal, 'SIGKILL');
  assert.strictEqual(worker.exitedAfterDisconnect, false);
  assert.strictEqual(worker.isDead(), true);
});

test('worker.kill() signals the worker; cluster.disconnect() ends them all', async () => {
  const { worker } = await forkListening();
  const exited = once(worker, 'exit');
  worker.kill();
  const [code, signal] = await exited;
  assert.strictEqual(code, null);
  assert.strictEqual(signal, 'SIGTERM');
  assert.strictEqual(worker.exitedAfterDisconnect, false);
  assert.strictEqual(worker.isDead(), true);

  const w1 = await forkListening();
  const w2 = await forkListening();
  assert.strictEqual(w1.address.port, w2.address.port);
  const exits = [once(w1.worker, 'exit'), once(w2.worker, 'exit')];
  await new Promise((resolve) => cluster.disconnect(resolve));
  assert.deepStrictEqual(Object.keys(cluster.workers), []);
  await Promise.all(exits);
});

test('SCHED_NONE (NODE_CLUSTER_SCHED_POLICY=none): workers accept on the shared socket', () => {
  for (const policy of ['none', 'rr']) {
    const r = spawnSync(process.execPath, [path.join(fixtures, 'primary.js')], {
      env: { ...process.env, NODE_CLUSTER_SCHED_POLICY: policy },
      encoding: 'utf8',
      timeout: 60000,
    });
    assert.strictEqual(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    assert.strictEqual(out.policy, policy === 'none' ? cluster.SCHED_NONE : cluster.SCHED_RR);
    assert.strictEqual(out.pids.length, 6);
    for (const pid of out.pids) assert.ok(out.workerPids.includes(pid));
    if (policy === 'rr') assert.strictEqual(new Set(out.pids).size, 2);
  }
});

test('listen() errors in a worker come back from the primary', async () => {
  const blocker = net.createServer();
  await new Promise((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const worker = cluster.fork({ PORT: String(blocker.address().port) });
  // The worker's server emits EADDRINUSE; unhandled, the worker dies of it.
  const [code] = await once(worker, 'exit');
  assert.notStrictEqual(code, 0);
  blocker.close();
});
