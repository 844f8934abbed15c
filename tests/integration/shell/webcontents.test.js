// webContents: loading and its events, executeJavaScript, navigation and
// will-navigate, CSS injection, zoom, capturePage, find, window.open,
// console messages and load failures.
const { test, after, before } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { app, BrowserWindow, webContents } = require('electron');
const { once, until } = require('./helpers');

after(() => app.exit(0));
app.on('window-all-closed', () => {});

let win;
before(async () => {
  await app.whenReady();
  win = new BrowserWindow({ width: 500, height: 400 });
});

test('loadFile serves the app folder over app:// with load events in order', async () => {
  const events = [];
  const wc = win.webContents;
  for (const name of ['did-start-loading', 'did-navigate', 'dom-ready', 'did-finish-load', 'did-stop-loading']) {
    wc.on(name, () => events.push(name));
  }
  await win.loadFile('site/index.html');
  assert.deepStrictEqual(events, ['did-start-loading', 'did-navigate', 'dom-ready', 'did-finish-load', 'did-stop-loading']);
  assert.match(wc.getURL(), /^app:\/\/shell-tests\/site\/index\.html$/);
  // The title arrives with the parsed page, just after the load events.
  await until(() => wc.getTitle() === 'fixture page', 'the page title');
  assert.strictEqual(wc.isLoading(), false);
  assert.strictEqual(await wc.executeJavaScript('window.fixtureLoaded'), true);
  assert.strictEqual(webContents.fromId(wc.id), wc);
  assert.ok(webContents.getAllWebContents().includes(wc));
});

