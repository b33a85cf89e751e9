#!/usr/bin/env python3
"""Reference values for the Swift evaluation and preprocessing tests, computed by
scikit-learn, written to Tests/LogitTests/Fixtures/metrics.json.

    pip install -r scripts/requirements.txt   # numpy==2.4.6 scipy==1.17.1 scikit-learn==1.9.1
    python3 scripts/reference/make_metrics_fixtures.py

Deterministic: the inputs are literals or drawn from np.random.default_rng with fixed
seeds, and a rerun writes the same bytes. Floats are written with repr (shortest
round-trip), so the Swift side reads back exactly the doubles computed here.

Cases:
- classification: (y_true, y_pred) sets - binary, multiclass, a class never predicted,
  an explicit labels list that adds an absent class, one that leaves a class out (micro
  avg instead of accuracy) - with accuracy, per-class precision/recall/F1/support
  (zero_division=0), micro/macro/weighted averages and the confusion matrix.
- binary_scores: y_true and scores with ties; roc_auc_score, roc_curve
  (drop_intermediate=False, without the leading +inf threshold, which JSON cannot hold)
  and threshold-tuning answers found by brute force over the distinct scores with
  precision_score / recall_score / f1_score (predict positive when score >= threshold).
- multiclass_probabilities: 3- and 4-class probability matrices; one-vs-rest ROC AUC
  (macro and weighted) and log loss.
- log_loss: binary 1-D probabilities, exact 0 and 1 (clipping), sample weights,
  normalize=False, and float32 inputs (clipped at float32 epsilon).
- scalers: StandardScaler and MinMaxScaler fitted on a small train matrix with a constant
  column, applied to the train and to a separate test matrix.
- reports: classification_report text (digits 2 and 4, with target names, and a micro avg
  case).
"""
import json
import os

import numpy as np
import scipy
import sklearn
from sklearn.metrics import (accuracy_score, classification_report, confusion_matrix, f1_score, log_loss,
                             precision_recall_fscore_support, precision_score, recall_score, roc_auc_score,
                             roc_curve)
from sklearn.preprocessing import MinMaxScaler, StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LogitTests", "Fixtures", "metrics.json")


def floats(a):
    return [float(x) for x in np.asarray(a, dtype=np.float64).ravel()]


def matrix(a):
    return [floats(row) for row in np.asarray(a, dtype=np.float64)]


def ints(a):
    return [int(x) for x in np.asarray(a).ravel()]


def classification_case(name, y_true, y_pred, labels=None):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None, zero_division=0)
    averages = {}
    for avg in ("micro", "macro", "weighted"):
        ap, ar, af, _ = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=avg, zero_division=0)
        averages[avg] = {"precision": float(ap), "recall": float(ar), "f1": float(af)}
    used = labels if labels is not None else np.unique(np.concatenate([y_true, y_pred]))
    return {
        "name": name,
        "y_true": ints(y_true),
        "y_pred": ints(y_pred),
        "labels": None if labels is None else ints(labels),
        "resolved_labels": ints(used),
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "precision": floats(p),
        "recall": floats(r),
        "f1": floats(f),
        "support": ints(s),
        "micro": averages["micro"],
        "macro": averages["macro"],
        "weighted": averages["weighted"],
        "confusion_matrix": [ints(row) for row in confusion_matrix(y_true, y_pred, labels=labels)],
    }


def tuning_answers(y_true, scores):
    """Brute force over the distinct scores with scikit-learn's metric functions."""
    rows = []
    for t in sorted(set(float(s) for s in scores), reverse=True):
        pred = (scores >= t).astype(int)
        rows.append({
            "threshold": t,
            "precision": float(precision_score(y_true, pred, zero_division=0)),
            "recall": float(recall_score(y_true, pred, zero_division=0)),
            "f1": float(f1_score(y_true, pred, zero_division=0)),
        })
    # Highest F1; among equal F1 the largest threshold (rows are in descending order).
    best = max(rows, key=lambda row: row["f1"])
    best = next(row for row in rows if row["f1"] == best["f1"])
    answers = {"max_f1": best, "precision_targets": [], "recall_targets": []}
    for target in (0.5, 0.75, 0.9, 1.0):
        meeting = [row for row in rows if row["precision"] >= target]
        answers["precision_targets"].append({"target": target, "result": meeting[-1] if meeting else None})
    for target in (0.0, 0.5, 0.8, 1.0):
        meeting = [row for row in rows if row["recall"] >= target]
        answers["recall_targets"].append({"target": target, "result": meeting[0] if meeting else None})
    return answers


