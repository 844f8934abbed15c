'use strict';
// KeyObject (secret, public, private) and CryptoKey, createSecretKey /
// createPublicKey / createPrivateKey, and the key-argument parsing every
// asymmetric operation shares. Asymmetric keys are EVP_PKEY handles of
// internalBinding('crypto_keys'); secret keys are bytes kept in JS.

const { Buffer } = require('buffer');
const { getKeysBinding, toBytes, isAnyArrayBuffer, FastBuffer } = require('internal/crypto/util');
const {
  codes: {
    ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE, ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS, ERR_CRYPTO_INVALID_JWK,
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_ILLEGAL_CONSTRUCTOR,
  },
} = require('internal/errors');
const { validateObject, validateString, validateOneOf } = require('internal/validators');

const kHandle = Symbol('kHandle');
const kKeyType = Symbol('kKeyType');
const kSecret = Symbol('kSecret');
const kDetails = Symbol('kDetails');
const kAsymType = Symbol('kAsymType');
const kConstruct = Symbol('kConstruct');

class KeyObject {
  constructor(type, handle, token) {
    if (token !== kConstruct) {
      // Node's constructor takes a native handle no script can make.
      if (type !== 'secret' && type !== 'public' && type !== 'private') {
        throw new ERR_INVALID_ARG_VALUE('type', type);
      }
      throw new ERR_INVALID_ARG_TYPE('handle', 'object', handle);
    }
    this[kKeyType] = type;
    this[kHandle] = handle;
  }

  get type() {
    return this[kKeyType];
  }

  static from(key) {
    if (!isCryptoKey(key)) throw new ERR_INVALID_ARG_TYPE('key', 'CryptoKey', key);
    return key[kKeyObject];
  }

  equals(otherKeyObject) {
    if (!isKeyObject(otherKeyObject)) {
      throw new ERR_INVALID_ARG_TYPE('otherKeyObject', 'KeyObject', otherKeyObject);
    }
    if (otherKeyObject.type !== this.type) return false;
    if (this.type === 'secret') {
      const a = this[kSecret];
      const b = otherKeyObject[kSecret];
      return a.length === b.length && require('crypto').timingSafeEqual(a, b);
    }
    return getKeysBinding().keyEquals(this[kHandle], otherKeyObject[kHandle]);
  }
}

Object.defineProperty(KeyObject.prototype, Symbol.toStringTag, {
  __proto__: null, configurable: true, value: 'KeyObject',
});

class SecretKeyObject extends KeyObject {
  constructor(bytes) {
    super('secret', null, kConstruct);
    this[kSecret] = bytes;
  }

  get symmetricKeySize() {
    return this[kSecret].length;
  }

  get asymmetricKeyType() {
    return undefined;
  }

  export(options) {
    if (options !== undefined) {
      validateObject(options, 'options');
      validateOneOf(options.format, 'options.format', [undefined, 'buffer', 'jwk']);
      if (options.format === 'jwk') return { kty: 'oct', k: this[kSecret].toString('base64url') };
    }
    return Buffer.from(this[kSecret]);
  }
}

const kRsaLike = new Set(['rsa', 'rsa-pss']);

class AsymmetricKeyObject extends KeyObject {
  get asymmetricKeyType() {
    this[kAsymType] ??= getKeysBinding().keyType(this[kHandle]);
    return this[kAsymType];
  }

  get asymmetricKeyDetails() {
    if (this[kDetails] === undefined) {
      const details = getKeysBinding().keyDetails(this[kHandle]);
      if (typeof details.publicExponent === 'string') {
        details.publicExponent = BigInt(`0x${details.publicExponent}`);
      }
      this[kDetails] = details;
    }
    return { ...this[kDetails] };
  }
}

function exportAsymmetric(key, options, isPublic) {
  validateObject(options, 'options');
  const { format } = options;
  if (format === 'jwk') return exportJwk(key, !isPublic);
  if (format !== 'pem' && format !== 'der') {
    throw new ERR_INVALID_ARG_VALUE('options.format', format);
  }
  const { type, cipher, passphrase } = options;
  const types = isPublic ? ['pkcs1', 'spki'] : ['pkcs1', 'pkcs8', 'sec1'];
  if (!types.includes(type)) throw new ERR_INVALID_ARG_VALUE('options.type', type);
  const asym = key.asymmetricKeyType;
  if (type === 'pkcs1' && asym !== 'rsa') {
    throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS('pkcs1', 'can only be used for RSA keys');
  }
  if (type === 'sec1' && asym !== 'ec') {
    throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS('sec1', 'can only be used for EC keys');
  }
  let pass = null;
  if (!isPublic && cipher !== undefined) {
    validateString(cipher, 'options.cipher');
    if (format === 'der' && type !== 'pkcs8') {
      throw new ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(type, 'does not support encryption');
    }
    if (typeof passphrase !== 'string' && !ArrayBuffer.isView(passphrase) && !isAnyArrayBuffer(passphrase)) {
      throw new ERR_INVALID_ARG_VALUE('options.passphrase', passphrase);
    }
    pass = toBytes(passphrase, 'options.passphrase', options.encoding);
  }
  const out = getKeysBinding().exportKey(key[kHandle], isPublic, format, type,
    isPublic ? null : cipher ?? null, pass);
  return format === 'pem' ? out : new FastBuffer(out);
}

