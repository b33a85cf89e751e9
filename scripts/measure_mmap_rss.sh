#!/usr/bin/env bash
# Writes a ~2.1 GB float32 .npy feature matrix (680000×784, chunk by chunk with
# NumPy, so the writer never holds it in RAM) and its labels, then trains on it
# memory-mapped with `logit-bench --mmap-check`, which reports the process's
# resident memory before loading and at its peak during training.
#   usage: scripts/measure_mmap_rss.sh [DIR]   (default: a temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-$(mktemp -d)}"
mkdir -p "$dir"
python3 - "$dir" <<'PY'
import sys
import numpy as np
directory = sys.argv[1]
n, d = 680_000, 784
rng = np.random.default_rng(0)
labels = (np.arange(n) % 2).astype(np.int64)
X = np.lib.format.open_memmap(f"{directory}/features.npy", mode="w+", dtype="<f4", shape=(n, d))
for start in range(0, n, 20_000):
    stop = min(start + 20_000, n)
    block = rng.standard_normal((stop - start, d), dtype=np.float32)
    block[:, :16] += (labels[start:stop, None] * 2 - 1) * 0.5
    X[start:stop] = block
X.flush()
del X
np.save(f"{directory}/labels.npy", labels)
PY
swift build -c release --product logit-bench >/dev/null
.build/release/logit-bench --mmap-check "$dir/features.npy" --mmap-labels "$dir/labels.npy"
