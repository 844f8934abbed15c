'use strict';
// Terminal helpers for readline: ANSI cursor/clear sequences and the
// keypress decoder behind emitKeypressEvents.

const {
  codes: { ERR_INVALID_ARG_VALUE, ERR_INVALID_CURSOR_POS },
} = require('internal/errors');

const ESC = '\x1b';
const CSI = `${ESC}[`;

function writeOrCallback(stream, data, callback) {
  if (stream == null || data === '') {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  return stream.write(data, callback);
}

function cursorTo(stream, x, y, callback) {
  if (callback !== undefined && typeof callback !== 'function') {
    require('internal/validators').validateFunction(callback, 'callback');
  }
  if (typeof y === 'function') {
    callback = y;
    y = undefined;
  }
  if (Number.isNaN(x)) throw new ERR_INVALID_ARG_VALUE('x', x);
  if (Number.isNaN(y)) throw new ERR_INVALID_ARG_VALUE('y', y);
  if (stream == null || (typeof x !== 'number' && typeof y !== 'number')) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  if (typeof x !== 'number') throw new ERR_INVALID_CURSOR_POS();
  const data = typeof y !== 'number' ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`;
  return stream.write(data, callback);
}

function moveCursor(stream, dx, dy, callback) {
  let data = '';
  if (dx < 0) data += `${CSI}${-dx}D`;
  else if (dx > 0) data += `${CSI}${dx}C`;
  if (dy < 0) data += `${CSI}${-dy}A`;
  else if (dy > 0) data += `${CSI}${dy}B`;
  return writeOrCallback(stream, data, callback);
}

// dir < 0: to the left of the cursor, > 0: to the right, 0: the whole line.
function clearLine(stream, dir, callback) {
  const data = dir < 0 ? `${CSI}1K` : dir > 0 ? `${CSI}0K` : `${CSI}2K`;
  return writeOrCallback(stream, data, callback);
}

function clearScreenDown(stream, callback) {
  return writeOrCallback(stream, `${CSI}0J`, callback);
}

// --- keypress decoding ------------------------------------------------------

const keyNames = {
  // xterm/gnome ESC O letter and ESC [ letter
  OP: 'f1', OQ: 'f2', OR: 'f3', OS: 'f4',
  '[11~': 'f1', '[12~': 'f2', '[13~': 'f3', '[14~': 'f4',
  '[[A': 'f1', '[[B': 'f2', '[[C': 'f3', '[[D': 'f4', '[[E': 'f5',
  '[15~': 'f5', '[17~': 'f6', '[18~': 'f7', '[19~': 'f8', '[20~': 'f9',
  '[21~': 'f10', '[23~': 'f11', '[24~': 'f12',
  '[A': 'up', '[B': 'down', '[C': 'right', '[D': 'left', '[E': 'clear', '[F': 'end', '[H': 'home',
  OA: 'up', OB: 'down', OC: 'right', OD: 'left', OE: 'clear', OF: 'end', OH: 'home',
  '[1~': 'home', '[2~': 'insert', '[3~': 'delete', '[4~': 'end', '[5~': 'pageup', '[6~': 'pagedown',
  '[[5~': 'pageup', '[[6~': 'pagedown', '[7~': 'home', '[8~': 'end',
  '[a': 'up', '[b': 'down', '[c': 'right', '[d': 'left', '[e': 'clear',
  '[2$': 'insert', '[3$': 'delete', '[5$': 'pageup', '[6$': 'pagedown', '[7$': 'home', '[8$': 'end',
  Oa: 'up', Ob: 'down', Oc: 'right', Od: 'left', Oe: 'clear',
  '[2^': 'insert', '[3^': 'delete', '[5^': 'pageup', '[6^': 'pagedown', '[7^': 'home', '[8^': 'end',
  '[Z': 'tab',
};
const shiftCodes = new Set(['[a', '[b', '[c', '[d', '[e', '[2$', '[3$', '[5$', '[6$', '[7$', '[8$', '[Z']);
const ctrlCodes = new Set(['Oa', 'Ob', 'Oc', 'Od', 'Oe', '[2^', '[3^', '[5^', '[6^', '[7^', '[8^']);

// Splits `s` into keys; returns [keys, rest] where rest is an incomplete
// escape sequence to keep for the next chunk.
function decodeKeys(s) {
  const keys = [];
  let i = 0;
  while (i < s.length) {
    const start = i;
    let ch = s[i++];
    const key = { sequence: null, name: undefined, ctrl: false, meta: false, shift: false };
    let escaped = false;
    let isSeq = false;
    if (ch === ESC) {
      escaped = true;
      if (i >= s.length) {
        key.name = 'escape';
        key.sequence = ESC;
        keys.push([ESC, key]);
        break;
      }
      ch = s[i++];
      if (ch === ESC) {
        // ESC ESC: meta + escape, unless a sequence follows
        key.name = 'escape';
        key.meta = true;
        key.sequence = ESC + ESC;
        keys.push([undefined, key]);
        continue;
      }
    }
    if (escaped && (ch === 'O' || ch === '[') && i <= s.length) {
      // CSI / SS3: ESC [ params final | ESC O [modifier] letter
      let code = ch;
      let modifier = 0;
      if (ch === 'O') {
        if (i >= s.length) return [keys, s.slice(start)];
        let c = s[i++];
        if (c >= '0' && c <= '9') {
          modifier = (c.charCodeAt(0) - 48) - 1;
          if (i >= s.length) return [keys, s.slice(start)];
          c = s[i++];
        }
        code += c;
      } else {
        if (i >= s.length) return [keys, s.slice(start)];
        if (s[i] === '[') {
          code += s[i++];
          if (i >= s.length) return [keys, s.slice(start)];
          code += s[i++];
        } else {
          let params = '';
          while (i < s.length && /[0-9;]/.test(s[i])) params += s[i++];
          if (i >= s.length) return [keys, s.slice(start)];
          const final = s[i++];
          const parts = params.split(';');
          if (parts.length > 1) {
            modifier = (parseInt(parts[1], 10) || 1) - 1;
            code += (parts[0] && parts[0] !== '1' ? parts[0] : '') + final;
          } else {
            code += params + final;
          }
          if ('~^$'.includes(final) && parts.length > 1) code = '[' + parts[0] + final;
        }
      }
      key.ctrl = !!(modifier & 4);
      key.meta = !!(modifier & 10);
      key.shift = !!(modifier & 1);
      key.code = code;
      key.name = keyNames[code] ?? 'undefined';
      if (shiftCodes.has(code)) key.shift = true;
      if (ctrlCodes.has(code)) key.ctrl = true;
      isSeq = true;
    } else if (ch === '\r') {
      key.name = 'return';
      key.meta = escaped;
    } else if (ch === '\n') {
      key.name = 'enter';
      key.meta = escaped;
    } else if (ch === '\t') {
      key.name = 'tab';
      key.meta = escaped;
    } else if (ch === '\b' || ch === '\x7f') {
      key.name = 'backspace';
      key.meta = escaped;
    } else if (ch === ' ') {
      key.name = 'space';
      key.meta = escaped;
    } else if (!escaped && ch <= '\x1a' && ch !== '\0') {
      key.name = String.fromCharCode(ch.charCodeAt(0) + 'a'.charCodeAt(0) - 1);
      key.ctrl = true;
    } else if (/^[0-9A-Za-z]$/.test(ch)) {
      key.name = ch.toLowerCase();
      key.shift = /^[A-Z]$/.test(ch);
      key.meta = escaped;
    } else if (escaped) {
      key.name = ch.length ? undefined : 'escape';
      key.meta = true;
    }
    key.sequence = s.slice(start, i);
    keys.push([escaped || isSeq ? undefined : key.sequence, key]);
  }
  return [keys, ''];
}

const kKeypressDecoder = Symbol('keypress-decoder');
const kEscapeTimeout = 500;

function emitKeypressEvents(stream, iface = {}) {
  if (stream[kKeypressDecoder]) return;
  const { StringDecoder } = require('string_decoder');
  stream[kKeypressDecoder] = new StringDecoder('utf8');
  let pending = '';
  let timer = null;
  function emitKeys(str) {
    const [keys, rest] = decodeKeys(pending + str);
    pending = rest;
    for (const [s, key] of keys) stream.emit('keypress', s, key);
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (pending) {
      // A lone ESC [ that never completes is delivered as typed.
      timer = setTimeout(() => {
        timer = null;
        const p = pending;
        pending = '';
        stream.emit('keypress', undefined, { sequence: p, name: undefined, ctrl: false, meta: true, shift: false });
      }, iface.escapeCodeTimeout ?? kEscapeTimeout);
      timer.unref?.();
    }
  }
  function onData(input) {
    if (stream.listenerCount('keypress') > 0) {
      const str = stream[kKeypressDecoder].write(input);
      if (str) emitKeys(str);
    } else {
      stream.removeListener('data', onData);
      stream.on('newListener', onNewListener);
    }
  }
  function onNewListener(event) {
    if (event === 'keypress') {
      stream.on('data', onData);
      stream.removeListener('newListener', onNewListener);
    }
  }
  if (stream.listenerCount('keypress') > 0) stream.on('data', onData);
  else stream.on('newListener', onNewListener);
}

module.exports = {
  CSI,
  cursorTo,
  moveCursor,
  clearLine,
  clearScreenDown,
  emitKeypressEvents,
  decodeKeys,
};
