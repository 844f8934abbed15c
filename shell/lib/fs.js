'use strict';
// Node's fs: the synchronous and callback forms over internalBinding('fs')
// (one uv_fs_* call per primitive, on the threadpool when a callback is
// given); fs.promises lives in internal/fs/promises.js.

const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_FEATURE_UNAVAILABLE_ON_PLATFORM,
  },
  AbortError,
  UVException,
} = require('internal/errors');
const {
  binding,
  constants,
  kIoMaxLength,
  lazyBuffer,
  call,
  checkAborted,
  toPathIfFileURL,
  getValidatedPath,
  getValidatedFd,
  getValidatedFdNative,
  isFd,
  stringToFlags,
  parseFileMode,
  validateOffsetLengthRead,
  validateOffsetLengthWrite,
  validatePosition,
  validateBufferArray,
  isArrayBufferView,
  toU8,
  getOptions,
  isUtf8,
  writeEncoding,
  toUnixTimestamp,
  getValidMode,
  validateUidGid,
  encodeResult,
  Stats,
  BigIntStats,
  getStatsFromBinding,
  getStatFsFromBinding,
  Dirent,
  direntWithLstat,
  validateBoolean,
  validateFunction,
  validateInteger,
  validateObject,
  validateAbortSignal,
} = require('internal/fs/utils');

const { F_OK, R_OK, W_OK, X_OK, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_SYNC } = constants;
const kReadBufferSize = 16384;

function makeCallback(cb) {
  validateFunction(cb, 'cb');
  return cb;
}

function lazyInternal(name) {
  return require(`internal/fs/${name}`);
}

// ---------------------------------------------------------------------------
// open / close / read / write

function openArgs(path, flags, mode) {
  path = getValidatedPath(path);
  return [path, stringToFlags(flags), parseFileMode(mode, 'mode', 0o666)];
}

function openSync(path, flags, mode) {
  return call(binding.open, openArgs(path, flags, mode));
}

function open(path, flags, mode, callback) {
  // The callback is the last argument; flags and mode before it are used
  // as given (a function among them is a bad flag or mode).
  if (arguments.length < 3) {
    callback = flags;
    flags = 'r';
    mode = 0o666;
  } else if (arguments.length === 3) {
    callback = mode;
    mode = 0o666;
  }
  const args = openArgs(path, flags, mode);
  call(binding.open, args, makeCallback(callback));
}

function closeSync(fd) {
  call(binding.close, [getValidatedFdNative(fd)]);
}

function defaultCloseCallback(err) {
  if (err != null) throw err;
}

function close(fd, callback = defaultCloseCallback) {
  fd = getValidatedFdNative(fd);
  if (callback !== defaultCloseCallback) callback = makeCallback(callback);
  call(binding.close, [fd], callback);
}

// Normalises read's (buffer, offset, length, position) / (buffer, options)
// shapes into [buffer, offset, length, position].
function readArgs(buffer, offset, length, position) {
  if (!isArrayBufferView(buffer)) {
    throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  }
  if (offset == null) {
    offset = 0;
  } else {
    validateInteger(offset, 'offset', 0);
  }
  length ??= buffer.byteLength - offset;
  if (length === 0) return [buffer, offset, 0, -1];
  if (buffer.byteLength === 0) {
    throw new ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  }
  validateOffsetLengthRead(offset, length, buffer.byteLength);
  position = validatePosition(position, 'position', length);
  return [buffer, offset, length, position];
}

function readSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  if (arguments.length <= 3 || typeof offsetOrOptions === 'object') {
    if (offsetOrOptions != null && typeof offsetOrOptions === 'object') {
      validateObject(offsetOrOptions, 'options', { nullable: true });
    }
    if (!isArrayBufferView(buffer)) {
      throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
    }
    ({ offset = 0, length = buffer.byteLength - offset, position = null } =
      offsetOrOptions ?? {});
  }
  const [buf, off, len, pos] = readArgs(buffer, offset, length, position);
  if (len === 0) return 0;
  return call(binding.read, [fd, toU8(buf), off, len, pos]);
}

function read(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = getValidatedFd(fd);
  let offset = offsetOrOptions;
  let params = null;
  if (arguments.length <= 4) {
    if (arguments.length === 4) {
      // fs.read(fd, buffer, options, callback)
      validateObject(offsetOrOptions, 'options', { nullable: true });
      callback = length;
      params = offsetOrOptions;
    } else if (arguments.length === 3) {
      // fs.read(fd, bufferOrParams, callback)
      if (!isArrayBufferView(buffer)) {
        params = buffer;
        ({ buffer = lazyBuffer().alloc(kReadBufferSize) } = params ?? {});
      }
      callback = offsetOrOptions;
    } else {
      // fs.read(fd, callback)
      callback = buffer;
      buffer = lazyBuffer().alloc(kReadBufferSize);
    }
    if (params !== undefined) {
      validateObject(params, 'options', { nullable: true });
    }
    ({ offset = 0, length = buffer?.byteLength - offset, position = null } = params ?? {});
  }
  callback = makeCallback(callback);
  const [buf, off, len, pos] = readArgs(buffer, offset, length, position);
  if (len === 0) {
    process.nextTick(callback, null, 0, buf);
    return;
  }
  call(binding.read, [fd, toU8(buf), off, len, pos], (err, n) => {
    if (err) callback(err);
    else callback(null, n, buf);
  });
}

