#!/usr/bin/env python3
"""Client side of the real-server lab: run one scenario against one FTP server.

Called by the TypeScript lab (test/servers/lab/) once per scenario:

    python3 scripts/lab/ftpdriver.py --port 21211 --src 127.0.0.12 \
        --scenario idle-timeout --params '{"wait": 8}'

It prints one JSON object on stdout: what the client sent and every reply it
received (code and text, multi-line replies joined), bytes moved on the data
connection and whether the transfer completed. Clients used: curl and lftp
(real command-line clients, their verbose/debug output parsed), Python's
ftplib, and a raw socket client for things no real client does on purpose
(stop reading, reset the data connection, never connect).

Each scenario connects from its own loopback source address (127.0.0.x), so the
server logs, which all carry the client address, can be tied back to it.
"""
from __future__ import annotations

import argparse
import ftplib
import json
import os
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time

T0 = time.monotonic()


def now() -> float:
    return round(time.monotonic() - T0, 3)


def iso() -> str:
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%03dZ" % int((t % 1) * 1000)


class Session:
    """One control connection as the client saw it."""

    def __init__(self, label: str, client: str):
        self.label = label
        self.client = client
        self.commands: list[str] = []
        self.replies: list[dict] = []
        self.transcript: list[dict] = []
        self.end = "open"

    def sent(self, line: str) -> None:
        shown = "PASS ****" if line.upper().startswith("PASS ") else line
        self.commands.append(shown)
        self.transcript.append({"t": now(), "sent": shown})

    def reply(self, code: int, text: str) -> None:
        self.replies.append({"code": code, "text": text})
        self.transcript.append({"t": now(), "reply": code, "text": text})

    def note(self, what: str) -> None:
        self.transcript.append({"t": now(), "event": what})

    def to_json(self) -> dict:
        return {
            "label": self.label,
            "client": self.client,
            "commands": self.commands,
            "replies": self.replies,
            "end": self.end,
            "transcript": self.transcript,
        }


class Result:
    def __init__(self, scenario: str):
        self.scenario = scenario
        self.sessions: list[Session] = []
        self.transfers: list[dict] = []
        self.notes: list[str] = []
        self.exit_code: int | None = None
        self.started = iso()

    def session(self, label: str, client: str) -> Session:
        s = Session(label, client)
        self.sessions.append(s)
        return s

    def to_json(self, ctx: "Ctx") -> dict:
        clients = sorted({s.client for s in self.sessions})
        return {
            "scenario": self.scenario,
            "client": clients[0] if len(clients) == 1 else clients,
            "source": ctx.src,
            "startedAt": self.started,
            "endedAt": iso(),
            "commands": [c for s in self.sessions for c in s.commands],
            "replies": [r for s in self.sessions for r in s.replies],
            "transfers": self.transfers,
            "exitCode": self.exit_code,
            "notes": self.notes,
            "sessions": [s.to_json() for s in self.sessions],
        }


