'use strict';
const test = require('node:test');
const assert = require('node:assert');
const os = require('node:os');

test('exports and constants', () => {
  assert.deepStrictEqual(Object.keys(os), ['arch', 'availableParallelism', 'cpus', 'endianness', 'freemem',
    'getPriority', 'homedir', 'hostname', 'loadavg', 'networkInterfaces', 'platform', 'release', 'setPriority',
    'tmpdir', 'totalmem', 'type', 'userInfo', 'uptime', 'version', 'machine', 'constants', 'EOL', 'devNull']);
  assert.strictEqual(os.EOL, '\n');
  assert.strictEqual(os.devNull, '/dev/null');
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(os, 'constants').configurable, false);
  const c = os.constants;
  assert.strictEqual(Object.getPrototypeOf(c), null);
  assert.deepStrictEqual(Object.keys(c), ['UV_UDP_REUSEADDR', 'dlopen', 'errno', 'signals', 'priority']);
  assert.strictEqual(c.UV_UDP_REUSEADDR, 4);
  assert.strictEqual(c.signals.SIGINT, 2);
  assert.strictEqual(c.signals.SIGKILL, 9);
  assert.strictEqual(c.signals.SIGTERM, 15);
  assert.strictEqual(Object.keys(c.signals).length, 33);
  assert.strictEqual(c.errno.ENOENT, 2);
  assert.strictEqual(c.errno.EACCES, 13);
  assert.strictEqual(c.errno.EWOULDBLOCK, c.errno.EAGAIN);
  assert.strictEqual(Object.keys(c.errno).length, 79);
  assert.deepStrictEqual({ ...c.priority }, {
    PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0,
    PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20,
  });
  assert.deepStrictEqual({ ...c.dlopen }, { RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 });
});

test('facts agree with process and the system', () => {
  assert.strictEqual(os.arch(), process.arch);
  assert.strictEqual(os.platform(), process.platform);
  assert.strictEqual(os.type(), 'Linux');
  assert.strictEqual(os.endianness(), 'LE');
  assert.match(os.release(), /^\d+\.\d+/);
  assert.strictEqual(typeof os.version(), 'string');
  assert.ok(os.version().length > 0);
  assert.strictEqual(os.machine(), process.arch === 'x64' ? 'x86_64' : os.machine());
  assert.strictEqual(typeof os.hostname(), 'string');
  assert.ok(os.hostname().length > 0);
  assert.strictEqual(`${os.hostname}`, os.hostname());
  assert.strictEqual(`${os.arch}`, process.arch);
  assert.strictEqual(os.homedir(), process.env.HOME);
  assert.ok(os.totalmem() > os.freemem());
  assert.ok(os.freemem() > 0);
  assert.ok(Number.isInteger(os.availableParallelism()) && os.availableParallelism() >= 1);
  assert.ok(os.uptime() > 0);
  const avg = os.loadavg();
  assert.strictEqual(avg.length, 3);
  for (const v of avg) assert.ok(typeof v === 'number' && v >= 0);
});

test('cpus', () => {
  const cpus = os.cpus();
  assert.ok(cpus.length >= 1);
  for (const cpu of cpus) {
    assert.deepStrictEqual(Object.keys(cpu), ['model', 'speed', 'times']);
    assert.strictEqual(typeof cpu.model, 'string');
    assert.strictEqual(typeof cpu.speed, 'number');
    assert.deepStrictEqual(Object.keys(cpu.times), ['user', 'nice', 'sys', 'idle', 'irq']);
    for (const v of Object.values(cpu.times)) assert.ok(Number.isInteger(v) && v >= 0);
  }
});

test('networkInterfaces', () => {
  const ifaces = os.networkInterfaces();
  const all = Object.values(ifaces).flat();
  const lo = all.find((a) => a.address === '127.0.0.1');
  assert.deepStrictEqual(lo, {
    address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8',
  });
  for (const a of all) {
    assert.ok(a.family === 'IPv4' || a.family === 'IPv6');
    assert.match(a.mac, /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    assert.strictEqual(typeof a.internal, 'boolean');
    if (a.family === 'IPv6') assert.strictEqual(typeof a.scopeid, 'number');
    else assert.ok(!('scopeid' in a));
    if (a.cidr !== null) assert.ok(a.cidr.startsWith(`${a.address}/`));
  }
});

test('tmpdir follows TMPDIR, TMP and TEMP', () => {
  const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  try {
    delete process.env.TMPDIR;
    delete process.env.TMP;
    delete process.env.TEMP;
    assert.strictEqual(os.tmpdir(), '/tmp');
    process.env.TEMP = '/temp/';
    assert.strictEqual(os.tmpdir(), '/temp');
    process.env.TMP = '/tmpx';
    assert.strictEqual(os.tmpdir(), '/tmpx');
    process.env.TMPDIR = '/';
    assert.strictEqual(os.tmpdir(), '/');
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

test('userInfo', () => {
  const info = os.userInfo();
  assert.strictEqual(Object.getPrototypeOf(info), null);
  assert.deepStrictEqual(Object.keys(info), ['uid', 'gid', 'username', 'homedir', 'shell']);
  assert.strictEqual(info.uid, process.getuid ? process.getuid() : info.uid);
  assert.strictEqual(typeof info.username, 'string');
  assert.strictEqual(info.homedir, os.homedir());
  const buf = os.userInfo({ encoding: 'buffer' });
  assert.ok(Buffer.isBuffer(buf.username));
  assert.strictEqual(buf.username.toString(), info.username);
  assert.strictEqual(os.userInfo({ encoding: 'hex' }).username, Buffer.from(info.username).toString('hex'));
  assert.strictEqual(typeof os.userInfo('buffer').username, 'string');
});

test('priorities', () => {
  const p = os.getPriority();
  assert.strictEqual(p, os.getPriority(0));
  assert.strictEqual(p, os.getPriority(process.pid));
  os.setPriority(p);
  os.setPriority(0, p);
  assert.throws(() => os.setPriority(0, 100), {
    code: 'ERR_OUT_OF_RANGE', message: 'The value of "priority" is out of range. It must be >= -20 && <= 19. Received 100',
  });
  assert.throws(() => os.getPriority('1'), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => os.getPriority(2 ** 31 - 1), (err) => {
    assert.strictEqual(err.name, 'SystemError');
    assert.strictEqual(err.code, 'ERR_SYSTEM_ERROR');
    assert.strictEqual(err.message, 'A system error occurred: uv_os_getpriority returned ESRCH (no such process)');
    assert.deepStrictEqual(err.info, { errno: -3, code: 'ESRCH', message: 'no such process', syscall: 'uv_os_getpriority' });
    return true;
  });
});
