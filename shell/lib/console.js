'use strict';
// Node's Console class; module.exports is the global console, writing to
// process.stdout / process.stderr.

const {
  inspect,
  formatWithOptions,
  getStringWidth,
  isStackOverflowError,
  types: { isMap, isSet },
} = require('internal/util/inspect');

let errorsModule;
function codes() {
  if (errorsModule === undefined) errorsModule = require('internal/errors');
  return errorsModule.codes;
}

const kCounts = Symbol('kCounts');
const kColorMode = Symbol('kColorMode');
const kIsConsole = Symbol('kIsConsole');
const kGroupIndent = Symbol('kGroupIndent');
const kGroupIndentationWidth = Symbol('kGroupIndentationWidth');
const kWriteToConsole = Symbol('kWriteToConsole');
const kGetInspectOptions = Symbol('kGetInspectOptions');
const kFormatForStdout = Symbol('kFormatForStdout');
const kFormatForStderr = Symbol('kFormatForStderr');
const kBindStreamsEager = Symbol('kBindStreamsEager');
const kBindStreamsLazy = Symbol('kBindStreamsLazy');
const kBindProperties = Symbol('kBindProperties');
const kUseStdout = Symbol('kUseStdout');
const kUseStderr = Symbol('kUseStderr');

const kMaxGroupIndentation = 1000;
const kColorInspectOptions = { colors: true };
const kNoColorInspectOptions = {};

// inspectOptions given to the constructor, per instance.
const optionsMap = new WeakMap();

function noop() {}

const { shouldColorize } = require('internal/util/colors');

function validateInteger(value, name, min, max) {
  if (typeof value !== 'number') throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'number', value);
  if (!Number.isInteger(value)) throw new (codes().ERR_OUT_OF_RANGE)(name, 'an integer', value);
  if (value < min || value > max) {
    throw new (codes().ERR_OUT_OF_RANGE)(name, `>= ${min} && <= ${max}`, value);
  }
}

// Monotonic milliseconds, from the best clock the runtime offers.
function now() {
  if (typeof process === 'object' && typeof process.hrtime === 'function') {
    if (typeof process.hrtime.bigint === 'function') return Number(process.hrtime.bigint()) / 1e6;
    const t = process.hrtime();
    return t[0] * 1e3 + t[1] / 1e6;
  }
  if (typeof performance === 'object' && typeof performance.now === 'function') {
    return performance.now();
  }
  return Date.now();
}

function Console(options /* or: stdout, stderr, ignoreErrors = true */) {
  // Callable without `new`, like Node's.
  if (new.target === undefined) return Reflect.construct(Console, arguments);

  if (!options || typeof options.write === 'function') {
    options = {
      stdout: options,
      stderr: arguments[1],
      ignoreErrors: arguments[2],
    };
  }
  const {
    stdout,
    stderr = stdout,
    ignoreErrors = true,
    colorMode = 'auto',
    inspectOptions,
    groupIndentation,
  } = options;

  if (!stdout || typeof stdout.write !== 'function') {
    throw new (codes().ERR_CONSOLE_WRITABLE_STREAM)('stdout');
  }
  if (!stderr || typeof stderr.write !== 'function') {
    throw new (codes().ERR_CONSOLE_WRITABLE_STREAM)('stderr');
  }
  if (typeof colorMode !== 'boolean' && colorMode !== 'auto') {
    throw new (codes().ERR_INVALID_ARG_VALUE)(
      'colorMode', colorMode, "must be one of: 'auto', true, false");
  }
  if (groupIndentation !== undefined) {
    validateInteger(groupIndentation, 'groupIndentation', 0, kMaxGroupIndentation);
  }
  if (inspectOptions !== undefined) {
    if (inspectOptions === null || typeof inspectOptions !== 'object' ||
        Array.isArray(inspectOptions)) {
      throw new (codes().ERR_INVALID_ARG_TYPE)('options.inspectOptions', 'Object', inspectOptions);
    }
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw new (codes().ERR_INCOMPATIBLE_OPTION_PAIR)('options.inspectOptions.color', 'colorMode');
    }
    optionsMap.set(this, inspectOptions);
  }

  // Bind every method to this instance so they can be passed around
  // (`arr.forEach(console.log)`); taken from `this` so subclasses override.
  for (const key of Object.keys(Console.prototype)) {
    this[key] = this[key].bind(this);
    Object.defineProperty(this[key], 'name', { value: key });
  }
  this[kBindStreamsEager](stdout, stderr);
  this[kBindProperties](ignoreErrors, colorMode, groupIndentation);
}

