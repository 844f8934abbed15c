// The main process of Electron's tutorial app: one window whose preload
// exposes a small API, a 'ping' handler for it, a 'set-title' listener,
// and a counter pushed to the page every second.
const { app, BrowserWindow, ipcMain } = require('electron/main')
const path = require('node:path')

const createWindow = () => {
  const win = new BrowserWindow({
    width: 800,
    height: 600,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js')
    }
  })

  win.loadFile('index.html')

  let counter = 0
  const timer = setInterval(() => {
    counter += 1
    win.webContents.send('update-counter', counter)
  }, 1000)
  win.on('closed', () => clearInterval(timer))
}

ipcMain.on('set-title', (event, title) => {
  const win = BrowserWindow.fromWebContents(event.sender)
  win.setTitle(title)
})

app.whenReady().then(() => {
  ipcMain.handle('ping', () => 'pong')
  createWindow()

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
