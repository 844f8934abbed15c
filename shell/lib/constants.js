'use strict';
// The deprecated `constants` module (graceful-fs and others still load it):
// os.constants' dlopen, errno, priority and signal numbers plus fs.constants,
// flattened as in Node. crypto's constants join when crypto exists.

const os = require('os');
const fs = require('fs');

module.exports = Object.freeze({
  ...os.constants.dlopen,
  ...os.constants.errno,
  ...os.constants.priority,
  ...os.constants.signals,
  ...fs.constants,
});