class Control:
    """A raw-socket control connection that records everything."""

    def __init__(self, ctx: "Ctx", sess: Session, src: str | None = None):
        self.ctx = ctx
        self.sess = sess
        self.src = src or ctx.src
        self.sock: socket.socket | None = None
        self.buf = b""
        self.closed = False

    def connect(self, timeout: float = 5.0) -> None:
        self.sock = socket.create_connection(
            (self.ctx.host, self.ctx.port), timeout=timeout, source_address=(self.src, 0)
        )
        self.sess.note("connected from %s:%d" % self.sock.getsockname())

    def _readline(self, deadline: float) -> str | None:
        assert self.sock is not None
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(4096)
            except socket.timeout:
                raise TimeoutError from None
            except ConnectionResetError:
                self.closed = True
                self.sess.note("control connection reset by server")
                self.sess.end = "server-reset"
                return None
            if not chunk:
                self.closed = True
                if self.buf:
                    # a partial line before EOF
                    line, self.buf = self.buf, b""
                    return line.decode("utf-8", "replace").rstrip("\r\n")
                self.sess.note("control connection closed by server")
                self.sess.end = "server-closed"
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode("utf-8", "replace").rstrip("\r")

    def reply(self, timeout: float = 10.0) -> dict | None:
        """Read one (possibly multi-line) reply. None on EOF; raises TimeoutError."""
        deadline = time.monotonic() + timeout
        first = self._readline(deadline)
        if first is None:
            return None
        m = re.match(r"^(\d{3})([ -])(.*)$", first)
        if not m:
            self.sess.note("unparsable line: %r" % first)
            return {"code": 0, "text": first}
        code, sep, text = m.group(1), m.group(2), m.group(3)
        lines = [text]
        while sep == "-":
            nxt = self._readline(deadline)
            if nxt is None:
                break
            m2 = re.match(r"^(\d{3})([ -])(.*)$", nxt)
            if m2 and m2.group(1) == code and m2.group(2) == " ":
                lines.append(m2.group(3))
                break
            lines.append(nxt[4:] if m2 and m2.group(1) == code else nxt)
        joined = "\n".join(lines)
        self.sess.reply(int(code), joined)
        return {"code": int(code), "text": joined}

    def send(self, line: str, oob: bytes | None = None, prefix: bytes = b"") -> bool:
        assert self.sock is not None
        self.sess.sent(line)
        try:
            if oob:
                self.sock.send(oob, socket.MSG_OOB)
            self.sock.sendall(prefix + line.encode() + b"\r\n")
            return True
        except (BrokenPipeError, ConnectionResetError):
            self.sess.note("send failed: connection gone")
            self.closed = True
            return False

    def cmd(self, line: str, timeout: float = 10.0) -> dict | None:
        if not self.send(line):
            return None
        return self.reply(timeout)

    def wait_reply_or_close(self, seconds: float) -> dict | None:
        """Wait for an unsolicited reply (e.g. a 421) or the server closing."""
        try:
            return self.reply(seconds)
        except TimeoutError:
            self.sess.note("no reply within %.1fs" % seconds)
            return None

    def drain(self, seconds: float) -> list[dict]:
        out = []
        deadline = time.monotonic() + seconds
        while not self.closed:
            try:
                r = self.reply(max(0.05, deadline - time.monotonic()))
            except TimeoutError:
                break
            if r is None:
                break
            out.append(r)
        return out

    def until(self, final: set[int], seconds: float) -> dict | None:
        """Read replies one by one until one with a code in `final`, EOF, or `seconds` pass."""
        deadline = time.monotonic() + seconds
        while not self.closed:
            try:
                r = self.reply(max(0.05, deadline - time.monotonic()))
            except TimeoutError:
                self.sess.note("no final reply within %.1fs" % seconds)
                return None
            if r is None or r["code"] in final:
                return r
        return None

    def login(self, user: str | None = None, password: str | None = None) -> bool:
        r = self.reply()
        if r is None or r["code"] != 220:
            return False
        r = self.cmd("USER " + (user or self.ctx.user))
        if r is None:
            return False
        if r["code"] == 331:
            r = self.cmd("PASS " + (password or self.ctx.password))
        return r is not None and r["code"] == 230

    def quit(self) -> None:
        if self.closed or self.sock is None:
            return
        try:
            if self.cmd("QUIT", timeout=3) is not None:
                self.sess.end = "client-quit"
        except (TimeoutError, OSError):
            pass

    def close(self) -> None:
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        if self.sess.end == "open":
            self.sess.end = "client-closed"

    def pasv(self) -> tuple[str, int] | None:
        r = self.cmd("PASV")
        if r is None or r["code"] != 227:
            return None
        m = re.search(r"(\d+),(\d+),(\d+),(\d+),(\d+),(\d+)", r["text"])
        if not m:
            return None
        n = [int(x) for x in m.groups()]
        return "%d.%d.%d.%d" % tuple(n[:4]), n[4] * 256 + n[5]


class Ctx:
    def __init__(self, a: argparse.Namespace):
        self.host = a.host
        self.port = a.port
        self.src = a.src
        self.user = a.user
        self.password = a.password
        self.params = json.loads(a.params) if a.params else {}
        self.workdir = a.workdir or tempfile.mkdtemp(prefix="ftplab-")

    def p(self, key: str, default=None):
        return self.params.get(key, default)


