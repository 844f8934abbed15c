'use strict';
// dns: lookup from /etc/hosts and IP literals (no DNS traffic leaves the
// machine), lookupService, and resolve* against a loopback address where
// no DNS server listens.
const test = require('node:test');
const assert = require('node:assert');
const dns = require('dns');
const dnsPromises = require('dns/promises');
const util = require('util');

test('lookup of localhost gives the loopback address', async () => {
  const [address, family] = await new Promise((resolve, reject) => {
    dns.lookup('localhost', { family: 4 }, (err, a, f) => (err ? reject(err) : resolve([a, f])));
  });
  assert.strictEqual(address, '127.0.0.1');
  assert.strictEqual(family, 4);
});

test('lookup with all: true returns address objects', async () => {
  const list = await new Promise((resolve, reject) => {
    dns.lookup('localhost', { all: true, family: 4 }, (err, a) => (err ? reject(err) : resolve(a)));
  });
  assert.ok(Array.isArray(list));
  assert.deepStrictEqual(list[0], { address: '127.0.0.1', family: 4 });
});

test('lookup of an IP literal answers without resolving', async () => {
  const r4 = await new Promise((resolve) => dns.lookup('10.1.2.3', (e, a, f) => resolve([e, a, f])));
  assert.deepStrictEqual(r4, [null, '10.1.2.3', 4]);
  const r6 = await new Promise((resolve) => dns.lookup('::1', (e, a, f) => resolve([e, a, f])));
  assert.deepStrictEqual(r6, [null, '::1', 6]);
  const all = await new Promise((resolve) => dns.lookup('::1', { all: true }, (e, a) => resolve(a)));
  assert.deepStrictEqual(all, [{ address: '::1', family: 6 }]);
});

test('lookup of an empty host name gives null', async () => {
  const r = await new Promise((resolve) => dns.lookup('', (e, a, f) => resolve([e, a, f])));
  assert.deepStrictEqual(r, [null, null, 4]);
});

test('lookup is asynchronous even for literals', () => {
  let called = false;
  dns.lookup('127.0.0.1', () => { called = true; });
  assert.strictEqual(called, false);
});

test('lookup checks its arguments', () => {
  assert.throws(() => dns.lookup(1, () => {}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => dns.lookup('localhost', { family: 5 }, () => {}), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => dns.lookup('localhost', { hints: 0xfffff }, () => {}), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => dns.lookup('localhost', {}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => dns.lookup('localhost', { all: 'yes' }, () => {}), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('dns/promises lookup and util.promisify', async () => {
  assert.deepStrictEqual(await dnsPromises.lookup('localhost', { family: 4 }), { address: '127.0.0.1', family: 4 });
  assert.deepStrictEqual(await dnsPromises.lookup('localhost', { family: 4, all: true }),
    [{ address: '127.0.0.1', family: 4 }]);
  assert.deepStrictEqual(await util.promisify(dns.lookup)('127.0.0.1'), { address: '127.0.0.1', family: 4 });
  assert.strictEqual(dns.promises, dnsPromises);
});

test('lookupService names the loopback host and a well-known port', async () => {
  const [host, service] = await new Promise((resolve, reject) => {
    dns.lookupService('127.0.0.1', 22, (err, h, s) => (err ? reject(err) : resolve([h, s])));
  });
  assert.strictEqual(host, 'localhost');
  assert.strictEqual(service, 'ssh');
  assert.deepStrictEqual(await dnsPromises.lookupService('127.0.0.1', 80), { hostname: 'localhost', service: 'http' });
});

test('lookupService checks its arguments', () => {
  assert.throws(() => dns.lookupService('not an ip', 80, () => {}), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => dns.lookupService('127.0.0.1', 'x', () => {}), { code: 'ERR_SOCKET_BAD_PORT' });
  assert.throws(() => dns.lookupService('127.0.0.1', 80), { code: 'ERR_MISSING_ARGS' });
});

test('a resolver pointed at a closed loopback port fails with ECONNREFUSED', async () => {
  const resolver = new dns.Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers(['127.0.0.1:9']);
  assert.deepStrictEqual(resolver.getServers(), ['127.0.0.1:9']);
  const err = await new Promise((resolve) => resolver.resolve4('example.com', (e) => resolve(e)));
  assert.strictEqual(err.code, 'ECONNREFUSED');
  assert.strictEqual(err.syscall, 'queryA');
  assert.strictEqual(err.hostname, 'example.com');
  assert.strictEqual(err.message, 'queryA ECONNREFUSED example.com');

  const p = new dnsPromises.Resolver({ timeout: 1000, tries: 1 });
  p.setServers(['127.0.0.1:9']);
  await assert.rejects(p.resolveMx('example.com'), { code: 'ECONNREFUSED', syscall: 'queryMx' });
  await assert.rejects(p.resolve('example.com', 'TXT'), { code: 'ECONNREFUSED', syscall: 'queryTxt' });
});

test('resolve checks its arguments', () => {
  assert.throws(() => dns.resolve('example.com', 'BOGUS', () => {}), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => dns.resolve4(42, () => {}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => dns.setServers(['not an ip']), { code: 'ERR_INVALID_IP_ADDRESS' });
  assert.throws(() => dns.setServers('127.0.0.1'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('constants and the module shape', () => {
  assert.strictEqual(dns.NOTFOUND, 'ENOTFOUND');
  assert.strictEqual(dns.CONNREFUSED, 'ECONNREFUSED');
  assert.strictEqual(typeof dns.ADDRCONFIG, 'number');
  assert.strictEqual(typeof dns.V4MAPPED, 'number');
  for (const name of ['resolve4', 'resolve6', 'resolveMx', 'resolveTxt', 'resolveSrv', 'resolveNs',
    'resolveCname', 'resolvePtr', 'resolveSoa', 'resolveNaptr', 'resolveCaa', 'resolveAny', 'reverse']) {
    assert.strictEqual(typeof dns[name], 'function', name);
    assert.strictEqual(typeof dnsPromises[name], 'function', name);
  }
  assert.strictEqual(dns.getDefaultResultOrder(), 'verbatim');
  assert.ok(Array.isArray(dns.getServers()));
});
