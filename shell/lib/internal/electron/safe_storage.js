'use strict';
// Electron's safeStorage: strings encrypted with AES-256-GCM under a key
// the Secret Service keeps for the app (libsecret; ui-power.c).

const native = require('internal/electron/ui');
const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

function ui() {
  require('internal/electron/app').getApp();
  return native.ui();
}

function appName() { return require('internal/electron/app').getApp().getName(); }

const safeStorage = {
  isEncryptionAvailable() { return ui().storageAvailable(appName()); },
  getSelectedStorageBackend() { return safeStorage.isEncryptionAvailable() ? 'gnome_libsecret' : 'basic_text'; },
  setUsePlainTextEncryption() {},
  encryptString(plainText) {
    if (typeof plainText !== 'string') throw new ERR_INVALID_ARG_TYPE('plainText', 'string', plainText);
    const out = ui().storageCrypt(appName(), true, new Uint8Array(Buffer.from(plainText, 'utf8')));
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  },
  decryptString(encrypted) {
    if (!Buffer.isBuffer(encrypted)) throw new ERR_INVALID_ARG_TYPE('encrypted', 'Buffer', encrypted);
    const out = ui().storageCrypt(appName(), false, new Uint8Array(encrypted));
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength).toString('utf8');
  },
};

module.exports = { safeStorage };
