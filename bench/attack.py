#!/usr/bin/env python3
"""Holds attack connections open against a Countersign server, for bench/run-attack-bench.sh.

  attack.py HOST PORT MODE COUNT SECONDS [FIRST_ADDRESS]
MODE slowbody: each connection sends a submission's headers (Content-Length 4000) then one body
byte every 10 s; idle: each connection sends nothing. Connections come from COUNT/500 loopback
addresses starting at FIRST_ADDRESS (default 127.0.0.3), and any the server closes are reopened,
so the attack keeps its size for SECONDS. Prints how many were open each 5 s and how often the
server closed one.
"""
import socket, sys, time, ipaddress

host, port, mode, count, seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
first = ipaddress.ip_address(sys.argv[6] if len(sys.argv) > 6 else "127.0.0.3")
HEAD = (b"POST /api/v1/statements HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Content-Length: 4000\r\n\r\n")
conns = {}
closed = 0

def open_one(i):
    s = socket.socket()
    s.setblocking(True)
    s.settimeout(2)
    s.bind((str(first + i // 500), 0))
    s.connect((host, port))
    if mode == "slowbody":
        s.sendall(HEAD + b"x")
    s.setblocking(False)
    conns[i] = s

end = time.time() + seconds
last_trickle = last_report = time.time()
while time.time() < end:
    for i in range(count):
        if i not in conns:
            try:
                open_one(i)
            except OSError:
                pass
    now = time.time()
    for i, s in list(conns.items()):
        try:
            data = s.recv(4096)
            if data == b"":
                raise OSError("closed")
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
            s.close()
            del conns[i]
            continue
        if mode == "slowbody" and now - last_trickle >= 10:
            try:
                s.send(b"x")
            except OSError:
                pass
    if mode == "slowbody" and now - last_trickle >= 10:
        last_trickle = now
    if now - last_report >= 5:
        print(f"{mode}: {len(conns)} open, {closed} closed by the server so far", flush=True)
        last_report = now
    time.sleep(0.2)
for s in conns.values():
    s.close()
print(f"{mode}: done, {closed} closed by the server", flush=True)
