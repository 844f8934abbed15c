// The smallest anode app: one window with a page that shows the versions of
// anode, WebKit, JavaScriptCore and libuv. Written as Electron's quick start
// teaches, so it runs unchanged on Electron too (which shows its own versions).
const { app, BrowserWindow } = require('electron');

function createWindow() {
  const win = new BrowserWindow({ width: 800, height: 600, title: 'Hello anode' });
  win.loadFile('index.html', {
    query: {
      anode: process.versions.anode || '',
      electron: process.versions.electron || '',
      webkit: process.versions.webkit || '',
      jsc: process.versions.jsc || process.versions.v8 || '',
      uv: process.versions.uv || '',
      node: process.versions.node || '',
    },
  });
}

app.whenReady().then(() => {
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
