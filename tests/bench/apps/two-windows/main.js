// Bench app: once the first window has painted, opens a second one (the
// harness times the second from its creation to its first frame).
const { app, BrowserWindow } = require('electron');
const path = require('path');
const page = path.join(__dirname, '..', '..', '..', '..', 'apps', 'hello', 'index.html');

app.whenReady().then(() => {
  const first = new BrowserWindow({ width: 640, height: 480 });
  first.once('ready-to-show', () => {
    setTimeout(() => {
      const second = new BrowserWindow({ width: 640, height: 480, x: 100, y: 100 });
      second.loadFile(page);
    }, 200);
  });
  first.loadFile(page);
});
