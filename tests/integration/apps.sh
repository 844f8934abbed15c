#!/usr/bin/env bash
# Whole-process behaviour of apps under Xvfb: the single-instance lock with
# two processes, exit codes and reports, quitting when the last window
# closes, and the UI layer staying unloaded for headless scripts.
# Usage: apps.sh path/to/anode   (run inside tests/integration/run.sh's display)
set -u
ANODE=${1:?usage: apps.sh path/to/anode}
FIX="$(cd "$(dirname "$0")/fixtures" && pwd)"
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {
  local name=$1 cond=$2
  if eval "$cond"; then pass=$((pass + 1)); echo "ok - $name";
  else fail=$((fail + 1)); echo "not ok - $name"; sed 's/^/    /' "$tmp"/*.out "$tmp"/*.err 2>/dev/null | head -20; fi
}

# Single instance: the second process forwards argv, cwd and data, then quits.
"$ANODE" "$FIX/single" one > "$tmp/first.out" 2> "$tmp/first.err" &
first=$!
for _ in $(seq 100); do grep -q 'first: ready' "$tmp/first.out" && break; sleep 0.1; done
(cd /tmp && timeout 20 "$ANODE" "$FIX/single" two --flag > "$tmp/second.out" 2> "$tmp/second.err")
second_rc=$?
timeout 20 tail --pid=$first -f /dev/null
wait $first
first_rc=$?
check "single instance: second process is refused and exits 0" \
  '[ $second_rc = 0 ] && grep -q "second: no lock" "$tmp/second.out"'
check "single instance: first gets second-instance with argv, cwd and data" \
  'grep -q "first: second-instance argv=two,--flag cwd=/tmp data={\"from\":\"two\"}" "$tmp/first.out" && [ $first_rc = 0 ]'
rm -f "$tmp"/*

# A main script that throws: file and line on stderr, exit 1, no window left.
timeout 20 "$ANODE" "$FIX/throws" > "$tmp/throws.out" 2> "$tmp/throws.err"
rc=$?
check "throwing main script exits 1 with file and line" \
  '[ $rc = 1 ] && grep -q "throws/main.js:4" "$tmp/throws.err" && grep -q "Error: main script failed" "$tmp/throws.err"'
rm -f "$tmp"/*

# Closing the last window with no window-all-closed listener quits.
timeout 20 "$ANODE" "$FIX/quit-default" > "$tmp/quit.out" 2> "$tmp/quit.err"
rc=$?
check "last window closed quits: before-quit, will-quit, quit, exit 0" \
  '[ $rc = 0 ] && [ "$(tr "\n" " " < "$tmp/quit.out")" = "loaded before-quit will-quit quit exit 0 " ]'
rm -f "$tmp"/*

# Headless scripts never load the UI layer; UI scripts do.
"$ANODE" "$FIX/lazy/headless.js" > "$tmp/headless.out" 2>&1
check "a headless script does not load GTK or WebKit" 'grep -qx "no ui" "$tmp/headless.out"'
"$ANODE" "$FIX/lazy/with-ui.js" > "$tmp/ui.out" 2>&1
check "requiring electron loads the UI layer" 'grep -qx "ui loaded" "$tmp/ui.out"'
rm -f "$tmp"/*

# apps/quick-start, Electron's tutorial app unchanged: preload, contextBridge,
# invoke, the page's CSP, and a counter main pushes through the callback
# the page handed its preload.
timeout 40 "$ANODE" "$FIX/quick-start/check.js" > "$tmp/qs.out" 2> "$tmp/qs.err"
rc=$?
check "apps/quick-start: ping -> pong, versions shown, counter updates, quits" \
  '[ $rc = 0 ] && [ "$(tr "\n" " " < "$tmp/qs.out")" = "pong versions line 1 counter " ]'
rm -f "$tmp"/*

# HiDPI through GTK's scaling: logical geometry, device pixels for the page.
GDK_SCALE=2 timeout 30 "$ANODE" "$FIX/hidpi" > "$tmp/hidpi.out" 2> "$tmp/hidpi.err"
check "GDK_SCALE=2: logical bounds, devicePixelRatio 2, capture in device pixels" \
  'grep -qx "bounds 400x300 page 400 dpr 2 capture 800" "$tmp/hidpi.out"'
rm -f "$tmp"/*

# An ES module main ("type": "module"): named imports from electron, top-level await.
timeout 30 "$ANODE" "$FIX/esm-main" > "$tmp/esm.out" 2> "$tmp/esm.err"
check "an ES module main script opens a window" 'grep -qx "title esm main true esm-main" "$tmp/esm.out"'
rm -f "$tmp"/*

# No display: a clear error, exit 1.
env -u DISPLAY -u WAYLAND_DISPLAY timeout 20 "$ANODE" "$FIX/lazy/with-ui.js" > "$tmp/nodisp.out" 2> "$tmp/nodisp.err"
rc=$?
check "no display: a clear error and exit 1" '[ $rc = 1 ] && grep -q "cannot open a display" "$tmp/nodisp.err"'

# apps/notes driven as a person would (fixtures/notes-driver.js: XTEST keys
# and clicks, dialog answers, the bus stand-ins of desk-services.py).
mkdir -p "$tmp/notes"
printf '# Groceries\n\n- **milk**\n- eggs\n' > "$tmp/notes/Groceries.md"
printf '# Ideas\n\n> Write things down.\n' > "$tmp/notes/Ideas.md"
timeout 90 "$ANODE" "$FIX/notes-driver.js" "$tmp/notes" > "$tmp/notes.out" 2> "$tmp/notes.err"
rc=$?
check "apps/notes: menus, accelerators, dialogs, context menu, tray, notification, dark mode" \
  '[ $rc = 0 ] && grep -qx "notes: exit 0 failed=0" "$tmp/notes.out" && [ "$(grep -c "^ok - notes" "$tmp/notes.out")" = 15 ]'
rm -rf "$tmp"/*

# Packaged apps (anode pack, the AppImage, bundles), in their own file.
source "$(dirname "$0")/packaged.sh"

echo "apps: $pass passed, $fail failed"
[ $fail = 0 ]