function readvSync(fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  position = typeof position === 'number' ? position : -1;
  return call(binding.readv, [fd, buffers.map(toU8), position]);
}

function readv(fd, buffers, position, callback) {
  if (typeof position === 'function') {
    callback = position;
    position = null;
  }
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  callback = makeCallback(callback);
  position = typeof position === 'number' ? position : -1;
  call(binding.readv, [fd, buffers.map(toU8), position], (err, n) => {
    if (err) callback(err);
    else callback(null, n, buffers);
  });
}

// [kind, ...args] for a write of a buffer or string; kind 'utf8' writes a
// string's UTF-8 bytes without a Buffer.
function writeArgs(fd, buffer, offsetOrOptions, length, position, isCallback) {
  if (isArrayBufferView(buffer)) {
    let offset = offsetOrOptions;
    if (offset != null && typeof offset === 'object') {
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset);
    }
    if (offset == null) offset = 0;
    else validateInteger(offset, 'offset', 0);
    if (typeof length !== 'number') length = buffer.byteLength - offset;
    if (typeof position !== 'number') position = null;
    validateOffsetLengthWrite(offset, length, buffer.byteLength);
    return ['buffer', toU8(buffer), offset, length, position ?? -1];
  }
  if (typeof buffer !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'],
                                   buffer);
  }
  // (fd, string, position, encoding)
  let pos = offsetOrOptions;
  const encoding = writeEncoding(buffer, length);
  if (typeof pos !== 'number') pos = -1;
  if (isUtf8(encoding)) return ['utf8', buffer, pos];
  const bytes = lazyBuffer().from(buffer, encoding);
  return ['buffer', bytes, 0, bytes.length, pos];
}

function writeSync(fd, buffer, offsetOrOptions, length, position) {
  fd = getValidatedFd(fd);
  const args = writeArgs(fd, buffer, offsetOrOptions, length, position, false);
  if (args[0] === 'utf8') return call(binding.writeUtf8, [fd, args[1], args[2]]);
  return call(binding.write, [fd, args[1], args[2], args[3], args[4]]);
}

function write(fd, buffer, offsetOrOptions, length, position, callback) {
  fd = getValidatedFd(fd);
  const rest = [offsetOrOptions, length, position, callback];
  // The callback is the last function argument.
  let n = arguments.length - 1;
  while (n > 1 && typeof arguments[n] !== 'function') n--;
  callback = makeCallback(arguments[n]);
  for (let i = n - 2; i < 4; i++) rest[i] = undefined;
  const args = writeArgs(fd, buffer, rest[0], rest[1], rest[2], true);
  const done = (err, written) => {
    if (err) callback(err);
    else callback(null, written, buffer);
  };
  if (args[0] === 'utf8') call(binding.writeUtf8, [fd, args[1], args[2]], done);
  else call(binding.write, [fd, args[1], args[2], args[3], args[4]], done);
}

function writevSync(fd, buffers, position) {
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  if (buffers.length === 0) return 0;
  position = typeof position === 'number' ? position : -1;
  return call(binding.writev, [fd, buffers.map(toU8), position]);
}

function writev(fd, buffers, position, callback) {
  if (typeof position === 'function') {
    callback = position;
    position = null;
  }
  fd = getValidatedFd(fd);
  validateBufferArray(buffers);
  callback = makeCallback(callback);
  if (buffers.length === 0) {
    process.nextTick(callback, null, 0, buffers);
    return;
  }
  position = typeof position === 'number' ? position : -1;
  call(binding.writev, [fd, buffers.map(toU8), position], (err, n) => {
    if (err) callback(err);
    else callback(null, n, buffers);
  });
}

// ---------------------------------------------------------------------------
// readFile / writeFile / appendFile

// The binding's result (string or ArrayBuffer) in the asked encoding.
function fileResult(data, encoding) {
  if (typeof data === 'string') return data;
  const buf = lazyBuffer().from(data);
  return encoding ? buf.toString(encoding) : buf;
}

