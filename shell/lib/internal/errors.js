'use strict';
// Node's internal errors API: the `codes` table of ERR_* error classes with
// Node's exact message wording, plus the system-error helpers (UVException,
// ErrnoException, ...) that the I/O built-ins use to report libuv failures.

const kIsNodeError = Symbol('kIsNodeError');

// Map of code -> message (string with %s-style placeholders, or a function
// called with the error as `this` so it can attach extra properties).
const messages = new Map();
const codes = {};

// Expected-type names that ERR_INVALID_ARG_TYPE prints as "of type x".
const kTypes = [
  'string', 'function', 'number', 'object', 'Function', 'Object',
  'boolean', 'bigint', 'symbol',
];

let inspectModule;
// The full inspector is a separate built-in; it is only needed for a few
// messages, so it is loaded on first use. A tiny fallback keeps errors working
// even if it fails to load (errors must never throw while being built).
function lazyInspect() {
  if (inspectModule === undefined) {
    try {
      inspectModule = require('internal/util/inspect');
    } catch {
      try {
        inspectModule = require('util');
      } catch {
        inspectModule = null;
      }
    }
    if (inspectModule && typeof inspectModule.inspect !== 'function')
      inspectModule = null;
  }
  return inspectModule;
}

function quoteString(str) {
  // Same quote choice as util.inspect: prefer ', then ", then `.
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes('`') && !str.includes('${')) quote = '`';
  }
  let out = '';
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    const ch = str[i];
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (c === 10) out += '\\n';
    else if (c === 9) out += '\\t';
    else if (c === 13) out += '\\r';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c < 0x20 || c === 0x7f)
      out += '\\x' + c.toString(16).toUpperCase().padStart(2, '0');
    else out += ch;
  }
  return quote + out + quote;
}

// Minimal stand-in for util.inspect, used only if the real one is missing.
function fallbackInspect(value, opts) {
  switch (typeof value) {
    case 'string': return quoteString(value);
    case 'number': return Object.is(value, -0) ? '-0' : `${value}`;
    case 'bigint': return `${value}n`;
    case 'undefined': return 'undefined';
    case 'boolean': case 'symbol': return String(value);
    case 'function':
      return value.name ? `[Function: ${value.name}]` : '[Function (anonymous)]';
    default: {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        if (opts && opts.depth < 0) return '[Array]';
        return value.length === 0 ? '[]' :
          `[ ${value.map((v) => (typeof v === 'object' && v !== null ?
            (Array.isArray(v) ? '[Array]' : '[Object]') :
            fallbackInspect(v))).join(', ')} ]`;
      }
      const proto = Object.getPrototypeOf(value);
      const keys = Object.keys(value);
      let prefix = '';
      if (proto === null) prefix = '[Object: null prototype] ';
      else if (proto.constructor && proto.constructor !== Object &&
               proto.constructor.name)
        prefix = `${proto.constructor.name} `;
      if (keys.length === 0) return `${prefix}{}`;
      if (opts && opts.depth < 0) return prefix ? prefix.trim() : '[Object]';
      return `${prefix}{ ${keys.map((k) => {
        const v = value[k];
        return `${k}: ${typeof v === 'object' && v !== null ?
          (Array.isArray(v) ? '[Array]' : '[Object]') : fallbackInspect(v)}`;
      }).join(', ')} }`;
    }
  }
}

function inspect(value, opts) {
  const m = lazyInspect();
  if (m) {
    try {
      return opts === undefined ? m.inspect(value) : m.inspect(value, opts);
    } catch {
      // Fall through: a broken custom inspector must not break the error.
    }
  }
  return fallbackInspect(value, opts);
}

function formatNumberForS(n) {
  return Object.is(n, -0) ? '-0' : `${n}`;
}

// util.format subset: the ERR_* templates only use %s, %d, %i, %j, %o, %O.
function format(template, args) {
  const m = lazyInspect();
  if (m && typeof m.format === 'function') {
    try {
      return m.format(template, ...args);
    } catch {
      // Fall back to the local formatter below.
    }
  }
  let argIndex = 0;
  let out = '';
  let last = 0;
  for (let i = 0; i < template.length - 1; i++) {
    if (template.charCodeAt(i) !== 37) continue; // '%'
    const spec = template[i + 1];
    if (spec === '%') {
      out += template.slice(last, i) + '%';
      last = i + 2;
      i++;
      continue;
    }
    if (argIndex >= args.length || !'sdijoOf'.includes(spec)) continue;
    const arg = args[argIndex++];
    let rep;
    switch (spec) {
      case 's':
        if (typeof arg === 'number') rep = formatNumberForS(arg);
        else if (typeof arg === 'bigint') rep = `${arg}n`;
        else if (typeof arg === 'object' && arg !== null)
          rep = inspect(arg, { depth: 0, colors: false, compact: 3 });
        else rep = String(arg);
        break;
      case 'd':
        rep = typeof arg === 'bigint' ? `${arg}n` :
          typeof arg === 'symbol' ? 'NaN' : formatNumberForS(Number(arg));
        break;
      case 'i':
        rep = typeof arg === 'bigint' ? `${arg}n` :
          typeof arg === 'symbol' ? 'NaN' : formatNumberForS(parseInt(arg));
        break;
      case 'f':
        rep = typeof arg === 'symbol' ? 'NaN' : formatNumberForS(parseFloat(arg));
        break;
      case 'j':
        try {
          rep = JSON.stringify(arg);
        } catch {
          rep = '[Circular]';
        }
        break;
      default:
        rep = inspect(arg);
    }
    out += template.slice(last, i) + rep;
    last = i + 2;
    i++;
  }
  out += template.slice(last);
  for (; argIndex < args.length; argIndex++) {
    const a = args[argIndex];
    out += ' ' + (typeof a === 'string' ? a : inspect(a));
  }
  return out;
}

function isErrorStackTraceLimitWritable() {
  const desc = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  if (desc === undefined) return Object.isExtensible(Error);
  return Object.prototype.hasOwnProperty.call(desc, 'writable') ?
    desc.writable : desc.set !== undefined;
}

