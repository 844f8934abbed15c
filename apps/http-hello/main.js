// The canonical Node program: a hello-world web server. Until anode's `http`
// module lands (issue "Node built-ins II"), it says so and greets instead.
let http;
try {
  http = require('http');
} catch (err) {
  if (err.code !== 'MODULE_NOT_FOUND') throw err;
}

if (http === undefined) {
  console.log(`Hello from anode ${process.versions.anode} ` +
              `(JavaScriptCore ${process.versions.jsc}, libuv ${process.versions.uv}).`);
  console.log('The http module is not built yet, so this app prints a greeting instead of serving one.');
} else {
  const hostname = '127.0.0.1';
  const port = 3000;
  const server = http.createServer((req, res) => {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/plain');
    res.end('Hello World');
  });
  server.listen(port, hostname, () => {
    console.log(`Server running at http://${hostname}:${port}/`);
  });
}
