'use strict';
// generateKeyPair(Sync) (rsa, rsa-pss, dsa, ec, ed25519, ed448, x25519,
// x448, dh), generateKey(Sync) for hmac and aes keys, and primes. The
// asynchronous forms run on the libuv threadpool.

const { Buffer } = require('buffer');
const { getKeysBinding, toBytes, isAnyArrayBuffer } = require('internal/crypto/util');
const { PublicKeyObject, PrivateKeyObject, SecretKeyObject } = require('internal/crypto/keys');
const {
  codes: {
    ERR_INVALID_ARG_VALUE, ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, ERR_CRYPTO_INVALID_CURVE,
    ERR_CRYPTO_UNKNOWN_DH_GROUP, ERR_INCOMPATIBLE_OPTION_PAIR, ERR_MISSING_OPTION,
  },
} = require('internal/errors');
const {
  validateFunction, validateObject, validateString, validateUint32, validateInt32, validateOneOf,
  validateBoolean,
} = require('internal/validators');

const kTypes = ['rsa', 'rsa-pss', 'dsa', 'ec', 'ed25519', 'ed448', 'x25519', 'x448', 'dh'];

function encodingOptions(options, name) {
  const enc = options?.[name];
  if (enc === undefined) return undefined;
  validateObject(enc, `options.${name}`);
  return enc;
}

// The binding's positional arguments for `type` and `options`.
function keygenArgs(type, options) {
  validateString(type, 'type');
  if (!kTypes.includes(type)) throw new ERR_INVALID_ARG_VALUE('type', type, 'must be a supported key type');
  if (options !== undefined) validateObject(options, 'options');
  const o = options ?? {};
  // [type, modulusLength, exponent|divisor, curve|group, hash, mgf1, salt, prime, generator, explicit]
  const args = [type, 0, 65537, null, null, null, NaN, null, 2, false];
  switch (type) {
    case 'rsa':
    case 'rsa-pss': {
      validateUint32(o.modulusLength, 'options.modulusLength');
      args[1] = o.modulusLength;
      if (o.publicExponent !== undefined) validateUint32(o.publicExponent, 'options.publicExponent');
      args[2] = o.publicExponent ?? 0x10001;
      if (type === 'rsa-pss') {
        const hash = o.hashAlgorithm ?? o.hash;
        const mgf1 = o.mgf1HashAlgorithm ?? o.mgf1Hash;
        if (hash !== undefined) validateString(hash, 'options.hashAlgorithm');
        if (mgf1 !== undefined) validateString(mgf1, 'options.mgf1HashAlgorithm');
        if (o.saltLength !== undefined) validateInt32(o.saltLength, 'options.saltLength', 0);
        args[4] = hash ?? null;
        args[5] = mgf1 ?? null;
        args[6] = o.saltLength ?? NaN;
      }
      break;
    }
    case 'dsa':
      validateUint32(o.modulusLength, 'options.modulusLength');
      args[1] = o.modulusLength;
      if (o.divisorLength !== undefined && o.divisorLength !== null) {
        validateInt32(o.divisorLength, 'options.divisorLength', 0);
      }
      args[2] = o.divisorLength ?? 0;
      break;
    case 'ec': {
      validateString(o.namedCurve, 'options.namedCurve');
      if (!getKeysBinding().getCurves().includes(o.namedCurve) &&
          !['P-256', 'P-384', 'P-521', 'P-224', 'P-192'].includes(o.namedCurve)) {
        throw new ERR_CRYPTO_INVALID_CURVE();
      }
      args[3] = o.namedCurve;
      if (o.paramEncoding !== undefined) validateOneOf(o.paramEncoding, 'options.paramEncoding', ['named', 'explicit']);
      args[9] = o.paramEncoding === 'explicit';
      break;
    }
    case 'dh': {
      const { group, prime, primeLength, generator } = o;
      if (group !== undefined) {
        if (prime !== undefined) throw new ERR_INCOMPATIBLE_OPTION_PAIR('group', 'prime');
        if (primeLength !== undefined) throw new ERR_INCOMPATIBLE_OPTION_PAIR('group', 'primeLength');
        if (generator !== undefined) throw new ERR_INCOMPATIBLE_OPTION_PAIR('group', 'generator');
        validateString(group, 'options.group');
        if (!/^modp(1|2|5|14|15|16|17|18)$/.test(group)) throw new ERR_CRYPTO_UNKNOWN_DH_GROUP();
        args[3] = group;
      } else {
        if (prime !== undefined) {
          if (primeLength !== undefined) throw new ERR_INCOMPATIBLE_OPTION_PAIR('prime', 'primeLength');
          args[7] = toBytes(prime, 'options.prime');
        } else if (primeLength !== undefined) {
          validateInt32(primeLength, 'options.primeLength', 0);
          args[1] = primeLength;
        } else {
          throw new ERR_MISSING_OPTION('At least one of the group, prime, or primeLength options');
        }
        if (generator !== undefined) validateInt32(generator, 'options.generator', 0);
        args[8] = generator ?? 2;
      }
      break;
    }
    default:
      break;
  }
  return args;
}

