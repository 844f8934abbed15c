'use strict';
// The built-in module loader: the first JS that runs. Built-ins are compiled
// from the binary's GResource on first require and cached here.

const { compileBuiltin, builtinIds } = internalBinding('builtins');
const cache = new Map();
// process.moduleLoadList, as in Node: what start-up and the script loaded.
const moduleLoadList = [];

// Built-ins that only resolve with the node: prefix, as in Node.
const schemeOnly = new Set(['test', 'test/reporters', 'sea', 'sqlite']);
let publicIds;

function requireBuiltin(id) {
  const cached = cache.get(id);
  if (cached !== undefined) return cached.exports;
  const fn = compileBuiltin(id);
  if (typeof fn !== 'function') {
    const err = new Error(`No such built-in module: ${id}`);
    err.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
    throw err;
  }
  moduleLoadList.push(`NativeModule ${id}`);
  const mod = { id, exports: {}, loaded: false };
  cache.set(id, mod);
  try {
    fn.call(mod.exports, mod.exports, requireBuiltin, mod, internalBinding);
  } catch (err) {
    cache.delete(id);
    throw err;
  }
  mod.loaded = true;
  return mod.exports;
}

function userIds() {
  if (publicIds === undefined) {
    publicIds = new Set(builtinIds().filter((id) => !id.startsWith('internal/') && !id.includes('/internal/')));
  }
  return publicIds;
}

// Can `request` (with or without node:) be required by user code? Returns
// the built-in id or undefined.
requireBuiltin.resolveUserId = function resolveUserId(request) {
  if (request.startsWith('node:')) {
    const id = request.slice(5);
    return userIds().has(id) ? id : undefined;
  }
  if (schemeOnly.has(request)) return undefined;
  return userIds().has(request) ? request : undefined;
};

requireBuiltin.userIds = function () {
  return [...userIds()].filter((id) => !schemeOnly.has(id)).sort();
};

requireBuiltin.schemeOnlyIds = function () {
  return [...schemeOnly].filter((id) => userIds().has(id));
};

requireBuiltin.moduleLoadList = moduleLoadList;

module.exports = requireBuiltin;
