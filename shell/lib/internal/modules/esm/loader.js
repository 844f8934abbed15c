'use strict';
// The ES module loader. JavaScriptCore's GLib API evaluates scripts only, so
// internalBinding('esm') rewrites each module into a function (binding-esm.c)
// whose prologue registers one getter per export (live bindings) before the
// body. Modules in an import cycle become generators that stop after the
// prologue, so the others in the cycle see their hoisted functions before
// they run; the rest run as plain (or async) functions, which JSC compiles
// in half the time. This file resolves and loads the graph, checks every
// import against the exports, builds the namespace objects, and evaluates in
// the order of the spec's module evaluation algorithm, top-level await
// included.

const esm = internalBinding('esm');
const fsb = internalBinding('fs');
const path = require('path');
const resolver = require('internal/modules/esm/resolve');
const packageJson = require('internal/modules/package_json');
const { kArrowMessage } = require('internal/process/uncaught');
const { columnOffsets } = require('internal/util/stack');

const moduleMap = new Map();
const AMBIGUOUS = Symbol('ambiguous');
let asyncOrder = 0;
let cjsLoader;
function Module() {
  if (cjsLoader === undefined) cjsLoader = require('internal/modules/cjs/loader');
  return cjsLoader;
}

let lazyCodes;
function codes() {
  if (lazyCodes === undefined) lazyCodes = require('internal/errors').codes;
  return lazyCodes;
}

// ---- records ---------------------------------------------------------------

function createNamespace() {
  const ns = Object.create(null);
  Object.defineProperty(ns, Symbol.toStringTag, { value: 'Module' });
  return ns;
}

class ModuleRecord {
  constructor(url, format) {
    this.url = url;
    this.format = format;
    this.filename = url.startsWith('file:') ? resolver.fileOf(url) : null;
    this.status = 'new';
    this.namespace = createNamespace();
    this.source = undefined;
    this.meta = null;        // what the transform found (module)
    this.code = null;        // the transformed source, compiled at link time
    this.fn = null;
    this.gen = null;         // cyclic modules: the generator after its prologue
    this.cyclic = false;
    this.namespaceReady = false;
    this.getters = null;     // export name -> getter (module)
    this.exportNames = null; // Set (commonjs, json, builtin)
    this.values = null;      // their values once evaluated
    this.builtinExports = undefined;
    this.deps = [];
    this.requests = [];
    this.hasTLA = false;
    this.errored = false;
    this.error = undefined;
    this.importMeta = undefined;
    this.cycleRoot = null;
    this.asyncEvaluation = false;
    this.asyncOrder = 0;
    this.pendingAsyncDeps = 0;
    this.asyncParents = [];
    this.capability = null;
    this.dfsIndex = 0;
    this.dfsAncestorIndex = 0;
  }
}

// What `__anode$m` is inside a module: its dependencies' namespaces, the
// export getters it registers, import.meta and import().
class ModuleContext {
  constructor(record) {
    this.record = record;
    this.r = record.deps.map((d) => d.namespace);
  }

  e(getters) {
    const rec = this.record;
    rec.getters = getters;
    // Cyclic modules get theirs once the whole cycle has its getters.
    if (!rec.cyclic && !rec.namespaceReady) defineNamespace(rec);
  }

  n(fn) {
    nameDefault(fn);
  }

  get meta() {
    const rec = this.record;
    if (rec.importMeta === undefined) rec.importMeta = createImportMeta(rec);
    return rec.importMeta;
  }

  import(specifier, options) {
    return importModule(this.record.url, specifier, options);
  }
}

function nameDefault(value) {
  if (typeof value === 'function' && value.name === '__anode$default') {
    Object.defineProperty(value, 'name', { value: 'default', configurable: true });
  }
}

function createImportMeta(rec) {
  const meta = { __proto__: null };
  if (rec.filename !== null) {
    meta.dirname = path.dirname(rec.filename);
    meta.filename = rec.filename;
  }
  meta.resolve = function resolve(specifier) {
    specifier = `${specifier}`;
    try {
      return resolver.resolve(specifier, rec.url);
    } catch (err) {
      if (err?.code === 'ERR_MODULE_NOT_FOUND' && typeof err.url === 'string') return err.url;
      throw err;
    }
  };
  meta.url = rec.url;
  return meta;
}

