#!/usr/bin/env python3
"""Load test of `logit serve` against the Flask + NumPy peer, side by side.

Both services serve the same Raisin model on 127.0.0.1 and get the same
requests from the same load generator (wrk, Debian's package), one after the
other in one run: 1-row and 100-row POSTs, at 60 connections (the original
system's stress test) and 600, `--duration` seconds each. Reported per row:
requests/s, rows/s, p50/p99/p99.9 latency, errors (socket errors + non-2xx),
each service's RSS before and after, and the connection attempts the kernel
dropped because the listen queue was full (each waits for TCP's 1 s retry). The ratios (logit / Flask) are what
to read: the machine is shared and the load generator runs on the same cores.
When 60 connections are among the cells, logit's `GET /health` (no body, no
key check, no model) is measured too, at 60 connections: the HTTP stack's own
ceiling on this machine, which no prediction can pass, printed beside the
1-row target.

    python3 scripts/serve/loadtest.py                # 30 s per cell
    python3 scripts/serve/loadtest.py --duration 5   # a quick look
    python3 scripts/serve/loadtest.py --soak 1000000 # + 1,000,000-request soak

Needs: a release `logit` (built unless --logit is given), wrk, and the peer's
venv (bash scripts/serve/setup_peer.sh); without the venv the Flask rows say
"peer skipped". Standard library only.
"""
import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import servekit  # noqa: E402

ROOT = servekit.ROOT

WRK_SCRIPT = r"""
-- Posts one fixed JSON body (or GETs, when the body file is ''); prints latency
-- percentiles and counts as JSON.
-- Arguments (after --): body file, API key ('' for none).
function init(args)
  if args[1] and args[1] ~= "" then
    local f = assert(io.open(args[1], "rb"))
    wrk.method = "POST"
    wrk.body = f:read("*a")
    f:close()
    wrk.headers["Content-Type"] = "application/json"
  end
  if args[2] and args[2] ~= "" then wrk.headers["Authorization"] = "Bearer " .. args[2] end
end
function done(summary, latency, requests)
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p99":%d,"p999":%d,"max":%d}\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9), latency.max))
end
"""


