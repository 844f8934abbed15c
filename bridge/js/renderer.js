'use strict';
// The preload's side of the bridge, one instance per document, evaluated by
// bridge-frame.c in the preload's world (the isolated world, or the page's
// own with contextIsolation off): ipcRenderer, contextBridge, webFrame, the
// sandboxed preload's require/process/Buffer, and the preloads themselves.
//
// Records leave in batches: everything sent during one task goes out as one
// user message when the microtasks run (or at once past FLUSH_AT bytes),
// which keeps their order and costs one WebKit message per task.

const FLUSH_AT = 1 << 20;
const MAX_PENDING_INVOKES = 100000;
// Never null for a native's JSCValue parameter: JSC's GLib layer converts
// null through an exception it reports with a symbolized native stack
// (~0.2 ms a call).
const NO_OOB = Object.freeze([]);

module.exports = function startBridge(native, configJSON, frameId) {
  const config = JSON.parse(configJSON);
  const hasOwn = Object.prototype.hasOwnProperty;
  const cache = new Map();
  function load(name) {
    let m = cache.get(name);
    if (m === undefined) {
      m = { exports: {} };
      cache.set(name, m);
      native.module(`${name}.js`)(m.exports, null, m, null);
    }
    return m.exports;
  }
  const wire = load('ipc_wire');
  const EventEmitter = load('events');
  const { Writer, Reader, forEachRecord, KIND } = wire;

  // ---- outgoing batch

  const out = new Writer();
  let flushQueued = false;

  function flush() {
    flushQueued = false;
    if (out.pos === 0) return;
    try {
      native.post(out.u8.subarray(0, out.pos), out.oob || NO_OOB);
    } finally {
      out.reset();
    }
  }

  function begin(method, kind) {
    if (out.busy) {
      throw new Error(`ipcRenderer.${method}: cannot send while another message is being serialized (from a getter of its arguments)`);
    }
    out.beginRecord(kind);
  }

  function end() {
    out.endRecord();
    if (out.pos >= FLUSH_AT) flush();
    else if (!flushQueued) {
      flushQueued = true;
      queueMicrotask(flush);
    }
  }

  function checkChannel(method, channel) {
    if (typeof channel !== 'string') {
      const err = new TypeError(`ipcRenderer.${method}: the "channel" argument must be of type string. Received ${channel === null ? 'null' : typeof channel}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
  }

  // One record: kind, then what `write` puts in; a failure leaves no trace.
  function record(method, kind, write) {
    begin(method, kind);
    try {
      write();
    } catch (err) {
      out.abortRecord();
      throw err;
    }
    end();
  }

  // ---- ipcRenderer

  const pending = new Map(); // invoke id -> { resolve, reject, channel }
  let nextInvoke = 1;
  const ports = new Map(); // port id -> our end of a MessageChannel
  let nextPortId = 1; // odd: ids this side makes; the main process uses even ones

  class IpcRenderer extends EventEmitter {
    send(channel, ...args) {
      checkChannel('send', channel);
      record('send', KIND.SEND, () => {
        out.str(channel);
        out.value(args, null, 'ipcRenderer.send() arguments');
      });
    }

    invoke(channel, ...args) {
      try {
        checkChannel('invoke', channel);
        if (pending.size >= MAX_PENDING_INVOKES) {
          const err = new Error(`ipcRenderer.invoke: ${MAX_PENDING_INVOKES} calls are already waiting for the main process; refusing '${channel}'`);
          err.code = 'ERR_IPC_TOO_MANY_PENDING';
          throw err;
        }
        const id = nextInvoke++;
        record('invoke', KIND.INVOKE, () => {
          out.u32(id);
          out.str(channel);
          out.value(args, null, 'ipcRenderer.invoke() arguments');
        });
        return new Promise((resolve, reject) => { pending.set(id, { resolve, reject, channel }); });
      } catch (err) {
        return Promise.reject(err);
      }
    }

    sendSync(channel, ...args) {
      checkChannel('sendSync', channel);
      begin('sendSync', KIND.SYNC);
      try {
        out.str(channel);
        out.value(args, null, 'ipcRenderer.sendSync() arguments');
        out.endRecord();
      } catch (err) {
        out.abortRecord();
        throw err;
      }
      let reply;
      try {
        reply = native.sendSync(out.u8.subarray(0, out.pos), out.oob || NO_OOB);
      } finally {
        out.reset();
      }
      return new Reader(reply, 0, reply.byteLength, null).value();
    }

    postMessage(channel, message, transfer) {
      checkChannel('postMessage', channel);
      const list = transfer === undefined ? [] : transfer;
      if (!Array.isArray(list) || !list.every((p) => p instanceof MessagePort)) {
        const err = new TypeError('ipcRenderer.postMessage: "transfer" must be an array of MessagePort objects');
        err.code = 'ERR_INVALID_ARG_TYPE';
        throw err;
      }
      record('postMessage', KIND.POST, () => {
        out.str(channel);
        out.value(message, null, 'ipcRenderer.postMessage() message');
        out.u32(list.length);
        for (const port of list) out.u32(adoptPort(port));
      });
    }

    sendToHost(channel, ...args) {
      checkChannel('sendToHost', channel);
      record('sendToHost', KIND.HOST, () => {
        out.str(channel);
        out.value(args, null, 'ipcRenderer.sendToHost() arguments');
      });
    }
  }

  const ipcRenderer = new IpcRenderer();

  // A port of this world that now speaks for the main process's end.
  function adoptPort(port) {
    const id = nextPortId;
    nextPortId += 2;
    ports.set(id, port);
    port.onmessage = (e) => sendPortMessage(id, e.data, e.ports);
    return id;
  }

  // A port for this world whose other end is port `id` of the main process.
  function portFor(id) {
    const { port1, port2 } = new MessageChannel();
    ports.set(id, port1);
    port1.onmessage = (e) => sendPortMessage(id, e.data, e.ports);
    return port2;
  }

  function sendPortMessage(id, data, transferred) {
    record('postMessage', KIND.PORT_MESSAGE, () => {
      out.u32(id);
      out.value(data, null, 'MessagePort.postMessage() message');
      const list = transferred ? [...transferred] : [];
      out.u32(list.length);
      for (const p of list) out.u32(adoptPort(p));
    });
  }

  // Listener errors surface as the page's uncaught errors, after the rest
  // of the batch ran.
  function reportLater(err) {
    setTimeout(() => { throw err; }, 0);
  }

  function deliver(channel, event, args) {
    try {
      ipcRenderer.emit(channel, event, ...args);
    } catch (err) {
      reportLater(err);
    }
  }

  function onRecord(kind, r) {
    switch (kind) {
      case KIND.SEND: {
        const channel = r.str();
        const args = r.value();
        deliver(channel, { sender: ipcRenderer, senderId: 0, ports: [] }, Array.isArray(args) ? args : []);
        break;
      }
      case KIND.REPLY: {
        const id = r.u32();
        const ok = r.u8v() === 1;
        const value = r.value();
        const p = pending.get(id);
        if (p === undefined) break;
        pending.delete(id);
        if (ok) p.resolve(value);
        else p.reject(new Error(`Error invoking remote method '${p.channel}': ${value}`));
        break;
      }
      case KIND.POST: {
        const channel = r.str();
        const message = r.value();
        const userPorts = r.portIds().map(portFor);
        deliver(channel, { sender: ipcRenderer, senderId: 0, ports: userPorts }, [message]);
        break;
      }
      case KIND.PORT_MESSAGE: {
        const id = r.u32();
        const data = r.value();
        const moved = r.portIds().map(portFor);
        const port = ports.get(id);
        if (port !== undefined) port.postMessage(data, moved);
        break;
      }
      case KIND.PORT_CLOSE: {
        const id = r.u32();
        const port = ports.get(id);
        if (port !== undefined) {
          ports.delete(id);
          port.close();
        }
        break;
      }
      default:
        throw new RangeError(`malformed IPC message: unknown record kind ${kind}`);
    }
  }

  function onBadRecord(err) {
    console.error('anode: dropped a malformed message from the main process:', err);
  }

  // ---- contextBridge

  let membrane = null;
  function getMembrane() {
    if (membrane === null) {
      membrane = load('membrane')(wire, {
        call: (id, bytes) => native.callPage(id, bytes),
        settle: (id, bytes) => native.settlePage(id, bytes),
        release: (id) => native.releasePage(id),
      });
    }
    return membrane;
  }

  const contextBridge = {
    exposeInMainWorld(apiKey, api) {
      if (typeof apiKey !== 'string') {
        const err = new TypeError(`contextBridge.exposeInMainWorld: the "apiKey" argument must be of type string. Received ${typeof apiKey}`);
        err.code = 'ERR_INVALID_ARG_TYPE';
        throw err;
      }
      if (!config.contextIsolation) throw new Error('contextBridge API can only be used when contextIsolation is enabled');
      native.expose(apiKey, getMembrane().encode(api));
    },
    exposeInIsolatedWorld(worldId, apiKey, api) {
      throw new Error('contextBridge.exposeInIsolatedWorld is not supported by anode (only the main world)');
    },
  };

  // ---- webFrame

  let zoom = typeof config.zoomFactor === 'number' ? config.zoomFactor : 1;
  let nextCss = 1;
  function frameOp(op, args) {
    record(op, KIND.FRAME_OP, () => {
      out.str(op);
      out.value(args, null, `webFrame.${op}() arguments`);
    });
  }

  const webFrame = {
    routingId: frameId,
    setZoomFactor(factor) {
      if (typeof factor !== 'number' || !(factor > 0)) throw new TypeError('webFrame.setZoomFactor: factor must be a number greater than 0');
      zoom = factor;
      frameOp('setZoomFactor', [factor]);
    },
    getZoomFactor() { return zoom; },
    setZoomLevel(level) { this.setZoomFactor(1.2 ** level); },
    getZoomLevel() { return Math.log(zoom) / Math.log(1.2); },
    setVisualZoomLevelLimits() {},
    insertCSS(css, options = {}) {
      if (typeof css !== 'string') throw new TypeError('webFrame.insertCSS: css must be a string');
      const key = `anode-frame-css-${nextCss++}`;
      frameOp('insertCSS', [key, css, options.cssOrigin === 'user' ? 'user' : 'author']);
      return key;
    },
    removeInsertedCSS(key) { frameOp('removeInsertedCSS', [String(key)]); },
    executeJavaScript(code, userGesture, callback) {
      if (typeof userGesture === 'function') callback = userGesture;
      const run = new Promise((resolve, reject) => {
        if (typeof code !== 'string') throw new TypeError('webFrame.executeJavaScript: code must be a string');
        const { ok, value } = getMembrane().decode(native.evalPage(code));
        if (ok) resolve(value);
        else reject(value);
      });
      if (typeof callback === 'function') run.then((v) => callback(v, null), (e) => callback(undefined, e));
      return run;
    },
  };

  // ---- the sandboxed preload's globals and require

  const timers = load('timers');
  const { Buffer } = load('buffer');
  const started = Date.now();
  const proc = new EventEmitter();
  Object.assign(proc, {
    type: 'renderer',
    sandboxed: true,
    contextIsolated: !!config.contextIsolation,
    platform: config.platform,
    arch: config.arch,
    version: `v${config.versions.node}`,
    versions: Object.freeze({ ...config.versions }),
    env: { ...config.env },
    argv: [...config.argv],
    execPath: config.execPath,
    pid: config.pid,
    title: 'anode renderer',
    nextTick(fn, ...args) { queueMicrotask(() => fn(...args)); },
    uptime() { return (Date.now() - started) / 1000; },
    hrtime(prev) {
      const ns = BigInt(Math.round(performance.now() * 1e6));
      const s = [Number(ns / 1000000000n), Number(ns % 1000000000n)];
      if (!prev) return s;
      let d = [s[0] - prev[0], s[1] - prev[1]];
      if (d[1] < 0) d = [d[0] - 1, d[1] + 1e9];
      return d;
    },
    getCreationTime() { return started; },
  });
  proc.hrtime.bigint = () => BigInt(Math.round(performance.now() * 1e6));

  const electron = Object.freeze({ ipcRenderer, contextBridge, webFrame });
  const builtins = {
    electron: () => electron,
    'electron/renderer': () => electron,
    'electron/common': () => electron,
    events: () => EventEmitter,
    timers: () => timers,
    url: () => load('url'),
    buffer: () => load('buffer'),
  };
  function preloadRequire(id) {
    const name = typeof id === 'string' && id.startsWith('node:') ? id.slice(5) : id;
    if (typeof name !== 'string' || !hasOwn.call(builtins, name)) {
      const err = new Error(`module not found: ${id}`);
      err.code = 'MODULE_NOT_FOUND';
      throw err;
    }
    return builtins[name]();
  }

  // ---- console of the isolated world, reported like the page's

  const levels = { debug: 0, log: 1, info: 1, warn: 2, error: 3 };
  function where() {
    const f = (new Error().stack || '').split('\n')[2] || '';
    const at = f.indexOf('@');
    const m = /^(.*):(\d+):\d+$/.exec(at >= 0 ? f.slice(at + 1) : f);
    return m ? [m[1], +m[2]] : ['', 0];
  }
  function reportConsole(level, text, line, source) {
    try {
      record('console', KIND.CONSOLE, () => {
        out.u8v(level);
        out.str(text);
        out.u32(line);
        out.str(source);
      });
    } catch {
      // Never let reporting break the caller's console call.
    }
  }
  if (config.contextIsolation) {
    for (const name of Object.keys(levels)) {
      const orig = console[name];
      console[name] = function (...args) {
        const [source, line] = where();
        let text;
        try { text = args.map(String).join(' '); } catch { text = '[unprintable]'; }
        reportConsole(levels[name], text, line, source);
        return orig.apply(this, args);
      };
    }
  }

  function preloadError(path, err) {
    const text = err && err.stack ? `${err}\n${err.stack}` : String(err);
    console.error(`Unable to load preload script: ${path}\n${text}`);
    try {
      frameOp('preloadError', [path, err instanceof Error ? err : new Error(String(err))]);
    } catch {
      frameOp('preloadError', [path, new Error(String(err))]);
    }
  }

  function runPreload({ path, source, error }) {
    if (typeof source !== 'string') {
      preloadError(path, new Error(error || 'the preload could not be read'));
      return;
    }
    let fn;
    try {
      fn = native.compile(source, path);
    } catch (err) {
      preloadError(path, err);
      return;
    }
    const module = { exports: {}, id: path, filename: path, loaded: false, children: [], paths: [] };
    const dirname = path.slice(0, path.lastIndexOf('/')) || '/';
    try {
      fn.call(module.exports, module.exports, preloadRequire, module, path, dirname, proc, Buffer,
        globalThis, timers.setImmediate, timers.clearImmediate);
      module.loaded = true;
    } catch (err) {
      preloadError(path, err);
    }
  }

  // A batch is handled inside a DOM event listener: WebKit runs the page's
  // microtasks (the awaits of invoke, the flush of what they send) when such
  // a call returns, and would not after a bare call from the extension.
  const pump = new EventTarget();
  const dispatchEvent = EventTarget.prototype.dispatchEvent;
  const apply = Reflect.apply;
  const PumpEvent = Event;
  let incoming = null;
  pump.addEventListener('batch', () => {
    const [buffer, oob] = incoming;
    incoming = null;
    forEachRecord(buffer, 0, buffer.byteLength, oob, onRecord, onBadRecord);
  });

  return {
    start() {
      frameOp('hello', [native.pid]);
      for (const p of config.preloads) runPreload(p);
      proc.emit('loaded');
    },
    receive(buffer, oob) {
      incoming = [buffer, oob];
      apply(dispatchEvent, pump, [new PumpEvent('batch')]);
    },
    bridgeCall: (id, buffer) => getMembrane().call(id, buffer),
    bridgeSettle: (id, buffer) => getMembrane().settle(id, buffer),
    bridgeRelease: (id) => getMembrane().release(id),
  };
};
