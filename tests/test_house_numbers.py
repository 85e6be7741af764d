"""Chapter 11's data: SVHN's file format, the reader's errors, the generated stand-in, and
the range check that says when no range was measured for the data."""

import numpy as np
import pytest
from scipy.io import savemat

from lessons_src import house_numbers, synthetic_house_numbers
from lessons_src.checks import check_range
from lessons_src.mnist_files import DataFileError
from lessons_src.svhn_files import FILES, read_svhn_mat, _write_svhn_mat


def svhn_arrays(count: int) -> tuple[np.ndarray, np.ndarray]:
    """Images and labels as SVHN stores them: X 32x32x3xN uint8, y Nx1 with 10 for 0."""
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, size=(32, 32, 3, count), dtype=np.uint8)
    labels = (np.arange(count) % 10).reshape(-1, 1)
    return images, np.where(labels == 0, 10, labels).astype(np.uint8)


def test_the_reader_turns_svhn_layout_and_label_10_into_images_first_and_digit_0(tmp_path):
    images, labels = svhn_arrays(12)
    savemat(tmp_path / "train_32x32.mat", {"X": images, "y": labels})
    read_images, read_labels = read_svhn_mat(tmp_path / "train_32x32.mat")
    assert read_images.shape == (12, 32, 32, 3) and read_images.dtype == np.uint8
    assert np.array_equal(read_images[5], images[..., 5])
    assert read_labels.tolist() == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]


def test_what_the_course_writes_reads_back_unchanged(tmp_path):
    images = np.random.default_rng(1).integers(0, 256, (7, 32, 32, 3), dtype=np.uint8)
    labels = np.array([0, 9, 3, 0, 1, 2, 5])
    _write_svhn_mat(tmp_path / "x.mat", images, labels)
    read_images, read_labels = read_svhn_mat(tmp_path / "x.mat")
    assert np.array_equal(read_images, images) and read_labels.tolist() == labels.tolist()
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "is missing"),
        (b"MATLAB 5.0 MAT-file, truncated", "not a readable MATLAB file"),
        ({"X": np.zeros((28, 28, 3, 4), np.uint8), "y": np.ones((4, 1))}, "expected 32x32x3xN"),
        ({"X": np.zeros((32, 32, 3, 4), np.float32), "y": np.ones((4, 1))}, "expected uint8"),
        ({"X": np.zeros((32, 32, 3, 4), np.uint8), "y": np.ones((3, 1))}, "one label per image"),
        ({"X": np.zeros((32, 32, 3, 2), np.uint8), "y": np.array([[0], [3]])}, "10 stands for"),
        ({"images": np.zeros((32, 32, 3, 2), np.uint8)}, "lacks the variables X and y"),
    ],
)
def test_a_bad_file_gets_an_error_naming_it_and_what_was_expected(tmp_path, content, expected):
    path = tmp_path / "test_32x32.mat"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        savemat(path, content)
    with pytest.raises(DataFileError, match=expected) as error:
        read_svhn_mat(path)
    assert str(path) in str(error.value)


def test_the_generator_gives_the_same_images_however_many_are_asked_for():
    first, labels = synthetic_house_numbers.generate(6, seed=11)
    again, again_labels = synthetic_house_numbers.generate(3, seed=11, start=3)
    assert first.shape == (6, 32, 32, 3) and first.dtype == np.uint8
    assert np.array_equal(first[3:], again) and np.array_equal(labels[3:], again_labels)
    other, _ = synthetic_house_numbers.generate(3, seed=12)
    assert not np.array_equal(first[:3], other)
    assert set(labels.tolist()) <= set(range(10))


def test_the_chapter_reads_svhn_when_it_is_there_and_else_names_the_stand_in(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(house_numbers, "STAND_IN_ROOT", tmp_path / "generated")
    empty = tmp_path / "no_svhn"
    empty.mkdir()
    stand_in = house_numbers.load_house_numbers(train=8, valid=4, test=5, folder=empty)
    assert stand_in.source == house_numbers.STAND_IN_NAME and not stand_in.is_svhn
    assert stand_in.label == "generated house numbers"
    assert [len(split[0]) for split in (stand_in.train, stand_in.valid, stand_in.test)] == [
        8,
        4,
        5,
    ]
    generated, labels = synthetic_house_numbers.generate(12, house_numbers.TRAIN_SEED)
    assert np.array_equal(stand_in.train[0], generated[:8])
    assert np.array_equal(stand_in.valid[1], labels[8:])

    svhn = tmp_path / "svhn"
    for name, count in ((FILES["train"], 30), (FILES["test"], 10)):
        images, svhn_labels = svhn_arrays(count)
        svhn.mkdir(exist_ok=True)
        savemat(svhn / name, {"X": images, "y": svhn_labels})
    real = house_numbers.load_house_numbers(train=20, valid=5, test=10, folder=svhn)
    assert real.is_svhn and real.source == house_numbers.SVHN_NAME and real.label == "SVHN"
    assert real.valid[1].tolist() == [5, 6, 7, 8, 9]  # the last five of the training file
    with pytest.raises(ValueError, match="holds 30 training and 10 test images"):
        house_numbers.load_house_numbers(train=30, valid=5, test=10, folder=svhn)


def test_a_range_not_measured_for_the_data_is_said_plainly_and_not_asserted(capsys):
    check_range(
        "final model: test accuracy", 0.31, quick=(0.8, 0.9), full=(0.8, 0.9), measured_here=False
    )
    printed = capsys.readouterr().out
    assert printed == (
        "NO RANGE: final model: test accuracy\n    = 0.31 (no range was measured for this data)\n"
    )
    with pytest.raises(AssertionError):
        check_range("final model: test accuracy", 0.31, quick=(0.8, 0.9), full=(0.8, 0.9))
