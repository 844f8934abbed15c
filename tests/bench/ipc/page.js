// The page's half of the contextBridge invoke loop.
window.bench.onRun(async (n) => {
  for (let i = 0; i < 200; i++) await window.bench.rt(i);
  const t = performance.now();
  let ok = 0;
  for (let i = 0; i < n; i++) {
    if ((await window.bench.rt(i)) === i) ok++;
  }
  const ms = performance.now() - t;
  return { n, ok, ms, perSecond: n / ms * 1e3 };
});