function exportJwk(key, withPrivate) {
  const parts = getKeysBinding().jwkParts(key[kHandle], withPrivate);
  const jwk = {};
  for (const name of Object.keys(parts)) {
    const v = parts[name];
    jwk[name] = typeof v === 'string' ? v : new FastBuffer(v).toString('base64url');
  }
  return jwk;
}

class PublicKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super('public', handle, kConstruct);
  }

  export(options) {
    return exportAsymmetric(this, options, true);
  }
}

class PrivateKeyObject extends AsymmetricKeyObject {
  constructor(handle) {
    super('private', handle, kConstruct);
  }

  export(options) {
    return exportAsymmetric(this, options, false);
  }
}

function isKeyObject(v) {
  return v instanceof KeyObject;
}

// --- CryptoKey (webcrypto) -------------------------------------------------

const kKeyObject = Symbol('kKeyObject');
const kAlgorithm = Symbol('kAlgorithm');
const kExtractable = Symbol('kExtractable');
const kKeyUsages = Symbol('kKeyUsages');

class CryptoKey {
  constructor() {
    throw new ERR_ILLEGAL_CONSTRUCTOR();
  }

  get type() {
    if (!isCryptoKey(this)) throw new ERR_INVALID_ARG_TYPE('this', 'CryptoKey', this);
    return this[kKeyObject].type;
  }

  get extractable() {
    if (!isCryptoKey(this)) throw new ERR_INVALID_ARG_TYPE('this', 'CryptoKey', this);
    return this[kExtractable];
  }

  get algorithm() {
    if (!isCryptoKey(this)) throw new ERR_INVALID_ARG_TYPE('this', 'CryptoKey', this);
    return this[kAlgorithm];
  }

  get usages() {
    if (!isCryptoKey(this)) throw new ERR_INVALID_ARG_TYPE('this', 'CryptoKey', this);
    return Array.from(this[kKeyUsages]);
  }
}

Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, {
  __proto__: null, configurable: true, value: 'CryptoKey',
});
for (const name of ['type', 'extractable', 'algorithm', 'usages']) {
  Object.defineProperty(CryptoKey.prototype, name, { enumerable: true });
}

function createCryptoKey(keyObject, algorithm, extractable, usages) {
  const key = Object.create(CryptoKey.prototype);
  key[kKeyObject] = keyObject;
  key[kAlgorithm] = algorithm;
  key[kExtractable] = extractable;
  key[kKeyUsages] = usages;
  return key;
}

function isCryptoKey(v) {
  return v !== null && typeof v === 'object' && v[kKeyObject] !== undefined && v instanceof CryptoKey;
}

// --- making keys -----------------------------------------------------------

function secretKeyBytes(key, name) {
  const ko = isCryptoKey(key) ? key[kKeyObject] : key;
  if (ko.type !== 'secret') throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(ko.type, 'secret');
  return ko[kSecret];
}

function createSecretKey(key, encoding) {
  const bytes = toBytes(key, 'key', encoding);
  return new SecretKeyObject(Buffer.from(bytes));
}

function b64url(jwk, name) {
  const v = jwk[name];
  if (typeof v !== 'string') throw new ERR_INVALID_ARG_TYPE(`key.${name}`, 'string', v);
  return Buffer.from(v, 'base64url');
}

// A JWK's parts as raw bytes for the binding: ({ kty, crv, n, ... }) -> handle.
function importJwk(jwk, wantPrivate, name = 'key.key') {
  validateObject(jwk, name);
  const { kty } = jwk;
  validateOneOf(kty, `${name}.kty`, ['RSA', 'EC', 'OKP']);
  const isPrivate = wantPrivate === undefined ? jwk.d !== undefined : wantPrivate;
  const parts = { kty };
  if (kty === 'RSA') {
    for (const k of isPrivate ? ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] : ['n', 'e']) parts[k] = b64url(jwk, k);
  } else if (kty === 'EC') {
    validateOneOf(jwk.crv, `${name}.crv`, ['P-256', 'secp256k1', 'P-384', 'P-521']);
    parts.crv = jwk.crv;
    for (const k of isPrivate ? ['x', 'y', 'd'] : ['x', 'y']) parts[k] = b64url(jwk, k);
  } else {
    validateOneOf(jwk.crv, `${name}.crv`, ['Ed25519', 'Ed448', 'X25519', 'X448']);
    parts.crv = jwk.crv;
    for (const k of isPrivate ? ['x', 'd'] : ['x']) parts[k] = b64url(jwk, k);
  }
  const handle = getKeysBinding().jwkImport(parts, isPrivate);
  if (handle === null) throw new ERR_CRYPTO_INVALID_JWK();
  return { handle, isPrivate };
}

const kBinaryish = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'];

function isBinaryish(v) {
  return typeof v === 'string' || ArrayBuffer.isView(v) || isAnyArrayBuffer(v);
}

