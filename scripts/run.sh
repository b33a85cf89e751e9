#!/usr/bin/env bash
# Sets up the machine, builds in release mode and runs the main job: `logit train`
# on the embedded Raisin data (any arguments are passed on to it).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
swift build -c release --product logit
swift run -c release logit train "$@"
