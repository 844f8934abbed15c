#!/usr/bin/env python3
"""Writes the GResource manifest that compiles every built-in JS module into the binary."""
import os
import sys

lib_dir, out = sys.argv[1], sys.argv[2]
files = []
for root, _dirs, names in os.walk(lib_dir):
    for name in names:
        if name.endswith('.js'):
            files.append(os.path.relpath(os.path.join(root, name), os.path.dirname(lib_dir)))
files.sort()
with open(out, 'w', encoding='utf-8') as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<gresources>\n')
    f.write('  <gresource prefix="/org/anode">\n')
    for path in files:
        f.write(f'    <file>{path}</file>\n')
    f.write('  </gresource>\n</gresources>\n')