def data_connect(ctx: Ctx, addr: tuple[str, int], rcvbuf: int | None = None, src: str | None = None) -> socket.socket:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind((src or ctx.src, 0))
    s.settimeout(5)
    s.connect(addr)
    return s


def site_idle(ctl: Control, ctx: Ctx) -> None:
    # Pure-FTPd only: SITE IDLE <seconds> shortens this session's idle time below
    # the server's 1-minute minimum for -I (see docs/real-servers.md).
    if ctx.p("siteIdle"):
        ctl.cmd("SITE IDLE %d" % ctx.p("siteIdle"))


# ----------------------------------------------------------------------------
# curl and lftp

class ReplyJoiner:
    """Joins the lines of a multi-line reply (NNN- ... NNN ) printed one by one by a client."""

    def __init__(self, sess: Session):
        self.sess = sess
        self.code: int | None = None
        self.lines: list[str] = []

    def line(self, code: int, sep: str, text: str) -> None:
        if self.code is None:
            if sep == "-":
                self.code, self.lines = code, [text]
            else:
                self.sess.reply(code, text)
        elif code == self.code and sep == " ":
            self.sess.reply(code, "\n".join(self.lines + [text]))
            self.code, self.lines = None, []
        else:
            self.lines.append(text)

    def flush(self) -> None:
        if self.code is not None:
            self.sess.reply(self.code, "\n".join(self.lines))
            self.code, self.lines = None, []


def parse_curl_verbose(text: str, sess: Session) -> None:
    joiner = ReplyJoiner(sess)
    for line in text.splitlines():
        if line.startswith("> "):
            sess.sent(line[2:])
        elif line.startswith("< "):
            m = re.match(r"^< (\d{3})([ -])(.*)$", line)
            if m:
                joiner.line(int(m.group(1)), m.group(2), m.group(3))
            else:
                joiner.line(joiner.code or 0, "", line[2:])
        elif line.startswith("* "):
            sess.note("curl: " + line[2:])
    joiner.flush()


def curl_version() -> str:
    return subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout.split("\n")[0]


def run_curl(ctx: Ctx, res: Result, label: str, args: list[str], kill_after: float | None = None, out: str | None = None) -> tuple[int, str]:
    sess = res.session(label, "curl")
    cmd = ["curl", "-sS", "-v", "--interface", ctx.src, "--connect-timeout", "15", "--max-time", "30"] + args
    shown = [("%s:****" % ctx.user) if a.startswith(ctx.user + ":") else a for a in cmd]
    res.notes.append("command: " + " ".join(shown))
    errf = tempfile.NamedTemporaryFile(prefix="curl-", suffix=".err", dir=ctx.workdir, delete=False)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errf)
    if kill_after is not None:
        # wait until the transfer has started (150 in curl's verbose output), then SIGKILL
        deadline = time.monotonic() + 10
        started_at = None
        while time.monotonic() < deadline and proc.poll() is None:
            with open(errf.name, "r", errors="replace") as fh:
                if started_at is None and re.search(r"^< 150 ", fh.read(), re.M):
                    started_at = time.monotonic()
            if started_at is not None and time.monotonic() - started_at >= kill_after:
                break
            time.sleep(0.05)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            sess.note("client killed with SIGKILL")
            sess.end = "client-killed"
    rc = proc.wait()
    errf.close()
    with open(errf.name, "r", errors="replace") as fh:
        text = fh.read()
    parse_curl_verbose(text, sess)
    if sess.end == "open":
        sess.end = "client-exit"
    res.exit_code = rc
    sess.note("curl exit code %d" % rc)
    return rc, text


