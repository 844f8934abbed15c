'use strict';
// PerformanceEntry, the user-timing buffer and PerformanceObserver: entries
// are buffered (marks and measures) and delivered to observers on an
// immediate, as Node does.

const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_MISSING_ARGS },
} = require('internal/errors');
const { validateFunction, validateObject } = require('internal/validators');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const kConstruct = Symbol('kConstruct');
let lazyInspect;
const inspect = (...args) => (lazyInspect ??= require('internal/util/inspect').inspect)(...args);

const supportedEntryTypes = Object.freeze(['dns', 'function', 'gc', 'http', 'http2', 'mark', 'measure', 'net', 'resource']);

class PerformanceEntry {
  #name;
  #type;
  #start;
  #duration;

  constructor(construct = undefined, name = undefined, type = undefined, start = undefined, duration = undefined) {
    if (construct !== kConstruct) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this.#name = name;
    this.#type = type;
    this.#start = start;
    this.#duration = duration;
  }

  get name() { return this.#name; }
  get entryType() { return this.#type; }
  get startTime() { return this.#start; }
  get duration() { return this.#duration; }

  [customInspect](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `${this.constructor.name} ${inspect(this.toJSON(), opts)}`;
  }

  toJSON() {
    return { name: this.#name, entryType: this.#type, startTime: this.#start, duration: this.#duration };
  }
}

for (const name of ['name', 'entryType', 'startTime', 'duration', 'toJSON']) {
  const desc = Object.getOwnPropertyDescriptor(PerformanceEntry.prototype, name);
  desc.enumerable = true;
  Object.defineProperty(PerformanceEntry.prototype, name, desc);
}

// Marks and measures, oldest first, as performance.getEntries() sees them.
const userTimingBuffer = [];
const observers = new Set();
const pending = new Set();
let immediateQueued = false;

function bufferUserTiming(entry) {
  userTimingBuffer.push(entry);
}

function sortedByStart(list) {
  return list.slice().sort((a, b) => a.startTime - b.startTime);
}

function filterEntries(list, name, type) {
  return sortedByStart(list.filter((e) => (name === undefined || e.name === name) &&
    (type === undefined || e.entryType === type)));
}

function clearUserTiming(type, name) {
  for (let i = userTimingBuffer.length - 1; i >= 0; i--) {
    const e = userTimingBuffer[i];
    if (e.entryType === type && (name === undefined || e.name === name)) userTimingBuffer.splice(i, 1);
  }
}

function enqueue(entry) {
  for (const observer of observers) queueEntry(observer, entry);
}

function schedule(observer) {
  pending.add(observer);
  if (immediateQueued) return;
  immediateQueued = true;
  setImmediate(() => {
    immediateQueued = false;
    const list = [...pending];
    pending.clear();
    for (const o of list) dispatchEntries(o);
  });
}

class PerformanceObserverEntryList {
  #entries;

  constructor(construct = undefined, entries = []) {
    if (construct !== kConstruct) throw new ERR_ILLEGAL_CONSTRUCTOR();
    this.#entries = sortedByStart(entries);
  }

  getEntries() {
    return this.#entries.slice();
  }

  getEntriesByType(type) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    return filterEntries(this.#entries, undefined, `${type}`);
  }

  getEntriesByName(name, type = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    return filterEntries(this.#entries, `${name}`, type === undefined ? undefined : `${type}`);
  }

  [customInspect](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `PerformanceObserverEntryList ${inspect(this.#entries, opts)}`;
  }
}

let queueEntry;
let dispatchEntries;

class PerformanceObserver {
  static {
    queueEntry = (observer, entry) => observer.#queue(entry);
    dispatchEntries = (observer) => observer.#dispatch();
  }

  #callback;
  #buffer = [];
  #types = new Set();
  #mode = null; // 'multiple' (entryTypes) or 'single' (type)

  constructor(callback) {
    validateFunction(callback, 'callback');
    this.#callback = callback;
  }

  observe(options = {}) {
    validateObject(options, 'options');
    const { entryTypes, type, buffered } = options;
    if (entryTypes === undefined && type === undefined) throw new ERR_MISSING_ARGS('options.entryTypes', 'options.type');
    if (entryTypes != null && type != null) {
      throw new ERR_INVALID_ARG_VALUE('options.entryTypes', entryTypes,
                                      'options.entryTypes can not set with options.type together');
    }
    const mode = entryTypes !== undefined ? 'multiple' : 'single';
    if (this.#mode !== null && this.#mode !== mode) {
      throw new ERR_INVALID_ARG_VALUE('options.entryTypes', entryTypes, 'options.entryTypes can not change');
    }
    this.#mode = mode;
    if (mode === 'multiple') {
      if (!Array.isArray(entryTypes)) throw new ERR_INVALID_ARG_TYPE('options.entryTypes', 'string[]', entryTypes);
      this.#types.clear();
      for (const t of entryTypes) {
        if (supportedEntryTypes.includes(t)) this.#types.add(t);
      }
    } else {
      if (!supportedEntryTypes.includes(type)) return;
      this.#types.add(type);
      if (buffered && (type === 'mark' || type === 'measure')) {
        const entries = filterEntries(userTimingBuffer, undefined, type);
        if (entries.length > 0) {
          this.#buffer.push(...entries);
          schedule(this);
        }
      }
    }
    if (this.#types.size > 0) observers.add(this);
    else this.disconnect();
  }

  disconnect() {
    observers.delete(this);
    pending.delete(this);
    this.#buffer = [];
    this.#types.clear();
    this.#mode = null;
  }

  takeRecords() {
    const list = this.#buffer;
    this.#buffer = [];
    return list;
  }

  static get supportedEntryTypes() {
    return supportedEntryTypes;
  }

  #queue(entry) {
    if (!this.#types.has(entry.entryType)) return;
    this.#buffer.push(entry);
    schedule(this);
  }

  #dispatch() {
    if (this.#buffer.length === 0) return;
    const list = new PerformanceObserverEntryList(kConstruct, this.takeRecords());
    this.#callback.call(this, list, this);
  }

  [customInspect](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `PerformanceObserver ${inspect({
      connected: observers.has(this),
      pending: pending.has(this),
      entryTypes: [...this.#types],
      buffer: this.#buffer,
    }, opts)}`;
  }
}

Object.defineProperty(PerformanceObserver.prototype, Symbol.toStringTag, { value: 'PerformanceObserver', configurable: true });
Object.defineProperty(PerformanceObserverEntryList.prototype, Symbol.toStringTag,
                      { value: 'PerformanceObserverEntryList', configurable: true });
Object.defineProperty(PerformanceEntry.prototype, Symbol.toStringTag, { value: 'PerformanceEntry', configurable: true });

module.exports = {
  kConstruct,
  PerformanceEntry,
  PerformanceObserver,
  PerformanceObserverEntryList,
  bufferUserTiming,
  clearUserTiming,
  enqueue,
  filterEntries,
  userTimingBuffer,
};
