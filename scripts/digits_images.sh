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
requirements=scripts/requirements-images.txt
if [[ ! -x "$venv/bin/python" ]] || ! cmp -s "$requirements" "$venv/requirements.txt"; then
    echo "digits_images: installing $(grep -v '^#' "$requirements" | tr '\n' ' ')into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$venv/requirements.txt"
fi
mkdir -p "$out"
"$venv/bin/python" scripts/reference/make_digits_images.py "$out"
echo "digits_images: wrote $out/{png,jpeg}/{train,test} and $out/{train,test}.csv"
