'use strict';
// SCHED_RR: the primary listens once and hands each accepted connection to
// a worker over its IPC pipe, one at a time per worker: a worker gets the
// next connection when it has acknowledged the last. A connection handed
// to a worker that dies before acknowledging it goes to another worker (its
// request bytes are still unread in the socket), so killing a worker only
// breaks the connections it had already taken.

const net = require('net');
const { sendHelper } = require('internal/cluster/utils');

class RoundRobinHandle {
  constructor(key, address, { port, fd, flags, backlog, readableAll, writableAll }) {
    this.key = key;
    this.all = new Map();      // worker id -> worker
    this.free = new Map();     // workers waiting for a connection
    this.inFlight = new Map(); // worker id -> handle sent, not yet acknowledged
    this.handles = [];         // connections waiting for a worker
    this.handle = null;
    this.server = net.createServer(() => {});
    if (fd >= 0) {
      this.server.listen({ fd, backlog });
    } else if (port >= 0) {
      this.server.listen({ port, host: address, ipv6Only: Boolean(flags & 1), backlog });
    } else {
      this.server.listen({ path: address, backlog, readableAll, writableAll });
    }
    this.server.once('listening', () => {
      this.handle = this.server._handle;
      this.handle.onconnection = (err, handle) => this.distribute(err, handle);
      this.server._handle = null;
      this.server = null;
    });
  }

  add(worker, send) {
    this.all.set(worker.id, worker);
    const done = () => {
      const name = this.handle.getsockname();
      send(0, { sockname: typeof name === 'number' ? null : name }, null);
      this.handoff(worker);
    };
    if (this.server === null) {
      done();
      return;
    }
    this.server.once('listening', done);
    this.server.once('error', (err) => send(err.errno, null));
  }

  // True when the last worker left and the listening socket closed.
  remove(worker) {
    if (!this.all.delete(worker.id)) return false;
    this.free.delete(worker.id);
    const pending = this.inFlight.get(worker.id);
    this.inFlight.delete(worker.id);
    if (this.all.size !== 0) {
      if (pending !== undefined) this.distribute(0, pending);
      return false;
    }
    if (pending !== undefined) pending.close();
    for (const handle of this.handles) handle.close();
    this.handles = [];
    if (this.handle !== null) this.handle.close();
    else if (this.server !== null) this.server.close();
    this.handle = null;
    return true;
  }

  distribute(err, handle) {
    if (err) return;
    this.handles.push(handle);
    const first = this.free.entries().next();
    if (!first.done) {
      const [id, worker] = first.value;
      this.free.delete(id);
      this.handoff(worker);
    }
  }

  handoff(worker) {
    if (!this.all.has(worker.id)) return; // closing its server, or gone
    const handle = this.handles.shift();
    if (handle === undefined) {
      this.free.set(worker.id, worker);
      return;
    }
    this.inFlight.set(worker.id, handle);
    const sent = sendHelper(worker.process, { act: 'newconn', key: this.key }, handle, (reply) => {
      if (this.inFlight.get(worker.id) !== handle) return;
      this.inFlight.delete(worker.id);
      if (reply.accepted) handle.close();
      else this.distribute(0, handle); // the worker is shutting down: another one takes it
      this.handoff(worker);
    });
    if (sent === false && !worker.process.connected) {
      // The channel is gone: remove() will follow and re-queue it.
    }
  }
}

module.exports = RoundRobinHandle;