// ---- loading ------------------------------------------------------------------

function readFile(filename) {
  const ctx = {};
  const text = fsb.readFileUtf8(filename, ctx);
  if (text === undefined) {
    const { UVException } = require('internal/errors');
    throw new UVException(ctx);
  }
  return text;
}

function parseDataURL(url) {
  const comma = url.indexOf(',');
  if (comma === -1) throw new (codes().ERR_INVALID_URL)(url);
  const head = url.slice(5, comma).split(';');
  const mime = head[0].trim().toLowerCase();
  const base64 = head.slice(1).some((p) => p.trim().toLowerCase() === 'base64');
  const body = url.slice(comma + 1);
  let text;
  if (base64) {
    text = require('buffer').Buffer.from(decodePercent(body), 'base64').toString('utf8');
  } else {
    text = decodePercent(body);
  }
  return { mime, text };
}

function decodePercent(s) {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9a-fA-F]{2})/g, (m, h) => String.fromCharCode(parseInt(h, 16)));
  }
}

function formatOf(url) {
  if (url.startsWith('node:')) return 'builtin';
  if (url.startsWith('data:')) {
    const { mime } = parseDataURL(url);
    if (mime === 'text/javascript' || mime === 'application/javascript') return 'module';
    if (mime === 'application/json') return 'json';
    throw new (codes().ERR_UNKNOWN_MODULE_FORMAT)(mime, url);
  }
  return resolver.fileFormat(url);
}

function getRecord(url, created, format) {
  let rec = moduleMap.get(url);
  if (rec === undefined) {
    rec = new ModuleRecord(url, format ?? formatOf(url));
    moduleMap.set(url, rec);
    created.push(rec);
  }
  return rec;
}

function syntaxErrorFor(rec, source, message, line) {
  const err = new SyntaxError(message);
  const text = source.split(/\r\n|[\n\r\u2028\u2029]/)[line - 1] ?? '';
  Object.defineProperty(err, kArrowMessage, { value: `${rec.url}:${line}\n${text}\n`, configurable: true });
  err.stack = `SyntaxError: ${message}\n    at ${rec.url}:${line}`;
  return err;
}

function transformModule(rec, source) {
  const errctx = {};
  const out = esm.transform(source, false, errctx);
  if (out === undefined) throw syntaxErrorFor(rec, source, errctx.message, errctx.line);
  rec.source = source;
  rec.code = out[0];
  rec.meta = JSON.parse(out[1]);
  rec.hasTLA = rec.meta.async;
  rec.requests = rec.meta.requests;
  rec.localExports = new Set(rec.meta.localExports);
}

// The transform writes a generator; outside cycles the `yield` that ends the
// prologue goes and a plain (or async) function remains.
function functionSource(code, meta, cyclic) {
  if (cyclic) return code;
  const head = meta.async ? '(async function* ' : '(function* ';
  return (meta.async ? '(async function ' : '(function ') + code.slice(head.length, meta.split) +
    code.slice(meta.split + 6);
}

function compileModule(rec) {
  const errctx = {};
  let code = functionSource(rec.code, rec.meta, rec.cyclic);
  let fn = esm.compile(code, rec.url, errctx);
  if (fn === undefined && !rec.meta.async && /\bawait\b/.test(rec.source)) {
    // An await the tokenizer took for one inside a function: try the
    // module as an async one before reporting the error.
    const retry = esm.transform(rec.source, true, {});
    if (retry !== undefined) {
      const meta = JSON.parse(retry[1]);
      const code2 = functionSource(retry[0], meta, rec.cyclic);
      const fn2 = esm.compile(code2, rec.url, {});
      if (fn2 !== undefined) {
        fn = fn2;
        code = code2;
        rec.meta = meta;
        rec.hasTLA = true;
      }
    }
  }
  if (fn === undefined) throw syntaxErrorFor(rec, rec.source, errctx.message, errctx.line || 1);
  columnOffsets.set(rec.url, rec.cyclic ? rec.meta.split + 6 : rec.meta.split - 1);
  rec.fn = fn;
  rec.code = null;
  rec.source = undefined;
}

