#!/usr/bin/env python3
"""Small .npy files written by NumPy itself, for the Swift NPY loader's
interoperability tests: Tests/LogitTests/Fixtures/npy/.

    pip install -r scripts/requirements.txt   # numpy==2.4.6
    python3 scripts/reference/make_npy_fixtures.py

Every feature file holds the same 3x4 matrix X[i, j] = 10*i + j + 0.25 (exact in float32
and float64), in different dtypes, memory orders and format versions; label files hold
[7, -2, 7] or [2, 0, 2]. The Swift tests know these values. Deterministic.
"""
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "LogitTests", "Fixtures", "npy")


def save(name, array, version=None):
    path = os.path.join(OUT, name)
    with open(path, "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=False)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    x = np.arange(3)[:, None] * 10.0 + np.arange(4)[None, :] + 0.25
    save("x_f8_v1.npy", x.astype("<f8"))
    save("x_f4_v1.npy", x.astype("<f4"))
    save("x_f8_v2.npy", x.astype("<f8"), version=(2, 0))
    save("x_f4_v3.npy", x.astype("<f4"), version=(3, 0))
    save("x_f8_fortran.npy", np.asfortranarray(x.astype("<f8")))
    save("x_f4_fortran.npy", np.asfortranarray(x.astype("<f4")))
    save("x_big_endian.npy", x.astype(">f8"))
    # 2 "images" of 3x4 pixels, uint8: flattened to 2x12.
    save("images_u1.npy", (np.arange(24, dtype=np.uint8).reshape(2, 3, 4) * 10))
    save("column_f8.npy", np.array([1.5, -2.0, 3.25]))
    save("y_i8.npy", np.array([7, -2, 7], dtype="<i8"))
    save("y_i4.npy", np.array([7, -2, 7], dtype="<i4"))
    save("y_u1.npy", np.array([2, 0, 2], dtype="u1"))
    save("y_f4.npy", np.array([2.0, 0.0, 2.0], dtype="<f4"))
    save("y_f8_fraction.npy", np.array([2.0, 0.5, 2.0], dtype="<f8"))
    save("y_column_i8.npy", np.array([[7], [-2], [7]], dtype="<i8"))
    print(f"wrote {os.path.relpath(OUT, ROOT)}/")


if __name__ == "__main__":
    main()
