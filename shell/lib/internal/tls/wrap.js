'use strict';
// TLSSocket, tls.Server and tls.connect. A TLSSocket is a net.Socket whose
// stream handle has the TLS filter of binding 'tls' attached in C: the
// socket reads and writes plaintext exactly as a plain one does (and the
// HTTP parser can consume it in C), while the handle encrypts, decrypts and
// runs the handshake. Wrapping an existing net.Socket takes over its handle.
// JS hears of the handshake, errors, client hellos (SNICallback,
// ALPNCallback) and new sessions, and applies certificate policy here.

const EventEmitter = require('events');
const net = require('net');
const { Buffer } = require('buffer');
const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_MULTIPLE_CALLBACK,
    ERR_TLS_ALPN_CALLBACK_INVALID_RESULT,
    ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS,
    ERR_TLS_CERT_ALTNAME_INVALID,
    ERR_TLS_HANDSHAKE_TIMEOUT,
    ERR_TLS_INVALID_CONTEXT,
    ERR_TLS_INVALID_STATE,
    ERR_TLS_REQUIRED_SERVER_NAME,
    ERR_TLS_SNI_FROM_SERVER,
    ERR_FEATURE_UNAVAILABLE_ON_PLATFORM,
    ERR_OUT_OF_RANGE,
  },
  ConnResetException,
  ErrnoException,
} = require('internal/errors');
const {
  validateFunction,
  validateNumber,
  validateObject,
  validateString,
  validateInt32,
  validateBuffer,
} = require('internal/validators');
const { StreamHandle, TCP, PIPE } = require('internal/net/handle');
const { createSecureContext, isSecureContext, sslError, DEFAULT_CIPHERS } = require('internal/tls/secure_context');

const binding = internalBinding('tls');
const uv = internalBinding('uv');

const kOptions = Symbol('tlsOptions');
const kConnectOptions = Symbol('connectOptions');
const kHandshakeTimer = Symbol('handshakeTimer');
const kPipe = Symbol('pipe');
const kErrorEmitted = Symbol('errorEmitted');
const kWantSession = Symbol('wantSession');
const kSNICallback = Symbol('snicallback');
const kALPNCallback = Symbol('alpncallback');

// ---------------------------------------------------------------------------
// Callbacks from C: the first argument is the stream handle.

function onHandshake(handle) {
  handle.owner?._onTlsHandshake();
}
function onError(handle, info) {
  const socket = handle.owner;
  if (!socket) return;
  socket._tlsError(typeof info === 'number' ? new ErrnoException(info, 'write') : sslError(info));
}
function onHello(handle, servername, protocols) {
  handle.owner?._onTlsHello(servername, protocols);
}
function onSession(handle, ab) {
  const socket = handle.owner;
  if (socket) socket.emit('session', Buffer.from(ab));
}
function onKeylog(handle, ab) {
  const socket = handle.owner;
  if (!socket) return;
  const line = Buffer.from(ab);
  const server = socket[kOptions].isServer ? socket[kOptions].server : null;
  if (server) server.emit('keylog', line, socket);
  else socket.emit('keylog', line);
}
binding.setup(onHandshake, onError, onHello, onSession, onKeylog);

// ---------------------------------------------------------------------------
// ALPN lists: ['h2', 'http/1.1'] or the wire format itself.

function alpnWire(protocols) {
  if (protocols === undefined || protocols === null) return undefined;
  if (Array.isArray(protocols)) {
    const parts = [];
    for (const p of protocols) {
      const bytes = typeof p === 'string' ? Buffer.from(p) : Buffer.from(p.buffer, p.byteOffset, p.byteLength);
      if (bytes.length === 0 || bytes.length > 255) {
        throw new ERR_OUT_OF_RANGE('The byte length of the protocol', '>= 1 and <= 255', bytes.length);
      }
      parts.push(Buffer.from([bytes.length]), bytes);
    }
    return Buffer.concat(parts);
  }
  if (ArrayBuffer.isView(protocols)) {
    return Buffer.from(protocols.buffer.slice(protocols.byteOffset, protocols.byteOffset + protocols.byteLength));
  }
  throw new ERR_INVALID_ARG_TYPE('options.ALPNProtocols', ['Array', 'Buffer', 'TypedArray', 'DataView'], protocols);
}