// CommonJS exports `import` sees: the names the source assigns, following
// re-exports of other CommonJS files.
function cjsExportNames(filename, names, seen) {
  if (seen.has(filename)) return;
  seen.add(filename);
  let source;
  try {
    source = readFile(filename);
  } catch {
    return;
  }
  const json = esm.cjsExports(source);
  if (json === undefined) return;
  const found = JSON.parse(json);
  for (const n of found.exports) names.add(n);
  if (found.reexports.length === 0) return;
  const M = Module();
  const parent = { filename, paths: M._nodeModulePaths(path.dirname(filename)) };
  for (const spec of found.reexports) {
    let file;
    try {
      file = M._resolveFilename(spec, parent, false);
    } catch {
      continue;
    }
    if (!path.isAbsolute(file) || !/\.(c?js)$/.test(file) || resolver.isModuleFile(file)) continue;
    cjsExportNames(file, names, seen);
  }
}

function loadRecord(rec, source) {
  switch (rec.format) {
    case 'module': {
      if (source === undefined) {
        source = rec.url.startsWith('data:') ? parseDataURL(rec.url).text : readFile(rec.filename);
      }
      transformModule(rec, source);
      break;
    }
    case 'commonjs': {
      const names = new Set();
      cjsExportNames(rec.filename, names, new Set());
      names.delete('default');
      names.add('default');
      rec.exportNames = names;
      rec.values = { __proto__: null };
      break;
    }
    case 'json': {
      const text = rec.url.startsWith('data:') ? parseDataURL(rec.url).text : readFile(rec.filename);
      rec.values = { __proto__: null, default: packageJson.parseJson(text, rec.filename ?? rec.url) };
      rec.exportNames = new Set(['default']);
      break;
    }
    case 'builtin': {
      const id = rec.url.slice(5);
      const M = Module();
      const exports = id === 'module' ? M : require(require.resolveUserId(rec.url));
      // Read through on access: lazy properties of built-ins stay lazy.
      rec.builtinExports = exports;
      rec.exportNames = new Set();
      if (exports !== null && (typeof exports === 'object' || typeof exports === 'function')) {
        for (const key of Object.keys(exports)) rec.exportNames.add(key);
      }
      rec.exportNames.add('default');
      break;
    }
  }
  rec.status = 'loaded';
}

// Import attributes against the format found (Node 20's rules and codes).
function checkAttributes(dep, attributes) {
  for (const key of Object.keys(attributes)) {
    if (key !== 'type') throw new (codes().ERR_IMPORT_ATTRIBUTE_UNSUPPORTED)(key, attributes[key]);
  }
  const type = attributes.type;
  if (dep.format === 'json' && type === undefined) {
    throw new (codes().ERR_IMPORT_ASSERTION_TYPE_MISSING)(dep.url, 'json');
  }
  if (type === undefined) return;
  if (type !== 'json') throw new (codes().ERR_IMPORT_ASSERTION_TYPE_UNSUPPORTED)(type);
  if (dep.format !== 'json') throw new (codes().ERR_IMPORT_ASSERTION_TYPE_FAILED)(dep.url, 'json');
}

// Loads `url` and everything it imports. `source` is the root's text when
// it does not come from a file (-e, stdin).
function loadGraph(url, attributes, source) {
  const created = [];
  try {
    // Source given with the URL (-e, stdin) is module code.
    const root = getRecord(url, created, source === undefined ? undefined : 'module');
    if (attributes !== undefined) checkAttributes(root, attributes);
    const todo = [root];
    let first = true;
    while (todo.length > 0) {
      const rec = todo.pop();
      if (rec.status !== 'new') continue;
      loadRecord(rec, first ? source : undefined);
      first = false;
      if (rec.format !== 'module') continue;
      for (const [specifier, attrs] of rec.requests) {
        let depUrl;
        try {
          depUrl = resolver.resolve(specifier, rec.url);
        } catch (err) {
          throw err;
        }
        const dep = getRecord(depUrl, created);
        checkAttributes(dep, attrs);
        rec.deps.push(dep);
        if (dep.status === 'new') todo.push(dep);
      }
    }
    return root;
  } catch (err) {
    for (const rec of created) {
      if (moduleMap.get(rec.url) === rec) moduleMap.delete(rec.url);
    }
    throw err;
  }
}