// Parses a key argument as Node does: a PEM string or buffer, a KeyObject,
// a CryptoKey, or { key, format, type, passphrase, encoding }.
// kind: 'private' (a private key), 'public' (a public key, or the public
// half of a private one), 'any' (whichever it is, for verify/encrypt).
// Returns { keyObject } for key objects, else { handle, isPrivate }.
function parseKeyInput(key, kind, argName = 'key') {
  if (isKeyObject(key) || isCryptoKey(key)) {
    const ko = isCryptoKey(key) ? key[kKeyObject] : key;
    return { keyObject: ko };
  }
  let data = key;
  let format = 'pem';
  let type;
  let passphrase = null;
  let encoding;
  if (!isBinaryish(key)) {
    if (key === null || typeof key !== 'object') {
      throw new ERR_INVALID_ARG_TYPE(argName, [...kBinaryish, 'KeyObject', 'CryptoKey'], key);
    }
    data = key.key;
    encoding = key.encoding;
    if (isKeyObject(data) || isCryptoKey(data)) return { keyObject: isCryptoKey(data) ? data[kKeyObject] : data };
    format = key.format ?? 'pem';
    if (format === 'jwk') {
      const r = importJwk(data, kind === 'public' ? false : kind === 'private' ? true : undefined);
      return r;
    }
    validateOneOf(format, `${argName}.format`, ['pem', 'der', 'jwk']);
    if (!isBinaryish(data)) {
      throw new ERR_INVALID_ARG_TYPE(`${argName}.key`, [...kBinaryish, 'KeyObject', 'CryptoKey'], data);
    }
    type = key.type;
    if (format === 'der') {
      const types = kind === 'private' ? ['pkcs1', 'pkcs8', 'sec1'] :
        kind === 'public' ? ['pkcs1', 'spki'] : ['pkcs1', 'spki', 'pkcs8', 'sec1'];
      if (!types.includes(type)) throw new ERR_INVALID_ARG_VALUE(`${argName}.type`, type);
    }
    if (key.passphrase !== undefined && key.passphrase !== null) {
      passphrase = toBytes(key.passphrase, `${argName}.passphrase`, encoding);
    }
  }
  const bytes = toBytes(data, argName, encoding);
  const binding = getKeysBinding();
  let isPrivate;
  if (kind === 'private') {
    isPrivate = true;
  } else if (kind === 'public') {
    isPrivate = false;
  } else {
    // verify and publicEncrypt take a private key too (for its public half).
    isPrivate = format === 'der' ? (type === 'pkcs8' || type === 'sec1') :
      /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(bytes.toString('latin1', 0, Math.min(bytes.length, 4096)));
    if (isPrivate) return { handle: binding.parseKey(bytes, false, format, type ?? null, passphrase), isPrivate: false };
  }
  const handle = binding.parseKey(bytes, !isPrivate, format, type ?? null, passphrase);
  return { handle, isPrivate };
}

function keyObjectFrom(handle, isPrivate) {
  return isPrivate ? new PrivateKeyObject(handle) : new PublicKeyObject(handle);
}

function createPrivateKey(key) {
  if (isKeyObject(key) || isCryptoKey(key) ||
      (key !== null && typeof key === 'object' && !isBinaryish(key) && (isKeyObject(key.key) || isCryptoKey(key.key)))) {
    throw new ERR_INVALID_ARG_TYPE('key', kBinaryish, key);
  }
  const { handle } = parseKeyInput(key, 'private');
  return new PrivateKeyObject(handle);
}

function createPublicKey(key) {
  const r = parseKeyInput(key, 'public');
  if (r.keyObject !== undefined) {
    const ko = r.keyObject;
    if (ko.type !== 'private') throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(ko.type, 'private');
    return new PublicKeyObject(getKeysBinding().publicOf(ko[kHandle]));
  }
  if (r.isPrivate) return new PublicKeyObject(getKeysBinding().publicOf(r.handle));
  return new PublicKeyObject(r.handle);
}

// The native handle for an asymmetric operation: a private key for
// sign/decrypt, any asymmetric key for verify/encrypt.
function asymmetricHandle(key, kind, argName = 'key') {
  const r = parseKeyInput(key, kind, argName);
  if (r.keyObject !== undefined) {
    const ko = r.keyObject;
    if (ko.type === 'secret' || (kind === 'private' && ko.type !== 'private')) {
      throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(ko.type, kind === 'private' ? 'private' : 'public or private');
    }
    return ko[kHandle];
  }
  return r.handle;
}

module.exports = {
  KeyObject,
  SecretKeyObject,
  PublicKeyObject,
  PrivateKeyObject,
  CryptoKey,
  createCryptoKey,
  createSecretKey,
  createPublicKey,
  createPrivateKey,
  isKeyObject,
  isCryptoKey,
  secretKeyBytes,
  parseKeyInput,
  asymmetricHandle,
  importJwk,
  keyObjectFrom,
  kHandle,
  kKeyObject,
  kAlgorithm,
  kExtractable,
  kKeyUsages,
};
