'use strict';
// Electron's BrowserWindow: options validated here (TypeErrors name the
// option), the window itself is a GtkWindow + WebKitWebView in the UI module.

const EventEmitter = require('events');
const native = require('internal/electron/ui');
const { WebContents } = require('internal/electron/web_contents');
const { getApp } = require('internal/electron/app');

const windows = new Map();
let nextId = 1;

const numberOptions = ['width', 'height', 'x', 'y', 'minWidth', 'minHeight', 'maxWidth',
  'maxHeight', 'opacity'];
const booleanOptions = ['center', 'resizable', 'movable', 'minimizable', 'maximizable',
  'closable', 'focusable', 'alwaysOnTop', 'fullscreen', 'fullscreenable', 'skipTaskbar',
  'show', 'frame', 'transparent', 'autoHideMenuBar', 'modal', 'useContentSize', 'paintWhenInitiallyHidden'];
const stringOptions = ['title', 'backgroundColor'];
const prefBooleans = ['contextIsolation', 'nodeIntegration', 'sandbox', 'devTools', 'spellcheck',
  'javascript', 'images', 'webSecurity', 'webgl', 'nodeIntegrationInSubFrames', 'webviewTag'];

function typeError(name, expected, value) {
  const shown = value === null ? 'null' : typeof value === 'string' ? `'${value}'` : typeof value;
  const err = new TypeError(`BrowserWindow option "${name}" must be ${expected}; received ${shown}`);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

// Electron accepts #RGB, #ARGB, #RRGGBB, #AARRGGBB (alpha first) and CSS
// colour names/functions; GTK parses CSS, so hex with alpha is rewritten.
function cssColor(value) {
  const m = /^#([0-9a-f]{3,8})$/i.exec(value);
  if (!m) return value;
  let hex = m[1];
  if (hex.length === 3 || hex.length === 4) hex = [...hex].map((c) => c + c).join('');
  if (hex.length === 6) return `#${hex}`;
  if (hex.length !== 8) return value;
  const a = parseInt(hex.slice(0, 2), 16) / 255;
  const [r, g, b] = [2, 4, 6].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r},${g},${b},${a.toFixed(3)})`;
}

function normalizeOptions(options) {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object') throw typeError('options', 'an object', options);
  const out = {};
  for (const name of numberOptions) {
    const v = options[name];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw typeError(name, 'a finite number', v);
    out[name] = Math.round(v);
  }
  for (const name of booleanOptions) {
    const v = options[name];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw typeError(name, 'a boolean', v);
    out[name] = v;
  }
  for (const name of stringOptions) {
    const v = options[name];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw typeError(name, 'a string', v);
    out[name] = v;
  }
  if (out.backgroundColor !== undefined) out.backgroundColor = cssColor(out.backgroundColor);
  if (options.icon !== undefined) {
    const icon = options.icon;
    if (typeof icon === 'string') out.icon = icon;
    else if (icon && typeof icon._pathForIcon === 'function') out.icon = icon._pathForIcon();
    else throw typeError('icon', 'a string or a NativeImage', icon);
  }
  if (options.parent !== undefined && options.parent !== null) {
    if (!(options.parent instanceof BrowserWindow)) throw typeError('parent', 'a BrowserWindow', options.parent);
    out.parent = options.parent.id;
  }
  const prefs = options.webPreferences === undefined ? {} : options.webPreferences;
  if (prefs === null || typeof prefs !== 'object') throw typeError('webPreferences', 'an object', prefs);
  const webPreferences = { contextIsolation: true, nodeIntegration: false, sandbox: true };
  for (const name of prefBooleans) {
    const v = prefs[name];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw typeError(`webPreferences.${name}`, 'a boolean', v);
    webPreferences[name] = v;
  }
  for (const name of ['preload', 'partition']) {
    const v = prefs[name];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw typeError(`webPreferences.${name}`, 'a string', v);
    webPreferences[name] = v;
  }
  if (prefs.zoomFactor !== undefined) {
    if (typeof prefs.zoomFactor !== 'number' || !(prefs.zoomFactor > 0)) throw typeError('webPreferences.zoomFactor', 'a positive number', prefs.zoomFactor);
    webPreferences.zoomFactor = prefs.zoomFactor;
  }
  if (webPreferences.preload !== undefined && !require('path').isAbsolute(webPreferences.preload)) {
    throw new TypeError(`webPreferences.preload must be an absolute path; received '${webPreferences.preload}'`);
  }
  webPreferences.bridgeScript = require('internal/electron/ipc_main').bridgeScript(webPreferences);
  out.webPreferences = webPreferences;
  return out;
}

const kInternal = Symbol('kInternal');

class BrowserWindow extends EventEmitter {
  #id;
  #destroyed = false;
  #options;
  #readyToShow = false;
  #menuBarVisible = true;
  #flags;
  #parent = null;
  #early = [];

  constructor(options, internal) {
    super();
    const app = getApp();
    const opts = normalizeOptions(options);
    if (!app.isReady()) throw new Error('Cannot create BrowserWindow before app is ready');
    this.#id = nextId++;
    this.#options = opts;
    this.#flags = {
      movable: opts.movable ?? true, minimizable: opts.minimizable ?? true,
      maximizable: opts.maximizable ?? true, closable: opts.closable ?? true,
      fullscreenable: opts.fullscreenable ?? true, focusable: opts.focusable ?? true,
      autoHideMenuBar: opts.autoHideMenuBar ?? false,
    };
    if (options && options.parent) this.#parent = options.parent;
    if (internal && internal[kInternal]) opts.relatedTo = internal.relatedTo;
    if (opts.useContentSize === undefined) opts.useContentSize = false;
    native.ui().createWindow(this.#id, opts);
    windows.set(this.#id, this);
    native.register(this.#id, this);
    this.webContents = new WebContents(this.#id, this, opts.webPreferences);
    app.emit('browser-window-created', native.makeEvent(), this);
    app.emit('web-contents-created', native.makeEvent(), this.webContents);
    if (opts.show !== false && !(internal && internal.deferShow)) native.ui().show(this.#id, true);
    const early = this.#early;
    this.#early = null;
    if (early.length > 0) process.nextTick(() => { for (const name of early) this._nativeEvent(name); });
  }

  get id() { return this.#id; }

  _nativeEvent(name, a, b) {
    // Events GTK sends while the constructor runs ('show' on mapping) reach
    // listeners attached right after it, as in Electron.
    if (this.#early !== null) {
      if (name === 'show' || name === 'focus' || name === 'move' || name === 'resize') {
        this.#early.push(name);
        return false;
      }
    }
    switch (name) {
      case 'close': {
        const event = native.makeEvent();
        this.emit('close', event);
        return event.defaultPrevented;
      }
      case 'closed':
        this.#destroyed = true;
        windows.delete(this.#id);
        native.unregister(this.#id);
        this.webContents._destroyed();
        this.emit('closed');
        if (windows.size === 0) getApp()._lastWindowClosed();
        return false;
      case 'first-frame':
      case 'load-finished':
        if (!this.#readyToShow) {
          this.#readyToShow = true;
          this.emit('ready-to-show');
        }
        if (name === 'first-frame') return false;
        break;
      case 'page-title-updated': {
        const event = native.makeEvent();
        this.webContents.emit('page-title-updated', event, a, true);
        const winEvent = native.makeEvent();
        this.emit('page-title-updated', winEvent, a, true);
        if (!winEvent.defaultPrevented && !event.defaultPrevented) native.ui().setTitle(this.#id, a);
        return false;
      }
      case 'focus': case 'blur': case 'show': case 'hide': case 'maximize': case 'unmaximize':
      case 'minimize': case 'restore': case 'enter-full-screen': case 'leave-full-screen':
      case 'resize': case 'move':
        this.emit(name);
        if (name === 'resize') this.emit('resized');
        if (name === 'move') this.emit('moved');
        return false;
      default:
        break;
    }
    return this.webContents._nativeEvent(name, a, b);
  }

  #check() {
    if (this.#destroyed) {
      const err = new TypeError('Object has been destroyed');
      err.code = 'ERR_ANODE_DESTROYED';
      throw err;
    }
  }

  isDestroyed() { return this.#destroyed; }
  destroy() { if (!this.#destroyed) native.ui().destroy(this.#id); }
  close() { if (!this.#destroyed) native.ui().close(this.#id); }

  loadURL(url, options) { this.#check(); return this.webContents.loadURL(url, options); }
  loadFile(file, options) { this.#check(); return this.webContents.loadFile(file, options); }
  reload() { this.#check(); this.webContents.reload(); }

  show() { this.#check(); native.ui().show(this.#id, true); }
  showInactive() { this.#check(); native.ui().show(this.#id, false); }
  hide() { this.#check(); native.ui().hide(this.#id); }
  focus() { this.#check(); native.ui().windowState(this.#id, 'focus'); }
  blur() { this.#check(); native.ui().windowState(this.#id, 'blur'); }
  minimize() { this.#check(); native.ui().windowState(this.#id, 'minimize'); }
  maximize() { this.#check(); native.ui().windowState(this.#id, 'maximize'); }
  unmaximize() { this.#check(); native.ui().windowState(this.#id, 'unmaximize'); }
  restore() { this.#check(); native.ui().windowState(this.#id, 'restore'); }
  center() { this.#check(); native.ui().windowState(this.#id, 'center'); }
  setFullScreen(flag) {
    this.#check();
    if (flag && !this.#flags.fullscreenable) return;
    native.ui().windowState(this.#id, flag ? 'fullscreen' : 'unfullscreen');
  }
  flashFrame(flag) { this.#check(); native.ui().windowState(this.#id, flag ? 'flash' : 'unflash'); }

  #state() { this.#check(); return native.ui().getState(this.#id); }
  isVisible() { return this.#state()[0]; }
  isFocused() { return this.#state()[1]; }
  isMaximized() { return this.#state()[2]; }
  isMinimized() { return this.#state()[3]; }
  isFullScreen() { return this.#state()[4]; }
  isNormal() { const s = this.#state(); return !s[2] && !s[3] && !s[4]; }
  isModal() { return !!(this.#options.modal && this.#parent); }
  getParentWindow() { return this.#parent && !this.#parent.isDestroyed() ? this.#parent : null; }
  getChildWindows() { return BrowserWindow.getAllWindows().filter((w) => w.getParentWindow() === this); }

  getBounds() {
    this.#check();
    const [x, y, width, height] = native.ui().getBounds(this.#id);
    return { x, y, width, height };
  }
  setBounds(bounds) {
    this.#check();
    if (bounds === null || typeof bounds !== 'object') throw new TypeError('setBounds: bounds must be an object');
    const pick = (k) => {
      const v = bounds[k];
      if (v === undefined) return NaN;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`setBounds: bounds.${k} must be a finite number`);
      return Math.round(v);
    };
    native.ui().setBounds(this.#id, pick('x'), pick('y'), pick('width'), pick('height'));
  }
  getContentBounds() { return this.getBounds(); }
  setContentBounds(bounds) { this.setBounds(bounds); }
  getSize() { const b = this.getBounds(); return [b.width, b.height]; }
  setSize(width, height) { this.setBounds({ width, height }); }
  getContentSize() { return this.getSize(); }
  setContentSize(width, height) { this.setSize(width, height); }
  getPosition() { const b = this.getBounds(); return [b.x, b.y]; }
  setPosition(x, y) { this.setBounds({ x, y }); }
  getNormalBounds() { return this.getBounds(); }

  #limits() {
    const o = this.#options;
    native.ui().setSizeLimits(this.#id, o.minWidth || 0, o.minHeight || 0, o.maxWidth || 0, o.maxHeight || 0);
  }
  setMinimumSize(width, height) { this.#check(); this.#options.minWidth = width; this.#options.minHeight = height; this.#limits(); }
  getMinimumSize() { return [this.#options.minWidth || 0, this.#options.minHeight || 0]; }
  setMaximumSize(width, height) { this.#check(); this.#options.maxWidth = width; this.#options.maxHeight = height; this.#limits(); }
  getMaximumSize() { return [this.#options.maxWidth || 0, this.#options.maxHeight || 0]; }

  setTitle(title) {
    this.#check();
    if (typeof title !== 'string') throw new TypeError('setTitle: title must be a string');
    native.ui().setTitle(this.#id, title);
  }
  getTitle() { this.#check(); return native.ui().getTitle(this.#id); }

  setResizable(flag) { this.#check(); this.#options.resizable = !!flag; native.ui().setFlag(this.#id, 'resizable', !!flag); }
  isResizable() { return this.#options.resizable !== false; }
  setAlwaysOnTop(flag) { this.#check(); this.#options.alwaysOnTop = !!flag; native.ui().setFlag(this.#id, 'alwaysOnTop', !!flag); }
  isAlwaysOnTop() { return !!this.#options.alwaysOnTop; }
  setClosable(flag) { this.#check(); this.#flags.closable = !!flag; native.ui().setFlag(this.#id, 'closable', !!flag); }
  isClosable() { return this.#flags.closable; }
  // Electron does not implement these three on Linux either: they are kept
  // and reported back.
  setMovable(flag) { this.#flags.movable = !!flag; }
  isMovable() { return this.#flags.movable; }
  setMinimizable(flag) { this.#flags.minimizable = !!flag; }
  isMinimizable() { return this.#flags.minimizable; }
  setMaximizable(flag) { this.#flags.maximizable = !!flag; }
  isMaximizable() { return this.#flags.maximizable; }
  setFullScreenable(flag) { this.#flags.fullscreenable = !!flag; }
  isFullScreenable() { return this.#flags.fullscreenable; }
  setFocusable(flag) { this.#flags.focusable = !!flag; }
  isFocusable() { return this.#flags.focusable; }

  setBackgroundColor(color) { this.#check(); native.ui().setBackgroundColor(this.#id, cssColor(String(color))); }

  // Menus come from the Menu module; the menu bar is drawn by the window.
  setMenu(menu) { this.#check(); require('internal/electron/menu').setWindowMenu(this, menu); }
  removeMenu() { this.setMenu(null); }
  getMenu() { return require('internal/electron/menu').getWindowMenu(this); }
  setMenuBarVisibility(visible) {
    this.#check();
    this.#menuBarVisible = !!visible;
    this._menuBarHidden = !visible;
    native.ui().setMenuBarVisible(this.#id, !!visible);
  }
  isMenuBarVisible() { return this.#menuBarVisible; }
  setAutoHideMenuBar(flag) { this.#flags.autoHideMenuBar = !!flag; }
  isMenuBarAutoHide() { return this.#flags.autoHideMenuBar; }

  setProgressBar(progress, options = {}) {
    this.#check();
    if (typeof progress !== 'number') throw new TypeError('setProgressBar: progress must be a number');
    const mode = options.mode || (progress < 0 ? 'none' : 'normal');
    native.ui().setProgress(getApp().getName(), progress, mode !== 'none' && progress >= 0);
  }

  capturePage(rect) { this.#check(); return this.webContents.capturePage(rect); }

  static getAllWindows() { return [...windows.values()]; }
  static getFocusedWindow() {
    for (const w of windows.values()) if (w.isFocused()) return w;
    return null;
  }
  static fromId(id) { return windows.get(id) || null; }
  static fromWebContents(wc) {
    for (const w of windows.values()) if (w.webContents === wc) return w;
    return null;
  }
}

// window.open from a page: a new window whose view is related to the opener.
function openChildWindow(opener, options) {
  return new BrowserWindow(options, { [kInternal]: true, relatedTo: opener.id, deferShow: true });
}

module.exports = { BrowserWindow, openChildWindow };
