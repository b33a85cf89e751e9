#!/usr/bin/env python3
"""The scikit-learn peer of logit-bench's 10-class L-BFGS job rows.

digits --out DIR: writes scikit-learn's bundled digits (8×8, 1797 rows) as
    float64 .npy files x_train, y_train, x_test, y_test: a fixed stratified
    75/25 split (random_state 0), standardized with StandardScaler fitted on
    the training rows (constant pixels stay 0). Both sides fit these arrays.
fit --dir DIR: times LogisticRegression() (lbfgs, C = 1, tol 1e-4, scikit-learn's
    defaults, except max_iter raised so that it converges) on x_train/y_train,
    with BLAS limited to one thread (threadpoolctl), and scores x_test.
Prints one JSON object."""
import argparse
import json
import os
import time
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits


def digits(out):
    data = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(
        data.data, data.target, test_size=0.25, stratify=data.target, random_state=0)
    scaler = StandardScaler().fit(x_train)
    os.makedirs(out, exist_ok=True)
    np.save(os.path.join(out, "x_train.npy"), scaler.transform(x_train).astype(np.float64))
    np.save(os.path.join(out, "x_test.npy"), scaler.transform(x_test).astype(np.float64))
    np.save(os.path.join(out, "y_train.npy"), y_train.astype(np.int64))
    np.save(os.path.join(out, "y_test.npy"), y_test.astype(np.int64))
    print(json.dumps({"train": len(y_train), "test": len(y_test), "features": int(data.data.shape[1])}))


def fit(directory, repeats, max_iter):
    load = lambda name: np.load(os.path.join(directory, name))
    x_train, y_train, x_test, y_test = load("x_train.npy"), load("y_train.npy"), load("x_test.npy"), load("y_test.npy")
    times, model, converged = [], None, True
    with threadpool_limits(limits=1), warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        for _ in range(repeats):
            model = LogisticRegression(max_iter=max_iter)
            start = time.perf_counter()
            try:
                model.fit(x_train, y_train)
            except ConvergenceWarning:
                converged = False
            times.append((time.perf_counter() - start) * 1e3)
    print(json.dumps({
        "median_ms": float(np.median(times)), "min_ms": float(np.min(times)), "max_ms": float(np.max(times)),
        "repetitions": len(times), "iterations": int(np.max(model.n_iter_)), "converged": converged,
        "accuracy": float(model.score(x_test, y_test)), "version": "scikit-learn " + sklearn.__version__,
    }))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["digits", "fit"])
    parser.add_argument("--out")
    parser.add_argument("--dir")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--max-iter", type=int, default=10000)
    args = parser.parse_args()
    if args.mode == "digits":
        digits(args.out)
    else:
        fit(args.dir, args.repeats, args.max_iter)


if __name__ == "__main__":
    main()
