#!/usr/bin/env python3
"""Desktop-shell start-up benchmark (make bench), run under the caller's display.

Measures, from the moment each process is spawned, the time to the first
painted frame: of apps/hello under anode (ANODE_TRACE_STARTUP reports the
page's first requestAnimationFrame pair) and of ../shared/bench/webkit-baseline
(the least a C program needs, which reports the same moment). The clock is the
harness's: the moment the line arrives, so library loading before main()
counts for both. Prints min and median of N runs, anode's phases, the time
from a second window's creation to its first frame, and the ratio.

usage: ui-startup.py ANODE BASELINE RUNS
"""
import os, statistics, subprocess, sys, time

anode, baseline, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def timed(cmd, marker, stream, env=None, count=1):
    """Spawns cmd; returns (ms to the count-th line containing marker, lines)."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE if stream == 'out' else subprocess.DEVNULL,
                         stderr=subprocess.PIPE if stream == 'err' else subprocess.DEVNULL,
                         env=env, text=True, bufsize=1)
    pipe = p.stdout if stream == 'out' else p.stderr
    lines, seen, at = [], 0, None
    deadline = t0 + 30
    for line in pipe:
        lines.append((time.monotonic() - t0) * 1000)
        lines[-1] = (lines[-1], line.rstrip())
        if marker in line:
            seen += 1
            if seen == count:
                at = (time.monotonic() - t0) * 1000
                break
        if time.monotonic() > deadline:
            break
    p.terminate()
    try:
        p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
    return at, lines


def summary(values):
    return min(values), statistics.median(values)


env = dict(os.environ, ANODE_TRACE_STARTUP='1')
hello = os.path.join(root, 'apps', 'hello')
# Warm the page cache once for each.
timed(['stdbuf', '-oL', baseline], 'first-frame-ms', 'out')
timed([anode, hello], 'first frame', 'err', env)

base, ours, phases = [], [], {}
for _ in range(runs):
    t, _ = timed(['stdbuf', '-oL', baseline], 'first-frame-ms', 'out')
    if t is not None:
        base.append(t)
    t, lines = timed([anode, hello], 'first frame', 'err', env)
    if t is not None:
        ours.append(t)
        for at, line in lines:
            if line.startswith('anode-trace'):
                name = line.split('ms', 1)[1].strip()
                phases.setdefault(name, []).append(at)

if not base or not ours:
    print('  could not measure (no display?)')
    sys.exit(0)
bmin, bmed = summary(base)
amin, amed = summary(ours)
print('  baseline (webkit-baseline.c)  min %7.1f ms  median %7.1f ms' % (bmin, bmed))
print('  anode apps/hello              min %7.1f ms  median %7.1f ms' % (amin, amed))
print('  ratio (median)  %.2f   (min) %.2f   (target <= 1.00)' % (amed / bmed, amin / bmin))
print('  anode phases (median ms from spawn):')
for name, values in phases.items():
    print('    %-22s %7.1f' % (name, statistics.median(values)))

# A second window: from its creation to its first frame.
second = []
for _ in range(max(3, runs // 2)):
    _, lines = timed([anode, os.path.join(root, 'tests', 'bench', 'apps', 'two-windows')],
                     'first frame', 'err', env, count=2)
    created = [at for at, line in lines if line.endswith('window created')]
    frames = [at for at, line in lines if line.endswith('first frame')]
    if len(created) >= 2 and len(frames) >= 2:
        second.append(frames[1] - created[1])
if second:
    smin, smed = summary(second)
    print('  second window: created -> first frame  min %.1f ms  median %.1f ms (target <= 150)' % (smin, smed))
