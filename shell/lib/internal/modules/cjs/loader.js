'use strict';
// CommonJS with Node's resolution algorithm: relative and absolute paths,
// extensions, directory index, package.json "main" and "exports" (conditions
// and patterns), node_modules walk-up, node: built-ins, require.cache, cycles.

const path = require('path');
const fsb = internalBinding('fs');
const { compileFunction } = internalBinding('builtins');
const requireBuiltin = require;
const packageJson = require('internal/modules/package_json');
const { kArrowMessage } = require('internal/process/uncaught');
const { columnOffsets } = require('internal/util/stack');

const wrapperParams = ['exports', 'require', 'module', '__filename', '__dirname'];
const conditions = ['require', 'node', 'node-addons', 'default'];
const statCache = new Map();
const realpathCache = new Map();

function stat(file) {
  let r = statCache.get(file);
  if (r === undefined) {
    r = fsb.internalModuleStat(file);
    statCache.set(file, r);
  }
  return r;
}

function realpath(file) {
  let r = realpathCache.get(file);
  if (r === undefined) {
    r = fsb.realpath(file, {}) ?? file;
    realpathCache.set(file, r);
  }
  return r;
}

function invalidArgType(name, expected, actual) {
  const { codes } = require('internal/errors');
  return new codes.ERR_INVALID_ARG_TYPE(name, expected, actual);
}

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  Object.defineProperty(this, 'exports', { value: {}, writable: true, enumerable: true, configurable: true });
  this.filename = null;
  this.loaded = false;
  this.children = [];
  this.paths = [];
  Object.defineProperty(this, 'parent', { value: parent, writable: true, enumerable: false, configurable: true });
  if (parent && parent.children && !parent.children.includes(this)) parent.children.push(this);
}

Module._cache = Object.create(null);
Module._pathCache = Object.create(null);
Module._extensions = Object.create(null);
Module._initPaths = function initPaths() {
  const home = process.env.HOME;
  const prefix = path.resolve(process.execPath, '..', '..');
  const paths = [path.resolve(prefix, 'lib', 'node')];
  if (home) paths.unshift(path.resolve(home, '.node_modules'), path.resolve(home, '.node_libraries'));
  const nodePath = process.env.NODE_PATH;
  if (nodePath) paths.unshift(...nodePath.split(':').filter(Boolean));
  Module.globalPaths = paths;
};
Module._initPaths();
Module.wrapper = [`(function (${wrapperParams.join(', ')}) { `, '\n});'];
Module.wrap = (script) => Module.wrapper[0] + script + Module.wrapper[1];
Module.Module = Module;

Object.defineProperty(Module, 'builtinModules', {
  get() { return requireBuiltin.userIds(); },
  enumerable: true,
});

Module.isBuiltin = function isBuiltin(id) {
  return typeof id === 'string' && requireBuiltin.resolveUserId(id) !== undefined;
};

Module._nodeModulePaths = function nodeModulePaths(from) {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const paths = [];
  const parts = from.split('/');
  for (let i = parts.length; i > 1; i--) {
    if (parts[i - 1] === 'node_modules') continue;
    paths.push(`${parts.slice(0, i).join('/')}/node_modules`);
  }
  paths.push('/node_modules');
  return paths;
};

function tryFile(file) {
  return stat(file) === 0 ? realpath(file) : undefined;
}

function tryExtensions(base) {
  for (const ext of Object.keys(Module._extensions)) {
    const f = tryFile(base + ext);
    if (f !== undefined) return f;
  }
  return undefined;
}

