'use strict';
// require('electron/common'): the modules both processes share.
const electron = require('electron');

Object.defineProperties(module.exports, {
  nativeImage: { enumerable: true, get() { return electron.nativeImage; } },
});
