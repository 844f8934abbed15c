// The hello-world server of apps/http-hello on every core: the primary
// forks os.availableParallelism() workers, which share 127.0.0.1:PORT
// (3000 unless PORT says otherwise), and forks a replacement for any worker
// that exits.
const cluster = require('cluster');
const http = require('http');
const os = require('os');

const hostname = '127.0.0.1';
const port = Number(process.env.PORT) || 3000;

if (cluster.isPrimary) {
  const count = os.availableParallelism();
  console.log(`Primary ${process.pid} forking ${count} workers`);
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on('listening', (worker) => {
    console.log(`Worker ${worker.process.pid} listening at http://${hostname}:${port}/`);
  });
  cluster.on('exit', (worker, code, signal) => {
    console.log(`Worker ${worker.process.pid} exited (${signal || code}); forking a replacement`);
    cluster.fork();
  });
} else {
  const server = http.createServer((req, res) => {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/plain');
    res.end('Hello World');
  });
  server.listen(port, hostname);
}
