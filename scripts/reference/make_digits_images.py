"""Writes scikit-learn's bundled digits (1797 8x8 images, values 0-16) as image
folders for the image tests (pinned: scripts/requirements-images.txt).

  python3 scripts/reference/make_digits_images.py OUT

OUT/png/{train,test}/<digit>/<index>.png and OUT/jpeg/... (quality 95): each
image scaled to 0-255 (round(v * 255 / 16)) and upscaled to 32x32 by Pillow
(nearest neighbour, so each source pixel is a 4x4 block); OUT/train.csv and
OUT/test.csv: the same split as a matrix (64 pixel columns, then the label).
The split is stratified, 25% test, random_state 0.
"""
import os
import sys

import numpy as np
from PIL import Image
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def main(out: str) -> None:
    digits = load_digits()
    x, y = digits.data, digits.target
    indices = np.arange(len(y))
    train, test = train_test_split(indices, test_size=0.25, random_state=0, stratify=y)
    for split, rows in (("train", train), ("test", test)):
        with open(os.path.join(out, f"{split}.csv"), "w") as f:
            f.write(",".join(f"p{i}" for i in range(64)) + ",digit\n")
            for i in rows:
                f.write(",".join(str(int(v)) for v in x[i]) + f",d{y[i]}\n")
        for kind in ("png", "jpeg"):
            for digit in range(10):
                os.makedirs(os.path.join(out, kind, split, f"d{digit}"), exist_ok=True)
            for i in rows:
                pixels = np.rint(x[i].reshape(8, 8) * 255 / 16).astype(np.uint8)
                image = Image.fromarray(pixels).resize((32, 32), Image.Resampling.NEAREST)
                name = os.path.join(out, kind, split, f"d{y[i]}", f"{i:04d}.{'png' if kind == 'png' else 'jpg'}")
                if kind == "png":
                    image.save(name)
                else:
                    image.save(name, quality=95)


if __name__ == "__main__":
    os.makedirs(sys.argv[1], exist_ok=True)
    main(sys.argv[1])
