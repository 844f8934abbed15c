'use strict';
// What dns and dns/promises share: argument checks, the getaddrinfo and
// getnameinfo calls, and a Resolver whose queries run libc's resolver on
// the threadpool. Both modules wrap these in callback or promise form.

const binding = internalBinding('dns');
const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_IP_ADDRESS, ERR_MISSING_ARGS },
  DNSException,
} = require('internal/errors');
const { validateString, validatePort, validateNumber, validateInt32, validateOneOf, validateArray } =
  require('internal/validators');

let net;
function isIP(s) {
  net ??= require('net');
  return net.isIP(s);
}

const ADDRCONFIG = binding.AI_ADDRCONFIG;
const V4MAPPED = binding.AI_V4MAPPED;
const ALL = binding.AI_ALL;

const errorCodes = {
  NODATA: 'ENODATA',
  FORMERR: 'EFORMERR',
  SERVFAIL: 'ESERVFAIL',
  NOTFOUND: 'ENOTFOUND',
  NOTIMP: 'ENOTIMP',
  REFUSED: 'EREFUSED',
  BADQUERY: 'EBADQUERY',
  BADNAME: 'EBADNAME',
  BADFAMILY: 'EBADFAMILY',
  BADRESP: 'EBADRESP',
  CONNREFUSED: 'ECONNREFUSED',
  TIMEOUT: 'ETIMEOUT',
  EOF: 'EOF',
  FILE: 'EFILE',
  NOMEM: 'ENOMEM',
  DESTRUCTION: 'EDESTRUCTION',
  BADSTR: 'EBADSTR',
  BADFLAGS: 'EBADFLAGS',
  NONAME: 'ENONAME',
  BADHINTS: 'EBADHINTS',
  NOTINITIALIZED: 'ENOTINITIALIZED',
  LOADIPHLPAPI: 'ELOADIPHLPAPI',
  ADDRGETNETWORKPARAMS: 'EADDRGETNETWORKPARAMS',
  CANCELLED: 'ECANCELLED',
};

let defaultOrder = 'verbatim';

function setDefaultResultOrder(order) {
  validateOneOf(order, 'dnsOrder', ['verbatim', 'ipv4first']);
  defaultOrder = order;
}

function getDefaultResultOrder() {
  return defaultOrder;
}

// Normalized lookup options: { family, hints, all, order }.
function lookupOptions(options) {
  let family = 0;
  let hints = 0;
  let all = false;
  let order = defaultOrder;
  if (typeof options === 'number' || typeof options === 'string') {
    family = options;
  } else if (options !== undefined && options !== null) {
    if (typeof options !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('options', ['integer', 'Object'], options);
    }
    if (options.hints != null) {
      validateNumber(options.hints, 'options.hints');
      hints = options.hints >>> 0;
    }
    if (options.family != null) family = options.family;
    if (options.all != null) {
      if (typeof options.all !== 'boolean') throw new ERR_INVALID_ARG_TYPE('options.all', 'boolean', options.all);
      all = options.all;
    }
    if (options.verbatim != null) {
      if (typeof options.verbatim !== 'boolean') {
        throw new ERR_INVALID_ARG_TYPE('options.verbatim', 'boolean', options.verbatim);
      }
      order = options.verbatim ? 'verbatim' : 'ipv4first';
    }
    if (options.order != null) {
      validateOneOf(options.order, 'options.order', ['ipv4first', 'ipv6first', 'verbatim']);
      order = options.order;
    }
  }
  switch (family) {
    case 'IPv4': family = 4; break;
    case 'IPv6': family = 6; break;
    case 0: case 4: case 6: break;
    default:
      validateOneOf(family, typeof options === 'object' && options !== null ? 'options.family' : 'family', [0, 4, 6]);
  }
  if (hints !== 0 && (hints & ~(ADDRCONFIG | ALL | V4MAPPED)) !== 0) {
    throw new ERR_INVALID_ARG_VALUE('hints', hints);
  }
  return { family, hints, all, order };
}

