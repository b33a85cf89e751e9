"""Independent NumPy reference of the image resize documented in
Sources/LogitImages/ImageResizer.swift ("area-shrink-bilinear-grow").

Each axis is a dense weight matrix W (m x n): area averaging when m < n (the
overlap of source pixel [j, j+1) with the output interval [i*n/m, (i+1)*n/m),
divided by n/m), bilinear with half-pixel centres when m > n (position
x = (i + 0.5)*n/m - 0.5 clamped to [0, n-1]), identity when m == n. The
result is Wy @ P @ Wx.T for each channel.
"""
import numpy as np


def axis_weights(n: int, m: int) -> np.ndarray:
    w = np.zeros((m, n), dtype=np.float64)
    if m == n:
        return np.eye(n)
    s = n / m
    if m < n:
        for i in range(m):
            lo, hi = i * s, (i + 1) * s
            for j in range(n):
                overlap = min(hi, j + 1) - max(lo, j)
                if overlap > 0:
                    w[i, j] = overlap / s
    else:
        for i in range(m):
            x = min(max((i + 0.5) * s - 0.5, 0.0), n - 1.0)
            j0 = int(np.floor(x))
            t = x - j0
            if j0 + 1 < n:
                w[i, j0] += 1 - t
                w[i, j0 + 1] += t
            else:
                w[i, j0] += 1.0
    return w


def resize(pixels: np.ndarray, width: int, height: int) -> np.ndarray:
    """pixels: (h, w) or (h, w, c) array; returns float64 (height, width[, c])."""
    p = pixels.astype(np.float64)
    wy = axis_weights(p.shape[0], height)
    wx = axis_weights(p.shape[1], width)
    if p.ndim == 2:
        return wy @ p @ wx.T
    return np.stack([wy @ p[:, :, k] @ wx.T for k in range(p.shape[2])], axis=2)
