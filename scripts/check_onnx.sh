#!/usr/bin/env bash
# Checks `logit export --format onnx` against ONNX Runtime: installs onnx,
# onnxruntime, numpy and scikit-learn (pinned in scripts/requirements-onnx.txt)
# into .venv-onnx/, trains models on Raisin (binary), a 10-class synthetic set
# and scikit-learn's digits (with missing cells filled), in float and double,
# exports each, and compares ONNX Runtime's label and probabilities with
# `logit predict`'s (scripts/check_onnx.py); also checks each double model's
# card (confusion matrix, reliability table, Brier score) against scikit-learn.
# Exits non-zero on any mismatch.
#
#   LOGIT_EXECUTABLE=path   use this logit instead of building one
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv-onnx
source scripts/lib/venv.sh
ensure_venv check_onnx "$venv" scripts/requirements-onnx.txt

logit="$(logit_executable)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" scripts/check_onnx.py data "$work"
cp Sources/Logit/Resources/Raisin/Raisin_Dataset.csv "$work/raisin.csv"

status=0
for spec in "raisin Class" "synthetic10 label" "digits digit --impute mean"; do
    read -r name label extra <<< "$spec"
    for precision in float double; do
        stem="$work/$name-$precision"
        # shellcheck disable=SC2086
        "$logit" train --data "$work/$name.csv" --label "$label" --precision "$precision" $extra \
            --output "$stem.json" --quiet --json > /dev/null
        "$logit" export --model "$stem.json" --format onnx --output "$stem.onnx"
        "$logit" export --model "$stem.json" --format json-weights --output "$stem.weights.json"
        "$logit" predict --model "$stem.json" --data "$work/$name.csv" --digits 17 --output "$stem.predictions.csv"
        "$venv/bin/python" scripts/check_onnx.py compare "$stem.onnx" "$work/$name.csv" "$label" \
            "$stem.predictions.csv" "$precision" "$stem.weights.json" || status=1
        if [[ "$precision" == double ]]; then
            # the model card's training-sample numbers against scikit-learn
            "$logit" models card "$stem.json" --output "$stem.card.md"
            "$venv/bin/python" scripts/check_onnx.py card "$stem.json" "$stem.card.md" || status=1
        fi
    done
done
exit "$status"
