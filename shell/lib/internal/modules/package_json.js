'use strict';
// Reads package.json files for the module loader (cached), reporting invalid
// JSON with the file's path and the line/column of the first error.

const fsb = internalBinding('fs');
const cache = new Map();

// JSC's JSON.parse errors carry no position; this finds it.
function jsonErrorPosition(text) {
  let i = 0;
  const n = text.length;
  const fail = () => { throw i; };
  const ws = () => { while (i < n && ' \t\n\r'.includes(text[i])) i++; };
  const lit = (word) => { if (text.startsWith(word, i)) i += word.length; else fail(); };
  function str() {
    i++;
    while (i < n && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i])) fail();
      }
      i++;
    }
    if (i >= n) fail();
    i++;
  }
  function num() {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m[0].length;
  }
  function value() {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str(); ws();
        if (text[i] !== ':') fail();
        i++;
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail();
      }
    } else if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail();
      }
    } else if (c === '"') str();
    else if (c === 't') lit('true');
    else if (c === 'f') lit('false');
    else if (c === 'n') lit('null');
    else num();
  }
  try {
    value(); ws();
    if (i < n) fail();
    return null;
  } catch (pos) {
    if (typeof pos !== 'number') throw pos;
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    return { offset: pos, line, column };
  }
}

// Parses `text` from `file`; throws a SyntaxError naming the file and the
// position of the error.
function parseJson(text, file) {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xFEFF ? text.slice(1) : text);
  } catch (err) {
    const pos = jsonErrorPosition(text);
    const where = pos ? ` at line ${pos.line} column ${pos.column} (position ${pos.offset})` : '';
    err.message = `${file}: ${err.message}${where}`;
    throw err;
  }
}

// The parsed package.json at `file`, or undefined if there is none. Invalid
// JSON throws ERR_INVALID_PACKAGE_CONFIG-style errors as Node does.
function read(file) {
  if (cache.has(file)) return cache.get(file);
  const text = fsb.readFileUtf8(file, {});
  let result;
  if (typeof text === 'string') {
    try {
      const json = parseJson(text, file);
      result = { path: file, exists: true, json, name: json?.name, main: json?.main, exports: json?.exports, imports: json?.imports, type: json?.type ?? 'none' };
    } catch (err) {
      // Node 20's shape: a SyntaxError naming the file; anode adds where.
      const e = new SyntaxError(`Error parsing ${err.message}`);
      e.path = file;
      throw e;
    }
  }
  cache.set(file, result);
  return result;
}

// The nearest package.json scope containing `file`.
function findScope(file) {
  let dir = file.slice(0, file.lastIndexOf('/'));
  for (;;) {
    if (dir.endsWith('/node_modules')) return undefined;
    const pkg = read(`${dir}/package.json`);
    if (pkg !== undefined) return pkg;
    if (dir === '' || dir === '/') return undefined;
    const slash = dir.lastIndexOf('/');
    dir = slash <= 0 ? '/' : dir.slice(0, slash);
    if (dir === '/') {
      const root = read('/package.json');
      return root;
    }
  }
}

module.exports = { read, findScope, parseJson, jsonErrorPosition, cache };
