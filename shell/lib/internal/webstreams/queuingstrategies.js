'use strict';
// CountQueuingStrategy and ByteLengthQueuingStrategy (WHATWG Streams §7).

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS, ERR_MISSING_OPTION },
} = require('internal/errors');
const { isObjectLike, kInspect, customInspect, defineClassProps } = require('internal/webstreams/util');

const kHighWaterMark = Symbol('kHighWaterMark');

function highWaterMarkOf(init) {
  if (!isObjectLike(init)) throw new ERR_INVALID_ARG_TYPE('init', 'Object', init);
  if (init.highWaterMark === undefined) throw new ERR_MISSING_OPTION('init.highWaterMark');
  return +init.highWaterMark;
}

// One size function per class, shared by every instance as the spec asks.
const countSize = function size() {
  return 1;
};
const byteLengthSize = function size(chunk) {
  return chunk.byteLength;
};

function define(name, sizeFn) {
  const cls = {
    [name]: class {
      constructor(init) {
        Object.defineProperty(this, kHighWaterMark, { value: highWaterMarkOf(init) });
      }

      get highWaterMark() {
        if (this === null || typeof this !== 'object' || !(kHighWaterMark in this)) throw new ERR_INVALID_THIS(name);
        return this[kHighWaterMark];
      }

      get size() {
        if (this === null || typeof this !== 'object' || !(kHighWaterMark in this)) throw new ERR_INVALID_THIS(name);
        return sizeFn;
      }

      [kInspect](depth, options) {
        return customInspect(this, depth, options, name, { highWaterMark: this.highWaterMark });
      }
    },
  }[name];
  defineClassProps(cls, ['highWaterMark', 'size'], name);
  return cls;
}

const CountQueuingStrategy = define('CountQueuingStrategy', countSize);
const ByteLengthQueuingStrategy = define('ByteLengthQueuingStrategy', byteLengthSize);

module.exports = { CountQueuingStrategy, ByteLengthQueuingStrategy };
