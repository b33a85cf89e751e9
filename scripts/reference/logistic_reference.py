#!/usr/bin/env python3
"""Independent plain-NumPy reference for the Swift logistic-regression engine.

Everything here is written from the specification in README.md (same folder),
not from the Swift sources. The model has k_out weight rows: one for binary
logistic regression (k_out = 1) and one per class for multinomial (k_out = k).

Objective (n rows, sample weights s_i, default all 1):

    L = (1/n) * sum_i s_i * loss_i + (lambda2/2) * ||W||^2 + lambda1 * ||W||_1

The bias is never penalised and the data term is divided by n (not by sum s_i).
"""
import numpy as np

from rng_reference import xoshiro_stream

MASK64 = (1 << 64) - 1


# ---------------------------------------------------------------------------
# Stable elementary functions
# ---------------------------------------------------------------------------

def sigmoid(z):
    """Numerically stable logistic function, elementwise."""
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def log_sum_exp_rows(Z):
    """log(sum_j exp(Z[i, j])) for every row i, shifted by the row maximum."""
    m = Z.max(axis=1, keepdims=True)
    return (m + np.log(np.exp(Z - m).sum(axis=1, keepdims=True)))[:, 0]


def softmax_rows(Z):
    m = Z.max(axis=1, keepdims=True)
    E = np.exp(Z - m)
    return E / E.sum(axis=1, keepdims=True)


# ---------------------------------------------------------------------------
# Model: W has shape (k_out, d), b has shape (k_out,)
# ---------------------------------------------------------------------------

def is_binary(W):
    return W.shape[0] == 1


def scores(X, W, b):
    return X @ W.T + b  # (n, k_out)


def probabilities(X, W, b):
    """Class probabilities, shape (n, k). Binary: columns [1 - p, p]."""
    Z = scores(X, W, b)
    if is_binary(W):
        p = sigmoid(Z[:, 0])
        return np.column_stack([1.0 - p, p])
    return softmax_rows(Z)


def predictions(X, W, b):
    """Binary: p >= 0.5 -> 1. Multinomial: argmax (first maximum on ties)."""
    P = probabilities(X, W, b)
    if is_binary(W):
        return (P[:, 1] >= 0.5).astype(int)
    return P.argmax(axis=1)


def per_row_loss(X, y, W, b):
    """Negative log-likelihood of every row (stable forms).

    Binary:      loss = log(1 + e^z) - y z      = logaddexp(0, z) - y z
    Multinomial: loss = logsumexp(z) - z_{y}
    """
    Z = scores(X, W, b)
    if is_binary(W):
        z = Z[:, 0]
        return np.logaddexp(0.0, z) - y * z
    return log_sum_exp_rows(Z) - Z[np.arange(len(y)), y]


def objective(X, y, W, b, lambda2=0.0, lambda1=0.0, s=None):
    n = X.shape[0]
    s = np.ones(n) if s is None else s
    data = np.sum(s * per_row_loss(X, y, W, b)) / n
    return data + 0.5 * lambda2 * np.sum(W * W) + lambda1 * np.sum(np.abs(W))


def residuals(X, y, W, b):
    """P - Y: binary (n, 1) column p - y; multinomial (n, k) with one-hot Y."""
    Z = scores(X, W, b)
    if is_binary(W):
        return (sigmoid(Z[:, 0]) - y)[:, None]
    R = softmax_rows(Z)
    R[np.arange(len(y)), y] -= 1.0
    return R


def smooth_gradient(X, y, W, b, lambda2=0.0, s=None, divisor=None):
    """Gradient of (1/divisor) sum s_i loss_i + (lambda2/2)||W||^2.

    divisor defaults to the number of rows of X (full batch: n; mini-batch:
    the batch's row count).  Returns (G_W (k_out, d), g_b (k_out,)).
    """
    n = X.shape[0]
    divisor = n if divisor is None else divisor
    s = np.ones(n) if s is None else s
    R = residuals(X, y, W, b) * s[:, None]  # s o (P - Y)
    GW = (R.T @ X) / divisor + lambda2 * W
    gb = R.sum(axis=0) / divisor
    return GW, gb


def soft_threshold(W, t):
    return np.sign(W) * np.maximum(np.abs(W) - t, 0.0)


# ---------------------------------------------------------------------------
# Learning-rate schedules (e is the 0-based epoch)
# ---------------------------------------------------------------------------

