'use strict';
// The public `util` module (Node 20 API surface).

const {
  format,
  formatWithOptions,
  inspect,
  isError: isErrorInternal,
  stripVTControlCharacters,
  types: brand,
} = require('internal/util/inspect');

let errorsModule;
function errors() {
  if (errorsModule === undefined) errorsModule = require('internal/errors');
  return errorsModule;
}
function codes() {
  return errors().codes;
}

// ---------------------------------------------------------------------------
// Argument validation with Node's error codes and wording.

function validateFunction(value, name) {
  if (typeof value !== 'function') throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'Function', value);
}
function validateString(value, name) {
  if (typeof value !== 'string') throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'string', value);
}
function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'boolean', value);
}
function validateNumber(value, name) {
  if (typeof value !== 'number') throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'number', value);
}
function validateArray(value, name) {
  if (!Array.isArray(value)) throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'Array', value);
}
function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'Object', value);
  }
}
function validateStringArray(value, name) {
  validateArray(value, name);
  for (let i = 0; i < value.length; i++) validateString(value[i], `${name}[${i}]`);
}
function validateBooleanArray(value, name) {
  validateArray(value, name);
  for (let i = 0; i < value.length; i++) validateBoolean(value[i], `${name}[${i}]`);
}
function validateUnion(value, name, union) {
  if (!union.includes(value)) {
    throw new (codes().ERR_INVALID_ARG_TYPE)(name, `('${union.join('|')}')`, value);
  }
}
function validateOneOf(value, name, oneOf) {
  if (!oneOf.includes(value)) {
    const allowed = oneOf.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
    const reason = 'must be one of: ' + allowed;
    throw new (codes().ERR_INVALID_ARG_VALUE)(name, value, reason);
  }
}

// ---------------------------------------------------------------------------
// util.types

const types = {
  isExternal: () => false,
  isDate: brand.isDate,
  isArgumentsObject: brand.isArgumentsObject,
  isBigIntObject: brand.isBigIntObject,
  isBooleanObject: brand.isBooleanObject,
  isNumberObject: brand.isNumberObject,
  isStringObject: brand.isStringObject,
  isSymbolObject: brand.isSymbolObject,
  isNativeError: brand.isNativeError,
  isRegExp: brand.isRegExp,
  isAsyncFunction: brand.isAsyncFunction,
  isGeneratorFunction: brand.isGeneratorFunction,
  isGeneratorObject: brand.isGeneratorObject,
  isPromise: brand.isPromise,
  isMap: brand.isMap,
  isSet: brand.isSet,
  isMapIterator: brand.isMapIterator,
  isSetIterator: brand.isSetIterator,
  isWeakMap: brand.isWeakMap,
  isWeakSet: brand.isWeakSet,
  isArrayBuffer: brand.isArrayBuffer,
  isDataView: brand.isDataView,
  isSharedArrayBuffer: brand.isSharedArrayBuffer,
  isProxy: brand.isProxy,
  isModuleNamespaceObject: brand.isModuleNamespaceObject,
  isAnyArrayBuffer: brand.isAnyArrayBuffer,
  isBoxedPrimitive: brand.isBoxedPrimitive,
  isArrayBufferView: brand.isArrayBufferView,
  isTypedArray: brand.isTypedArray,
};
for (const name of ['Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array',
                    'Int8Array', 'Int16Array', 'Int32Array', 'Float32Array',
                    'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
  types[`is${name}`] = (value) => brand.typedArrayName(value) === name;
}
types.isKeyObject = (value) => value !== null && typeof value === 'object' &&
  require('internal/crypto/keys').isKeyObject(value);
types.isCryptoKey = (value) => {
  const CryptoKey = globalThis.CryptoKey;
  return typeof CryptoKey === 'function' && value instanceof CryptoKey;
};

// ---------------------------------------------------------------------------
// inherits / promisify / callbackify / deprecate

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('ctor', 'Function', ctor);
  }
  if (superCtor === undefined || superCtor === null) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('superCtor', 'Function', superCtor);
  }
  if (superCtor.prototype === undefined) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('superCtor.prototype', 'Object', superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', {
    value: superCtor,
    writable: true,
    configurable: true,
  });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const kCustomPromisifiedSymbol = Symbol.for('nodejs.util.promisify.custom');
