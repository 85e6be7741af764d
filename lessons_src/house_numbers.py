"""Which house numbers chapter 11 runs on: SVHN when the student has it, else
the course's generated stand-in, both read by the same reader.

``load_house_numbers`` returns the three splits and says where they came
from, so that every result the chapter shows can name its data. Explained in
chapter 11.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import synthetic_house_numbers
from .svhn_files import (
    FILES,
    _has_svhn,
    read_svhn_mat,
    _svhn_dir,
    _write_svhn_mat,
)

STAND_IN_NAME = "generated house numbers (the course's stand-in for SVHN)"
SVHN_NAME = "SVHN (real street-view house numbers)"
# The stand-in's two files are two sets of the generator, seeded apart.
TRAIN_SEED, TEST_SEED = 11, 12
STAND_IN_ROOT = (
    Path(__file__).resolve().parent.parent / "work" / "generated_house_numbers"
)


@dataclass(frozen=True)
class HouseNumbers:
    """Images (N, 32, 32, 3) uint8 and labels (N,) int64 of the three
    splits, the name of the data they came from, and its folder (chapter
    11)."""

    train: tuple[np.ndarray, np.ndarray]
    valid: tuple[np.ndarray, np.ndarray]
    test: tuple[np.ndarray, np.ndarray]
    source: str
    folder: Path

    @property
    def is_svhn(self) -> bool:
        return self.source == SVHN_NAME

    @property
    def label(self) -> str:
        """A short name of the data, for a figure's legend or title."""
        return "SVHN" if self.is_svhn else "generated house numbers"


def _stand_in_folder(train_count: int, test_count: int) -> Path:
    """The folder of the generated stand-in with these counts, written once
    in SVHN's format under ``work/generated_house_numbers/`` (chapter 11)."""
    version = synthetic_house_numbers.RECIPE_VERSION
    folder = STAND_IN_ROOT / f"recipe{version}_{train_count}_{test_count}"
    for name, count, seed in (
        (FILES["train"], train_count, TRAIN_SEED),
        (FILES["test"], test_count, TEST_SEED),
    ):
        if not (folder / name).is_file():
            _write_svhn_mat(
                folder / name, *synthetic_house_numbers.generate(count, seed)
            )
    return folder


def load_house_numbers(
    train: int, valid: int, test: int, folder: Path | None = None
) -> HouseNumbers:
    """The first ``train`` training images, the last ``valid`` ones as the
    validation split, and the first ``test`` test images (chapter 11).

    Reads SVHN from ``folder`` (by default ``SVHN_DIR`` or ``work/svhn``)
    when both of its files are there; otherwise generates the stand-in.
    """
    folder = _svhn_dir() if folder is None else folder
    source = SVHN_NAME
    if not _has_svhn(folder):
        folder, source = _stand_in_folder(train + valid, test), STAND_IN_NAME
    train_images, train_labels = read_svhn_mat(folder / FILES["train"])
    test_images, test_labels = read_svhn_mat(folder / FILES["test"])
    if train + valid > len(train_images) or test > len(test_images):
        raise ValueError(
            f"{folder} holds {len(train_images)} training and "
            f"{len(test_images)} test images; asked for {train} + {valid} "
            f"and {test}."
        )
    return HouseNumbers(
        train=(train_images[:train], train_labels[:train]),
        valid=(train_images[-valid:], train_labels[-valid:]),
        test=(test_images[:test], test_labels[:test]),
        source=source,
        folder=folder,
    )
