'use strict';

// node:assert — the assertion functions and AssertionError, with the
// messages and `+ actual - expected` diffs that Node 20 prints.

const {
  isDeepEqual,
  isDeepStrictEqual,
} = require('internal/util/comparisons');

let inspectModule;
function inspect(value, options) {
  if (inspectModule === undefined) inspectModule = require('internal/util/inspect');
  return inspectModule.inspect(value, options);
}

let errorCodes;
function codes() {
  if (errorCodes === undefined) errorCodes = require('internal/errors').codes;
  return errorCodes;
}

const kReadableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject:
    'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};

// Inputs shorter than this (both together) are shown as `a !== b`.
const kMaxShortLength = 12;

// The representation used in messages: one property per line, sorted keys, so
// that line diffs are meaningful.
function inspectValue(value) {
  return inspect(value, {
    compact: false,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Infinity,
    showHidden: false,
    showProxy: false,
    sorted: true,
    getters: true,
  });
}

function isObjectLike(value) {
  return typeof value === 'object' && value !== null;
}

function isError(value) {
  return value instanceof Error ||
    Object.prototype.toString.call(value) === '[object Error]';
}

function isRegExp(value) {
  if (!isObjectLike(value)) return false;
  try {
    Object.getOwnPropertyDescriptor(RegExp.prototype, 'source').get.call(value);
    return value !== RegExp.prototype;
  } catch {
    return false;
  }
}

// Errors print their stack when inspected; copies without it keep the diff
// focused on what differs.
function copyError(source) {
  const target = Object.assign(
    { __proto__: Object.getPrototypeOf(source) }, source);
  Object.defineProperty(target, 'message', {
    value: source.message, writable: true, configurable: true,
  });
  return target;
}

function collapseLines(lines) {
  if (lines.length > 50) {
    lines[46] = '...';
    lines.length = 47;
  }
  return lines;
}

// Prints the leading context kept before a diverging line: up to two lines
// after the previous change are already printed, older ones collapse to
// "..." once there are more than five.
function contextLines(state, lines, i) {
  const identical = state.identical;
  if (identical > 2) {
    if (identical > 3) {
      if (identical > 4) {
        if (identical === 5) {
          state.res += `\n  ${lines[i - 3]}`;
          state.printed++;
        } else {
          state.res += '\n...';
          state.skipped = true;
        }
      }
      state.res += `\n  ${lines[i - 2]}`;
      state.printed++;
    }
    state.res += `\n  ${lines[i - 1]}`;
    state.printed++;
  }
  state.identical = 0;
}