function convertALPNProtocols(protocols, out) {
  const wire = alpnWire(protocols);
  if (wire !== undefined) out.ALPNProtocols = wire;
}

// ---------------------------------------------------------------------------
// Certificates: the binding's values into Node's certificate objects.

function nameObject(pairs) {
  const o = { __proto__: null };
  for (let i = 0; i < pairs.length; i += 2) {
    const k = pairs[i];
    const v = pairs[i + 1];
    if (o[k] === undefined) o[k] = v;
    else if (Array.isArray(o[k])) o[k].push(v);
    else o[k] = [o[k], v];
  }
  return o;
}

function infoAccessObject(text) {
  const o = { __proto__: null };
  for (const line of text.split('\n')) {
    const at = line.indexOf(' - ');
    if (at === -1) continue;
    const colon = line.indexOf(':', at);
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1);
    (o[key] ??= []).push(value);
  }
  return o;
}

function certObject(v) {
  const c = {};
  c.subject = nameObject(v.subject);
  c.issuer = nameObject(v.issuer);
  if (v.subjectaltname !== undefined) c.subjectaltname = v.subjectaltname;
  if (v.infoAccess !== undefined) c.infoAccess = infoAccessObject(v.infoAccess);
  c.ca = v.ca;
  if (v.modulus !== undefined) {
    c.modulus = v.modulus;
    c.bits = v.bits;
    c.exponent = v.exponent;
    c.pubkey = Buffer.from(v.pubkey);
  } else if (v.pubkey !== undefined) {
    c.bits = v.bits;
    c.pubkey = Buffer.from(v.pubkey);
    if (v.asn1Curve !== undefined) c.asn1Curve = v.asn1Curve;
    if (v.nistCurve !== undefined) c.nistCurve = v.nistCurve;
  }
  c.valid_from = v.valid_from;
  c.valid_to = v.valid_to;
  c.fingerprint = v.fingerprint;
  c.fingerprint256 = v.fingerprint256;
  c.fingerprint512 = v.fingerprint512;
  if (v.ext_key_usage !== undefined) c.ext_key_usage = v.ext_key_usage;
  c.serialNumber = v.serialNumber;
  c.raw = Buffer.from(v.raw);
  return c;
}

// The chain as objects linked by issuerCertificate; a self-issued root is
// its own issuer.
function chainObject(list, detailed) {
  const certs = list.map(certObject);
  if (detailed) {
    for (let i = 0; i < certs.length; i++) {
      if (i + 1 < certs.length) certs[i].issuerCertificate = certs[i + 1];
      else if (list[i].selfIssued) certs[i].issuerCertificate = certs[i];
    }
  }
  return certs[0];
}

// ---------------------------------------------------------------------------
// checkServerIdentity (RFC 6125): DNS names against subjectAltName DNS
// entries (or the CN when there are none), IPs against IP entries.

