'use strict';
// Electron's powerMonitor, powerSaveBlocker and globalShortcut (ui-power.c).

const EventEmitter = require('events');
const native = require('internal/electron/ui');
const desk = require('internal/electron/desk_events');
const { toGtk } = require('internal/electron/accelerator');
const { codes: { ERR_INVALID_ARG_TYPE } } = require('internal/errors');

function ui() {
  require('internal/electron/app').getApp();
  return native.ui();
}

class PowerMonitor extends EventEmitter {
  constructor() {
    super();
    for (const name of ['suspend', 'resume', 'lock-screen', 'unlock-screen']) {
      desk.on(`power-${name}`, () => this.emit(name));
    }
    ui().powerWatch();
  }

  getSystemIdleTime() {
    const secs = ui().powerIdleTime();
    return secs < 0 ? 0 : secs;
  }

  getSystemIdleState(idleThreshold) {
    if (!Number.isInteger(idleThreshold) || idleThreshold < 0) throw new ERR_INVALID_ARG_TYPE('idleThreshold', 'a non-negative integer', idleThreshold);
    if (this._locked) return 'locked';
    const secs = ui().powerIdleTime();
    if (secs < 0) return 'unknown';
    return secs >= idleThreshold ? 'idle' : 'active';
  }

  isOnBatteryPower() { return false; }
  get onBatteryPower() { return false; }
}

const blockers = new Map();
let nextBlocker = 1;
const blockerTypes = ['prevent-app-suspension', 'prevent-display-sleep'];

const powerSaveBlocker = {
  start(type) {
    if (!blockerTypes.includes(type)) throw new ERR_INVALID_ARG_TYPE('type', blockerTypes.join(' or '), type);
    const cookie = ui().powerInhibit(type === 'prevent-display-sleep' ? 'Keeping the display on' : 'Keeping the system awake');
    const id = nextBlocker++;
    blockers.set(id, cookie);
    if (cookie === 0) process.emitWarning('powerSaveBlocker: no org.freedesktop.ScreenSaver on the session bus: nothing is inhibited', { code: 'ANODE_NO_INHIBIT' });
    return id;
  },
  stop(id) {
    if (!blockers.has(id)) return false;
    ui().powerUninhibit(blockers.get(id));
    blockers.delete(id);
    return true;
  },
  isStarted(id) { return blockers.has(id) && blockers.get(id) !== 0; },
};

const shortcuts = new Map(); // accelerator -> callback
let hooked = false;

const globalShortcut = {
  register(accelerator, callback) {
    if (typeof callback !== 'function') throw new ERR_INVALID_ARG_TYPE('callback', 'function', callback);
    let gtk;
    try {
      gtk = toGtk(accelerator);
    } catch (e) {
      const err = new TypeError(`globalShortcut.register: ${e.message}`);
      err.code = 'ERR_INVALID_ARG_VALUE';
      throw err;
    }
    if (shortcuts.has(accelerator)) return false;
    if (!hooked) {
      hooked = true;
      desk.on('global-shortcut', (accel) => { const fn = shortcuts.get(accel); if (fn) fn(); });
    }
    if (!ui().shortcutRegister(accelerator, gtk)) return false;
    shortcuts.set(accelerator, callback);
    return true;
  },
  registerAll(accelerators, callback) {
    if (!Array.isArray(accelerators)) throw new ERR_INVALID_ARG_TYPE('accelerators', 'Array', accelerators);
    for (const a of accelerators) globalShortcut.register(a, callback);
  },
  isRegistered(accelerator) { return shortcuts.has(accelerator); },
  unregister(accelerator) {
    if (!shortcuts.has(accelerator)) return;
    shortcuts.delete(accelerator);
    ui().shortcutUnregister(accelerator);
  },
  unregisterAll() { for (const a of [...shortcuts.keys()]) globalShortcut.unregister(a); },
};

let monitor;
module.exports = {
  get powerMonitor() {
    monitor ??= new PowerMonitor();
    return monitor;
  },
  powerSaveBlocker,
  globalShortcut,
};
