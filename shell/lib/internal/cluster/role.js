'use strict';
// Which side of a cluster this process is. net asks on every listen(), so
// this stays tiny: the worker's side fills in getServer when it starts.

let worker;

module.exports = {
  // A worker is a process started with NODE_UNIQUE_ID (the variable leaves
  // the environment once the worker is set up, as in Node).
  isWorkerProcess() {
    if (worker === undefined) worker = process.env.NODE_UNIQUE_ID !== undefined;
    return worker;
  },
  // Set by internal/cluster/child: (server, options, cb(err, handle)).
  getServer: null,
};
