'use strict';
// Electron's session: one per partition ("" is the default session,
// "persist:name" keeps its data on disk, any other name is in memory).

const EventEmitter = require('events');
const native = require('internal/electron/ui');

const sessions = new Map();

function call(method, ...args) {
  return new Promise((resolve, reject) => {
    native.ui()[method](...args, (err, value) => {
      if (err !== null) reject(new Error(err));
      else resolve(value);
    });
  });
}

class Cookies extends EventEmitter {
  #partition;
  constructor(partition) {
    super();
    this.#partition = partition;
  }

  async get(filter = {}) {
    if (filter === null || typeof filter !== 'object') throw new TypeError('cookies.get: filter must be an object');
    const list = await call('cookiesGet', this.#partition, filter.url || '');
    return list.filter((c) =>
      (filter.name === undefined || c.name === filter.name) &&
      (filter.domain === undefined || c.domain === filter.domain || c.domain.endsWith(`.${filter.domain.replace(/^\./, '')}`)) &&
      (filter.path === undefined || c.path === filter.path) &&
      (filter.secure === undefined || c.secure === filter.secure) &&
      (filter.session === undefined || (c.expirationDate === undefined) === filter.session),
    ).map((c) => Object.assign(c, { hostOnly: !c.domain.startsWith('.'), session: c.expirationDate === undefined }));
  }

  async set(details) {
    if (details === null || typeof details !== 'object') throw new TypeError('cookies.set: details must be an object');
    if (typeof details.url !== 'string') throw new TypeError('cookies.set: details.url must be a string');
    let url;
    try { url = new URL(details.url); } catch { throw new TypeError(`cookies.set: invalid url '${details.url}'`); }
    const name = details.name === undefined ? '' : String(details.name);
    await call('cookiesSet', this.#partition, { ...details, url: url.toString(), name, value: String(details.value ?? '') });
    this.emit('changed', {}, { name, value: String(details.value ?? '') }, 'explicit', false);
  }

  async remove(url, name) {
    let parsed;
    try { parsed = new URL(url); } catch { throw new TypeError(`cookies.remove: invalid url '${url}'`); }
    const matches = (await this.get({ url: parsed.toString() })).filter((c) => c.name === name);
    for (const c of matches) await call('cookiesRemove', this.#partition, c);
  }

  async flushStore() {}
}

class Session extends EventEmitter {
  #partition;
  constructor(partition) {
    super();
    this.#partition = partition;
    this.cookies = new Cookies(partition);
  }
  get storagePath() {
    if (!this.#partition.startsWith('persist:')) return null;
    return require('path').join(require('os').homedir(), '.local', 'share', 'anode', 'Partitions', encodeURIComponent(this.#partition.slice(8)));
  }
  isPersistent() { return this.#partition === '' || this.#partition.startsWith('persist:'); }
  clearCache() { return call('clearData', this.#partition, 'cache'); }
  clearStorageData() { return call('clearData', this.#partition, 'storage'); }
}

function fromPartition(partition = '') {
  if (typeof partition !== 'string') throw new TypeError('session.fromPartition: partition must be a string');
  native.start();
  let s = sessions.get(partition);
  if (!s) {
    s = new Session(partition);
    sessions.set(partition, s);
  }
  return s;
}

module.exports = {
  fromPartition,
  session: {
    fromPartition,
    get defaultSession() { return fromPartition(''); },
  },
};
