"""Golden values for the drift tests (Tests/LogitTests/Fixtures/drift.json).

Every score and decision comes from Evidently's own stattests (the functions its
DataDriftPreset calls: default method per column, then the method's function),
with SciPy's ks_2samp / wasserstein_distance recorded beside them. The data is
stored in the fixture (shortest round-trip decimals), so the Swift test reads
the same numbers.

Pinned versions: scripts/requirements-drift.txt (Evidently 0.7.x needs pandas<3).
Run:  python3 -m venv .venv-drift && .venv-drift/bin/pip install -r scripts/requirements-drift.txt
      .venv-drift/bin/python scripts/reference/make_drift_fixtures.py
"""
import json
import math
import pathlib

import evidently
import numpy as np
import pandas as pd
import scipy
from scipy import stats
from evidently.legacy.calculations.stattests.registry import get_stattest
from evidently.legacy.core import ColumnType

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/LogitTests/Fixtures/drift.json"


def case(name, ref, cur, extra_methods):
    ref = pd.Series(np.asarray(ref, dtype=np.float64))
    cur = pd.Series(np.asarray(cur, dtype=np.float64))
    default = get_stattest(ref, cur, ColumnType.Numerical, None)
    results = []
    for method in [None] + extra_methods:
        test = default if method is None else get_stattest(ref, cur, ColumnType.Numerical, method)
        r = test(ref, cur, ColumnType.Numerical, None)
        results.append({"method": test.name, "default": method is None, "threshold": float(r.actual_threshold),
                        "score": float(r.drift_score), "drift_detected": bool(r.drifted)})
    ks = stats.ks_2samp(ref.values, cur.values)
    n1, n2 = len(ref), len(cur)
    en = round(max(n1, n2) * min(n1, n2) / (n1 + n2))
    return {"name": name, "reference": ref.tolist(), "current": cur.tolist(),
            "scipy_ks_statistic": float(ks.statistic), "scipy_ks_pvalue": float(ks.pvalue),
            "ks_exact": max(n1, n2) <= 10000, "ks_asymptotic_n": en,
            "scipy_wasserstein": float(stats.wasserstein_distance(ref.values, cur.values)),
            "results": results}


def main():
    rng = np.random.default_rng(20261130)
    numeric = ["ks", "wasserstein", "psi", "jensenshannon"]
    cases = [
        case("no_drift_small", rng.normal(0, 1, 500), rng.normal(0, 1, 400), numeric),
        case("mean_shift_small_equal", rng.normal(0, 1, 500), rng.normal(0.3, 1, 500), numeric),
        case("tiny_samples", rng.normal(0, 1, 30), rng.normal(0.8, 1, 25), ["ks", "wasserstein"]),
        case("scale_shift_large", rng.normal(5, 2, 2000), rng.normal(5, 3, 1500), numeric),
        case("no_drift_large", rng.normal(5, 2, 3000), rng.normal(5, 2, 2500), numeric),
        case("mean_shift_large", rng.normal(0, 1, 3000), rng.normal(0.2, 1, 3000), numeric),
        case("categorical_small", rng.choice([0.0, 1.0, 2.0, 3.0], 800, p=[0.4, 0.3, 0.2, 0.1]),
             rng.choice([0.0, 1.0, 2.0, 3.0], 600, p=[0.3, 0.3, 0.25, 0.15]), ["psi", "jensenshannon"]),
        case("categorical_small_same", rng.choice([1.5, 2.5, 3.5], 900, p=[0.5, 0.3, 0.2]),
             rng.choice([1.5, 2.5, 3.5], 700, p=[0.5, 0.3, 0.2]), ["psi"]),
        case("categorical_large", rng.choice([0.0, 1.0, 2.0, 3.0, 4.0], 2000, p=[0.3, 0.3, 0.2, 0.1, 0.1]),
             rng.choice([0.0, 1.0, 2.0, 3.0, 4.0], 2000, p=[0.2, 0.3, 0.2, 0.2, 0.1]), ["psi"]),
        case("binary_small", rng.choice([0.0, 1.0], 700, p=[0.6, 0.4]), rng.choice([0.0, 1.0], 500, p=[0.5, 0.5]), []),
        case("binary_small_same", rng.choice([0.0, 1.0], 700, p=[0.6, 0.4]), rng.choice([0.0, 1.0], 500, p=[0.6, 0.4]), []),
        case("psi_zero_fill", rng.normal(0, 1, 1500), rng.normal(2.5, 0.5, 1500), ["psi"]),
        case("ks_asymptotic_drift", rng.normal(0, 1, 300), rng.normal(0.25, 1, 12000), ["ks"]),
        case("ks_asymptotic_tail", rng.normal(0, 1, 600), rng.normal(0.12, 1, 11000), ["ks"]),
    ]
    # References built from the current sample's quantiles, offset by a set
    # share, reach the asymptotic regimes a random draw rarely does: small D
    # for n > 140 (Durbin matrix) and n <= 140 (Durbin matrix / Pomeranz in SciPy).
    for name, n_ref, n_cur, offset in [("ks_asymptotic_durbin", 300, 12000, 0.02),
                                       ("ks_asymptotic_small_n_durbin", 100, 10500, 0.05),
                                       ("ks_asymptotic_small_n_pomeranz", 100, 10500, 0.14)]:
        cur = rng.normal(0, 1, n_cur)
        levels = np.clip((np.arange(n_ref) + 0.5) / n_ref + offset, 0, 1)
        cases.append(case(name, np.quantile(cur, levels), cur, ["ks"]))
    for c in cases:
        d, n = c["scipy_ks_statistic"], c["ks_asymptotic_n"]
        c["ks_regime"] = "exact" if c["ks_exact"] else (
            "smirnov" if (n * d * d >= 2.2 and n > 140) or n * d * d > 4 else (
                "pelz_good" if n > 140 and n * d ** 1.5 > 1.4 else (
                    "durbin" if n > 140 or n * d * d <= 0.754693 else "pomeranz")))
    doc = {"generator": "scripts/reference/make_drift_fixtures.py",
           "versions": {"evidently": evidently.__version__, "pandas": pd.__version__, "scipy": scipy.__version__,
                        "numpy": np.__version__},
           "cases": cases}
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    for c in cases:
        print(c["name"], c["ks_regime"], [(r["method"], r["score"], r["drift_detected"]) for r in c["results"]])


if __name__ == "__main__":
    main()
