#!/usr/bin/env python3
# Drives `anode -e` on a pseudo-terminal: with stdin in raw mode, one key
# arrives without Enter; the terminal is restored afterwards.
# usage: raw-mode.py path/to/anode
import os, pty, sys, time, select
anode = sys.argv[1]
code = ("process.stdin.setRawMode(true); console.log('raw=' + process.stdin.isRaw);"
        "process.stdin.once('data', (d) => { console.log('got=' + JSON.stringify(String(d))); process.stdin.setRawMode(false); process.exit(0); });")
pid, fd = pty.fork()
if pid == 0:
    os.execv(anode, [anode, '-e', code])
out = b''
deadline = time.time() + 10
sent = False
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.1)
    if r:
        try:
            chunk = os.read(fd, 1024)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
        if b'raw=true' in out and not sent:
            os.write(fd, b'x')  # no newline: only raw mode delivers it
            sent = True
_, status = os.waitpid(pid, 0)
print(out.decode(errors='replace').replace('\r', ''))
print('status', os.waitstatus_to_exitcode(status))
