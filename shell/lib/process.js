'use strict';
// The `process` built-in: the global process object (ESM packages import it
// as node:process).

module.exports = process;
