#!/usr/bin/env python3
"""MCPEmails IMAP benchmark driver (run by scripts/bench; see there for usage).

Seeds a fresh Dovecot user with N messages (MULTIAPPEND in batches over one connection), connects it as an
inbox of a running `mcpemails serve`, then measures p50/p95 latency of list_inbox (20), read_email,
search_emails and send_email over POST /mcp beside the same IMAP/SMTP operations done directly over one warm
raw connection (imaplib/smtplib), and the server's peak RSS (VmHWM) during a 10 MB attachment send.
Every loop is bounded; every wait has a deadline.
"""
import argparse
import base64
import imaplib
import json
import os
import random
import smtplib
import ssl
import subprocess
import sys
import time
import http.client
import urllib.parse
import urllib.request
import uuid

MIB = 1024 * 1024


def log(text):
    print(f"bench: {text}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- seeding

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa "
         "quebec romeo sierra tango uniform victor whiskey xray yankee zulu meeting budget plan report draft "
         "review schedule project update status customer order shipment").split()
SENDERS = ["Alice Example <alice@example.org>", "Bob Builder <bob@example.net>", "Carol <carol@example.com>",
           "=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <jorg@example.de>", "Dave <dave@example.org>"]


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def make_message(rng, index, to_addr):
    """A 2-4 KB message: 70% text/plain, 20% multipart/alternative, 10% multipart/mixed with a small file."""
    subject = f"{sentence(rng, 5)[:-1]} #{index}" + (" invoice" if index % 100 == 0 else "")
    headers = [f"From: {rng.choice(SENDERS)}", f"To: {to_addr}", f"Subject: {subject}",
               f"Date: Mon, 02 Mar 2026 {index % 24:02d}:{index % 60:02d}:00 +0000",
               f"Message-ID: <bench-{index}-{uuid.uuid4().hex[:8]}@example.org>", "MIME-Version: 1.0"]
    text = "\r\n\r\n".join(sentence(rng, rng.randint(15, 40)) for _ in range(rng.randint(3, 8)))
    kind = index % 10
    if kind < 7:
        headers += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
        body = text
    elif kind < 9:
        headers.append('Content-Type: multipart/alternative; boundary="alt"')
        body = (f"--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
                f"--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>{text}</p>\r\n--alt--")
    else:
        blob = base64.encodebytes(bytes(rng.getrandbits(8) for _ in range(1500))).decode().replace("\n", "\r\n")
        headers.append('Content-Type: multipart/mixed; boundary="mix"')
        body = (f"--mix\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
                f"--mix\r\nContent-Type: application/octet-stream; name=\"data.bin\"\r\n"
                f"Content-Disposition: attachment; filename=\"data.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                f"{blob}\r\n--mix--")
    return ("\r\n".join(headers) + "\r\n\r\n" + body + "\r\n").encode()


def imap_connect(env, user):
    context = ssl.create_default_context(cafile=env["ca"])
    imap = imaplib.IMAP4(env["host"], env["imap_port"], timeout=60)
    imap.starttls(ssl_context=context)
    imap.login(user, env["password"])
    return imap


def read_tagged(imap, tag, deadline):
    """Reads lines until the tagged completion of `tag`; returns it."""
    while time.monotonic() < deadline:
        line = imap.readline()
        if not line:
            raise RuntimeError("IMAP connection closed while seeding")
        if line.startswith(tag.encode() + b" "):
            if not line.split(b" ", 2)[1] == b"OK":
                raise RuntimeError(f"seeding failed: {line!r}")
            return line
    raise RuntimeError("seeding did not finish in time")


def seed(env, user, count, batch):
    """APPENDs `count` messages in MULTIAPPEND batches (RFC 3502) with LITERAL+ (RFC 7888)."""
    rng = random.Random(42)
    imap = imap_connect(env, user)
    caps = imap.capability()[1][0].decode().upper().split()
    if "MULTIAPPEND" not in caps or "LITERAL+" not in caps:
        raise RuntimeError("the IMAP server lacks MULTIAPPEND or LITERAL+")
    started = time.monotonic()
    for first in range(0, count, batch):
        tag = f"S{first}"
        parts = [f"{tag} APPEND INBOX".encode()]
        for index in range(first, min(count, first + batch)):
            message = make_message(rng, index + 1, user)
            flags = "(\\Seen)" if index % 3 else "()"
            parts.append(f" {flags} {{{len(message)}+}}\r\n".encode() + message)
        imap.send(b"".join(parts) + b"\r\n")
        read_tagged(imap, tag, time.monotonic() + 120)
    imap.logout()
    log(f"seeded {count} messages in {time.monotonic() - started:.1f} s")


# ---------------------------------------------------------------- the server (CLI + HTTP)

def cli(binary, db, *args, stdin=None):
    out = subprocess.run([binary, *args, "--database-url", db, "--json"], input=stdin, capture_output=True,
                         text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"mcpemails {' '.join(args[:2])} failed: {out.stderr.strip() or out.stdout.strip()}")
    return json.loads(out.stdout)


class MCP:
    """A JSON-RPC client over one keep-alive HTTP/1.1 connection, as MCP SDK clients (httpx) use."""

    def __init__(self, base_url, key):
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port = parsed.hostname, parsed.port
        self.key = key
        self.next_id = 0
        self.connection = None

    def post(self, body):
        for attempt in range(2):
            reused = self.connection is not None
            if not reused:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
            try:
                self.connection.request("POST", "/mcp", body=body, headers={
                    "Content-Type": "application/json", "Accept": "application/json, text/event-stream",
                    "Authorization": f"Bearer {self.key}", "MCP-Protocol-Version": "2025-06-18"})
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = None
                if not reused or attempt == 1:
                    raise  # only a stale kept-alive connection is retried: the request never reached the server

    def call(self, tool, arguments):
        self.next_id += 1
        body = json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": "tools/call",
                           "params": {"name": tool, "arguments": arguments}}).encode()
        status, data = self.post(body)
        reply = json.loads(data)
        result = reply.get("result") or {}
        if status != 200 or "error" in reply or result.get("isError"):
            raise RuntimeError(f"{tool} failed: {json.dumps(reply)[:400]}")
        return result.get("structuredContent") or {}


