'use strict';
// ChildProcess (a process handle from the 'process' binding plus its stdio
// sockets) and the IPC channel both ends of a fork share: messages framed
// by internal/child_process/serialization, handles (servers, sockets, raw
// stream handles) sent beside them over the IPC pipe.

const EventEmitter = require('events');
const net = require('net');
const { Buffer } = require('buffer');
const { StreamHandle, PIPE, IPC } = require('internal/net/handle');
const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_HANDLE_TYPE,
    ERR_INVALID_SYNC_FORK_INPUT,
    ERR_IPC_CHANNEL_CLOSED,
    ERR_IPC_DISCONNECTED,
    ERR_IPC_ONE_PIPE,
    ERR_IPC_SYNC_FORK,
    ERR_MISSING_ARGS,
    ERR_UNKNOWN_SIGNAL,
  },
  ErrnoException,
} = require('internal/errors');
const { validateArray, validateObject, validateOneOf, validateString } = require('internal/validators');
const uv = internalBinding('uv');
const binding = internalBinding('process');
const serialization = require('internal/child_process/serialization');

const info = new Float64Array(1);
binding.setup(function onexit(owner, exitStatus, termSignal) {
  owner.onexit(exitStatus, termSignal);
}, info);

// ---------------------------------------------------------------------------
// Signals

let signalsByName;
let namesBySignal;
function signals() {
  if (signalsByName === undefined) {
    signalsByName = internalBinding('signals').signals;
    namesBySignal = { __proto__: null };
    for (const name of Object.keys(signalsByName)) {
      const n = signalsByName[name];
      if (namesBySignal[n] === undefined) namesBySignal[n] = name;
    }
  }
  return signalsByName;
}

function signalName(n) {
  signals();
  return namesBySignal[n] ?? null;
}

function convertToValidSignal(signal) {
  if (typeof signal === 'number') {
    if (signalName(signal) !== null) return signal;
  } else if (typeof signal === 'string') {
    const n = signals()[signal.toUpperCase()];
    if (n !== undefined) return n;
  }
  throw new ERR_UNKNOWN_SIGNAL(signal);
}

// ---------------------------------------------------------------------------
// The process handle

class Process {
  constructor(owner) {
    this.owner = owner;
    this.id = -1;
    this.pid = 0;
    this.onexit = null;
  }

  spawn(options) {
    const stdio = options.stdio.map((s) => {
      switch (s.type) {
        case 'ignore': return [binding.STDIO_IGNORE, 0];
        case 'pipe': return [binding.STDIO_PIPE, s.handle.id];
        case 'fd': case 'inherit': return [binding.STDIO_INHERIT, s.fd];
        default: return [binding.STDIO_IGNORE, 0];
      }
    });
    const r = binding.spawn(this, {
      file: options.file,
      args: options.args,
      envPairs: options.envPairs,
      cwd: options.cwd,
      stdio,
      detached: options.detached,
      uid: options.uid,
      gid: options.gid,
    });
    if (r < 0) return r;
    this.id = r;
    this.pid = info[0];
    return 0;
  }

  kill(signal) {
    return this.id < 0 ? uv.UV_ESRCH : binding.kill(this.id, signal);
  }

  close() {
    if (this.id >= 0) binding.close(this.id);
    this.id = -1;
  }

  ref() { if (this.id >= 0) binding.ref(this.id, true); }
  unref() { if (this.id >= 0) binding.ref(this.id, false); }
  hasRef() { return this.id >= 0 && binding.hasRef(this.id); }
}

// ---------------------------------------------------------------------------
// ChildProcess

function ChildProcess() {
  EventEmitter.call(this);
  this._closesNeeded = 1;
  this._closesGot = 0;
  this.connected = false;
  this.signalCode = null;
  this.exitCode = null;
  this.killed = false;
  this.spawnfile = null;
  this._handle = new Process(this);
  this._handle.onexit = (exitCode, signalCode) => onProcessExit(this, exitCode, signalCode);
}
Object.setPrototypeOf(ChildProcess.prototype, EventEmitter.prototype);
Object.setPrototypeOf(ChildProcess, EventEmitter);