const consolePropAttributes = {
  writable: true,
  enumerable: false,
  configurable: true,
};

Object.defineProperty(Console, Symbol.hasInstance, {
  value(instance) {
    return instance != null && instance[kIsConsole] === true;
  },
});

function createWriteErrorHandler(instance, streamSymbol) {
  return (err) => {
    const stream = streamSymbol === kUseStdout ? instance._stdout : instance._stderr;
    // Keep an asynchronous write error from becoming an uncaught exception.
    if (err !== null && err !== undefined &&
        !(stream._writableState && stream._writableState.errorEmitted) &&
        typeof stream.listenerCount === 'function' && stream.listenerCount('error') === 0 &&
        typeof stream.once === 'function') {
      stream.once('error', noop);
    }
  };
}

const internalMethods = {
  [kBindStreamsEager](stdout, stderr) {
    Object.defineProperties(this, {
      _stdout: { ...consolePropAttributes, value: stdout },
      _stderr: { ...consolePropAttributes, value: stderr },
    });
  },

  // The global console reads process.stdout/stderr on first use only.
  [kBindStreamsLazy](object) {
    let stdout;
    let stderr;
    Object.defineProperties(this, {
      _stdout: {
        enumerable: false,
        configurable: true,
        get() {
          return stdout || (stdout = object.stdout);
        },
        set(value) {
          stdout = value;
        },
      },
      _stderr: {
        enumerable: false,
        configurable: true,
        get() {
          return stderr || (stderr = object.stderr);
        },
        set(value) {
          stderr = value;
        },
      },
    });
  },

  [kBindProperties](ignoreErrors, colorMode, groupIndentation = 2) {
    Object.defineProperties(this, {
      _stdoutErrorHandler: {
        ...consolePropAttributes,
        value: createWriteErrorHandler(this, kUseStdout),
      },
      _stderrErrorHandler: {
        ...consolePropAttributes,
        value: createWriteErrorHandler(this, kUseStderr),
      },
      _ignoreErrors: { ...consolePropAttributes, value: Boolean(ignoreErrors) },
      _times: { ...consolePropAttributes, value: new Map() },
      [kCounts]: { ...consolePropAttributes, value: new Map() },
      [kColorMode]: { ...consolePropAttributes, value: colorMode },
      [kIsConsole]: { ...consolePropAttributes, value: true },
      [kGroupIndent]: { ...consolePropAttributes, value: '' },
      [kGroupIndentationWidth]: { ...consolePropAttributes, value: groupIndentation },
    });
  },

  [kWriteToConsole](streamSymbol, string) {
    const ignoreErrors = this._ignoreErrors;
    const groupIndent = this[kGroupIndent];
    const useStdout = streamSymbol === kUseStdout;
    const stream = useStdout ? this._stdout : this._stderr;
    const errorHandler = useStdout ? this._stdoutErrorHandler : this._stderrErrorHandler;

    if (groupIndent.length !== 0) {
      if (string.includes('\n')) string = string.replace(/\n/g, `\n${groupIndent}`);
      string = groupIndent + string;
    }
    string += '\n';

    if (ignoreErrors === false) return stream.write(string);

    // Errors may come synchronously (files, TTYs) or asynchronously (pipes);
    // a temporary no-op listener covers the synchronous case.
    const canListen = typeof stream.listenerCount === 'function' &&
      typeof stream.once === 'function' && typeof stream.removeListener === 'function';
    try {
      if (canListen && stream.listenerCount('error') === 0) stream.once('error', noop);
      stream.write(string, errorHandler);
    } catch (e) {
      // A debugging aid must not hide stack overflows; anything else is
      // dropped, there is nowhere to report it.
      if (isStackOverflowError(e)) throw e;
    } finally {
      if (canListen) stream.removeListener('error', noop);
    }
  },

  [kGetInspectOptions](stream) {
    let color = this[kColorMode];
    if (color === 'auto') color = shouldColorize(stream);
    const options = optionsMap.get(this);
    if (options) {
      if (options.colors === undefined) options.colors = color;
      return options;
    }
    return color ? kColorInspectOptions : kNoColorInspectOptions;
  },

  [kFormatForStdout](args) {
    const opts = this[kGetInspectOptions](this._stdout);
    return formatWithOptions(opts, ...args);
  },

  [kFormatForStderr](args) {
    const opts = this[kGetInspectOptions](this._stderr);
    return formatWithOptions(opts, ...args);
  },
};

