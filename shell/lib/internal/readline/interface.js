'use strict';
// readline's Interface: splits an input stream into lines (\n, \r\n, \r,
// with CRLF pairs split across chunks joined within crlfDelay), prompts and
// questions, pause/resume, history and, on terminals, a small line editor
// driven by keypress events. readline and readline/promises extend it.

const EventEmitter = require('events');
const {
  codes: { ERR_INVALID_ARG_VALUE, ERR_USE_AFTER_CLOSE },
} = require('internal/errors');
const { validateAbortSignal, validateNumber } = require('internal/validators');
const { emitKeypressEvents, cursorTo, clearScreenDown, moveCursor } = require('internal/readline/utils');

const kHistorySize = 30;
const kMinCrlfDelay = 100;
const lineEnding = /\r?\n|\r(?!\n)/g;

const kQuestionCallback = Symbol('kQuestionCallback');
const kOldPrompt = Symbol('kOldPrompt');
const kLineBuffer = Symbol('kLineBuffer');
const kSawReturnAt = Symbol('kSawReturnAt');
const kDecoder = Symbol('kDecoder');
const kOnLine = Symbol('kOnLine');
const kQuestionCancel = Symbol('kQuestionCancel');

class Interface extends EventEmitter {
  constructor(input, output, completer, terminal) {
    super();
    let history;
    let historySize;
    let removeHistoryDuplicates = false;
    let crlfDelay;
    let prompt = '> ';
    let signal;
    if (input && input.input) {
      const options = input;
      output = options.output;
      completer = options.completer;
      terminal = options.terminal;
      history = options.history;
      historySize = options.historySize;
      signal = options.signal;
      removeHistoryDuplicates = options.removeHistoryDuplicates;
      if (options.tabSize !== undefined) validateNumber(options.tabSize, 'tabSize', 1);
      if (options.prompt !== undefined) prompt = options.prompt;
      crlfDelay = options.crlfDelay;
      input = options.input;
      if (options.escapeCodeTimeout !== undefined) {
        if (!Number.isFinite(options.escapeCodeTimeout)) {
          throw new ERR_INVALID_ARG_VALUE('input.escapeCodeTimeout', options.escapeCodeTimeout);
        }
        this.escapeCodeTimeout = options.escapeCodeTimeout;
      }
      if (signal) validateAbortSignal(signal, 'options.signal');
    }
    if (completer !== undefined && typeof completer !== 'function') {
      throw new ERR_INVALID_ARG_VALUE('completer', completer);
    }
    if (history === undefined) history = [];
    else if (!Array.isArray(history)) throw new ERR_INVALID_ARG_VALUE('history', history);
    if (historySize === undefined) historySize = kHistorySize;
    if (typeof historySize !== 'number' || Number.isNaN(historySize) || historySize < 0) {
      throw new ERR_INVALID_ARG_VALUE('historySize', historySize);
    }
    if (terminal === undefined && !(output === null || output === undefined)) terminal = !!output.isTTY;

    this.line = '';
    this.cursor = 0;
    this.history = history;
    this.historySize = historySize;
    this.historyIndex = -1;
    this.removeHistoryDuplicates = !!removeHistoryDuplicates;
    this.crlfDelay = crlfDelay ? Math.max(kMinCrlfDelay, crlfDelay) : kMinCrlfDelay;
    this.completer = completer;
    this.input = input;
    this.output = output;
    this.terminal = !!terminal;
    this.closed = false;
    this.paused = false;
    this.escapeCodeTimeout ??= 500;
    this._prompt = prompt;
    this[kQuestionCallback] = null;
    this[kOldPrompt] = '';
    this[kLineBuffer] = null;
    this[kSawReturnAt] = 0;
    const { StringDecoder } = require('string_decoder');
    this[kDecoder] = new StringDecoder('utf8');

    const onend = () => {
      if (typeof this[kLineBuffer] === 'string' && this[kLineBuffer].length > 0) {
        this.emit('line', this[kLineBuffer]);
      }
      this.close();
    };
    const ondata = (data) => this.normalWrite(data);
    const onkeypress = (s, key) => {
      this.ttyWrite(s, key);
    };
    const onSelfCloseWithoutTerminal = () => {
      input.removeListener('data', ondata);
      input.removeListener('error', onerror);
      input.removeListener('end', onend);
    };
    const onSelfCloseWithTerminal = () => {
      input.removeListener('keypress', onkeypress);
      input.removeListener('error', onerror);
      input.removeListener('end', onend);
      if (output) output.removeListener('resize', onresize);
    };
    const onerror = (err) => this.emit('error', err);
    const onresize = () => this.refreshLine();

    input.on('error', onerror);
    if (!this.terminal) {
      input.on('data', ondata);
      input.on('end', onend);
      this.once('close', onSelfCloseWithoutTerminal);
    } else {
      emitKeypressEvents(input, this);
      input.on('keypress', onkeypress);
      input.on('end', onend);
      this.setRawMode(true);
      if (output) output.on('resize', onresize);
      this.once('close', onSelfCloseWithTerminal);
    }
    if (signal) {
      const onAborted = () => this.close();
      if (signal.aborted) {
        process.nextTick(onAborted);
      } else {
        signal.addEventListener('abort', onAborted, { once: true });
        this.once('close', () => signal.removeEventListener('abort', onAborted));
      }
    }
    input.resume();
  }