function tryPackage(dir, request, parent) {
  const pkg = packageJson.read(`${dir}/package.json`);
  const main = pkg?.main;
  if (typeof main === 'string' && main !== '') {
    const base = path.resolve(dir, main);
    const found = tryFile(base) ?? tryExtensions(base) ?? tryExtensions(`${base}/index`);
    if (found !== undefined) return found;
    const index = tryExtensions(`${dir}/index`);
    if (index !== undefined) {
      process.emitWarning(
        `Invalid 'main' field in '${dir}/package.json' of '${main}'. ` +
        'Please either fix that or report it to the module author',
        'DeprecationWarning', 'DEP0128');
    }
    if (index === undefined) {
      const err = new Error(`Cannot find module '${base}'. Please verify that the package.json has a valid "main" entry`);
      err.code = 'MODULE_NOT_FOUND';
      err.path = `${dir}/package.json`;
      err.requestPath = request;
      throw err;
    }
    return index;
  }
  return tryExtensions(`${dir}/index`);
}

// A file or directory at an absolute path, per LOAD_AS_FILE / LOAD_AS_DIRECTORY.
function loadAsPath(base, request, parent) {
  const trailingSlash = base.endsWith('/') || request.endsWith('/');
  if (!trailingSlash) {
    const f = tryFile(base) ?? tryExtensions(base);
    if (f !== undefined) return f;
  }
  if (stat(base) === 1) return tryPackage(base, request, parent);
  return undefined;
}

// ---- package "exports" ------------------------------------------------

function exportsError(code, message) {
  const err = new Error(message);
  err.code = code;
  return err;
}

function notExported(pkgPath, subpath, base) {
  const dir = path.dirname(pkgPath);
  if (subpath === '.') {
    return exportsError('ERR_PACKAGE_PATH_NOT_EXPORTED', `No "exports" main defined in ${dir}/package.json`);
  }
  return exportsError('ERR_PACKAGE_PATH_NOT_EXPORTED',
    `Package subpath '${subpath}' is not defined by "exports" in ${dir}/package.json${base ? ` imported from ${base}` : ''}`);
}

function invalidTarget(pkgPath, key, target) {
  const relError = typeof target === 'string' && !target.startsWith('./');
  return exportsError('ERR_INVALID_PACKAGE_TARGET',
    `Invalid "exports" target ${JSON.stringify(target)} defined for '${key}' in the package config ${pkgPath}` +
    (relError ? '; targets must start with "./"' : ''));
}

function resolveTarget(pkgPath, target, patternMatch, key) {
  const dir = path.dirname(pkgPath);
  if (typeof target === 'string') {
    if (!target.startsWith('./')) throw invalidTarget(pkgPath, key, target);
    const parts = target.split('/').slice(1);
    if (parts.some((p) => p === '..' || p === '.' || p === 'node_modules')) throw invalidTarget(pkgPath, key, target);
    const resolved = patternMatch === null ? target : target.replaceAll('*', patternMatch);
    return path.resolve(dir, resolved);
  }
  if (Array.isArray(target)) {
    let lastErr;
    for (const t of target) {
      try {
        const r = resolveTarget(pkgPath, t, patternMatch, key);
        if (r !== undefined && r !== null) return r;
      } catch (err) {
        lastErr = err;
        if (err.code !== 'ERR_INVALID_PACKAGE_TARGET') throw err;
      }
    }
    if (lastErr) throw lastErr;
    return null;
  }
  if (target !== null && typeof target === 'object') {
    for (const cond of Object.keys(target)) {
      if (/^\d+$/.test(cond)) {
        throw exportsError('ERR_INVALID_PACKAGE_CONFIG', `Invalid package config ${pkgPath}. "exports" cannot contain numeric property keys.`);
      }
      if (conditions.includes(cond)) {
        const r = resolveTarget(pkgPath, target[cond], patternMatch, key);
        if (r === undefined) continue;
        return r;
      }
    }
    return undefined;
  }
  if (target === null) return null;
  throw invalidTarget(pkgPath, key, target);
}

