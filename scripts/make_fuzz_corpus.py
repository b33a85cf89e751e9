#!/usr/bin/env python3
"""Writes the fuzz corpus, Tests/FuzzCorpus/{csv,npy,model}/: small valid
inputs and hand-written hostile ones (the bad-input campaign of issue 12).
Names: valid-* must be read, hostile-* must be refused with a located
error, edge-* may be either (never a crash). The files are inputs, not expected values; re-running rewrites them byte for
byte. Pinned: numpy (scripts/requirements.txt). Usage:
    python3 scripts/make_fuzz_corpus.py [--model PATH_TO_A_LOGIT_MODEL_JSON]
"""
import io
import json
import os
import struct
import sys

import numpy as np

ROOT = os.path.join(os.path.dirname(__file__), "..", "Tests", "FuzzCorpus")


def write(kind, name, data):
    folder = os.path.join(ROOT, kind)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def npy(array, version=None):
    buffer = io.BytesIO()
    if version is None:
        np.save(buffer, array)
    else:
        np.lib.format.write_array(buffer, array, version=version)
    return buffer.getvalue()


def raw_npy(header, data=b"", major=1):
    header = header.encode("latin-1") if isinstance(header, str) else header
    length = struct.pack("<H", len(header)) if major == 1 else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes([major, 0]) + length + header + data


def csv_corpus():
    raisin = os.path.join(os.path.dirname(__file__), "..", "Sources", "Logit", "Resources", "Raisin", "Raisin_Dataset.csv")
    with open(raisin, "rb") as f:
        lines = f.read().split(b"\n")
    write("csv", "valid-raisin-head.csv", b"\n".join(lines[:12] + lines[-12:]) + b"\n")
    write("csv", "valid-small.csv", "a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n")
    write("csv", "valid-quoted-crlf.csv", '"a","b ""q""",label\r\n1.5,-2e3,"one, two"\r\n3,4,y\r\n5,6,"one, two"\r\n7,8,y\r\n')
    write("csv", "valid-multiclass.csv", "x0,x1,kind\n0.1,0.2,a\n0.3,0.4,b\n0.5,0.6,c\n0.7,0.8,a\n0.9,1.0,b\n1.1,1.2,c\n")
    write("csv", "hostile-nan-inf.csv", "a,b,label\nnan,1,x\n1,inf,y\n-Infinity,2,x\n")
    write("csv", "edge-huge.csv", "a,b,label\n1e200,1,x\n1e308,2,y\n-1.7e308,3,x\n1,4,y\n")
    write("csv", "hostile-overflow.csv", "a,b,label\n1e400,1,x\n2,2,y\n")
    write("csv", "hostile-underflow.csv", "a,b,label\n1e-400,1,x\n4.9e-324,2,y\n1e-320,3,x\n")
    write("csv", "hostile-one-class.csv", "a,label\n1,x\n2,x\n")
    write("csv", "hostile-header-only.csv", "a,b,label\n")
    write("csv", "hostile-empty.csv", "")
    write("csv", "hostile-ragged.csv", "a,b,label\n1,2\n3,4,5,6\n")
    write("csv", "hostile-unterminated-quote.csv", 'a,b,label\n1,"2,x\n3,4,y\n')
    write("csv", "edge-nul-control.csv", b"a,b\x00c,label\n1,2,x\x1b[31m\n3,4,y\x00\n")
    write("csv", "hostile-non-utf8.csv", b"a,b,label\n1,2,y\xffs\n3,4,n\xc3\n")
    write("csv", "edge-long-name.csv", "a,b,label\n1,2," + "K" * 5000 + "\n3,4,B\n")
    write("csv", "edge-many-columns.csv", ",".join(f"c{i}" for i in range(3000)) + ",label\n"
          + ",".join("1" for _ in range(3000)) + ",x\n" + ",".join("2" for _ in range(3000)) + ",y\n")
    write("csv", "hostile-numbers.csv", "a,b,label\n0x10,1,x\n1e,2,y\n--1,3,x\n.,4,y\n1.2.3,5,x\n99999999999999999999999,6,y\n")
    write("csv", "edge-blank-lines-bom.csv", "\ufeffa,b,label\n\n1,2,x\n\n\n3,4,y\n")
    write("csv", "hostile-only-label.csv", "label\nx\ny\n")