// `message`, when given, replaces the header line (Node 20 keeps the diff
// below a custom message for strictEqual and deepStrictEqual).
function createErrDiff(actual, expected, operator, message) {
  const actualInspected = inspectValue(actual);
  const actualLines = actualInspected.split('\n');
  const expectedLines = inspectValue(expected).split('\n');
  let indicator = '';
  let i = 0;

  if (operator === 'strictEqual' &&
      ((isObjectLike(actual) && isObjectLike(expected)) ||
       (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }

  // Two short single-line values read best side by side.
  if (actualLines.length === 1 && expectedLines.length === 1 &&
      actualLines[0] !== expectedLines[0]) {
    const inputLength = actualLines[0].length + expectedLines[0].length;
    if (inputLength <= kMaxShortLength) {
      if (!isObjectLike(actual) && !isObjectLike(expected) &&
          (actual !== 0 || expected !== 0)) {
        return `${message !== undefined ? message : kReadableOperator[operator]}\n\n` +
          `${actualLines[0]} !== ${expectedLines[0]}\n`;
      }
    } else if (operator !== 'strictEqualObject') {
      const stderr = typeof process === 'object' ? process.stderr : undefined;
      const maxLength = stderr && stderr.isTTY ? stderr.columns : 80;
      if (inputLength < maxLength) {
        while (actualLines[0][i] === expectedLines[0][i]) i++;
        // Point at the first differing character, unless it is right at the
        // start where the arrow would not help.
        if (i > 2) {
          indicator = `\n  ${' '.repeat(i)}^`;
          i = 0;
        }
      }
    }
  }

  // Drop the identical tail, keeping up to three lines as context.
  let end = '';
  let lastSkippedTail = '';
  let a = actualLines[actualLines.length - 1];
  let b = expectedLines[expectedLines.length - 1];
  while (a === b) {
    if (i++ < 3) {
      end = `\n  ${a}${end}`;
    } else {
      lastSkippedTail = a;
    }
    actualLines.pop();
    expectedLines.pop();
    if (actualLines.length === 0 || expectedLines.length === 0) break;
    a = actualLines[actualLines.length - 1];
    b = expectedLines[expectedLines.length - 1];
  }

  const maxLines = Math.max(actualLines.length, expectedLines.length);
  if (maxLines === 0) {
    // Same inspection on both sides, e.g. two different Symbol('a').
    const lines = collapseLines(actualInspected.split('\n'));
    return `${kReadableOperator.notIdentical}\n\n${lines.join('\n')}\n`;
  }

  const state = { res: '', identical: 0, printed: 0, skipped: false };
  if (i >= 5) {
    end = `\n...${end}`;
    state.skipped = true;
  }
  // `other` caches the expected side of consecutive diverging lines so that
  // a block of changes reads as +++--- rather than +-+-+-.
  let other = lastSkippedTail === '' ? '' : `\n  ${lastSkippedTail}`;
  if (other !== '') {
    end = `${other}${end}`;
    other = '';
  }

  const header = `${message !== undefined ? message : kReadableOperator[operator]}` +
    '\n+ actual - expected';
  const skippedMsg = ' ... Lines skipped';

  let lines = actualLines;
  let sign = '+';
  let shorter = expectedLines.length;
  if (actualLines.length < maxLines) {
    lines = expectedLines;
    sign = '-';
    shorter = actualLines.length;
  }

  for (i = 0; i < maxLines; i++) {
    if (shorter < i + 1) {
      // Only the longer side has lines left.
      contextLines(state, lines, i);
      if (lines === actualLines) {
        state.res += `\n${sign} ${lines[i]}`;
      } else {
        other += `\n${sign} ${lines[i]}`;
      }
      state.printed++;
    } else {
      const expectedLine = expectedLines[i];
      let actualLine = actualLines[i];
      let diverging = actualLine !== expectedLine &&
        (!actualLine.endsWith(',') || actualLine.slice(0, -1) !== expectedLine);
      // A value that only gained a trailing comma because something follows
      // it on one side is not a change.
      if (diverging && expectedLine.endsWith(',') &&
          expectedLine.slice(0, -1) === actualLine) {
        diverging = false;
        actualLine += ',';
      }
      if (diverging) {
        contextLines(state, actualLines, i);
        state.res += `\n+ ${actualLine}`;
        other += `\n- ${expectedLine}`;
        state.printed += 2;
      } else {
        state.res += other;
        other = '';
        state.identical++;
        if (state.identical <= 2) {
          state.res += `\n  ${actualLine}`;
          state.printed++;
        }
      }
    }
    // Keep huge diffs to roughly fifty lines.
    if (state.printed > 50 && i < maxLines - 2) {
      return `${header}${skippedMsg}\n${state.res}\n...${other}\n...`;
    }
  }

  return `${header}${state.skipped ? skippedMsg : ''}\n` +
    `${state.res}${other}${end}${indicator}`;
}

function generateMessage(actual, expected, operator) {
  if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
    return createErrDiff(actual, expected, operator);
  }
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    let base = kReadableOperator[operator];
    const lines = collapseLines(inspectValue(actual).split('\n'));
    if (operator === 'notStrictEqual' &&
        (isObjectLike(actual) || typeof actual === 'function')) {
      base = kReadableOperator.notStrictEqualObject;
    }
    if (lines.length === 1) {
      return `${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`;
    }
    return `${base}\n\n${lines.join('\n')}\n`;
  }
  let res = inspectValue(actual);
  let other = inspectValue(expected);
  const knownOperator = kReadableOperator[operator];
  if (operator === 'notDeepEqual' && res === other) {
    res = `${knownOperator}\n\n${res}`;
    if (res.length > 1024) res = `${res.slice(0, 1021)}...`;
    return res;
  }
  if (res.length > 512) res = `${res.slice(0, 509)}...`;
  if (other.length > 512) other = `${other.slice(0, 509)}...`;
  if (operator === 'deepEqual') {
    res = `${knownOperator}\n\n${res}\n\nshould loosely deep-equal\n\n`;
  } else {
    const unequal = kReadableOperator[`${operator}Unequal`];
    if (unequal) {
      res = `${unequal}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
    } else {
      other = ` ${operator} ${other}`;
    }
  }
  return `${res}${other}`;
}

class AssertionError extends Error {
  constructor(options) {
    if (!isObjectLike(options)) {
      throw new (codes().ERR_INVALID_ARG_TYPE)('options', 'Object', options);
    }
    const { message, operator, stackStartFn, details } = options;
    let { actual, expected } = options;
    const stackStart = stackStartFn || options.stackStartFunction;

    if (message != null &&
        (operator === 'deepStrictEqual' || operator === 'strictEqual')) {
      super(createErrDiff(actual, expected, operator, String(message)));
    } else if (message != null) {
      super(String(message));
    } else {
      if (isObjectLike(actual) && isObjectLike(expected) &&
          'stack' in actual && actual instanceof Error &&
          'stack' in expected && expected instanceof Error) {
        actual = copyError(actual);
        expected = copyError(expected);
      }
      super(generateMessage(actual, expected, operator));
    }

    this.generatedMessage = !message;
    // The name carries the code while the stack is captured so that the
    // stack's first line reads "AssertionError [ERR_ASSERTION]: ...".
    Object.defineProperty(this, 'name', {
      value: 'AssertionError [ERR_ASSERTION]',
      enumerable: false,
      writable: true,
      configurable: true,
    });
    this.code = 'ERR_ASSERTION';
    if (details) {
      this.actual = undefined;
      this.expected = undefined;
      this.operator = undefined;
      for (let i = 0; i < details.length; i++) {
        this['message ' + i] = details[i].message;
        this['actual ' + i] = details[i].actual;
        this['expected ' + i] = details[i].expected;
        this['operator ' + i] = details[i].operator;
        this['stack trace ' + i] = details[i].stack;
      }
    } else {
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    if (typeof Error.captureStackTrace === 'function') {
      Error.captureStackTrace(this, stackStart);
    }
    // eslint-disable-next-line no-unused-expressions
    this.stack;
    this.name = 'AssertionError';
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](recurseTimes, ctx) {
    // Long strings in actual/expected would drown the message.
    const saved = { actual: this.actual, expected: this.expected };
    for (const key of ['actual', 'expected']) {
      if (typeof this[key] === 'string' && this[key].length > 128) {
        this[key] = `${this[key].slice(0, 128 - 3)}...`;
      }
    }
    const result = inspect(this, {
      ...ctx,
      customInspect: false,
      depth: 0,
    });
    this.actual = saved.actual;
    this.expected = saved.expected;
    return result;
  }
}

// --- helpers shared by the assertion functions ---------------------------

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

function checkArgs(argsLength) {
  if (argsLength < 2) {
    throw new (codes().ERR_MISSING_ARGS)('actual', 'expected');
  }
}

// Finds the user's call site in a stack trace (V8 "at f (file:1:2)" or JSC
// "f@file:1:2" lines) for the generated `assert.ok()` message.
function findCallSite(stack) {
  if (typeof stack !== 'string') return undefined;
  for (const line of stack.split('\n')) {
    const m = /(?:\(|@|at )((?:file:\/\/)?\/[^()]*?):(\d+):(\d+)\)?\s*$/.exec(line);
    if (m !== null) {
      let file = m[1];
      if (file.startsWith('file://')) file = decodeURIComponent(file.slice(7));
      return { file, line: Number(m[2]), column: Number(m[3]) };
    }
  }
  return undefined;
}

const kIdentChar = /[\w$.?]/;

// Extracts the call expression around `column` from the source: back over
// the callee (`assert.ok`), then forward to the matching closing parenthesis.
function extractCall(lines, lineIndex, column) {
  const first = lines[lineIndex];
  if (first === undefined) return undefined;
  let start = Math.min(Math.max(column - 1, 0), first.length);
  for (;;) {
    if (start > 0 && kIdentChar.test(first[start - 1])) {
      start--;
    } else if (start > 0 && first[start - 1] === ']') {
      // Computed member access such as `lib[name](...)`.
      const open = first.lastIndexOf('[', start - 1);
      if (open === -1) break;
      start = open;
    } else {
      break;
    }
  }
  const text = [first.slice(start)].concat(lines.slice(lineIndex + 1, lineIndex + 50)).join('\n');
  let depth = 0;
  let quote = null;
  let seenParen = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '\'' || ch === '"' || ch === '`') {
      quote = ch;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      if (ch === '(') seenParen = true;
      depth++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0 && seenParen) {
        return { start, code: text.slice(0, i + 1) };
      }
      if (depth < 0) return undefined;
    }
  }
  return undefined;
}

