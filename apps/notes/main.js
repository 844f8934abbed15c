// Notes: Markdown files in a folder, edited in one window. It uses anode's
// desktop modules the way an Electron app does: an application menu with
// accelerators, open/save dialogs, a message box for unsaved changes, a
// context menu on the note list, a tray icon with its own menu,
// notifications on save, dark mode through nativeTheme, the trash and the
// file manager through shell, the clipboard.
const {
  app, BrowserWindow, Menu, MenuItem, Tray, Notification, dialog, ipcMain, nativeTheme, nativeImage,
  shell, clipboard
} = require('electron')
const fs = require('node:fs')
const path = require('node:path')

const notesDir = process.env.NOTES_DIR || path.join(app.getPath('documents'), 'Notes')
let win = null
let tray = null
let note = { file: null, text: '' }   // what the editor shows
let dirty = false
let previewOn = true

function listNotes () {
  fs.mkdirSync(notesDir, { recursive: true })
  return fs.readdirSync(notesDir).filter((f) => f.endsWith('.md')).sort()
}

function refreshList () {
  win?.webContents.send('notes:refresh', listNotes())
  updateTitle()
}

function updateTitle () {
  const name = note.file ? path.basename(note.file) : 'Untitled'
  win?.setTitle(`${dirty ? '● ' : ''}${name} — Notes`)
  tray?.setToolTip(`Notes: ${listNotes().length} notes`)
}

function openFile (file) {
  note = { file, text: fs.readFileSync(file, 'utf8') }
  dirty = false
  win.webContents.send('notes:open', { name: path.basename(file), text: note.text })
  updateTitle()
}

// Asks what to do with unsaved changes; false means stay.
async function settle () {
  if (!dirty) return true
  const { response } = await dialog.showMessageBox(win, {
    type: 'warning',
    title: 'Unsaved changes',
    message: `Save changes to "${note.file ? path.basename(note.file) : 'Untitled'}"?`,
    detail: 'Your changes are lost if you do not save them.',
    buttons: ['Save', 'Cancel', 'Discard'],
    defaultId: 0,
    cancelId: 1
  })
  if (response === 1) return false
  if (response === 0) return save(false)
  return true
}

async function newNote () {
  if (!(await settle())) return
  note = { file: null, text: '' }
  dirty = false
  win.webContents.send('notes:open', { name: '', text: '' })
  updateTitle()
}

async function openDialog () {
  if (!(await settle())) return
  const { canceled, filePaths } = await dialog.showOpenDialog(win, {
    title: 'Open Note',
    defaultPath: notesDir,
    properties: ['openFile'],
    filters: [{ name: 'Markdown', extensions: ['md', 'markdown'] }, { name: 'All Files', extensions: ['*'] }]
  })
  if (!canceled && filePaths.length) openFile(filePaths[0])
}

async function save (askName) {
  let file = note.file
  if (!file || askName) {
    const { canceled, filePath } = await dialog.showSaveDialog(win, {
      title: 'Save Note',
      defaultPath: file || path.join(notesDir, 'Untitled.md'),
      filters: [{ name: 'Markdown', extensions: ['md'] }]
    })
    if (canceled || !filePath) return false
    file = filePath.endsWith('.md') ? filePath : `${filePath}.md`
  }
  fs.writeFileSync(file, note.text)
  note.file = file
  dirty = false
  win.webContents.send('notes:saved', path.basename(file))
  refreshList()
  if (Notification.isSupported()) {
    const n = new Notification({ title: 'Note saved', body: path.basename(file), actions: [{ type: 'button', text: 'Show in Folder' }] })
    n.on('action', () => shell.showItemInFolder(file))
    n.show()
  }
  return true
}

async function trashNote (file) {
  const { response } = await dialog.showMessageBox(win, {
    type: 'question', message: `Move "${path.basename(file)}" to the trash?`, buttons: ['Move to Trash', 'Cancel'], cancelId: 1
  })
  if (response !== 0) return
  await shell.trashItem(file)
  if (note.file === file) { note = { file: null, text: '' }; dirty = false; win.webContents.send('notes:open', { name: '', text: '' }) }
  refreshList()
}

function setTheme (source) {
  nativeTheme.themeSource = source
}

