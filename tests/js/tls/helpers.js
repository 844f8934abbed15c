'use strict';
// Shared helpers for the tls, https and fetch tests (not a test file).
// The keys and certificates are test-only ones in tests/fixtures/tls.
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '..', '..', 'fixtures', 'tls');
const cache = new Map();

function fixture(name) {
  if (!cache.has(name)) cache.set(name, fs.readFileSync(path.join(dir, name)));
  return cache.get(name);
}

// key/cert options for a named pair (server, selfsigned, expired, ...).
function pair(name) {
  return { key: fixture(`${name}-key.pem`), cert: fixture(`${name}-cert.pem`) };
}

function listen(server, host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.removeListener('error', reject);
      resolve(server.address().port);
    });
  });
}

function close(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if (server.closeAllConnections) server.closeAllConnections();
  });
}

// Resolves with the first of `events` the emitter emits: [name, ...args].
function firstOf(emitter, events) {
  return new Promise((resolve) => {
    const handlers = events.map((name) => {
      const fn = (...args) => {
        events.forEach((n, i) => emitter.removeListener(n, handlers[i]));
        resolve([name, ...args]);
      };
      emitter.on(name, fn);
      return fn;
    });
  });
}

module.exports = { fixture, pair, listen, close, firstOf, ca: () => fixture('ca-cert.pem') };
