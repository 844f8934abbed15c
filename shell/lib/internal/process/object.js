'use strict';
// The `process` object: an EventEmitter carrying argv, env, versions, hrtime,
// memory and CPU figures, exit, signals and the stdio streams.

const EventEmitter = require('events');
const pm = internalBinding('process_methods');
const { nextTick } = require('internal/process/task_queues');

function uvError(errno, syscall, path) {
  const { UVException } = require('internal/errors');
  return new UVException({ errno, syscall, path });
}

function validateNumberLike(name, value) {
  const { codes } = require('internal/errors');
  throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
}

const process = new EventEmitter();
Object.defineProperty(process, Symbol.toStringTag, {
  value: 'process', writable: false, enumerable: false, configurable: true,
});

const machine = pm.machine || 'x86_64';
const archMap = { x86_64: 'x64', aarch64: 'arm64', armv7l: 'arm', i686: 'ia32', i386: 'ia32', ppc64le: 'ppc64', s390x: 's390x', riscv64: 'riscv64' };

process.title = 'anode';
process.version = `v${pm.versionNode}`;
process.versions = Object.freeze({
  node: pm.versionNode,
  anode: pm.versionAnode,
  jsc: pm.versionJsc,
  webkit: pm.versionJsc,
  uv: pm.versionUv,
  glib: pm.versionGlib,
  // The Electron release whose main-process API anode follows (the one
  // built on Node 20.18, like anode's Node level).
  electron: '33.0.0',
});
// Electron's name for the main process.
process.type = 'browser';
process.arch = archMap[machine] || machine;
process.platform = 'linux';
process.release = Object.freeze({ name: 'node', lts: 'Iron', sourceUrl: '', headersUrl: '' });
process.pid = pm.pid;
process.ppid = pm.ppid;
process.execPath = pm.execPath();
process.argv0 = pm.argv()[0];
process.argv = [process.execPath];
process.execArgv = [];
// exitCode validates what it is given, as Node 20 does.
let exitCode;
Object.defineProperty(process, 'exitCode', {
  enumerable: true,
  configurable: false,
  get() { return exitCode; },
  set(code) {
    if (code !== null && code !== undefined) {
      let value = code;
      if (typeof code === 'string' && code !== '' && Number.isInteger(+code)) value = +code;
      const { codes } = require('internal/errors');
      if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE('code', 'number', code);
      if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE('code', 'an integer', code);
    }
    exitCode = code;
  },
});
process._exiting = false;
process.features = Object.freeze({ inspector: false, debug: false, uv: true, ipv6: true, tls_alpn: false, tls_sni: false, tls_ocsp: false, tls: false, cached_builtins: true });
process.config = Object.freeze({ target_defaults: {}, variables: {} });
process.noDeprecation = false;
process.throwDeprecation = false;
process.traceDeprecation = false;

// env reads and writes reach the real environment; values become strings.
process.env = new Proxy({}, {
  get(_t, key) {
    if (typeof key !== 'string') return undefined;
    return pm.getEnv(key);
  },
  set(_t, key, value) {
    // A template literal throws a TypeError for Symbols, as Node does.
    if (typeof key === 'string') pm.setEnv(key, `${value}`);
    return true;
  },
  has(_t, key) {
    return typeof key === 'string' && pm.getEnv(key) !== undefined;
  },
  deleteProperty(_t, key) {
    if (typeof key === 'string') pm.unsetEnv(key);
    return true;
  },
  ownKeys() {
    return pm.envKeys();
  },
  getOwnPropertyDescriptor(_t, key) {
    if (typeof key !== 'string') return undefined;
    const value = pm.getEnv(key);
    if (value === undefined) return undefined;
    return { value, writable: true, enumerable: true, configurable: true };
  },
  defineProperty(_t, key, desc) {
    const err = (message) => {
      const e = new TypeError(message);
      e.code = 'ERR_INVALID_OBJECT_DEFINE_PROPERTY';
      return e;
    };
    if ('get' in desc || 'set' in desc) {
      throw err("'process.env' does not accept an accessor(getter/setter) descriptor");
    }
    if (!desc.configurable || !desc.writable || !desc.enumerable) {
      throw err("'process.env' only accepts a configurable, writable, and enumerable data descriptor");
    }
    if (typeof key === 'string') pm.setEnv(key, `${desc.value}`);
    return true;
  },
});

