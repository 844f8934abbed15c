#!/usr/bin/env python3
"""`anode dev` under test: edits the files of a running dev session (a copy of
fixtures/dev-app) and checks, through the page (executeJavaScript) and the
main process (the app's little HTTP server), that CSS is swapped without a
reload, HTML reloads the page, main-process files restart the main script in
the same process at the same window geometry with no fd growth over 20
restarts, errors show an overlay that a good save removes, and bad input
(invalid package.json, an edit storm, the app folder moved away) leaves the
session alive. Runs inside tests/integration/run.sh's display.

usage: dev.py path/to/anode   (prints "ok - ..." lines and "dev: N passed, M failed")
"""
import json, os, shutil, subprocess, sys, tempfile, threading, time, urllib.parse, urllib.request

ANODE = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    """A port nobody listens on now (a fixed one collided with other runs)."""
    import socket
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


passed = failed = 0


def check(name, cond, detail=''):
    global passed, failed
    if cond:
        passed += 1
        print(f'ok - {name}', flush=True)
    else:
        failed += 1
        print(f'not ok - {name}', flush=True)
        if detail:
            for line in str(detail).splitlines()[-25:]:
                print(f'    {line}', flush=True)


class Session:
    """A running `anode dev APPDIR`, its stderr lines collected."""

    def __init__(self, app, port, env=None):
        self.app, self.port = app, port
        e = dict(os.environ, DEV_TEST_PORT=str(port))
        e.update(env or {})
        self.proc = subprocess.Popen([ANODE, 'dev', app], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, env=e, text=True, bufsize=1)
        self.lines = []
        self.lock = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            with self.lock:
                self.lines.append(line.rstrip('\n'))
                self.lock.notify_all()

    def mark(self):
        with self.lock:
            return len(self.lines)

    def wait_line(self, since, needle, timeout=20):
        """The first stderr line after index `since` holding `needle`, or None."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                for line in self.lines[since:]:
                    if needle in line:
                        return line
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    return None
                self.lock.wait(left)

    def log(self):
        with self.lock:
            return '\n'.join(self.lines[-40:])

    def get(self, path, timeout=10):
        try:
            with urllib.request.urlopen(f'http://127.0.0.1:{self.port}{path}', timeout=timeout) as r:
                return json.loads(r.read())
        except Exception as e:  # noqa: BLE001 (the answer is what is checked)
            return {'error': repr(e)}

    def eval(self, code, window=1):
        path = '/eval' if window == 1 else '/eval2'
        return self.get(f'{path}?code=' + urllib.parse.quote(code)).get('value')

    def main(self, timeout=20):
        """/main once the app answers (after a restart it takes a moment)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r = self.get('/main', timeout=2)
            if 'error' not in r:
                return r
            time.sleep(0.1)
        return r

    def fds(self):
        # The count once it holds still: a new window's web process hands
        # over its shared memory and sockets a moment after the page loads.
        last, deadline = None, time.time() + 3
        while True:
            n = len(os.listdir(f'/proc/{self.proc.pid}/fd'))
            if n == last or time.time() > deadline:
                return n
            last = n
            time.sleep(0.25)

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def write(path, text):
    with open(path, 'w') as f:
        f.write(text)


