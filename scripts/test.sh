#!/usr/bin/env bash
# Sets up the machine and runs the whole test suite twice: with the OpenBLAS
# trait (both backends) and without it (pure-Swift backend alone, its own
# build folder). This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

echo "== swift test (OpenBLAS trait on: BLAS and Swift backends)"
swift build --build-tests
swift test

echo "== fuzz smoke: CSV, .npy and model-file parsers, 20 s each (scripts/fuzz.sh)"
bash scripts/fuzz.sh --smoke

echo "== swift test --disable-default-traits (pure-Swift backend only)"
swift test --disable-default-traits --scratch-path .build-noblas

echo "== MLflow's client reads the runs logit records (scripts/check_mlflow.sh)"
bash scripts/check_mlflow.sh
bash scripts/check_onnx.sh
bash scripts/consumers.sh
