#!/usr/bin/env python3
"""Write the synthetic-data fixture the Swift SyntheticClassification tests compare against.

    python3 scripts/reference/make_synthetic_fixtures.py

Output (deterministic, byte-identical on rerun):
    Tests/LogitTests/Fixtures/synthetic.json

An independent re-implementation, in plain Python floats (IEEE-754 binary64,
every + - * / and sqrt correctly rounded, never fused), of the generator that
`SyntheticClassification` documents. The random bits come from
`rng_reference.xoshiro_stream` (SplitMix64-seeded xoshiro256**). Every
floating-point operation is done in the same order as the documented algorithm
below, so the results are the same bits, not merely close. See README.md in this
folder ("Synthetic classification data") for the algorithm.
"""
import json
import math
import os
import re
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from rng_reference import xoshiro_stream  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIXTURE = os.path.join(ROOT, "Tests", "LogitTests", "Fixtures", "synthetic.json")
MASK64 = (1 << 64) - 1


# ---------------------------------------------------------------------------
# Uniforms and indices from the raw xoshiro256** stream
# ---------------------------------------------------------------------------

class Generator:
    def __init__(self, seed):
        self._stream = xoshiro_stream(seed)

    def next(self):
        return next(self._stream)

    def unit_interval(self):
        """Top 53 bits times 2^-53: uniform in [0, 1), exact."""
        return float(self.next() >> 11) * 2.0 ** -53

    def index_below(self, bound):
        """Lemire's multiply-shift: uniform integer in [0, bound) without bias."""
        prod = self.next() * bound
        if (prod & MASK64) < bound:
            threshold = ((1 << 64) - bound) % bound
            while (prod & MASK64) < threshold:
                prod = self.next() * bound
        return prod >> 64


# ---------------------------------------------------------------------------
# Portable logarithm and Marsaglia's polar method
# ---------------------------------------------------------------------------

LN2_HIGH = 6.93147180369123816490e-01  # ln 2 rounded to its high 32 bits
LN2_LOW = 1.90821492927058770002e-10   # ln 2 - LN2_HIGH
SQRT2 = 1.4142135623730951


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def portable_log(x):
    """ln x for positive normal x, from + - * / only.

    x = m * 2^e with m in [sqrt(1/2), sqrt 2]; ln m = 2 atanh(t), t = (m-1)/(m+1),
    = 2t * sum_{k=0..11} t^(2k)/(2k+1), the sum in Estrin's scheme:
      a_j = 1/(4j+1) + t2 * 1/(4j+3)       (j = 0..5; a_0 = 1 + t2 * (1/3))
      b_0 = a0 + t4 a1, b_1 = a2 + t4 a3, b_2 = a4 + t4 a5
      series = b0 + t8 (b1 + t8 b2)
      ln x = e * LN2_HIGH + (2 t series + e * LN2_LOW)
    where 1/q means the double nearest 1/q.
    """
    b = bits(x)
    e = float(((b >> 52) & 0x7FF) - 1023)
    m = from_bits((b & 0x000FFFFFFFFFFFFF) | 0x3FF0000000000000)  # in [1, 2)
    if m > SQRT2:
        m = m / 2
        e = e + 1
    t = (m - 1) / (m + 1)
    t2 = t * t
    t4 = t2 * t2
    t8 = t4 * t4
    a0 = 1 + t2 * (1.0 / 3)
    a1 = 1.0 / 5 + t2 * (1.0 / 7)
    a2 = 1.0 / 9 + t2 * (1.0 / 11)
    a3 = 1.0 / 13 + t2 * (1.0 / 15)
    a4 = 1.0 / 17 + t2 * (1.0 / 19)
    a5 = 1.0 / 21 + t2 * (1.0 / 23)
    b0 = a0 + t4 * a1
    b1 = a2 + t4 * a3
    b2 = a4 + t4 * a5
    series = b0 + t8 * (b1 + t8 * b2)
    return e * LN2_HIGH + (((2 * t) * series) + e * LN2_LOW)


