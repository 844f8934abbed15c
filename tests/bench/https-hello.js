// The seed's hello-world server over https (make bench): port 3443, the
// test-only certificate from tests/fixtures/tls.
const https = require('https');
const fs = require('fs');
const path = require('path');
const fix = path.join(__dirname, '..', 'fixtures', 'tls');
const server = https.createServer({
  key: fs.readFileSync(path.join(fix, 'server-key.pem')),
  cert: fs.readFileSync(path.join(fix, 'server-cert.pem')),
}, (req, res) => {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/plain');
  res.end('Hello World');
});
server.listen(3443, '127.0.0.1', () => {
  console.log('Server running at https://127.0.0.1:3443/');
});
