'use strict';
// fs.cp / cpSync / promises.cp. The copy is written once, as a generator
// that yields each file-system step; one driver runs the steps synchronously,
// the other awaits fs.promises, so both forms share Node's checks and errors.

const {
  codes: {
    ERR_FS_CP_DIR_TO_NON_DIR,
    ERR_FS_CP_EEXIST,
    ERR_FS_CP_EINVAL,
    ERR_FS_CP_FIFO_PIPE,
    ERR_FS_CP_NON_DIR_TO_DIR,
    ERR_FS_CP_SOCKET,
    ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY,
    ERR_FS_CP_UNKNOWN,
    ERR_FS_EISDIR,
    ERR_INCOMPATIBLE_OPTION_PAIR,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_RETURN_VALUE,
  },
} = require('internal/errors');
const { getValidatedPath, validateBoolean, validateFunction, validateObject, validateInteger } =
  require('internal/fs/utils');
const path = require('path');

const EEXIST = 17;
const ENOTDIR = 20;
const EISDIR = 21;
const EINVAL = 22;

const defaults = {
  dereference: false,
  errorOnExist: false,
  filter: undefined,
  force: true,
  mode: 0,
  preserveTimestamps: false,
  recursive: false,
  verbatimSymlinks: false,
};

function validateCpOptions(options) {
  if (options === undefined) return { ...defaults };
  validateObject(options, 'options');
  options = { ...defaults, ...options };
  validateBoolean(options.dereference, 'options.dereference');
  validateBoolean(options.errorOnExist, 'options.errorOnExist');
  validateBoolean(options.force, 'options.force');
  validateBoolean(options.preserveTimestamps, 'options.preserveTimestamps');
  validateBoolean(options.recursive, 'options.recursive');
  validateBoolean(options.verbatimSymlinks, 'options.verbatimSymlinks');
  validateInteger(options.mode, 'options.mode', 0);
  if (options.dereference === true && options.verbatimSymlinks === true) {
    throw new ERR_INCOMPATIBLE_OPTION_PAIR('dereference', 'verbatimSymlinks');
  }
  if (options.filter !== undefined) validateFunction(options.filter, 'options.filter');
  return options;
}

function cpError(Ctor, message, p, errno, code) {
  return new Ctor({ message, path: p, syscall: 'cp', errno, code });
}

function isSrcSubdir(src, dest) {
  const s = path.resolve(src).split(path.sep).filter(Boolean);
  const d = path.resolve(dest).split(path.sep).filter(Boolean);
  return s.every((part, i) => d[i] === part);
}

