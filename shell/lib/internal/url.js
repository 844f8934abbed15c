'use strict';
// The WHATWG URL Standard: the basic URL parser state machine, host parsing
// (domains, IPv4, IPv6, opaque hosts), serialization, the URL and
// URLSearchParams classes, and the file-URL helpers built on them.

const {
  codes: {
    ERR_ARG_NOT_ITERABLE,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_FILE_URL_HOST,
    ERR_INVALID_FILE_URL_PATH,
    ERR_INVALID_THIS,
    ERR_INVALID_TUPLE,
    ERR_INVALID_URL,
    ERR_INVALID_URL_SCHEME,
    ERR_MISSING_ARGS,
  },
} = require('internal/errors');
const { validateFunction } = require('internal/validators');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
let lazyInspect;
function inspect(...args) {
  lazyInspect ??= require('internal/util/inspect').inspect;
  return lazyInspect(...args);
}

const FAILURE = Symbol('failure');

const specialPorts = { __proto__: null, 'ftp': 21, 'file': null, 'http': 80, 'https': 443, 'ws': 80, 'wss': 443 };
const isSpecialScheme = (scheme) => scheme in specialPorts;

function toUSVString(value) {
  const str = `${value}`;
  return str.toWellFormed();
}

// Percent-encode sets, as bit masks over ASCII; everything above U+007E is in
// every set.
const C0 = 1;
const FRAGMENT = 2;
const QUERY = 4;
const SPECIAL_QUERY = 8;
const PATH = 16;
const USERINFO = 32;
const COMPONENT = 64;
const FORM = 128;
const encodeSets = new Uint8Array(128);
(function buildEncodeSets() {
  const add = (mask, chars) => {
    for (const ch of chars) encodeSets[ch.charCodeAt(0)] |= mask;
  };
  for (let c = 0; c < 0x20; c++) encodeSets[c] = 0xFF;
  encodeSets[0x7F] = 0xFF;
  add(FRAGMENT | QUERY | SPECIAL_QUERY | PATH | USERINFO | COMPONENT | FORM, ' "<>');
  add(FRAGMENT, '`');
  add(QUERY | SPECIAL_QUERY | PATH | USERINFO | COMPONENT | FORM, '#');
  add(SPECIAL_QUERY, "'");
  add(PATH | USERINFO | COMPONENT | FORM, '?`{}');
  add(USERINFO | COMPONENT | FORM, '/:;=@[\\]^|');
  add(COMPONENT | FORM, '$%&+,');
  add(FORM, "!'()~");
})();

const hexTable = [];
for (let i = 0; i < 256; i++) hexTable.push('%' + (i < 16 ? '0' : '') + i.toString(16).toUpperCase());

function utf8Bytes(cp, out) {
  if (cp < 0x80) {
    out.push(cp);
  } else if (cp < 0x800) {
    out.push(0xC0 | (cp >> 6), 0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out.push(0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F));
  } else {
    out.push(0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3F), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F));
  }
  return out;
}

function encodeCodePoint(cp, set) {
  if (cp < 0x80) {
    return (encodeSets[cp] & set) ? hexTable[cp] : String.fromCharCode(cp);
  }
  let out = '';
  for (const b of utf8Bytes(cp, [])) out += hexTable[b];
  return out;
}

function percentEncodeString(str, set, spaceAsPlus = false) {
  let out = '';
  let last = 0;
  for (let i = 0; i < str.length; i++) {
    let cp = str.charCodeAt(i);
    if (cp < 0x80 && !(encodeSets[cp] & set) && !(spaceAsPlus && cp === 0x20)) continue;
    if (last < i) out += str.slice(last, i);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < str.length) {
      cp = str.codePointAt(i);
      if (cp > 0xFFFF) i++;
    }
    out += spaceAsPlus && cp === 0x20 ? '+' : encodeCodePoint(cp, set);
    last = i + 1;
  }
  return last === 0 ? str : out + str.slice(last);
}

const isHexCode = (c) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

// Percent-decodes the UTF-8 bytes of `str` and decodes them as UTF-8
// (without BOM, replacing invalid sequences with U+FFFD).
function percentDecodeString(str, plusAsSpace = false) {
  if (plusAsSpace && str.includes('+')) str = str.replace(/\+/g, ' ');
  if (!str.includes('%')) return str;
  const bytes = [];
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c === 0x25 && i + 2 < str.length && isHexCode(str.charCodeAt(i + 1)) && isHexCode(str.charCodeAt(i + 2))) {
      bytes.push(parseInt(str.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      const cp = str.codePointAt(i);
      if (cp > 0xFFFF) i++;
      utf8Bytes(cp, bytes);
    }
  }
  return utf8Decode(bytes);
}

function utf8Decode(bytes) {
  let out = '';
  const cps = [];
  const flush = () => {
    out += String.fromCodePoint(...cps);
    cps.length = 0;
  };
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    let need = 0;
    let cp = 0;
    let lower = 0x80;
    let upper = 0xBF;
    if (b < 0x80) {
      cps.push(b);
      i++;
    } else {
      if (b >= 0xC2 && b <= 0xDF) {
        need = 1; cp = b & 0x1F;
      } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2; cp = b & 0xF;
        if (b === 0xE0) lower = 0xA0;
        if (b === 0xED) upper = 0x9F;
      } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3; cp = b & 0x7;
        if (b === 0xF0) lower = 0x90;
        if (b === 0xF4) upper = 0x8F;
      }
      i++;
      let ok = need > 0;
      for (let k = 0; ok && k < need; k++) {
        const n = bytes[i];
        if (n === undefined || n < lower || n > upper) {
          ok = false;
          break;
        }
        lower = 0x80;
        upper = 0xBF;
        cp = (cp << 6) | (n & 0x3F);
        i++;
      }
      cps.push(ok ? cp : 0xFFFD);
    }
    if (cps.length >= 4096) flush();
  }
  flush();
  return out;
}

// Hosts.

