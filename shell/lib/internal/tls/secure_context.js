'use strict';
// tls.createSecureContext: an OpenSSL SSL_CTX (binding 'tls') configured
// from Node's options (key, cert, ca, ciphers, versions...). OpenSSL's
// errors become Node's: the message is OpenSSL's string, the code
// ERR_SSL_* / ERR_OSSL_*.

const { Buffer } = require('buffer');
const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_TLS_INVALID_PROTOCOL_VERSION,
    ERR_TLS_PROTOCOL_VERSION_CONFLICT,
    ERR_FEATURE_UNAVAILABLE_ON_PLATFORM,
  },
} = require('internal/errors');
const { validateObject, validateString, validateNumber, validateInt32 } = require('internal/validators');

const binding = internalBinding('tls');

// Node's default cipher list (crypto.constants.defaultCoreCipherList, as
// its documentation prints it): TLS 1.3 suites first, then forward-secret
// AEAD ones.
const DEFAULT_CIPHERS = [
  'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-AES256-GCM-SHA384', 'DHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-SHA256',
  'DHE-RSA-AES128-SHA256', 'ECDHE-RSA-AES256-SHA384', 'DHE-RSA-AES256-SHA384', 'ECDHE-RSA-AES256-SHA256',
  'DHE-RSA-AES256-SHA256', 'HIGH', '!aNULL', '!eNULL', '!EXPORT', '!DES', '!RC4', '!MD5', '!PSK', '!SRP',
  '!CAMELLIA',
].join(':');

const versions = {
  __proto__: null,
  'TLSv1': binding.TLS1_VERSION,
  'TLSv1.1': binding.TLS1_1_VERSION,
  'TLSv1.2': binding.TLS1_2_VERSION,
  'TLSv1.3': binding.TLS1_3_VERSION,
};

// secureProtocol names OpenSSL's old method constructors used; each pins
// the versions.
const secureProtocols = {
  __proto__: null,
  TLS_method: [0, 0], TLS_client_method: [0, 0], TLS_server_method: [0, 0],
  SSLv23_method: [0, 0], SSLv23_client_method: [0, 0], SSLv23_server_method: [0, 0],
  TLSv1_method: ['TLSv1', 'TLSv1'], TLSv1_client_method: ['TLSv1', 'TLSv1'], TLSv1_server_method: ['TLSv1', 'TLSv1'],
  TLSv1_1_method: ['TLSv1.1', 'TLSv1.1'], TLSv1_1_client_method: ['TLSv1.1', 'TLSv1.1'],
  TLSv1_1_server_method: ['TLSv1.1', 'TLSv1.1'],
  TLSv1_2_method: ['TLSv1.2', 'TLSv1.2'], TLSv1_2_client_method: ['TLSv1.2', 'TLSv1.2'],
  TLSv1_2_server_method: ['TLSv1.2', 'TLSv1.2'],
};

const defaults = {
  minVersion: 'TLSv1.2',
  maxVersion: 'TLSv1.3',
};

// An Error from the binding's [code, message, library, reason].
function sslError(info) {
  const err = new Error(info[1]);
  if (info[2]) err.library = info[2];
  if (info[3]) err.reason = info[3];
  err.code = info[0];
  return err;
}

function check(result) {
  if (result !== 0) {
    if (Array.isArray(result)) throw sslError(result);
    throw new ERR_INVALID_ARG_VALUE('options', result);
  }
}

function toVersion(value, name) {
  if (value === undefined) return undefined;
  validateString(value, `options.${name}`);
  const v = versions[value];
  if (v === undefined) throw new ERR_TLS_INVALID_PROTOCOL_VERSION(value, name === 'minVersion' ? 'minimum' : 'maximum');
  return v;
}

function isKeyLike(v) {
  return typeof v === 'string' || ArrayBuffer.isView(v);
}

function validateKeyOrCertOption(name, value) {
  if (typeof value !== 'string' && !ArrayBuffer.isView(value)) {
    throw new ERR_INVALID_ARG_TYPE(`options.${name}`, ['string', 'Buffer', 'TypedArray', 'DataView'], value);
  }
}

