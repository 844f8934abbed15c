'use strict';
// What every part of crypto shares: the two bindings (set up on first use),
// Node's ERR_CRYPTO_* codes, and turning arguments into byte views.

const { Buffer } = require('buffer');
const { E, codes } = require('internal/errors');

const FastBuffer = Buffer[Symbol.species];

// Node's crypto codes that internal/errors does not register itself.
const own = [
  ['ERR_CRYPTO_ECDH_INVALID_FORMAT', 'Invalid ECDH format: %s', TypeError],
  ['ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY', 'Public key is not valid for specified curve', Error],
  ['ERR_CRYPTO_INCOMPATIBLE_KEY', 'Incompatible %s: %s', Error],
  ['ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding %s %s.', Error],
  ['ERR_CRYPTO_INVALID_AUTH_TAG', '%s', TypeError],
  ['ERR_CRYPTO_INVALID_COUNTER', 'Invalid counter length', TypeError],
  ['ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name', TypeError],
  ['ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector', TypeError],
  ['ERR_CRYPTO_INVALID_JWK', 'Invalid JWK data', TypeError],
  ['ERR_CRYPTO_INVALID_KEYPAIR', 'Invalid key pair', RangeError],
  ['ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type %s, expected %s.', TypeError],
  ['ERR_CRYPTO_INVALID_MESSAGELEN', 'Invalid message length', RangeError],
  ['ERR_CRYPTO_INVALID_SCRYPT_PARAMS', (detail) => (detail ? `Invalid scrypt params: ${detail}` : 'Invalid scrypt params'),
    RangeError],
  ['ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter', Error],
  ['ERR_CRYPTO_INVALID_TAG_LENGTH', 'Invalid taglength', RangeError],
  ['ERR_CRYPTO_JWK_UNSUPPORTED_CURVE', 'Unsupported JWK EC curve: %s.', Error],
  ['ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE', 'Unsupported JWK Key Type.', Error],
  ['ERR_CRYPTO_SIGN_KEY_REQUIRED', 'No key provided to sign', Error],
  ['ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length', RangeError],
  ['ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher', Error],
  ['ERR_CRYPTO_UNKNOWN_DH_GROUP', 'Unknown DH group', Error],
  ['ERR_CRYPTO_UNSUPPORTED_OPERATION', 'Unsupported crypto operation', Error],
  ['ERR_CRYPTO_KEYGEN_FAILED', 'Key generation job failed', Error],
  // Messages that differ by where Node throws them (JS or C++).
  ['ERR_CRYPTO_INVALID_KEYLEN', (msg) => msg ?? 'Invalid key length', RangeError],
  ['ERR_CRYPTO_OPERATION_FAILED', (msg) => msg ?? 'Operation failed', Error],
  ['ERR_CRYPTO_INVALID_KEYTYPE', (msg) => msg ?? 'Invalid key type', RangeError],
  ['ERR_MISSING_PASSPHRASE', 'Passphrase required for encrypted key', TypeError],
  ['ERR_CRYPTO_INVALID_DIGEST', (name) => (name === undefined ? 'Invalid digest' : `Invalid digest: ${name}`),
    TypeError],
  ['ERR_CRYPTO_INVALID_STATE', (op) => (op === undefined ? 'Invalid state' : `Invalid state for operation ${op}`),
    Error],
];
const kOverride = new Set(['ERR_CRYPTO_INVALID_DIGEST', 'ERR_CRYPTO_INVALID_STATE']);
// ERR_CRYPTO_INVALID_DIGEST and ERR_CRYPTO_INVALID_STATE are internal/errors' own, given an
// argument-less form here.
for (const [code, message, Base] of own) {
  if (kOverride.has(code) || !Object.prototype.hasOwnProperty.call(codes, code)) {
    E(code, message, Base);
  }
}

// An OpenSSL failure as Node reports it: the message is OpenSSL's error
// string, with library, reason and an ERR_OSSL_* code when it has them.
function opensslError(message, library, reason, code, stack) {
  const err = new Error(message);
  if (stack !== undefined) err.opensslErrorStack = stack;
  if (library !== undefined) err.library = library;
  if (reason !== undefined) err.reason = reason;
  if (code !== undefined) err.code = code;
  return err;
}

// The C side builds errors through this: (null, OpenSSL's fields...) or
// (a Node code, its one argument).
function makeError(code, a, b, c, d, e) {
  if (code === null) return opensslError(a, b, c, d, e);
  const Ctor = codes[code];
  return a === undefined ? new Ctor() : new Ctor(a);
}

let binding;
function getBinding() {
  if (binding === undefined) {
    binding = internalBinding('crypto');
    binding.setup(makeError);
  }
  return binding;
}

let keysBinding;
function getKeysBinding() {
  if (keysBinding === undefined) {
    keysBinding = internalBinding('crypto_keys');
    keysBinding.setup(makeError);
  }
  return keysBinding;
}

const kEncodingsIds = { utf8: 0, 'utf-8': 0, latin1: 1, binary: 1 };

let DOMException;
function lazyDOMException(message, name) {
  DOMException ??= require('internal/abort_controller').lazyDOMException();
  return new DOMException(message, name);
}

function isAnyArrayBuffer(v) {
  return v instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer) ||
    Object.prototype.toString.call(v) === '[object ArrayBuffer]';
}

// A Uint8Array over the bytes of a Buffer, TypedArray, DataView or
// ArrayBuffer (no copy), or of a string in `encoding`; anything else is an
// ERR_INVALID_ARG_TYPE naming `name`.
function toBytes(data, name, encoding, allowString = true) {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new FastBuffer(data.buffer, data.byteOffset, data.byteLength);
  if (isAnyArrayBuffer(data)) return new FastBuffer(data);
  if (allowString && typeof data === 'string') {
    return Buffer.from(data, encoding == null || encoding === 'buffer' ? 'utf8' : encoding);
  }
  throw new codes.ERR_INVALID_ARG_TYPE(name,
    allowString ? ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'] :
      ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], data);
}

function encodeOutput(ab, encoding) {
  const buf = ab instanceof Uint8Array ? ab : new FastBuffer(ab);
  if (encoding == null || encoding === 'buffer') return buf;
  return buf.toString(encoding);
}

// Copies a user's bytes (a KDF's password, a key) so later changes to the
// caller's buffer cannot reach us.
function copyBytes(data, name, encoding) {
  return Buffer.from(toBytes(data, name, encoding));
}

module.exports = {
  FastBuffer,
  getBinding,
  getKeysBinding,
  kEncodingsIds,
  isAnyArrayBuffer,
  toBytes,
  copyBytes,
  encodeOutput,
  opensslError,
  makeError,
  lazyDOMException,
};