// ---- linking -------------------------------------------------------------------

function resolveExport(mod, name, resolveSet) {
  if (mod.format !== 'module') return mod.exportNames.has(name) ? { module: mod, name } : null;
  for (const r of resolveSet) if (r.module === mod && r.name === name) return null;
  resolveSet.push({ module: mod, name });
  if (mod.localExports.has(name)) return { module: mod, name };
  for (const [exported, req, imported] of mod.meta.indirectExports) {
    if (exported !== name) continue;
    const dep = mod.deps[req];
    if (imported === '*') return { module: dep, name: '*', namespace: true };
    return resolveExport(dep, imported, resolveSet);
  }
  if (name === 'default') return null;
  let star = null;
  for (const req of mod.meta.starExports) {
    const res = resolveExport(mod.deps[req], name, resolveSet);
    if (res === AMBIGUOUS) return AMBIGUOUS;
    if (res === null) continue;
    if (star === null) star = res;
    else if (res.module !== star.module || res.name !== star.name) return AMBIGUOUS;
  }
  return star;
}

function exportedNames(mod, seen) {
  if (mod.format !== 'module') return [...mod.exportNames];
  if (seen.has(mod)) return [];
  seen.add(mod);
  const names = new Set(mod.meta.localExports);
  for (const e of mod.meta.indirectExports) names.add(e[0]);
  for (const req of mod.meta.starExports) {
    for (const n of exportedNames(mod.deps[req], seen)) if (n !== 'default') names.add(n);
  }
  return [...names];
}

function linkError(rec, message, line, column) {
  const err = new SyntaxError(message);
  let text = '';
  if (rec.filename !== null) {
    const src = require('internal/util/source').readSource(rec.filename);
    if (src !== undefined) text = src.split(/\r\n|[\n\r\u2028\u2029]/)[line - 1] ?? '';
  }
  const arrow = `${rec.url}:${line}\n${text}\n${' '.repeat(Math.max(0, column - 1))}^\n`;
  // As in Node, the stack itself starts with the arrow.
  Object.defineProperty(err, kArrowMessage, { value: '', configurable: true });
  err.stack = `${arrow}SyntaxError: ${message}\n    at ${rec.url}:${line}:${column}`;
  return err;
}

function missingExport(rec, dep, specifier, name, line, column, res) {
  if (res === AMBIGUOUS) {
    return linkError(rec, `The requested module '${specifier}' contains conflicting star exports for name '${name}'`,
      line, column);
  }
  if (dep.format === 'commonjs') {
    return linkError(rec, `Named export '${name}' not found. The requested module '${specifier}' is a CommonJS ` +
      'module, which may not support all module.exports as named exports.\nCommonJS modules can always be ' +
      `imported via the default export, for example using:\n\nimport pkg from '${specifier}';\n` +
      `const {${name}} = pkg;\n`, line, column);
  }
  return linkError(rec, `The requested module '${specifier}' does not provide an export named '${name}'`,
    line, column);
}

function getterFor(res) {
  if (res.namespace) {
    const ns = res.module.namespace;
    return () => ns;
  }
  const m = res.module;
  if (m.format === 'module') {
    if (m.getters !== null) return m.getters[res.name];
    // A module outside the cycle that has not run yet: read through.
    const name = res.name;
    return () => {
      if (m.getters === null) throw new ReferenceError(`Cannot access '${name}' before initialization`);
      return m.getters[name]();
    };
  }
  if (m.format === 'builtin') {
    const exports = m.builtinExports;
    if (res.name === 'default') return () => exports;
    const key = res.name;
    return () => exports[key];
  }
  const values = m.values;
  const name = res.name;
  return () => values[name];
}

