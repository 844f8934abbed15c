'use strict';
// Shared pieces of fs and fs/promises: argument validation, open flags,
// Stats/BigIntStats from the binding's Float64Array, Dirent, and turning
// the binding's error objects into Node's errors.

const {
  codes: {
    ERR_FS_FILE_TOO_LARGE,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_OUT_OF_RANGE,
  },
  UVException,
  AbortError,
  hideStackFrames,
} = require('internal/errors');
const {
  validateAbortSignal,
  validateBoolean,
  validateFunction,
  validateInt32,
  validateInteger,
  validateObject,
  validateUint32,
  parseFileMode,
} = require('internal/validators');

const binding = internalBinding('fs');
const constants = binding.constants;
const {
  O_APPEND, O_CREAT, O_EXCL, O_RDONLY, O_RDWR, O_SYNC, O_TRUNC, O_WRONLY,
  S_IFMT, S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO, S_IFLNK, S_IFSOCK,
  UV_DIRENT_UNKNOWN, UV_DIRENT_FILE, UV_DIRENT_DIR, UV_DIRENT_LINK,
  UV_DIRENT_FIFO, UV_DIRENT_SOCKET, UV_DIRENT_CHAR, UV_DIRENT_BLOCK,
  F_OK, W_OK, X_OK, COPYFILE_EXCL, COPYFILE_FICLONE_FORCE,
} = constants;

const kIoMaxLength = 2 ** 31 - 1;
const kMaxUserId = 2 ** 32 - 1;

let BufferCtor;
function lazyBuffer() {
  BufferCtor ??= require('buffer').Buffer;
  return BufferCtor;
}

// ---------------------------------------------------------------------------
// Errors

// The binding's error description -> the error Node throws.
function fsError(ctx) {
  if (ctx.tooLarge !== undefined) return new ERR_FS_FILE_TOO_LARGE(ctx.tooLarge);
  return new UVException(ctx);
}

function throwIfError(ctx) {
  if (ctx.errno !== undefined || ctx.tooLarge !== undefined) {
    const err = fsError(ctx);
    Error.captureStackTrace(err, throwIfError);
    throw err;
  }
}

// A binding call: sync when `cb` is undefined (throws, returns the result),
// async otherwise (cb(err, result) on a later turn).
function call(fn, args, cb) {
  if (cb === undefined) {
    const ctx = {};
    const result = fn(...args, ctx);
    if (ctx.errno !== undefined || ctx.tooLarge !== undefined) {
      const err = fsError(ctx);
      Error.captureStackTrace(err, call);
      throw err;
    }
    return result;
  }
  const started = fn(...args, (err, result) => {
    if (err !== null) cb(fsError(err));
    else cb(null, result);
  });
  if (typeof started === 'number') {
    process.nextTick(cb, new UVException({ errno: started, syscall: fn.name }));
  }
}

// The promise form of `call`.
function callAsync(fn, args) {
  return new Promise((resolve, reject) => {
    const started = fn(...args, (err, result) => {
      if (err !== null) reject(fsError(err));
      else resolve(result);
    });
    if (typeof started === 'number') {
      reject(new UVException({ errno: started, syscall: fn.name }));
    }
  });
}

function checkAborted(signal, callback) {
  if (signal?.aborted) {
    callback(new AbortError(undefined, { cause: signal.reason }));
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Paths, fds, flags and modes

function isURL(value) {
  return value != null && typeof value === 'object' &&
    typeof value.href === 'string' && typeof value.protocol === 'string' &&
    value.auth === undefined && value.path === undefined;
}

function toPathIfFileURL(value) {
  if (!isURL(value)) return value;
  return require('internal/url').fileURLToPath(value);
}

const nullCheck = hideStackFrames((path, name) => {
  const isString = typeof path === 'string';
  if ((isString && path.includes('\u0000')) ||
      (!isString && path instanceof Uint8Array && path.includes(0))) {
    throw new ERR_INVALID_ARG_VALUE(
      name, path, 'must be a string, Uint8Array, or URL without null bytes');
  }
});

// string | Buffer | URL -> the path string the binding takes.
const getValidatedPath = hideStackFrames((fileURLOrPath, name = 'path') => {
  const path = toPathIfFileURL(fileURLOrPath);
  if (typeof path !== 'string' && !(path instanceof Uint8Array)) {
    throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], path);
  }
  nullCheck(path, name);
  return typeof path === 'string' ? path : pathFromBytes(path);
});

