#!/usr/bin/env python3
"""make bench: runs one bench script under anode and node in turn, RUNS
times each (alternating, so a busy moment hits both alike), and prints the
median of every figure the script printed with the speed ratio against node
(>= 1.00 means anode is at least as fast).

The script's last line holds its figures: each is a number followed by
"ms" (lower is better) or "MB/s" (higher is better); for JSON lines, every
numeric value counts as milliseconds. The words before a number name it.

usage: side-by-side.py ANODE NODE SCRIPT [RUNS]"""
import json
import re
import statistics
import subprocess
import sys

anode, node, script = sys.argv[1:4]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
FIGURE = re.compile(r'([A-Za-z][\w .]*?)?:?\s*(-?\d+(?:\.\d+)?)\s*(ms|MB/s)\b')


def figures(line):
    """[(name, value, unit)] from one output line."""
    line = line.strip()
    if line.startswith('{'):
        return [(k, float(v), 'ms') for k, v in json.loads(line).items()]
    out = []
    for m in FIGURE.finditer(line):
        name = (m.group(1) or '').strip(' ,:') or ('time' if m.group(3) == 'ms' else 'rate')
        out.append((name.split(',')[-1].strip(), float(m.group(2)), m.group(3)))
    return out


def run(exe):
    p = subprocess.run([exe, script], capture_output=True, text=True, timeout=600)
    lines = [line for line in p.stdout.splitlines() if line.strip()]
    if p.returncode != 0 or not lines:
        sys.exit(f'{exe} {script}: exit {p.returncode}\n{p.stderr[-2000:]}')
    got = figures(lines[-1])
    if not got:
        sys.exit(f'{exe} {script}: no figures in {lines[-1]!r}')
    return got


samples = {'anode': [], 'node': []}
for _ in range(runs):
    samples['anode'].append(run(anode))
    samples['node'].append(run(node))

for i, (name, _, unit) in enumerate(samples['anode'][0]):
    a = statistics.median(s[i][1] for s in samples['anode'])
    n = statistics.median(s[i][1] for s in samples['node'])
    ratio = n / a if unit == 'ms' else a / n
    print(f'  {name:<12} anode {a:9.1f} {unit:<4}  node {n:9.1f} {unit:<4}  '
          f'speed ratio {ratio:.2f} (target >= 1.00; median of {runs})')
