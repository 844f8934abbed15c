'use strict';
// The tty module: isatty and the terminal stream classes process.stdin,
// stdout and stderr are made of (tty.ReadStream is a Readable,
// tty.WriteStream a Writable).

const { isatty: isattyBinding } = internalBinding('tty');
const stdio = require('internal/process/stdio');

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && isattyBinding(fd);
}

module.exports = {
  isatty,
  get ReadStream() {
    return stdio.ReadStream;
  },
  WriteStream: stdio.WriteStream,
};
