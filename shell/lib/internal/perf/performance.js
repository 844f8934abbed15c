'use strict';
// The Performance object: a monotonic clock in milliseconds since the
// process started (process.hrtime), and user timing (marks and measures).

const {
  codes: {
    ERR_ILLEGAL_CONSTRUCTOR,
    ERR_MISSING_ARGS,
    ERR_PERFORMANCE_INVALID_TIMESTAMP,
    ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS,
  },
} = require('internal/errors');
const { validateObject, validateNumber } = require('internal/validators');
const { EventTarget } = require('internal/event_target');
const {
  kConstruct,
  PerformanceEntry,
  bufferUserTiming,
  clearUserTiming,
  enqueue,
  filterEntries,
  userTimingBuffer,
} = require('internal/perf/observe');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
let lazyInspect;
const inspect = (...args) => (lazyInspect ??= require('internal/util/inspect').inspect)(...args);

// The process start on the hrtime clock, in nanoseconds.
const originNs = process.hrtime.bigint() - BigInt(Math.round(process.uptime() * 1e9));

function now() {
  return Number(process.hrtime.bigint() - originNs) / 1e6;
}

const timeOrigin = Date.now() - now();

// The latest startTime of each mark name, for measure().
const markTimes = new Map();

function cloneDetail(detail) {
  return detail == null ? null : structuredClone(detail);
}

class PerformanceMark extends PerformanceEntry {
  #detail;

  constructor(name, options = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    name = `${name}`;
    if (options != null) validateObject(options, 'options');
    const startTime = options?.startTime ?? now();
    validateNumber(startTime, 'options.startTime');
    if (startTime < 0) throw new ERR_PERFORMANCE_INVALID_TIMESTAMP(startTime);
    super(kConstruct, name, 'mark', startTime, 0);
    this.#detail = cloneDetail(options?.detail);
  }

  get detail() {
    return this.#detail;
  }

  toJSON() {
    return { ...super.toJSON(), detail: this.#detail };
  }
}

class PerformanceMeasure extends PerformanceEntry {
  #detail;

  constructor(construct = undefined, name = undefined, start = undefined, duration = undefined, detail = undefined) {
    if (construct !== kConstruct) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super(kConstruct, name, 'measure', start, duration);
    this.#detail = detail;
  }

  get detail() {
    return this.#detail;
  }

  toJSON() {
    return { ...super.toJSON(), detail: this.#detail };
  }
}

for (const cls of [PerformanceMark, PerformanceMeasure]) {
  for (const name of ['detail', 'toJSON']) {
    const desc = Object.getOwnPropertyDescriptor(cls.prototype, name);
    desc.enumerable = true;
    Object.defineProperty(cls.prototype, name, desc);
  }
  Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: cls.name, configurable: true });
}

function markTime(name) {
  if (name === undefined) return undefined;
  if (typeof name === 'number') {
    if (name < 0) throw new ERR_PERFORMANCE_INVALID_TIMESTAMP(name);
    return name;
  }
  name = `${name}`;
  const ts = markTimes.get(name);
  if (ts === undefined) {
    throw new DOMException(`The "${name}" performance mark has not been set`, 'SyntaxError');
  }
  return ts;
}

function startAndDuration(startOrOptions, endMark) {
  let start;
  let end;
  let duration;
  let optionsValid = false;
  if (startOrOptions !== null && typeof startOrOptions === 'object') {
    ({ start, end, duration } = startOrOptions);
    optionsValid = start !== undefined || end !== undefined;
  }
  if (optionsValid) {
    if (endMark !== undefined) throw new ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS('endMark must not be specified');
    if (start !== undefined && end !== undefined && duration !== undefined) {
      throw new ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS(
        'Must not have options.start, options.end, and options.duration specified');
    }
  }
  let endTime;
  if (endMark !== undefined) endTime = markTime(endMark);
  else if (optionsValid && end !== undefined) endTime = markTime(end);
  else if (optionsValid && start !== undefined && duration !== undefined) endTime = markTime(start) + markTime(duration);
  else endTime = now();

  let startTime;
  if (typeof startOrOptions === 'string') startTime = markTime(startOrOptions);
  else if (optionsValid && start !== undefined) startTime = markTime(start);
  else if (optionsValid && duration !== undefined && end !== undefined) startTime = endTime - markTime(duration);
  else startTime = 0;
  return { startTime, duration: endTime - startTime };
}

class Performance extends EventTarget {
  constructor(construct = undefined) {
    if (construct !== kConstruct) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super();
  }

  now() {
    return now();
  }

  get timeOrigin() {
    return timeOrigin;
  }

  mark(name, options = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    const mark = new PerformanceMark(name, options);
    markTimes.set(mark.name, mark.startTime);
    bufferUserTiming(mark);
    enqueue(mark);
    return mark;
  }

  measure(name, startOrOptions = undefined, endMark = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    const { startTime, duration } = startAndDuration(startOrOptions, endMark);
    const detail = startOrOptions !== null && typeof startOrOptions === 'object' ? startOrOptions.detail : undefined;
    const measure = new PerformanceMeasure(kConstruct, `${name}`, startTime, duration, cloneDetail(detail));
    bufferUserTiming(measure);
    enqueue(measure);
    return measure;
  }

  clearMarks(name = undefined) {
    if (name !== undefined) {
      name = `${name}`;
      markTimes.delete(name);
    } else {
      markTimes.clear();
    }
    clearUserTiming('mark', name);
  }

  clearMeasures(name = undefined) {
    clearUserTiming('measure', name === undefined ? undefined : `${name}`);
  }

  getEntries() {
    return filterEntries(userTimingBuffer);
  }

  getEntriesByName(name, type = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    return filterEntries(userTimingBuffer, `${name}`, type === undefined ? undefined : `${type}`);
  }

  getEntriesByType(type) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    return filterEntries(userTimingBuffer, undefined, `${type}`);
  }

  toJSON() {
    return { timeOrigin };
  }

  [customInspect](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `Performance ${inspect({ timeOrigin }, opts)}`;
  }
}

for (const name of ['now', 'timeOrigin', 'mark', 'measure', 'clearMarks', 'clearMeasures', 'getEntries',
  'getEntriesByName', 'getEntriesByType', 'toJSON']) {
  const desc = Object.getOwnPropertyDescriptor(Performance.prototype, name);
  desc.enumerable = true;
  Object.defineProperty(Performance.prototype, name, desc);
}
Object.defineProperty(Performance.prototype, Symbol.toStringTag, { value: 'Performance', configurable: true });

const performance = new Performance(kConstruct);

module.exports = {
  Performance,
  PerformanceMark,
  PerformanceMeasure,
  performance,
  now,
};
