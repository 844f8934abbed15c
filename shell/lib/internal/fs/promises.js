'use strict';
// fs/promises: the promise API and FileHandle, over the same binding calls
// as fs (each one a threadpool request resolved from its completion).

const EventEmitter = require('events');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_METHOD_NOT_IMPLEMENTED },
  AbortError,
  UVException,
} = require('internal/errors');
const {
  binding,
  constants,
  kIoMaxLength,
  lazyBuffer,
  callAsync,
  getValidatedPath,
  getValidatedFd,
  isFd,
  stringToFlags,
  parseFileMode,
  validateOffsetLengthRead,
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
  getStatsFromBinding,
  getStatFsFromBinding,
  validateInteger,
  validateObject,
  validateAbortSignal,
} = require('internal/fs/utils');

const kFd = Symbol('kFd');
const kClosePromise = Symbol('kClosePromise');
const kRefs = Symbol('kRefs');

function lazyFs() {
  return require('fs');
}

function checkAborted(signal) {
  if (signal?.aborted) throw new AbortError(undefined, { cause: signal.reason });
}

function closedError(syscall) {
  const err = new Error('file closed');
  err.code = 'EBADF';
  err.syscall = syscall;
  return err;
}

class FileHandle extends EventEmitter {
  constructor(fd) {
    super();
    this[kFd] = fd;
    this[kRefs] = 1;
    this[kClosePromise] = null;
  }

  get fd() {
    return this[kFd];
  }

  getAsyncId() {
    return -1;
  }

