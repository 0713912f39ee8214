#!/usr/bin/env python3
"""Drives a pyftpdlib server started by pyftpd.py through the recorded scenarios and prints what
the client received, as JSON. One loopback source address per scenario (127.0.0.11 ...), so each
log line can be tied to its scenario by its client address.

Per scenario: `replies` (what each step returned), `received` (every reply the client read on its
control connections, in order) and `transfers` (each RETR/STOR: bytes the client moved and the
reply that ended it).

Usage: drive.py PORT
"""
import ftplib
import io
import json
import socket
import struct
import sys
import time

PORT = int(sys.argv[1])
observed = []
received = []  # every reply read in the current scenario
transfers = []  # the current scenario's RETR/STOR: {'command', 'bytes', 'reply'}


class RecordingFTP(ftplib.FTP):
    """ftplib.FTP that notes every reply it reads (getresp, abort and login all read through here)."""

    def getmultiline(self):
        line = super().getmultiline()
        received.append(line)
        return line



def reply_text(call):
    """The final reply `call` returns, or the 4xx reply ftplib raises as error_temp, as text."""
    try:
        return call()
    except ftplib.error_temp as err:
        return str(err)

def scenario(name, src, fn):
    replies = []
    received.clear()
    transfers.clear()
    try:
        fn(src, replies)
    except Exception as err:  # noqa: BLE001 - the reply is what we record
        replies.append(str(err))
    observed.append({'scenario': name, 'source': src, 'replies': replies, 'received': list(received), 'transfers': list(transfers)})


def connect(src):
    f = RecordingFTP()
    f.connect('127.0.0.1', PORT, source_address=(src, 0), timeout=30)
    return f


def login(src, replies):
    f = connect(src)
    replies.append(f.getwelcome())
    replies.append(f.login('ftplab', 'ftplab-pass'))
    return f


def login_list(src, replies):
    f = login(src, replies)
    replies.append(f.retrlines('LIST', lambda line: None))
    replies.append(f.quit())


def download(src, replies):
    f = login(src, replies)
    got = []
    reply = f.retrbinary('RETR small.bin', lambda b: got.append(len(b)))
    transfers.append({'command': 'RETR', 'bytes': sum(got), 'reply': reply})
    replies.append(reply)
    replies.append(f.quit())


def upload(src, replies):
    f = login(src, replies)
    reply = f.storbinary('STOR upload.bin', io.BytesIO(b'u' * 50000))
    transfers.append({'command': 'STOR', 'bytes': 50000, 'reply': reply})
    replies.append(reply)
    replies.append(f.delete('upload.bin'))
    replies.append(f.quit())


def login_fail(src, replies):
    f = connect(src)
    replies.append(f.getwelcome())
    try:
        f.login('ftplab', 'wrong-pass')
    finally:
        f.close()


def missing_file(src, replies):
    f = login(src, replies)
    try:
        f.retrbinary('RETR no-such-file.bin', lambda b: None)
    except ftplib.error_perm as err:
        replies.append(str(err))
    replies.append(f.quit())


def raw(src):
    s = socket.create_connection(('127.0.0.1', PORT), source_address=(src, 0), timeout=30)
    return s


def raw_reply(s):
    reply = s.recv(512).decode().strip()
    received.append(reply)
    return reply


def per_ip_limit(src, replies):
    held = [raw(src), raw(src)]
    for s in held:
        replies.append(raw_reply(s))
    extra = raw(src)
    replies.append(raw_reply(extra))
    extra.close()
    for s in held:
        s.close()
    time.sleep(2)  # the server must have seen these close before global-limit counts connections


def global_limit(src, replies):
    # max_cons 4 counts the listening socket: three clients fit, the fourth is refused.
    held = []
    for i in range(1, 4):
        s = raw('127.0.1.%d' % i)
        replies.append(raw_reply(s))
        held.append(s)
    extra = raw('127.0.1.4')
    replies.append(raw_reply(extra))
    extra.close()
    for s in held:
        s.close()
    time.sleep(2)


def abort_download(src, replies):
    f = login(src, replies)
    f.voidcmd('TYPE I')
    conn = f.transfercmd('RETR big.bin')
    got = len(conn.recv(65536))
    reply = reply_text(f.abort)
    replies.append(reply)
    transfers.append({'command': 'RETR', 'bytes': got, 'reply': reply})
    if reply.startswith('426'):
        replies.append(f.getresp())  # the ABOR's own 226 follows the transfer's 426
    conn.close()
    replies.append(f.quit())


def reset_data_download(src, replies):
    f = login(src, replies)
    f.voidcmd('TYPE I')
    conn = f.transfercmd('RETR big.bin')
    got = 0
    while got < 131072:
        got += len(conn.recv(65536))
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
    conn.close()
    reply = reply_text(f.getresp)
    replies.append(reply)
    transfers.append({'command': 'RETR', 'bytes': got, 'reply': reply})
    replies.append(f.quit())


def stalled_download(src, replies):
    f = login(src, replies)
    f.voidcmd('TYPE I')
    conn = f.transfercmd('RETR big.bin')
    got = len(conn.recv(65536))  # then stop reading: the server's DTPHandler.timeout fires
    reply = reply_text(f.getresp)
    replies.append(reply)
    transfers.append({'command': 'RETR', 'bytes': got, 'reply': reply})
    replies.append('closed' if f.sock.recv(512) == b'' else 'open')
    conn.close()
    f.close()


def idle_timeout(src, replies):
    f = login(src, replies)
    data = f.sock.recv(512)
    replies.append(data.decode().strip())
    received.append(data.decode().strip())
    replies.append('closed' if f.sock.recv(512) == b'' else 'open')
    f.close()


for name, src, fn in [
    ('login-list', '127.0.0.11', login_list),
    ('download', '127.0.0.12', download),
    ('upload', '127.0.0.13', upload),
    ('missing-file', '127.0.0.14', missing_file),
    ('login-fail', '127.0.0.15', login_fail),
    ('per-ip-limit', '127.0.0.18', per_ip_limit),
    ('global-limit', '127.0.1.1', global_limit),
    ('idle-timeout', '127.0.0.21', idle_timeout),
    ('stalled-download', '127.0.0.23', stalled_download),
    ('abort-download-ftplib', '127.0.0.25', abort_download),
    ('reset-data-download', '127.0.0.27', reset_data_download),
]:
    scenario(name, src, fn)

print(json.dumps(observed, indent=1))