function splitAltNames(altNames) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < altNames.length; i++) {
    const ch = altNames[i];
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === ',' && altNames[i + 1] === ' ') {
      out.push(cur);
      cur = '';
      i++;
      continue;
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

// Eight hex groups without leading zeros, so equal addresses compare equal.
function expandIPv6(ip) {
  let s = ip.toLowerCase();
  const zone = s.indexOf('%');
  if (zone !== -1) s = s.slice(0, zone);
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    const v4 = s.slice(lastColon + 1).split('.').map(Number);
    s = `${s.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = s.split('::');
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
  const zeros = new Array(Math.max(0, 8 - head.length - rest.length)).fill('0');
  return head.concat(zeros, rest).map((g) => parseInt(g, 16).toString(16)).join(':');
}

function canonicalIP(ip) {
  return net.isIPv6(ip) ? expandIPv6(ip) : ip;
}

// `host` and `pattern` as labels; a `*` may stand for part or all of the
// first label of a pattern that has at least three labels.
function hostMatches(host, pattern) {
  if (pattern.endsWith('.')) pattern = pattern.slice(0, -1);
  const h = host.toLowerCase().split('.');
  const p = pattern.toLowerCase().split('.');
  if (h.length !== p.length || p.some((part) => part === '')) return false;
  for (let i = 1; i < p.length; i++) {
    if (p[i] !== h[i]) return false;
  }
  const first = p[0];
  const star = first.indexOf('*');
  if (star === -1) return first === h[0];
  if (first.indexOf('*', star + 1) !== -1 || p.length < 3 || first.startsWith('xn--')) return false;
  const prefix = first.slice(0, star);
  const suffix = first.slice(star + 1);
  return h[0].length >= prefix.length + suffix.length && h[0].startsWith(prefix) && h[0].endsWith(suffix) &&
    (h[0].length > 0);
}

function checkServerIdentity(hostname, cert) {
  const subject = cert?.subject;
  const altNames = cert?.subjectaltname;
  const dnsNames = [];
  const ips = [];
  hostname = `${hostname}`;
  if (altNames) {
    for (const name of splitAltNames(altNames)) {
      if (name.startsWith('DNS:')) dnsNames.push(name.slice(4));
      else if (name.startsWith('IP Address:')) ips.push(canonicalIP(name.slice(11)));
    }
  }
  let valid = false;
  let reason = 'Unknown reason';
  const host = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (net.isIP(host)) {
    valid = ips.includes(canonicalIP(host));
    if (!valid) reason = `IP: ${host} is not in the cert's list: ${ips.join(', ')}`;
  } else if (dnsNames.length > 0 || subject?.CN) {
    if (dnsNames.length > 0) {
      valid = dnsNames.some((name) => hostMatches(host, name));
      if (!valid) reason = `Host: ${host}. is not in the cert's altnames: ${altNames}`;
    } else {
      const cns = Array.isArray(subject.CN) ? subject.CN : [subject.CN];
      valid = cns.some((cn) => hostMatches(host, cn));
      if (!valid) reason = `Host: ${host}. is not cert's CN: ${subject.CN}`;
    }
  } else {
    reason = 'Cert does not contain a DNS name';
  }
  if (!valid) return new ERR_TLS_CERT_ALTNAME_INVALID(reason, host, cert);
  return undefined;
}

// ---------------------------------------------------------------------------
// TLSSocket

function verifyError(socket) {
  const r = socket._handle ? binding.verifyError(socket._handle.id) : null;
  if (r === null) return null;
  const err = new Error(r[1]);
  err.code = r[0];
  return err;
}

function TLSSocket(socket, opts) {
  if (!(this instanceof TLSSocket)) return new TLSSocket(socket, opts);
  const tlsOptions = { __proto__: null, ...opts };
  if (tlsOptions.ALPNProtocols !== undefined) tlsOptions.ALPNProtocols = alpnWire(tlsOptions.ALPNProtocols);
  this[kOptions] = tlsOptions;
  this._tlsOptions = tlsOptions;
  this._secureEstablished = false;
  this._securePending = false;
  this._newSessionPending = false;
  this._controlReleased = false;
  this.secureConnecting = true;
  this._SNICallback = null;
  this.servername = null;
  this.alpnProtocol = null;
  this.authorized = false;
  this.authorizationError = null;
  this.encrypted = true;
  this[kHandshakeTimer] = null;
  this[kErrorEmitted] = false;
  this[kWantSession] = false;

  let handle;
  let parent = null;
  let connecting = false;
  if (socket instanceof net.Socket && socket._handle && typeof socket._handle.id === 'number') {
    // Take the socket's handle over; the socket lives on as our parent and
    // closes when we do.
    parent = socket;
    handle = socket._handle;
    connecting = socket.connecting;
    socket._handle = null;
    socket.connecting = false;
  } else if (socket !== undefined && socket !== null) {
    throw new ERR_FEATURE_UNAVAILABLE_ON_PLATFORM(
      'tls over a stream that is not a connected or connecting net.Socket');
  } else {
    handle = new StreamHandle(tlsOptions[kPipe] ? PIPE : TCP);
  }

  net.Socket.call(this, {
    handle,
    allowHalfOpen: parent ? parent.allowHalfOpen : tlsOptions.allowHalfOpen,
    manualStart: true,
    pauseOnCreate: tlsOptions.pauseOnConnect,
    readableHighWaterMark: tlsOptions.highWaterMark,
    writableHighWaterMark: tlsOptions.highWaterMark,
    onread: tlsOptions.onread,
    signal: tlsOptions.signal,
  });
  this._parent = parent;
  if (connecting) this.connecting = true;
  if (parent) {
    this._host = parent._host;
    this.once('close', () => parent.destroy());
  }
  if (tlsOptions.isServer && tlsOptions.server) this.server = tlsOptions.server;

  let context = tlsOptions.secureContext;
  if (context === undefined) context = createSecureContext(tlsOptions);
  else if (!isSecureContext(context)) throw new ERR_TLS_INVALID_CONTEXT('options.secureContext');
  const err = binding.wrap(handle.id, context.context, !!tlsOptions.isServer);
  if (err) throw new ErrnoException(err, 'wrap');
  // The filter starts with its reader paused, whatever the socket did before.
  handle.reading = false;

  // Reads that end before the handshake are the handshake's failure.
  const plainOnRead = handle.onread;
  handle.onread = function tlsOnRead(nread, ab) {
    const owner = this.owner;
    if (nread < 0 && owner && !owner._secureEstablished) {
      owner._tlsEndBeforeSecure(nread);
      return;
    }
    plainOnRead.call(this, nread, ab);
  };

  if (tlsOptions.isServer) {
    initServerSide(this, handle, tlsOptions);
  } else {
    if (tlsOptions.ALPNProtocols) binding.setALPN(handle.id, tlsOptions.ALPNProtocols);
    if (tlsOptions.servername) this.setServername(tlsOptions.servername);
    if (tlsOptions.session) this.setSession(tlsOptions.session);
    this.on('newListener', onNewSessionListener);
    if (parent && !connecting) this._start();
    else this.once('connect', this._start);
  }

  // Read on the next tick, so the caller has set up its listeners.
  if (!tlsOptions.pauseOnConnect) process.nextTick(initRead, this);
}
Object.setPrototypeOf(TLSSocket.prototype, net.Socket.prototype);
Object.setPrototypeOf(TLSSocket, net.Socket);