  #fd(syscall) {
    if (this[kFd] === -1) throw closedError(syscall);
    return this[kFd];
  }

  async appendFile(data, options) {
    options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
    return writeFileHandle(this, data, options);
  }

  async chmod(mode) {
    const fd = this.#fd('fchmod');
    return callAsync(binding.fchmod, [fd, parseFileMode(mode, 'mode')]);
  }

  async chown(uid, gid) {
    const fd = this.#fd('fchown');
    validateUidGid(uid, gid);
    return callAsync(binding.fchown, [fd, uid, gid]);
  }

  async datasync() {
    return callAsync(binding.fdatasync, [this.#fd('fdatasync')]);
  }

  async sync() {
    return callAsync(binding.fsync, [this.#fd('fsync')]);
  }

  async read(buffer, offset, length, position) {
    const fd = this.#fd('read');
    if (!isArrayBufferView(buffer)) {
      // read() / read(options)
      const options = buffer ?? {};
      validateObject(options, 'options', { nullable: true });
      ({ buffer = lazyBuffer().alloc(16384), offset = 0, length, position = null } = options);
      length ??= buffer.byteLength - offset;
    } else if (offset !== null && typeof offset === 'object') {
      ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset);
    }
    if (!isArrayBufferView(buffer)) {
      throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
    }
    if (offset == null) offset = 0;
    else validateInteger(offset, 'offset', 0);
    length ??= buffer.byteLength - offset;
    if (length === 0) return { __proto__: null, bytesRead: 0, buffer };
    validateOffsetLengthRead(offset, length, buffer.byteLength);
    // Node's FileHandle.read takes any other position as the current one.
    if (typeof position !== 'number' && typeof position !== 'bigint') position = null;
    position = validatePosition(position, 'position', length);
    const bytesRead = await callAsync(binding.read, [fd, toU8(buffer), offset, length, position]);
    return { __proto__: null, bytesRead, buffer };
  }

  async readv(buffers, position) {
    const fd = this.#fd('readv');
    validateBufferArray(buffers);
    const bytesRead = await callAsync(binding.readv, [fd, buffers.map(toU8),
      typeof position === 'number' ? position : -1]);
    return { __proto__: null, bytesRead, buffers };
  }

  async readFile(options) {
    const fd = this.#fd('readFile');
    options = getOptions(options, { flag: 'r' });
    checkAborted(options.signal);
    const data = await callAsync(binding.readFile, [fd, 0, isUtf8(options.encoding)]);
    checkAborted(options.signal);
    return fileResult(data, options.encoding);
  }

  async stat(options = { bigint: false }) {
    const arr = await callAsync(binding.fstat, [this.#fd('fstat')]);
    return getStatsFromBinding(arr, !!options?.bigint);
  }

  async truncate(len = 0) {
    const fd = this.#fd('ftruncate');
    validateInteger(len, 'len');
    return callAsync(binding.ftruncate, [fd, Math.max(0, len)]);
  }

  async utimes(atime, mtime) {
    const fd = this.#fd('futimes');
    return callAsync(binding.futimes, [fd, toUnixTimestamp(atime), toUnixTimestamp(mtime)]);
  }

  async write(buffer, offsetOrOptions, length, position) {
    const fd = this.#fd('write');
    if (buffer?.byteLength === 0) return { __proto__: null, bytesWritten: 0, buffer };
    if (isArrayBufferView(buffer)) {
      let offset = offsetOrOptions;
      if (offset != null && typeof offset === 'object') {
        ({ offset = 0, length = buffer.byteLength - offset, position = null } = offset);
      }
      if (offset == null) offset = 0;
      else validateInteger(offset, 'offset', 0);
      if (typeof length !== 'number') length = buffer.byteLength - offset;
      if (typeof position !== 'number') position = -1;
      require('internal/fs/utils').validateOffsetLengthWrite(offset, length, buffer.byteLength);
      const bytesWritten = await callAsync(binding.write,
                                           [fd, toU8(buffer), offset, length, position]);
      return { __proto__: null, bytesWritten, buffer };
    }
    if (typeof buffer !== 'string') {
      throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'],
                                     buffer);
    }
    const pos = typeof offsetOrOptions === 'number' ? offsetOrOptions : -1;
    const encoding = writeEncoding(buffer, length);
    if (isUtf8(encoding)) {
      const bytesWritten = await callAsync(binding.writeUtf8, [fd, buffer, pos]);
      return { __proto__: null, bytesWritten, buffer };
    }
    const bytes = lazyBuffer().from(buffer, encoding);
    const bytesWritten = await callAsync(binding.write, [fd, bytes, 0, bytes.length, pos]);
    return { __proto__: null, bytesWritten, buffer };
  }

  async writev(buffers, position) {
    const fd = this.#fd('writev');
    validateBufferArray(buffers);
    if (buffers.length === 0) return { __proto__: null, bytesWritten: 0, buffers };
    const bytesWritten = await callAsync(binding.writev, [fd, buffers.map(toU8),
      typeof position === 'number' ? position : -1]);
    return { __proto__: null, bytesWritten, buffers };
  }

  async writeFile(data, options) {
    options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
    return writeFileHandle(this, data, options);
  }

  close() {
    if (this[kFd] === -1) return Promise.resolve();
    if (this[kClosePromise]) return this[kClosePromise];
    const fd = this[kFd];
    this[kClosePromise] = callAsync(binding.close, [fd]).then(() => {
      this[kFd] = -1;
      this[kClosePromise] = null;
      this.emit('close');
    }, (err) => {
      this[kClosePromise] = null;
      throw err;
    });
    return this[kClosePromise];
  }

  async [Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose')]() {
    return this.close();
  }

  readLines(options) {
    const readline = require('readline');
    return readline.createInterface({ input: this.createReadStream(options), crlfDelay: Infinity });
  }

  createReadStream(options = undefined) {
    return lazyFs().createReadStream(undefined, { ...options, fd: this });
  }

  createWriteStream(options = undefined) {
    return lazyFs().createWriteStream(undefined, { ...options, fd: this });
  }
}

function fileResult(data, encoding) {
  if (typeof data === 'string') return data;
  const buf = lazyBuffer().from(data);
  return encoding ? buf.toString(encoding) : buf;
}

function isIterable(obj) {
  return obj != null && (typeof obj[Symbol.iterator] === 'function' ||
                         typeof obj[Symbol.asyncIterator] === 'function');
}

// data -> string (UTF-8, written by the binding directly) or Uint8Array.
function writeData(data, encoding) {
  if (typeof data === 'string') {
    return isUtf8(encoding) ? data : lazyBuffer().from(data, encoding);
  }
  if (isArrayBufferView(data)) return toU8(data);
  throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

async function writeAll(fd, data, signal) {
  checkAborted(signal);
  if (typeof data === 'string') {
    await callAsync(binding.writeUtf8, [fd, data, -1]);
    return;
  }
  let offset = 0;
  let remaining = data.byteLength;
  while (remaining > 0) {
    const n = await callAsync(binding.write,
                              [fd, data, offset, Math.min(remaining, kIoMaxLength), -1]);
    offset += n;
    remaining -= n;
    checkAborted(signal);
  }
}

async function writeIterable(fd, iterable, encoding, signal) {
  for await (const chunk of iterable) {
    checkAborted(signal);
    const data = typeof chunk === 'string' || isArrayBufferView(chunk) ?
      writeData(chunk, encoding) : toU8(lazyBuffer().from(chunk, encoding));
    await writeAll(fd, data, signal);
  }
}

async function writeFileHandle(handle, data, options) {
  const fd = handle.fd;
  if (fd === -1) throw closedError('writeFile');
  if (!isArrayBufferView(data) && typeof data !== 'string' && isIterable(data)) {
    return writeIterable(fd, data, options.encoding, options.signal);
  }
  return writeAll(fd, writeData(data, options.encoding), options.signal);
}

// ---------------------------------------------------------------------------
// The module functions

async function open(path, flags, mode) {
  path = getValidatedPath(path);
  const flagsNumber = stringToFlags(flags);
  mode = parseFileMode(mode, 'mode', 0o666);
  return new FileHandle(await callAsync(binding.open, [path, flagsNumber, mode]));
}

async function access(path, mode = constants.F_OK) {
  path = getValidatedPath(path);
  return callAsync(binding.access, [path, getValidMode(mode, 'access')]);
}

async function copyFile(src, dest, mode) {
  return callAsync(binding.copyFile, [getValidatedPath(src, 'src'),
    getValidatedPath(dest, 'dest'), getValidMode(mode, 'copyFile')]);
}

async function cp(src, dest, options) {
  return require('internal/fs/cp').cp(src, dest, options);
}

async function opendir(path, options) {
  return new Promise((resolve, reject) => {
    require('internal/fs/dir').opendir(path, options, (err, dir) =>
      (err ? reject(err) : resolve(dir)));
  });
}

async function rename(oldPath, newPath) {
  return callAsync(binding.rename, [getValidatedPath(oldPath, 'oldPath'),
                                    getValidatedPath(newPath, 'newPath')]);
}

async function truncate(path, len = 0) {
  const fd = await open(path, 'r+');
  try {
    await fd.truncate(len);
  } finally {
    await fd.close();
  }
}

// The promise form of a callback API. A function passed as an option is
// just a bad option here, never the callback, as it is for Node's.
function promisifyFs(name) {
  return (...args) => new Promise((resolve, reject) => {
    for (let i = 1; i < args.length; i++) {
      if (typeof args[i] === 'function') args[i] = undefined;
    }
    lazyFs()[name](...args, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function rm(path, options) {
  path = getValidatedPath(path);
  const rimraf = require('internal/fs/rimraf');
  return new Promise((resolve, reject) => {
    rimraf.validateRmOptions(path, options, false, (err, opts) => {
      if (err) return reject(err);
      rimraf.rimraf(path, opts, (e) => (e ? reject(e) : resolve()));
    });
  });
}

const rmdir = promisifyFs('rmdir');
const mkdir = promisifyFs('mkdir');
const readdir = promisifyFs('readdir');
// Node's promise realpath is the native one (the errors name realpath).
async function realpath(path, options) {
  options = getOptions(options);
  const res = await callAsync(binding.realpath, [getValidatedPath(path)]);
  return encodeResult(res, options.encoding);
}
const mkdtemp = promisifyFs('mkdtemp');

async function readlink(path, options) {
  options = getOptions(options);
  const res = await callAsync(binding.readlink, [getValidatedPath(path, 'oldPath')]);
  return encodeResult(res, options.encoding);
}

async function symlink(target, path, type) {
  return promisifyFs('symlink')(target, path, type);
}

async function statCall(fn, target, options) {
  const arr = await callAsync(fn, [target]);
  return getStatsFromBinding(arr, !!options?.bigint);
}

async function stat(path, options = { bigint: false }) {
  return statCall(binding.stat, getValidatedPath(path), options);
}

async function lstat(path, options = { bigint: false }) {
  return statCall(binding.lstat, getValidatedPath(path), options);
}

async function statfs(path, options = { bigint: false }) {
  const arr = await callAsync(binding.statfs, [getValidatedPath(path)]);
  return getStatFsFromBinding(arr, !!options?.bigint);
}

async function link(existingPath, newPath) {
  return callAsync(binding.link, [getValidatedPath(existingPath, 'existingPath'),
                                  getValidatedPath(newPath, 'newPath')]);
}

async function unlink(path) {
  return callAsync(binding.unlink, [getValidatedPath(path)]);
}

async function chmod(path, mode) {
  path = getValidatedPath(path);
  return callAsync(binding.chmod, [path, parseFileMode(mode, 'mode')]);
}

async function lchmod(path, mode) {
  throw new ERR_METHOD_NOT_IMPLEMENTED('lchmod()');
}

async function chown(path, uid, gid) {
  path = getValidatedPath(path);
  validateUidGid(uid, gid);
  return callAsync(binding.chown, [path, uid, gid]);
}

async function lchown(path, uid, gid) {
  path = getValidatedPath(path);
  validateUidGid(uid, gid);
  return callAsync(binding.lchown, [path, uid, gid]);
}

async function utimes(path, atime, mtime) {
  path = getValidatedPath(path);
  return callAsync(binding.utimes, [path, toUnixTimestamp(atime), toUnixTimestamp(mtime)]);
}

async function lutimes(path, atime, mtime) {
  path = getValidatedPath(path);
  return callAsync(binding.lutimes, [path, toUnixTimestamp(atime), toUnixTimestamp(mtime)]);
}

// fs/promises takes a non-negative int32 as a file descriptor; any other
// number is a bad path.
function isPromiseFd(path) {
  return isFd(path) && path >= 0;
}

async function readFile(path, options) {
  options = getOptions(options, { flag: 'r' });
  const flags = stringToFlags(options.flag);
  const { encoding, signal } = options;
  if (path instanceof FileHandle) return path.readFile(options);
  const target = isPromiseFd(path) ? path : getValidatedPath(path);
  checkAborted(signal);
  const data = await callAsync(binding.readFile, [target, flags, isUtf8(encoding)]);
  checkAborted(signal);
  return fileResult(data, encoding);
}

async function writeFile(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'w' });
  const flag = options.flag || 'w';
  const iterable = !isArrayBufferView(data) && typeof data !== 'string' && isIterable(data);
  if (!iterable) data = writeData(data, options.encoding);
  if (path instanceof FileHandle) return writeFileHandle(path, data, options);
  if (isPromiseFd(path)) {
    return writeFileHandle({ fd: path }, data, options);
  }
  checkAborted(options.signal);
  const fd = await open(path, flag, options.mode);
  try {
    await writeFileHandle(fd, data, options);
  } finally {
    await fd.close();
  }
}

async function appendFile(path, data, options) {
  options = getOptions(options, { encoding: 'utf8', mode: 0o666, flag: 'a' });
  options = { ...options };
  options.flag ||= 'a';
  return writeFile(path, data, options);
}

async function* watch(filename, options = {}) {
  const { watch: fsWatch } = require('internal/fs/watchers');
  validateObject(options, 'options');
  const { signal, ...rest } = options;
  if (signal !== undefined) validateAbortSignal(signal, 'options.signal');
  checkAborted(signal);
  const queue = [];
  let wake = null;
  let error = null;
  let closed = false;
  const watcher = fsWatch(filename, rest, (eventType, name) => {
    queue.push({ eventType, filename: name });
    if (wake) wake();
  });
  watcher.on('error', (err) => {
    error = err;
    if (wake) wake();
  });
  const onAbort = () => {
    closed = true;
    if (wake) wake();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (true) {
      while (queue.length > 0) yield queue.shift();
      if (error) throw error;
      if (closed) throw new AbortError(undefined, { cause: signal?.reason });
      await new Promise((resolve) => { wake = resolve; });
      wake = null;
    }
  } finally {
    watcher.close();
    signal?.removeEventListener('abort', onAbort);
  }
}

module.exports = {
  exports: {
    access,
    copyFile,
    cp,
    open,
    opendir,
    rename,
    truncate,
    rm,
    rmdir,
    mkdir,
    readdir,
    readlink,
    symlink,
    lstat,
    stat,
    statfs,
    link,
    unlink,
    chmod,
    lchmod,
    lchown,
    chown,
    utimes,
    lutimes,
    realpath,
    mkdtemp,
    writeFile,
    appendFile,
    readFile,
    watch,
    constants,
  },
  FileHandle,
};
