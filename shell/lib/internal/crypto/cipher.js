'use strict';
// createCipheriv / createDecipheriv over OpenSSL's EVP ciphers, AEAD modes
// (GCM, CCM, OCB, ChaCha20-Poly1305) included, and getCipherInfo.

const LazyTransform = require('internal/crypto/lazy_transform');
const { Buffer } = require('buffer');
const { getBinding, toBytes, FastBuffer } = require('internal/crypto/util');
const {
  codes: { ERR_CRYPTO_INVALID_STATE, ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
const { validateString, validateObject, validateInt32 } = require('internal/validators');

const kHandle = Symbol('kHandle');
const kState = Symbol('kState');

// Node names the key and IV types it takes in these messages.
const kKeyTypes = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'];
const kIvTypes = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];

function keyBytes(key, encoding) {
  if (typeof key === 'string') return toBytes(key, 'key', encoding);
  if (ArrayBuffer.isView(key) || key instanceof ArrayBuffer) return toBytes(key, 'key');
  if (key !== null && typeof key === 'object') {
    const keys = require('internal/crypto/keys');
    if (keys.isKeyObject(key) || keys.isCryptoKey(key)) return keys.secretKeyBytes(key, 'key');
  }
  throw new ERR_INVALID_ARG_TYPE('key', kKeyTypes, key);
}

function ivBytes(iv, encoding) {
  if (iv === null) return null;
  if (typeof iv === 'string' || ArrayBuffer.isView(iv) || iv instanceof ArrayBuffer) {
    return toBytes(iv, 'iv', encoding);
  }
  throw new ERR_INVALID_ARG_TYPE('iv', kIvTypes, iv);
}

function getDecoder(self, encoding) {
  const state = self[kState];
  if (state.decoder === null || state.decoderEncoding !== encoding) {
    const { StringDecoder } = require('string_decoder');
    state.decoder = new StringDecoder(encoding);
    state.decoderEncoding = encoding;
  }
  return state.decoder;
}

function output(self, ab, encoding, final) {
  const buf = new FastBuffer(ab);
  if (encoding == null || encoding === 'buffer') return buf;
  const decoder = getDecoder(self, encoding);
  return final ? decoder.end(buf) : decoder.write(buf);
}

function CipherBase(cipher, key, iv, options, encrypt) {
  validateString(cipher, 'cipher');
  if (options !== undefined && options !== null) validateObject(options, 'options');
  const encoding = options?.encoding;
  const k = keyBytes(key, encoding);
  const v = ivBytes(iv, encoding);
  let authTagLength = -1;
  if (options?.authTagLength !== undefined) {
    validateInt32(options.authTagLength, 'options.authTagLength', 0);
    authTagLength = options.authTagLength;
  }
  const binding = getBinding();
  this[kHandle] = binding.cipherNew(cipher, k, v, encrypt, authTagLength);
  this[kState] = {
    encrypt,
    finalized: false,
    updated: false,
    tagSet: false,
    fixedTagLength: authTagLength >= 0,
    plaintextLength: options?.plaintextLength,
    decoder: null,
    decoderEncoding: undefined,
  };
  this._decoder = null;
  LazyTransform.call(this, options);
}
Object.setPrototypeOf(CipherBase.prototype, LazyTransform.prototype);
Object.setPrototypeOf(CipherBase, LazyTransform);

CipherBase.prototype._transform = function _transform(chunk, encoding, callback) {
  this.push(this.update(chunk, encoding));
  callback();
};

CipherBase.prototype._flush = function _flush(callback) {
  try {
    this.push(this.final());
  } catch (err) {
    callback(err);
    return;
  }
  callback();
};

CipherBase.prototype.update = function update(data, inputEncoding, outputEncoding) {
  const state = this[kState];
  if (typeof data === 'string') {
    data = toBytes(data, 'data', inputEncoding);
  } else if (ArrayBuffer.isView(data)) {
    data = toBytes(data, 'data');
  } else {
    throw new ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  if (state.finalized) throw new Error('Trying to add data in unsupported state');
  state.updated = true;
  const ab = getBinding().cipherUpdate(this[kHandle], data);
  return output(this, ab, outputEncoding, false);
};

CipherBase.prototype.final = function final(outputEncoding) {
  const state = this[kState];
  if (state.finalized) throw new ERR_CRYPTO_INVALID_STATE();
  state.finalized = true;
  const ab = getBinding().cipherFinal(this[kHandle]);
  return output(this, ab, outputEncoding, true);
};

CipherBase.prototype.setAutoPadding = function setAutoPadding(autoPadding = true) {
  if (this[kState].finalized || !getBinding().cipherSetAutoPadding(this[kHandle], !!autoPadding)) {
    throw new ERR_CRYPTO_INVALID_STATE('setAutoPadding');
  }
  return this;
};

CipherBase.prototype.setAAD = function setAAD(buffer, options) {
  if (!ArrayBuffer.isView(buffer)) {
    throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  }
  if (options !== undefined) validateObject(options, 'options');
  const state = this[kState];
  let plaintextLength = options?.plaintextLength;
  if (plaintextLength !== undefined) validateInt32(plaintextLength, 'options.plaintextLength', 0);
  else plaintextLength = -1;
  if (state.finalized || state.updated ||
      !getBinding().cipherSetAAD(this[kHandle], toBytes(buffer, 'buffer'), plaintextLength)) {
    throw new ERR_CRYPTO_INVALID_STATE('setAAD');
  }
  return this;
};

function Cipheriv(cipher, key, iv, options) {
  if (!(this instanceof Cipheriv)) return new Cipheriv(cipher, key, iv, options);
  Reflect.apply(CipherBase, this, [cipher, key, iv, options, true]);
}
Object.setPrototypeOf(Cipheriv.prototype, CipherBase.prototype);
Object.setPrototypeOf(Cipheriv, CipherBase);

Cipheriv.prototype.getAuthTag = function getAuthTag() {
  const ab = this[kState].finalized ? getBinding().cipherGetAuthTag(this[kHandle]) : null;
  if (ab === null) throw new ERR_CRYPTO_INVALID_STATE('getAuthTag');
  return new FastBuffer(ab);
};

function Decipheriv(cipher, key, iv, options) {
  if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
  Reflect.apply(CipherBase, this, [cipher, key, iv, options, false]);
}
Object.setPrototypeOf(Decipheriv.prototype, CipherBase.prototype);
Object.setPrototypeOf(Decipheriv, CipherBase);

Decipheriv.prototype.setAuthTag = function setAuthTag(tagbuf, encoding) {
  const tag = typeof tagbuf === 'string' ? toBytes(tagbuf, 'buffer', encoding) :
    ArrayBuffer.isView(tagbuf) ? toBytes(tagbuf, 'buffer') : null;
  if (tag === null) {
    throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], tagbuf);
  }
  const state = this[kState];
  if (state.finalized || state.tagSet ||
      !getBinding().cipherSetAuthTag(this[kHandle], tag, state.fixedTagLength)) {
    throw new ERR_CRYPTO_INVALID_STATE('setAuthTag');
  }
  state.tagSet = true;
  return this;
};

