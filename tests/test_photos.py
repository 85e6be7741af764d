"""Preparing photos: the sample photos become the MNIST digits they show."""

import json

import numpy as np
import pytest

from lessons_src import PhotoError, data_dir, load_photo, load_split


def test_sample_photos_preprocess_back_to_their_mnist_digits():
    truth = json.loads((data_dir() / "examples.json").read_text())
    images, labels = load_split("eval")
    assert len(truth) >= 3
    for name, info in truth.items():
        photo = load_photo(data_dir() / name)
        assert photo.shape == (28, 28) and photo.dtype == np.float32
        original = images[info["mnist_test_index"]] / 255.0
        assert labels[info["mnist_test_index"]] == info["label"]
        # Resampling twice (28 -> 224 -> 28) blurs a little; the digit itself must match closely.
        assert np.abs(photo - original).mean() < 0.05, name
        assert np.corrcoef(photo.ravel(), original.ravel())[0, 1] > 0.95, name


def test_ink_is_bright_and_paper_dark_after_preprocessing():
    photo = load_photo(data_dir() / "example_0.png")
    assert photo.max() > 0.8
    assert np.median(photo) == 0.0


def test_a_file_that_is_not_an_image_is_a_clear_error(tmp_path):
    fake = tmp_path / "digit.png"
    fake.write_text("this is text, not a picture")
    with pytest.raises(PhotoError, match="digit.png is not an image Pillow can read"):
        load_photo(fake)


def test_a_missing_photo_is_a_clear_error(tmp_path):
    with pytest.raises(PhotoError, match="does not exist"):
        load_photo(tmp_path / "nope.png")


def test_a_blank_photo_is_a_clear_error(tmp_path):
    from PIL import Image

    blank = tmp_path / "blank.png"
    Image.new("RGB", (100, 100), (240, 240, 235)).save(blank)
    with pytest.raises(PhotoError, match="no ink"):
        load_photo(blank)


def test_photo_ink_keeps_the_full_resolution_with_paper_at_zero():
    from PIL import Image

    from lessons_src.photos import photo_ink

    path = data_dir() / "number_0.png"
    ink = photo_ink(path)
    with Image.open(path) as photo:
        assert ink.shape == (photo.height, photo.width)
    assert ink.max() == 1.0 and np.median(ink) == 0.0
    with pytest.raises(PhotoError, match="does not exist"):
        photo_ink(path.with_name("number_99.png"))