function isConditionalSugar(exports, pkgPath) {
  if (typeof exports === 'string' || Array.isArray(exports)) return true;
  if (exports === null || typeof exports !== 'object') return false;
  let isSugar;
  for (const key of Object.keys(exports)) {
    const cur = key === '' || key[0] !== '.';
    if (isSugar === undefined) isSugar = cur;
    else if (isSugar !== cur) {
      throw exportsError('ERR_INVALID_PACKAGE_CONFIG',
        `Invalid package config ${pkgPath}. "exports" cannot contain some keys starting with '.' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.`);
    }
  }
  return isSugar;
}

function packageExportsResolve(pkgPath, subpath, exports, base) {
  if (isConditionalSugar(exports, pkgPath)) exports = { '.': exports };
  let resolved;
  if (Object.prototype.hasOwnProperty.call(exports, subpath) && !subpath.includes('*')) {
    resolved = resolveTarget(pkgPath, exports[subpath], null, subpath);
  } else {
    let bestMatch = '';
    let bestSubpath;
    for (const key of Object.keys(exports)) {
      const star = key.indexOf('*');
      if (star === -1 || key.indexOf('*', star + 1) !== -1) continue;
      const prefix = key.slice(0, star);
      const suffix = key.slice(star + 1);
      if (subpath.startsWith(prefix) && subpath !== prefix &&
          (suffix === '' || (subpath.endsWith(suffix) && subpath.length >= key.length))) {
        if (patternKeyCompare(bestMatch, key) === 1) {
          bestMatch = key;
          bestSubpath = subpath.slice(prefix.length, subpath.length - suffix.length);
        }
      }
    }
    if (bestMatch) resolved = resolveTarget(pkgPath, exports[bestMatch], bestSubpath, bestMatch);
  }
  if (resolved === undefined || resolved === null) throw notExported(pkgPath, subpath, base);
  return resolved;
}

function patternKeyCompare(a, b) {
  const aStar = a.indexOf('*');
  const bStar = b.indexOf('*');
  const baseA = aStar === -1 ? a.length : aStar + 1;
  const baseB = bStar === -1 ? b.length : bStar + 1;
  if (baseA > baseB) return -1;
  if (baseB > baseA) return 1;
  if (aStar === -1) return 1;
  if (bStar === -1) return -1;
  if (a.length > b.length) return -1;
  if (b.length > a.length) return 1;
  return 0;
}

function splitPackageName(request) {
  let end = request.indexOf('/');
  if (request[0] === '@') {
    if (end === -1) return null;
    end = request.indexOf('/', end + 1);
  }
  const name = end === -1 ? request : request.slice(0, end);
  return { name, subpath: `.${end === -1 ? '' : request.slice(end)}` };
}

// A file resolved through package.json "exports", or undefined when the
// package has no "exports" (then the legacy rules apply).
function resolveExports(nmDir, request, parentFile) {
  const split = splitPackageName(request);
  if (split === null) return undefined;
  const pkgPath = `${nmDir}/${split.name}/package.json`;
  const pkg = packageJson.read(pkgPath);
  if (pkg === undefined || pkg.exports === undefined || pkg.exports === null) return undefined;
  // CommonJS lookups through node_modules name no importer, as Node's.
  const file = packageExportsResolve(pkgPath, split.subpath, pkg.exports, undefined);
  const found = tryFile(file);
  if (found === undefined) {
    const err = new Error(`Cannot find module '${file}'`);
    err.code = 'MODULE_NOT_FOUND';
    throw err;
  }
  return found;
}

// A package naming itself ("self-reference") through its own "exports".
function resolveSelf(request, parentFile) {
  if (!parentFile) return undefined;
  const scope = packageJson.findScope(parentFile);
  if (!scope || scope.exports === undefined || scope.exports === null || typeof scope.name !== 'string') return undefined;
  if (request !== scope.name && !request.startsWith(`${scope.name}/`)) return undefined;
  const subpath = `.${request.slice(scope.name.length)}`;
  const file = packageExportsResolve(scope.path, subpath, scope.exports, parentFile);
  return tryFile(file);
}