function buildMenu () {
  const theme = (label, source) => {
    const item = new MenuItem({ label, type: 'radio', checked: nativeTheme.themeSource === source, click: () => setTheme(source) })
    item.themeSource = source
    return item
  }
  return Menu.buildFromTemplate([
    {
      label: '&File',
      submenu: [
        { label: '&New Note', accelerator: 'CmdOrCtrl+N', click: newNote },
        { label: '&Open…', accelerator: 'CmdOrCtrl+O', click: openDialog },
        { type: 'separator' },
        { id: 'save', label: '&Save', accelerator: 'CmdOrCtrl+S', click: () => save(false) },
        { label: 'Save &As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => save(true) },
        { type: 'separator' },
        { label: 'Show in Folder', click: () => shell.showItemInFolder(note.file || notesDir) },
        { label: 'Move to Trash', click: () => note.file && trashNote(note.file) },
        { type: 'separator' },
        { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { id: 'preview', label: 'Show Preview', type: 'checkbox', checked: previewOn, accelerator: 'CmdOrCtrl+P', click: (item) => { previewOn = item.checked; win.webContents.send('notes:preview', previewOn) } },
        { type: 'separator' },
        theme('System Theme', 'system'),
        theme('Light', 'light'),
        theme('Dark', 'dark'),
        { type: 'separator' },
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'reload' }, { role: 'toggleDevTools' }
      ]
    },
    { role: 'help', submenu: [{ role: 'about' }] }
  ])
}

// A 32x32 notepad, drawn here so the app ships no binary files.
function notepadIcon () {
  const size = 32
  const px = Buffer.alloc(size * size * 4)
  const put = (x, y, b, g, r) => px.set([b, g, r, 255], (y * size + x) * 4)
  for (let y = 3; y < 30; y++) {
    for (let x = 6; x < 26; x++) {
      const edge = x === 6 || x === 25 || y === 3 || y === 29
      if (edge) put(x, y, 0x60, 0x50, 0x40)
      else if (y < 8) put(x, y, 0xd9, 0x7b, 0x3d)
      else if (y % 4 === 0 && x > 9 && x < 23) put(x, y, 0xa0, 0xa0, 0xa0)
      else put(x, y, 0xf5, 0xfb, 0xff)
    }
  }
  return nativeImage.createFromBitmap(px, { width: size, height: size })
}

function createWindow () {
  win = new BrowserWindow({
    width: 900,
    height: 600,
    title: 'Notes',
    icon: notepadIcon(),
    webPreferences: { preload: path.join(__dirname, 'preload.js') }
  })
  win.loadFile('index.html')
  win.on('close', (event) => {
    if (!dirty) return
    event.preventDefault()
    settle().then((ok) => { if (ok) { dirty = false; win.destroy() } })
  })
  win.on('closed', () => { win = null })
  // The editor gets the usual edit menu; the note list its own (notes:list-menu).
  win.webContents.on('context-menu', (event, params) => {
    if (!params.isEditable) return
    Menu.buildFromTemplate([
      { role: 'undo' }, { role: 'redo' }, { type: 'separator' },
      { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { type: 'separator' }, { role: 'selectAll' }
    ]).popup({ window: win, x: params.x, y: params.y })
  })
}

ipcMain.handle('notes:list', () => listNotes())
ipcMain.handle('notes:read', async (event, name) => {
  if (!(await settle())) return { name: path.basename(note.file || ''), text: note.text }
  const file = path.join(notesDir, path.basename(name))
  note = { file, text: fs.readFileSync(file, 'utf8') }
  dirty = false
  updateTitle()
  return { name: path.basename(file), text: note.text }
})
ipcMain.on('notes:changed', (event, text) => {
  note.text = text
  if (!dirty) { dirty = true; updateTitle() }
})
ipcMain.on('notes:list-menu', (event, name) => {
  const file = path.join(notesDir, path.basename(name))
  Menu.buildFromTemplate([
    { label: 'Open', click: () => openFile(file) },
    { label: 'Copy Path', click: () => clipboard.writeText(file) },
    { label: 'Show in Folder', click: () => shell.showItemInFolder(file) },
    { type: 'separator' },
    { label: 'Move to Trash', click: () => trashNote(file) }
  ]).popup({ window: win })
})

app.whenReady().then(() => {
  Menu.setApplicationMenu(buildMenu())
  createWindow()
  tray = new Tray(notepadIcon())
  tray.setToolTip('Notes')
  tray.setContextMenu(Menu.buildFromTemplate([
    { label: 'New Note', click: () => { win?.show(); newNote() } },
    { label: 'Show Notes', click: () => win?.show() },
    { type: 'separator' },
    { role: 'quit' }
  ]))
  tray.on('click', () => win?.show())
  nativeTheme.on('updated', () => {
    // The View menu's radio items follow the theme, wherever it was changed.
    for (const item of Menu.getApplicationMenu().items[2].submenu.items) {
      if (item.type === 'radio') item.checked = item.themeSource === nativeTheme.themeSource
    }
  })
  win.webContents.once('did-finish-load', refreshList)
})

app.on('window-all-closed', () => app.quit())
