'use strict';
// Electron's Tray as a StatusNotifierItem on the session bus (ui-tray.c).
// Its context menu is a Menu sent as com.canonical.dbusmenu; clicks on it
// take Menu's own click path. With no tray host (no StatusNotifierWatcher)
// isHostAvailable() is false and a warning says the icon is not shown.

const EventEmitter = require('events');
const native = require('internal/electron/ui');
const desk = require('internal/electron/desk_events');
const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

let nextId = 1;
const trays = new Map();
let hooked = false;

function hook() {
  if (hooked) return;
  hooked = true;
  desk.on('tray-event', (id, e) => {
    const tray = trays.get(id);
    if (!tray) return;
    const bounds = { x: e.x, y: e.y, width: 0, height: 0 };
    const event = { ...native.makeEvent(), altKey: false, shiftKey: false, ctrlKey: false, metaKey: false };
    tray.emit(e.event, event, bounds, { x: e.x, y: e.y });
    // Hosts that do not show the menu themselves ask with ContextMenu.
    if (e.event === 'right-click' && tray._menu && tray.listenerCount('right-click') === 0) tray._menu.popup();
  });
  desk.on('tray-host', (id, available) => {
    const tray = trays.get(id);
    if (tray) tray._host(available);
  });
}

function imageData(image, what) {
  const { NativeImage, nativeImage } = require('internal/electron/native_image');
  if (typeof image === 'string') {
    const img = nativeImage.createFromPath(image);
    if (img.isEmpty()) process.emitWarning(`Tray: cannot load the icon '${image}': using an empty image`, { code: 'ANODE_TRAY_ICON' });
    image = img;
  }
  if (!(image instanceof NativeImage)) throw new ERR_INVALID_ARG_TYPE(what, 'NativeImage or string', image);
  if (image.isEmpty()) return null;
  const { width, height } = image.getSize();
  return { width, height, data: new Uint8Array(image.toBitmap()) };
}

class Tray extends EventEmitter {
  #id = nextId++;
  #destroyed = false;
  #title = '';
  #tooltip = '';
  #host = null; // unknown until the bus says

  constructor(image, guid) {
    super();
    require('internal/electron/app').getApp();
    hook();
    desk.nameApp();
    const data = imageData(image, 'image');
    trays.set(this.#id, this);
    if (!native.ui().trayCreate(this.#id)) {
      this.#host = false;
      process.emitWarning('Tray: no session bus, the tray icon cannot be shown', { code: 'ANODE_NO_TRAY_HOST' });
      return;
    }
    native.ui().trayUpdate(this.#id, 'image', data);
  }

  _host(available) {
    const before = this.#host;
    this.#host = available;
    if (!available && before !== false) {
      process.emitWarning('Tray: no tray host (StatusNotifierWatcher) on the session bus: the icon is not shown until one appears', { code: 'ANODE_NO_TRAY_HOST' });
    }
    this.emit(available ? 'host-available' : 'host-unavailable');
  }

  // anode: whether a tray host shows the icon (null while not yet known).
  isHostAvailable() { return this.#host; }

  #check() {
    if (this.#destroyed) throw new TypeError('Tray has been destroyed');
  }

  setImage(image) { this.#check(); native.ui().trayUpdate(this.#id, 'image', imageData(image, 'image')); }
  setPressedImage() {}
  setToolTip(text) {
    this.#check();
    if (typeof text !== 'string') throw new ERR_INVALID_ARG_TYPE('toolTip', 'string', text);
    this.#tooltip = text;
    native.ui().trayUpdate(this.#id, 'tooltip', text);
  }
  setTitle(title) {
    this.#check();
    if (typeof title !== 'string') throw new ERR_INVALID_ARG_TYPE('title', 'string', title);
    this.#title = title;
    native.ui().trayUpdate(this.#id, 'title', title);
  }
  getTitle() { return this.#title; }
  setContextMenu(menu) {
    this.#check();
    const { Menu } = require('internal/electron/menu');
    if (menu !== null && !(menu instanceof Menu)) throw new ERR_INVALID_ARG_TYPE('menu', 'Menu or null', menu);
    if (this._menu && this._menu._trays) this._menu._trays.delete(this);
    this._menu = menu;
    if (menu) {
      menu._show(); // its clicks and live updates go through Menu
      menu._trays = (menu._trays || new Set()).add(this);
    }
    this._syncMenu();
  }
  _syncMenu() {
    if (this.#destroyed) return;
    native.ui().trayUpdate(this.#id, 'menu', this._menu ? this._menu._nativeTree() : null);
  }
  popUpContextMenu(menu) { (menu || this._menu)?.popup(); }
  closeContextMenu() { this._menu?.closePopup(); }
  setIgnoreDoubleClickEvents() {}
  getIgnoreDoubleClickEvents() { return false; }
  getBounds() { return { x: 0, y: 0, width: 0, height: 0 }; }
  focus() {}
  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    trays.delete(this.#id);
    native.ui().trayDestroy(this.#id);
  }
  isDestroyed() { return this.#destroyed; }
}

module.exports = { Tray };