function exportPair(privHandle, options) {
  const binding = getKeysBinding();
  const privateKey = new PrivateKeyObject(privHandle);
  const publicKey = new PublicKeyObject(binding.publicOf(privHandle));
  const pubEnc = encodingOptions(options, 'publicKeyEncoding');
  const privEnc = encodingOptions(options, 'privateKeyEncoding');
  return {
    publicKey: pubEnc ? publicKey.export(pubEnc) : publicKey,
    privateKey: privEnc ? privateKey.export(privEnc) : privateKey,
  };
}

function checkEncodings(options) {
  // Bad encoding options fail before any work, as in Node.
  for (const name of ['publicKeyEncoding', 'privateKeyEncoding']) {
    const enc = encodingOptions(options, name);
    if (enc === undefined || enc.format === 'jwk') continue;
    validateOneOf(enc.format, `options.${name}.format`, ['pem', 'der', 'jwk']);
    const types = name === 'publicKeyEncoding' ? ['pkcs1', 'spki'] : ['pkcs1', 'pkcs8', 'sec1'];
    if (!types.includes(enc.type)) throw new ERR_INVALID_ARG_VALUE(`options.${name}.type`, enc.type);
  }
}

function generateKeyPairSync(type, options) {
  const args = keygenArgs(type, options);
  checkEncodings(options);
  return exportPair(getKeysBinding().generateKey(...args), options);
}

function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const args = keygenArgs(type, options);
  checkEncodings(options);
  getKeysBinding().generateKey(...args, (err, handle) => {
    if (err) {
      callback(err);
      return;
    }
    let pair;
    try {
      pair = exportPair(handle, options);
    } catch (e) {
      callback(e);
      return;
    }
    callback(null, pair.publicKey, pair.privateKey);
  });
}

// util.promisify(generateKeyPair) resolves to { publicKey, privateKey }.
Object.defineProperty(generateKeyPair, Symbol.for('nodejs.util.promisify.custom'), {
  __proto__: null,
  configurable: true,
  value: (type, options) => new Promise((resolve, reject) => {
    generateKeyPair(type, options, (err, publicKey, privateKey) => {
      if (err) reject(err);
      else resolve({ publicKey, privateKey });
    });
  }),
});

function secretKeyLength(type, options) {
  validateOneOf(type, 'type', ['hmac', 'aes']);
  validateObject(options, 'options');
  const { length } = options;
  if (type === 'hmac') {
    if (typeof length !== 'number' || !Number.isInteger(length)) {
      throw new ERR_INVALID_ARG_TYPE('options.length', 'number', length);
    }
    if (length < 8 || length > 2 ** 31 - 1) throw new ERR_OUT_OF_RANGE('options.length', '>= 8 && <= 2147483647', length);
    return Math.floor(length / 8);
  }
  validateOneOf(length, 'options.length', [128, 192, 256]);
  return length / 8;
}

