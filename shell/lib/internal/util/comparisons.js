'use strict';

// Deep equality used by assert.deepEqual/deepStrictEqual and
// util.isDeepStrictEqual. Follows Node 20: the loose mode compares with `==`
// and ignores prototypes, the strict mode compares with Object.is (except that
// 0 === 0), checks prototypes and enumerable own symbol keys.

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isEnumerable = (o, k) => Object.prototype.propertyIsEnumerable.call(o, k);
const objectToString = (o) => Object.prototype.toString.call(o);

// Brand checks written against the intrinsics so that they work on objects
// from any realm and are not fooled by Symbol.toStringTag.
function brand(fn) {
  return (v) => {
    try {
      fn(v);
      return true;
    } catch {
      return false;
    }
  };
}
const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;

const isDate = brand((v) => Date.prototype.getTime.call(v));
const regExpFlags = getter(RegExp.prototype, 'flags');
const regExpSource = getter(RegExp.prototype, 'source');
function isRegExp(v) {
  if (typeof v !== 'object' || v === null) return false;
  try {
    regExpSource.call(v);
  } catch {
    return false;
  }
  // RegExp.prototype.source accepts RegExp.prototype itself.
  return v !== RegExp.prototype;
}
const isMap = brand((v) => Map.prototype.has.call(v));
const isSet = brand((v) => Set.prototype.has.call(v));
const arrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const isArrayBuffer = brand((v) => arrayBufferByteLength.call(v));
const isSharedArrayBuffer = typeof SharedArrayBuffer === 'function' ?
  brand((v) => getter(SharedArrayBuffer.prototype, 'byteLength').call(v)) :
  () => false;
const isAnyArrayBuffer = (v) => isArrayBuffer(v) || isSharedArrayBuffer(v);
const typedArrayTag = getter(Object.getPrototypeOf(Uint8Array.prototype),
                             Symbol.toStringTag);
const isArrayBufferView = (v) => ArrayBuffer.isView(v);
const isNumberObject = brand((v) => Number.prototype.valueOf.call(v));
const isStringObject = brand((v) => String.prototype.valueOf.call(v));
const isBooleanObject = brand((v) => Boolean.prototype.valueOf.call(v));
const isBigIntObject = typeof BigInt === 'function' ?
  brand((v) => BigInt.prototype.valueOf.call(v)) : () => false;
const isSymbolObject = brand((v) => Symbol.prototype.valueOf.call(v));
function isBoxedPrimitive(v) {
  return isNumberObject(v) || isStringObject(v) || isBooleanObject(v) ||
    isBigIntObject(v) || isSymbolObject(v);
}
function isError(v) {
  return v instanceof Error || objectToString(v) === '[object Error]';
}

const kNoIterator = 0;
const kIsArray = 1;
const kIsSet = 2;
const kIsMap = 3;

function isIndexKey(key) {
  if (typeof key !== 'string' || key.length === 0 || key.length > 10) {
    return false;
  }
  const n = Number(key);
  return n >>> 0 === n && n !== 4294967295 && String(n) === key;
}

// Enumerable own keys that are not array indexes; symbols only when strict.
function nonIndexKeys(obj, strict) {
  const keys = Object.keys(obj).filter((k) => !isIndexKey(k));
  if (strict) {
    for (const sym of Object.getOwnPropertySymbols(obj)) {
      if (isEnumerable(obj, sym)) keys.push(sym);
    }
  }
  return keys;
}

function sameRegExp(a, b) {
  return regExpSource.call(a) === regExpSource.call(b) &&
    regExpFlags.call(a) === regExpFlags.call(b) &&
    a.lastIndex === b.lastIndex;
}

function bytesOf(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

// Loose mode compares float elements by value so that 0 equals -0 (and NaN
// does not equal NaN), strict mode compares the bytes.
function sameViews(a, b, strict) {
  const tag = typedArrayTag.call(a);
  if (!strict && (tag === 'Float32Array' || tag === 'Float64Array')) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) return false;
    }
    return true;
  }
  return sameBytes(bytesOf(a), bytesOf(b));
}

function sameBoxedPrimitive(a, b) {
  if (isNumberObject(a)) {
    return isNumberObject(b) &&
      Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
  }
  if (isStringObject(a)) {
    return isStringObject(b) &&
      String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
  }
  if (isBooleanObject(a)) {
    return isBooleanObject(b) &&
      Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
  }
  if (isBigIntObject(a)) {
    return isBigIntObject(b) &&
      BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
  }
  return isSymbolObject(b) &&
    Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
}

