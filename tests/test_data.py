"""load_data and MnistDataset: shapes, types, ranges, shuffling, partial batches, bad modes."""

import numpy as np
import paddle
import pytest

from lessons_src import MnistDataset, load_data, load_split, seed_everything
from lessons_src.data import to_model_arrays


def test_batches_have_model_shapes_types_and_ranges():
    images, labels = next(load_data("valid", batch_size=32)())
    assert images.shape == (32, 1, 28, 28) and images.dtype == np.float32
    assert 0.0 <= images.min() and images.max() <= 1.0
    assert labels.shape == (32, 1) and labels.dtype == np.float32


def test_int64_labels_for_classification():
    _, labels = next(load_data("eval", batch_size=8, label_dtype="int64")())
    assert labels.dtype == np.int64


def test_one_epoch_covers_every_sample_once_and_keeps_the_partial_batch():
    batches = list(load_data("train", batch_size=300, limit=1000)())
    assert [len(b[0]) for b in batches] == [300, 300, 300, 100]
    seen = np.concatenate([b[1].ravel() for b in batches])
    _, labels = load_split("train")
    assert sorted(seen.tolist()) == sorted(labels[:1000].tolist())


def test_training_split_is_shuffled_repeatably_and_others_are_not():
    seed_everything(3)
    first = next(load_data("train", batch_size=50, limit=500)())[1]
    seed_everything(3)
    again = next(load_data("train", batch_size=50, limit=500)())[1]
    np.testing.assert_array_equal(first, again)
    _, labels = load_split("train")
    assert not np.array_equal(first.ravel(), labels[:50])
    valid_first = next(load_data("valid", batch_size=50)())[1].ravel()
    np.testing.assert_array_equal(valid_first, load_split("valid")[1][:50])


def test_each_call_reshuffles():
    seed_everything(0)
    epoch = load_data("train", batch_size=100, limit=1000)
    assert not np.array_equal(next(epoch())[1], next(epoch())[1])


def test_wrong_mode_lists_the_valid_ones():
    with pytest.raises(ValueError, match="'train', 'valid', 'eval'"):
        load_data("test")
    with pytest.raises(ValueError, match="label_dtype"):
        load_data("train", label_dtype="int32")
    with pytest.raises(ValueError, match="limit"):
        MnistDataset("train", limit=0)


def test_dataset_matches_load_data_and_works_with_dataloader():
    dataset = MnistDataset("eval", label_dtype="int64", limit=64)
    image, label = dataset[5]
    assert image.shape == (1, 28, 28) and label.shape == (1,) and label.dtype == np.int64
    images, labels = next(load_data("eval", batch_size=64, label_dtype="int64")())
    np.testing.assert_array_equal(image, images[5])
    loader = paddle.io.DataLoader(dataset, batch_size=16, shuffle=False)
    batch_images, batch_labels = next(iter(loader))
    assert batch_images.shape == [16, 1, 28, 28]
    np.testing.assert_array_equal(batch_labels.numpy(), labels[:16])


def test_to_model_arrays_scales_images_and_shapes_labels():
    images = np.array([[[0, 255], [51, 102]]], dtype=np.uint8)
    scaled, labels = to_model_arrays(images, np.array([7]), "int64")
    assert scaled.shape == (1, 1, 2, 2) and scaled.dtype == np.float32
    assert np.allclose(scaled[0, 0], [[0.0, 1.0], [0.2, 0.4]])
    assert labels.shape == (1, 1) and labels.dtype == np.int64 and labels[0, 0] == 7
