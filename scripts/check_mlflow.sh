#!/usr/bin/env bash
# Checks that MLflow's own client lists and reads the runs `logit train --track`
# records: installs mlflow-skinny (pinned in scripts/requirements-mlflow.txt)
# into .venv-mlflow/, builds logit, records three runs in a temporary store and
# reads them back with MlflowClient (scripts/check_mlflow.py); then registers
# models, aliases and rolls back, and checks the registry and the MLflow model
# folders with MlflowClient and mlflow.pyfunc (scripts/check_registry.py).
# Exits non-zero on any mismatch.
#
#   LOGIT_EXECUTABLE=path   use this logit instead of building one
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv-mlflow
source scripts/lib/venv.sh
ensure_venv check_mlflow "$venv" scripts/requirements-mlflow.txt

logit="$(logit_executable)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
store="$work/mlruns"
"$logit" train --track "$store" --json --quiet > "$work/run1.json"
"$logit" train --track "$store" --solver gd --epochs 25 --l2 0.05 --run-name "gd run" --json --quiet > "$work/run2.json"
"$logit" train --track "$store" --experiment raisin-sgd --solver sgd --epochs 5 --precision float --json --quiet \
    > "$work/run3.json"
"$logit" runs --track "$store" --json > "$work/runs.json"

MLFLOW_ALLOW_FILE_STORE=true "$venv/bin/python" scripts/check_mlflow.py "$store" "$work/runs.json" \
    "$work/run1.json" "$work/run2.json" "$work/run3.json"

# The registry and the MLflow model folders: register two versions, alias and roll back, then
# MlflowClient lists them and pyfunc loads runs:/ID/model and models:/raisin@production.
run1="$("$venv/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["run_id"])' "$work/run1.json")"
run3="$("$venv/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["run_id"])' "$work/run3.json")"
"$logit" models register --track "$store" --run "$run1" --name raisin > /dev/null
"$logit" models register --track "$store" --model "$run3" --name raisin > /dev/null
"$logit" models alias --track "$store" raisin production 1 > /dev/null
"$logit" models alias --track "$store" raisin production 2 > /dev/null
"$logit" models alias --track "$store" raisin staging 2 > /dev/null
"$logit" models rollback --track "$store" raisin production > /dev/null
raisin=Sources/Logit/Resources/Raisin/Raisin_Dataset.csv
"$logit" predict --track "$store" --model "$run1" --data "$raisin" --digits 17 --output "$work/run1-predictions.csv"
"$logit" predict --track "$store" --model models:/raisin@production --data "$raisin" --digits 17 \
    --output "$work/production-predictions.csv"
MLFLOW_ALLOW_FILE_STORE=true "$venv/bin/python" scripts/check_registry.py "$store" "$run1" "$raisin" \
    "$work/run1-predictions.csv" "$work/production-predictions.csv"

