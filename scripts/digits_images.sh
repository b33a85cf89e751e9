#!/usr/bin/env bash
# Writes scikit-learn's digits as PNG and JPEG image folders into DIR (for the
# image tests: LOGIT_DIGITS_IMAGES=DIR), with the pinned Pillow / NumPy /
# scikit-learn of scripts/requirements-images.txt installed into .venv-images/.
#
#   bash scripts/digits_images.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:?usage: scripts/digits_images.sh DIR}"
venv=.venv-images
source scripts/lib/venv.sh
ensure_venv digits_images "$venv" scripts/requirements-images.txt
mkdir -p "$out"
"$venv/bin/python" scripts/reference/make_digits_images.py "$out"
echo "digits_images: wrote $out/{png,jpeg}/{train,test} and $out/{train,test}.csv"
