#!/usr/bin/env python3
"""The scikit-learn peer of logit-bench's Raisin grid-search job row.

Reads X.npy (raw features), y.npy and folds.json (the benchmark's stratified
folds: a list of {"train": [...], "validation": [...]}) and times
GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression(max_iter=...)),
{C: --c values}, cv=those folds, n_jobs=1, refit=False): the scaler is fitted
inside each fold, as the engine's CrossValidation does. BLAS on one thread.
Prints one JSON object with the times, the best C and every mean accuracy."""
import argparse
import json
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--x", required=True)
    parser.add_argument("--y", required=True)
    parser.add_argument("--folds", required=True)
    parser.add_argument("--c", type=float, nargs="+", required=True)
    parser.add_argument("--max-iter", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    X, y = np.load(args.x), np.load(args.y)
    with open(args.folds) as f:
        folds = [(np.array(fold["train"]), np.array(fold["validation"])) for fold in json.load(f)]
    times, search = [], None
    with threadpool_limits(limits=1):
        for _ in range(args.repeats):
            search = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression(max_iter=args.max_iter)),
                                  {"logisticregression__C": args.c}, cv=folds, n_jobs=1, refit=False)
            start = time.perf_counter()
            search.fit(X, y)
            times.append((time.perf_counter() - start) * 1e3)
    scores = search.cv_results_["mean_test_score"]
    best = int(np.argmin(search.cv_results_["rank_test_score"]))
    print(json.dumps({
        "median_ms": float(np.median(times)), "min_ms": float(np.min(times)), "max_ms": float(np.max(times)),
        "repetitions": len(times), "best_c": args.c[best], "best_accuracy": float(scores[best]),
        "mean_accuracies": [float(s) for s in scores], "version": "scikit-learn " + sklearn.__version__,
    }))


if __name__ == "__main__":
    main()