function generateKeySync(type, options) {
  const n = secretKeyLength(type, options);
  return new SecretKeyObject(require('crypto').randomBytes(n));
}

function generateKey(type, options, callback) {
  const n = secretKeyLength(type, options);
  validateFunction(callback, 'callback');
  require('crypto').randomBytes(n, (err, buf) => {
    if (err) callback(err);
    else callback(null, new SecretKeyObject(buf));
  });
}

// --- primes ---------------------------------------------------------------

function bigintToBytes(n) {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

function bytesToBigInt(bytes) {
  const hex = Buffer.from(bytes).toString('hex');
  return hex.length ? BigInt(`0x${hex}`) : 0n;
}

function primeArgs(size, options) {
  validateInt32(size, 'size', 1);
  if (options !== undefined) validateObject(options, 'options');
  const { safe = false, bigint = false } = options ?? {};
  let { add, rem } = options ?? {};
  validateBoolean(safe, 'options.safe');
  validateBoolean(bigint, 'options.bigint');
  const conv = (v, name) => {
    if (v === undefined) return null;
    if (typeof v === 'bigint') return bigintToBytes(v);
    if (ArrayBuffer.isView(v) || isAnyArrayBuffer(v)) return toBytes(v, name);
    throw new ERR_INVALID_ARG_TYPE(name, ['ArrayBuffer', 'TypedArray', 'Buffer', 'DataView', 'bigint'], v);
  };
  add = conv(add, 'options.add');
  rem = conv(rem, 'options.rem');
  if (add !== null) {
    const a = bytesToBigInt(add);
    if (a === 0n || BigInt(size) < BigInt(a.toString(2).length)) {
      throw new ERR_OUT_OF_RANGE('options.add', `<= ${size} bits`, a);
    }
    if (rem !== null && bytesToBigInt(rem) >= a) throw new ERR_OUT_OF_RANGE('options.rem', '< options.add', bytesToBigInt(rem));
  }
  return { args: [size, safe, add, rem], bigint };
}

function primeResult(ab, bigint) {
  return bigint ? bytesToBigInt(new Uint8Array(ab)) : ab;
}

function generatePrimeSync(size, options) {
  const { args, bigint } = primeArgs(size, options);
  return primeResult(getKeysBinding().generatePrime(...args), bigint);
}

function generatePrime(size, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  const { args, bigint } = primeArgs(size, options);
  getKeysBinding().generatePrime(...args, (err, ab) => {
    if (err) callback(err);
    else callback(null, primeResult(ab, bigint));
  });
}

function candidateBytes(candidate) {
  if (typeof candidate === 'bigint') {
    if (candidate < 0n) throw new ERR_OUT_OF_RANGE('candidate', '>= 0', candidate);
    return bigintToBytes(candidate);
  }
  if (ArrayBuffer.isView(candidate) || isAnyArrayBuffer(candidate)) return toBytes(candidate, 'candidate');
  throw new ERR_INVALID_ARG_TYPE('candidate', ['ArrayBuffer', 'TypedArray', 'Buffer', 'DataView', 'bigint'], candidate);
}

function checkPrimeSync(candidate, options = {}) {
  const bytes = candidateBytes(candidate);
  validateObject(options, 'options');
  const { checks = 0 } = options;
  validateUint32(checks, 'options.checks');
  return getKeysBinding().checkPrime(bytes, checks);
}

function checkPrime(candidate, options = {}, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  const bytes = candidateBytes(candidate);
  validateFunction(callback, 'callback');
  validateObject(options, 'options');
  const { checks = 0 } = options;
  validateUint32(checks, 'options.checks');
  getKeysBinding().checkPrime(bytes, checks, callback);
}

module.exports = {
  generateKeyPair,
  generateKeyPairSync,
  generateKey,
  generateKeySync,
  generatePrime,
  generatePrimeSync,
  checkPrime,
  checkPrimeSync,
};