def run_wrk(url, body_path, key, connections, duration, threads=2):
    """Runs wrk once (a POST of the file at `body_path`, or a GET when it is
    None); returns its summary as a dict (latencies in ms)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT)
        script = f.name
    try:
        cmd = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s",
               "--timeout", "10s", "-s", script, url, "--", body_path or "", key or ""]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60)
    finally:
        os.unlink(script)
    line = next((l for l in out.stdout.splitlines() if l.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary: {out.stdout}\n{out.stderr}")
    r = json.loads(line[len("WRKJSON "):])
    seconds = r["duration_us"] / 1e6
    return {
        "requests": r["requests"],
        "seconds": seconds,
        "rps": r["requests"] / seconds,
        "errors": r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"],
        "error_detail": {k: r[k] for k in ("connect", "read", "write", "status", "timeout")},
        "p50_ms": r["p50"] / 1000, "p99_ms": r["p99"] / 1000, "p999_ms": r["p999"] / 1000,
    }


def soak_requests(server, body, key, count, chunk_s=20, max_chunks=120):
    """Sends at least `count` requests at 60 connections, in wrk runs of `chunk_s`
    seconds (wrk runs for its whole duration even when its threads stop, so a
    request limit alone would not end it), at most `max_chunks` runs. Returns
    the summed requests and errors."""
    total = {"requests": 0, "errors": 0}
    for _ in range(max_chunks):
        r = run_wrk(server.url("/v1/predict"), body, key, 60, chunk_s)
        total["requests"] += r["requests"]
        total["errors"] += r["errors"]
        if total["requests"] >= count:
            break
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=int, default=30, help="seconds per cell (default 30)")
    ap.add_argument("--connections", default="60,600", help="comma-separated (default 60,600)")
    ap.add_argument("--rows", default="1,100", help="rows per request, comma-separated (default 1,100)")
    ap.add_argument("--logit", help="a built logit executable (default: build release)")
    ap.add_argument("--soak", type=int, default=0, help="then send this many 1-row requests to logit and report RSS growth")
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--markdown", help="write the table here")
    args = ap.parse_args()

    if shutil.which("wrk") is None:
        sys.exit("loadtest: wrk is not installed (bash scripts/setup.sh installs it)")
    logit = args.logit or servekit.build_logit()
    work = tempfile.mkdtemp(prefix="logit-loadtest-")
    model = servekit.train_raisin(logit, work)
    key = servekit.create_key(logit, work, "loadtest")
    raisin = servekit.raisin_rows()
    bodies = {}
    for n in [int(x) for x in args.rows.split(",")]:
        path = os.path.join(work, f"body{n}.json")
        with open(path, "w") as f:
            json.dump({"rows": [raisin[i % len(raisin)] for i in range(n)]}, f)
        bodies[n] = path

    connections = [int(x) for x in args.connections.split(",")]
    results = []
    # Access logs off on both sides, as gunicorn's default: one JSON line per
    # request is logit's default (--log-level info) but costs a write per request.
    quiet = ("--log-level", "warning")
    services = [("logit serve", lambda: servekit.LogitServer(logit, model, work, rate_limit="off", extra=quiet)),
                ("Flask+NumPy (gunicorn)", lambda: servekit.FlaskPeer(model, work))]
    for name, make in services:
        try:
            server = make()
        except servekit.PeerMissing as e:
            print(f"{name}: peer skipped ({e})")
            results.append({"service": name, "skipped": str(e)})
            continue
        with server:
            rss_before = server.rss_mb()
            for n, body in bodies.items():
                for c in connections:
                    dropped = servekit.listen_overflows()
                    r = run_wrk(server.url("/v1/predict"), body, key if server.auth else "", c, args.duration)
                    after = servekit.listen_overflows()
                    r.update(service=name, rows_per_request=n, connections=c, rows_per_s=r["rps"] * n,
                             listen_overflows=None if dropped is None or after is None else after - dropped)
                    results.append(r)
                    print(f"{name:24} rows={n:<4} conns={c:<4} {r['rps']:9.0f} req/s {r['rps']*n:11.0f} rows/s "
                          f"p50 {r['p50_ms']:7.2f} ms p99 {r['p99_ms']:7.2f} ms p99.9 {r['p999_ms']:7.2f} ms errors {r['errors']}",
                          flush=True)
            if name.startswith("logit") and 60 in connections:
                # The HTTP stack's own ceiling here: GET /health does no parsing, no key
                # check and no model work, so no prediction can go faster than it.
                h = run_wrk(server.url("/health"), None, "", 60, args.duration)
                h.update(service=name, route="/health", connections=60)
                results.append(h)
                print(f"{name:24} GET /health  conns=60   {h['rps']:9.0f} req/s p50 {h['p50_ms']:7.2f} ms "
                      f"p99 {h['p99_ms']:7.2f} ms errors {h['errors']}", flush=True)
            rss_after = server.rss_mb()
            results.append({"service": name, "rss_before_mb": rss_before, "rss_after_mb": rss_after})
            print(f"{name:24} RSS {rss_before:.1f} MB before, {rss_after:.1f} MB after", flush=True)

    soak = None
    if args.soak:
        with servekit.LogitServer(logit, model, work, rate_limit="off", extra=quiet) as server:
            # Warm up with a twentieth of the requests so that the first RSS reading is
            # the steady state (drift window full, allocator arenas grown), not start-up.
            warm = soak_requests(server, bodies[min(bodies)], key, max(1, args.soak // 20))
            before = server.rss_mb()
            started = time.time()
            r = soak_requests(server, bodies[min(bodies)], key, args.soak)
            after = server.rss_mb()
            soak = {"requests": r["requests"], "errors": r["errors"], "seconds": time.time() - started,
                    "warmup_requests": warm["requests"],
                    "rss_before_mb": before, "rss_after_mb": after,
                    "rss_growth_pct": 100 * (after - before) / before}
            print(f"soak: {r['requests']} requests in {soak['seconds']:.0f} s, errors {r['errors']}, "
                  f"RSS {before:.1f} → {after:.1f} MB ({soak['rss_growth_pct']:+.1f}%)", flush=True)

    table = servekit.markdown_table(results, soak, args)
    print(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                       "cores": os.cpu_count(), "duration_s": args.duration,
                       "results": results, "soak": soak}, f, indent=2)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