def run_lftp(ctx: Ctx, res: Result, label: str, script: str) -> tuple[int, str]:
    sess = res.session(label, "lftp")
    pre = (
        "set net:socket-bind-ipv4 %s; set ftp:passive-mode on; set ftp:ssl-allow no; "
        "set net:max-retries 1; set net:timeout 5; set cmd:fail-exit yes; "
        "open -u %s,%s ftp://%s:%d; " % (ctx.src, ctx.user, ctx.password, ctx.host, ctx.port)
    )
    res.notes.append("command: lftp -d -c '%s'" % (pre.replace(ctx.password, "****") + script))
    proc = subprocess.run(["lftp", "-d", "-c", pre + script], capture_output=True, text=True, timeout=60,
                          cwd=ctx.workdir)
    joiner = ReplyJoiner(sess)
    for line in proc.stderr.splitlines():
        if line.startswith("---> "):
            sess.sent(line[5:])
        elif line.startswith("<--- "):
            m = re.match(r"^<--- (\d{3})([ -])(.*)$", line)
            if m:
                joiner.line(int(m.group(1)), m.group(2), m.group(3))
            else:
                joiner.line(joiner.code or 0, "", line[5:])
        elif line.startswith("**** "):
            sess.note("lftp: " + line[5:])
    joiner.flush()
    sess.end = "client-quit" if "QUIT" in sess.commands else "client-exit"
    res.exit_code = proc.returncode
    return proc.returncode, proc.stdout


# ----------------------------------------------------------------------------
# scenarios

def sc_login_list(ctx: Ctx, res: Result) -> None:
    rc, out = run_lftp(ctx, res, "lftp", "cls -l; quit")
    res.notes.append("listing: " + out.strip().replace("\n", " | "))


def sc_download(ctx: Ctx, res: Result) -> None:
    out = os.path.join(ctx.workdir, "download.bin")
    rc, _ = run_curl(ctx, res, "curl", ["-u", "%s:%s" % (ctx.user, ctx.password),
                                         "ftp://%s:%d/%s" % (ctx.host, ctx.port, ctx.p("file", "small.bin")), "-o", out])
    got = os.path.getsize(out) if os.path.exists(out) else 0
    res.transfers.append({"command": "RETR " + ctx.p("file", "small.bin"), "direction": "download", "bytes": got,
                          "size": ctx.p("size"), "completed": rc == 0 and got == ctx.p("size")})


def sc_upload(ctx: Ctx, res: Result) -> None:
    src = os.path.join(ctx.workdir, "upload.bin")
    size = ctx.p("size", 50000)
    with open(src, "wb") as fh:
        fh.write(os.urandom(size))
    rc, _ = run_curl(ctx, res, "curl", ["-u", "%s:%s" % (ctx.user, ctx.password), "-T", src,
                                         "ftp://%s:%d/%s" % (ctx.host, ctx.port, ctx.p("file", "upload.bin"))])
    res.transfers.append({"command": "STOR " + ctx.p("file", "upload.bin"), "direction": "upload", "bytes": size,
                          "size": size, "completed": rc == 0})


def sc_missing_file(ctx: Ctx, res: Result) -> None:
    out = os.path.join(ctx.workdir, "missing.bin")
    run_lftp(ctx, res, "lftp", "get no-such-file.bin -o %s; quit" % out)
    res.transfers.append({"command": "RETR no-such-file.bin", "direction": "download", "bytes": 0,
                          "size": None, "completed": False})


def sc_login_fail(ctx: Ctx, res: Result) -> None:
    run_curl(ctx, res, "curl", ["-u", "%s:%s" % (ctx.user, "wrong-password"), "ftp://%s:%d/" % (ctx.host, ctx.port)])


def sc_login_unknown_user(ctx: Ctx, res: Result) -> None:
    # Python's ftplib, with its own debug transcript hooked into ours
    sess = res.session("ftplib", "python-ftplib")
    ftp = RecordingFTP(sess)
    try:
        ftp.connect(ctx.host, ctx.port, timeout=10, source_address=(ctx.src, 0))
        ftp.login("no-such-user", "whatever")
    except ftplib.all_errors as e:
        sess.note("ftplib error: %s" % e)
    try:
        ftp.quit()
        sess.end = "client-quit"
    except ftplib.all_errors:
        ftp.close()
        sess.end = "client-closed"


