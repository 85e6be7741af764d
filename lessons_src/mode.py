"""Quick mode and full mode, and the one table that sizes every chapter.

Full mode (the default) reproduces the course's results. Quick mode, switched
on with the environment variable ``COURSE_QUICK=1`` (the tests do this), trims
data and epochs so that a chapter runs in about a minute on two CPU cores.
Every data size and epoch count a chapter uses comes from ``SIZES`` below, so
changing a budget never means hunting through notebooks. Explained in chapter
1.
"""

import os
from dataclasses import dataclass

QUICK_ENV = "COURSE_QUICK"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


@dataclass(frozen=True)
class _Sizes:
    """How much a chapter trains and evaluates.

    ``None`` for a number of samples means the whole split. ``trend_samples``
    sizes the short runs of a chapter that only need to show a trend (chapter
    4's comparison of losses), so that they do not cost a full training.
    ``valid_samples`` and ``transfer_samples`` (a few and more training
    images) size chapter 11's validation split and its transfer study.
    """

    epochs: int
    train_samples: int | None
    eval_samples: int | None = None
    trend_samples: int | None = None
    valid_samples: int | None = None
    transfer_samples: tuple[int, int] | None = None


SIZES: dict[str, dict[str, _Sizes]] = {
    "01_linear_baseline": {
        "quick": _Sizes(epochs=1, train_samples=20_000),
        "full": _Sizes(epochs=10, train_samples=None),
    },
    "02_data_processing": {
        "quick": _Sizes(epochs=3, train_samples=20_000),
        "full": _Sizes(epochs=3, train_samples=None),
    },
    "03_network_structures": {
        "quick": _Sizes(epochs=1, train_samples=15_000, eval_samples=2_000),
        "full": _Sizes(epochs=2, train_samples=None),
    },
    "04_loss_functions": {
        "quick": _Sizes(
            epochs=1,
            train_samples=12_000,
            eval_samples=2_000,
            trend_samples=4_000,
        ),
        "full": _Sizes(epochs=2, train_samples=None, trend_samples=20_000),
    },
    "05_optimizers": {
        "quick": _Sizes(epochs=1, train_samples=4_000, eval_samples=2_000),
        "full": _Sizes(epochs=1, train_samples=15_000),
    },
    "06_gpu_and_distributed": {
        "quick": _Sizes(epochs=1, train_samples=2_000),
        "full": _Sizes(epochs=1, train_samples=10_000),
    },
    "07_debug_regularize_visualize": {
        "quick": _Sizes(epochs=30, train_samples=3_000, eval_samples=2_000),
        "full": _Sizes(epochs=60, train_samples=20_000, eval_samples=None),
    },
    "08_resume_training": {
        "quick": _Sizes(epochs=4, train_samples=2_000),
        "full": _Sizes(epochs=4, train_samples=8_000),
    },
    "09_ten_questions": {
        "quick": _Sizes(epochs=2, train_samples=10_000, eval_samples=2_000),
        "full": _Sizes(epochs=3, train_samples=None, eval_samples=None),
    },
    "10_high_level_api": {
        "quick": _Sizes(
            epochs=1,
            train_samples=3_000,
            eval_samples=2_000,
            trend_samples=1_000,
        ),
        "full": _Sizes(
            epochs=1,
            train_samples=25_000,
            eval_samples=None,
            trend_samples=2_000,
        ),
    },
    "11_house_numbers": {
        "quick": _Sizes(
            epochs=2,
            train_samples=600,
            eval_samples=500,
            trend_samples=300,
            valid_samples=300,
            transfer_samples=(60, 600),
        ),
        "full": _Sizes(
            epochs=3,
            train_samples=2_000,
            eval_samples=2_000,
            trend_samples=500,
            valid_samples=600,
            transfer_samples=(200, 2_000),
        ),
    },
}


def is_quick() -> bool:
    """True when ``COURSE_QUICK`` asks for quick mode (chapter 6; chapter 1
    explains the two modes).

    Raises ValueError for a value that is neither on nor off, rather than
    guessing and silently running the wrong mode.
    """
    raw = os.environ.get(QUICK_ENV, "").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(
        f"{QUICK_ENV}={raw!r} is not understood: use {QUICK_ENV}=1 for quick "
        f"mode or {QUICK_ENV}=0 (or leave it unset) for full mode."
    )


def mode_name() -> str:
    """``"quick"`` or ``"full"``, the mode this process runs in (chapter 1)."""
    return "quick" if is_quick() else "full"


def sizes(chapter: str) -> _Sizes:
    """The epochs and data sizes of ``chapter`` in the current mode (chapter
    1)."""
    if chapter not in SIZES:
        known = ", ".join(sorted(SIZES))
        raise KeyError(
            f"No sizes are defined for chapter {chapter!r}; known chapters: "
            f"{known}."
        )
    return SIZES[chapter][mode_name()]
