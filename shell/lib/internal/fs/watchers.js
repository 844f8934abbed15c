'use strict';
// fs.watch (FSWatcher over uv_fs_event: inotify) and fs.watchFile /
// unwatchFile (StatWatcher over uv_fs_poll).

const EventEmitter = require('events');
const {
  codes: { ERR_FEATURE_UNAVAILABLE_ON_PLATFORM },
  AbortError,
  UVException,
} = require('internal/errors');
const {
  binding,
  getOptions,
  getValidatedPath,
  getStatsFromBinding,
  encodeResult,
  validateAbortSignal,
  validateBoolean,
  validateFunction,
} = require('internal/fs/utils');

const kHandle = Symbol('kFSWatcherHandle');
const kOldStatus = Symbol('kOldStatus');

class FSWatcher extends EventEmitter {
  constructor() {
    super();
    this[kHandle] = null;
  }

  // Starts watching; throws Node's error (with `filename`) on failure.
  start(filename, persistent, encoding) {
    const onchange = (status, eventType, name) => {
      if (this[kHandle] === null) return;
      if (status < 0) {
        const err = new UVException({ errno: status, syscall: 'watch', path: filename });
        err.filename = filename;
        this.emit('error', err);
        this.close();
        return;
      }
      this.emit('change', eventType, name === null ? null : encodeResult(name, encoding));
    };
    const ctx = {};
    const handle = binding.watch(filename, onchange, ctx);
    if (ctx.errno !== undefined) {
      const err = new UVException({ errno: ctx.errno, syscall: 'watch', code: ctx.code,
                                    path: filename });
      err.filename = filename;
      throw err;
    }
    this[kHandle] = handle;
    if (!persistent) handle.setRef(false);
  }

  close() {
    if (this[kHandle] === null) return;
    this[kHandle].close();
    this[kHandle] = null;
    process.nextTick(() => this.emit('close'));
  }

  ref() {
    this[kHandle]?.setRef(true);
    return this;
  }

  unref() {
    this[kHandle]?.setRef(false);
    return this;
  }
}

function watch(filename, options, listener) {
  if (typeof options === 'function') {
    listener = options;
    options = undefined;
  }
  options = getOptions(options);
  const persistent = options.persistent ?? true;
  const recursive = options.recursive ?? false;
  validateBoolean(persistent, 'options.persistent');
  validateBoolean(recursive, 'options.recursive');
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  if (recursive) {
    throw new ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('watch recursively');
  }
  const path = getValidatedPath(filename, 'filename');
  const watcher = new FSWatcher();
  watcher.start(path, persistent, options.encoding);
  if (listener) watcher.addListener('change', listener);
  const { signal } = options;
  if (signal) {
    if (signal.aborted) process.nextTick(() => watcher.close());
    else signal.addEventListener('abort', () => watcher.close(), { once: true });
  }
  return watcher;
}

class StatWatcher extends EventEmitter {
  constructor(bigint) {
    super();
    this[kHandle] = null;
    this[kOldStatus] = -1;
    this._bigint = bigint;
  }

  start(path, persistent, interval) {
    if (this[kHandle] !== null) return;
    const onchange = (status, curr, prev) => {
      if (this[kHandle] === null) return;
      // Only the first of a run of failures is reported, as in Node.
      if (status < 0 && this[kOldStatus] < 0 && this[kOldStatus] !== -1) return;
      this[kOldStatus] = status;
      this.emit('change', getStatsFromBinding(curr, this._bigint),
                getStatsFromBinding(prev, this._bigint));
    };
    this[kHandle] = binding.watchFile(path, interval, onchange);
    if (!persistent) this[kHandle].setRef(false);
  }

  stop() {
    if (this[kHandle] === null) return;
    this[kHandle].close();
    this[kHandle] = null;
    process.nextTick(() => this.emit('stop'));
  }

  ref() {
    this[kHandle]?.setRef(true);
    return this;
  }

  unref() {
    this[kHandle]?.setRef(false);
    return this;
  }
}

// One StatWatcher per resolved path, shared by its listeners (Node's map).
const statWatchers = new Map();

function watchFile(filename, options, listener) {
  filename = require('path').resolve(getValidatedPath(filename, 'filename'));
  let defaults = { interval: 5007, persistent: true, bigint: false };
  if (options !== null && typeof options === 'object') {
    defaults = { ...defaults, ...options };
  } else {
    listener = options;
  }
  validateFunction(listener, 'listener');
  let stat = statWatchers.get(filename);
  if (stat === undefined) {
    stat = new StatWatcher(defaults.bigint);
    stat.start(filename, defaults.persistent, defaults.interval);
    statWatchers.set(filename, stat);
  }
  stat.addListener('change', listener);
  return stat;
}

function unwatchFile(filename, listener) {
  filename = require('path').resolve(getValidatedPath(filename, 'filename'));
  const stat = statWatchers.get(filename);
  if (stat === undefined) return;
  if (typeof listener === 'function') stat.removeListener('change', listener);
  else stat.removeAllListeners('change');
  if (stat.listenerCount('change') === 0) {
    stat.stop();
    statWatchers.delete(filename);
  }
}

module.exports = { FSWatcher, StatWatcher, watch, watchFile, unwatchFile, AbortError };
