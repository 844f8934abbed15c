'use strict';

// The TAP reporter of node:test (Node 20's default when stdout is not a
// terminal), the summary counters, and the JSON-lines form a test file uses
// to send its results to `anode --test`.

let inspectModule;
function inspect(value, options) {
  if (inspectModule === undefined) inspectModule = require('internal/util/inspect');
  return inspectModule.inspect(value, options);
}

const kInspectOptions = { colors: false, breakLength: Infinity };
const kLineBreak = /\r?\n/;
// Marks result lines on a child's stdout for the parent runner.
const kEventPrefix = '\u0001anode-test:';

function write(text) {
  process.stdout.write(text);
}

function tapEscape(text) {
  // Control characters first, so that the backslashes they introduce are
  // doubled like any other backslash.
  return String(text)
    .replace(/\x08/g, '\\b')
    .replace(/\f/g, '\\f')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\v/g, '\\v')
    .replace(/\\/g, '\\\\')
    .replace(/#/g, '\\#');
}

function isError(value) {
  return value instanceof Error ||
    Object.prototype.toString.call(value) === '[object Error]';
}

function isDate(value) {
  try {
    Date.prototype.getTime.call(value);
    return true;
  } catch {
    return false;
  }
}

// One YAML entry the way Node's TAP reporter writes it: primitives inline
// via inspect, multi-line strings as block scalars, objects as nested keys.
function toYaml(indent, name, value, seen) {
  if (value === undefined) return '';
  const prefix = `${indent}${name}:`;
  if (value === null) return `${prefix} ~\n`;
  if (typeof value !== 'object') {
    if (typeof value !== 'string') return `${prefix} ${inspect(value, kInspectOptions)}\n`;
    const lines = value.split(kLineBreak);
    if (lines.length === 1) return `${prefix} ${inspect(value, kInspectOptions)}\n`;
    let out = `${prefix} |-\n`;
    for (const line of lines) out += `${indent}  ${line}\n`;
    return out;
  }
  if (isDate(value)) {
    return `${prefix} ${inspect(value, kInspectOptions)}\n`;
  }
  seen.add(value);
  let out = `${prefix}\n`;
  for (const [key, item] of Object.entries(value)) {
    if (seen.has(item)) {
      out += `${indent}  ${key}: <Circular>\n`;
      continue;
    }
    out += toYaml(`${indent}  `, key, item, seen);
  }
  seen.delete(value);
  return out;
}