function innerDeepEqual(a, b, strict, memos) {
  if (a === b) {
    return a !== 0 || !strict || Object.is(a, b);
  }
  if (strict) {
    if (typeof a !== 'object') {
      return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b);
    }
    if (typeof b !== 'object' || a === null || b === null) return false;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  } else {
    if (a === null || typeof a !== 'object') {
      if (b === null || typeof b !== 'object') {
        // eslint-disable-next-line eqeqeq
        return a == b || (Number.isNaN(a) && Number.isNaN(b));
      }
      return false;
    }
    if (b === null || typeof b !== 'object') return false;
  }

  const tag = objectToString(a);
  if (tag !== objectToString(b)) return false;

  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    const keysA = nonIndexKeys(a, strict);
    if (keysA.length !== nonIndexKeys(b, strict).length) return false;
    return keyCheck(a, b, strict, memos, kIsArray, keysA);
  }
  if (tag === '[object Object]' && !isBoxedPrimitive(a) && !isError(a) &&
      !isDate(a) && !isRegExp(a) && !isMap(a) && !isSet(a)) {
    return keyCheck(a, b, strict, memos, kNoIterator);
  }
  if (isDate(a)) {
    if (!isDate(b) ||
        Date.prototype.getTime.call(a) !== Date.prototype.getTime.call(b)) {
      return false;
    }
  } else if (isRegExp(a)) {
    if (!isRegExp(b) || !sameRegExp(a, b)) return false;
  } else if (isError(a)) {
    // The stack is not compared: equal errors thrown from different places
    // must still be equal.
    if (!isError(b) || a.message !== b.message || a.name !== b.name) {
      return false;
    }
    // `cause` and AggregateError's `errors` are own non-enumerable
    // properties that still make errors different.
    for (const key of ['cause', 'errors']) {
      if (hasOwn(a, key) !== hasOwn(b, key) ||
          (hasOwn(a, key) && !innerDeepEqual(a[key], b[key], strict, memos))) {
        return false;
      }
    }
  } else if (isArrayBufferView(a)) {
    if (!isArrayBufferView(b) || !sameViews(a, b, strict)) return false;
    const keysA = nonIndexKeys(a, strict);
    if (keysA.length !== nonIndexKeys(b, strict).length) return false;
    return keyCheck(a, b, strict, memos, kNoIterator, keysA);
  } else if (isSet(a)) {
    if (!isSet(b) || a.size !== b.size) return false;
    return keyCheck(a, b, strict, memos, kIsSet);
  } else if (isMap(a)) {
    if (!isMap(b) || a.size !== b.size) return false;
    return keyCheck(a, b, strict, memos, kIsMap);
  } else if (isAnyArrayBuffer(a)) {
    if (!isAnyArrayBuffer(b) ||
        !sameBytes(new Uint8Array(a), new Uint8Array(b))) {
      return false;
    }
  } else if (isBoxedPrimitive(a)) {
    if (!sameBoxedPrimitive(a, b)) return false;
  } else if (Array.isArray(b) || isArrayBufferView(b) || isSet(b) ||
             isMap(b) || isDate(b) || isRegExp(b) || isAnyArrayBuffer(b) ||
             isBoxedPrimitive(b) || isError(b)) {
    return false;
  }
  return keyCheck(a, b, strict, memos, kNoIterator);
}

function keyCheck(a, b, strict, memos, iterationType, keysA) {
  if (keysA === undefined) {
    keysA = Object.keys(a);
    if (keysA.length !== Object.keys(b).length) return false;
    if (strict) {
      // Enumerable symbol keys take part in strict comparison only.
      let count = 0;
      for (const sym of Object.getOwnPropertySymbols(a)) {
        if (isEnumerable(a, sym)) {
          if (!isEnumerable(b, sym)) return false;
          keysA.push(sym);
          count++;
        } else if (isEnumerable(b, sym)) {
          return false;
        }
      }
      let countB = 0;
      for (const sym of Object.getOwnPropertySymbols(b)) {
        if (isEnumerable(b, sym)) countB++;
      }
      if (count !== countB) return false;
    }
  }
  for (const key of keysA) {
    if (!isEnumerable(b, key)) return false;
  }
  if (keysA.length === 0 &&
      (iterationType === kNoIterator ||
       (iterationType === kIsArray && a.length === 0) ||
       a.size === 0)) {
    return true;
  }

  // Cycle detection: a pair that is already being compared higher up the
  // stack is assumed equal; any real difference shows up elsewhere.
  if (memos === undefined) {
    memos = new Map();
  } else {
    const partners = memos.get(a);
    if (partners !== undefined && partners.has(b)) return true;
  }
  let partners = memos.get(a);
  if (partners === undefined) {
    partners = new Set();
    memos.set(a, partners);
  }
  partners.add(b);
  const result = objEquiv(a, b, strict, keysA, memos, iterationType);
  partners.delete(b);
  if (partners.size === 0) memos.delete(a);
  return result;
}

