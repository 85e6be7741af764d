"""The MNIST files in ``work/``: finding them, checking them, reading them.

MNIST ships as four gzip-compressed IDX files. An IDX file is a big-endian
header (a magic number whose last byte is the number of dimensions, one uint32
size per dimension) followed by raw uint8 values. Reading one is a
``np.frombuffer`` call once the header is checked, so loading the training
images takes a fraction of a second. Explained in chapter 2; the file paths are
first used in chapter 1.
"""

import functools
import gzip
import hashlib
import os
import struct
import zlib
from pathlib import Path

import numpy as np

DATA_DIR_ENV = "COURSE_DATA_DIR"

# md5 of each gzip file as shipped in work/ (see work/README.md).
MD5 = {
    "train-images-idx3-ubyte.gz": "c7dfcf1bfd3481a40f7b3aedbdbd083c",
    "train-labels-idx1-ubyte.gz": "d289298a347a2cc65765a3c81043ba88",
    "t10k-images-idx3-ubyte.gz": "ecff87aa27c74fbc2c1f97e89c19221d",
    "t10k-labels-idx1-ubyte.gz": "a38049bc042dc6e683842a84160daae1",
}

# The two parts MNIST is published in, and the file pair of each.
PARTS = {
    "train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
    "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
}

# The course's three splits: which part they come from and which rows of it.
SPLITS = {
    "train": ("train", slice(0, 50_000)),
    "valid": ("train", slice(50_000, 60_000)),
    "eval": ("test", slice(0, 10_000)),
}

_IDX_DTYPE_CODE_UINT8 = 0x08


class DataFileError(RuntimeError):
    """A data file is missing, truncated, corrupt or not the expected file
    (chapter 2)."""


def data_dir() -> Path:
    """The folder holding the MNIST files: ``COURSE_DATA_DIR`` or the
    repository's ``work/`` (chapter 1)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "work"


def _restore_hint(name: str) -> str:
    return (
        f"Copy work/{name} again from the course archive you unpacked (in a "
        f"git clone: `git checkout -- work/{name}`), or point {DATA_DIR_ENV} "
        "at a folder holding the original MNIST files."
    )


def _verified_path(name: str) -> Path:
    """Path of MNIST file ``name`` after checking it exists and its md5 matches
    (chapter 1)."""
    if name not in MD5:
        raise DataFileError(
            f"{name!r} is not an MNIST file of this course; expected one of "
            f"{sorted(MD5)}."
        )
    path = data_dir() / name
    if not path.is_file():
        raise DataFileError(
            f"MNIST file {path} is missing. {_restore_hint(name)}"
        )
    digest = hashlib.md5(path.read_bytes()).hexdigest()
    if digest != MD5[name]:
        raise DataFileError(
            f"MNIST file {path} has md5 {digest}, expected {MD5[name]}: it is "
            f"damaged or a different file. {_restore_hint(name)}"
        )
    return path


def mnist_paths(part: str) -> tuple[Path, Path]:
    """Verified ``(images, labels)`` file paths of MNIST part ``"train"`` or
    ``"test"`` (chapter 1)."""
    if part not in PARTS:
        raise ValueError(
            f"Unknown MNIST part {part!r}; valid parts are {', '.join(PARTS)}."
        )
    images, labels = PARTS[part]
    return _verified_path(images), _verified_path(labels)


def read_idx(path: str | Path) -> np.ndarray:
    """Read a (gzip-compressed) IDX file of uint8 values into an array (chapter
    2).

    Checks the magic number, the dimensions and that the data size matches the
    header exactly; raises DataFileError naming the file and the problem.
    """
    path = Path(path)
    if not path.is_file():
        raise DataFileError(f"IDX file {path} does not exist.")
    try:
        raw = (
            gzip.decompress(path.read_bytes())
            if path.suffix == ".gz"
            else path.read_bytes()
        )
    except (OSError, EOFError, zlib.error) as err:
        raise DataFileError(
            f"{path} is not a readable gzip file ({err}): it is truncated or "
            "corrupt."
        ) from err
    if len(raw) < 4:
        raise DataFileError(
            f"{path} is too short ({len(raw)} bytes) to hold an IDX header."
        )
    zero0, zero1, dtype_code, ndim = raw[:4]
    if (
        zero0
        or zero1
        or dtype_code != _IDX_DTYPE_CODE_UINT8
        or not 1 <= ndim <= 4
    ):
        raise DataFileError(
            f"{path} does not start with an IDX magic number for uint8 data "
            f"(got bytes {raw[:4].hex()}, expected 000008 followed by the "
            "number of dimensions)."
        )
    header_size = 4 + 4 * ndim
    if len(raw) < header_size:
        raise DataFileError(f"{path} is truncated inside its header.")
    shape = struct.unpack(f">{ndim}I", raw[4:header_size])
    expected = int(np.prod(shape))
    actual = len(raw) - header_size
    if actual != expected:
        raise DataFileError(
            f"{path}: the header announces shape {shape} ({expected} bytes of "
            f"data) but the file holds {actual} bytes: it is truncated or "
            "corrupt."
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=header_size).reshape(
        shape
    )


@functools.lru_cache(maxsize=None)
def _read_part(part: str) -> tuple[np.ndarray, np.ndarray]:
    image_path, label_path = mnist_paths(part)
    images, labels = read_idx(image_path), read_idx(label_path)
    if images.ndim != 3 or images.shape[1:] != (28, 28):
        raise DataFileError(
            f"{image_path} holds shape {images.shape}, expected (N, 28, 28)."
        )
    if labels.shape != (len(images),):
        raise DataFileError(
            f"{label_path} holds {labels.shape} labels for {len(images)} "
            f"images in {image_path}."
        )
    labels = labels.astype(np.int64)
    labels.flags.writeable = (
        False  # cached and shared: callers must copy before editing
    )
    return images, labels


def load_split(split: str) -> tuple[np.ndarray, np.ndarray]:
    """Images (N, 28, 28) uint8 and labels (N,) int64 of ``"train"``,
    ``"valid"`` or ``"eval"`` (chapter 2).

    train = the first 50000 MNIST training images, valid = the last 10000,
    eval = the 10000 MNIST test images. The arrays are read-only views of a
    cached copy; call ``.copy()`` before changing them.
    """
    if split not in SPLITS:
        raise ValueError(
            f"Unknown split {split!r}; valid splits are {', '.join(SPLITS)}."
        )
    part, rows = SPLITS[split]
    images, labels = _read_part(part)
    return images[rows], labels[rows]