function readFileSync(path, options) {
  options = getOptions(options, { flag: 'r' });
  const target = isFd(path) ? getValidatedFd(path) : getValidatedPath(path);
  const flags = stringToFlags(options.flag);
  const encoding = options.encoding;
  const data = call(binding.readFile, [target, flags, isUtf8(encoding)]);
  return fileResult(data, encoding);
}

function readFile(path, options, callback) {
  callback ||= options;
  validateFunction(callback, 'cb');
  options = getOptions(options, { flag: 'r' });
  const target = isFd(path) ? getValidatedFd(path) : getValidatedPath(path);
  const flags = stringToFlags(options.flag);
  const { encoding, signal } = options;
  if (checkAborted(signal, callback)) return;
  call(binding.readFile, [target, flags, isUtf8(encoding)], (err, data) => {
    if (err) return callback(err);
    if (signal?.aborted) {
      return callback(new AbortError(undefined, { cause: signal.reason }));
    }
    let result;
    try {
      result = fileResult(data, encoding);
    } catch (e) {
      return callback(e);
    }
    callback(null, result);
  });
}

function validateWriteData(data, encoding) {
  if (typeof data === 'string') {
    return isUtf8(encoding) ? data : lazyBuffer().from(data, encoding);
  }
  if (!isArrayBufferView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'],
                                   data);
  }
  return toU8(data);
}

function writeAllSync(fd, data, position) {
  if (typeof data === 'string') {
    call(binding.writeUtf8, [fd, data, position]);
    return;
  }
  let offset = 0;
  let length = data.byteLength;
  while (length > 0) {
    const n = call(binding.write, [fd, data, offset, Math.min(length, kIoMaxLength), position]);
    offset += n;
    length -= n;
    if (position >= 0) position += n;
  }
}

function writeAll(fd, data, position, signal, callback) {
  if (checkAborted(signal, callback)) return;
  if (typeof data === 'string') {
    call(binding.writeUtf8, [fd, data, position], (err) => callback(err));
    return;
  }
  let offset = 0;
  let length = data.byteLength;
  const next = () => {
    if (length === 0) return callback(null);
    if (checkAborted(signal, callback)) return;
    call(binding.write, [fd, data, offset, Math.min(length, kIoMaxLength), position],
         (err, n) => {
           if (err) return callback(err);
           offset += n;
           length -= n;
           if (position >= 0) position += n;
           next();
         });
  };
  next();
}

function writeFileSync(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  data = validateWriteData(data, options.encoding);
  const flag = options.flag || 'w';
  if (isFd(path)) {
    writeAllSync(path, data, -1);
    return;
  }
  const fd = openSync(path, flag, options.mode);
  try {
    writeAllSync(fd, data, -1);
  } finally {
    closeSync(fd);
  }
}

function writeFile(path, data, options, callback) {
  callback ||= options;
  validateFunction(callback, 'cb');
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  data = validateWriteData(data, options.encoding);
  const flag = options.flag || 'w';
  const { signal } = options;
  if (isFd(path)) {
    writeAll(path, data, -1, signal, callback);
    return;
  }
  if (checkAborted(signal, callback)) return;
  open(path, flag, options.mode, (openErr, fd) => {
    if (openErr) return callback(openErr);
    writeAll(fd, data, -1, signal, (writeErr) => {
      close(fd, (closeErr) => callback(writeErr || closeErr || null));
    });
  });
}

function appendOptions(options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  options = { ...options };
  if (!options.flag || isFd(options.flag)) options.flag = 'a';
  return options;
}

function appendFileSync(path, data, options) {
  writeFileSync(path, data, appendOptions(options));
}

function appendFile(path, data, options, callback) {
  callback ||= options;
  validateFunction(callback, 'cb');
  writeFile(path, data, appendOptions(options), callback);
}

// ---------------------------------------------------------------------------
// stat family

function statOptions(options) {
  if (options == null || typeof options === 'function') return false;
  return !!options.bigint;
}

function statSync(path, options = { bigint: false, throwIfNoEntry: true }) {
  path = getValidatedPath(path);
  const ctx = {};
  const arr = binding.stat(path, ctx);
  if (ctx.errno !== undefined) {
    if (options.throwIfNoEntry === false && ctx.code === 'ENOENT') return undefined;
    const err = new UVException(ctx);
    Error.captureStackTrace(err, statSync);
    throw err;
  }
  return getStatsFromBinding(arr, statOptions(options));
}

function lstatSync(path, options = { bigint: false, throwIfNoEntry: true }) {
  path = getValidatedPath(path);
  const ctx = {};
  const arr = binding.lstat(path, ctx);
  if (ctx.errno !== undefined) {
    if (options.throwIfNoEntry === false && ctx.code === 'ENOENT') return undefined;
    const err = new UVException(ctx);
    Error.captureStackTrace(err, lstatSync);
    throw err;
  }
  return getStatsFromBinding(arr, statOptions(options));
}

