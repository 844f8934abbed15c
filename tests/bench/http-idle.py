#!/usr/bin/env python3
"""make bench: the seed's hello-world server (apps/http-hello) holding
10,000 idle keep-alive connections (each has had one request answered), and
under `wrk -c 1000 -d 10s`. Prints the server's RSS growth over the idle
connections and wrk's error counts, for anode and node in the same run.

Usage: http-idle.py ANODE NODE"""
import re
import resource
import socket
import subprocess
import sys
import time

CONNS = 10000
REQUEST = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n"


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def wait_up():
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", 3000), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("http-idle: the server did not start")


def read_response(s):
    data = b""
    while b"Hello World" not in data:
        chunk = s.recv(4096)
        if not chunk:
            raise OSError("closed before the response")
        data += chunk


def run(server):
    p = subprocess.Popen([server, "apps/http-hello"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_up()
        warm = socket.create_connection(("127.0.0.1", 3000))
        for _ in range(200):
            warm.sendall(REQUEST)
            read_response(warm)
        warm.close()
        time.sleep(0.3)
        before = rss_kb(p.pid)
        held, failed = [], 0
        for _ in range(CONNS):
            try:
                s = socket.create_connection(("127.0.0.1", 3000), timeout=10)
                s.sendall(REQUEST)
                read_response(s)
                held.append(s)
            except OSError:
                failed += 1
        time.sleep(0.5)
        after = rss_kb(p.pid)
        for s in held:
            s.close()
        time.sleep(0.3)
        out = subprocess.run(["wrk", "-t2", "-c1000", "-d10s", "http://127.0.0.1:3000/"],
                             capture_output=True, text=True).stdout
        m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        errors = sum(int(x) for x in m.groups()) if m else 0
        m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        errors += int(m.group(1)) if m else 0
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        return (after - before) / 1024, len(held), failed, errors, rps
    finally:
        p.kill()
        p.wait()


def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < CONNS + 100:
        print(f"  skipped: the fd limit ({hard}) is below {CONNS} connections")
        return
    for name, server in (("anode", sys.argv[1]), ("node", sys.argv[2])):
        growth, held, failed, errors, rps = run(server)
        print(f"  {name:5}  {held} idle connections: RSS +{growth:.1f} MB (target <= 40 MB for anode)"
              f"{f', {failed} failed' if failed else ''};  wrk -c1000 -d10s: {errors} errors"
              f" (target 0), {rps:.0f} req/s")


main()
