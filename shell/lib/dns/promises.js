'use strict';
// dns/promises: the dns API returning promises.

const {
  ADDRCONFIG, V4MAPPED, ALL, errorCodes, lookup: lookupImpl, lookupService: lookupServiceImpl,
  ResolverBase, resolveArgs, reverseName, setDefaultResultOrder, getDefaultResultOrder,
} = require('internal/dns/utils');
const { validateString } = require('internal/validators');
const { codes: { ERR_INVALID_ARG_TYPE }, DNSException } = require('internal/errors');

function lookup(hostname, options) {
  if (typeof hostname !== 'string' && hostname) {
    throw new ERR_INVALID_ARG_TYPE('hostname', 'string', hostname);
  }
  return new Promise((resolve, reject) => {
    const all = options !== null && typeof options === 'object' && options.all === true;
    lookupImpl(hostname, options, (err, address, family) => {
      if (err) reject(err);
      else resolve(all ? address : { address, family });
    });
  });
}

function lookupService(address, port) {
  return new Promise((resolve, reject) => {
    lookupServiceImpl(address, port, (err, hostname, service) => {
      if (err) reject(err);
      else resolve({ hostname, service });
    });
  });
}

function resolver(type) {
  return function query(name, options) {
    validateString(name, 'name');
    return new Promise((resolve, reject) => {
      this._query(type, name, !!(options && options.ttl), (err, result) => (err ? reject(err) : resolve(result)));
    });
  };
}

class Resolver extends ResolverBase {}
const types = ['A', 'AAAA', 'ANY', 'CAA', 'CNAME', 'MX', 'NAPTR', 'NS', 'PTR', 'SOA', 'SRV', 'TXT'];
for (const type of types) {
  const name = `resolve${type === 'A' ? '4' : type === 'AAAA' ? '6' : type[0] + type.slice(1).toLowerCase()}`;
  Resolver.prototype[name] = resolver(type);
}
Resolver.prototype.resolve = function resolve(hostname, rrtype) {
  const type = resolveArgs(hostname, rrtype);
  return new Promise((res, rej) => {
    this._query(type, hostname, false, (err, result) => (err ? rej(err) : res(result)));
  });
};
Resolver.prototype.reverse = function reverse(ip) {
  validateString(ip, 'ip');
  const name = reverseName(ip);
  if (name === null) return Promise.reject(new DNSException('EINVAL', 'getHostByAddr', ip));
  return new Promise((resolve, reject) => {
    this._query('PTR', name, false, (err, names) => {
      if (err) {
        err.hostname = ip;
        err.message = `getHostByAddr ${err.code} ${ip}`;
        reject(err);
      } else {
        resolve(names);
      }
    }, 'getHostByAddr');
  });
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
