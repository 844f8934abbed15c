// app: name and version from package.json, paths, locale, switches, the
// module's aliases, process.versions and nativeImage.
const { test, after } = require('node:test');
const assert = require('node:assert');
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');
const electron = require('electron');
const { app, nativeImage, BrowserWindow } = electron;
const { once } = require('./helpers');

after(() => app.exit(0));
app.on('window-all-closed', () => {});

test('require("anode"), electron/main and electron/common are the same API', () => {
  assert.strictEqual(require('anode'), electron);
  assert.strictEqual(require('electron/main').app, app);
  assert.strictEqual(require('electron/common').nativeImage, electron.nativeImage);
  assert.strictEqual(process.versions.electron, '33.0.0');
  assert.match(process.versions.webkit, /^\d+\.\d+\.\d+$/);
  assert.strictEqual(process.type, 'browser');
});

test('ready fires once, after the main script; whenReady resolves', async () => {
  let readyEvents = 0;
  app.on('ready', () => readyEvents++);
  await app.whenReady();
  assert.strictEqual(app.isReady(), true);
  assert.ok(readyEvents <= 1);
});

test('name and version come from package.json', () => {
  assert.strictEqual(app.getName(), 'Shell Tests');
  assert.strictEqual(app.name, 'Shell Tests');
  assert.strictEqual(app.getVersion(), '2.3.4');
  assert.strictEqual(app.getAppPath(), __dirname);
  assert.strictEqual(app.isPackaged, false);
  app.setName('Renamed');
  assert.strictEqual(app.getName(), 'Renamed');
  app.setName('Shell Tests');
  assert.throws(() => app.setName(5), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('getPath follows XDG and Electron, setPath overrides', () => {
  const config = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  assert.strictEqual(app.getPath('home'), os.homedir());
  assert.strictEqual(app.getPath('appData'), config);
  assert.strictEqual(app.getPath('userData'), path.join(config, 'Shell Tests'));
  assert.strictEqual(app.getPath('logs'), path.join(config, 'Shell Tests', 'logs'));
  assert.strictEqual(app.getPath('temp'), os.tmpdir());
  assert.strictEqual(app.getPath('exe'), process.execPath);
  fs.writeFileSync(path.join(config, 'user-dirs.dirs'), 'XDG_DOWNLOAD_DIR="$HOME/Fetched"\n');
  assert.strictEqual(app.getPath('downloads'), path.join(os.homedir(), 'Fetched'));
  assert.strictEqual(app.getPath('music'), path.join(os.homedir(), 'Music'));
  for (const name of ['desktop', 'documents', 'pictures', 'videos', 'sessionData', 'crashDumps']) {
    assert.ok(path.isAbsolute(app.getPath(name)), name);
  }
  assert.throws(() => app.getPath('nonsense'), /Failed to get 'nonsense' path/);
  app.setPath('userData', '/tmp/anode-user-data');
  assert.strictEqual(app.getPath('userData'), '/tmp/anode-user-data');
  assert.throws(() => app.setPath('userData', 'relative'), /must be absolute/);
});

test('locale and command-line switches', () => {
  assert.match(app.getLocale(), /^[a-z]{2,3}(-[A-Z]{2})?$/);
  app.commandLine.appendSwitch('some-flag', 'value');
  assert.strictEqual(app.commandLine.hasSwitch('some-flag'), true);
  assert.strictEqual(app.commandLine.getSwitchValue('some-flag'), 'value');
  app.commandLine.removeSwitch('some-flag');
  assert.strictEqual(app.commandLine.hasSwitch('some-flag'), false);
});

test('before-quit can cancel quit; browser-window-created fires', async () => {
  let created = null;
  app.once('browser-window-created', (e, w) => { created = w; });
  const win = new BrowserWindow({ show: false });
  assert.strictEqual(created, win);
  app.once('before-quit', (e) => e.preventDefault());
  app.quit();
  assert.strictEqual(win.isDestroyed(), false);
  win.destroy();
});

test('nativeImage: decode, encode, resize, crop, data URLs', () => {
  const bgra = Buffer.alloc(4 * 4 * 4);
  for (let i = 0; i < 16; i++) bgra.set([30, 20, 200, 255], i * 4); // rgb(200, 20, 30)
  const img = nativeImage.createFromBitmap(bgra, { width: 4, height: 4 });
  assert.deepStrictEqual(img.getSize(), { width: 4, height: 4 });
  const png = img.toPNG();
  assert.deepStrictEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  const back = nativeImage.createFromBuffer(png);
  assert.deepStrictEqual([...back.toBitmap().subarray(0, 4)], [30, 20, 200, 255]);
  const big = back.resize({ width: 8 });
  assert.deepStrictEqual(big.getSize(), { width: 8, height: 8 });
  assert.deepStrictEqual([...big.toBitmap().subarray(0, 4)], [30, 20, 200, 255]);
  assert.deepStrictEqual(big.crop({ x: 2, y: 2, width: 3, height: 2 }).getSize(), { width: 3, height: 2 });
  const url = img.toDataURL();
  assert.match(url, /^data:image\/png;base64,/);
  assert.deepStrictEqual(nativeImage.createFromDataURL(url).getSize(), { width: 4, height: 4 });
  const jpeg = img.toJPEG(90);
  assert.deepStrictEqual([...jpeg.subarray(0, 2)], [0xff, 0xd8]);
  const file = path.join(os.tmpdir(), `anode-img-${process.pid}.png`);
  fs.writeFileSync(file, png);
  assert.deepStrictEqual(nativeImage.createFromPath(file).getSize(), { width: 4, height: 4 });
  fs.unlinkSync(file);
  assert.strictEqual(nativeImage.createFromPath('/no/such/file.png').isEmpty(), true);
  assert.strictEqual(nativeImage.createFromBuffer(Buffer.from('not an image')).isEmpty(), true);
  assert.strictEqual(nativeImage.createEmpty().isEmpty(), true);
  assert.throws(() => nativeImage.createFromBitmap(Buffer.alloc(3), { width: 4, height: 4 }), /needs 64/);
});

test('session cookies and storage', async () => {
  const { session } = electron;
  const ses = session.defaultSession;
  await ses.cookies.set({ url: 'https://example.test/', name: 'flavour', value: 'oat' });
  const got = await ses.cookies.get({ url: 'https://example.test/' });
  assert.deepStrictEqual(got.map((c) => [c.name, c.value]), [['flavour', 'oat']]);
  await ses.cookies.remove('https://example.test/', 'flavour');
  assert.deepStrictEqual(await ses.cookies.get({ name: 'flavour' }), []);
  await ses.clearCache();
  await ses.clearStorageData();
  const other = session.fromPartition('in-memory');
  assert.notStrictEqual(other, ses);
  assert.strictEqual(other.isPersistent(), false);
  await assert.rejects(ses.cookies.set({ url: 'nope', name: 'x' }), /invalid url/);
});

test('a window with show: false fires ready-to-show and shows on demand', async () => {
  const win = new BrowserWindow({ show: false, width: 200, height: 100 });
  const ready = once(win, 'ready-to-show');
  win.loadFile('site/index.html');
  await ready;
  assert.strictEqual(win.isVisible(), false);
  const shown = once(win, 'show');
  win.show();
  await shown;
  assert.strictEqual(win.isVisible(), true);
  win.destroy();
});
