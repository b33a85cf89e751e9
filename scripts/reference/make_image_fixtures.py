"""Writes the image fixtures of Tests/LogitImagesTests/Fixtures with Pillow and
the expected pixels as JSON (pinned: scripts/requirements-images.txt).

  python3 scripts/reference/make_image_fixtures.py

expected.json maps each good file to the pixels Pillow decodes (width, height,
channels, pixels row-major channel-last; grey sources as one channel, 16-bit
values reduced to their high byte) and, for colour files, Pillow's
convert("L"). bad/ holds files that must be refused. resize.json holds resize
cases computed by scripts/reference/image_reference.py.
"""
import io
import json
import os
import struct
import sys
import zlib

import numpy as np
from PIL import Image, ImageOps

sys.path.insert(0, os.path.dirname(__file__))
from image_reference import resize  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "Tests", "LogitImagesTests", "Fixtures")
GOOD = os.path.join(ROOT, "good")
BAD = os.path.join(ROOT, "bad")
rng = np.random.default_rng(15)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def raw_png(width, height, bit_depth, color_type, rows: bytes) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(rows))
            + png_chunk(b"IEND", b""))


def smooth(h, w, c):
    """Random but smooth-ish pixels, so JPEG stays close."""
    y, x = np.mgrid[0:h, 0:w]
    base = [(np.sin(x / 3.0 + k) * 60 + np.cos(y / 4.0 + 2 * k) * 60 + 128) for k in range(c)]
    a = np.stack(base, axis=2) + rng.integers(-10, 10, size=(h, w, c))
    return np.clip(a, 0, 255).astype(np.uint8)


def expected_of(path, name, table):
    im = Image.open(path)
    im.load()
    if im.format == "JPEG":
        im = ImageOps.exif_transpose(im)
    if im.mode in ("I;16", "I;16B", "I"):
        arr = (np.array(im).astype(np.uint32) >> 8).astype(np.uint8)
        channels = 1
    elif im.mode in ("L", "LA", "1"):
        arr = np.array(im.convert("L"))
        channels = 1
    else:
        arr = np.array(im.convert("RGB"))
        channels = 3
    entry = {"width": int(arr.shape[1]), "height": int(arr.shape[0]), "channels": channels,
             "pixels": arr.reshape(-1).tolist()}
    if channels == 3:
        entry["gray"] = np.array(im.convert("RGB").convert("L")).reshape(-1).tolist()
    table[name] = entry