function fstatSync(fd, options = { bigint: false }) {
  fd = getValidatedFdNative(fd);
  return getStatsFromBinding(call(binding.fstat, [fd]), statOptions(options));
}

function statCall(fn, target, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  callback = makeCallback(callback);
  const bigint = statOptions(options);
  call(fn, [target], (err, arr) => {
    if (err) callback(err);
    else callback(null, getStatsFromBinding(arr, bigint));
  });
}

function stat(path, options, callback) {
  statCall(binding.stat, getValidatedPath(path), options, callback);
}

function lstat(path, options, callback) {
  statCall(binding.lstat, getValidatedPath(path), options, callback);
}

function fstat(fd, options, callback) {
  statCall(binding.fstat, getValidatedFdNative(fd), options, callback);
}

function statfsSync(path, options = { bigint: false }) {
  path = getValidatedPath(path);
  return getStatFsFromBinding(call(binding.statfs, [path]), !!options?.bigint);
}

function statfs(path, options = { bigint: false }, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  const bigint = !!options?.bigint;
  call(binding.statfs, [path], (err, arr) => {
    if (err) callback(err);
    else callback(null, getStatFsFromBinding(arr, bigint));
  });
}

// ---------------------------------------------------------------------------
// access / exists

function accessSync(path, mode) {
  path = getValidatedPath(path);
  call(binding.access, [path, getValidMode(mode, 'access')]);
}

function access(path, mode, callback) {
  if (typeof mode === 'function') {
    callback = mode;
    mode = F_OK;
  }
  path = getValidatedPath(path);
  mode = getValidMode(mode, 'access');
  call(binding.access, [path, mode], makeCallback(callback));
}

function existsSync(path) {
  try {
    path = getValidatedPath(path);
  } catch {
    return false;
  }
  return checkExists(path);
}

function checkExists(path) {
  const ctx = {};
  binding.access(path, F_OK, ctx);
  return ctx.errno === undefined;
}

function exists(path, callback) {
  validateFunction(callback, 'cb');
  try {
    path = getValidatedPath(path);
  } catch {
    process.nextTick(callback, false);
    return;
  }
  call(binding.access, [path, F_OK], (err) => callback(!err));
}

Object.defineProperty(exists, Symbol.for('nodejs.util.promisify.custom'), {
  value: function exists(path) {
    return new Promise((resolve) => module.exports.exists(path, resolve));
  },
});

// ---------------------------------------------------------------------------
// Simple path and fd calls

function simpleSync(fn, args) {
  call(fn, args);
}

function simple(fn, args, callback) {
  call(fn, args, makeCallback(callback));
}

function renameSync(oldPath, newPath) {
  simpleSync(binding.rename, [getValidatedPath(oldPath, 'oldPath'),
                              getValidatedPath(newPath, 'newPath')]);
}
function rename(oldPath, newPath, callback) {
  simple(binding.rename, [getValidatedPath(oldPath, 'oldPath'),
                          getValidatedPath(newPath, 'newPath')], callback);
}

function linkSync(existingPath, newPath) {
  simpleSync(binding.link, [getValidatedPath(existingPath, 'existingPath'),
                            getValidatedPath(newPath, 'newPath')]);
}
function link(existingPath, newPath, callback) {
  simple(binding.link, [getValidatedPath(existingPath, 'existingPath'),
                        getValidatedPath(newPath, 'newPath')], callback);
}

function symlinkFlags(type) {
  if (type == null) return 0;
  if (type === 'dir') return constants.UV_FS_SYMLINK_DIR;
  if (type === 'junction') return constants.UV_FS_SYMLINK_JUNCTION;
  if (type === 'file') return 0;
  const { codes: { ERR_FS_INVALID_SYMLINK_TYPE } } = require('internal/errors');
  throw new ERR_FS_INVALID_SYMLINK_TYPE(type);
}

function symlinkArgs(target, path, type) {
  const flags = symlinkFlags(type);
  return [getValidatedPath(target, 'target'), getValidatedPath(path), flags];
}
function symlinkSync(target, path, type) {
  simpleSync(binding.symlink, symlinkArgs(target, path, type));
}
function symlink(target, path, type, callback) {
  if (typeof type === 'function') {
    callback = type;
    type = undefined;
  }
  simple(binding.symlink, symlinkArgs(target, path, type), callback);
}

function readlinkSync(path, options) {
  options = getOptions(options);
  return encodeResult(call(binding.readlink, [getValidatedPath(path, 'oldPath')]),
                      options.encoding);
}
function readlink(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options);
  call(binding.readlink, [getValidatedPath(path, 'oldPath')], (err, res) => {
    if (err) callback(err);
    else callback(null, encodeResult(res, options.encoding));
  });
}

