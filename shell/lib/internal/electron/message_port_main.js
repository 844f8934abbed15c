'use strict';
// Electron's MessageChannelMain and MessagePortMain. A port's other end is
// either another port of this process or a port in a page (a webContents
// and the id both sides use for it); messages to a page travel as
// PORT_MESSAGE records of the bridge (ipc_main.js sends them). A port that
// is passed on to a page hands its role to a route: what arrives for it is
// forwarded to where its other end now lives.

const EventEmitter = require('events');

// "wcId:portId" -> what receives that page port's messages and close:
// { message(data, ports), close() }.
const routes = new Map();
let nextPortId = 2; // even: ids this process makes; pages use odd ones

function routeKey(wcId, portId) { return `${wcId}:${portId}`; }

let ipcMainModule;
function ipc() {
  ipcMainModule ??= require('internal/electron/ipc_main');
  return ipcMainModule;
}

function notTransferable(what) {
  const err = new TypeError(`MessagePortMain.postMessage: ${what}`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

class MessagePortMain extends EventEmitter {
  #peer = null; // a MessagePortMain, or { wc, id } for a page's port
  #started = false;
  #closed = false;
  #queue = [];

  // A port whose other end is port `id` in webContents `wc`.
  static _remote(wc, id) {
    const port = new MessagePortMain();
    port.#linkRemote(wc, id);
    return port;
  }

  static _pair() {
    const a = new MessagePortMain();
    const b = new MessagePortMain();
    a.#peer = b;
    b.#peer = a;
    return [a, b];
  }

  #linkRemote(wc, id) {
    this.#peer = { wc, id };
    routes.set(routeKey(wc.id, id), {
      message: (data, ports) => this._deliver(data, ports),
      close: () => this._peerClosed(),
    });
  }

  _deliver(data, ports) {
    if (this.#closed) return;
    const event = { data, ports };
    if (this.#started) this.emit('message', event);
    else this.#queue.push(event);
  }

  _peerClosed() {
    if (this.#closed) return;
    this.#closed = true;
    this.#peer = null;
    this.#queue = [];
    this.emit('close');
  }

  start() {
    if (this.#started || this.#closed) return;
    this.#started = true;
    const queued = this.#queue;
    this.#queue = [];
    for (const event of queued) this.emit('message', event);
  }

  postMessage(message, transfer) {
    if (this.#closed || this.#peer === null) return;
    const list = transfer === undefined ? [] : transfer;
    if (!Array.isArray(list) || !list.every((p) => p instanceof MessagePortMain)) {
      throw notTransferable('"transfer" must be an array of MessagePortMain objects');
    }
    if (list.includes(this)) throw notTransferable('a port cannot transfer itself');
    const peer = this.#peer;
    if (peer instanceof MessagePortMain) {
      const data = structuredClone(message);
      queueMicrotask(() => peer._deliver(data, list));
      return;
    }
    const ids = list.map((p) => p._transferTo(peer.wc));
    ipc().sendPortMessage(peer.wc, peer.id, message, ids);
  }

  // This port moves into page `wc`: its other end is now linked to the
  // page's new port. Returns the new port's id.
  _transferTo(wc) {
    if (this.#closed || this.#peer === null) throw notTransferable('a closed port cannot be transferred');
    const id = nextPortId;
    nextPortId += 2;
    const peer = this.#peer;
    this.#peer = null;
    this.#closed = true;
    if (peer instanceof MessagePortMain) {
      peer.#linkRemote(wc, id);
    } else {
      // Both ends are in pages now: relay between them.
      routes.set(routeKey(peer.wc.id, peer.id), {
        message: (data, ports) => ipc().sendPortMessage(wc, id, data, ports.map((p) => p._transferTo(wc))),
        close: () => { routes.delete(routeKey(wc.id, id)); ipc().sendPortClose(wc, id); },
      });
      routes.set(routeKey(wc.id, id), {
        message: (data, ports) => ipc().sendPortMessage(peer.wc, peer.id, data, ports.map((p) => p._transferTo(peer.wc))),
        close: () => { routes.delete(routeKey(peer.wc.id, peer.id)); ipc().sendPortClose(peer.wc, peer.id); },
      });
    }
    return id;
  }

  close() {
    if (this.#closed) return;
    const peer = this.#peer;
    this.#closed = true;
    this.#peer = null;
    this.#queue = [];
    if (peer instanceof MessagePortMain) {
      queueMicrotask(() => peer._peerClosed());
    } else if (peer !== null) {
      routes.delete(routeKey(peer.wc.id, peer.id));
      if (!peer.wc.isDestroyed()) ipc().sendPortClose(peer.wc, peer.id);
    }
    this.emit('close');
  }
}

class MessageChannelMain {
  constructor() {
    const [port1, port2] = MessagePortMain._pair();
    this.port1 = port1;
    this.port2 = port2;
  }
}

// A message from page `wc` for its port `id`.
function portMessage(wc, id, data, ports) {
  const route = routes.get(routeKey(wc.id, id));
  if (route !== undefined) route.message(data, ports);
}

function portClosed(wc, id) {
  const key = routeKey(wc.id, id);
  const route = routes.get(key);
  if (route === undefined) return;
  routes.delete(key);
  route.close();
}

// The page is gone: every port whose other end lived there closes.
function contentsDestroyed(wc) {
  const prefix = `${wc.id}:`;
  for (const [key, route] of [...routes]) {
    if (!key.startsWith(prefix)) continue;
    routes.delete(key);
    route.close();
  }
}

module.exports = { MessageChannelMain, MessagePortMain, portMessage, portClosed, contentsDestroyed };
