#!/bin/sh
# Run a command with a private /dev/log, without touching the machine's /dev.
# Must be started as: unshare --mount --propagation private scripts/lab/in-private-dev.sh DEVDIR cmd args...
# DEVDIR already holds the lab's syslog socket "log" (scripts/lab/syslog_sink.py); this script
# adds the few device nodes a daemon needs (bind mounts of the real ones), then binds DEVDIR
# over /dev inside this mount namespace only and execs the command (same pid).
set -eu
DEV=$1; shift
for n in null zero full random urandom tty; do
  if [ -e "/dev/$n" ]; then
    [ -e "$DEV/$n" ] || : > "$DEV/$n"
    mount --bind "/dev/$n" "$DEV/$n"
  fi
done
[ -L "$DEV/fd" ] || ln -s /proc/self/fd "$DEV/fd"
mount --rbind "$DEV" /dev
exec "$@"
