'use strict';
// Node's os module over the os binding (libuv): machine, user and network
// facts, priorities and the errno/signal/priority/dlopen constants.

const binding = internalBinding('os');
const {
  codes: { ERR_SYSTEM_ERROR },
} = require('internal/errors');
const { validateInt32 } = require('internal/validators');

function systemError(ctx) {
  const { errno, code, syscall } = ctx;
  const message = internalBinding('uv').strerror(errno);
  return new ERR_SYSTEM_ERROR({ errno, code, message, syscall });
}

// Calls a binding function that fills `ctx` and returns undefined on failure.
function checked(fn) {
  return function() {
    const ctx = {};
    const result = fn(ctx);
    if (result === undefined) throw systemError(ctx);
    return result;
  };
}

const getHostname = checked(binding.getHostname);
const getHomeDirectory = checked(binding.getHomeDirectory);
const getOSInformation = checked(binding.getOSInformation);

function uptime() {
  const ctx = {};
  const result = binding.getUptime(ctx);
  if (ctx.errno !== undefined) throw systemError(ctx);
  return result;
}

function arch() { return process.arch; }
function platform() { return process.platform; }
function availableParallelism() { return binding.getAvailableParallelism(); }
function freemem() { return binding.getFreeMem(); }
function totalmem() { return binding.getTotalMem(); }
function hostname() { return getHostname(); }
function homedir() { return getHomeDirectory(); }
function type() { return getOSInformation()[0]; }
function version() { return getOSInformation()[1]; }
function release() { return getOSInformation()[2]; }
function machine() { return getOSInformation()[3]; }

const kEndianness = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'LE' : 'BE';
function endianness() { return kEndianness; }

function tmpdir() {
  const env = process.env;
  let path = env.TMPDIR || env.TMP || env.TEMP || '/tmp';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

function loadavg() {
  const avg = [0, 0, 0];
  binding.getLoadAvg(avg);
  return avg;
}

function cpus() {
  const data = binding.getCPUs();
  const result = [];
  for (let i = 0; i < data.length; i += 7) {
    result.push({
      model: data[i],
      speed: data[i + 1],
      times: { user: data[i + 2], nice: data[i + 3], sys: data[i + 4], idle: data[i + 5], irq: data[i + 6] },
    });
  }
  return result;
}

// The prefix length of a netmask, or null when its bits are not contiguous.
function getCIDR(address, netmask, family) {
  let ones = 0;
  let split = '.';
  let range = 10;
  let groupLength = 8;
  let hasZeros = false;
  let lastPos = 0;
  if (family === 'IPv6') {
    split = ':';
    range = 16;
    groupLength = 16;
  }
  for (let i = 0; i <= netmask.length; i++) {
    if (i === netmask.length || netmask[i] === split) {
      const part = netmask.slice(lastPos, i);
      lastPos = i + 1;
      if (part === '') continue;
      let binary = parseInt(part, range);
      let bits = 0;
      for (let b = 0; b < groupLength; b++) {
        if (binary & (1 << (groupLength - 1))) {
          if (hasZeros) return null;
          bits++;
        } else {
          hasZeros = true;
        }
        binary <<= 1;
      }
      ones += bits;
    }
  }
  return `${address}/${ones}`;
}

function networkInterfaces() {
  const ctx = {};
  const data = binding.getInterfaceAddresses(ctx);
  if (data === undefined) throw systemError(ctx);
  const result = {};
  for (let i = 0; i < data.length; i += 7) {
    const name = data[i];
    const entry = {
      address: data[i + 1],
      netmask: data[i + 2],
      family: data[i + 3],
      mac: data[i + 4],
      internal: data[i + 5],
      cidr: getCIDR(data[i + 1], data[i + 2], data[i + 3]),
    };
    if (data[i + 6] !== -1) entry.scopeid = data[i + 6];
    (result[name] ??= []).push(entry);
  }
  return result;
}

function setPriority(pid, priority) {
  if (priority === undefined) {
    priority = pid;
    pid = 0;
  }
  validateInt32(pid, 'pid');
  validateInt32(priority, 'priority', -20, 19);
  const ctx = {};
  if (binding.setPriority(pid, priority, ctx) !== 0) throw systemError(ctx);
}

function getPriority(pid) {
  if (pid === undefined) pid = 0;
  else validateInt32(pid, 'pid');
  const ctx = {};
  const priority = binding.getPriority(pid, ctx);
  if (ctx.errno !== undefined) throw systemError(ctx);
  return priority;
}

function userInfo(options) {
  if (typeof options !== 'object') options = null;
  const ctx = {};
  const user = binding.getUserInfo(ctx);
  if (user === undefined) throw systemError(ctx);
  const encoding = options?.encoding;
  const encode = (s) => {
    if (s === null || encoding == null || encoding === 'utf8' || encoding === 'utf-8') return s;
    const { Buffer } = require('buffer');
    return encoding === 'buffer' ? Buffer.from(s) : Buffer.from(s).toString(encoding);
  };
  return {
    __proto__: null,
    uid: user.uid,
    gid: user.gid,
    username: encode(user.username),
    homedir: encode(user.homedir),
    shell: encode(user.shell),
  };
}

// Node lets these stand for their value where a primitive is expected.
for (const fn of [arch, availableParallelism, endianness, freemem, homedir, hostname, platform,
  release, tmpdir, totalmem, type, uptime, version, machine]) {
  fn[Symbol.toPrimitive] = () => fn();
}

const nullProto = (obj) => Object.assign({ __proto__: null }, obj);
const constants = {
  __proto__: null,
  UV_UDP_REUSEADDR: 4,
  dlopen: nullProto(binding.dlopen),
  errno: nullProto(binding.errno),
  signals: nullProto(internalBinding('signals').signals),
  priority: {
    __proto__: null,
    PRIORITY_LOW: 19,
    PRIORITY_BELOW_NORMAL: 10,
    PRIORITY_NORMAL: 0,
    PRIORITY_ABOVE_NORMAL: -7,
    PRIORITY_HIGH: -14,
    PRIORITY_HIGHEST: -20,
  },
};

module.exports = {
  arch,
  availableParallelism,
  cpus,
  endianness,
  freemem,
  getPriority,
  homedir,
  hostname,
  loadavg,
  networkInterfaces,
  platform,
  release,
  setPriority,
  tmpdir,
  totalmem,
  type,
  userInfo,
  uptime,
  version,
  machine,
};

Object.defineProperties(module.exports, {
  constants: { configurable: false, enumerable: true, value: constants },
  EOL: { configurable: true, enumerable: true, writable: false, value: '\n' },
  devNull: { configurable: true, enumerable: true, writable: false, value: '/dev/null' },
});
