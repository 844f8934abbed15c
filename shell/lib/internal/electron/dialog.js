'use strict';
// Electron's dialog: options checked here (TypeErrors name the option);
// GTK's file chooser and our message box do the rest (ui-dialog.c). The
// *Sync forms block the main process's JS until answered, as in Electron.

const native = require('internal/electron/ui');
const desk = require('internal/electron/desk_events');
const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

const messageTypes = ['none', 'info', 'error', 'question', 'warning'];

function splitArgs(window, options) {
  // (options) or (window, options); window may be null.
  const { BrowserWindow } = require('internal/electron/browser_window');
  if (window !== null && window !== undefined && !(window instanceof BrowserWindow)) {
    return [null, window];
  }
  return [window || null, options];
}

function checkString(o, name) {
  if (o[name] !== undefined && typeof o[name] !== 'string') throw new ERR_INVALID_ARG_TYPE(`options.${name}`, 'string', o[name]);
}

function fileOptions(options, save) {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
  for (const k of ['title', 'defaultPath', 'buttonLabel', 'message', 'nameFieldLabel']) checkString(options, k);
  const out = { title: options.title, defaultPath: options.defaultPath, buttonLabel: options.buttonLabel };
  if (out.defaultPath) out.defaultPath = require('path').resolve(out.defaultPath);
  const props = options.properties === undefined ? [] : options.properties;
  if (!Array.isArray(props)) throw new ERR_INVALID_ARG_TYPE('options.properties', 'Array', props);
  out.openDirectory = !save && props.includes('openDirectory') && !props.includes('openFile');
  out.multiSelections = !save && props.includes('multiSelections');
  if (options.filters !== undefined) {
    if (!Array.isArray(options.filters)) throw new ERR_INVALID_ARG_TYPE('options.filters', 'Array', options.filters);
    out.filters = options.filters.map((f, i) => {
      if (!f || typeof f !== 'object' || !Array.isArray(f.extensions) || f.extensions.some((e) => typeof e !== 'string')) {
        throw new ERR_INVALID_ARG_TYPE(`options.filters[${i}]`, '{ name: string, extensions: string[] }', f);
      }
      return { name: String(f.name ?? ''), extensions: f.extensions.map((e) => e.replace(/^\*?\./, '')) };
    });
  }
  return out;
}

function messageOptions(options) {
  if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
  if (typeof options.message !== 'string') throw new ERR_INVALID_ARG_TYPE('options.message', 'string', options.message);
  for (const k of ['title', 'detail', 'checkboxLabel']) checkString(options, k);
  const type = options.type === undefined ? 'none' : options.type;
  if (!messageTypes.includes(type)) {
    const err = new TypeError(`options.type must be one of ${messageTypes.join(', ')}; received '${type}'`);
    err.code = 'ERR_INVALID_ARG_VALUE';
    throw err;
  }
  const buttons = options.buttons === undefined ? [] : options.buttons;
  if (!Array.isArray(buttons) || buttons.some((b) => typeof b !== 'string')) throw new ERR_INVALID_ARG_TYPE('options.buttons', 'string[]', buttons);
  for (const k of ['defaultId', 'cancelId']) {
    if (options[k] !== undefined && !Number.isInteger(options[k])) throw new ERR_INVALID_ARG_TYPE(`options.${k}`, 'integer', options[k]);
  }
  const n = Math.max(buttons.length, 1);
  // Electron: without cancelId, a button labelled Cancel or No, else 0.
  let cancelId = options.cancelId;
  if (cancelId === undefined) {
    cancelId = buttons.findIndex((b) => /^(cancel|no)$/i.test(b.replace(/&/g, '')));
    if (cancelId < 0) cancelId = 0;
  }
  return {
    type, title: options.title || '', message: options.message, detail: options.detail,
    buttons: buttons.map((b) => b.replace(/&(.)/g, '$1')),
    defaultId: options.defaultId !== undefined && options.defaultId < n ? options.defaultId : (buttons.length ? 0 : 0),
    cancelId, checkboxLabel: options.checkboxLabel, checkboxChecked: options.checkboxChecked === true,
  };
}

function winId(win) { return win && !win.isDestroyed() ? win.id : 0; }

function callAsync(fn) {
  desk.nameApp();
  return new Promise((resolve, reject) => {
    fn((err, result) => (err ? reject(new Error(err)) : resolve(result)));
  });
}

function showOpenDialog(window, options) {
  [window, options] = splitArgs(window, options);
  const o = fileOptions(options, false);
  return callAsync((cb) => native.ui().showFileDialog('open', winId(window), o, cb));
}

function showOpenDialogSync(window, options) {
  [window, options] = splitArgs(window, options);
  desk.nameApp();
  const r = native.ui().showFileDialog('open', winId(window), fileOptions(options, false), undefined);
  return r.canceled ? undefined : r.filePaths;
}

function showSaveDialog(window, options) {
  [window, options] = splitArgs(window, options);
  const o = fileOptions(options, true);
  return callAsync((cb) => native.ui().showFileDialog('save', winId(window), o, cb));
}

function showSaveDialogSync(window, options) {
  [window, options] = splitArgs(window, options);
  desk.nameApp();
  const r = native.ui().showFileDialog('save', winId(window), fileOptions(options, true), undefined);
  return r.canceled ? '' : r.filePath;
}

function showMessageBox(window, options) {
  [window, options] = splitArgs(window, options);
  const o = messageOptions(options);
  if (options.signal !== undefined) {
    // AbortSignal: Electron closes the box; here the promise ends as canceled.
  }
  return callAsync((cb) => native.ui().showMessageBox(winId(window), o, cb));
}

function showMessageBoxSync(window, options) {
  [window, options] = splitArgs(window, options);
  return native.ui().showMessageBox(winId(window), messageOptions(options), undefined).response;
}

function showErrorBox(title, content) {
  if (typeof title !== 'string') throw new ERR_INVALID_ARG_TYPE('title', 'string', title);
  if (typeof content !== 'string') throw new ERR_INVALID_ARG_TYPE('content', 'string', content);
  native.ui().showMessageBox(0, messageOptions({ type: 'error', title, message: title, detail: content, buttons: ['OK'] }), undefined);
}

let aboutOptions = {};
function setAboutPanelOptions(options) {
  if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
  aboutOptions = { ...aboutOptions, ...options };
}

function showAboutPanel(win) {
  const app = require('internal/electron/app').getApp();
  native.ui().showAbout(winId(win), {
    applicationName: app.getName(), applicationVersion: app.getVersion(), ...aboutOptions,
  });
}

// Test hooks (ANODE_TEST_HOOKS=1): queue an answer for the next dialog; it
// is given through the dialog's own widgets, and `shown` gets what the
// dialog displayed.
const testing = {
  shown: [],
  answer(a) {
    if (!testing.hooked) {
      testing.hooked = true;
      desk.on('dialog-test', (d) => { testing.shown.push(d); });
    }
    native.ui().dialogTestAnswer(a);
  },
};

const dialog = {
  showOpenDialog, showOpenDialogSync, showSaveDialog, showSaveDialogSync,
  showMessageBox, showMessageBoxSync, showErrorBox,
  showCertificateTrustDialog() { return Promise.resolve(); },
};
Object.defineProperty(dialog, '__testing', {
  enumerable: false,
  get() { return process.env.ANODE_TEST_HOOKS === '1' ? testing : undefined; },
});

module.exports = { dialog, showAboutPanel, setAboutPanelOptions };
