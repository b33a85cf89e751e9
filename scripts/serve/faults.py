#!/usr/bin/env python3
"""Fault tests of `logit serve` on 127.0.0.1, each bounded in time.

1. reload under load: models swapped by POST /admin/reload while clients
   predict; every request answers 200 with one of the two models' versions.
2. corrupt reload: a corrupt model file sent to reload is refused and the old
   model keeps serving, with the same answers.
3. malformed requests: 1000 malformed requests interleaved with 1000 good ones;
   every good one answers 200 with the right probabilities, every malformed
   one a 4xx with a JSON error, none a 5xx or a dropped connection.
4. slow clients: 100 connections trickling a request byte by byte; meanwhile
   fresh clients are answered promptly.
5. SIGTERM under load: the service exits 0 and no response is cut mid-way
   (each request either gets a whole response or none).

    python3 scripts/serve/faults.py [--logit PATH] [--only NAME,...]

Exits 1 on the first failed check, with what failed. Standard library only.
"""
import argparse
import http.client
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import servekit  # noqa: E402

FAILURES = []


def check(cond, what):
    print(f"  {'ok  ' if cond else 'FAIL'} {what}", flush=True)
    if not cond:
        FAILURES.append(what)


class Client:
    """A keep-alive client that reconnects after a dropped connection."""

    def __init__(self, port, key, timeout=10):
        self.port, self.key, self.timeout = port, key, timeout
        self.conn = None

    def post(self, path, body, content_type="application/json", raw=False):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        headers = {"Content-Type": content_type, "Authorization": f"Bearer {self.key}"}
        try:
            self.conn.request("POST", path, body=data, headers=headers)
            r = self.conn.getresponse()
            payload = r.read()
        except Exception:
            self.conn.close()
            self.conn = None
            raise
        if r.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return r.status, payload

    def close(self):
        if self.conn is not None:
            self.conn.close()


def probabilities(payload):
    body = json.loads(payload)
    return [p["probabilities"] for p in body["predictions"]], body.get("model_version")


def close_enough(a, b):
    return all(math.isclose(a[k], b[k], rel_tol=0, abs_tol=1e-12) for k in a) and a.keys() == b.keys()


def reload_under_load(logit, work, key, rows):
    print("reload under load")
    model_a = servekit.train_raisin(logit, work)
    model_b = os.path.join(work, "raisin-b.json")
    subprocess.run([logit, "train", "--C", "0.01", "--output", model_b], check=True, capture_output=True)
    served = os.path.join(work, "served.json")
    shutil.copy(model_a, served)
    shutil.copy(model_a.replace(".json", ".reference.bin"), served.replace(".json", ".reference.bin"))
    with servekit.LogitServer(logit, served, work, rate_limit="off") as server:
        stop = threading.Event()
        outcomes = {"ok": 0, "bad": []}
        versions = set()
        lock = threading.Lock()

        def worker(i):
            c = Client(server.port, key)
            while not stop.is_set():
                try:
                    status, payload = c.post("/v1/predict", {"rows": [rows[i % len(rows)]]})
                    ok = status == 200
                    if ok:
                        versions.add(probabilities(payload)[1])
                except Exception as e:  # a dropped request is a failure here
                    ok, payload, status = False, repr(e).encode(), None
                with lock:
                    if ok:
                        outcomes["ok"] += 1
                    else:
                        outcomes["bad"].append((status, payload[:200]))
            c.close()

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        reload_statuses = []
        for n in range(6):
            time.sleep(0.5)
            source = model_b if n % 2 == 0 else model_a
            # Replace the served file atomically, as a deployment would, then reload.
            tmp = served + ".tmp"
            shutil.copy(source, tmp)
            os.replace(tmp, served)
            shutil.copy(source.replace(".json", ".reference.bin"), served.replace(".json", ".reference.bin"))
            status, _, body = servekit.request(server.port, "POST", "/admin/reload", body={},
                                               headers={"Authorization": f"Bearer {key}"})
            reload_statuses.append(status)
        time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join(30)
        check(all(s == 200 for s in reload_statuses), f"6 reloads answered 200 ({reload_statuses})")
        check(outcomes["ok"] > 0 and not outcomes["bad"],
              f"{outcomes['ok']} predictions during reloads, {len(outcomes['bad'])} failed {outcomes['bad'][:3]}")
        check(len(versions) >= 2, f"answers came from both models ({len(versions)} versions seen)")