def sc_login_noshell(ctx: Ctx, res: Result) -> None:
    sess = res.session("socket", "python-socket")
    ctl = Control(ctx, sess)
    ctl.connect()
    ctl.login(user=ctx.p("user", "ftplabns"))
    ctl.quit()
    ctl.close()


def _limit(ctx: Ctx, res: Result, srcs: list[str], login: bool) -> None:
    ctls = []
    for i, src in enumerate(srcs):
        sess = res.session("conn%d" % (i + 1), "python-socket")
        ctl = Control(ctx, sess, src=src)
        try:
            ctl.connect()
        except OSError as e:
            sess.note("connect failed: %s" % e)
            sess.end = "connect-failed"
            continue
        ctls.append(ctl)
        try:
            if login:
                ctl.login()
            else:
                ctl.reply(timeout=ctx.p("greetingWait", 5))
            if sess.replies and sess.replies[-1]["code"] in (421, 530) and not ctl.closed:
                # a refusal: see whether the server also closes the connection
                ctl.wait_reply_or_close(1.0)
        except TimeoutError:
            sess.note("no reply within timeout")
        # let the server's accounting settle before the next connection
        time.sleep(ctx.p("gap", 0.2))
    for ctl in ctls:
        if not ctl.closed:
            try:
                ctl.quit()
            except OSError:
                pass
        ctl.close()


def sc_per_ip_limit(ctx: Ctx, res: Result) -> None:
    _limit(ctx, res, [ctx.src] * ctx.p("connections", 3), ctx.p("login", True))


def sc_global_limit(ctx: Ctx, res: Result) -> None:
    base = ctx.src.rsplit(".", 1)
    first = int(base[1])
    srcs = ["%s.%d" % (base[0], first + i) for i in range(ctx.p("connections", 4))]
    _limit(ctx, res, srcs, ctx.p("login", True))


def await_hangup(ctl: "Control", ctx: Ctx) -> None:
    """Stay silent until the server replies or closes (up to the scenario's `wait`), then close."""
    r = ctl.wait_reply_or_close(ctx.p("wait", 10))
    if r is not None and not ctl.closed:
        ctl.wait_reply_or_close(3)
    ctl.close()


def sc_login_timeout(ctx: Ctx, res: Result) -> None:
    sess = res.session("socket", "python-socket")
    ctl = Control(ctx, sess)
    ctl.connect()
    ctl.reply()
    sess.note("client now silent")
    await_hangup(ctl, ctx)


def sc_idle_timeout(ctx: Ctx, res: Result) -> None:
    sess = res.session("socket", "python-socket")
    ctl = Control(ctx, sess)
    ctl.connect()
    ctl.login()
    site_idle(ctl, ctx)
    sess.note("client now silent")
    await_hangup(ctl, ctx)


def sc_no_transfer_timeout(ctx: Ctx, res: Result) -> None:
    sess = res.session("socket", "python-socket")
    ctl = Control(ctx, sess)
    ctl.connect()
    ctl.login()
    site_idle(ctl, ctx)
    deadline = time.monotonic() + ctx.p("wait", 10)
    interval = ctx.p("interval", 1.0)
    sess.note("client sends NOOP every %.1fs, never transfers" % interval)
    while time.monotonic() < deadline and not ctl.closed:
        try:
            r = ctl.cmd("NOOP", timeout=5)
        except TimeoutError:
            break
        if r is None or r["code"] == 421:
            if r is not None:
                ctl.wait_reply_or_close(2)
            break
        # replies that arrive between NOOPs (an unsolicited 421)
        try:
            r = ctl.reply(timeout=interval)
            if r is not None and r["code"] == 421:
                ctl.wait_reply_or_close(2)
                break
        except TimeoutError:
            pass
    if not ctl.closed:
        sess.note("no timeout within %.1fs" % ctx.p("wait", 10))
        ctl.quit()
    ctl.close()


def _read_some(data: socket.socket, limit: int, timeout: float = 5.0) -> int:
    got = 0
    data.settimeout(timeout)
    while got < limit:
        try:
            chunk = data.recv(min(65536, limit - got))
        except (socket.timeout, ConnectionResetError):
            break
        if not chunk:
            break
        got += len(chunk)
    return got


