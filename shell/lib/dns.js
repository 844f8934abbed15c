'use strict';
// dns: lookup (getaddrinfo on the threadpool), lookupService, and the
// resolve* family over libc's DNS resolver, in callback form.

const {
  ADDRCONFIG, V4MAPPED, ALL, errorCodes, lookup: lookupImpl, lookupService: lookupServiceImpl,
  ResolverBase, resolveArgs, reverseName, setDefaultResultOrder, getDefaultResultOrder,
} = require('internal/dns/utils');
const { validateFunction, validateString } = require('internal/validators');
const { codes: { ERR_INVALID_ARG_TYPE }, DNSException } = require('internal/errors');
const kPromisifyCustom = Symbol.for('nodejs.util.promisify.custom');

function lookup(hostname, options, callback) {
  if (typeof hostname !== 'string' && hostname) {
    throw new ERR_INVALID_ARG_TYPE('hostname', 'string', hostname);
  }
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  validateFunction(callback, 'callback');
  lookupImpl(hostname, options, callback);
  return {};
}
Object.defineProperty(lookup, kPromisifyCustom, {
  __proto__: null,
  enumerable: false,
  get() { return require('dns/promises').lookup; },
});

function lookupService(address, port, callback) {
  if (arguments.length !== 3) lookupServiceImpl(...arguments);
  validateFunction(callback, 'callback');
  lookupServiceImpl(address, port, callback);
  return {};
}
Object.defineProperty(lookupService, kPromisifyCustom, {
  __proto__: null,
  enumerable: false,
  get() { return require('dns/promises').lookupService; },
});

function resolver(type) {
  return function query(name, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    validateString(name, 'name');
    validateFunction(callback, 'callback');
    this._query(type, name, !!(options && options.ttl), callback);
    return {};
  };
}

class Resolver extends ResolverBase {}
const types = ['A', 'AAAA', 'ANY', 'CAA', 'CNAME', 'MX', 'NAPTR', 'NS', 'PTR', 'SOA', 'SRV', 'TXT'];
for (const type of types) {
  const name = `resolve${type === 'A' ? '4' : type === 'AAAA' ? '6' : type[0] + type.slice(1).toLowerCase()}`;
  Resolver.prototype[name] = resolver(type);
}
Resolver.prototype.resolve = function resolve(hostname, rrtype, callback) {
  if (typeof rrtype === 'function') {
    callback = rrtype;
    rrtype = undefined;
  }
  const type = resolveArgs(hostname, rrtype);
  validateFunction(callback, 'callback');
  this._query(type, hostname, false, callback);
  return {};
};
Resolver.prototype.reverse = function reverse(ip, callback) {
  validateString(ip, 'ip');
  validateFunction(callback, 'callback');
  const name = reverseName(ip);
  if (name === null) {
    process.nextTick(callback, new DNSException('EINVAL', 'getHostByAddr', ip));
    return {};
  }
  this._query('PTR', name, false, (err, names) => {
    if (err) {
      err.hostname = ip;
      err.message = `getHostByAddr ${err.code} ${ip}`;
      err.syscall = 'getHostByAddr';
    }
    callback(err, names);
  }, 'getHostByAddr');
  return {};
};

const defaultResolver = new Resolver();

module.exports = {
  lookup,
  lookupService,
  Resolver,
  getDefaultResultOrder,
  setDefaultResultOrder,
  setServers(servers) { defaultResolver.setServers(servers); },
  getServers() { return defaultResolver.getServers(); },
  resolve: defaultResolver.resolve.bind(defaultResolver),
  reverse: defaultResolver.reverse.bind(defaultResolver),
  ADDRCONFIG,
  V4MAPPED,
  ALL,
  ...errorCodes,
};
for (const key of Object.getOwnPropertyNames(Resolver.prototype)) {
  if (key.startsWith('resolve') && key !== 'resolve') {
    module.exports[key] = Resolver.prototype[key].bind(defaultResolver);
  }
}
Object.defineProperty(module.exports, 'promises', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() { return require('dns/promises'); },
});