// Node removes its own frames from the stack of errors thrown by validators.
// The engine here has no frame-hiding hook, so the function is returned as
// is; `withoutStackTrace` is kept because ported callers use it.
function hideStackFrames(fn) {
  fn.withoutStackTrace = fn;
  return fn;
}

// "A and B", "A, B, and C" -- Intl.ListFormat is not relied upon.
function formatList(array, type = 'and') {
  const n = array.length;
  if (n === 0) return '';
  if (n === 1) return `${array[0]}`;
  if (n === 2) return `${array[0]} ${type} ${array[1]}`;
  return `${array.slice(0, -1).join(', ')}, ${type} ${array[n - 1]}`;
}

// Text after "Received " in type-mismatch messages.
function determineSpecificType(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  const type = typeof value;
  switch (type) {
    case 'bigint':
      return `type bigint (${value}n)`;
    case 'number':
      return `type number (${Object.is(value, -0) ? '-0' : value})`;
    case 'boolean':
      return `type boolean (${value})`;
    case 'symbol':
      return `type symbol (${String(value)})`;
    case 'function':
      return `function ${value.name}`;
    case 'object':
      if (value.constructor && 'name' in value.constructor)
        return `an instance of ${value.constructor.name}`;
      return `${inspect(value, { depth: -1 })}`;
    case 'string': {
      let s = value;
      if (s.length > 28) s = `${s.slice(0, 25)}...`;
      return s.includes("'") ? `type string (${JSON.stringify(s)})` :
        `type string ('${s}')`;
    }
    default: {
      let s = inspect(value, { colors: false });
      if (s.length > 28) s = `${s.slice(0, 25)}...`;
      return `type ${type} (${s})`;
    }
  }
}

// Groups integer digits by three with "_" (only used for integers).
function addNumericalSeparator(val) {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

function getMessage(key, args, self) {
  const msg = messages.get(key);
  if (typeof msg === 'function') return Reflect.apply(msg, self, args);
  if (args.length === 0) return msg;
  return format(msg, args);
}

function defineHidden(obj, name, value) {
  Object.defineProperty(obj, name, {
    __proto__: null, value, enumerable: false, writable: true,
    configurable: true,
  });
}

function makeNodeErrorWithCode(Base, key) {
  class NodeError extends Base {
    code = key;
    constructor(...args) {
      super();
      defineHidden(this, 'message', getMessage(key, args, this));
      fixStackHeader(this);
    }
    // Node reports the base class (TypeError, ...) as the constructor.
    get ['constructor']() {
      return Base;
    }
    get [kIsNodeError]() {
      return true;
    }
    toString() {
      return `${this.name} [${key}]: ${this.message}`;
    }
  }
  return NodeError;
}

let stackUtil;
function lazyStackUtil() {
  if (stackUtil === undefined) {
    try {
      stackUtil = require('internal/util/stack');
    } catch {
      stackUtil = null;
    }
  }
  return stackUtil;
}

// Frames of the error machinery itself; Node hides them (hideStackFrames).
function isInternalErrorFrame(frame) {
  const file = frame.fileName;
  return typeof file === 'string' &&
    (file.startsWith('node:internal/errors') ||
     file.startsWith('node:internal/validators'));
}

// Gives a Node error the stack Node prints: "TypeError [ERR_X]: message"
// then V8-style "    at" frames. JavaScriptCore records only "fn@file:l:c"
// lines (no header), so they are converted here, once; a V8-style stack
// (other engines) just gets its header replaced.
function fixStackHeader(err) {
  let stack;
  try {
    const desc = Object.getOwnPropertyDescriptor(err, 'stack');
    if (!desc || !('value' in desc)) return;
    stack = desc.value;
  } catch {
    return;
  }
  if (typeof stack !== 'string') return;
  const name = err.name;
  let rest;
  if (stack === name) {
    rest = '';
  } else if (stack.startsWith(name + '\n')) {
    rest = stack.slice(name.length);
  } else if (stack.startsWith(name + ': ')) {
    const nl = stack.indexOf('\n    at ');
    rest = nl === -1 ? '' : stack.slice(nl);
  } else {
    const util = lazyStackUtil();
    if (!util || (stack !== '' && stack.includes('\n    at '))) return;
    const frames = util.parseStack(stack);
    let i = 0;
    while (i < frames.length && isInternalErrorFrame(frames[i])) i++;
    let out = err.toString();
    for (; i < frames.length; i++)
      out += `\n    at ${new util.CallSite(frames[i]).toString()}`;
    defineHidden(err, 'stack', out);
    return;
  }
  defineHidden(err, 'stack', `${err.toString()}${rest}`);
}

// Errors reporting a failed system call, with the uv context in `info`.
class SystemError extends Error {
  constructor(key, context) {
    super();
    const prefix = getMessage(key, [], this);
    let message = `${prefix}: ${context.syscall} returned ` +
                  `${context.code} (${context.message})`;
    if (context.path !== undefined) message += ` ${context.path}`;
    if (context.dest !== undefined) message += ` => ${context.dest}`;
    this.code = key;
    Object.defineProperties(this, {
      [kIsNodeError]: {
        __proto__: null, value: true, enumerable: false, writable: false,
        configurable: true,
      },
      name: {
        __proto__: null, value: 'SystemError', enumerable: false,
        writable: true, configurable: true,
      },
      message: {
        __proto__: null, value: message, enumerable: false, writable: true,
        configurable: true,
      },
      info: {
        __proto__: null, value: context, enumerable: true, configurable: true,
        writable: false,
      },
      errno: {
        __proto__: null,
        get() { return context.errno; },
        set: (value) => { context.errno = value; },
        enumerable: true, configurable: true,
      },
      syscall: {
        __proto__: null,
        get() { return context.syscall; },
        set: (value) => { context.syscall = value; },
        enumerable: true, configurable: true,
      },
    });
    for (const prop of ['path', 'dest']) {
      if (context[prop] === undefined) continue;
      Object.defineProperty(this, prop, {
        __proto__: null,
        get() {
          return context[prop] != null ? context[prop].toString() :
            context[prop];
        },
        set: (value) => {
          context[prop] = value ? require('buffer').Buffer.from(`${value}`) :
            undefined;
        },
        enumerable: true, configurable: true,
      });
    }
    fixStackHeader(this);
  }
  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](recurseTimes, ctx) {
    const m = lazyInspect();
    if (!m) return this.toString();
    return m.inspect(this, { ...ctx, getters: true, customInspect: false });
  }
}

