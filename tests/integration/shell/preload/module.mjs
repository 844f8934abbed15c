// An ES module preload (Electron's .mjs form): named and default imports
// of electron and a safe built-in, import.meta, and an exported binding.
import { contextBridge, ipcRenderer } from 'electron';
import electron from 'electron';
import { EventEmitter } from 'events';

export const kind = 'module preload';

const bus = new EventEmitter();
bus.on('ping', (v) => bus.emit('pong', v * 2));
let doubled = 0;
bus.on('pong', (v) => { doubled = v; });
bus.emit('ping', 21);

contextBridge.exposeInMainWorld('esmPreload', {
  kind,
  doubled,
  sameModule: electron.ipcRenderer === ipcRenderer,
  metaUrl: import.meta.url,
  add: (a, b) => ipcRenderer.invoke('esm-add', a, b),
});