def npy_corpus():
    rng = np.random.default_rng(12)
    write("npy", "valid-f8.npy", npy(rng.normal(size=(6, 3))))
    write("npy", "valid-f4-v2.npy", npy(rng.normal(size=(4, 2)).astype("<f4"), version=(2, 0)))
    write("npy", "valid-f8-v3.npy", npy(rng.normal(size=(3, 2)), version=(3, 0)))
    write("npy", "valid-fortran.npy", npy(np.asfortranarray(rng.normal(size=(3, 4)))))
    write("npy", "valid-labels-i8.npy", npy(np.array([0, 1, 0, 1, 2, 2], dtype="<i8")))
    write("npy", "valid-labels-u1.npy", npy(np.array([3, 7, 3, 7], dtype="u1")))
    write("npy", "valid-labels-f4.npy", npy(np.array([0.0, 1.0, 1.0], dtype="<f4")))
    write("npy", "valid-3d.npy", npy(rng.normal(size=(2, 2, 2))))
    write("npy", "valid-empty.npy", npy(np.zeros((0, 3))))
    write("npy", "hostile-nan.npy", npy(np.array([[1.0, np.nan], [np.inf, -np.inf]])))
    write("npy", "hostile-huge.npy", npy(np.array([[1e308, 1.0], [-1e308, 2.0], [1e155, 3.0]])))
    write("npy", "hostile-deep-shape.npy", raw_npy("{'shape': " + "(" * 20000 + "\n"))
    write("npy", "hostile-deep-list.npy", raw_npy("{'descr': '<f8', 'shape': " + "[" * 3000 + "]" * 3000 + "}\n"))
    write("npy", "hostile-huge-shape.npy", raw_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (9223372036854775807, 9223372036854775807), }\n"))
    write("npy", "hostile-negative-shape.npy", raw_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (-1, 2), }\n"))
    write("npy", "hostile-truncated-data.npy", npy(np.ones((4, 4)))[:-9])
    write("npy", "hostile-truncated-header.npy", npy(np.ones((2, 2)))[:30])
    write("npy", "hostile-bad-magic.npy", b"\x93NUMPZ\x01\x00" + npy(np.ones(2))[8:])
    write("npy", "hostile-big-endian.npy", npy(np.ones((2, 2), dtype=">f8")))
    write("npy", "hostile-structured.npy", npy(np.zeros(2, dtype=[("a", "<f8"), ("b", "<i4")])))
    write("npy", "hostile-object.npy", raw_npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }\n", b"\0" * 8))
    write("npy", "hostile-version9.npy", b"\x93NUMPY\x09\x00" + npy(np.ones(2))[8:])
    write("npy", "hostile-header-length.npy", b"\x93NUMPY\x01\x00\xff\xff{'descr'")
    write("npy", "hostile-unterminated-string.npy", raw_npy("{'descr': '<f8, 'shape': (2,)}\n", b"\0" * 16))
    write("npy", "hostile-float-labels.npy", npy(np.array([0.5, 1e300, np.nan])))
    write("npy", "hostile-u8-labels.npy", npy(np.array([2**64 - 1, 0], dtype="<u8")))
    write("npy", "hostile-v2-empty.npy", raw_npy("", major=2))


def model_corpus(model_path):
    if model_path:
        with open(model_path, "rb") as f:
            valid = f.read()
    else:
        with open(os.path.join(ROOT, "model", "valid-raisin.json"), "rb") as f:
            valid = f.read()
    write("model", "valid-raisin.json", valid)
    model = json.loads(valid)

    def variant(name, change):
        copy = json.loads(valid)
        change(copy)
        write("model", name, json.dumps(copy, indent=1))

    variant("edge-huge-weights.json", lambda m: m.update(weights=[[1e308] * len(m["weights"][0])]))
    variant("hostile-nan-weights.json", lambda m: m.update(weights=[["nan"] * len(m["weights"][0])]))
    variant("hostile-wrong-type.json", lambda m: m.update(formatVersion="one"))
    variant("hostile-future-version.json", lambda m: m.update(formatVersion=99))
    variant("hostile-missing-weights.json", lambda m: m.pop("weights"))
    variant("hostile-short-row.json", lambda m: m["weights"][0].pop())
    variant("hostile-one-class.json", lambda m: m.update(classNames=[m["classNames"][0]]))
    variant("hostile-repeated-classes.json", lambda m: m.update(classNames=[m["classNames"][0]] * 2))
    variant("edge-control-names.json", lambda m: m.update(classNames=["a\u0000b", "\u001b[31mred"]))
    variant("edge-long-name.json", lambda m: m.update(classNames=["K" * 20000, "B"]))
    write("model", "hostile-deep-array.json", "[" * 100000 + "]" * 100000)
    write("model", "hostile-deep-object.json", '{"a":' * 50000 + "1" + "}" * 50000)
    write("model", "hostile-truncated.json", valid[: len(valid) // 2])
    write("model", "hostile-not-json.json", "not a model")
    write("model", "hostile-empty.json", "")
    write("model", "hostile-bad-escape.json", '{"format": "logit-model\\x", "formatVersion": 1}')
    write("model", "hostile-big-number.json", '{"format": "logit-model", "formatVersion": 1e999}')
    write("model", "hostile-non-utf8.json", b'{"format": "logit\xff-model", "formatVersion": 1}')


if __name__ == "__main__":
    model_path = sys.argv[sys.argv.index("--model") + 1] if "--model" in sys.argv else None
    csv_corpus()
    npy_corpus()
    model_corpus(model_path)
