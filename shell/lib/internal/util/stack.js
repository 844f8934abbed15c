'use strict';
// JavaScriptCore writes stacks as `fn@/file.js:1:30`; Node code and npm
// packages read V8's `    at fn (/file.js:1:30)`. This converts, builds
// CallSite objects for Error.prepareStackTrace, and wraps
// Error.captureStackTrace so the hook works as in V8.

const kConverted = Symbol('kStackConverted');

// Module code is compiled inside a function wrapper that starts on the
// file's first line; the loader records its length per file so columns on
// line 1 are the file's own.
const columnOffsets = new Map();

// One JSC frame -> { functionName, fileName, lineNumber, columnNumber, native, isEval }
function parseFrame(line, adjustColumns = true) {
  const at = line.lastIndexOf('@');
  let name = at === -1 ? '' : line.slice(0, at);
  const loc = at === -1 ? line : line.slice(at + 1);
  if (name === 'global code' || name === 'module code') name = '';
  const isEval = name === 'eval code' || name === 'eval';
  if (isEval) name = 'eval';
  if (loc === '[native code]') {
    return { functionName: name, fileName: null, lineNumber: null, columnNumber: null, native: true, isEval };
  }
  const m = /^(.*):(\d+):(\d+)$/.exec(loc);
  if (m === null) {
    return { functionName: name, fileName: loc || null, lineNumber: null, columnNumber: null, native: false, isEval };
  }
  let column = +m[3];
  if (adjustColumns && m[2] === '1') {
    const offset = columnOffsets.get(m[1]);
    if (offset !== undefined && column > offset) column -= offset;
  }
  return {
    functionName: name,
    fileName: m[1],
    lineNumber: +m[2],
    columnNumber: column,
    native: false,
    isEval,
  };
}

// "    at fn (/file.js:1:2)" or "    at /file.js:1:2" (V8's text).
function parseV8Frame(line) {
  const text = line.slice(7);
  const m = /^(.*?) \((.*)\)$/.exec(text);
  const name = m ? m[1] : '';
  const loc = m ? m[2] : text;
  // V8 text was written from adjusted frames already.
  return parseFrame(`${name}@${loc === 'native' ? '[native code]' : loc}`, false);
}

// Frames of a stack in JSC's text or V8's (the header line is skipped).
function parseStack(stack) {
  if (typeof stack !== 'string' || stack === '') return [];
  const frames = [];
  const v8 = !isJscStack(stack);
  for (const line of stack.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('    at ')) frames.push(parseV8Frame(line));
    else if (!v8) frames.push(parseFrame(line));
  }
  return frames;
}

class CallSite {
  constructor(frame) { this._f = frame; }
  getThis() { return undefined; }
  getTypeName() { return null; }
  getFunction() { return undefined; }
  getFunctionName() { return this._f.functionName || null; }
  getMethodName() { return null; }
  getFileName() { return this._f.fileName ?? undefined; }
  getLineNumber() { return this._f.lineNumber; }
  getColumnNumber() { return this._f.columnNumber; }
  getEvalOrigin() { return undefined; }
  getScriptNameOrSourceURL() { return this._f.fileName; }
  getScriptHash() { return ''; }
  getEnclosingColumnNumber() { return null; }
  getEnclosingLineNumber() { return null; }
  getPosition() { return 0; }
  getPromiseIndex() { return null; }
  isToplevel() { return !this._f.functionName; }
  isEval() { return this._f.isEval; }
  isNative() { return this._f.native; }
  isConstructor() { return false; }
  isAsync() { return false; }
  isPromiseAll() { return false; }
  toString() { return formatFrame(this._f); }
}

function formatFrame(f) {
  let loc;
  if (f.native) loc = 'native';
  else if (f.fileName === null) loc = '<anonymous>';
  else if (f.lineNumber === null) loc = f.fileName;
  else loc = `${f.fileName}:${f.lineNumber}:${f.columnNumber}`;
  if (f.functionName) return `${f.functionName} (${loc})`;
  return loc;
}

function isNodeError(err) {
  try {
    return require('internal/errors').kIsNodeError in err;
  } catch {
    return false;
  }
}