// Reads a source file for messages: the runtime's binding when present,
// else the fs module.
const { readSource } = require('internal/util/source');

function getErrMessage(fn) {
  const holder = {};
  if (typeof Error.captureStackTrace === 'function') {
    Error.captureStackTrace(holder, fn);
  } else {
    holder.stack = new Error().stack;
  }
  const site = findCallSite(holder.stack);
  if (site === undefined) return undefined;
  const source = readSource(site.file);
  if (source === undefined) return undefined;
  const call = extractCall(source.split(/\r?\n/), site.line - 1, site.column);
  if (call === undefined) return undefined;
  const [head, ...rest] = call.code.split('\n');
  let message = head;
  // Re-indent continuation lines relative to the start of the call.
  for (const line of rest) {
    let pos = 0;
    while (pos < call.start && (line[pos] === ' ' || line[pos] === '\t')) pos++;
    message += `\n  ${line.slice(pos)}`;
  }
  return `The expression evaluated to a falsy value:\n\n  ${message}\n`;
}

function innerOk(fn, argLength, value, message) {
  if (value) return;
  let generatedMessage = false;
  if (argLength === 0) {
    generatedMessage = true;
    message = 'No value argument passed to `assert.ok()`';
  } else if (message == null) {
    generatedMessage = true;
    message = getErrMessage(fn);
  } else if (message instanceof Error) {
    throw message;
  }
  const err = new AssertionError({
    actual: value,
    expected: true,
    message,
    operator: '==',
    stackStartFn: fn,
  });
  err.generatedMessage = generatedMessage;
  throw err;
}