class Gaussian:
    """Standard normals by the polar method, four accepted pairs per refill.

    A pair is (a, b) = (2u - 1, 2v - 1) for two successive unit-interval draws,
    accepted when 0 < r = a^2 + b^2 < 1. After four acceptances, each pair gives
    f = sqrt((-2 * ln r) / r) and the values a f, b f; the eight values are
    handed out in draw order (a0 f0, b0 f0, a1 f1, ...). Values left in the
    buffer carry over to later requests, whatever the generator did in between.
    """

    def __init__(self):
        self.buffer = []

    def next(self, gen):
        if not self.buffer:
            pairs = []
            while len(pairs) < 4:
                a = 2 * gen.unit_interval() - 1
                b = 2 * gen.unit_interval() - 1
                r = a * a + b * b
                if r < 1 and r != 0:
                    pairs.append((a, b, r))
            for a, b, r in pairs:
                f = math.sqrt((-2 * portable_log(r)) / r)
                self.buffer += [a * f, b * f]
        return self.buffer.pop(0)


# ---------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------

def class_means(k, d, separation, gen, gauss):
    """k x d means, row-major lists: (separation / sqrt 2) * u_c.

    For each class c in order: draw d normals; if k <= d, Gram-Schmidt against
    the earlier directions, twice (for each p < c in order: dot = sum_j u_c[j]
    u_p[j] accumulated left to right from 0, then u_c[j] -= dot * u_p[j]);
    norm = sqrt(sum_j u_c[j]^2) accumulated left to right; if norm <= 1e-8, draw
    again; else u_c[j] /= norm. When k > d there is no orthogonalisation.
    """
    u = []
    for c in range(k):
        while True:
            v = [gauss.next(gen) for _ in range(d)]
            if k <= d:
                for _ in range(2):
                    for p in range(c):
                        dot = 0.0
                        for j in range(d):
                            dot += v[j] * u[p][j]
                        for j in range(d):
                            v[j] -= dot * u[p][j]
            norm = 0.0
            for j in range(d):
                norm += v[j] * v[j]
            norm = math.sqrt(norm)
            if not norm > 1e-8:
                continue
            u.append([x / norm for x in v])
            break
    scale = separation / math.sqrt(2.0)
    return [[x * scale for x in row] for row in u]


def assign_labels(n, k, assignment, gen):
    kind = assignment["type"]
    if kind == "round_robin":
        return [i % k for i in range(n)]
    if kind == "random":
        return [gen.index_below(k) for _ in range(n)]
    if kind == "weighted":
        w = assignment["weights"]
        total = 0.0
        for x in w:
            total += x
        cumulative, running = [], 0.0
        for x in w:
            running += x
            cumulative.append(running / total)
        last_positive = max(i for i, x in enumerate(w) if x > 0)
        labels = []
        for _ in range(n):
            u = gen.unit_interval()
            labels.append(next((c for c, q in enumerate(cumulative) if u < q and q > 0), last_positive))
        return labels
    raise ValueError(kind)


def generate(cfg):
    """Means first, then labels, then rows i = 0..n-1, columns j = 0..d-1:
    x[i][j] = mean[label_i][j] + noise * z, z the next normal."""
    n, d, k = cfg["rows"], cfg["features"], cfg["classes"]
    gen = Generator(cfg["seed"])
    gauss = Gaussian()
    means = class_means(k, d, cfg["separation"], gen, gauss)
    labels = assign_labels(n, k, cfg["label_assignment"], gen)
    sigma = cfg["noise"]
    X = [[means[labels[i]][j] + sigma * gauss.next(gen) for j in range(d)] for i in range(n)]
    return np.array(X, dtype=np.float64).reshape(n, d), labels


# ---------------------------------------------------------------------------
# Fixture
# ---------------------------------------------------------------------------

def feature_names(cfg):
    image = cfg.get("image")
    if image is None:
        return [f"x{j}" for j in range(cfg["features"])]
    names = []
    for r in range(image["height"]):
        for c in range(image["width"]):
            if image["channels"] == 1:
                names.append(f"pixel_{r}_{c}")
            else:
                names += [f"pixel_{r}_{c}_{ch}" for ch in range(image["channels"])]
    return names