const forbiddenHost = /[\0\t\n\r #/:<>?@[\\\]^|]/;
const forbiddenDomain = /[\0-\x20#%/:<>?@[\\\]^|\x7F]/;

function parseIPv4Number(input) {
  if (input === '') return FAILURE;
  let radix = 10;
  if (input.length >= 2 && input[0] === '0' && (input[1] === 'x' || input[1] === 'X')) {
    input = input.slice(2);
    radix = 16;
  } else if (input.length >= 2 && input[0] === '0') {
    input = input.slice(1);
    radix = 8;
  }
  if (input === '') return 0;
  const valid = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/;
  if (!valid.test(input)) return FAILURE;
  return parseInt(input, radix);
}

function endsInANumber(input) {
  const parts = input.split('.');
  if (parts[parts.length - 1] === '') {
    if (parts.length === 1) return false;
    parts.pop();
  }
  const last = parts[parts.length - 1];
  if (last !== '' && /^[0-9]+$/.test(last)) return true;
  return parseIPv4Number(last) !== FAILURE;
}

function parseIPv4(input) {
  const parts = input.split('.');
  if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
  if (parts.length > 4) return FAILURE;
  const numbers = [];
  for (const part of parts) {
    const n = parseIPv4Number(part);
    if (n === FAILURE) return FAILURE;
    numbers.push(n);
  }
  const last = numbers.length - 1;
  for (let i = 0; i < last; i++) {
    if (numbers[i] > 255) return FAILURE;
  }
  if (numbers[last] >= 256 ** (5 - numbers.length)) return FAILURE;
  let ipv4 = numbers[last];
  for (let i = 0; i < last; i++) ipv4 += numbers[i] * 256 ** (3 - i);
  return `${ipv4 >>> 24}.${(ipv4 >>> 16) & 255}.${(ipv4 >>> 8) & 255}.${ipv4 & 255}`;
}

function parseIPv6(input) {
  const address = [0, 0, 0, 0, 0, 0, 0, 0];
  let pieceIndex = 0;
  let compress = null;
  let p = 0;
  const at = (i) => (i < input.length ? input.charCodeAt(i) : -1);
  const hexValue = (c) => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57);
  if (at(p) === 0x3A) {
    if (at(p + 1) !== 0x3A) return FAILURE;
    p += 2;
    compress = ++pieceIndex;
  }
  while (at(p) !== -1) {
    if (pieceIndex === 8) return FAILURE;
    if (at(p) === 0x3A) {
      if (compress !== null) return FAILURE;
      p++;
      compress = ++pieceIndex;
      continue;
    }
    let value = 0;
    let length = 0;
    while (length < 4 && isHexCode(at(p))) {
      value = value * 16 + hexValue(at(p));
      p++;
      length++;
    }
    if (at(p) === 0x2E) {
      if (length === 0) return FAILURE;
      p -= length;
      if (pieceIndex > 6) return FAILURE;
      let numbersSeen = 0;
      while (at(p) !== -1) {
        let piece = null;
        if (numbersSeen > 0) {
          if (at(p) === 0x2E && numbersSeen < 4) p++;
          else return FAILURE;
        }
        if (!(at(p) >= 0x30 && at(p) <= 0x39)) return FAILURE;
        while (at(p) >= 0x30 && at(p) <= 0x39) {
          const n = at(p) - 0x30;
          if (piece === null) piece = n;
          else if (piece === 0) return FAILURE;
          else piece = piece * 10 + n;
          if (piece > 255) return FAILURE;
          p++;
        }
        address[pieceIndex] = address[pieceIndex] * 0x100 + piece;
        numbersSeen++;
        if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
      }
      if (numbersSeen !== 4) return FAILURE;
      break;
    } else if (at(p) === 0x3A) {
      p++;
      if (at(p) === -1) return FAILURE;
    } else if (at(p) !== -1) {
      return FAILURE;
    }
    address[pieceIndex++] = value;
  }
  if (compress !== null) {
    let swaps = pieceIndex - compress;
    pieceIndex = 7;
    while (pieceIndex !== 0 && swaps > 0) {
      const tmp = address[pieceIndex];
      address[pieceIndex] = address[compress + swaps - 1];
      address[compress + swaps - 1] = tmp;
      pieceIndex--;
      swaps--;
    }
  } else if (pieceIndex !== 8) {
    return FAILURE;
  }
  return address;
}

function serializeIPv6(address) {
  // The first longest run of two or more zero pieces is compressed.
  let compress = -1;
  let best = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && address[j] === 0) j++;
    if (j - i > best) {
      best = j - i;
      compress = i;
    }
    i = j === i ? i + 1 : j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === compress) {
      out += i === 0 ? '::' : ':';
      i += best - 1;
      continue;
    }
    out += address[i].toString(16);
    if (i !== 7) out += ':';
  }
  return out;
}

// UTS #46: ICU's mapping tables (binding-idna.c) for domains with non-ASCII
// code points. ASCII domains only need their Punycode labels checked, which
// is done here with Node's leniency (ICU refuses an ACE label that decodes
// to ASCII, such as xn--abc-, which Node accepts).
let idna;
let punycode;

function isValidUnicodeLabel(label) {
  if (!label.isWellFormed() || label.normalize('NFC') !== label) return false;
  return !/[\u0000-\u001F\u007F-\u009F\uFFFD]/.test(label);
}

function checkAsciiDomain(domain, beStrict) {
  const labels = domain.toLowerCase().split('.');
  for (const label of labels) {
    if (label.startsWith('xn--')) {
      punycode ??= require('punycode');
      let decoded;
      try {
        decoded = punycode.decode(label.slice(4));
      } catch {
        return FAILURE;
      }
      if (decoded === '' || !isValidUnicodeLabel(decoded) || decoded.toLowerCase() !== decoded) return FAILURE;
    }
    if (beStrict && (label.length > 63 || label === '')) return FAILURE;
  }
  const result = labels.join('.');
  if (result === '' || (beStrict && result.length > 253)) return FAILURE;
  return result;
}