function pemBytes(value) {
  if (typeof value === 'string') return value;
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

class SecureContext {
  constructor(secureProtocol, secureOptions, minVersion, maxVersion) {
    let min = minVersion;
    let max = maxVersion;
    if (secureProtocol !== undefined) {
      validateString(secureProtocol, 'secureProtocol');
      const pinned = secureProtocols[secureProtocol];
      if (pinned === undefined) {
        throw new ERR_INVALID_ARG_VALUE('options.secureProtocol', secureProtocol, 'is not a known method');
      }
      if (pinned[0] !== 0) {
        min = pinned[0];
        max = pinned[1];
      }
    }
    const context = binding.createContext(versions[min] ?? 0, versions[max] ?? 0);
    if (Array.isArray(context)) throw sslError(context);
    this.context = context;
    if (secureOptions) {
      validateInt32(secureOptions, 'secureOptions');
      binding.setOptions(context, secureOptions);
    }
  }
}

function createSecureContext(options) {
  if (options === undefined) options = {};
  validateObject(options, 'options');

  const { secureProtocol, minVersion, maxVersion } = options;
  if (secureProtocol !== undefined && (minVersion !== undefined || maxVersion !== undefined)) {
    throw new ERR_TLS_PROTOCOL_VERSION_CONFLICT(minVersion ?? maxVersion, secureProtocol);
  }
  toVersion(minVersion, 'minVersion');
  toVersion(maxVersion, 'maxVersion');
  const min = minVersion ?? (secureProtocol ? undefined : defaults.minVersion);
  const max = maxVersion ?? (secureProtocol ? undefined : defaults.maxVersion);

  const sc = new SecureContext(secureProtocol, options.secureOptions, min, max);
  const ctx = sc.context;

  const { ca, cert, key, passphrase, pfx, crl, privateKeyEngine, privateKeyIdentifier } = options;
  if (pfx !== undefined) {
    throw new ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('options.pfx (PKCS#12) in anode\'s tls');
  }
  if (options.ticketKeys !== undefined) {
    throw new ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('options.ticketKeys in anode\'s tls');
  }
  if (crl !== undefined) {
    throw new ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('options.crl in anode\'s tls');
  }
  if (privateKeyEngine !== undefined || privateKeyIdentifier !== undefined) {
    throw new ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('OpenSSL engines in anode\'s tls');
  }

  if (ca !== undefined && ca !== null) {
    const list = Array.isArray(ca) ? ca : [ca];
    for (const c of list) {
      validateKeyOrCertOption('ca', c);
      check(binding.addCACert(ctx, pemBytes(c)));
    }
  }

  // Keys first: a certificate that does not match the key replaces it
  // (OpenSSL's order, as in Node).
  if (key !== undefined && key !== null) {
    const list = Array.isArray(key) ? key : [key];
    for (const k of list) {
      let pem = k;
      let pass = passphrase;
      if (!isKeyLike(k) && k !== null && typeof k === 'object') {
        pem = k.pem;
        if (k.passphrase !== undefined) pass = k.passphrase;
      }
      validateKeyOrCertOption('key', pem);
      if (pass !== undefined && pass !== null) validateString(pass, 'options.passphrase');
      check(binding.setKey(ctx, pemBytes(pem), pass ?? undefined));
    }
  }

  if (cert !== undefined && cert !== null) {
    const list = Array.isArray(cert) ? cert : [cert];
    for (const c of list) {
      validateKeyOrCertOption('cert', c);
      check(binding.setCert(ctx, pemBytes(c)));
    }
  }

  const ciphers = options.ciphers ?? DEFAULT_CIPHERS;
  validateString(ciphers, 'options.ciphers');
  check(binding.setCiphers(ctx, ciphers));

  const { ecdhCurve, sigalgs, sessionIdContext, sessionTimeout } = options;
  if (ecdhCurve !== undefined && ecdhCurve !== 'auto') {
    validateString(ecdhCurve, 'options.ecdhCurve');
    check(binding.setGroups(ctx, ecdhCurve));
  }
  if (sigalgs !== undefined) {
    validateString(sigalgs, 'options.sigalgs');
    if (sigalgs === '') throw new ERR_INVALID_ARG_VALUE('options.sigalgs', sigalgs);
    check(binding.setSigalgs(ctx, sigalgs));
  }
  if (sessionIdContext !== undefined) {
    validateString(sessionIdContext, 'options.sessionIdContext');
    check(binding.setSessionIdContext(ctx, sessionIdContext));
  }
  if (sessionTimeout !== undefined) {
    validateNumber(sessionTimeout, 'options.sessionTimeout', 0);
    binding.setSessionTimeout(ctx, sessionTimeout);
  }
  return sc;
}

function isSecureContext(value) {
  return value instanceof SecureContext;
}

module.exports = {
  SecureContext,
  createSecureContext,
  isSecureContext,
  sslError,
  DEFAULT_CIPHERS,
  defaults,
};
