'use strict';
// `path/posix`: the POSIX flavour of the path module.

module.exports = require('path').posix;
