#!/usr/bin/env bash
# Command-line behaviour of the anode binary: options, exit codes, stdin,
# app directories and the error reports users see. Each case runs anode in
# its own process and asserts its exit status, stdout and stderr.
set -u
ANODE=${1:?usage: run.sh path/to/anode}
cd "$(dirname "$0")/../fixtures/cli"
FIX=$PWD
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# case NAME EXPECTED_STATUS -- command...; then expect_* checks on its output.
run() {
  name=$1; want=$2; shift 3
  "$@" > "$tmp/out" 2> "$tmp/err" < "${STDIN:-/dev/null}"
  got=$?
  ok=1
  why=""
  if [ "$got" != "$want" ]; then ok=0; why="exit status $got, expected $want"; fi
}
expect_out() { grep -qF -- "$1" "$tmp/out" || { ok=0; why="$why; stdout lacks: $1"; }; }
expect_err() { grep -qF -- "$1" "$tmp/err" || { ok=0; why="$why; stderr lacks: $1"; }; }
expect_out_exact() { [ "$(cat "$tmp/out")" = "$1" ] || { ok=0; why="$why; stdout was: $(head -c 300 "$tmp/out")"; }; }
expect_err_exact() { [ "$(cat "$tmp/err")" = "$1" ] || { ok=0; why="$why; stderr was: $(head -c 300 "$tmp/err")"; }; }
expect_no_out() { ! grep -qF -- "$1" "$tmp/out" || { ok=0; why="$why; stdout has: $1"; }; }
done_case() {
  if [ "$ok" = 1 ]; then pass=$((pass + 1)); echo "ok - $name";
  else fail=$((fail + 1)); echo "not ok - $name: ${why#; }"; sed 's/^/    stderr: /' "$tmp/err" | head -15; fi
}

run "--version" 0 -- "$ANODE" --version
expect_out_exact "v$("$ANODE" -p 'process.versions.anode')"; done_case

run "--help" 0 -- "$ANODE" --help
expect_out "Usage: anode"; expect_out "--test"; done_case

run "unknown flag exits 2" 2 -- "$ANODE" --no-such-flag x.js
expect_err "anode: bad option: --no-such-flag"; done_case

run "-e evaluates" 0 -- "$ANODE" -e 'console.log(6 * 7)'
expect_out_exact "42"; done_case

run "-p prints the result" 0 -- "$ANODE" -p '({ a: 1, b: [1, 2] })'
expect_out_exact "{ a: 1, b: [ 1, 2 ] }"; done_case

run "-e passes arguments" 0 -- "$ANODE" -e 'console.log(process.argv.slice(1).join(","))' x y
expect_out_exact "x,y"; done_case

echo 'console.log("from stdin", typeof require)' > "$tmp/stdin.js"
STDIN="$tmp/stdin.js" run "script from stdin with -" 0 -- "$ANODE" -
expect_out_exact "from stdin function"; done_case

run "script arguments" 0 -- "$ANODE" argv.js a "b c"
expect_out_exact '["a","b c"] true string'; done_case

run "missing script" 1 -- "$ANODE" nope.js
expect_err_exact "anode: cannot find module '$FIX/nope.js'"; done_case

run "APPDIR runs package.json main" 0 -- "$ANODE" app-main
expect_out_exact "app main ran: 1.2.3"; done_case

run "APPDIR defaults to index.js" 0 -- "$ANODE" app-index
expect_out_exact "app index ran"; done_case

run "invalid package.json names file and position" 1 -- "$ANODE" app-badjson
expect_err "$FIX/app-badjson/package.json"; expect_err "line 3 column 22"; expect_no_out "should not run"; done_case

run "uncaught exception report" 1 -- "$ANODE" throw.js
expect_err "$FIX/throw.js:2"; expect_err "throw new Error('boom');"; expect_err "^"
expect_err "Error: boom"; expect_err "    at $FIX/throw.js:2"; done_case

run "unhandled rejection exits 1" 1 -- "$ANODE" reject.js
expect_err "Error: rejected here"; expect_err "    at main ($FIX/reject.js:2"; done_case

run "unhandled non-error rejection" 1 -- "$ANODE" reject-string.js
expect_err "ERR_UNHANDLED_REJECTION"; expect_err 'The promise rejected with the reason "plain reason".'; done_case

run "process.exitCode" 3 -- "$ANODE" exitcode.js
expect_out_exact "exit event 3"; done_case

run "process.exit() runs exit listeners and stops" 4 -- "$ANODE" exit-call.js
expect_out_exact "exit event 4"; done_case

run "syntax error in a required file" 1 -- "$ANODE" syntax-error.js
expect_err "$FIX/syntax-error-dep.js:2"; expect_err "let = = 2;"; expect_err "SyntaxError:"; done_case

run "MODULE_NOT_FOUND with require stack" 1 -- "$ANODE" missing-require.js
expect_err "Cannot find module 'no-such-package-xyz'"; expect_err "Require stack:"
expect_err "- $FIX/syntax-free-helper.js"; expect_err "- $FIX/missing-require.js"
expect_err "code: 'MODULE_NOT_FOUND'"; done_case

run "uncaughtException listener keeps running" 0 -- "$ANODE" handled.js
expect_out "caught late (uncaughtException)"; expect_out "still running"; done_case

run "signal listeners" 0 -- "$ANODE" signal.js
expect_out_exact "got SIGUSR2"; done_case

