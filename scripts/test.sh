#!/usr/bin/env bash
# Sets up the machine and runs the whole test suite twice: with the OpenBLAS
# trait (both backends) and without it (pure-Swift backend alone, its own
# build folder). This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== scikit-learn digits as image folders for the image tests (scripts/digits_images.sh)"
LOGIT_DIGITS_IMAGES="$(mktemp -d)"
export LOGIT_DIGITS_IMAGES
trap 'rm -rf "$LOGIT_DIGITS_IMAGES"' EXIT
bash scripts/digits_images.sh "$LOGIT_DIGITS_IMAGES"

echo "== swift test (OpenBLAS trait on: BLAS and Swift backends)"
swift build --build-tests
swift test

echo "== the service's fault checks on 127.0.0.1: reload under load, corrupt reload, malformed requests, slow clients, SIGTERM (scripts/serve/faults.py)"
python3 scripts/serve/faults.py --logit "$(swift build --show-bin-path)/logit"

echo "== fuzz smoke: CSV, .npy and model-file parsers, 20 s each (scripts/fuzz.sh)"
bash scripts/fuzz.sh --smoke

echo "== swift test --disable-default-traits (pure-Swift backend only)"
swift test --disable-default-traits --scratch-path .build-noblas

echo "== MLflow's client reads the runs logit records (scripts/check_mlflow.sh)"
bash scripts/check_mlflow.sh
bash scripts/check_onnx.sh
bash scripts/consumers.sh