function domainToASCIIInternal(domain, beStrict) {
  if (/^[\x00-\x7F]*$/.test(domain)) {
    // Fast path: lower-case ASCII with no Punycode labels maps to itself.
    if (!/(^|\.)xn--/i.test(domain) && !beStrict) {
      const lower = domain.toLowerCase();
      return lower === '' ? FAILURE : lower;
    }
    return checkAsciiDomain(domain, beStrict);
  }
  idna ??= internalBinding('idna');
  const result = idna.toASCII(domain, beStrict);
  return result === null || result === '' ? FAILURE : result;
}

// `domain` is a parsed host (ASCII): its Punycode labels are decoded.
function domainToUnicodeInternal(domain) {
  punycode ??= require('punycode');
  return domain.split('.').map((label) => {
    if (!label.startsWith('xn--')) return label;
    try {
      return punycode.decode(label.slice(4));
    } catch {
      return label;
    }
  }).join('.');
}

function parseHost(input, isNotSpecial) {
  if (input[0] === '[') {
    if (input[input.length - 1] !== ']') return FAILURE;
    const address = parseIPv6(input.slice(1, -1));
    return address === FAILURE ? FAILURE : `[${serializeIPv6(address)}]`;
  }
  if (isNotSpecial) {
    if (forbiddenHost.test(input)) return FAILURE;
    return percentEncodeString(input, C0);
  }
  const domain = percentDecodeString(input);
  const asciiDomain = domainToASCIIInternal(domain, false);
  if (asciiDomain === FAILURE || forbiddenDomain.test(asciiDomain)) return FAILURE;
  if (endsInANumber(asciiDomain)) return parseIPv4(asciiDomain);
  return asciiDomain;
}

// The URL record and the basic URL parser.

class URLRecord {
  constructor() {
    this.scheme = '';
    this.username = '';
    this.password = '';
    this.host = null;
    this.port = null;
    this.path = [];
    this.query = null;
    this.fragment = null;
  }
}

const S = {
  SCHEME_START: 1, SCHEME: 2, NO_SCHEME: 3, SPECIAL_RELATIVE_OR_AUTHORITY: 4,
  PATH_OR_AUTHORITY: 5, RELATIVE: 6, RELATIVE_SLASH: 7, SPECIAL_AUTHORITY_SLASHES: 8,
  SPECIAL_AUTHORITY_IGNORE_SLASHES: 9, AUTHORITY: 10, HOST: 11, HOSTNAME: 12, PORT: 13,
  FILE: 14, FILE_SLASH: 15, FILE_HOST: 16, PATH_START: 17, PATH: 18, OPAQUE_PATH: 19,
  QUERY: 20, FRAGMENT: 21,
};

const isAlpha = (c) => (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A);
const isDigit = (c) => c >= 0x30 && c <= 0x39;
const isWindowsDriveLetter = (s, normalizedOnly = false) =>
  s.length === 2 && isAlpha(s.charCodeAt(0)) && (s[1] === ':' || (!normalizedOnly && s[1] === '|'));

function startsWithWindowsDriveLetter(cps, p) {
  if (cps.length - p < 2) return false;
  if (!isAlpha(cps[p]) || (cps[p + 1] !== 0x3A && cps[p + 1] !== 0x7C)) return false;
  if (cps.length - p === 2) return true;
  const c = cps[p + 2];
  return c === 0x2F || c === 0x5C || c === 0x3F || c === 0x23;
}

const isSingleDot = (s) => s === '.' || s.toLowerCase() === '%2e';
const isDoubleDot = (s) => {
  switch (s.toLowerCase()) {
    case '..': case '.%2e': case '%2e.': case '%2e%2e': return true;
    default: return false;
  }
};

function shortenPath(url) {
  const path = url.path;
  if (url.scheme === 'file' && path.length === 1 && isWindowsDriveLetter(path[0], true)) return;
  path.pop();
}

function toCodePoints(str) {
  const cps = [];
  for (let i = 0; i < str.length; i++) {
    const c = str.codePointAt(i);
    if (c > 0xFFFF) i++;
    cps.push(c);
  }
  return cps;
}

