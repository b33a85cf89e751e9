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
# A Debian machine may have no Python, or one without venv/ensurepip (as in scripts/check_mlflow.sh).
if ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then
    sudo=()
    if [[ "$(id -u)" != "0" ]]; then sudo=(sudo); fi
    echo "digits_images: installing python3 python3-venv python3-pip"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        python3 python3-venv python3-pip
fi
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