function requireStackOf(parent) {
  const stack = [];
  for (let m = parent; m; m = m.parent) {
    const name = m.filename || m.id;
    if (name) stack.push(name);
  }
  return stack;
}

Module._resolveLookupPaths = function resolveLookupPaths(request, parent) {
  if (requireBuiltin.resolveUserId(request) !== undefined) return null;
  if (request[0] !== '.' || (request.length > 1 && request[1] !== '.' && request[1] !== '/')) {
    const paths = (parent?.paths?.length ? parent.paths : Module._nodeModulePaths(process.cwd())).slice();
    return paths.concat(Module.globalPaths);
  }
  return [parent?.filename ? path.dirname(parent.filename) : process.cwd()];
};

Module._findPath = function findPath(request, paths) {
  if (path.isAbsolute(request)) return loadAsPath(request, request) ?? false;
  for (const dir of paths) {
    const base = path.resolve(dir, request);
    const found = loadAsPath(base, request);
    if (found !== undefined) return found;
  }
  return false;
};

Module._resolveFilename = function resolveFilename(request, parent, isMain, options) {
  if (typeof request !== 'string') throw invalidArgType('id', 'string', request);
  if (request === '') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_VALUE('id', request, 'must be a non-empty string');
  }
  if (requireBuiltin.resolveUserId(request) !== undefined) return request;

  const parentFile = parent?.filename;
  const isRelative = request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..';
  let found;

  if (path.isAbsolute(request)) {
    found = loadAsPath(path.resolve(request), request, parent);
  } else if (isRelative) {
    const dirs = options?.paths
      ? options.paths.map((p) => path.resolve(p))
      : [parentFile ? path.dirname(parentFile) : process.cwd()];
    for (const dir of dirs) {
      found = loadAsPath(path.resolve(dir, request), request, parent);
      if (found !== undefined) break;
    }
  } else {
    found = resolveSelf(request, parentFile);
    let lookup;
    if (options?.paths) {
      lookup = [];
      for (const p of options.paths) {
        for (const nm of Module._nodeModulePaths(p)) if (!lookup.includes(nm)) lookup.push(nm);
      }
    } else {
      lookup = Module._resolveLookupPaths(request, parent) ?? [];
    }
    for (let i = 0; found === undefined && i < lookup.length; i++) {
      const nmDir = lookup[i];
      if (stat(nmDir) !== 1) continue;
      found = resolveExports(nmDir, request, parentFile);
      if (found === undefined) found = loadAsPath(path.resolve(nmDir, request), request, parent);
    }
  }

  if (found === undefined) {
    const requireStack = requireStackOf(parent);
    let message = `Cannot find module '${request}'`;
    if (requireStack.length > 0) message += `\nRequire stack:\n- ${requireStack.join('\n- ')}`;
    const err = new Error(message);
    err.code = 'MODULE_NOT_FOUND';
    err.requireStack = requireStack;
    throw err;
  }
  return found;
};

function stripShebang(source) {
  if (source.charCodeAt(0) === 0xFEFF) source = source.slice(1);
  if (source.startsWith('#!')) source = `//${source.slice(2)}`;
  return source;
}

// Compiles `source` as `filename`'s module wrapper; a syntax error names the
// file and line and shows the line, as Node's does.
function wrapSafe(filename, source, params = wrapperParams) {
  const errctx = {};
  const fn = compileFunction(stripShebang(source), filename, params, errctx);
  // "(function (" + params + ") {", as binding-builtins.c writes it.
  columnOffsets.set(filename, 14 + params.join(', ').length);
  if (typeof fn === 'function') return fn;
  const err = new SyntaxError(errctx.message);
  const line = errctx.line || 1;
  const text = source.split('\n')[line - 1] ?? '';
  Object.defineProperty(err, kArrowMessage, { value: `${filename}:${line}\n${text}\n\n`, configurable: true });
  err.stack = `SyntaxError: ${errctx.message}\n    at ${filename}:${line}`;
  throw err;
}