function basicParse(input, base, url, stateOverride) {
  if (url === undefined) {
    url = new URLRecord();
    input = input.replace(/^[\0-\x20]+|[\0-\x20]+$/g, '');
  }
  input = input.replace(/[\t\n\r]/g, '');
  const cps = toCodePoints(input);
  const len = cps.length;
  let state = stateOverride || S.SCHEME_START;
  let buffer = '';
  let atSignSeen = false;
  let insideBrackets = false;
  let passwordTokenSeen = false;
  let special = isSpecialScheme(url.scheme);

  for (let p = 0; ; p++) {
    const c = p < len ? cps[p] : -1;
    switch (state) {
      case S.SCHEME_START:
        if (isAlpha(c)) {
          buffer += String.fromCharCode(c | 0x20);
          state = S.SCHEME;
        } else if (!stateOverride) {
          state = S.NO_SCHEME;
          p--;
        } else {
          return FAILURE;
        }
        break;

      case S.SCHEME:
        if (isAlpha(c) || isDigit(c) || c === 0x2B || c === 0x2D || c === 0x2E) {
          buffer += String.fromCharCode(c < 0x41 ? c : c | 0x20);
        } else if (c === 0x3A) {
          if (stateOverride) {
            const bufferSpecial = isSpecialScheme(buffer);
            if (special !== bufferSpecial) return url;
            if ((url.username !== '' || url.password !== '' || url.port !== null) && buffer === 'file') return url;
            if (url.scheme === 'file' && url.host === '') return url;
          }
          url.scheme = buffer;
          special = isSpecialScheme(buffer);
          if (stateOverride) {
            if (url.port === specialPorts[url.scheme]) url.port = null;
            return url;
          }
          buffer = '';
          if (url.scheme === 'file') {
            state = S.FILE;
          } else if (special && base != null && base.scheme === url.scheme) {
            state = S.SPECIAL_RELATIVE_OR_AUTHORITY;
          } else if (special) {
            state = S.SPECIAL_AUTHORITY_SLASHES;
          } else if (cps[p + 1] === 0x2F) {
            state = S.PATH_OR_AUTHORITY;
            p++;
          } else {
            url.path = '';
            state = S.OPAQUE_PATH;
          }
        } else if (!stateOverride) {
          buffer = '';
          state = S.NO_SCHEME;
          p = -1;
        } else {
          return FAILURE;
        }
        break;

      case S.NO_SCHEME:
        if (base == null || (typeof base.path === 'string' && c !== 0x23)) return FAILURE;
        if (typeof base.path === 'string' && c === 0x23) {
          url.scheme = base.scheme;
          special = isSpecialScheme(url.scheme);
          url.path = base.path;
          url.query = base.query;
          url.fragment = '';
          state = S.FRAGMENT;
        } else if (base.scheme !== 'file') {
          state = S.RELATIVE;
          p--;
        } else {
          state = S.FILE;
          p--;
        }
        break;

      case S.SPECIAL_RELATIVE_OR_AUTHORITY:
        if (c === 0x2F && cps[p + 1] === 0x2F) {
          state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
          p++;
        } else {
          state = S.RELATIVE;
          p--;
        }
        break;

      case S.PATH_OR_AUTHORITY:
        if (c === 0x2F) {
          state = S.AUTHORITY;
        } else {
          state = S.PATH;
          p--;
        }
        break;

      case S.RELATIVE:
        url.scheme = base.scheme;
        special = isSpecialScheme(url.scheme);
        if (c === 0x2F || (special && c === 0x5C)) {
          state = S.RELATIVE_SLASH;
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === 0x3F) {
            url.query = '';
            state = S.QUERY;
          } else if (c === 0x23) {
            url.fragment = '';
            state = S.FRAGMENT;
          } else if (c !== -1) {
            url.query = null;
            shortenPath(url);
            state = S.PATH;
            p--;
          }
        }
        break;

      case S.RELATIVE_SLASH:
        if (special && (c === 0x2F || c === 0x5C)) {
          state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
        } else if (c === 0x2F) {
          state = S.AUTHORITY;
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          state = S.PATH;
          p--;
        }
        break;

      case S.SPECIAL_AUTHORITY_SLASHES:
        state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
        if (c === 0x2F && cps[p + 1] === 0x2F) p++;
        else p--;
        break;

      case S.SPECIAL_AUTHORITY_IGNORE_SLASHES:
        if (c !== 0x2F && c !== 0x5C) {
          state = S.AUTHORITY;
          p--;
        }
        break;

      case S.AUTHORITY:
        if (c === 0x40) {
          if (atSignSeen) buffer = '%40' + buffer;
          atSignSeen = true;
          for (const ch of buffer) {
            if (ch === ':' && !passwordTokenSeen) {
              passwordTokenSeen = true;
              continue;
            }
            const encoded = encodeCodePoint(ch.codePointAt(0), USERINFO);
            if (passwordTokenSeen) url.password += encoded;
            else url.username += encoded;
          }
          buffer = '';
        } else if (c === -1 || c === 0x2F || c === 0x3F || c === 0x23 || (special && c === 0x5C)) {
          if (atSignSeen && buffer === '') return FAILURE;
          p -= toCodePoints(buffer).length + 1;
          buffer = '';
          state = S.HOST;
        } else {
          buffer += String.fromCodePoint(c);
        }
        break;

      case S.HOST:
      case S.HOSTNAME:
        if (stateOverride && url.scheme === 'file') {
          p--;
          state = S.FILE_HOST;
        } else if (c === 0x3A && !insideBrackets) {
          if (buffer === '') return FAILURE;
          if (stateOverride === S.HOSTNAME) return FAILURE;
          const host = parseHost(buffer, !special);
          if (host === FAILURE) return FAILURE;
          url.host = host;
          buffer = '';
          state = S.PORT;
        } else if (c === -1 || c === 0x2F || c === 0x3F || c === 0x23 || (special && c === 0x5C)) {
          p--;
          if (special && buffer === '') return FAILURE;
          if (stateOverride && buffer === '' &&
              (url.username !== '' || url.password !== '' || url.port !== null)) return FAILURE;
          const host = parseHost(buffer, !special);
          if (host === FAILURE) return FAILURE;
          url.host = host;
          buffer = '';
          state = S.PATH_START;
          if (stateOverride) return url;
        } else {
          if (c === 0x5B) insideBrackets = true;
          if (c === 0x5D) insideBrackets = false;
          buffer += String.fromCodePoint(c);
        }
        break;

      case S.PORT:
        if (isDigit(c)) {
          buffer += String.fromCharCode(c);
        } else if (c === -1 || c === 0x2F || c === 0x3F || c === 0x23 || (special && c === 0x5C) || stateOverride) {
          if (buffer !== '') {
            const port = parseInt(buffer, 10);
            if (port > 65535) return FAILURE;
            url.port = port === specialPorts[url.scheme] ? null : port;
            buffer = '';
          }
          if (stateOverride) return url;
          state = S.PATH_START;
          p--;
        } else {
          return FAILURE;
        }
        break;

      case S.FILE:
        url.scheme = 'file';
        special = true;
        url.host = '';
        if (c === 0x2F || c === 0x5C) {
          state = S.FILE_SLASH;
        } else if (base != null && base.scheme === 'file') {
          url.host = base.host;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === 0x3F) {
            url.query = '';
            state = S.QUERY;
          } else if (c === 0x23) {
            url.fragment = '';
            state = S.FRAGMENT;
          } else if (c !== -1) {
            url.query = null;
            if (!startsWithWindowsDriveLetter(cps, p)) shortenPath(url);
            else url.path = [];
            state = S.PATH;
            p--;
          }
        } else {
          state = S.PATH;
          p--;
        }
        break;

      case S.FILE_SLASH:
        if (c === 0x2F || c === 0x5C) {
          state = S.FILE_HOST;
        } else {
          if (base != null && base.scheme === 'file') {
            url.host = base.host;
            if (!startsWithWindowsDriveLetter(cps, p) && base.path.length > 0 &&
                isWindowsDriveLetter(base.path[0], true)) {
              url.path.push(base.path[0]);
            }
          }
          state = S.PATH;
          p--;
        }
        break;

      case S.FILE_HOST:
        if (c === -1 || c === 0x2F || c === 0x5C || c === 0x3F || c === 0x23) {
          p--;
          if (!stateOverride && isWindowsDriveLetter(buffer)) {
            state = S.PATH;
          } else if (buffer === '') {
            url.host = '';
            if (stateOverride) return url;
            state = S.PATH_START;
          } else {
            let host = parseHost(buffer, !special);
            if (host === FAILURE) return FAILURE;
            if (host === 'localhost') host = '';
            url.host = host;
            if (stateOverride) return url;
            buffer = '';
            state = S.PATH_START;
          }
        } else {
          buffer += String.fromCodePoint(c);
        }
        break;

      case S.PATH_START:
        if (special) {
          state = S.PATH;
          if (c !== 0x2F && c !== 0x5C) p--;
        } else if (!stateOverride && c === 0x3F) {
          url.query = '';
          state = S.QUERY;
        } else if (!stateOverride && c === 0x23) {
          url.fragment = '';
          state = S.FRAGMENT;
        } else if (c !== -1) {
          state = S.PATH;
          if (c !== 0x2F) p--;
        } else if (stateOverride && url.host === null) {
          url.path.push('');
        }
        break;

      case S.PATH: {
        const slash = c === 0x2F || (special && c === 0x5C);
        if (c === -1 || slash || (!stateOverride && (c === 0x3F || c === 0x23))) {
          if (isDoubleDot(buffer)) {
            // Node (Ada) leaves a non-special path empty when `..` at the
            // end had nothing to remove: sc://h/.. is sc://h.
            const hadSegments = url.path.length > 0;
            shortenPath(url);
            if (!slash && (special || hadSegments)) url.path.push('');
          } else if (isSingleDot(buffer)) {
            if (!slash) url.path.push('');
          } else {
            if (url.scheme === 'file' && url.path.length === 0 && isWindowsDriveLetter(buffer)) {
              buffer = buffer[0] + ':';
            }
            url.path.push(buffer);
          }
          buffer = '';
          if (c === 0x3F) {
            url.query = '';
            state = S.QUERY;
          } else if (c === 0x23) {
            url.fragment = '';
            state = S.FRAGMENT;
          }
        } else {
          buffer += encodeCodePoint(c, PATH);
        }
        break;
      }

      case S.OPAQUE_PATH:
        if (c === 0x3F) {
          url.query = '';
          state = S.QUERY;
        } else if (c === 0x23) {
          url.fragment = '';
          state = S.FRAGMENT;
        } else if (c !== -1) {
          url.path += encodeCodePoint(c, C0);
        }
        break;

      case S.QUERY:
        if ((!stateOverride && c === 0x23) || c === -1) {
          url.query += percentEncodeString(buffer, special ? SPECIAL_QUERY : QUERY);
          buffer = '';
          if (c === 0x23) {
            url.fragment = '';
            state = S.FRAGMENT;
          }
        } else {
          buffer += String.fromCodePoint(c);
        }
        break;

      case S.FRAGMENT:
        if (c !== -1) url.fragment += encodeCodePoint(c, FRAGMENT);
        break;
    }
    if (p >= len) break;
  }
  return url;
}