// Calls cb(err, address, family) or cb(err, [{ address, family }]) for all.
function lookup(hostname, options, cb) {
  if (hostname) validateString(hostname, 'hostname');
  const { family, hints, all, order } = lookupOptions(options);
  if (!hostname) {
    if (all) process.nextTick(cb, null, []);
    else process.nextTick(cb, null, null, family === 6 ? 6 : 4);
    return;
  }
  const matched = isIP(hostname);
  if (matched) {
    if (all) process.nextTick(cb, null, [{ address: hostname, family: matched }]);
    else process.nextTick(cb, null, hostname, matched);
    return;
  }
  const err = binding.getaddrinfo(hostname, family, hints, (status, addresses) => {
    if (status < 0) {
      cb(new DNSException(status, 'getaddrinfo', hostname));
      return;
    }
    let list = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (order === 'ipv4first') list = list.filter((a) => a.family === 4).concat(list.filter((a) => a.family === 6));
    else if (order === 'ipv6first') list = list.filter((a) => a.family === 6).concat(list.filter((a) => a.family === 4));
    if (all) cb(null, list);
    else cb(null, list[0].address, list[0].family);
  });
  if (err < 0) process.nextTick(cb, new DNSException(err, 'getaddrinfo', hostname));
}

function lookupService(address, port, cb) {
  if (arguments.length !== 3) throw new ERR_MISSING_ARGS('address', 'port', 'callback');
  validateString(address, 'address');
  if (isIP(address) === 0) throw new ERR_INVALID_ARG_VALUE('address', address);
  validatePort(port);
  const err = binding.getnameinfo(address, +port, (status, host, service) => {
    if (status < 0) cb(new DNSException(status, 'getnameinfo', address));
    else cb(null, host, service);
  });
  if (err < 0) process.nextTick(cb, new DNSException(err, 'getnameinfo', address));
}

// ---- queries ----------------------------------------------------------------

const rrtypes = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, PTR: 12, MX: 15, TXT: 16, AAAA: 28, SRV: 33, NAPTR: 35, ANY: 255, CAA: 257,
};

const syscalls = {
  A: 'queryA', AAAA: 'queryAaaa', ANY: 'queryAny', CAA: 'queryCaa', CNAME: 'queryCname', MX: 'queryMx',
  NAPTR: 'queryNaptr', NS: 'queryNs', PTR: 'queryPtr', SOA: 'querySoa', SRV: 'querySrv', TXT: 'queryTxt',
};

// The answer records of one type in Node's shapes.
function shape(type, records, ttl) {
  const mine = type === 'ANY' ? records : records.filter((r) => r.type === type);
  switch (type) {
    case 'A':
    case 'AAAA':
      return mine.map((r) => (ttl ? { address: r.address, ttl: r.ttl } : r.address));
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return mine.map((r) => r.value);
    case 'MX':
      return mine.map((r) => ({ exchange: r.exchange, priority: r.priority }));
    case 'TXT':
      return mine.map((r) => r.entries);
    case 'SRV':
      return mine.map((r) => ({ name: r.name, port: r.port, priority: r.priority, weight: r.weight }));
    case 'NAPTR':
      return mine.map((r) => ({
        flags: r.flags, service: r.service, regexp: r.regexp, replacement: r.replacement,
        order: r.order, preference: r.preference,
      }));
    case 'SOA': {
      const r = mine[0];
      return r && {
        nsname: r.nsname, hostmaster: r.hostmaster, serial: r.serial, refresh: r.refresh,
        retry: r.retry, expire: r.expire, minttl: r.minttl,
      };
    }
    case 'CAA':
      return mine.map((r) => ({ critical: r.critical, [r.tag]: r.value }));
    case 'ANY':
      return mine.map((r) => {
        switch (r.type) {
          case 'A': case 'AAAA': return { address: r.address, ttl: r.ttl, type: r.type };
          case 'CNAME': case 'NS': case 'PTR': return { value: r.value, type: r.type };
          case 'TXT': return { entries: r.entries, type: r.type };
          default: {
            const { ttl: t, type: ty, ...rest } = r;
            void t;
            return { ...shape(ty, [r], false)[0] ?? rest, type: ty };
          }
        }
      });
    default:
      return mine;
  }
}

