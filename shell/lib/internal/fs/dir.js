'use strict';
// fs.Dir (opendir): reads a directory in batches through a DirHandle from
// the binding; one operation at a time, as in Node.

const {
  codes: { ERR_DIR_CLOSED, ERR_DIR_CONCURRENT_OPERATION, ERR_MISSING_ARGS },
} = require('internal/errors');
const {
  binding,
  call,
  getOptions,
  getValidatedPath,
  direntWithLstat,
  encodeResult,
  validateFunction,
  validateUint32,
} = require('internal/fs/utils');

const kHandle = Symbol('kDirHandle');
const kPath = Symbol('kDirPath');
const kBuffered = Symbol('kDirBufferedEntries');
const kClosed = Symbol('kDirClosed');
const kOptions = Symbol('kDirOptions');
const kBusy = Symbol('kDirOperationQueue');

class Dir {
  constructor(handle, path, options) {
    if (handle == null) throw new ERR_MISSING_ARGS('handle');
    this[kHandle] = handle;
    this[kPath] = path;
    this[kBuffered] = [];
    this[kClosed] = false;
    this[kBusy] = null;
    this[kOptions] = { bufferSize: 32, ...getOptions(options, { encoding: 'utf8' }) };
    validateUint32(this[kOptions].bufferSize, 'options.bufferSize', true);
  }

  get path() {
    return this[kPath];
  }

  #entry(name, type) {
    return direntWithLstat(encodeResult(name, this[kOptions].encoding), type, this[kPath]);
  }

  #fill(res) {
    const [names, types] = res;
    for (let i = 0; i < names.length; i++) this[kBuffered].push(this.#entry(names[i], types[i]));
  }

  read(callback) {
    if (callback === undefined) return this.#readPromise();
    validateFunction(callback, 'callback');
    if (this[kClosed]) throw new ERR_DIR_CLOSED();
    if (this[kBusy] !== null) {
      this[kBusy].push(() => this.read(callback));
      return;
    }
    if (this[kBuffered].length > 0) {
      const entry = this[kBuffered].shift();
      process.nextTick(callback, null, entry);
      return;
    }
    this[kBusy] = [];
    const handle = this[kHandle];
    call(handle.read.bind(handle), [], (err, res) => {
      const queue = this[kBusy];
      this[kBusy] = null;
      if (err) callback(err);
      else if (res === null) callback(null, null);
      else {
        try {
          this.#fill(res);
        } catch (e) {
          callback(e);
          return;
        }
        callback(null, this[kBuffered].shift() ?? null);
      }
      for (const op of queue) op();
    });
  }

  #readPromise() {
    return new Promise((resolve, reject) => {
      this.read((err, entry) => (err ? reject(err) : resolve(entry)));
    });
  }

  readSync() {
    if (this[kClosed]) throw new ERR_DIR_CLOSED();
    if (this[kBusy] !== null) throw new ERR_DIR_CONCURRENT_OPERATION();
    if (this[kBuffered].length > 0) return this[kBuffered].shift();
    const res = call(this[kHandle].read.bind(this[kHandle]), []);
    if (res === null) return null;
    this.#fill(res);
    return this[kBuffered].shift() ?? null;
  }

  close(callback) {
    if (callback === undefined) {
      return new Promise((resolve, reject) => {
        this.close((err) => (err ? reject(err) : resolve()));
      });
    }
    validateFunction(callback, 'callback');
    if (this[kClosed]) {
      process.nextTick(callback, new ERR_DIR_CLOSED());
      return;
    }
    if (this[kBusy] !== null) {
      this[kBusy].push(() => this.close(callback));
      return;
    }
    this[kClosed] = true;
    const handle = this[kHandle];
    call(handle.close.bind(handle), [], (err) => callback(err));
  }

  closeSync() {
    if (this[kClosed]) throw new ERR_DIR_CLOSED();
    if (this[kBusy] !== null) throw new ERR_DIR_CONCURRENT_OPERATION();
    this[kClosed] = true;
    call(this[kHandle].close.bind(this[kHandle]), []);
  }

  async* entries() {
    try {
      while (true) {
        const entry = await this.#readPromise();
        if (entry === null) break;
        yield entry;
      }
    } finally {
      if (!this[kClosed]) await this.close();
    }
  }

  [Symbol.asyncIterator]() {
    return this.entries();
  }
}

Object.defineProperty(Dir.prototype, Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose'), {
  __proto__: null,
  configurable: true,
  writable: true,
  value: async function() {
    if (!this[kClosed]) await this.close();
  },
});

function opendir(path, options, callback) {
  callback = typeof options === 'function' ? options : callback;
  validateFunction(callback, 'callback');
  path = getValidatedPath(path);
  options = getOptions(options, { encoding: 'utf8' });
  call(binding.opendir, [path], (err, handle) => {
    if (err) return callback(err);
    let dir;
    try {
      dir = new Dir(handle, path, options);
    } catch (e) {
      return callback(e);
    }
    callback(null, dir);
  });
}

function opendirSync(path, options) {
  path = getValidatedPath(path);
  options = getOptions(options, { encoding: 'utf8' });
  const handle = call(binding.opendir, [path]);
  return new Dir(handle, path, options);
}

module.exports = { Dir, opendir, opendirSync };
