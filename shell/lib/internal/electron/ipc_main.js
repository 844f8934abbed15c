'use strict';
// The main process's half of the bridge: ipcMain (and webContents.ipc, the
// same class per contents), the dispatch of the records pages send, and the
// batches going to pages. ui-ipc.c moves the bytes; ipc_wire.js is the
// format both sides compile.
//
// Records to a page are batched per frame: whatever is sent during one task
// leaves as one WebKit user message when the microtasks run (or at once
// past FLUSH_AT bytes).

const EventEmitter = require('events');
const fs = require('fs');
const native = require('internal/electron/ui');
const { Writer, Reader, forEachRecord, KIND } = require('internal/electron/ipc_wire');

const FLUSH_AT = 1 << 20;
// Never null for a native's JSCValue parameter: JSC's GLib layer converts
// null through an exception it reports with a symbolized native stack
// (~0.2 ms a call).
const NO_OOB = Object.freeze([]);

let portsModule;
function ports() {
  portsModule ??= require('internal/electron/message_port_main');
  return portsModule;
}

function channelError(method, channel) {
  const err = new TypeError(`${method}: the "channel" argument must be of type string. Received ${channel === null ? 'null' : typeof channel}`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

class IpcMain extends EventEmitter {
  constructor() {
    super();
    this._invokeHandlers = new Map();
    // Any number of windows may listen on a channel.
    this.setMaxListeners(0);
  }

  handle(channel, listener) {
    if (typeof channel !== 'string') throw channelError('ipcMain.handle', channel);
    if (typeof listener !== 'function') {
      const err = new TypeError(`ipcMain.handle: the "listener" argument must be of type function. Received ${typeof listener}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    if (this._invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this._invokeHandlers.set(channel, listener);
  }

  handleOnce(channel, listener) {
    if (typeof listener !== 'function') {
      const err = new TypeError(`ipcMain.handleOnce: the "listener" argument must be of type function. Received ${typeof listener}`);
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    const once = (event, ...args) => {
      this.removeHandler(channel);
      return listener(event, ...args);
    };
    this.handle(channel, once);
  }

  removeHandler(channel) {
    this._invokeHandlers.delete(channel);
  }
}

const ipcMain = new IpcMain();

// ---- batches to pages

const outgoing = new Map(); // webContents id -> Map(frameId -> Writer)
let flushQueued = false;

function writerFor(wc, frameId) {
  let frames = outgoing.get(wc.id);
  if (frames === undefined) {
    frames = new Map();
    outgoing.set(wc.id, frames);
  }
  let w = frames.get(frameId);
  if (w === undefined) {
    w = new Writer();
    frames.set(frameId, w);
  }
  return w;
}

function post(wcId, frameId, w) {
  try {
    native.ui().ipcPost(wcId, frameId, w.u8.subarray(0, w.pos), w.oob || NO_OOB);
  } finally {
    w.reset();
  }
}

function flush() {
  flushQueued = false;
  for (const [wcId, frames] of outgoing) {
    for (const [frameId, w] of frames) {
      if (w.pos > 0) post(wcId, frameId, w);
    }
  }
}

// Adds one record for `frameId` (0: the main frame) of `wc`; a failure to
// encode throws and leaves nothing behind.
function queue(wc, frameId, kind, method, write) {
  const w = writerFor(wc, frameId);
  if (w.busy) throw new Error(`${method}: cannot send while another message is being serialized (from a getter of its arguments)`);
  w.beginRecord(kind);
  try {
    write(w);
  } catch (err) {
    w.abortRecord();
    throw err;
  }
  w.endRecord();
  if (w.pos >= FLUSH_AT) post(wc.id, frameId, w);
  else if (!flushQueued) {
    flushQueued = true;
    queueMicrotask(flush);
  }
}

function send(wc, frameId, channel, args, method = 'webContents.send') {
  if (typeof channel !== 'string') throw channelError(method, channel);
  queue(wc, frameId, KIND.SEND, method, (w) => {
    w.str(channel);
    w.value(args, null, `${method}() arguments`);
  });
}

function postMessage(wc, frameId, channel, message, transfer, method = 'webContents.postMessage') {
  if (typeof channel !== 'string') throw channelError(method, channel);
  const { MessagePortMain } = ports();
  const list = transfer === undefined ? [] : transfer;
  if (!Array.isArray(list) || !list.every((p) => p instanceof MessagePortMain)) {
    const err = new TypeError(`${method}: "transfer" must be an array of MessagePortMain objects`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  queue(wc, frameId, KIND.POST, method, (w) => {
    w.str(channel);
    w.value(message, null, `${method}() message`);
    // Encoded first: a message that cannot be cloned moves no port.
    const ids = list.map((p) => p._transferTo(wc));
    w.u32(ids.length);
    for (const id of ids) w.u32(id);
  });
}

function sendPortMessage(wc, portId, message, ids) {
  if (wc.isDestroyed()) return;
  queue(wc, 0, KIND.PORT_MESSAGE, 'MessagePortMain.postMessage', (w) => {
    w.u32(portId);
    w.value(message, null, 'MessagePortMain.postMessage() message');
    w.u32(ids.length);
    for (const id of ids) w.u32(id);
  });
}

function sendPortClose(wc, portId) {
  if (wc.isDestroyed()) return;
  queue(wc, 0, KIND.PORT_CLOSE, 'MessagePortMain.close', (w) => w.u32(portId));
}

function reply(wc, frameId, id, ok, value) {
  if (wc.isDestroyed()) return;
  try {
    queue(wc, frameId, KIND.REPLY, 'ipcMain.handle', (w) => {
      w.u32(id);
      w.u8v(ok ? 1 : 0);
      w.value(value, null, 'the handler\'s result');
    });
  } catch (err) {
    if (!ok) throw err;
    reply(wc, frameId, id, false, String(err));
  }
}

// ---- the events listeners get

class WebFrameMain {
  #wc;
  #frameId;
  #ipc = null;

  constructor(wc, frameId) {
    this.#wc = wc;
    this.#frameId = frameId;
  }

  get routingId() { return this.#frameId; }
  get frameTreeNodeId() { return this.#frameId; }
  get processId() { return this.#wc._ipcState().pid; }
  get osProcessId() { return this.#wc._ipcState().pid; }
  get url() { return this.#wc.isDestroyed() ? '' : this.#wc.getURL(); }
  get top() { return this; }
  get parent() { return null; }
  get frames() { return []; }
  get framesInSubtree() { return [this]; }
  get ipc() {
    this.#ipc ??= new IpcMain();
    return this.#ipc;
  }

  _ipc() { return this.#ipc; }
  isDestroyed() { return this.#wc.isDestroyed(); }
  send(channel, ...args) { send(this.#wc, this.#frameId, channel, args, 'WebFrameMain.send'); }
  postMessage(channel, message, transfer) {
    postMessage(this.#wc, this.#frameId, channel, message, transfer, 'WebFrameMain.postMessage');
  }
  executeJavaScript(code, userGesture) { return this.#wc.executeJavaScript(code, userGesture); }
}

function frameOf(wc, frameId) {
  const state = wc._ipcState();
  let frame = state.frames.get(frameId);
  if (frame === undefined) {
    frame = new WebFrameMain(wc, frameId);
    state.frames.set(frameId, frame);
  }
  return frame;
}

class IpcMainEvent {
  constructor(wc, frameId, ports) {
    this.type = 'frame';
    this.sender = wc;
    this.frameId = frameId;
    this.processId = wc._ipcState().pid;
    this.ports = ports;
  }

  get senderFrame() { return frameOf(this.sender, this.frameId); }

  reply(channel, ...args) {
    if (this.sender.isDestroyed()) return;
    send(this.sender, this.frameId, channel, args, 'event.reply');
  }
}

class IpcMainInvokeEvent {
  constructor(wc, frameId) {
    this.type = 'frame';
    this.sender = wc;
    this.frameId = frameId;
    this.processId = wc._ipcState().pid;
  }

  get senderFrame() { return frameOf(this.sender, this.frameId); }
}

// sendSync's event: setting returnValue answers the blocked page, once.
class IpcMainSyncEvent extends IpcMainEvent {
  #replied = false;
  #value = undefined;

  get returnValue() { return this.#value; }
  set returnValue(value) {
    const w = new Writer(256);
    w.inlineOnly = true;
    w.value(value, null, 'event.returnValue');
    this.#value = value;
    if (this.#replied) return;
    this.#replied = true;
    if (!this.sender.isDestroyed()) native.ui().ipcSyncReply(this.sender.id, w.u8.subarray(0, w.pos));
  }
}

// ---- records from pages

function uncaught(err) {
  process.nextTick(() => { throw err; });
}

function emitAll(targets, channel, event, args) {
  for (const target of targets) {
    if (target === null || target === undefined) continue;
    try {
      target.emit(channel, event, ...args);
    } catch (err) {
      uncaught(err);
    }
  }
}

function argsOf(r) {
  const args = r.value();
  if (!Array.isArray(args)) throw new RangeError('malformed IPC message: arguments are not an array');
  return args;
}

function invoke(wc, frameId, id, channel, args) {
  const frameIpc = wc._ipcState().frames.get(frameId)?._ipc();
  const targets = [frameIpc, wc._ipcOrNull(), ipcMain];
  let handler;
  for (const t of targets) {
    if (t && t._invokeHandlers.has(channel)) {
      handler = t._invokeHandlers.get(channel);
      break;
    }
  }
  if (handler === undefined) {
    reply(wc, frameId, id, false, `Error: No handler registered for '${channel}'`);
    return;
  }
  let result;
  try {
    result = handler(new IpcMainInvokeEvent(wc, frameId), ...args);
  } catch (err) {
    reply(wc, frameId, id, false, String(err));
    return;
  }
  if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
    Promise.resolve(result).then((v) => reply(wc, frameId, id, true, v),
      (err) => reply(wc, frameId, id, false, String(err)));
  } else {
    reply(wc, frameId, id, true, result);
  }
}

function sync(wc, frameId, channel, args) {
  const event = new IpcMainSyncEvent(wc, frameId, []);
  const frameIpc = wc._ipcState().frames.get(frameId)?._ipc();
  const wcIpc = wc._ipcOrNull();
  const heard = wc.listenerCount('ipc-message-sync') + ipcMain.listenerCount(channel) +
    (wcIpc ? wcIpc.listenerCount(channel) : 0) + (frameIpc ? frameIpc.listenerCount(channel) : 0);
  try {
    wc.emit('ipc-message-sync', event, channel, ...args);
  } catch (err) {
    uncaught(err);
  }
  emitAll([frameIpc, wcIpc, ipcMain], channel, event, args);
  if (heard === 0) {
    console.warn(`WebContents #${wc.id} called ipcRenderer.sendSync() with '${channel}' channel without listeners.`);
    event.returnValue = undefined;
  }
}

function frameOp(wc, op, args) {
  const state = wc._ipcState();
  switch (op) {
    case 'hello':
      // The web process's own pid (in its sandbox): only until the
      // channel's credentials give the real one.
      if (state.pid === 0 && typeof args[0] === 'number') state.pid = args[0];
      break;
    case 'setZoomFactor':
      if (typeof args[0] === 'number' && args[0] > 0) wc.setZoomFactor(args[0]);
      break;
    case 'insertCSS':
      wc.insertCSS(String(args[1]), { cssOrigin: args[2] === 'user' ? 'user' : 'author' })
        .then((key) => state.css.set(String(args[0]), key), () => {});
      break;
    case 'removeInsertedCSS': {
      const key = state.css.get(String(args[0]));
      if (key !== undefined) {
        state.css.delete(String(args[0]));
        wc.removeInsertedCSS(key).catch(() => {});
      }
      break;
    }
    case 'preloadError':
      try {
        wc.emit('preload-error', { preventDefault() {} }, String(args[0]), args[1]);
      } catch (err) {
        uncaught(err);
      }
      break;
    default:
      throw new RangeError(`malformed IPC message: unknown frame operation '${op}'`);
  }
}

function onRecord(wc, frameId, kind, r) {
  switch (kind) {
    case KIND.SEND: {
      const channel = r.str();
      const args = argsOf(r);
      const event = new IpcMainEvent(wc, frameId, []);
      try {
        wc.emit('ipc-message', event, channel, ...args);
      } catch (err) {
        uncaught(err);
      }
      const frameIpc = wc._ipcState().frames.get(frameId)?._ipc();
      emitAll([frameIpc, wc._ipcOrNull(), ipcMain], channel, event, args);
      break;
    }
    case KIND.INVOKE: {
      const id = r.u32();
      const channel = r.str();
      invoke(wc, frameId, id, channel, argsOf(r));
      break;
    }
    case KIND.SYNC: {
      const channel = r.str();
      sync(wc, frameId, channel, argsOf(r));
      break;
    }
    case KIND.POST: {
      const channel = r.str();
      const message = r.value();
      const { MessagePortMain } = ports();
      const list = r.portIds().map((id) => MessagePortMain._remote(wc, id));
      const event = new IpcMainEvent(wc, frameId, list);
      const frameIpc = wc._ipcState().frames.get(frameId)?._ipc();
      emitAll([frameIpc, wc._ipcOrNull(), ipcMain], channel, event, [message]);
      break;
    }
    case KIND.PORT_MESSAGE: {
      const id = r.u32();
      const data = r.value();
      const { MessagePortMain, portMessage } = ports();
      const list = r.portIds().map((pid) => MessagePortMain._remote(wc, pid));
      portMessage(wc, id, data, list);
      break;
    }
    case KIND.PORT_CLOSE:
      ports().portClosed(wc, r.u32());
      break;
    case KIND.CONSOLE: {
      const level = r.u8v();
      const text = r.str();
      const line = r.u32();
      const source = r.str();
      try {
        wc.emit('console-message', native.makeEvent(), level, text, line, source);
      } catch (err) {
        uncaught(err);
      }
      break;
    }
    case KIND.FRAME_OP: {
      const op = r.str();
      frameOp(wc, op, argsOf(r));
      break;
    }
    case KIND.HOST: {
      const channel = r.str();
      const args = argsOf(r);
      try {
        wc.emit('ipc-message-host', new IpcMainEvent(wc, frameId, []), channel, ...args);
      } catch (err) {
        uncaught(err);
      }
      break;
    }
    default:
      throw new RangeError(`malformed IPC message: unknown record kind ${kind}`);
  }
}

// A batch from a page (ui-ipc.c, through webContents' native events).
function receive(wc, buffer, extra) {
  const frameId = extra[0];
  const oob = extra[1];
  if (extra[2] > 0) wc._ipcState().pid = extra[2];
  forEachRecord(buffer, 0, buffer.byteLength, oob,
    (kind, r) => onRecord(wc, frameId, kind, r),
    (err) => console.warn(`anode: dropped an IPC message from webContents ${wc.id}: ${err && err.message}`));
}

function contentsDestroyed(wc) {
  outgoing.delete(wc.id);
  if (portsModule !== undefined) portsModule.contentsDestroyed(wc);
}

// ---- the preload's user script (ui-ipc.c injects it)

// What the preload world needs to know, or undefined without a preload.
function bridgeScript(prefs) {
  if (typeof prefs.preload !== 'string') return undefined;
  const preload = { path: prefs.preload };
  try {
    preload.source = fs.readFileSync(prefs.preload, 'utf8');
    // An ES module preload, as Electron has it: by its .mjs extension.
    if (prefs.preload.endsWith('.mjs')) {
      preload.source = require('internal/modules/esm/loader').preloadSource(preload.source, prefs.preload);
    }
  } catch (err) {
    preload.error = err.message;
  }
  const config = {
    contextIsolation: prefs.contextIsolation !== false,
    preloads: [preload],
    platform: process.platform,
    arch: process.arch,
    versions: { ...process.versions },
    env: { ...process.env },
    argv: [...process.argv],
    execPath: process.execPath,
    pid: process.pid,
    zoomFactor: prefs.zoomFactor || 1,
  };
  return `__anodeBridge(${config.contextIsolation}, ${JSON.stringify(JSON.stringify(config))});`;
}

module.exports = {
  IpcMain, ipcMain, receive, send, postMessage, sendPortMessage, sendPortClose,
  contentsDestroyed, bridgeScript, WebFrameMain, frameOf,
};
