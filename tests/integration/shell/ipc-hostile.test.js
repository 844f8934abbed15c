// A hostile page against the bridge: values that cannot be cloned, messages
// over the size limit, floods of sends and invokes, invokes nobody handles,
// bad channels, deep nesting, and (with contextIsolation off) a page that
// corrupts the encoder's built-ins so malformed batches reach the main
// process. The main process must stay up, drop what is malformed with a
// logged reason, and keep serving another window.
const { test, after, before } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { app, BrowserWindow, ipcMain } = require('electron');
const { until } = require('./helpers');

after(() => app.exit(0));
app.on('window-all-closed', () => {});

let hostile;
let good;
let legacy;

function inPage(code) {
  return hostile.webContents.executeJavaScript(code);
}

// The good window's own round trip: it must keep working throughout.
async function goodRoundTrip() {
  return good.webContents.executeJavaScript('window.ipc.invoke("good-echo", 41)');
}

before(async () => {
  await app.whenReady();
  ipcMain.handle('good-echo', (event, v) => v + 1);
  const webPreferences = { preload: path.join(__dirname, 'preload', 'careless.js') };
  hostile = new BrowserWindow({ width: 300, height: 200, webPreferences });
  good = new BrowserWindow({ width: 300, height: 200, webPreferences });
  legacy = new BrowserWindow({ width: 300, height: 200,
    webPreferences: { contextIsolation: false, preload: path.join(__dirname, 'preload', 'legacy-careless.js') } });
  await Promise.all([hostile.loadFile('site/ipc.html'), good.loadFile('site/ipc.html'), legacy.loadFile('site/ipc.html')]);
  assert.strictEqual(await goodRoundTrip(), 42);
});

test('what cannot be cloned, bad channels and deep nesting throw in the page', async () => {
  const errors = await inPage(`(() => {
    const out = [];
    const attempt = (f) => { try { f(); out.push('no error'); } catch (e) { out.push(e.name + ': ' + e.message); } };
    attempt(() => window.ipc.send('x', { handler: window.alert }));
    attempt(() => window.ipc.send('x', document.body));
    attempt(() => window.ipc.send({ not: 'a channel' }));
    let deep = [];
    for (let i = 0; i < 5000; i++) deep = [deep];
    attempt(() => window.ipc.send('x', deep));
    return out;
  })()`);
  assert.match(errors[0], /DataCloneError: function alert at .* could not be cloned/);
  assert.match(errors[1], /DataCloneError: DOM node HTMLBodyElement/);
  assert.match(errors[2], /TypeError: .*"channel" argument must be of type string/);
  assert.match(errors[3], /DataCloneError: an object nested more than 2000 levels deep/);
  assert.strictEqual(await goodRoundTrip(), 42);
});

test('a message over the size limit is refused at the sender', async () => {
  const err = await inPage(`(() => {
    try { window.ipc.send('big', 'x'.repeat(129 * 1024 * 1024)); return 'sent'; } catch (e) { return e.message; }
  })()`);
  assert.match(err, /the message is too large to send .* the limit is 134217728/);
  assert.strictEqual(await goodRoundTrip(), 42);
});

test('invoke without a handler rejects; sendSync without a listener returns undefined', async () => {
  assert.match(await inPage('window.ipc.invoke("nobody-home", 1).then(() => "resolved", (e) => e.message)'),
    /No handler registered for 'nobody-home'/);
  const warn = console.warn;
  console.warn = () => {};
  try {
    assert.strictEqual(await inPage('String(window.ipc.sendSync("nobody-sync", 1))'), 'undefined');
  } finally {
    console.warn = warn;
  }
});

test('a flood of sends is delivered while another window keeps working', async () => {
  let count = 0;
  ipcMain.on('flood', () => { count++; });
  try {
    const flooding = inPage('(() => { for (let i = 0; i < 100000; i++) window.ipc.send("flood", i, "payload"); return "sent"; })()');
    for (let i = 0; i < 5; i++) assert.strictEqual(await goodRoundTrip(), 42);
    assert.strictEqual(await flooding, 'sent');
    await until(() => count === 100000, '100,000 flood messages', 30000);
  } finally {
    ipcMain.removeAllListeners('flood');
  }
});

test('a flood of invokes past the pending limit is rejected at the sender', async () => {
  const releases = [];
  ipcMain.handle('held', () => new Promise((resolve) => releases.push(resolve)));
  try {
    const started = inPage(`(() => {
      window.flood = { resolved: 0, rejected: [] };
      for (let i = 0; i < 100010; i++) {
        window.ipc.invoke('held', i).then(() => { window.flood.resolved++; },
          (e) => { if (window.flood.rejected.length < 3) window.flood.rejected.push(e.message); });
      }
      return true;
    })()`);
    await started;
    await until(async () => (await inPage('window.flood.rejected.length')) > 0, 'rejections', 30000);
    assert.match((await inPage('window.flood.rejected'))[0], /100000 calls are already waiting/);
    await until(() => releases.length === 100000, 'the held invokes', 60000);
    assert.strictEqual(await goodRoundTrip(), 42);
    for (const r of releases) r('done');
    await until(async () => (await inPage('window.flood.resolved')) === 100000, 'the releases', 60000);
  } finally {
    ipcMain.removeHandler('held');
  }
});

test('malformed batches from a page that corrupts the encoder are dropped with a logged reason', async () => {
  const warnings = [];
  const warn = console.warn;
  console.warn = (msg) => warnings.push(String(msg));
  let heard = 0;
  ipcMain.on('tampered', () => { heard++; });
  try {
    // The page rewrites the lengths and counts the encoder writes.
    await legacy.webContents.executeJavaScript(`(() => {
      const set32 = DataView.prototype.setUint32;
      DataView.prototype.setUint32 = function (offset, value, little) {
        return set32.call(this, offset, (value * 7919 + 13) >>> 0, little);
      };
      for (let i = 0; i < 50; i++) window.legacyIpc.send('tampered', { i, list: [1, 2, 3], text: 'x'.repeat(i) });
      return true;
    })()`);
    await until(() => warnings.some((w) => /dropped an IPC message from webContents/.test(w)), 'a logged drop', 10000);
  } finally {
    console.warn = warn;
    ipcMain.removeAllListeners('tampered');
  }
  assert.match(warnings.find((w) => /dropped an IPC message/.test(w)), /malformed IPC message/);
  assert.strictEqual(heard, 0);
  assert.strictEqual(await goodRoundTrip(), 42);
  assert.strictEqual(await inPage('window.ipc.invoke("good-echo", 1)'), 2);
});