function onProcessExit(child, exitCode, termSignal) {
  if (termSignal) child.signalCode = signalName(termSignal);
  else child.exitCode = exitCode;
  if (child.stdin) child.stdin.destroy();
  if (child._handle) child._handle.close();
  child._handle = null;
  if (exitCode < 0) {
    const syscall = child.spawnfile ? `spawn ${child.spawnfile}` : 'spawn';
    const err = new ErrnoException(exitCode, syscall);
    if (child.spawnfile) err.path = child.spawnfile;
    err.spawnargs = child.spawnargs.slice(1);
    child.emit('error', err);
  } else {
    child.emit('exit', child.exitCode, child.signalCode);
  }
  // Output nobody reads still has to drain for 'close' to come.
  process.nextTick(flushStdio, child);
  maybeClose(child);
}

function flushStdio(child) {
  const stdio = child.stdio;
  if (stdio == null) return;
  for (let i = 0; i < stdio.length; i++) {
    const stream = stdio[i];
    if (!stream || !stream.readable || stream.readableFlowing === false && stream.listenerCount('data') > 0) continue;
    if (stream._readableState && !stream._readableState.readableListening && stream.listenerCount('data') === 0) {
      stream.resume();
    }
  }
}

function maybeClose(child) {
  child._closesGot++;
  if (child._closesGot === child._closesNeeded) {
    child.emit('close', child.exitCode, child.signalCode);
  }
}

const spawnErrorsAsEvents = new Set([
  uv.UV_EACCES, uv.UV_EAGAIN, uv.UV_EMFILE, uv.UV_ENFILE, uv.UV_ENOENT,
]);

ChildProcess.prototype.spawn = function spawn(options) {
  validateObject(options, 'options');
  const { stdio: validStdio, ipc, ipcFd } = getValidStdio(options.stdio || 'pipe', false);
  const stdio = validStdio;
  validateOneOf(options.serialization, 'options.serialization', [undefined, 'json', 'advanced']);
  const serializationMode = options.serialization || 'json';

  if (ipc !== undefined) {
    if (options.envPairs === undefined) options.envPairs = [];
    else validateArray(options.envPairs, 'options.envPairs');
    options.envPairs.push(`NODE_CHANNEL_FD=${ipcFd}`);
    options.envPairs.push(`NODE_CHANNEL_SERIALIZATION_MODE=${serializationMode}`);
  }

  validateString(options.file, 'options.file');
  this.spawnfile = options.file;
  if (options.args === undefined) {
    this.spawnargs = [];
  } else {
    validateArray(options.args, 'options.args');
    this.spawnargs = options.args;
  }

  const err = this._handle.spawn({ ...options, stdio });
  if (spawnErrorsAsEvents.has(err)) {
    process.nextTick(onErrorNT, this, err);
    if (err === uv.UV_EMFILE || err === uv.UV_ENFILE) {
      closePipes(stdio);
      return err;
    }
  } else if (err) {
    closePipes(stdio);
    this._handle = null;
    throw new ErrnoException(err, 'spawn');
  } else {
    process.nextTick(onSpawnNT, this);
  }

  this.pid = this._handle.pid || undefined;
  const spawned = err === 0;
  for (let i = 0; i < stdio.length; i++) {
    const stream = stdio[i];
    if (stream.type === 'ignore') continue;
    if (stream.ipc) {
      this._closesNeeded++;
      continue;
    }
    if (stream.type === 'wrap') {
      stream.handle.reading = false;
      continue;
    }
    if (stream.handle) {
      if (!spawned) {
        stream.handle.close();
        stream.handle = null;
      }
      stream.socket = createSocket(spawned ? stream.handle : null, i > 0);
      if (i > 0) {
        this._closesNeeded++;
        stream.socket.on('close', () => maybeClose(this));
      }
    }
  }

  this.stdin = stdio.length >= 1 && stdio[0].socket !== undefined ? stdio[0].socket : null;
  this.stdout = stdio.length >= 2 && stdio[1].socket !== undefined ? stdio[1].socket : null;
  this.stderr = stdio.length >= 3 && stdio[2].socket !== undefined ? stdio[2].socket : null;
  this.stdio = [];
  for (let i = 0; i < stdio.length; i++) {
    this.stdio.push(stdio[i].socket === undefined ? null : stdio[i].socket);
  }

  if (ipc !== undefined) {
    if (spawned) {
      setupChannel(this, ipc, serializationMode);
    } else {
      ipc.close();
      this._closesNeeded--;
    }
  }
  return err;
};

function closePipes(stdio) {
  for (const s of stdio) {
    if (s.handle && s.type === 'pipe') s.handle.close();
  }
}

function onErrorNT(child, err) {
  child._handle.onexit(err);
  // The pipes of a process that never started end a turn later (as
  // Node's do), and with them comes 'close'.
  setImmediate(() => {
    for (const stream of child.stdio || []) if (stream && !stream.destroyed) stream.destroy();
  });
}

