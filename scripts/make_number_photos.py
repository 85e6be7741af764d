"""Render photos of four-digit numbers written with real MNIST test digits.

Each photo puts four digits of the MNIST test set side by side, with a little random spacing and
height jitter as in handwriting, and renders the strip like the single-digit photos (dark ink on
uneven paper, sensor noise; see make_sample_photos.py). Chapter 9 segments them into digits and
reads the numbers. The photos go to work/number_<k>.png and the true numbers, with the test-set
indices of their digits, to work/numbers.json. Run from the repository root:
`python scripts/make_number_photos.py` (the output is deterministic).
"""

import json

import numpy as np

from lessons_src.mnist_files import data_dir, load_split
from make_sample_photos import render

PHOTOS = 4
DIGITS = 4
SCALE = 6  # photo pixels per MNIST pixel
FIRST_INDEX = 1000  # test digits from here on; examples 0-4 are the single-digit photos


def compose(digits: list[np.ndarray], rng: np.random.Generator) -> np.ndarray:
    """Place 28x28 digits left to right on one strip of ink, 21-25 pixels apart."""
    height = 36
    offsets = np.cumsum([0] + [int(rng.integers(21, 26)) for _ in digits[1:]]) + 2
    strip = np.zeros((height, offsets[-1] + 28 + 2), dtype=np.uint8)
    for offset, digit in zip(offsets, digits):
        top = int(rng.integers(0, height - 28 + 1))
        window = strip[top:top + 28, offset:offset + 28]
        np.maximum(window, digit, out=window)
    return strip


def main() -> None:
    images, labels = load_split("eval")
    rng = np.random.default_rng(4)
    truth = {}
    for photo in range(PHOTOS):
        indices = [FIRST_INDEX + photo * DIGITS + k for k in range(DIGITS)]
        strip = compose([images[i] for i in indices], rng)
        name = f"number_{photo}.png"
        size = (strip.shape[1] * SCALE, strip.shape[0] * SCALE)
        render(strip, rng, size).save(data_dir() / name)
        truth[name] = {"number": "".join(str(int(labels[i])) for i in indices),
                       "mnist_test_indices": indices}
    (data_dir() / "numbers.json").write_text(json.dumps(truth, indent=2) + "\n")
    print(json.dumps(truth))


if __name__ == "__main__":
    main()