function unlinkSync(path) {
  simpleSync(binding.unlink, [getValidatedPath(path)]);
}
function unlink(path, callback) {
  simple(binding.unlink, [getValidatedPath(path)], callback);
}

function copyFileArgs(src, dest, mode) {
  return [getValidatedPath(src, 'src'), getValidatedPath(dest, 'dest'),
          getValidMode(mode, 'copyFile')];
}
function copyFileSync(src, dest, mode) {
  simpleSync(binding.copyFile, copyFileArgs(src, dest, mode));
}
function copyFile(src, dest, mode, callback) {
  if (typeof mode === 'function') {
    callback = mode;
    mode = 0;
  }
  simple(binding.copyFile, copyFileArgs(src, dest, mode), callback);
}

function chmodSync(path, mode) {
  simpleSync(binding.chmod, [getValidatedPath(path), parseFileMode(mode, 'mode')]);
}
function chmod(path, mode, callback) {
  path = getValidatedPath(path);
  mode = parseFileMode(mode, 'mode');
  simple(binding.chmod, [path, mode], callback);
}
function fchmodSync(fd, mode) {
  simpleSync(binding.fchmod, [getValidatedFdNative(fd), parseFileMode(mode, 'mode')]);
}
function fchmod(fd, mode, callback) {
  fd = getValidatedFdNative(fd);
  mode = parseFileMode(mode, 'mode');
  simple(binding.fchmod, [fd, mode], callback);
}

function chownSync(path, uid, gid) {
  path = getValidatedPath(path);
  validateUidGid(uid, gid);
  simpleSync(binding.chown, [path, uid, gid]);
}
function chown(path, uid, gid, callback) {
  path = getValidatedPath(path);
  validateUidGid(uid, gid);
  simple(binding.chown, [path, uid, gid], callback);
}
function lchownSync(path, uid, gid) {
  path = getValidatedPath(path);
  validateUidGid(uid, gid);
  simpleSync(binding.lchown, [path, uid, gid]);
}
function lchown(path, uid, gid, callback) {
  path = getValidatedPath(path);
  validateUidGid(uid, gid);
  simple(binding.lchown, [path, uid, gid], callback);
}
function fchownSync(fd, uid, gid) {
  fd = getValidatedFdNative(fd);
  validateUidGid(uid, gid);
  simpleSync(binding.fchown, [fd, uid, gid]);
}
function fchown(fd, uid, gid, callback) {
  fd = getValidatedFdNative(fd);
  validateUidGid(uid, gid);
  simple(binding.fchown, [fd, uid, gid], callback);
}

function timesArgs(target, atime, mtime) {
  return [target, toUnixTimestamp(atime), toUnixTimestamp(mtime)];
}
function utimesSync(path, atime, mtime) {
  simpleSync(binding.utimes, timesArgs(getValidatedPath(path), atime, mtime));
}
function utimes(path, atime, mtime, callback) {
  simple(binding.utimes, timesArgs(getValidatedPath(path), atime, mtime), callback);
}
function lutimesSync(path, atime, mtime) {
  simpleSync(binding.lutimes, timesArgs(getValidatedPath(path), atime, mtime));
}
function lutimes(path, atime, mtime, callback) {
  simple(binding.lutimes, timesArgs(getValidatedPath(path), atime, mtime), callback);
}
function futimesSync(fd, atime, mtime) {
  simpleSync(binding.futimes, timesArgs(getValidatedFdNative(fd), atime, mtime));
}
function futimes(fd, atime, mtime, callback) {
  simple(binding.futimes, timesArgs(getValidatedFdNative(fd), atime, mtime), callback);
}

function truncLen(len) {
  if (len === undefined) return 0;
  validateInteger(len, 'len');
  return Math.max(0, len);
}
function ftruncateSync(fd, len = 0) {
  simpleSync(binding.ftruncate, [getValidatedFdNative(fd), truncLen(len)]);
}
function ftruncate(fd, len = 0, callback) {
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  }
  simple(binding.ftruncate, [getValidatedFdNative(fd), truncLen(len)], callback);
}
let truncateFdWarned = false;
function warnTruncateFd() {
  if (truncateFdWarned) return;
  truncateFdWarned = true;
  process.emitWarning('Using fs.truncate with a file descriptor is deprecated. ' +
                      'Please use fs.ftruncate with a file descriptor instead.',
                      'DeprecationWarning', 'DEP0081');
}

function truncateSync(path, len) {
  if (typeof path === 'number') {
    warnTruncateFd();
    return ftruncateSync(path, len);
  }
  len = truncLen(len);
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, len);
  } finally {
    closeSync(fd);
  }
}
function truncate(path, len, callback) {
  if (typeof path === 'number') {
    warnTruncateFd();
    return ftruncate(path, len, callback);
  }
  if (typeof len === 'function') {
    callback = len;
    len = 0;
  }
  callback = makeCallback(callback);
  len = truncLen(len);
  open(path, 'r+', (err, fd) => {
    if (err) return callback(err);
    ftruncate(fd, len, (err1) => {
      close(fd, (err2) => callback(err1 || err2 || null));
    });
  });
}

