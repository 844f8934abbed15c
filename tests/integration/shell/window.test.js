// BrowserWindow: creation, geometry (through getBounds and GTK's own view),
// titles, visibility and state changes with their events, close and
// preventDefault, option validation.
const { test, after } = require('node:test');
const assert = require('node:assert');
const { app, BrowserWindow } = require('electron');
const { once, until } = require('./helpers');

after(() => app.exit(0));
// With a listener, closing the last window does not quit the app.
app.on('window-all-closed', () => {});

test('windows need app ready, then open with the size asked for', async () => {
  assert.throws(() => new BrowserWindow({ show: false }), /before app is ready/);
  await app.whenReady();
  assert.strictEqual(app.isReady(), true);
  const win = new BrowserWindow({ width: 420, height: 310, x: 40, y: 50, title: 'first' });
  await once(win, 'show');
  await until(() => win.getBounds().width === 420, 'the window size');
  const b = win.getBounds();
  assert.deepStrictEqual([b.width, b.height], [420, 310]);
  assert.deepStrictEqual(win.getSize(), [420, 310]);
  // The page's own view: the web view fills the window.
  await win.loadURL('data:text/html,<body>size</body>');
  await until(async () => await win.webContents.executeJavaScript('window.innerWidth') === 420, 'the page width');
  assert.strictEqual(win.getTitle(), 'first');
  win.setTitle('renamed');
  assert.strictEqual(win.getTitle(), 'renamed');
  assert.strictEqual(win.isVisible(), true);
  assert.strictEqual(BrowserWindow.getAllWindows().includes(win), true);
  assert.strictEqual(BrowserWindow.fromId(win.id), win);
  assert.strictEqual(BrowserWindow.fromWebContents(win.webContents), win);
  win.destroy();
});

test('setBounds, setSize and setPosition move and resize, with events', async () => {
  const win = new BrowserWindow({ width: 300, height: 200, x: 10, y: 10 });
  await once(win, 'show');
  await until(() => win.getPosition()[0] > 0 || win.getPosition()[1] > 0, 'a position');
  // Let the window manager finish placing the new window first.
  await win.loadURL('data:text/html,<body>size</body>');
  const resized = once(win, 'resize');
  win.setSize(500, 350);
  await resized;
  await until(() => win.getSize()[0] === 500, 'the new size');
  assert.deepStrictEqual(win.getSize(), [500, 350]);
  await until(async () => await win.webContents.executeJavaScript('innerWidth') === 500, 'the page width');
  const moved = once(win, 'move');
  win.setPosition(200, 150);
  await moved;
  await until(() => win.getPosition()[0] === 200, 'the new position');
  assert.deepStrictEqual(win.getPosition(), [200, 150]);
  win.setBounds({ x: 100, y: 90, width: 320, height: 240 });
  await until(() => { const b = win.getBounds(); return b.x === 100 && b.width === 320; }, 'setBounds');
  assert.deepStrictEqual(win.getBounds(), { x: 100, y: 90, width: 320, height: 240 });
  win.destroy();
});

test('minimum and maximum sizes clamp setSize', async () => {
  const win = new BrowserWindow({ width: 400, height: 300, minWidth: 350, minHeight: 250, maxWidth: 600, maxHeight: 500 });
  await once(win, 'show');
  win.setSize(100, 100);
  await until(() => win.getSize()[0] === 350, 'the minimum size');
  assert.deepStrictEqual(win.getSize(), [350, 250]);
  win.setSize(900, 900);
  await until(() => win.getSize()[0] === 600, 'the maximum size');
  assert.deepStrictEqual(win.getSize(), [600, 500]);
  assert.deepStrictEqual(win.getMinimumSize(), [350, 250]);
  assert.deepStrictEqual(win.getMaximumSize(), [600, 500]);
  win.destroy();
});

