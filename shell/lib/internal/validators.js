'use strict';
// Argument validators shared by the built-ins. Each throws the Node error
// (ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ...) with Node 20's wording, so
// callers only name the argument.

const {
  hideStackFrames,
  codes: {
    ERR_SOCKET_BAD_PORT,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_OUT_OF_RANGE,
    ERR_UNKNOWN_SIGNAL,
  },
} = require('internal/errors');

function isInt32(value) {
  return value === (value | 0);
}

function isUint32(value) {
  return value === (value >>> 0);
}

function isOctalString(value) {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 55) return false; // '0'..'7'
  }
  return true;
}

const modeDesc = 'must be a 32-bit unsigned integer or an octal string';

// Turns a mode given as number or octal string into a number (fs.chmod etc.).
function parseFileMode(value, name, def) {
  value ??= def;
  if (typeof value === 'string') {
    if (!isOctalString(value))
      throw new ERR_INVALID_ARG_VALUE(name, value, modeDesc);
    value = parseInt(value, 8);
  }
  validateUint32(value, name);
  return value;
}

const validateInteger = hideStackFrames(
  (value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) => {
    if (typeof value !== 'number')
      throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
    if (!Number.isInteger(value))
      throw new ERR_OUT_OF_RANGE(name, 'an integer', value);
    if (value < min || value > max)
      throw new ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
  });

const validateInt32 = hideStackFrames(
  (value, name, min = -2147483648, max = 2147483647) => {
    if (typeof value !== 'number')
      throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
    if (!Number.isInteger(value))
      throw new ERR_OUT_OF_RANGE(name, 'an integer', value);
    if (value < min || value > max)
      throw new ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
  });

const validateUint32 = hideStackFrames((value, name, positive = false) => {
  if (typeof value !== 'number')
    throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value))
    throw new ERR_OUT_OF_RANGE(name, 'an integer', value);
  const min = positive ? 1 : 0;
  const max = 4294967295;
  if (value < min || value > max)
    throw new ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
});

const validateString = hideStackFrames((value, name) => {
  if (typeof value !== 'string')
    throw new ERR_INVALID_ARG_TYPE(name, 'string', value);
});

const validateNumber = hideStackFrames((value, name, min = undefined, max) => {
  if (typeof value !== 'number')
    throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  const hasMin = min != null;
  const hasMax = max != null;
  if ((hasMin && value < min) || (hasMax && value > max) ||
      ((hasMin || hasMax) && Number.isNaN(value))) {
    const range = `${hasMin ? `>= ${min}` : ''}` +
      `${hasMin && hasMax ? ' && ' : ''}${hasMax ? `<= ${max}` : ''}`;
    throw new ERR_OUT_OF_RANGE(name, range, value);
  }
});

