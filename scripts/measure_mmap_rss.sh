#!/usr/bin/env bash
# Writes a ~2.1 GB float32 .npy feature matrix (680000×784, chunk by chunk with
# NumPy, so the writer never holds it in RAM) and its labels, then trains on it
# memory-mapped twice:
#   1. with the library, `logit-bench --mmap-check` (resident memory before
#      loading and at its peak during training);
#   2. as a user does, `logit train --data … --labels … --epochs 2 --solver gd`
#      with its default options (80/20 split, standardization, statistics,
#      scoring), its peak resident set read by GNU time, against the same
#      process's resident set for `logit --help` (the baseline).
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
swift build -c release --product logit >/dev/null
.build/release/logit-bench --mmap-check "$dir/features.npy" --mmap-labels "$dir/labels.npy"

echo "== logit train, default options, 2 gd epochs"
bytes=$(stat -c %s "$dir/features.npy")
base=$( { /usr/bin/time -f "%M" .build/release/logit --help >/dev/null; } 2>&1 | tail -1)
peak=$( { /usr/bin/time -f "%M" .build/release/logit train --data "$dir/features.npy" --labels "$dir/labels.npy" \
          --epochs 2 --solver gd --quiet >/dev/null; } 2>&1 | tail -1)
python3 - "$bytes" "$base" "$peak" <<'PY'
import sys
size, base, peak = int(sys.argv[1]), int(sys.argv[2]) * 1024, int(sys.argv[3]) * 1024
growth = peak - base
target = 0.10 * size + 100e6
print(f"file {size / 1e9:.2f} GB; baseline RSS {base / 1e6:.0f} MB; logit train peak RSS {peak / 1e6:.0f} MB; "
      f"growth {growth / 1e6:.0f} MB = {100 * growth / size:.1f}% of the file "
      f"(target ≤ 10% + 100 MB = {target / 1e6:.0f} MB: {'met' if growth <= target else 'MISSED'})")
PY
