"""Turning a photo of handwritten digits into MNIST-like ink.

An MNIST image is 28x28 grayscale with bright ink (255) on a black background
(0); a photo is larger, in colour, with dark ink on paper that is never quite
white. Preparing a photo therefore means: grayscale, invert, and scale to
[0, 1] so that the paper becomes 0 and the darkest ink 1, as in the training
images; for a single digit, also resize to 28x28. Explained in chapter 1;
``photo_ink`` keeps the full resolution for chapter 9, which cuts a photo of a
number into digits.
"""

from pathlib import Path

import numpy as np
from PIL import Image, UnidentifiedImageError


class PhotoError(ValueError):
    """A photo file is missing or is not an image Pillow can read (chapter
    1)."""


def _grayscale(path: Path) -> Image.Image:
    if not path.is_file():
        raise PhotoError(
            f"Photo {path} does not exist; check the path (relative paths "
            f"start at {Path.cwd()})."
        )
    try:
        with Image.open(path) as photo:
            return photo.convert("L")
    except (UnidentifiedImageError, OSError) as err:
        raise PhotoError(
            f"{path} is not an image Pillow can read ({err}); use a PNG or "
            "JPEG photo of dark ink on light paper."
        ) from err


def _ink(gray: Image.Image, path: Path) -> np.ndarray:
    """Grayscale pixels -> ink in [0, 1]: the paper level (the median pixel,
    since most of a photo is paper) becomes 0 and the darkest ink 1."""
    ink = 1.0 - np.asarray(gray, dtype=np.float32) / 255.0
    paper = float(np.median(ink))
    contrast = float(ink.max()) - paper
    if contrast < 0.1:
        raise PhotoError(
            f"{path} shows no ink darker than the paper; photograph dark ink "
            "on light paper."
        )
    return np.clip((ink - paper) / contrast, 0.0, 1.0)


def load_photo(path: str | Path) -> np.ndarray:
    """Read a photo of one dark digit on light paper as a (28, 28) float32
    array in [0, 1] (chapter 1).

    The result has ink near 1 and background 0, like the normalized MNIST
    training images.
    """
    path = Path(path)
    return _ink(
        _grayscale(path).resize((28, 28), Image.Resampling.LANCZOS), path
    )


def photo_ink(path: str | Path) -> np.ndarray:
    """Read a photo of dark ink on light paper at full resolution, ink near 1,
    paper 0 (chapter 9)."""
    path = Path(path)
    return _ink(_grayscale(path), path)