def _start_retr(ctx: Ctx, ctl: Control, name: str, rcvbuf: int | None = None) -> socket.socket | None:
    ctl.cmd("TYPE I")
    addr = ctl.pasv()
    if addr is None:
        return None
    data = data_connect(ctx, addr, rcvbuf=rcvbuf)
    r = ctl.cmd("RETR " + name)
    if r is None or r["code"] not in (125, 150):
        data.close()
        return None
    return data


def sc_stalled_download(ctx: Ctx, res: Result) -> None:
    sess = res.session("socket", "python-socket")
    ctl = Control(ctx, sess)
    ctl.connect()
    ctl.login()
    site_idle(ctl, ctx)
    name = ctx.p("file", "big.bin")
    data = _start_retr(ctx, ctl, name, rcvbuf=4096)
    got = 0
    if data is not None:
        got = _read_some(data, ctx.p("readBytes", 65536))
        sess.note("client stops reading the data connection after %d bytes" % got)
        deadline = time.monotonic() + ctx.p("wait", 12)
        while time.monotonic() < deadline and not ctl.closed:
            try:
                r = ctl.reply(timeout=max(0.05, deadline - time.monotonic()))
            except TimeoutError:
                sess.note("no reply within %.1fs" % ctx.p("wait", 12))
                break
            if r is None:
                break
            if r["code"] == 421:
                ctl.wait_reply_or_close(2)
                break
            if r["code"] in (226, 426, 451):
                # a transfer-level result; give the server a moment to say more
                ctl.drain(1.5)
                break
        data.close()
    res.transfers.append({"command": "RETR " + name, "direction": "download", "bytes": got,
                          "size": ctx.p("size"), "completed": False})
    if not ctl.closed:
        ctl.quit()
    ctl.close()


def sc_abort_download(ctx: Ctx, res: Result) -> None:
    """ABOR during a download the way BSD ftp(1) and lftp send it: Telnet IP, then
    the Synch (IAC as urgent data, then DM), then ABOR; drain the data connection,
    then read the replies (RFC 959: 426 for the aborted transfer, then 226)."""
    sess = res.session("socket", "python-socket")
    ctl = Control(ctx, sess)
    ctl.connect()
    ctl.login()
    site_idle(ctl, ctx)
    name = ctx.p("file", "big.bin")
    data = _start_retr(ctx, ctl, name)
    got = 0
    if data is not None:
        got = _read_some(data, ctx.p("readBytes", 262144))
        sess.note("client sends IAC IP, IAC DM (urgent) and ABOR after %d bytes" % got)
        # BSD ftp: send(IAC IP IAC, MSG_OOB) then "DM ABOR\r\n" (the urgent IAC + DM is the Synch)
        ctl.send("ABOR", oob=b"\xff\xf4\xff", prefix=b"\xf2")
        drained = _drain_data(data, ctx.p("drainSeconds", 3.0))
        sess.note("data connection drained after ABOR: %d more bytes, then closed" % drained)
        got += drained
        data.close()
        ctl.until({225, 226, 421, 500, 501, 502}, ctx.p("wait", 5))
    res.transfers.append({"command": "RETR " + name, "direction": "download", "bytes": got,
                          "size": ctx.p("size"), "completed": False})
    if not ctl.closed:
        ctl.quit()
    ctl.close()


def _drain_data(data: socket.socket, seconds: float) -> int:
    got = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        data.settimeout(max(0.05, deadline - time.monotonic()))
        try:
            chunk = data.recv(65536)
        except (socket.timeout, OSError):
            break
        if not chunk:
            break
        got += len(chunk)
    return got


