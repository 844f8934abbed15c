// contextIsolation: false: this preload shares the page's window.
const { ipcRenderer, contextBridge } = require('electron');
var legacyPreloadVar = 'scoped';
globalThis.legacyGlobal = 'from preload';
let bridge;
try {
  contextBridge.exposeInMainWorld('x', {});
  bridge = 'exposed';
} catch (err) {
  bridge = err.message;
}
window.legacy = {
  ipc: typeof ipcRenderer,
  bridge,
  add: (a, b) => ipcRenderer.invoke('legacy-add', a, b),
};
