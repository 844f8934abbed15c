'use strict';
// pbkdf2, scrypt and hkdf, synchronous or on the libuv threadpool.

const { getBinding, toBytes, FastBuffer } = require('internal/crypto/util');
const {
  codes: {
    ERR_CRYPTO_INVALID_SCRYPT_PARAMS, ERR_CRYPTO_SCRYPT_INVALID_PARAMETER,
    ERR_OUT_OF_RANGE, ERR_INVALID_ARG_TYPE,
  },
} = require('internal/errors');
const { validateFunction, validateInt32, validateString, validateUint32 } = require('internal/validators');

const kBinaryTypes = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];

// A KDF input: a string (UTF-8), any byte view, or (hkdf's key) a KeyObject.
function kdfInput(value, name, allowKey) {
  if (allowKey && value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) &&
      !(value instanceof ArrayBuffer)) {
    const keys = require('internal/crypto/keys');
    if (keys.isKeyObject(value) || keys.isCryptoKey(value)) return keys.secretKeyBytes(value, name);
  }
  if (typeof value === 'string' || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    return toBytes(value, name);
  }
  throw new ERR_INVALID_ARG_TYPE(name, allowKey ? [...kBinaryTypes, 'KeyObject', 'CryptoKey'] : kBinaryTypes,
    value);
}

function pbkdf2Args(password, salt, iterations, keylen, digest) {
  password = kdfInput(password, 'password');
  salt = kdfInput(salt, 'salt');
  validateInt32(iterations, 'iterations', 1);
  validateInt32(keylen, 'keylen', 0);
  validateString(digest, 'digest');
  return [password, salt, iterations, keylen, digest];
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  const args = pbkdf2Args(password, salt, iterations, keylen, digest);
  validateFunction(callback, 'callback');
  getBinding().pbkdf2(...args, (err, ab) => {
    if (err) callback(err);
    else callback(null, new FastBuffer(ab));
  });
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  return new FastBuffer(getBinding().pbkdf2(...pbkdf2Args(password, salt, iterations, keylen, digest)));
}

const kScryptDefaults = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };

function scryptArgs(password, salt, keylen, options) {
  password = kdfInput(password, 'password');
  salt = kdfInput(salt, 'salt');
  validateInt32(keylen, 'keylen', 0);
  let { N, r, p, maxmem } = kScryptDefaults;
  if (options && options !== kScryptDefaults) {
    const has = (name) => options[name] !== undefined;
    if (has('N')) {
      if (has('cost')) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
      N = options.N;
      validateUint32(N, 'N');
    }
    if (has('cost')) {
      N = options.cost;
      validateUint32(N, 'cost');
    }
    if (has('r')) {
      if (has('blockSize')) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
      r = options.r;
      validateUint32(r, 'r');
    }
    if (has('blockSize')) {
      r = options.blockSize;
      validateUint32(r, 'blockSize');
    }
    if (has('p')) {
      if (has('parallelization')) throw new ERR_CRYPTO_SCRYPT_INVALID_PARAMETER();
      p = options.p;
      validateUint32(p, 'p');
    }
    if (has('parallelization')) {
      p = options.parallelization;
      validateUint32(p, 'parallelization');
    }
    if (has('maxmem')) {
      maxmem = options.maxmem;
      if (typeof maxmem !== 'number' || !Number.isSafeInteger(maxmem) || maxmem < 0) {
        throw new ERR_OUT_OF_RANGE('maxmem', `>= 0 && <= ${Number.MAX_SAFE_INTEGER}`, maxmem);
      }
    }
    if (N === 0) N = kScryptDefaults.N;
    if (r === 0) r = kScryptDefaults.r;
    if (p === 0) p = kScryptDefaults.p;
    if (maxmem === 0) maxmem = kScryptDefaults.maxmem;
  }
  const problem = getBinding().scryptCheck(N, r, p, maxmem);
  if (problem !== null) throw new ERR_CRYPTO_INVALID_SCRYPT_PARAMS(problem);
  return [password, salt, keylen, N, r, p, maxmem];
}

function scrypt(password, salt, keylen, options, callback = options) {
  if (callback === options) options = kScryptDefaults;
  const args = scryptArgs(password, salt, keylen, options);
  validateFunction(callback, 'callback');
  getBinding().scrypt(...args, (err, ab) => {
    if (err) callback(err);
    else callback(null, new FastBuffer(ab));
  });
}

function scryptSync(password, salt, keylen, options = kScryptDefaults) {
  return new FastBuffer(getBinding().scrypt(...scryptArgs(password, salt, keylen, options)));
}

function hkdfArgs(digest, key, salt, info, keylen) {
  validateString(digest, 'digest');
  key = kdfInput(key, 'ikm', true);
  salt = kdfInput(salt, 'salt');
  info = kdfInput(info, 'info');
  validateInt32(keylen, 'length', 0);
  if (info.byteLength > 1024) {
    throw new ERR_OUT_OF_RANGE('info', 'must not contain more than 1024 bytes', info.byteLength);
  }
  return [digest, key, salt, info, keylen];
}

function hkdf(digest, key, salt, info, keylen, callback) {
  const args = hkdfArgs(digest, key, salt, info, keylen);
  validateFunction(callback, 'callback');
  getBinding().hkdf(...args, callback);
}

function hkdfSync(digest, key, salt, info, keylen) {
  return getBinding().hkdf(...hkdfArgs(digest, key, salt, info, keylen));
}

module.exports = {
  pbkdf2, pbkdf2Sync, scrypt, scryptSync, hkdf, hkdfSync,
};