def learning_rate(schedule, e):
    kind = schedule["type"]
    lr = schedule["lr"]
    if kind == "constant":
        return lr
    if kind == "step":
        return lr * schedule["gamma"] ** (e // schedule["step_size"])
    if kind == "exponential":
        return lr * schedule["gamma"] ** e
    if kind == "inverse_time":
        return lr / (1.0 + schedule["decay"] * e)
    raise ValueError(f"unknown schedule {kind!r}")


def n_outputs(k):
    return 1 if k == 2 else k


# ---------------------------------------------------------------------------
# 1. Full-batch (proximal) gradient descent
# ---------------------------------------------------------------------------

def gradient_descent(X, y, k, schedule, epochs, lambda2=0.0, lambda1=0.0, s=None):
    n, d = X.shape
    W = np.zeros((n_outputs(k), d))
    b = np.zeros(n_outputs(k))
    history, rates = [], []
    for e in range(epochs):
        history.append(objective(X, y, W, b, lambda2, lambda1, s))
        lr = learning_rate(schedule, e)
        rates.append(lr)
        GW, gb = smooth_gradient(X, y, W, b, lambda2, s)
        W = W - lr * GW
        b = b - lr * gb
        if lambda1 > 0:
            W = soft_threshold(W, lr * lambda1)
    final = objective(X, y, W, b, lambda2, lambda1, s)
    return dict(W=W, b=b, objective_history=history, final_objective=final,
                learning_rates=rates)


# ---------------------------------------------------------------------------
# 2. Mini-batch SGD with momentum, shuffled by xoshiro256** + Lemire
# ---------------------------------------------------------------------------

class Xoshiro:
    def __init__(self, seed):
        self._stream = xoshiro_stream(seed)

    def next(self):
        return next(self._stream)

    def next_index(self, bound):
        """Uniform integer in [0, bound) by Lemire's multiply-shift method."""
        prod = self.next() * bound  # exact 128-bit product (Python ints)
        low = prod & MASK64
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                prod = self.next() * bound
                low = prod & MASK64
        return prod >> 64

    def shuffle(self, perm):
        """In-place Fisher-Yates, i = n-1 down to 1."""
        for i in range(len(perm) - 1, 0, -1):
            j = self.next_index(i + 1)
            perm[i], perm[j] = perm[j], perm[i]


def sgd(X, y, k, schedule, epochs, batch_size, seed, momentum=0.0,
        lambda2=0.0, s=None):
    n, d = X.shape
    s = np.ones(n) if s is None else s
    W = np.zeros((n_outputs(k), d))
    b = np.zeros(n_outputs(k))
    vW = np.zeros_like(W)
    vb = np.zeros_like(b)
    rng = Xoshiro(seed)
    perm = list(range(n))
    history, rates, perms = [], [], []
    for e in range(epochs):
        history.append(objective(X, y, W, b, lambda2, 0.0, s))
        lr = learning_rate(schedule, e)
        rates.append(lr)
        rng.shuffle(perm)
        perms.append(list(perm))
        for start in range(0, n, batch_size):
            idx = np.array(perm[start:start + batch_size])
            GW, gb = smooth_gradient(X[idx], y[idx], W, b, lambda2, s[idx],
                                     divisor=len(idx))
            vW = momentum * vW - lr * GW
            vb = momentum * vb - lr * gb
            W = W + vW
            b = b + vb
    final = objective(X, y, W, b, lambda2, 0.0, s)
    return dict(W=W, b=b, objective_history=history, final_objective=final,
                learning_rates=rates, permutations=perms)


# ---------------------------------------------------------------------------
# 3. Newton's method (IRLS) for the L2-penalised objective
# ---------------------------------------------------------------------------

def newton(X, y, k, lambda2, s=None, max_iter=100, grad_tol=1e-14):
    """Exact Newton on theta = [W | b] (row-major per output), with a
    backtracking line search on L.  Multinomial: the Hessian is singular
    along 'add the same constant to every bias'; the gradient is always
    orthogonal to that direction, so we add u u^T (u = that unit direction)
    to the Hessian, which leaves the step unchanged but makes it solvable.
    Starting at zero the bias stays centred (sum_j b_j = 0).
    """
    n, d = X.shape
    s = np.ones(n) if s is None else s
    m = n_outputs(k)
    Xt = np.hstack([X, np.ones((n, 1))])  # augmented rows [x, 1]
    W = np.zeros((m, d))
    b = np.zeros(m)
    penalty = np.diag(np.r_[np.full(d, lambda2), 0.0])
    null = np.zeros(m * (d + 1))
    if m > 1:
        null[d::d + 1] = 1.0 / np.sqrt(m)
    it = 0
    for it in range(1, max_iter + 1):
        GW, gb = smooth_gradient(X, y, W, b, lambda2, s)
        g = np.hstack([GW, gb[:, None]]).ravel()
        if np.max(np.abs(g)) < grad_tol:
            break
        P = probabilities(X, W, b)
        if m == 1:
            q = P[:, 1] * P[:, 0]
            H = (Xt.T * (s * q)) @ Xt / n + penalty
        else:
            H = np.zeros((m * (d + 1), m * (d + 1)))
            for a in range(m):
                for c in range(m):
                    q = P[:, a] * ((a == c) - P[:, c])
                    block = (Xt.T * (s * q)) @ Xt / n
                    if a == c:
                        block = block + penalty
                    H[a * (d + 1):(a + 1) * (d + 1), c * (d + 1):(c + 1) * (d + 1)] = block
            H = H + np.outer(null, null)
        step = np.linalg.solve(H, g).reshape(m, d + 1)
        L0 = objective(X, y, W, b, lambda2, 0.0, s)
        t = 1.0
        while True:
            W1 = W - t * step[:, :d]
            b1 = b - t * step[:, d]
            if objective(X, y, W1, b1, lambda2, 0.0, s) <= L0 or t < 1e-10:
                break
            t *= 0.5
        if np.array_equal(W1, W) and np.array_equal(b1, b):
            break  # no representable progress left
        W, b = W1, b1
    GW, gb = smooth_gradient(X, y, W, b, lambda2, s)
    gnorm = float(np.linalg.norm(np.hstack([GW, gb[:, None]])))
    return dict(W=W, b=b, iterations=it, gradient_norm=gnorm,
                objective=objective(X, y, W, b, lambda2, 0.0, s))