function defineNamespace(rec) {
  rec.namespaceReady = true;
  const ns = rec.namespace;
  const names = exportedNames(rec, new Set()).sort();
  for (const name of names) {
    const res = resolveExport(rec, name, []);
    if (res === null || res === AMBIGUOUS) continue;
    Object.defineProperty(ns, name, { get: getterFor(res), enumerable: true, configurable: false });
  }
  Object.preventExtensions(ns);
}

// The records of the graph at `root` that have not been linked yet.
function unlinked(root) {
  const out = [];
  const seen = new Set([root]);
  const todo = [root];
  while (todo.length > 0) {
    const rec = todo.pop();
    if (rec.status !== 'loaded') continue;
    out.push(rec);
    for (const d of rec.deps) {
      if (!seen.has(d)) {
        seen.add(d);
        todo.push(d);
      }
    }
  }
  return out;
}

// Checks every import, runs each module's first step (its getters), builds
// the namespaces. Returns the first steps of async modules, still settling.
function link(root) {
  const recs = unlinked(root);
  for (const rec of recs) {
    if (rec.format !== 'module') continue;
    for (const [name, req, line, column] of rec.meta.imports) {
      if (name === '*') continue;
      const dep = rec.deps[req];
      const res = resolveExport(dep, name, []);
      if (res === null || res === AMBIGUOUS) {
        throw missingExport(rec, dep, rec.requests[req][0], name, line, column, res);
      }
    }
    for (const [, req, name, line, column] of rec.meta.indirectExports) {
      if (name === '*') continue;
      const dep = rec.deps[req];
      const res = resolveExport(dep, name, []);
      if (res === null || res === AMBIGUOUS) {
        throw missingExport(rec, dep, rec.requests[req][0], name, line, column, res);
      }
    }
  }
  markCycles(recs);
  for (const rec of recs) {
    if (rec.format === 'module') compileModule(rec);
  }
  const pending = [];
  for (const rec of recs) {
    if (!rec.cyclic) continue;
    rec.gen = rec.fn.call(undefined, new ModuleContext(rec));
    rec.fn = null;
    const first = rec.gen.next();
    if (rec.hasTLA) pending.push(first);
  }
  for (const rec of recs) {
    if ((rec.format !== 'module' || rec.cyclic) && !rec.namespaceReady) defineNamespace(rec);
    rec.status = 'linked';
  }
  return pending;
}

// Marks the modules that are in an import cycle (Tarjan's strongly connected
// components over the records being linked; linked ones cannot close one).
function markCycles(recs) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  let counter = 0;
  const inGraph = new Set(recs);
  function visit(rec) {
    index.set(rec, counter);
    low.set(rec, counter);
    counter++;
    stack.push(rec);
    onStack.add(rec);
    for (const dep of rec.deps) {
      if (!inGraph.has(dep)) continue;
      if (dep === rec) rec.cyclic = true;
      if (!index.has(dep)) {
        visit(dep);
        low.set(rec, Math.min(low.get(rec), low.get(dep)));
      } else if (onStack.has(dep)) {
        low.set(rec, Math.min(low.get(rec), index.get(dep)));
      }
    }
    if (low.get(rec) === index.get(rec)) {
      const members = [];
      let m;
      do {
        m = stack.pop();
        onStack.delete(m);
        members.push(m);
      } while (m !== rec);
      if (members.length > 1) for (const x of members) x.cyclic = true;
    }
  }
  for (const rec of recs) {
    if (rec.format === 'module' && !index.has(rec)) visit(rec);
  }
}

// ---- evaluation (the spec's algorithm, with top-level await) ---------------------

function newCapability() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Callers that need the outcome chain on the promise; the loader itself
  // reports errors, so an unobserved rejection here is not an error.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

function evaluateSynthetic(rec) {
  if (rec.format === 'commonjs') {
    const exports = Module()._load(rec.filename, null, false);
    rec.values.default = exports;
    for (const name of rec.exportNames) {
      if (name === 'default') continue;
      rec.values[name] = exports === null || exports === undefined ? undefined : exports[name];
    }
  }
}

function executeSync(rec) {
  if (rec.cyclic) {
    const gen = rec.gen;
    rec.gen = null;
    gen.next();
  } else {
    const fn = rec.fn;
    rec.fn = null;
    fn.call(undefined, new ModuleContext(rec));
  }
  if (rec.localExports.has('default')) nameDefault(rec.getters.default());
}