// --- the public functions ------------------------------------------------

function ok(...args) {
  innerOk(ok, args.length, ...args);
}

const assert = module.exports = ok;

let warnedFail = false;
function fail(actual, expected, message, operator, stackStartFn) {
  const argsLength = arguments.length;
  let internalMessage = false;
  if (actual == null && argsLength <= 1) {
    internalMessage = true;
    message = 'Failed';
  } else if (argsLength === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!warnedFail && typeof process === 'object' &&
        typeof process.emitWarning === 'function') {
      warnedFail = true;
      process.emitWarning(
        'assert.fail() with more than one argument is deprecated. ' +
          'Please use assert.strictEqual() instead or only pass a message.',
        'DeprecationWarning',
        'DEP0094');
    }
    if (argsLength === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({
    actual,
    expected,
    operator: operator === undefined ? 'fail' : operator,
    stackStartFn: stackStartFn || fail,
    message,
  });
  if (internalMessage) err.generatedMessage = true;
  throw err;
}

assert.fail = fail;
assert.AssertionError = AssertionError;
assert.ok = ok;

assert.equal = function equal(actual, expected, message) {
  checkArgs(arguments.length);
  // eslint-disable-next-line eqeqeq
  if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '==', stackStartFn: equal });
  }
};

assert.notEqual = function notEqual(actual, expected, message) {
  checkArgs(arguments.length);
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual });
  }
};

assert.deepEqual = function deepEqual(actual, expected, message) {
  checkArgs(arguments.length);
  if (!isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual });
  }
};

assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
  checkArgs(arguments.length);
  if (isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
  }
};

assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
  checkArgs(arguments.length);
  if (!isDeepStrictEqual(actual, expected)) {
    innerFail({
      actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual,
    });
  }
};

assert.notDeepStrictEqual = notDeepStrictEqual;
function notDeepStrictEqual(actual, expected, message) {
  checkArgs(arguments.length);
  if (isDeepStrictEqual(actual, expected)) {
    innerFail({
      actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual,
    });
  }
}

assert.strictEqual = function strictEqual(actual, expected, message) {
  checkArgs(arguments.length);
  if (!Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual });
  }
};

assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
  checkArgs(arguments.length);
  if (Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
  }
};

// Plain objects holding only the compared keys, so that a failed
// `throws(fn, { ...props })` diff shows just those keys.
class Comparison {
  constructor(obj, keys, actual) {
    for (const key of keys) {
      if (key in obj) {
        if (actual !== undefined && typeof actual[key] === 'string' &&
            isRegExp(obj[key]) && RegExp.prototype.exec.call(obj[key], actual[key]) !== null) {
          this[key] = actual[key];
        } else {
          this[key] = obj[key];
        }
      }
    }
  }
}

function compareExceptionKey(actual, expected, key, message, keys, fn) {
  if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
    if (!message) {
      const a = new Comparison(actual, keys);
      const b = new Comparison(expected, keys, actual);
      const err = new AssertionError({
        actual: a,
        expected: b,
        operator: 'deepStrictEqual',
        stackStartFn: fn,
      });
      err.actual = actual;
      err.expected = expected;
      err.operator = fn.name;
      throw err;
    }
    innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
  }
}

