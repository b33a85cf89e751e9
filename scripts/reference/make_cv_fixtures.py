#!/usr/bin/env python3
"""Write the cross-validation fixture the Swift CrossValidation tests compare against.

    python3 scripts/reference/make_cv_fixtures.py

Output (deterministic, byte-identical on rerun):
    Tests/LogitTests/Fixtures/cv_raisin.json

10-fold stratified cross-validation of Raisin (900 rows, Besni = 0, Kecimen = 1)
with scikit-learn's folds, `StratifiedKFold(n_splits=10, shuffle=True,
random_state=0)`. In every fold a `StandardScaler` is fitted on the fold's
training rows only and applied to its training and validation rows; then two
models are trained on the training rows and scored on the validation rows:

- "newton": scikit-learn `LogisticRegression(C = 1/(n_train * 0.01),
  solver="newton-cholesky", tol=1e-12, max_iter=1000)`, the minimiser of
  mean cross-entropy + (0.01/2)||w||^2 (bias unpenalised). Cross-checked
  against the NumPy Newton of logistic_reference.py (max |diff| <= 1e-9).
- "gd_classic": full-batch gradient descent from zero, lr 0.01, 100 epochs,
  lambda2 0.01, as logistic_reference.gradient_descent implements it.

Scores: accuracy (binary prediction p >= 0.5 -> Kecimen) and
sklearn.metrics.log_loss of the validation probabilities; mean and population
std (ddof = 0) over the folds. See README.md ("Cross-validation") for the schema.
"""
import json
import os
import re
import sys
import warnings

import numpy as np
import scipy
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import logistic_reference as ref  # noqa: E402
from make_training_fixtures import load_raisin  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
FIXTURE = os.path.join(ROOT, "Tests", "LogitTests", "Fixtures", "cv_raisin.json")

LAMBDA2 = 0.01
GD_SCHEDULE = {"type": "constant", "lr": 0.01}
GD_EPOCHS = 100


def fit_sklearn(X, y, C):
    model = LogisticRegression(C=C, solver="newton-cholesky", tol=1e-12, max_iter=1000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a ConvergenceWarning must fail loudly
        model.fit(X, y)
    return model


def scores(y_true, proba):
    """Accuracy and log loss of an (n, 2) probability matrix, prediction p1 >= 0.5."""
    predictions = (proba[:, 1] >= 0.5).astype(int)
    return float(accuracy_score(y_true, predictions)), float(log_loss(y_true, proba, labels=[0, 1]))


def summary(accuracies, losses):
    a, l = np.array(accuracies), np.array(losses)
    return {
        "accuracy": [float(v) for v in a],
        "log_loss": [float(v) for v in l],
        "mean_accuracy": float(a.mean()),
        "std_accuracy": float(a.std(ddof=0)),
        "mean_log_loss": float(l.mean()),
        "std_log_loss": float(l.std(ddof=0)),
    }


def main():
    X_all, labels, class_names = load_raisin()
    splitter = StratifiedKFold(n_splits=10, shuffle=True, random_state=0)
    folds = []
    newton_acc, newton_loss, gd_acc, gd_loss = [], [], [], []
    margins, iterations, max_diffs = [], [], []
    for train, validation in splitter.split(X_all, labels):
        train, validation = np.sort(train), np.sort(validation)
        folds.append({"train": [int(i) for i in train], "validation": [int(i) for i in validation]})
        scaler = StandardScaler().fit(X_all[train])
        X, Xv = scaler.transform(X_all[train]), scaler.transform(X_all[validation])
        y, yv = labels[train], labels[validation]
        n_train = len(train)

        model = fit_sklearn(X, y, 1.0 / (n_train * LAMBDA2))
        check = ref.newton(X, y, 2, LAMBDA2)
        diff = max(float(np.max(np.abs(model.coef_ - check["W"]))),
                   float(np.max(np.abs(model.intercept_ - check["b"]))))
        assert diff <= 1e-9, diff
        proba = model.predict_proba(Xv)
        assert np.array_equal((proba[:, 1] >= 0.5).astype(int), model.predict(Xv))
        acc, loss = scores(yv, proba)
        newton_acc.append(acc)
        newton_loss.append(loss)
        margins.append(float(np.min(np.abs(proba[:, 1] - 0.5))))
        iterations.append(int(model.n_iter_[0]))
        max_diffs.append(diff)

        gd = ref.gradient_descent(X, y, 2, GD_SCHEDULE, GD_EPOCHS, LAMBDA2)
        acc, loss = scores(yv, ref.probabilities(Xv, gd["W"], gd["b"]))
        gd_acc.append(acc)
        gd_loss.append(loss)

    validated = np.sort(np.concatenate([f["validation"] for f in folds]))
    assert np.array_equal(validated, np.arange(len(labels)))

    newton = summary(newton_acc, newton_loss)
    newton.update({
        "estimator": "LogisticRegression(C=1/(n_train*0.01), solver='newton-cholesky', tol=1e-12, max_iter=1000)",
        "lambda2": LAMBDA2,
        "sklearn_iterations": iterations,
        "max_abs_diff_vs_numpy_newton": max_diffs,
        "min_abs_probability_minus_half": margins,
    })
    gd = summary(gd_acc, gd_loss)
    gd.update({
        "algorithm": "logistic_reference.gradient_descent: zero init, lr 0.01 constant, 100 epochs, "
                     "lambda2 0.01, bias unpenalised",
        "learning_rate": GD_SCHEDULE["lr"],
        "epochs": GD_EPOCHS,
        "lambda2": LAMBDA2,
    })
    fixture = {
        "generated_by": "scripts/reference/make_cv_fixtures.py "
                        f"(numpy {np.__version__}, scipy {scipy.__version__}, scikit-learn {sklearn.__version__})",
        "data": {
            "csv": "Sources/Logit/Resources/Raisin/Raisin_Dataset.csv",
            "rows": int(len(labels)),
            "class_names": class_names,
            "labels": [int(v) for v in labels],
        },
        "splitter": "StratifiedKFold(n_splits=10, shuffle=True, random_state=0); indices sorted ascending",
        "scaling": "StandardScaler fitted on each fold's training rows (population std)",
        "folds": folds,
        "models": {"newton": newton, "gd_classic": gd},
    }
    # Indented, but every list of numbers on one line (index lists would otherwise take a line each).
    text = json.dumps(fixture, indent=1, allow_nan=False)
    text = re.sub(r"\[\s*([-+.eE\d,\s]+?)\s*\]", lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
    assert json.loads(text) == fixture
    out = text + "\n"
    with open(FIXTURE, "w", encoding="utf-8", newline="\n") as f:
        f.write(out)
    print(f"wrote {os.path.relpath(FIXTURE, ROOT)} ({os.path.getsize(FIXTURE)} bytes)")
    print("converged (scikit-learn newton-cholesky, lambda2 0.01): accuracy %.4f ± %.4f, log loss %.4f ± %.4f"
          % (newton["mean_accuracy"], newton["std_accuracy"], newton["mean_log_loss"], newton["std_log_loss"]))
    print("classic GD (lr 0.01, 100 epochs, lambda2 0.01):        accuracy %.4f ± %.4f, log loss %.4f ± %.4f"
          % (gd["mean_accuracy"], gd["std_accuracy"], gd["mean_log_loss"], gd["std_log_loss"]))
    print("per-fold accuracy newton", newton["accuracy"])
    print("per-fold accuracy gd    ", gd["accuracy"])
    print("closest validation probability to 0.5 (newton): %.3e" % min(margins))


if __name__ == "__main__":
    main()
