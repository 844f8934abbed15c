'use strict';
// The symbol of net.Socket's direct write: http hands it whole messages
// (head and body as one string) and, when nothing else is queued on the
// socket, they go to the handle without the Writable machinery.

module.exports = {
  kFastWrite: Symbol('kFastWrite'),
};
