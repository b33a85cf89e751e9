"""Reference check of `logit export --format onnx` (scripts/check_onnx.sh).

Two modes:

  check_onnx.py data DIR
      Writes the check's data sets as CSV into DIR: a 10-class synthetic set
      (NumPy, seeded; string classes c0..c9) and scikit-learn's digits (integer
      classes 0..9, 64 features, about 2 % of the cells blank so that the
      exported missing-value fill runs). Raisin is the engine's embedded CSV.

  check_onnx.py compare MODEL.onnx DATA.csv LABEL_COLUMN PREDICTIONS.csv PRECISION WEIGHTS.json
      onnx.checker.check_model(full_check=True) on the exported graph; runs it
      in ONNX Runtime on DATA.csv's feature columns (float32 or float64 as
      PRECISION) and compares with `logit predict`'s PREDICTIONS.csv:
      probabilities within 1e-6 (float32) / 1e-12 (float64) and identical
      labels. Also recomputes the probabilities in float64 from the
      json-weights export (WEIGHTS.json) and compares them with the float64
      predictions (same 1e-12).

Tolerances: the graph repeats the engine's arithmetic (scaling in float64,
rounded to the input type, then MatMul + Add + Sigmoid/Softmax in the input
type), so only the order of the d-term dot products and the exp/sigmoid
implementations differ: a few units in the last place of the scores, which is
well under 1e-6 in float32 (eps 1.2e-7, scores of magnitude < 50) and 1e-12 in
float64 (eps 2.2e-16).
"""
import csv
import json
import math
import sys

import numpy as np


def write_data(folder):
    rng = np.random.default_rng(20261130)
    k, d, n = 10, 12, 3000
    centers = rng.normal(0, 2.0, size=(k, d))
    labels = rng.integers(0, k, size=n)
    x = centers[labels] + rng.normal(0, 1.5, size=(n, d)) * rng.uniform(0.5, 20, size=d) + rng.uniform(-50, 50, size=d)
    with open(f"{folder}/synthetic10.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"f{j}" for j in range(d)] + ["label"])
        for row, label in zip(x, labels):
            w.writerow([repr(float(v)) for v in row] + [f"c{label}"])

    from sklearn.datasets import load_digits
    digits = load_digits()
    mask = rng.uniform(size=digits.data.shape) < 0.02
    with open(f"{folder}/digits.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow([f"px{j}" for j in range(digits.data.shape[1])] + ["digit"])
        for row, blanks, label in zip(digits.data, mask, digits.target):
            w.writerow(["" if blank else repr(float(v)) for v, blank in zip(row, blanks)] + [int(label)])


def read_features(path, label_column, feature_names):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    x = np.array([[float(r[name]) if r[name].strip() != "" else math.nan for name in feature_names] for r in rows])
    return x, [r[label_column] for r in rows]


def compare(onnx_path, data_path, label_column, predictions_path, precision, weights_path):
    import onnx
    import onnxruntime as ort

    model = onnx.load(onnx_path)
    onnx.checker.check_model(model, full_check=True)
    meta = {p.key: p.value for p in model.metadata_props}
    features = json.loads(meta["feature_names"])
    classes = json.loads(meta["class_names"])
    x, _ = read_features(data_path, label_column, features)
    dtype = np.float32 if precision == "float" else np.float64
    session = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    assert [i.name for i in session.get_inputs()] == ["X"], session.get_inputs()
    assert [o.name for o in session.get_outputs()] == ["label", "probabilities"], session.get_outputs()
    label, probabilities = session.run(None, {"X": x.astype(dtype)})
    assert probabilities.dtype == dtype, probabilities.dtype
    assert probabilities.shape == (len(x), len(classes)), probabilities.shape

    with open(predictions_path, newline="") as f:
        rows = list(csv.DictReader(f))
    expected = np.array([[float(r["p_" + c]) for c in classes] for r in rows])
    expected_labels = [r["predicted"] for r in rows]
    got_labels = [str(v.decode() if isinstance(v, bytes) else v) for v in label.tolist()]
    tolerance = 1e-6 if precision == "float" else 1e-12
    difference = float(np.max(np.abs(probabilities.astype(np.float64) - expected)))
    mismatched = sum(a != b for a, b in zip(got_labels, expected_labels))
    print(f"check_onnx: {onnx_path}: {len(x)} rows, {len(classes)} classes, {precision}: "
          f"max |p_onnx - p_logit| = {difference:.3g} (tolerance {tolerance:g}), label mismatches {mismatched}")
    ok = difference <= tolerance and mismatched == 0
    if len(got_labels) != len(expected_labels):
        print("check_onnx: row counts differ", len(got_labels), len(expected_labels))
        ok = False

    if precision == "double":
        w = json.load(open(weights_path))
        z = x.copy()
        if w.get("fill") is not None:
            fill = np.array(w["fill"])
            z = np.where(np.isnan(z), fill, z)
        s = w["scaler"]
        if s["kind"] == "standard":
            z = (z - np.array(s["mean"])) / np.array(s["scale"])
        elif s["kind"] == "minMax":
            z = z * np.array(s["scale"]) + np.array(s["offset"])
        scores = z @ np.array(w["weights"]).T + np.array(w["bias"])
        if w["link"] == "sigmoid":
            p1 = 1 / (1 + np.exp(-scores[:, 0]))
            p = np.column_stack([1 - p1, p1])
        else:
            e = np.exp(scores - scores.max(axis=1, keepdims=True))
            p = e / e.sum(axis=1, keepdims=True)
        weights_difference = float(np.max(np.abs(p - expected)))
        print(f"check_onnx: {weights_path}: max |p_weights - p_logit| = {weights_difference:.3g} (tolerance 1e-12)")
        ok = ok and weights_difference <= 1e-12
    return ok


if __name__ == "__main__":
    if sys.argv[1] == "data":
        write_data(sys.argv[2])
    elif sys.argv[1] == "compare":
        sys.exit(0 if compare(*sys.argv[2:8]) else 1)
    else:
        sys.exit(f"unknown mode {sys.argv[1]}")