function innerEvaluate(rec, stack, index) {
  if (rec.status === 'evaluating-async' || rec.status === 'evaluated') {
    if (rec.errored) throw rec.error;
    return index;
  }
  if (rec.status === 'evaluating') return index;
  if (rec.format !== 'module') {
    try {
      evaluateSynthetic(rec);
    } catch (err) {
      rec.status = 'evaluated';
      rec.errored = true;
      rec.error = err;
      throw err;
    }
    rec.status = 'evaluated';
    return index;
  }
  rec.status = 'evaluating';
  rec.dfsIndex = index;
  rec.dfsAncestorIndex = index;
  rec.pendingAsyncDeps = 0;
  index++;
  stack.push(rec);
  for (let dep of rec.deps) {
    index = innerEvaluate(dep, stack, index);
    if (dep.status === 'evaluating') {
      rec.dfsAncestorIndex = Math.min(rec.dfsAncestorIndex, dep.dfsAncestorIndex);
    } else {
      dep = dep.cycleRoot ?? dep;
      if (dep.errored) throw dep.error;
    }
    if (dep.asyncEvaluation) {
      rec.pendingAsyncDeps++;
      dep.asyncParents.push(rec);
    }
  }
  if (rec.pendingAsyncDeps > 0 || rec.hasTLA) {
    rec.asyncEvaluation = true;
    rec.asyncOrder = ++asyncOrder;
    if (rec.pendingAsyncDeps === 0) executeAsync(rec);
  } else {
    executeSync(rec);
  }
  if (rec.dfsAncestorIndex === rec.dfsIndex) {
    for (;;) {
      const m = stack.pop();
      m.status = m.asyncEvaluation ? 'evaluating-async' : 'evaluated';
      m.cycleRoot = rec;
      if (m === rec) break;
    }
  }
  return index;
}

function executeAsync(rec) {
  let promise;
  if (rec.cyclic) {
    const gen = rec.gen;
    rec.gen = null;
    promise = gen.next();
  } else {
    const fn = rec.fn;
    rec.fn = null;
    promise = fn.call(undefined, new ModuleContext(rec));
  }
  promise.then(() => asyncFulfilled(rec), (err) => asyncRejected(rec, err));
}

function gatherAncestors(rec, list) {
  for (const m of rec.asyncParents) {
    if (list.includes(m) || (m.cycleRoot ?? m).errored) continue;
    m.pendingAsyncDeps--;
    if (m.pendingAsyncDeps === 0) {
      list.push(m);
      if (!m.hasTLA) gatherAncestors(m, list);
    }
  }
}

function asyncFulfilled(rec) {
  if (rec.status === 'evaluated') return;
  rec.asyncEvaluation = false;
  rec.status = 'evaluated';
  if (rec.localExports.has('default')) nameDefault(rec.getters.default());
  if (rec.capability !== null) rec.capability.resolve();
  const list = [];
  gatherAncestors(rec, list);
  list.sort((a, b) => a.asyncOrder - b.asyncOrder);
  for (const m of list) {
    if (m.errored) continue;
    if (m.hasTLA) {
      executeAsync(m);
      continue;
    }
    try {
      executeSync(m);
    } catch (err) {
      asyncRejected(m, err);
      continue;
    }
    m.asyncEvaluation = false;
    m.status = 'evaluated';
    if (m.capability !== null) m.capability.resolve();
  }
}

function asyncRejected(rec, err) {
  if (rec.status === 'evaluated' && rec.errored) return;
  rec.errored = true;
  rec.error = err;
  rec.status = 'evaluated';
  for (const m of rec.asyncParents) asyncRejected(m, err);
  if (rec.capability !== null) rec.capability.reject(err);
}

