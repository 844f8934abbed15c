'use strict';
// tls: a placeholder until the OpenSSL-based TLS layer lands (it replaces
// this file). It loads, so packages that require it for optional wss/https
// paths (ws, for one) work over plain TCP; using it throws a clear error.

const net = require('net');

function unavailable(name) {
  return function() {
    const err = new Error(`tls.${name}() is not available yet: TLS has not landed in anode`);
    err.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
    throw err;
  };
}

class TLSSocket extends net.Socket {
  constructor() {
    super();
    unavailable('TLSSocket')();
  }
}

module.exports = {
  CLIENT_RENEG_LIMIT: 3,
  CLIENT_RENEG_WINDOW: 600,
  DEFAULT_CIPHERS: '',
  DEFAULT_ECDH_CURVE: 'auto',
  DEFAULT_MIN_VERSION: 'TLSv1.2',
  DEFAULT_MAX_VERSION: 'TLSv1.3',
  getCiphers: () => [],
  rootCertificates: Object.freeze([]),
  connect: unavailable('connect'),
  createServer: unavailable('createServer'),
  createSecureContext: unavailable('createSecureContext'),
  checkServerIdentity: unavailable('checkServerIdentity'),
  Server: class Server extends net.Server {
    constructor() {
      super();
      unavailable('Server')();
    }
  },
  TLSSocket,
};