function fsyncSync(fd) {
  simpleSync(binding.fsync, [getValidatedFdNative(fd)]);
}
function fsync(fd, callback) {
  simple(binding.fsync, [getValidatedFdNative(fd)], callback);
}
function fdatasyncSync(fd) {
  simpleSync(binding.fdatasync, [getValidatedFdNative(fd)]);
}
function fdatasync(fd, callback) {
  simple(binding.fdatasync, [getValidatedFdNative(fd)], callback);
}

function mkdtempArgs(prefix, options) {
  options = getOptions(options);
  prefix = getValidatedPath(prefix, 'prefix');
  return [prefix, options.encoding];
}
function mkdtempSync(prefix, options) {
  const [p, encoding] = mkdtempArgs(prefix, options);
  return encodeResult(call(binding.mkdtemp, [p]), encoding);
}
function mkdtemp(prefix, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  const [p, encoding] = mkdtempArgs(prefix, options);
  call(binding.mkdtemp, [p], (err, res) => {
    if (err) callback(err);
    else callback(null, encodeResult(res, encoding));
  });
}

// ---------------------------------------------------------------------------
// realpath

function realpathError(path, err) {
  // Node's JS realpath reports the first component lstat rejects.
  const parts = path.split('/');
  let prefix = '';
  for (let i = 1; i < parts.length; i++) {
    if (parts[i] === '') continue;
    prefix += `/${parts[i]}`;
    const ctx = {};
    binding.lstat(prefix, ctx);
    if (ctx.errno !== undefined) return new UVException(ctx);
  }
  return err;
}

function absolute(path) {
  return require('path').resolve(path);
}

// Node's JS realpath turns any path but a file URL into a string first
// (a Buffer by its UTF-8, undefined as 'undefined', a relative path).
function realpathArg(p) {
  p = toPathIfFileURL(p);
  if (typeof p !== 'string') p += '';
  return getValidatedPath(p) || '.';
}

function realpathSync(p, options) {
  options = getOptions(options);
  const path = realpathArg(p);
  const ctx = {};
  const res = binding.realpath(path, ctx);
  if (ctx.errno !== undefined) {
    const err = realpathError(absolute(path), new UVException(ctx));
    Error.captureStackTrace(err, realpathSync);
    throw err;
  }
  return encodeResult(res, options.encoding);
}

realpathSync.native = function realpathSync(path, options) {
  options = getOptions(options);
  return encodeResult(call(binding.realpath, [getValidatedPath(path)]), options.encoding);
};

function realpath(p, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options);
  const path = realpathArg(p);
  call(binding.realpath, [path], (err, res) => {
    if (err) callback(realpathError(absolute(path), err));
    else callback(null, encodeResult(res, options.encoding));
  });
}

realpath.native = function realpath(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = getOptions(options);
  call(binding.realpath, [getValidatedPath(path)], (err, res) => {
    if (err) callback(err);
    else callback(null, encodeResult(res, options.encoding));
  });
};

// ---------------------------------------------------------------------------
// mkdir

function mkdirOptions(options) {
  let mode = 0o777;
  let recursive = false;
  if (typeof options === 'number' || typeof options === 'string') {
    mode = parseFileMode(options, 'mode');
  } else if (options) {
    if (options.recursive !== undefined) {
      recursive = options.recursive;
      validateBoolean(recursive, 'options.recursive');
    }
    if (options.mode !== undefined) mode = parseFileMode(options.mode, 'mode');
  }
  return { mode, recursive };
}

function isDirSync(path) {
  const ctx = {};
  const st = binding.stat(path, ctx);
  return ctx.errno === undefined && (st[1] & constants.S_IFMT) === constants.S_IFDIR;
}

// mkdir -p: returns the first directory created, undefined if none was.
function mkdirpSync(path, mode) {
  const ctx = {};
  binding.mkdir(path, mode, ctx);
  if (ctx.errno === undefined) return path;
  if (ctx.code === 'EEXIST' || ctx.code === 'EISDIR') {
    if (isDirSync(path)) return undefined;
    throw new UVException(ctx);
  }
  if (ctx.code !== 'ENOENT') throw new UVException(ctx);
  const parent = require('path').dirname(path);
  if (parent === path) throw new UVException(ctx);
  const first = mkdirpSync(parent, mode);
  const ctx2 = {};
  binding.mkdir(path, mode, ctx2);
  if (ctx2.errno !== undefined) {
    if (ctx2.code === 'EEXIST' && isDirSync(path)) return first;
    throw new UVException(ctx2);
  }
  return first ?? path;
}