function initRead(socket) {
  if (socket._handle && !socket.destroyed && socket.readableFlowing !== false) socket.read(0);
}

function onNewSessionListener(event) {
  if (event === 'session' && !this[kWantSession] && this._handle) {
    this[kWantSession] = true;
    binding.wantSession(this._handle.id, true);
  } else if (event === 'keylog' && this._handle) {
    binding.wantKeylog(this._handle.id, true);
  }
}

function initServerSide(socket, handle, options) {
  const server = options.server;
  binding.setVerifyMode(handle.id, !!options.requestCert, options.rejectUnauthorized !== false);
  if (server && server.listenerCount('keylog') > 0) binding.wantKeylog(handle.id, true);
  if (options.ALPNProtocols) binding.setALPN(handle.id, options.ALPNProtocols);
  const sni = options.SNICallback;
  if (sni !== undefined && sni !== null) socket._SNICallback = sni;
  const alpnCb = options.ALPNCallback;
  socket[kALPNCallback] = typeof alpnCb === 'function' ? alpnCb : null;
  const wantSNI = typeof socket._SNICallback === 'function';
  if (wantSNI || socket[kALPNCallback]) binding.setHelloMode(handle.id, wantSNI, !!socket[kALPNCallback]);
  const timeout = options.handshakeTimeout ?? 120000;
  if (timeout > 0) {
    const t = setTimeout(onHandshakeTimeout, timeout, socket);
    t.unref();
    socket[kHandshakeTimer] = t;
  }
  socket.once('close', clearHandshakeTimer);
  if (server) socket.on('secure', onServerSocketSecure);
  binding.start(handle.id);
}

function clearHandshakeTimer() {
  if (this[kHandshakeTimer] !== null) {
    clearTimeout(this[kHandshakeTimer]);
    this[kHandshakeTimer] = null;
  }
}

function onHandshakeTimeout(socket) {
  socket[kHandshakeTimer] = null;
  if (socket._secureEstablished || socket.destroyed) return;
  socket._tlsError(new ERR_TLS_HANDSHAKE_TIMEOUT());
}

function onServerSocketSecure() {
  const socket = this;
  const options = socket[kOptions];
  if (options.requestCert) {
    const err = verifyError(socket);
    if (err) {
      socket.authorizationError = err.code;
      if (options.rejectUnauthorized !== false) {
        socket.destroy();
        return;
      }
    } else {
      socket.authorized = true;
    }
  }
  if (!socket.destroyed) {
    socket._controlReleased = true;
    options.server.emit('secureConnection', socket);
  }
}

TLSSocket.prototype._start = function _start() {
  if (this._handle && !this.destroyed) binding.start(this._handle.id);
};

