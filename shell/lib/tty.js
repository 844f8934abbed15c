'use strict';
// The tty module: isatty and the terminal stream classes process.stdin,
// stdout and stderr are made of.

const { isatty: isattyBinding } = internalBinding('tty');
const { ReadStream, WriteStream } = require('internal/process/stdio');

function isatty(fd) {
  return Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && isattyBinding(fd);
}

module.exports = { isatty, ReadStream, WriteStream };
