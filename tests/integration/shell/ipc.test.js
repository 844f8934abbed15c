// The bridge between the main process and a real window: ipcMain and
// ipcRenderer in both directions (send, invoke, sendSync, postMessage with
// ports), the sandboxed preload's environment, structured-clone payloads,
// ordering, errors and closed windows. The page's side lives in
// preload/ipc.js; main drives it with 'cmd' messages.
const { test, after, before } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { app, BrowserWindow, ipcMain, MessageChannelMain, MessagePortMain } = require('electron');
const { once, until } = require('./helpers');

after(() => app.exit(0));
app.on('window-all-closed', () => {});

const preload = path.join(__dirname, 'preload', 'ipc.js');
let win;
let nextCmd = 1;

// Runs command `name` in the preload and resolves with its result.
function cmd(name, ...args) {
  return cmdIn(win, name, ...args);
}

function cmdIn(w, name, ...args) {
  return new Promise((resolve, reject) => {
    const id = nextCmd++;
    const timer = setTimeout(() => {
      ipcMain.removeListener('cmd-result', onResult);
      reject(new Error(`command ${name} timed out`));
    }, 20000);
    function onResult(event, rid, ok, value) {
      if (rid !== id) return;
      clearTimeout(timer);
      ipcMain.removeListener('cmd-result', onResult);
      if (ok) resolve(value);
      else reject(Object.assign(new Error(value.message), value));
    }
    ipcMain.on('cmd-result', onResult);
    w.webContents.send('cmd', id, name, ...args);
  });
}

function page(code) {
  return win.webContents.executeJavaScript(code);
}

before(async () => {
  await app.whenReady();
  win = new BrowserWindow({ width: 500, height: 400, webPreferences: { preload } });
  await win.loadFile('site/ipc.html');
});

test('send reaches ipcMain.on with the event Electron describes; reply answers the sender', async () => {
  const got = once(ipcMain, 'ping');
  const pong = once(ipcMain, 'pong-back');
  const onPong = (event, ...args) => ipcMain.emit('pong-back', ...args);
  await cmd('send', 'ping', 1, 'two', { three: [3] });
  const [event, ...args] = await got;
  assert.deepStrictEqual(args, [1, 'two', { three: [3] }]);
  assert.strictEqual(event.sender, win.webContents);
  assert.strictEqual(event.type, 'frame');
  assert.strictEqual(typeof event.frameId, 'number');
  // The web process's pid as this process sees it.
  assert.match(require('node:fs').readFileSync(`/proc/${event.processId}/comm`, 'utf8'), /^WebKitWebProc/);
  assert.strictEqual(win.webContents.getOSProcessId(), event.processId);
  assert.strictEqual(event.senderFrame.routingId, event.frameId);
  assert.match(event.senderFrame.url, /site\/ipc\.html$/);
  assert.deepStrictEqual(event.ports, []);
  // reply goes back to the frame that sent: the echo listener bounces it.
  ipcMain.on('echoed', onPong);
  event.reply('echo', 'answer', 2);
  const [answer, n] = await pong;
  ipcMain.removeListener('echoed', onPong);
  assert.deepStrictEqual([answer, n], ['answer', 2]);
});

test('webContents ipc-message fires before ipcMain listeners, and webContents.ipc hears its own contents', async () => {
  const order = [];
  const onWc = (event, channel, a) => order.push(['wc', channel, a]);
  const onIpc = (event, a) => order.push(['ipc', a]);
  const onMain = (event, a) => order.push(['main', a]);
  win.webContents.on('ipc-message', onWc);
  win.webContents.ipc.on('order', onIpc);
  ipcMain.on('order', onMain);
  await cmd('send', 'order', 7);
  await until(() => order.filter((o) => o[1] !== 'cmd-result').length === 3, 'three deliveries');
  win.webContents.removeListener('ipc-message', onWc);
  win.webContents.ipc.removeListener('order', onIpc);
  ipcMain.removeListener('order', onMain);
  assert.deepStrictEqual(order.filter((o) => o[1] !== 'cmd-result'), [['wc', 'order', 7], ['ipc', 7], ['main', 7]]);
});

