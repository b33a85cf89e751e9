#!/usr/bin/env python3
"""The whole-process NumPy peer of `logit train` (logit-bench job row
"train-process"): what a NumPy user writes for the same job.

np.load X and y, hold out --test-fraction of the rows (seeded permutation, as
`logit train` holds out 20% by default), run --epochs epochs of the textbook
two-pass gradient descent (z = Xw + b, p = sigmoid(z), g = Xᵀ(p − y)/n + λw)
in X's precision on the training rows, and score the held-out rows. The
benchmark times this whole process from outside (interpreter start and np.load
included), with OPENBLAS_NUM_THREADS=1. Prints one JSON object."""
import argparse
import json

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--x", required=True)
    parser.add_argument("--y", required=True)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--test-fraction", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    X = np.load(args.x)
    labels = np.load(args.y)
    n_all = X.shape[0]
    order = np.random.default_rng(args.seed).permutation(n_all)
    n_test = int(round(args.test_fraction * n_all))
    test, train = order[:n_test], order[n_test:]
    Xtr, ytr = X[train], (labels[train] == 1).astype(X.dtype)
    n, d = Xtr.shape
    lr, l2 = X.dtype.type(args.lr), X.dtype.type(args.l2)
    w = np.zeros(d, dtype=X.dtype)
    b = X.dtype.type(0)
    for _ in range(args.epochs):
        z = Xtr @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        r = p - ytr
        w = w - lr * (Xtr.T @ r / n + l2 * w)
        b = b - lr * r.mean()
    accuracy = float(np.mean(((X[test] @ w + b) > 0) == (labels[test] == 1))) if n_test else float("nan")
    print(json.dumps({"accuracy": accuracy, "rows": int(n), "numpy": np.__version__}))


if __name__ == "__main__":
    main()
