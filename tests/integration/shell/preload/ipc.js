// The IPC tests' preload: runs the commands main sends on 'cmd' and reports
// on 'cmd-result', echoes what arrives on 'echo', and exposes an API to the
// page through contextBridge.
const { ipcRenderer, contextBridge, webFrame } = require('electron');
const { EventEmitter } = require('events');
const { setImmediate: timersImmediate } = require('timers');
const url = require('url');
const { Buffer: BufferModule } = require('buffer');

// Globals of the preload's world: the page must not see them.
var preloadVar = 'secret';
globalThis.preloadGlobal = 'secret';

ipcRenderer.on('echo', (event, ...args) => ipcRenderer.send('echoed', ...args));

let seqIn = [];
ipcRenderer.on('seq-in', (event, i) => {
  seqIn.push(i);
});

const commands = {
  send: (channel, ...args) => ipcRenderer.send(channel, ...args),
  invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
  sendSync: (channel, ...args) => ipcRenderer.sendSync(channel, ...args),
  sendMany(channel, n) {
    for (let i = 0; i < n; i++) ipcRenderer.send(channel, i);
  },
  // One task, so one batch: main handles the rest after 'close-me'.
  closeThenSend(n) {
    ipcRenderer.send('close-me');
    for (let i = 0; i < n; i++) ipcRenderer.send('after-close', i);
  },
  seqIn() {
    const got = seqIn;
    seqIn = [];
    return got;
  },
  async mirror(value) {
    return ipcRenderer.invoke('mirror', value);
  },
  tryClone(what) {
    const values = {
      function: function handler() {},
      symbol: Symbol('s'),
      node: document.documentElement,
      weakmap: new WeakMap(),
      promise: Promise.resolve(1),
      nested: { list: [1, { cb: () => 1 }] },
    };
    try {
      ipcRenderer.send('never', values[what]);
    } catch (err) {
      return { name: err.name, message: err.message };
    }
    return null;
  },
  badChannel() {
    try {
      ipcRenderer.send(42);
    } catch (err) {
      return { name: err.name, code: err.code, message: err.message };
    }
    return null;
  },
  environment() {
    return {
      process: [typeof process, process.type, process.sandboxed, process.contextIsolated, process.platform, typeof process.versions.node],
      buffer: [typeof Buffer, Buffer === BufferModule, Buffer.from('héllo').toString('base64'), Buffer.from('68656c6c6f', 'hex').toString()],
      timers: [typeof setImmediate, typeof timersImmediate, typeof clearImmediate],
      url: url.fileURLToPath('file:///tmp/a%20b'),
      events: typeof EventEmitter,
      require: (() => { try { require('fs'); return 'loaded'; } catch (err) { return err.message; } })(),
      global: global === globalThis,
      module: typeof module, filename: __filename, dirname: __dirname,
    };
  },
  postPort() {
    const { port1, port2 } = new MessageChannel();
    port2.onmessage = (e) => port2.postMessage({ echo: e.data });
    ipcRenderer.postMessage('port', { hello: 'port' }, [port1]);
  },
  zoom(f) {
    webFrame.setZoomFactor(f);
    return webFrame.getZoomFactor();
  },
  webFrameEval: (code) => webFrame.executeJavaScript(code),
  immediate() {
    return new Promise((resolve) => setImmediate(() => resolve('ran')));
  },
};

ipcRenderer.on('cmd', async (event, id, name, ...args) => {
  try {
    const value = await commands[name](...args);
    ipcRenderer.send('cmd-result', id, true, value);
  } catch (err) {
    ipcRenderer.send('cmd-result', id, false, { name: err.name, message: err.message, code: err.code });
  }
});

// Ports main hands over come back on 'port-back' after one echo.
ipcRenderer.on('give-port', (event) => {
  const [port] = event.ports;
  port.onmessage = (e) => port.postMessage({ renderer: e.data });
});

const listeners = new Set();
ipcRenderer.on('tick', (event, value) => { for (const cb of listeners) cb(value); });

contextBridge.exposeInMainWorld('bridgeTest', {
  version: 3,
  nested: { list: ['a', 'b'], deeper: { ok: true } },
  add: (a, b) => ipcRenderer.invoke('add', a, b),
  echo: (v) => v,
  callMe: (fn, v) => fn(v),
  onTick(cb) {
    listeners.add(cb);
    return () => listeners.delete(cb);
  },
  tickCount: () => listeners.size,
  later: (v) => new Promise((resolve) => setTimeout(() => resolve(v), 10)),
  failLater: () => Promise.reject(new TypeError('later failure')),
  fail() { throw new RangeError('preload failure'); },
  make: () => ({ made: [1, 2], when: new Date(0) }),
  returnsFunction: () => (x) => x + 1,
  preloadTypes: () => [typeof preloadVar, typeof require, typeof ipcRenderer],
});
