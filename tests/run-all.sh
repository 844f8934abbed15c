#!/usr/bin/env bash
# Runs every test level and ends with one line "N passed, N failed":
# C unit tests (meson test), CLI behaviour (tests/cli), JS tests run by anode
# itself (tests/js), and real npm packages (tests/compat).
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
ANODE="$PWD/$BUILD/anode"
export G_DEBUG=fatal-criticals
unset NODE_EXTRA_CA_CERTS
passed=0
failed=0

add() { passed=$((passed + $1)); failed=$((failed + $2)); }

section() { printf '\n=== %s ===\n' "$1"; }

section "C unit tests (meson test)"
meson test -C "$BUILD" --suite unit --print-errorlogs > "$BUILD/unit.log" 2>&1
cat "$BUILD/unit.log" | grep -E '^ *[0-9]+/[0-9]+ ' || true
ok=$(grep -E '^Ok:' "$BUILD/unit.log" | awk '{print $2}')
bad=$(grep -E '^(Fail|Timeout|Unexpected Pass):' "$BUILD/unit.log" | awk '{s += $2} END {print s + 0}')
[ -n "$ok" ] || { ok=0; bad=$((bad + 1)); echo "meson test did not run"; }
add "$ok" "$bad"

section "CLI tests (tests/cli)"
out=$(tests/cli/run.sh "$ANODE" 2>&1)
echo "$out"
add "$(echo "$out" | sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')" \
    "$(echo "$out" | sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')"

section "HTTP against curl and node (tests/http)"
out=$(tests/http/run.sh "$ANODE" 2>&1)
echo "$out"
add "$(echo "$out" | sed -n 's/^http: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')" \
    "$(echo "$out" | sed -n 's/^http: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')"

section "Cluster under load: apps/http-cluster, wrk, a worker killed (tests/cluster)"
out=$(tests/cluster/run.sh "$ANODE" 2>&1)
echo "$out"
add "$(echo "$out" | sed -n 's/^cluster: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')" \
    "$(echo "$out" | sed -n 's/^cluster: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')"

section "TLS against curl, node and openssl (tests/tls)"
out=$(tests/tls/run.sh "$ANODE" 2>&1)
echo "$out"
add "$(echo "$out" | sed -n 's/^tls: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')" \
    "$(echo "$out" | sed -n 's/^tls: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')"

section "crypto and zlib against openssl, gzip and brotli (tests/crypto)"
out=$(tests/crypto/run.sh "$ANODE" 2>&1)
echo "$out" | grep -E '^(not ok|crypto:)' || true
line=$(echo "$out" | grep -E '^crypto: [0-9]+ passed, [0-9]+ failed$')
if [ -n "$line" ]; then
  add "$(echo "$line" | awk '{print $2}')" "$(echo "$line" | awk '{print $4}')"
else
  echo "tests/crypto/run.sh produced no summary:"; echo "$out" | tail -20; add 0 1
fi

run_js_suite() {
  local name=$1; shift
  local log="$BUILD/$name.tap"
  "$ANODE" --test "$@" > "$log" 2>&1
  local rc=$?
  grep -E '^(not ok|# (tests|pass|fail|skipped|todo))' "$log" || true
  local p f
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
  if [ -z "$p" ]; then
    echo "$name: the test runner produced no summary (exit $rc); see $log"
    tail -20 "$log"
    p=0; f=$(( ${f:-0} + 1 ))
  elif [ "$rc" -ne 0 ] && [ "${f:-0}" -eq 0 ]; then
    echo "$name: runner exited $rc with no failed test"; f=1
  fi
  add "$p" "${f:-0}"
}

section "JS tests (anode --test tests/js)"
run_js_suite js tests/js

section "Windows (tests/integration, Xvfb + openbox)"
tests/integration/run.sh "$ANODE" "$BUILD"
grep -E '^(not ok|# (tests|pass|fail|skipped|todo))' "$BUILD/shell.tap" || true
p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$BUILD/shell.tap" | tail -1)
f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$BUILD/shell.tap" | tail -1)
if [ -z "$p" ]; then echo "integration: no TAP summary; see $BUILD/shell.tap"; tail -20 "$BUILD/shell.tap"; p=0; f=$(( ${f:-0} + 1 )); fi
add "$p" "${f:-0}"
grep -E '^(not ok|apps:)' "$BUILD/apps.log" || true
line=$(grep -E '^apps: [0-9]+ passed, [0-9]+ failed$' "$BUILD/apps.log")
if [ -n "$line" ]; then
  add "$(echo "$line" | awk '{print $2}')" "$(echo "$line" | awk '{print $4}')"
else
  echo "apps.sh produced no summary; see $BUILD/apps.log"; tail -20 "$BUILD/apps.log"; add 0 1
fi
grep -E '^(not ok|dev:)' "$BUILD/dev.log" || true
line=$(grep -E '^dev: [0-9]+ passed, [0-9]+ failed$' "$BUILD/dev.log")
if [ -n "$line" ]; then
  add "$(echo "$line" | awk '{print $2}')" "$(echo "$line" | awk '{print $4}')"
else
  echo "dev.py produced no summary; see $BUILD/dev.log"; tail -20 "$BUILD/dev.log"; add 0 1
fi

section "npm compatibility (tests/compat)"
# npm ci only when the lockfile changed since the last install.
lock_hash=$(sha256sum tests/compat/package-lock.json | cut -d' ' -f1)
stamp=tests/compat/node_modules/.anode-lock-hash
if [ "$(cat "$stamp" 2>/dev/null)" = "$lock_hash" ] ||
   { (cd tests/compat && npm ci --no-audit --no-fund --loglevel=error > "../../$BUILD/npm-ci.log" 2>&1) &&
     echo "$lock_hash" > "$stamp"; }; then
  run_js_suite compat tests/compat/test
else
  echo "npm ci failed:"; tail -20 "$BUILD/npm-ci.log"
  add 0 1
fi

section "Packaging (tests/packaging: asar in fs, anode asar, anode pack, the AppImage runtime)"
run_js_suite packaging tests/packaging
out=$(tests/packaging/run.sh "$ANODE" 2>&1)
echo "$out" | grep -E '^(not ok|packaging:)' || true
line=$(echo "$out" | grep -E '^packaging: [0-9]+ passed, [0-9]+ failed$')
if [ -n "$line" ]; then
  add "$(echo "$line" | awk '{print $2}')" "$(echo "$line" | awk '{print $4}')"
else
  echo "tests/packaging/run.sh produced no summary:"; echo "$out" | tail -20; add 0 1
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