function pathFromBytes(bytes) {
  const B = lazyBuffer();
  return B.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

const getValidatedFd = hideStackFrames((fd, name = 'fd') => {
  if (Object.is(fd, -0)) return 0;
  validateInt32(fd, name, 0);
  return fd;
});

// Node 20 raises some argument errors from C++: a plain TypeError or
// RangeError with an own `code`, and no [CODE] in the stack's first line.
function nativeArgError(Ctor, code, message, caller) {
  const err = new Ctor(message);
  err.code = code;
  Error.captureStackTrace(err, caller);
  return err;
}

// The fd check of close, fstat, fsync, fdatasync, fchmod, fchown,
// ftruncate and futimes, which Node 20 makes in C++: its message shows a
// function without its name and a bigint without the n.
function getValidatedFdNative(fd) {
  if (typeof fd === 'function' || typeof fd === 'bigint') {
    const received = typeof fd === 'function' ? 'function' : `type bigint (${fd})`;
    throw nativeArgError(TypeError, 'ERR_INVALID_ARG_TYPE',
                         `The "fd" argument must be of type number. Received ${received}`,
                         getValidatedFdNative);
  }
  return getValidatedFd(fd);
}

// readFile, writeFile and appendFile take an int32 as a file descriptor;
// any other number is a bad path.
function isFd(path) {
  return typeof path === 'number' && (path | 0) === path;
}

function stringToFlags(flags, name = 'flags') {
  if (typeof flags === 'number') {
    validateInt32(flags, name);
    return flags;
  }
  if (flags == null) return O_RDONLY;
  switch (flags) {
    case 'r': return O_RDONLY;
    case 'rs': // Fall through.
    case 'sr': return O_RDONLY | O_SYNC;
    case 'r+': return O_RDWR;
    case 'rs+': // Fall through.
    case 'sr+': return O_RDWR | O_SYNC;
    case 'w': return O_TRUNC | O_CREAT | O_WRONLY;
    case 'wx': // Fall through.
    case 'xw': return O_TRUNC | O_CREAT | O_WRONLY | O_EXCL;
    case 'w+': return O_TRUNC | O_CREAT | O_RDWR;
    case 'wx+': // Fall through.
    case 'xw+': return O_TRUNC | O_CREAT | O_RDWR | O_EXCL;
    case 'a': return O_APPEND | O_CREAT | O_WRONLY;
    case 'ax': // Fall through.
    case 'xa': return O_APPEND | O_CREAT | O_WRONLY | O_EXCL;
    case 'as': // Fall through.
    case 'sa': return O_APPEND | O_CREAT | O_WRONLY | O_SYNC;
    case 'a+': return O_APPEND | O_CREAT | O_RDWR;
    case 'ax+': // Fall through.
    case 'xa+': return O_APPEND | O_CREAT | O_RDWR | O_EXCL;
    case 'as+': // Fall through.
    case 'sa+': return O_APPEND | O_CREAT | O_RDWR | O_SYNC;
  }
  throw new ERR_INVALID_ARG_VALUE(name, flags);
}

const validateOffsetLengthRead = hideStackFrames((offset, length, bufferLength) => {
  if (offset < 0) throw new ERR_OUT_OF_RANGE('offset', '>= 0', offset);
  if (length < 0) throw new ERR_OUT_OF_RANGE('length', '>= 0', length);
  if (offset + length > bufferLength) {
    throw new ERR_OUT_OF_RANGE('length', `<= ${bufferLength - offset}`, length);
  }
});

const validateOffsetLengthWrite = hideStackFrames((offset, length, byteLength) => {
  if (offset > byteLength) {
    throw new ERR_OUT_OF_RANGE('offset', `<= ${byteLength}`, offset);
  }
  if (length > byteLength - offset) {
    throw new ERR_OUT_OF_RANGE('length', `<= ${byteLength - offset}`, length);
  }
  if (length < 0) throw new ERR_OUT_OF_RANGE('length', '>= 0', length);
  validateInt32(length, 'length', 0);
});

// A position argument: null/undefined/-1 mean the current position.
function validatePosition(position, name = 'position', length) {
  if (position == null) return -1;
  if (typeof position === 'number') {
    validateInteger(position, name, -1);
    return position;
  }
  if (typeof position === 'bigint') {
    const maxPosition = 2n ** 63n - 1n - BigInt(length ?? 0);
    if (!(position >= -1n && position <= maxPosition)) {
      throw new ERR_OUT_OF_RANGE(name, `>= -1 && <= ${maxPosition}`, position);
    }
    return Number(position);
  }
  throw new ERR_INVALID_ARG_TYPE(name, ['integer', 'bigint'], position);
}

function isArrayBufferView(v) {
  return ArrayBuffer.isView(v);
}

// Any ArrayBufferView -> a Uint8Array over the same bytes (the binding reads
// typed arrays only).
function toU8(view) {
  if (view instanceof Uint8Array) return view;
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

const validateBufferArray = hideStackFrames((buffers, name = 'buffers') => {
  if (!Array.isArray(buffers)) {
    throw new ERR_INVALID_ARG_TYPE(name, 'ArrayBufferView[]', buffers);
  }
  for (let i = 0; i < buffers.length; i++) {
    if (!isArrayBufferView(buffers[i])) {
      throw new ERR_INVALID_ARG_TYPE(name, 'ArrayBufferView[]', buffers);
    }
  }
  return buffers;
});

function getOptions(options, defaultOptions = {}) {
  if (options == null || typeof options === 'function') return defaultOptions;
  if (typeof options === 'string') {
    defaultOptions = { ...defaultOptions };
    defaultOptions.encoding = options;
    options = defaultOptions;
  } else if (typeof options !== 'object') {
    throw new ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
  }
  if (options.encoding !== 'buffer') assertEncoding(options.encoding);
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  return options;
}

function assertEncoding(encoding) {
  if (encoding && !isEncoding(encoding)) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
}

const kEncodings = new Set([
  'utf8', 'utf-8', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'latin1', 'binary',
  'base64', 'base64url', 'hex', 'ascii',
]);
function isEncoding(enc) {
  return typeof enc === 'string' && kEncodings.has(enc.toLowerCase());
}
function isUtf8(enc) {
  if (enc === 'utf8' || enc === 'utf-8') return true;
  return typeof enc === 'string' && (enc.toLowerCase() === 'utf8' || enc.toLowerCase() === 'utf-8');
}

// The encoding of a string fs.write writes: Node refuses hex of odd length
// and writes UTF-8 for a name it does not know.
function writeEncoding(str, encoding) {
  if (!isEncoding(encoding)) return 'utf8';
  if (encoding.toLowerCase() === 'hex' && str.length % 2 !== 0) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding,
                                    `is invalid for data of length ${str.length}`);
  }
  return encoding;
}

