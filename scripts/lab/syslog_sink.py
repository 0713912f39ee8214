#!/usr/bin/env python3
"""A tiny syslog receiver for the lab: binds a unix datagram socket (the lab
bind-mounts it over /dev/log inside a private mount namespace, so the server's
syslog(3) calls land here and the machine's /dev/log is never touched).

Writes two files:
  --raw  every datagram as received, <PRI> kept (e.g. "<30>Nov 22 02:26:34 pure-ftpd: ...")
  --out  the same messages as a traditional syslog daemon writes them to a file
         ("Nov 22 02:26:34 <host> pure-ftpd: ..."): the timestamp and tag are the
         ones the server's libc wrote; the <PRI> prefix is replaced by the host, and
         control characters are escaped as rsyslog does by default (LF -> #012).
Runs until SIGTERM/SIGINT. Prints "ready" on stdout once bound.
"""
import argparse, os, re, signal, socket, sys

ap = argparse.ArgumentParser()
ap.add_argument("--socket", required=True)
ap.add_argument("--out", required=True)
ap.add_argument("--raw", required=True)
ap.add_argument("--host", default=socket.gethostname())
a = ap.parse_args()

if os.path.exists(a.socket):
    os.unlink(a.socket)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(a.socket)
os.chmod(a.socket, 0o666)
out = open(a.out, "ab", buffering=0)
raw = open(a.raw, "ab", buffering=0)
stop = False


def handle(signum, frame):
    global stop
    stop = True
    raise KeyboardInterrupt


signal.signal(signal.SIGTERM, handle)
signal.signal(signal.SIGINT, handle)
CTRL = re.compile(rb"[\x00-\x1f]")


def to_file_line(data: bytes) -> tuple[bytes, bytes]:
    """(raw line, file line). Like rsyslog's default EscapeControlCharactersOnReceive,
    control characters inside a message (Pure-FTPd logs multi-line replies as one
    message) become #ooo (LF -> #012), so one message stays one line."""
    msg = data.rstrip(b"\0").rstrip(b"\n")
    m = PRI.match(msg)
    body = msg[m.end():] if m else msg
    body = CTRL.sub(lambda c: b"#%03o" % c.group(0)[0], body)
    # RFC 3164 from glibc: "Mmm dd hh:mm:ss tag: text" -> insert the host after the time
    if len(body) > 16 and body[15:16] == b" ":
        body = body[:15] + b" " + a.host.encode() + b" " + body[16:]
    return CTRL.sub(lambda c: b"#%03o" % c.group(0)[0], msg), body


PRI = re.compile(rb"^<(\d{1,3})>")
print("ready", flush=True)
try:
    while not stop:
        r, line = to_file_line(s.recv(65536))
        raw.write(r + b"\n")
        out.write(line + b"\n")
except KeyboardInterrupt:
    pass
finally:
    # drain what is already queued
    s.setblocking(False)
    try:
        while True:
            r, line = to_file_line(s.recv(65536))
            raw.write(r + b"\n")
            out.write(line + b"\n")
    except (BlockingIOError, OSError):
        pass
    s.close()
    os.unlink(a.socket)
