'use strict';
// MessagePort and MessageChannel over the worker binding: a port is one end
// of a channel whose other end may be in another thread. Messages are the
// structured-clone encoding of internal/electron/ipc_wire.js; ports listed in
// a transfer list move with the message (this side's port is closed and
// unusable afterwards), ArrayBuffers in it are detached here.

const binding = internalBinding('worker');
const { NodeEventTarget, Event, kNewListener, kRemoveListener } = require('internal/event_target');
const { Writer, Reader } = require('internal/electron/ipc_wire');
const { codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS, ERR_MISSING_ARGS } } = require('internal/errors');

// Message kinds: what the other side's JS should do with the bytes.
const KIND_CLOSE = -1;
const KIND_MESSAGE = 0;

const kId = Symbol('kId');
const kHandle = Symbol('kHandle');
const kOnControl = Symbol('kOnControl');
const kRefed = Symbol('kRefed');
const kStarted = Symbol('kStarted');
const kWantsRef = Symbol('kWantsRef');
const kClosed = Symbol('kClosed');

// id -> MessagePort of this thread.
const ports = new Map();
// markAsUntransferable(): cloned, never moved.
const untransferable = new WeakSet();

class MessageEvent extends Event {
  #data;
  #ports;
  #origin;
  #lastEventId;
  #source;

  constructor(type, init = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('type');
    super(type, init);
    this.#data = init?.data ?? null;
    this.#ports = Object.freeze(init?.ports !== undefined ? [...init.ports] : []);
    this.#origin = init?.origin !== undefined ? `${init.origin}` : '';
    this.#lastEventId = init?.lastEventId !== undefined ? `${init.lastEventId}` : '';
    this.#source = init?.source ?? null;
  }