def wait_healthy(base_url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("mcpemails serve exited early")
        try:
            with urllib.request.urlopen(base_url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("mcpemails serve did not become healthy in time")


def vm_status(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


# ---------------------------------------------------------------- raw IMAP/SMTP (one warm connection each)

SUMMARY_ITEMS = ("(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE "
                 "BODY.PEEK[HEADER.FIELDS (REFERENCES IN-REPLY-TO)] BODY.PEEK[1]<0.2048>)")


class Raw:
    def __init__(self, env, user):
        self.env = env
        self.user = user
        self.imap = imap_connect(env, user)
        self.imap.select("INBOX")
        context = ssl.create_default_context(cafile=env["ca"])
        self.smtp = smtplib.SMTP(env["host"], env["smtp_port"], timeout=60)
        self.smtp.starttls(context=context)
        self.smtp.login(user, env["password"])

    def uids(self, *criteria):
        typ, data = self.imap.uid("SEARCH", *criteria)
        return [int(x) for x in data[0].split()] if typ == "OK" else []

    def list(self, limit=20):
        page = sorted(self.uids("ALL"), reverse=True)[:limit]
        self.imap.uid("FETCH", ",".join(map(str, page)), SUMMARY_ITEMS)
        return page

    def read(self, uid):
        self.imap.uid("FETCH", str(uid), "(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])")

    def search(self, limit=20):
        page = sorted(self.uids("FROM", "alice", "SUBJECT", "invoice"), reverse=True)[:limit]
        if page:
            self.imap.uid("FETCH", ",".join(map(str, page)), SUMMARY_ITEMS)

    def send(self, to_addr, message):
        self.smtp.sendmail(self.user, [to_addr], message)
        self.imap.append("Sent", "(\\Seen)", None, message)

    def close(self):
        for action in (self.imap.logout, self.smtp.quit):
            try:
                action()
            except Exception:  # noqa: BLE001 - best effort on the way out
                pass


def timed(fn, n):
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def pct(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--iterations", type=int, default=50)
    parser.add_argument("--port", type=int, default=18080)
    args = parser.parse_args()

    env = {"host": os.environ["MCPEMAILS_TEST_MAIL_HOST"], "imap_port": int(os.environ["MCPEMAILS_TEST_IMAP_PORT"]),
           "smtp_port": int(os.environ["MCPEMAILS_TEST_SMTP_PORT"]), "ca": os.environ["MCPEMAILS_TEST_TLS_CA"],
           "password": os.environ["MCPEMAILS_TEST_MAIL_PASSWORD"], "domain": os.environ["MCPEMAILS_TEST_MAIL_DOMAIN"]}
    tag = uuid.uuid4().hex[:8]
    user, recipient = f"bench-{tag}@{env['domain']}", f"bench-rcpt-{tag}@{env['domain']}"
    seed(env, user, args.messages, batch=500)

    db = f"sqlite://{os.path.join(args.workdir, 'bench.sqlite')}"
    workspace = cli(args.binary, db, "workspace", "create", "--name", "bench", "--plan", "enterprise")["id"]
    key = cli(args.binary, db, "key", "create", "--workspace", workspace, "--name", "bench",
              "--scopes", "read:email,send:email")["key"]
    inbox = cli(args.binary, db, "inbox", "add-imap", "--workspace", workspace, "--email", user, "--username", user,
                "--password-stdin", "--imap-host", env["host"], "--imap-port", str(env["imap_port"]),
                "--imap-security", "starttls", "--smtp-host", env["host"], "--smtp-port", str(env["smtp_port"]),
                "--smtp-security", "starttls", "--tls-ca", env["ca"], stdin=env["password"] + "\n")["id"]

    server_env = dict(os.environ, MCPEMAILS_RATE_LIMITS="1000000/60", MCPEMAILS_LOG_LEVEL="warning",
                      MCPEMAILS_DATABASE_URL=db)
    server = subprocess.Popen([args.binary, "serve", "--port", str(args.port), "--database-url", db],
                              env=server_env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(args.workdir, "serve.log"), "w"))
    raw = None
    try:
        base = f"http://127.0.0.1:{args.port}"
        wait_healthy(base, server)
        mcp = MCP(base, key)
        raw = Raw(env, user)
        rows = measure(args, mcp, raw, inbox, recipient)
        rss = attachment_rss(mcp, inbox, recipient, server.pid)
        report(args, rows, rss)
    finally:
        if raw:
            raw.close()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def measure(args, mcp, raw, inbox, recipient):
    n = args.iterations
    top = raw.uids("ALL")[-100:]
    ids = [m["message_id"] for m in mcp.call("list_inbox", {"inbox_id": inbox, "limit": 100})["messages"]]
    rng = random.Random(7)
    small = {"inbox_id": inbox, "to": [recipient], "subject": "bench", "body": "Benchmark message.\n" * 20}
    raw_message = (f"From: {raw.user}\r\nTo: {recipient}\r\nSubject: bench\r\nMessage-ID: <{uuid.uuid4().hex}@bench>\r\n"
                   f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                   + "Benchmark message.\r\n" * 20).encode()
    search_args = {"inbox_id": inbox, "query": "from:alice subject:invoice", "include_folders": ["INBOX"]}
    operations = [
        ("list_inbox (20)", lambda: mcp.call("list_inbox", {"inbox_id": inbox, "limit": 20}), raw.list),
        ("read_email", lambda: mcp.call("read_email", {"inbox_id": inbox, "message_id": rng.choice(ids)}),
         lambda: raw.read(rng.choice(top))),
        ("search_emails", lambda: mcp.call("search_emails", search_args), raw.search),
        ("search_emails (all folders)",
         lambda: mcp.call("search_emails", {"inbox_id": inbox, "query": "from:alice subject:invoice"}), None),
        ("send_email", lambda: mcp.call("send_email", small), lambda: raw.send(recipient, raw_message)),
    ]
    rows = []
    for name, via_mcp, via_raw in operations:
        for _ in range(3):  # warm-up: pool, caches
            via_mcp()
            if via_raw:
                via_raw()
        mcp_samples = timed(via_mcp, n)
        raw_samples = timed(via_raw, n) if via_raw else None
        rows.append((name, mcp_samples, raw_samples))
        log(f"measured {name}")
    return rows


def attachment_rss(mcp, inbox, recipient, pid):
    """Peak RSS growth of the server while it handles one send with a 10 MB attachment."""
    data = base64.b64encode(os.urandom(10 * MIB)).decode()
    arguments = {"inbox_id": inbox, "to": [recipient], "subject": "10 MB", "body": "attached",
                 "attachments": [{"filename": "big.bin", "mime_type": "application/octet-stream", "data": data}]}
    baseline = vm_status(pid, "VmRSS")
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as refs:
            refs.write("5")  # resets VmHWM to the current RSS (Linux ≥ 4.0)
        reset = True
    except OSError:
        reset = False
    started = time.perf_counter()
    mcp.call("send_email", arguments)
    elapsed = time.perf_counter() - started
    return {"baseline": baseline, "peak": vm_status(pid, "VmHWM"), "reset": reset, "seconds": elapsed}


def report(args, rows, rss):
    print()
    print(f"MCPEmails IMAP benchmark: {args.messages} messages in INBOX, {args.iterations} iterations per operation")
    print(f"{'operation':<30} {'MCP p50':>9} {'MCP p95':>9} {'raw p50':>9} {'raw p95':>9} {'p50 ratio':>10}")
    for name, mcp_samples, raw_samples in rows:
        m50, m95 = pct(mcp_samples, 50), pct(mcp_samples, 95)
        if raw_samples:
            r50, r95 = pct(raw_samples, 50), pct(raw_samples, 95)
            print(f"{name:<30} {m50:>7.1f}ms {m95:>7.1f}ms {r50:>7.1f}ms {r95:>7.1f}ms {m50 / r50:>9.2f}x")
        else:
            print(f"{name:<30} {m50:>7.1f}ms {m95:>7.1f}ms {'-':>9} {'-':>9} {'-':>10}")
    growth = rss["peak"] - rss["baseline"]
    note = "" if rss["reset"] else " (VmHWM could not be reset: peak is since server start)"
    print(f"10 MB attachment send: {rss['seconds']:.2f} s; server RSS before {rss['baseline'] / MIB:.1f} MiB, "
          f"peak {rss['peak'] / MIB:.1f} MiB, growth {growth / MIB:.1f} MiB = {growth / (10 * MIB):.2f}x the attachment{note}")
    ratios = {name: pct(m, 50) / pct(r, 50) for name, m, r in rows if r}
    verdict = lambda ok: "met" if ok else "NOT met"
    print(f"targets: list_inbox p50 within 1.3x raw: {verdict(ratios['list_inbox (20)'] <= 1.3)}; "
          f"read_email p50 within 1.3x raw: {verdict(ratios['read_email'] <= 1.3)}; "
          f"10 MB send RSS growth under 4x: {verdict(growth < 4 * 10 * MIB)}")
    print("raw = the same IMAP commands (UID SEARCH + one UID FETCH of the same items; UID FETCH BODY.PEEK[]) and "
          "SMTP send + APPEND to Sent over one warm imaplib/smtplib connection; MCP send reuses a pooled authenticated SMTP session.")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001 - report and fail
        log(f"failed: {error}")
        sys.exit(1)
