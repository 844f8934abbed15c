// IPC benchmark (make bench): invoke round trips, fire-and-forget sends and
// a 64 MB ArrayBuffer round trip between this process and a real window.
// Prints one JSON object; tests/bench/run.sh puts it beside the raw WebKit
// limit (../shared/bench/webkit-ipc-limit.c) measured in the same run.
const { app, BrowserWindow, ipcMain } = require('electron');
const path = require('path');

const N_INVOKE = Number(process.env.IPC_N || 10000);
const N_SEND = 200000;
const N_PER_TASK = 20000;

function result(name) {
  return new Promise((resolve) => {
    ipcMain.once(`bench-result`, (event, got, value) => {
      if (got !== name) throw new Error(`expected ${name}, got ${got}`);
      resolve(value);
    });
  });
}

async function run(win, name, arg) {
  const done = result(name);
  win.webContents.send('bench', name, arg);
  return done;
}

// Main-side clock: from asking for `n` messages to the last one's arrival.
async function arrivals(win, name, channel, n) {
  let count = 0;
  let t1 = 0;
  const all = new Promise((resolve) => {
    ipcMain.on(channel, () => {
      if (++count === n) {
        t1 = performance.now();
        resolve();
      }
    });
  });
  const t0 = performance.now();
  await Promise.all([run(win, name, n), all]);
  ipcMain.removeAllListeners(channel);
  return { n, ms: t1 - t0, perSecond: n / (t1 - t0) * 1e3 };
}

app.whenReady().then(async () => {
  ipcMain.handle('rt', (event, i) => i);
  ipcMain.handle('echo-buf', (event, buf) => buf);
  const win = new BrowserWindow({ width: 400, height: 300, webPreferences: { preload: path.join(__dirname, 'preload.js') } });
  await win.loadFile('index.html');
  const out = {};
  out.invoke = await run(win, 'invoke', N_INVOKE);
  out.pageInvoke = await run(win, 'pageInvoke', N_INVOKE);
  await arrivals(win, 'send', 's', 20000); // warm-up
  out.send = await arrivals(win, 'send', 's', N_SEND);
  out.sendPerTask = await arrivals(win, 'sendPerTask', 't', N_PER_TASK);
  out.buffer = await run(win, 'buffer', 6);
  process.stdout.write(`${JSON.stringify(out)}\n`);
  app.exit(0);
}).catch((err) => {
  console.error(err);
  app.exit(1);
});