function* statOrUndefined(op, p) {
  try {
    return yield [op, p];
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
}

function* checkPaths(src, dest, opts) {
  const srcStat = yield [opts.dereference ? 'stat' : 'lstat', src];
  const destStat = yield* statOrUndefined(opts.dereference ? 'stat' : 'lstat', dest);
  if (destStat) {
    if (srcStat.ino === destStat.ino && srcStat.dev === destStat.dev) {
      throw cpError(ERR_FS_CP_EINVAL, 'src and dest cannot be the same', dest, EINVAL,
                    'EINVAL');
    }
    if (srcStat.isDirectory() && !destStat.isDirectory()) {
      throw cpError(ERR_FS_CP_DIR_TO_NON_DIR,
                    `cannot overwrite non-directory ${dest} with directory ${src}`,
                    dest, EISDIR, 'EISDIR');
    }
    if (!srcStat.isDirectory() && destStat.isDirectory()) {
      throw cpError(ERR_FS_CP_NON_DIR_TO_DIR,
                    `cannot overwrite directory ${dest} with non-directory ${src}`,
                    dest, ENOTDIR, 'ENOTDIR');
    }
  }
  if (srcStat.isDirectory() && isSrcSubdir(src, dest)) {
    throw cpError(ERR_FS_CP_EINVAL, `cannot copy ${src} to a subdirectory of self ${dest}`,
                  dest, EINVAL, 'EINVAL');
  }
  return { srcStat, destStat };
}

function* copyFile(srcStat, destStat, src, dest, opts) {
  if (destStat) {
    if (opts.force) {
      yield ['unlink', dest];
    } else {
      if (opts.errorOnExist) {
        throw cpError(ERR_FS_CP_EEXIST, `${dest} already exists`, dest, EEXIST, 'EEXIST');
      }
      return;
    }
  }
  yield ['copyFile', src, dest, opts.mode];
  if (opts.preserveTimestamps) {
    if ((srcStat.mode & 0o200) === 0) yield ['chmod', dest, srcStat.mode | 0o200];
    yield ['utimes', dest, srcStat.atime, srcStat.mtime];
  }
  yield ['chmod', dest, srcStat.mode];
}

function* copyDir(srcStat, destStat, src, dest, opts) {
  if (!destStat) yield ['mkdir', dest];
  const names = yield ['readdir', src];
  for (const name of names) {
    yield* copyEntry(path.join(src, name), path.join(dest, name), opts, false);
  }
  if (!destStat) yield ['chmod', dest, srcStat.mode];
}

function* copyLink(destStat, src, dest, opts) {
  let target = yield ['readlink', src];
  if (!opts.verbatimSymlinks && !path.isAbsolute(target)) {
    target = path.resolve(path.dirname(src), target);
  }
  if (destStat) {
    let destTarget;
    try {
      destTarget = yield ['readlink', dest];
    } catch (err) {
      if (err.code !== 'EINVAL' && err.code !== 'UNKNOWN') throw err;
    }
    if (destTarget !== undefined) {
      if (!path.isAbsolute(destTarget)) destTarget = path.resolve(path.dirname(dest), destTarget);
      const srcIsDir = (yield* statOrUndefined('stat', src))?.isDirectory();
      if (srcIsDir && isSrcSubdir(target, destTarget)) {
        throw cpError(ERR_FS_CP_EINVAL,
                      `cannot copy ${target} to a subdirectory of self ${destTarget}`,
                      dest, EINVAL, 'EINVAL');
      }
      if (srcIsDir && isSrcSubdir(destTarget, target)) {
        throw cpError(ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY,
                      `cannot overwrite ${destTarget} with ${target}`, dest, EINVAL, 'EINVAL');
      }
    }
    yield ['unlink', dest];
  }
  yield ['symlink', target, dest];
}

function* copyEntry(src, dest, opts, top) {
  if (opts.filter !== undefined) {
    const keep = yield ['filter', src, dest];
    if (!keep) return;
  }
  const { srcStat, destStat } = yield* checkPaths(src, dest, opts);
  if (top && opts.buffer !== undefined) {
    throw new ERR_INVALID_ARG_TYPE('path', 'string', opts.buffer);
  }
  if (top) {
    const parent = path.dirname(dest);
    if (!(yield* statOrUndefined('stat', parent))) yield ['mkdir', parent, { recursive: true }];
  }
  if (srcStat.isDirectory()) {
    if (!opts.recursive) {
      // Node 20's cpSync gives this error errno EINVAL, its cp EISDIR.
      throw cpError(ERR_FS_EISDIR, `${src} is a directory (not copied)`, src,
                    opts.sync ? EINVAL : EISDIR, 'EISDIR');
    }
    return yield* copyDir(srcStat, destStat, src, dest, opts);
  }
  if (srcStat.isFile() || srcStat.isCharacterDevice() || srcStat.isBlockDevice()) {
    return yield* copyFile(srcStat, destStat, src, dest, opts);
  }
  if (srcStat.isSymbolicLink()) return yield* copyLink(destStat, src, dest, opts);
  if (srcStat.isSocket()) {
    throw cpError(ERR_FS_CP_SOCKET, `cannot copy a socket file: ${dest}`, dest, EINVAL, 'EINVAL');
  }
  if (srcStat.isFIFO()) {
    throw cpError(ERR_FS_CP_FIFO_PIPE, `cannot copy a FIFO pipe: ${dest}`, dest, EINVAL, 'EINVAL');
  }
  throw cpError(ERR_FS_CP_UNKNOWN, `cannot copy an unknown file type: ${dest}`, dest, EINVAL,
                'EINVAL');
}

function prepare(src, dest, options) {
  const opts = validateCpOptions(options);
  // Node 20 takes Buffer paths here but fails on them once the source is
  // found: the same error, at the same step.
  const buffer = [src, dest].find((p) => p instanceof Uint8Array);
  src = getValidatedPath(src, 'src');
  dest = getValidatedPath(dest, 'dest');
  return { src, dest, opts: { ...opts, buffer } };
}

function cpSync(src, dest, options) {
  const p = prepare(src, dest, options);
  p.opts.sync = true;
  const fs = require('fs');
  const gen = copyEntry(p.src, p.dest, p.opts, true);
  let step = gen.next();
  while (!step.done) {
    const [op, ...args] = step.value;
    let result;
    let failed = false;
    try {
      if (op === 'filter') {
        result = p.opts.filter(...args);
        if (typeof result?.then === 'function') {
          throw new ERR_INVALID_RETURN_VALUE('boolean', 'filter', result);
        }
      } else {
        result = fs[`${op}Sync`](...args);
      }
    } catch (err) {
      failed = true;
      result = err;
    }
    step = failed ? gen.throw(result) : gen.next(result);
  }
}

// Checks the arguments at once (throws), then copies.
function cp(src, dest, options) {
  return copyAsync(prepare(src, dest, options));
}

async function copyAsync(p) {
  const fsp = require('internal/fs/promises').exports;
  const gen = copyEntry(p.src, p.dest, p.opts, true);
  let step = gen.next();
  while (!step.done) {
    const [op, ...args] = step.value;
    let result;
    let failed = false;
    try {
      result = op === 'filter' ? await p.opts.filter(...args) : await fsp[op](...args);
    } catch (err) {
      failed = true;
      result = err;
    }
    step = failed ? gen.throw(result) : gen.next(result);
  }
}

module.exports = { cp, cpSync };