function serializePath(url) {
  if (typeof url.path === 'string') return url.path;
  let out = '';
  for (const segment of url.path) out += '/' + segment;
  return out;
}

function serializeURL(url, excludeFragment = false) {
  let out = url.scheme + ':';
  if (url.host !== null) {
    out += '//';
    if (url.username !== '' || url.password !== '') {
      out += url.username;
      if (url.password !== '') out += ':' + url.password;
      out += '@';
    }
    out += url.host;
    if (url.port !== null) out += ':' + url.port;
  } else if (typeof url.path !== 'string' && url.path.length > 1 && url.path[0] === '') {
    out += '/.';
  }
  out += serializePath(url);
  if (url.query !== null) out += '?' + url.query;
  if (!excludeFragment && url.fragment !== null) out += '#' + url.fragment;
  return out;
}

function serializeOrigin(url) {
  switch (url.scheme) {
    case 'blob': {
      if (typeof url.path !== 'string') return 'null';
      const inner = basicParse(url.path);
      if (inner === FAILURE || (inner.scheme !== 'http' && inner.scheme !== 'https')) return 'null';
      return serializeOrigin(inner);
    }
    case 'ftp': case 'http': case 'https': case 'ws': case 'wss':
      return `${url.scheme}://${url.host}${url.port === null ? '' : ':' + url.port}`;
    default:
      return 'null';
  }
}

function stripTrailingSpacesFromOpaquePath(url) {
  if (typeof url.path !== 'string' || url.fragment !== null || url.query !== null) return;
  url.path = url.path.replace(/ +$/, '');
}

const cannotHaveCredentialsOrPort = (url) => url.host === null || url.host === '' || url.scheme === 'file';

// application/x-www-form-urlencoded.

function parseForm(input) {
  const list = [];
  if (input === '') return list;
  for (const sequence of input.split('&')) {
    if (sequence === '') continue;
    const eq = sequence.indexOf('=');
    const name = eq === -1 ? sequence : sequence.slice(0, eq);
    const value = eq === -1 ? '' : sequence.slice(eq + 1);
    list.push(percentDecodeString(name, true), percentDecodeString(value, true));
  }
  return list;
}

function serializeForm(list) {
  let out = '';
  for (let i = 0; i < list.length; i += 2) {
    if (i > 0) out += '&';
    out += percentEncodeString(list[i], FORM, true) + '=' + percentEncodeString(list[i + 1], FORM, true);
  }
  return out;
}

// URLSearchParams.

let searchParamsList;
let searchParamsSetList;
let newLinkedSearchParams;

class URLSearchParams {
  #list = [];
  #url = null;

