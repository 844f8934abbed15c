'use strict';
// Electron's Menu and MenuItem. Templates are checked here (errors name the
// item); a shown menu goes to C as a plain tree (ui-menu.c makes the GMenu,
// GActions and GTK shortcuts), and clicks come back as 'menu-click'.

const EventEmitter = require('events');
const native = require('internal/electron/ui');
const desk = require('internal/electron/desk_events');
const { toGtk } = require('internal/electron/accelerator');
const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

let nextMenuId = 1;
let nextItemId = 1;
const itemsById = new Map(); // command id -> WeakRef(MenuItem), for clicks
const shown = new Set();     // root menus on a window or open as a popup
let applicationMenu = null;
let syncQueued = false;
let hooked = false;
// Native menu records go when their Menu is collected (context menus are
// often built per right click).
const nativeMenus = new FinalizationRegistry((id) => {
  if (native.isStarted()) native.ui().menuFree(id);
});

const types = ['normal', 'separator', 'submenu', 'checkbox', 'radio'];
const macOnlyRoles = new Set(['hide', 'hideOthers', 'unhide', 'front', 'zoom', 'startSpeaking',
  'stopSpeaking', 'services', 'recentDocuments', 'clearRecentDocuments', 'shareMenu',
  'toggleTabBar', 'selectNextTab', 'selectPreviousTab', 'showAllTabs', 'mergeAllWindows',
  'moveTabToNewWindow', 'showSubstitutions', 'toggleSmartQuotes', 'toggleSmartDashes',
  'toggleTextReplacement', 'toggleSpellingPanel', 'window', 'tabMenu', 'pasteAndMatchStyle']);

function appName() {
  return require('internal/electron/app').getApp().getName();
}

function wc(win) { return win && !win.isDestroyed() ? win.webContents : null; }
function edit(cmd) { return (win) => { if (win && !win.isDestroyed()) native.ui().editCommand(win.id, cmd); }; }

