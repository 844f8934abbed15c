// The page's only way to the main process: a few named calls.
const { contextBridge, ipcRenderer } = require('electron')

contextBridge.exposeInMainWorld('notes', {
  list: () => ipcRenderer.invoke('notes:list'),
  read: (name) => ipcRenderer.invoke('notes:read', name),
  changed: (text) => ipcRenderer.send('notes:changed', text),
  listMenu: (name) => ipcRenderer.send('notes:list-menu', name),
  onOpen: (callback) => ipcRenderer.on('notes:open', (_event, note) => callback(note)),
  onList: (callback) => ipcRenderer.on('notes:refresh', (_event, names) => callback(names)),
  onPreview: (callback) => ipcRenderer.on('notes:preview', (_event, on) => callback(on)),
  onSaved: (callback) => ipcRenderer.on('notes:saved', (_event, name) => callback(name)),
})
