'use strict';
// The two message framings of an IPC channel (NODE_CHANNEL_SERIALIZATION_MODE):
// 'json', one JSON text per line as Node writes them, and 'advanced', the
// structured-clone encoding of internal/electron/ipc_wire as length-prefixed
// records (Map, Set, Date, BigInt, typed arrays, cycles... survive; a
// Uint8Array, Buffers included, arrives as a Buffer). Decoders take the
// bytes as they come and return the complete messages; a message that does
// not decode is dropped, never thrown at the reader.

const { Buffer } = require('buffer');

const FastBuffer = Buffer[Symbol.species];

// ---- json -------------------------------------------------------------------

class JsonDecoder {
  constructor() {
    this.decoder = null;
    this.pending = '';
  }

  push(u8) {
    if (this.decoder === null) {
      const { StringDecoder } = require('string_decoder');
      this.decoder = new StringDecoder('utf8');
    }
    const text = this.pending + this.decoder.write(new FastBuffer(u8.buffer, u8.byteOffset, u8.byteLength));
    const out = [];
    let start = 0;
    let nl;
    while ((nl = text.indexOf('\n', start)) !== -1) {
      const line = text.slice(start, nl);
      start = nl + 1;
      if (line.length === 0) continue;
      try {
        out.push(JSON.parse(line));
      } catch {
        // Not JSON: dropped, the next line may be fine.
      }
    }
    this.pending = start === 0 ? text : text.slice(start);
    return out;
  }
}

const json = {
  newDecoder() { return new JsonDecoder(); },
  encode(message) { return `${JSON.stringify(message)}\n`; },
};

// ---- advanced ---------------------------------------------------------------

const MAX_MESSAGE = 1024 * 1024 * 1024;

let wire;
function lazyWire() {
  if (wire === undefined) {
    const w = require('internal/electron/ipc_wire');
    // A Buffer from the pool would carry its whole 8 KB slab.
    class Writer extends w.Writer {
      view(v, st) {
        if (v instanceof Uint8Array && v.byteLength !== v.buffer.byteLength) v = new Uint8Array(v);
        return super.view(v, st);
      }
    }
    class Reader extends w.Reader {
      view(st) {
        const v = super.view(st);
        if (v instanceof Uint8Array && v.constructor === Uint8Array) {
          const b = new FastBuffer(v.buffer, v.byteOffset, v.length);
          st.seen[st.seen.indexOf(v)] = b;
          return b;
        }
        return v;
      }
    }
    wire = { Writer, Reader, KIND: w.KIND };
  }
  return wire;
}

class AdvancedDecoder {
  constructor() {
    this.chunks = [];
    this.length = 0;
  }

  push(u8) {
    this.chunks.push(u8.slice());
    this.length += u8.byteLength;
    const out = [];
    for (;;) {
      if (this.length < 5) break;
      const len = this.headLength();
      if (len < 5 || len > MAX_MESSAGE) {
        // The stream cannot be resynchronised: drop what is buffered.
        this.chunks = [];
        this.length = 0;
        break;
      }
      if (this.length < len) break;
      const record = this.take(len);
      try {
        const { Reader } = lazyWire();
        out.push(new Reader(record.buffer, record.byteOffset + 5, record.byteOffset + len, null).value());
      } catch {
        // A record that does not decode is dropped.
      }
    }
    return out;
  }

  // The record length at the front (u32, little-endian), across chunks.
  headLength() {
    let v = 0;
    let mul = 1;
    let got = 0;
    for (let i = 0; got < 4; i++) {
      const c = this.chunks[i];
      for (let j = 0; j < c.byteLength && got < 4; j++, got++) {
        v += c[j] * mul;
        mul *= 256;
      }
    }
    return v;
  }

  // Removes and returns the first `n` bytes as one array.
  take(n) {
    const first = this.chunks[0];
    if (first.byteLength >= n) {
      const out = first.subarray(0, n);
      if (first.byteLength === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.length -= n;
      return out;
    }
    const out = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      const c = this.chunks[0];
      const m = Math.min(n - got, c.byteLength);
      out.set(c.subarray(0, m), got);
      got += m;
      if (m === c.byteLength) this.chunks.shift();
      else this.chunks[0] = c.subarray(m);
    }
    this.length -= n;
    return out;
  }
}

let writer;
const advanced = {
  newDecoder() { return new AdvancedDecoder(); },
  encode(message) {
    const { Writer, KIND } = lazyWire();
    writer ??= new Writer();
    writer.inlineOnly = true;
    writer.reset();
    writer.beginRecord(KIND.SEND);
    try {
      writer.value(message, null, 'the message');
    } catch (err) {
      writer.abortRecord();
      throw err;
    }
    writer.endRecord();
    return writer.u8.slice(0, writer.pos);
  },
};

module.exports = { json, advanced };