def config(name, rows, features, classes, seed, separation=2.0, noise=1.0, assignment=None, image=None):
    return {
        "name": name, "rows": rows, "features": features, "classes": classes,
        "separation": separation, "noise": noise, "seed": seed,
        "label_assignment": assignment or {"type": "round_robin"},
        "image": image,
    }


CONFIGS = [
    config("round_robin_12x5_k3", 12, 5, 3, seed=1),
    config("random_12x5_k3", 12, 5, 3, seed=1, assignment={"type": "random"}),
    config("weighted_12x5_k3", 12, 5, 3, seed=1, assignment={"type": "weighted", "weights": [0.2, 0.0, 0.8]}),
    # More classes than features: random unit directions, no Gram-Schmidt.
    config("k_above_d_9x2_k4", 9, 2, 4, seed=5, separation=3.0, noise=0.25),
    # No noise: every row is exactly its class mean.
    config("noiseless_6x4_k3", 6, 4, 3, seed=9, separation=2.5, noise=0.0),
    # The configuration the test suite pinned before this fixture existed.
    config("random_50x7_k3", 50, 7, 3, seed=2024, separation=3.0, noise=0.5, assignment={"type": "random"}),
    config("image_4x3x2_k5", 6, 24, 5, seed=3, image={"height": 4, "width": 3, "channels": 2}),
    config("image_grey28_k10", 3, 784, 10, seed=1, image={"height": 28, "width": 28, "channels": 1}),
]


def hex64(a):
    return [f"{v:016x}" for v in np.ascontiguousarray(a, dtype=np.float64).view(np.uint64).ravel()]


def hex32(a):
    return [f"{v:08x}" for v in np.ascontiguousarray(a, dtype=np.float32).view(np.uint32).ravel()]


def check_portable_log():
    """The portable logarithm is within 4 ulp of the platform's (sanity, not a spec)."""
    gen = Generator(99)
    worst = 0.0
    for _ in range(20000):
        x = gen.unit_interval() * 2.0 ** -gen.index_below(60)
        if x > 0:
            exact = math.log(x)
            worst = max(worst, abs(portable_log(x) - exact) / math.ulp(exact))
    assert worst <= 4, worst
    return worst


def main():
    worst = check_portable_log()
    records = []
    for cfg in CONFIGS:
        X, labels = generate(cfg)
        # Float data is the Double data rounded once to nearest (ties to even).
        X32 = X.astype(np.float32)
        rec = dict(cfg)
        rec["labels"] = labels
        rec["feature_names"] = feature_names(cfg)
        rec["double_bits"] = hex64(X)
        rec["float_bits"] = hex32(X32)
        records.append(rec)
        if cfg["noise"] == 0:  # rows are class means, pairwise `separation` apart (k <= d)
            for a in range(cfg["classes"]):
                for b in range(a + 1, cfg["classes"]):
                    dist = float(np.linalg.norm(X[a] - X[b]))
                    assert abs(dist - cfg["separation"]) <= 1e-12 * cfg["separation"], dist
        print(f"{cfg['name']:22s} {X.shape[0]}x{X.shape[1]} labels {labels[:12]} x[0][0] {float(X[0, 0])!r}")
    fixture = {
        "generated_by": f"scripts/reference/make_synthetic_fixtures.py (numpy {np.__version__})",
        "encoding": "double_bits: IEEE-754 binary64 bit patterns, float_bits: binary32, as lowercase hex, "
                    "row-major (rows x features)",
        "configurations": records,
    }
    # Indented, but every list of scalars on one line.
    text = json.dumps(fixture, indent=1, allow_nan=False)
    text = re.sub(r'\[\s*((?:"[^"]*"|[-+.eE\d]+)(?:,\s*(?:"[^"]*"|[-+.eE\d]+))*)\s*\]',
                  lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text) + "\n"
    assert json.loads(text) == fixture
    with open(FIXTURE, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    size = os.path.getsize(FIXTURE)
    assert size < 500_000, size
    print(f"wrote {os.path.relpath(FIXTURE, ROOT)} ({size} bytes); portable log worst {worst:.2f} ulp")


if __name__ == "__main__":
    main()