def sc_abort_download_ftplib(ctx: Ctx, res: Result) -> None:
    """ABOR as Python's ftplib.abort() sends it: the whole line as urgent data
    (so on Linux the final LF byte is taken out of band), then the client closes
    the data connection without draining it."""
    sess = res.session("ftplib", "python-ftplib")
    ftp = RecordingFTP(sess)
    ftp.connect(ctx.host, ctx.port, timeout=10, source_address=(ctx.src, 0))
    ftp.login(ctx.user, ctx.password)
    site_idle_ftplib(ftp, ctx)
    ftp.voidcmd("TYPE I")
    name = ctx.p("file", "big.bin")
    conn = ftp.transfercmd("RETR " + name)
    got = _read_some(conn, ctx.p("readBytes", 262144))
    sess.note("ftplib abort() after %d bytes" % got)
    try:
        ftp.abort()
    except ftplib.all_errors as e:
        sess.note("ftplib abort(): %s" % e)
    conn.close()
    sess.note("data connection closed by the client")
    try:
        ftp.sock.settimeout(ctx.p("afterAbortWait", 1.5))
        ftp.getmultiline()
    except ftplib.all_errors + (socket.timeout,) as e:
        sess.note("after ABOR: %s" % (e or type(e).__name__))
    res.transfers.append({"command": "RETR " + name, "direction": "download", "bytes": got,
                          "size": ctx.p("size"), "completed": False})
    try:
        ftp.sock.settimeout(5)
        ftp.quit()
        sess.end = "client-quit"
    except ftplib.all_errors as e:
        # after a read timeout ftplib's socket file refuses further reads ("cannot read from timed out object")
        sess.note("ftplib quit(): %s" % (e or type(e).__name__))
        ftp.close()
        sess.end = "client-closed"


def sc_killed_client_download(ctx: Ctx, res: Result) -> None:
    out = os.path.join(ctx.workdir, "killed.bin")
    name = ctx.p("file", "big.bin")
    run_curl(ctx, res, "curl", ["--limit-rate", ctx.p("rate", "200k"), "-u", "%s:%s" % (ctx.user, ctx.password),
                                "ftp://%s:%d/%s" % (ctx.host, ctx.port, name), "-o", out],
             kill_after=ctx.p("killAfter", 1.0))
    got = os.path.getsize(out) if os.path.exists(out) else 0
    res.transfers.append({"command": "RETR " + name, "direction": "download", "bytes": got,
                          "size": ctx.p("size"), "completed": False})
    # the server only notices later; give it time to log before the harness reads logs
    time.sleep(ctx.p("settle", 1.0))


def sc_reset_data_download(ctx: Ctx, res: Result) -> None:
    sess = res.session("socket", "python-socket")
    ctl = Control(ctx, sess)
    ctl.connect()
    ctl.login()
    name = ctx.p("file", "big.bin")
    data = _start_retr(ctx, ctl, name)
    got = 0
    if data is not None:
        got = _read_some(data, ctx.p("readBytes", 131072))
        data.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        data.close()
        sess.note("data connection closed with SO_LINGER 0 (RST) after %d bytes" % got)
        ctl.until({226, 426, 450, 451, 421}, ctx.p("wait", 5))
    res.transfers.append({"command": "RETR " + name, "direction": "download", "bytes": got,
                          "size": ctx.p("size"), "completed": False})
    if not ctl.closed:
        ctl.quit()
    ctl.close()


def sc_pasv_no_connect(ctx: Ctx, res: Result) -> None:
    sess = res.session("socket", "python-socket")
    ctl = Control(ctx, sess)
    ctl.connect()
    ctl.login()
    site_idle(ctl, ctx)
    ctl.cmd("TYPE I")
    addr = ctl.pasv()
    sess.note("client never connects to %s:%s" % addr if addr else "PASV failed")
    name = ctx.p("file", "small.bin")
    ctl.send("RETR " + name)
    r = ctl.until(set(range(200, 600)), ctx.p("wait", 10))
    if r is not None and r["code"] == 421:
        ctl.wait_reply_or_close(2)
    res.transfers.append({"command": "RETR " + name, "direction": "download", "bytes": 0,
                          "size": ctx.p("size"), "completed": False})
    if not ctl.closed:
        ctl.quit()
    ctl.close()