function onSpawnNT(child) {
  child.emit('spawn');
}

function createSocket(handle, readable) {
  return net.Socket({ handle: handle || undefined, readable });
}

ChildProcess.prototype.kill = function kill(sig) {
  const signal = sig === 0 ? sig : convertToValidSignal(sig === undefined ? 'SIGTERM' : sig);
  if (this._handle) {
    const err = this._handle.kill(signal);
    if (err === 0) {
      this.killed = true;
      return true;
    }
    if (err === uv.UV_ESRCH) {
      // Already gone: the exit is on its way.
    } else if (err === uv.UV_EINVAL || err === uv.UV_ENOSYS) {
      throw new ErrnoException(err, 'kill');
    } else {
      this.emit('error', new ErrnoException(err, 'kill'));
    }
  }
  return false;
};

ChildProcess.prototype[Symbol.dispose] = function dispose() {
  if (!this.killed) this.kill();
};

ChildProcess.prototype.ref = function ref() {
  if (this._handle) this._handle.ref();
};

ChildProcess.prototype.unref = function unref() {
  if (this._handle) this._handle.unref();
};

// ---------------------------------------------------------------------------
// stdio

function isStreamLike(s) {
  return s !== null && typeof s === 'object' && (s._handle !== undefined || typeof s.fd === 'number');
}

// Normalizes `stdio` into descriptors { type: 'ignore' | 'pipe' | 'fd' |
// 'inherit' | 'wrap', handle?, fd?, ipc? } and creates the pipes. `sync`:
// for spawnSync (input data allowed, no IPC).
function getValidStdio(stdio, sync) {
  let ipc;
  let ipcFd;
  if (typeof stdio === 'string') {
    switch (stdio) {
      case 'ignore':
      case 'pipe':
      case 'overlapped':
      case 'inherit':
        stdio = [stdio, stdio, stdio];
        break;
      default:
        throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
    }
  } else if (!Array.isArray(stdio)) {
    throw new ERR_INVALID_ARG_VALUE('stdio', stdio);
  }
  stdio = [...stdio];
  while (stdio.length < 3) stdio.push(undefined);

  const created = [];
  const cleanup = () => {
    for (const s of created) if (s.handle && s.type === 'pipe') s.handle.close();
  };
  const out = [];
  for (let i = 0; i < stdio.length; i++) {
    let s = stdio[i];
    if (s == null) s = i < 3 ? 'pipe' : 'ignore';
    if (s === 'ignore') {
      out.push({ type: 'ignore' });
    } else if (s === 'pipe' || s === 'overlapped' || (typeof s === 'number' && s < 0)) {
      const d = { type: 'pipe', readable: i === 0, writable: i !== 0 };
      if (!sync) d.handle = new StreamHandle(PIPE);
      created.push(d);
      out.push(d);
    } else if (s === 'ipc') {
      if (sync || ipc !== undefined) {
        cleanup();
        if (!sync) throw new ERR_IPC_ONE_PIPE();
        throw new ERR_IPC_SYNC_FORK();
      }
      ipc = new StreamHandle(IPC);
      ipcFd = i;
      const d = { type: 'pipe', handle: ipc, ipc: true };
      created.push(d);
      out.push(d);
    } else if (s === 'inherit') {
      out.push({ type: 'inherit', fd: i });
    } else if (typeof s === 'number' || (s !== null && typeof s === 'object' && typeof s.fd === 'number' && s._handle === undefined)) {
      out.push({ type: 'fd', fd: typeof s === 'number' ? s : s.fd });
    } else if (isStreamLike(s)) {
      const handle = s._handle;
      const fd = handle ? handle.fd : s.fd;
      if (typeof fd !== 'number' || fd < 0) {
        cleanup();
        throw new ERR_INVALID_ARG_VALUE('stdio', s);
      }
      out.push({ type: 'fd', fd });
    } else if (ArrayBuffer.isView(s) || typeof s === 'string') {
      if (!sync) {
        cleanup();
        throw new ERR_INVALID_SYNC_FORK_INPUT(require('internal/util/inspect').inspect(s));
      }
      out.push({ type: 'pipe', readable: true, writable: false, input: s });
    } else {
      cleanup();
      throw new ERR_INVALID_ARG_VALUE('stdio', s);
    }
  }
  return { stdio: out, ipc, ipcFd };
}

// ---------------------------------------------------------------------------
// The IPC channel

const kMaxPendingBytes = 65536 * 2;