TLSSocket.prototype._onTlsHandshake = function _onTlsHandshake() {
  clearHandshakeTimer.call(this);
  this._secureEstablished = true;
  this.secureConnecting = false;
  const info = this._handle ? binding.info(this._handle.id) : null;
  if (info) {
    this.alpnProtocol = info[4];
    if (this[kOptions].isServer) this.servername = info[5];
  }
  if (!this[kOptions].isServer && this.servername === null) this.servername = false;
  this.emit('secure');
};

// A TLS error (handshake, alert, bad record). A server's handshake failures
// go to the server's 'tlsClientError'; everything else destroys the socket
// with the error.
TLSSocket.prototype._tlsError = function _tlsError(err) {
  this.emit('_tlsError', err);
  const server = this[kOptions].server;
  if (this[kOptions].isServer && !this._controlReleased) {
    if (!this[kErrorEmitted]) {
      this[kErrorEmitted] = true;
      if (server) server.emit('tlsClientError', err, this);
    }
    this.destroy();
    return;
  }
  this.destroy(err);
};

TLSSocket.prototype._tlsEndBeforeSecure = function _tlsEndBeforeSecure(nread) {
  let err;
  if (nread !== uv.UV_EOF) {
    err = new ErrnoException(nread, 'read');
  } else if (this[kOptions].isServer) {
    err = new ConnResetException('socket hang up');
  } else {
    err = new ConnResetException('Client network socket disconnected before secure TLS connection was established');
    const o = this[kConnectOptions];
    if (o) {
      err.path = o.path;
      err.host = o.host;
      err.port = o.port;
      err.localAddress = o.localAddress;
    }
  }
  this._tlsError(err);
};

TLSSocket.prototype._onTlsHello = function _onTlsHello(servername, protocols) {
  if (!this._handle || this.destroyed) return;
  const id = this._handle.id;
  let alpnChoice;
  const alpnCb = this[kALPNCallback];
  if (alpnCb && protocols) {
    let r;
    try {
      r = alpnCb({ servername, protocols });
    } catch (err) {
      this._tlsError(err);
      return;
    }
    if (r !== undefined && !protocols.includes(r)) {
      this._tlsError(new ERR_TLS_ALPN_CALLBACK_INVALID_RESULT(r, protocols));
      return;
    }
    alpnChoice = r;
  }
  const sni = this._SNICallback;
  if (!servername || typeof sni !== 'function') {
    binding.helloDone(id, null, alpnChoice);
    return;
  }
  let called = false;
  const done = (err, context) => {
    if (called) {
      this._tlsError(new ERR_MULTIPLE_CALLBACK());
      return;
    }
    called = true;
    if (this.destroyed || !this._handle) return;
    if (err) {
      this._tlsError(err);
      return;
    }
    if (context !== undefined && context !== null && !isSecureContext(context)) {
      this._tlsError(new TypeError('Invalid SNI context'));
      return;
    }
    binding.helloDone(this._handle.id, context ? context.context : null, alpnChoice);
  };
  try {
    sni.call(this, servername, done);
  } catch (err) {
    this._tlsError(err);
  }
};

TLSSocket.prototype.setServername = function setServername(name) {
  validateString(name, 'name');
  if (this[kOptions].isServer) throw new ERR_TLS_SNI_FROM_SERVER();
  if (this._handle) binding.setServername(this._handle.id, name);
  this.servername = name;
};

TLSSocket.prototype.setSession = function setSession(session) {
  if (typeof session === 'string') session = Buffer.from(session, 'latin1');
  validateBuffer(session, 'session');
  if (!this._handle) return;
  const r = binding.setSession(this._handle.id, session);
  if (Array.isArray(r)) throw sslError(r);
};

TLSSocket.prototype.getSession = function getSession() {
  if (!this._handle) return undefined;
  const ab = binding.getSession(this._handle.id);
  return ab === undefined ? undefined : Buffer.from(ab);
};

TLSSocket.prototype.isSessionReused = function isSessionReused() {
  return this._handle ? binding.isSessionReused(this._handle.id) : false;
};

TLSSocket.prototype.getPeerCertificate = function getPeerCertificate(detailed) {
  if (!this._handle) return null;
  const list = binding.peerCertificate(this._handle.id, !!detailed);
  return list === null ? {} : chainObject(list, !!detailed);
};

