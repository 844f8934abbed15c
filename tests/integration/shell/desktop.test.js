// clipboard, nativeTheme, screen and shell against the real desktop pieces:
// the X clipboard (read back by the page's own process), GTK's colour
// scheme seen by a page's matchMedia, Xvfb's monitor, GIO's default
// handlers (a .desktop file of the test's) and the FileManager1 stand-in.
process.env.ANODE_TEST_HOOKS = '1';
const { test, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const electron = require('electron');
const { app, BrowserWindow, clipboard, nativeImage, nativeTheme, screen, shell } = electron;
const { once, until } = require('./helpers');

after(() => app.exit(0));
app.on('window-all-closed', () => {});

let win;
const js = (code) => win.webContents.executeJavaScript(code);

test('clipboard: text, HTML, RTF, image and buffers round trip; formats; clear', async () => {
  await app.whenReady();
  clipboard.writeText('hello clipboard ✓');
  assert.strictEqual(clipboard.readText(), 'hello clipboard ✓');
  assert.ok(clipboard.availableFormats().includes('text/plain;charset=utf-8'), clipboard.availableFormats().join());
  clipboard.writeHTML('<b>bold</b> text');
  assert.strictEqual(clipboard.readHTML(), '<b>bold</b> text');
  assert.deepStrictEqual(clipboard.availableFormats(), ['text/html']);
  clipboard.write({ text: 'plain', html: '<i>rich</i>', rtf: '{\\rtf1 x}' });
  assert.strictEqual(clipboard.readText(), 'plain');
  assert.strictEqual(clipboard.readHTML(), '<i>rich</i>');
  assert.strictEqual(clipboard.readRTF(), '{\\rtf1 x}');
  const px = Buffer.alloc(4 * 4 * 4);
  for (let i = 0; i < 16; i++) px.set([0, 0, 255, 255], i * 4); // BGRA red
  clipboard.writeImage(nativeImage.createFromBitmap(px, { width: 4, height: 4 }));
  const img = clipboard.readImage();
  assert.deepStrictEqual(img.getSize(), { width: 4, height: 4 });
  assert.deepStrictEqual([...img.toBitmap().subarray(0, 4)], [0, 0, 255, 255]);
  assert.ok(clipboard.has('image/png'));
  clipboard.writeBuffer('application/x-anode-test', Buffer.from('raw bytes'));
  assert.strictEqual(clipboard.readBuffer('application/x-anode-test').toString(), 'raw bytes');
  clipboard.clear();
  assert.deepStrictEqual(clipboard.availableFormats(), []);
  assert.strictEqual(clipboard.readText(), '');
  assert.ok(clipboard.readImage().isEmpty());
  // X11's PRIMARY selection is its own clipboard.
  clipboard.writeText('primary', 'selection');
  clipboard.writeText('main');
  assert.strictEqual(clipboard.readText('selection'), 'primary');
  assert.strictEqual(clipboard.readText('clipboard'), 'main');
  assert.throws(() => clipboard.readText('bogus'), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => clipboard.writeText(3), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('clipboard: the page (another process) pastes what we wrote, and we read what it copied', async () => {
  win = new BrowserWindow({ width: 500, height: 300, x: 30, y: 30 });
  await once(win, 'show');
  await win.loadURL('data:text/html,<body><textarea id=t></textarea><p id=p>copied from the page</p></body>');
  clipboard.writeText('pasted into the page');
  await js('document.getElementById("t").focus(); true');
  win.webContents.paste();
  await until(async () => await js('document.getElementById("t").value') === 'pasted into the page', 'the paste');
  await js('getSelection().selectAllChildren(document.getElementById("p")); true');
  win.webContents.copy();
  await until(() => clipboard.readText() === 'copied from the page', 'the copy');
});

test('nativeTheme: themeSource switches dark mode; pages see it through matchMedia; updated fires', async () => {
  assert.strictEqual(nativeTheme.themeSource, 'system');
  assert.strictEqual(typeof nativeTheme.shouldUseDarkColors, 'boolean');
  const updated = once(nativeTheme, 'updated');
  nativeTheme.themeSource = 'dark';
  await updated;
  assert.strictEqual(nativeTheme.shouldUseDarkColors, true);
  await until(async () => await js('matchMedia("(prefers-color-scheme: dark)").matches') === true, 'the page dark');
  nativeTheme.themeSource = 'light';
  assert.strictEqual(nativeTheme.shouldUseDarkColors, false);
  await until(async () => await js('matchMedia("(prefers-color-scheme: dark)").matches') === false, 'the page light');
  assert.throws(() => { nativeTheme.themeSource = 'purple'; }, { code: 'ERR_INVALID_ARG_VALUE' });
  nativeTheme.themeSource = 'system';
});

test('screen: the Xvfb monitor with bounds, work area and scale; the cursor', () => {
  const all = screen.getAllDisplays();
  assert.strictEqual(all.length, 1);
  const d = screen.getPrimaryDisplay();
  assert.deepStrictEqual(d.bounds, { x: 0, y: 0, width: 1280, height: 1024 });
  assert.deepStrictEqual(d.size, { width: 1280, height: 1024 });
  assert.strictEqual(d.scaleFactor, 1);
  // openbox sets _NET_WORKAREA: the whole screen (no panels).
  assert.deepStrictEqual(d.workArea, { x: 0, y: 0, width: 1280, height: 1024 });
  assert.strictEqual(screen.getDisplayNearestPoint({ x: 10, y: 10 }).id, d.id);
  electron.__testing.click(123, 234, 0);
  const p = screen.getCursorScreenPoint();
  assert.deepStrictEqual(p, { x: 123, y: 234 });
});

test('shell.openExternal: the desktop default handler gets the URL; bad schemes are refused', async () => {
  // A browser of our own: a .desktop file GIO finds as the https handler.
  const dataHome = process.env.XDG_DATA_HOME;
  const configHome = process.env.XDG_CONFIG_HOME;
  assert.ok(dataHome && configHome, 'run.sh sets XDG_DATA_HOME and XDG_CONFIG_HOME');
  const out = path.join(dataHome, 'opened.txt');
  fs.mkdirSync(path.join(dataHome, 'applications'), { recursive: true });
  fs.writeFileSync(path.join(dataHome, 'applications', 'anode-test-browser.desktop'),
    `[Desktop Entry]\nType=Application\nName=Test Browser\nExec=sh -c 'echo "$1" >> ${out}' sh %u\nMimeType=x-scheme-handler/https;text/plain;\n`);
  fs.writeFileSync(path.join(configHome, 'mimeapps.list'),
    '[Default Applications]\nx-scheme-handler/https=anode-test-browser.desktop\ntext/plain=anode-test-browser.desktop\n');
  await shell.openExternal('https://example.com/a?b=c');
  await until(() => fs.existsSync(out) && fs.readFileSync(out, 'utf8').includes('https://example.com/a?b=c'), 'the handler');
  await assert.rejects(shell.openExternal('file:///etc/passwd'), { code: 'ERR_ANODE_SCHEME_NOT_ALLOWED' });
  await assert.rejects(shell.openExternal('javascript:alert(1)'), { code: 'ERR_ANODE_SCHEME_NOT_ALLOWED' });
  await assert.rejects(shell.openExternal('not a url'), TypeError);
  const note = path.join(dataHome, 'note.txt');
  fs.writeFileSync(note, 'x');
  assert.strictEqual(await shell.openPath(note), '');
  await until(() => fs.readFileSync(out, 'utf8').includes('note.txt'), 'openPath');
  assert.match(await shell.openPath(path.join(dataHome, 'missing.txt')), /No such file/);
});

test('shell.showItemInFolder asks FileManager1; trashItem moves to the trash', async () => {
  const dataHome = process.env.XDG_DATA_HOME;
  const file = path.join(dataHome, 'show me.txt');
  fs.writeFileSync(file, 'x');
  shell.showItemInFolder(file);
  const shown = await electron.__testing.desk({ op: 'shown' });
  assert.deepStrictEqual(shown.at(-1), { method: 'ShowItems', uris: [require('url').pathToFileURL(file).href] });
  const doomed = path.join(dataHome, 'doomed.txt');
  fs.writeFileSync(doomed, 'bye');
  await shell.trashItem(doomed);
  assert.strictEqual(fs.existsSync(doomed), false);
  assert.strictEqual(fs.readFileSync(path.join(dataHome, 'Trash', 'files', 'doomed.txt'), 'utf8'), 'bye');
  await assert.rejects(shell.trashItem(path.join(dataHome, 'nope.txt')));
  shell.beep();
  win.destroy();
});
