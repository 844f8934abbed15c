#!/usr/bin/env bash
# Packaging as whole processes (no display needed): `anode asar` against
# @electron/asar run by node (both directions, byte for byte), `anode pack`
# of every target (layout, reproducibility, Info.plist, the squashfs), the
# AppImage runtime without FUSE, packaged launches, integrity, and bad
# input, including hostile archives that must write nothing outside.
# Usage: run.sh path/to/anode   (ends with "packaging: N passed, N failed")
set -u
ANODE=$(realpath "${1:?usage: run.sh path/to/anode}")
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FIX="$ROOT/tests/packaging/fixtures"
ASAR_JS="$ROOT/tests/compat/node_modules/@electron/asar"
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/cache"

ok=1
why=""
start() { name=$1; ok=1; why=""; }
need() { # need CONDITION DESCRIPTION
  if ! eval "$1"; then ok=0; why="$why; $2"; fi
}
done_case() {
  if [ "$ok" = 1 ]; then pass=$((pass + 1)); echo "ok - $name";
  else fail=$((fail + 1)); echo "not ok - $name: ${why#; }"; sed 's/^/    /' "$tmp"/out "$tmp"/err 2>/dev/null | head -15; fi
}
# r CMD...: runs it, output in $tmp/out and $tmp/err, status in $rc.
r() { "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?; }
# A tree listing with types, modes, link targets and content hashes.
fingerprint() {
  (cd "$1" && find . -mindepth 1 | LC_ALL=C sort | while read -r f; do
    if [ -L "$f" ]; then echo "$f link $(readlink "$f")";
    elif [ -d "$f" ]; then echo "$f dir";
    else echo "$f $(stat -c %a "$f") $(sha256sum < "$f" | cut -c1-16)"; fi
  done)
}

# ---- a source tree with every kind of entry
src="$tmp/src"
mkdir -p "$src/lib/deep" "$src/bin" "$src/native"
printf '{"name":"tree","main":"main.js"}' > "$src/package.json"
printf 'console.log("tree main")' > "$src/main.js"
printf 'exports.x = 1;' > "$src/lib/util.js"
printf '[1,2,3]' > "$src/lib/deep/data.json"
printf '#!/bin/sh\necho tool\n' > "$src/bin/tool.sh"; chmod 755 "$src/bin/tool.sh"
printf 'fake addon' > "$src/native/addon.node"
: > "$src/empty.txt"
head -c 4194304 /dev/urandom > "$src/exact-block.bin"
head -c 5000017 /dev/urandom > "$src/big.bin"
ln -s lib/util.js "$src/util-link.js"
ln -s deep "$src/lib/deep-link"

have_asar_js=0
if [ -f "$ASAR_JS/package.json" ] && command -v node > /dev/null; then have_asar_js=1; fi
ejs() { node -e "const asar = require('$ASAR_JS'); $1"; }

# ---- asar: both tools, both directions
start "anode asar pack writes the archive @electron/asar writes, byte for byte"
r "$ANODE" asar pack "$src" "$tmp/anode.asar" --unpack '*.node'
need '[ $rc = 0 ]' "exit $rc"
if [ $have_asar_js = 1 ]; then
  ejs "asar.createPackageWithOptions('$src', '$tmp/ref.asar', { unpack: '*.node' })"
  need 'cmp -s "$tmp/anode.asar" "$tmp/ref.asar"' "archives differ"
  need '[ "$(fingerprint "$tmp/anode.asar.unpacked")" = "$(fingerprint "$tmp/ref.asar.unpacked")" ]' "unpacked folders differ"
else ok=0; why="tests/compat/node_modules/@electron/asar missing (make test installs it)"; fi
done_case

start "@electron/asar lists and extracts anode's archive as the source tree"
if [ $have_asar_js = 1 ]; then
  r ejs "asar.extractAll('$tmp/anode.asar', '$tmp/ejs-out'); console.log(asar.listPackage('$tmp/anode.asar').join('\n'))"
  need '[ $rc = 0 ]' "exit $rc"
  need '[ "$(fingerprint "$tmp/ejs-out")" = "$(fingerprint "$src")" ]' "extracted tree differs"
  need 'grep -qx /lib/deep-link "$tmp/out"' "list lacks /lib/deep-link"
else ok=0; why="@electron/asar missing"; fi
done_case

start "anode asar list and extract read @electron/asar's archive exactly"
if [ $have_asar_js = 1 ]; then
  "$ASAR_JS/bin/asar.js" list "$tmp/ref.asar" > "$tmp/ref-list"
  "$ASAR_JS/bin/asar.js" list -i "$tmp/ref.asar" > "$tmp/ref-list-i"
  r "$ANODE" asar list "$tmp/ref.asar"
  need 'cmp -s "$tmp/out" "$tmp/ref-list"' "list output differs"
  r "$ANODE" asar list --is-pack "$tmp/ref.asar"
  need 'cmp -s "$tmp/out" "$tmp/ref-list-i"' "list -i output differs"
  r "$ANODE" asar extract "$tmp/ref.asar" "$tmp/anode-out"
  need '[ $rc = 0 ] && [ "$(fingerprint "$tmp/anode-out")" = "$(fingerprint "$src")" ]' "extracted tree differs"
else ok=0; why="@electron/asar missing"; fi
done_case

start "anode asar extract-file and a missing entry"
(cd "$tmp" && "$ANODE" asar extract-file anode.asar lib/deep/data.json > out 2> err); rc=$?
need '[ $rc = 0 ] && [ "$(cat "$tmp/data.json")" = "[1,2,3]" ]' "extract-file failed"
r "$ANODE" asar extract-file "$tmp/anode.asar" lib/none.js
need '[ $rc = 1 ] && grep -q "lib/none.js" "$tmp/err" && grep -q ENOENT "$tmp/err"' "missing entry: $(cat "$tmp/err")"
done_case

start "anode asar: bad archives and bad commands get clear errors"
printf 'not an archive at all' > "$tmp/garbage.asar"
r "$ANODE" asar list "$tmp/garbage.asar"
need '[ $rc = 1 ] && grep -q "invalid asar archive $tmp/garbage.asar: the file does not start with an asar size pickle" "$tmp/err"' "garbage: $(cat "$tmp/err")"
r "$ANODE" asar list "$tmp/nope.asar"
need '[ $rc = 1 ] && grep -q "nope.asar" "$tmp/err"' "missing: $(cat "$tmp/err")"
head -c 100 "$tmp/anode.asar" > "$tmp/cut.asar"
r "$ANODE" asar extract "$tmp/cut.asar" "$tmp/cut-out"
need '[ $rc = 1 ] && grep -q "runs past the end of the file" "$tmp/err"' "truncated: $(cat "$tmp/err")"
r "$ANODE" asar frobnicate x
need '[ $rc = 2 ] && grep -q "unknown command" "$tmp/err"' "unknown command"
done_case

# Hostile archives: made by hand, extraction must refuse and write nothing.
hostile() { # hostile FILE JSON
  python3 - "$1" "$2" <<'PY'
import json, struct, sys
path, header = sys.argv[1], sys.argv[2].encode()
pad = (len(header) + 3) & ~3
pickle = struct.pack('<II', 4 + pad, len(header)) + header + b'\0' * (pad - len(header))
open(path, 'wb').write(struct.pack('<II', 4, len(pickle)) + pickle + b'payload!')
PY
}
start "hostile archives (.., absolute names, links out, past the end) write nothing outside"
mkdir -p "$tmp/victim" "$tmp/h-out"
hostile "$tmp/h1.asar" '{"files":{"..":{"files":{"victim":{"files":{"x":{"size":8,"offset":"0"}}}}}}}'
hostile "$tmp/h2.asar" '{"files":{"/etc/passwd":{"size":8,"offset":"0"}}}'
hostile "$tmp/h3.asar" '{"files":{"a":{"link":"../../victim"},"b":{"size":8,"offset":"0"}}}'
hostile "$tmp/h4.asar" '{"files":{"x":{"size":99999,"offset":"0"}}}'
hostile "$tmp/h5.asar" '{"files":{"a":{"link":"b"},"b":{"link":"a"}}}'
for h in h1 h2 h3 h4; do
  r "$ANODE" asar extract "$tmp/$h.asar" "$tmp/h-out/$h"
  need '[ $rc = 1 ] && grep -q "invalid asar archive $tmp/$h.asar" "$tmp/err"' "$h: exit $rc $(cat "$tmp/err")"
done
need '[ -z "$(ls -A "$tmp/victim")" ]' "something was written into victim/"
need '[ ! -e "$tmp/h-out/h1" ] || [ -z "$(find "$tmp/h-out" -type f)" ]' "files written"
r "$ANODE" -e "require('fs').readFileSync('$tmp/h5.asar/a')"
need '[ $rc = 1 ] && grep -q ELOOP "$tmp/err"' "link loop: $(cat "$tmp/err")"
# A link already in the destination is replaced, never written through.
ln -s "$tmp/victim" "$tmp/h-out/trap"
mkdir -p "$tmp/trapsrc/trap"; printf 'x' > "$tmp/trapsrc/trap/file"
"$ANODE" asar pack "$tmp/trapsrc" "$tmp/trap.asar"
r "$ANODE" asar extract "$tmp/trap.asar" "$tmp/h-out"
need '[ $rc = 0 ] && [ -z "$(ls -A "$tmp/victim")" ] && [ -f "$tmp/h-out/trap/file" ] && [ ! -L "$tmp/h-out/trap" ]' "wrote through a link"
done_case

# ---- anode pack
app="$tmp/cli-app"
cp -r "$FIX/cli-app" "$app"
before=$(fingerprint "$app")
start "anode pack writes every target, a summary, and nothing outside the output folder"
r "$ANODE" pack "$app" --target dir,appimage,app,asar --out "$tmp/dist1"
need '[ $rc = 0 ]' "exit $rc"
need 'grep -q "Packed CLI App 2.3.4 (4 files)" "$tmp/out"' "summary header"
for f in cli-app-linux-x64 cli-app-2.3.4-x86_64.AppImage "CLI App.app" app.asar app.asar.unpacked; do
  need '[ -e "$tmp/dist1/$f" ] && grep -qF "$f" "$tmp/out"' "no $f"
done
need '[ "$(fingerprint "$app")" = "$before" ]' "the app folder changed"
# (A sanitizer build's binary is several times bigger: no size bound there.)
if ! ldd "$ANODE" | grep -q libasan; then
  need '[ "$(stat -c %s "$tmp/dist1/cli-app-2.3.4-x86_64.AppImage")" -lt 3145728 ]' "AppImage over 3 MB"
fi
done_case

start "the dir target: the binary named after the app, its modules, resources, README"
d="$tmp/dist1/cli-app-linux-x64"
need '[ -x "$d/cli-app" ] && [ -f "$d/libanode-ui.so" ] && [ -f "$d/resources/app.asar" ]' "layout"
need '[ -f "$d/resources/app.asar.unpacked/native/fake.node" ]' "asarUnpack"
need 'grep -q "WebKitGTK 6.0" "$d/README" && grep -q libwebkitgtk-6.0 "$d/README"' "README does not declare WebKitGTK"
r "$ANODE" asar list "$d/resources/app.asar"
need '[ "$(tr "\n" " " < "$tmp/out")" = "/lib /lib/greet.js /main.js /native /native/fake.node /package.json " ]' "files: $(tr "\n" " " < "$tmp/out")"
need 'cmp -s "$d/resources/app.asar" "$tmp/dist1/app.asar"' "asar target differs"
need '[ "$(head -c 11 "$d/cli-app" | od -An -tx1 | tr -d " \n")" = "7f454c4602010100000000" ]' "dir binary: not a plain ELF"
done_case

start "two packs of the same input are byte-identical"
r "$ANODE" pack "$app" --target dir,appimage,app,asar --out "$tmp/dist2"
need '[ $rc = 0 ]' "exit $rc"
need 'cmp -s "$tmp/dist1/cli-app-2.3.4-x86_64.AppImage" "$tmp/dist2/cli-app-2.3.4-x86_64.AppImage"' "AppImages differ"
need '[ "$(fingerprint "$tmp/dist1")" = "$(fingerprint "$tmp/dist2")" ]' "trees differ"
need '[ "$(find "$tmp/dist1" -mindepth 1 -newermt 1980-01-02 | wc -l)" = 0 ]' "times not fixed"
done_case

start "Info.plist (read with plistlib) names the bundle and the archive's hash"
r python3 - "$tmp/dist1/CLI App.app" <<'PY'
import hashlib, plistlib, struct, sys
b = sys.argv[1]
p = plistlib.load(open(b + '/Contents/Info.plist', 'rb'))
raw = open(b + '/Contents/Resources/app.asar', 'rb').read()
n = struct.unpack('<I', raw[12:16])[0]
header_hash = hashlib.sha256(raw[16:16 + n]).hexdigest()
assert p['CFBundleExecutable'] == 'CLI App', p
assert p['CFBundleIdentifier'] == 'org.anode.tests.cli-app'
assert p['CFBundleShortVersionString'] == '2.3.4' and p['CFBundleVersion'] == '2.3.4'
assert p['CFBundlePackageType'] == 'APPL' and p['CFBundleIconFile'] == 'cli-app.icns'
assert p['ElectronAsarIntegrity']['Resources/app.asar'] == {'algorithm': 'SHA256', 'hash': header_hash}
icns = open(b + '/Contents/Resources/cli-app.icns', 'rb').read()
assert icns[:4] == b'icns' and struct.unpack('>I', icns[4:8])[0] == len(icns) and icns[8:12] == b'ic08'
print('plist ok')
PY
need '[ $rc = 0 ] && grep -q "plist ok" "$tmp/out"' "$(tail -3 "$tmp/err")"
need '[ -x "$tmp/dist1/CLI App.app/Contents/MacOS/CLI App" ] && [ "$(cat "$tmp/dist1/CLI App.app/Contents/PkgInfo")" = "APPL????" ]' "MacOS binary"
done_case

ai="$tmp/dist1/cli-app-2.3.4-x86_64.AppImage"
start "the AppImage: AI 2 magic, a squashfs at --appimage-offset that unsquashfs lists"
need '[ "$(dd if="$ai" bs=1 skip=8 count=3 2>/dev/null | od -An -tx1 | tr -d " ")" = "414902" ]' "no AI 2 magic"
r "$ai" --appimage-offset
off=$(cat "$tmp/out")
need '[ $rc = 0 ] && [ "$(dd if="$ai" bs=1 skip="$off" count=4 2>/dev/null)" = "hsqs" ]' "offset $off"
r unsquashfs -o "$off" -l "$ai"
for f in AppRun .DirIcon cli-app cli-app.desktop cli-app.png libanode-ui.so resources/app.asar resources/app.asar.unpacked/native/fake.node; do
  need 'grep -qx "squashfs-root/$f" "$tmp/out"' "unsquashfs lacks $f"
done
r unsquashfs -o "$off" -d "$tmp/unsq" "$ai"
need 'grep -q "^Categories=Development;Utility;$" "$tmp/unsq/cli-app.desktop" && grep -q "^X-Anode-Requires=WebKitGTK 6.0" "$tmp/unsq/cli-app.desktop"' "desktop file"
need '[ "$(readlink "$tmp/unsq/AppRun")" = cli-app ] && [ "$(readlink "$tmp/unsq/.DirIcon")" = cli-app.png ]' "links"
done_case

start "--appimage-extract writes the AppDir (as unsquashfs sees it)"
mkdir -p "$tmp/ex" && (cd "$tmp/ex" && "$ai" --appimage-extract > "$tmp/out" 2> "$tmp/err"); rc=$?
need '[ $rc = 0 ] && grep -qx squashfs-root/resources/app.asar "$tmp/out"' "exit $rc"
need '[ "$(fingerprint "$tmp/ex/squashfs-root")" = "$(fingerprint "$tmp/unsq")" ]' "extracted tree differs from unsquashfs'"
(cd "$tmp/ex" && rm -rf squashfs-root && "$ai" --appimage-extract '*.desktop' > /dev/null)
need '[ "$(cd "$tmp/ex/squashfs-root" && find . -type f)" = "./cli-app.desktop" ]' "pattern extract: $(cd "$tmp/ex/squashfs-root" && find .)"
done_case

expect_app() { # expect_app ARGV_JSON APPIMAGE-NAME [RESOURCES-FOLDER-NAME]
  want_argv=$1 want_appimage=$2 want_res=${3:-resources}
  need '[ $rc = 0 ]' "exit $rc: $(head -3 "$tmp/err")"
  need 'grep -qx "greet: hello from packed" "$tmp/out"' "did not run"
  need 'grep -qxF "argv: $want_argv" "$tmp/out"' "$(grep argv: "$tmp/out")"
  need 'grep -qx "in archive: true" "$tmp/out" && grep -qx "resources: $want_res" "$tmp/out"' "not from the archive"
  need 'grep -qx "native: not a real addon: unpacked" "$tmp/out"' "unpacked file"
  need 'grep -qx "APPIMAGE: $want_appimage" "$tmp/out"' "$(grep APPIMAGE "$tmp/out")"
}
start "the AppImage runs its app from the squashfs, without FUSE or extraction"
# No FUSE: no fusermount on PATH, and nothing is mounted or unpacked.
r env PATH=/nonexistent "$ai" one "two words"
expect_app '["one","two words"]' cli-app-2.3.4-x86_64.AppImage
need 'grep -qx "APPDIR set: true ARGV0 set: true OWD: $PWD" "$tmp/out"' "env: $(grep APPDIR "$tmp/out")"
need 'grep -qx "exe is a file: true APPDIR is a folder: true" "$tmp/out"' "$(grep "exe is" "$tmp/out")"
need '[ -f "$(ls -d "$XDG_CACHE_HOME"/anode/support-*/libanode-ui.so | head -1)" ]' "no cached UI module"
done_case

start "--appimage-extract-and-run, --appimage-help, --appimage-version, unknown options"
r "$ai" --appimage-extract-and-run three
expect_app '["three"]' cli-app-2.3.4-x86_64.AppImage
r "$ai" --appimage-help
need '[ $rc = 0 ] && grep -q -- "--appimage-extract-and-run" "$tmp/out"' "help"
r "$ai" --appimage-version
need '[ $rc = 0 ] && grep -q "anode AppImage runtime" "$tmp/out"' "version"
r "$ai" --appimage-mount
need '[ $rc = 2 ] && grep -q "unknown AppImage option --appimage-mount" "$tmp/err"' "unknown option"
done_case

start "the dir target's binary, anode DIR, anode Name.app and anode app.asar start the app"
r "$d/cli-app" a b
expect_app '["a","b"]' unset
need 'grep -qx "exe is a file: true APPDIR is a folder: unset" "$tmp/out"' "$(grep "exe is" "$tmp/out")"
r "$ANODE" "$d" c
expect_app '["c"]' unset
r "$ANODE" "$tmp/dist1/CLI App.app"
expect_app '[]' unset Resources
r "$tmp/dist1/CLI App.app/Contents/MacOS/CLI App" x
expect_app '["x"]' unset Resources
r "$ANODE" "$tmp/dist1/app.asar"
need 'grep -qx "greet: hello from packed" "$tmp/out" && grep -qx "in archive: true" "$tmp/out"' "app.asar: $(head -3 "$tmp/err")"
done_case

start "a modified archive refuses to start, naming what changed"
cp -r "$d" "$tmp/t1"
python3 - "$tmp/t1/resources/app.asar" <<'PY'
import sys
p = sys.argv[1]; d = bytearray(open(p, 'rb').read())
i = d.index(b'greet(') ; d[i] = ord('G'); open(p, 'wb').write(d)
PY
r "$tmp/t1/cli-app"
need '[ $rc = 1 ] && grep -q "integrity check failed for .main.js. in $tmp/t1/resources/app.asar" "$tmp/err"' "content: $(cat "$tmp/err")"
need '! grep -q "greet:" "$tmp/out"' "the app ran"
cp -r "$d" "$tmp/t2"
python3 - "$tmp/t2/resources/app.asar" <<'PY'
import sys
# One hex digit of a hash in the header: still a valid archive, another header.
p = sys.argv[1]; d = bytearray(open(p, 'rb').read())
i = d.index(b'"hash":"') + 8
d[i] = ord('0') if d[i] != ord('0') else ord('1')
open(p, 'wb').write(d)
PY
r "$tmp/t2/cli-app"
need '[ $rc = 1 ] && grep -q "has been modified: its header.s SHA-256 is" "$tmp/err"' "header: $(cat "$tmp/err")"
cp -r "$tmp/dist1/CLI App.app" "$tmp/t3.app"
cp "$tmp/t2/resources/app.asar" "$tmp/t3.app/Contents/Resources/app.asar"
r "$ANODE" "$tmp/t3.app"
need '[ $rc = 1 ] && grep -q "Info.plist expects" "$tmp/err"' "bundle: $(cat "$tmp/err")"
done_case

start "bad apps: no package.json, a missing main, a main left out by files"
mkdir -p "$tmp/bad1"
r "$ANODE" pack "$tmp/bad1" --out "$tmp/bad-out"
need '[ $rc = 1 ] && grep -q "has no package.json" "$tmp/err"' "no package.json: $(cat "$tmp/err")"
mkdir -p "$tmp/bad2" && printf '{"name":"bad2","main":"gone.js"}' > "$tmp/bad2/package.json"
r "$ANODE" pack "$tmp/bad2" --out "$tmp/bad-out"
need '[ $rc = 1 ] && grep -q "\"main\" (gone.js) is not among the files to pack" "$tmp/err"' "missing main: $(cat "$tmp/err")"
printf '{"name":"bad2","main":"gone.js"}' > "$tmp/bad2/package.json"
"$ANODE" asar pack "$tmp/bad2" "$tmp/nomain.asar"
r "$ANODE" "$tmp/nomain.asar"
need '[ $rc = 1 ] && grep -q "nomain.asar: package.json.s \"main\" (gone.js) is not in the archive" "$tmp/err"' "launch: $(cat "$tmp/err")"
printf '{"name":"bad3",' > "$tmp/bad2/package.json"
r "$ANODE" pack "$tmp/bad2" --out "$tmp/bad-out"
need '[ $rc = 1 ] && grep -q "package.json" "$tmp/err"' "bad JSON"
r "$ANODE" pack "$app" --target zip
need '[ $rc = 1 ] && grep -q "unknown target .zip." "$tmp/err"' "bad target"
need '[ ! -e "$tmp/bad-out" ] || [ -z "$(find "$tmp/bad-out" -type f)" ]' "wrote output for a bad app"
done_case

echo "packaging: $pass passed, $fail failed"
[ $fail = 0 ]
