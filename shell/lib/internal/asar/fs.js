'use strict';
// Electron's asar support: fs, fs/promises, streams, require and import see
// an .asar archive (and a mounted AppImage) as a read-only directory. It
// sits in front of internalBinding('fs'): the primitives that take a path
// first ask internalBinding('asar'), which answers null for paths outside
// every archive, and those go to the real file system untouched. A path is
// only looked at when it holds ".asar" (unless process.noAsar) or starts
// with a mounted prefix, so other paths pay one string search.

// The archive binding, made on first use: most processes never meet an
// archive.
let binding;
const asar = new Proxy({}, { get: (_, name) => (binding ??= internalBinding('asar'))[name] });

let mounts = [];

function noAsar() {
  return process.noAsar === true;
}

function candidate(path) {
  if (typeof path !== 'string') return false;
  if (!noAsar() && path.includes('.asar')) return true;
  for (let i = 0; i < mounts.length; i++) {
    const m = mounts[i];
    if (path.startsWith(m) && (path.length === m.length || path[m.length] === '/')) return true;
  }
  return false;
}

// Sends a synchronous archive answer to an fs binding caller: `req` is the
// caller's errctx (already filled on failure) or its callback.
function answer(req, result, ctx) {
  if (typeof req !== 'function') return result;
  if (result === undefined) process.nextTick(req, ctx);
  else process.nextTick(req, null, result);
  return undefined;
}

function makeWrappers(fsb) {
  const orig = {
    stat: fsb.stat, lstat: fsb.lstat, access: fsb.access, readFile: fsb.readFile,
    readFileUtf8: fsb.readFileUtf8, internalModuleStat: fsb.internalModuleStat,
    realpath: fsb.realpath, readdir: fsb.readdir, scandir: fsb.scandir, open: fsb.open,
    readlink: fsb.readlink, copyFile: fsb.copyFile,
  };
  const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND, O_EXCL } = fsb.constants;
  const writeFlags = O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND;

  function pathCall(name, fn) {
    return function (path, req) {
      if (!candidate(path)) return orig[name](path, req);
      const ctx = typeof req === 'function' ? {} : req;
      const r = fn(path, ctx);
      if (r === null) return orig[name](path, req);
      return answer(req, r, ctx);
    };
  }

  return {
    stat: pathCall('stat', (p, ctx) => asar.stat(p, noAsar(), true, ctx)),
    lstat: pathCall('lstat', (p, ctx) => asar.stat(p, noAsar(), false, ctx)),
    realpath: pathCall('realpath', (p, ctx) => asar.realpath(p, noAsar(), ctx)),
    scandir: pathCall('scandir', (p, ctx) => asar.scandir(p, noAsar(), ctx)),
    readlink: pathCall('readlink', (p, ctx) => asar.readlink(p, noAsar(), ctx)),

    access(path, mode, req) {
      if (!candidate(path)) return orig.access(path, mode, req);
      const ctx = typeof req === 'function' ? {} : req;
      const r = asar.access(path, noAsar(), mode, ctx);
      if (r === null) return orig.access(path, mode, req);
      if (typeof req !== 'function') return undefined;
      if (r === true) process.nextTick(req, null, undefined);
      else process.nextTick(req, ctx);
      return undefined;
    },

    readFile(target, flags, utf8, req) {
      if (typeof target !== 'string' || (flags & writeFlags) !== 0 || !candidate(target)) {
        return orig.readFile(target, flags, utf8, req);
      }
      const r = asar.readFile(target, noAsar(), utf8, req);
      if (r === null) return orig.readFile(target, flags, utf8, req);
      if (typeof req === 'function') {
        // An error found before reading comes back as the errctx.
        if (r !== undefined) process.nextTick(req, r);
        return undefined;
      }
      return r;
    },

    readFileUtf8(path, errctx) {
      if (!candidate(path)) return orig.readFileUtf8(path, errctx);
      const r = asar.readFile(path, noAsar(), true, errctx);
      return r === null ? orig.readFileUtf8(path, errctx) : r;
    },

    internalModuleStat(path) {
      if (!candidate(path)) return orig.internalModuleStat(path);
      const r = asar.internalModuleStat(path, noAsar());
      return r === null ? orig.internalModuleStat(path) : r;
    },

    readdir(path, errctx) {
      if (!candidate(path)) return orig.readdir(path, errctx);
      const r = asar.scandir(path, noAsar(), errctx);
      if (r === null) return orig.readdir(path, errctx);
      return r === undefined ? undefined : r[0];
    },

    // Archives are read-only; a read-only open gets the entry's bytes as an
    // anonymous memory file, so fds, streams and FileHandles work as usual.
    open(path, flags, mode, req) {
      if (!candidate(path)) return orig.open(path, flags, mode, req);
      const ctx = typeof req === 'function' ? {} : req;
      let r;
      if ((flags & writeFlags) !== 0) {
        // A folder (the archive's own path among them) is the real file
        // system's business: writing over x.asar replaces the file.
        const st = asar.stat(path, noAsar(), true, {});
        if (st === null || st === undefined || (st[1] & 0o170000) === 0o040000) {
          return orig.open(path, flags, mode, req);
        }
        Object.assign(ctx, { errno: -30, code: 'EROFS', syscall: 'open', path });
        r = undefined;
      } else {
        r = asar.openMemfd(path, noAsar(), ctx);
        if (r === null) return orig.open(path, flags, mode, req);
      }
      return answer(req, r, ctx);
    },

    copyFile(src, dest, mode, req) {
      if (!candidate(src)) return orig.copyFile(src, dest, mode, req);
      const ctx = typeof req === 'function' ? {} : req;
      const data = asar.readFile(src, noAsar(), false, ctx);
      if (data === null) return orig.copyFile(src, dest, mode, req);
      let r = data === undefined ? undefined : true;
      if (r) {
        const flags = O_WRONLY | O_CREAT | O_TRUNC | ((mode & 1) ? O_EXCL : 0);
        const fd = orig.open(dest, flags, 0o666, ctx);
        if (fd !== undefined) {
          const bytes = new Uint8Array(data);
          for (let off = 0; off < bytes.length && ctx.errno === undefined;) {
            const n = fsb.write(fd, bytes, off, bytes.length - off, -1, ctx);
            if (n === undefined) break;
            off += n;
          }
          fsb.close(fd, {});
        }
        if (ctx.errno !== undefined) r = undefined;
      }
      if (typeof req !== 'function') return undefined;
      if (r === undefined) process.nextTick(req, ctx);
      else process.nextTick(req, null, undefined);
      return undefined;
    },
  };
}

let installed = false;

// Puts the archive layer in front of the fs binding (once per process).
// `mountPrefixes`: where mounted images (an AppImage's squashfs) appear.
function install(mountPrefixes = []) {
  if (installed) return;
  installed = true;
  mounts = mountPrefixes;
  const fsb = internalBinding('fs');
  Object.assign(fsb, makeWrappers(fsb));
}

// How a packaged app was started (set once by the bootstrap): its archive
// or folder, resources folder, and whether the packed binary itself ran.
let launch = null;

function setLaunch(options) {
  launch = { appPath: options.script, resourcesPath: options.resourcesPath, self: options.self };
  Object.defineProperty(process, 'resourcesPath', {
    value: options.resourcesPath, enumerable: true, configurable: true, writable: true,
  });
}

function launchInfo() {
  return launch;
}

module.exports = { install, candidate, setLaunch, launchInfo };