// Callback APIs that pass several results (fs.read, dns.lookup, ...) tag
// themselves with this symbol listing the result names. Prefer the one from
// internal/util when that module exists so every built-in shares it.
let kCustomPromisifyArgsSymbol;
try {
  kCustomPromisifyArgsSymbol = require('internal/util').customPromisifyArgs;
} catch {
  // internal/util is optional.
}
if (typeof kCustomPromisifyArgsSymbol !== 'symbol') {
  kCustomPromisifyArgsSymbol = Symbol.for('nodejs.util.promisify.customArgs');
}

function copyOwnProperties(target, source) {
  const descriptors = Object.getOwnPropertyDescriptors(source);
  // Null prototypes so a polluted Object.prototype cannot add descriptor fields.
  for (const desc of Object.values(descriptors)) Object.setPrototypeOf(desc, null);
  return Object.defineProperties(target, descriptors);
}

function promisify(original) {
  validateFunction(original, 'original');
  if (original[kCustomPromisifiedSymbol]) {
    const fn = original[kCustomPromisifiedSymbol];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, kCustomPromisifiedSymbol, {
      value: fn, enumerable: false, writable: false, configurable: true,
    });
  }
  const argumentNames = original[kCustomPromisifyArgsSymbol];

  function fn(...args) {
    return new Promise((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      });
      Reflect.apply(original, this, args);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisifiedSymbol, {
    value: fn, enumerable: false, writable: false, configurable: true,
  });
  return copyOwnProperties(fn, original);
}
promisify.custom = kCustomPromisifiedSymbol;

function callbackifyOnRejected(reason, cb) {
  // A falsy rejection would look like success to a Node-style callback.
  if (!reason) {
    reason = new (codes().ERR_FALSY_VALUE_REJECTION)(reason);
  }
  return cb(reason);
}

function callbackify(original) {
  validateFunction(original, 'original');
  function callbackified(...args) {
    const maybeCb = args.pop();
    validateFunction(maybeCb, 'last argument');
    const cb = maybeCb.bind(this);
    // Callbacks run on nextTick, so their exceptions escape the promise chain.
    Reflect.apply(original, this, args).then(
      (ret) => { process.nextTick(cb, null, ret); },
      (rej) => { process.nextTick(callbackifyOnRejected, rej, cb); });
  }
  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (descriptors.length && typeof descriptors.length.value === 'number') {
    descriptors.length.value++;
  }
  if (descriptors.name && typeof descriptors.name.value === 'string') {
    descriptors.name.value += 'Callbackified';
  }
  for (const desc of Object.values(descriptors)) Object.setPrototypeOf(desc, null);
  Object.defineProperties(callbackified, descriptors);
  return callbackified;
}

const codesWarned = new Set();

