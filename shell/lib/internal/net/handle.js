'use strict';
// The JS side of a libuv stream handle (TCP socket or pipe). net.Socket and
// net.Server talk to their handle only through these methods and the on*
// hooks, so another transport (a TLS layer, say) can stand in with an
// object of the same shape.
//
// Writes return 0 when the bytes went out synchronously, 1 when the rest is
// queued (onafterwrite(status) follows, in order), or a negative uv error;
// `lastWriteBytes` is the byte count of the last write call.

const binding = internalBinding('stream');

const info = new Float64Array(3);
const kInfoBytes = 0;
const kInfoQueueSize = 1;
const kInfoNow = 2;

function noop() {}

function onRead(handle, nread, ab) {
  handle.onread(nread, ab);
}
// A connection accepted on a listening handle, or a handle received on an
// IPC pipe (`type` says which kind it is).
function onConnection(handle, idOrErr, type) {
  if (idOrErr < 0) {
    handle.onconnection(idOrErr, null);
    return;
  }
  const client = new StreamHandle(type, idOrErr);
  handle.onconnection(0, client);
}
function onAfterWrite(handle, status) {
  handle.onafterwrite(status);
}
function onConnect(handle, status) {
  handle.onconnect(status);
}
function onShutdown(handle, status) {
  handle.onshutdown(status);
}
function onClose(handle) {
  const cb = handle._closeCallback;
  handle._closeCallback = null;
  if (cb) cb();
}
binding.setup(onRead, onConnection, onAfterWrite, onConnect, onShutdown, onClose, info);

class StreamHandle {
  constructor(type, acceptedId) {
    this.type = type;
    this.onread = noop;
    this.onconnection = noop;
    this.onafterwrite = noop;
    this.onconnect = noop;
    this.onshutdown = noop;
    this.reading = false;
    this.lastWriteBytes = 0;
    this._closeCallback = null;
    if (acceptedId === undefined) {
      this.id = binding.create(type, this);
    } else {
      this.id = acceptedId;
      binding.setOwner(acceptedId, this);
    }
  }

  get isPipe() { return this.type !== binding.TCP; }
  open(fd) { return binding.open(this.id, fd); }
  bind(address, port, ipv6Only) { return binding.bind(this.id, address, port, !!ipv6Only); }
  bindPipe(path) { return binding.bind(this.id, path); }
  listen(backlog) { return binding.listen(this.id, backlog); }
  connect(address, port) { return binding.connect(this.id, address, port); }
  connectPipe(path) { return binding.connect(this.id, path); }

  readStart() {
    this.reading = true;
    return binding.readStart(this.id);
  }

  readStop() {
    this.reading = false;
    return binding.readStop(this.id);
  }

  writeBuffer(buf) {
    const r = binding.writeBuffer(this.id, buf);
    this.lastWriteBytes = info[kInfoBytes];
    return r;
  }

  // encoding: 0 utf8, 1 latin1, 2 ascii
  writeString(str, encoding) {
    const r = binding.writeString(this.id, str, encoding);
    this.lastWriteBytes = info[kInfoBytes];
    return r;
  }

  // IPC pipes: `data` (a string or bytes) with `handle` attached. Always
  // completes through onafterwrite; `handle` must stay open until then.
  writeHandle(data, handle) {
    const r = binding.writeHandle(this.id, data, handle.id);
    this.lastWriteBytes = info[kInfoBytes];
    return r;
  }

  writev(chunks, encodings) {
    const r = binding.writev(this.id, chunks, encodings);
    this.lastWriteBytes = info[kInfoBytes];
    return r;
  }

  shutdown() { return binding.shutdown(this.id); }

  close(cb) {
    if (this.id < 0) return;
    this._closeCallback = cb || null;
    binding.close(this.id);
    this.id = -1;
  }

  setNoDelay(on) { return binding.setNoDelay(this.id, !!on); }
  setKeepAlive(on, delaySecs) { return binding.setKeepAlive(this.id, !!on, delaySecs | 0); }
  ref() { binding.ref(this.id, true); }
  unref() { binding.ref(this.id, false); }
  hasRef() { return binding.hasRef(this.id); }
  getsockname() { return binding.sockname(this.id); }
  getpeername() { return binding.peername(this.id); }
  get bytesRead() { return binding.bytesRead(this.id); }
  get writeQueueSize() { return this.id < 0 ? 0 : binding.writeQueueSize(this.id); }
  get fd() { return this.id < 0 ? -1 : binding.fd(this.id); }
}

// The loop time when C last called into JS: a cheap clock for idle timers.
function loopNow() {
  return info[kInfoNow];
}

module.exports = {
  StreamHandle,
  TCP: binding.TCP,
  PIPE: binding.PIPE,
  IPC: binding.IPC,
  loopNow,
  kInfoQueueSize,
};
