'use strict';
// The worker's side of cluster: cluster.worker, 'online', and the
// listening sockets net asks the primary for (role.getServer). With
// round-robin the server holds a stand-in handle and gets each connection
// from the primary ('newconn'); with SCHED_NONE it listens on the socket the
// primary sent.

const EventEmitter = require('events');
const path = require('path');
const Worker = require('internal/cluster/worker');
const role = require('internal/cluster/role');
const { internal, sendHelper } = require('internal/cluster/utils');

const cluster = new EventEmitter();
const handles = new Map();
const indexes = new Map();

module.exports = cluster;

cluster.isWorker = true;
cluster.isMaster = false; // deprecated alias
cluster.isPrimary = false;
cluster.worker = null;
cluster.Worker = Worker;

function send(message, cb) {
  return sendHelper(process, message, null, cb);
}

cluster._setupWorker = function _setupWorker() {
  const id = +process.env.NODE_UNIQUE_ID | 0;
  delete process.env.NODE_UNIQUE_ID;
  const worker = new Worker({ id, process, state: 'online' });
  cluster.worker = worker;

  process.once('disconnect', () => {
    worker.emit('disconnect');
    // The primary went away (or let go of us) without asking first.
    if (!worker.exitedAfterDisconnect) process.exit(0);
  });

  process.on('internalMessage', internal(worker, process, function onmessage(message, handle) {
    if (message.act === 'newconn') onconnection(message, handle);
    else if (message.act === 'disconnect') worker._disconnect(true);
  }));

  if (!process.connected) return;
  send({ act: 'online' });
};

// (server, { address, port, addressType, fd, flags, backlog... }, cb(err, handle))
role.getServer = function getServer(obj, options, cb) {
  let address = options.address;
  if (options.port < 0 && typeof address === 'string') address = path.resolve(address);

  const indexesKey = [address, options.port, options.addressType, options.fd].join(':');
  let indexSet = indexes.get(indexesKey);
  if (indexSet === undefined) {
    indexSet = { nextIndex: 0, set: new Set() };
    indexes.set(indexesKey, indexSet);
  }
  const index = indexSet.nextIndex++;
  indexSet.set.add(index);

  const message = { act: 'queryServer', index, data: null, ...options, address };
  if (typeof obj._getServerData === 'function') message.data = obj._getServerData();

  send(message, (reply, handle) => {
    if (typeof obj._setServerData === 'function') obj._setServerData(reply.data);
    if (handle) shared(reply, { handle, indexesKey, index }, cb);
    else rr(reply, { indexesKey, index }, cb);
  });

  obj.once('listening', () => {
    if (cluster.worker) cluster.worker.state = 'listening';
    const addr = obj.address();
    message.act = 'listening';
    message.port = (addr && addr.port) || options.port;
    send(message);
  });
};

function removeIndexesKey(indexesKey, index) {
  const indexSet = indexes.get(indexesKey);
  if (!indexSet) return;
  indexSet.set.delete(index);
  if (indexSet.set.size === 0) indexes.delete(indexesKey);
}

// SCHED_NONE: the socket itself, which tells the primary when it closes.
function shared(message, { handle, indexesKey, index }, cb) {
  const key = message.key;
  const close = handle.close;
  handle.close = function closeShared(...args) {
    send({ act: 'close', key });
    handles.delete(key);
    removeIndexesKey(indexesKey, index);
    return close.apply(handle, args);
  };
  handles.set(key, handle);
  cb(message.errno, handle);
}

// Round-robin: a handle that only stands in for the primary's socket.
function rr(message, { indexesKey, index }, cb) {
  if (message.errno) {
    cb(message.errno, null);
    return;
  }
  let key = message.key;
  let keepAlive = null;

  // Keeps the worker alive as a listening socket would.
  function ref() {
    keepAlive ??= setInterval(() => {}, 0x7fffffff);
  }
  function unref() {
    if (keepAlive) {
      clearInterval(keepAlive);
      keepAlive = null;
    }
  }

  const handle = {
    owner: null,
    onconnection: null,
    listen() { return 0; },
    close(cb) {
      // net treats closing a listening handle as synchronous.
      if (key === undefined) return;
      unref();
      send({ act: 'close', key });
      handles.delete(key);
      removeIndexesKey(indexesKey, index);
      key = undefined;
      if (typeof cb === 'function') process.nextTick(cb);
    },
    ref,
    unref,
    hasRef() { return keepAlive !== null; },
    getsockname() { return message.sockname || -9; /* EBADF */ },
  };
  ref();
  handles.set(key, handle);
  cb(0, handle);
}

// The primary hands over a connection.
function onconnection(message, handle) {
  const key = message.key;
  const server = handles.get(key);
  const accepted = server !== undefined && handle !== undefined;
  send({ ack: message.seq, accepted });
  if (accepted) server.onconnection(0, handle);
  else if (handle) handle.close();
}

// Extends the generic Worker with the worker's disconnect and destroy.
Worker.prototype.disconnect = function disconnect() {
  if (this.state !== 'disconnecting' && this.state !== 'destroying') {
    this.state = 'disconnecting';
    this._disconnect();
  }
  return this;
};

Worker.prototype._disconnect = function _disconnect(primaryInitiated) {
  this.exitedAfterDisconnect = true;
  let waiting = 1;
  function checkWaiting() {
    waiting--;
    if (waiting !== 0) return;
    // The primary asked: it knows. Otherwise say so, then let go.
    if (primaryInitiated) process.disconnect();
    else send({ act: 'exitedAfterDisconnect' }, () => process.disconnect());
  }
  for (const handle of handles.values()) {
    waiting++;
    const server = handle.owner;
    if (server && typeof server.close === 'function') server.close(checkWaiting);
    else handle.close(checkWaiting);
  }
  handles.clear();
  checkWaiting();
};

Worker.prototype.destroy = function destroy() {
  if (this.state === 'destroying') return;
  this.exitedAfterDisconnect = true;
  if (!this.isConnected()) {
    process.exit(0);
  } else {
    this.state = 'destroying';
    send({ act: 'exitedAfterDisconnect' }, () => process.disconnect());
    process.once('disconnect', () => process.exit(0));
  }
};

cluster._setupWorker();
