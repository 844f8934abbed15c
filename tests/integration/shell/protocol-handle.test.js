// protocol.handle: an app-defined scheme answered by a JS handler with
// Response objects, fetched by a page; registration errors.
const { test, after, before } = require('node:test');
const assert = require('node:assert');
const { app, BrowserWindow, protocol } = require('electron');

after(() => app.exit(0));
app.on('window-all-closed', () => {});

protocol.registerSchemesAsPrivileged([{ scheme: 'notes', privileges: { secure: true, supportFetchAPI: true, corsEnabled: true } }]);

let win;
const seen = [];
before(async () => {
  await app.whenReady();
  protocol.handle('notes', async (request) => {
    seen.push([request.method, request.url, request.headers.get('x-probe')]);
    const url = new URL(request.url);
    if (url.pathname === '/missing') return new Response('no such note', { status: 404, headers: { 'content-type': 'text/plain' } });
    if (url.pathname === '/throws') throw new Error('handler failed');
    if (url.pathname === '/page') return new Response('<!doctype html><title>from handler</title><p id="p">hi</p>', { headers: { 'content-type': 'text/html' } });
    return Response.json({ path: url.pathname, q: url.searchParams.get('q') });
  });
  win = new BrowserWindow({ width: 300, height: 200, show: false });
  await win.loadURL('notes://app/page');
});

test('a handled scheme serves a page and answers fetches with Responses', async () => {
  assert.strictEqual(win.webContents.getURL(), 'notes://app/page');
  assert.strictEqual(await win.webContents.executeJavaScript('document.getElementById("p").textContent'), 'hi');
  const json = await win.webContents.executeJavaScript('fetch("notes://app/item?q=1", { headers: { "x-probe": "yes" } }).then((r) => r.json())');
  assert.deepStrictEqual(json, { path: '/item', q: '1' });
  assert.ok(seen.some(([m, u, probe]) => m === 'GET' && u === 'notes://app/item?q=1' && probe === 'yes'));
  const missing = await win.webContents.executeJavaScript('fetch("notes://app/missing").then(async (r) => [r.status, await r.text()])');
  assert.deepStrictEqual(missing, [404, 'no such note']);
  const failed = await win.webContents.executeJavaScript('fetch("notes://app/throws").then(() => "ok", () => "failed")');
  assert.strictEqual(failed, 'failed');
  assert.strictEqual(protocol.isProtocolHandled('notes'), true);
});

test('registration errors are clear', () => {
  assert.throws(() => protocol.handle('notes', () => {}), /already handled/);
  assert.throws(() => protocol.handle('https', () => {}), /built in/);
  assert.throws(() => protocol.handle('Bad Scheme', () => {}), /lowercase URL scheme/);
  assert.throws(() => protocol.handle('x-ok', 'nope'), /handler must be a function/);
  assert.throws(() => protocol.registerSchemesAsPrivileged([{ scheme: 'late' }]), /before app is ready/);
  protocol.unhandle('notes');
  assert.strictEqual(protocol.isProtocolHandled('notes'), false);
});
