'use strict';
// What the http server and client share: the parser (internalBinding
// 'http_parser': parsing happens in C, JS hears one call per message head
// and one per body chunk), header token checks, and the Date header cache.

const binding = internalBinding('http_parser');
const { Buffer } = require('buffer');

const FastBuffer = Buffer[Symbol.species];
const methods = binding.methods.slice();
const info = new Int32Array(binding.INFO_INTS);

// Shared-array slots and event kinds (binding-http-parser.c).
const I_METHOD = 0;
const I_MAJOR = 1;
const I_MINOR = 2;
const I_STATUS = 3;
const I_COUNT = 5;
const I_UPGRADE = 6;
const I_OFFSETS = 8;
const EV_HEADERS = 1;
const EV_BODY = 2;
const EV_COMPLETE = 3;
const EV_ERROR = 4;
const EV_UPGRADE = 5;

const F_KEEP_ALIVE = 1;
const F_UPGRADE = 2;
const F_COMPLETE = 4;
const F_EXPECT_CONTINUE = 8;
const F_EXPECT = 16;

// The strings of a head (or trailers) as sliced out of `s`.
function headStrings(s) {
  const n = info[I_COUNT];
  const raw = new Array(n > 0 ? n - 1 : 0);
  for (let i = 1; i < n; i++) {
    const o = I_OFFSETS + 2 * i;
    raw[i - 1] = s.slice(info[o], info[o + 1]);
  }
  return raw;
}

function onParserEvent(parser, kind, a, b) {
  switch (kind) {
    case EV_HEADERS: {
      const first = a.slice(info[I_OFFSETS], info[I_OFFSETS + 1]);
      return parser.onHeaders(first, headStrings(a), b, info[I_METHOD], info[I_STATUS],
                              info[I_MAJOR], info[I_MINOR]);
    }
    case EV_BODY:
      parser.onBody(new FastBuffer(a));
      return 0;
    case EV_COMPLETE:
      parser.onComplete(a === undefined ? null : headStrings(a));
      return 0;
    case EV_ERROR: {
      const err = new Error(`Parse Error: ${parseErrorText(a)}`);
      err.code = a;
      err.bytesParsed = b;
      err.reason = parseErrorText(a);
      parser.onError(err);
      return 0;
    }
    case EV_UPGRADE:
      parser.onUpgrade(new FastBuffer(a, 0, b));
      return 0;
  }
  return 0;
}
binding.setup(onParserEvent, info);

const errorTexts = {
  HPE_INVALID_METHOD: 'Invalid method encountered',
  HPE_HEADER_OVERFLOW: 'Header overflow',
  HPE_INVALID_CHUNK_SIZE: 'Invalid character in chunk size',
  HPE_INVALID_CONSTANT: 'Expected HTTP/',
  HPE_INVALID_VERSION: 'Invalid HTTP version',
  HPE_INVALID_HEADER_TOKEN: 'Invalid header token',
  HPE_INVALID_CONTENT_LENGTH: 'Invalid character in Content-Length',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'Content-Length can\'t be present with Transfer-Encoding',
  HPE_INVALID_URL: 'Invalid URL',
  HPE_INVALID_STATUS: 'Invalid status code',
  HPE_LF_EXPECTED: 'Missing expected LF after header value',
  HPE_INVALID_EOF_STATE: 'Invalid EOF state',
  HPE_CLOSED_CONNECTION: 'Data after `Connection: close`',
  HPE_INVALID_TRANSFER_ENCODING: 'Invalid `Transfer-Encoding` header value',
};
function parseErrorText(code) {
  return errorTexts[code] || code.slice(4).toLowerCase().replace(/_/g, ' ');
}

// A parser over one connection. The owner sets the on* hooks.
class HTTPParser {
  constructor(type, maxHeaderSize, lenient) {
    this.type = type;
    this.id = binding.create(type, this, maxHeaderSize || 16384, !!lenient);
    this.consumed = false;
  }

  // Bytes fed from JS; returns the count parsed, or -1 after onError.
  execute(buf) {
    return binding.execute(this.id, buf);
  }

  finish() {
    return binding.execute(this.id);
  }

  get upgraded() {
    return info[I_UPGRADE] === 1;
  }

  // Reads the socket in C when its handle is a native stream.
  consume(handle) {
    if (handle && typeof handle.id === 'number' && handle.id >= 0 && handle.writeBuffer) {
      this.consumed = binding.consume(this.id, handle.id) === 0;
    }
    return this.consumed;
  }

  unconsume() {
    if (this.consumed) binding.unconsume(this.id);
    this.consumed = false;
  }

  setSkipBody(on) {
    binding.setSkipBody(this.id, on);
  }

  times() {
    return binding.times(this.id);
  }

  free() {
    if (this.id >= 0) binding.free(this.id);
    this.id = -1;
    this.consumed = false;
  }
}
HTTPParser.REQUEST = 0;
HTTPParser.RESPONSE = 1;
// The hooks a user of the parser sets (an own property per parser, or a
// subclass's prototype: the server's, shared by all its connections).
HTTPParser.prototype.onHeaders = noop;
HTTPParser.prototype.onBody = noop;
HTTPParser.prototype.onComplete = noop;
HTTPParser.prototype.onError = noop;
HTTPParser.prototype.onUpgrade = noop;

function noop() {}

// RFC 7230 token characters, by char code.
const tokenChars = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  tokenChars[c.charCodeAt(0)] = 1;
}
function checkIsHttpToken(val) {
  const n = val.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = val.charCodeAt(i);
    if (c >= 128 || tokenChars[c] === 0) return false;
  }
  return true;
}

// Anything but tab, visible ASCII and obs-text is invalid in a value.
function checkInvalidHeaderChar(val) {
  for (let i = 0; i < val.length; i++) {
    const c = val.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || c > 0xff) return true;
  }
  return false;
}

// The Date header, rebuilt at most once a second.
let dateSecond = -1;
let dateString = '';
function utcDate() {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateString = new Date(now).toUTCString();
  }
  return dateString;
}

module.exports = {
  HTTPParser,
  methods,
  checkIsHttpToken,
  checkInvalidHeaderChar,
  utcDate,
  F_KEEP_ALIVE,
  F_UPGRADE,
  F_COMPLETE,
  F_EXPECT_CONTINUE,
  F_EXPECT,
  CRLF: '\r\n',
  chunkExpression: /(?:^|\W)chunked(?:$|\W)/i,
  continueExpression: /(?:^|\W)100-continue(?:$|\W)/i,
};