run "beforeExit can schedule more work" 0 -- "$ANODE" before-exit.js
expect_out_exact "$(printf 'round 1\nround 2\nexit')"; done_case

printf 'line one\nline two\n' > "$tmp/in.txt"
STDIN="$tmp/in.txt" run "process.stdin from a file" 0 -- "$ANODE" stdin-echo.js
expect_out_exact "read 18 chars: line one|line two"; done_case

printf 'alpha\nbeta\n' | "$ANODE" stdin-echo.js > "$tmp/out" 2> "$tmp/err"
name="process.stdin from a pipe"; ok=1; why=""; got=$?
expect_out_exact "read 11 chars: alpha|beta"; done_case

name="stdout writes strings with NULs and byte chunks as they are"; ok=1; why=""
"$ANODE" -e 'process.stdout.write("a\0b"); process.stdout.write(new Uint8Array([0xe2, 0x82, 0xac, 0xff])); process.stdout.write("6869", "hex"); process.stdout.write("\ud800")' > "$tmp/out"
[ "$(od -An -tx1 "$tmp/out" | tr -d ' \n')" = "610062e282acff6869efbfbd" ] || { ok=0; why="bytes were $(od -An -tx1 "$tmp/out")"; }
done_case

run "headless: no display needed" 0 -- env -u DISPLAY -u WAYLAND_DISPLAY "$ANODE" headless.js
expect_out_exact "headless ok undefined"; done_case

name="the core binary links no GTK or WebKit"; ok=1; why=""
if ldd "$ANODE" | grep -Eq 'libgtk|libwebkit'; then ok=0; why="ldd shows GTK/WebKit"; fi
ldd "$ANODE" | grep -q 'libjavascriptcoregtk-6.0' || { ok=0; why="$why; not linked to javascriptcoregtk-6.0"; }
done_case

# ES modules (issue 11)
run "an .mjs main runs as an ES module" 0 -- "$ANODE" esm-main.mjs a b
expect_out_exact "hello from esm-main.mjs [a,b]"; done_case

run "APPDIR with \"type\": \"module\"" 0 -- "$ANODE" app-esm
expect_out_exact "hello from an ES module app: undefined"; done_case

run "--input-type=module -e" 0 -- "$ANODE" --input-type=module -e 'import { greeting } from "./esm-dep.mjs"; console.log(await Promise.resolve(greeting), import.meta.url.endsWith("/[eval1]"))'
expect_out_exact "hello true"; done_case

echo 'import { sep } from "node:path"; console.log("stdin module", sep, typeof require)' > "$tmp/mod.mjs"
STDIN="$tmp/mod.mjs" run "--input-type=module from stdin" 0 -- "$ANODE" --input-type=module
expect_out_exact "stdin module / undefined"; done_case

run "--input-type=module with -p" 1 -- "$ANODE" --input-type=module -p 1
expect_err "ERR_EVAL_ESM_CANNOT_PRINT"; done_case

run "--input-type with a script file" 1 -- "$ANODE" --input-type=module esm-main.mjs
expect_err "ERR_INPUT_TYPE_NOT_ALLOWED"; done_case

run "import() in -e code" 0 -- "$ANODE" -e 'import("./esm-dep.mjs").then((m) => console.log(m.greeting))'
expect_out_exact "hello"; done_case

run "uncaught error in an ES module: file URL, line, source" 1 -- "$ANODE" esm-throw.mjs
expect_err "file://$FIX/esm-throw.mjs:3"; expect_err "throw new Error(\`thrown by \${greeting} module\`);"
expect_err "Error: thrown by hello module"; expect_err "at file://$FIX/esm-throw.mjs:3:"; done_case

run "missing export: SyntaxError with file and line, nothing runs" 1 -- "$ANODE" esm-missing.mjs
expect_err "file://$FIX/esm-missing.mjs:1"; expect_err "import { greeting, farewell } from './esm-dep.mjs';"
expect_err "SyntaxError: The requested module './esm-dep.mjs' does not provide an export named 'farewell'"
expect_no_out "should not run"; done_case

run "syntax error in an ES module" 1 -- "$ANODE" esm-syntax.mjs
expect_err "file://$FIX/esm-syntax.mjs:2"; expect_err "SyntaxError:"; expect_no_out "should not run"; done_case

run "unsettled top-level await exits 13" 13 -- "$ANODE" esm-unsettled.mjs
expect_out_exact "waiting forever"; done_case

run "a rejection at top level is uncaught" 1 -- "$ANODE" esm-reject.mjs
expect_err "TypeError: rejected after an await"; expect_err "esm-reject.mjs:2"; done_case

run "require() of an ES module graph with top-level await" 1 -- "$ANODE" require-tla.cjs
expect_err "ERR_REQUIRE_ASYNC_MODULE"; expect_err "require-tla.cjs"; done_case

STDIN="$FIX/binary-stdin.bin" run "stdin delivers Buffers with the bytes as they are" 0 -- "$ANODE" -e \
  "const c = []; process.stdin.on('data', (d) => c.push(d)).on('end', () => console.log(Buffer.concat(c).toString('hex'), Buffer.isBuffer(c[0])))"
expect_out_exact "fffe00616263e282 true"; done_case

run "stdin raw mode on a terminal delivers a key without Enter" 0 -- python3 "$FIX/../../cli/raw-mode.py" "$ANODE"
expect_out "raw=true"; expect_out 'got="x"'; expect_out "status 0"; done_case

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