  static {
    searchParamsList = (params) => params.#list;
    searchParamsSetList = (params, list) => { params.#list = list; };
    newLinkedSearchParams = (url, query) => {
      const params = new URLSearchParams();
      params.#url = url;
      params.#list = query ? parseForm(query) : [];
      return params;
    };
  }

  constructor(init = undefined) {
    if (init === undefined || init === null) return;
    if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (method === this[Symbol.iterator] && #list in init) {
        this.#list = init.#list.slice();
      } else if (method != null) {
        if (typeof method !== 'function') throw new ERR_ARG_NOT_ITERABLE('Query pairs');
        for (const pair of init) {
          if ((typeof pair !== 'object' && typeof pair !== 'function') || pair === null ||
              typeof pair[Symbol.iterator] !== 'function') {
            throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          }
          const items = Array.from(pair);
          if (items.length !== 2) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          this.#list.push(toUSVString(items[0]), toUSVString(items[1]));
        }
      } else {
        const seen = new Map();
        // An enumerable symbol key throws on conversion, as in Node.
        for (const key of Reflect.ownKeys(init)) {
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (desc === undefined || !desc.enumerable) continue;
          const name = toUSVString(key);
          const value = toUSVString(init[key]);
          if (seen.has(name)) {
            this.#list[seen.get(name)] = value;
          } else {
            seen.set(name, this.#list.length + 1);
            this.#list.push(name, value);
          }
        }
      }
    } else {
      let str = toUSVString(init);
      if (str[0] === '?') str = str.slice(1);
      this.#list = parseForm(str);
    }
  }

  #update() {
    const url = this.#url;
    if (url === null) return;
    const serialized = serializeForm(this.#list);
    const record = urlRecord(url);
    record.query = serialized === '' ? null : serialized;
    if (serialized === '') stripTrailingSpacesFromOpaquePath(record);
    urlInvalidate(url);
  }

  get size() {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return this.#list.length / 2;
  }

  append(name, value) {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    this.#list.push(toUSVString(name), toUSVString(value));
    this.#update();
  }

  delete(name, value = undefined) {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    const list = this.#list;
    name = toUSVString(name);
    if (value !== undefined) value = toUSVString(value);
    for (let i = 0; i < list.length;) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) list.splice(i, 2);
      else i += 2;
    }
    this.#update();
  }

  get(name) {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    const list = this.#list;
    name = toUSVString(name);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) return list[i + 1];
    }
    return null;
  }

  getAll(name) {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    const list = this.#list;
    const values = [];
    name = toUSVString(name);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) values.push(list[i + 1]);
    }
    return values;
  }

  has(name, value = undefined) {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    const list = this.#list;
    name = toUSVString(name);
    if (value !== undefined) value = toUSVString(value);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) return true;
    }
    return false;
  }

  set(name, value) {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    const list = this.#list;
    name = toUSVString(name);
    value = toUSVString(value);
    let found = false;
    for (let i = 0; i < list.length;) {
      if (list[i] !== name) {
        i += 2;
      } else if (!found) {
        list[i + 1] = value;
        found = true;
        i += 2;
      } else {
        list.splice(i, 2);
      }
    }
    if (!found) list.push(name, value);
    this.#update();
  }

  sort() {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    const list = this.#list;
    const pairs = [];
    for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
    // Array.prototype.sort is stable; names compare by UTF-16 code units.
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#list = pairs.flat();
    this.#update();
  }

  entries() {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return createIterator(this, 'key+value');
  }

  forEach(callback, thisArg = undefined) {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    validateFunction(callback, 'callback');
    // The list may change while iterating: read it afresh each step.
    for (let i = 0; i < this.#list.length; i += 2) {
      const list = this.#list;
      callback.call(thisArg, list[i + 1], list[i], this);
    }
  }

  keys() {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return createIterator(this, 'key');
  }

  values() {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return createIterator(this, 'value');
  }

  toString() {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return serializeForm(this.#list);
  }

  [customInspect](recurseTimes, ctx) {
    if (typeof this !== 'object' || this === null || !(#list in this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (typeof recurseTimes === 'number' && recurseTimes < 0) return ctx.stylize('[Object]', 'special');
    const innerOpts = { ...ctx };
    if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
    const list = this.#list;
    const output = [];
    for (let i = 0; i < list.length; i += 2) {
      output.push(`${inspect(list[i], innerOpts)} => ${inspect(list[i + 1], innerOpts)}`);
    }
    const name = this.constructor.name;
    const plainLength = output.reduce((n, s) => n + stripColors(s).length + 2, -2);
    if (plainLength > ctx.breakLength) return `${name} {\n  ${output.join(',\n  ')} }`;
    if (output.length) return `${name} { ${output.join(', ')} }`;
    return `${name} {}`;
  }
}

function stripColors(str) {
  // eslint-disable-next-line no-control-regex
  return str.replace(/\u001b\[\d\d?m/g, '');
}

Object.defineProperties(URLSearchParams.prototype, {
  [Symbol.iterator]: { value: URLSearchParams.prototype.entries, writable: true, configurable: true },
  [Symbol.toStringTag]: { value: 'URLSearchParams', configurable: true },
});
for (const name of ['append', 'delete', 'get', 'getAll', 'has', 'set', 'size', 'sort', 'entries',
  'forEach', 'keys', 'values', 'toString']) {
  const desc = Object.getOwnPropertyDescriptor(URLSearchParams.prototype, name);
  desc.enumerable = true;
  Object.defineProperty(URLSearchParams.prototype, name, desc);
}

const URLSearchParamsIteratorPrototype = Object.create(Object.getPrototypeOf(
  Object.getPrototypeOf([][Symbol.iterator]())));
const iteratorState = new WeakMap();

function createIterator(params, kind) {
  const it = Object.create(URLSearchParamsIteratorPrototype);
  iteratorState.set(it, { params, kind, index: 0 });
  return it;
}

Object.defineProperties(URLSearchParamsIteratorPrototype, {
  next: {
    value: function next() {
      const state = iteratorState.get(this);
      if (state === undefined) throw new ERR_INVALID_THIS('URLSearchParamsIterator');
      const list = searchParamsList(state.params);
      if (state.index >= list.length) return { value: undefined, done: true };
      const i = state.index;
      state.index += 2;
      const value = state.kind === 'key' ? list[i] : state.kind === 'value' ? list[i + 1] : [list[i], list[i + 1]];
      return { value, done: false };
    },
    writable: true, enumerable: true, configurable: true,
  },
  [Symbol.toStringTag]: { value: 'URLSearchParams Iterator', configurable: true },
  [customInspect]: {
    value: function(recurseTimes, ctx) {
      const state = iteratorState.get(this);
      if (state === undefined) throw new ERR_INVALID_THIS('URLSearchParamsIterator');
      if (typeof recurseTimes === 'number' && recurseTimes < 0) return ctx.stylize('[Object]', 'special');
      const innerOpts = { ...ctx };
      if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
      const list = searchParamsList(state.params);
      const rest = [];
      for (let i = state.index; i < list.length; i += 2) {
        rest.push(state.kind === 'key' ? list[i] : state.kind === 'value' ? list[i + 1] : [list[i], list[i + 1]]);
      }
      const inner = rest.map((v) => inspect(v, innerOpts));
      const plainLength = inner.reduce((n, s) => n + stripColors(s).length + 2, -2);
      const body = plainLength > ctx.breakLength ? `\n  ${inner.join(',\n  ')} ` : (inner.length ? ` ${inner.join(', ')} ` : '');
      return `${this[Symbol.toStringTag]} {${body}}`;
    },
    writable: true, configurable: true,
  },
});

// URL.

let urlRecord;
let urlInvalidate;

function parseOrThrow(input, base) {
  let baseRecord;
  if (base !== undefined) {
    baseRecord = basicParse(base);
    if (baseRecord === FAILURE) throw new ERR_INVALID_URL(input, base);
  }
  const record = basicParse(input, baseRecord);
  if (record === FAILURE) throw new ERR_INVALID_URL(input, base);
  return record;
}

class URL {
  #record;
  #href = null;
  #searchParams = null;

  static {
    urlRecord = (url) => url.#record;
    urlInvalidate = (url) => { url.#href = null; };
  }

  constructor(input, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    input = toUSVString(input);
    if (base !== undefined) base = toUSVString(base);
    this.#record = parseOrThrow(input, base);
  }

  static parse(input, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    try {
      return new URL(input, base);
    } catch (err) {
      if (err?.code === 'ERR_INVALID_URL') return null;
      throw err;
    }
  }

  static canParse(input, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    input = toUSVString(input);
    let baseRecord;
    if (base !== undefined) {
      baseRecord = basicParse(toUSVString(base));
      if (baseRecord === FAILURE) return false;
    }
    return basicParse(input, baseRecord) !== FAILURE;
  }

  // blob:nodedata: URLs for Blobs, resolved by buffer.resolveObjectURL.
  static createObjectURL(obj) {
    return require('internal/blob').createObjectURL(obj);
  }

  static revokeObjectURL(url) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    require('internal/blob').revokeObjectURL(url);
  }

  #check() {
    if (!(#record in this)) throw new ERR_INVALID_THIS('URL');
  }

  #changed() {
    this.#href = null;
    if (this.#searchParams !== null) {
      searchParamsSetList(this.#searchParams, this.#record.query ? parseForm(this.#record.query) : []);
    }
  }

  toString() {
    this.#check();
    return this.href;
  }

  get href() {
    this.#check();
    this.#href ??= serializeURL(this.#record);
    return this.#href;
  }

  set href(value) {
    this.#check();
    value = toUSVString(value);
    const record = basicParse(value);
    if (record === FAILURE) throw new ERR_INVALID_URL(value);
    this.#record = record;
    this.#changed();
  }

  get origin() {
    this.#check();
    return serializeOrigin(this.#record);
  }

  get protocol() {
    this.#check();
    return this.#record.scheme + ':';
  }

  set protocol(value) {
    this.#check();
    basicParse(toUSVString(value) + ':', null, this.#record, S.SCHEME_START);
    this.#changed();
  }

  get username() {
    this.#check();
    return this.#record.username;
  }

  set username(value) {
    this.#check();
    value = toUSVString(value);
    if (cannotHaveCredentialsOrPort(this.#record)) return;
    this.#record.username = percentEncodeString(value, USERINFO);
    this.#changed();
  }

  get password() {
    this.#check();
    return this.#record.password;
  }

  set password(value) {
    this.#check();
    value = toUSVString(value);
    if (cannotHaveCredentialsOrPort(this.#record)) return;
    this.#record.password = percentEncodeString(value, USERINFO);
    this.#changed();
  }

  get host() {
    this.#check();
    const { host, port } = this.#record;
    if (host === null) return '';
    return port === null ? host : `${host}:${port}`;
  }

  set host(value) {
    this.#check();
    value = toUSVString(value);
    if (typeof this.#record.path === 'string') return;
    this.#parseInto(value, S.HOST);
  }

  get hostname() {
    this.#check();
    return this.#record.host ?? '';
  }

  set hostname(value) {
    this.#check();
    value = toUSVString(value);
    if (typeof this.#record.path === 'string') return;
    this.#parseInto(value, S.HOSTNAME);
  }

  get port() {
    this.#check();
    const { port } = this.#record;
    return port === null ? '' : `${port}`;
  }

  set port(value) {
    this.#check();
    value = toUSVString(value);
    if (cannotHaveCredentialsOrPort(this.#record)) return;
    if (value === '') {
      this.#record.port = null;
      this.#changed();
      return;
    }
    this.#parseInto(value, S.PORT);
  }

  get pathname() {
    this.#check();
    return serializePath(this.#record);
  }

  set pathname(value) {
    this.#check();
    value = toUSVString(value);
    if (typeof this.#record.path === 'string') return;
    this.#record.path = [];
    this.#parseInto(value, S.PATH_START);
  }

  get search() {
    this.#check();
    const { query } = this.#record;
    return query === null || query === '' ? '' : '?' + query;
  }

  set search(value) {
    this.#check();
    value = toUSVString(value);
    const record = this.#record;
    if (value === '') {
      record.query = null;
      stripTrailingSpacesFromOpaquePath(record);
      this.#changed();
      return;
    }
    const input = value[0] === '?' ? value.slice(1) : value;
    record.query = '';
    basicParse(input, null, record, S.QUERY);
    this.#changed();
  }

  get searchParams() {
    this.#check();
    this.#searchParams ??= newLinkedSearchParams(this, this.#record.query);
    return this.#searchParams;
  }

  get hash() {
    this.#check();
    const { fragment } = this.#record;
    return fragment === null || fragment === '' ? '' : '#' + fragment;
  }

  set hash(value) {
    this.#check();
    value = toUSVString(value);
    const record = this.#record;
    if (value === '') {
      record.fragment = null;
      stripTrailingSpacesFromOpaquePath(record);
      this.#changed();
      return;
    }
    const input = value[0] === '#' ? value.slice(1) : value;
    record.fragment = '';
    basicParse(input, null, record, S.FRAGMENT);
    this.#changed();
  }

  toJSON() {
    this.#check();
    return this.href;
  }

  // The parser edits the record in place: on a failure part-way the steps
  // already taken stick, as the standard says (a host before a bad port).
  #parseInto(value, state) {
    const record = this.#record;
    basicParse(value, null, record, state);
    this.#changed();
  }

  [customInspect](depth, opts) {
    this.#check();
    if (typeof depth === 'number' && depth < 0) return this;
    const constructor = this.constructor;
    const obj = { __proto__: { constructor } };
    obj.href = this.href;
    obj.origin = this.origin;
    obj.protocol = this.protocol;
    obj.username = this.username;
    obj.password = this.password;
    obj.host = this.host;
    obj.hostname = this.hostname;
    obj.port = this.port;
    obj.pathname = this.pathname;
    obj.search = this.search;
    obj.searchParams = this.searchParams;
    obj.hash = this.hash;
    return `${constructor.name} ${inspect(obj, opts)}`;
  }
}

Object.defineProperty(URL.prototype, Symbol.toStringTag, { value: 'URL', configurable: true });
for (const name of ['toString', 'href', 'origin', 'protocol', 'username', 'password', 'host',
  'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash', 'toJSON']) {
  const desc = Object.getOwnPropertyDescriptor(URL.prototype, name);
  desc.enumerable = true;
  Object.defineProperty(URL.prototype, name, desc);
}
for (const name of ['parse', 'canParse']) {
  const desc = Object.getOwnPropertyDescriptor(URL, name);
  desc.enumerable = true;
  Object.defineProperty(URL, name, desc);
}

// Node's helpers.

function isURL(self) {
  return Boolean(self?.href && self.protocol && self.auth === undefined && self.path === undefined);
}

// As Node does: the domain goes through the host parser of a special URL
// (percent-decoding, IPv4 and IPv6 included); failures give ''.
function domainToASCII(domain) {
  if (arguments.length < 1) throw new ERR_MISSING_ARGS('domain');
  const host = parseHost(`${domain}`.toWellFormed(), false);
  return host === FAILURE ? '' : host;
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw new ERR_MISSING_ARGS('domain');
  const host = parseHost(`${domain}`.toWellFormed(), false);
  return host === FAILURE ? '' : domainToUnicodeInternal(host);
}

function fileURLToPath(path) {
  if (typeof path === 'string') path = new URL(path);
  else if (!isURL(path)) throw new ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], path);
  if (path.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
  if (path.hostname !== '') throw new ERR_INVALID_FILE_URL_HOST(process.platform);
  const pathname = path.pathname;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%') {
      const third = pathname.codePointAt(n + 2) | 0x20;
      if (pathname[n + 1] === '2' && third === 102) {
        throw new ERR_INVALID_FILE_URL_PATH('must not include encoded / characters');
      }
    }
  }
  return decodeURIComponent(pathname);
}

function encodePathChars(filepath) {
  if (filepath.includes('%')) filepath = filepath.replace(/%/g, '%25');
  if (filepath.includes('\\')) filepath = filepath.replace(/\\/g, '%5C');
  if (filepath.includes('\n')) filepath = filepath.replace(/\n/g, '%0A');
  if (filepath.includes('\r')) filepath = filepath.replace(/\r/g, '%0D');
  if (filepath.includes('\t')) filepath = filepath.replace(/\t/g, '%09');
  return filepath;
}

function pathToFileURL(filepath) {
  const path = require('path');
  let resolved = path.resolve(filepath);
  // path.resolve drops a trailing slash the caller meant.
  if (filepath.charCodeAt(filepath.length - 1) === 0x2F && resolved[resolved.length - 1] !== '/') {
    resolved += '/';
  }
  resolved = encodePathChars(resolved);
  if (resolved.includes('?')) resolved = resolved.replace(/\?/g, '%3F');
  if (resolved.includes('#')) resolved = resolved.replace(/#/g, '%23');
  return new URL(`file://${resolved}`);
}

function toPathIfFileURL(fileURLOrPath) {
  if (!isURL(fileURLOrPath)) return fileURLOrPath;
  return fileURLToPath(fileURLOrPath);
}

function urlToHttpOptions(url) {
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: typeof url.hostname === 'string' && url.hostname.startsWith('[') ?
      url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) {
    options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  }
  return options;
}

// For url.format(URL, options).
function formatURL(url, fragment, unicode, search, auth) {
  const record = { ...urlRecord(url) };
  if (!fragment) record.fragment = null;
  if (!search) record.query = null;
  if (!auth) {
    record.username = '';
    record.password = '';
  }
  if (unicode && record.host !== null && record.host[0] !== '[') {
    record.host = domainToUnicodeInternal(record.host);
  }
  return serializeURL(record);
}

module.exports = {
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  fileURLToPath,
  pathToFileURL,
  toPathIfFileURL,
  urlToHttpOptions,
  isURL,
  formatURL,
};
