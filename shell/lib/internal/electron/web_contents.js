'use strict';
// Electron's webContents: navigation, script and CSS injection, zoom,
// DevTools, capture, print, find, and the page's events.

const EventEmitter = require('events');
const path = require('path');
const { pathToFileURL } = require('url');
const native = require('internal/electron/ui');

const all = new Map();

// The bridge (ipcMain and the batches to pages) loads with the first message.
let ipcModule;
const ipc = () => (ipcModule ??= require('internal/electron/ipc_main'));

function destroyedError() {
  const err = new TypeError('Object has been destroyed');
  err.code = 'ERR_ANODE_DESTROYED';
  return err;
}

function loadError(code, description, url) {
  const names = { '-2': 'ERR_FAILED', '-3': 'ERR_ABORTED', '-6': 'ERR_FILE_NOT_FOUND', '-10': 'ERR_ACCESS_DENIED', '-301': 'ERR_UNKNOWN_URL_SCHEME' };
  const name = names[code] || 'ERR_FAILED';
  const err = new Error(`${name} (${code}) loading '${url}': ${description}`);
  err.code = name;
  err.errno = code;
  err.url = url;
  return err;
}

// app:// URL of a file inside the app's folder; file:// elsewhere.
function urlForFile(file, options = {}) {
  const { getApp } = require('internal/electron/app');
  const root = getApp().getAppPath();
  const abs = path.resolve(root, file);
  let url;
  const rel = path.relative(root, abs);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
    const host = encodeURIComponent(getApp().getName().toLowerCase().replace(/[^a-z0-9.-]/g, '-') || 'app');
    url = new URL(`app://${host}/`);
    url.pathname = '/' + rel.split(path.sep).map(encodeURIComponent).join('/');
  } else if (!rel) {
    url = new URL(`app://app/`);
  } else {
    url = pathToFileURL(abs);
  }
  if (options.query) url.search = new URLSearchParams(options.query).toString();
  else if (options.search) url.search = options.search;
  if (options.hash) url.hash = options.hash;
  return url.toString();
}

class WebContents extends EventEmitter {
  #id;
  #window;
  #destroyed = false;
  #pendingLoad = null;
  #openHandler = null;
  #prefs;
  #session = null;
  #ipc = null;
  #ipcState = null;

  constructor(id, window, prefs) {
    super();
    this.#id = id;
    this.#window = window;
    this.#prefs = prefs;
    all.set(id, this);
  }

