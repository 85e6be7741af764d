"""Render a few real MNIST test digits as photos a reader might take of them.

The photos are 224x224 RGB, dark ink on slightly uneven light paper with a
little sensor noise, so the chapters' preprocessing (grayscale, resize, invert,
normalize) does real work. The digits are the first five images of the MNIST
test set; their true labels go to work/examples.json. Run from the repository
root: `python scripts/make_sample_photos.py` (the output is deterministic).
"""

import json

import numpy as np
from PIL import Image

from lessons_src.mnist_files import data_dir, load_split

COUNT = 5
SIZE = 224
PAPER = np.array([238.0, 233.0, 222.0])  # warm off-white
INK = np.array([35.0, 38.0, 52.0])  # blue-black pen


def render(digit: np.ndarray, rng: np.random.Generator, size: tuple[int, int] = (SIZE, SIZE)) -> Image.Image:
    """MNIST ink (uint8, ink = 255) as an RGB photo of ink on paper, ``size`` = (width, height)."""
    big = Image.fromarray(digit).resize(size, Image.Resampling.BICUBIC)
    ink = np.asarray(big, dtype=np.float64)[..., None] / 255.0
    rows = np.linspace(0.0, 1.0, size[1])[:, None, None]
    lighting = 1.0 - 0.06 * rows  # the lower edge is a little darker, as under a desk lamp
    rgb = (PAPER * (1.0 - ink) + INK * ink) * lighting
    rgb += rng.normal(0.0, 3.0, size=rgb.shape)
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), mode="RGB")


def main() -> None:
    images, labels = load_split("eval")
    rng = np.random.default_rng(0)
    truth = {}
    for index in range(COUNT):
        name = f"example_{index}.png"
        render(images[index], rng).save(data_dir() / name)
        truth[name] = {"label": int(labels[index]), "mnist_test_index": index}
    (data_dir() / "examples.json").write_text(json.dumps(truth, indent=2) + "\n")
    print(json.dumps(truth))


if __name__ == "__main__":
    main()