function createCipheriv(cipher, key, iv, options) {
  return new Cipheriv(cipher, key, iv, options);
}

function createDecipheriv(cipher, key, iv, options) {
  return new Decipheriv(cipher, key, iv, options);
}

// The deprecated password forms derive key and IV as OpenSSL's
// EVP_BytesToKey does with MD5 and one round: D1 = MD5(password),
// Dn = MD5(Dn-1 || password), concatenated.
function bytesToKey(cipher, password) {
  const info = getBinding().cipherInfo(cipher);
  if (info === null) {
    const { codes } = require('internal/errors');
    throw new codes.ERR_CRYPTO_UNKNOWN_CIPHER();
  }
  const [, , , ivLength, keyLength] = info;
  const { createHash } = require('crypto');
  const parts = [];
  let total = 0;
  let prev = Buffer.alloc(0);
  while (total < keyLength + ivLength) {
    prev = createHash('md5').update(prev).update(password).digest();
    parts.push(prev);
    total += prev.length;
  }
  const all = Buffer.concat(parts);
  return [all.subarray(0, keyLength), ivLength ? all.subarray(keyLength, keyLength + ivLength) : null];
}

let warnedCipher = false;
function warnDeprecated() {
  if (warnedCipher) return;
  warnedCipher = true;
  process.emitWarning('crypto.createCipher is deprecated.', 'DeprecationWarning', 'DEP0106');
}

function passwordBytes(password, encoding) {
  if (typeof password === 'string' || ArrayBuffer.isView(password) || password instanceof ArrayBuffer) {
    return toBytes(password, 'password', encoding);
  }
  throw new ERR_INVALID_ARG_TYPE('password', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], password);
}

function createCipher(cipher, password, options) {
  warnDeprecated();
  validateString(cipher, 'cipher');
  const [key, iv] = bytesToKey(cipher, passwordBytes(password, options?.encoding));
  return new Cipheriv(cipher, key, iv, options);
}

function createDecipher(cipher, password, options) {
  warnDeprecated();
  validateString(cipher, 'cipher');
  const [key, iv] = bytesToKey(cipher, passwordBytes(password, options?.encoding));
  return new Decipheriv(cipher, key, iv, options);
}

function getCiphers() {
  return getBinding().getCiphers();
}

// getCipherInfo(nameOrNid[, { keyLength, ivLength }])
function getCipherInfo(nameOrNid, options) {
  if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') {
    throw new ERR_INVALID_ARG_TYPE('nameOrNid', ['string', 'number'], nameOrNid);
  }
  if (typeof nameOrNid === 'number') validateInt32(nameOrNid, 'nameOrNid');
  let keyLength, ivLength;
  if (options !== undefined) {
    validateObject(options, 'options');
    ({ keyLength, ivLength } = options);
    if (keyLength !== undefined) validateInt32(keyLength, 'options.keyLength');
    if (ivLength !== undefined) validateInt32(ivLength, 'options.ivLength');
  }
  const info = getBinding().cipherInfo(nameOrNid);
  if (info === null) return undefined;
  const [name, nid, blockSize, ivLen, keyLen, mode] = info;
  if (keyLength !== undefined && keyLength !== keyLen) {
    // Only the variable-length ciphers take other key lengths.
    if (!/^(rc2|rc4|bf|cast|chacha20$)/.test(name)) return undefined;
  }
  if (ivLength !== undefined && ivLength !== ivLen) {
    if (mode === 'gcm' || mode === 'ocb') {
      if (ivLength < 1 || (mode === 'ocb' && ivLength > 15)) return undefined;
    } else if (mode === 'ccm') {
      if (ivLength < 7 || ivLength > 13) return undefined;
    } else {
      return undefined;
    }
  }
  const result = { mode, name, nid };
  if (mode !== 'stream') result.blockSize = blockSize;
  if (ivLen !== 0) result.ivLength = ivLength ?? ivLen;
  result.keyLength = keyLength ?? keyLen;
  if (result.mode === undefined) delete result.mode;
  return result;
}

module.exports = {
  Cipheriv, Decipheriv, createCipheriv, createDecipheriv, getCiphers, getCipherInfo, createCipher, createDecipher,
};
