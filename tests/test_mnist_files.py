"""Reading the MNIST files: correct splits, and clear errors for every kind of bad file."""

import gzip
import shutil

import numpy as np
import pytest

from lessons_src import mnist_files
from lessons_src.mnist_files import (
    DataFileError,
    load_split,
    mnist_paths,
    read_idx,
    _verified_path,
)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of work/ that a test may damage; the cache is cleared around it."""
    for name in mnist_files.MD5:
        shutil.copy(mnist_files.data_dir() / name, tmp_path / name)
    monkeypatch.setenv(mnist_files.DATA_DIR_ENV, str(tmp_path))
    mnist_files._read_part.cache_clear()
    yield tmp_path
    mnist_files._read_part.cache_clear()


def test_splits_have_the_course_sizes_and_match_the_raw_files():
    train_x, train_y = load_split("train")
    valid_x, valid_y = load_split("valid")
    eval_x, eval_y = load_split("eval")
    assert (len(train_x), len(valid_x), len(eval_x)) == (50_000, 10_000, 10_000)
    assert train_x.shape[1:] == (28, 28) and train_x.dtype == np.uint8
    assert train_y.dtype == np.int64 and set(np.unique(eval_y)) == set(range(10))
    all_images = read_idx(mnist_files.data_dir() / "train-images-idx3-ubyte.gz")
    np.testing.assert_array_equal(valid_x, all_images[50_000:])
    np.testing.assert_array_equal(train_x, all_images[:50_000])
    assert train_y[:5].tolist() == [5, 0, 4, 1, 9]  # the well-known first MNIST labels


def test_split_arrays_are_read_only():
    images, labels = load_split("train")
    with pytest.raises(ValueError):
        images[0, 0, 0] = 1
    with pytest.raises(ValueError):
        labels[0] = 1


def test_unknown_split_lists_the_valid_ones():
    with pytest.raises(ValueError, match="valid splits are train, valid, eval"):
        load_split("test")


def test_unknown_part_lists_the_valid_ones():
    with pytest.raises(ValueError, match="valid parts are train, test"):
        mnist_paths("validation")


def test_missing_file_names_it_and_how_to_restore_it(data_copy):
    (data_copy / "t10k-labels-idx1-ubyte.gz").unlink()
    restore = r"t10k-labels-idx1-ubyte.gz is missing.*course archive.*git checkout"
    with pytest.raises(DataFileError, match=restore):
        load_split("eval")


def test_checksum_mismatch_is_reported(data_copy):
    path = data_copy / "train-labels-idx1-ubyte.gz"
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(DataFileError, match=r"has md5 [0-9a-f]{32}, expected d289298a"):
        _verified_path("train-labels-idx1-ubyte.gz")


def test_truncated_gzip_is_reported(tmp_path):
    source = mnist_files.data_dir() / "t10k-labels-idx1-ubyte.gz"
    broken = tmp_path / "labels.gz"
    broken.write_bytes(source.read_bytes()[:2000])
    with pytest.raises(DataFileError, match="truncated or corrupt"):
        read_idx(broken)


def test_data_shorter_than_the_header_announces_is_reported(tmp_path):
    raw = gzip.decompress((mnist_files.data_dir() / "t10k-labels-idx1-ubyte.gz").read_bytes())
    broken = tmp_path / "labels.gz"
    broken.write_bytes(gzip.compress(raw[:-10]))
    with pytest.raises(DataFileError, match=r"announces shape \(10000,\).*holds 9990 bytes"):
        read_idx(broken)


def test_wrong_magic_number_is_reported(tmp_path):
    bogus = tmp_path / "not-idx.gz"
    bogus.write_bytes(gzip.compress(b"PK\x03\x04 this is a zip file, not IDX"))
    with pytest.raises(DataFileError, match="IDX magic number"):
        read_idx(bogus)


def test_missing_idx_file_is_reported(tmp_path):
    with pytest.raises(DataFileError, match="does not exist"):
        read_idx(tmp_path / "nothing.gz")
