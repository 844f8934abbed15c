// child_process.spawn('true') 1,000 times, one after the other (each
// awaits 'exit'); prints one line with the rate.
const { spawn } = require('child_process');

const N = Number(process.env.N) || 1000;

function once() {
  return new Promise((resolve, reject) => {
    const child = spawn('true');
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

(async () => {
  await once(); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await once();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({ n: N, ms: Math.round(ms), perSecond: Math.round(N / (ms / 1000)) }));
})();