function errorHeader(err) {
  let name;
  let message;
  try {
    name = err.name;
    message = err.message;
  } catch {
    return 'Error';
  }
  name = name === undefined ? 'Error' : String(name);
  message = message === undefined ? '' : String(message);
  // Node's own errors show their code in the header: "TypeError [ERR_X]: ...".
  let code;
  try { code = err.code; } catch { code = undefined; }
  if (typeof code === 'string' && code.startsWith('ERR_') && isNodeError(err)) name = `${name} [${code}]`;
  if (name === '') return message;
  if (message === '') return name;
  return `${name}: ${message}`;
}

// V8's stack text for frames captured by JSC.
function v8Stack(header, jscStack) {
  let out = header;
  for (const f of parseStack(jscStack)) out += `\n    at ${formatFrame(f)}`;
  return out;
}

// JSC's frames are `name@location` or `[native code]`, never indented, and
// it writes no header line.
function isJscStack(stack) {
  for (const line of stack.split('\n')) {
    if (line === '') continue;
    if (line[0] === ' ' || line[0] === '\t') return false;
    if (!line.includes('@') && line !== '[native code]') return false;
  }
  return true;
}

// The stack of `err` in V8's shape (converted once, then cached).
function stackOf(err) {
  if (err === null || typeof err !== 'object') return undefined;
  let stack;
  try {
    stack = err.stack;
  } catch {
    return undefined;
  }
  if (typeof stack !== 'string') return stack;
  if (err[kConverted] === stack) return stack;
  if (!isJscStack(stack)) return stack; // V8-shaped already, or written by hand
  const converted = v8Stack(errorHeader(err), stack);
  try {
    Object.defineProperty(err, 'stack', { value: converted, writable: true, configurable: true, enumerable: false });
    Object.defineProperty(err, kConverted, { value: converted, configurable: true });
  } catch {
    // frozen errors keep their JSC stack
  }
  return converted;
}

// The first read of `err.stack` for errors made by the global Error (see
// internal/bootstrap/error_constructor.js): `raw` is JSC's capture, whose
// top frames are Reflect.construct and that constructor. Like V8, frames of
// the subclass constructors (up to `target`, the class `new` named) go too.
function formatLazyStack(err, raw, target) {
  let frames = parseStack(raw);
  let skip = 0;
  while (skip < frames.length && (frames[skip].native ||
         frames[skip].fileName === 'node:internal/bootstrap/error_constructor')) {
    skip++;
  }
  const name = typeof target === 'function' ? target.name : '';
  if (name && name !== 'Error') {
    const limit = Math.min(frames.length, skip + 8);
    for (let i = skip; i < limit; i++) {
      if (frames[i].functionName === name) {
        skip = i + 1;
        break;
      }
    }
  }
  const limit = Error.stackTraceLimit;
  frames = frames.slice(skip, typeof limit === 'number' && limit >= 0 ? skip + limit : undefined);
  const prepare = Error.prepareStackTrace;
  if (typeof prepare === 'function') return prepare(err, frames.map((f) => new CallSite(f)));
  let out = errorHeader(err);
  for (const f of frames) out += `\n    at ${formatFrame(f)}`;
  return out;
}

// Error.captureStackTrace with V8's prepareStackTrace hook; `jscCapture` is
// the engine's own.
function captureStackTrace(jscCapture, obj, fn) {
  // JSC keeps an Error's existing stack instead of capturing a new one.
  const own = Object.getOwnPropertyDescriptor(obj, 'stack');
  if (own !== undefined && own.configurable) delete obj.stack;
  jscCapture(obj, fn);
  const raw = obj.stack;
  const prepare = Error.prepareStackTrace;
  let stack;
  if (typeof prepare === 'function') {
    const sites = parseStack(raw).map((f) => new CallSite(f));
    stack = prepare(obj, sites);
  } else {
    stack = v8Stack(errorHeader(obj), raw);
  }
  Object.defineProperty(obj, 'stack', { value: stack, writable: true, configurable: true, enumerable: false });
}

module.exports = { columnOffsets, parseStack, parseFrame, stackOf, v8Stack, errorHeader, captureStackTrace, formatLazyStack, CallSite };