test('executeJavaScript returns values, awaits promises, rejects on errors', async () => {
  const wc = win.webContents;
  assert.strictEqual(await wc.executeJavaScript('1 + 2'), 3);
  assert.deepStrictEqual(await wc.executeJavaScript('({ a: [1, "x", null], b: { c: true } })'), { a: [1, 'x', null], b: { c: true } });
  assert.strictEqual(await wc.executeJavaScript('new Promise((r) => setTimeout(() => r("later"), 30))'), 'later');
  assert.strictEqual(await wc.executeJavaScript('document.getElementById("h").textContent'), 'Fixture');
  await wc.executeJavaScript('var keptGlobal = 7');
  assert.strictEqual(await wc.executeJavaScript('keptGlobal'), 7);
  await assert.rejects(wc.executeJavaScript('noSuchVariable.x'), /ReferenceError|Can't find variable/);
  await assert.rejects(wc.executeJavaScript('Promise.reject(new Error("nope"))'), /nope/);
});

test('console messages from the page reach the console-message event', async () => {
  const got = once(win.webContents, 'console-message');
  win.webContents.executeJavaScript('console.error("boom from page", 1)');
  const [, level, message, line, sourceId] = await got;
  assert.strictEqual(level, 3);
  assert.strictEqual(message, 'boom from page 1');
  assert.strictEqual(typeof line, 'number');
  assert.strictEqual(typeof sourceId, 'string');
});

test('will-navigate fires for page navigations and preventDefault blocks them', async () => {
  const wc = win.webContents;
  await win.loadFile('site/index.html');
  let seen = null;
  const handler = (event, url) => { seen = url; event.preventDefault(); };
  wc.on('will-navigate', handler);
  await wc.executeJavaScript('document.getElementById("link").click()');
  await until(() => seen !== null, 'will-navigate');
  assert.match(seen, /site\/other\.html$/);
  await new Promise((r) => setTimeout(r, 200));
  assert.match(wc.getURL(), /site\/index\.html$/);
  wc.off('will-navigate', handler);
  const navigated = once(wc, 'did-navigate');
  await wc.executeJavaScript('location.href = "other.html"');
  const [, url] = await navigated;
  assert.match(url, /site\/other\.html$/);
  await once(wc, 'did-finish-load');
  await until(() => wc.getTitle() === 'other page', 'the other title');
  await until(() => wc.canGoBack(), 'a history entry');
  wc.goBack();
  await until(() => /index\.html$/.test(wc.getURL()), 'going back');
  await until(() => wc.canGoForward() && wc.getTitle() === 'fixture page', 'the page we came back to');
});

test('page-title-updated updates the window title unless prevented', async () => {
  const wc = win.webContents;
  const titles = [];
  win.on('page-title-updated', (e, t) => titles.push(t));
  await wc.executeJavaScript('document.title = "set by page"');
  await until(() => titles.includes('set by page'), 'page-title-updated');
  assert.strictEqual(win.getTitle(), 'set by page');
  win.removeAllListeners('page-title-updated');
  win.once('page-title-updated', (e) => e.preventDefault());
  win.setTitle('kept');
  const again = once(wc, 'page-title-updated');
  await wc.executeJavaScript('document.title = "ignored"');
  await again;
  assert.strictEqual(win.getTitle(), 'kept');
});

test('insertCSS and removeInsertedCSS change the computed style', async () => {
  const wc = win.webContents;
  await win.loadFile('site/index.html');
  const color = () => wc.executeJavaScript('getComputedStyle(document.getElementById("h")).color');
  const key = await wc.insertCSS('#h { color: rgb(1, 2, 3) !important; }');
  await until(async () => await color() === 'rgb(1, 2, 3)', 'the inserted CSS');
  await wc.removeInsertedCSS(key);
  await until(async () => await color() !== 'rgb(1, 2, 3)', 'the CSS removal');
  await assert.rejects(wc.removeInsertedCSS('999'), /no inserted CSS/);
});

test('zoom factor and level', async () => {
  const wc = win.webContents;
  wc.setZoomFactor(1.5);
  assert.strictEqual(wc.getZoomFactor(), 1.5);
  wc.setZoomLevel(0);
  assert.strictEqual(wc.getZoomFactor(), 1);
  assert.throws(() => wc.setZoomFactor(0), /greater than 0/);
});

test('capturePage returns an image with the page colour', async () => {
  await win.loadFile('site/index.html');
  await until(async () => win.webContents.executeJavaScript('document.readyState === "complete"'), 'the page');
  const img = await win.webContents.capturePage();
  assert.strictEqual(img.isEmpty(), false);
  const { width, height } = img.getSize();
  assert.ok(width >= 400 && height >= 300, `size ${width}x${height}`);
  // BGRA: the body background is rgb(10, 200, 30), away from the text.
  const bmp = img.toBitmap();
  const at = ((height - 5) * width + (width - 5)) * 4;
  assert.deepStrictEqual([bmp[at + 2], bmp[at + 1], bmp[at]], [10, 200, 30]);
  const png = img.toPNG();
  assert.deepStrictEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  const part = await win.webContents.capturePage({ x: 0, y: 0, width: 50, height: 40 });
  assert.deepStrictEqual(part.getSize(), { width: 50, height: 40 });
});

test('findInPage reports matches through found-in-page', async () => {
  const wc = win.webContents;
  const found = once(wc, 'found-in-page');
  const id = wc.findInPage('needle');
  const [, result] = await found;
  assert.strictEqual(result.requestId, id);
  assert.strictEqual(result.matches, 3);
  assert.strictEqual(result.activeMatchOrdinal, 1);
  const next = once(wc, 'found-in-page');
  wc.findInPage('needle', { findNext: true });
  assert.strictEqual((await next)[1].activeMatchOrdinal, 2);
  const none = once(wc, 'found-in-page');
  wc.findInPage('absent-word');
  assert.strictEqual((await none)[1].matches, 0);
  wc.stopFindInPage('clearSelection');
});

test('a missing file fails the load with did-fail-load naming the path', async () => {
  const failed = once(win.webContents, 'did-fail-load');
  await assert.rejects(win.loadFile('site/missing.html'), (err) => err.code === 'ERR_FILE_NOT_FOUND' && /missing\.html/.test(err.message));
  const [, code, description, url, isMainFrame] = await failed;
  assert.strictEqual(code, -6);
  assert.match(description, /missing\.html/);
  assert.match(url, /site\/missing\.html$/);
  assert.strictEqual(isMainFrame, true);
});

test('window.open goes through setWindowOpenHandler', async () => {
  const wc = win.webContents;
  await win.loadFile('site/index.html');
  const asked = [];
  wc.setWindowOpenHandler((details) => {
    asked.push(details.url);
    return details.url.endsWith('deny.html') ? { action: 'deny' } : { action: 'allow', overrideBrowserWindowOptions: { width: 300, height: 200 } };
  });
  assert.strictEqual(await wc.executeJavaScript('window.open("deny.html") === null'), true);
  const created = once(wc, 'did-create-window');
  await wc.executeJavaScript('window.open("other.html", "child"); true');
  const [child] = await created;
  assert.strictEqual(asked.length, 2);
  await until(() => child.webContents.getURL().endsWith('other.html'), 'the child page');
  assert.strictEqual(BrowserWindow.getAllWindows().length, 2);
  await until(() => child.isVisible(), 'the child window to show');
  child.destroy();
});

test('reload, stop and DevTools', async () => {
  const wc = win.webContents;
  await win.loadFile('site/index.html');
  await wc.executeJavaScript('window.marker = 1');
  const reloaded = once(wc, 'did-finish-load');
  wc.reload();
  await reloaded;
  assert.strictEqual(await wc.executeJavaScript('typeof window.marker'), 'undefined');
  wc.stop();
  assert.strictEqual(wc.isDevToolsOpened(), false);
  wc.openDevTools();
  await until(() => wc.isDevToolsOpened(), 'the inspector');
  wc.closeDevTools();
  await until(() => !wc.isDevToolsOpened(), 'the inspector to close');
});

test('print: silently to a PDF through GTK printing', async () => {
  await win.loadFile('site/index.html');
  const out = path.join(require('node:os').tmpdir(), `anode-print-${process.pid}.pdf`);
  const [ok, reason] = await new Promise((resolve) => {
    win.webContents.print({ silent: true, deviceName: 'Print to File', outputFile: out }, (...args) => resolve(args));
  });
  assert.strictEqual(ok, true, reason);
  assert.strictEqual(require('node:fs').readFileSync(out).subarray(0, 5).toString(), '%PDF-');
  require('node:fs').unlinkSync(out);
});

test('render-process-gone when the renderer is killed', async () => {
  const w2 = new BrowserWindow({ show: false, webPreferences: { partition: 'crash-test' } });
  await w2.loadFile('site/index.html');
  const gone = once(w2.webContents, 'render-process-gone');
  w2.webContents.forcefullyCrashRenderer();
  const [, details] = await gone;
  assert.strictEqual(details.reason, 'killed');
  w2.destroy();
});

test('loadURL rejects bad URLs; a closed window rejects calls', async () => {
  await assert.rejects(win.loadURL('not a url'), { code: 'ERR_INVALID_URL' });
  const w2 = new BrowserWindow({ show: false });
  w2.destroy();
  assert.throws(() => w2.webContents.getURL(), /Object has been destroyed/);
  assert.throws(() => w2.loadURL('about:blank'), /Object has been destroyed/);
});
