'use strict';
// Signatures: createSign / createVerify (a streamed digest, signed with
// EVP_PKEY_sign) and the one-shot crypto.sign / crypto.verify
// (EVP_DigestSign, which Ed25519 and Ed448 need).

const { Writable } = require('stream');
const { getBinding, getKeysBinding, toBytes, FastBuffer } = require('internal/crypto/util');
const { asymmetricHandle } = require('internal/crypto/keys');
const {
  codes: { ERR_CRYPTO_INVALID_DIGEST, ERR_CRYPTO_SIGN_KEY_REQUIRED, ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const { validateString, validateFunction, validateInt32 } = require('internal/validators');

const kHandle = Symbol('kHandle');
const kDigest = Symbol('kDigest');

// The options a key argument may carry: padding, saltLength, dsaEncoding.
function signOptions(key) {
  let padding = 0;
  let saltLength = NaN;
  let dsaEncoding = 0;
  if (key !== null && typeof key === 'object' && !ArrayBuffer.isView(key) && key.key !== undefined) {
    if (key.padding !== undefined) {
      validateInt32(key.padding, 'key.padding');
      padding = key.padding;
    }
    if (key.saltLength !== undefined) {
      validateInt32(key.saltLength, 'key.saltLength');
      saltLength = key.saltLength;
    }
    if (key.dsaEncoding !== undefined) {
      if (key.dsaEncoding !== 'der' && key.dsaEncoding !== 'ieee-p1363') {
        throw new ERR_INVALID_ARG_VALUE('options.dsaEncoding', key.dsaEncoding);
      }
      dsaEncoding = key.dsaEncoding === 'ieee-p1363' ? 1 : 0;
    }
  }
  return [padding, saltLength, dsaEncoding];
}

function initSigner(self, algorithm, options) {
  validateString(algorithm, 'algorithm');
  const binding = getBinding();
  const info = binding.digestInfo(algorithm);
  self[kHandle] = info === null ? null : binding.hashNew(algorithm, -1);
  if (self[kHandle] === null) throw new ERR_CRYPTO_INVALID_DIGEST();
  self[kDigest] = info[3];
  Writable.call(self, options);
}

function Sign(algorithm, options) {
  if (!(this instanceof Sign)) return new Sign(algorithm, options);
  initSigner(this, algorithm, options);
}
Object.setPrototypeOf(Sign.prototype, Writable.prototype);
Object.setPrototypeOf(Sign, Writable);

Sign.prototype._write = function _write(chunk, encoding, callback) {
  this.update(chunk, encoding);
  callback();
};

Sign.prototype.update = function update(data, encoding) {
  if (typeof data === 'string') {
    data = toBytes(data, 'data', encoding);
  } else if (!ArrayBuffer.isView(data)) {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  } else {
    data = toBytes(data, 'data');
  }
  getBinding().hashUpdate(this[kHandle], data);
  return this;
};

function finishDigest(self) {
  return getBinding().hashDigest(self[kHandle]);
}

Sign.prototype.sign = function sign(privateKey, encoding) {
  if (privateKey === undefined || privateKey === null) throw new ERR_CRYPTO_SIGN_KEY_REQUIRED();
  const handle = asymmetricHandle(privateKey, 'private');
  const [padding, saltLength, dsaEncoding] = signOptions(privateKey);
  const digest = finishDigest(this);
  const sig = getKeysBinding().sign(handle, this[kDigest], new Uint8Array(digest), padding, saltLength,
    dsaEncoding, true);
  const buf = new FastBuffer(sig);
  return encoding === undefined || encoding === 'buffer' ? buf : buf.toString(encoding);
};

function Verify(algorithm, options) {
  if (!(this instanceof Verify)) return new Verify(algorithm, options);
  initSigner(this, algorithm, options);
}
Object.setPrototypeOf(Verify.prototype, Writable.prototype);
Object.setPrototypeOf(Verify, Writable);
Verify.prototype._write = Sign.prototype._write;
Verify.prototype.update = Sign.prototype.update;

function signatureBytes(signature, encoding, name = 'signature') {
  if (typeof signature === 'string') return toBytes(signature, name, encoding);
  if (!ArrayBuffer.isView(signature)) {
    throw new ERR_INVALID_ARG_TYPE(name, ['Buffer', 'TypedArray', 'DataView'], signature);
  }
  return toBytes(signature, name);
}

Verify.prototype.verify = function verify(key, signature, sigEncoding) {
  const handle = asymmetricHandle(key, 'any');
  const [padding, saltLength, dsaEncoding] = signOptions(key);
  const sig = signatureBytes(signature, sigEncoding);
  const digest = finishDigest(this);
  return getKeysBinding().verify(handle, this[kDigest], new Uint8Array(digest), sig, padding, saltLength,
    dsaEncoding, true);
};

function createSign(algorithm, options) {
  return new Sign(algorithm, options);
}

function createVerify(algorithm, options) {
  return new Verify(algorithm, options);
}

function checkAlgorithm(algorithm) {
  if (algorithm === null || algorithm === undefined) return null;
  validateString(algorithm, 'algorithm');
  const info = getBinding().digestInfo(algorithm);
  if (info === null) throw new ERR_CRYPTO_INVALID_DIGEST(algorithm);
  return info[3];
}

function dataBytes(data) {
  if (!ArrayBuffer.isView(data)) throw new ERR_INVALID_ARG_TYPE('data', ['Buffer', 'TypedArray', 'DataView'], data);
  return toBytes(data, 'data');
}

function oneShotSign(algorithm, data, key, callback) {
  const md = checkAlgorithm(algorithm);
  data = dataBytes(data);
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (key === undefined || key === null) throw new ERR_CRYPTO_SIGN_KEY_REQUIRED();
  const handle = asymmetricHandle(key, 'private');
  const [padding, saltLength, dsaEncoding] = signOptions(key);
  if (callback === undefined) {
    return new FastBuffer(getKeysBinding().sign(handle, md, data, padding, saltLength, dsaEncoding, false));
  }
  let sig;
  try {
    sig = new FastBuffer(getKeysBinding().sign(handle, md, data, padding, saltLength, dsaEncoding, false));
  } catch (err) {
    process.nextTick(callback, err);
    return undefined;
  }
  process.nextTick(callback, null, sig);
  return undefined;
}

function oneShotVerify(algorithm, data, key, signature, callback) {
  const md = checkAlgorithm(algorithm);
  data = dataBytes(data);
  if (callback !== undefined) validateFunction(callback, 'callback');
  const handle = asymmetricHandle(key, 'any');
  const [padding, saltLength, dsaEncoding] = signOptions(key);
  const sig = signatureBytes(signature, undefined);
  if (callback === undefined) {
    return getKeysBinding().verify(handle, md, data, sig, padding, saltLength, dsaEncoding, false);
  }
  let ok;
  try {
    ok = getKeysBinding().verify(handle, md, data, sig, padding, saltLength, dsaEncoding, false);
  } catch (err) {
    process.nextTick(callback, err);
    return undefined;
  }
  process.nextTick(callback, null, ok);
  return undefined;
}

module.exports = {
  Sign,
  Verify,
  createSign,
  createVerify,
  sign: oneShotSign,
  verify: oneShotVerify,
  signOptions,
};