  get columns() {
    return this.output && this.output.columns ? this.output.columns : Infinity;
  }

  setPrompt(prompt) {
    this._prompt = prompt;
  }

  getPrompt() {
    return this._prompt;
  }

  setRawMode(mode) {
    const wasInRawMode = this.input.isRaw;
    if (typeof this.input.setRawMode === 'function') this.input.setRawMode(mode);
    return wasInRawMode;
  }

  prompt(preserveCursor) {
    if (this.paused) this.resume();
    if (this.terminal && process.env.TERM !== 'dumb') {
      if (!preserveCursor) this.cursor = 0;
      this.refreshLine();
    } else {
      this.writeToOutput(this._prompt);
    }
  }

  question(query, cb) {
    if (this.closed) throw new ERR_USE_AFTER_CLOSE('readline');
    if (this[kQuestionCallback]) {
      this.prompt();
    } else {
      this[kOldPrompt] = this._prompt;
      this.setPrompt(query);
      this[kQuestionCallback] = cb;
      this.prompt();
    }
  }

  [kQuestionCancel]() {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      this.clearLine();
    }
  }

  [kOnLine](line) {
    if (this[kQuestionCallback]) {
      const cb = this[kQuestionCallback];
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      cb(line);
    } else {
      this.emit('line', line);
    }
  }

  writeToOutput(s) {
    if (this.output !== null && this.output !== undefined) this.output.write(s);
  }

  addHistory() {
    if (this.line.length === 0) return '';
    if (this.historySize === 0) return this.line;
    if (this.line.trim().length === 0) return this.line;
    if (this.history.length === 0 || this.history[0] !== this.line) {
      if (this.removeHistoryDuplicates) {
        const dupIndex = this.history.indexOf(this.line);
        if (dupIndex !== -1) this.history.splice(dupIndex, 1);
      }
      this.history.unshift(this.line);
      if (this.history.length > this.historySize) this.history.pop();
    }
    this.historyIndex = -1;
    const line = this.history[0];
    this.emit('history', this.history);
    return line;
  }

  refreshLine() {
    if (!this.output) return;
    const line = this._prompt + this.line;
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    this.writeToOutput(line);
    const back = this.line.length - this.cursor;
    if (back > 0) moveCursor(this.output, -back, 0);
  }

  close() {
    if (this.closed) return;
    this.pause();
    if (this.terminal) this.setRawMode(false);
    this.closed = true;
    this.emit('close');
  }

  pause() {
    if (this.paused) return;
    this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }

  resume() {
    if (!this.paused) return;
    this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }

  write(d, key) {
    if (this.closed) throw new ERR_USE_AFTER_CLOSE('readline');
    if (this.paused) this.resume();
    if (this.terminal) this.ttyWrite(d, key);
    else this.normalWrite(d);
  }

  normalWrite(b) {
    if (b === undefined) return;
    let string = this[kDecoder].write(b);
    if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
      // The \n of a \r\n pair that arrived in two chunks.
      if (string.charCodeAt(0) === 10) string = string.slice(1);
      this[kSawReturnAt] = 0;
    }
    lineEnding.lastIndex = 0;
    const hasEnding = lineEnding.test(string);
    lineEnding.lastIndex = 0;
    if (this[kLineBuffer]) {
      string = this[kLineBuffer] + string;
      this[kLineBuffer] = null;
    }
    if (!hasEnding) {
      if (string) this[kLineBuffer] = string;
      return;
    }
    this[kSawReturnAt] = string.endsWith('\r') ? Date.now() : 0;
    let start = 0;
    let m;
    const lines = [];
    while ((m = lineEnding.exec(string)) !== null) {
      lines.push(string.slice(start, m.index));
      start = m.index + m[0].length;
    }
    lineEnding.lastIndex = 0;
    const rest = string.slice(start);
    if (rest) this[kLineBuffer] = rest;
    for (const line of lines) {
      this[kOnLine](line);
      if (this.closed) break;
    }
  }

  // --- terminal line editing ------------------------------------------------

  insertString(c) {
    this.line = this.line.slice(0, this.cursor) + c + this.line.slice(this.cursor);
    this.cursor += c.length;
    if (this.cursor === this.line.length && this.output) this.writeToOutput(c);
    else this.refreshLine();
  }

  clearLine() {
    this.line = '';
    this.cursor = 0;
  }

  onEnterLine() {
    const line = this.addHistory();
    this.clearLine();
    this[kOnLine](line);
  }

  historyStep(dir) {
    if (this.history.length === 0) return;
    const index = this.historyIndex + dir;
    if (index < -1 || index >= this.history.length) return;
    this.historyIndex = index;
    this.line = index === -1 ? '' : this.history[index];
    this.cursor = this.line.length;
    this.refreshLine();
  }

  ttyWrite(s, key) {
    key = key || {};
    if (key.name === 'escape') return;
    if (key.ctrl && key.shift) return;
    if (key.ctrl) {
      switch (key.name) {
        case 'c':
          if (this.listenerCount('SIGINT') > 0) this.emit('SIGINT');
          else this.close();
          return;
        case 'd':
          if (this.cursor === 0 && this.line.length === 0) this.close();
          else if (this.cursor < this.line.length) this.deleteRight();
          return;
        case 'h': this.deleteLeft(); return;
        case 'u':
          this.line = this.line.slice(this.cursor);
          this.cursor = 0;
          this.refreshLine();
          return;
        case 'k':
          this.line = this.line.slice(0, this.cursor);
          this.refreshLine();
          return;
        case 'a': this.moveTo(0); return;
        case 'e': this.moveTo(this.line.length); return;
        case 'b': this.moveTo(this.cursor - 1); return;
        case 'f': this.moveTo(this.cursor + 1); return;
        case 'l':
          cursorTo(this.output, 0, 0);
          clearScreenDown(this.output);
          this.refreshLine();
          return;
        case 'n': this.historyStep(-1); return;
        case 'p': this.historyStep(1); return;
        case 'w': {
          const left = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
          this.line = left + this.line.slice(this.cursor);
          this.cursor = left.length;
          this.refreshLine();
          return;
        }
        default:
          return;
      }
    }
    switch (key.name) {
      case 'return':
        this[kSawReturnAt] = Date.now();
        this.writeToOutput('\r\n');
        this.onEnterLine();
        return;
      case 'enter':
        if (this[kSawReturnAt] === 0 || Date.now() - this[kSawReturnAt] > this.crlfDelay) {
          this.writeToOutput('\r\n');
          this.onEnterLine();
        }
        this[kSawReturnAt] = 0;
        return;
      case 'backspace': this.deleteLeft(); return;
      case 'delete': this.deleteRight(); return;
      case 'left': this.moveTo(this.cursor - 1); return;
      case 'right': this.moveTo(this.cursor + 1); return;
      case 'home': this.moveTo(0); return;
      case 'end': this.moveTo(this.line.length); return;
      case 'up': this.historyStep(1); return;
      case 'down': this.historyStep(-1); return;
      case 'tab':
        if (typeof this.completer === 'function') {
          this.complete();
          return;
        }
        break;
      default:
        break;
    }
    if (typeof s === 'string' && s && !key.meta) {
      this[kSawReturnAt] = 0;
      this.insertString(s.replace(/\r\n?/g, '\n'));
    }
  }

  complete() {
    const done = (err, result) => {
      if (err || !result) return;
      const [completions, completeOn] = result;
      if (!completions || completions.length === 0) return;
      if (completions.length === 1) {
        this.insertString(completions[0].slice(completeOn.length));
        return;
      }
      this.writeToOutput('\r\n' + completions.join('  ') + '\r\n');
      let prefix = completions[0];
      for (const c of completions) {
        while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
      }
      if (prefix.length > completeOn.length) this.insertString(prefix.slice(completeOn.length));
      else this.refreshLine();
    };
    const line = this.line.slice(0, this.cursor);
    if (this.completer.length === 2) {
      this.completer(line, done);
    } else {
      const r = this.completer(line);
      if (r && typeof r.then === 'function') r.then((v) => done(null, v), done);
      else done(null, r);
    }
  }

  deleteLeft() {
    if (this.cursor > 0) {
      this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
      this.cursor--;
      this.refreshLine();
    }
  }

  deleteRight() {
    this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1);
    this.refreshLine();
  }

  moveTo(pos) {
    pos = Math.max(0, Math.min(this.line.length, pos));
    const diff = pos - this.cursor;
    this.cursor = pos;
    if (diff !== 0 && this.output) moveCursor(this.output, diff, 0);
  }

  getCursorPos() {
    const str = this._prompt + this.line.slice(0, this.cursor);
    const cols = this.columns;
    return { rows: Number.isFinite(cols) ? Math.floor(str.length / cols) : 0,
      cols: Number.isFinite(cols) ? str.length % cols : str.length };
  }

  [Symbol.asyncIterator]() {
    const queue = [];
    const waiting = [];
    let done = false;
    let error = null;
    const onLine = (line) => {
      if (waiting.length) waiting.shift().resolve({ value: line, done: false });
      else {
        queue.push(line);
        // Too many unread lines: stop reading until the loop catches up.
        if (queue.length >= 1024) this.pause();
      }
    };
    const finish = () => {
      done = true;
      this.off('line', onLine);
      this.off('close', finish);
      while (waiting.length) waiting.shift().resolve({ value: undefined, done: true });
    };
    const onError = (err) => {
      error = err;
      while (waiting.length) waiting.shift().reject(err);
      finish();
    };
    this.on('line', onLine);
    this.on('close', finish);
    this.once('error', onError);
    if (this.closed) finish();
    const iface = this;
    return {
      next() {
        if (queue.length) {
          const value = queue.shift();
          if (queue.length < 1024 && iface.paused && !iface.closed) iface.resume();
          return Promise.resolve({ value, done: false });
        }
        if (error) {
          const e = error;
          error = null;
          return Promise.reject(e);
        }
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() {
        finish();
        iface.close();
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}


module.exports = { Interface, kQuestionCancel, kQuestionCallback };
