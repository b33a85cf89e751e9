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
requirements=scripts/requirements-mlflow.txt

# A Debian machine may have no Python, or one without venv/ensurepip: install them like setup.sh does.
if ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then
    sudo=()
    if [[ "$(id -u)" != "0" ]]; then sudo=(sudo); fi
    echo "check_mlflow: installing python3 python3-venv python3-pip"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        python3 python3-venv python3-pip
fi
if [[ ! -x "$venv/bin/python" ]] || ! cmp -s "$requirements" "$venv/requirements.txt"; then
    echo "check_mlflow: installing $(tr '\n' ' ' < "$requirements")into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$venv/requirements.txt"
fi

logit="${LOGIT_EXECUTABLE:-}"
if [[ -z "$logit" ]]; then
    swift build --product logit
    logit="$(swift build --show-bin-path)/logit"
fi

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

