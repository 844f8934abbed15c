'use strict';

// node:assert/strict — the strict-mode assert (`require('assert').strict`).

module.exports = require('assert').strict;