  get data() { return this.#data; }
  get ports() { return this.#ports; }
  get origin() { return this.#origin; }
  get lastEventId() { return this.#lastEventId; }
  get source() { return this.#source; }
}

function dataCloneError(message) {
  const DOMException = globalThis.DOMException;
  return new DOMException(message, 'DataCloneError');
}

// [bytes, out-of-band buffers, port ids] for `value`, or a throw. `owner` is
// the sending port (it may not travel in its own message).
function encode(value, transfer, owner) {
  let portList = [];
  const buffers = [];
  if (transfer !== undefined && transfer !== null) {
    if (typeof transfer !== 'object') {
      throw new ERR_INVALID_ARG_TYPE('transfer', ['Array', 'Object'], transfer);
    }
    const list = Array.isArray(transfer) ? transfer
      : transfer.transfer !== undefined ? transfer.transfer : [];
    if (list === null || typeof list[Symbol.iterator] !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('options.transfer', 'Array', list);
    }
    const seen = new Set();
    for (const item of list) {
      if (seen.has(item)) throw dataCloneError('Transfer list contains duplicate');
      seen.add(item);
      if (item instanceof MessagePort) {
        if (item === owner) throw dataCloneError('Transfer list contains source port');
        if (item[kClosed]) throw dataCloneError('MessagePort in transfer list is already detached');
        portList.push(item);
      } else if (item instanceof ArrayBuffer) {
        if (item.detached) throw dataCloneError('An ArrayBuffer is detached and could not be cloned.');
        if (!untransferable.has(item)) buffers.push(item);
      } else {
        throw dataCloneError('Found invalid value in transferList.');
      }
    }
  }
  const w = new Writer(256);
  const index = portList.length === 0 ? undefined : (v) => portList.indexOf(v);
  w.value(value, undefined, 'the message', index);
  // A port met in the message but not in the transfer list is an error, as
  // the web's structured clone has it.
  const bytes = w.u8.subarray(0, w.pos);
  return { bytes, oob: w.oob === null ? [] : w.oob, ports: portList, buffers };
}

// `extra` is undefined or [out-of-band buffers, transferred port ids]
// (binding-worker.c's message_to_js).
function decode(data, extra) {
  const oob = extra === undefined ? [] : extra[0];
  const list = extra === undefined ? [] : extra[1].map((id) => adoptPort(id));
  if (data === undefined) return { value: undefined, ports: list };
  const r = new Reader(data, 0, data.byteLength, oob);
  return { value: r.value(undefined, list), ports: list };
}

// Sends `value` from the port `id`; false when the other side is gone.
function post(id, kind, value, transfer, owner) {
  const m = encode(value, transfer, owner);
  for (const p of m.ports) {
    p[kClosed] = true;
    ports.delete(p[kId]);
  }
  const ok = binding.post(id, kind, m.bytes, m.oob, m.ports.map((p) => p[kId]));
  // Transferred buffers are gone from this side, as the web's are.
  for (const b of m.buffers) b.transfer();
  for (const p of m.ports) p[kId] = -1;
  return ok;
}

function adoptPort(id) {
  const port = new MessagePort(kHandle);
  port[kId] = id;
  ports.set(id, port);
  return port;
}

function onMessage(id, kind, data, extra) {
  const port = ports.get(id);
  if (port === undefined) return;
  if (kind === KIND_CLOSE) {
    closePort(port);
    return;
  }
  let m;
  try {
    m = decode(data, extra);
  } catch (err) {
    port.dispatchEvent(new MessageEvent('messageerror', { data: err }));
    return;
  }
  if (kind !== KIND_MESSAGE) {
    port[kOnControl]?.(kind, m.value);
    return;
  }
  port[kDispatch](m.value, m.ports);
}

const kDispatch = Symbol('kDispatch');

function closePort(port) {
  if (port[kId] < 0 && port[kClosed]) return;
  const id = port[kId];
  port[kClosed] = true;
  port[kId] = -1;
  if (id >= 0) {
    ports.delete(id);
    binding.close(id);
  }
  process.nextTick(() => port.dispatchEvent(new Event('close')));
}

let exitHandler = null;
binding.setCallbacks(onMessage, (workerId, code) => exitHandler?.(workerId, code));

class MessagePort extends NodeEventTarget {
  constructor(token = undefined) {
    if (token !== kHandle) throw new TypeError('Illegal constructor');
    super();
    this[kId] = -1;
    this[kRefed] = true;
    this[kStarted] = false;
    this[kWantsRef] = false;
    this[kClosed] = false;
  }

  postMessage(value, transfer = undefined) {
    if (!(this instanceof MessagePort)) throw new ERR_INVALID_THIS('MessagePort');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('message');
    if (this[kClosed]) {
      // Encoded anyway, so an uncloneable value still throws.
      encode(value, transfer, this);
      return;
    }
    post(this[kId], KIND_MESSAGE, value, transfer, this);
  }

  start() {
    if (this[kClosed] || this[kStarted]) return;
    this[kStarted] = true;
    this[kWantsRef] = true;
    this.#updateRef();
    binding.start(this[kId], true);
  }

  close() {
    if (this[kClosed]) return;
    closePort(this);
  }

  ref() {
    this[kRefed] = true;
    this.#updateRef();
    return this;
  }

  unref() {
    this[kRefed] = false;
    this.#updateRef();
    return this;
  }

  hasRef() {
    return !this[kClosed] && this[kRefed] && this[kWantsRef];
  }

  #updateRef() {
    if (this[kId] >= 0) binding.ref(this[kId], this.hasRef());
  }

  // Listeners for 'message' start the port and keep the thread alive, as
  // in Node; removing the last one lets it go.
  [kNewListener](size, type, listener, once, capture, passive, weak) {
    super[kNewListener](size, type, listener, once, capture, passive, weak);
    if (type === 'message' && size > 0) {
      this[kWantsRef] = true;
      this.#updateRef();
      this.start();
    }
  }

  [kRemoveListener](size, type, listener, capture) {
    super[kRemoveListener](size, type, listener, capture);
    if (type === 'message' && size === 0) {
      this[kWantsRef] = false;
      this.#updateRef();
    }
  }

  [kDispatch](value, transferred) {
    const event = new MessageEvent('message', { data: value, ports: transferred });
    this[Symbol.for('nodejs.internal.kHybridDispatch')](value, 'message', event);
  }
}

// on<event> attributes, as on the web.
{
  const { defineEventHandler } = require('internal/event_target');
  defineEventHandler(MessagePort.prototype, 'message');
  defineEventHandler(MessagePort.prototype, 'messageerror');
  defineEventHandler(MessagePort.prototype, 'close');
}

class MessageChannel {
  #port1;
  #port2;

  constructor() {
    const [a, b] = binding.createChannel();
    this.#port1 = adoptPort(a);
    this.#port2 = adoptPort(b);
  }

  get port1() { return this.#port1; }
  get port2() { return this.#port2; }
}

function receiveMessageOnPort(port) {
  if (!(port instanceof MessagePort)) {
    throw new ERR_INVALID_ARG_TYPE('port', 'MessagePort', port);
  }
  for (;;) {
    if (port[kId] < 0) return undefined;
    const r = binding.receive(port[kId]);
    if (r === undefined) return undefined;
    const [kind, data, extra] = r;
    const m = decode(data, extra);
    if (kind === KIND_MESSAGE) return { message: m.value };
    port[kOnControl]?.(kind, m.value);
  }
}

module.exports = {
  MessagePort, MessageChannel, MessageEvent, receiveMessageOnPort,
  adoptPort, post, closePort, encode, decode, untransferable,
  kId, kOnControl, kClosed,
  KIND_MESSAGE,
  setExitHandler(fn) { exitHandler = fn; },
  binding,
};
