"""Shared pieces of the service scripts (loadtest.py, faults.py): build and
start `logit serve` and the Flask peer on free 127.0.0.1 ports, make a key,
read Raisin rows, talk HTTP, read RSS. Standard library only."""
import csv
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
RAISIN = os.path.join(ROOT, "Sources", "Logit", "Resources", "Raisin", "Raisin_Dataset.csv")
PEER_VENV = os.path.join(ROOT, ".venv-serve")


class PeerMissing(Exception):
    pass


def build_logit():
    """Builds the release `logit` and returns its path."""
    subprocess.run(["swift", "build", "-c", "release", "--product", "logit"], cwd=ROOT, check=True)
    out = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                         check=True, capture_output=True, text=True)
    return os.path.join(out.stdout.strip(), "logit")


def train_raisin(logit, work):
    """Trains the default Raisin model into WORK/raisin.json and returns its path."""
    path = os.path.join(work, "raisin.json")
    subprocess.run([logit, "train", "--output", path], check=True, capture_output=True)
    return path


def create_key(logit, work, name, admin=True):
    """Appends a key to WORK/keys.txt with `logit keys create` and returns it."""
    cmd = [logit, "keys", "create", name, "--file", os.path.join(work, "keys.txt")]
    if admin:
        cmd.append("--admin")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    # The key is printed once, alone on the last line of standard output.
    return out.stdout.strip().splitlines()[-1].strip()


