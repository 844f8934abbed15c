'use strict';
// createHash, createHmac and crypto.hash(): OpenSSL digests and HMACs.

const LazyTransform = require('internal/crypto/lazy_transform');
const { getBinding, toBytes, encodeOutput, kEncodingsIds, FastBuffer } = require('internal/crypto/util');
const {
  codes: { ERR_CRYPTO_HASH_FINALIZED, ERR_CRYPTO_HASH_UPDATE_FAILED, ERR_CRYPTO_INVALID_DIGEST,
    ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
const { validateString, validateUint32 } = require('internal/validators');

const kHandle = Symbol('kHandle');
const kState = Symbol('kState');
const kFinalized = Symbol('kFinalized');

function unsupportedDigest(message) {
  return new Error(message);
}

// Strings go to C as they are when it can encode them itself (UTF-8 and
// Latin-1): one call, no Buffer in between.
function updateHandle(handle, data, encoding, name) {
  const binding = getBinding();
  if (typeof data === 'string') {
    const id = kEncodingsIds[encoding == null ? 'utf8' : encoding];
    if (id !== undefined) return binding.hashUpdate(handle, data, id);
    return binding.hashUpdate(handle, toBytes(data, name, encoding));
  }
  if (!ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  return binding.hashUpdate(handle, toBytes(data, name));
}

function Hash(algorithm, options) {
  if (!(this instanceof Hash)) return new Hash(algorithm, options);
  const binding = getBinding();
  let xofLen = -1;
  if (algorithm instanceof Hash) {
    // hash.copy(): the handle is copied below.
    xofLen = options?.outputLength ?? -1;
    if (options?.outputLength !== undefined) validateUint32(options.outputLength, 'options.outputLength');
    this[kHandle] = binding.hashCopy(algorithm[kHandle], xofLen);
  } else {
    validateString(algorithm, 'algorithm');
    if (options !== undefined && options !== null && typeof options === 'object' &&
        options.outputLength !== undefined) {
      validateUint32(options.outputLength, 'options.outputLength');
      xofLen = options.outputLength;
    }
    this[kHandle] = binding.hashNew(algorithm, xofLen);
    if (this[kHandle] === null) throw unsupportedDigest('Digest method not supported');
  }
  this[kState] = { [kFinalized]: false };
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hash.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hash, LazyTransform);

Hash.prototype.copy = function copy(options) {
  if (this[kState][kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  return new Hash(this, options);
};

Hash.prototype._transform = function _transform(chunk, encoding, callback) {
  updateHandle(this[kHandle], chunk, encoding, 'data');
  callback();
};

Hash.prototype._flush = function _flush(callback) {
  this.push(this.digest());
  callback();
};

Hash.prototype.update = function update(data, encoding) {
  if (this[kState][kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  if (!updateHandle(this[kHandle], data, encoding, 'data')) throw new ERR_CRYPTO_HASH_UPDATE_FAILED();
  return this;
};

Hash.prototype.digest = function digest(outputEncoding) {
  const state = this[kState];
  if (state[kFinalized]) throw new ERR_CRYPTO_HASH_FINALIZED();
  state[kFinalized] = true;
  return encodeOutput(getBinding().hashDigest(this[kHandle]), normalizeEncoding(outputEncoding));
};

function normalizeEncoding(enc) {
  if (enc == null || enc === 'buffer') return undefined;
  return enc;
}

function Hmac(hmac, key, options) {
  if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
  validateString(hmac, 'hmac');
  const encoding = options?.encoding;
  const { isKeyObject, secretKeyBytes } = require('internal/crypto/keys');
  let keyBytes;
  if (isKeyObject(key)) {
    keyBytes = secretKeyBytes(key, 'key');
  } else if (isCryptoKeyLike(key)) {
    keyBytes = require('internal/crypto/keys').secretKeyBytes(key, 'key');
  } else {
    keyBytes = toBytes(key, 'key', encoding);
  }
  this[kHandle] = getBinding().hmacNew(hmac, keyBytes);
  if (this[kHandle] === null) throw new ERR_CRYPTO_INVALID_DIGEST(hmac);
  this[kState] = { [kFinalized]: false };
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(Hmac.prototype, LazyTransform.prototype);
Object.setPrototypeOf(Hmac, LazyTransform);

function isCryptoKeyLike(key) {
  return key !== null && typeof key === 'object' && require('internal/crypto/keys').isCryptoKey(key);
}

Hmac.prototype.update = Hash.prototype.update;
Hmac.prototype._transform = Hash.prototype._transform;
Hmac.prototype._flush = Hash.prototype._flush;

// A second digest() of an Hmac gives an empty result, as Node's does.
Hmac.prototype.digest = function digest(outputEncoding) {
  const state = this[kState];
  const enc = normalizeEncoding(outputEncoding);
  if (state[kFinalized]) return encodeOutput(new FastBuffer(0), enc);
  state[kFinalized] = true;
  return encodeOutput(getBinding().hashDigest(this[kHandle]), enc);
};

// crypto.hash(algorithm, data[, outputEncoding]): one call into C.
function hash(algorithm, input, outputEncoding = 'hex') {
  validateString(algorithm, 'algorithm');
  if (typeof input !== 'string' && !ArrayBuffer.isView(input)) {
    throw new ERR_INVALID_ARG_TYPE('input', ['Buffer', 'TypedArray', 'DataView', 'string'], input);
  }
  if (outputEncoding !== undefined) validateString(outputEncoding, 'outputEncoding');
  const binding = getBinding();
  const data = typeof input === 'string' ? input : toBytes(input, 'input');
  const ab = binding.digestOnce(algorithm, data, 0, -1);
  if (ab === null) throw unsupportedDigest(`Digest method ${algorithm} is not supported`);
  return encodeOutput(ab, normalizeEncoding(outputEncoding));
}

function getHashes() {
  return getBinding().getHashes();
}

module.exports = { Hash, Hmac, hash, getHashes };