process.cwd = function cwd() {
  const ctx = {};
  const dir = pm.cwd(ctx);
  if (dir === undefined) throw uvError(ctx.errno, ctx.syscall);
  return dir;
};

process.chdir = function chdir(directory) {
  if (typeof directory !== 'string') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('directory', 'string', directory);
  }
  const err = pm.chdir(directory);
  if (err < 0) {
    const { UVException } = require('internal/errors');
    throw new UVException({ errno: err, syscall: 'chdir', path: process.cwd(), dest: directory });
  }
};

process.umask = function umask(mask) {
  if (mask === undefined) return pm.umask(-1);
  if (typeof mask === 'string') {
    if (!/^[0-7]+$/.test(mask)) {
      const { codes } = require('internal/errors');
      throw new codes.ERR_INVALID_ARG_VALUE('mask', mask, 'must be a 32-bit unsigned integer or an octal string');
    }
    mask = parseInt(mask, 8);
  }
  if (typeof mask !== 'number') validateNumberLike('mask', mask);
  return pm.umask(mask & 0o777);
};

const hrtimeBuf = new Uint32Array(3);
function hrtime(prev) {
  pm.hrtime(hrtimeBuf);
  const sec = hrtimeBuf[0] * 0x100000000 + hrtimeBuf[1];
  const nsec = hrtimeBuf[2];
  if (prev !== undefined) {
    if (!Array.isArray(prev)) {
      const { codes } = require('internal/errors');
      throw new codes.ERR_INVALID_ARG_TYPE('time', 'Array', prev);
    }
    if (prev.length !== 2) {
      const { codes } = require('internal/errors');
      throw new codes.ERR_OUT_OF_RANGE('time', 2, prev.length);
    }
    let s = sec - prev[0];
    let ns = nsec - prev[1];
    if (ns < 0) { s -= 1; ns += 1e9; }
    return [s, ns];
  }
  return [sec, nsec];
}
hrtime.bigint = function bigint() {
  pm.hrtime(hrtimeBuf);
  return (BigInt(hrtimeBuf[0]) << 32n | BigInt(hrtimeBuf[1])) * 1000000000n + BigInt(hrtimeBuf[2]);
};
process.hrtime = hrtime;

process.uptime = () => pm.uptime();

// Identity: the real and effective user and group ids.
process.getuid = function getuid() { return pm.getuid(); };
process.geteuid = function geteuid() { return pm.geteuid(); };
process.getgid = function getgid() { return pm.getgid(); };
process.getegid = function getegid() { return pm.getegid(); };
process.getgroups = function getgroups() {
  // Node always includes the effective group id.
  const groups = pm.getgroups();
  const egid = pm.getegid();
  if (!groups.includes(egid)) groups.push(egid);
  return groups;
};

const memBuf = new Float64Array(5);
function memoryUsage() {
  pm.memoryUsage(memBuf);
  return { rss: memBuf[0], heapTotal: memBuf[1], heapUsed: memBuf[2], external: memBuf[3], arrayBuffers: memBuf[4] };
}
memoryUsage.rss = () => pm.rss();
process.memoryUsage = memoryUsage;

