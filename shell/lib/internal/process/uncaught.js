'use strict';
// Uncaught exceptions and unhandled rejections: Node's 'uncaughtException' /
// 'unhandledRejection' events, and its report (source line with a caret, the
// error, exit status 1) when nobody handles them.

// Stack parsing is only needed to report an error: loaded then.
const stackOf = (err) => require('internal/util/stack').stackOf(err);
const parseStack = (stack) => require('internal/util/stack').parseStack(stack);

const fsb = internalBinding('fs');
const kArrowMessage = Symbol.for('anode.arrowMessage');

function writeErr(s) {
  fsb.writeString(2, s);
}

function safeInspect(value) {
  try {
    return require('internal/util/inspect').inspect(value);
  } catch {
    try { return String(value); } catch { return '[value that cannot be printed]'; }
  }
}

// "file:line\n<source line>\n<caret>\n" for the first frame in a user file.
function arrowFor(err) {
  if (err !== null && typeof err === 'object') {
    try {
      if (typeof err[kArrowMessage] === 'string') return err[kArrowMessage];
    } catch { /* a hostile getter */ }
  }
  let raw;
  try { raw = err && err.stack; } catch { return ''; }
  if (typeof raw !== 'string') return '';
  const frame = parseStack(raw).find((f) => f.fileName && f.lineNumber &&
    (f.fileName.startsWith('/') || f.fileName.startsWith('file:///')));
  if (!frame) return '';
  // ES modules are named by their file: URL.
  let file = frame.fileName;
  if (file.startsWith('file:')) {
    try { file = require('internal/url').fileURLToPath(file); } catch { return ''; }
  }
  const source = require('internal/util/source').readSource(file);
  if (source === undefined) return '';
  const line = source.split('\n')[frame.lineNumber - 1];
  if (line === undefined) return '';
  const col = Math.max(0, (frame.columnNumber || 1) - 1);
  return `${frame.fileName}:${frame.lineNumber}\n${line}\n${' '.repeat(Math.min(col, line.length))}^\n`;
}

function report(err) {
  const arrow = arrowFor(err);
  let body;
  if (err !== null && typeof err === 'object' && typeof err.stack === 'string') {
    stackOf(err);
    body = safeInspect(err);
  } else {
    body = safeInspect(err);
    if (arrow === '') body += '\n(Use `anode --trace-uncaught ...` to show where the exception was thrown)';
  }
  writeErr(`${arrow}${arrow ? '\n' : ''}${body}\n\nanode v${process.versions.anode}\n`);
}

let handling = false;
// `anode dev` (internal/dev/client.js): an uncaught error goes to the dev
// session, which keeps the process alive, instead of ending it.
let fatalHook = null;

function setFatalHook(fn) {
  fatalHook = fn;
}

// A worker hands its uncaught errors to its parent instead.
let reportUncaught = report;
function setUncaughtReporter(fn) {
  reportUncaught = fn;
}

function exitNow(code) {
  process.exitCode = code;
  if (!process._exiting) {
    process._exiting = true;
    try {
      process.emit('exit', code);
    } catch {
      // an exit listener that throws cannot change the outcome
    }
  }
  internalBinding('process_methods').reallyExit(code);
  unwindWorker();
}

// After reallyExit returned (only a worker's does: its runtime is ending),
// unwinds the JS that called it; dispatch swallows kStop.
function unwindWorker() {
  state.stopped = true;
  throw kStop;
}

// Thrown through the worker's JS by process.exit(); dispatch swallows it.
const kStop = Symbol('worker exit');
const state = { stopped: false };

// Called for every exception that escapes a callback.
function triggerUncaught(err, fromPromise) {
  const origin = fromPromise ? 'unhandledRejection' : 'uncaughtException';
  if (handling) {
    // The handler itself threw: Node exits with 7.
    report(err);
    exitNow(7);
    return;
  }
  try {
    process.emit('uncaughtExceptionMonitor', err, origin);
  } catch { /* ignored, as in Node */ }
  if (process.listenerCount('uncaughtException') === 0) {
    reportUncaught(err);
    if (fatalHook !== null) {
      fatalHook(err);
      return;
    }
    exitNow(1);
    return;
  }
  handling = true;
  try {
    process.emit('uncaughtException', err, origin);
  } catch (err2) {
    handling = false;
    report(err2);
    exitNow(7);
    return;
  }
  handling = false;
}

function unhandledRejectionError(reason) {
  let text;
  try { text = String(reason); } catch { text = safeInspect(reason); }
  const err = new Error('This error originated either by throwing inside of an async function ' +
    'without a catch block, or by rejecting a promise which was not handled with .catch(). ' +
    `The promise rejected with the reason "${text}".`);
  err.name = 'UnhandledPromiseRejection';
  err.code = 'ERR_UNHANDLED_REJECTION';
  return err;
}

// Runs after ticks, for promises JSC found rejected without a handler.
function processRejections(pending) {
  while (pending.length > 0) {
    const { promise, reason } = pending.shift();
    const handled = process.emit('unhandledRejection', reason, promise);
    if (handled) continue;
    const isError = reason !== null && typeof reason === 'object' && typeof reason.stack === 'string';
    triggerUncaught(isError ? reason : unhandledRejectionError(reason), true);
  }
}

module.exports = { kStop, state, unwindWorker, triggerUncaught, processRejections, report, arrowFor, kArrowMessage, exitNow, setFatalHook, setUncaughtReporter };