TLSSocket.prototype.getCertificate = function getCertificate() {
  if (!this._handle) return null;
  const v = binding.certificate(this._handle.id);
  return v === null ? {} : certObject(v);
};

TLSSocket.prototype.getProtocol = function getProtocol() {
  const info = this._handle ? binding.info(this._handle.id) : null;
  return info ? info[0] : null;
};

TLSSocket.prototype.getCipher = function getCipher() {
  const info = this._handle ? binding.info(this._handle.id) : null;
  if (!info) return null;
  return { name: info[1], standardName: info[2], version: info[3] };
};

TLSSocket.prototype.getSharedSigalgs = function getSharedSigalgs() {
  return this._handle ? binding.sharedSigalgs(this._handle.id) : [];
};

TLSSocket.prototype.getEphemeralKeyInfo = function getEphemeralKeyInfo() {
  if (this[kOptions].isServer || !this._handle) return null;
  const info = binding.ephemeralKey(this._handle.id);
  if (info === null) return {};
  const out = { type: info[0] };
  if (info[1] !== undefined) out.name = info[1];
  out.size = info[2];
  return out;
};

function bufferOrUndefined(ab) {
  return ab === undefined ? undefined : Buffer.from(ab);
}

TLSSocket.prototype.getFinished = function getFinished() {
  return this._handle ? bufferOrUndefined(binding.finished(this._handle.id, false)) : undefined;
};

TLSSocket.prototype.getPeerFinished = function getPeerFinished() {
  return this._handle ? bufferOrUndefined(binding.finished(this._handle.id, true)) : undefined;
};

TLSSocket.prototype.getTLSTicket = function getTLSTicket() {
  if (this[kOptions].isServer || !this._handle) return undefined;
  return bufferOrUndefined(binding.ticket(this._handle.id));
};

TLSSocket.prototype.exportKeyingMaterial = function exportKeyingMaterial(length, label, context) {
  validateInt32(length, 'length', 1);
  validateString(label, 'label');
  if (context !== undefined) validateBuffer(context, 'context');
  if (!this._secureEstablished) throw new ERR_TLS_INVALID_STATE();
  const r = binding.exportKeyingMaterial(this._handle.id, length, label, context);
  if (Array.isArray(r)) throw sslError(r);
  return Buffer.from(r);
};

TLSSocket.prototype.setMaxSendFragment = function setMaxSendFragment(size) {
  validateInt32(size, 'size');
  return this._handle ? binding.setMaxSendFragment(this._handle.id, size) : false;
};

TLSSocket.prototype.renegotiate = function renegotiate(options, callback) {
  validateObject(options, 'options');
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (this.destroyed) return false;
  // anode's TLS does not renegotiate (TLS 1.3 has no renegotiation at all).
  const err = new (require('internal/errors').codes.ERR_TLS_RENEGOTIATION_DISABLED)();
  if (callback) process.nextTick(callback, err);
  return false;
};

TLSSocket.prototype.disableRenegotiation = function disableRenegotiation() {};
TLSSocket.prototype.enableTrace = function enableTrace() {};
TLSSocket.prototype.setKeyCert = function setKeyCert(context) {
  if (!isSecureContext(context)) context = createSecureContext(context);
  if (this._handle) binding.setContext(this._handle.id, context.context);
};

Object.defineProperty(TLSSocket.prototype, '_connecting', {
  __proto__: null,
  configurable: true,
  get() { return this.connecting; },
});

// ---------------------------------------------------------------------------
// tls.connect

let rejectWarned = false;
let ipServernameWarned = false;

function allowUnauthorized() {
  const allow = process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0';
  if (allow && !rejectWarned) {
    rejectWarned = true;
    process.emitWarning('Setting the NODE_TLS_REJECT_UNAUTHORIZED environment variable to \'0\' ' +
      'makes TLS connections and HTTPS requests insecure by disabling certificate verification.');
  }
  return allow;
}

function normalizeConnectArgs(listArgs) {
  const args = net._normalizeArgs(listArgs);
  const options = args[0];
  const cb = args[1];
  if (listArgs[1] !== null && typeof listArgs[1] === 'object') Object.assign(options, listArgs[1]);
  else if (listArgs[2] !== null && typeof listArgs[2] === 'object') Object.assign(options, listArgs[2]);
  return [options, cb];
}

