'use strict';
// fs.watch (FSWatcher over uv_fs_event: inotify; recursive watching puts
// one watch on every directory of the tree) and fs.watchFile / unwatchFile
// (StatWatcher over uv_fs_poll).

const EventEmitter = require('events');
const {
  AbortError,
  UVException,
} = require('internal/errors');
const {
  binding,
  constants,
  getOptions,
  getValidatedPath,
  getStatsFromBinding,
  encodeResult,
  validateAbortSignal,
  validateBoolean,
  validateFunction,
} = require('internal/fs/utils');

const kHandle = Symbol('kFSWatcherHandle');
const kTree = Symbol('kFSWatcherTree');
const kOldStatus = Symbol('kOldStatus');

function watchError(ctx, path) {
  const err = new UVException({ errno: ctx.errno, syscall: ctx.syscall ?? 'watch',
                                code: ctx.code, path });
  err.filename = path;
  return err;
}

// lstat mode of `path`, or undefined when it cannot be read.
function lstatMode(path) {
  const ctx = {};
  const st = binding.lstat(path, ctx);
  return ctx.errno === undefined ? st[1] : undefined;
}

function joinPath(dir, name) {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

function isDirMode(mode) {
  return mode !== undefined && (mode & constants.S_IFMT) === constants.S_IFDIR;
}

class FSWatcher extends EventEmitter {
  constructor() {
    super();
    this[kHandle] = null;
    this[kTree] = null;
  }

  // Starts watching; throws Node's error (with `filename`) on failure.
  start(filename, persistent, encoding) {
    const onchange = (status, eventType, name) => {
      if (this[kHandle] === null) return;
      if (status < 0) {
        this.#fail(status, filename);
        return;
      }
      this.emit('change', eventType, name === null ? null : encodeResult(name, encoding));
    };
    const ctx = {};
    const handle = binding.watch(filename, onchange, ctx);
    if (ctx.errno !== undefined) throw watchError(ctx, filename);
    this[kHandle] = handle;
    if (!persistent) handle.setRef(false);
  }

  // Watches the directory `root` and every directory below it (symbolic
  // links are not followed); names are reported relative to `root`.
  // Directories created later are added, removed ones dropped.
  startRecursive(root, persistent, encoding) {
    const ctx = {};
    const st = binding.stat(root, ctx);
    if (ctx.errno !== undefined) throw watchError(ctx, root);
    if (!isDirMode(st[1])) {
      this.start(root, persistent, encoding);
      return;
    }
    const base = require('path').resolve(root);
    this[kTree] = { base, persistent, encoding, dirs: new Map() };
    this.#watchDir(base, root);
    this.#scan(base, false);
  }

  #fail(status, filename) {
    const err = new UVException({ errno: status, syscall: 'watch', path: filename });
    err.filename = filename;
    this.emit('error', err);
    this.close();
  }

  // Adds a watch on `dir`; `root` (the path the user gave) when it is the
  // top, whose failure throws. A directory that vanished or cannot be read
  // is skipped; other failures (the inotify limit) are reported as 'error'.
  #watchDir(dir, root) {
    const tree = this[kTree];
    const ctx = {};
    const handle = binding.watch(dir, (status, eventType, name) => {
      this.#onEvent(dir, status, eventType, name);
    }, ctx);
    if (ctx.errno !== undefined) {
      if (root !== undefined) throw watchError(ctx, root);
      if (ctx.code !== 'ENOENT' && ctx.code !== 'ENOTDIR' && ctx.code !== 'EACCES') {
        const err = watchError(ctx, dir);
        process.nextTick(() => {
          if (this[kTree] === null) return;
          this.emit('error', err);
          this.close();
        });
      }
      return false;
    }
    if (!tree.persistent) handle.setRef(false);
    tree.dirs.set(dir, handle);
    return true;
  }

  // Watches the directories under `dir`; with `emit`, reports each entry
  // found as a 'rename' (they appeared before their directory was watched).
  #scan(dir, emit) {
    const tree = this[kTree];
    const ctx = {};
    const res = binding.scandir(dir, ctx);
    if (ctx.errno !== undefined) return;
    const [names, types] = res;
    for (let i = 0; i < names.length; i++) {
      if (this[kTree] !== tree) return;
      const full = joinPath(dir, names[i]);
      if (emit) this.#emit('rename', full);
      let isDir = types[i] === constants.UV_DIRENT_DIR;
      if (types[i] === constants.UV_DIRENT_UNKNOWN) isDir = isDirMode(lstatMode(full));
      if (isDir && !tree.dirs.has(full) && this.#watchDir(full)) this.#scan(full, emit);
    }
  }

  #emit(eventType, full) {
    const tree = this[kTree];
    const rel = full.slice(tree.base === '/' ? 1 : tree.base.length + 1);
    this.emit('change', eventType, encodeResult(rel, tree.encoding));
  }

  #onEvent(dir, status, eventType, name) {
    const tree = this[kTree];
    if (tree === null || !tree.dirs.has(dir)) return;
    if (status < 0) {
      this.#fail(status, dir);
      return;
    }
    if (name === null) return;
    const full = joinPath(dir, name);
    // A directory's own events carry its base name; its parent reports
    // them (the top's own are passed on, as a plain watch does).
    let mode;
    if (dir !== tree.base && name === dir.slice(dir.lastIndexOf('/') + 1)) {
      mode = lstatMode(full);
      if (mode === undefined) return;
    }
    if (eventType === 'rename') {
      mode ??= lstatMode(full);
      if (mode === undefined) {
        this.#unwatchTree(full);
      } else if (isDirMode(mode) && !tree.dirs.has(full)) {
        this.#emit(eventType, full);
        if (this.#watchDir(full)) this.#scan(full, true);
        return;
      }
    }
    this.#emit(eventType, full);
  }

  #unwatchTree(top) {
    const { dirs } = this[kTree];
    const prefix = `${top}/`;
    for (const [dir, handle] of dirs) {
      if (dir === top || dir.startsWith(prefix)) {
        handle.close();
        dirs.delete(dir);
      }
    }
  }

  close() {
    if (this[kTree] !== null) {
      for (const handle of this[kTree].dirs.values()) handle.close();
      this[kTree] = null;
      process.nextTick(() => this.emit('close'));
      return;
    }
    if (this[kHandle] === null) return;
    this[kHandle].close();
    this[kHandle] = null;
    process.nextTick(() => this.emit('close'));
  }

  #setRef(ref) {
    const tree = this[kTree];
    if (tree !== null) {
      tree.persistent = ref;
      for (const handle of tree.dirs.values()) handle.setRef(ref);
    } else {
      this[kHandle]?.setRef(ref);
    }
  }

  ref() {
    this.#setRef(true);
    return this;
  }

  unref() {
    this.#setRef(false);
    return this;
  }
}

function watch(filename, options, listener) {
  if (typeof options === 'function') {
    listener = options;
    options = undefined;
  }
  options = getOptions(options);
  // Node checks `recursive` but takes any `persistent` for its truth.
  const persistent = !!(options.persistent ?? true);
  const recursive = options.recursive ?? false;
  validateBoolean(recursive, 'options.recursive');
  if (options.signal !== undefined) validateAbortSignal(options.signal, 'options.signal');
  const path = getValidatedPath(filename, 'filename');
  const watcher = new FSWatcher();
  if (recursive) watcher.startRecursive(path, persistent, options.encoding);
  else watcher.start(path, persistent, options.encoding);
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
  filename = require('path').resolve(getValidatedPath(filename));
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
  filename = require('path').resolve(getValidatedPath(filename));
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
