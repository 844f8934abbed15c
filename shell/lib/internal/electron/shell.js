'use strict';
// Electron's shell: URLs and files go to the desktop's default handlers
// through GIO; showItemInFolder asks the file manager over D-Bus
// (org.freedesktop.FileManager1), trashItem uses GIO's trash.

const path = require('path');
const native = require('internal/electron/ui');
const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

// Schemes openExternal hands to other programs; anything else (file:,
// javascript:, custom schemes an attacker could plant) is refused.
const allowedSchemes = new Set(['http:', 'https:', 'mailto:', 'tel:', 'sms:', 'ftp:', 'sftp:', 'ssh:', 'news:', 'irc:', 'magnet:']);

function ui() {
  require('internal/electron/app').getApp();
  return native.ui();
}

function call(fn) {
  return new Promise((resolve, reject) => fn((err) => (err ? reject(new Error(err)) : resolve())));
}

const shell = {
  openExternal(url, options) {
    if (typeof url !== 'string') return Promise.reject(new ERR_INVALID_ARG_TYPE('url', 'string', url));
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      return Promise.reject(new TypeError(`openExternal: invalid URL '${url}'`));
    }
    if (!allowedSchemes.has(parsed.protocol)) {
      const err = new Error(`openExternal: the scheme '${parsed.protocol}' is not allowed (allowed: ${[...allowedSchemes].join(' ')})`);
      err.code = 'ERR_ANODE_SCHEME_NOT_ALLOWED';
      return Promise.reject(err);
    }
    return call((cb) => ui().shellOpen(parsed.href, cb));
  },

  // Resolves '' on success, else the error message (Electron's contract).
  openPath(p) {
    if (typeof p !== 'string') return Promise.reject(new ERR_INVALID_ARG_TYPE('path', 'string', p));
    const abs = path.resolve(p);
    if (!require('fs').existsSync(abs)) return Promise.resolve(`No such file or directory: ${abs}`);
    return call((cb) => ui().shellOpen(require('url').pathToFileURL(abs).href, cb)).then(() => '', (e) => e.message);
  },

  showItemInFolder(fullPath) {
    if (typeof fullPath !== 'string') throw new ERR_INVALID_ARG_TYPE('fullPath', 'string', fullPath);
    const abs = path.resolve(fullPath);
    if (ui().shellShowItem(abs)) return;
    // No file manager on the bus: open the folder itself.
    ui().shellOpen(require('url').pathToFileURL(path.dirname(abs)).href, () => {});
  },

  trashItem(p) {
    if (typeof p !== 'string') return Promise.reject(new ERR_INVALID_ARG_TYPE('path', 'string', p));
    return call((cb) => ui().shellTrash(path.resolve(p), cb));
  },

  beep() { ui().shellBeep(); },
  writeShortcutLink() { return false; },
  readShortcutLink() { throw new Error('readShortcutLink is only available on Windows'); },
};

module.exports = { shell };
