"""The Pillow (+ NumPy resize) peer of logit-bench --images.

  python images_peer.py make DIR COUNT      # writes COUNT test images (PNG and JPEG, 256x192 RGB)
  python images_peer.py bench DIR W H [EXT] # every file below DIR (ending .EXT): decode + grey + area resize to W x H + /255;
                                            # JSON on stdout

The resize is the NumPy reference of scripts/reference/image_reference.py
(dense per-axis weight matrices, Wy @ P @ Wx.T), with the matrices built once
per source size. One core: a loop; all cores: a multiprocessing pool of
os.cpu_count() workers. Pinned: scripts/requirements-images.txt.
"""
import json
import os
import sys
import time
from multiprocessing import Pool

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "reference"))
from image_reference import axis_weights  # noqa: E402

_weights = {}


def features(path, width, height):
    image = Image.open(path)
    grey = np.asarray(image.convert("L"), dtype=np.float64)
    key = grey.shape
    if key not in _weights:
        _weights[key] = (axis_weights(grey.shape[0], height), axis_weights(grey.shape[1], width).T.copy())
    wy, wxt = _weights[key]
    return (wy @ grey @ wxt).reshape(-1) / 255.0


def _work(args):
    paths, width, height = args
    for p in paths:
        features(p, width, height)
    return len(paths)


def make(folder, count):
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(7)
    y, x = np.mgrid[0:192, 0:256]
    for i in range(count):
        base = np.stack([np.sin(x / (9.0 + k + i % 5)) * 70 + np.cos(y / (7.0 + k)) * 50 + 128 for k in range(3)], axis=2)
        pixels = np.clip(base + rng.integers(-20, 20, size=base.shape), 0, 255).astype(np.uint8)
        image = Image.fromarray(pixels)
        if i % 2 == 0:
            image.save(os.path.join(folder, f"{i:05d}.png"))
        else:
            image.save(os.path.join(folder, f"{i:05d}.jpg"), quality=90)


def bench(folder, width, height, extension=None):
    paths = sorted(os.path.join(d, n) for d, _, names in os.walk(folder) for n in names
                   if extension is None or n.endswith("." + extension))
    _work((paths[:20], width, height))
    start = time.perf_counter()
    _work((paths, width, height))
    one = time.perf_counter() - start
    cores = os.cpu_count() or 1
    chunks = [(paths[i::cores], width, height) for i in range(cores)]
    with Pool(cores) as pool:
        pool.map(_work, [(c[0][:2], width, height) for c in chunks])
        start = time.perf_counter()
        pool.map(_work, chunks)
        everyone = time.perf_counter() - start
    print(json.dumps({"images": len(paths), "one_core_seconds": one, "all_cores_seconds": everyone, "cores": cores,
                      "pillow": __import__("PIL").__version__, "numpy": np.__version__}))


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]))
    else:
        bench(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else None)