def pixel(x, y):
    """The screen's colour at (x, y) as (r, g, b), through ImageMagick."""
    try:
        out = subprocess.run(['import', '-silent', '-window', 'root', '-crop', f'1x1+{x}+{y}', 'txt:-'],
                             capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    for word in out.split():
        if word.startswith('#') and len(word) in (7, 13):
            # 8 or 16 bits a channel, as ImageMagick's build prefers.
            n = (len(word) - 1) // 3
            return tuple(int(word[1 + i * n:3 + i * n], 16) for i in range(3))
    return None


def cli():
    r = subprocess.run([ANODE, 'dev'], capture_output=True, text=True, timeout=20)
    check('anode dev without a folder: exit 9 and the usage', r.returncode == 9 and
          'usage: anode dev APPDIR' in r.stderr, f'{r.returncode} {r.stderr}')
    r = subprocess.run([ANODE, 'dev', '/no/such/app'], capture_output=True, text=True, timeout=20)
    check('anode dev of a missing folder: exit 9 naming it', r.returncode == 9 and
          '/no/such/app is not a folder' in r.stderr, f'{r.returncode} {r.stderr}')


def main():
    cli()
    tmp = tempfile.mkdtemp(prefix='anode-dev-')
    app = os.path.join(tmp, 'app')
    shutil.copytree(os.path.join(HERE, 'fixtures', 'dev-app'), app)
    s = Session(app, free_port())
    try:
        run(s, app, tmp)
    finally:
        s.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def run(s, app, tmp):
    first = s.main(40)
    check('anode dev starts the app (main process answers, window loaded)',
          first.get('version') == 1 and first.get('url', '').endswith('/index.html'), f'{first}\n{s.log()}')
    check('the watch line names the folder', s.wait_line(0, f'watching {os.path.realpath(app)}') is not None, s.log())
    # The page must have painted and loaded its script before we poke it.
    deadline = time.monotonic() + 20
    while (s.eval('window.loads') != 1 or s.eval('window.loads', 2) != 1) and time.monotonic() < deadline:
        time.sleep(0.1)
    s.eval('window.marker = "kept"; 1', 2)

    # -- sourceURLs: scripts and stylesheets served from the app folder name
    # their files on disk (what the Web Inspector lists them as).
    root = os.path.realpath(app)
    js_text = s.eval("fetch('renderer.js').then((r) => r.text())") or ''
    css_text = s.eval("fetch('style.css').then((r) => r.text())") or ''
    html_text = s.eval("fetch('index.html').then((r) => r.text())") or ''
    head_len = s.eval("fetch('renderer.js', { method: 'HEAD' }).then((r) => +r.headers.get('content-length'))")
    check('a renderer script ends with a sourceURL naming its file on disk',
          js_text.startswith('window.loads') and js_text.endswith(f'\n//# sourceURL=file://{root}/renderer.js\n')
          and head_len == len(js_text.encode()), f'HEAD length {head_len}: {js_text[-200:]!r}')
    check('... a stylesheet with a /*# sourceURL */ comment, and HTML is served as it is',
          css_text.endswith(f'\n/*# sourceURL=file://{root}/style.css */\n') and 'sourceURL' not in html_text,
          repr(css_text[-200:]))

    # -- CSS swapped in place: page state (a counter, an input's text, the
    # scroll position) survives.
    s.eval("window.counter = 41; document.getElementById('field').value = 'typed'; scrollTo(0, 500); 1")
    m = s.mark()
    write(os.path.join(app, 'style.css'), 'body { background: rgb(255, 255, 255); color: rgb(200, 10, 20); }\n')
    line = s.wait_line(m, '] css ')
    state = s.eval("[++window.counter, getComputedStyle(document.body).color, document.getElementById('field').value,"
                   " scrollY, window.loads]")
    check('a CSS change is swapped in place: one "css" line with its time',
          line is not None and 'style.css' in line and ' ms' in line, s.log())
    check('the new CSS applies without a reload (counter, input text, scroll and load count survive)',
          state == [42, 'rgb(200, 10, 20)', 'typed', 500, 1], state)
    check('the other window, which does not use style.css, is untouched',
          s.eval('[window.marker, window.loads, getComputedStyle(document.body).color]', 2) == ['kept', 1, 'rgb(0, 0, 255)'],
          s.eval('[window.marker, window.loads]', 2))
    m = s.mark()
    write(os.path.join(app, 'other.css'), 'body { color: rgb(0, 128, 0); }\n')
    line = s.wait_line(m, '] css ')
    check("a sheet only the other window uses is swapped there alone",
          line is not None and 'other.css' in line and '1 window' in line
          and s.eval('[window.marker, getComputedStyle(document.body).color]', 2) == ['kept', 'rgb(0, 128, 0)']
          and s.eval('window.counter') == 42, s.log())

    # -- a sheet pulled in by @import two levels deep (theme.css imports
    # parts/mid.css, which imports parts/deep.css) and a sheet of a
    # same-origin iframe: swapped in place as well, the page state survives.
    probe2 = ("[window.marker, window.loads, getComputedStyle(document.getElementById('deep')).color,"
              " getComputedStyle(document.querySelector('iframe').contentDocument.body).color]")
    for n, colour in enumerate(('rgb(7, 77, 177)', 'rgb(8, 88, 188)')):
        m = s.mark()
        write(os.path.join(app, 'parts', 'deep.css'), f'#deep {{ color: {colour}; }}\n')
        line = s.wait_line(m, 'parts/deep.css')
        state = s.eval(probe2, 2)
        check(f'a sheet nested two @imports deep is swapped in place (save {n + 1}): counter and load count survive',
              line is not None and '] css ' in line and '1 window' in line and state is not None
              and state[:3] == ['kept', 1, colour], f'{state}\n{s.log()}')
    m = s.mark()
    write(os.path.join(app, 'frame.css'), 'body { color: rgb(9, 99, 199); }\n')
    line = s.wait_line(m, 'frame.css')
    state = s.eval(probe2, 2)
    check('a sheet of a same-origin iframe is swapped in place (the page and the frame are not reloaded)',
          line is not None and '] css ' in line and state == ['kept', 1, 'rgb(8, 88, 188)', 'rgb(9, 99, 199)'],
          f'{state}\n{s.log()}')

    # -- HTML change: the page reloads.
    m = s.mark()
    with open(os.path.join(app, 'index.html')) as f:
        html = f.read()
    write(os.path.join(app, 'index.html'), html.replace('Version one', 'Version two'))
    line = s.wait_line(m, '] reload ')
    time.sleep(0.2)
    state = s.eval("[document.querySelector('h1').textContent, window.counter === undefined, window.loads]")
    check('an HTML change reloads the window: one "reload" line', line is not None and 'index.html' in line, s.log())
    check('the reloaded page shows the new HTML (page state is new)', state == ['Version two', True, 1], state)
    check('... and the other window was not reloaded', s.eval('[window.marker, window.loads]', 2) == ['kept', 1],
          s.eval('[window.marker, window.loads]', 2))

    # -- renderer JS change: reload too.
    m = s.mark()
    write(os.path.join(app, 'renderer.js'), 'window.loads = (window.loads || 0) + 1;\nwindow.rendererVersion = 2;\n')
    line = s.wait_line(m, '] reload ')
    time.sleep(0.2)
    check('a renderer script change reloads the window with the new script',
          line is not None and 'renderer.js' in line and s.eval('window.rendererVersion') == 2, s.log())

    # -- a file nobody loaded: nothing happens.
    m = s.mark()
    write(os.path.join(app, 'notes.txt'), 'not loaded by anything\n')
    os.makedirs(os.path.join(app, 'scratch'), exist_ok=True)
    write(os.path.join(app, 'scratch', 'x.js'), '1\n')
    time.sleep(0.6)
    check('files no process loaded (and devIgnore globs) reload nothing',
          all(s.wait_line(m, k, timeout=0.1) is None for k in ('] css ', '] reload ', '] restart '))
          and s.eval('window.rendererVersion') == 2, s.log())

    # -- main-process change: restart in the same process, same geometry,
    # the preload's IPC works again.
    s.get('/move')
    time.sleep(0.5)
    before = s.main()
    m = s.mark()
    write(os.path.join(app, 'lib', 'helper.js'), 'exports.VERSION = 2;\n')
    line = s.wait_line(m, '] restart ')
    after = s.main()
    check('a change to a module main.js required restarts the main script: one "restart" line',
          line is not None and 'lib/helper.js' in line and 'first frame' in line, s.log())
    check('the restart is in-process: same pid, new code', after.get('pid') == s.proc.pid and after.get('version') == 2,
          after)
    check('the new windows open at the geometry of the ones they replace (two windows, one moved)',
          after.get('bounds') == before.get('bounds') == {'x': 150, 'y': 120, 'width': 700, 'height': 500}
          and after.get('bounds2') == before.get('bounds2') and after.get('windows') == 2, f'{before}\n{after}')
    deadline = time.monotonic() + 10
    v = None
    while time.monotonic() < deadline:
        v = s.eval('window.devApp && devApp.version()')
        if v == 2:
            break
        time.sleep(0.1)
    check("the new page's preload talks to the new main process", v == 2, v)

    # -- a preload change restarts too.
    m = s.mark()
    with open(os.path.join(app, 'preload.js')) as f:
        pre = f.read()
    write(os.path.join(app, 'preload.js'), pre + '\ncontextBridge.exposeInMainWorld("preloadV", 2);\n')
    line = s.wait_line(m, '] restart ')
    s.main()
    deadline = time.monotonic() + 10
    while s.eval('window.preloadV') != 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    check('a preload change restarts the main script and the page gets the new preload',
          line is not None and 'preload.js' in line and s.eval('window.preloadV') == 2, s.log())

    # -- new folders are watched.
    os.makedirs(os.path.join(app, 'lib', 'deep'))
    time.sleep(0.3)
    write(os.path.join(app, 'lib', 'deep', 'more.js'), 'module.exports = 7;\n')
    with open(os.path.join(app, 'lib', 'helper.js'), 'w') as f:
        f.write("exports.VERSION = require('./deep/more');\n")
    line = s.wait_line(m, 'lib/helper.js')
    s.main()
    m = s.mark()
    write(os.path.join(app, 'lib', 'deep', 'more.js'), 'module.exports = 8;\n')
    line = s.wait_line(m, '] restart ')
    r = s.main()
    check('a folder made during the session is watched (its module restarts main)',
          line is not None and 'lib/deep/more.js' in line and r.get('version') == 8, f'{r}\n{s.log()}')

    # -- 20 restarts: no fd growth (the server, timers, the loop, watches...).
    fds = []
    ok = True
    for i in range(21):
        m = s.mark()
        write(os.path.join(app, 'lib', 'deep', 'more.js'), f'module.exports = {100 + i};\n')
        if s.wait_line(m, '] restart ') is None or s.main().get('version') != 100 + i:
            ok = False
            break
        time.sleep(0.3)
        fds.append(s.fds())
    check('20 restarts in a row all come back', ok and len(fds) == 21, s.log())
    # A leak of even one fd per restart lifts the last sixteen counts above
    # the first five; a window's helpers settling late does not.
    check(f'no growth in open fds across 20 restarts (after each: {fds})',
          len(fds) == 21 and max(fds[5:]) <= max(fds[:5]), fds)

    # -- a syntax error in main.js: overlay in the window, message on the
    # terminal, the session lives; the fix restarts.
    with open(os.path.join(app, 'main.js')) as f:
        main_js = f.read()
    m = s.mark()
    write(os.path.join(app, 'main.js'), main_js.replace("let win, win2;", "let win, win2 = ;"))
    line = s.wait_line(m, '] error ')
    deadline = time.monotonic() + 10
    px = None
    while time.monotonic() < deadline:
        px = pixel(700, 580)
        if px is not None and px[0] < 90:
            break
        time.sleep(0.3)
    check('a syntax error in main.js: "error main.js:LINE" on the terminal, session alive',
          line is not None and 'main.js:9' in line and 'SyntaxError' in line and s.alive(), s.log())
    check('... and the error overlay covers the window (dark red where the page was white)',
          px is not None and px[0] < 90 and px[1] < 40 and px[0] > px[1], f'{s.log()}\npixel {px}')
    if os.environ.get('DEV_SHOT'):
        subprocess.run(['import', '-silent', '-window', 'root', os.environ['DEV_SHOT']])
    m = s.mark()
    write(os.path.join(app, 'main.js'), main_js)
    line = s.wait_line(m, '] restart ')
    r = s.main()
    time.sleep(1.0)
    px = pixel(700, 580)
    check('the fix restarts the main script and the overlay is gone',
          line is not None and r.get('version') == 120 and px is not None and px[0] > 200 and px[1] > 200,
          f'{px}\n{r}\n{s.log()}')

    # -- a runtime error thrown later by main (not at load).
    m = s.mark()
    write(os.path.join(app, 'main.js'), main_js.replace(
        "  setInterval(() => {}, 60000);", "  setInterval(() => {}, 60000);\n  setTimeout(() => { throw new TypeError('late failure'); }, 300);"))
    line = s.wait_line(m, '] error ')
    check('an uncaught error thrown later in main: error line with file and line, session alive',
          line is not None and 'TypeError: late failure' in line and 'main.js:' in line and s.alive(), s.log())
    m = s.mark()
    write(os.path.join(app, 'main.js'), main_js)
    check('... and the next good save recovers', s.wait_line(m, '] restart ') is not None and 'version' in s.main(), s.log())

    # -- a renderer error: overlay in the page, gone after the fix.
    m = s.mark()
    write(os.path.join(app, 'renderer.js'), 'window.loads = 1;\nundefinedFunction();\n')
    line = s.wait_line(m, 'error in window')
    time.sleep(0.3)
    shown = s.eval('window.__anodeDevOverlay.shown()')
    check('a renderer error: overlay in the page and "error in window" with the file on the terminal',
          line is not None and f'{os.path.realpath(app)}/renderer.js:2' in line and shown is True,
          f'{shown}\n{s.log()}')
    where = s.eval("[...['.where', '.stack']].map((c) => document.querySelector('anode-dev-overlay')"
                   ".shadowRoot.querySelector(c).textContent)") or ['', '']
    check('... the overlay names the file on disk (WebKit stacks ignore sourceURL: app:// URLs are mapped)',
          where[0] == f'{os.path.realpath(app)}/renderer.js:2' and f'file://{os.path.realpath(app)}/renderer.js:2' in where[1],
          where)
    m = s.mark()
    write(os.path.join(app, 'renderer.js'), 'window.loads = 1;\n')
    s.wait_line(m, '] reload ')
    time.sleep(0.3)
    check('... the fixed renderer reloads without the overlay', s.eval('window.__anodeDevOverlay.shown()') is False,
          s.log())

    # -- bad input: package.json made invalid, then fixed.
    with open(os.path.join(app, 'package.json')) as f:
        pkg = f.read()
    m = s.mark()
    write(os.path.join(app, 'package.json'), pkg.replace('"main"', '"main" ::'))
    line = s.wait_line(m, 'package.json is not')
    time.sleep(0.3)
    check('an invalid package.json: a clear message, the app keeps running',
          line is not None and s.alive() and 'version' in s.get('/main'), s.log())
    m = s.mark()
    write(os.path.join(app, 'package.json'), pkg)
    check('... fixed, it restarts the app', s.wait_line(m, '] restart ') is not None and 'version' in s.main(), s.log())

    # -- an edit storm: 1,000 writes in about a second.
    m = s.mark()
    t_end = time.monotonic() + 1.0
    for i in range(1000):
        write(os.path.join(app, 'style.css'), f'body {{ color: rgb({i % 256}, 1, 2); }}\n')
        left = t_end - time.monotonic()
        if left > 0:
            time.sleep(left / (1000 - i))
    write(os.path.join(app, 'style.css'), 'body { color: rgb(1, 2, 3); }\n')
    storm = s.wait_line(m, 'edit storm')
    deadline = time.monotonic() + 20
    while s.eval('getComputedStyle(document.body).color') != 'rgb(1, 2, 3)' and time.monotonic() < deadline:
        time.sleep(0.2)
    check('an edit storm: a clear message, the session alive, the last save applied',
          storm is not None and s.alive() and s.eval('getComputedStyle(document.body).color') == 'rgb(1, 2, 3)'
          and s.eval("document.querySelectorAll('link').length") == 1,
          f"{s.log()}\n{s.eval('[getComputedStyle(document.body).color, document.querySelectorAll(`link`).length]')}")

    # -- the app folder renamed away, then back.
    moved = os.path.join(tmp, 'moved')
    m = s.mark()
    os.rename(app, moved)
    line = s.wait_line(m, 'deleted or moved')
    check('the app folder moved away: a clear message, the app keeps running',
          line is not None and s.alive() and 'version' in s.get('/main'), s.log())
    m = s.mark()
    os.rename(moved, app)
    line = s.wait_line(m, 'is back')
    r = s.wait_line(m, '] restart ', timeout=40)
    check('... moved back, it is watched again and the app restarts', line is not None and r is not None
          and 'version' in s.main(), f'alive {s.alive()} main {s.get("/main")}\n{s.log()}')
    m = s.mark()
    write(os.path.join(app, 'style.css'), 'body { color: rgb(9, 8, 7); }\n')
    s.wait_line(m, '] css ')
    check('... and later saves work again', s.eval('getComputedStyle(document.body).color') == 'rgb(9, 8, 7)', s.log())
    s.stop()
    check('the session ends cleanly on SIGTERM', s.proc.returncode == 0, s.proc.returncode)
    time.sleep(0.5)
    reports = [l for l in s.lines if 'Sanitizer' in l or 'runtime error:' in l]
    with s.lock:
        text = '\n'.join(s.lines)
    check('no sanitizer reports (under ASan: with ANODE_FULL_TEARDOWN=1, the whole session freed)',
          not reports, text[text.find(reports[0]):][:6000] if reports else '')

    dev_url(tmp)
    tray_restart(tmp)
    menu_restart(tmp)


def tray_tooltips():
    """The tooltips of the tray items registered on the test watcher
    (tests/integration/desk-services.py), or None without one."""
    def gdbus(*args):
        r = subprocess.run(['gdbus', 'call', '--session', *args], capture_output=True, text=True, timeout=10)
        return r.stdout if r.returncode == 0 else None
    items = gdbus('--dest', 'org.kde.StatusNotifierWatcher', '--object-path', '/StatusNotifierWatcher',
                  '--method', 'org.freedesktop.DBus.Properties.Get', 'org.kde.StatusNotifierWatcher',
                  'RegisteredStatusNotifierItems')
    if items is None:
        return None
    import re
    tips = set()
    for owner, path in set(re.findall(r"'(:[0-9.]+)(/[^']*)'", items)):
        out = gdbus('--dest', owner, '--object-path', path, '--method', 'org.freedesktop.DBus.Properties.Get',
                    'org.kde.StatusNotifierItem', 'ToolTip')
        tips.update(re.findall(r'run (\d+)', out or ''))
    return tips


def tray_restart(tmp):
    """A main restart takes the old app's tray icon away: the new app's
    tray, made under the same id, is the one on the bus."""
    if tray_tooltips() is None:
        check('a restart replaces the app\'s tray icon (needs the test watcher: skipped)', True)
        return
    app = os.path.join(tmp, 'tray-app')
    os.makedirs(app)
    write(os.path.join(app, 'package.json'), '{"name": "tray-app", "version": "1.0.0", "main": "main.js"}')
    source = ("const { app, Tray, nativeImage } = require('electron');\n"
              "app.on('window-all-closed', () => {});\n"
              "app.whenReady().then(() => {\n"
              "  global.tray = new Tray(nativeImage.createEmpty());\n"
              "  global.tray.setToolTip('run RUN');\n"
              "  console.error('tray RUN made');\n"
              "  setTimeout(() => console.error('tray RUN settled'), 1000);\n"
              "});\n")
    write(os.path.join(app, 'main.js'), source.replace('RUN', '1'))
    s = Session(app, free_port())
    try:
        made = s.wait_line(0, 'tray 1 made', 40) is not None
        time.sleep(0.5)
        first = tray_tooltips()
        m = s.mark()
        write(os.path.join(app, 'main.js'), source.replace('RUN', '2'))
        made = made and s.wait_line(m, 'tray 2 made', 40) is not None
        time.sleep(0.5)
        second = tray_tooltips()
        check('a restart replaces the app\'s tray icon (the old one leaves the bus, the new one shows)',
              made and first == {'1'} and second == {'2'}, f'{first} -> {second}\n{s.log()}')
        # A windowless app's restart is done once its script ran: the line
        # comes before the new run's one-second timer, not after a wait for
        # a frame that never comes.
        settled = s.wait_line(m, 'tray 2 settled', 20)
        with s.lock:
            later = s.lines[m:]
        at = {k: next((i for i, l in enumerate(later) if k in l), None) for k in ('] restart ', 'tray 2 settled')}
        restart_line = later[at['] restart ']] if at['] restart '] is not None else ''
        check('a windowless app (a tray only) gets a restart line once its script ran, before its 1 s timer',
              settled is not None and at['] restart '] is not None and at['] restart '] < at['tray 2 settled']
              and 'no window, script ran in' in restart_line, '\n'.join(later))
    finally:
        s.stop()


MENU_APP = """const { app, BrowserWindow, Menu } = require('electron');
const http = require('http');
app.on('window-all-closed', () => {});
let win;
app.whenReady().then(() => {
  win = new BrowserWindow({ x: 80, y: 60, width: 400, height: 300 });
  win.loadURL('data:text/html,<h1>menu</h1>');
  MENU
  http.createServer((req, res) => {
    const t = Menu.__testing;
    const menu = Menu.getApplicationMenu();
    const item = menu && menu.items[0].submenu.items[0];
    const body = req.url === '/activate' ? { ok: t.activate(win, item) }
      : { shown: t.describe(win), stats: t.stats(), app: menu && menu.items.map((i) => i.label) };
    res.end(JSON.stringify(body));
  }).listen(Number(process.env.DEV_TEST_PORT), '127.0.0.1');
});
"""

MENU_SET = """Menu.setApplicationMenu(Menu.buildFromTemplate([{ label: 'LABEL', submenu: [
    { label: 'Do LABEL', accelerator: 'CommandOrControl+Shift+K', click: () => console.error('clicked LABEL') }] }]));"""


def menu_restart(tmp):
    """Menus belong to the main script's run: after a restart the window
    shows only what the new run set (or no menu bar at all), the old run's
    native menus are gone, and the new items act in the new run."""
    app = os.path.join(tmp, 'menu-app')
    os.makedirs(app)
    write(os.path.join(app, 'package.json'), '{"name": "menu-app", "version": "1.0.0", "main": "main.js"}')
    main_js = os.path.join(app, 'main.js')
    write(main_js, MENU_APP.replace('MENU', MENU_SET.replace('LABEL', 'Old')))
    s = Session(app, free_port(), env={'ANODE_TEST_HOOKS': '1'})

    def shown_when(pred):
        deadline = time.monotonic() + 20
        r = {}
        while time.monotonic() < deadline:
            r = s.get('/menu', timeout=2)
            if pred(r):
                break
            time.sleep(0.1)
        return r

    def labels(r):
        shown = r.get('shown')
        return None if shown is None else [(i.get('label'), [c.get('label') for c in i.get('submenu', [])]) for i in shown]

    try:
        r = shown_when(lambda r: r.get('shown'))
        check('menu app: the window shows the application menu it set',
              labels(r) == [('Old', ['Do Old'])], f'{r}\n{s.log()}')
        m = s.mark()
        write(main_js, MENU_APP.replace('MENU', MENU_SET.replace('LABEL', 'New')))
        line = s.wait_line(m, '] restart ')
        r = shown_when(lambda r: r.get('app') == ['New'] and r.get('shown'))
        check('after a restart the window shows the new run\'s menu only, and only its native menus live',
              line is not None and labels(r) == [('New', ['Do New'])] and r.get('stats') == {'menus': 1, 'places': 1},
              f'{r}\n{s.log()}')
        m = s.mark()
        act = s.get('/activate')
        clicked = s.wait_line(m, 'clicked ', 10)
        time.sleep(0.3)
        check('... activating its item runs the new run\'s handler (not the old one), the session alive',
              act.get('ok') is True and clicked is not None and 'clicked New' in clicked
              and s.wait_line(m, 'clicked Old', 0.1) is None and s.alive(), f'{act}\n{s.log()}')
        m = s.mark()
        write(main_js, MENU_APP.replace('MENU', '// no menu this time'))
        line = s.wait_line(m, '] restart ')
        r = shown_when(lambda r: 'app' in r)
        time.sleep(0.5)
        r = s.get('/menu')
        check('a run that sets no menu: after the restart the window has no menu bar and no native menu lives',
              line is not None and r.get('app') is None and r.get('shown') is None
              and r.get('stats') == {'menus': 0, 'places': 0}, f'{r}\n{s.log()}')
        s.stop()
        time.sleep(0.5)
        with s.lock:
            text = '\n'.join(s.lines)
        check('menu app: the session ends cleanly, no sanitizer reports (under ASan with ANODE_FULL_TEARDOWN=1)',
              s.proc.returncode == 0 and 'Sanitizer' not in text and 'runtime error:' not in text,
              f'{s.proc.returncode}\n{text[-6000:]}')
    finally:
        s.stop()


def dev_url(tmp):
    """package.json anode.devUrl: pages come from the dev server."""
    import http.server
    site = os.path.join(tmp, 'site')
    os.makedirs(site)
    write(os.path.join(site, 'index.html'), '<!DOCTYPE html><title>from the dev server</title><h1>served</h1>')

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=site, **k)

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app = os.path.join(tmp, 'app2')
    shutil.copytree(os.path.join(HERE, 'fixtures', 'dev-app'), app)
    with open(os.path.join(app, 'package.json')) as f:
        pkg = json.load(f)
    pkg['anode']['devUrl'] = f'http://127.0.0.1:{server.server_address[1]}/'
    write(os.path.join(app, 'package.json'), json.dumps(pkg))
    s = Session(app, free_port())
    try:
        r = s.main(40)
        check('anode.devUrl: loadFile loads from the dev server',
              r.get('url') == f'http://127.0.0.1:{server.server_address[1]}/index.html', f'{r}\n{s.log()}')
        m = s.mark()
        write(os.path.join(app, 'lib', 'helper.js'), 'exports.VERSION = 5;\n')
        line = s.wait_line(m, '] restart ')
        check('... and main-process changes still restart it', line is not None and s.main().get('version') == 5,
              s.log())
    finally:
        s.stop()
        server.shutdown()


if __name__ == '__main__':
    try:
        main()
    except Exception as e:  # noqa: BLE001
        check('the dev test ran to its end', False, repr(e))
    print(f'dev: {passed} passed, {failed} failed', flush=True)
    sys.exit(1 if failed else 0)