function makeSystemErrorWithCode(key) {
  return class NodeError extends SystemError {
    constructor(ctx) {
      super(key, ctx);
    }
  };
}

// Registers a code. Extra base classes become `codes.X.TypeError` etc. Node
// 20 also exposes `.HideStackFramesError` variants; they are the same class
// here since stack frames are not hidden. The classes are built on first
// access: errors.js loads during bootstrap and most codes are never used.
function E(sym, val, def, ...otherClasses) {
  messages.set(sym, val);
  Object.defineProperty(codes, sym, {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      const ErrClass = makeErrorClass(sym, def, otherClasses);
      Object.defineProperty(codes, sym, {
        __proto__: null, value: ErrClass, writable: true, enumerable: true,
        configurable: true,
      });
      return ErrClass;
    },
    set(value) {
      Object.defineProperty(codes, sym, {
        __proto__: null, value, writable: true, enumerable: true,
        configurable: true,
      });
    },
  });
}

function makeErrorClass(sym, def, otherClasses) {
  const ErrClass = def === SystemError ? makeSystemErrorWithCode(sym) :
    makeNodeErrorWithCode(def, sym);
  for (const clazz of otherClasses) {
    ErrClass[clazz.name] = makeNodeErrorWithCode(clazz, sym);
    ErrClass[clazz.name].HideStackFramesError = ErrClass[clazz.name];
  }
  ErrClass.HideStackFramesError = ErrClass;
  return ErrClass;
}

// ---------------------------------------------------------------------------
// uv / system errors

let uvBinding;
function lazyUv() {
  if (uvBinding === undefined) {
    try {
      uvBinding = internalBinding('uv');
    } catch {
      uvBinding = null;
    }
  }
  return uvBinding;
}

const uvUnmappedError = ['UNKNOWN', 'unknown error'];

// [name, description] for a negative libuv errno, or undefined if unknown.
function uvErrmapGet(errno) {
  const uv = lazyUv();
  if (!uv || typeof errno !== 'number') return undefined;
  try {
    if (typeof uv.getErrorMap === 'function') {
      uv.errmap ??= uv.getErrorMap();
      return uv.errmap.get(errno);
    }
    const name = uv.errname(errno);
    if (typeof name !== 'string' || name.startsWith('Unknown system error'))
      return undefined;
    return [name, uv.strerror(errno)];
  } catch {
    return undefined;
  }
}

// util.getSystemErrorName without argument validation.
function getSystemErrorName(err) {
  const entry = uvErrmapGet(err);
  return entry ? entry[0] : `Unknown system error ${err}`;
}

// The error fs & co. throw for a failed libuv call: message
// "ENOENT: no such file or directory, open '/x'".
class UVException extends Error {
  constructor(ctx) {
    const [code, uvmsg] = uvErrmapGet(ctx.errno) || uvUnmappedError;
    let message = `${code}: ${ctx.message || uvmsg}, ${ctx.syscall}`;
    let path;
    let dest;
    if (ctx.path) {
      path = ctx.path.toString();
      message += ` '${path}'`;
    }
    if (ctx.dest) {
      dest = ctx.dest.toString();
      message += ` -> '${dest}'`;
    }
    super(message);
    for (const prop of Object.keys(ctx)) {
      if (prop === 'message' || prop === 'path' || prop === 'dest') continue;
      this[prop] = ctx[prop];
    }
    this.code = code;
    if (path) this.path = path;
    if (dest) this.dest = dest;
  }
  get ['constructor']() {
    return Error;
  }
}

class UVExceptionWithHostPort extends Error {
  constructor(err, syscall, address, port) {
    const [code, uvmsg] = uvErrmapGet(err) || uvUnmappedError;
    let details = '';
    if (port && port > 0) details = ` ${address}:${port}`;
    else if (address) details = ` ${address}`;
    super(`${syscall} ${code}: ${uvmsg}${details}`);
    this.code = code;
    this.errno = err;
    this.syscall = syscall;
    this.address = address;
    if (port) this.port = port;
  }
  get ['constructor']() {
    return Error;
  }
}

