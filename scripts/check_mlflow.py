"""Reads runs recorded by `logit train --track` with MLflow's own client.

Usage: check_mlflow.py STORE RUNS_JSON REPORT_JSON...

STORE is the tracking folder, RUNS_JSON the output of `logit runs --json`, and
each REPORT_JSON the `--json` output of one `logit train --track` run. Every
run must be listed by MLflow with its experiment, name, status, parameters,
final metrics, the per-epoch objective as a stepped metric history, tags, and
the model file as an artifact. Exits 1 on the first mismatch.
"""

import json
import os
import sys
import tempfile

os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")

from mlflow.tracking import MlflowClient  # noqa: E402

checks = 0


def check(condition, message):
    global checks
    checks += 1
    if not condition:
        print(f"check_mlflow: FAILED: {message}", file=sys.stderr)
        sys.exit(1)


def main():
    store, runs_path, report_paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    client = MlflowClient(tracking_uri="file://" + os.path.abspath(store))
    reports = [json.load(open(path)) for path in report_paths]
    listed = json.load(open(runs_path))

    experiments = {e.name: e.experiment_id for e in client.search_experiments()}
    check("Default" in experiments and experiments["Default"] == "0", f"experiments {experiments}")
    check("raisin-sgd" in experiments, f"experiment raisin-sgd missing from {experiments}")
    runs = client.search_runs(list(experiments.values()))
    check(len(runs) == len(reports), f"MLflow lists {len(runs)} runs, logit recorded {len(reports)}")
    check({r.info.run_id for r in runs} == {r["run_id"] for r in reports}, "run ids differ")
    check([r["id"] for r in listed] == [r["run_id"] for r in reversed(reports)],
          "`logit runs` does not list the runs newest first")

    for report in reports:
        run_id = report["run_id"]
        run = client.get_run(run_id)
        info, data = run.info, run.data
        check(info.status == "FINISHED", f"{run_id}: status {info.status}")
        check(info.end_time is not None and info.end_time >= info.start_time, f"{run_id}: times")
        check(data.tags.get("mlflow.runName") == info.run_name, f"{run_id}: runName tag {data.tags}")
        check(data.params.get("solver") == report["solver"], f"{run_id}: param solver {data.params}")
        check(float(data.params["l2"]) == report["l2"], f"{run_id}: param l2")
        check(("C" in data.params) == ("C" in report), f"{run_id}: param C present exactly when the penalty is C")
        if "C" in report:
            check(float(data.params["C"]) == report["C"], f"{run_id}: param C")
        check(data.params.get("stopping_rule") == report["stopping_rule"], f"{run_id}: param stopping_rule")
        check(int(data.params["epochs"]) == report["max_iterations"], f"{run_id}: param epochs")
        check(data.params.get("precision") == report["precision"], f"{run_id}: param precision")
        for split in ("train", "test"):
            for key in ("accuracy", "log_loss"):
                check(data.metrics[f"{split}_{key}"] == report[split][key],
                      f"{run_id}: metric {split}_{key} {data.metrics.get(f'{split}_{key}')} != {report[split][key]}")
        check(data.metrics["test_objective"] == report["test"]["objective"], f"{run_id}: test_objective")
        check(data.metrics["iterations"] == report["iterations"], f"{run_id}: iterations")

        history = client.get_metric_history(run_id, "train_objective")
        steps = [m.step for m in history]
        check(steps == list(range(report["iterations"] + 1)), f"{run_id}: objective steps {steps[:5]}…")
        check(history[-1].value == report["train"]["objective"], f"{run_id}: final objective")
        check(data.metrics["train_objective"] == report["train"]["objective"], f"{run_id}: latest objective")

        artifacts = [a.path for a in client.list_artifacts(run_id)]
        # The model file, its reference-sample sidecar (for `logit monitor --model latest`) and the MLflow model folder.
        check(artifacts == ["model", "model.json", "model.reference.bin"], f"{run_id}: artifacts {artifacts}")
        with tempfile.TemporaryDirectory() as folder:
            model = json.load(open(client.download_artifacts(run_id, "model.json", folder)))
        check(model["format"] == "logit-model" and model["formatVersion"] == 1, f"{run_id}: model format")
        check(model["classNames"] == report["classes"], f"{run_id}: model classes")
        check(model["featureNames"] == report["features"], f"{run_id}: model features")
        check(model["metrics"]["test"]["accuracy"] == report["test"]["accuracy"], f"{run_id}: model metrics")
        check(data.tags.get("logit.engine_version") == model["engineVersion"], f"{run_id}: engine version tag")

    gd = next(r for r in reports if r["solver"] == "gd")
    check(client.get_run(gd["run_id"]).info.run_name == "gd run", "run name of the gd run")
    print(f"check_mlflow: MLflow read {len(reports)} runs in {len(experiments)} experiments; {checks} checks OK")


if __name__ == "__main__":
    main()