// Evaluates the graph at `rec`; a promise for its completion. A synchronous
// failure also leaves rec.errored set for synchronous callers.
function evaluate(rec) {
  let mod = rec;
  if (mod.status === 'evaluating-async' || mod.status === 'evaluated') mod = mod.cycleRoot ?? mod;
  if (mod.capability !== null) return mod.capability.promise;
  const cap = mod.capability = newCapability();
  const stack = [];
  try {
    innerEvaluate(mod, stack, 0);
  } catch (err) {
    for (const m of stack) {
      m.status = 'evaluated';
      m.errored = true;
      m.error = err;
    }
    cap.reject(err);
    return cap.promise;
  }
  if (!mod.asyncEvaluation) cap.resolve();
  return cap.promise;
}

function graphHasTLA(root) {
  const seen = new Set([root]);
  const todo = [root];
  while (todo.length > 0) {
    const rec = todo.pop();
    if (rec.status === 'evaluated') continue;
    if (rec.hasTLA || rec.status === 'evaluating-async') return true;
    for (const d of rec.deps) {
      if (!seen.has(d)) {
        seen.add(d);
        todo.push(d);
      }
    }
  }
  return false;
}

// ---- entry points -------------------------------------------------------------------

function importAttributes(options) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new TypeError('The second argument to import() must be an object');
  }
  let attrs = options.with;
  if (attrs === undefined) attrs = options.assert;
  if (attrs === undefined) return {};
  if (attrs === null || typeof attrs !== 'object') {
    throw new TypeError(`The '${options.with !== undefined ? 'with' : 'assert'}' option must be an object`);
  }
  const out = {};
  for (const key of Object.keys(attrs)) {
    const v = attrs[key];
    if (typeof v !== 'string') throw new TypeError('Import attribute value must be a string');
    out[key] = v;
  }
  return out;
}

async function linkAndEvaluate(rec) {
  const pending = link(rec);
  if (pending.length > 0) await Promise.all(pending);
  await evaluate(rec);
  return rec.namespace;
}

