'use strict';
// Reads a script's source for messages that quote it (assert.ok, uncaught
// error reports, test locations): the text, or undefined when unreadable.

const { readFileUtf8 } = internalBinding('fs');

function readSource(file) {
  const text = readFileUtf8(file, {});
  return typeof text === 'string' ? text : undefined;
}

module.exports = { readSource };