def binary_case(name, y_true, scores):
    y_true, scores = np.asarray(y_true), np.asarray(scores, dtype=np.float64)
    fpr, tpr, thresholds = roc_curve(y_true, scores, drop_intermediate=False)
    assert np.isinf(thresholds[0])
    return {
        "name": name,
        "y_true": ints(y_true),
        "scores": floats(scores),
        "roc_auc": float(roc_auc_score(y_true, scores)),
        "roc_curve": {"fpr": floats(fpr), "tpr": floats(tpr), "thresholds_after_inf": floats(thresholds[1:])},
        "tuning": tuning_answers(y_true, scores),
    }


def probabilities_case(name, y_true, proba, sample_weight):
    y_true, proba = np.asarray(y_true), np.asarray(proba, dtype=np.float64)
    return {
        "name": name,
        "y_true": ints(y_true),
        "probabilities": matrix(proba),
        "sample_weight": floats(sample_weight),
        "roc_auc_ovr_macro": float(roc_auc_score(y_true, proba, multi_class="ovr", average="macro")),
        "roc_auc_ovr_weighted": float(roc_auc_score(y_true, proba, multi_class="ovr", average="weighted")),
        "log_loss": float(log_loss(y_true, y_proba=proba, labels=np.arange(proba.shape[1]))),
        "log_loss_weighted": float(log_loss(y_true, y_proba=proba, labels=np.arange(proba.shape[1]),
                                            sample_weight=sample_weight)),
    }


def log_loss_case(name, y_true, proba, dtype, sample_weight=None, normalize=True):
    proba = np.asarray(proba, dtype=dtype)
    labels = np.arange(2) if proba.ndim == 1 else np.arange(proba.shape[1])
    value = log_loss(y_true, y_proba=proba, labels=labels, sample_weight=sample_weight, normalize=normalize)
    return {
        "name": name,
        "y_true": ints(y_true),
        "dtype": np.dtype(dtype).name,
        "positive_probabilities": floats(proba) if proba.ndim == 1 else None,
        "probabilities": matrix(proba) if proba.ndim == 2 else None,
        "sample_weight": None if sample_weight is None else floats(sample_weight),
        "normalize": normalize,
        "value": float(value),
    }


