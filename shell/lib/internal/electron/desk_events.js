'use strict';
// Native events of the desktop modules (menus, dialogs, tray, notifications,
// theme, screens, power) arrive under one id (ANODE_UI_DESK_ID in
// shell/ui/ui-private.h) and go to the handler registered for their name.

const native = require('internal/electron/ui');

const kDeskId = 0x7ffffff0;
const handlers = new Map();
let registered = false;

let named = false;
// GTK files recent documents (and notifications) under the app's name.
function nameApp() {
  if (named) return;
  named = true;
  native.ui().setApplicationName(require('internal/electron/app').getApp().getName());
}

function on(name, fn) {
  if (!registered) {
    registered = true;
    native.register(kDeskId, {
      _nativeEvent(event, a, b) {
        const fn = handlers.get(event);
        return fn ? fn(a, b) === true : false;
      },
    });
  }
  handlers.set(name, fn);
}

module.exports = { on, nameApp };

// Test hooks (ANODE_TEST_HOOKS=1; see README "Desktop integration"): real
// X input through XTEST, screenshots, and each module's inspection hooks.
function testing() {
  if (process.env.ANODE_TEST_HOOKS !== '1') return undefined;
  const ui = native.ui();
  return {
    key: (combo) => ui.testKey(combo),
    click: (x, y, button = 1) => ui.testClick(x, y, button),
    screenshot: (file) => ui.testScreenshot(file),
    contentOrigin: (win) => ui.testContentOrigin(win.id),
    // The desktop stand-ins on the bus (tests/integration/desk-services.py).
    desk: (cmd) => new Promise((resolve, reject) => {
      ui.testDesk(JSON.stringify(cmd), (text) => {
        const r = JSON.parse(text);
        if (r.error) reject(new Error(r.error)); else resolve(r.ok);
      });
    }),
    menu: require('internal/electron/menu').Menu.__testing,
  };
}

module.exports.testing = testing;
