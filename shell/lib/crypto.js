'use strict';
// crypto on OpenSSL 3: hashes, HMACs, ciphers, KDFs and random bytes
// (internalBinding('crypto')); keys, signatures, key agreement and
// webcrypto (internalBinding('crypto_keys')). Each part loads on first use:
// require('crypto') itself compiles only this file.

// Registers crypto's error codes (no binding is touched until first use).
const { getBinding, toBytes } = require('internal/crypto/util');
const {
  codes: { ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH, ERR_INVALID_ARG_TYPE },
} = require('internal/errors');

const crypto = module.exports;

// Defines crypto[name] as `module`'s export `prop`, loaded on first read.
function lazy(name, id, prop = name) {
  Object.defineProperty(crypto, name, {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      const value = prop === null ? require(id) : require(id)[prop];
      Object.defineProperty(crypto, name, {
        __proto__: null, value, writable: true, configurable: true, enumerable: true,
      });
      return value;
    },
    set(value) {
      Object.defineProperty(crypto, name, {
        __proto__: null, value, writable: true, configurable: true, enumerable: true,
      });
    },
  });
}

function createHash(algorithm, options) {
  const { Hash } = require('internal/crypto/hash');
  return new Hash(algorithm, options);
}

function createHmac(hmac, key, options) {
  const { Hmac } = require('internal/crypto/hash');
  return new Hmac(hmac, key, options);
}

function timingSafeEqual(buf1, buf2) {
  const isBytes = (v) => ArrayBuffer.isView(v) || v instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer);
  if (!isBytes(buf1)) throw new ERR_INVALID_ARG_TYPE('buf1', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], buf1);
  if (!isBytes(buf2)) throw new ERR_INVALID_ARG_TYPE('buf2', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], buf2);
  if (buf1.byteLength !== buf2.byteLength) throw new ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH();
  return getBinding().timingSafeEqual(toBytes(buf1, 'buf1'), toBytes(buf2, 'buf2'));
}

crypto.createHash = createHash;
crypto.createHmac = createHmac;
crypto.timingSafeEqual = timingSafeEqual;
lazy('hash', 'internal/crypto/hash');
lazy('getHashes', 'internal/crypto/hash');
lazy('Hash', 'internal/crypto/hash');
lazy('Hmac', 'internal/crypto/hash');

for (const name of ['createCipheriv', 'createDecipheriv', 'getCiphers', 'getCipherInfo', 'Cipheriv',
  'Decipheriv', 'createCipher', 'createDecipher']) {
  lazy(name, 'internal/crypto/cipher');
}
for (const name of ['randomBytes', 'randomFill', 'randomFillSync', 'randomInt', 'randomUUID',
  'getRandomValues']) {
  lazy(name, 'internal/crypto/random');
}
lazy('pseudoRandomBytes', 'internal/crypto/random', 'randomBytes');
lazy('prng', 'internal/crypto/random', 'randomBytes');
lazy('rng', 'internal/crypto/random', 'randomBytes');
for (const name of ['pbkdf2', 'pbkdf2Sync', 'scrypt', 'scryptSync', 'hkdf', 'hkdfSync']) {
  lazy(name, 'internal/crypto/kdf');
}
for (const name of ['createSecretKey', 'createPublicKey', 'createPrivateKey', 'KeyObject']) {
  lazy(name, 'internal/crypto/keys');
}
for (const name of ['generateKeyPair', 'generateKeyPairSync', 'generateKey', 'generateKeySync',
  'generatePrime', 'generatePrimeSync', 'checkPrime', 'checkPrimeSync']) {
  lazy(name, 'internal/crypto/keygen');
}
for (const name of ['createSign', 'createVerify', 'Sign', 'Verify', 'sign', 'verify']) {
  lazy(name, 'internal/crypto/sig');
}
for (const name of ['publicEncrypt', 'privateDecrypt', 'privateEncrypt', 'publicDecrypt']) {
  lazy(name, 'internal/crypto/rsa');
}
for (const name of ['createDiffieHellman', 'getDiffieHellman', 'createDiffieHellmanGroup',
  'DiffieHellman', 'DiffieHellmanGroup', 'createECDH', 'ECDH', 'diffieHellman', 'getCurves']) {
  lazy(name, 'internal/crypto/diffiehellman');
}
lazy('constants', 'internal/crypto/constants', null);
lazy('webcrypto', 'internal/crypto/webcrypto', 'crypto');
lazy('subtle', 'internal/crypto/webcrypto', 'subtle');

crypto.getFips = function getFips() {
  return 0;
};
crypto.setFips = function setFips(value) {
  if (value) {
    const err = new Error('Cannot set FIPS mode in a non-FIPS build.');
    err.code = 'ERR_CRYPTO_FIPS_FORCED';
    throw err;
  }
};
crypto.secureHeapUsed = function secureHeapUsed() {
  return { total: 0, min: 0, used: 0, utilization: 0 };
};
crypto.setEngine = function setEngine() {
  const err = new Error('Custom engines not supported by this OpenSSL');
  err.code = 'ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED';
  throw err;
};