// process.channel / child.channel: ref and unref of the pipe. In a child,
// the channel keeps the process alive only while someone listens for
// 'message' or 'disconnect' (or after an explicit ref()).
class Control extends EventEmitter {
  constructor(channel) {
    super();
    this._channel = channel;
    this._refs = 0;
    this._refExplicitlySet = false;
  }

  get fd() { return this._channel ? this._channel.fd : undefined; }

  refCounted() {
    if (++this._refs === 1 && !this._refExplicitlySet) this._channel?.ref();
  }

  unrefCounted() {
    if (--this._refs === 0 && !this._refExplicitlySet) this._channel?.unref();
  }

  ref() {
    this._refExplicitlySet = true;
    this._channel?.ref();
  }

  unref() {
    this._refExplicitlySet = true;
    this._channel?.unref();
  }

  get [Symbol.toStringTag]() { return 'Control'; }
}

const handleConversion = {
  'net.Native': {
    simultaneousAccepts: true,
    send(message, handle) { return handle; },
    got(message, handle, emit) { emit(handle); },
  },
  'net.Server': {
    simultaneousAccepts: true,
    send(message, server) { return server._handle; },
    got(message, handle, emit) {
      const server = new net.Server();
      server.listen(handle, () => emit(server));
    },
  },
  'net.Socket': {
    send(message, socket, options) {
      if (!socket._handle) return undefined;
      // The socket leaves this process unless asked to stay.
      if (!options.keepOpen) message._closeAfterSend = socket;
      return socket._handle;
    },
    got(message, handle, emit) {
      const socket = new net.Socket({ handle, readable: true, writable: true });
      emit(socket);
    },
  },
};

function handleType(handle) {
  if (handle instanceof net.Socket) return 'net.Socket';
  if (handle instanceof net.Server) return 'net.Server';
  if (handle instanceof StreamHandle) return 'net.Native';
  return undefined;
}

function setupChannel(target, channel, serializationMode) {
  const control = new Control(channel);
  target.channel = control;
  target._channel = channel;
  target._handleQueue = null;
  target._pendingMessage = null;

  const codec = serialization[serializationMode];
  const decoder = codec.newDecoder();
  const pendingHandles = [];

  channel.onconnection = function onHandle(err, handle) {
    if (!err && handle) pendingHandles.push(handle);
  };

  channel.onread = function onChannelRead(nread, ab) {
    if (nread > 0) {
      const messages = decoder.push(new Uint8Array(ab, 0, nread));
      for (let i = 0; i < messages.length; i++) {
        const message = messages[i];
        if (message !== null && typeof message === 'object' && message.cmd === 'NODE_HANDLE') {
          handleArrived(target, message, pendingHandles.shift());
          continue;
        }
        dispatchMessage(target, message, undefined);
      }
      return;
    }
    // The other side went away (or the pipe broke).
    channel.onread = noop;
    if (target.connected) target._disconnect();
  };

  channel.onafterwrite = function onAfterWrite(status) {
    const req = writeQueue.shift();
    if (req === undefined) return;
    if (req.closeAfter) req.closeAfter.destroy();
    const err = status < 0 ? new ErrnoException(status, 'write') : null;
    // A write that fails later (EPIPE: the other side died meanwhile) is no
    // 'error' event, as in Node: the channel's end follows and disconnects.
    if (req.callback) req.callback(err);
    if (writeQueue.length === 0 && !target.connected && target._channel === channel) finishDisconnect(target, channel);
  };

  const writeQueue = [];

  target.on('newListener', function onNewListener(name) {
    if (name === 'message' || name === 'disconnect') control.refCounted();
  });
  target.on('removeListener', function onRemoveListener(name) {
    if (name === 'message' || name === 'disconnect') control.unrefCounted();
  });

  target.send = function send(message, handle, options, callback) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
      options = undefined;
    } else if (typeof options === 'function') {
      callback = options;
      options = undefined;
    } else if (options !== undefined) {
      validateObject(options, 'options');
    }
    options = { swallowErrors: false, ...options };
    if (this.connected) return this._send(message, handle, options, callback);
    const ex = new ERR_IPC_CHANNEL_CLOSED();
    if (typeof callback === 'function') process.nextTick(callback, ex);
    else process.nextTick(() => this.emit('error', ex));
    return false;
  };

  target._send = function _send(message, handle, options, callback) {
    if (message === undefined) throw new ERR_MISSING_ARGS('message');
    if (typeof message !== 'string' && typeof message !== 'object' &&
        typeof message !== 'number' && typeof message !== 'boolean') {
      throw new ERR_INVALID_ARG_TYPE('message', ['string', 'object', 'number', 'boolean'], message);
    }
    let raw = null;
    let closeAfter = null;
    if (handle !== undefined && handle !== null) {
      const type = handleType(handle);
      if (type === undefined) throw new ERR_INVALID_HANDLE_TYPE();
      const envelope = { cmd: 'NODE_HANDLE', type, msg: message };
      raw = handleConversion[type].send(envelope, handle, options);
      closeAfter = envelope._closeAfterSend || null;
      delete envelope._closeAfterSend;
      if (!raw || raw.id < 0) {
        // A socket or server without a live handle: the message goes alone.
        raw = null;
        closeAfter = null;
      } else {
        message = envelope;
      }
    }
    const data = codec.encode(message);
    let r;
    if (raw !== null) {
      r = channel.writeHandle(data, raw);
    } else if (typeof data === 'string') {
      r = channel.writeString(data, 0);
    } else {
      r = channel.writeBuffer(data);
    }
    if (r < 0) {
      const ex = new ErrnoException(r, 'write');
      if (typeof callback === 'function') process.nextTick(callback, ex);
      else if (!options.swallowErrors) process.nextTick(() => this.emit('error', ex));
      return false;
    }
    if (r === 0) {
      if (closeAfter) closeAfter.destroy();
      if (typeof callback === 'function') process.nextTick(callback, null);
    } else {
      writeQueue.push({ callback: typeof callback === 'function' ? callback : null, closeAfter });
    }
    return channel.writeQueueSize < kMaxPendingBytes;
  };

  target.connected = true;

  target.disconnect = function disconnect() {
    if (!this.connected) {
      this.emit('error', new ERR_IPC_DISCONNECTED());
      return;
    }
    this._disconnect();
  };

  target._disconnect = function _disconnect() {
    if (!this.connected) return;
    this.connected = false;
    // Messages still queued go out first.
    if (writeQueue.length === 0) finishDisconnect(this, channel);
  };

  channel.readStart();
  return control;
}

