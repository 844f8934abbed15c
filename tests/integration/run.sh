#!/usr/bin/env bash
# Runs the window-level tests on a virtual X display (Xvfb) with a real
# window manager (openbox, so maximize, minimize, focus and moves behave as
# on a desktop) and a private D-Bus session bus:
#   - tests/integration/shell/*.test.js through `anode --test` (TAP),
#   - tests/integration/apps.sh, whole-process cases (exit codes, the
#     single-instance lock with two processes, lazy UI loading),
#   - tests/integration/dev.py, `anode dev` sessions edited while they run.
# Usage: run.sh path/to/anode OUTDIR   (writes OUTDIR/shell.tap, OUTDIR/apps.log,
#        OUTDIR/dev.log)
set -u
ANODE=${1:?usage: run.sh path/to/anode OUTDIR}
OUT=${2:?usage: run.sh path/to/anode OUTDIR}
cd "$(dirname "$0")/../.."
# Software rendering is slow under Xvfb; these make it bearable (tests only,
# never set by the product). No accessibility bus in a headless session.
export WEBKIT_DISABLE_COMPOSITING_MODE=1 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
sandbox=$(mktemp -d)
export XDG_CONFIG_HOME=$sandbox/config XDG_DATA_HOME=$sandbox/data XDG_CACHE_HOME=$sandbox/cache
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
trap 'rm -rf "$sandbox"' EXIT
xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- bash -c '
  anode=$1 out=$2
  openbox > /dev/null 2>&1 &
  wm=$!
  # openbox sets _NET_SUPPORTING_WM_CHECK once it manages the screen.
  for _ in $(seq 50); do
    xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break
    sleep 0.1
  done
  # D-Bus stand-ins for the desktop (notifications, tray host, file manager),
  # on the Debian python3 (python3-gi).
  /usr/bin/python3 tests/integration/desk-services.py > "$out/desk-services.log" 2>&1 &
  desk=$!
  # A Secret Service (safeStorage), its login keyring unlocked.
  printf test | gnome-keyring-daemon --unlock --components=secrets > /dev/null 2>&1
  for _ in $(seq 50); do
    gdbus introspect --session --dest org.anode.TestDesk --object-path /org/anode/TestDesk > /dev/null 2>&1 && break
    sleep 0.1
  done
  timeout 1200 "$anode" --test tests/integration/shell > "$out/shell.tap" 2>&1
  timeout 600 tests/integration/apps.sh "$anode" > "$out/apps.log" 2>&1
  timeout 900 python3 tests/integration/dev.py "$anode" > "$out/dev.log" 2>&1
  kill $wm $desk 2>/dev/null
  exit 0
' run "$ANODE" "$OUT" 2> "$OUT/xvfb.log"
