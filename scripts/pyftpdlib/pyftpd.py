#!/usr/bin/env python3
"""Lab launcher for pyftpdlib (Debian python3-pyftpdlib): one FTP server on 127.0.0.1.

Configures FTPHandler.max_cons, max_cons_per_ip, timeout and DTPHandler.timeout from the
arguments, adds one user, and writes pyftpdlib's own log lines (its LogFormatter, default
prefix '[L YYYY-mm-dd HH:MM:SS]') to --log-file. Runs in the foreground until SIGTERM.
"""
import argparse
import logging
import os
import signal

parser = argparse.ArgumentParser()
parser.add_argument('--port', type=int, required=True)
parser.add_argument('--root', required=True, help='home folder of the lab user')
parser.add_argument('--log-file', required=True)
parser.add_argument('--level', choices=['DEBUG', 'INFO'], default='DEBUG')
parser.add_argument('--no-prefix', action='store_true', help='log the message only, no [L time] prefix')
parser.add_argument('--max-cons', type=int, default=512)
parser.add_argument('--max-cons-per-ip', type=int, default=0)
parser.add_argument('--timeout', type=int, default=300, help='FTPHandler.timeout (idle control connection, s)')
parser.add_argument('--data-timeout', type=int, default=300, help='DTPHandler.timeout (stalled data connection, s)')
parser.add_argument('--passive-ports', default='', help='FIRST-LAST')
parser.add_argument('--user', default='ftplab')
parser.add_argument('--password', default='ftplab-pass')
args = parser.parse_args()

from pyftpdlib import log as pyftpd_log  # noqa: E402
from pyftpdlib.authorizers import DummyAuthorizer  # noqa: E402
from pyftpdlib.handlers import DTPHandler, FTPHandler  # noqa: E402
from pyftpdlib.servers import FTPServer  # noqa: E402

pyftpd_log.COLOURED = False
handler = logging.FileHandler(args.log_file)
formatter = pyftpd_log.LogFormatter()
if args.no_prefix:
    handler.setFormatter(logging.Formatter('%(message)s'))
else:
    handler.setFormatter(formatter)
logger = logging.getLogger('pyftpdlib')
logger.setLevel(getattr(logging, args.level))
logger.addHandler(handler)
logger.propagate = False

authorizer = DummyAuthorizer()
authorizer.add_user(args.user, args.password, args.root, perm='elradfmw')


class LabDTPHandler(DTPHandler):
    timeout = args.data_timeout


class LabFTPHandler(FTPHandler):
    authorizer = authorizer
    timeout = args.timeout
    dtp_handler = LabDTPHandler


if args.passive_ports:
    first, last = (int(p) for p in args.passive_ports.split('-'))
    LabFTPHandler.passive_ports = range(first, last + 1)

server = FTPServer(('127.0.0.1', args.port), LabFTPHandler)
server.max_cons = args.max_cons
server.max_cons_per_ip = args.max_cons_per_ip


# SIGTERM only sets a flag: stopping from inside the signal handler could land between a reply's
# send and its log line (respond() sends first), and the last reply would then be missing from the log.
stopping = []


def stop(signum, frame):
    stopping.append(signum)


def stop_if_asked():
    if stopping:
        server.close_all()  # empties the IO loop, so serve_forever returns


signal.signal(signal.SIGTERM, stop)
server.ioloop.call_every(0.2, stop_if_asked)
print('pyftpd.py: 127.0.0.1:%d pid %d' % (args.port, os.getpid()), flush=True)
server.serve_forever(timeout=1, handle_exit=False)
