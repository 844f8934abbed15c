#!/usr/bin/env python3
"""Packaged start-up benchmark (make bench), run under the caller's display.

Time from spawn to the first painted frame (ANODE_TRACE_STARTUP's "first
frame" line) of apps/hello run from its folder (`anode apps/hello`) and of
the same app packed as an AppImage, alternating runs so both see the same
machine. The AppImage's very first start copies anode's shared objects to a
cache folder once; that start is reported on its own.

usage: packaged-startup.py ANODE APPIMAGE RUNS
"""
import os, statistics, subprocess, sys, tempfile, time

anode, appimage, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
hello = os.path.join(root, 'apps', 'hello')


def first_frame(cmd, env):
    """ms from spawn to the "first frame" line on stderr, or None."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                         text=True, bufsize=1)
    at = None
    for line in p.stderr:
        if 'first frame' in line:
            at = (time.monotonic() - t0) * 1000
            break
        if time.monotonic() - t0 > 30:
            break
    p.terminate()
    try:
        p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    return at


cache = tempfile.mkdtemp(prefix='anode-bench-cache-')
env = dict(os.environ, ANODE_TRACE_STARTUP='1', XDG_CACHE_HOME=cache)
cold = first_frame([appimage], env)
first_frame([anode, hello], env)  # warm the page cache for the folder too

folder, image = [], []
for _ in range(runs):
    t = first_frame([anode, hello], env)
    if t is not None:
        folder.append(t)
    t = first_frame([appimage], env)
    if t is not None:
        image.append(t)
subprocess.run(['rm', '-rf', cache])
if not folder or not image:
    print('  could not measure (no display?)')
    sys.exit(0)
fm, im = statistics.median(folder), statistics.median(image)
print('  anode apps/hello (folder)   min %7.1f ms  median %7.1f ms' % (min(folder), fm))
print('  hello AppImage              min %7.1f ms  median %7.1f ms' % (min(image), im))
print('  ratio AppImage/folder (median) %.3f   (min) %.3f   (target <= 1.05)' % (im / fm, min(image) / min(folder)))
if cold is not None:
    print('  the AppImage\'s first start ever (copies the UI module to the cache): %.1f ms' % cold)