Module.prototype._compile = function _compile(content, filename) {
  // import() is routed through a helper bound to this file (ES module loader).
  const dyn = mayImport.test(content) ?
    esmLoader().dynamicImportFor(content, esmLoader().pathToURL(filename)) : undefined;
  const fn = dyn === undefined ? wrapSafe(filename, content) :
    wrapSafe(filename, dyn.source, [...wrapperParams, '__anode$import']);
  const dirname = path.dirname(filename);
  const require = makeRequire(this);
  if (dyn !== undefined) return fn.call(this.exports, this.exports, require, this, filename, dirname, dyn.helper);
  return fn.call(this.exports, this.exports, require, this, filename, dirname);
};

Module._extensions['.js'] = function loadJs(module, filename) {
  if (filename.endsWith('.js')) {
    const scope = packageJson.findScope(filename);
    if (scope?.type === 'module') {
      module.exports = esmLoader().requireModule(filename, module.parent);
      return;
    }
  }
  const content = readSource(filename);
  module._compile(content, filename);
};

Module._extensions['.json'] = function loadJson(module, filename) {
  const content = readSource(filename);
  module.exports = packageJson.parseJson(content, filename);
};

Module._extensions['.node'] = function loadNode(module, filename) {
  const err = new Error(`${filename}: native addons (.node) are not supported by anode`);
  err.code = 'ERR_DLOPEN_FAILED';
  throw err;
};

