'use strict';
// StringDecoder: decodes a byte stream chunk by chunk, holding back a
// character cut at a chunk boundary until the next write (Node's exact
// buffering rules, including how a cut UTF-8 sequence that never completes
// turns into U+FFFD).

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS, ERR_UNKNOWN_ENCODING },
} = require('internal/errors');
const enc = require('internal/encoding');

const encodings = {
  utf8: enc.UTF8, utf16le: enc.UTF16LE, latin1: enc.LATIN1, ascii: enc.ASCII,
  base64: enc.BASE64, base64url: enc.BASE64URL, hex: enc.HEX,
};

const kState = Symbol('kState');

function normalizeEncoding(encoding) {
  if (encoding == null || encoding === '') return 'utf8';
  const name = `${encoding}`.toLowerCase();
  switch (name) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': case 'base64url': case 'hex': case 'ascii': return name;
    default: throw new ERR_UNKNOWN_ENCODING(encoding);
  }
}

function makeString(state, bytes, start, end) {
  return enc.decodeBytes(bytes, state.enc, start, end);
}

function decode(state, data) {
  let prepend = '';
  let start = 0;
  const n = data.length;
  if (state.missing > 0) {
    if (state.enc === enc.UTF8) {
      for (let i = 0; i < n && i < state.missing; i++) {
        if ((data[i] & 0xc0) !== 0x80) {
          // Not the continuation the cut character needs: it ends here.
          state.missing = 0;
          state.buffer.set(data.subarray(0, i), state.buffered);
          state.buffered += i;
          start = i;
          break;
        }
      }
    }
    const found = Math.min(n - start, state.missing);
    state.buffer.set(data.subarray(start, start + found), state.buffered);
    start += found;
    state.missing -= found;
    state.buffered += found;
    if (state.missing === 0) {
      prepend = makeString(state, state.buffer, 0, state.buffered);
      state.buffered = 0;
    }
  }
  if (start === n) return prepend;

  let buffered = 0;
  let missing = 0;
  if (state.enc === enc.UTF8 && (data[n - 1] & 0x80)) {
    for (let i = n - 1; ; i--) {
      buffered++;
      if ((data[i] & 0xc0) === 0x80) {
        if (buffered >= 4 || i === start) {
          buffered = 0;
          break;
        }
      } else {
        if ((data[i] & 0xe0) === 0xc0) missing = 2;
        else if ((data[i] & 0xf0) === 0xe0) missing = 3;
        else if ((data[i] & 0xf8) === 0xf0) missing = 4;
        else {
          buffered = 0;
          break;
        }
        if (buffered >= missing) {
          missing = 0;
          buffered = 0;
        }
        missing -= buffered;
        break;
      }
    }
  } else if (state.enc === enc.UTF16LE) {
    if ((n - start) % 2 === 1) {
      buffered = missing = 1;
    } else if ((data[n - 1] & 0xfc) === 0xd8) {
      buffered = missing = 2;
    }
  } else if (state.enc === enc.BASE64 || state.enc === enc.BASE64URL) {
    buffered = (n - start) % 3;
    if (buffered > 0) missing = 3 - buffered;
  }
  if (buffered > 0) state.buffer.set(data.subarray(n - buffered, n), 0);
  state.buffered = buffered;
  state.missing = missing;
  const body = n - buffered > start ? makeString(state, data, start, n - buffered) : '';
  return prepend + body;
}

function flush(state) {
  if (state.enc === enc.UTF16LE && state.buffered % 2 === 1) {
    state.missing--;
    state.buffered--;
  }
  if (state.buffered === 0) return '';
  const ret = makeString(state, state.buffer, 0, state.buffered);
  state.missing = 0;
  state.buffered = 0;
  return ret;
}

function toBytes(buf) {
  if (buf instanceof Uint8Array) return buf;
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function StringDecoder(encoding) {
  this.encoding = normalizeEncoding(encoding);
  this[kState] = { enc: encodings[this.encoding], buffer: new Uint8Array(4), buffered: 0, missing: 0 };
}

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') return buf;
  if (!ArrayBuffer.isView(buf)) throw new ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
  if (!this[kState]) throw new ERR_INVALID_THIS('StringDecoder');
  return decode(this[kState], toBytes(buf));
};

StringDecoder.prototype.end = function end(buf) {
  let ret = '';
  if (buf !== undefined) ret = this.write(buf);
  if (this[kState].buffered > 0) ret += flush(this[kState]);
  return ret;
};

StringDecoder.prototype.text = function text(buf, offset) {
  this[kState].missing = 0;
  this[kState].buffered = 0;
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: {
    configurable: true,
    enumerable: true,
    get() {
      const { Buffer } = require('buffer');
      return Buffer.from(this[kState].buffer.buffer, 0, 4);
    },
  },
  lastNeed: {
    configurable: true,
    enumerable: true,
    get() { return this[kState].missing; },
  },
  lastTotal: {
    configurable: true,
    enumerable: true,
    get() { return this[kState].buffered + this[kState].missing; },
  },
});

module.exports = { StringDecoder };
