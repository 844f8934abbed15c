'use strict';
// structuredClone(): the HTML structured-clone algorithm over the types Node
// supports (primitives, wrappers, Date, RegExp, Map, Set, Array, plain
// objects, Error types, ArrayBuffer, typed arrays, DataView), with cycles and
// shared references preserved and DataCloneError for the rest.

const errorCtors = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };

function dataCloneError(message) {
  const DOMException = globalThis.DOMException;
  if (typeof DOMException === 'function') return new DOMException(message, 'DataCloneError');
  const err = new Error(message);
  err.name = 'DataCloneError';
  err.code = 25;
  return err;
}

const toString = Object.prototype.toString;

function cloneValue(value, memory, transferSet) {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    if (typeof value === 'symbol') throw dataCloneError(`${String(value)} could not be cloned.`);
    return value;
  }
  if (memory.has(value)) return memory.get(value);
  if (typeof value === 'function') {
    throw dataCloneError(`${value.toString().slice(0, 60)} could not be cloned.`);
  }
  const tag = toString.call(value);
  let out;
  switch (tag) {
    case '[object Boolean]': out = Object(Boolean.prototype.valueOf.call(value)); break;
    case '[object Number]': out = Object(Number.prototype.valueOf.call(value)); break;
    case '[object String]': out = Object(String.prototype.valueOf.call(value)); break;
    case '[object BigInt]': out = Object(BigInt.prototype.valueOf.call(value)); break;
    case '[object Date]': out = new Date(Date.prototype.getTime.call(value)); break;
    case '[object RegExp]': out = new RegExp(value.source, value.flags); break;
    case '[object ArrayBuffer]':
      if (transferSet.has(value)) {
        out = value.transfer ? value.transfer() : value.slice(0);
      } else {
        out = ArrayBuffer.prototype.slice.call(value, 0);
      }
      break;
    case '[object DataView]': {
      const buf = cloneValue(value.buffer, memory, transferSet);
      out = new DataView(buf, value.byteOffset, value.byteLength);
      break;
    }
    case '[object Map]': {
      out = new Map();
      memory.set(value, out);
      for (const [k, v] of Map.prototype.entries.call(value)) {
        out.set(cloneValue(k, memory, transferSet), cloneValue(v, memory, transferSet));
      }
      return out;
    }
    case '[object Set]': {
      out = new Set();
      memory.set(value, out);
      for (const v of Set.prototype.values.call(value)) out.add(cloneValue(v, memory, transferSet));
      return out;
    }
    case '[object Error]': {
      const name = value.name;
      const Ctor = Object.prototype.hasOwnProperty.call(errorCtors, name) ? errorCtors[name] : Error;
      out = Object.create(Ctor.prototype);
      memory.set(value, out);
      const desc = Object.getOwnPropertyDescriptor(value, 'message');
      if (desc) Object.defineProperty(out, 'message', { value: String(value.message), writable: true, configurable: true, enumerable: false });
      if (typeof value.stack === 'string') Object.defineProperty(out, 'stack', { value: value.stack, writable: true, configurable: true, enumerable: false });
      if ('cause' in value) Object.defineProperty(out, 'cause', { value: cloneValue(value.cause, memory, transferSet), writable: true, configurable: true, enumerable: false });
      return out;
    }
    default:
      if (ArrayBuffer.isView(value)) {
        const buf = cloneValue(value.buffer, memory, transferSet);
        out = new value.constructor(buf, value.byteOffset, value.length);
        break;
      }
      if (Array.isArray(value)) {
        out = new Array(value.length);
        memory.set(value, out);
        for (const key of Object.keys(value)) out[key] = cloneValue(value[key], memory, transferSet);
        return out;
      }
      if (tag !== '[object Object]' && tag !== '[object Arguments]') {
        const name = tag.slice(8, -1);
        throw dataCloneError(`#<${name}> could not be cloned.`);
      }
      out = {};
      memory.set(value, out);
      for (const key of Object.keys(value)) out[key] = cloneValue(value[key], memory, transferSet);
      return out;
  }
  memory.set(value, out);
  return out;
}

function structuredClone(value, options) {
  if (arguments.length === 0) {
    const err = new TypeError('The value argument must be specified');
    err.code = 'ERR_MISSING_ARGS';
    throw err;
  }
  const transfer = options?.transfer;
  if (transfer !== undefined && (transfer === null || typeof transfer[Symbol.iterator] !== 'function')) {
    const err = new TypeError('Optional transferList argument must be an iterable');
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  const transferSet = new Set(transfer ?? []);
  return cloneValue(value, new Map(), transferSet);
}

module.exports = { structuredClone };