for (const key of Reflect.ownKeys(internalMethods)) {
  Object.defineProperty(Console.prototype, key, {
    ...consolePropAttributes,
    value: internalMethods[key],
  });
}

// Durations as Node prints them: 1.234ms, 1.234s, 1:02.345 (m:ss.mmm), ...
const kSecond = 1000;
const kMinute = 60 * kSecond;
const kHour = 60 * kMinute;

function pad(value) {
  return `${value}`.padStart(2, '0');
}

function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= kSecond) {
    if (ms >= kMinute) {
      if (ms >= kHour) {
        hours = Math.floor(ms / kHour);
        ms %= kHour;
      }
      minutes = Math.floor(ms / kMinute);
      ms %= kMinute;
    }
    seconds = ms / kSecond;
  }
  if (hours !== 0 || minutes !== 0) {
    ({ 0: seconds, 1: ms } = seconds.toFixed(3).split('.'));
    const res = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
    return `${res}:${pad(seconds)}.${ms} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

function timeLogImpl(self, name, label, data) {
  const start = self._times.get(label);
  if (start === undefined) {
    process.emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const formatted = formatTime(now() - start);
  if (data === undefined) {
    self.log('%s: %s', label, formatted);
  } else {
    self.log('%s: %s', label, formatted, ...data);
  }
  return true;
}

// Stack of the caller of console.trace(), with the "Trace: msg" header.
function traceStack(message, fn) {
  if (typeof Error.captureStackTrace === 'function') {
    const err = { name: 'Trace', message };
    Error.captureStackTrace(err, fn);
    if (typeof err.stack === 'string') return err.stack;
  }
  const err = new Error(message);
  err.name = 'Trace';
  const stack = typeof err.stack === 'string' ? err.stack : '';
  let lines = stack.split('\n');
  // V8-shaped stacks start with a "Name: message" header; drop it.
  if (lines.length > 0 && !/^\s+at /.test(lines[0]) && /^\s+at /.test(lines[1] || '')) {
    lines = lines.slice(lines.indexOf(lines.find((l) => /^\s+at /.test(l))));
  }
  // The first frame is traceStack's caller (console.trace) itself.
  lines = lines.slice(2).filter((l) => l !== '');
  return `Trace: ${message}${lines.length ? '\n' + lines.join('\n') : ''}`;
}

// Table drawing for console.table().
const tableChars = {
  middleMiddle: '─',
  rowMiddle: '┼',
  topRight: '┐',
  topLeft: '┌',
  leftMiddle: '├',
  topMiddle: '┬',
  bottomRight: '┘',
  bottomLeft: '└',
  bottomMiddle: '┴',
  rightMiddle: '┤',
  left: '│ ',
  right: ' │',
  middle: ' │ ',
};

function renderRow(row, columnWidths) {
  let out = tableChars.left;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    const needed = columnWidths[i] - getStringWidth(cell);
    out += cell + ' '.repeat(needed);
    if (i !== row.length - 1) out += tableChars.middle;
  }
  return out + tableChars.right;
}

function renderTable(head, columns) {
  const rows = [];
  const columnWidths = head.map((h) => getStringWidth(h));
  const longestColumn = Math.max(...columns.map((a) => a.length));
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longestColumn; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = rows[j][i] = Object.hasOwn(column, j) ? column[j] : '';
      const width = columnWidths[i] || 0;
      columnWidths[i] = Math.max(width, getStringWidth(value));
    }
  }
  const divider = columnWidths.map((w) => tableChars.middleMiddle.repeat(w + 2));
  let result = `${tableChars.topLeft}${divider.join(tableChars.topMiddle)}${tableChars.topRight}\n` +
    `${renderRow(head, columnWidths)}\n` +
    `${tableChars.leftMiddle}${divider.join(tableChars.rowMiddle)}${tableChars.rightMiddle}\n`;
  for (const row of rows) result += `${renderRow(row, columnWidths)}\n`;
  result += `${tableChars.bottomLeft}${divider.join(tableChars.bottomMiddle)}${tableChars.bottomRight}`;
  return result;
}

const keyKey = 'Key';
const valuesKey = 'Values';
const indexKey = '(index)';
const iterKey = '(iteration index)';

const consoleMethods = {
  log(...args) {
    this[kWriteToConsole](kUseStdout, this[kFormatForStdout](args));
  },

  warn(...args) {
    this[kWriteToConsole](kUseStderr, this[kFormatForStderr](args));
  },

  dir(object, options) {
    this[kWriteToConsole](kUseStdout, inspect(object, {
      customInspect: false,
      ...this[kGetInspectOptions](this._stdout),
      ...options,
    }));
  },

  time(label = 'default') {
    label = `${label}`;
    if (this._times.has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this._times.set(label, now());
  },

  timeEnd(label = 'default') {
    label = `${label}`;
    const found = timeLogImpl(this, 'timeEnd', label);
    if (found) this._times.delete(label);
  },

  timeLog(label = 'default', ...data) {
    label = `${label}`;
    timeLogImpl(this, 'timeLog', label, data);
  },

  trace: function trace(...args) {
    this.error(traceStack(this[kFormatForStderr](args), trace));
  },

  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      // warn() formats the remaining arguments.
      Reflect.apply(this.warn, this, args);
    }
  },

  // Clearing only makes sense on a terminal.
  clear() {
    if (this._stdout.isTTY && process.env.TERM !== 'dumb') {
      this._stdout.write('\u001b[1;1H');
      this._stdout.write('\u001b[0J');
    }
  },

  count(label = 'default') {
    label = `${label}`;
    const counts = this[kCounts];
    let count = counts.get(label);
    if (count === undefined) count = 1;
    else count++;
    counts.set(label, count);
    this.log(`${label}: ${count}`);
  },

  countReset(label = 'default') {
    const counts = this[kCounts];
    if (!counts.has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    counts.delete(`${label}`);
  },

  group(...data) {
    if (data.length > 0) Reflect.apply(this.log, this, data);
    this[kGroupIndent] += ' '.repeat(this[kGroupIndentationWidth]);
  },

  groupEnd() {
    this[kGroupIndent] = this[kGroupIndent].slice(
      0, this[kGroupIndent].length - this[kGroupIndentationWidth]);
  },

  table(tabularData, properties) {
    if (properties !== undefined && !Array.isArray(properties)) {
      throw new (codes().ERR_INVALID_ARG_TYPE)('properties', 'Array', properties);
    }
    if (tabularData === null || typeof tabularData !== 'object') return this.log(tabularData);

    const final = (k, v) => this.log(renderTable(k, v));

    const _inspect = (v) => {
      const depth = v !== null && typeof v === 'object' && !Array.isArray(v) &&
        Object.keys(v).length > 2 ? -1 : 0;
      const opt = {
        depth,
        maxArrayLength: 3,
        breakLength: Infinity,
        ...this[kGetInspectOptions](this._stdout),
      };
      return inspect(v, opt);
    };
    const getIndexArray = (length) => Array.from({ length }, (_, i) => _inspect(i));

    // Map and Set iterators cannot be previewed without being consumed, so
    // they are shown like any other object.
    if (isMap(tabularData)) {
      const keys = [];
      const values = [];
      let length = 0;
      for (const { 0: k, 1: v } of Map.prototype.entries.call(tabularData)) {
        keys.push(_inspect(k));
        values.push(_inspect(v));
        length++;
      }
      return final([iterKey, keyKey, valuesKey], [getIndexArray(length), keys, values]);
    }

    if (isSet(tabularData)) {
      const values = [];
      let length = 0;
      for (const v of Set.prototype.values.call(tabularData)) {
        values.push(_inspect(v));
        length++;
      }
      return final([iterKey, valuesKey], [getIndexArray(length), values]);
    }

    const map = { __proto__: null };
    let hasPrimitives = false;
    const valuesKeyArray = [];
    const indexKeyArray = Object.keys(tabularData);
    for (let i = 0; i < indexKeyArray.length; i++) {
      const item = tabularData[indexKeyArray[i]];
      const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        valuesKeyArray[i] = _inspect(item);
      } else {
        const keys = properties || Object.keys(item);
        for (const key of keys) {
          map[key] ??= [];
          if ((primitive && properties) || !Object.hasOwn(item, key)) {
            map[key][i] = '';
          } else {
            map[key][i] = _inspect(item[key]);
          }
        }
      }
    }
    const keys = Object.keys(map);
    const values = Object.values(map);
    if (hasPrimitives) {
      keys.push(valuesKey);
      values.push(valuesKeyArray);
    }
    keys.unshift(indexKey);
    values.unshift(indexKeyArray);
    return final(keys, values);
  },
};

for (const key of Object.keys(consoleMethods)) {
  Object.defineProperty(Console.prototype, key, {
    value: consoleMethods[key],
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
Console.prototype.debug = Console.prototype.log;
Console.prototype.info = Console.prototype.log;
Console.prototype.dirxml = Console.prototype.log;
Console.prototype.error = Console.prototype.warn;
Console.prototype.groupCollapsed = Console.prototype.group;

// The global console is a plain object (not a Console instance) whose
// methods are bound copies, like Node's; `instanceof Console` still holds.
function createGlobalConsole() {
  const globalConsole = { __proto__: {} };
  for (const prop of Reflect.ownKeys(Console.prototype)) {
    if (prop === 'constructor') continue;
    const desc = Object.getOwnPropertyDescriptor(Console.prototype, prop);
    if (typeof desc.value === 'function') {
      // Node's inspector wrapper names each method after its key.
      const name = typeof prop === 'string' ? prop : desc.value.name;
      desc.value = desc.value.bind(globalConsole);
      Object.defineProperty(desc.value, 'name', { value: name });
    }
    Object.defineProperty(globalConsole, prop, desc);
  }
  globalConsole[kBindStreamsLazy](process);
  globalConsole[kBindProperties](true, 'auto');
  globalConsole.Console = Console;
  // Inspector-only methods are harmless no-ops without an inspector.
  for (const name of ['profile', 'profileEnd', 'timeStamp']) {
    globalConsole[name] = { [name]() {} }[name];
  }
  Object.defineProperty(globalConsole, Symbol.toStringTag, {
    value: 'console',
    writable: false,
    enumerable: false,
    configurable: true,
  });
  return globalConsole;
}

module.exports = createGlobalConsole();
