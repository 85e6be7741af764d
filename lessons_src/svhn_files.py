"""SVHN's cropped-digit files, and where chapter 11 finds its house numbers.

SVHN (Netzer et al., 2011) publishes its 32x32 digits as MATLAB files,
``train_32x32.mat`` and ``test_32x32.mat``: ``X`` holds the images as uint8
of shape 32x32x3xN (height, width, colour, image) and ``y`` the labels as
Nx1, with 10 standing for the digit 0. SVHN is for non-commercial use only,
so the course cannot ship it: a student who has the files (AI Studio offers
the dataset) puts them in ``work/svhn/`` or names their folder with
``SVHN_DIR``. Without them, chapter 11 runs on the course's generated stand-in
(``lessons_src.synthetic_house_numbers``), written in the same format and read
by the same reader. Explained in chapter 11.
"""

import os
import tempfile
from pathlib import Path

import numpy as np

from .mnist_files import DataFileError

SVHN_DIR_ENV = "SVHN_DIR"
FILES = {"train": "train_32x32.mat", "test": "test_32x32.mat"}


def _svhn_dir() -> Path:
    """The folder that may hold SVHN's files: ``SVHN_DIR`` or ``work/svhn``
    (chapter 11)."""
    override = os.environ.get(SVHN_DIR_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "work" / "svhn"


def _has_svhn(folder: Path) -> bool:
    """True when ``folder`` holds both of SVHN's files (chapter 11)."""
    return all((folder / name).is_file() for name in FILES.values())


def read_svhn_mat(path: str | Path) -> tuple[np.ndarray, np.ndarray]:
    """Images (N, 32, 32, 3) uint8 and labels (N,) int64 in 0-9 from one of
    SVHN's ``.mat`` files (chapter 11).

    Raises DataFileError naming the file and what was expected when it is
    missing, unreadable (truncated, not a MATLAB file) or misshaped.
    """
    from scipy.io import loadmat  # SciPy is needed only for these files

    path = Path(path)
    if not path.is_file():
        raise DataFileError(
            f"SVHN file {path} is missing. Put SVHN's train_32x32.mat and "
            f"test_32x32.mat there, or set {SVHN_DIR_ENV} to their folder."
        )
    try:
        content = loadmat(path, variable_names=["X", "y"])
    except Exception as err:  # SciPy raises several kinds for a bad file
        raise DataFileError(
            f"{path} is not a readable MATLAB file ({type(err).__name__}: "
            f"{err}): it is truncated or corrupt. Download it again."
        ) from err
    if "X" not in content or "y" not in content:
        held = sorted(name for name in content if not name.startswith("_"))
        raise DataFileError(
            f"{path} lacks the variables X and y of SVHN's cropped digits "
            f"(it holds {held})."
        )
    images, labels = content["X"], content["y"]
    if images.dtype != np.uint8 or images.ndim != 4:
        raise DataFileError(
            f"{path}: X is {images.dtype} of shape {images.shape}, expected "
            "uint8 of shape 32x32x3xN."
        )
    if images.shape[:3] != (32, 32, 3):
        raise DataFileError(
            f"{path}: X has shape {images.shape}, expected 32x32x3xN."
        )
    count = images.shape[3]
    if labels.size != count or labels.ndim != 2 or labels.shape[1] != 1:
        raise DataFileError(
            f"{path}: y has shape {labels.shape}, expected ({count}, 1), one "
            "label per image."
        )
    labels = labels.reshape(-1).astype(np.int64)
    if labels.min(initial=1) < 1 or labels.max(initial=1) > 10:
        raise DataFileError(
            f"{path}: y holds values from {labels.min()} to {labels.max()}, "
            "expected 1 to 10 (10 stands for the digit 0)."
        )
    return np.ascontiguousarray(images.transpose(3, 0, 1, 2)), labels % 10


def _write_svhn_mat(
    path: str | Path, images: np.ndarray, labels: np.ndarray
) -> None:
    """Write images (N, 32, 32, 3) uint8 and labels 0-9 in SVHN's format,
    atomically (chapter 11; the stand-in and the tests use it)."""
    from scipy.io import savemat

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    labels = np.asarray(labels, dtype=np.uint8).reshape(-1, 1)
    # a partial file of this process's own: two notebooks writing the same
    # file at once each replace it whole, and a reader never sees half
    handle, partial = tempfile.mkstemp(
        dir=path.parent, prefix=path.name, suffix=".partial"
    )
    os.close(handle)
    savemat(
        partial,
        {"X": images.transpose(1, 2, 3, 0), "y": np.where(labels, labels, 10)},
        appendmat=False,
    )
    os.replace(partial, path)
