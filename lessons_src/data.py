"""Batches for training: ``load_data`` and the ``MnistDataset`` for
``paddle.io.DataLoader``.

Both turn the course's splits into what the models take: images as float32
[batch, 1, 28, 28] scaled to [0, 1], labels as [batch, 1] (float32 for
regression, int64 for classification). Explained in chapter 2.
"""

from collections.abc import Callable, Iterator

import numpy as np
import paddle

from .mnist_files import SPLITS, load_split

Batch = tuple[np.ndarray, np.ndarray]
LABEL_DTYPES = ("float32", "int64")


def _checked_split(
    mode: str, limit: int | None, label_dtype: str
) -> tuple[np.ndarray, np.ndarray]:
    if mode not in SPLITS:
        raise ValueError(
            f"Unknown mode {mode!r}; load_data accepts "
            f"{', '.join(repr(m) for m in SPLITS)}."
        )
    if label_dtype not in LABEL_DTYPES:
        raise ValueError(
            f"label_dtype must be one of {LABEL_DTYPES}, not {label_dtype!r}."
        )
    images, labels = load_split(mode)
    if limit is not None:
        if limit < 1:
            raise ValueError(
                f"limit must be a positive number of samples, not {limit}."
            )
        images, labels = images[:limit], labels[:limit]
    return images, labels


def to_model_arrays(
    images: np.ndarray, labels: np.ndarray, label_dtype: str
) -> Batch:
    """uint8 images [N, 28, 28] and labels [N] -> float32 [N, 1, 28, 28] in [0,
    1] and [N, 1] labels (chapter 8)."""
    return (
        images[:, None].astype(np.float32) / 255.0,
        labels.reshape(-1, 1).astype(label_dtype),
    )


def load_data(
    mode: str = "train",
    batch_size: int = 100,
    *,
    label_dtype: str = "float32",
    limit: int | None = None,
    shuffle: bool | None = None,
) -> Callable[[], Iterator[Batch]]:
    """A function that yields the batches of one epoch of split ``mode``
    (chapter 2).

    ``mode`` is ``"train"``, ``"valid"`` or ``"eval"``; ``limit`` keeps only
    the first samples (quick mode). The training split is shuffled anew at
    every call (with NumPy's global generator, so ``seed_everything`` makes it
    repeatable); the last, partial batch is kept.
    """
    images, labels = _checked_split(mode, limit, label_dtype)
    shuffle = mode == "train" if shuffle is None else shuffle

    def batches() -> Iterator[Batch]:
        order = (
            np.random.permutation(len(images))
            if shuffle
            else np.arange(len(images))
        )
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            yield to_model_arrays(images[rows], labels[rows], label_dtype)

    return batches


class MnistDataset(paddle.io.Dataset):
    """One split as a map-style ``paddle.io.Dataset`` of (image [1, 28, 28],
    label [1]) (chapter 2)."""

    def __init__(
        self,
        mode: str = "train",
        *,
        label_dtype: str = "float32",
        limit: int | None = None,
    ):
        super().__init__()
        self.images, self.labels = _checked_split(mode, limit, label_dtype)
        self.label_dtype = label_dtype

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int) -> Batch:
        images, labels = to_model_arrays(
            self.images[index : index + 1],
            self.labels[index : index + 1],
            self.label_dtype,
        )
        return images[0], labels[0]