const cpuBuf = new Float64Array(3);
function validateCpuPrev(prev) {
  const { codes } = require('internal/errors');
  if (prev === null || typeof prev !== 'object') throw new codes.ERR_INVALID_ARG_TYPE('prevValue', 'object', prev);
  for (const key of ['user', 'system']) {
    const v = prev[key];
    if (typeof v !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(`prevValue.${key}`, 'number', v);
    if (!(v >= 0 && v <= Number.MAX_SAFE_INTEGER)) {
      throw new codes.ERR_INVALID_ARG_VALUE.RangeError(`prevValue.${key}`, v);
    }
  }
}

process.cpuUsage = function cpuUsage(prev) {
  if (prev !== undefined) validateCpuPrev(prev);
  pm.cpuUsage(cpuBuf);
  const user = cpuBuf[0];
  const system = cpuBuf[1];
  if (prev) return { user: user - prev.user, system: system - prev.system };
  return { user, system };
};
process.resourceUsage = function resourceUsage() {
  pm.cpuUsage(cpuBuf);
  return { userCPUTime: cpuBuf[0], systemCPUTime: cpuBuf[1], maxRSS: cpuBuf[2] };
};

function signals() {
  return internalBinding('signals').signals;
}

process.kill = function kill(pid, sig = 'SIGTERM') {
  if (pid != (pid | 0)) {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('pid', 'number', pid);
  }
  let signum;
  if (typeof sig === 'number') {
    signum = sig;
  } else {
    signum = signals()[sig];
    if (signum === undefined) {
      const { codes } = require('internal/errors');
      throw new codes.ERR_UNKNOWN_SIGNAL(sig);
    }
  }
  const err = pm.kill(pid, signum);
  if (err < 0) {
    const { ErrnoException } = require('internal/errors');
    throw new ErrnoException(err, 'kill');
  }
  return true;
};

process.exit = function exit(code) {
  if (code !== undefined) process.exitCode = code;
  const status = (process.exitCode | 0) & 0xff;
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', status);
  }
  pm.reallyExit((process.exitCode | 0) & 0xff);
  // Only a worker gets here: its runtime is ending.
  require('internal/process/uncaught').unwindWorker();
};

process.reallyExit = (code) => {
  pm.reallyExit(code | 0);
  require('internal/process/uncaught').unwindWorker();
};
process.abort = () => pm.kill(process.pid, signals().SIGABRT);

process.nextTick = nextTick;

process.emitWarning = function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ({ type = 'Warning', code, detail } = type);
  } else if (typeof type === 'function') {
    type = 'Warning';
  }
  if (type === undefined) type = 'Warning';
  if (typeof warning === 'string') {
    const message = warning;
    warning = new Error(message);
    warning.name = String(type);
    if (code !== undefined) warning.code = code;
    if (detail !== undefined) warning.detail = detail;
    // The stack starts at the caller, with V8's header, as in Node.
    Error.captureStackTrace(warning, typeof ctor === 'function' ? ctor : emitWarning);
  } else if (!(warning instanceof Error)) {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'], warning);
  }
  if (warning.name === 'DeprecationWarning') {
    if (process.noDeprecation) return;
    if (process.throwDeprecation) {
      // Thrown on a later tick, so it arrives as an uncaught exception.
      process.nextTick(() => { throw warning; });
      return;
    }
  }
  nextTick(() => {
    process.emit('warning', warning);
  });
};

process.on('warning', (warning) => {
  // The default printer, as Node's: one line unless --trace-warnings.
  const { writeString } = internalBinding('fs');
  const code = warning.code ? `[${warning.code}] ` : '';
  let text = `(anode:${process.pid}) ${code}${warning.name}: ${warning.message}\n`;
  if (warning.detail) text += `${warning.detail}\n`;
  if (!process._warnedTrace) {
    process._warnedTrace = true;
    const flag = warning.name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings';
    text += `(Use \`anode ${flag} ...\` to show where the warning was created)\n`;
  }
  writeString(2, text);
});

// Signal listeners start watching on first 'SIGxxx' listener.
const watched = new Set();
process.on('newListener', (event) => {
  if (typeof event !== 'string' || !event.startsWith('SIG') || watched.has(event)) return;
  const signum = signals()[event];
  if (signum === undefined) return;
  const b = internalBinding('signals');
  b.setEmitter((n) => {
    for (const [name, num] of Object.entries(signals())) {
      if (num === n && process.listenerCount(name) > 0) {
        process.emit(name, name, n);
        return;
      }
    }
  });
  if (b.watch(signum) === 0) watched.add(event);
});
process.on('removeListener', (event) => {
  if (watched.has(event) && process.listenerCount(event) === 0) {
    internalBinding('signals').unwatch(signals()[event]);
    watched.delete(event);
  }
});

// stdio streams are created on first use.
for (const [name, fd] of [['stdin', 0], ['stdout', 1], ['stderr', 2]]) {
  let stream;
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: true,
    get() {
      if (stream === undefined) stream = require('internal/process/stdio').create(fd);
      return stream;
    },
  });
}

process.binding = function binding(name) {
  throw new Error(`No such module: ${name}`);
};

module.exports = process;