  get id() { return this.#id; }
  get session() {
    if (this.#session === null) {
      const { fromPartition } = require('internal/electron/session');
      this.#session = fromPartition(this.#prefs.partition || '');
    }
    return this.#session;
  }

  _destroyed() {
    this.#destroyed = true;
    all.delete(this.#id);
    if (this.#pendingLoad) {
      this.#pendingLoad.reject(loadError(-3, 'the window was closed', this.#pendingLoad.url));
      this.#pendingLoad = null;
    }
    if (ipcModule !== undefined) ipcModule.contentsDestroyed(this);
    this.emit('destroyed');
  }

  #check() {
    if (this.#destroyed) throw destroyedError();
  }

  _nativeEvent(name, a, b) {
    switch (name) {
      case 'did-start-loading':
        this.emit('did-start-loading');
        return false;
      case 'did-navigate':
        this.emit('did-navigate', native.makeEvent(), a, 200, 'OK');
        return false;
      case 'dom-ready':
        this.emit('dom-ready', native.makeEvent());
        return false;
      case 'load-finished': {
        const pending = this.#pendingLoad;
        this.#pendingLoad = null;
        this.emit('did-finish-load', native.makeEvent());
        this.emit('did-stop-loading', native.makeEvent());
        if (pending) pending.resolve();
        return false;
      }
      case 'did-fail-load': {
        const pending = this.#pendingLoad;
        this.#pendingLoad = null;
        this.emit('did-fail-load', native.makeEvent(), a.errorCode, a.errorDescription, a.validatedURL, true, 0, 0);
        this.emit('did-stop-loading', native.makeEvent());
        if (pending) pending.reject(loadError(a.errorCode, a.errorDescription, a.validatedURL));
        return false;
      }
      case 'will-navigate': {
        const event = native.makeEvent({ url: a, isMainFrame: true });
        this.emit('will-navigate', event, a);
        return event.defaultPrevented;
      }
      case 'window-open':
        return this.#windowOpen(a, b);
      case 'opened-window-ready':
        if (!this.#destroyed && this.#window._showWhenOpened !== false) native.ui().show(this.#id, true);
        return false;
      case 'console-message':
        this.emit('console-message', native.makeEvent(), a.level, a.message, a.line, a.sourceId);
        return false;
      case 'render-process-gone':
        this.emit('render-process-gone', native.makeEvent(), { reason: a, exitCode: a === 'crashed' ? 139 : 0 });
        return false;
      case 'found-in-page':
        this.emit('found-in-page', native.makeEvent(), a);
        return false;
      case 'ipc':
        ipc().receive(this, a, b);
        return false;
      case 'context-menu':
        // With a listener the app shows its own menu; else WebKit's, trimmed
        // to the edit actions (ui-menu.c).
        if (this.listenerCount('context-menu') === 0) return false;
        this.emit('context-menu', native.makeEvent(), a);
        return true;
      default:
        return false;
    }
  }

  // ---- IPC (internal/electron/ipc_main.js)

  get ipc() {
    this.#ipc ??= new (ipc().IpcMain)();
    return this.#ipc;
  }
  get mainFrame() { return ipc().frameOf(this, 0); }
  _ipcOrNull() { return this.#ipc; }
  _ipcState() {
    this.#ipcState ??= { pid: 0, frames: new Map(), css: new Map() };
    return this.#ipcState;
  }
  send(channel, ...args) { this.#check(); ipc().send(this, 0, channel, args); }
  sendToFrame(frameId, channel, ...args) {
    this.#check();
    const id = Array.isArray(frameId) ? frameId[1] : frameId;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new TypeError('sendToFrame: frameId must be a frame id (a non-negative integer) or [processId, frameId]');
    ipc().send(this, id, channel, args, 'webContents.sendToFrame');
  }
  postMessage(channel, message, transfer) { this.#check(); ipc().postMessage(this, 0, channel, message, transfer); }
  getOSProcessId() { return this._ipcState().pid; }
  getProcessId() { return this._ipcState().pid; }

  // Returns the id of the window that should host the new page, or
  // undefined to deny.
  #windowOpen(url, frameName) {
    let action = { action: 'allow' };
    if (this.#openHandler) {
      const details = { url, frameName: frameName || '', features: '', disposition: 'new-window', referrer: { url: this.getURL(), policy: 'default' }, postBody: undefined };
      try {
        action = this.#openHandler(details);
      } catch (err) {
        process.nextTick(() => { throw err; });
        return undefined;
      }
    }
    if (!action || action.action !== 'allow') return undefined;
    const { openChildWindow } = require('internal/electron/browser_window');
    const opts = Object.assign({}, action.overrideBrowserWindowOptions || {});
    const child = openChildWindow(this.#window, opts);
    child._showWhenOpened = opts.show !== false;
    child.webContents._showWhenOpened = child._showWhenOpened;
    this.emit('did-create-window', child, { url, frameName: frameName || '', options: opts });
    return child.id;
  }

  setWindowOpenHandler(handler) {
    if (handler !== null && typeof handler !== 'function') throw new TypeError('setWindowOpenHandler: handler must be a function');
    this.#openHandler = handler;
  }

  loadURL(url, options) {
    this.#check();
    if (typeof url !== 'string') return Promise.reject(new TypeError('loadURL: url must be a string'));
    try {
      url = new URL(url).toString();
    } catch {
      return Promise.reject(Object.assign(new TypeError(`loadURL: invalid URL: '${url}'`), { code: 'ERR_INVALID_URL' }));
    }
    if (this.#pendingLoad) this.#pendingLoad.reject(loadError(-3, 'superseded by a new load', this.#pendingLoad.url));
    const promise = new Promise((resolve, reject) => { this.#pendingLoad = { resolve, reject, url }; });
    // Callers that ignore the promise still get did-fail-load.
    promise.catch(() => {});
    native.ui().loadURL(this.#id, url);
    return promise;
  }

  loadFile(file, options) {
    this.#check();
    if (typeof file !== 'string') return Promise.reject(new TypeError('loadFile: filePath must be a string'));
    const { getApp } = require('internal/electron/app');
    const devURL = require('internal/dev/client').rendererURL(getApp().getAppPath(), file, options);
    return this.loadURL(devURL ?? urlForFile(file, options));
  }

  #info() { this.#check(); return native.ui().contentsInfo(this.#id); }
  getURL() { return this.#info()[0]; }
  getTitle() { return this.#info()[1]; }
  isLoading() { return this.#info()[2]; }
  canGoBack() { return this.#info()[3]; }
  canGoForward() { return this.#info()[4]; }
  isDevToolsOpened() { return this.#info()[6]; }
  isDestroyed() { return this.#destroyed; }
  isCrashed() { return false; }

  reload() { this.#check(); native.ui().navigate(this.#id, 'reload'); }
  reloadIgnoringCache() { this.#check(); native.ui().navigate(this.#id, 'reloadIgnoringCache'); }
  stop() { this.#check(); native.ui().navigate(this.#id, 'stop'); }
  goBack() { this.#check(); native.ui().navigate(this.#id, 'goBack'); }
  goForward() { this.#check(); native.ui().navigate(this.#id, 'goForward'); }
  openDevTools() { this.#check(); native.ui().navigate(this.#id, 'openDevTools'); this.emit('devtools-opened'); }
  closeDevTools() { this.#check(); native.ui().navigate(this.#id, 'closeDevTools'); this.emit('devtools-closed'); }
  forcefullyCrashRenderer() { this.#check(); native.ui().navigate(this.#id, 'terminate'); }
  undo() { this.#check(); native.ui().editCommand(this.#id, 'Undo'); }
  redo() { this.#check(); native.ui().editCommand(this.#id, 'Redo'); }
  cut() { this.#check(); native.ui().editCommand(this.#id, 'Cut'); }
  copy() { this.#check(); native.ui().editCommand(this.#id, 'Copy'); }
  paste() { this.#check(); native.ui().editCommand(this.#id, 'Paste'); }
  pasteAndMatchStyle() { this.#check(); native.ui().editCommand(this.#id, 'PasteAsPlainText'); }
  delete() { this.#check(); native.ui().editCommand(this.#id, 'Delete'); }
  selectAll() { this.#check(); native.ui().editCommand(this.#id, 'SelectAll'); }
  toggleDevTools() { if (this.isDevToolsOpened()) this.closeDevTools(); else this.openDevTools(); }

  setZoomFactor(factor) {
    this.#check();
    if (typeof factor !== 'number' || !(factor > 0)) throw new TypeError('setZoomFactor: factor must be a number greater than 0');
    native.ui().setZoomFactor(this.#id, factor);
  }
  getZoomFactor() { return this.#info()[5]; }
  setZoomLevel(level) { this.setZoomFactor(Math.pow(1.2, level)); }
  getZoomLevel() { return Math.log(this.getZoomFactor()) / Math.log(1.2); }

  executeJavaScript(code, userGesture) {
    this.#check();
    if (typeof code !== 'string') return Promise.reject(new TypeError('executeJavaScript: code must be a string'));
    return new Promise((resolve, reject) => {
      native.ui().executeJavaScript(this.#id, code, (err, value) => {
        if (err !== null) reject(new Error(err));
        else resolve(value);
      });
    });
  }

  insertCSS(css, options = {}) {
    this.#check();
    if (typeof css !== 'string') return Promise.reject(new TypeError('insertCSS: css must be a string'));
    const key = native.ui().insertCSS(this.#id, css, options.cssOrigin === 'user');
    return Promise.resolve(String(key));
  }
  removeInsertedCSS(key) {
    this.#check();
    const ok = native.ui().removeInsertedCSS(this.#id, Number(key));
    return ok ? Promise.resolve() : Promise.reject(new Error(`removeInsertedCSS: no inserted CSS with key '${key}'`));
  }

  capturePage(rect) {
    this.#check();
    const { NativeImage } = require('internal/electron/native_image');
    const r = rect || {};
    return new Promise((resolve, reject) => {
      native.ui().capturePage(this.#id, r.x ?? 0, r.y ?? 0, rect ? r.width : NaN, rect ? r.height : NaN, (err, img) => {
        if (err !== null) reject(new Error(`capturePage: ${err}`));
        else resolve(img ? new NativeImage(img) : NativeImage.createEmpty());
      });
    });
  }

  print(options = {}, callback) {
    this.#check();
    if (typeof options === 'function') { callback = options; options = {}; }
    native.ui().print(this.#id, options, (err) => {
      if (typeof callback === 'function') callback(err === null, err === null ? '' : err);
    });
  }

  findInPage(text, options = {}) {
    this.#check();
    if (typeof text !== 'string' || text === '') throw new TypeError('findInPage: text must be a non-empty string');
    return native.ui().findInPage(this.#id, text, options.forward !== false, !!options.findNext, !!options.matchCase);
  }
  stopFindInPage(action) {
    this.#check();
    if (!['clearSelection', 'keepSelection', 'activateSelection'].includes(action)) throw new TypeError(`stopFindInPage: unknown action '${action}'`);
    native.ui().navigate(this.#id, 'stopFindInPage');
  }

  getOwnerBrowserWindow() { return this.#destroyed ? null : this.#window; }

  static getAllWebContents() { return [...all.values()]; }
  static fromId(id) { return all.get(id) || null; }
  static getFocusedWebContents() {
    for (const wc of all.values()) if (wc.#window.isFocused()) return wc;
    return null;
  }
}

module.exports = { WebContents, urlForFile };
