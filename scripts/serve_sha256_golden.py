#!/usr/bin/env python3
"""Golden SHA-256 digests for Tests/LogitTests/Persistence/SHA256Tests.swift.

Independent of the engine: Python's hashlib (OpenSSL). Pinned in
scripts/requirements-serve.txt (standard library only; Python 3.11+).
Run: python3 scripts/serve_sha256_golden.py
"""
import hashlib

CASES = {
    "empty": b"",
    "abc": b"abc",
    "two-blocks": b"abcdbcdecdefdefgefghfghighijhijkijkljklmjklmnklmnolmnopmnopqnopq",
    "55 bytes (padding fits one block)": b"a" * 55,
    "56 bytes (padding needs a second block)": b"a" * 56,
    "1000 x a": b"a" * 1000,
    "salt+key": bytes(range(16)) + b"lk_0123456789abcdef",
}

for name, data in CASES.items():
    print(f"{name}: {hashlib.sha256(data).hexdigest()}")
