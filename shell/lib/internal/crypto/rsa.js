'use strict';
// publicEncrypt, privateDecrypt, privateEncrypt and publicDecrypt (RSA).

const { getKeysBinding, toBytes, FastBuffer } = require('internal/crypto/util');
const { asymmetricHandle } = require('internal/crypto/keys');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const { validateInt32, validateString } = require('internal/validators');

const RSA_PKCS1_PADDING = 1;
const RSA_PKCS1_OAEP_PADDING = 4;

function crypt(op, key, buffer, defaultPadding) {
  const handle = asymmetricHandle(key, op === 1 || op === 2 ? 'private' : 'any');
  let padding = defaultPadding;
  let oaepHash = null;
  let oaepLabel = null;
  if (key !== null && typeof key === 'object' && !ArrayBuffer.isView(key) && key.key !== undefined) {
    if (key.padding !== undefined) {
      validateInt32(key.padding, 'key.padding');
      padding = key.padding;
    }
    if (key.oaepHash !== undefined) {
      validateString(key.oaepHash, 'key.oaepHash');
      oaepHash = key.oaepHash;
    }
    if (key.oaepLabel !== undefined) oaepLabel = toBytes(key.oaepLabel, 'key.oaepLabel', undefined, false);
  }
  // Node 20 refuses PKCS#1 v1.5 decryption (CVE-2023-46809, the Marvin attack).
  if (op === 1 && padding === RSA_PKCS1_PADDING) {
    throw new ERR_INVALID_ARG_VALUE('padding', padding,
      'RSA_PKCS1_PADDING is no longer supported for private decryption, this can be reverted with ' +
      '--security-revert=CVE-2023-46809');
  }
  if (typeof buffer !== 'string' && !ArrayBuffer.isView(buffer)) {
    throw new ERR_INVALID_ARG_TYPE('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], buffer);
  }
  const data = toBytes(buffer, 'buffer', key?.encoding);
  return new FastBuffer(getKeysBinding().pkeyCrypt(op, handle, data, padding, oaepHash, oaepLabel));
}

module.exports = {
  publicEncrypt: (key, buffer) => crypt(0, key, buffer, RSA_PKCS1_OAEP_PADDING),
  privateDecrypt: (key, buffer) => crypt(1, key, buffer, RSA_PKCS1_OAEP_PADDING),
  privateEncrypt: (key, buffer) => crypt(2, key, buffer, RSA_PKCS1_PADDING),
  publicDecrypt: (key, buffer) => crypt(3, key, buffer, RSA_PKCS1_PADDING),
};