function mkdirp(path, mode, callback) {
  binding.mkdir(path, mode, (err) => {
    if (err === null) return callback(null, path);
    if (err.code === 'EEXIST' || err.code === 'EISDIR') {
      return binding.stat(path, (err2, st) => {
        if (err2 === null && (st[1] & constants.S_IFMT) === constants.S_IFDIR) {
          return callback(null, undefined);
        }
        callback(new UVException(err));
      });
    }
    if (err.code !== 'ENOENT') return callback(new UVException(err));
    const parent = require('path').dirname(path);
    if (parent === path) return callback(new UVException(err));
    mkdirp(parent, mode, (perr, first) => {
      if (perr) return callback(perr);
      binding.mkdir(path, mode, (err3) => {
        if (err3 === null) return callback(null, first ?? path);
        if (err3.code === 'EEXIST') return callback(null, first);
        callback(new UVException(err3));
      });
    });
  });
}

function mkdirSync(path, options) {
  const { mode, recursive } = mkdirOptions(options);
  path = getValidatedPath(path);
  if (recursive) return mkdirpSync(path, mode);
  call(binding.mkdir, [path, mode]);
}

function mkdir(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  const { mode, recursive } = mkdirOptions(options);
  path = getValidatedPath(path);
  callback = makeCallback(callback);
  if (recursive) {
    mkdirp(path, mode, callback);
    return;
  }
  call(binding.mkdir, [path, mode], (err) => callback(err));
}

// ---------------------------------------------------------------------------
// readdir

function readdirOptions(options) {
  options = getOptions(options);
  return {
    encoding: options.encoding,
    withFileTypes: !!options.withFileTypes,
    recursive: !!options.recursive,
  };
}

function entriesResult(dir, names, types, options, relative = '') {
  const out = [];
  for (let i = 0; i < names.length; i++) {
    if (options.withFileTypes) {
      out.push(direntWithLstat(names[i], types[i], dir));
    } else {
      out.push(encodeResult(relative ? `${relative}/${names[i]}` : names[i], options.encoding));
    }
  }
  return out;
}

function readdirSync(path, options) {
  options = readdirOptions(options);
  path = getValidatedPath(path);
  if (!options.recursive) {
    const [names, types] = call(binding.scandir, [path]);
    return entriesResult(path, names, types, options);
  }
  const result = [];
  const queue = [''];
  for (let q = 0; q < queue.length; q++) {
    const rel = queue[q];
    const dir = rel ? `${path}/${rel}` : path;
    const [names, types] = call(binding.scandir, [dir]);
    result.push(...entriesResult(dir, names, types, options, rel));
    for (let i = 0; i < names.length; i++) {
      let type = types[i];
      if (type === constants.UV_DIRENT_UNKNOWN) {
        type = direntWithLstat(names[i], type, dir).isDirectory() ?
          constants.UV_DIRENT_DIR : type;
      }
      if (type === constants.UV_DIRENT_DIR) queue.push(rel ? `${rel}/${names[i]}` : names[i]);
    }
  }
  return result;
}

function readdir(path, options, callback) {
  callback = makeCallback(typeof options === 'function' ? options : callback);
  options = readdirOptions(options);
  path = getValidatedPath(path);
  if (!options.recursive) {
    call(binding.scandir, [path], (err, res) => {
      if (err) return callback(err);
      let out;
      try {
        out = entriesResult(path, res[0], res[1], options);
      } catch (e) {
        return callback(e);
      }
      callback(null, out);
    });
    return;
  }
  const result = [];
  const queue = [''];
  let q = 0;
  const next = () => {
    if (q === queue.length) return callback(null, result);
    const rel = queue[q++];
    const dir = rel ? `${path}/${rel}` : path;
    call(binding.scandir, [dir], (err, res) => {
      if (err) return callback(err);
      const [names, types] = res;
      result.push(...entriesResult(dir, names, types, options, rel));
      for (let i = 0; i < names.length; i++) {
        let type = types[i];
        if (type === constants.UV_DIRENT_UNKNOWN &&
            direntWithLstat(names[i], type, dir).isDirectory()) {
          type = constants.UV_DIRENT_DIR;
        }
        if (type === constants.UV_DIRENT_DIR) queue.push(rel ? `${rel}/${names[i]}` : names[i]);
      }
      next();
    });
  };
  next();
}

// ---------------------------------------------------------------------------
// rm / rmdir