function copyObject(source) {
  return { ...source };
}

const toUnixTimestamp = hideStackFrames((time, name = 'time') => {
  if (typeof time === 'string' && +time == time) return +time;
  if (Number.isFinite(time)) {
    if (time < 0) return Date.now() / 1000;
    return time;
  }
  if (time instanceof Date) return time.getTime() / 1000;
  throw new ERR_INVALID_ARG_TYPE(name, ['Date', 'Time in seconds'], time);
});

function getValidMode(mode, type) {
  let min = F_OK;
  let max = W_OK | 4 | X_OK;
  let def = F_OK;
  if (type === 'copyFile') {
    min = 0;
    max = COPYFILE_EXCL | 2 | COPYFILE_FICLONE_FORCE;
    def = 0;
  }
  if (mode == null) return def;
  // Node 20 checks the mode in C++: its own messages, and a fraction is
  // truncated rather than refused.
  if (typeof mode !== 'number') {
    throw nativeArgError(TypeError, 'ERR_INVALID_ARG_TYPE',
                         'mode must be int32 or null/undefined', getValidMode);
  }
  if (!Number.isFinite(mode)) {
    throw nativeArgError(RangeError, 'ERR_OUT_OF_RANGE', 'mode is out of range', getValidMode);
  }
  const m = Math.trunc(mode);
  if (m < min || m > max) {
    throw nativeArgError(RangeError, 'ERR_OUT_OF_RANGE',
                         `mode is out of range: >= ${min} && <= ${max}`, getValidMode);
  }
  return m | 0;
}

