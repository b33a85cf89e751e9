#!/usr/bin/env python3
"""The NumPy peer of logit-bench: the textbook two-pass gradient-descent epoch
of logistic regression (z = Xw + b, p = sigmoid(z), g = Xᵀ(p − y)/n + λw),
in the precision of X, timed on the data the benchmark wrote.

--mode epoch: times single epochs after warm-up (median/min/max per epoch).
--mode fit:   times whole fits of --epochs epochs from zero (Raisin, 100 epochs).
Prints one JSON object. Threads are whatever OPENBLAS_NUM_THREADS says (the
benchmark sets 1)."""
import argparse
import json
import time

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--x", required=True)
    parser.add_argument("--y", required=True)
    parser.add_argument("--mode", choices=["epoch", "fit"], default="epoch")
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--l2", type=float, default=0.01)
    args = parser.parse_args()

    X = np.load(args.x)
    y = (np.load(args.y) == 1).astype(X.dtype)
    n, d = X.shape
    lr, l2 = X.dtype.type(args.lr), X.dtype.type(args.l2)

    def fit(epochs):
        w = np.zeros(d, dtype=X.dtype)
        b = X.dtype.type(0)
        for _ in range(epochs):
            z = X @ w + b
            p = 1.0 / (1.0 + np.exp(-z))
            r = p - y
            w = w - lr * (X.T @ r / n + l2 * w)
            b = b - lr * r.mean()
        return w, b

    times = []
    if args.mode == "epoch":
        w = np.zeros(d, dtype=X.dtype)
        b = X.dtype.type(0)
        for i in range(args.warmup + args.repeats):
            start = time.perf_counter()
            z = X @ w + b
            p = 1.0 / (1.0 + np.exp(-z))
            r = p - y
            w = w - lr * (X.T @ r / n + l2 * w)
            b = b - lr * r.mean()
            if i >= args.warmup:
                times.append((time.perf_counter() - start) * 1e3)
    else:
        for i in range(args.warmup + args.repeats):
            start = time.perf_counter()
            w, b = fit(args.epochs)
            if i >= args.warmup:
                times.append((time.perf_counter() - start) * 1e3)

    z = (X @ w + b).astype(np.float64)
    loss = np.mean(np.logaddexp(0, z) - y * z) + 0.5 * args.l2 * float(np.dot(w.astype(np.float64), w))
    print(json.dumps({
        "median_ms": float(np.median(times)), "min_ms": float(np.min(times)), "max_ms": float(np.max(times)),
        "repetitions": len(times), "objective": float(loss), "numpy": np.__version__,
    }))


if __name__ == "__main__":
    main()