// Frames of an error's stack, without the "at " of V8 frames; JSC frames
// ("fn@file:1:2") are kept as they are.
function stackFrames(stack) {
  if (typeof stack !== 'string') return [];
  const lines = stack.split(kLineBreak);
  const v8 = lines.some((line) => /^\s+at /.test(line));
  const frames = [];
  for (const line of lines) {
    if (v8) {
      const m = /^\s+at (.*)$/.exec(line);
      if (m !== null) frames.push(m[1]);
    } else if (/:\d+:\d+$|@/.test(line.trim()) && line.trim().length > 0) {
      frames.push(line.trim());
    }
  }
  // Frames of the test runner itself tell the reader nothing.
  return frames.filter((frame) => !/\/internal\/test_runner\/|\bnode:internal\/test_runner\//.test(frame));
}

// The YAML lines (unindented) describing a failure: failureType, error,
// code, name, and for assertion errors expected/actual/operator, then stack.
function failureYaml(failure, extra) {
  let out = '';
  if (extra) {
    for (const key of Object.keys(extra)) out += toYaml('', key, extra[key], new Set());
  }
  out += toYaml('', 'failureType', failure.failureType, new Set());
  const cause = failure.cause;
  let message = failure.message;
  let code = 'ERR_TEST_FAILURE';
  let stack;
  if (message === undefined) {
    if (isError(cause) || (cause !== null && typeof cause === 'object' &&
                           typeof cause.message === 'string' && 'stack' in cause)) {
      message = cause.message;
      if (cause.code !== undefined && cause.code !== null) code = cause.code;
      stack = cause.stack;
    } else if (typeof cause === 'string') {
      message = cause;
    } else {
      message = inspect(cause, kInspectOptions);
    }
  }
  out += toYaml('', 'error', message, new Set());
  out += toYaml('', 'code', code, new Set());
  if (isError(cause)) {
    const name = cause.name;
    if (typeof name === 'string' && name !== 'Error') {
      out += toYaml('', 'name', name, new Set());
    }
    if (cause.code === 'ERR_ASSERTION') {
      out += toYaml('', 'expected', cause.expected, new Set());
      out += toYaml('', 'actual', cause.actual, new Set());
      if (cause.operator) out += toYaml('', 'operator', cause.operator, new Set());
    }
  }
  const frames = stackFrames(stack);
  if (frames.length > 0) {
    out += `stack: |-\n  ${frames.join('\n  ')}\n`;
  }
  return out;
}

// Durations come from a nanosecond clock in Node: at most six decimals.
function formatDuration(ms) {
  return inspect(Math.round(ms * 1e6) / 1e6, kInspectOptions);
}

// Counts results the way Node's summary does: suites apart, and each test
// as exactly one of skipped, todo, cancelled, failed or passed.
class Counters {
  constructor() {
    this.tests = 0;
    this.suites = 0;
    this.pass = 0;
    this.fail = 0;
    this.cancelled = 0;
    this.skipped = 0;
    this.todo = 0;
    this.topLevelFailed = 0;
  }

  add(result) {
    if (result.type === 'suite') {
      this.suites++;
    } else {
      this.tests++;
      if (result.skipped) this.skipped++;
      else if (result.todo) this.todo++;
      else if (result.cancelled) this.cancelled++;
      else if (!result.passed) this.fail++;
      else this.pass++;
    }
    if (result.nesting === 0 && !result.passed && !result.todo) {
      this.topLevelFailed++;
    }
  }
}

class TapReporter {
  constructor() {
    this.counters = new Counters();
    this.headerWritten = false;
  }

  header() {
    if (this.headerWritten) return;
    this.headerWritten = true;
    write('TAP version 13\n');
  }

  start(nesting, name) {
    this.header();
    write(`${'    '.repeat(nesting)}# Subtest: ${tapEscape(name)}\n`);
  }

  plan(nesting, count) {
    this.header();
    write(`${'    '.repeat(nesting)}1..${count}\n`);
  }

  diagnostic(nesting, message) {
    this.header();
    const indent = '    '.repeat(Math.max(nesting, 0));
    for (const line of String(message).split(kLineBreak)) {
      write(`${indent}# ${line}\n`);
    }
  }

  result(result) {
    this.header();
    this.counters.add(result);
    const indent = '    '.repeat(result.nesting);
    let line = `${indent}${result.passed ? 'ok' : 'not ok'} ${result.testNumber} - ${tapEscape(result.name)}`;
    if (result.directive !== undefined) {
      line += ` # ${result.directive.kind}`;
      if (result.directive.message !== undefined) {
        line += ` ${tapEscape(result.directive.message)}`;
      }
    }
    let yaml = `duration_ms: ${formatDuration(result.duration)}\n`;
    if (result.type === 'suite') yaml += "type: 'suite'\n";
    if (result.errorYaml !== undefined) {
      yaml += result.errorYaml;
    } else if (result.failure !== undefined && result.failure !== null) {
      if (result.location !== undefined) yaml += toYaml('', 'location', result.location, new Set());
      yaml += failureYaml(result.failure);
    }
    const body = yaml.replace(/\n$/, '').split('\n').map((l) => `${indent}  ${l}`).join('\n');
    write(`${line}\n${indent}  ---\n${body}\n${indent}  ...\n`);
  }

  summary(durationMs) {
    this.header();
    const c = this.counters;
    write(`# tests ${c.tests}\n# suites ${c.suites}\n# pass ${c.pass}\n` +
          `# fail ${c.fail}\n# cancelled ${c.cancelled}\n# skipped ${c.skipped}\n` +
          `# todo ${c.todo}\n# duration_ms ${formatDuration(durationMs)}\n`);
  }
}

// Used in a test file run by `anode --test`: every event becomes one
// prefixed JSON line that the parent turns back into TAP.
class ChildReporter {
  constructor() {
    this.counters = new Counters();
  }

  emit(event) {
    write(`${kEventPrefix}${JSON.stringify(event)}\n`);
  }

  start(nesting, name) {
    this.emit({ type: 'start', nesting, name });
  }

  plan(nesting, count) {
    this.emit({ type: 'plan', nesting, count });
  }

  diagnostic(nesting, message) {
    this.emit({ type: 'diagnostic', nesting, message: String(message) });
  }

  result(result) {
    this.counters.add(result);
    let errorYaml;
    if (result.failure !== undefined && result.failure !== null) {
      errorYaml = (result.location !== undefined ?
        toYaml('', 'location', result.location, new Set()) : '') +
        failureYaml(result.failure);
    }
    this.emit({
      type: 'result',
      nesting: result.nesting,
      testNumber: result.testNumber,
      name: result.name,
      passed: result.passed,
      directive: result.directive,
      duration: result.duration,
      type_: result.type,
      skipped: result.skipped,
      todo: result.todo,
      cancelled: result.cancelled,
      errorYaml,
    });
  }

  summary() {}
}

module.exports = {
  TapReporter,
  ChildReporter,
  Counters,
  failureYaml,
  toYaml,
  tapEscape,
  kEventPrefix,
};