function validateUidGid(uid, gid) {
  validateInteger(uid, 'uid', -1, kMaxUserId);
  validateInteger(gid, 'gid', -1, kMaxUserId);
}

// The string or Buffer a path-returning call hands back in `encoding`.
function encodeResult(str, encoding) {
  if (encoding == null || isUtf8(encoding)) return str;
  const buf = lazyBuffer().from(str);
  return encoding === 'buffer' ? buf : buf.toString(encoding);
}

// ---------------------------------------------------------------------------
// Stats

const kNsPerMsBigInt = 10n ** 6n;
const kNsPerSecBigInt = 10n ** 9n;

function dateFromMs(ms) {
  return new Date(Math.round(Number(ms)));
}

function StatsBase(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks) {
  this.dev = dev;
  this.mode = mode;
  this.nlink = nlink;
  this.uid = uid;
  this.gid = gid;
  this.rdev = rdev;
  this.blksize = blksize;
  this.ino = ino;
  this.size = size;
  this.blocks = blocks;
}

StatsBase.prototype.isDirectory = function() { return this._checkModeProperty(S_IFDIR); };
StatsBase.prototype.isFile = function() { return this._checkModeProperty(S_IFREG); };
StatsBase.prototype.isBlockDevice = function() { return this._checkModeProperty(S_IFBLK); };
StatsBase.prototype.isCharacterDevice = function() {
  return this._checkModeProperty(S_IFCHR);
};
StatsBase.prototype.isSymbolicLink = function() { return this._checkModeProperty(S_IFLNK); };
StatsBase.prototype.isFIFO = function() { return this._checkModeProperty(S_IFIFO); };
StatsBase.prototype.isSocket = function() { return this._checkModeProperty(S_IFSOCK); };

function Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
               atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
  StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
  this.atimeMs = atimeMs;
  this.mtimeMs = mtimeMs;
  this.ctimeMs = ctimeMs;
  this.birthtimeMs = birthtimeMs;
  this.atime = dateFromMs(atimeMs);
  this.mtime = dateFromMs(mtimeMs);
  this.ctime = dateFromMs(ctimeMs);
  this.birthtime = dateFromMs(birthtimeMs);
}
Object.setPrototypeOf(Stats.prototype, StatsBase.prototype);
Object.setPrototypeOf(Stats, StatsBase);
Stats.prototype.isFile = StatsBase.prototype.isFile;
Stats.prototype._checkModeProperty = function(property) {
  if (process.platform === 'win32' &&
      (property === S_IFIFO || property === S_IFBLK || property === S_IFSOCK)) {
    return false;
  }
  return (this.mode & S_IFMT) === property;
};

function BigIntStats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks,
                     atimeNs, mtimeNs, ctimeNs, birthtimeNs) {
  StatsBase.call(this, dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks);
  this.atimeMs = atimeNs / kNsPerMsBigInt;
  this.mtimeMs = mtimeNs / kNsPerMsBigInt;
  this.ctimeMs = ctimeNs / kNsPerMsBigInt;
  this.birthtimeMs = birthtimeNs / kNsPerMsBigInt;
  this.atimeNs = atimeNs;
  this.mtimeNs = mtimeNs;
  this.ctimeNs = ctimeNs;
  this.birthtimeNs = birthtimeNs;
  this.atime = dateFromMs(this.atimeMs);
  this.mtime = dateFromMs(this.mtimeMs);
  this.ctime = dateFromMs(this.ctimeMs);
  this.birthtime = dateFromMs(this.birthtimeMs);
}
Object.setPrototypeOf(BigIntStats.prototype, StatsBase.prototype);
Object.setPrototypeOf(BigIntStats, StatsBase);
BigIntStats.prototype._checkModeProperty = function(property) {
  return (this.mode & BigInt(S_IFMT)) === BigInt(property);
};

function msFrom(s, ns) {
  return s * 1e3 + ns / 1e6;
}
function nsFrom(s, ns) {
  return BigInt(s) * kNsPerSecBigInt + BigInt(ns);
}

