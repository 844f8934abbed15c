#!/usr/bin/env bash
# apps/http-cluster under load: a bounded wrk run against the primary's
# port while one worker is SIGKILLed. Checks that the primary forks a
# replacement that answers, that the server keeps answering, and that the
# failed requests stay within what the killed worker can have had in flight.
#
# The bound: wrk sends one request at a time on each of its C keep-alive
# connections (no pipelining), and with round-robin only the connections
# the killed worker had taken can break; every other connection, and every
# new one, is served by a live worker. So at most C requests can fail
# (socket errors of any kind plus non-2xx answers), and none may fail to
# connect: the primary's listening socket never closes.
set -u
ANODE=${1:?usage: run.sh path/to/anode}
cd "$(dirname "$0")/../.."
pass=0
fail=0
tmp=$(mktemp -d)
primary=""
cleanup() {
  [ -n "$primary" ] && kill "$primary" 2>/dev/null
  for p in $(worker_pids); do kill -9 "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1: $2"; }

# Pids of the workers that said they listen, in order (replacements last).
worker_pids() { sed -n 's/^Worker \([0-9]*\) listening.*/\1/p' "$tmp/primary.out" 2>/dev/null; }
listening_count() { worker_pids | wc -l; }

if ! command -v wrk > /dev/null || ! command -v curl > /dev/null; then
  not_ok "wrk and curl are installed" "missing (make deps installs them)"
  echo "cluster: $pass passed, $((fail)) failed"
  exit 1
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PORT=$port "$ANODE" apps/http-cluster > "$tmp/primary.out" 2> "$tmp/primary.err" &
primary=$!

# 1. Every worker listens; the primary said how many it forks.
n=""
for _ in $(seq 1 200); do
  n=$(sed -n 's/^Primary [0-9]* forking \([0-9]*\) workers$/\1/p' "$tmp/primary.out")
  [ -n "$n" ] && [ "$(listening_count)" -ge "$n" ] && break
  sleep 0.05
done
name="apps/http-cluster: the primary forks one worker per core and each listens"
if [ -n "$n" ] && [ "$n" -ge 1 ] && [ "$(listening_count)" -eq "$n" ]; then ok "$name"
else not_ok "$name" "stdout: $(head -c 300 "$tmp/primary.out") stderr: $(head -c 300 "$tmp/primary.err")"; fi
originals=$(worker_pids)
victim=$(echo "$originals" | head -1)

name="apps/http-cluster answers Hello World (text/plain)"
got=$(curl -s -D "$tmp/head" --max-time 2 "http://127.0.0.1:$port/")
if [ "$got" = "Hello World" ] && grep -qi '^content-type: text/plain' "$tmp/head"; then ok "$name"
else not_ok "$name" "got '$got'"; fi

# 2. Load, and a worker killed in the middle of it.
conns=32
wrk -t1 -c$conns -d4s --timeout 2s "http://127.0.0.1:$port/" > "$tmp/wrk.txt" 2>&1 &
wrk_pid=$!
sleep 1.5
kill -9 "$victim"
answered_during=$(curl -s --max-time 2 "http://127.0.0.1:$port/")
wait $wrk_pid

name="the server keeps answering while a worker dies"
[ "$answered_during" = "Hello World" ] && ok "$name" || not_ok "$name" "curl got '$answered_during'"

requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$tmp/wrk.txt")
read -r e_connect e_read e_write e_timeout < <(sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' "$tmp/wrk.txt")
non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p' "$tmp/wrk.txt")
e_connect=${e_connect:-0}; e_read=${e_read:-0}; e_write=${e_write:-0}; e_timeout=${e_timeout:-0}; non2xx=${non2xx:-0}
failed=$((e_read + e_write + e_timeout + non2xx))
name="wrk: $requests requests, $failed failed (bound: $conns connections with one request in flight each), $e_connect refused"
if [ -n "$requests" ] && [ "$requests" -gt 1000 ] && [ "$failed" -le "$conns" ] && [ "$e_connect" -eq 0 ]; then ok "$name"
else not_ok "$name" "$(tr '\n' ' ' < "$tmp/wrk.txt")"; fi

# 3. The primary saw the death and forked a replacement that listens.
for _ in $(seq 1 200); do
  [ "$(listening_count)" -gt "$n" ] && break
  sleep 0.05
done
replacement=$(worker_pids | tail -n +$((n + 1)) | head -1)
name="the primary logs the killed worker and forks a replacement"
if grep -q "^Worker $victim exited (SIGKILL); forking a replacement$" "$tmp/primary.out" && [ -n "$replacement" ] &&
   ! echo "$originals" | grep -qx "$replacement" && kill -0 "$replacement" 2>/dev/null && ! kill -0 "$victim" 2>/dev/null; then
  ok "$name"
else
  not_ok "$name" "stdout: $(tr '\n' ' ' < "$tmp/primary.out")"
fi

# 4. The replacement answers: with every original worker gone (each also
# replaced), only new pids are left to serve.
for p in $(echo "$originals" | tail -n +2); do kill -9 "$p"; done
for _ in $(seq 1 200); do
  [ "$(listening_count)" -ge $((2 * n)) ] && break
  sleep 0.05
done
served=0
for _ in $(seq 1 $((4 * n))); do
  [ "$(curl -s --max-time 2 "http://127.0.0.1:$port/")" = "Hello World" ] && served=$((served + 1))
done
alive_new=0
for p in $(worker_pids | tail -n +$((n + 1))); do kill -0 "$p" 2>/dev/null && alive_new=$((alive_new + 1)); done
name="the replacement workers (and only they) answer"
if [ "$served" -eq $((4 * n)) ] && [ "$alive_new" -eq "$n" ]; then ok "$name"
else not_ok "$name" "$served of $((4 * n)) answered; $alive_new of $n replacements alive"; fi

wrk -t1 -c$conns -d1s --timeout 2s "http://127.0.0.1:$port/" > "$tmp/wrk2.txt" 2>&1
name="a second load on the replacements: no errors"
if ! grep -q 'Socket errors\|Non-2xx' "$tmp/wrk2.txt" && grep -q 'requests in' "$tmp/wrk2.txt"; then ok "$name"
else not_ok "$name" "$(tr '\n' ' ' < "$tmp/wrk2.txt")"; fi

kill "$primary" 2>/dev/null
wait "$primary" 2>/dev/null
primary=""
echo "cluster: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
