"""The Flask + NumPy peer of `logit serve`: the original system's `/predict`.

It loads a logit model file (JSON: standard scaler, weights, bias, class
names) and answers the same request body as `logit serve`'s `/v1/predict`
(`{"rows": [[...], ...]}` or rows as objects keyed by feature name) with a
label and per-class probabilities per row, computed with NumPy the way the
original Flask app did: standardize, one matrix product, sigmoid or softmax.

Run under gunicorn with one worker per core (scripts/serve/loadtest.py):

    LOGIT_MODEL=model.json gunicorn -w 2 -b 127.0.0.1:PORT \
        --chdir scripts/serve flask_peer:app
"""
import json
import os

import numpy as np
from flask import Flask, jsonify, request

app = Flask(__name__)


def _load(path):
    with open(path) as f:
        m = json.load(f)
    scaler = m.get("scaler") or {}
    standard = scaler.get("standard", {}).get("_0")
    n = len(m["featureNames"])
    mean = np.array(standard["mean"]) if standard else np.zeros(n)
    scale = np.array(standard["scale"]) if standard else np.ones(n)
    scale = np.where(scale == 0, 1.0, scale)
    return {
        "features": m["featureNames"],
        "classes": m["classNames"],
        "mean": mean,
        "scale": scale,
        "W": np.array(m["weights"], dtype=np.float64),  # (K or 1) x d
        "b": np.array(m["bias"], dtype=np.float64),
        "version": m.get("createdAt", ""),
    }


MODEL = _load(os.environ.get("LOGIT_MODEL", "model.json"))


def _error(status, code, message):
    return jsonify({"error": {"code": code, "message": message}}), status


@app.get("/health")
def health():
    return jsonify({"status": "ok"})


@app.post("/predict")
@app.post("/v1/predict")
def predict():
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or "rows" not in body:
        return _error(400, "bad_request", "expected a JSON object with 'rows'")
    rows = body["rows"]
    names = MODEL["features"]
    try:
        if rows and isinstance(rows[0], dict):
            X = np.array([[r[f] for f in names] for r in rows], dtype=np.float64)
        else:
            X = np.array(rows, dtype=np.float64)
    except (KeyError, TypeError, ValueError) as e:
        return _error(400, "bad_request", f"bad rows: {e}")
    if X.ndim != 2 or X.shape[1] != len(names) or X.shape[0] == 0:
        return _error(400, "bad_request", f"expected rows of {len(names)} features")
    if not np.isfinite(X).all():
        return _error(400, "bad_request", "non-finite value")
    Z = (X - MODEL["mean"]) / MODEL["scale"]
    S = Z @ MODEL["W"].T + MODEL["b"]
    if S.shape[1] == 1:
        p1 = 1.0 / (1.0 + np.exp(-S[:, 0]))
        P = np.column_stack([1.0 - p1, p1])
    else:
        S = S - S.max(axis=1, keepdims=True)
        E = np.exp(S)
        P = E / E.sum(axis=1, keepdims=True)
    classes = MODEL["classes"]
    labels = P.argmax(axis=1)
    predictions = [
        {"label": classes[k], "probabilities": dict(zip(classes, p.tolist()))}
        for k, p in zip(labels.tolist(), P)
    ]
    return jsonify({"predictions": predictions, "model_version": MODEL["version"]})
