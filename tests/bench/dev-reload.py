#!/usr/bin/env python3
"""`anode dev` latency (make bench), run under the caller's display.

Edits a copy of tests/integration/fixtures/dev-app (one window) while
`anode dev` runs it: 20 CSS edits (swapped in place), 20 HTML edits (the window reloads), 20
edits of a module main.js requires (the main script restarts in-process).
The clock is the harness's: from just before the write to the moment the
session's line for it arrives, which the session prints once the new frame
is painted (the page's requestAnimationFrame, then the task after it). The
session's own figure (from its first file event) is printed beside it.

usage: dev-reload.py ANODE [EDITS]
"""
import json, os, re, shutil, statistics, subprocess, sys, tempfile, threading, time, urllib.request

anode = os.path.abspath(sys.argv[1])
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 20
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
tmp = tempfile.mkdtemp(prefix='anode-dev-bench-')
app = os.path.join(tmp, 'app')
shutil.copytree(os.path.join(root, 'tests', 'integration', 'fixtures', 'dev-app'), app)

env = dict(os.environ, DEV_TEST_PORT=str(48000 + os.getpid() % 1000), DEV_ONE_WINDOW='1')
proc = subprocess.Popen([anode, 'dev', app], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                        env=env, text=True, bufsize=1)
lines = []
cond = threading.Condition()


def reader():
    for line in proc.stderr:
        with cond:
            lines.append((time.monotonic(), line.rstrip('\n')))
            cond.notify_all()


threading.Thread(target=reader, daemon=True).start()


def wait(since, needle, timeout=30):
    deadline = time.monotonic() + timeout
    with cond:
        while True:
            for t, line in lines[since:]:
                if needle in line:
                    return t, line
            left = deadline - time.monotonic()
            if left <= 0:
                return None, None
            cond.wait(left)


def write(path, text):
    with open(path, 'w') as f:
        f.write(text)


def measure(kind, needle, edit):
    external, own = [], []
    for i in range(edits):
        with cond:
            mark = len(lines)
        time.sleep(0.4)  # let the previous reload settle
        t0 = time.monotonic()
        edit(i)
        t, line = wait(mark, needle)
        if t is None:
            print(f'  {kind}: no "{needle.strip()}" line after edit {i}; giving up')
            return
        external.append((t - t0) * 1000)
        m = re.search(r'([0-9.]+) ms$', line)
        if m:
            own.append(float(m.group(1)))
    def fmt(v):
        return f'min {min(v):6.1f}  median {statistics.median(v):6.1f}  max {max(v):6.1f} ms'
    print(f'  {kind:<16} {fmt(external)}   (session: median {statistics.median(own):.1f} ms)')
    return statistics.median(external)


try:
    t, _ = wait(0, '] watching', 30)
    # The page loaded and ran its script (asked through the app's server).
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            url = f'http://127.0.0.1:{env["DEV_TEST_PORT"]}/eval?code=window.loads'
            with urllib.request.urlopen(url, timeout=2) as r:
                if json.loads(r.read()).get('value') == 1:
                    break
        except OSError:
            pass
        time.sleep(0.2)
    time.sleep(1)
    html = open(os.path.join(app, 'index.html')).read()
    print(f'== anode dev: file write -> new frame painted ({edits} edits each, Xvfb, software rendering)')
    css = measure('CSS swap', '] css ', lambda i: write(os.path.join(app, 'style.css'),
                  f'body {{ background: rgb(255, 255, {i}); color: rgb({i}, 0, 0); }}\n'))
    rel = measure('renderer reload', '] reload ', lambda i: write(os.path.join(app, 'index.html'),
                  html.replace('Version one', f'Version {i}')))
    rst = measure('main restart', '] restart ', lambda i: write(os.path.join(app, 'lib', 'helper.js'),
                  f'exports.VERSION = {i};\n'))
    for name, got, target in (('CSS swap', css, 50), ('renderer reload', rel, 150), ('main restart', rst, 300)):
        if got is not None:
            print(f'  {name:<16} median {got:6.1f} ms (target <= {target})')
finally:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(tmp, ignore_errors=True)
