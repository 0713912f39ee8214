#!/bin/sh
# Records fixtures/real/pyftpdlib/ from a real pyftpdlib (Debian python3-pyftpdlib) on
# 127.0.0.1:${PYFTPD_PORT:-22301}: three runs of the same scenarios (drive.py), logging at DEBUG,
# at INFO, and at DEBUG without pyftpdlib's '[L date time]' prefix. Usage: record.sh [OUT_DIR]
# (default fixtures/real/pyftpdlib). The lab runs it into a temporary folder and checks what ftplog
# reads in the logs against client-observed.json (test/servers/pyftpdlib.test.ts).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../../fixtures/real/pyftpdlib}
port=${PYFTPD_PORT:-22301}
python=${PYFTPD_PYTHON:-/usr/bin/python3}
work=$(mktemp -d /tmp/pyftpdlib-lab.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/srv" "$out"
head -c 100000 /dev/urandom > "$work/srv/small.bin"
head -c 64000000 /dev/zero > "$work/srv/big.bin"
run() { # name level [extra launcher args]
  name=$1; level=$2; shift 2
  rm -f "$out/$name"
  "$python" "$here/pyftpd.py" --port "$port" --root "$work/srv" --log-file "$out/$name" --level "$level" \
    --max-cons 4 --max-cons-per-ip 2 --timeout 5 --data-timeout 2 --passive-ports "$((port + 10))-$((port + 40))" "$@" \
    > "$work/$name.server" &
  pid=$!
  # pyftpd.py prints its address once it listens (no probe connection: it would be logged)
  tries=0
  until grep -qs "127.0.0.1:$port pid" "$work/$name.server"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then echo "pyftpd.py did not start on $port" >&2; kill "$pid" 2>/dev/null || true; exit 1; fi
    sleep 0.1
  done
  "$python" "$here/drive.py" "$port" > "$work/$name.json" || true
  kill "$pid"; wait "$pid" || true
}
run debug.log DEBUG
run info.log INFO
run debug-noprefix.log DEBUG --no-prefix
"$python" -c 'import json,sys; print(json.dumps({n: json.load(open(sys.argv[1] + "/" + n + ".json")) for n in ["debug.log","info.log","debug-noprefix.log"]}, indent=1))' "$work" > "$out/client-observed.json"
"$python" -c 'import pyftpdlib; print(pyftpdlib.__ver__)' > "$out/VERSION"