function reverseName(ip) {
  const kind = isIP(ip);
  if (kind === 4) return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  if (kind === 6) {
    // Expand to 32 nibbles.
    let [head, tail] = ip.split('%')[0].split('::');
    const h = head ? head.split(':') : [];
    const t = tail !== undefined && tail ? tail.split(':') : [];
    const missing = 8 - h.length - t.length;
    const groups = tail === undefined ? h : [...h, ...new Array(missing).fill('0'), ...t];
    const nibbles = groups.map((g) => g.padStart(4, '0')).join('');
    return `${nibbles.split('').reverse().join('.')}.ip6.arpa`;
  }
  return null;
}

class ResolverBase {
  constructor(options = undefined) {
    let timeout = -1;
    let tries = 4;
    if (options !== undefined && options !== null) {
      if (options.timeout !== undefined) {
        validateInt32(options.timeout, 'options.timeout', -1);
        timeout = options.timeout;
      }
      if (options.tries !== undefined) {
        validateInt32(options.tries, 'options.tries', 1);
        tries = options.tries;
      }
    }
    this._timeout = timeout;
    this._tries = tries;
    this._servers = null; // null: the system's resolv.conf
    this._pending = new Set();
  }

  getServers() {
    return this._servers ? this._servers.slice() : binding.defaultServers();
  }

  setServers(servers) {
    validateArray(servers, 'servers');
    const list = [];
    servers.forEach((serv, index) => {
      validateString(serv, `servers[${index}]`);
      let host = serv;
      let port;
      const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(serv);
      if (bracket) {
        host = bracket[1];
        port = bracket[2];
      } else if (isIP(serv) !== 6) {
        const m = /^([^:]+):(\d+)$/.exec(serv);
        if (m) {
          host = m[1];
          port = m[2];
        }
      }
      if (isIP(host) === 0) throw new ERR_INVALID_IP_ADDRESS(serv);
      list.push(port && +port !== 53 ? (isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`) : host);
    });
    this._servers = list;
  }

  setLocalAddress(ipv4, ipv6) {
    validateString(ipv4, 'ipv4');
    if (isIP(ipv4) !== 4) throw new ERR_INVALID_ARG_VALUE('ipv4', ipv4);
    if (ipv6 !== undefined) {
      validateString(ipv6, 'ipv6');
      if (isIP(ipv6) !== 6) throw new ERR_INVALID_ARG_VALUE('ipv6', ipv6);
    }
  }

  cancel() {
    for (const cancel of this._pending) cancel();
    this._pending.clear();
  }

  // Runs a query; cb(err, result) with result in Node's shape.
  _query(type, name, ttl, cb, syscall = syscalls[type]) {
    let done = false;
    const cancel = () => {
      if (done) return;
      done = true;
      process.nextTick(cb, new DNSException('ECANCELLED', syscall, name));
    };
    this._pending.add(cancel);
    const servers = this._servers && this._servers.map((s) => s.replace(/^\[(.*)\]/, '$1'));
    const err = binding.query(name, rrtypes[type], servers, this._timeout, this._tries, (code, json) => {
      this._pending.delete(cancel);
      if (done) return;
      done = true;
      if (code) {
        cb(new DNSException(code, syscall, name));
        return;
      }
      const result = shape(type, JSON.parse(json), ttl);
      if (result === undefined || (Array.isArray(result) && result.length === 0 && type !== 'ANY')) {
        cb(new DNSException('ENODATA', syscall, name));
        return;
      }
      cb(null, result);
    });
    if (err < 0) {
      this._pending.delete(cancel);
      done = true;
      process.nextTick(cb, new DNSException(err, syscall, name));
    }
  }
}

function resolveArgs(name, rrtype) {
  validateString(name, 'name');
  if (rrtype !== undefined) validateString(rrtype, 'rrtype');
  const type = rrtype === undefined ? 'A' : rrtype;
  if (!Object.hasOwn(rrtypes, type)) throw new ERR_INVALID_ARG_VALUE('rrtype', rrtype);
  return type;
}

module.exports = {
  ADDRCONFIG,
  V4MAPPED,
  ALL,
  errorCodes,
  lookup,
  lookupService,
  lookupOptions,
  ResolverBase,
  resolveArgs,
  reverseName,
  rrtypes,
  syscalls,
  setDefaultResultOrder,
  getDefaultResultOrder,
};