function onConnectSecure() {
  const options = this[kConnectOptions];
  let err = verifyError(this);
  if (!err && !this.isSessionReused()) {
    const hostname = options.servername || options.host || this._host || 'localhost';
    const cert = this.getPeerCertificate(true);
    err = options.checkServerIdentity(hostname, cert);
  }
  this.removeListener('end', onConnectEnd);
  if (err) {
    this.authorized = false;
    this.authorizationError = err.code || err.message;
    if (options.rejectUnauthorized) {
      this.destroy(err);
      return;
    }
  } else {
    this.authorized = true;
  }
  this.emit('secureConnect');
}

function onConnectEnd() {
  // The handle's read hook reports this; kept for sockets ended from JS.
  if (!this._secureEstablished && !this.destroyed) {
    this._tlsEndBeforeSecure(uv.UV_EOF);
  }
}

function connect(...args) {
  const [opts, cb] = normalizeConnectArgs(args);
  const options = {
    rejectUnauthorized: !allowUnauthorized(),
    ciphers: DEFAULT_CIPHERS,
    checkServerIdentity,
    minDHSize: 1024,
    ...opts,
  };
  if (!options.keepAlive) options.singleUse = true;
  validateFunction(options.checkServerIdentity, 'options.checkServerIdentity');
  validateNumber(options.minDHSize, 'options.minDHSize', 1);
  if (options.servername !== undefined && options.servername !== null) {
    validateString(options.servername, 'options.servername');
  }
  const context = options.secureContext || createSecureContext(options);
  if (!isSecureContext(context)) throw new ERR_TLS_INVALID_CONTEXT('options.secureContext');

  const tlssock = new TLSSocket(options.socket, {
    allowHalfOpen: options.allowHalfOpen,
    [kPipe]: !!options.path,
    secureContext: context,
    isServer: false,
    ALPNProtocols: options.ALPNProtocols,
    session: options.session,
    highWaterMark: options.highWaterMark,
    onread: options.onread,
    signal: options.signal,
  });
  tlssock[kConnectOptions] = options;
  if (cb) tlssock.once('secureConnect', cb);
  if (options.servername) {
    if (!ipServernameWarned && net.isIP(options.servername)) {
      process.emitWarning('Setting the TLS ServerName to an IP address is not permitted by ' +
        'RFC 6066. This will be ignored in a future version.', 'DeprecationWarning', 'DEP0123');
      ipServernameWarned = true;
    }
    tlssock.setServername(options.servername);
  } else {
    tlssock.servername = false;
  }
  tlssock.on('secure', onConnectSecure);
  tlssock.prependListener('end', onConnectEnd);
  if (!options.socket) {
    if (options.timeout) tlssock.setTimeout(options.timeout);
    net.Socket.prototype.connect.call(tlssock, options);
  }
  return tlssock;
}

// ---------------------------------------------------------------------------
// tls.Server

// A hostname pattern of addContext ('*.example.com') as a predicate.
function hostnamePattern(pattern) {
  const p = pattern.toLowerCase().split('.');
  return (name) => {
    const n = name.toLowerCase().split('.');
    if (n.length !== p.length) return false;
    for (let i = 0; i < p.length; i++) {
      const star = p[i].indexOf('*');
      if (star === -1) {
        if (p[i] !== n[i]) return false;
        continue;
      }
      const parts = p[i].split('*');
      let at = 0;
      for (let k = 0; k < parts.length; k++) {
        const part = parts[k];
        if (k === 0) {
          if (!n[i].startsWith(part)) return false;
          at = part.length;
        } else if (k === parts.length - 1) {
          if (!n[i].endsWith(part) || n[i].length - part.length < at) return false;
        } else {
          const found = n[i].indexOf(part, at);
          if (found === -1) return false;
          at = found + part.length;
        }
      }
    }
    return true;
  };
}

function defaultSNICallback(servername, cb) {
  const contexts = this.server._contexts;
  for (let i = contexts.length - 1; i >= 0; i--) {
    if (contexts[i][0](servername)) {
      cb(null, contexts[i][1]);
      return;
    }
  }
  cb(null, undefined);
}

