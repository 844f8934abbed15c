#!/usr/bin/env bash
# Runs the window-level tests: a virtual X display (Xvfb) with a real window
# manager (openbox, so maximize, minimize, focus and moves behave as on a
# desktop) and a private D-Bus session. Usage: run.sh path/to/anode [paths]
set -u
ANODE=${1:?usage: run.sh path/to/anode [test paths]}
shift
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] || set -- tests/integration/shell
# Software rendering is slow under Xvfb; these make it bearable. Tests only.
export WEBKIT_DISABLE_COMPOSITING_MODE=1 GSK_RENDERER=cairo
export XDG_CONFIG_HOME=$(mktemp -d) XDG_DATA_HOME=$(mktemp -d) XDG_CACHE_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"' EXIT
exec xvfb-run -a -s "-screen 0 1280x1024x24" dbus-run-session -- bash -c '
  openbox > /dev/null 2>&1 &
  wm=$!
  # openbox sets _NET_SUPPORTING_WM_CHECK once it manages the screen.
  for _ in $(seq 50); do
    xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break
    sleep 0.1
  done
  "$0" --test "$@"
  rc=$?
  kill $wm 2>/dev/null
  exit $rc
' "$ANODE" "$@"
