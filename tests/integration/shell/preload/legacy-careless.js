// contextIsolation: false and a careless preload: the page shares the
// bridge's world and can tamper with the built-ins its encoder uses.
const { ipcRenderer } = require('electron');

window.legacyIpc = {
  send: (channel, ...args) => ipcRenderer.send(channel, ...args),
};
