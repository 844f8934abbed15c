'use strict';
// Shared helpers for the http tests (not a test file itself).
const http = require('http');
const net = require('net');

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
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

// Sends a request and collects the response: { res, body: Buffer }.
function fetchIt(options, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(options, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ res, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

// Writes raw bytes to a port and returns everything read until the peer
// closes (or `until` matches the text so far).
function raw(port, data, { until, timeout = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer in time; got ${JSON.stringify(text)}`));
    }, timeout);
    socket.setEncoding('latin1');
    socket.on('data', (d) => {
      text += d;
      if (until && until.test(text)) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ text, closed: false });
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
    socket.on('connect', () => {
      if (Array.isArray(data)) {
        let i = 0;
        const next = () => {
          if (i >= data.length) return;
          socket.write(data[i++]);
          setTimeout(next, 30);
        };
        next();
      } else if (data) {
        socket.write(data);
      }
    });
  });
}

module.exports = { listen, close, fetchIt, raw };