def sc_port_refused(ctx: Ctx, res: Result) -> None:
    sess = res.session("socket", "python-socket")
    ctl = Control(ctx, sess)
    ctl.connect()
    ctl.login()
    ctl.cmd("TYPE I")
    # a port on our own address that nobody listens on
    probe = socket.socket()
    probe.bind((ctx.src, 0))
    port = probe.getsockname()[1]
    probe.close()
    sess.note("PORT to %s:%d, where nothing listens" % (ctx.src, port))
    ctl.cmd("PORT %s,%d,%d" % (ctx.src.replace(".", ","), port // 256, port % 256))
    name = ctx.p("file", "small.bin")
    ctl.send("RETR " + name)
    ctl.until(set(range(200, 600)), ctx.p("wait", 10))
    res.transfers.append({"command": "RETR " + name, "direction": "download", "bytes": 0,
                          "size": ctx.p("size"), "completed": False})
    if not ctl.closed:
        ctl.quit()
    ctl.close()


def sc_instance_limit(ctx: Ctx, res: Result) -> None:
    base = ctx.src.rsplit(".", 1)
    first = int(base[1])
    srcs = ["%s.%d" % (base[0], first + i) for i in range(ctx.p("connections", 4))]
    _limit(ctx, res, srcs, login=False)


# ----------------------------------------------------------------------------
# ftplib with a transcript

class RecordingFTP(ftplib.FTP):
    def __init__(self, sess: Session):
        super().__init__()
        self._sess = sess

    def putline(self, line):  # noqa: D401 - ftplib API
        self._sess.sent(line)
        return super().putline(line)

    def abort(self):
        self._sess.sent("ABOR (as urgent data)")
        line = b"ABOR" + ftplib.B_CRLF
        self.sock.sendall(line, socket.MSG_OOB)
        resp = self.getmultiline()
        if resp[:3] not in {"426", "225", "226"}:
            raise ftplib.error_proto(resp)
        return resp

    def getmultiline(self):
        resp = super().getmultiline()
        code = resp[:3]
        if code.isdigit():
            text = resp[4:] if len(resp) > 3 else ""
            # ftplib joins lines with \n and keeps the NNN- prefix of the first line
            self._sess.reply(int(code), text.replace("\n" + code + " ", "\n"))
        return resp

    def getline(self):
        try:
            return super().getline()
        except EOFError:
            self._sess.note("control connection closed by server")
            self._sess.end = "server-closed"
            raise


def site_idle_ftplib(ftp: RecordingFTP, ctx: Ctx) -> None:
    if ctx.p("siteIdle"):
        ftp.sendcmd("SITE IDLE %d" % ctx.p("siteIdle"))


SCENARIOS = {
    "login-list": sc_login_list,
    "download": sc_download,
    "upload": sc_upload,
    "missing-file": sc_missing_file,
    "login-fail": sc_login_fail,
    "login-unknown-user": sc_login_unknown_user,
    "login-noshell": sc_login_noshell,
    "per-ip-limit": sc_per_ip_limit,
    "global-limit": sc_global_limit,
    "instance-limit": sc_instance_limit,
    "login-timeout": sc_login_timeout,
    "idle-timeout": sc_idle_timeout,
    "no-transfer-timeout": sc_no_transfer_timeout,
    "stalled-download": sc_stalled_download,
    "abort-download": sc_abort_download,
    "abort-download-ftplib": sc_abort_download_ftplib,
    "killed-client-download": sc_killed_client_download,
    "reset-data-download": sc_reset_data_download,
    "pasv-no-connect": sc_pasv_no_connect,
    "port-refused": sc_port_refused,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--src", default="127.0.0.1", help="loopback source address for this scenario")
    ap.add_argument("--user", default="ftplab")
    ap.add_argument("--password", default="ftplab-pass")
    ap.add_argument("--scenario", required=True, choices=sorted(SCENARIOS))
    ap.add_argument("--params", default="{}", help="JSON object of scenario parameters")
    ap.add_argument("--workdir", default=None)
    a = ap.parse_args()
    ctx = Ctx(a)
    res = Result(a.scenario)
    try:
        SCENARIOS[a.scenario](ctx, res)
    except Exception as e:  # record, don't hide: the harness asserts on the result
        res.notes.append("driver error: %s: %s" % (type(e).__name__, e))
    json.dump(res.to_json(ctx), sys.stdout, indent=None)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