function expectedException(actual, expected, message, fn) {
  let generatedMessage = false;
  let throwError = false;

  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      const str = String(actual);
      if (RegExp.prototype.exec.call(expected, str) !== null) return;
      if (!message) {
        generatedMessage = true;
        message = 'The input did not match the regular expression ' +
          `${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
      }
      throwError = true;
    } else if (!isObjectLike(actual)) {
      const err = new AssertionError({
        actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn,
      });
      err.operator = fn.name;
      throw err;
    } else {
      // An object of expected properties; Error instances also compare the
      // (non-enumerable) name and message.
      const keys = Object.keys(expected);
      if (expected instanceof Error) {
        keys.push('name', 'message');
      } else if (keys.length === 0) {
        throw new (codes().ERR_INVALID_ARG_VALUE)(
          'error', expected, 'may not be an empty object');
      }
      for (const key of keys) {
        if (typeof actual[key] === 'string' && isRegExp(expected[key]) &&
            RegExp.prototype.exec.call(expected[key], actual[key]) !== null) {
          continue;
        }
        compareExceptionKey(actual, expected, key, message, keys, fn);
      }
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    return;
  } else if (Object.prototype.isPrototypeOf.call(Error, expected)) {
    if (!message) {
      generatedMessage = true;
      message = 'The error is expected to be an instance of ' +
        `"${expected.name}". Received `;
      if (isError(actual)) {
        const name = (actual.constructor && actual.constructor.name) || actual.name;
        if (expected.name === name) {
          message += 'an error with identical name but a different prototype.';
        } else {
          message += `"${name}"`;
        }
        if (actual.message) {
          message += `\n\nError message:\n\n${actual.message}`;
        }
      } else {
        message += `"${inspect(actual, { depth: -1 })}"`;
      }
    }
    throwError = true;
  } else {
    // A validation function must return exactly `true`.
    const res = Reflect.apply(expected, {}, [actual]);
    if (res !== true) {
      if (!message) {
        generatedMessage = true;
        const name = expected.name ? `"${expected.name}" ` : '';
        message = `The ${name}validation function is expected to return` +
          ` "true". Received ${inspect(res)}`;
        if (isError(actual)) {
          message += `\n\nCaught error:\n\n${actual}`;
        }
      }
      throwError = true;
    }
  }

  if (throwError) {
    const err = new AssertionError({
      actual, expected, message, operator: fn.name, stackStartFn: fn,
    });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

const NO_EXCEPTION = {};

function getActual(fn) {
  if (typeof fn !== 'function') {
    throw new (codes().ERR_INVALID_ARG_TYPE)('fn', 'Function', fn);
  }
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

function isPromiseLike(value) {
  return value instanceof Promise ||
    (isObjectLike(value) && typeof value.then === 'function' &&
     typeof value.catch === 'function');
}

async function waitForActual(promiseFn) {
  let promise;
  if (typeof promiseFn === 'function') {
    promise = promiseFn();
    if (!isPromiseLike(promise)) {
      throw new (codes().ERR_INVALID_RETURN_VALUE)(
        'instance of Promise', 'promiseFn', promise);
    }
  } else if (isPromiseLike(promiseFn)) {
    promise = promiseFn;
  } else {
    throw new (codes().ERR_INVALID_ARG_TYPE)(
      'promiseFn', ['Function', 'Promise'], promiseFn);
  }
  try {
    await promise;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

function expectsError(stackStartFn, actual, error, message) {
  if (typeof error === 'string') {
    if (arguments.length === 4) {
      throw new (codes().ERR_INVALID_ARG_TYPE)(
        'error', ['Object', 'Error', 'Function', 'RegExp'], error);
    }
    // A string second argument is the message; refuse the likely mistake of
    // passing the expected error message there.
    if (isObjectLike(actual)) {
      if (actual.message === error) {
        throw new (codes().ERR_AMBIGUOUS_ARGUMENT)(
          'error/message',
          `The error message "${actual.message}" is identical to the message.`);
      }
    } else if (actual === error) {
      throw new (codes().ERR_AMBIGUOUS_ARGUMENT)(
        'error/message', `The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' &&
             typeof error !== 'function') {
    throw new (codes().ERR_INVALID_ARG_TYPE)(
      'error', ['Object', 'Error', 'Function', 'RegExp'], error);
  }

  if (actual === NO_EXCEPTION) {
    let details = '';
    if (error && error.name) details += ` (${error.name})`;
    details += message ? `: ${message}` : '.';
    const fnType = stackStartFn === assert.rejects ? 'rejection' : 'exception';
    innerFail({
      actual: undefined,
      expected: error,
      operator: stackStartFn.name,
      message: `Missing expected ${fnType}${details}`,
      stackStartFn,
    });
  }
  if (!error) return;
  expectedException(actual, error, message, stackStartFn);
}

