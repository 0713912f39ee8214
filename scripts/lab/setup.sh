#!/usr/bin/env bash
# Prepare the real-server lab: vsftpd, ProFTPD and Pure-FTPd unpacked side by side
# under .lab/root/<server>/ (the Debian packages conflict, so none is installed),
# their library dependencies, the clients (curl, lftp), and the lab users.
#
# Idempotent, non-interactive, safe to run in CI (root, no stdin). Re-running it
# only repairs what is missing. Nothing is started and nothing listens.
#
# Usage: sudo scripts/lab/setup.sh [--force]   (--force re-downloads the packages)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LAB="$REPO/.lab"
DEBS="$LAB/debs"
ROOTS="$LAB/root"
HOME_DIR=/srv/ftplab
LAB_USER=ftplab
LAB_PASS=ftplab-pass
# A second account whose shell is NOT in /etc/shells (Pure-FTPd -l unix refuses it).
NOSHELL_USER=ftplabns
NOSHELL_HOME=/srv/ftplabns
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

log() { printf '[lab-setup] %s\n' "$*" >&2; }

if [[ $(id -u) -ne 0 ]]; then
  echo "scripts/lab/setup.sh must run as root (it installs packages and creates users)" >&2
  exit 1
fi

# Server packages (downloaded, never installed) and what their binaries link against
# but Debian does not have on a minimal machine (checked with ldd below).
SERVER_PKGS=(vsftpd proftpd-core pure-ftpd)
RUNTIME_PKGS=(
  curl lftp iproute2 util-linux procps passwd
  libcap2 libwrap0 libpam0g libpam-modules libpam-runtime libssl3 libcrypt1 libsodium23
  libacl1 libhiredis0.14 libmemcached11 libmemcachedutil2 libpcre2-8-0 libpcre2-posix3
  libidn2-0 libncursesw6 libtinfo6 zlib1g
)

missing=()
for p in "${RUNTIME_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
need_download=0
for p in "${SERVER_PKGS[@]}"; do
  compgen -G "$DEBS/${p}_*.deb" >/dev/null || need_download=1
done
[[ $FORCE -eq 1 ]] && need_download=1

if [[ ${#missing[@]} -gt 0 || $need_download -eq 1 ]]; then
  log "apt-get update"
  apt-get update -qq </dev/null
fi
if [[ ${#missing[@]} -gt 0 ]]; then
  log "installing: ${missing[*]}"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
fi

mkdir -p "$DEBS" "$ROOTS"
if [[ $need_download -eq 1 ]]; then
  log "downloading ${SERVER_PKGS[*]}"
  rm -f "$DEBS"/*.deb
  # apt-get download writes into the current directory; _apt cannot write into
  # root-owned dirs, which only costs a warning.
  (cd "$DEBS" && apt-get download -qq "${SERVER_PKGS[@]}" </dev/null 2>&1 | grep -v 'unsandboxed' >&2 || true)
  rm -rf "${ROOTS:?}"/*
fi

declare -A ROOT_OF=([vsftpd]=vsftpd [proftpd-core]=proftpd [pure-ftpd]=pure-ftpd)
declare -A BIN_OF=([vsftpd]=usr/sbin/vsftpd [proftpd-core]=usr/sbin/proftpd [pure-ftpd]=usr/sbin/pure-ftpd)
versions_json="{"
for p in "${SERVER_PKGS[@]}"; do
  deb=$(compgen -G "$DEBS/${p}_*.deb" | head -n1)
  [[ -n "$deb" ]] || { echo "download of $p failed" >&2; exit 1; }
  dest="$ROOTS/${ROOT_OF[$p]}"
  if [[ ! -x "$dest/${BIN_OF[$p]}" ]]; then
    log "unpacking $(basename "$deb") into .lab/root/${ROOT_OF[$p]}"
    rm -rf "$dest"; mkdir -p "$dest"
    dpkg-deb -x "$deb" "$dest"
  fi
  if ldd "$dest/${BIN_OF[$p]}" | grep -q 'not found'; then
    echo "unresolved libraries for $p:" >&2
    ldd "$dest/${BIN_OF[$p]}" | grep 'not found' >&2
    exit 1
  fi
  ver=$(dpkg-deb -f "$deb" Version)
  versions_json+="\"${ROOT_OF[$p]}\":{\"package\":\"$p\",\"version\":\"$ver\",\"binary\":\".lab/root/${ROOT_OF[$p]}/${BIN_OF[$p]}\"},"
done
versions_json="${versions_json%,}}"
printf '%s\n' "$versions_json" > "$LAB/versions.json"

# Lab accounts. /bin/bash is in Debian's /etc/shells; /bin/false is not.
grep -qx '/bin/bash' /etc/shells || echo /bin/bash >> /etc/shells
if ! getent passwd "$LAB_USER" >/dev/null; then
  log "creating user $LAB_USER"
  useradd --home-dir "$HOME_DIR" --no-create-home --shell /bin/bash --user-group "$LAB_USER"
fi
[[ "$(getent passwd "$LAB_USER" | cut -d: -f6,7)" == "$HOME_DIR:/bin/bash" ]] || usermod --home "$HOME_DIR" --shell /bin/bash "$LAB_USER"
echo "$LAB_USER:$LAB_PASS" | chpasswd
if ! getent passwd "$NOSHELL_USER" >/dev/null; then
  log "creating user $NOSHELL_USER (shell /bin/false, not in /etc/shells)"
  useradd --home-dir "$NOSHELL_HOME" --no-create-home --shell /bin/false --user-group "$NOSHELL_USER"
fi
echo "$NOSHELL_USER:$LAB_PASS" | chpasswd
install -d -o "$LAB_USER" -g "$LAB_USER" -m 0755 "$HOME_DIR"
install -d -o "$NOSHELL_USER" -g "$NOSHELL_USER" -m 0755 "$NOSHELL_HOME"

# PAM services for the lab, copied from the packages' own files (so the stock
# Debian rules apply, pam_shells included for vsftpd). Named ftplab-* so the
# machine's real /etc/pam.d/vsftpd or proftpd, if any, is not touched.
install -m 0644 "$ROOTS/vsftpd/etc/pam.d/vsftpd" /etc/pam.d/ftplab-vsftpd
install -m 0644 "$ROOTS/proftpd/etc/pam.d/proftpd" /etc/pam.d/ftplab-proftpd

# Pure-FTPd (privsep build) drops to this account for the unprivileged part.
if ! getent passwd _pure-ftpd >/dev/null; then
  useradd --system --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin _pure-ftpd
fi

log "ok: $(cat "$LAB/versions.json")"