function rmdirSync(path, options) {
  path = getValidatedPath(path);
  if (options?.recursive) {
    lazyInternal('rimraf').emitRecursiveRmdirWarning();
    const opts = lazyInternal('rimraf').validateRmdirOptions(options);
    const ctx = {};
    binding.lstat(path, ctx);
    if (ctx.errno !== undefined) throw new UVException(ctx);
    return lazyInternal('rimraf').rimrafSync(path, opts);
  }
  call(binding.rmdir, [path]);
}

function rmdir(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  if (options?.recursive) {
    const rimraf = lazyInternal('rimraf');
    rimraf.emitRecursiveRmdirWarning();
    const opts = rimraf.validateRmdirOptions(options);
    binding.lstat(path, (err) => {
      if (err) return callback(new UVException(err));
      rimraf.rimraf(path, opts, callback);
    });
    return;
  }
  call(binding.rmdir, [path], (err) => callback(err));
}

function rmSync(path, options) {
  path = getValidatedPath(path);
  const rimraf = lazyInternal('rimraf');
  options = rimraf.validateRmOptionsSync(path, options, false);
  return rimraf.rimrafSync(path, options);
}

function rm(path, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  path = getValidatedPath(path);
  const rimraf = lazyInternal('rimraf');
  rimraf.validateRmOptions(path, options, false, (err, opts) => {
    if (err) return callback(err);
    rimraf.rimraf(path, opts, callback);
  });
}

// ---------------------------------------------------------------------------
// cp, opendir, watch, streams (in their own modules)

function cpSync(src, dest, options) {
  return lazyInternal('cp').cpSync(src, dest, options);
}

function cp(src, dest, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  callback = makeCallback(callback);
  lazyInternal('cp').cp(src, dest, options).then(() => callback(null), callback);
}

function opendirSync(path, options) {
  return lazyInternal('dir').opendirSync(path, options);
}

function opendir(path, options, callback) {
  return lazyInternal('dir').opendir(path, options, callback);
}

function watch(filename, options, listener) {
  return lazyInternal('watchers').watch(filename, options, listener);
}

function watchFile(filename, options, listener) {
  return lazyInternal('watchers').watchFile(filename, options, listener);
}

function unwatchFile(filename, listener) {
  return lazyInternal('watchers').unwatchFile(filename, listener);
}

// ---------------------------------------------------------------------------
// streams (internal/fs/streams, loaded with the stream module on first use)

function createReadStream(path, options) {
  return lazyInternal('streams').createReadStream(path, options);
}

function createWriteStream(path, options) {
  return lazyInternal('streams').createWriteStream(path, options);
}

let promises;

module.exports = {
  appendFile,
  appendFileSync,
  access,
  accessSync,
  chown,
  chownSync,
  chmod,
  chmodSync,
  close,
  closeSync,
  copyFile,
  copyFileSync,
  cp,
  createReadStream,
  createWriteStream,
  cpSync,
  exists,
  existsSync,
  fchown,
  fchownSync,
  fchmod,
  fchmodSync,
  fdatasync,
  fdatasyncSync,
  fstat,
  fstatSync,
  fsync,
  fsyncSync,
  ftruncate,
  ftruncateSync,
  futimes,
  futimesSync,
  lchown,
  lchownSync,
  link,
  linkSync,
  lstat,
  lstatSync,
  lutimes,
  lutimesSync,
  mkdir,
  mkdirSync,
  mkdtemp,
  mkdtempSync,
  open,
  openSync,
  opendir,
  opendirSync,
  readdir,
  readdirSync,
  read,
  readSync,
  readv,
  readvSync,
  readFile,
  readFileSync,
  readlink,
  readlinkSync,
  realpath,
  realpathSync,
  rename,
  renameSync,
  rm,
  rmSync,
  rmdir,
  rmdirSync,
  stat,
  statSync,
  statfs,
  statfsSync,
  symlink,
  symlinkSync,
  truncate,
  truncateSync,
  unwatchFile,
  unlink,
  unlinkSync,
  utimes,
  utimesSync,
  watch,
  watchFile,
  writeFile,
  writeFileSync,
  write,
  writeSync,
  writev,
  writevSync,
  Dirent,
  Stats,
  get Dir() {
    return lazyInternal('dir').Dir;
  },
  F_OK,
  R_OK,
  W_OK,
  X_OK,
  constants,
};

function lazyStreamClass(name) {
  return {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return lazyInternal('streams')[name];
    },
    set(value) {
      Object.defineProperty(module.exports, name, { __proto__: null, value, writable: true, configurable: true, enumerable: true });
    },
  };
}

Object.defineProperties(module.exports, {
  ReadStream: lazyStreamClass('ReadStream'),
  WriteStream: lazyStreamClass('WriteStream'),
  FileReadStream: lazyStreamClass('ReadStream'),
  FileWriteStream: lazyStreamClass('WriteStream'),
  promises: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      promises ??= require('internal/fs/promises').exports;
      return promises;
    },
  },
});
