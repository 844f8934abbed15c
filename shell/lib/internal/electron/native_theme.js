'use strict';
// Electron's nativeTheme: themeSource overrides the desktop's colour scheme
// (the Settings portal's color-scheme, else the GTK theme); GTK widgets and
// pages' prefers-color-scheme follow what is in effect (ui-desktop.c).

const EventEmitter = require('events');
const native = require('internal/electron/ui');
const desk = require('internal/electron/desk_events');

const sources = ['system', 'light', 'dark'];

class NativeTheme extends EventEmitter {
  #source = 'system';

  constructor() {
    super();
    require('internal/electron/app').getApp();
    desk.on('theme-updated', () => this.emit('updated'));
  }

  get themeSource() { return this.#source; }
  set themeSource(value) {
    if (!sources.includes(value)) {
      const err = new TypeError(`nativeTheme.themeSource must be one of ${sources.join(', ')}; received '${value}'`);
      err.code = 'ERR_INVALID_ARG_VALUE';
      throw err;
    }
    this.#source = value;
    native.ui().themeSet(value);
  }

  get shouldUseDarkColors() { return native.ui().themeInfo()[0]; }
  get shouldUseHighContrastColors() { return native.ui().themeInfo()[2]; }
  get shouldUseInvertedColorScheme() { return false; }
  get inForcedColorsMode() { return native.ui().themeInfo()[2]; }
  get prefersReducedTransparency() { return false; }
}

let theme;
module.exports = {
  get nativeTheme() {
    theme ??= new NativeTheme();
    return theme;
  },
};
