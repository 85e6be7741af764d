"""The generated house numbers are the same bytes on every machine with the pinned packages
(requirements.txt: the Pillow that draws them, the NumPy that draws their randomness). Run in
the main environment only: other versions of Pillow may draw a glyph's edge differently."""

import hashlib

import numpy as np
import pytest

from lessons_src import synthetic_house_numbers

pytestmark = pytest.mark.main_env


def checksum(images: np.ndarray, labels: np.ndarray) -> str:
    """sha256 of the images' and labels' bytes."""
    digest = hashlib.sha256(np.ascontiguousarray(images).tobytes())
    digest.update(np.asarray(labels, dtype=np.int64).tobytes())
    return digest.hexdigest()


def test_the_first_images_of_the_stand_in_have_their_pinned_checksum():
    images, labels = synthetic_house_numbers.generate(50, seed=11)
    assert checksum(images, labels) == CHECKSUM


CHECKSUM = "51b39354459bcb3fe724f67a57a2ecf3420cc3c781c3006992bdf89246fa5b94"
