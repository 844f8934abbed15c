#!/usr/bin/env python3
"""Writes the GResource manifest that compiles every built-in JS module into
the binary: gen-gresource.py shell/lib/a.js shell/lib/b/c.js ... OUTPUT."""
import os
import sys

*sources, out = sys.argv[1:]
shell_dir = os.path.dirname(os.path.abspath(__file__))
files = sorted(os.path.relpath(os.path.abspath(p), shell_dir) for p in sources)
with open(out, 'w', encoding='utf-8') as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<gresources>\n')
    f.write('  <gresource prefix="/org/anode">\n')
    for path in files:
        f.write(f'    <file>{path}</file>\n')
    f.write('  </gresource>\n</gresources>\n')
