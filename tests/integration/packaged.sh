# Packaged apps on the display: tests/integration/fixtures/packaged packed to
# every target and started every packaged way (the AppImage without FUSE,
# the packed folder's binary, anode Name.app, anode app.asar), each checking
# app.isPackaged, app.getAppPath(), that its preload ran (so the bridge was
# found) and, from a screenshot, that the window shows the page app://
# served from the archive; and apps/hello's AppImage painting its first
# frame. Sourced by apps.sh (uses its check, $ANODE, $FIX and $tmp).

pk="$tmp/packaged"
"$ANODE" pack "$FIX/packaged" --target dir,appimage,app,asar --out "$pk" --no-progress \
  > "$tmp/pack.out" 2> "$tmp/pack.err"
rc=$?
check "anode pack of the packaged fixture: every target" \
  '[ $rc = 0 ] && [ -x "$pk/packaged-fixture-1.0.0-x86_64.AppImage" ] && [ -d "$pk/Packaged Fixture.app" ]'
rm -f "$tmp"/*.out "$tmp"/*.err

shown='title from the archive css rgb(32, 160, 96) pixel 32,160,96 preload ran'
# No FUSE on this path: the AppImage reads its squashfs itself.
env PATH=/usr/local/bin:/usr/bin:/bin timeout 60 "$pk/packaged-fixture-1.0.0-x86_64.AppImage" \
  > "$tmp/ai.out" 2> "$tmp/ai.err"
check "the AppImage shows its page from the squashfs, isPackaged, getAppPath inside it" \
  'grep -qxF "packaged true app resources/app.asar url index.html $shown" "$tmp/ai.out"'
timeout 60 "$pk/packaged-fixture-linux-x64/packaged-fixture" > "$tmp/dir.out" 2> "$tmp/dir.err"
check "the packed folder's binary shows its page from resources/app.asar" \
  'grep -qxF "packaged true app resources/app.asar url index.html $shown" "$tmp/dir.out"'
timeout 60 "$ANODE" "$pk/Packaged Fixture.app" > "$tmp/app.out" 2> "$tmp/app.err"
check "anode Name.app shows the page from Contents/Resources/app.asar" \
  'grep -qxF "packaged true app Resources/app.asar url index.html $shown" "$tmp/app.out"'
timeout 60 "$ANODE" "$pk/app.asar" > "$tmp/asar.out" 2> "$tmp/asar.err"
check "anode app.asar shows the page from the archive" \
  'grep -qxF "packaged true app packaged/app.asar url index.html $shown" "$tmp/asar.out"'
timeout 60 "$ANODE" "$FIX/packaged" > "$tmp/folder.out" 2> "$tmp/folder.err"
check "the same app from its folder is not packaged" \
  'grep -qxF "packaged false app fixtures/packaged url index.html $shown" "$tmp/folder.out"'
rm -f "$tmp"/*.out "$tmp"/*.err

# The demo app packs to every target, and its AppImage paints its first frame.
"$ANODE" pack "$(dirname "$FIX")/../../apps/hello" --target dir,appimage,app,asar --out "$tmp/hello" \
  --no-progress > /dev/null 2> "$tmp/hello.err"
check "apps/hello packs to every target" \
  '[ -x "$tmp/hello/hello-linux-x64/hello" ] && [ -f "$tmp/hello/Hello anode.app/Contents/Info.plist" ] && [ -f "$tmp/hello/app.asar" ]'
ANODE_TRACE_STARTUP=1 timeout 60 "$tmp/hello/hello-1.0.0-x86_64.AppImage" > /dev/null 2> "$tmp/hello.err" &
hello=$!
for _ in $(seq 300); do grep -q "first frame" "$tmp/hello.err" && break; sleep 0.1; done
kill $hello 2>/dev/null
wait $hello 2>/dev/null
check "apps/hello as an AppImage paints its first frame" 'grep -q "first frame" "$tmp/hello.err"'
rm -rf "$tmp"/*.err "$pk" "$tmp/hello"
