#!/usr/bin/env bash
# Records fixtures/real/vsftpd-rsyslog: what a real rsyslogd (Debian package rsyslog) writes to
# syslog and messages under Debian 11's default rules when the lab's vsftpd logs to syslog
# (syslog_enable=YES, log_ftp_protocol=YES, max_per_ip=1), while curl runs five sessions against
# it and Python's ftplib opens a sixth and a seventh at once (the seventh is refused with a 421).
# Needs the lab (scripts/lab/setup.sh: the vsftpd package extracted under .lab/root, the ftplab
# user and its PAM service) and rsyslogd. Runs as root: vsftpd needs it, and its /dev/log is a
# socket in a private mount namespace (scripts/lab/in-private-dev.sh), never the machine's.
#   bash scripts/lab/rsyslog_vsftpd.sh [OUT]     # OUT defaults to fixtures/real/vsftpd-rsyslog
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-$REPO/fixtures/real/vsftpd-rsyslog}
VSFTPD=$REPO/.lab/root/vsftpd/usr/sbin/vsftpd
PORT=21219
W=$(mktemp -d /tmp/ftplog-vsftpd-rsyslog-XXXXXX)
mkdir -p "$W/dev" "$W/empty"
RSYSLOG_PID=
VSFTPD_PID=
cleanup() {
  [ -n "$VSFTPD_PID" ] && kill "$VSFTPD_PID" 2>/dev/null || true
  [ -n "$RSYSLOG_PID" ] && kill "$RSYSLOG_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$W"
}
trap cleanup EXIT

cat > "$W/rsyslog.conf" <<EOF
global(workDirectory="$W")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="$W/dev/log" RateLimit.Interval="0")
\$ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat
# Debian 11's /etc/rsyslog.conf, the two rules that matter here:
*.*;auth,authpriv.none		-$W/syslog
*.=info;*.=notice;*.=warn;\\
	auth,authpriv.none;\\
	cron,daemon.none;\\
	mail,news.none		-$W/messages
EOF
rsyslogd -n -f "$W/rsyslog.conf" -i "$W/rsyslog.pid" &
RSYSLOG_PID=$!
for _ in $(seq 100); do [ -S "$W/dev/log" ] && break; sleep 0.05; done

cat > "$W/vsftpd.conf" <<EOF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$PORT
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
pam_service_name=ftplab-vsftpd
secure_chroot_dir=$W/empty
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
pasv_enable=YES
pasv_min_port=30150
pasv_max_port=30199
xferlog_enable=YES
log_ftp_protocol=YES
syslog_enable=YES
max_per_ip=1
EOF
unshare --mount --propagation private "$REPO/scripts/lab/in-private-dev.sh" "$W/dev" "$VSFTPD" "$W/vsftpd.conf" &
VSFTPD_PID=$!
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.05; done

URL=ftp://127.0.0.1:$PORT
run() { echo "+ curl $*"; curl -sS --max-time 20 "$@" || echo "  (curl exit $?)"; }
run -u ftplab:ftplab-pass "$URL/small.bin" -o /dev/null
run -u ftplab:ftplab-pass -T /etc/hostname "$URL/rsyslog-upload.txt"
run -u ftplab:wrong-pass "$URL/small.bin" -o /dev/null
run -u ftplab:ftplab-pass "$URL/missing.bin" -o /dev/null
run -u ftplab:ftplab-pass -Q "DELE rsyslog-upload.txt" "$URL/"  -o /dev/null
# A second connection while one is logged in: max_per_ip=1 refuses it with a 421.
echo "+ python3 ftplib: a second connection from 127.0.0.1 while one is logged in"
python3 - "$PORT" <<'PY'
import ftplib, sys
port = int(sys.argv[1])
first = ftplib.FTP()
first.connect("127.0.0.1", port)
first.login("ftplab", "ftplab-pass")
second = ftplib.FTP()
try:
    second.connect("127.0.0.1", port)
    print("  second connection:", second.getwelcome())
except ftplib.all_errors as e:
    print("  second connection refused:", e)
first.quit()
PY
sleep 0.5
kill "$VSFTPD_PID"; wait "$VSFTPD_PID" 2>/dev/null || true; VSFTPD_PID=
kill "$RSYSLOG_PID"; wait "$RSYSLOG_PID" 2>/dev/null || true; RSYSLOG_PID=
mkdir -p "$OUT"
cp "$W/syslog" "$W/messages" "$OUT/"
echo "wrote $(wc -l < "$OUT/syslog") syslog and $(wc -l < "$OUT/messages") messages lines to $OUT"
