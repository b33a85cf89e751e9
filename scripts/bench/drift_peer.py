"""Peer of logit-bench --drift: the same drift report with Evidently's
DataDriftPreset and with a plain SciPy loop (normed wasserstein_distance per
column, Evidently's choice for a reference above 1000 rows), on the .npy files
the benchmark wrote. Prints one JSON object with the median milliseconds.

Pinned versions: scripts/requirements-drift.txt.
Usage: python drift_peer.py reference.npy current.npy
"""
import json
import sys
import time

import numpy as np


def median_ms(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return float(np.median(times))


def main():
    ref = np.load(sys.argv[1]).astype(np.float64)
    cur = np.load(sys.argv[2]).astype(np.float64)
    out = {}
    from scipy import stats

    def scipy_loop():
        for j in range(ref.shape[1]):
            stats.wasserstein_distance(ref[:, j], cur[:, j]) / max(np.std(ref[:, j]), 0.001)

    out["scipy_ms"] = median_ms(scipy_loop, 3)
    try:
        import pandas as pd
        from evidently import Report
        from evidently.presets import DataDriftPreset

        columns = [f"f{j}" for j in range(ref.shape[1])]
        ref_df = pd.DataFrame(ref, columns=columns)
        cur_df = pd.DataFrame(cur, columns=columns)

        def evidently_run():
            Report([DataDriftPreset()]).run(current_data=cur_df, reference_data=ref_df)

        out["evidently_ms"] = median_ms(evidently_run, 1)
    except Exception as error:  # the row says why instead of failing
        out["evidently_skipped"] = f"{type(error).__name__}: {error}"
    print(json.dumps(out))


if __name__ == "__main__":
    main()