// Sources that may call import(): only these are tokenized to route it.
const mayImport = /\bimport\s*\(/;

// require() of an ES module runs it through the ES module loader (Node 22).
let esmLoaderModule;
function esmLoader() {
  if (esmLoaderModule === undefined) esmLoaderModule = require('internal/modules/esm/loader');
  return esmLoaderModule;
}

function readSource(filename) {
  const ctx = {};
  const content = fsb.readFileUtf8(filename, ctx);
  if (content === undefined) {
    const { UVException } = require('internal/errors');
    throw new UVException(ctx);
  }
  return content;
}

Module.prototype.load = function load(filename) {
  this.filename = filename;
  this.paths = Module._nodeModulePaths(path.dirname(filename));
  let ext = path.extname(filename);
  if (ext === '.mjs') {
    this.exports = esmLoader().requireModule(filename, this.parent);
    this.loaded = true;
    return;
  }
  if (ext === '.cjs') ext = '.js';
  if (!Module._extensions[ext]) ext = '.js';
  Module._extensions[ext](this, filename);
  this.loaded = true;
};

Module.prototype.require = function require(id) {
  if (typeof id !== 'string') throw invalidArgType('id', 'string', id);
  if (id === '') {
    const { codes } = requireBuiltin('internal/errors');
    throw new codes.ERR_INVALID_ARG_VALUE('id', id, 'must be a non-empty string');
  }
  return Module._load(id, this, false);
};

Module._load = function load(request, parent, isMain) {
  const builtin = requireBuiltin.resolveUserId(request);
  if (builtin !== undefined) return loadBuiltin(builtin);
  if (request.startsWith('node:')) {
    const err = new Error(`No such built-in module: ${request}`);
    err.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
    throw err;
  }
  const filename = Module._resolveFilename(request, parent, isMain);
  const cached = Module._cache[filename];
  if (cached !== undefined) {
    if (parent && parent.children && !parent.children.includes(cached)) parent.children.push(cached);
    if (!cached.loaded) return exportsForCircularRequire(cached);
    return cached.exports;
  }
  if (filename.startsWith('node:') || requireBuiltin.resolveUserId(filename) !== undefined) return loadBuiltin(requireBuiltin.resolveUserId(filename));
  const module = new Module(filename, parent);
  if (isMain) {
    process.mainModule = module;
    module.id = '.';
    mainModule = module;
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (Object.getPrototypeOf(module.exports) === circularWarningProto) {
      Object.setPrototypeOf(module.exports, Object.prototype);
    }
    if (threw) {
      delete Module._cache[filename];
      if (parent?.children) {
        const i = parent.children.indexOf(module);
        if (i !== -1) parent.children.splice(i, 1);
      }
    }
  }
  return module.exports;
};

// While a cycle is being loaded, reading a property its partial exports do
// not have yet warns, as in Node.
const circularWarningProto = new Proxy(Object.prototype, {
  get(target, prop, receiver) {
    if (typeof prop === 'string' && !(prop in target) && prop !== '__esModule' && prop !== 'then') {
      process.emitWarning(`Accessing non-existent property '${prop}' of module exports inside circular dependency`);
    }
    return Reflect.get(target, prop, receiver);
  },
});

function exportsForCircularRequire(module) {
  const exports = module.exports;
  if (exports !== null && typeof exports === 'object' && Object.getPrototypeOf(exports) === Object.prototype &&
      !exports.__esModule) {
    Object.setPrototypeOf(exports, circularWarningProto);
  }
  return exports;
}

function loadBuiltin(id) {
  if (id === 'module') return Module;
  return requireBuiltin(id);
}

let mainModule;

function makeRequire(mod) {
  const require = function require(id) {
    return mod.require(id);
  };
  function resolve(request, options) {
    if (typeof request !== 'string') throw invalidArgType('request', 'string', request);
    return Module._resolveFilename(request, mod, false, options);
  }
  resolve.paths = function paths(request) {
    if (typeof request !== 'string') throw invalidArgType('request', 'string', request);
    return Module._resolveLookupPaths(request, mod);
  };
  require.resolve = resolve;
  Object.defineProperty(require, 'main', { get: () => mainModule, enumerable: true, configurable: true });
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

Module.createRequire = function createRequire(filename) {
  let file;
  if (typeof URL === 'function' && filename instanceof URL) {
    file = filename.protocol === 'file:' ? decodeURIComponent(filename.pathname) : undefined;
  } else if (typeof filename === 'string') {
    file = filename.startsWith('file://') ? decodeURIComponent(filename.slice(7).replace(/^[^/]*/, '')) : filename;
  }
  if (typeof file !== 'string' || !path.isAbsolute(file)) {
    const { codes } = requireBuiltin('internal/errors');
    throw new codes.ERR_INVALID_ARG_VALUE('filename', filename, 'must be a file URL object, file URL string, or absolute path string');
  }
  const trailing = file.endsWith('/');
  const proxyPath = trailing ? path.join(file, 'noop.js') : file;
  const m = new Module(proxyPath, null);
  m.filename = proxyPath;
  m.paths = Module._nodeModulePaths(m.path);
  return makeRequire(m);
};

// Runs `file` as the main module. Returns false when it does not exist.
// Is `file` an ES module by Node's rules (.mjs, or .js / no extension under
// a package.json with "type": "module")?
function isModuleFile(file) {
  if (file.endsWith('.mjs')) return true;
  if (!file.endsWith('.js') && path.extname(file) !== '') return false;
  return packageJson.findScope(file)?.type === 'module';
}

Module.runMain = function runMain(file) {
  if (isModuleFile(file)) {
    esmLoader().runMain(file);
    return;
  }
  Module._load(file, null, true);
};

// A require bound to a directory, for -e / stdin code.
Module._requireFor = function requireFor(filename) {
  const m = new Module(filename, null);
  m.filename = filename;
  m.paths = Module._nodeModulePaths(path.dirname(filename));
  return { module: m, require: makeRequire(m) };
};

Module._wrapSafe = wrapSafe;
Module._readPackage = packageJson.read;
Module.syncBuiltinESMExports = function syncBuiltinESMExports() {};
Module.findSourceMap = function findSourceMap() { return undefined; };
Module.register = function register() {
  const err = new Error('module.register() (ES module customization hooks) is not supported by anode');
  err.code = 'ERR_METHOD_NOT_IMPLEMENTED';
  throw err;
};

module.exports = Module;