test('maximize, minimize, restore and full screen report state and events', async () => {
  const win = new BrowserWindow({ width: 300, height: 200 });
  await once(win, 'show');
  const max = once(win, 'maximize');
  win.maximize();
  await max;
  assert.strictEqual(win.isMaximized(), true);
  const unmax = once(win, 'unmaximize');
  win.unmaximize();
  await unmax;
  assert.strictEqual(win.isMaximized(), false);
  const min = once(win, 'minimize');
  win.minimize();
  await min;
  assert.strictEqual(win.isMinimized(), true);
  const restored = once(win, 'restore');
  win.restore();
  await restored;
  assert.strictEqual(win.isMinimized(), false);
  const full = once(win, 'enter-full-screen');
  win.setFullScreen(true);
  await full;
  assert.strictEqual(win.isFullScreen(), true);
  const left = once(win, 'leave-full-screen');
  win.setFullScreen(false);
  await left;
  assert.strictEqual(win.isFullScreen(), false);
  win.destroy();
});

test('hide and show, focus and blur', async () => {
  const a = new BrowserWindow({ width: 200, height: 150, x: 0, y: 0 });
  await once(a, 'show');
  await until(() => a.isFocused(), 'focus of the first window');
  const b = new BrowserWindow({ width: 200, height: 150, x: 300, y: 0 });
  const blurred = once(a, 'blur');
  await once(b, 'show');
  await blurred;
  await until(() => b.isFocused(), 'focus moving to the second window');
  assert.strictEqual(BrowserWindow.getFocusedWindow(), b);
  const focused = once(a, 'focus');
  a.focus();
  await focused;
  assert.strictEqual(a.isFocused(), true);
  const hidden = once(b, 'hide');
  b.hide();
  await hidden;
  assert.strictEqual(b.isVisible(), false);
  const shown = once(b, 'show');
  b.show();
  await shown;
  assert.strictEqual(b.isVisible(), true);
  a.destroy();
  b.destroy();
});

test('close can be cancelled with preventDefault; closed follows a real close', async () => {
  const win = new BrowserWindow({ width: 200, height: 150 });
  await once(win, 'show');
  let allow = false;
  let closes = 0;
  win.on('close', (e) => { closes++; if (!allow) e.preventDefault(); });
  win.close();
  await new Promise((r) => setTimeout(r, 100));
  assert.strictEqual(closes, 1);
  assert.strictEqual(win.isDestroyed(), false);
  assert.strictEqual(win.isVisible(), true);
  allow = true;
  const closed = once(win, 'closed');
  win.close();
  await closed;
  assert.strictEqual(closes, 2);
  assert.strictEqual(win.isDestroyed(), true);
  assert.throws(() => win.getBounds(), /Object has been destroyed/);
  assert.strictEqual(BrowserWindow.getAllWindows().includes(win), false);
});

test('invalid options throw a TypeError naming the option', async () => {
  assert.throws(() => new BrowserWindow({ width: 'x' }), { name: 'TypeError', message: /"width" must be a finite number; received 'x'/ });
  assert.throws(() => new BrowserWindow({ show: 1 }), { name: 'TypeError', message: /"show" must be a boolean/ });
  assert.throws(() => new BrowserWindow({ webPreferences: { preload: 'relative.js' } }), { name: 'TypeError', message: /preload must be an absolute path/ });
  assert.throws(() => new BrowserWindow({ parent: {} }), { name: 'TypeError', message: /"parent" must be a BrowserWindow/ });
});

test('backgroundColor shows behind a page without a background', async () => {
  const win = new BrowserWindow({ width: 200, height: 150, backgroundColor: '#FF1E90FF' });
  await win.loadURL('data:text/html,<style>html,body{background:transparent}</style><p></p>');
  const img = await win.webContents.capturePage();
  const bmp = img.toBitmap();
  const at = (10 * img.getSize().width + 10) * 4;
  assert.deepStrictEqual([bmp[at + 2], bmp[at + 1], bmp[at]], [0x1e, 0x90, 0xff]);
  win.destroy();
});

test('frameless, always-on-top and modal child windows', async () => {
  const parent = new BrowserWindow({ width: 300, height: 200 });
  await once(parent, 'show');
  const child = new BrowserWindow({ width: 150, height: 100, parent, modal: true, frame: false, alwaysOnTop: true });
  await once(child, 'show');
  assert.strictEqual(child.getParentWindow(), parent);
  assert.deepStrictEqual(parent.getChildWindows(), [child]);
  assert.strictEqual(child.isModal(), true);
  assert.strictEqual(child.isAlwaysOnTop(), true);
  child.setAlwaysOnTop(false);
  assert.strictEqual(child.isAlwaysOnTop(), false);
  const closed = once(child, 'closed');
  parent.destroy();
  await closed;
});
