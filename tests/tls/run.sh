#!/usr/bin/env bash
# TLS against other implementations: anode's https server answering curl
# and node, anode's https client against node's server, openssl s_client
# against anode's TLS server, and the system CA store with
# NODE_EXTRA_CA_CERTS. Servers listen on 127.0.0.1 and stop by themselves;
# the certificates are the test-only ones in tests/fixtures/tls.
set -u
ANODE=${1:?usage: run.sh path/to/anode}
cd "$(dirname "$0")/../.."
FIX=tests/fixtures/tls
pass=0
fail=0
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT
unset NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1: $2"; }

# Starts `$@` in the background, waits for the port it prints on stdout.
start_server() {
  local out=$tmp/server.$RANDOM
  "$@" > "$out" 2> "$out.err" &
  pids+=($!)
  for _ in $(seq 1 100); do
    port=$(head -1 "$out" 2>/dev/null)
    [ -n "$port" ] && return 0
    sleep 0.05
  done
  port=""
  return 1
}

# 1. curl against anode's https server: verification with the test CA,
# ALPN, a chunked upload and keep-alive reuse.
name="curl: https GET and chunked POST to an anode server, one verified connection"
if command -v curl > /dev/null; then
  if start_server "$ANODE" $FIX/https-echo-server.js 2; then
    printf 'streamed body' > "$tmp/body"
    curl -sv --max-time 5 --cacert $FIX/ca-cert.pem "https://localhost:$port/a" \
      -H 'Transfer-Encoding: chunked' --data-binary @"$tmp/body" "https://localhost:$port/b" \
      > "$tmp/curl.out" 2> "$tmp/curl.err"
    if grep -q 'POST /a alpn=http/1.1 te=chunked len=13' "$tmp/curl.out" &&
       grep -q 'POST /b alpn=http/1.1 te=chunked len=13' "$tmp/curl.out" &&
       grep -qi 're-using existing connection' "$tmp/curl.err" &&
       grep -qi 'SSL certificate verify ok' "$tmp/curl.err"
    then ok "$name"; else not_ok "$name" "$(cat "$tmp/curl.out") $(grep -iE 'ssl|alpn|connection' "$tmp/curl.err" | head -5)"; fi
  else not_ok "$name" "server did not start"; fi

  name="curl: a server with a self-signed certificate is refused"
  cat > "$tmp/selfsigned.js" <<JS
const https = require('https'), fs = require('fs');
const s = https.createServer({ key: fs.readFileSync('$FIX/selfsigned-key.pem'), cert: fs.readFileSync('$FIX/selfsigned-cert.pem') },
  (req, res) => res.end('no'));
s.on('tlsClientError', () => s.close());
s.listen(0, '127.0.0.1', () => console.log(s.address().port));
JS
  if start_server "$ANODE" "$tmp/selfsigned.js"; then
    curl -s --max-time 5 --cacert $FIX/ca-cert.pem "https://localhost:$port/" > /dev/null 2>&1
    rc=$?
    [ "$rc" = 60 ] && ok "$name" || not_ok "$name" "curl exited $rc (want 60, peer certificate not verified)"
  else not_ok "$name" "server did not start"; fi
else
  not_ok "$name" "curl is not installed"
fi

