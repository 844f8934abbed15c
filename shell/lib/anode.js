'use strict';
// require('anode') is require('electron').
module.exports = require('electron');
