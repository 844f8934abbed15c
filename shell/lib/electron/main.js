'use strict';
// require('electron/main'): the main-process modules.
module.exports = require('electron');
