// globalShortcut (X11 key grabs: XTEST presses reach them with no window
// focused), powerMonitor (screensaver signals, idle time), powerSaveBlocker
// (ScreenSaver.Inhibit on the stand-in) and safeStorage (a round trip
// through gnome-keyring's Secret Service).
process.env.ANODE_TEST_HOOKS = '1';
const { test, after } = require('node:test');
const assert = require('node:assert');
const electron = require('electron');
const { app, globalShortcut, powerMonitor, powerSaveBlocker, safeStorage } = electron;
const { once, until } = require('./helpers');

after(() => app.exit(0));
app.on('window-all-closed', () => {});

const desk = (cmd) => electron.__testing.desk(cmd);

test('globalShortcut: a registered combination fires from anywhere; unregister stops it', async () => {
  await app.whenReady();
  let hits = 0;
  assert.strictEqual(globalShortcut.register('CommandOrControl+Alt+K', () => hits++), true);
  assert.strictEqual(globalShortcut.isRegistered('CommandOrControl+Alt+K'), true);
  assert.strictEqual(globalShortcut.register('CommandOrControl+Alt+K', () => {}), false);
  assert.strictEqual(electron.__testing.key('ctrl+alt+k'), true);
  await until(() => hits === 1, 'the shortcut');
  globalShortcut.unregister('CommandOrControl+Alt+K');
  assert.strictEqual(globalShortcut.isRegistered('CommandOrControl+Alt+K'), false);
  let later = 0;
  assert.strictEqual(globalShortcut.register('Alt+Shift+J', () => later++), true);
  electron.__testing.key('ctrl+alt+k'); // no longer grabbed
  electron.__testing.key('alt+shift+j'); // a marker after it
  await until(() => later === 1, 'the marker');
  assert.strictEqual(hits, 1);
  globalShortcut.unregisterAll();
  assert.throws(() => globalShortcut.register('Ctrl+Nope', () => {}), { code: 'ERR_INVALID_ARG_VALUE', message: /unknown key 'Nope'/ });
});

test('powerMonitor: lock and unlock from the screensaver; idle time', async () => {
  const locked = once(powerMonitor, 'lock-screen');
  await desk({ op: 'screensaver', active: true });
  await locked;
  const unlocked = once(powerMonitor, 'unlock-screen');
  await desk({ op: 'screensaver', active: false });
  await unlocked;
  assert.strictEqual(powerMonitor.getSystemIdleTime(), 42); // what the stand-in says
  assert.strictEqual(powerMonitor.getSystemIdleState(60), 'active');
  assert.strictEqual(powerMonitor.getSystemIdleState(10), 'idle');
});

test('powerSaveBlocker: inhibits through the screensaver interface until stopped', async () => {
  const id = powerSaveBlocker.start('prevent-display-sleep');
  assert.strictEqual(powerSaveBlocker.isStarted(id), true);
  const held = await desk({ op: 'inhibitors' });
  assert.deepStrictEqual(Object.values(held).map((h) => h.reason), ['Keeping the display on']);
  assert.strictEqual(powerSaveBlocker.stop(id), true);
  assert.strictEqual(powerSaveBlocker.isStarted(id), false);
  await until(async () => Object.keys(await desk({ op: 'inhibitors' })).length === 0, 'released');
  assert.throws(() => powerSaveBlocker.start('prevent-everything'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('safeStorage: encrypts with a key kept in the Secret Service; round trip; tampering fails', () => {
  assert.strictEqual(safeStorage.isEncryptionAvailable(), true);
  const secret = 'token: s3cr3t ✓';
  const enc = safeStorage.encryptString(secret);
  assert.ok(Buffer.isBuffer(enc));
  assert.ok(!enc.includes(Buffer.from('s3cr3t')));
  assert.strictEqual(safeStorage.decryptString(enc), secret);
  // Each encryption has its own nonce.
  assert.notDeepStrictEqual(safeStorage.encryptString(secret), enc);
  const bad = Buffer.from(enc);
  bad[bad.length - 1] ^= 1;
  assert.throws(() => safeStorage.decryptString(bad), /decrypting/);
  assert.throws(() => safeStorage.decryptString(Buffer.from('plain')), /decrypting/);
  assert.throws(() => safeStorage.encryptString(3), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.strictEqual(safeStorage.getSelectedStorageBackend(), 'gnome_libsecret');
});
