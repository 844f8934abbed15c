'use strict';
// require('electron') (also require('anode')): Electron's main-process API
// on GTK4 + WebKitGTK. Each part loads on first access, so a script that
// only asks for `app.getPath` never pays for windows.

const lazy = (id, name) => ({ enumerable: true, configurable: true, get() { return require(id)[name]; } });

Object.defineProperties(module.exports, {
  app: { enumerable: true, configurable: true, get() { return require('internal/electron/app').getApp(); } },
  BrowserWindow: {
    enumerable: true,
    configurable: true,
    get() {
      require('internal/electron/app').getApp();
      return require('internal/electron/browser_window').BrowserWindow;
    },
  },
  webContents: {
    enumerable: true,
    configurable: true,
    get() {
      const { WebContents } = require('internal/electron/web_contents');
      return {
        getAllWebContents: WebContents.getAllWebContents,
        getFocusedWebContents: WebContents.getFocusedWebContents,
        fromId: WebContents.fromId,
      };
    },
  },
  nativeImage: lazy('internal/electron/native_image', 'nativeImage'),
  NativeImage: lazy('internal/electron/native_image', 'NativeImage'),
  protocol: lazy('internal/electron/protocol', 'protocol'),
  session: lazy('internal/electron/session', 'session'),
  ipcMain: lazy('internal/electron/ipc_main', 'ipcMain'),
  MessageChannelMain: lazy('internal/electron/message_port_main', 'MessageChannelMain'),
  MessagePortMain: lazy('internal/electron/message_port_main', 'MessagePortMain'),
  Menu: lazy('internal/electron/menu', 'Menu'),
  MenuItem: lazy('internal/electron/menu', 'MenuItem'),
  dialog: lazy('internal/electron/dialog', 'dialog'),
  clipboard: lazy('internal/electron/clipboard', 'clipboard'),
  nativeTheme: lazy('internal/electron/native_theme', 'nativeTheme'),
  screen: lazy('internal/electron/screen', 'screen'),
  shell: lazy('internal/electron/shell', 'shell'),
  Notification: lazy('internal/electron/notification', 'Notification'),
  Tray: lazy('internal/electron/tray', 'Tray'),
  powerMonitor: lazy('internal/electron/power', 'powerMonitor'),
  powerSaveBlocker: lazy('internal/electron/power', 'powerSaveBlocker'),
  globalShortcut: lazy('internal/electron/power', 'globalShortcut'),
  safeStorage: lazy('internal/electron/safe_storage', 'safeStorage'),
  // Hooks for tests only, present when ANODE_TEST_HOOKS=1.
  __testing: { enumerable: false, configurable: true, get() { return require('internal/electron/desk_events').testing(); } },
});