// Formerly util._errnoException(): message "syscall CODE [original]".
class ErrnoException extends Error {
  constructor(err, syscall, original) {
    const code = getSystemErrorName(err);
    super(original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`);
    this.errno = err;
    this.code = code;
    this.syscall = syscall;
  }
  get ['constructor']() {
    return Error;
  }
}

class ExceptionWithHostPort extends Error {
  constructor(err, syscall, address, port, additional) {
    const code = getSystemErrorName(err);
    let details = '';
    if (port && port > 0) details = ` ${address}:${port}`;
    else if (address) details = ` ${address}`;
    if (additional) details += ` - Local (${additional})`;
    super(`${syscall} ${code}${details}`);
    this.errno = err;
    this.code = code;
    this.syscall = syscall;
    this.address = address;
    if (port) this.port = port;
  }
  get ['constructor']() {
    return Error;
  }
}

// libuv's getaddrinfo "no data"/"no name" codes (same on every platform).
const UV_EAI_NODATA = -3007;
const UV_EAI_NONAME = -3008;

class DNSException extends Error {
  // `code` is a libuv errno (number) or a c-ares code name (string).
  constructor(code, syscall, hostname) {
    let errno;
    if (typeof code === 'number') {
      errno = code;
      const uv = lazyUv();
      const nodata = uv && uv.UV_EAI_NODATA !== undefined ?
        uv.UV_EAI_NODATA : UV_EAI_NODATA;
      const noname = uv && uv.UV_EAI_NONAME !== undefined ?
        uv.UV_EAI_NONAME : UV_EAI_NONAME;
      // ENOTFOUND is not a real errno but is what Node has always reported.
      code = code === nodata || code === noname ? 'ENOTFOUND' :
        getSystemErrorName(code);
    }
    super(`${syscall} ${code}${hostname ? ` ${hostname}` : ''}`);
    this.errno = errno;
    this.code = code;
    this.syscall = syscall;
    if (hostname) this.hostname = hostname;
  }
  get ['constructor']() {
    return Error;
  }
}

class ConnResetException extends Error {
  constructor(msg) {
    super(msg);
    this.code = 'ECONNRESET';
  }
  get ['constructor']() {
    return Error;
  }
}

// Node's AbortError is a plain Error with code/name, not a DOMException, so
// userland streams can create it too.
class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    if (options !== undefined && typeof options !== 'object')
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

function genericNodeError(message, errorProperties) {
  const err = new Error(message);
  Object.assign(err, errorProperties);
  return err;
}

// Combines an error raised while handling another one (e.g. during destroy).
function aggregateTwoErrors(innerError, outerError) {
  if (innerError && outerError && innerError !== outerError) {
    if (Array.isArray(outerError.errors)) {
      outerError.errors.push(innerError);
      return outerError;
    }
    const err = new AggregateError([outerError, innerError],
                                   outerError.message);
    err.code = outerError.code;
    return err;
  }
  return innerError || outerError;
}

class NodeAggregateError extends AggregateError {
  constructor(errors, message) {
    super([...errors], message);
    this.code = errors[0]?.code;
  }
  get [kIsNodeError]() {
    return true;
  }
  get ['constructor']() {
    return AggregateError;
  }
}

let maxStackErrorName;
let maxStackErrorMessage;
function isStackOverflowError(err) {
  if (maxStackErrorMessage === undefined) {
    try {
      const overflowStack = () => overflowStack() + 1;
      overflowStack();
    } catch (e) {
      maxStackErrorMessage = e.message;
      maxStackErrorName = e.name;
    }
  }
  return Boolean(err) && err.name === maxStackErrorName &&
    err.message === maxStackErrorMessage;
}

// No V8 arrow messages here; kept so ported callers work.
function setArrowMessage() {}
function hideInternalStackFrames() {}

function inspectWithNoCustomRetry(obj, options) {
  try {
    return inspect(obj, options);
  } catch {
    return inspect(obj, { ...options, customInspect: false });
  }
}

// ---------------------------------------------------------------------------
// The codes. Messages are Node 20's, byte for byte.

E('ERR_ACCESS_DENIED', function(msg, permission = '', resource = '') {
  this.permission = permission;
  this.resource = resource;
  return msg;
}, Error);
E('ERR_AMBIGUOUS_ARGUMENT', 'The "%s" argument is ambiguous. %s', TypeError);
E('ERR_ARG_NOT_ITERABLE', '%s must be iterable', TypeError);
E('ERR_ASSERTION', '%s', Error);
E('ERR_ASYNC_CALLBACK', '%s must be a function', TypeError);
E('ERR_ASYNC_TYPE', 'Invalid name for async "type": %s', TypeError);
E('ERR_BROTLI_INVALID_PARAM', '%s is not a valid Brotli parameter',
  RangeError);
E('ERR_BUFFER_OUT_OF_BOUNDS', (name = undefined) => (name ?
  `"${name}" is outside of buffer bounds` :
  'Attempt to access memory outside buffer bounds'), RangeError);
E('ERR_BUFFER_TOO_LARGE', 'Cannot create a Buffer larger than %s bytes',
  RangeError);
E('ERR_CANNOT_WATCH_SIGINT', 'Cannot watch for SIGINT signals', Error);
E('ERR_CHILD_CLOSED_BEFORE_REPLY', 'Child closed before reply received',
  Error);
E('ERR_CHILD_PROCESS_IPC_REQUIRED',
  "Forked processes must have an IPC channel, missing value 'ipc' in %s",
  Error);
E('ERR_CHILD_PROCESS_STDIO_MAXBUFFER', '%s maxBuffer length exceeded',
  RangeError);
E('ERR_CONSOLE_WRITABLE_STREAM',
  'Console expects a writable stream instance for %s', TypeError);
E('ERR_CONTEXT_NOT_INITIALIZED', 'context used is not initialized', Error);
E('ERR_CRYPTO_HASH_FINALIZED', 'Digest already called', Error);
E('ERR_CRYPTO_HASH_UPDATE_FAILED', 'Hash update failed', Error);
E('ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: %s', TypeError);
E('ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation %s', Error);
E('ERR_DIR_CLOSED', 'Directory handle was closed', Error);
E('ERR_DIR_CONCURRENT_OPERATION',
  'Cannot do synchronous work on directory handle with concurrent ' +
  'asynchronous operations', Error);
E('ERR_DNS_SET_SERVERS_FAILED', 'c-ares failed to set servers: "%s" [%s]',
  Error);
E('ERR_DOMAIN_CALLBACK_NOT_AVAILABLE',
  'A callback was registered through ' +
  'process.setUncaughtExceptionCaptureCallback(), which is mutually ' +
  'exclusive with using the `domain` module', Error);
E('ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE',
  'The `domain` module is in use, which is mutually exclusive with calling ' +
  'process.setUncaughtExceptionCaptureCallback()', Error);
E('ERR_ENCODING_INVALID_ENCODED_DATA', function(encoding, ret) {
  this.errno = ret;
  return `The encoded data was not valid for encoding ${encoding}`;
}, TypeError);
E('ERR_ENCODING_NOT_SUPPORTED', 'The "%s" encoding is not supported',
  RangeError);
E('ERR_EVAL_ESM_CANNOT_PRINT', '--print cannot be used with ESM input', Error);
E('ERR_EVENT_RECURSION', 'The event "%s" is already being dispatched', Error);
E('ERR_FALSY_VALUE_REJECTION', function(reason) {
  this.reason = reason;
  return 'Promise was rejected with falsy value';
}, Error);
E('ERR_FEATURE_UNAVAILABLE_ON_PLATFORM',
  'The feature %s is unavailable on the current platform' +
  ', which is being used to run Node.js', TypeError);
E('ERR_FS_CP_DIR_TO_NON_DIR',
  'Cannot overwrite non-directory with directory', SystemError);
E('ERR_FS_CP_EEXIST', 'Target already exists', SystemError);
E('ERR_FS_CP_EINVAL', 'Invalid src or dest', SystemError);
E('ERR_FS_CP_FIFO_PIPE', 'Cannot copy a FIFO pipe', SystemError);
E('ERR_FS_CP_NON_DIR_TO_DIR',
  'Cannot overwrite directory with non-directory', SystemError);
E('ERR_FS_CP_SOCKET', 'Cannot copy a socket file', SystemError);
E('ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY',
  'Cannot overwrite symlink in subdirectory of self', SystemError);
E('ERR_FS_CP_UNKNOWN', 'Cannot copy an unknown file type', SystemError);
E('ERR_FS_EISDIR', 'Path is a directory', SystemError);
E('ERR_FS_FILE_TOO_LARGE', 'File size (%s) is greater than 2 GiB',
  RangeError);
E('ERR_FS_INVALID_SYMLINK_TYPE',
  'Symlink type must be one of "dir", "file", or "junction". Received "%s"',
  Error);
E('ERR_HTTP_BODY_NOT_ALLOWED',
  'Adding content for this request method or response status is not allowed.',
  Error);
E('ERR_HTTP_CONTENT_LENGTH_MISMATCH',
  'Response body\'s content-length of %s byte(s) does not match the ' +
  'content-length of %s byte(s) set in header', Error);
E('ERR_HTTP_HEADERS_SENT',
  'Cannot %s headers after they are sent to the client', Error);
E('ERR_HTTP_INVALID_HEADER_VALUE', 'Invalid value "%s" for header "%s"',
  TypeError);
E('ERR_HTTP_INVALID_STATUS_CODE', 'Invalid status code: %s', RangeError);
E('ERR_HTTP_REQUEST_TIMEOUT', 'Request timeout', Error);
E('ERR_HTTP_SOCKET_ASSIGNED',
  'ServerResponse has an already assigned socket', Error);
E('ERR_HTTP_SOCKET_ENCODING',
  'Changing the socket encoding is not allowed per RFC7230 Section 3.', Error);
E('ERR_HTTP_TRAILER_INVALID',
  'Trailers are invalid with this transfer encoding', Error);
E('ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor', TypeError);
E('ERR_IMPORT_ASSERTION_TYPE_FAILED',
  'Module "%s" is not of type "%s"', TypeError);
E('ERR_IMPORT_ASSERTION_TYPE_MISSING',
  'Module "%s" needs an import attribute of type "%s"', TypeError);
E('ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED',
  'Import attribute type "%s" is unsupported', TypeError);
E('ERR_IMPORT_ATTRIBUTE_UNSUPPORTED',
  'Import attribute "%s" with value "%s" is not supported', TypeError);
E('ERR_INCOMPATIBLE_OPTION_PAIR',
  'Option "%s" cannot be used in combination with option "%s"', TypeError);
E('ERR_INPUT_TYPE_NOT_ALLOWED', '--input-type can only be used with string ' +
  'input via --eval, --print, or STDIN', Error);
E('ERR_INSPECTOR_NOT_AVAILABLE', 'Inspector is not available', Error);
E('ERR_INTERNAL_ASSERTION', (message) => {
  const suffix = 'This is caused by either a bug in Node.js ' +
    'or incorrect usage of Node.js internals.\n' +
    'Please open an issue with this stack trace at ' +
    'https://github.com/nodejs/node/issues\n';
  return message === undefined ? suffix : `${message}\n${suffix}`;
}, Error);
E('ERR_INVALID_ADDRESS_FAMILY', function(addressType, host, port) {
  this.host = host;
  this.port = port;
  return `Invalid address family: ${addressType} ${host}:${port}`;
}, RangeError);
E('ERR_INVALID_ARG_TYPE', (name, expected, actual) => {
  if (!Array.isArray(expected)) expected = [expected];
  let msg = 'The ';
  if (name.endsWith(' argument')) {
    msg += `${name} `; // e.g. 'first argument'
  } else {
    msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
  }
  msg += 'must be ';
  const types = [];
  const instances = [];
  const other = [];
  for (const value of expected) {
    if (kTypes.includes(value)) types.push(value.toLowerCase());
    else if (isClassName(value)) instances.push(value);
    else other.push(value);
  }
  // With instances listed, "object" reads better as "an instance of Object".
  if (instances.length > 0) {
    const pos = types.indexOf('object');
    if (pos !== -1) {
      types.splice(pos, 1);
      instances.push('Object');
    }
  }
  if (types.length > 0) {
    msg += `${types.length > 1 ? 'one of type' : 'of type'} ` +
      formatList(types, 'or');
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    msg += `an instance of ${formatList(instances, 'or')}`;
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 0) {
    if (other.length > 1) {
      msg += `one of ${formatList(other, 'or')}`;
    } else {
      if (other[0].toLowerCase() !== other[0]) msg += 'an ';
      msg += `${other[0]}`;
    }
  }
  return `${msg}. Received ${determineSpecificType(actual)}`;
}, TypeError);
E('ERR_INVALID_ARG_VALUE', (name, value, reason = 'is invalid') => {
  let inspected = inspect(value);
  if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
  const type = name.includes('.') ? 'property' : 'argument';
  return `The ${type} '${name}' ${reason}. Received ${inspected}`;
}, TypeError, RangeError);
E('ERR_INVALID_ASYNC_ID', 'Invalid %s value: %s', RangeError);
E('ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of %s',
  RangeError);
E('ERR_INVALID_CHAR', (name, field = undefined) => {
  let msg = `Invalid character in ${name}`;
  if (field !== undefined) msg += ` ["${field}"]`;
  return msg;
}, TypeError);
E('ERR_INVALID_CURSOR_POS',
  'Cannot set cursor row without setting its column', TypeError);
E('ERR_INVALID_FD', '"fd" must be a positive integer: %s', RangeError);
E('ERR_INVALID_FD_TYPE', 'Unsupported fd type: %s', TypeError);
E('ERR_INVALID_FILE_URL_HOST',
  'File URL host must be "localhost" or empty on %s', TypeError);
E('ERR_INVALID_FILE_URL_PATH', 'File URL path %s', TypeError);
E('ERR_INVALID_HANDLE_TYPE', 'This handle type cannot be sent', TypeError);
E('ERR_INVALID_HTTP_TOKEN', '%s must be a valid HTTP token ["%s"]',
  TypeError);
E('ERR_INVALID_IP_ADDRESS', 'Invalid IP address: %s', TypeError);
E('ERR_INVALID_MIME_SYNTAX', (production, str, invalidIndex) => {
  const at = invalidIndex !== -1 ? ` at ${invalidIndex}` : '';
  return `The MIME syntax for a ${production} in "${str}" is invalid${at}`;
}, TypeError);
E('ERR_INVALID_MODULE_SPECIFIER', (request, reason, base = undefined) =>
  `Invalid module "${request}" ${reason}${base ? ` imported from ${base}` :
    ''}`, TypeError);
E('ERR_INVALID_PACKAGE_CONFIG', (path, base, message) =>
  `Invalid package config ${path}${base ? ` while importing ${base}` : ''}` +
  `${message ? `. ${message}` : ''}`, Error);
E('ERR_INVALID_PACKAGE_TARGET',
  (pkgPath, key, target, isImport = false, base = undefined) => {
    const relError = typeof target === 'string' && !isImport &&
      target.length > 0 && !target.startsWith('./');
    const from = base ? ` imported from ${base}` : '';
    const rel = relError ? '; targets must start with "./"' : '';
    if (key === '.') {
      return `Invalid "exports" main target ${JSON.stringify(target)} ` +
        `defined in the package config ${pkgPath}package.json${from}${rel}`;
    }
    return `Invalid "${isImport ? 'imports' : 'exports'}" target ` +
      `${JSON.stringify(target)} defined for '${key}' in the package ` +
      `config ${pkgPath}package.json${from}${rel}`;
  }, Error);
E('ERR_INVALID_PROTOCOL', 'Protocol "%s" not supported. Expected "%s"',
  TypeError);
E('ERR_INVALID_REPL_EVAL_CONFIG',
  'Cannot specify both "breakEvalOnSigint" and "eval" for REPL', TypeError);
E('ERR_INVALID_REPL_INPUT', '%s', TypeError);
E('ERR_INVALID_RETURN_PROPERTY', (input, name, prop, value) =>
  `Expected a valid ${input} to be returned for the "${prop}" from the` +
  ` "${name}" hook but got ${determineSpecificType(value)}.`, TypeError);
E('ERR_INVALID_RETURN_PROPERTY_VALUE', (input, name, prop, value) =>
  `Expected ${input} to be returned for the "${prop}" from the` +
  ` "${name}" hook but got ${determineSpecificType(value)}.`, TypeError);
E('ERR_INVALID_RETURN_VALUE', (input, name, value) =>
  `Expected ${input} to be returned from the "${name}"` +
  ` function but got ${determineSpecificType(value)}.`, TypeError, RangeError);
E('ERR_INVALID_STATE', 'Invalid state: %s', Error, TypeError, RangeError);
E('ERR_INVALID_SYNC_FORK_INPUT',
  'Asynchronous forks do not support ' +
  'Buffer, TypedArray, DataView or string input: %s', TypeError);
E('ERR_INVALID_THIS', 'Value of "this" must be of type %s', TypeError);
E('ERR_INVALID_TUPLE', '%s must be an iterable %s tuple', TypeError);
E('ERR_INVALID_URI', 'URI malformed', URIError);
E('ERR_INVALID_URL', function(input, base = null) {
  this.input = input;
  if (base != null) this.base = base;
  // The URL itself is deliberately kept out of the message.
  return 'Invalid URL';
}, TypeError);
E('ERR_INVALID_URL_SCHEME', (expected) => {
  if (typeof expected === 'string') expected = [expected];
  const res = expected.length === 2 ?
    `one of scheme ${expected[0]} or ${expected[1]}` :
    `of scheme ${expected[0]}`;
  return `The URL must be ${res}`;
}, TypeError);
E('ERR_IPC_CHANNEL_CLOSED', 'Channel closed', Error);
E('ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected', Error);
E('ERR_IPC_ONE_PIPE', 'Child process can have only one IPC pipe', Error);
E('ERR_IPC_SYNC_FORK', 'IPC cannot be used with synchronous forks', Error);
E('ERR_METHOD_NOT_IMPLEMENTED', 'The %s method is not implemented', Error);
E('ERR_MISSING_ARGS', (...args) => {
  const len = args.length;
  const wrap = (a) => `"${a}"`;
  const names = args.map((a) =>
    (Array.isArray(a) ? a.map(wrap).join(' or ') : wrap(a)));
  return `The ${formatList(names)} argument${len > 1 ? 's' : ''} ` +
    'must be specified';
}, TypeError);
E('ERR_MISSING_OPTION', '%s is required', TypeError);
E('ERR_MODULE_NOT_FOUND', function(path, base, exactUrl) {
  if (exactUrl) {
    Object.defineProperty(this, 'url', {
      __proto__: null, value: `${exactUrl}`, enumerable: true,
      writable: true, configurable: true,
    });
  }
  return `Cannot find ${exactUrl ? 'module' : 'package'} '${path}' ` +
    `imported from ${base}`;
}, Error);
E('ERR_MULTIPLE_CALLBACK', 'Callback called multiple times', Error);
E('ERR_NO_CRYPTO', 'Node.js is not compiled with OpenSSL crypto support',
  Error);
E('ERR_NO_ICU', '%s is not supported on Node.js compiled without ICU',
  TypeError);
E('ERR_OPERATION_FAILED', 'Operation failed: %s', Error, TypeError);
E('ERR_OUT_OF_RANGE',
  (str, range, input, replaceDefaultBoolean = false) => {
    let msg = replaceDefaultBoolean ? str :
      `The value of "${str}" is out of range.`;
    let received;
    if (Number.isInteger(input) && Math.abs(input) > 2 ** 32) {
      received = addNumericalSeparator(String(input));
    } else if (typeof input === 'bigint') {
      received = String(input);
      if (input > 2n ** 32n || input < -(2n ** 32n))
        received = addNumericalSeparator(received);
      received += 'n';
    } else {
      received = inspect(input);
    }
    msg += ` It must be ${range}. Received ${received}`;
    return msg;
  }, RangeError);
E('ERR_PACKAGE_IMPORT_NOT_DEFINED', (specifier, packagePath, base) =>
  `Package import specifier "${specifier}" is not defined${packagePath ?
    ` in package ${packagePath}package.json` : ''} imported from ${base}`,
  TypeError);
E('ERR_PACKAGE_PATH_NOT_EXPORTED', (pkgPath, subpath, base = undefined) => {
  const from = base ? ` imported from ${base}` : '';
  if (subpath === '.')
    return `No "exports" main defined in ${pkgPath}package.json${from}`;
  return `Package subpath '${subpath}' is not defined by "exports" in ` +
    `${pkgPath}package.json${from}`;
}, Error);
E('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', '%s', TypeError);
E('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', "Unexpected argument '%s'. This " +
  'command does not take positional arguments', TypeError);
E('ERR_PARSE_ARGS_UNKNOWN_OPTION', (option, allowPositionals) => {
  const suggestDashDash = allowPositionals ? '. To specify a positional ' +
    "argument starting with a '-', place it at the end of the command after " +
    `'--', as in '-- ${JSON.stringify(option)}` : '';
  return `Unknown option '${option}'${suggestDashDash}`;
}, TypeError);
E('ERR_PERFORMANCE_INVALID_TIMESTAMP', '%d is not a valid timestamp',
  TypeError);
E('ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS', '%s', TypeError);
E('ERR_REQUIRE_ASYNC_MODULE', (filename, parentFilename) =>
  'require() cannot be used on an ESM graph with top-level await. Use import() instead.' +
  (filename ? `\n  From ${parentFilename ?? '<unknown>'}\n  Requiring ${filename}` : ''), Error);
E('ERR_REQUIRE_CYCLE_MODULE', '%s', Error);
E('ERR_REQUIRE_ESM',
  function(filename, hasEsmSyntax, parentPath = null, packageJsonPath = null) {
    let msg = `require() of ES Module ${filename}${parentPath ?
      ` from ${parentPath}` : ''} not supported.`;
    if (!packageJsonPath) {
      if (filename.endsWith('.mjs')) {
        msg += `\nInstead change the require of ${filename} to a dynamic ` +
          'import() which is available in all CommonJS modules.';
      }
      return msg;
    }
    const path = require('path');
    const basename = parentPath &&
      path.basename(filename) === path.basename(parentPath) ?
      filename : path.basename(filename);
    if (hasEsmSyntax) {
      msg += `\nInstead change the require of ${basename} in ${parentPath} ` +
        'to a dynamic import() which is available in all CommonJS modules.';
      return msg;
    }
    msg += `\n${basename} is treated as an ES module file as it is a .js ` +
      'file whose nearest parent package.json contains "type": "module" ' +
      'which declares all .js files in that package scope as ES modules.' +
      `\nInstead either rename ${basename} to end in .cjs, change the ` +
      'requiring code to use dynamic import() which is available in all ' +
      'CommonJS modules, or change "type": "module" to "type": "commonjs" ' +
      `in ${packageJsonPath} to treat all .js files as CommonJS (using .mjs ` +
      'for all ES modules instead).\n';
    return msg;
  }, Error);
E('ERR_SCRIPT_EXECUTION_INTERRUPTED',
  'Script execution was interrupted by `SIGINT`', Error);
E('ERR_SERVER_ALREADY_LISTEN',
  'Listen method has been called more than once without closing.', Error);
E('ERR_SERVER_NOT_RUNNING', 'Server is not running.', Error);
E('ERR_SOCKET_ALREADY_BOUND', 'Socket is already bound', Error);
E('ERR_SOCKET_BAD_BUFFER_SIZE', 'Buffer size must be a positive integer',
  TypeError);
E('ERR_SOCKET_BAD_PORT', (name, port, allowZero = true) => {
  const operator = allowZero ? '>=' : '>';
  return `${name} should be ${operator} 0 and < 65536. ` +
    `Received ${determineSpecificType(port)}.`;
}, RangeError);
E('ERR_SOCKET_BAD_TYPE',
  'Bad socket type specified. Valid types are: udp4, udp6', TypeError);
E('ERR_SOCKET_BUFFER_SIZE', 'Could not get or set buffer size', SystemError);
E('ERR_SOCKET_CLOSED', 'Socket is closed', Error);
E('ERR_SOCKET_CLOSED_BEFORE_CONNECTION',
  'Socket closed before the connection was established', Error);
E('ERR_SOCKET_CONNECTION_TIMEOUT', 'Socket connection timeout', Error);
E('ERR_SOCKET_DGRAM_IS_CONNECTED', 'Already connected', Error);
E('ERR_SOCKET_DGRAM_NOT_CONNECTED', 'Not connected', Error);
E('ERR_SOCKET_DGRAM_NOT_RUNNING', 'Not running', Error);
E('ERR_STREAM_ALREADY_FINISHED',
  'Cannot call %s after a stream was finished', Error);
E('ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable', Error);
E('ERR_STREAM_DESTROYED', 'Cannot call %s after a stream was destroyed',
  Error);
E('ERR_STREAM_NULL_VALUES', 'May not write null values to stream', TypeError);
E('ERR_STREAM_PREMATURE_CLOSE', 'Premature close', Error);
E('ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF', Error);
E('ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event',
  Error);
E('ERR_STREAM_WRAP', 'Stream has StringDecoder set or is in objectMode',
  Error);
E('ERR_STREAM_WRITE_AFTER_END', 'write after end', Error);
E('ERR_SYNTHETIC', 'JavaScript Callstack', Error);
E('ERR_SYSTEM_ERROR', 'A system error occurred', SystemError);
E('ERR_TEST_FAILURE', function(error, failureType) {
  let msg = error?.message ?? error;
  if (typeof msg !== 'string') msg = inspectWithNoCustomRetry(msg);
  this.failureType = failureType;
  this.cause = error;
  return msg;
}, Error);
E('ERR_TLS_ALPN_CALLBACK_INVALID_RESULT', 'ALPN callback returned a value (%s) that did not match any of ' +
  'the client\'s offered protocols (%j)', TypeError);
E('ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS',
  'The ALPNCallback and ALPNProtocols TLS options are mutually exclusive', TypeError);
E('ERR_TLS_CERT_ALTNAME_FORMAT', 'Invalid subject alternative name string', SyntaxError);
E('ERR_TLS_CERT_ALTNAME_INVALID', function(reason, host, cert) {
  this.reason = reason;
  this.host = host;
  this.cert = cert;
  return `Hostname/IP does not match certificate's altnames: ${reason}`;
}, Error);
E('ERR_TLS_HANDSHAKE_TIMEOUT', 'TLS handshake timeout', Error);
E('ERR_TLS_INVALID_CONTEXT', '%s must be a SecureContext', TypeError);
E('ERR_TLS_INVALID_PROTOCOL_VERSION',
  '%j is not a valid %s TLS protocol version', TypeError);
E('ERR_TLS_INVALID_STATE', 'TLS socket connection must be securely established', Error);
E('ERR_TLS_PROTOCOL_VERSION_CONFLICT', 'TLS protocol version %j conflicts with secureProtocol %j', TypeError);
E('ERR_TLS_RENEGOTIATION_DISABLED', 'TLS session renegotiation disabled for this socket', Error);
E('ERR_TLS_REQUIRED_SERVER_NAME', '"servername" is required parameter for Server.addContext', Error);
E('ERR_TLS_SNI_FROM_SERVER', 'Cannot issue SNI from a TLS server-side socket', Error);
E('ERR_TRACE_EVENTS_CATEGORY_REQUIRED', 'At least one category is required',
  TypeError);
E('ERR_TRACE_EVENTS_UNAVAILABLE', 'Trace events are unavailable', Error);
E('ERR_TTY_INIT_FAILED', 'TTY initialization failed', SystemError);
E('ERR_UNAVAILABLE_DURING_EXIT', 'Cannot call function in process exit ' +
  'handler', Error);
E('ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET',
  '`process.setupUncaughtExceptionCapture()` was called while a capture ' +
  'callback was already active', Error);
E('ERR_UNESCAPED_CHARACTERS', '%s contains unescaped characters', TypeError);
E('ERR_UNHANDLED_ERROR', (err = undefined) => {
  const msg = 'Unhandled error.';
  if (err === undefined) return msg;
  return `${msg} (${err})`;
}, Error);
E('ERR_UNKNOWN_BUILTIN_MODULE', 'No such built-in module: %s', Error);
E('ERR_UNKNOWN_CREDENTIAL', '%s identifier does not exist: %s', Error);
E('ERR_UNKNOWN_ENCODING', 'Unknown encoding: %s', TypeError);
E('ERR_UNKNOWN_FILE_EXTENSION', 'Unknown file extension "%s" for %s',
  TypeError);
E('ERR_UNKNOWN_MODULE_FORMAT', 'Unknown module format: %s for URL %s',
  RangeError);
E('ERR_UNKNOWN_SIGNAL', 'Unknown signal: %s', TypeError);
E('ERR_UNSUPPORTED_DIR_IMPORT', function(path, base, exactUrl) {
  Object.defineProperty(this, 'url', {
    __proto__: null, value: exactUrl, enumerable: true, writable: true,
    configurable: true,
  });
  return `Directory import '${path}' is not supported ` +
    `resolving ES modules imported from ${base}`;
}, Error);
E('ERR_UNSUPPORTED_ESM_URL_SCHEME', (url, supported) => {
  let msg = `Only URLs with a scheme in: ${formatList(supported)} are ` +
    'supported by the default ESM loader';
  if (process.platform === 'win32' && url.protocol.length === 2)
    msg += '. On Windows, absolute paths must be valid file:// URLs';
  return `${msg}. Received protocol '${url.protocol}'`;
}, Error);
E('ERR_USE_AFTER_CLOSE', '%s was closed', Error);
E('ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING',
  'A dynamic import callback was not specified.', TypeError);
E('ERR_WORKER_INVALID_EXEC_ARGV', (errors, msg = 'invalid execArgv flags') =>
  `Initiated Worker with ${msg}: ${errors.join(', ')}`, Error);
E('ERR_WORKER_NOT_RUNNING', 'Worker instance not running', Error);
E('ERR_WORKER_PATH', (filename) =>
  'The worker script or module filename must be an absolute path or a ' +
  'relative path starting with \'./\' or \'../\'.' +
  (typeof filename === 'string' && filename.startsWith('file://') ? ' Wrap file:// URLs with `new URL`.' : '') +
  (typeof filename === 'string' && filename.startsWith('data:text/javascript') ? ' Wrap data: URLs with `new URL`.' : '') +
  ` Received "${filename}"`, TypeError);
E('ERR_WORKER_UNSUPPORTED_OPERATION', '%s is not supported in workers',
  TypeError);

// True for names like "Buffer" or "Uint8Array" (ERR_INVALID_ARG_TYPE prints
// these as "an instance of X").
function isClassName(value) {
  if (value.length === 0) return false;
  const first = value.charCodeAt(0);
  if (first < 65 || first > 90) return false; // A-Z
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) ||
          (c >= 97 && c <= 122))) return false;
  }
  return true;
}

module.exports = {
  AbortError,
  aggregateTwoErrors,
  NodeAggregateError,
  codes,
  ConnResetException,
  DNSException,
  determineSpecificType,
  E,
  ErrnoException,
  ExceptionWithHostPort,
  formatList,
  genericNodeError,
  getMessage,
  hideInternalStackFrames,
  hideStackFrames,
  inspectWithNoCustomRetry,
  isErrorStackTraceLimitWritable,
  isStackOverflowError,
  kIsNodeError,
  setArrowMessage,
  SystemError,
  uvErrmapGet,
  UVException,
  UVExceptionWithHostPort,
  addNumericalSeparator,
  getSystemErrorName,
  // Function-style helpers (older Node names) for the I/O built-ins.
  uvException: (ctx) => new UVException(ctx),
  uvExceptionWithHostPort: (err, syscall, address, port) =>
    new UVExceptionWithHostPort(err, syscall, address, port),
  errnoException: (err, syscall, original) =>
    new ErrnoException(err, syscall, original),
  exceptionWithHostPort: (err, syscall, address, port, additional) =>
    new ExceptionWithHostPort(err, syscall, address, port, additional),
  dnsException: (code, syscall, hostname) =>
    new DNSException(code, syscall, hostname),
};
