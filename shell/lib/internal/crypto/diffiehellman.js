'use strict';
// DiffieHellman (modular arithmetic over OpenSSL's BIGNUMs, the RFC 2409 /
// 3526 groups), ECDH (OpenSSL's EC_POINT arithmetic) and
// crypto.diffieHellman over two KeyObjects (EVP_PKEY_derive).

const { Buffer } = require('buffer');
const { getKeysBinding, toBytes, FastBuffer } = require('internal/crypto/util');
const { isKeyObject, kHandle } = require('internal/crypto/keys');
const {
  codes: {
    ERR_CRYPTO_ECDH_INVALID_FORMAT, ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY, ERR_CRYPTO_INVALID_CURVE,
    ERR_CRYPTO_INVALID_KEYTYPE, ERR_CRYPTO_INCOMPATIBLE_KEY, ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE,
    ERR_INVALID_ARG_TYPE,
  },
} = require('internal/errors');
const { validateInt32, validateString, validateObject } = require('internal/validators');

const kDH = Symbol('kDH');

function encode(ab, encoding) {
  const buf = new FastBuffer(ab);
  return encoding == null || encoding === 'buffer' ? buf : buf.toString(encoding);
}

function keyBytes(key, encoding, name) {
  if (typeof key === 'string') return toBytes(key, name, encoding);
  if (ArrayBuffer.isView(key) || key instanceof ArrayBuffer) return toBytes(key, name);
  throw new ERR_INVALID_ARG_TYPE(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
}

function DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding) {
  if (!(this instanceof DiffieHellman)) return new DiffieHellman(sizeOrKey, keyEncoding, generator, genEncoding);
  if (typeof sizeOrKey !== 'number' && typeof sizeOrKey !== 'string' && !ArrayBuffer.isView(sizeOrKey) &&
      !(sizeOrKey instanceof ArrayBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('sizeOrKey', ['number', 'string', 'ArrayBuffer', 'Buffer', 'TypedArray',
      'DataView'], sizeOrKey);
  }
  if (typeof keyEncoding === 'number' || ArrayBuffer.isView(keyEncoding)) {
    genEncoding = generator;
    generator = keyEncoding;
    keyEncoding = undefined;
  }
  const binding = getKeysBinding();
  let gen = generator === undefined ? 2 : generator;
  if (typeof gen === 'number') {
    validateInt32(gen, 'generator');
  } else {
    gen = keyBytes(gen, genEncoding, 'generator');
  }
  if (typeof sizeOrKey === 'number') {
    validateInt32(sizeOrKey, 'sizeOrKey');
    this[kDH] = binding.dhNew('size', sizeOrKey, typeof gen === 'number' ? gen : parseInt(Buffer.from(gen).toString('hex') || '0', 16));
  } else {
    this[kDH] = binding.dhNew('prime', keyBytes(sizeOrKey, keyEncoding, 'sizeOrKey'), gen);
  }
}

DiffieHellman.prototype.generateKeys = function generateKeys(encoding) {
  return encode(getKeysBinding().dhGenerateKeys(this[kDH]), encoding);
};

DiffieHellman.prototype.computeSecret = function computeSecret(otherPublicKey, inputEncoding, outputEncoding) {
  const other = keyBytes(otherPublicKey, inputEncoding, 'otherPublicKey');
  return encode(getKeysBinding().dhComputeSecret(this[kDH], other), outputEncoding);
};

function getter(what, name) {
  return function get(encoding) {
    const ab = getKeysBinding().dhGet(this[kDH], what);
    if (ab === null) {
      const err = new Error(`No ${name} - did you forget to generate one?`);
      err.code = 'ERR_CRYPTO_INVALID_STATE';
      throw err;
    }
    return encode(ab, encoding);
  };
}

DiffieHellman.prototype.getPrime = getter(0, 'prime');
DiffieHellman.prototype.getGenerator = getter(1, 'generator');
DiffieHellman.prototype.getPublicKey = getter(2, 'public key');
DiffieHellman.prototype.getPrivateKey = getter(3, 'private key');

DiffieHellman.prototype.setPublicKey = function setPublicKey(key, encoding) {
  getKeysBinding().dhSet(this[kDH], 2, keyBytes(key, encoding, 'key'));
  return this;
};

DiffieHellman.prototype.setPrivateKey = function setPrivateKey(key, encoding) {
  getKeysBinding().dhSet(this[kDH], 3, keyBytes(key, encoding, 'key'));
  return this;
};

Object.defineProperty(DiffieHellman.prototype, 'verifyError', {
  __proto__: null,
  enumerable: true,
  configurable: true,
  get() {
    return getKeysBinding().dhVerifyError(this[kDH]);
  },
});

function DiffieHellmanGroup(name) {
  if (!(this instanceof DiffieHellmanGroup)) return new DiffieHellmanGroup(name);
  validateString(name, 'name');
  this[kDH] = getKeysBinding().dhNew('group', name);
}
for (const key of ['generateKeys', 'computeSecret', 'getPrime', 'getGenerator', 'getPublicKey', 'getPrivateKey']) {
  DiffieHellmanGroup.prototype[key] = DiffieHellman.prototype[key];
}
Object.defineProperty(DiffieHellmanGroup.prototype, 'verifyError',
  Object.getOwnPropertyDescriptor(DiffieHellman.prototype, 'verifyError'));

function createDiffieHellman(prime, primeEncoding, generator, generatorEncoding) {
  return new DiffieHellman(prime, primeEncoding, generator, generatorEncoding);
}

function getDiffieHellman(groupName) {
  return new DiffieHellmanGroup(groupName);
}

// --- ECDH -----------------------------------------------------------------

const kFormats = { compressed: 2, uncompressed: 4, hybrid: 6 };

function pointFormat(format) {
  if (format === undefined) return 4;
  const f = kFormats[format];
  if (f === undefined) throw new ERR_CRYPTO_ECDH_INVALID_FORMAT(format);
  return f;
}

function ECDH(curve) {
  if (!(this instanceof ECDH)) return new ECDH(curve);
  validateString(curve, 'curve');
  this[kDH] = getKeysBinding().ecdhNew(curve);
  if (this[kDH] === null) throw new ERR_CRYPTO_INVALID_CURVE();
}

ECDH.prototype.generateKeys = function generateKeys(encoding, format) {
  getKeysBinding().ecdhGenerateKeys(this[kDH]);
  return this.getPublicKey(encoding, format);
};

ECDH.prototype.computeSecret = function computeSecret(otherPublicKey, inputEncoding, outputEncoding) {
  const other = keyBytes(otherPublicKey, inputEncoding, 'otherPublicKey');
  const ab = getKeysBinding().ecdhComputeSecret(this[kDH], other);
  if (ab === null) throw new ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY();
  return encode(ab, outputEncoding);
};

ECDH.prototype.getPublicKey = function getPublicKey(encoding, format) {
  const f = pointFormat(format);
  const ab = getKeysBinding().ecdhGetPublic(this[kDH], f);
  if (ab === null) {
    const err = new Error('Failed to get ECDH public key');
    err.code = 'ERR_CRYPTO_OPERATION_FAILED';
    throw err;
  }
  return encode(ab, encoding);
};

ECDH.prototype.getPrivateKey = function getPrivateKey(encoding) {
  const ab = getKeysBinding().ecdhGetPrivate(this[kDH]);
  if (ab === null) {
    const err = new Error('Failed to get ECDH private key');
    err.code = 'ERR_CRYPTO_OPERATION_FAILED';
    throw err;
  }
  return encode(ab, encoding);
};

ECDH.prototype.setPrivateKey = function setPrivateKey(key, encoding) {
  if (!getKeysBinding().ecdhSetPrivate(this[kDH], keyBytes(key, encoding, 'key'))) {
    throw new ERR_CRYPTO_INVALID_KEYTYPE('Private key is not valid for specified curve.');
  }
  return this;
};

ECDH.prototype.setPublicKey = function setPublicKey(key, encoding) {
  if (!getKeysBinding().ecdhSetPublic(this[kDH], keyBytes(key, encoding, 'key'))) {
    throw new ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY();
  }
  return this;
};

ECDH.convertKey = function convertKey(key, curve, inEnc, outEnc, format) {
  validateString(curve, 'curve');
  const bytes = keyBytes(key, inEnc, 'key');
  const f = pointFormat(format);
  const ab = getKeysBinding().ecdhConvert(curve, bytes, f);
  if (ab === undefined) throw new ERR_CRYPTO_INVALID_CURVE();
  if (ab === null) throw new ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY();
  return encode(ab, outEnc);
};

function createECDH(curve) {
  return new ECDH(curve);
}

// --- crypto.diffieHellman -------------------------------------------------

function diffieHellman(options) {
  validateObject(options, 'options');
  const { privateKey, publicKey } = options;
  if (!isKeyObject(privateKey)) throw new ERR_INVALID_ARG_TYPE('options.privateKey', 'KeyObject', privateKey);
  if (!isKeyObject(publicKey)) throw new ERR_INVALID_ARG_TYPE('options.publicKey', 'KeyObject', publicKey);
  if (privateKey.type !== 'private') throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(privateKey.type, 'private');
  if (publicKey.type !== 'public' && publicKey.type !== 'private') {
    throw new ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(publicKey.type, 'private or public');
  }
  const a = privateKey.asymmetricKeyType;
  const b = publicKey.asymmetricKeyType;
  if (a !== b) throw new ERR_CRYPTO_INCOMPATIBLE_KEY('key types for Diffie-Hellman', `${a} and ${b}`);
  return new FastBuffer(getKeysBinding().derive(privateKey[kHandle], publicKey[kHandle]));
}

function getCurves() {
  return getKeysBinding().getCurves();
}

module.exports = {
  DiffieHellman,
  DiffieHellmanGroup,
  createDiffieHellman,
  getDiffieHellman,
  createDiffieHellmanGroup: getDiffieHellman,
  ECDH,
  createECDH,
  diffieHellman,
  getCurves,
};
