'use strict';
// fs/promises: see internal/fs/promises.js.

module.exports = require('internal/fs/promises').exports;
