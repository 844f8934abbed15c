'use strict';
// stream/consumers: read a whole stream (a web ReadableStream, a Node
// Readable or any async iterable) into text, JSON, bytes or a Blob.

async function blob(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  const { Blob } = require('internal/blob');
  return new Blob(chunks);
}

async function arrayBuffer(stream) {
  return (await blob(stream)).arrayBuffer();
}

async function buffer(stream) {
  const { Buffer } = require('buffer');
  return Buffer.from(await arrayBuffer(stream));
}

async function text(stream) {
  let decoder;
  let str = '';
  for await (const chunk of stream) {
    if (typeof chunk === 'string') {
      str += chunk;
    } else {
      decoder ??= new (require('internal/encoding').TextDecoder)();
      str += decoder.decode(chunk, { stream: true });
    }
  }
  if (decoder !== undefined) str += decoder.decode();
  return str;
}

async function json(stream) {
  return JSON.parse(await text(stream));
}

module.exports = { arrayBuffer, blob, buffer, text, json };