function tlsConnectionListener(rawSocket) {
  const server = this;
  const sni = server[kSNICallback] ?? (server._contexts.length > 0 ? defaultSNICallback : undefined);
  const socket = new TLSSocket(rawSocket, {
    secureContext: server._sharedCreds,
    isServer: true,
    server,
    requestCert: server.requestCert,
    rejectUnauthorized: server.rejectUnauthorized,
    handshakeTimeout: server.handshakeTimeout,
    ALPNProtocols: server.ALPNProtocols,
    ALPNCallback: server[kALPNCallback],
    SNICallback: sni,
    pauseOnConnect: server.pauseOnConnect,
  });
  void socket;
}

const contextOptionNames = [
  'key', 'cert', 'ca', 'passphrase', 'ciphers', 'ecdhCurve', 'dhparam', 'secureProtocol', 'secureOptions',
  'honorCipherOrder', 'sessionIdContext', 'sessionTimeout', 'minVersion', 'maxVersion', 'sigalgs',
  'pfx', 'crl', 'privateKeyEngine', 'privateKeyIdentifier', 'clientCertEngine', 'ticketKeys',
];

function Server(options, listener) {
  if (!(this instanceof Server)) return new Server(options, listener);
  if (typeof options === 'function') {
    listener = options;
    options = {};
  } else if (options === undefined || options === null) {
    options = {};
  } else {
    validateObject(options, 'options');
  }
  this._contexts = [];
  this.requestCert = options.requestCert === true;
  this.rejectUnauthorized = options.rejectUnauthorized !== false;
  if (options.ALPNProtocols !== undefined && options.ALPNCallback !== undefined) {
    throw new ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS();
  }
  if (options.ALPNCallback !== undefined) validateFunction(options.ALPNCallback, 'options.ALPNCallback');
  this[kALPNCallback] = options.ALPNCallback;
  this.ALPNProtocols = alpnWire(options.ALPNProtocols);
  if (options.SNICallback !== undefined) validateFunction(options.SNICallback, 'options.SNICallback');
  this[kSNICallback] = options.SNICallback;
  this._SNICallback = options.SNICallback;
  const handshakeTimeout = options.handshakeTimeout ?? 120000;
  validateNumber(handshakeTimeout, 'options.handshakeTimeout');
  this.handshakeTimeout = handshakeTimeout;
  this.setSecureContext(options);
  net.Server.call(this, options, tlsConnectionListener);
  if (listener) this.on('secureConnection', listener);
}
Object.setPrototypeOf(Server.prototype, net.Server.prototype);
Object.setPrototypeOf(Server, net.Server);

Server.prototype.setSecureContext = function setSecureContext(options) {
  validateObject(options, 'options');
  const ctxOptions = {};
  for (const name of contextOptionNames) {
    if (options[name] !== undefined) ctxOptions[name] = options[name];
    this[name] = options[name];
  }
  this._sharedCreds = createSecureContext(ctxOptions);
};

Server.prototype.addContext = function addContext(servername, context) {
  if (!servername) throw new ERR_TLS_REQUIRED_SERVER_NAME();
  validateString(servername, 'servername');
  const secure = isSecureContext(context) ? context : createSecureContext(context);
  this._contexts.push([hostnamePattern(servername), secure]);
};

// OpenSSL manages session ticket keys itself (per server, rotated with the
// process); Node's 48-byte key export is not offered.
Server.prototype.getTicketKeys = function getTicketKeys() {
  throw new ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('server.getTicketKeys() in anode\'s tls');
};

Server.prototype.setTicketKeys = function setTicketKeys(keys) {
  validateBuffer(keys, 'keys');
  if (keys.byteLength !== 48) throw new ERR_INVALID_ARG_VALUE('keys', keys, 'must be exactly 48 bytes');
  throw new ERR_FEATURE_UNAVAILABLE_ON_PLATFORM('server.setTicketKeys() in anode\'s tls');
};

Server.prototype[EventEmitter.captureRejectionSymbol] = function(err, event, sock) {
  switch (event) {
    case 'secureConnection':
      sock.destroy(err);
      break;
    default:
      net.Server.prototype[EventEmitter.captureRejectionSymbol].call(this, err, event, sock);
  }
};

function createServer(options, listener) {
  return new Server(options, listener);
}

module.exports = {
  TLSSocket,
  Server,
  createServer,
  connect,
  checkServerIdentity,
  convertALPNProtocols,
  alpnWire,
  kConnectOptions,
};