function finishDisconnect(target, channel) {
  if (target._channel !== channel) return;
  target._channel = null;
  const control = target.channel;
  target.channel = null;
  if (control) control._channel = null;
  channel.onread = noop;
  channel.close();
  process.nextTick(() => {
    target.emit('disconnect');
    if (target instanceof ChildProcess) maybeClose(target);
  });
}

function handleArrived(target, message, handle) {
  // Acknowledged as Node does, for a Node parent that waits for it.
  if (target.connected) target._send({ cmd: 'NODE_HANDLE_ACK' }, null, { swallowErrors: true });
  const conv = handleConversion[message.type];
  if (handle === undefined || conv === undefined) {
    if (handle) handle.close();
    dispatchMessage(target, message.msg, undefined);
    return;
  }
  conv.got(message, handle, (h) => dispatchMessage(target, message.msg, h));
}

function dispatchMessage(target, message, handle) {
  let event = 'message';
  if (message !== null && typeof message === 'object' && typeof message.cmd === 'string' &&
      message.cmd.length > 5 && message.cmd.startsWith('NODE_')) {
    if (message.cmd === 'NODE_HANDLE_ACK' || message.cmd === 'NODE_HANDLE_NACK') return;
    event = 'internalMessage';
  }
  process.nextTick(() => target.emit(event, message, handle));
}

function noop() {}

// The child's side: the channel a Node-style parent names in
// NODE_CHANNEL_FD (both variables leave the environment, as in Node).
function setupChildChannel(fd, mode) {
  if (fd === undefined) {
    fd = Number(process.env.NODE_CHANNEL_FD);
    mode = process.env.NODE_CHANNEL_SERIALIZATION_MODE || 'json';
    delete process.env.NODE_CHANNEL_FD;
    delete process.env.NODE_CHANNEL_SERIALIZATION_MODE;
  }
  if (!(fd >= 0) || (mode !== 'json' && mode !== 'advanced')) return;
  const channel = new StreamHandle(IPC);
  if (channel.open(fd) !== 0) {
    channel.close();
    return;
  }
  const control = setupChannel(process, channel, mode);
  // Only 'message'/'disconnect' listeners keep a child alive.
  if (control._refs === 0) channel.unref();
}

module.exports = {
  ChildProcess,
  Process,
  getValidStdio,
  setupChannel,
  setupChildChannel,
  convertToValidSignal,
  signalName,
  signals,
};