const validateOneOf = hideStackFrames((value, name, oneOf) => {
  if (!oneOf.includes(value)) {
    const allowed = oneOf.map((v) =>
      (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
    throw new ERR_INVALID_ARG_VALUE(name, value, 'must be one of: ' + allowed);
  }
});

const validateBoolean = hideStackFrames((value, name) => {
  if (typeof value !== 'boolean')
    throw new ERR_INVALID_ARG_TYPE(name, 'boolean', value);
});

const kValidateObjectNone = 0;
const kValidateObjectAllowNullable = 1 << 0;
const kValidateObjectAllowArray = 1 << 1;
const kValidateObjectAllowFunction = 1 << 2;
const kValidateObjectAllowObjects = kValidateObjectAllowArray |
  kValidateObjectAllowFunction;
const kValidateObjectAllowObjectsAndNull = kValidateObjectAllowNullable |
  kValidateObjectAllowArray | kValidateObjectAllowFunction;

// `options` is a bit set of kValidateObjectAllow* flags. Node 18 took an
// options object ({ nullable, allowArray, allowFunction }); accept it too so
// code ported from either version works.
const validateObject = hideStackFrames(
  (value, name, options = kValidateObjectNone) => {
    let flags = options;
    if (typeof options === 'object' && options !== null) {
      flags = (options.nullable ? kValidateObjectAllowNullable : 0) |
        (options.allowArray ? kValidateObjectAllowArray : 0) |
        (options.allowFunction ? kValidateObjectAllowFunction : 0);
    }
    if (flags === kValidateObjectNone) {
      if (value === null || Array.isArray(value) || typeof value !== 'object')
        throw new ERR_INVALID_ARG_TYPE(name, 'Object', value);
      return;
    }
    if ((flags & kValidateObjectAllowNullable) === 0 && value === null)
      throw new ERR_INVALID_ARG_TYPE(name, 'Object', value);
    if ((flags & kValidateObjectAllowArray) === 0 && Array.isArray(value))
      throw new ERR_INVALID_ARG_TYPE(name, 'Object', value);
    const type = typeof value;
    if (type !== 'object' &&
        ((flags & kValidateObjectAllowFunction) === 0 || type !== 'function'))
      throw new ERR_INVALID_ARG_TYPE(name, 'Object', value);
  });

// A WebIDL dictionary: undefined, null or any object (functions included).
const validateDictionary = hideStackFrames((value, name) => {
  if (value != null && typeof value !== 'object' &&
      typeof value !== 'function')
    throw new ERR_INVALID_ARG_TYPE(name, 'a dictionary', value);
});

const validateArray = hideStackFrames((value, name, minLength = 0) => {
  if (!Array.isArray(value))
    throw new ERR_INVALID_ARG_TYPE(name, 'Array', value);
  if (value.length < minLength) {
    throw new ERR_INVALID_ARG_VALUE(name, value,
                                    `must be longer than ${minLength}`);
  }
});

const validateStringArray = hideStackFrames((value, name) => {
  validateArray(value, name);
  for (let i = 0; i < value.length; ++i) {
    if (typeof value[i] !== 'string')
      throw new ERR_INVALID_ARG_TYPE(`${name}[${i}]`, 'string', value[i]);
  }
});

const validateBooleanArray = hideStackFrames((value, name) => {
  validateArray(value, name);
  for (let i = 0; i < value.length; ++i) {
    if (value[i] !== true && value[i] !== false)
      throw new ERR_INVALID_ARG_TYPE(`${name}[${i}]`, 'boolean', value[i]);
  }
});

function validateAbortSignalArray(value, name) {
  validateArray(value, name);
  for (let i = 0; i < value.length; i++) {
    const signal = value[i];
    const indexedName = `${name}[${i}]`;
    if (signal == null)
      throw new ERR_INVALID_ARG_TYPE(indexedName, 'AbortSignal', signal);
    validateAbortSignal(signal, indexedName);
  }
}

// Linux numbering; only consulted if the runtime has no constants binding.
const fallbackSignals = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6,
  SIGIOT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11,
  SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17,
  SIGSTKFLT: 16, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21,
  SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26,
  SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31,
};
let signals;
function getSignals() {
  if (signals === undefined) {
    try {
      signals = internalBinding('constants').os.signals;
    } catch {
      // Fall through to the os module / static table.
    }
    if (!signals) {
      try {
        signals = require('os').constants.signals;
      } catch {
        // Use the static table.
      }
    }
    if (!signals) signals = fallbackSignals;
  }
  return signals;
}

const validateSignalName = hideStackFrames((signal, name = 'signal') => {
  validateString(signal, name);
  const table = getSignals();
  if (table[signal] === undefined) {
    if (table[signal.toUpperCase()] !== undefined) {
      throw new ERR_UNKNOWN_SIGNAL(signal +
                                   ' (signals must use all capital letters)');
    }
    throw new ERR_UNKNOWN_SIGNAL(signal);
  }
});

const validateBuffer = hideStackFrames((buffer, name = 'buffer') => {
  if (!ArrayBuffer.isView(buffer)) {
    throw new ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'],
                                   buffer);
  }
});

function isHexEncoding(encoding) {
  if (typeof encoding !== 'string') return false;
  return encoding === 'hex' || encoding.toLowerCase() === 'hex';
}

// Only hex has a length constraint (whole bytes).
const validateEncoding = hideStackFrames((data, encoding) => {
  const length = data.length;
  if (isHexEncoding(encoding) && length % 2 !== 0) {
    throw new ERR_INVALID_ARG_VALUE('encoding', encoding,
                                    `is invalid for data of length ${length}`);
  }
});

// Accepts numbers and numeric strings in [0, 65535]; returns the number.
const validatePort = hideStackFrames((port, name = 'Port', allowZero = true) => {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim().length === 0) ||
      +port !== (+port >>> 0) ||
      port > 0xFFFF ||
      (port === 0 && !allowZero)) {
    throw new ERR_SOCKET_BAD_PORT(name, port, allowZero);
  }
  return port | 0;
});