def random_probabilities(rng, n, k, y_true, sharpness):
    logits = rng.standard_normal((n, k))
    logits[np.arange(n), y_true] += sharpness
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def main():
    rng = np.random.default_rng(20240601)

    classification = [
        classification_case("binary", [0, 1, 1, 0, 1, 1, 0, 0, 1, 1], [0, 1, 0, 0, 1, 1, 1, 0, 1, 0]),
        classification_case("multiclass", [0, 1, 2, 2, 1, 0, 2, 1, 0, 2, 2, 1],
                            [0, 2, 2, 2, 1, 0, 1, 1, 0, 2, 0, 1]),
        # Class 2 is never predicted: precision 0 by zero_division=0.
        classification_case("never_predicted", [0, 1, 2, 2, 1, 0, 2, 1], [0, 1, 1, 0, 1, 0, 0, 1]),
        # Labels list with a class (3) absent from both: all its scores are 0.
        classification_case("absent_label_listed", [0, 1, 2, 2, 1, 0], [0, 2, 2, 1, 1, 0], labels=[0, 1, 2, 3]),
        # Labels list that leaves class 2 out: micro average differs from accuracy.
        classification_case("label_subset", [0, 1, 2, 2, 1, 0, 2], [0, 2, 2, 1, 1, 0, 0], labels=[0, 1]),
    ]
    y_many = rng.integers(0, 4, size=200)
    pred_many = np.where(rng.random(200) < 0.7, y_many, rng.integers(0, 4, size=200))
    classification.append(classification_case("random_4_classes", y_many, pred_many))

    # Scores with ties across classes (multiples of 0.1) and ties within a class.
    y_tie = np.array([0, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0])
    s_tie = np.array([0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2, 0.7, 0.7, 0.1, 0.55, 0.3, 0.9, 0.35, 0.05])
    y_rand = rng.integers(0, 2, size=60)
    s_rand = np.round(y_rand * 0.8 + rng.standard_normal(60), 1)  # rounding makes many ties
    binary_scores = [
        binary_case("ties", y_tie, s_tie),
        binary_case("all_tied", [0, 1, 0, 1, 1], [0.5, 0.5, 0.5, 0.5, 0.5]),
        binary_case("perfect", [0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9]),
        binary_case("random_rounded", y_rand, s_rand),
    ]

    y3 = np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 1, 0, 2, 2, 0])
    p3 = random_probabilities(rng, len(y3), 3, y3, 1.0)
    w3 = rng.uniform(0.5, 2.0, size=len(y3))
    y4 = rng.integers(0, 4, size=40)
    y4[:4] = [0, 1, 2, 3]
    p4 = random_probabilities(rng, len(y4), 4, y4, 0.8)
    w4 = rng.uniform(0.0, 3.0, size=len(y4))
    multiclass = [
        probabilities_case("three_classes", y3, p3, w3),
        probabilities_case("four_classes", y4, p4, w4),
    ]

    yb = np.array([1, 0, 1, 1, 0, 0, 1, 0])
    pb = np.array([0.9, 0.2, 0.6, 0.35, 0.5, 0.1, 0.75, 0.4])
    pb_clip = np.array([1.0, 0.0, 0.0, 1.0, 0.3, 0.7, 1.0, 0.0])  # two confident mistakes
    wb = np.array([1.0, 2.0, 0.5, 1.5, 1.0, 0.25, 3.0, 1.0])
    p3_clip = p3.copy()
    p3_clip[0] = [0.0, 1.0, 0.0]  # true class 0 given probability 0
    log_losses = [
        log_loss_case("binary", yb, pb, np.float64),
        log_loss_case("binary_weighted", yb, pb, np.float64, sample_weight=wb),
        log_loss_case("binary_sum", yb, pb, np.float64, normalize=False),
        log_loss_case("binary_clipped", yb, pb_clip, np.float64),
        log_loss_case("binary_clipped_float32", yb, pb_clip, np.float32),
        log_loss_case("binary_float32", yb, pb, np.float32),
        log_loss_case("multiclass_clipped", y3, p3_clip, np.float64),
        log_loss_case("multiclass_clipped_weighted", y3, p3_clip, np.float64, sample_weight=w3),
        log_loss_case("multiclass_clipped_float32", y3, p3_clip, np.float32),
    ]

    train = np.column_stack([
        rng.normal(10.0, 3.0, size=9),
        np.full(9, 4.25),  # constant column
        rng.uniform(-1.0, 1.0, size=9),
        np.arange(9, dtype=np.float64) * 1e3 + 0.5,
    ])
    test = np.column_stack([
        rng.normal(12.0, 3.0, size=5),
        np.array([4.25, 5.0, 3.0, 4.25, 4.25]),
        rng.uniform(-2.0, 2.0, size=5),
        np.arange(5, dtype=np.float64) * 2e3,
    ])
    standard = StandardScaler().fit(train)
    minmax = MinMaxScaler().fit(train)
    scalers = {
        "train": matrix(train),
        "test": matrix(test),
        "standard": {
            "mean": floats(standard.mean_),
            "var": floats(standard.var_),
            "scale": floats(standard.scale_),
            "train_transformed": matrix(standard.transform(train)),
            "test_transformed": matrix(standard.transform(test)),
        },
        "minmax": {
            "data_min": floats(minmax.data_min_),
            "data_max": floats(minmax.data_max_),
            "scale": floats(minmax.scale_),
            "min": floats(minmax.min_),
            "train_transformed": matrix(minmax.transform(train)),
            "test_transformed": matrix(minmax.transform(test)),
        },
    }

    raisin_like_true = [0] * 8 + [1] * 7
    raisin_like_pred = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0]
    reports = []
    for name, y_true, y_pred, labels, names, digits in [
        ("named_binary", raisin_like_true, raisin_like_pred, None, ["Besni", "Kecimen"], 2),
        ("multiclass_digits4", classification[1]["y_true"], classification[1]["y_pred"], None, None, 4),
        ("never_predicted", classification[2]["y_true"], classification[2]["y_pred"], None, ["a", "bb", "c"], 2),
        ("label_subset_micro", classification[4]["y_true"], classification[4]["y_pred"], [0, 1], None, 2),
        ("long_names", [0, 1, 2, 1, 0], [0, 1, 1, 1, 2], None,
         ["short", "a considerably longer class name", "mid name"], 3),
    ]:
        text = classification_report(y_true, y_pred, labels=labels, target_names=names, digits=digits,
                                     zero_division=0)
        reports.append({"name": name, "y_true": ints(y_true), "y_pred": ints(y_pred),
                        "labels": labels, "class_names": names, "digits": digits, "text": text})

    out = {
        "generated_by": "scripts/reference/make_metrics_fixtures.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__,
                     "scikit-learn": sklearn.__version__},
        "classification": classification,
        "binary_scores": binary_scores,
        "multiclass_probabilities": multiclass,
        "log_loss": log_losses,
        "scalers": scalers,
        "reports": reports,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
