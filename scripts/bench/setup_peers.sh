#!/usr/bin/env bash
# Makes .venv-bench (at the repository root) with the pinned peers of
# logit-bench from scripts/requirements-bench.txt. logit-bench uses
# .venv-bench/bin/python by default when it exists (else --python, python3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
python="${PYTHON:-python3}"
if [[ ! -x "$root/.venv-bench/bin/python" ]]; then
    "$python" -m venv "$root/.venv-bench"
fi
"$root/.venv-bench/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$root/scripts/requirements-bench.txt"
"$root/.venv-bench/bin/python" -c "import numpy, scipy, sklearn, threadpoolctl; print('peers ready: numpy', numpy.__version__, 'scikit-learn', sklearn.__version__)"
