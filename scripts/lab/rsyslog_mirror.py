#!/usr/bin/env python3
"""Records fixtures/real/pure-ftpd-rsyslog: what a real rsyslogd (Debian package
rsyslog) writes to /var/log/syslog and /var/log/messages under Debian 11's default
rules when Pure-FTPd logs to it (docs/inputs.md "Mirrored syslog files").

The messages are the lab's real Pure-FTPd datagrams (`syslog.raw` of a lab run,
facility ftp: info, notice and warning go to both files, debug to syslog only),
sent to rsyslogd's imuxsock socket once for each of --days days (the day of each
timestamp replaced, nothing else), with two other programs' messages every 50
datagrams: a daemon.info one (syslog only: messages has `daemon.none`) and a
user.notice one (both files).

rsyslogd runs in the foreground on a socket in a scratch folder; the machine's
/dev/log and /var/log are not touched.

  python3 scripts/lab/rsyslog_mirror.py --raw .lab/runs/pure-ftpd/main/syslog.raw \
      --out fixtures/real/pure-ftpd-rsyslog
"""
import argparse, os, re, shutil, signal, socket, subprocess, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--raw", required=True, help="a lab run's syslog.raw (one datagram per line, <PRI> kept)")
ap.add_argument("--out", required=True)
ap.add_argument("--days", type=int, default=8)
ap.add_argument("--first-day", type=int, default=21, help="day of November of the first copy")
a = ap.parse_args()

CONF = """global(workDirectory="{dir}")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="{dir}/log" IgnoreTimestamp="off" UseSysTimeStamp="off" RateLimit.Interval="0")
$ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat
# Debian 11's /etc/rsyslog.conf, the two rules that matter here:
*.*;auth,authpriv.none		-{dir}/syslog
*.=info;*.=notice;*.=warn;\\
	auth,authpriv.none;\\
	cron,daemon.none;\\
	mail,news.none		-{dir}/messages
"""

# The sink escaped control characters as rsyslog does (#ooo); send them as the server did.
UNESCAPE = re.compile(rb"#0([0-3][0-7])")
TIME = re.compile(rb"^(<\d{1,3}>)[A-Z][a-z]{2} [ \d]\d ")

work = tempfile.mkdtemp(prefix="ftplog-rsyslog-")
with open(os.path.join(work, "rsyslog.conf"), "w") as f:
    f.write(CONF.format(dir=work))
proc = subprocess.Popen(["rsyslogd", "-n", "-f", os.path.join(work, "rsyslog.conf"), "-i", os.path.join(work, "pid")])
sock_path = os.path.join(work, "log")
for _ in range(100):
    if os.path.exists(sock_path):
        break
    time.sleep(0.05)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)

raw = [l for l in open(a.raw, "rb").read().split(b"\n") if l]
sent = 0
for day in range(a.days):
    stamp = b"Nov %2d " % (a.first_day + day)
    for i, line in enumerate(raw):
        msg = TIME.sub(lambda m: m.group(1) + stamp, UNESCAPE.sub(lambda m: bytes([int(m.group(1), 8)]), line))
        s.sendto(msg, sock_path)
        sent += 1
        if i % 50 == 0:
            t = msg[msg.index(b">") + 1 :][:15]
            # daemon.info (30): syslog only; user.notice (13): both files.
            s.sendto(b"<30>" + t + b" systemd[1]: Started Daily apt download activities.", sock_path)
            s.sendto(b"<13>" + t + b" backup: nightly snapshot %d done" % (day * 1000 + i), sock_path)
            sent += 2
    time.sleep(0.05)
time.sleep(0.5)
proc.send_signal(signal.SIGTERM)
proc.wait(timeout=10)
os.makedirs(a.out, exist_ok=True)
for name in ("syslog", "messages"):
    shutil.copyfile(os.path.join(work, name), os.path.join(a.out, name))
shutil.rmtree(work)
print(f"sent {sent} datagrams; wrote syslog and messages to {a.out}")