// Duck-typed like Node: anything with an `aborted` property passes.
const validateAbortSignal = hideStackFrames((signal, name) => {
  if (signal !== undefined &&
      (signal === null || typeof signal !== 'object' ||
       !('aborted' in signal))) {
    throw new ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
});

const validateFunction = hideStackFrames((value, name) => {
  if (typeof value !== 'function')
    throw new ERR_INVALID_ARG_TYPE(name, 'Function', value);
});

function isAsyncFunction(fn) {
  return Object.prototype.toString.call(fn) === '[object AsyncFunction]';
}

const validatePlainFunction = hideStackFrames((value, name) => {
  if (typeof value !== 'function' || isAsyncFunction(value))
    throw new ERR_INVALID_ARG_TYPE(name, 'Function', value);
});

const validateUndefined = hideStackFrames((value, name) => {
  if (value !== undefined)
    throw new ERR_INVALID_ARG_TYPE(name, 'undefined', value);
});

function validateUnion(value, name, union) {
  if (!union.includes(value)) {
    throw new ERR_INVALID_ARG_TYPE(name, `('${union.join('|')}')`, value);
  }
}

const linkValueRegExp = /^(?:<[^>]*>)(?:\s*;\s*[^;"\s]+(?:=(")?[^;"\s]*\1)?)*$/;
const linkFormatReason =
  'must be an array or string of format "</styles.css>; rel=preload; as=style"';

const validateLinkHeaderFormat = hideStackFrames((value, name) => {
  if (typeof value === 'undefined' || !linkValueRegExp.test(value))
    throw new ERR_INVALID_ARG_VALUE(name, value, linkFormatReason);
});

const validateLinkHeaderValue = hideStackFrames((hints) => {
  if (typeof hints === 'string') {
    validateLinkHeaderFormat(hints, 'hints');
    return hints;
  }
  if (Array.isArray(hints)) {
    let result = '';
    for (let i = 0; i < hints.length; i++) {
      validateLinkHeaderFormat(hints[i], 'hints');
      result += hints[i];
      if (i !== hints.length - 1) result += ', ';
    }
    return result;
  }
  throw new ERR_INVALID_ARG_VALUE('hints', hints, linkFormatReason);
});

const validateInternalField = hideStackFrames((object, fieldKey, className) => {
  if (typeof object !== 'object' || object === null ||
      !Object.prototype.hasOwnProperty.call(object, fieldKey))
    throw new ERR_INVALID_ARG_TYPE('this', className, object);
});

// false for undefined/NaN, true for finite numbers, throws otherwise.
const validateFiniteNumber = hideStackFrames((number, name) => {
  if (number === undefined) return false;
  if (Number.isFinite(number)) return true;
  if (Number.isNaN(number)) return false;
  validateNumber(number, name);
  throw new ERR_OUT_OF_RANGE(name, 'a finite number', number);
});

const checkRangesOrGetDefault = hideStackFrames(
  (number, name, lower, upper, def) => {
    if (!validateFiniteNumber(number, name)) return def;
    if (number < lower || number > upper)
      throw new ERR_OUT_OF_RANGE(name, `>= ${lower} and <= ${upper}`, number);
    return number;
  });

module.exports = {
  isInt32,
  isUint32,
  parseFileMode,
  validateArray,
  validateStringArray,
  validateBooleanArray,
  validateAbortSignalArray,
  validateBoolean,
  validateBuffer,
  validateDictionary,
  validateEncoding,
  validateFunction,
  validateInt32,
  validateInteger,
  validateNumber,
  validateObject,
  kValidateObjectNone,
  kValidateObjectAllowNullable,
  kValidateObjectAllowArray,
  kValidateObjectAllowFunction,
  kValidateObjectAllowObjects,
  kValidateObjectAllowObjectsAndNull,
  validateOneOf,
  validatePlainFunction,
  validatePort,
  validateSignalName,
  validateString,
  validateUint32,
  validateUndefined,
  validateUnion,
  validateAbortSignal,
  validateLinkHeaderValue,
  validateInternalField,
  validateFiniteNumber,
  checkRangesOrGetDefault,
};
