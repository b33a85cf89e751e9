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

  check_onnx.py card MODEL.json CARD.md
      Recomputes the card's training-sample numbers from the model's
      reference-sample sidecar with scikit-learn: the confusion matrix
      (exact), the reliability table (calibration_curve, uniform 10 bins;
      3-decimal rounding, so within 5e-4) and the Brier score
      (brier_score_loss for two classes, the multi-class sum otherwise;
      4 decimals, so within 5e-5).

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
import os
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


def read_reference_sample(path):
    """The sidecar: LOGITREF, version, header length, JSON header, values, labels, probabilities."""
    import struct
    data = open(path, "rb").read()
    assert data[:8] == b"LOGITREF", "not a reference sample"
    _version, length = struct.unpack("<II", data[8:16])
    header = json.loads(data[16:16 + length])
    m, d, k = header["rows"], len(header["featureNames"]), len(header["classNames"])
    offset = 16 + length + 8 * m * d
    labels = np.frombuffer(data, dtype="<i8", count=m, offset=offset)
    probabilities = np.frombuffer(data, dtype="<f8", count=m * k, offset=offset + 8 * m).reshape(m, k)
    return labels, probabilities


def markdown_rows(card, header_start):
    lines = card.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def check_card(model_path, card_path):
    from sklearn.calibration import calibration_curve
    from sklearn.metrics import brier_score_loss, confusion_matrix

    model = json.load(open(model_path))
    classes = model["classNames"]
    k = len(classes)
    sidecar = os.path.join(os.path.dirname(model_path), model["referenceSample"]["file"])
    labels, p = read_reference_sample(sidecar)
    card = open(card_path).read()
    predicted = (p[:, 1] >= 0.5).astype(int) if k == 2 else np.argmax(p, axis=1)  # argmax: first on ties
    ok = True

    expected_matrix = confusion_matrix(labels, predicted, labels=list(range(k)))
    got_matrix = np.array([[int(v) for v in row[1:]] for row in markdown_rows(card, "| true \\ predicted")])
    if not np.array_equal(expected_matrix, got_matrix):
        print(f"check_onnx: {card_path}: confusion matrix differs from scikit-learn's", expected_matrix, got_matrix)
        ok = False

    if k == 2:
        prob_true, prob_pred = calibration_curve(labels == 1, p[:, 1], n_bins=10, strategy="uniform")
        brier = brier_score_loss(labels, p[:, 1])
    else:
        confidence = p[np.arange(len(labels)), predicted]
        prob_true, prob_pred = calibration_curve(predicted == labels, confidence, n_bins=10, strategy="uniform")
        brier = float(np.mean(np.sum((p - np.eye(k)[labels]) ** 2, axis=1)))
    table = markdown_rows(card, "| predicted | rows")
    got_pred = np.array([float(row[2]) for row in table])
    got_true = np.array([float(row[3]) for row in table])
    # half a unit of the third decimal, plus room for the binary representation of an exact tie (0.4375 -> 0.438)
    rounding = 5e-4 + 1e-12
    if len(table) != len(prob_true) or np.max(np.abs(got_pred - prob_pred)) > rounding or np.max(np.abs(got_true - prob_true)) > rounding:
        print(f"check_onnx: {card_path}: reliability table differs from calibration_curve", table, prob_pred, prob_true)
        ok = False
    got_brier = float(card.split("Brier score: ")[1].split(" ")[0].rstrip("."))
    if abs(got_brier - brier) > 5e-5 + 1e-12:
        print(f"check_onnx: {card_path}: Brier {got_brier} vs scikit-learn {brier}")
        ok = False
    if ok:
        print(f"check_onnx: {card_path}: confusion matrix, {len(table)} reliability bins and Brier {brier:.4f} "
              f"match scikit-learn ({len(labels)} sampled rows)")
    return ok


if __name__ == "__main__":
    if sys.argv[1] == "data":
        write_data(sys.argv[2])
    elif sys.argv[1] == "card":
        sys.exit(0 if check_card(sys.argv[2], sys.argv[3]) else 1)
    elif sys.argv[1] == "compare":
        sys.exit(0 if compare(*sys.argv[2:8]) else 1)
    else:
        sys.exit(f"unknown mode {sys.argv[1]}")