def corrupt_reload(logit, work, key, rows):
    print("corrupt reload")
    model = servekit.train_raisin(logit, work)
    served = os.path.join(work, "served-c.json")
    shutil.copy(model, served)
    shutil.copy(model.replace(".json", ".reference.bin"), served.replace(".json", ".reference.bin"))
    with servekit.LogitServer(logit, served, work, rate_limit="off") as server:
        c = Client(server.port, key)
        status, before = c.post("/v1/predict", {"rows": rows[:5]})
        check(status == 200, "prediction before the corrupt reload")
        for name, content in [("truncated", open(model, "rb").read()[:200]),
                              ("not JSON", b"\x00\x01garbage"),
                              ("wrong shape", json.dumps({**json.load(open(model)), "weights": [[1.0]]}).encode())]:
            with open(served, "wb") as f:
                f.write(content)
            status, _, body = servekit.request(server.port, "POST", "/admin/reload", body={},
                                               headers={"Authorization": f"Bearer {key}"})
            check(400 <= status < 600 and status != 200 and isinstance(body, dict) and "error" in body,
                  f"reload of a {name} model refused with {status} and a JSON error")
            status, after = c.post("/v1/predict", {"rows": rows[:5]})
            check(status == 200 and probabilities(after) == probabilities(before),
                  f"after the {name} reload the old model answers the same")
        c.close()


def malformed_interleaved(logit, work, key, rows):
    print("1000 malformed requests interleaved with 1000 good ones")
    model = servekit.train_raisin(logit, work)
    bad_bodies = [
        (b"{not json", "application/json"),
        (b"", "application/json"),
        (json.dumps({"rows": [[1, 2, 3]]}).encode(), "application/json"),
        (json.dumps({"rows": [rows[0] + [1.0]]}).encode(), "application/json"),
        (b'{"rows": [[NaN, 1, 1, 1, 1, 1, 1]]}', "application/json"),
        (json.dumps({"rows": [{"Area": 1}]}).encode(), "application/json"),
        (json.dumps({"rows": "x"}).encode(), "application/json"),
        (json.dumps({"rows": []}).encode(), "application/json"),
        (json.dumps([1, 2]).encode(), "application/json"),
        (b"\xff\xfe\x00garbage", "application/octet-stream"),
        (b"Area,MajorAxisLength\n1,2\n", "text/csv"),
        (json.dumps({"rows": [["a"] * 7]}).encode(), "application/json"),
        (b'{"rows": [[1e999, 1, 1, 1, 1, 1, 1]]}', "application/json"),
        (b"[" * 100000, "application/json"),
    ]
    with servekit.LogitServer(logit, model, work, rate_limit="off") as server:
        c = Client(server.port, key)
        status, first = c.post("/v1/predict", {"rows": rows[:50]})
        expected = probabilities(first)[0]
        good_ok = bad_ok = 0
        problems = []
        for i in range(1000):
            body, ctype = bad_bodies[i % len(bad_bodies)]
            try:
                status, payload = c.post("/v1/predict", body, content_type=ctype)
                is_json_error = "error" in json.loads(payload)
            except Exception as e:
                status, is_json_error = None, False
                problems.append(f"malformed #{i}: {e!r}")
            if status is not None and 400 <= status < 500 and is_json_error:
                bad_ok += 1
            elif status is not None:
                problems.append(f"malformed #{i} ({body[:40]!r}): status {status}")
            j = i % 50
            try:
                status, payload = c.post("/v1/predict", {"rows": [rows[j]]})
                if status == 200 and close_enough(probabilities(payload)[0][0], expected[j]):
                    good_ok += 1
                else:
                    problems.append(f"good #{i}: status {status}")
            except Exception as e:
                problems.append(f"good #{i}: {e!r}")
        c.close()
        check(good_ok == 1000, f"{good_ok}/1000 good requests answered 200 with the right probabilities")
        check(bad_ok == 1000, f"{bad_ok}/1000 malformed requests answered 4xx with a JSON error {problems[:3]}")
        check(server.proc.poll() is None, "the service is still running")


