"""Quick mode and full mode, and the sizes a chapter runs with in each.

Full mode (the default) reproduces the course's results. Quick mode, switched
on with the environment variable ``COURSE_QUICK=1`` (the tests do this), trims
data and epochs so that a chapter runs in about a minute on two CPU cores.
Every data size and epoch count a chapter uses is given, for both modes, in
its first code cell (``sizes(quick=..., full=...)``). Explained in chapter 1.
"""

import os
from dataclasses import asdict, dataclass

from .run_record import _record

QUICK_ENV = "COURSE_QUICK"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


@dataclass(frozen=True)
class _Sizes:
    """How much a chapter trains and evaluates.

    ``None`` for a number of samples means the whole split. ``trend_samples``
    sizes the short runs of a chapter that only need to show a trend (chapter
    4's comparison of losses), so that they do not cost a full training.
    ``valid_samples`` sizes validation images measured apart from the
    evaluation (chapter 7's curves, checked every epoch; chapter 11's
    validation split); ``transfer_samples`` (a few and more training images)
    sizes chapter 11's transfer study.
    """

    epochs: int
    train_samples: int | None
    eval_samples: int | None = None
    trend_samples: int | None = None
    valid_samples: int | None = None
    transfer_samples: tuple[int, int] | None = None


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


def sizes(*, quick: dict, full: dict) -> _Sizes:
    """The epochs and data sizes of the mode that runs: ``quick`` or ``full``,
    each a dict of ``_Sizes``' fields (chapter 1).

    Raises ValueError when quick mode would train on more epochs or images
    than full mode, and TypeError for a field ``_Sizes`` does not have. A run
    of ``course run`` records the sizes it ran with for the results page.
    """
    small, large = _Sizes(**quick), _Sizes(**full)
    if small.epochs > large.epochs or _more(
        small.train_samples, large.train_samples
    ):
        raise ValueError(
            f"Quick mode must not train more than full mode: {small} "
            f"against {large}."
        )
    chosen = small if is_quick() else large
    _record({"sizes": asdict(chosen)})
    return chosen


def _more(samples: int | None, than: int | None) -> bool:
    """Whether ``samples`` images are more than ``than`` (None: the whole
    split)."""
    return than is not None and (samples is None or samples > than)
