'use strict';
// The app side of `anode dev` (the session itself is C: shell/runtime/
// dev.c). For each batch of changed files the session asks handleChange:
// a file of the main process (a module main.js required, an ES module it
// imported, a preload) means a restart of the main script, which the
// session does; a stylesheet a page loaded is swapped in place in the
// windows that use it; any other file a page loaded reloads those windows.
// An uncaught exception of the main process goes to the session (overlay,
// restart on the next save) instead of ending the process.

const binding = internalBinding('dev');

const preloads = new Set();
let installed = false;

function relative(file) {
  const root = binding.root;
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

function describe(files) {
  const names = files.slice(0, 3).map(relative);
  return files.length > 3 ? `${names.join(', ')} (+${files.length - 3} more)` : names.join(', ');
}

// Every file the main process ran: CommonJS modules, ES modules, preloads.
function mainFiles() {
  const files = new Set(preloads);
  const Module = require('internal/modules/cjs/loader');
  for (const name of Object.keys(Module._cache)) files.add(name);
  const { fileURLToPath } = require('internal/url');
  for (const url of require('internal/modules/esm/loader').loadedURLs()) {
    if (!url.startsWith('file:')) continue;
    try { files.add(fileURLToPath(url)); } catch { /* not a local file */ }
  }
  return files;
}

function windowsAndUI() {
  const native = require('internal/electron/ui');
  if (!native.isStarted()) return null;
  const { BrowserWindow } = require('internal/electron/browser_window');
  return { ui: native.ui(), windows: BrowserWindow.getAllWindows().filter((w) => !w.isDestroyed()) };
}

function nextFrame(ui, id) {
  return new Promise((resolve) => ui.devWaitFrame(id, (err, t) => resolve(t)));
}

function reload(ui, win) {
  const painted = nextFrame(ui, win.id);
  win.webContents.reloadIgnoringCache();
  return painted;
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const trace = process.env.ANODE_DEV_TRACE ? (what, t0) => binding.log(`trace ${what} +${(binding.now() - t0).toFixed(1)} ms`) : () => {};

function handleChange(paths, t0) {
  trace('batch', t0);
  const main = mainFiles();
  if (paths.some((p) => main.has(p))) return 'restart';
  const app = windowsAndUI();
  if (app === null) return 'none';
  const { ui, windows } = app;
  const changed = new Set(paths);
  const swaps = [];
  const reloads = [];
  const cssFiles = new Set();
  const otherFiles = new Set();
  for (const win of windows) {
    const css = [];
    let other = false;
    for (const [url, file] of ui.devResources(win.id)) {
      if (!changed.has(file)) continue;
      if (file.endsWith('.css')) {
        css.push(url);
        cssFiles.add(file);
      } else {
        other = true;
        otherFiles.add(file);
      }
    }
    if (other) {
      reloads.push(reload(ui, win));
    } else if (css.length > 0) {
      // A sheet no <link> or <style> of the page or its same-origin frames
      // holds (even through @import) cannot be swapped: the window reloads.
      trace('swap sent', t0);
      swaps.push(win.webContents.executeJavaScript(`__anodeDevSwap(${JSON.stringify(css)})`)
        .then((ok) => { trace('swap done', t0); return ok; }).then((ok) => (ok ? 'css' : reload(ui, win).then(() => 'reload')), () => reload(ui, win).then(() => 'reload')));
    }
  }
  if (swaps.length === 0 && reloads.length === 0) return 'none';
  Promise.all([Promise.all(swaps), Promise.all(reloads)]).then(([swapped]) => {
    const ms = (binding.now() - t0).toFixed(1);
    const inPlace = swapped.filter((r) => r === 'css').length;
    const reloaded = reloads.length + swapped.length - inPlace;
    if (reloaded === 0) {
      binding.log(`css ${describe([...cssFiles])} -> swapped in place in ${plural(inPlace, 'window')}, ${ms} ms`);
    } else {
      const files = [...otherFiles, ...cssFiles];
      const also = inPlace > 0 ? ` (css swapped in ${plural(inPlace, 'other window')})` : '';
      binding.log(`reload ${describe(files)} -> ${plural(reloaded, 'window')} reloaded${also}, ${ms} ms`);
    }
  });
  return 'handled';
}

// {file, line, message, stack} of an error the main process did not catch.
function errorInfo(err) {
  const info = { title: 'The main process stopped on an uncaught error', file: '', line: 0, message: '', stack: '' };
  try {
    info.message = err instanceof Error || (err && typeof err.message === 'string')
      ? `${err.name || 'Error'}: ${err.message}` : String(err);
  } catch {
    info.message = '[an error that cannot be printed]';
  }
  const uncaught = require('internal/process/uncaught');
  let arrow = '';
  try { arrow = uncaught.arrowFor(err); } catch { /* a hostile getter */ }
  const m = /^(.*):(\d+)\n/.exec(arrow);
  if (m) {
    info.file = m[1].startsWith('file:') ? require('internal/url').fileURLToPath(m[1]) : m[1];
    info.line = +m[2];
    info.stack = arrow.slice(m[0].length);
  }
  try {
    if (typeof err.stack === 'string') info.stack += `\n${err.stack}`;
  } catch { /* ignored */ }
  return info;
}

function onFatal(err) {
  const info = errorInfo(err);
  const where = info.file ? `${relative(info.file)}:${info.line}: ` : '';
  binding.log(`error ${where}${info.message}`);
  binding.fatal(JSON.stringify(info));
}

// After a restart: the line on the terminal once the first new window
// paints. An app that opened no window by the time its 'ready' handlers
// (and the promise jobs they queued) ran is windowless (a tray, a server):
// its restart is done once its script ran, with no frame to wait for.
function watchFirstFrame() {
  const { getApp } = require('internal/electron/app');
  const app = getApp();
  let done = false;
  app.once('browser-window-created', (event, win) => {
    if (done) return;
    done = true;
    nextFrame(require('internal/electron/ui').ui(), win.id).then(() => binding.painted(true));
  });
  app.whenReady().then(() => setImmediate(() => {
    if (!done) { done = true; binding.painted(false); }
  }));
}

function install() {
  if (installed || !binding.active) return;
  installed = true;
  binding.setChangeHandler(handleChange);
  require('internal/process/uncaught').setFatalHook(onFatal);
  // Preload scripts belong to the main process's side: remember them as
  // windows are made.
  const ipcMain = require('internal/electron/ipc_main');
  const bridgeScript = ipcMain.bridgeScript;
  ipcMain.bridgeScript = (prefs) => {
    if (typeof prefs.preload === 'string') preloads.add(require('path').resolve(prefs.preload));
    return bridgeScript(prefs);
  };
  // Whether the app uses windows is known once it asks for electron.
  const native = require('internal/electron/ui');
  const start = native.start;
  native.start = function () {
    if (!native.isStarted()) watchFirstFrame();
    return start.apply(this, arguments);
  };
  // A main process without windows: its restart is done once the script ran.
  setImmediate(() => {
    if (!native.isStarted()) binding.painted(false);
  });
}

// package.json anode.devUrl: in dev mode loadFile serves the page from the
// dev server (a Vite server, say), which then reloads it on its own.
function rendererURL(root, file, options) {
  if (!binding.active || typeof binding.devUrl !== 'string') return undefined;
  const path = require('path');
  const rel = path.relative(root, path.resolve(root, file));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const url = new URL(rel.split(path.sep).map(encodeURIComponent).join('/'), binding.devUrl.replace(/\/?$/, '/'));
  if (options && options.query) url.search = new URLSearchParams(options.query).toString();
  else if (options && options.search) url.search = options.search;
  if (options && options.hash) url.hash = options.hash;
  return url.toString();
}

module.exports = { install, rendererURL, active: binding.active };