def slow_clients(logit, work, key, rows):
    print("100 slow clients holding connections")
    model = servekit.train_raisin(logit, work)
    with servekit.LogitServer(logit, model, work, rate_limit="off") as server:
        sockets = []
        for _ in range(100):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            s.sendall(b"POST /v1/predict HTTP/1.1\r\nHost: x\r\n")
            sockets.append(s)
        latencies, statuses = [], []
        c = Client(server.port, key, timeout=5)
        for i in range(50):
            # Trickle one more header byte on each slow connection between requests.
            for s in sockets:
                try:
                    s.sendall(b"X")
                except OSError:
                    pass
            t = time.time()
            status, _ = c.post("/v1/predict", {"rows": [rows[i]]})
            latencies.append(time.time() - t)
            statuses.append(status)
        c.close()
        latencies.sort()
        check(all(s == 200 for s in statuses), f"{statuses.count(200)}/50 answered 200")
        check(latencies[-1] < 1.0, f"50 requests answered while 100 connections trickle (slowest {latencies[-1]*1000:.1f} ms)")
        for s in sockets:
            s.close()


def sigterm_under_load(logit, work, key, rows):
    print("SIGTERM under load")
    model = servekit.train_raisin(logit, work)
    server = servekit.LogitServer(logit, model, work, rate_limit="off")
    stop = threading.Event()
    stats = {"complete": 0, "refused": 0, "cut": []}
    lock = threading.Lock()

    def worker(i):
        c = Client(server.port, key, timeout=10)
        while not stop.is_set():
            try:
                status, payload = c.post("/v1/predict", {"rows": rows[:100]})
                json.loads(payload)
                with lock:
                    stats["complete"] += 1
            except (ConnectionRefusedError, ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError):
                # Nothing of a response arrived: the request was not cut mid-response.
                with lock:
                    stats["refused"] += 1
                time.sleep(0.05)
            except Exception as e:  # IncompleteRead, a partial JSON body: a cut response
                with lock:
                    stats["cut"].append(repr(e))
                time.sleep(0.05)
        c.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    time.sleep(2)
    server.proc.send_signal(signal.SIGTERM)
    try:
        code = server.proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        code = "hung (killed after 30 s)"
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join(30)
    server.log.close()
    check(code == 0, f"exit status after SIGTERM: {code}")
    check(stats["complete"] > 0 and not stats["cut"],
          f"{stats['complete']} complete responses, {len(stats['cut'])} cut mid-response {stats['cut'][:3]}")


TESTS = {"reload": reload_under_load, "corrupt": corrupt_reload, "malformed": malformed_interleaved,
         "slow": slow_clients, "sigterm": sigterm_under_load}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--logit", help="a built logit executable (default: build release)")
    ap.add_argument("--only", help="comma-separated subset of " + ",".join(TESTS))
    args = ap.parse_args()
    logit = args.logit or servekit.build_logit()
    work = tempfile.mkdtemp(prefix="logit-faults-")
    key = servekit.create_key(logit, work, "faults")
    rows = servekit.raisin_rows()
    for name in (args.only.split(",") if args.only else TESTS):
        TESTS[name](logit, work, key, rows)
    shutil.rmtree(work, ignore_errors=True)
    if FAILURES:
        print(f"faults: {len(FAILURES)} check(s) failed", file=sys.stderr)
        sys.exit(1)
    print("faults: every check passed")


if __name__ == "__main__":
    main()
