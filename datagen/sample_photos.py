"""The photos in ``work/``: real MNIST test digits rendered as photos a reader might take.

Each photo is dark ink on slightly uneven light paper with a little sensor noise, so the chapters'
preprocessing (grayscale, resize, invert, normalize) does real work. The output is deterministic.

- ``write_digit_photos``: the first five test digits as 224x224 RGB photos,
  ``work/example_<k>.png``,
  their true labels in ``work/examples.json`` (``.venv/bin/course photos digits``).
- ``write_number_photos``: four photos of four-digit numbers, four test digits side by side with a
  little random spacing and height jitter as in handwriting, ``work/number_<k>.png``, the true
  numbers and the test-set indices of their digits in ``work/numbers.json``
  (``.venv/bin/course photos numbers``). Chapter 9 segments them into digits and reads them.
"""

import json

import numpy as np
from PIL import Image

from lessons_src.mnist_files import data_dir, load_split

DIGIT_PHOTOS = 5
SIZE = 224
PAPER = np.array([238.0, 233.0, 222.0])  # warm off-white
INK = np.array([35.0, 38.0, 52.0])  # blue-black pen
NUMBER_PHOTOS = 4
DIGITS = 4  # per number
SCALE = 6  # photo pixels per MNIST pixel
FIRST_INDEX = 1000  # test digits from here on; examples 0-4 are the single-digit photos


def render(
    digit: np.ndarray, rng: np.random.Generator, size: tuple[int, int] = (SIZE, SIZE)
) -> Image.Image:
    """MNIST ink (uint8, ink = 255) as an RGB photo of ink on paper, ``size`` = (width, height)."""
    big = Image.fromarray(digit).resize(size, Image.Resampling.BICUBIC)
    ink = np.asarray(big, dtype=np.float64)[..., None] / 255.0
    rows = np.linspace(0.0, 1.0, size[1])[:, None, None]
    lighting = 1.0 - 0.06 * rows  # the lower edge is a little darker, as under a desk lamp
    rgb = (PAPER * (1.0 - ink) + INK * ink) * lighting
    rgb += rng.normal(0.0, 3.0, size=rgb.shape)
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), mode="RGB")


def write_digit_photos() -> None:
    """The single-digit photos and their labels."""
    images, labels = load_split("eval")
    rng = np.random.default_rng(0)
    truth = {}
    for index in range(DIGIT_PHOTOS):
        name = f"example_{index}.png"
        render(images[index], rng).save(data_dir() / name)
        truth[name] = {"label": int(labels[index]), "mnist_test_index": index}
    (data_dir() / "examples.json").write_text(json.dumps(truth, indent=2) + "\n")
    print(json.dumps(truth))


def compose(digits: list[np.ndarray], rng: np.random.Generator) -> np.ndarray:
    """Place 28x28 digits left to right on one strip of ink, 21-25 pixels apart."""
    height = 36
    offsets = np.cumsum([0] + [int(rng.integers(21, 26)) for _ in digits[1:]]) + 2
    strip = np.zeros((height, offsets[-1] + 28 + 2), dtype=np.uint8)
    for offset, digit in zip(offsets, digits):
        top = int(rng.integers(0, height - 28 + 1))
        window = strip[top : top + 28, offset : offset + 28]
        np.maximum(window, digit, out=window)
    return strip


def write_number_photos() -> None:
    """The photos of four-digit numbers and their true numbers."""
    images, labels = load_split("eval")
    rng = np.random.default_rng(4)
    truth = {}
    for photo in range(NUMBER_PHOTOS):
        indices = [FIRST_INDEX + photo * DIGITS + k for k in range(DIGITS)]
        strip = compose([images[i] for i in indices], rng)
        name = f"number_{photo}.png"
        size = (strip.shape[1] * SCALE, strip.shape[0] * SCALE)
        render(strip, rng, size).save(data_dir() / name)
        truth[name] = {
            "number": "".join(str(int(labels[i])) for i in indices),
            "mnist_test_indices": indices,
        }
    (data_dir() / "numbers.json").write_text(json.dumps(truth, indent=2) + "\n")
    print(json.dumps(truth))
