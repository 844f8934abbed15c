'use strict';
// https: a placeholder until the OpenSSL-based TLS layer lands (it replaces
// this file). The Agent exists so code that builds one at load time runs;
// requests and servers throw a clear error.

const http = require('http');

function unavailable(name) {
  return function() {
    const err = new Error(`https.${name}() is not available yet: TLS has not landed in anode`);
    err.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
    throw err;
  };
}

class Agent extends http.Agent {
  constructor(options) {
    super(options);
    this.defaultPort = 443;
    this.protocol = 'https:';
  }
}

const globalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

module.exports = {
  Agent,
  globalAgent,
  Server: class Server extends http.Server {
    constructor() {
      super();
      unavailable('Server')();
    }
  },
  createServer: unavailable('createServer'),
  get: unavailable('get'),
  request: unavailable('request'),
};
