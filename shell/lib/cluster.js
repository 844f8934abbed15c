'use strict';
// cluster: a primary forks workers (child_process.fork with NODE_UNIQUE_ID)
// and owns their listening sockets. The module is the primary's or the
// worker's side, decided once by how this process was started.

const role = require('internal/cluster/role');

module.exports = role.isWorkerProcess() ? require('internal/cluster/child') : require('internal/cluster/primary');