function hasMatchingError(actual, expected) {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      return RegExp.prototype.exec.call(expected, String(actual)) !== null;
    }
    throw new (codes().ERR_INVALID_ARG_TYPE)(
      'expected', ['Function', 'RegExp'], expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

function expectsNoError(stackStartFn, actual, error, message) {
  if (actual === NO_EXCEPTION) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || hasMatchingError(actual, error)) {
    const details = message ? `: ${message}` : '.';
    const fnType = stackStartFn === assert.doesNotReject ? 'rejection' : 'exception';
    innerFail({
      actual,
      expected: error,
      operator: stackStartFn.name,
      message: `Got unwanted ${fnType}${details}\n` +
        `Actual message: "${actual && actual.message}"`,
      stackStartFn,
    });
  }
  throw actual;
}

assert.throws = function throws(promiseFn, ...args) {
  expectsError(throws, getActual(promiseFn), ...args);
};

assert.rejects = async function rejects(promiseFn, ...args) {
  expectsError(rejects, await waitForActual(promiseFn), ...args);
};

assert.doesNotThrow = function doesNotThrow(fn, ...args) {
  expectsNoError(doesNotThrow, getActual(fn), ...args);
};

assert.doesNotReject = async function doesNotReject(fn, ...args) {
  expectsNoError(doesNotReject, await waitForActual(fn), ...args);
};

assert.ifError = function ifError(err) {
  if (err === null || err === undefined) return;
  let message = 'ifError got unwanted exception: ';
  if (isObjectLike(err) && typeof err.message === 'string') {
    if (err.message.length === 0 && err.constructor) {
      message += err.constructor.name;
    } else {
      message += err.message;
    }
  } else {
    message += inspect(err);
  }
  const newErr = new AssertionError({
    actual: err,
    expected: null,
    operator: 'ifError',
    message,
    stackStartFn: ifError,
  });
  // Keep the original error's frames visible below the assertion's own.
  const origStack = err && err.stack;
  if (typeof origStack === 'string' && typeof newErr.stack === 'string') {
    const origFrames = origStack.split('\n');
    origFrames.shift();
    const newFrames = newErr.stack.split('\n');
    for (const frame of origFrames) {
      const pos = newFrames.indexOf(frame);
      if (pos !== -1) {
        origFrames.length = origFrames.indexOf(frame);
        break;
      }
    }
    if (origFrames.length > 0) {
      newErr.stack = `${newFrames.slice(0, 1).join('\n')}\n` +
        `${origFrames.join('\n')}\n${newFrames.slice(1).join('\n')}`;
    }
  }
  throw newErr;
};

function internalMatch(string, regexp, message, fn) {
  if (!isRegExp(regexp)) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('regexp', 'RegExp', regexp);
  }
  const match = fn === assert.match;
  if (typeof string !== 'string' ||
      (RegExp.prototype.exec.call(regexp, string) !== null) !== match) {
    if (message instanceof Error) throw message;
    const generatedMessage = !message;
    message = message || (typeof string !== 'string' ?
      'The "string" argument must be of type string. Received type ' +
        `${typeof string} (${inspect(string)})` :
      (match ?
        'The input did not match the regular expression ' :
        'The input was expected to not match the regular expression ') +
        `${inspect(regexp)}. Input:\n\n${inspect(string)}\n`);
    const err = new AssertionError({
      actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn,
    });
    err.generatedMessage = generatedMessage;
    throw err;
  }
}

assert.match = function match(string, regexp, message) {
  internalMatch(string, regexp, message, match);
};

assert.doesNotMatch = function doesNotMatch(string, regexp, message) {
  internalMatch(string, regexp, message, doesNotMatch);
};

// assert.strict: the same API with the loose comparisons swapped for the
// strict ones.
function strict(...args) {
  innerOk(strict, args.length, ...args);
}

assert.strict = Object.assign(strict, assert, {
  equal: assert.strictEqual,
  deepEqual: assert.deepStrictEqual,
  notEqual: assert.notStrictEqual,
  notDeepEqual: assert.notDeepStrictEqual,
});

assert.strict.strict = assert.strict;
