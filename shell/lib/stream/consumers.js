'use strict';
// Node.js v20 lib/stream/consumers.js (MIT), on anode's primordials.

const {
  JSONParse,
} = require('internal/streams/primordials');

// buffer and string_decoder are loaded on first use; Blob is buffer's.
const lazyBuffer = () => require('buffer');

async function blob(stream) {
  const chunks = [];
  for await (const chunk of stream)
    chunks.push(chunk);
  return new (lazyBuffer().Blob)(chunks);
}

// The bytes of every chunk (strings as UTF-8), as Blob would hold them.
async function arrayBuffer(stream) {
  const { Buffer } = lazyBuffer();
  const chunks = [];
  let length = 0;
  for await (const chunk of stream) {
    let bytes;
    if (typeof chunk === 'string') bytes = Buffer.from(chunk, 'utf8');
    else if (ArrayBuffer.isView(chunk)) bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    else if (chunk instanceof ArrayBuffer) bytes = new Uint8Array(chunk);
    else bytes = Buffer.from(String(chunk), 'utf8');
    chunks.push(bytes);
    length += bytes.byteLength;
  }
  const ret = new Uint8Array(length);
  let offset = 0;
  for (const bytes of chunks) {
    ret.set(bytes, offset);
    offset += bytes.byteLength;
  }
  return ret.buffer;
}

async function buffer(stream) {
  return lazyBuffer().Buffer.from(await arrayBuffer(stream));
}

// UTF-8 with U+FFFD for invalid input and a leading BOM dropped, as
// TextDecoder decodes.
async function text(stream) {
  let dec;
  let bomChecked = false;
  const decoded = (s) => {
    if (bomChecked || s === '') return s;
    bomChecked = true;
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  };
  let str = '';
  for await (const chunk of stream) {
    if (typeof chunk === 'string') {
      str += chunk;
    } else {
      dec ??= new (require('string_decoder').StringDecoder)('utf8');
      str += decoded(dec.write(chunk));
    }
  }
  if (dec !== undefined) str += decoded(dec.end());
  return str;
}

async function json(stream) {
  const str = await text(stream);
  return JSONParse(str);
}

module.exports = {
  arrayBuffer,
  blob,
  buffer,
  text,
  json,
};
