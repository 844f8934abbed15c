'use strict';
// tls: TLS/SSL over OpenSSL (libssl). Sockets and servers are in
// internal/tls/wrap (the record layer runs in C, binding 'tls'), secure
// contexts in internal/tls/secure_context.

const { Buffer } = require('buffer');
const {
  TLSSocket, Server, createServer, connect, checkServerIdentity, convertALPNProtocols,
} = require('internal/tls/wrap');
const { SecureContext, createSecureContext, DEFAULT_CIPHERS, defaults } = require('internal/tls/secure_context');
const { codes: { ERR_TLS_INVALID_PROTOCOL_VERSION } } = require('internal/errors');

const binding = internalBinding('tls');

let rootCertificates;
let ciphers;

function getCiphers() {
  ciphers ??= [...new Set(binding.ciphers())];
  return ciphers.slice();
}

function createSecurePair() {
  const err = new Error('tls.createSecurePair() was removed: use tls.TLSSocket');
  err.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
  throw err;
}

function versionSetter(key, kind) {
  return {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() { return defaults[key]; },
    set(v) {
      if (v !== 'TLSv1' && v !== 'TLSv1.1' && v !== 'TLSv1.2' && v !== 'TLSv1.3') {
        throw new ERR_TLS_INVALID_PROTOCOL_VERSION(v, kind);
      }
      defaults[key] = v;
    },
  };
}

module.exports = {
  CLIENT_RENEG_LIMIT: 3,
  CLIENT_RENEG_WINDOW: 600,
  DEFAULT_CIPHERS,
  DEFAULT_ECDH_CURVE: 'auto',
  SecureContext,
  Server,
  TLSSocket,
  checkServerIdentity,
  connect,
  convertALPNProtocols,
  createSecureContext,
  createSecurePair,
  createServer,
  getCiphers,
};

Object.defineProperty(module.exports, 'DEFAULT_MIN_VERSION', versionSetter('minVersion', 'minimum'));
Object.defineProperty(module.exports, 'DEFAULT_MAX_VERSION', versionSetter('maxVersion', 'maximum'));

// The system's CA bundle, read on first use.
Object.defineProperty(module.exports, 'rootCertificates', {
  __proto__: null,
  configurable: false,
  enumerable: true,
  get() {
    rootCertificates ??= Object.freeze(binding.rootCertificates());
    return rootCertificates;
  },
});

void Buffer;