function objEquiv(a, b, strict, keys, memos, iterationType) {
  if (iterationType === kIsSet) {
    if (!setEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === kIsMap) {
    if (!mapEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === kIsArray) {
    for (let i = 0; i < a.length; i++) {
      if (hasOwn(a, i)) {
        if (!hasOwn(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) {
          return false;
        }
      } else if (hasOwn(b, i)) {
        return false;
      } else {
        // Sparse array: compare the remaining own keys instead of walking
        // every hole.
        const keysA = Object.keys(a);
        for (; i < keysA.length; i++) {
          const key = keysA[i];
          if (!hasOwn(b, key) ||
              !innerDeepEqual(a[key], b[key], strict, memos)) {
            return false;
          }
        }
        return keysA.length === Object.keys(b).length;
      }
    }
  }
  for (const key of keys) {
    if (!innerDeepEqual(a[key], b[key], strict, memos)) return false;
  }
  return true;
}

// For a primitive missing from the other collection in loose mode, tells
// whether some other primitive could still be `==` to it: `true`/`false` is
// final, `undefined`/`null` means "look for that value".
function looseAlternative(prim) {
  switch (typeof prim) {
    case 'undefined':
      return null;
    case 'object':
      return undefined;
    case 'symbol':
      return false;
    case 'string':
      prim = +prim;
      // falls through
    case 'number':
      if (Number.isNaN(prim)) return false;
  }
  return true;
}

function setMightHaveLoosePrim(a, b, prim) {
  const alt = looseAlternative(prim);
  if (alt != null) return alt;
  return b.has(alt) && !a.has(alt);
}

function mapMightHaveLoosePrim(a, b, prim, item, memos) {
  const alt = looseAlternative(prim);
  if (alt != null) return alt;
  const itemB = b.get(alt);
  if ((itemB === undefined && !b.has(alt)) ||
      !innerDeepEqual(item, itemB, false, memos)) {
    return false;
  }
  return !a.has(alt) && innerDeepEqual(item, itemB, false, memos);
}

function takeEqualElement(pending, value, strict, memos) {
  for (const candidate of pending) {
    if (innerDeepEqual(value, candidate, strict, memos)) {
      pending.delete(candidate);
      return true;
    }
  }
  return false;
}

function setEquiv(a, b, strict, memos) {
  // Values of `a` without an identical counterpart in `b`; each must be
  // matched by a deep-equal value of `b`.
  let pending = null;
  for (const value of a) {
    if (typeof value === 'object' && value !== null) {
      if (pending === null) pending = new Set();
      pending.add(value);
    } else if (!b.has(value)) {
      if (strict) return false;
      if (!setMightHaveLoosePrim(a, b, value)) return false;
      if (pending === null) pending = new Set();
      pending.add(value);
    }
  }
  if (pending === null) return true;
  for (const value of b) {
    if (typeof value === 'object' && value !== null) {
      if (!takeEqualElement(pending, value, strict, memos)) return false;
    } else if (!strict && !a.has(value) &&
               !takeEqualElement(pending, value, strict, memos)) {
      return false;
    }
  }
  return pending.size === 0;
}

function takeEqualEntry(pending, map, key, item, strict, memos) {
  for (const candidate of pending) {
    if (innerDeepEqual(key, candidate, strict, memos) &&
        innerDeepEqual(item, map.get(candidate), strict, memos)) {
      pending.delete(candidate);
      return true;
    }
  }
  return false;
}

function mapEquiv(a, b, strict, memos) {
  let pending = null;
  for (const [key, item] of a) {
    if (typeof key === 'object' && key !== null) {
      if (pending === null) pending = new Set();
      pending.add(key);
    } else {
      const itemB = b.get(key);
      if ((itemB === undefined && !b.has(key)) ||
          !innerDeepEqual(item, itemB, strict, memos)) {
        if (strict) return false;
        if (!mapMightHaveLoosePrim(a, b, key, item, memos)) return false;
        if (pending === null) pending = new Set();
        pending.add(key);
      }
    }
  }
  if (pending === null) return true;
  for (const [key, item] of b) {
    if (typeof key === 'object' && key !== null) {
      if (!takeEqualEntry(pending, a, key, item, strict, memos)) return false;
    } else if (!strict &&
               (!a.has(key) || !innerDeepEqual(a.get(key), item, false, memos)) &&
               !takeEqualEntry(pending, a, key, item, false, memos)) {
      return false;
    }
  }
  return pending.size === 0;
}

function isDeepEqual(a, b) {
  return innerDeepEqual(a, b, false);
}

function isDeepStrictEqual(a, b) {
  return innerDeepEqual(a, b, true);
}

module.exports = {
  isDeepEqual,
  isDeepStrictEqual,
};