// import(specifier, options) from the module or script at `referrer`.
function importModule(referrer, specifier, options) {
  return (async () => {
    if (typeof specifier === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    const spec = `${specifier}`;
    const attributes = importAttributes(options);
    // Like Node, nothing runs before the caller's synchronous code is done.
    await undefined;
    const url = resolver.resolve(spec, referrer);
    const rec = loadGraph(url, attributes);
    return linkAndEvaluate(rec);
  })();
}

let mainPending = false;

function watchMain(promise) {
  mainPending = true;
  promise.then(() => {
    mainPending = false;
  }, (err) => {
    mainPending = false;
    require('internal/process/uncaught').triggerUncaught(err, false);
  });
  process.once('exit', (code) => {
    // The loop ran dry while the main module still awaited: Node's 13.
    if (mainPending && (process.exitCode === undefined || process.exitCode === 0) && code === 0) {
      process.exitCode = 13;
    }
  });
}

// Runs `url` as the main module (or -e / stdin code given as `source`).
function runMainURL(url, source) {
  const rec = loadGraph(url, undefined, source);
  const pending = link(rec);
  if (pending.length === 0 && !graphHasTLA(rec)) {
    evaluate(rec);
    if (rec.errored) throw rec.error;
    return;
  }
  watchMain((async () => {
    if (pending.length > 0) await Promise.all(pending);
    await evaluate(rec);
  })());
}

function runMain(file) {
  runMainURL(resolver.pathToURL(file));
}

// --input-type=module code from -e or stdin.
function evalModule(code, name) {
  const url = resolver.pathToURL(`${process.cwd()}/${name}`);
  moduleMap.delete(url);
  runMainURL(url, code);
}

// require() of an ES module (Node 22): synchronous graphs only.
function requireModule(filename, parent) {
  const url = resolver.pathToURL(filename);
  const rec = loadGraph(url);
  if (rec.status === 'evaluating') {
    const E = codes().ERR_REQUIRE_CYCLE_MODULE;
    throw new E(`Cannot require() ES Module ${filename} in a cycle.` +
      (parent?.filename ? ` (from ${parent.filename})` : ''));
  }
  if (graphHasTLA(rec)) {
    const E = codes().ERR_REQUIRE_ASYNC_MODULE;
    throw new E(filename, parent?.filename);
  }
  link(rec);
  evaluate(rec);
  if (rec.errored) throw rec.error;
  return requiredExports(rec);
}

// What require() returns for an ES module (Node 22): the value exported as
// "module.exports" if any, else the namespace, marked __esModule when it has
// a default export so transpiled consumers pick that up.
function requiredExports(rec) {
  const ns = rec.namespace;
  if (Object.prototype.hasOwnProperty.call(ns, 'module.exports')) return ns['module.exports'];
  if (!Object.prototype.hasOwnProperty.call(ns, 'default') ||
      Object.prototype.hasOwnProperty.call(ns, '__esModule')) return ns;
  if (rec.requireFacade === undefined) {
    const facade = createNamespace();
    const descs = Object.getOwnPropertyDescriptors(ns);
    descs.__esModule = { value: true, enumerable: true, configurable: false, writable: false };
    for (const key of Object.keys(descs).sort()) {
      Object.defineProperty(facade, key, descs[key]);
    }
    Object.preventExtensions(facade);
    rec.requireFacade = facade;
  }
  return rec.requireFacade;
}

// For CommonJS and eval code: the source with import() calls routed through
// the returned helper, or undefined when it has none.
function dynamicImportFor(source, referrerURL) {
  if (!/\bimport\s*\(/.test(source)) return undefined;
  const rewritten = esm.rewriteDynamicImport(source, '__anode$import');
  if (rewritten === undefined) return undefined;
  const helper = (specifier, options) => importModule(referrerURL, specifier, options);
  return { source: rewritten, helper };
}

// The URLs of every module loaded so far (`anode dev` watches their files).
function loadedURLs() {
  return [...moduleMap.keys()];
}

// An ES module preload (.mjs) as the CommonJS-style body the bridge runs in
// the renderer (bridge/js/renderer.js). A sandboxed preload has no module
// loader: its imports may name only what its `require` gives (electron and
// the safe built-ins), each a namespace of that module's properties plus
// `default`. Everything added stays on the first line, so line numbers hold.
function preloadSource(source, filename) {
  const url = resolver.pathToURL(filename);
  const errctx = {};
  const out = esm.transform(source, false, errctx);
  if (out === undefined) {
    const message = `${errctx.message}`;
    return `const e = new SyntaxError(${JSON.stringify(message)}); ` +
      `e.stack = ${JSON.stringify(`SyntaxError: ${message}\n    at ${url}:${errctx.line}`)}; throw e;`;
  }
  const meta = JSON.parse(out[1]);
  const specifiers = meta.requests.map((r) => r[0]);
  const imports = meta.imports.filter((i) => i[0] !== '*').map((i) => [i[0], i[1]]);
  const dirname = path.dirname(filename);
  const head = `const __anode$s = ${JSON.stringify(specifiers)};` +
    'const __anode$r = __anode$s.map((s) => { const m = require(s); ' +
    'return Object.freeze(Object.assign(Object.create(null), m, { default: m })); });' +
    `for (const [n, i] of ${JSON.stringify(imports)}) if (!(n in __anode$r[i])) ` +
    'throw new SyntaxError(`The requested module \'${__anode$s[i]}\' does not provide an export named \'${n}\'`);' +
    `const __anode$meta = { __proto__: null, url: ${JSON.stringify(url)}, filename: ${JSON.stringify(filename)}, ` +
    `dirname: ${JSON.stringify(dirname)}, resolve: (s) => s };` +
    'const __anode$p = ';
  const tail = '.call(undefined, { r: __anode$r, e() {}, n() {}, meta: __anode$meta, ' +
    'import: (s) => new Promise((ok) => { const m = require(s); ok(Object.assign(Object.create(null), m, { default: m })); }) });' +
    `if (__anode$p && typeof __anode$p.then === 'function') __anode$p.then(null, (e) => ` +
    `console.error(${JSON.stringify(`Unable to load preload script: ${filename}`)} + '\\n' + (e && e.stack || e)));`;
  return head + functionSource(out[0], meta, false) + tail;
}

module.exports = {
  preloadSource,
  loadedURLs,
  importModule,
  runMain,
  evalModule,
  requireModule,
  dynamicImportFor,
  isModuleFile: resolver.isModuleFile,
  pathToURL: resolver.pathToURL,
  moduleMap,
};
