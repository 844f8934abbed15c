#!/usr/bin/env bash
# HTTP against other implementations: the seed's web server (apps/http-hello)
# answering curl, and anode's server and client each talking to node's and
# curl's. Every server here listens on 127.0.0.1 and stops by itself.
set -u
ANODE=${1:?usage: run.sh path/to/anode}
cd "$(dirname "$0")/../.."
FIX=tests/fixtures/http
pass=0
fail=0
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"; }
trap cleanup EXIT

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

# 1. The seed's web server, unchanged: "Hello World" on 127.0.0.1:3000.
name="apps/http-hello serves Hello World to curl"
if command -v curl > /dev/null; then
  "$ANODE" apps/http-hello > "$tmp/hello.out" 2> "$tmp/hello.err" &
  hello=$!
  pids+=($hello)
  got=""
  for _ in $(seq 1 100); do
    got=$(curl -s --max-time 2 http://127.0.0.1:3000/ 2>/dev/null) && [ -n "$got" ] && break
    sleep 0.05
  done
  kill $hello 2>/dev/null; wait $hello 2>/dev/null
  if [ "$got" = "Hello World" ] && grep -qF 'Server running at http://127.0.0.1:3000/' "$tmp/hello.out"; then ok "$name"
  else not_ok "$name" "curl got '$got'; stdout: $(head -c 200 "$tmp/hello.out") $(head -c 300 "$tmp/hello.err")"; fi
else
  not_ok "$name" "curl is not installed"
fi

# 2. curl: a chunked upload and keep-alive reuse across two URLs.
name="curl: chunked upload to an anode server"
if start_server "$ANODE" $FIX/echo-server.js 1; then
  got=$(printf 'streamed body' | curl -s --max-time 5 -H 'Transfer-Encoding: chunked' --data-binary @- "http://127.0.0.1:$port/up")
  [ "$got" = "POST /up te=chunked len=13 body=streamed body" ] && ok "$name" || not_ok "$name" "got '$got'"
else not_ok "$name" "server did not start"; fi

name="curl: keep-alive reuses the connection"
if start_server "$ANODE" $FIX/echo-server.js 2; then
  curl -sv --max-time 5 "http://127.0.0.1:$port/a" "http://127.0.0.1:$port/b" > "$tmp/ka.out" 2> "$tmp/ka.err"
  if grep -q 'GET /a' "$tmp/ka.out" && grep -q 'GET /b' "$tmp/ka.out" && grep -qi 're-using existing connection' "$tmp/ka.err"
  then ok "$name"; else not_ok "$name" "$(cat "$tmp/ka.out") $(grep -i connection "$tmp/ka.err" | head -3)"; fi
else not_ok "$name" "server did not start"; fi

# 3. node's client against anode's server, and anode's client against node's.
expected="200 GET /r0 te=- len=0 body=
200 POST /r1 te=chunked len=100000 body=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
200 GET /r2 te=- len=0 body=
reused true"
for pair in "node:$ANODE" "$ANODE:node"; do
  client=${pair%%:*}; server=${pair#*:}
  name="$(basename "$client") client -> $(basename "$server") server (keep-alive, chunked POST)"
  if ! command -v node > /dev/null; then not_ok "$name" "node is not installed"; continue; fi
  if start_server "$server" $FIX/echo-server.js 3; then
    got=$(timeout 20 "$client" $FIX/client.js "$port" 3 2>&1)
    [ "$got" = "$expected" ] && ok "$name" || not_ok "$name" "got: $got"
  else not_ok "$name" "server did not start"; fi
done

echo "http: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
