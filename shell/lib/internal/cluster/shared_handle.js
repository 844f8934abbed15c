'use strict';
// SCHED_NONE: the primary binds the address once and sends the socket to
// every worker that asks; each worker listens and accepts on it itself.

const { StreamHandle, TCP, PIPE } = require('internal/net/handle');

class SharedHandle {
  constructor(key, address, { port, addressType, fd, flags }) {
    this.key = key;
    this.workers = new Map();
    this.handle = null;
    this.errno = 0;
    let handle;
    let err;
    if (fd >= 0) {
      const type = internalBinding('tty').guessHandleType(fd);
      handle = new StreamHandle(type === 'TCP' ? TCP : PIPE);
      err = handle.open(fd);
    } else if (port === -1 && addressType === -1) {
      handle = new StreamHandle(PIPE);
      err = handle.bindPipe(address);
    } else {
      handle = new StreamHandle(TCP);
      err = handle.bind(address || (addressType === 6 ? '::' : '0.0.0.0'), port, Boolean(flags & 1));
      if (err && !address && addressType !== 6) {
        handle.close();
        handle = new StreamHandle(TCP);
        err = handle.bind('0.0.0.0', port);
      }
    }
    if (err) {
      handle.close();
      this.errno = err;
    } else {
      this.handle = handle;
    }
  }

  add(worker, send) {
    this.workers.set(worker.id, worker);
    send(this.errno, null, this.handle);
  }

  remove(worker) {
    if (!this.workers.delete(worker.id)) return false;
    if (this.workers.size !== 0) return false;
    if (this.handle !== null) this.handle.close();
    this.handle = null;
    return true;
  }
}

module.exports = SharedHandle;