// The binding's Float64Array (see STAT_FIELDS in binding-fs.c) -> Stats.
function getStatsFromBinding(a, bigint = false) {
  if (bigint) {
    const B = BigInt;
    return new BigIntStats(B(a[0]), B(a[1]), B(a[2]), B(a[3]), B(a[4]), B(a[5]),
                           B(a[6]), B(a[7]), B(a[8]), B(a[9]),
                           nsFrom(a[10], a[11]), nsFrom(a[12], a[13]),
                           nsFrom(a[14], a[15]), nsFrom(a[16], a[17]));
  }
  return new Stats(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9],
                   msFrom(a[10], a[11]), msFrom(a[12], a[13]),
                   msFrom(a[14], a[15]), msFrom(a[16], a[17]));
}

// ---------------------------------------------------------------------------
// StatFs

class StatFs {
  constructor(type, bsize, blocks, bfree, bavail, files, ffree) {
    this.type = type;
    this.bsize = bsize;
    this.blocks = blocks;
    this.bfree = bfree;
    this.bavail = bavail;
    this.files = files;
    this.ffree = ffree;
  }
}

// The binding's Float64Array (see STATFS_FIELDS in binding-fs.c) -> StatFs.
function getStatFsFromBinding(a, bigint = false) {
  if (bigint) {
    const B = BigInt;
    return new StatFs(B(a[0]), B(a[1]), B(a[2]), B(a[3]), B(a[4]), B(a[5]), B(a[6]));
  }
  return new StatFs(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
}

// ---------------------------------------------------------------------------
// Dirent

const kType = Symbol('type');

class Dirent {
  constructor(name, type, path) {
    this.name = name;
    this.parentPath = path;
    this.path = path;
    this[kType] = type;
  }
  isDirectory() { return this[kType] === UV_DIRENT_DIR; }
  isFile() { return this[kType] === UV_DIRENT_FILE; }
  isBlockDevice() { return this[kType] === UV_DIRENT_BLOCK; }
  isCharacterDevice() { return this[kType] === UV_DIRENT_CHAR; }
  isSymbolicLink() { return this[kType] === UV_DIRENT_LINK; }
  isFIFO() { return this[kType] === UV_DIRENT_FIFO; }
  isSocket() { return this[kType] === UV_DIRENT_SOCKET; }
}

function direntTypeFromMode(mode) {
  switch (mode & S_IFMT) {
    case S_IFREG: return UV_DIRENT_FILE;
    case S_IFDIR: return UV_DIRENT_DIR;
    case S_IFLNK: return UV_DIRENT_LINK;
    case S_IFIFO: return UV_DIRENT_FIFO;
    case S_IFSOCK: return UV_DIRENT_SOCKET;
    case S_IFCHR: return UV_DIRENT_CHAR;
    case S_IFBLK: return UV_DIRENT_BLOCK;
  }
  return UV_DIRENT_UNKNOWN;
}

// A Dirent for an entry the file system typed as unknown: lstat it.
function direntWithLstat(name, type, dir) {
  if (type === UV_DIRENT_UNKNOWN) {
    const ctx = {};
    const st = binding.lstat(`${dir}/${name}`, ctx);
    if (ctx.errno === undefined) type = direntTypeFromMode(st[1]);
  }
  return new Dirent(name, type, dir);
}

module.exports = {
  binding,
  constants,
  kIoMaxLength,
  lazyBuffer,
  fsError,
  throwIfError,
  call,
  callAsync,
  checkAborted,
  toPathIfFileURL,
  getValidatedPath,
  getValidatedFd,
  getValidatedFdNative,
  isFd,
  nativeArgError,
  stringToFlags,
  parseFileMode,
  validateOffsetLengthRead,
  validateOffsetLengthWrite,
  validatePosition,
  validateBufferArray,
  isArrayBufferView,
  toU8,
  getOptions,
  assertEncoding,
  isEncoding,
  isUtf8,
  writeEncoding,
  copyObject,
  toUnixTimestamp,
  getValidMode,
  validateUidGid,
  encodeResult,
  Stats,
  BigIntStats,
  getStatsFromBinding,
  StatFs,
  getStatFsFromBinding,
  Dirent,
  direntWithLstat,
  kType,
  // Re-exported for fs.js and promises.js.
  validateAbortSignal,
  validateBoolean,
  validateFunction,
  validateInt32,
  validateInteger,
  validateObject,
  validateUint32,
};
