'use strict';
// Recursive removal for fs.rm/rmSync and the deprecated rmdir({recursive}),
// with Node's option validation, EISDIR reporting and retries.

const {
  codes: { ERR_FS_EISDIR },
  UVException,
} = require('internal/errors');
const { validateBoolean, validateObject, validateUint32 } = require('internal/validators');
const { binding, constants } = require('internal/fs/utils');

const { S_IFMT, S_IFDIR } = constants;
const kRetryCodes = new Set(['EBUSY', 'EMFILE', 'ENFILE', 'ENOTEMPTY', 'EPERM']);
const kEISDIR = 21;

const defaultRmOptions = { recursive: false, force: false, retryDelay: 100, maxRetries: 0 };
const defaultRmdirOptions = { retryDelay: 100, maxRetries: 0, recursive: false };

function validateOptions(options, defaults) {
  if (options === undefined) return defaults;
  validateObject(options, 'options');
  options = { ...defaults, ...options };
  validateBoolean(options.recursive, 'options.recursive');
  validateUint32(options.retryDelay, 'options.retryDelay');
  validateUint32(options.maxRetries, 'options.maxRetries');
  return options;
}

function validateRmdirOptions(options) {
  return validateOptions(options, defaultRmdirOptions);
}

function rmOptions(options) {
  options = validateOptions(options, defaultRmOptions);
  validateBoolean(options.force, 'options.force');
  return options;
}

function eisdir(path) {
  return new ERR_FS_EISDIR({
    code: 'EISDIR',
    message: 'is a directory',
    path,
    syscall: 'rm',
    errno: kEISDIR,
  });
}

function isDirMode(st) {
  return (st[1] & S_IFMT) === S_IFDIR;
}

// Returns the options, or throws what Node throws before removing anything.
function validateRmOptionsSync(path, options) {
  options = rmOptions(options);
  if (!options.force || !options.recursive) {
    const ctx = {};
    const st = binding.lstat(path, ctx);
    if (ctx.errno !== undefined) {
      if (options.force && ctx.code === 'ENOENT') return options;
      throw new UVException(ctx);
    }
    if (isDirMode(st) && !options.recursive) throw eisdir(path);
  }
  return options;
}

// Bad options throw at once, as Node's; the path checks answer through cb.
function validateRmOptions(path, options, expectDir, cb) {
  options = rmOptions(options);
  binding.lstat(path, (err, st) => {
    if (err) {
      if (options.force && err.code === 'ENOENT') return cb(null, options);
      return cb(new UVException(err));
    }
    if (isDirMode(st) && !options.recursive) return cb(eisdir(path));
    cb(null, options);
  });
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function rmOnceSync(path) {
  const ctx = {};
  const st = binding.lstat(path, ctx);
  if (ctx.errno !== undefined) {
    if (ctx.code === 'ENOENT') return;
    throw new UVException(ctx);
  }
  if (!isDirMode(st)) {
    const u = {};
    binding.unlink(path, u);
    if (u.errno !== undefined && u.code !== 'ENOENT') throw new UVException(u);
    return;
  }
  const s = {};
  const entries = binding.scandir(path, s);
  if (s.errno !== undefined) {
    if (s.code === 'ENOENT') return;
    throw new UVException(s);
  }
  for (const name of entries[0]) rmOnceSync(`${path}/${name}`);
  const r = {};
  binding.rmdir(path, r);
  if (r.errno !== undefined && r.code !== 'ENOENT') throw new UVException(r);
}

function rimrafSync(path, options) {
  for (let tries = 0; ; tries++) {
    try {
      return rmOnceSync(path);
    } catch (err) {
      if (!kRetryCodes.has(err.code) || tries >= options.maxRetries) throw err;
      sleepSync(tries * options.retryDelay);
    }
  }
}

function rmOnce(path, cb) {
  binding.lstat(path, (err, st) => {
    if (err) return cb(err.code === 'ENOENT' ? null : new UVException(err));
    if (!isDirMode(st)) {
      return binding.unlink(path, (e) =>
        cb(e && e.code !== 'ENOENT' ? new UVException(e) : null));
    }
    binding.scandir(path, (e, res) => {
      if (e) return cb(e.code === 'ENOENT' ? null : new UVException(e));
      const names = res[0];
      let pending = names.length;
      let failed = null;
      const rmSelf = () => binding.rmdir(path, (e2) =>
        cb(e2 && e2.code !== 'ENOENT' ? new UVException(e2) : null));
      if (pending === 0) return rmSelf();
      for (const name of names) {
        rmOnce(`${path}/${name}`, (e3) => {
          if (e3 && failed === null) failed = e3;
          if (--pending === 0) {
            if (failed) cb(failed);
            else rmSelf();
          }
        });
      }
    });
  });
}

function rimraf(path, options, callback) {
  let tries = 0;
  const attempt = () => {
    rmOnce(path, (err) => {
      if (err && kRetryCodes.has(err.code) && tries < options.maxRetries) {
        tries++;
        return setTimeout(attempt, tries * options.retryDelay);
      }
      callback(err || null);
    });
  };
  attempt();
}

let warned = false;
function emitRecursiveRmdirWarning() {
  if (warned) return;
  warned = true;
  process.emitWarning(
    'In future versions of Node.js, fs.rmdir(path, { recursive: true }) ' +
      'will be removed. Use fs.rm(path, { recursive: true }) instead',
    'DeprecationWarning',
    'DEP0147',
  );
}

module.exports = {
  rimraf,
  rimrafSync,
  validateRmOptions,
  validateRmOptionsSync,
  validateRmdirOptions,
  emitRecursiveRmdirWarning,
};