// role -> default label, accelerator, what a click does, default submenu.
const roles = {
  undo: { label: 'Undo', accelerator: 'CmdOrCtrl+Z', run: edit('Undo') },
  redo: { label: 'Redo', accelerator: 'Shift+CmdOrCtrl+Z', run: edit('Redo') },
  cut: { label: 'Cut', accelerator: 'CmdOrCtrl+X', run: edit('Cut') },
  copy: { label: 'Copy', accelerator: 'CmdOrCtrl+C', run: edit('Copy') },
  paste: { label: 'Paste', accelerator: 'CmdOrCtrl+V', run: edit('Paste') },
  pasteAndMatchStyle: { label: 'Paste and Match Style', accelerator: 'Shift+CmdOrCtrl+V', run: edit('PasteAsPlainText') },
  delete: { label: 'Delete', run: edit('Delete') },
  selectAll: { label: 'Select All', accelerator: 'CmdOrCtrl+A', run: edit('SelectAll') },
  reload: { label: 'Reload', accelerator: 'CmdOrCtrl+R', run: (win) => wc(win)?.reload() },
  forceReload: { label: 'Force Reload', accelerator: 'Shift+CmdOrCtrl+R', run: (win) => wc(win)?.reloadIgnoringCache() },
  toggleDevTools: { label: 'Toggle Developer Tools', accelerator: 'Ctrl+Shift+I', run: (win) => wc(win)?.toggleDevTools() },
  resetZoom: { label: 'Actual Size', accelerator: 'CmdOrCtrl+0', run: (win) => wc(win)?.setZoomLevel(0) },
  zoomIn: { label: 'Zoom In', accelerator: 'CmdOrCtrl+Plus', run: (win) => { const c = wc(win); if (c) c.setZoomLevel(c.getZoomLevel() + 0.5); } },
  zoomOut: { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', run: (win) => { const c = wc(win); if (c) c.setZoomLevel(c.getZoomLevel() - 0.5); } },
  togglefullscreen: { label: 'Toggle Full Screen', accelerator: 'F11', run: (win) => win && !win.isDestroyed() && win.setFullScreen(!win.isFullScreen()) },
  minimize: { label: 'Minimize', accelerator: 'CmdOrCtrl+M', run: (win) => win && !win.isDestroyed() && win.minimize() },
  close: { label: 'Close Window', accelerator: 'CmdOrCtrl+W', run: (win) => win && !win.isDestroyed() && win.close() },
  quit: { label: 'Quit', accelerator: 'CmdOrCtrl+Q', run: () => require('internal/electron/app').getApp().quit() },
  about: { label: () => `About ${appName()}`, run: (win) => require('internal/electron/dialog').showAboutPanel(win) },
  appMenu: { label: () => appName(), submenu: () => [{ role: 'about' }, { type: 'separator' }, { role: 'quit' }] },
  fileMenu: { label: '&File', submenu: () => [{ role: 'quit' }] },
  editMenu: {
    label: '&Edit',
    submenu: () => [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' },
      { role: 'copy' }, { role: 'paste' }, { role: 'delete' }, { type: 'separator' }, { role: 'selectAll' }],
  },
  viewMenu: {
    label: '&View',
    submenu: () => [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' },
      { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
      { type: 'separator' }, { role: 'togglefullscreen' }],
  },
  windowMenu: { label: '&Window', submenu: () => [{ role: 'minimize' }, { role: 'close' }] },
  help: { label: '&Help', submenu: () => [] },
};

function roleInfo(role) {
  const lower = role.toLowerCase();
  for (const name of Object.keys(roles)) if (name.toLowerCase() === lower) return roles[name];
  return null;
}

function describeItem(options, index) {
  if (options && typeof options === 'object') {
    for (const k of ['label', 'id', 'role']) if (typeof options[k] === 'string' && options[k]) return `'${options[k]}'`;
  }
  return index === undefined ? '(unnamed)' : `#${index}`;
}

function itemError(options, index, what) {
  const err = new TypeError(`Invalid menu item ${describeItem(options, index)}: ${what}`);
  err.code = 'ERR_INVALID_MENU_ITEM';
  return err;
}

// Electron marks mnemonics with '&' ('&&' is a literal '&'); GTK with '_'.
function gtkLabel(label) {
  let out = '';
  for (let i = 0; i < label.length; i++) {
    const c = label[i];
    if (c === '_') out += '__';
    else if (c === '&') {
      if (label[i + 1] === '&') { out += '&'; i++; } else out += '_';
    } else out += c;
  }
  return out;
}

function queueSync() {
  if (syncQueued) return;
  syncQueued = true;
  queueMicrotask(() => {
    syncQueued = false;
    for (const menu of shown) {
      menu._sendToNative();
      if (menu._trays) for (const tray of menu._trays) tray._syncMenu();
    }
  });
}

class MenuItem {
  #enabled;
  #visible;
  #checked;
  #label;
  #menus = new Set(); // menus holding this item

  constructor(options, index) {
    if (options === null || typeof options !== 'object') throw itemError(options, index, 'a menu item must be an object');
    let { type, role, submenu } = options;
    const info = role === undefined ? null : (typeof role === 'string' ? roleInfo(role) : undefined);
    if (role !== undefined && info === null && !(typeof role === 'string' && [...macOnlyRoles].some((r) => r.toLowerCase() === role.toLowerCase()))) {
      throw itemError(options, index, `unknown role '${String(role)}'`);
    }
    if (info === undefined) throw itemError(options, index, `unknown role '${String(role)}'`);
    if (submenu === undefined && info && info.submenu) submenu = info.submenu();
    if (type === undefined) type = submenu !== undefined ? 'submenu' : 'normal';
    if (!types.includes(type)) throw itemError(options, index, `unknown type '${String(type)}' (expected ${types.join(', ')})`);
    if (type === 'submenu' || submenu !== undefined) {
      if (Array.isArray(submenu)) submenu = Menu.buildFromTemplate(submenu);
      if (!(submenu instanceof Menu)) throw itemError(options, index, 'submenu must be a Menu or an array of menu item templates');
      if (type !== 'submenu') throw itemError(options, index, `a '${type}' item cannot have a submenu`);
    }
    for (const k of ['label', 'sublabel', 'toolTip', 'id']) {
      if (options[k] !== undefined && typeof options[k] !== 'string') throw itemError(options, index, `${k} must be a string`);
    }
    for (const k of ['enabled', 'visible', 'checked', 'registerAccelerator', 'acceleratorWorksWhenHidden']) {
      if (options[k] !== undefined && typeof options[k] !== 'boolean') throw itemError(options, index, `${k} must be a boolean`);
    }
    if (options.click !== undefined && typeof options.click !== 'function') throw itemError(options, index, 'click must be a function');
    let accelerator = options.accelerator;
    if (accelerator === undefined && info && info.accelerator) accelerator = info.accelerator;
    if (accelerator !== undefined && accelerator !== null) {
      try {
        this._gtkAccel = toGtk(accelerator);
      } catch (e) {
        throw itemError(options, index, e.message);
      }
    }
    let label = options.label;
    if (label === undefined && info && info.label) label = typeof info.label === 'function' ? info.label() : info.label;
    this.#label = label === undefined ? '' : label;
    this.type = type;
    this.role = role;
    this.id = options.id;
    this.sublabel = options.sublabel || '';
    this.toolTip = options.toolTip || '';
    this.accelerator = accelerator;
    this.icon = options.icon;
    this.submenu = submenu;
    this.click = options.click;
    this.registerAccelerator = options.registerAccelerator !== false;
    this.#enabled = options.enabled !== false;
    this.#visible = options.visible !== false;
    this.#checked = options.checked === true;
    this.commandId = nextItemId++;
    this._roleRun = info ? info.run : undefined;
  }

  get enabled() { return this.#enabled; }
  set enabled(v) { this.#enabled = !!v; queueSync(); }
  get visible() { return this.#visible; }
  set visible(v) { this.#visible = !!v; queueSync(); }
  get checked() { return this.#checked; }
  set checked(v) { this.#checked = !!v; queueSync(); }
  get label() { return this.#label; }
  set label(v) { this.#label = String(v); queueSync(); }
  get menu() { return [...this.#menus][0] || null; }

  _addedTo(menu) { this.#menus.add(menu); }
  _removedFrom(menu) { this.#menus.delete(menu); }

  // A radio item's group: the radio items around it up to a separator.
  _radioGroup() {
    const menu = this.menu;
    if (!menu) return [this];
    const items = menu.items;
    const at = items.indexOf(this);
    let start = at, end = at;
    while (start > 0 && items[start - 1].type === 'radio') start--;
    while (end < items.length - 1 && items[end + 1].type === 'radio') end++;
    return items.slice(start, end + 1);
  }

  _native() {
    itemsById.set(this.commandId, new WeakRef(this));
    const o = {
      id: this.commandId, type: this.type, label: gtkLabel(this.#label),
      enabled: this.#enabled, visible: this.#visible, checked: this.#checked,
    };
    if (this._gtkAccel && this.registerAccelerator) o.accel = this._gtkAccel;
    if (this.type === 'submenu') o.submenu = this.submenu._nativeTree();
    return o;
  }

  _activate(win, info) {
    if (this.type === 'checkbox') this.checked = !this.checked;
    else if (this.type === 'radio') for (const it of this._radioGroup()) it.checked = it === this;
    const event = { triggeredByAccelerator: !!info.triggeredByAccelerator, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false };
    // Electron: a role's own action replaces click.
    if (this._roleRun) this._roleRun(win || require('internal/electron/browser_window').BrowserWindow.getFocusedWindow());
    else if (typeof this.click === 'function') this.click(this, win || undefined, event);
  }
}

class Menu extends EventEmitter {
  #id = nextMenuId++;
  #sent = null;

  constructor() {
    super();
    this.items = [];
  }

  get _id() { return this.#id; }

  append(item) { this.insert(this.items.length, item); }

  insert(pos, item) {
    if (!(item instanceof MenuItem)) throw new ERR_INVALID_ARG_TYPE('menuItem', 'MenuItem', item);
    if (!Number.isInteger(pos) || pos < 0 || pos > this.items.length) {
      throw new RangeError(`Menu.insert: position ${pos} is out of range 0..${this.items.length}`);
    }
    this.items.splice(pos, 0, item);
    item._addedTo(this);
    if (item.type === 'radio') {
      const group = item._radioGroup();
      if (!group.some((it) => it.checked)) group[0].checked = true;
    }
    queueSync();
  }

  getMenuItemById(id) {
    for (const item of this.items) {
      if (item.id === id) return item;
      if (item.submenu) {
        const found = item.submenu.getMenuItemById(id);
        if (found) return found;
      }
    }
    return null;
  }

  _nativeTree() { return this.items.map((item) => item._native()); }

  _sendToNative() {
    // Unchanged menus are not rebuilt: GTK rebuilds an open popup's pages.
    const tree = this._nativeTree();
    const json = JSON.stringify(tree);
    if (json === this.#sent) return;
    if (this.#sent === null) nativeMenus.register(this, this.#id);
    native.ui().menuSet(this.#id, tree);
    this.#sent = json;
  }

  _show() {
    hook();
    shown.add(this);
    this._sendToNative();
  }

  popup(options = {}) {
    if (options === null || typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', 'object', options);
    const { BrowserWindow } = require('internal/electron/browser_window');
    const win = options.window || BrowserWindow.getFocusedWindow() || BrowserWindow.getAllWindows()[0];
    if (!win || win.isDestroyed()) return;
    for (const k of ['x', 'y']) {
      if (options[k] !== undefined && typeof options[k] !== 'number') throw new ERR_INVALID_ARG_TYPE(`options.${k}`, 'number', options[k]);
    }
    this._show();
    const token = nextPopup++;
    popups.set(token, { menu: this, callback: options.callback, window: win });
    this.emit('menu-will-show', native.makeEvent());
    const x = options.x === undefined ? -1 : options.x;
    const y = options.y === undefined ? -1 : options.y;
    if (!native.ui().menuPopup(this.#id, win.id, x, y, token)) popupClosed(token);
  }

  closePopup() { native.ui().menuClosePopup(); }

  static buildFromTemplate(template) {
    if (!Array.isArray(template)) throw new ERR_INVALID_ARG_TYPE('template', 'Array', template);
    const menu = new Menu();
    template.forEach((entry, index) => {
      menu.append(entry instanceof MenuItem ? entry : new MenuItem(entry, index));
    });
    return menu;
  }

  static setApplicationMenu(menu) {
    if (menu !== null && !(menu instanceof Menu)) throw new ERR_INVALID_ARG_TYPE('menu', 'Menu or null', menu);
    applicationMenu = menu;
    if (menu) menu._show();
    const { BrowserWindow } = require('internal/electron/browser_window');
    for (const win of BrowserWindow.getAllWindows()) if (win._ownMenu === undefined) applyToWindow(win);
  }

  static getApplicationMenu() { return applicationMenu; }
  static sendActionToFirstResponder() {}
}

let nextPopup = 1;
const popups = new Map();

function popupClosed(token) {
  const p = popups.get(token);
  if (!p) return;
  popups.delete(token);
  p.menu.emit('menu-will-close', native.makeEvent());
  if (typeof p.callback === 'function') p.callback();
  // A click on the popup arrives right after it closes.
  setImmediate(() => {
    const still = [...popups.values()].some((q) => q.menu === p.menu);
    if (!still && p.menu !== applicationMenu && !windowMenus().has(p.menu)) shown.delete(p.menu);
  });
}

function windowMenus() {
  const { BrowserWindow } = require('internal/electron/browser_window');
  const set = new Set();
  for (const win of BrowserWindow.getAllWindows()) if (win._ownMenu) set.add(win._ownMenu);
  return set;
}

function applyToWindow(win) {
  if (win.isDestroyed()) return;
  const menu = win._ownMenu === undefined ? applicationMenu : win._ownMenu;
  native.ui().setMenuBar(win.id, menu ? menu._id : 0);
  if (menu && win._menuBarHidden) native.ui().setMenuBarVisible(win.id, false);
}

// BrowserWindow.setMenu(menu | null): the window's own menu bar.
function setWindowMenu(win, menu) {
  if (menu !== null && !(menu instanceof Menu)) throw new ERR_INVALID_ARG_TYPE('menu', 'Menu or null', menu);
  win._ownMenu = menu;
  if (menu) menu._show();
  applyToWindow(win);
}

function getWindowMenu(win) {
  return win._ownMenu === undefined ? applicationMenu : win._ownMenu;
}

function hook() {
  if (hooked) return;
  hooked = true;
  desk.on('menu-click', (itemId, info) => {
    const item = itemsById.get(itemId)?.deref();
    if (!item) return;
    const { BrowserWindow } = require('internal/electron/browser_window');
    item._activate(BrowserWindow.fromId(info.window), info);
  });
  desk.on('menu-closed', (token) => popupClosed(token));
  require('internal/electron/app').getApp().on('browser-window-created', (event, win) => {
    if (win._ownMenu === undefined && applicationMenu) applyToWindow(win);
  });
}

// Test hooks (ANODE_TEST_HOOKS=1): what GTK shows, and GTK-side activation.
const testing = {
  describe(win, popup = false) { return native.ui().menuDescribe(win ? win.id : 0, popup); },
  activate(win, item) { return native.ui().menuActivate(win.id, item.commandId); },
  barHeight(win) { return native.ui().menuBarHeight(win.id); },
  openPopovers(win) { return native.ui().menuOpenPopovers(win.id); },
  stats() { return native.ui().menuStats(); },
};
Object.defineProperty(Menu, '__testing', {
  enumerable: false,
  get() { return process.env.ANODE_TEST_HOOKS === '1' ? testing : undefined; },
});

module.exports = { Menu, MenuItem, setWindowMenu, getWindowMenu };
