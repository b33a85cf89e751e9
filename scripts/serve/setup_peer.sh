#!/usr/bin/env bash
# Makes .venv-serve (at the repository root) with the pinned Flask + NumPy peer
# of `logit serve` (scripts/requirements-serve.txt).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python="${PYTHON:-python3}"
if [[ ! -x "$root/.venv-serve/bin/python" ]]; then
    "$python" -m venv "$root/.venv-serve"
fi
"$root/.venv-serve/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$root/scripts/requirements-serve.txt"
"$root/.venv-serve/bin/python" -c 'import importlib.metadata as md; print("serve peer ready:", *(f"{n} {md.version(n)}" for n in ("flask", "gunicorn", "numpy")))'
