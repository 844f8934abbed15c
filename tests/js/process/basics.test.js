'use strict';
// process: argv, env, cwd/chdir, ids, platform, versions.
const test = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const EventEmitter = require('node:events');

const isAnode = typeof process.versions.anode === 'string';

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

test('process object', () => {
  assert.strictEqual(Object.prototype.toString.call(process), '[object process]');
  assert.ok(process instanceof EventEmitter);
  assert.strictEqual(globalThis.process, process);
});

test('argv shape', () => {
  assert.ok(Array.isArray(process.argv));
  assert.ok(process.argv.length >= 2);
  assert.strictEqual(process.argv[0], process.execPath);
  assert.strictEqual(process.argv[1], __filename);
  assert.ok(process.argv.every((a) => typeof a === 'string'));
  assert.ok(path.isAbsolute(process.execPath));
  assert.strictEqual(typeof process.argv0, 'string');
  assert.ok(process.argv0.length > 0);
  assert.ok(Array.isArray(process.execArgv));
});

test('env: set, read, coerce, enumerate, delete', () => {
  const key = 'ANODE_TEST_ENV_' + process.pid;
  assert.strictEqual(process.env[key], undefined);
  assert.strictEqual(key in process.env, false);
  process.env[key] = 'hello';
  assert.strictEqual(process.env[key], 'hello');
  assert.strictEqual(process.env[key], 'hello'); // second read
  assert.strictEqual(key in process.env, true);
  assert.ok(Object.keys(process.env).includes(key));
  assert.strictEqual({ ...process.env }[key], 'hello');
  assert.strictEqual(JSON.parse(JSON.stringify(process.env))[key], 'hello');
  assert.deepStrictEqual(Object.getOwnPropertyDescriptor(process.env, key),
                         { value: 'hello', writable: true, enumerable: true, configurable: true });
  process.env[key] = 42;
  assert.strictEqual(process.env[key], '42');
  process.env[key] = true;
  assert.strictEqual(process.env[key], 'true');
  process.env[key] = undefined;
  assert.strictEqual(process.env[key], 'undefined');
  process.env[key] = null;
  assert.strictEqual(process.env[key], 'null');
  process.env[key] = { a: 1 };
  assert.strictEqual(process.env[key], '[object Object]');
  process.env[key] = '';
  assert.strictEqual(process.env[key], '');
  assert.strictEqual(key in process.env, true);
  // Names are case-sensitive on POSIX.
  assert.strictEqual(process.env[key.toLowerCase()], undefined);
  assert.strictEqual(delete process.env[key], true);
  assert.strictEqual(process.env[key], undefined);
  assert.strictEqual(key in process.env, false);
  assert.ok(!Object.keys(process.env).includes(key));
  assert.strictEqual(delete process.env[key], true);
});

test('env: inherited variables and defineProperty', () => {
  assert.strictEqual(typeof process.env.PATH, 'string');
  assert.ok(Object.keys(process.env).includes('PATH'));
  const key = 'ANODE_TEST_DEFINE_' + process.pid;
  Object.defineProperty(process.env, key,
                        { value: 7, writable: true, enumerable: true, configurable: true });
  assert.strictEqual(process.env[key], '7');
  delete process.env[key];
});

test('env: defineProperty rejects accessors and non-plain descriptors', () => {
  const key = 'ANODE_TEST_DEFINE_' + process.pid;
  let err = thrown(() => Object.defineProperty(process.env, key, { get() { return 'x'; } }));
  assert.strictEqual(err.code, 'ERR_INVALID_OBJECT_DEFINE_PROPERTY');
  assert.strictEqual(err.name, 'TypeError');
  assert.strictEqual(err.message, "'process.env' does not accept an accessor(getter/setter) descriptor");
  err = thrown(() => Object.defineProperty(process.env, key, { value: 'x' }));
  assert.strictEqual(err.code, 'ERR_INVALID_OBJECT_DEFINE_PROPERTY');
  assert.strictEqual(err.message,
                     "'process.env' only accepts a configurable, writable, and enumerable data descriptor");
  assert.strictEqual(process.env[key], undefined);
});

test('env: assigning a Symbol throws a TypeError', () => {
  const key = 'ANODE_TEST_SYMBOL_' + process.pid;
  const err = thrown(() => { process.env[key] = Symbol('s'); });
  assert.strictEqual(err.name, 'TypeError');
  assert.strictEqual(process.env[key], undefined);
});

test('cwd and chdir', () => {
  const start = process.cwd();
  assert.ok(path.isAbsolute(start));
  try {
    process.chdir('/');
    assert.strictEqual(process.cwd(), '/');
    process.chdir(__dirname);
    assert.strictEqual(process.cwd(), __dirname);
    process.chdir('..');
    assert.strictEqual(process.cwd(), path.dirname(__dirname));
    process.chdir('./process');
    assert.strictEqual(process.cwd(), __dirname);
  } finally {
    process.chdir(start);
  }
  assert.strictEqual(process.cwd(), start);
});

test('chdir errors', () => {
  const cwd = process.cwd();
  let err = thrown(() => process.chdir('/nonexistent-anode-dir'));
  assert.ok(err instanceof Error);
  assert.strictEqual(err.code, 'ENOENT');
  assert.strictEqual(err.errno, -2);
  assert.strictEqual(err.syscall, 'chdir');
  assert.strictEqual(err.path, cwd);
  assert.strictEqual(err.dest, '/nonexistent-anode-dir');
  assert.strictEqual(err.message,
                     `ENOENT: no such file or directory, chdir '${cwd}' -> '/nonexistent-anode-dir'`);
  err = thrown(() => process.chdir(__filename));
  assert.strictEqual(err.code, 'ENOTDIR');
  assert.strictEqual(err.message, `ENOTDIR: not a directory, chdir '${cwd}' -> '${__filename}'`);
  err = thrown(() => process.chdir(1));
  assert.strictEqual(err.code, 'ERR_INVALID_ARG_TYPE');
  assert.strictEqual(err.message,
                     'The "directory" argument must be of type string. Received type number (1)');
  assert.strictEqual(process.cwd(), cwd);
});

test('pid and ppid', () => {
  assert.ok(Number.isInteger(process.pid) && process.pid > 0);
  assert.ok(Number.isInteger(process.ppid) && process.ppid > 0);
  assert.notStrictEqual(process.pid, process.ppid);
});

test('platform, arch, title, release', () => {
  assert.strictEqual(process.platform, 'linux');
  assert.ok(['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64'].includes(process.arch),
            process.arch);
  assert.strictEqual(typeof process.title, 'string');
  assert.strictEqual(process.release.name, 'node');
  assert.strictEqual(process.release.lts, 'Iron');
});

test('version and versions', () => {
  assert.match(process.version, /^v20\.\d+\.\d+$/);
  assert.strictEqual(process.version, 'v' + process.versions.node);
  assert.ok(process.versions.node.startsWith('20.'));
  assert.match(process.versions.uv, /^\d+\.\d+\.\d+$/);
  for (const [k, v] of Object.entries(process.versions)) {
    assert.strictEqual(typeof v, 'string', k);
  }
  // process.versions is read-only.
  assert.throws(() => { 'use strict'; process.versions.node = '1.0.0'; }, TypeError);
  assert.ok(process.versions.node.startsWith('20.'));
});

test('anode-specific versions', { skip: !isAnode && 'not anode' }, () => {
  assert.match(process.versions.anode, /^\d+\.\d+\.\d+/);
  assert.match(process.versions.jsc, /^\d+\.\d+/);
  assert.match(process.versions.uv, /^\d+\.\d+\.\d+$/);
});