function deprecate(fn, msg, code) {
  if (code !== undefined) validateString(code, 'code');
  let warned = false;
  function deprecated(...args) {
    if (!process.noDeprecation && !warned) {
      warned = true;
      if (code !== undefined) {
        // One warning per code, even across separately deprecated functions.
        if (!codesWarned.has(code)) {
          codesWarned.add(code);
          process.emitWarning(msg, 'DeprecationWarning', code, deprecated);
        }
      } else {
        process.emitWarning(msg, 'DeprecationWarning', deprecated);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  // Keep static members and instanceof working through the wrapper.
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

let internalDeepEqual;
function isDeepStrictEqual(a, b) {
  if (internalDeepEqual === undefined) {
    internalDeepEqual = require('internal/util/comparisons').isDeepStrictEqual;
  }
  return internalDeepEqual(a, b);
}

// ---------------------------------------------------------------------------
// Colors / debuglog

const { shouldColorize } = require('internal/util/colors');

function isNodeStream(obj) {
  return !!(obj && (obj._readableState || obj._writableState ||
    (typeof obj.write === 'function' && typeof obj.on === 'function') ||
    (typeof obj.pipe === 'function' && typeof obj.on === 'function')));
}
function isWebStream(obj) {
  return !!(obj && (typeof obj.getReader === 'function' || typeof obj.getWriter === 'function'));
}

function escapeStyleCode(code) {
  return `\u001b[${code}m`;
}

function styleText(format, text, { validateStream = true, stream = process.stdout } = {}) {
  validateString(text, 'text');
  validateBoolean(validateStream, 'options.validateStream');
  if (validateStream && !isNodeStream(stream) && !isWebStream(stream)) {
    throw new (codes().ERR_INVALID_ARG_TYPE)(
      'stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  if (Array.isArray(format)) {
    let left = '';
    let right = '';
    for (const key of format) {
      const formatCodes = inspect.colors[key];
      if (formatCodes == null) validateOneOf(key, 'format', Object.keys(inspect.colors));
      left += escapeStyleCode(formatCodes[0]);
      right = `${escapeStyleCode(formatCodes[1])}${right}`;
    }
    return `${left}${text}${right}`;
  }
  const formatCodes = inspect.colors[format];
  if (formatCodes == null) validateOneOf(format, 'format', Object.keys(inspect.colors));
  if (validateStream && (!stream || !shouldColorize(stream))) return text;
  return `${escapeStyleCode(formatCodes[0])}${text}${escapeStyleCode(formatCodes[1])}`;
}

let debugImpls;
let testEnabled;

function initializeDebugEnv(debugEnv) {
  debugImpls = { __proto__: null };
  if (debugEnv) {
    // NODE_DEBUG is a comma list of names with '*' wildcards.
    const pattern = debugEnv.replace(/[|\\{}()[\]^$+?.]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll(',', '$|^');
    const re = new RegExp(`^${pattern}$`, 'i');
    testEnabled = (str) => re.test(str);
  } else {
    testEnabled = () => false;
  }
}

function debuglogImpl(enabled, set) {
  if (debugImpls === undefined) initializeDebugEnv(process.env.NODE_DEBUG);
  if (debugImpls[set] === undefined) {
    if (enabled) {
      const pid = process.pid;
      if (set === 'HTTP' || set === 'HTTP2') {
        process.emitWarning('Setting the NODE_DEBUG environment variable ' +
          `to '${set.toLowerCase()}' can expose sensitive data (such as ` +
          'passwords, tokens and authentication headers) in the resulting log.');
      }
      debugImpls[set] = function debug(...args) {
        const colors = shouldColorize(process.stderr);
        const msg = formatWithOptions({ colors }, ...args);
        const coloredPID = inspect(pid, { colors });
        process.stderr.write(format('%s %s: %s\n', set, coloredPID, msg));
      };
    } else {
      debugImpls[set] = function debug() {};
    }
  }
  return debugImpls[set];
}

function debuglog(set, cb) {
  let enabled;
  function init() {
    if (debugImpls === undefined) initializeDebugEnv(process.env.NODE_DEBUG);
    set = set.toUpperCase();
    enabled = testEnabled(set);
  }
  // The environment is only consulted on first use.
  let debug = (...args) => {
    init();
    debug = debuglogImpl(enabled, set);
    if (typeof cb === 'function') cb(debug);
    debug(...args);
  };
  let test = () => {
    init();
    test = () => enabled;
    return enabled;
  };
  const logger = (...args) => debug(...args);
  Object.defineProperty(logger, 'enabled', {
    get() {
      return test();
    },
    configurable: true,
    enumerable: true,
  });
  return logger;
}

// ---------------------------------------------------------------------------
// parseArgs

function objectGetOwn(obj, prop) {
  if (Object.hasOwn(obj, prop)) return obj[prop];
}
function optionsGetOwn(options, longOption, prop) {
  if (Object.hasOwn(options, longOption)) return objectGetOwn(options[longOption], prop);
}
function isOptionValue(value) {
  // An option-argument may itself start with a dash ('-', '--', '-9').
  return value != null;
}
function isOptionLikeValue(value) {
  return value != null && value.length > 1 && value[0] === '-';
}
function isLoneShortOption(arg) {
  return arg.length === 2 && arg[0] === '-' && arg[1] !== '-';
}
function isLoneLongOption(arg) {
  return arg.length > 2 && arg.startsWith('--') && !arg.includes('=', 3);
}
function isLongOptionAndValue(arg) {
  return arg.length > 2 && arg.startsWith('--') && arg.includes('=', 3);
}
function findLongOptionForShort(shortOption, options) {
  const entry = Object.entries(options).find(
    ({ 1: config }) => objectGetOwn(config, 'short') === shortOption);
  return entry?.[0] ?? shortOption;
}
function isShortOptionGroup(arg, options) {
  if (arg.length <= 2 || arg[0] !== '-' || arg[1] === '-') return false;
  const longOption = findLongOptionForShort(arg[1], options);
  return optionsGetOwn(options, longOption, 'type') !== 'string';
}
function isShortOptionAndValue(arg, options) {
  if (arg.length <= 2 || arg[0] !== '-' || arg[1] === '-') return false;
  const longOption = findLongOptionForShort(arg[1], options);
  return optionsGetOwn(options, longOption, 'type') === 'string';
}

function getMainArgs() {
  const execArgv = process.execArgv || [];
  // With -e/-p there is no script path in argv.
  if (['-e', '--eval', '-p', '--print'].some((f) => execArgv.includes(f))) {
    return process.argv.slice(1);
  }
  return process.argv.slice(2);
}

function checkOptionLikeValue(token) {
  if (!token.inlineValue && isOptionLikeValue(token.value)) {
    const example = token.rawName.startsWith('--') ?
      `'${token.rawName}=-XYZ'` :
      `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
    const errorMessage = `Option '${token.rawName}' argument is ambiguous.
Did you forget to specify the option argument for '${token.rawName}'?
To specify an option argument starting with a dash use ${example}.`;
    throw new (codes().ERR_PARSE_ARGS_INVALID_OPTION_VALUE)(errorMessage);
  }
}

function checkOptionUsage(config, token) {
  if (!Object.hasOwn(config.options, token.name)) {
    throw new (codes().ERR_PARSE_ARGS_UNKNOWN_OPTION)(token.rawName, config.allowPositionals);
  }
  const short = optionsGetOwn(config.options, token.name, 'short');
  const shortAndLong = `${short ? `-${short}, ` : ''}--${token.name}`;
  const type = optionsGetOwn(config.options, token.name, 'type');
  if (type === 'string' && typeof token.value !== 'string') {
    throw new (codes().ERR_PARSE_ARGS_INVALID_OPTION_VALUE)(
      `Option '${shortAndLong} <value>' argument missing`);
  }
  if (type === 'boolean' && token.value != null) {
    throw new (codes().ERR_PARSE_ARGS_INVALID_OPTION_VALUE)(
      `Option '${shortAndLong}' does not take an argument`);
  }
}

function storeOption(longOption, optionValue, options, values) {
  if (longOption === '__proto__') return;
  const newValue = optionValue ?? true;
  if (optionsGetOwn(options, longOption, 'multiple')) {
    if (values[longOption]) values[longOption].push(newValue);
    else values[longOption] = [newValue];
  } else {
    values[longOption] = newValue;
  }
}

function argsToTokens(args, options) {
  const tokens = [];
  let index = -1;
  let groupCount = 0;
  const remainingArgs = args.slice();
  while (remainingArgs.length > 0) {
    const arg = remainingArgs.shift();
    const nextArg = remainingArgs[0];
    // Expanded short groups share the index of the original argument.
    if (groupCount > 0) groupCount--;
    else index++;

    if (arg === '--') {
      tokens.push({ kind: 'option-terminator', index });
      for (const rest of remainingArgs) tokens.push({ kind: 'positional', index: ++index, value: rest });
      break;
    }

    if (isLoneShortOption(arg)) {
      const shortOption = arg[1];
      const longOption = findLongOptionForShort(shortOption, options);
      let value;
      let inlineValue;
      if (optionsGetOwn(options, longOption, 'type') === 'string' && isOptionValue(nextArg)) {
        value = remainingArgs.shift();
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name: longOption, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }

    if (isShortOptionGroup(arg, options)) {
      // -abc => -a -b -c; a string option swallows the rest (-abfFILE => -a -b -fFILE).
      const expanded = [];
      for (let i = 1; i < arg.length; i++) {
        const shortOption = arg[i];
        const longOption = findLongOptionForShort(shortOption, options);
        if (optionsGetOwn(options, longOption, 'type') !== 'string' || i === arg.length - 1) {
          expanded.push(`-${shortOption}`);
        } else {
          expanded.push(`-${arg.slice(i)}`);
          break;
        }
      }
      remainingArgs.unshift(...expanded);
      groupCount = expanded.length;
      continue;
    }

    if (isShortOptionAndValue(arg, options)) {
      const shortOption = arg[1];
      const longOption = findLongOptionForShort(shortOption, options);
      tokens.push({
        kind: 'option', name: longOption, rawName: `-${shortOption}`,
        index, value: arg.slice(2), inlineValue: true,
      });
      continue;
    }

    if (isLoneLongOption(arg)) {
      const longOption = arg.slice(2);
      let value;
      let inlineValue;
      if (optionsGetOwn(options, longOption, 'type') === 'string' && isOptionValue(nextArg)) {
        value = remainingArgs.shift();
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name: longOption, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }

    if (isLongOptionAndValue(arg)) {
      const equalIndex = arg.indexOf('=');
      const longOption = arg.slice(2, equalIndex);
      tokens.push({
        kind: 'option', name: longOption, rawName: `--${longOption}`,
        index, value: arg.slice(equalIndex + 1), inlineValue: true,
      });
      continue;
    }

    tokens.push({ kind: 'positional', index, value: arg });
  }
  return tokens;
}

function parseArgs(config = {}) {
  const args = objectGetOwn(config, 'args') ?? getMainArgs();
  const strict = objectGetOwn(config, 'strict') ?? true;
  const allowPositionals = objectGetOwn(config, 'allowPositionals') ?? !strict;
  const returnTokens = objectGetOwn(config, 'tokens') ?? false;
  const options = objectGetOwn(config, 'options') ?? { __proto__: null };
  const parseConfig = { args, strict, options, allowPositionals };

  validateArray(args, 'args');
  validateBoolean(strict, 'strict');
  validateBoolean(allowPositionals, 'allowPositionals');
  validateBoolean(returnTokens, 'tokens');
  validateObject(options, 'options');
  for (const { 0: longOption, 1: optionConfig } of Object.entries(options)) {
    validateObject(optionConfig, `options.${longOption}`);
    const optionType = objectGetOwn(optionConfig, 'type');
    validateUnion(optionType, `options.${longOption}.type`, ['string', 'boolean']);
    if (Object.hasOwn(optionConfig, 'short')) {
      const shortOption = optionConfig.short;
      validateString(shortOption, `options.${longOption}.short`);
      if (shortOption.length !== 1) {
        throw new (codes().ERR_INVALID_ARG_VALUE)(
          `options.${longOption}.short`, shortOption, 'must be a single character');
      }
    }
    const multipleOption = objectGetOwn(optionConfig, 'multiple');
    if (Object.hasOwn(optionConfig, 'multiple')) {
      validateBoolean(multipleOption, `options.${longOption}.multiple`);
    }
    const defaultValue = objectGetOwn(optionConfig, 'default');
    if (defaultValue !== undefined) {
      let validator;
      if (optionType === 'string') validator = multipleOption ? validateStringArray : validateString;
      else validator = multipleOption ? validateBooleanArray : validateBoolean;
      validator(defaultValue, `options.${longOption}.default`);
    }
  }

  const tokens = argsToTokens(args, options);

  const result = {
    values: { __proto__: null },
    positionals: [],
  };
  if (returnTokens) result.tokens = tokens;
  for (const token of tokens) {
    if (token.kind === 'option') {
      if (strict) {
        checkOptionUsage(parseConfig, token);
        checkOptionLikeValue(token);
      }
      storeOption(token.name, token.value, options, result.values);
    } else if (token.kind === 'positional') {
      if (!allowPositionals) {
        throw new (codes().ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL)(token.value);
      }
      result.positionals.push(token.value);
    }
  }

  for (const { 0: longOption, 1: optionConfig } of Object.entries(options)) {
    const defaultValue = objectGetOwn(optionConfig, 'default');
    if (defaultValue !== undefined && result.values[longOption] === undefined &&
        longOption !== '__proto__') {
      result.values[longOption] = defaultValue;
    }
  }
  return result;
}

// ---------------------------------------------------------------------------
// Misc

function toUSVString(input) {
  const str = `${input}`;
  if (typeof String.prototype.toWellFormed === 'function') return str.toWellFormed();
  return str.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
                     '\ufffd');
}

let uvBinding;
function lazyUv() {
  if (uvBinding === undefined) uvBinding = internalBinding('uv');
  return uvBinding;
}

function getSystemErrorName(err) {
  validateNumber(err, 'err');
  if (err >= 0 || !Number.isSafeInteger(err)) {
    throw new (codes().ERR_OUT_OF_RANGE)('err', 'a negative integer', err);
  }
  const name = lazyUv().errname(err);
  return name === undefined ? `Unknown system error ${err}` : name;
}

function getSystemErrorMap() {
  const list = lazyUv().errorList();
  const map = new Map();
  for (let i = 0; i < list.length; i += 3) map.set(list[i], [list[i + 1], list[i + 2]]);
  return map;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun',
                'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function pad(n) {
  return `${n}`.padStart(2, '0');
}
function timestamp() {
  const d = new Date();
  const t = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return `${d.getDate()} ${months[d.getMonth()]} ${t}`;
}

function log(...args) {
  console.log('%s - %s', timestamp(), format(...args));
}

function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

function isBuffer(value) {
  return require('buffer').Buffer.isBuffer(value);
}

async function aborted(signal, resource) {
  if (signal === undefined || signal === null || typeof signal !== 'object' ||
      !('aborted' in signal)) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('signal', 'AbortSignal', signal);
  }
  if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('resource', 'Object', resource);
  }
  if (signal.aborted) return;
  await new Promise((resolve) => {
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

// Signals are not transferable between threads here, so these only validate.
function transferableAbortSignal(signal) {
  if (signal === null || typeof signal !== 'object' ||
      (typeof AbortSignal === 'function' && !(signal instanceof AbortSignal))) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('signal', 'AbortSignal', signal);
  }
  return signal;
}
function transferableAbortController() {
  return new AbortController();
}

function _errnoException(...args) {
  return new (errors().ErrnoException)(...args);
}
function _exceptionWithHostPort(...args) {
  return new (errors().ExceptionWithHostPort)(...args);
}

module.exports = {
  _errnoException,
  _exceptionWithHostPort,
  _extend,
  callbackify,
  debug: debuglog,
  debuglog,
  deprecate,
  format,
  styleText,
  formatWithOptions,
  getSystemErrorMap,
  getSystemErrorName,
  inherits,
  inspect,
  isArray: Array.isArray,
  isBoolean(arg) { return typeof arg === 'boolean'; },
  isBuffer,
  isDeepStrictEqual,
  isNull(arg) { return arg === null; },
  isNullOrUndefined(arg) { return arg === null || arg === undefined; },
  isNumber(arg) { return typeof arg === 'number'; },
  isString(arg) { return typeof arg === 'string'; },
  isSymbol(arg) { return typeof arg === 'symbol'; },
  isUndefined(arg) { return arg === undefined; },
  isRegExp: types.isRegExp,
  isObject(arg) { return arg !== null && typeof arg === 'object'; },
  isDate: types.isDate,
  isError(e) { return isErrorInternal(e) || ObjectToStringIsError(e); },
  isFunction(arg) { return typeof arg === 'function'; },
  isPrimitive(arg) { return arg === null || (typeof arg !== 'object' && typeof arg !== 'function'); },
  log,
  promisify,
  stripVTControlCharacters,
  toUSVString,
  transferableAbortSignal,
  transferableAbortController,
  aborted,
  types,
  parseArgs,
};

function ObjectToStringIsError(e) {
  return Object.prototype.toString.call(e) === '[object Error]';
}

// Web encoding classes are globals provided by the runtime; re-export them.
for (const name of ['TextDecoder', 'TextEncoder', 'MIMEType', 'MIMEParams']) {
  if (typeof globalThis[name] === 'function') module.exports[name] = globalThis[name];
}
