'use strict';
// A Transform whose stream state is built on first use: hashes and ciphers
// are streams, but most are only ever update()d and digest()ed, and a
// stream's state costs more than the hash itself.

const { Transform } = require('internal/streams/duplex');

const kInitializing = Symbol('kInitializing');

function LazyTransform(options) {
  this._options = options;
}
Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
Object.setPrototypeOf(LazyTransform, Transform);

function makeGetter(name) {
  return function get() {
    if (this[kInitializing]) return undefined;
    this[kInitializing] = true;
    Transform.call(this, this._options);
    this[kInitializing] = false;
    // Strings written to the stream keep their encoding for _transform.
    this._writableState.decodeStrings = false;
    return this[name];
  };
}

function makeSetter(name) {
  return function set(value) {
    Object.defineProperty(this, name, {
      __proto__: null, value, enumerable: true, configurable: true, writable: true,
    });
  };
}

for (const name of ['_readableState', '_writableState', '_transformState']) {
  Object.defineProperty(LazyTransform.prototype, name, {
    __proto__: null,
    get: makeGetter(name),
    set: makeSetter(name),
    configurable: true,
    enumerable: true,
  });
}

module.exports = LazyTransform;