test('invoke resolves with the handler value, awaits promises, rejects with Electron\'s messages', async () => {
  ipcMain.handle('add', (event, a, b) => {
    assert.strictEqual(event.sender, win.webContents);
    return a + b;
  });
  ipcMain.handle('slow', async (event, v) => {
    await new Promise((r) => setTimeout(r, 20));
    return { v };
  });
  ipcMain.handle('throws', () => { throw new TypeError('boom'); });
  ipcMain.handle('rejects', () => Promise.reject(new Error('nope')));
  ipcMain.handle('uncloneable', () => () => 1);
  try {
    assert.strictEqual(await cmd('invoke', 'add', 2, 3), 5);
    assert.deepStrictEqual(await cmd('invoke', 'slow', 'x'), { v: 'x' });
    await assert.rejects(cmd('invoke', 'throws'), { message: "Error invoking remote method 'throws': TypeError: boom" });
    await assert.rejects(cmd('invoke', 'rejects'), { message: "Error invoking remote method 'rejects': Error: nope" });
    await assert.rejects(cmd('invoke', 'nohandler'), { message: "Error invoking remote method 'nohandler': Error: No handler registered for 'nohandler'" });
    await assert.rejects(cmd('invoke', 'uncloneable'), /Error invoking remote method 'uncloneable': DataCloneError: .*function/);
  } finally {
    for (const c of ['add', 'slow', 'throws', 'rejects', 'uncloneable']) ipcMain.removeHandler(c);
  }
});

