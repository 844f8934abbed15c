'use strict';
// Node's ES module resolution: relative and absolute URLs (extensions
// required), file: / data: / node: URLs, bare specifiers through node_modules
// and package.json "exports" / "imports" with the import conditions, and the
// format of what was found (module, commonjs, json, builtin).

const path = require('path');
const fsb = internalBinding('fs');
const requireBuiltin = require;
const packageJson = require('internal/modules/package_json');

const defaultConditions = ['node', 'import'];
let lazyErrors;
function errors() {
  if (lazyErrors === undefined) lazyErrors = require('internal/errors').codes;
  return lazyErrors;
}
let lazyUrl;
function urlModule() {
  if (lazyUrl === undefined) lazyUrl = require('internal/url');
  return lazyUrl;
}

const statCache = new Map();
function stat(file) {
  let r = statCache.get(file);
  if (r === undefined) {
    r = fsb.internalModuleStat(file);
    statCache.set(file, r);
  }
  return r;
}

const realpathCache = new Map();
function realpath(file) {
  let r = realpathCache.get(file);
  if (r === undefined) {
    r = fsb.realpath(file, {}) ?? file;
    realpathCache.set(file, r);
  }
  return r;
}

// Paths made only of these characters are their own URL path.
const plainPath = /^[A-Za-z0-9/._~!$&'()*+,;=:@-]*$/;

function pathToURL(file) {
  if (plainPath.test(file)) return `file://${file}`;
  return urlModule().pathToFileURL(file).href;
}

function urlToPath(url) {
  if (url.startsWith('file:///') && !/[%?#]/.test(url)) return url.slice(7);
  return urlModule().fileURLToPath(url);
}

// The file URL's path without its query and fragment.
function fileOf(url) {
  const q = url.search(/[?#]/);
  return urlToPath(q === -1 ? url : url.slice(0, q));
}

// Where errors say a module was imported from: the parent's path for files.
function parentForMessage(parentURL) {
  if (typeof parentURL === 'string' && parentURL.startsWith('file:')) {
    try { return fileOf(parentURL); } catch { return parentURL; }
  }
  return parentURL;
}

function moduleNotFound(file, parentURL, url) {
  return new (errors().ERR_MODULE_NOT_FOUND)(file, parentForMessage(parentURL), url ?? `file://${file}`);
}

function invalidSpecifier(request, reason, parentURL) {
  return new (errors().ERR_INVALID_MODULE_SPECIFIER)(request, reason, parentURL && parentForMessage(parentURL));
}

function isRelative(specifier) {
  return specifier[0] === '/' || specifier.startsWith('./') || specifier.startsWith('../') ||
    specifier === '.' || specifier === '..';
}

function hasScheme(specifier) {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(specifier);
}

// new URL(specifier, base).href, without the URL class for plain paths.
function joinURL(specifier, baseURL) {
  if (baseURL.startsWith('file:///') && !/[%?#\\]/.test(specifier) && !/[%?#]/.test(baseURL)) {
    const base = baseURL.slice(7);
    const dir = base.endsWith('/') ? base : path.dirname(base);
    let file = specifier[0] === '/' ? path.normalize(specifier) : path.resolve(dir, specifier);
    if ((specifier.endsWith('/') || specifier.endsWith('/.') || specifier.endsWith('/..') ||
         specifier === '.' || specifier === '..') && !file.endsWith('/')) file += '/';
    return pathToURL(file);
  }
  const { URL } = urlModule();
  return new URL(specifier, baseURL).href;
}

// ---- package.json "exports" and "imports" -----------------------------------

function pkgDirOf(pjsonPath) {
  return pjsonPath.slice(0, -'package.json'.length);
}

function invalidTarget(pjsonPath, key, target, isImports, parentURL) {
  return new (errors().ERR_INVALID_PACKAGE_TARGET)(pkgDirOf(pjsonPath), key, target, isImports,
    parentURL && parentForMessage(parentURL));
}

function invalidConfig(pjsonPath, parentURL, message) {
  return new (errors().ERR_INVALID_PACKAGE_CONFIG)(pjsonPath, parentURL && parentForMessage(parentURL), message);
}

const badSegment = /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))?(\\|\/|$)/i;

function resolveTargetString(pjsonPath, target, subpath, key, pattern, isImports, parentURL, conditions) {
  if (!target.startsWith('./')) {
    if (isImports && !target.startsWith('../') && !target.startsWith('/') && !hasScheme(target)) {
      // An "imports" target may name a package.
      const spec = pattern ? target.replaceAll('*', subpath) : target + subpath;
      return packageResolve(spec, `file://${pjsonPath}`, conditions);
    }
    throw invalidTarget(pjsonPath, key, target, isImports, parentURL);
  }
  if (badSegment.test(target.slice(2))) throw invalidTarget(pjsonPath, key, target, isImports, parentURL);
  if (subpath !== '' && badSegment.test(subpath)) {
    throw invalidSpecifier(pattern ? key.replace('*', subpath) : key + subpath,
      `request is not a valid match in pattern "${key}" for the "${isImports ? 'imports' : 'exports'}" resolution of ${pjsonPath}`,
      parentURL);
  }
  const dir = pkgDirOf(pjsonPath);
  const resolved = pattern ? target.replaceAll('*', subpath) : target + subpath;
  return pathToURL(path.resolve(dir, resolved) + (resolved.endsWith('/') ? '/' : ''));
}

function resolveTarget(pjsonPath, target, subpath, key, pattern, isImports, parentURL, conditions) {
  if (typeof target === 'string') {
    return resolveTargetString(pjsonPath, target, subpath, key, pattern, isImports, parentURL, conditions);
  }
  if (Array.isArray(target)) {
    if (target.length === 0) return null;
    let lastError;
    for (const t of target) {
      let r;
      try {
        r = resolveTarget(pjsonPath, t, subpath, key, pattern, isImports, parentURL, conditions);
      } catch (err) {
        lastError = err;
        if (err.code === 'ERR_INVALID_PACKAGE_TARGET') continue;
        throw err;
      }
      if (r === undefined) continue;
      if (r === null) { lastError = null; continue; }
      return r;
    }
    if (lastError) throw lastError;
    return lastError;
  }
  if (target !== null && typeof target === 'object') {
    for (const cond of Object.keys(target)) {
      if (/^\d+$/.test(cond)) {
        throw invalidConfig(pjsonPath, parentURL, '"exports" cannot contain numeric property keys.');
      }
    }
    for (const cond of Object.keys(target)) {
      if (cond === 'default' || conditions.includes(cond)) {
        const r = resolveTarget(pjsonPath, target[cond], subpath, key, pattern, isImports, parentURL, conditions);
        if (r === undefined) continue;
        return r;
      }
    }
    return undefined;
  }
  if (target === null) return null;
  throw invalidTarget(pjsonPath, key, target, isImports, parentURL);
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

// Looks `name` up in an "exports" or "imports" map; {target, subpath, key, pattern}.
function matchMap(map, name) {
  if (Object.prototype.hasOwnProperty.call(map, name) && !name.includes('*')) {
    return { target: map[name], subpath: '', key: name, pattern: false };
  }
  let best = '';
  let bestSubpath;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star === -1) {
      // Node 20 still honours directory mappings ending in "/".
      if (key.endsWith('/') && name.startsWith(key) && key.length > best.length && !best.includes('*')) {
        best = key;
        bestSubpath = name.slice(key.length);
      }
      continue;
    }
    if (key.indexOf('*', star + 1) !== -1) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (name.startsWith(prefix) && name !== prefix && name.length >= key.length &&
        name.endsWith(suffix) && patternKeyCompare(best, key) === 1) {
      best = key;
      bestSubpath = name.slice(prefix.length, name.length - suffix.length);
    }
  }
  if (best === '') return null;
  return { target: map[best], subpath: bestSubpath, key: best, pattern: best.includes('*') };
}

function isConditionalSugar(exports, pjsonPath, parentURL) {
  if (typeof exports === 'string' || Array.isArray(exports)) return true;
  if (exports === null || typeof exports !== 'object') return false;
  let sugar;
  for (const key of Object.keys(exports)) {
    const cur = key === '' || key[0] !== '.';
    if (sugar === undefined) sugar = cur;
    else if (sugar !== cur) {
      throw invalidConfig(pjsonPath, parentURL,
        '"exports" cannot contain some keys starting with \'.\' and some not. The exports object must ' +
        'either be an object of package subpath keys or an object of main entry condition name keys only.');
    }
  }
  return sugar;
}

function packageExportsResolve(pjsonPath, subpath, exports, parentURL, conditions) {
  if (isConditionalSugar(exports, pjsonPath, parentURL)) exports = { '.': exports };
  const m = matchMap(exports, subpath);
  if (m !== null) {
    const r = resolveTarget(pjsonPath, m.target, m.subpath, m.key, m.pattern, false, parentURL, conditions);
    if (r !== null && r !== undefined) return r;
  }
  throw new (errors().ERR_PACKAGE_PATH_NOT_EXPORTED)(pkgDirOf(pjsonPath), subpath,
    parentURL && parentForMessage(parentURL));
}

function packageImportsResolve(name, parentURL, conditions) {
  if (name === '#' || name.startsWith('#/')) {
    throw invalidSpecifier(name, 'is not a valid internal imports specifier name', parentURL);
  }
  let scope;
  if (parentURL.startsWith('file:')) scope = packageJson.findScope(fileOf(parentURL));
  if (scope !== undefined && scope.imports !== null && typeof scope.imports === 'object') {
    const m = matchMap(scope.imports, name);
    if (m !== null) {
      const r = resolveTarget(scope.path, m.target, m.subpath, m.key, m.pattern, true, parentURL, conditions);
      if (r !== null && r !== undefined) return r;
    }
  }
  throw new (errors().ERR_PACKAGE_IMPORT_NOT_DEFINED)(name, scope && pkgDirOf(scope.path),
    parentForMessage(parentURL));
}

function parsePackageName(specifier, parentURL) {
  let sep = specifier.indexOf('/');
  let valid = true;
  if (specifier[0] === '@') {
    if (sep === -1 || specifier.length === 0) valid = false;
    else sep = specifier.indexOf('/', sep + 1);
  }
  const name = sep === -1 ? specifier : specifier.slice(0, sep);
  if (name[0] === '.' || name.includes('\\') || name.includes('%')) valid = false;
  if (!valid) throw invalidSpecifier(specifier, 'is not a valid package name', parentURL);
  return { name, subpath: `.${sep === -1 ? '' : specifier.slice(sep)}` };
}

// LEGACY_MAIN_RESOLVE: "main" with the CommonJS extensions, then index.
function legacyMainResolve(dir, pkg, parentURL) {
  const tries = [];
  if (pkg && typeof pkg.main === 'string') {
    const main = path.resolve(dir, pkg.main);
    tries.push(main, `${main}.js`, `${main}.json`, `${main}.node`, `${main}/index.js`,
      `${main}/index.json`, `${main}/index.node`);
  }
  tries.push(`${dir}/index.js`, `${dir}/index.json`, `${dir}/index.node`);
  for (const file of tries) {
    if (stat(file) === 0) return pathToURL(file);
  }
  throw moduleNotFound(dir, parentURL);
}

function packageResolve(specifier, parentURL, conditions) {
  const builtin = requireBuiltin.resolveUserId(specifier);
  if (builtin !== undefined) return `node:${builtin}`;
  const { name, subpath } = parsePackageName(specifier, parentURL);
  const parentFile = parentURL.startsWith('file:') ? fileOf(parentURL) : `${process.cwd()}/[anode]`;
  const scope = packageJson.findScope(parentFile);
  if (scope !== undefined && scope.name === name && scope.exports !== undefined && scope.exports !== null) {
    return packageExportsResolve(scope.path, subpath, scope.exports, parentURL, conditions);
  }
  let dir = path.dirname(parentFile);
  for (;;) {
    if (!dir.endsWith('/node_modules')) {
      const pkgDir = `${dir === '/' ? '' : dir}/node_modules/${name}`;
      if (stat(pkgDir) === 1) {
        const pjsonPath = `${pkgDir}/package.json`;
        const pkg = packageJson.read(pjsonPath);
        if (pkg !== undefined && pkg.exports !== undefined && pkg.exports !== null) {
          return packageExportsResolve(pjsonPath, subpath, pkg.exports, parentURL, conditions);
        }
        if (subpath === '.') return legacyMainResolve(pkgDir, pkg, parentURL);
        return pathToURL(`${pkgDir}${subpath.slice(1)}`);
      }
    }
    if (dir === '/') break;
    dir = path.dirname(dir);
  }
  throw new (errors().ERR_MODULE_NOT_FOUND)(name, parentForMessage(parentURL));
}

// A resolved file: URL must name an existing file; symlinks are followed.
function finalizeFileURL(url, parentURL) {
  if (/%2f|%5c/i.test(url.replace(/[?#].*$/, ''))) {
    throw invalidSpecifier(url, 'must not include encoded "/" or "\\" characters', parentURL);
  }
  const file = fileOf(url);
  const kind = stat(file.endsWith('/') && file.length > 1 ? file.slice(0, -1) : file);
  if (kind === 1 || file.endsWith('/')) {
    if (kind < 0) throw moduleNotFound(file, parentURL, url);
    throw new (errors().ERR_UNSUPPORTED_DIR_IMPORT)(file, parentForMessage(parentURL), url);
  }
  if (kind !== 0) throw moduleNotFound(file, parentURL, url);
  const real = realpath(file);
  if (real === file) return url;
  const q = url.search(/[?#]/);
  return pathToURL(real) + (q === -1 ? '' : url.slice(q));
}

// The URL `specifier` names when imported from `parentURL`.
function resolve(specifier, parentURL, conditions = defaultConditions) {
  if (specifier.startsWith('node:')) {
    if (requireBuiltin.resolveUserId(specifier) === undefined) {
      throw new (errors().ERR_UNKNOWN_BUILTIN_MODULE)(specifier);
    }
    return specifier;
  }
  let url;
  if (isRelative(specifier)) {
    if (!parentURL || !(parentURL.startsWith('file:'))) {
      const err = new TypeError(`Failed to resolve module specifier "${specifier}" from "${parentURL}": ` +
        'Invalid relative URL or base scheme is not hierarchical.');
      err.code = 'ERR_UNSUPPORTED_RESOLVE_REQUEST';
      throw err;
    }
    url = joinURL(specifier, parentURL);
  } else if (specifier[0] === '#') {
    url = packageImportsResolve(specifier, parentURL, conditions);
  } else if (hasScheme(specifier)) {
    let parsed;
    try {
      parsed = new (urlModule().URL)(specifier);
    } catch {
      throw invalidSpecifier(specifier, 'is not a valid URL', parentURL);
    }
    url = parsed.href;
  } else {
    url = packageResolve(specifier, parentURL || pathToURL(`${process.cwd()}/`), conditions);
  }
  if (url.startsWith('file:')) return finalizeFileURL(url, parentURL);
  if (url.startsWith('node:')) {
    if (requireBuiltin.resolveUserId(url) === undefined) throw new (errors().ERR_UNKNOWN_BUILTIN_MODULE)(url);
    return url;
  }
  if (url.startsWith('data:')) return url;
  const scheme = url.slice(0, url.indexOf(':') + 1);
  const err = new (errors().ERR_UNSUPPORTED_ESM_URL_SCHEME)({ protocol: scheme }, ['file', 'data', 'node']);
  throw err;
}

// ESM_FILE_FORMAT: how a file: URL is run.
function fileFormat(url) {
  const file = fileOf(url);
  const slash = file.lastIndexOf('/');
  const dot = file.lastIndexOf('.');
  const ext = dot > slash ? file.slice(dot) : '';
  if (ext === '.mjs') return 'module';
  if (ext === '.cjs') return 'commonjs';
  if (ext === '.json') return 'json';
  if (ext === '.js' || ext === '') {
    const scope = packageJson.findScope(file);
    return scope?.type === 'module' ? 'module' : 'commonjs';
  }
  throw new (errors().ERR_UNKNOWN_FILE_EXTENSION)(ext, file);
}

// Is this file run as an ES module when it is the entry point?
function isModuleFile(file) {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs') || !(file.endsWith('.js') || !path.basename(file).includes('.'))) return false;
  return packageJson.findScope(file)?.type === 'module';
}

module.exports = {
  resolve,
  fileFormat,
  isModuleFile,
  pathToURL,
  urlToPath,
  fileOf,
  parentForMessage,
  packageResolve,
};
