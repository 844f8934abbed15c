// The renderer's half of the IPC benchmark: runs what main asks on 'bench'
// and reports on 'bench-result'. Times are taken here, with the page's
// clock, as webkit-ipc-limit.c times the raw WebKit round trip.
const { contextBridge, ipcRenderer } = require('electron');

const runs = {
  // Sequential invoke round trips after a warm-up, like the raw limit's loop.
  async invoke(n) {
    for (let i = 0; i < 200; i++) await ipcRenderer.invoke('rt', i);
    const t = performance.now();
    let ok = 0;
    for (let i = 0; i < n; i++) {
      if ((await ipcRenderer.invoke('rt', i)) === i) ok++;
    }
    const ms = performance.now() - t;
    return { n, ok, ms, perSecond: n / ms * 1e3 };
  },
  // Fire-and-forget: as fast as a loop can send; main times the arrivals.
  send(n) {
    for (let i = 0; i < n; i++) ipcRenderer.send('s', i);
    return { n };
  },
  // One message per task: nothing for the batching to merge.
  async sendPerTask(n) {
    const channel = new MessageChannel();
    let i = 0;
    await new Promise((resolve) => {
      channel.port1.onmessage = () => {
        ipcRenderer.send('t', i++);
        if (i < n) channel.port2.postMessage(0);
        else resolve();
      };
      channel.port2.postMessage(0);
    });
    return { n };
  },
  // A 64 MB ArrayBuffer to main and back (main's handler returns it).
  async buffer(rounds) {
    const buf = new ArrayBuffer(64 * 1024 * 1024);
    new Uint8Array(buf).fill(7);
    const times = [];
    for (let r = 0; r < rounds; r++) {
      const t = performance.now();
      const back = await ipcRenderer.invoke('echo-buf', buf);
      times.push(performance.now() - t);
      if (back.byteLength !== buf.byteLength || new Uint8Array(back)[12345] !== 7) throw new Error('bad echo');
    }
    return { times };
  },
};

// The same invoke loop run by the page through contextBridge (page.js):
// each call crosses into the preload's world and back as well.
let pageRun = null;
contextBridge.exposeInMainWorld('bench', {
  rt: (i) => ipcRenderer.invoke('rt', i),
  onRun: (cb) => { pageRun = cb; },
});
runs.pageInvoke = (n) => pageRun(n);

ipcRenderer.on('bench', async (event, name, arg) => {
  try {
    ipcRenderer.send('bench-result', name, await runs[name](arg));
  } catch (err) {
    ipcRenderer.send('bench-result', name, { error: String(err) });
  }
});