test('handle refuses a second handler; handleOnce answers once; removeHandler; webContents.ipc.handle wins', async () => {
  ipcMain.handle('dup', () => 1);
  assert.throws(() => ipcMain.handle('dup', () => 2), { message: "Attempted to register a second handler for 'dup'" });
  ipcMain.removeHandler('dup');
  await assert.rejects(cmd('invoke', 'dup'), /No handler registered for 'dup'/);
  ipcMain.handleOnce('one', () => 'first');
  assert.strictEqual(await cmd('invoke', 'one'), 'first');
  await assert.rejects(cmd('invoke', 'one'), /No handler registered for 'one'/);
  ipcMain.handle('who', () => 'ipcMain');
  win.webContents.ipc.handle('who', () => 'webContents.ipc');
  assert.strictEqual(await cmd('invoke', 'who'), 'webContents.ipc');
  win.webContents.ipc.removeHandler('who');
  assert.strictEqual(await cmd('invoke', 'who'), 'ipcMain');
  ipcMain.removeHandler('who');
  assert.throws(() => ipcMain.handle(5, () => 1), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => ipcMain.handle('x', 'nope'), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('once and removeAllListeners behave as EventEmitter\'s', async () => {
  const seen = [];
  ipcMain.once('one-shot', (event, v) => seen.push(v));
  await cmd('send', 'one-shot', 1);
  await cmd('send', 'one-shot', 2);
  await until(() => seen.length >= 1, 'the first message');
  await new Promise((r) => setTimeout(r, 50));
  assert.deepStrictEqual(seen, [1]);
  ipcMain.on('gone', () => seen.push('gone'));
  ipcMain.removeAllListeners('gone');
  await cmd('send', 'gone');
  await new Promise((r) => setTimeout(r, 50));
  assert.deepStrictEqual(seen, [1]);
});

test('sendSync returns event.returnValue, also a late one and a big one; no listener returns undefined', async () => {
  const onSync = (event, v) => { event.returnValue = { doubled: v * 2 }; };
  ipcMain.on('sync', onSync);
  assert.deepStrictEqual(await cmd('sendSync', 'sync', 21), { doubled: 42 });
  ipcMain.removeListener('sync', onSync);
  const onLate = (event, v) => setTimeout(() => { event.returnValue = `late ${v}`; }, 30);
  ipcMain.on('sync-late', onLate);
  assert.strictEqual(await cmd('sendSync', 'sync-late', 'x'), 'late x');
  ipcMain.removeListener('sync-late', onLate);
  const big = 'b'.repeat(300000);
  const onBig = (event) => { event.returnValue = [big, new Uint8Array(200000).fill(7)]; };
  ipcMain.on('sync-big', onBig);
  const [s, bytes] = await cmd('sendSync', 'sync-big');
  ipcMain.removeListener('sync-big', onBig);
  assert.strictEqual(s, big);
  assert.ok(bytes instanceof Uint8Array && bytes.length === 200000 && bytes.every((b) => b === 7));
  const warnings = [];
  const warn = console.warn;
  console.warn = (msg) => warnings.push(msg);
  try {
    assert.strictEqual(await cmd('sendSync', 'sync-nobody', 1), undefined);
  } finally {
    console.warn = warn;
  }
  assert.match(warnings.join('\n'), /called ipcRenderer\.sendSync\(\) with 'sync-nobody' channel without listeners/);
});

test('sendSync keeps its place among earlier sends', async () => {
  const seen = [];
  const onA = (event, v) => seen.push(v);
  const onS = (event) => { seen.push('sync'); event.returnValue = seen.length; };
  ipcMain.on('before-sync', onA);
  ipcMain.on('the-sync', onS);
  await cmd('send', 'before-sync', 'a');
  assert.strictEqual(await cmd('sendSync', 'the-sync'), 2);
  ipcMain.removeListener('before-sync', onA);
  ipcMain.removeListener('the-sync', onS);
  assert.deepStrictEqual(seen, ['a', 'sync']);
});

test('10,000 sends arrive in order, and so do 10,000 webContents.send', async () => {
  const got = [];
  const onSeq = (event, i) => got.push(i);
  ipcMain.on('seq', onSeq);
  await cmd('sendMany', 'seq', 10000);
  await until(() => got.length === 10000, '10,000 messages', 20000);
  ipcMain.removeListener('seq', onSeq);
  assert.ok(got.every((v, i) => v === i), 'renderer to main in order');
  for (let i = 0; i < 10000; i++) win.webContents.send('seq-in', i);
  const back = await cmd('seqIn');
  assert.strictEqual(back.length, 10000);
  assert.ok(back.every((v, i) => v === i), 'main to renderer in order');
});

function sample() {
  const cyclic = { name: 'root' };
  cyclic.self = cyclic;
  cyclic.children = [{ parent: cyclic }];
  const shared = { s: 1 };
  const sparse = [1, , 3];
  sparse[20] = 'far';
  const err = new RangeError('out of range');
  err.code = 'E_RANGE';
  const buf = new ArrayBuffer(16);
  new Uint8Array(buf).set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
  return {
    primitives: [undefined, null, true, false, 0, -0, NaN, Infinity, -Infinity, 42, -1.5, 2 ** 53, 12345678901234567890n, -(2n ** 100n)],
    strings: ['', 'ascii', 'latin1 é', 'emoji 🎉', 'lone \ud800 surrogate', 'x'.repeat(100000)],
    sparse,
    object: { a: 1, nested: { b: [1, { c: 'd' }] }, '': 'empty key', ['__proto__']: 'own' },
    date: new Date(Date.UTC(2020, 1, 29, 12)),
    regexp: /a+(b)?/giu,
    map: new Map([[1, 'one'], ['two', { n: 2 }], [{ k: 1 }, [3]]]),
    set: new Set([1, 'a', { b: 2 }]),
    error: err,
    typeError: new TypeError('wrong type'),
    buffer: buf,
    views: [new Uint8Array(buf, 4, 8), new Int8Array([-1, 2]), new Uint8ClampedArray([255, 0]), new Int16Array([-300]),
      new Uint16Array([65535]), new Int32Array([-7]), new Uint32Array([4e9]), new Float32Array([1.5]),
      new Float64Array([Math.PI]), new BigInt64Array([-5n]), new BigUint64Array([5n]), new DataView(buf, 2, 6)],
    boxed: [Object(1), Object('s'), Object(true)],
    cyclic,
    shared: [shared, shared],
    bigBuffer: new Uint8Array(1 << 20).map((_, i) => i & 255),
  };
}

function checkSample(back) {
  const want = sample();
  assert.deepStrictEqual(back.primitives, want.primitives);
  assert.ok(Object.is(back.primitives[5], -0), '-0 survives');
  assert.deepStrictEqual(back.strings, want.strings);
  assert.strictEqual(back.sparse.length, 21);
  assert.ok(!(1 in back.sparse), 'holes stay holes');
  assert.strictEqual(back.sparse[20], 'far');
  assert.deepStrictEqual(back.object, want.object);
  assert.ok(Object.prototype.hasOwnProperty.call(back.object, '__proto__'));
  assert.strictEqual(Object.getPrototypeOf(back.object), Object.prototype);
  assert.ok(back.date instanceof Date);
  assert.strictEqual(back.date.getTime(), want.date.getTime());
  assert.ok(back.regexp instanceof RegExp);
  assert.strictEqual(String(back.regexp), String(want.regexp));
  assert.deepStrictEqual(back.map, want.map);
  assert.deepStrictEqual(back.set, want.set);
  assert.ok(back.error instanceof RangeError);
  assert.strictEqual(back.error.message, 'out of range');
  assert.strictEqual(back.error.name, 'RangeError');
  assert.strictEqual(back.error.code, 'E_RANGE');
  assert.strictEqual(typeof back.error.stack, 'string');
  assert.ok(back.typeError instanceof TypeError);
  assert.ok(back.buffer instanceof ArrayBuffer);
  assert.deepStrictEqual(new Uint8Array(back.buffer), new Uint8Array(want.buffer));
  assert.strictEqual(back.views.length, want.views.length);
  for (let i = 0; i < want.views.length; i++) {
    assert.strictEqual(back.views[i].constructor.name, want.views[i].constructor.name);
    assert.strictEqual(back.views[i].byteOffset, want.views[i].byteOffset);
    assert.strictEqual(back.views[i].byteLength, want.views[i].byteLength);
    assert.deepStrictEqual(new Uint8Array(back.views[i].buffer), new Uint8Array(want.views[i].buffer));
  }
  assert.strictEqual(back.views[0].buffer, back.buffer, 'a view and its buffer stay one buffer');
  assert.strictEqual(typeof back.boxed[0], 'object');
  assert.deepStrictEqual(back.boxed.map((b) => b.valueOf()), [1, 's', true]);
  assert.strictEqual(back.cyclic.self, back.cyclic);
  assert.strictEqual(back.cyclic.children[0].parent, back.cyclic);
  assert.strictEqual(back.shared[0], back.shared[1]);
  assert.deepStrictEqual(back.bigBuffer, want.bigBuffer);
}

test('every structured-clone type survives main -> renderer -> main', async () => {
  const back = once(ipcMain, 'echoed');
  win.webContents.send('echo', sample());
  const [, value] = await back;
  checkSample(value);
});

test('every structured-clone type survives renderer -> main (invoke) -> renderer -> main', async () => {
  ipcMain.handle('mirror', (event, v) => v);
  try {
    checkSample(await cmd('mirror', sample()));
  } finally {
    ipcMain.removeHandler('mirror');
  }
});

test('a 64 MB ArrayBuffer goes out and back intact', async () => {
  const big = new Uint8Array(64 * 1024 * 1024);
  for (let i = 0; i < big.length; i += 4093) big[i] = i % 251;
  const back = once(ipcMain, 'echoed', 30000);
  win.webContents.send('echo', big.buffer);
  const [, value] = await back;
  assert.ok(value instanceof ArrayBuffer);
  assert.strictEqual(value.byteLength, big.length);
  const u = new Uint8Array(value);
  for (let i = 0; i < big.length; i += 4093) assert.strictEqual(u[i], i % 251);
});

test('a big buffer main received goes on unchanged, or with what main wrote into it', async () => {
  const big = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 7) & 255);
  ipcMain.handle('mirror', (event, v) => v);
  try {
    assert.deepStrictEqual(await cmd('mirror', big), big);
  } finally {
    ipcMain.removeHandler('mirror');
  }
  ipcMain.handle('mirror', (event, v) => {
    v[5] = 99;
    v[big.length - 1] = 98;
    return v;
  });
  try {
    const back = await cmd('mirror', big);
    assert.strictEqual(back[5], 99);
    assert.strictEqual(back[big.length - 1], 98);
    assert.strictEqual(back[6], big[6]);
  } finally {
    ipcMain.removeHandler('mirror');
  }
});

test('functions, symbols, DOM nodes, WeakMaps and promises throw a clear DataCloneError at the sender', async () => {
  const fn = await cmd('tryClone', 'function');
  assert.strictEqual(fn.name, 'DataCloneError');
  assert.match(fn.message, /function handler at ipcRenderer\.send\(\) arguments\[0\] could not be cloned/);
  assert.match((await cmd('tryClone', 'symbol')).message, /Symbol\(s\) at .*could not be cloned/);
  assert.match((await cmd('tryClone', 'node')).message, /DOM node HTMLHtmlElement/);
  assert.match((await cmd('tryClone', 'weakmap')).message, /a WeakMap object/);
  assert.match((await cmd('tryClone', 'promise')).message, /a Promise object/);
  assert.match((await cmd('tryClone', 'nested')).message, /arguments\[0\]\.list\[1\]\.cb could not be cloned/);
  const bad = await cmd('badChannel');
  assert.deepStrictEqual([bad.name, bad.code], ['TypeError', 'ERR_INVALID_ARG_TYPE']);
  // And in the main process.
  assert.throws(() => win.webContents.send('x', () => 1), { name: 'DataCloneError', message: /anonymous function at webContents\.send\(\) arguments\[0\]/ });
  assert.throws(() => win.webContents.send(1), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('the sandboxed preload gets require(electron|events|timers|url|buffer), process, Buffer and nothing else', async () => {
  const env = await cmd('environment');
  assert.deepStrictEqual(env.process, ['object', 'renderer', true, true, process.platform, 'string']);
  assert.deepStrictEqual(env.buffer, ['function', true, 'aMOpbGxv', 'hello']);
  assert.deepStrictEqual(env.timers, ['function', 'function', 'function']);
  assert.strictEqual(env.url, '/tmp/a b');
  assert.strictEqual(env.events, 'function');
  assert.strictEqual(env.require, 'module not found: fs');
  assert.strictEqual(env.global, true);
  assert.strictEqual(env.module, 'object');
  assert.strictEqual(env.filename, preload);
  assert.strictEqual(env.dirname, path.dirname(preload));
  assert.strictEqual(await cmd('immediate'), 'ran');
});

test('the page sees only what contextBridge exposed, frozen', async () => {
  const seen = await page(`[typeof window.require, typeof window.ipcRenderer, typeof window.preloadVar,
    typeof window.preloadGlobal, typeof window.process, typeof window.Buffer, typeof window.__anodeBridge,
    typeof window.bridgeTest, Object.isFrozen(window.bridgeTest), Object.isFrozen(window.bridgeTest.nested.list),
    window.bridgeTest.version, JSON.stringify(window.bridgeTest.nested)]`);
  assert.deepStrictEqual(seen, ['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined',
    'undefined', 'object', true, true, 3, '{"list":["a","b"],"deeper":{"ok":true}}']);
  assert.deepStrictEqual(await page(`(() => { 'use strict'; try { window.bridgeTest.version = 4; return 'assigned'; } catch (e) { return e.constructor.name; } })()`), 'TypeError');
  assert.deepStrictEqual(await page(`(() => { try { window.bridgeTest = 1; } catch {} return typeof window.bridgeTest; })()`), 'object');
  // The preload's own scope is intact behind the bridge.
  assert.deepStrictEqual(await page('window.bridgeTest.preloadTypes()'), ['string', 'function', 'object']);
});

test('contextBridge: functions, callbacks, promises and errors cross into the page world', async () => {
  ipcMain.handle('add', (event, a, b) => a + b);
  try {
    assert.strictEqual(await page('window.bridgeTest.add(40, 2)'), 42);
  } finally {
    ipcMain.removeHandler('add');
  }
  // Values come back as the page's own objects.
  assert.deepStrictEqual(await page(`(() => {
    const m = window.bridgeTest.echo(new Map([[1, 2]]));
    const o = window.bridgeTest.make();
    return [m instanceof Map, m.get(1), Object.getPrototypeOf(o) === Object.prototype, o.when instanceof Date,
      Array.isArray(o.made), window.bridgeTest.add(1, 2) instanceof Promise];
  })()`), [true, 2, true, true, true, true]);
  // A page function called back synchronously by the preload.
  assert.strictEqual(await page('window.bridgeTest.callMe((v) => v * 2, 21)'), 42);
  // A function returned by the preload is callable from the page.
  assert.strictEqual(await page('window.bridgeTest.returnsFunction()(41)'), 42);
  assert.strictEqual(await page('window.bridgeTest.later("done")'), 'done');
  assert.deepStrictEqual(await page(`window.bridgeTest.failLater().then(() => 'resolved', (e) => [e instanceof TypeError, e.message])`), [true, 'later failure']);
  assert.deepStrictEqual(await page(`(() => { try { window.bridgeTest.fail(); return 'no throw'; } catch (e) { return [e instanceof RangeError, e.message]; } })()`), [true, 'preload failure']);
  // The onUpdate pattern: a page callback kept by the preload, called on IPC.
  await page(`window.ticks = []; window.stopTicks = window.bridgeTest.onTick((v) => window.ticks.push(v)); true`);
  win.webContents.send('tick', { n: 1 });
  win.webContents.send('tick', { n: 2 });
  await until(async () => (await page('window.ticks.length')) === 2, 'two ticks');
  assert.deepStrictEqual(await page('window.ticks'), [{ n: 1 }, { n: 2 }]);
  assert.strictEqual(await page('window.stopTicks()'), true);
  assert.strictEqual(await page('window.bridgeTest.tickCount()'), 0);
});

test('ipcRenderer.postMessage hands a MessagePort to main as a MessagePortMain', async () => {
  const got = once(ipcMain, 'port');
  await cmd('postPort');
  const [event, message] = await got;
  assert.deepStrictEqual(message, { hello: 'port' });
  assert.strictEqual(event.ports.length, 1);
  const [port] = event.ports;
  assert.ok(port instanceof MessagePortMain);
  const reply = once(port, 'message');
  port.start();
  port.postMessage({ n: 1 });
  const [{ data }] = await reply;
  assert.deepStrictEqual(data, { echo: { n: 1 } });
  port.close();
});

test('webContents.postMessage transfers a MessageChannelMain port to the page', async () => {
  const { port1, port2 } = new MessageChannelMain();
  assert.ok(port1 instanceof MessagePortMain);
  win.webContents.postMessage('give-port', null, [port2]);
  const reply = once(port1, 'message');
  port1.start();
  port1.postMessage('hi');
  const [{ data }] = await reply;
  assert.deepStrictEqual(data, { renderer: 'hi' });
  assert.throws(() => win.webContents.postMessage('give-port', null, [{}]), { code: 'ERR_INVALID_ARG_TYPE' });
  // Two local ports talk to each other.
  const local = new MessageChannelMain();
  const heard = once(local.port2, 'message');
  local.port2.start();
  local.port1.postMessage({ local: true });
  assert.deepStrictEqual((await heard)[0].data, { local: true });
  const closed = once(local.port2, 'close');
  local.port1.close();
  await closed;
});

test('webFrame.setZoomFactor reaches the webContents', async () => {
  assert.strictEqual(await cmd('zoom', 1.5), 1.5);
  await until(() => Math.abs(win.webContents.getZoomFactor() - 1.5) < 1e-6, 'the zoom');
  await cmd('zoom', 1);
});

test('webFrame.executeJavaScript runs in the page\'s world and awaits promises', async () => {
  await page('window.pageOnly = 7; true');
  assert.strictEqual(await cmd('webFrameEval', 'document.title + ":" + window.pageOnly'), 'ipc page:7');
  assert.deepStrictEqual(await cmd('webFrameEval', 'Promise.resolve({ n: [1, 2] })'), { n: [1, 2] });
  await assert.rejects(cmd('webFrameEval', 'missingThing.x'), /missingThing/);
});

test('messages to a closed window throw; replies for it are dropped', async () => {
  const other = new BrowserWindow({ width: 300, height: 200, webPreferences: { preload } });
  await other.loadFile('site/ipc.html');
  const wc = other.webContents;
  let release;
  ipcMain.handle('hold', () => new Promise((r) => { release = r; }));
  const invoked = cmdIn(other, 'invoke', 'hold').catch(() => 'dropped');
  await until(() => release !== undefined, 'the held invoke');
  const closed = once(other, 'closed');
  other.close();
  await closed;
  release('too late');
  ipcMain.removeHandler('hold');
  assert.throws(() => wc.send('echo', 1), { message: 'Object has been destroyed' });
  assert.throws(() => wc.postMessage('echo', 1), { message: 'Object has been destroyed' });
  void invoked;
  // The main window still works.
  ipcMain.handle('still', () => 'alive');
  try {
    assert.strictEqual(await cmd('invoke', 'still'), 'alive');
  } finally {
    ipcMain.removeHandler('still');
  }
});

test('a handler may destroy the window while the rest of its batch is pending', async () => {
  const doomed = new BrowserWindow({ width: 300, height: 200, webPreferences: { preload } });
  await doomed.loadFile('site/ipc.html');
  const after = [];
  ipcMain.on('close-me', (event) => BrowserWindow.fromWebContents(event.sender).destroy());
  ipcMain.on('after-close', (event, i) => after.push(i));
  try {
    const closed = once(doomed, 'closed');
    // One batch: the close, then more records from the same task.
    cmdIn(doomed, 'closeThenSend', 50).catch(() => {});
    await closed;
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    ipcMain.removeAllListeners('close-me');
    ipcMain.removeAllListeners('after-close');
  }
  assert.ok(after.length <= 50);
  ipcMain.handle('still', () => 'alive');
  try {
    assert.strictEqual(await cmd('invoke', 'still'), 'alive');
  } finally {
    ipcMain.removeHandler('still');
  }
});

test('contextIsolation: false runs the preload in the page\'s world, where contextBridge refuses', async () => {
  const legacy = new BrowserWindow({ width: 300, height: 200, show: false,
    webPreferences: { contextIsolation: false, preload: path.join(__dirname, 'preload', 'legacy.js') } });
  try {
    await legacy.loadFile('site/ipc.html');
    // The preload's window is the page's; its top-level variables stay its
    // own, as the preload runs wrapped in a function (as in Electron).
    const seen = await legacy.webContents.executeJavaScript('[window.legacy.ipc, window.legacy.bridge, typeof window.require, typeof window.legacyPreloadVar, window.legacyGlobal]');
    assert.deepStrictEqual(seen, ['object', 'contextBridge API can only be used when contextIsolation is enabled', 'undefined', 'undefined', 'from preload']);
    ipcMain.handle('legacy-add', (e, a, b) => a + b);
    try {
      assert.strictEqual(await legacy.webContents.executeJavaScript('window.legacy.add(1, 2)'), 3);
    } finally {
      ipcMain.removeHandler('legacy-add');
    }
  } finally {
    legacy.destroy();
  }
});

test('a preload that throws is reported and the page still loads', async () => {
  const broken = new BrowserWindow({ width: 300, height: 200, show: false,
    webPreferences: { preload: path.join(__dirname, 'preload', 'throws.js') } });
  try {
    const reported = once(broken.webContents, 'preload-error');
    await broken.loadFile('site/ipc.html');
    const [, file, error] = await reported;
    assert.strictEqual(file, path.join(__dirname, 'preload', 'throws.js'));
    assert.match(error.message, /preload exploded/);
    assert.strictEqual(await broken.webContents.executeJavaScript('document.title'), 'ipc page');
  } finally {
    broken.destroy();
  }
});

test('an ES module preload (.mjs) imports electron and built-ins and exposes an API', async () => {
  const file = path.join(__dirname, 'preload', 'module.mjs');
  const w = new BrowserWindow({ width: 300, height: 200, show: false, webPreferences: { preload: file } });
  ipcMain.handle('esm-add', (e, a, b) => a + b);
  try {
    await w.loadFile('site/ipc.html');
    const seen = await w.webContents.executeJavaScript(
      '[window.esmPreload.kind, window.esmPreload.doubled, window.esmPreload.sameModule, window.esmPreload.metaUrl]');
    assert.deepStrictEqual(seen, ['module preload', 42, true, require('node:url').pathToFileURL(file).href]);
    assert.strictEqual(await w.webContents.executeJavaScript('window.esmPreload.add(2, 3)'), 5);
  } finally {
    ipcMain.removeHandler('esm-add');
    w.destroy();
  }
});

test('an ES module preload importing a missing name is reported with the name', async () => {
  const file = path.join(__dirname, 'preload', 'module-bad-import.mjs');
  const w = new BrowserWindow({ width: 300, height: 200, show: false, webPreferences: { preload: file } });
  try {
    const reported = once(w.webContents, 'preload-error');
    await w.loadFile('site/ipc.html');
    const [, where, error] = await reported;
    assert.strictEqual(where, file);
    assert.match(error.message, /The requested module 'electron' does not provide an export named 'noSuchThing'/);
  } finally {
    w.destroy();
  }
});
