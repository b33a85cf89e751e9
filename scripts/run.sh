#!/usr/bin/env bash
# Sets up the machine, builds in release mode and runs the main job.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
swift build -c release --product logit
swift run -c release logit demo "$@"
