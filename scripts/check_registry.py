"""Reads the model registry and the MLflow model folders logit writes with
MLflow's own client (run by scripts/check_mlflow.sh).

Usage: check_registry.py STORE RUN_ID DATA_CSV RUN_PREDICTIONS_CSV ALIAS_PREDICTIONS_CSV

STORE holds a registered model `raisin` with versions 1 (from run RUN_ID,
double) and 2 (float), alias `production` rolled back to 1 (1, then 2, then back)
and `staging` -> 2 (its history tag: 1). Checks that MlflowClient lists the model, its versions,
tags and aliases, resolves models:/raisin@production, and that
mlflow.pyfunc.load_model(...).predict(df) on runs:/RUN_ID/model and
models:/raisin@production returns `logit predict`'s labels and probabilities
(RUN_PREDICTIONS_CSV, ALIAS_PREDICTIONS_CSV, written with --digits 17).
Tolerance 1e-12: both are float64 graphs repeating the engine's arithmetic
(see scripts/check_onnx.py). Exits 1 on the first mismatch.
"""

import csv
import os
import sys

os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")

import mlflow  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402

checks = 0


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        print(f"check_registry: FAILED: {message}", file=sys.stderr)
        sys.exit(1)


store, run_id, data_csv, run_predictions, alias_predictions = sys.argv[1:6]
uri = "file://" + os.path.abspath(store)
mlflow.set_tracking_uri(uri)
mlflow.set_registry_uri(uri)
client = MlflowClient(tracking_uri=uri, registry_uri=uri)

models = client.search_registered_models()
check([m.name for m in models] == ["raisin"], f"registered models {[m.name for m in models]}")
model = client.get_registered_model("raisin")
check(model.aliases == {"production": "1", "staging": "2"}, f"aliases {model.aliases}")
check(model.tags.get("logit.alias_history.production") == "1", f"alias history tag {model.tags}")  # rollback pops 2
versions = sorted(client.search_model_versions("name='raisin'"), key=lambda v: int(v.version))
check([str(v.version) for v in versions] == ["1", "2"], f"versions {[v.version for v in versions]}")
check(versions[0].run_id == run_id, f"version 1 run id {versions[0].run_id} != {run_id}")
check(versions[0].status == "READY" and versions[0].current_stage == "None", f"version 1 status {versions[0].status}")
check(all(v.tags.get("logit.model_checksum", "").startswith("fnv1a64:") for v in versions), "checksum tags")
by_alias = client.get_model_version_by_alias("raisin", "production")
check(str(by_alias.version) == "1", f"models:/raisin@production is version {by_alias.version}")
download = client.get_model_version_download_uri("raisin", "1")
check(download.endswith("/models/raisin/version-1/model"), f"download uri {download}")

# the signature declares double columns; integer-looking CSV columns (Area) are read as int64
features = pd.read_csv(data_csv).drop(columns=["Class"]).astype("float64")


def compare(model_uri, predictions_csv):
    loaded = mlflow.pyfunc.load_model(model_uri)
    got = loaded.predict(features)
    expected = pd.read_csv(predictions_csv)
    check(list(got.columns) == ["label"] + [c for c in expected.columns if c.startswith("p_")],
          f"{model_uri}: output columns {list(got.columns)}")
    check(len(got) == len(expected), f"{model_uri}: {len(got)} rows, logit predict {len(expected)}")
    check(list(got["label"].astype(str)) == list(expected["predicted"].astype(str)), f"{model_uri}: labels differ")
    columns = [c for c in expected.columns if c.startswith("p_")]
    difference = float(np.max(np.abs(got[columns].to_numpy(dtype=np.float64) - expected[columns].to_numpy())))
    check(difference <= 1e-12, f"{model_uri}: max |p_pyfunc - p_logit| = {difference:.3g} > 1e-12")
    print(f"check_registry: {model_uri}: {len(got)} rows, labels identical, max |p_pyfunc - p_logit| = {difference:.3g}")


compare(f"runs:/{run_id}/model", run_predictions)
compare("models:/raisin@production", alias_predictions)
print(f"check_registry: {checks} checks passed")
