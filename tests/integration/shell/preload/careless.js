// A careless preload: hands the page ipcRenderer's methods for any channel,
// which Electron's security guide warns against. The hostile page test uses
// it to reach the bridge with whatever a page can throw at it.
const { contextBridge, ipcRenderer } = require('electron');

contextBridge.exposeInMainWorld('ipc', {
  send: (channel, ...args) => ipcRenderer.send(channel, ...args),
  invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
  sendSync: (channel, ...args) => ipcRenderer.sendSync(channel, ...args),
});
