// app://: what pages fetch from the app's folder (MIME types, Range, HEAD,
// CORS) and that no request can leave the folder.
const { test, after, before } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { app, BrowserWindow } = require('electron');

after(() => app.exit(0));
app.on('window-all-closed', () => {});

let win;
before(async () => {
  await app.whenReady();
  win = new BrowserWindow({ width: 300, height: 200, show: false });
  await win.loadFile('site/index.html');
});

const page = (code) => win.webContents.executeJavaScript(code);
const head = (url, init) => page(`fetch(${JSON.stringify(url)}, ${JSON.stringify(init || {})}).then(async (r) => ({
  status: r.status, type: r.headers.get('content-type'), length: r.headers.get('content-length'),
  range: r.headers.get('content-range'), body: (await r.arrayBuffer()).byteLength }))`);

test('MIME types the web platform is strict about', async () => {
  const cases = {
    'index.html': 'text/html', 'style.css': 'text/css', 'app.js': 'text/javascript',
    'sub/module.mjs': 'text/javascript', 'data.json': 'application/json', 'sub/empty.wasm': 'application/wasm',
  };
  for (const [file, type] of Object.entries(cases)) {
    const r = await head(file);
    assert.strictEqual(r.status, 200, file);
    assert.strictEqual(r.type, type, file);
  }
  assert.deepStrictEqual(await page('fetch("data.json").then((r) => r.json())'), { ok: true });
  assert.strictEqual(await page('import("./sub/module.mjs").then((m) => m.answer)'), 42);
});

test('Range requests get 206 with Content-Range; bad ranges get 416', async () => {
  const whole = await head('bytes.bin');
  assert.strictEqual(whole.body, 10240);
  const part = await head('bytes.bin', { headers: { Range: 'bytes=100-199' } });
  assert.strictEqual(part.status, 206);
  assert.strictEqual(part.range, 'bytes 100-199/10240');
  assert.strictEqual(part.body, 100);
  const first = await page('fetch("bytes.bin", { headers: { Range: "bytes=256-259" } }).then((r) => r.arrayBuffer()).then((b) => [...new Uint8Array(b)])');
  assert.deepStrictEqual(first, [0, 1, 2, 3]);
  const tail = await head('bytes.bin', { headers: { Range: 'bytes=-10' } });
  assert.strictEqual(tail.range, 'bytes 10230-10239/10240');
  const open = await head('bytes.bin', { headers: { Range: 'bytes=10000-' } });
  assert.strictEqual(open.body, 240);
  const bad = await head('bytes.bin', { headers: { Range: 'bytes=99999-' } });
  assert.strictEqual(bad.status, 416);
  assert.strictEqual(bad.range, 'bytes */10240');
});

test('a folder serves its index.html; missing files fail', async () => {
  const folder = await page('fetch("./").then((r) => r.text())');
  assert.match(folder, /<title>fixture page<\/title>/);
  await assert.rejects(page('fetch("nope.txt").then((r) => r.status)'));
});

test('paths that climb out of the app folder are refused', async () => {
  const attempts = [
    'app://shell-tests/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    'app://shell-tests/site/..%2f..%2f..%2f..%2fetc%2fpasswd',
    'app://shell-tests/%2E%2E/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/hostname',
    'app://shell-tests/site/%252e%252e/x',
    'app://shell-tests/site/%00/index.html',
  ];
  for (const url of attempts) {
    const failed = new Promise((resolve) => win.webContents.once('did-fail-load', (e, code, desc) => resolve(desc)));
    await assert.rejects(win.loadURL(url), url);
    const desc = await failed;
    assert.ok(!/root:/.test(desc), url);
  }
  // WebKit resolves literal dot segments before we see them: they stay inside.
  await assert.rejects(win.loadURL('app://x/../../etc/passwd'), /ERR_FILE_NOT_FOUND|leaves/);
  const leak = await win.webContents.executeJavaScript('document.body ? document.body.textContent : ""');
  assert.ok(!/root:x:0:0/.test(leak));
  await win.loadFile('site/index.html');
  const refused = await page('fetch("/%2e%2e/%2e%2e/%2e%2e/etc/passwd").then(() => "served", () => "refused")');
  assert.strictEqual(refused, 'refused');
});

test('a symlink inside the folder cannot lead out of it', async () => {
  const link = path.join(__dirname, 'site', 'escape-link');
  try { fs.unlinkSync(link); } catch {}
  fs.symlinkSync('/etc', link);
  try {
    await assert.rejects(win.loadURL('app://shell-tests/site/escape-link/passwd'), /leaves the app's folder/);
  } finally {
    fs.unlinkSync(link);
  }
});

test('only GET and HEAD are served', async () => {
  await win.loadFile('site/index.html');
  const r = await page('fetch("data.json", { method: "HEAD" }).then((r) => [r.status, r.headers.get("content-type")])');
  assert.deepStrictEqual(r, [200, 'application/json']);
  assert.strictEqual(await page('fetch("data.json", { method: "POST", body: "x" }).then(() => "served", () => "refused")'), 'refused');
});
