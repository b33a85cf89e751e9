#!/usr/bin/env python3
"""Write the fixture the Swift LogisticClassifier (scaler + model) tests compare against.

    python3 scripts/reference/make_pipeline_fixtures.py

Output (deterministic, byte-identical on rerun):
    Tests/LogitTests/Fixtures/pipeline_raisin.json

scikit-learn's `make_pipeline(StandardScaler(), LogisticRegression(C=1/(n*0.01),
solver="newton-cholesky", tol=1e-12, max_iter=1000))` fitted on all 900 raw
Raisin rows (Besni = 0, Kecimen = 1). C = 1/(n*lambda2) makes its optimum the
minimiser of mean cross-entropy + (lambda2/2)||w||^2 with lambda2 = 0.01, the
engine's objective. Recorded:

- "mean", "scale": the StandardScaler's mean_ and scale_ (population std);
- "coef", "intercept": the standardized-space weights (1 row, binary);
- "coef_original", "intercept_original": the same model in original units,
  coef/scale and intercept - sum(coef*mean/scale), cross-checked here against
  a LogisticRegression decision function on raw rows;
- "rows": 6 raw rows (indices "row_indices") with scikit-learn's
  decision_function, predict_proba and predicted class name for each.
"""
import json
import os
import sys
import warnings

import numpy as np
import scipy
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_training_fixtures import load_raisin  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIXTURE = os.path.join(ROOT, "Tests", "LogitTests", "Fixtures", "pipeline_raisin.json")

LAMBDA2 = 0.01
ROW_INDICES = [0, 1, 449, 450, 451, 899]


def main():
    X, y, class_names = load_raisin()
    n = X.shape[0]
    pipeline = make_pipeline(
        StandardScaler(),
        LogisticRegression(C=1.0 / (n * LAMBDA2), solver="newton-cholesky", tol=1e-12, max_iter=1000),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a ConvergenceWarning must fail loudly
        pipeline.fit(X, y)
    scaler, model = pipeline[0], pipeline[1]
    coef = model.coef_[0]
    coef_original = coef / scaler.scale_
    intercept_original = model.intercept_[0] - np.sum(coef * scaler.mean_ / scaler.scale_)
    # The original-unit form must give the pipeline's own scores on raw rows.
    raw_scores = X @ coef_original + intercept_original
    assert np.max(np.abs(raw_scores - pipeline.decision_function(X))) < 1e-9

    rows = X[ROW_INDICES]
    fixture = {
        "generator": "scripts/reference/make_pipeline_fixtures.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "scikit-learn": sklearn.__version__},
        "lambda2": LAMBDA2,
        "n": int(n),
        "class_names": class_names,
        "mean": scaler.mean_.tolist(),
        "scale": scaler.scale_.tolist(),
        "coef": coef.tolist(),
        "intercept": float(model.intercept_[0]),
        "coef_original": coef_original.tolist(),
        "intercept_original": float(intercept_original),
        "train_accuracy": float(pipeline.score(X, y)),
        "row_indices": ROW_INDICES,
        "rows": rows.tolist(),
        "decision_function": pipeline.decision_function(rows).tolist(),
        "predict_proba": pipeline.predict_proba(rows).tolist(),
        "predict": [class_names[i] for i in pipeline.predict(rows)],
    }
    os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
    with open(FIXTURE, "w") as f:
        json.dump(fixture, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"wrote {os.path.relpath(FIXTURE, ROOT)}")


if __name__ == "__main__":
    main()
