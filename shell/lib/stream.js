'use strict';
// The stream module: the legacy Stream constructor, carrying Readable,
// Writable, Duplex, Transform, PassThrough and the stream utilities.

const { Stream, getDefaultHighWaterMark, setDefaultHighWaterMark } = require('internal/streams/legacy');
const Readable = require('internal/streams/readable');
const Writable = require('internal/streams/writable');
const { Duplex, Transform, PassThrough } = require('internal/streams/duplex');
const utils = require('internal/streams/pipeline');
const kPromisifyCustom = Symbol.for('nodejs.util.promisify.custom');

Stream.Stream = Stream;
Stream.Readable = Readable;
Stream.Writable = Writable;
Stream.Duplex = Duplex;
Stream.Transform = Transform;
Stream.PassThrough = PassThrough;
Stream.pipeline = utils.pipeline;
Stream.finished = utils.finished;
Stream.addAbortSignal = utils.addAbortSignal;
Stream.destroy = function destroy(stream, err) {
  if (!stream || utils.isDestroyed(stream)) return;
  if (typeof stream.destroy === 'function') stream.destroy(err);
};
Stream.isReadable = utils.isReadable;
Stream.isWritable = utils.isWritable;
Stream.isDestroyed = utils.isDestroyed;
Stream.compose = function compose(...streams) {
  return require('internal/streams/duplexify').compose(...streams);
};
Stream.duplexPair = function duplexPair(options) {
  return require('internal/streams/duplexify').duplexPair(options);
};
Stream.isErrored = utils.isErrored;
Stream.isDisturbed = utils.isDisturbed;
Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;
Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
Stream._isArrayBufferView = ArrayBuffer.isView;
Stream._isUint8Array = (value) => value instanceof Uint8Array;
Stream._uint8ArrayToBuffer = (chunk) => {
  const { Buffer } = require('buffer');
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
};

let promises;
Object.defineProperty(Stream, 'promises', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    promises ??= require('stream/promises');
    return promises;
  },
});

Object.defineProperty(utils.pipeline, kPromisifyCustom, {
  __proto__: null,
  enumerable: true,
  get() {
    return Stream.promises.pipeline;
  },
});
Object.defineProperty(utils.finished, kPromisifyCustom, {
  __proto__: null,
  enumerable: true,
  get() {
    return Stream.promises.finished;
  },
});

module.exports = Stream;