def main():
    os.makedirs(GOOD, exist_ok=True)
    os.makedirs(BAD, exist_ok=True)
    h, w = 13, 17
    rgb = rng.integers(0, 256, size=(h, w, 3), dtype=np.uint8)
    gray = rng.integers(0, 256, size=(h, w), dtype=np.uint8)
    alpha = rng.integers(0, 256, size=(h, w), dtype=np.uint8)
    files = {}
    files["png_gray.png"] = lambda p: Image.fromarray(gray).save(p)
    files["png_gray_alpha.png"] = lambda p: Image.fromarray(np.dstack([gray, alpha])).save(p)
    files["png_rgb.png"] = lambda p: Image.fromarray(rgb).save(p)
    files["png_rgba.png"] = lambda p: Image.fromarray(np.dstack([rgb, alpha])).save(p)
    files["png_palette.png"] = lambda p: Image.fromarray(rgb).quantize(40).save(p)
    files["png_palette_transparent.png"] = lambda p: Image.fromarray(rgb).quantize(16).save(p, transparency=3)
    files["png_bilevel.png"] = lambda p: Image.fromarray(gray > 128).save(p)
    gray16 = rng.integers(0, 65536, size=(h, w), dtype=np.uint16)
    files["png_gray16.png"] = lambda p: Image.fromarray(gray16).save(p)
    rgb16 = rng.integers(0, 65536, size=(h, w, 3), dtype=np.uint16)
    files["png_rgb16.png"] = lambda p: open(p, "wb").write(
        raw_png(w, h, 16, 2, b"".join(b"\x00" + rgb16[y].astype(">u2").tobytes() for y in range(h))))
    files["png_wide.png"] = lambda p: Image.fromarray(smooth(10, 41, 3)).save(p)
    big = smooth(40, 48, 3)
    files["jpeg_baseline.jpg"] = lambda p: Image.fromarray(big).save(p, quality=92)
    files["jpeg_progressive.jpg"] = lambda p: Image.fromarray(big).save(p, quality=92, progressive=True)
    files["jpeg_gray.jpg"] = lambda p: Image.fromarray(big[:, :, 0]).save(p, quality=92)
    for orientation in (2, 3, 4, 5, 6, 7, 8):
        def write(p, o=orientation):
            exif = Image.Exif()
            exif[0x0112] = o
            Image.fromarray(big[:30]).save(p, quality=92, exif=exif.tobytes())
        files[f"jpeg_exif{orientation}.jpg"] = write
    files["gif_single.gif"] = lambda p: Image.fromarray(rgb).quantize(64).save(p)
    tall = smooth(37, 23, 3)
    files["gif_interlaced.gif"] = lambda p: Image.fromarray(tall).quantize(32).save(p, interlace=True)

    def animated(p):
        frames = [Image.fromarray(smooth(20, 24, 3)), Image.fromarray(smooth(20, 24, 3)[::-1].copy())]
        frames[0].save(p, save_all=True, append_images=frames[1:], duration=100, loop=0)
    files["gif_animated.gif"] = animated
    files["bmp_rgb24.bmp"] = lambda p: Image.fromarray(rgb).save(p)
    files["bmp_rgb24_odd.bmp"] = lambda p: Image.fromarray(smooth(11, 13, 3)).save(p)
    files["bmp_rgba32.bmp"] = lambda p: Image.fromarray(np.dstack([rgb, alpha])).save(p)
    files["bmp_palette8.bmp"] = lambda p: Image.fromarray(rgb).quantize(50).save(p)
    files["bmp_gray8.bmp"] = lambda p: Image.fromarray(gray).save(p)

    def top_down(p):
        # A top-down 24-bit BMP (negative height) written by hand; Pillow reads it.
        hh, ww = 12, 15
        px = smooth(hh, ww, 3)
        stride = (ww * 3 + 3) & ~3
        rows = b"".join(px[y, :, ::-1].tobytes() + b"\x00" * (stride - ww * 3) for y in range(hh))
        info = struct.pack("<IiiHHIIiiII", 40, ww, -hh, 1, 24, 0, len(rows), 2835, 2835, 0, 0)
        head = b"BM" + struct.pack("<IHHI", 14 + 40 + len(rows), 0, 0, 54)
        open(p, "wb").write(head + info + rows)
    files["bmp_topdown.bmp"] = top_down

    table = {}
    for name, write in sorted(files.items()):
        path = os.path.join(GOOD, name)
        write(path)
        expected_of(path, name, table)
    with open(os.path.join(ROOT, "expected.json"), "w") as f:
        json.dump(table, f, separators=(",", ":"), sort_keys=True)

    # Files that must be refused; the reason each must mention is in bad.json.
    bad = {}
    png_bytes = open(os.path.join(GOOD, "png_rgb.png"), "rb").read()
    jpeg_bytes = open(os.path.join(GOOD, "jpeg_baseline.jpg"), "rb").read()
    gif_bytes = open(os.path.join(GOOD, "gif_single.gif"), "rb").read()
    bmp_bytes = open(os.path.join(GOOD, "bmp_rgb24.bmp"), "rb").read()

    def put(name, data, reason):
        open(os.path.join(BAD, name), "wb").write(data)
        bad[name] = reason
    put("truncated.png", png_bytes[: len(png_bytes) // 2], "PNG")
    put("truncated.jpg", jpeg_bytes[: len(jpeg_bytes) // 2], "JPEG")
    put("truncated.gif", gif_bytes[: len(gif_bytes) // 2], "GIF")
    put("truncated.bmp", bmp_bytes[: len(bmp_bytes) // 2], "truncated BMP")
    put("wrong_magic.png", b"\x00" + png_bytes[1:], "not a PNG, JPEG, GIF or BMP")
    put("text.png", b"hello, this is not an image\n", "starts with text")
    put("empty.png", b"", "empty file")
    buf = io.BytesIO()
    Image.new("L", (6000, 20), 7).save(buf, "PNG")
    put("wide_6000x20.png", buf.getvalue(), "6000×20 pixels, above the 5000×5000 maximum")
    buf = io.BytesIO()
    Image.new("RGB", (5, 5), (1, 2, 3)).save(buf, "PNG")
    put("tiny_5x5.png", buf.getvalue(), "5×5 pixels, below the 10×10 minimum")
    # Decompression bomb: a ~100-byte PNG whose header declares 50000 × 50000 grey pixels.
    put("bomb_50000x50000.png", (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 50000, 50000, 8, 0, 0, 0, 0))
         + png_chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + png_chunk(b"IEND", b"")),
        "50000×50000 pixels, above the 5000×5000 maximum")
    buf = io.BytesIO()
    Image.fromarray(big).convert("CMYK").save(buf, "JPEG")
    put("cmyk.jpg", buf.getvalue(), "CMYK")
    with open(os.path.join(ROOT, "bad.json"), "w") as f:
        json.dump(bad, f, indent=1, sort_keys=True, ensure_ascii=False)

    # Resize cases: random pixels, every combination of shrink / grow / keep.
    cases = []
    for (sh, sw, c, th, tw) in [(13, 17, 1, 5, 7), (13, 17, 3, 28, 40), (10, 10, 1, 10, 10), (9, 31, 3, 20, 8),
                                (32, 32, 1, 8, 8), (7, 5, 1, 3, 12), (50, 37, 3, 28, 28), (12, 12, 1, 30, 30)]:
        px = rng.integers(0, 256, size=(sh, sw, c), dtype=np.uint8)
        out = resize(px if c > 1 else px[:, :, 0], tw, th)
        cases.append({"width": sw, "height": sh, "channels": c, "pixels": px.reshape(-1).tolist(),
                      "targetWidth": tw, "targetHeight": th, "expected": out.reshape(-1).tolist()})
    with open(os.path.join(ROOT, "resize.json"), "w") as f:
        json.dump(cases, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