def raisin_rows():
    """The Raisin feature rows (floats, label dropped)."""
    with open(RAISIN) as f:
        reader = csv.reader(f)
        next(reader)
        return [[float(v) for v in row[:-1]] for row in reader]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid):
    """Resident set size of a process and its children, in MB."""
    total = 0
    pids = [pid]
    try:
        children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
        pids += [int(c) for c in children]
    except FileNotFoundError:
        pass
    for p in pids:
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def request(port, method, path, body=None, headers=None, timeout=10):
    """One HTTP request on a new connection; returns (status, headers, parsed JSON or text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = body if isinstance(body, (bytes, type(None))) else (
            body.encode() if isinstance(body, str) else json.dumps(body).encode())
        h = {"Content-Type": "application/json"} if data is not None else {}
        h.update(headers or {})
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        raw = r.read()
        try:
            payload = json.loads(raw)
        except ValueError:
            payload = raw.decode(errors="replace")
        return r.status, dict(r.getheaders()), payload
    finally:
        conn.close()


def wait_ready(port, path, timeout=60, proc=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before it was ready")
        try:
            status, _, _ = request(port, "GET", path, timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server on port {port} not ready after {timeout} s")


class Server:
    auth = False

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def rss_mb(self):
        return rss_mb(self.proc.pid)

    def __enter__(self):
        return self

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def __exit__(self, *exc):
        self.stop()
        self.log.close()


class LogitServer(Server):
    """`logit serve` on a free port with the keys in WORK/keys.txt."""
    auth = True

    def __init__(self, logit, model, work, rate_limit=None, extra=()):
        self.port = free_port()
        self.log_path = os.path.join(work, f"serve-{self.port}.log")
        self.log = open(self.log_path, "w")
        cmd = [logit, "serve", "--model", model, "--port", str(self.port),
               "--api-keys", os.path.join(work, "keys.txt")]
        if rate_limit is not None:
            cmd += ["--rate-limit", rate_limit]
        cmd += list(extra)
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT)
        wait_ready(self.port, "/ready", proc=self.proc)


class FlaskPeer(Server):
    """The Flask + NumPy peer under gunicorn, one worker per core."""

    def __init__(self, model, work):
        gunicorn = os.path.join(PEER_VENV, "bin", "gunicorn")
        if not os.path.exists(gunicorn):
            raise PeerMissing("no .venv-serve; run bash scripts/serve/setup_peer.sh")
        self.port = free_port()
        self.log = open(os.path.join(work, f"flask-{self.port}.log"), "w")
        env = dict(os.environ, LOGIT_MODEL=model)
        self.proc = subprocess.Popen(
            [gunicorn, "-w", str(os.cpu_count() or 2), "-b", f"127.0.0.1:{self.port}",
             "--backlog", "2048", "--chdir", os.path.join(ROOT, "scripts", "serve"), "flask_peer:app"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env)
        wait_ready(self.port, "/health", proc=self.proc)


def listen_overflows():
    """The kernel's count of connection attempts dropped because a listen queue was full
    (TcpExt ListenOverflows in /proc/net/netstat; machine-wide), or None where it cannot be read."""
    try:
        with open("/proc/net/netstat") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    for names, values in zip(lines[::2], lines[1::2]):
        if names.startswith("TcpExt:"):
            fields = dict(zip(names.split()[1:], values.split()[1:]))
            return int(fields["ListenOverflows"]) if "ListenOverflows" in fields else None
    return None


def markdown_table(results, soak, args):
    rows = [r for r in results if "rps" in r and "route" not in r]
    health = next((r for r in results if r.get("route") == "/health"), None)
    lines = [f"Load test, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
             f"{args.duration} s per cell, wrk -t2 on the same machine, API keys on, access logs off "
             f"(`python3 scripts/serve/loadtest.py --duration {args.duration}`)", "",
             "| service | rows/request | connections | requests/s | rows/s | p50 ms | p99 ms | p99.9 ms | errors | dropped connects |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        drops = r.get("listen_overflows")
        lines.append(f"| {r['service']} | {r['rows_per_request']} | {r['connections']} | {r['rps']:,.0f} | "
                     f"{r['rows_per_s']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['p999_ms']:.2f} | {r['errors']} | "
                     f"{'–' if drops is None else f'{drops:,}'} |")
    for r in results:
        if "rss_before_mb" in r:
            lines.append(f"\n{r['service']}: RSS {r['rss_before_mb']:.1f} MB before, {r['rss_after_mb']:.1f} MB after.")
        if "skipped" in r:
            lines.append(f"\n{r['service']}: peer skipped ({r['skipped']}).")
    ours = {(r["rows_per_request"], r["connections"]): r for r in rows if r["service"].startswith("logit")}
    peer = {(r["rows_per_request"], r["connections"]): r for r in rows if not r["service"].startswith("logit")}
    if peer:
        lines += ["", "| rows/request | connections | logit / Flask requests/s | target |", "|---:|---:|---:|---|"]
        for k in sorted(ours):
            if k in peer:
                ratio = ours[k]["rps"] / peer[k]["rps"]
                target = ""
                if k == (1, 60):
                    met = ratio >= 20 and ours[k]["p99_ms"] <= 5 and ours[k]["errors"] == 0
                    target = f"≥ 20×, p99 ≤ 5 ms, 0 errors: {'met' if met else 'MISSED'}"
                    if health:
                        ceiling = health["rps"] / peer[k]["rps"]
                        target += (f" (ceiling: `GET /health`, which does no work, {health['rps']:,.0f} requests/s = "
                                   f"{ceiling:.1f}× Flask's 1-row rate, p99 {health['p99_ms']:.2f} ms)")
                if k[0] == 100 and k[1] == 60:
                    met = ours[k]["rows_per_s"] >= 1_000_000
                    target = f"≥ 1,000,000 rows/s: {'met' if met else 'MISSED'} ({ours[k]['rows_per_s']:,.0f})"
                lines.append(f"| {k[0]} | {k[1]} | {ratio:.1f}× | {target} |")
    if soak:
        lines.append(f"\nSoak (after a warm-up of {soak.get('warmup_requests', 0):,} requests): {soak['requests']:,} requests in {soak['seconds']:.0f} s, {soak['errors']} errors, "
                     f"RSS {soak['rss_before_mb']:.1f} → {soak['rss_after_mb']:.1f} MB "
                     f"({soak['rss_growth_pct']:+.1f}%; target < 10%: {'met' if soak['rss_growth_pct'] < 10 else 'MISSED'}).")
    return "\n".join(lines) + "\n"