# 2. node's https client against anode's server and the other way round.
expected="200 GET /r0 alpn=false te=- len=0
200 POST /r1 alpn=false te=chunked len=100000
200 GET /r2 alpn=false te=- len=0
reused true
200 POST /r3 alpn=false te=chunked len=100000
resumed true"
for pair in "node:$ANODE" "$ANODE:node"; do
  client=${pair%%:*}; server=${pair#*:}
  name="$(basename "$client") https client -> $(basename "$server") https server (keep-alive, chunked POST, session resumption)"
  if ! command -v node > /dev/null; then not_ok "$name" "node is not installed"; continue; fi
  if start_server "$server" $FIX/https-echo-server.js 4; then
    got=$(timeout 20 "$client" $FIX/https-client.js "$port" 4 2>&1)
    [ "$got" = "$expected" ] && ok "$name" || not_ok "$name" "got: $got"
  else not_ok "$name" "server did not start"; fi
done

# 3. openssl s_client against anode's TLS server: the chain verifies with
# the test CA, TLS 1.3, SNI and ALPN reach the server.
name="openssl s_client -> anode tls server (verify, TLSv1.3, SNI, ALPN)"
cat > "$tmp/tls-server.js" <<JS
const tls = require('tls'), fs = require('fs');
const s = tls.createServer({ key: fs.readFileSync('$FIX/server-key.pem'), cert: fs.readFileSync('$FIX/server-cert.pem'),
  ALPNProtocols: ['x-test'] }, (socket) => {
  socket.end('sni=' + socket.servername + ' alpn=' + socket.alpnProtocol + ' ' + socket.getProtocol() + '\n');
  s.close();
});
s.listen(0, '127.0.0.1', () => console.log(s.address().port));
JS
if command -v openssl > /dev/null && start_server "$ANODE" "$tmp/tls-server.js"; then
  out=$(timeout 10 openssl s_client -connect "127.0.0.1:$port" -servername localhost -alpn x-test \
    -CAfile $FIX/ca-cert.pem -verify_return_error -ign_eof < /dev/null 2>&1)
  if echo "$out" | grep -q 'Verify return code: 0 (ok)' && echo "$out" | grep -q 'sni=localhost alpn=x-test TLSv1.3' &&
     echo "$out" | grep -q 'ALPN protocol: x-test'
  then ok "$name"; else not_ok "$name" "$(echo "$out" | grep -E 'Verify|sni=|ALPN|error' | head -5)"; fi
else not_ok "$name" "openssl missing or server did not start"; fi

# 4. The system CA store: NODE_EXTRA_CA_CERTS adds the test CA to it.
name="NODE_EXTRA_CA_CERTS: the test CA joins the system roots"
if start_server "$ANODE" $FIX/https-echo-server.js 2; then
  got=$(NODE_EXTRA_CA_CERTS=$FIX/ca-cert.pem timeout 20 "$ANODE" $FIX/https-client.js "$port" 2 env 2>&1)
  want="200 GET /r0 alpn=false te=- len=0
reused true
200 POST /r1 alpn=false te=chunked len=100000
resumed true"
  [ "$got" = "$want" ] && ok "$name" || not_ok "$name" "got: $got"
else not_ok "$name" "server did not start"; fi

name="fetch over https (NODE_EXTRA_CA_CERTS) against node's https server: GET and a streamed POST"
if command -v node > /dev/null && start_server node $FIX/https-echo-server.js 2; then
  code="const u = 'https://localhost:$port';
(async () => {
  console.log((await (await fetch(u + '/f1')).text()).trim());
  const body = new ReadableStream({ pull(c) { c.enqueue(new TextEncoder().encode('x'.repeat(1000))); c.close(); } });
  console.log((await (await fetch(u + '/f2', { method: 'POST', body, duplex: 'half' })).text()).trim());
})().catch((e) => console.log('error', e.message, e.cause && e.cause.code));"
  got=$(NODE_EXTRA_CA_CERTS=$FIX/ca-cert.pem timeout 20 "$ANODE" -e "$code" 2>&1)
  want="GET /f1 alpn=http/1.1 te=- len=0
POST /f2 alpn=http/1.1 te=chunked len=1000"
  [ "$got" = "$want" ] && ok "$name" || not_ok "$name" "got: $got"
else not_ok "$name" "node missing or server did not start"; fi

name="without NODE_EXTRA_CA_CERTS the test CA is unknown"
if start_server "$ANODE" $FIX/https-echo-server.js 1; then
  got=$(timeout 20 "$ANODE" $FIX/https-client.js "$port" 2 env 2>&1)
  kill "${pids[-1]}" 2>/dev/null
  [ "$got" = "UNABLE_TO_VERIFY_LEAF_SIGNATURE unable to verify the first certificate" ] && ok "$name" ||
    not_ok "$name" "got: $got"
else not_ok "$name" "server did not start"; fi

name="NODE_EXTRA_CA_CERTS naming a missing file: a warning, the rest works"
got=$(NODE_EXTRA_CA_CERTS=$tmp/missing.pem "$ANODE" -e "require('tls').connect({ port: 1 }).on('error', (e) => console.log(e.code))" 2>&1)
if echo "$got" | grep -q "Warning: Ignoring extra certs from \`$tmp/missing.pem\`, load failed" && echo "$got" | grep -q ECONNREFUSED
then ok "$name"; else not_ok "$name" "got: $got"; fi

echo "tls: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
